// test_dashboard.mjs - 工作调度 in a real browser. The coordinator opens the
// dashboard from the overview, reads the counts (the same as the overview's
// for the round), the SVG charts (role=img, each with a title), the
// laggards with their responsible department, person and phone (as the
// demo data names them), switches rounds with the round links, opens a
// 督办单 from a laggard and downloads its Word file; in print only the
// notice shows. A leader sees the same dashboard and notices without the
// 下发 button. On a phone the page does not overflow sideways.
// Screenshots go to build/browser/; any console error fails the test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, SHOT_DIR, assertClean, login, newPage, overflowX, path, run, shot } from './lib.mjs';

const demo = JSON.parse(readFileSync(new URL('../../data/demo/linzi-2022-reports.json', import.meta.url), 'utf8'));
const contactOf = (no, unit) => demo.contacts.find((c) => c.project === no && c.unit === unit);
const ROUNDS = ['2022年第二季度', '2022年第三季度', '2022年第四季度'];

async function counts(page) {
  const items = await page.locator('main ul.counts li').allInnerTexts();
  return Object.fromEntries(items.map((t) => {
    const m = t.trim().match(/^(\d+)\s*(.+)$/);
    assert.ok(m, `a count: ${t}`);
    return [m[2], Number(m[1])];
  }));
}

async function openDashboard(page) {
  await page.goto(`${BASE_URL}/`);
  await Promise.all([page.waitForURL(/\/p\/\d+\/dashboard$/), page.locator('nav.sub').getByRole('link', { name: '工作调度' }).click()]);
  await page.getByRole('heading', { level: 1, name: '工作调度' }).waitFor();
}

// The laggard sections: [{ no, title, units: [[unit, department, person, phone], ...] }]
async function laggards(page) {
  const out = [];
  for (const section of await page.locator('section.laggard').all()) {
    const h3 = await section.locator('h3').innerText();
    const m = h3.match(/^(\d+)\.\s*(\S+)/);
    const units = [];
    for (const row of await section.locator('tbody tr').all()) units.push((await row.locator('td').allInnerTexts()).slice(0, 4));
    out.push({ no: Number(m[1]), title: m[2], units });
  }
  return out;
}

await run('the coordinator reads the dashboard, switches rounds and downloads a 督办单', async (browser) => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await login(page, 'admin');
  await openDashboard(page);

  // the round links: each switches the page to its round
  const links = page.locator('nav.rounds a');
  assert.deepEqual(await links.allInnerTexts(), ROUNDS);
  assert.equal(await page.locator('nav.rounds a[aria-current="true"]').count(), 1, 'one round is current');
  for (const name of ROUNDS) {
    await Promise.all([page.waitForURL(/\/dashboard\?round=\d+$/), links.filter({ hasText: name }).click()]);
    assert.equal(await page.locator('nav.rounds a[aria-current="true"]').innerText(), name);
    assert.ok((await page.locator('p.round').innerText()).startsWith(`${name} · 统计截至`));
    const c = await counts(page);
    assert.equal(Object.values(c).reduce((a, b) => a + b, 0), 10, `${name}: the ten projects are counted: ${JSON.stringify(c)}`);
    for (const label of ['已完成', '序时推进', '滞后', '严重滞后']) assert.ok(label in c, `${name}: a count of ${label}`);
  }

  // the third quarter: the same counts as the overview's for that round
  await Promise.all([page.waitForURL(/\/dashboard\?round=\d+$/), links.filter({ hasText: '2022年第三季度' }).click()]);
  const dashboardUrl = path(page);
  const round = new URL(page.url()).searchParams.get('round');
  assert.equal(await page.locator('p.round').innerText(), '2022年第三季度 · 统计截至2022年9月30日 · 序时进度 74.7%');
  const here = await counts(page);
  await page.goto(`${BASE_URL}/p/1?round=${round}`);
  assert.deepEqual(await counts(page), here, 'the overview counts the same');
  await page.goto(`${BASE_URL}${dashboardUrl}`);

  // the charts: SVG images named by their titles
  const bars = page.getByRole('img', { name: /^各项目完成率与序时进度/ });
  await bars.waitFor();
  assert.equal(await bars.locator('title').textContent(), '各项目完成率与序时进度');
  const charts = page.locator('svg[role="img"]');
  assert.ok(await charts.count() >= 2, 'the bars and the movement across rounds');
  for (const chart of await charts.all()) {
    assert.ok((await chart.locator('title').textContent()).length > 0, 'every chart has a title');
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 200 && box.height > 100, `the chart is drawn: ${JSON.stringify(box)}`);
  }
  assert.equal(await bars.locator('a').count(), 10, 'a bar (with its link) for each project');

  // the laggards: who is responsible, with the phone
  const lag = await laggards(page);
  const nos = lag.map((l) => l.no);
  for (const no of [2, 6, 10]) assert.ok(nos.includes(no), `project ${no} is behind at Q3 (data/demo/README.md): ${nos}`);
  for (const l of lag) {
    assert.ok(l.units.length > 0, `project ${l.no} names its units`);
    for (const [unit, department, person, phone] of l.units) {
      const c = contactOf(l.no, unit);
      assert.ok(c, `a demo contact for ${unit} on project ${l.no}`);
      assert.deepEqual([department, person, phone], [c.department, c.person, c.phone], `${unit} on project ${l.no}`);
    }
  }
  assert.deepEqual(lag.find((l) => l.no === 10).units, [['区妇联', '权益部', '朱琳', '0533-7180592']]);
  await shot(page, 'dashboard-1-q3');

  // a 督办单 from a laggard, its Word file, and what prints
  const section = page.locator('section.laggard', { has: page.locator('h3', { hasText: /^10\./ }) });
  await Promise.all([page.waitForURL(/\/p\/\d+\/supervise\?/), section.getByRole('link', { name: '督办单' }).click()]);
  const q = new URL(page.url()).searchParams;
  assert.equal(q.get('round'), round);
  const notice = page.locator('article.notice-doc');
  assert.match(await notice.innerText(), /区妇联/);
  assert.match(await notice.innerText(), /实施家庭品质提升工程/);
  assert.equal(await page.getByRole('button', { name: '下发并记入督办记录' }).count(), 1, 'the coordinator may send it');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '下载Word' }).click()]);
  const name = download.suggestedFilename();
  assert.ok(name.endsWith('.docx'), `the download's name: ${name}`);
  assert.ok(name.startsWith('督办单'), name);
  const saved = join(SHOT_DIR, 'dashboard-supervise.docx');
  await download.saveAs(saved);
  const bytes = readFileSync(saved);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a zip (DOCX)');
  assert.ok(bytes.includes('word/document.xml'), 'with a Word document part');
  await shot(page, 'dashboard-2-supervise');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.no-print').first().isVisible(), false, 'buttons and links do not print');
  assert.equal(await page.getByRole('button', { name: '下发并记入督办记录' }).isVisible(), false);
  assert.equal(await notice.isVisible(), true, 'the notice prints');
  await page.emulateMedia({ media: 'screen' });
  // a download ends its navigation with ERR_ABORTED: that is the download, not an error
  page.problems = page.problems.filter((p) => !/^request failed: .*\/supervise\.docx\?.* net::ERR_ABORTED$/.test(p));
  assertClean(page);
});

await run('a leader reads the dashboard and the 督办单 without the 下发 button', async (browser) => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await login(page, 'viewer');
  await openDashboard(page);
  const c = await counts(page);
  assert.equal(Object.values(c).reduce((a, b) => a + b, 0), 10);
  assert.ok(await page.getByRole('img', { name: /^各项目完成率与序时进度/ }).isVisible());
  assert.ok(!(await page.locator('main').innerText()).includes('下发'), 'nothing to send on the dashboard');
  assert.equal(await page.locator('main form[method="post"]').count(), 0, 'no form to change anything');
  await Promise.all([page.waitForURL(/\/supervise\?/), page.locator('section.laggard').first().getByRole('link', { name: '督办单' }).click()]);
  await page.locator('article.notice-doc').waitFor();
  assert.equal(await page.getByRole('button', { name: /下发/ }).count(), 0, 'a leader does not send notices');
  assert.equal(await page.getByRole('link', { name: '下载Word' }).count(), 1, 'but may download one');
  await shot(page, 'dashboard-3-leader-supervise');
  assertClean(page);
});

await run('the dashboard fits a phone', async (browser) => {
  const page = await newPage(browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await login(page, 'admin');
  await openDashboard(page);
  assert.equal(await page.evaluate(() => window.innerWidth), 390, 'the phone\'s viewport');
  assert.ok(await overflowX(page) <= 1, `the page is ${await overflowX(page)}px wider than the screen`);
  assert.ok(await page.getByRole('img', { name: /^各项目完成率与序时进度/ }).isVisible());
  const chart = await page.locator('svg[role="img"]').first().boundingBox();
  assert.ok(chart.x >= 0 && chart.x + chart.width <= 391, `the chart fits: ${JSON.stringify(chart)}`);
  await shot(page, 'dashboard-4-phone');
  assertClean(page);
});
