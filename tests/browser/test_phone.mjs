// test_phone.mjs - a unit's clerk on a phone (390x844): the overview, the
// unit page and a project page fit the screen (only the tables' own scroll
// boxes may scroll sideways), and there is no link to the coordinator's pages.
import assert from 'node:assert/strict';
import { BASE_URL, assertClean, login, newPage, path, run, shot } from './lib.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function assertFits(page, what) {
  const m = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    bodyWidth: document.body.scrollWidth,
  }));
  assert.equal(m.innerWidth, 390, `${what}: the viewport is the phone's (meta viewport)`);
  assert.ok(m.scrollWidth <= m.innerWidth + 1, `${what}: the page is ${m.scrollWidth}px wide on a ${m.innerWidth}px screen`);
  assert.ok(m.bodyWidth <= m.innerWidth + 1, `${what}: the body is ${m.bodyWidth}px wide`);
}

await run('reporter on a phone: the overview fits and has no admin links', async (browser) => {
  const page = await newPage(browser, PHONE);
  await page.goto(`${BASE_URL}/login`);
  await assertFits(page, 'login page');
  await login(page, 'unit01');
  await page.getByRole('heading', { level: 1, name: '2022年为全区妇女儿童办实事' }).waitFor();
  await assertFits(page, 'overview');
  // the wide table scrolls inside its own box
  const box = await page.locator('div.scroll', { has: page.locator('table.overview') }).evaluate((el) => ({
    overflowX: getComputedStyle(el).overflowX, scrollWidth: el.scrollWidth, clientWidth: el.clientWidth,
  }));
  assert.ok(['auto', 'scroll'].includes(box.overflowX), `the table's box scrolls: overflow-x ${box.overflowX}`);
  assert.ok(box.clientWidth <= 390, `the table's box fits: ${box.clientWidth}px`);
  assert.ok(await page.locator('table.overview tbody tr').count() >= 10, 'the projects are listed');
  await shot(page, 'phone-1-overview');

  // no way into the coordinator's pages
  assert.equal(await page.locator('a[href^="/admin"]').count(), 0, 'no admin links');
  const text = await page.locator('body').innerText();
  for (const word of ['编辑计划', '账号管理', '审计']) assert.ok(!text.includes(word), `no "${word}" for a reporter`);
  assert.match(await page.locator('header .who').innerText(), /unit01（责任单位·区教体局）/);

  // its own unit, from the menu
  await Promise.all([page.waitForURL(/\/unit\/\d+$/), page.locator('header nav').getByRole('link', { name: '本单位' }).click()]);
  await page.getByRole('heading', { level: 1, name: '区教体局' }).waitFor();
  await assertFits(page, 'unit page');
  await shot(page, 'phone-2-unit');

  // one of its projects
  await Promise.all([page.waitForURL(/\/project\/\d+$/), page.locator('main a[href^="/project/"]').first().click()]);
  await assertFits(page, 'project page');
  await shot(page, 'phone-3-project');

  // a coordinator's page typed by hand is refused
  const r = await page.goto(`${BASE_URL}/admin/users`);
  assert.equal(r.status(), 403);
  assert.match(await page.locator('main').innerText(), /您的账号无权访问此页面/);
  await assertFits(page, '403 page');
  assert.equal(path(page), '/admin/users');
  page.problems = page.problems.filter((p) => !/status of 403/.test(p)); // the refusal itself
  assertClean(page);
});
