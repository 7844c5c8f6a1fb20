// test_admin_flow.mjs - the coordinator's round trip in a real browser: log
// in through the form, open the programme overview, open a project's edit
// page, change an indicator's target, save, see the new target on the project
// and on the overview, and find the change (before and after) in the audit
// trail. Screenshots go to build/browser/.
import assert from 'node:assert/strict';
import { BASE_URL, assertClean, login, newPage, path, run, shot } from './lib.mjs';

await run('admin changes a target and sees it on the overview and in the audit trail', async (browser) => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });
  await login(page, 'admin');

  // the overview
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '2022年为全区妇女儿童办实事' }).waitFor());
  const header = await page.locator('header .who').innerText();
  assert.match(header, /admin（协调办公室）/);
  await shot(page, 'admin-1-overview');

  // a project, then its edit page
  const title = '实施教育资源品质提升工程';
  await Promise.all([page.waitForURL(/\/project\/\d+$/), page.getByRole('link', { name: title, exact: true }).first().click()]);
  const projectPath = path(page);
  await Promise.all([page.waitForURL(/\/admin\/project\/\d+$/), page.getByRole('link', { name: '编辑项目' }).click()]);
  assert.equal(path(page), projectPath.replace('/project/', '/admin/project/'));
  const nameInput = page.locator('input[name="indicators[0].name"]');
  const targetInput = page.locator('input[name="indicators[0].target"]');
  const measure = await page.locator('input[name="indicators[0].measure"]').inputValue();
  const name = await nameInput.inputValue();
  const oldTarget = Number(await targetInput.inputValue());
  assert.ok(name && Number.isFinite(oldTarget), `indicator ${name} has target ${oldTarget}`);
  const newTarget = oldTarget + 4;
  await targetInput.fill(String(newTarget));
  await shot(page, 'admin-2-edit');
  await Promise.all([page.waitForURL(`${BASE_URL}${projectPath}`), page.getByRole('button', { name: '保存' }).click()]);

  // the project page shows the new target
  const row = page.locator('tr', { has: page.locator('td', { hasText: new RegExp(`^${name}$`) }) }).first();
  const projectCells = await row.locator('td').allInnerTexts();
  assert.equal(projectCells[1], `≥${newTarget}${measure}`, `project page: ${projectCells}`);

  // the overview too
  await Promise.all([page.waitForURL(`${BASE_URL}/`), page.locator('header nav').getByRole('link', { name: '总览' }).click()]);
  const overviewRow = page.locator('table.overview tr', { has: page.locator('td', { hasText: new RegExp(`^${name}$`) }) }).first();
  await overviewRow.scrollIntoViewIfNeeded();
  const cells = await overviewRow.locator('td').allInnerTexts();
  const at = cells.indexOf(name);
  assert.ok(at >= 0, `overview row: ${cells}`);
  assert.equal(cells[at + 1], `≥${newTarget}${measure}`, `overview shows the new target: ${cells}`);
  assert.ok(!cells.includes(`≥${oldTarget}${measure}`));
  await shot(page, 'admin-3-overview-after');

  // the audit trail: the newest row is this change, with before and after
  await Promise.all([page.waitForURL(`${BASE_URL}/admin/audit`), page.locator('header nav').getByRole('link', { name: '审计' }).click()]);
  const first = page.locator('table.audit tbody tr').first();
  const auditCells = await first.locator('td').allInnerTexts();
  assert.equal(auditCells[2], 'admin');
  assert.equal(auditCells[3], '127.0.0.1');
  assert.equal(auditCells[4], 'programme.update');
  const before = first.locator('pre').nth(0);
  const after = first.locator('pre').nth(1);
  assert.equal(await after.isVisible(), false, 'before/after are folded until asked for');
  await first.getByText('查看').click();
  assert.equal(await after.isVisible(), true);
  assert.equal(await first.getByText('修改前').isVisible(), true);
  assert.equal(await first.getByText('修改后').isVisible(), true);
  const targetIn = (json) => {
    const doc = JSON.parse(json);
    const project = doc.projects.find((p) => p.title === title);
    return project.indicators.find((i) => i.name === name).target;
  };
  assert.equal(targetIn(await before.innerText()), oldTarget, 'before: the old target');
  assert.equal(targetIn(await after.innerText()), newTarget, 'after: the new target');
  await first.getByText('修改后').scrollIntoViewIfNeeded();
  await shot(page, 'admin-4-audit', { fullPage: false }); // the whole programme, before and after: long

  // and out
  await Promise.all([page.waitForURL(/\/login$/), page.getByRole('button', { name: '退出' }).click()]);
  await page.goto(`${BASE_URL}/admin/audit`);
  assert.equal(path(page), '/login?next=%2Fadmin%2Faudit', 'logged out');
  assertClean(page);
});
