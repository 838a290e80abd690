// Shared by the end-to-end specs: one headless Chromium (Debian's), the app's base URL, a fixed
// "today" for the page's clock, and a watch on every request and console message so that every
// spec can assert that nothing leaves for another host and nothing logs an error.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';

export const BASE_URL = process.env.CXZY_BASE_URL ?? 'http://127.0.0.1:8089/';
export const ARTIFACTS = process.env.CXZY_ARTIFACTS ?? 'test-artifacts';

/** The date every page believes it is (its clock is frozen at 10:00 that day, Beijing time). */
export const TODAY = '2026-09-15';
export const TIMEZONE = 'Asia/Shanghai';

/** Chromium, headless; `args`: more command-line switches. */
export async function launch({ args = [] } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic', ...args,
    ],
  });
}

/**
 * A new page in a fresh context (its own storage) that records requests to other origins and
 * any page or console error. Options: Playwright context options (viewport, locale, …) and
 * `today` (YYYY-MM-DD, default TODAY; null leaves the real clock) and `base` (the app's address,
 * whose origin is the page's own; default BASE_URL).
 */
export async function watchedPage(browser, { today = TODAY, base = BASE_URL, ...options } = {}) {
  const page = await browser.newPage({
    viewport: { width: 360, height: 800 },
    locale: 'zh-CN',
    timezoneId: TIMEZONE,
    acceptDownloads: true,
    ...options,
  });
  if (today) await page.clock.setFixedTime(new Date(`${today}T10:00:00+08:00`));
  const origin = new URL(base).origin;
  const foreign = [];
  const errors = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== origin) foreign.push(r.url());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return { page, foreign, errors };
}

/** Privacy and health, asserted at the end of every spec: no other host, no error logged. */
export function assertClean({ foreign, errors }) {
  assert.deepEqual(foreign, [], 'no request may leave for another host');
  assert.deepEqual(errors, [], 'no page or console errors');
}

/** A free TCP port on loopback, for a server a spec starts itself. */
export function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}
