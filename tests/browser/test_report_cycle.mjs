// test_report_cycle.mjs - the quarterly report's whole cycle in a real
// browser, through the forms a clerk and the office use: unit01 (区教体局)
// logs in, opens its report for the open round from its unit page, fills
// 本季度具体措施 and a figure, saves a draft, submits; the coordinator opens
// it from the 报送情况 matrix and returns it with a reason; unit01 sees the
// reason at the top, edits and resubmits; the coordinator accepts; the
// overview shows the new figure. Screenshots go to build/browser/; any
// console error (a CSP violation) fails the test.
import assert from 'node:assert/strict';
import { BASE_URL, assertClean, login, logout, newPage, path, run, shot } from './lib.mjs';

const ROUND = '2022年第四季度';
const FIGURE = '提供公办学位';

// The text of each cell of the overview's row for an indicator.
async function overviewRow(page, indicator) {
  const row = page.locator('table.overview tr', { has: page.locator('td', { hasText: new RegExp(`^${indicator}$`) }) }).first();
  const cells = await row.locator('td').allInnerTexts();
  const at = cells.indexOf(indicator);
  assert.ok(at >= 0, `overview row of ${indicator}: ${cells}`);
  return { target: cells[at + 1], actual: cells[at + 2], completion: cells[at + 3], status: cells[at + 4] };
}

async function openReportFromUnitPage(page) {
  await Promise.all([page.waitForURL(/\/unit\/\d+$/), page.locator('header nav').getByRole('link', { name: '本单位' }).click()]);
  // the table of rounds: the open round's cell of project 1 links to the report
  const head = await page.locator('main table thead th').allInnerTexts();
  const col = head.findIndex((t) => t.startsWith(ROUND));
  assert.ok(col > 0, `a column for ${ROUND}: ${head}`);
  const cell = page.locator('main table tbody tr').first().locator('td').nth(col);
  await Promise.all([page.waitForURL(/\/report\/\d+\/\d+\/\d+$/), cell.getByRole('link').click()]);
  await page.getByRole('heading', { level: 1, name: new RegExp(`^${ROUND} · 区教体局`) }).waitFor();
  return path(page);
}

await run('a report is filled, submitted, returned, resubmitted and accepted', async (browser) => {
  const page = await newPage(browser, { viewport: { width: 1280, height: 900 } });

  // ---- the clerk fills and saves a draft, then submits
  await login(page, 'unit01');
  const before = await overviewRow(page, FIGURE);
  let reportPath = await openReportFromUnitPage(page);
  assert.match(await page.locator('h1 .badge').innerText(), /^未报$/);
  const figure = page.getByLabel(`${FIGURE}累计完成`);
  assert.equal(await figure.inputValue(), '600', 'prefilled from the Q3 report');
  const measures = page.getByLabel('本季度具体措施及任务进度情况');
  const first = '浏览器测试：辛店街道幼儿园改扩建主体完工，新增公办学位100个。';
  await measures.fill(first);
  await figure.fill('700');
  await Promise.all([page.waitForURL(`${BASE_URL}${reportPath}?saved=save`), page.getByRole('button', { name: '保存草稿' }).click()]);
  await page.getByText('草稿已保存。').waitFor();
  assert.equal(await page.getByLabel('本季度具体措施及任务进度情况').inputValue(), first);
  assert.match(await page.locator('h1 .badge').innerText(), /^草稿$/);
  await shot(page, 'cycle-1-draft');
  await Promise.all([page.waitForURL(`${BASE_URL}${reportPath}?saved=submit`), page.getByRole('button', { name: '报送' }).click()]);
  await page.getByText('已报送，等待协调办公室审核。').waitFor();
  assert.equal(await page.getByRole('button', { name: '报送' }).count(), 0, 'read-only once submitted');
  assert.equal(await page.locator('textarea').count(), 0);
  await shot(page, 'cycle-2-submitted');
  await logout(page);

  // ---- the coordinator finds it in the 报送情况 matrix and returns it with a reason
  await login(page, 'admin');
  await Promise.all([page.waitForURL(/\/round\/\d+\/status$/), page.locator('nav.sub').getByRole('link', { name: '报送情况' }).click()]);
  assert.match(await page.locator('main').innerText(), new RegExp(ROUND));
  await Promise.all([page.waitForURL(`${BASE_URL}${reportPath}`), page.locator(`table.sv-matrix a[href="${reportPath}"]`).click()]);
  assert.match(await page.locator('main').innerText(), new RegExp(first));
  const reason = '浏览器测试：新增学位数与教育统计系统不一致，请核实后重报。';
  await page.getByLabel('退回理由').fill(reason);
  await shot(page, 'cycle-3-review');
  await Promise.all([page.waitForURL(`${BASE_URL}${reportPath}`), page.getByRole('button', { name: '退回修改' }).click()]);
  assert.match(await page.locator('h1 .badge').innerText(), /^退回$/);
  assert.equal(await page.getByRole('button', { name: '采纳' }).count(), 0, 'nothing left to review');
  await logout(page);

  // ---- the clerk sees the reason at the top, edits and resubmits
  await login(page, 'unit01');
  reportPath = await openReportFromUnitPage(page);
  const alert = page.getByRole('alert').filter({ hasText: '协调办公室退回了此报告' });
  await alert.waitFor();
  assert.match(await alert.innerText(), new RegExp(reason));
  const alertBox = await alert.boundingBox();
  const formBox = await page.getByLabel('本季度具体措施及任务进度情况').boundingBox();
  assert.ok(alertBox.y < formBox.y, 'the reason is above the form');
  assert.equal(await page.getByLabel(`${FIGURE}累计完成`).inputValue(), '700', 'the returned figures are kept');
  const second = '浏览器测试：经核对，辛店街道幼儿园改扩建完成，公办学位735个全部提供。';
  await page.getByLabel('本季度具体措施及任务进度情况').fill(second);
  await page.getByLabel(`${FIGURE}累计完成`).fill('735');
  await shot(page, 'cycle-4-returned');
  await Promise.all([page.waitForURL(`${BASE_URL}${reportPath}?saved=submit`), page.getByRole('button', { name: '报送' }).click()]);
  assert.equal(await page.getByRole('alert').filter({ hasText: '协调办公室退回了此报告' }).count(), 0, 'the reason is gone');
  await logout(page);

  // ---- the coordinator accepts; the overview moves
  await login(page, 'admin');
  await page.goto(`${BASE_URL}${reportPath}`);
  assert.match(await page.locator('main').innerText(), new RegExp(second));
  await Promise.all([page.waitForURL(`${BASE_URL}${reportPath}`), page.getByRole('button', { name: '采纳' }).click()]);
  assert.match(await page.locator('h1 .badge').innerText(), /^已采纳$/);
  await page.getByRole('link', { name: /历次版本（共5版）/ }).waitFor();
  await Promise.all([page.waitForURL(`${BASE_URL}/`), page.locator('header nav').getByRole('link', { name: '总览' }).click()]);
  const roundLine = await page.locator('p.round').innerText();
  assert.ok(roundLine.startsWith(ROUND), `the overview shows the round just reported: ${roundLine}`);
  const after = await overviewRow(page, FIGURE);
  assert.equal(before.actual, '600个');
  assert.equal(after.actual, '735个', `the accepted figure: ${JSON.stringify(after)}`);
  assert.equal(after.completion, '100.0%');
  assert.equal(after.status, '已完成');
  await page.locator('table.overview tr', { has: page.getByText(FIGURE, { exact: true }) }).first().scrollIntoViewIfNeeded();
  await shot(page, 'cycle-5-overview', { fullPage: false });
  assertClean(page);
});
