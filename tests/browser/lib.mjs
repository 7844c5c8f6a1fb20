// lib.mjs - what the browser tests share: launching Debian's Chromium through
// playwright-core (never a downloaded browser: the network is closed), logging
// in through the real form, screenshots, and a check that the page raised no
// error (a Content-Security-Policy violation shows up as a console error).
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL;
export const PASSWORD = process.env.SHISHI_PASSWORD || 'demo-pass-123';
export const SHOT_DIR = process.env.SHOT_DIR || 'build/browser';
if (!BASE_URL) throw new Error('BASE_URL is not set: run tests/browser/run.sh BIN');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// A page that records every console error, uncaught exception and failed
// request; call assertClean(page) before the test ends.
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', ...contextOptions });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => {
    // the browser asks for /favicon.ico on its own; shishi has none (a 404 is fine)
    if (m.type() === 'error' && !(m.location()?.url || '').endsWith('/favicon.ico')) {
      page.problems.push(`console: ${m.text()} (${m.location()?.url})`);
    }
  });
  page.on('pageerror', (e) => page.problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // the browser's own favicon fetch is cancelled when a test navigates on quickly
    if (/\/favicon\.(ico|svg)$/.test(new URL(r.url()).pathname) && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    page.problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) page.problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return page;
}

export function assertClean(page) {
  assert.deepEqual(page.problems, [], 'the pages raised errors');
}

export function path(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

// Logs in through the form, as a person would: type, click, land on the overview.
export async function login(page, account, password = PASSWORD) {
  await page.goto(`${BASE_URL}/`);
  assert.equal(path(page), '/login?next=%2F', 'an anonymous visitor is sent to the login form');
  await page.getByLabel('账号').fill(account);
  await page.getByLabel('密码').fill(password);
  await Promise.all([page.waitForURL(`${BASE_URL}/`), page.getByRole('button', { name: '登录' }).click()]);
  assert.equal(path(page), '/');
}

export async function shot(page, name, { fullPage = true } = {}) {
  mkdirSync(SHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SHOT_DIR, `${name}.png`), fullPage });
}

// Runs body(browser); prints one line and sets the exit status.
export async function run(name, body) {
  const browser = await launch();
  const started = Date.now();
  try {
    await body(browser);
    console.log(`ok: ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  } catch (e) {
    console.log(`FAIL: ${name}\n${e.stack || e}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

// Logs out through the header's button and lands on the login form.
export async function logout(page) {
  await Promise.all([page.waitForURL(/\/login$/), page.getByRole('button', { name: '退出' }).click()]);
}

// How far the page is wider than the window (0 when nothing overflows sideways).
export async function overflowX(page) {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);
}
