// Shared by the end-to-end specs: one headless Chromium (Debian's), the app's base URL, and a
// watch on every request so a test can assert that nothing leaves for another host.
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.CXZY_BASE_URL ?? 'http://127.0.0.1:8089/';
export const ARTIFACTS = process.env.CXZY_ARTIFACTS ?? 'test-artifacts';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--disable-quic',
    ],
  });
}

/** A new page that records requests to other origins and any page or console error. */
export async function watchedPage(browser, options = {}) {
  const page = await browser.newPage(options);
  const origin = new URL(BASE_URL).origin;
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
