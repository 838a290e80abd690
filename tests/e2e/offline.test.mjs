// Installable, and working with the network off (issue 14). A copy of the build is served as
// deployed (scripts/serve-static.mjs --csp) on a port of this spec's own, so that the spec can
// stop the server and bring it back with a newer build on the same origin:
// - on http://127.0.0.1 (a secure context) the service worker takes control on the first visit;
//   a member starts a 五带头 self-assessment; the network goes off (the context's offline switch,
//   and the server stopped); the page reloads from the worker's cache and the assessment is
//   completed to its result;
// - back online, the server has a newer build: a reload still shows the version the page has
//   (never half-applied) and offers the new one, announced, in the page's language; 「刷新」 from
//   the keyboard reloads once into it, whose cache kept the framework used before;
// - on a LAN name over plain HTTP (not a secure context) no worker registers and the app works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, watchedPage, assertClean, freePort } from './browser.mjs';
import { MIXED, ROOT, gradeLabel, pages } from './app.mjs';

const DIST = process.env.CXZY_DIST ?? join(ROOT, 'dist');
/** A name for this machine that is not loopback: plain HTTP to it is not a secure context. */
const LAN_HOST = 'cxzy-lan.test';
const site = join(mkdtempSync(join(tmpdir(), 'cxzy-offline-')), 'site');
let browser;
let port;
let server;

/** Serves the copy on `port`, once it listens. */
async function serve() {
  server = spawn(process.execPath, [join(ROOT, 'scripts/serve-static.mjs'), site, String(port), '--csp'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ok, fail) => {
    server.stdout.once('data', ok);
    server.once('exit', (code) => fail(new Error(`serve-static exited (${code})`)));
  });
}

async function stop() {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((ok) => server.once('exit', ok));
  server.kill();
  await exited;
}

/** The version written into the served sw.js. */
const version = () => readFileSync(join(site, 'sw.js'), 'utf8').match(/^const VERSION = '([0-9a-f]+)';$/m)?.[1];

before(async () => {
  cpSync(DIST, site, { recursive: true });
  assert.ok(version(), 'the build has a service worker (scripts/build-sw.mjs)');
  port = await freePort();
  await serve();
  browser = await launch({ args: [`--host-resolver-rules=MAP ${LAN_HOST} 127.0.0.1`] });
});

after(async () => {
  await browser?.close();
  await stop();
  rmSync(join(site, '..'), { recursive: true, force: true });
});

test('sw.js and the manifest are served fresh, with their types; the manifest makes the app installable', async () => {
  const base = `http://127.0.0.1:${port}/`;
  const sw = await fetch(`${base}sw.js`);
  assert.equal(sw.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(sw.headers.get('cache-control'), 'no-cache');
  const manifest = await fetch(`${base}manifest.webmanifest`);
  assert.equal(manifest.headers.get('content-type'), 'application/manifest+json');
  assert.equal(manifest.headers.get('cache-control'), 'no-cache');
  const m = await manifest.json();
  assert.equal(m.lang, 'zh-Hans');
  assert.equal(m.display, 'standalone');
  assert.equal(new URL(m.start_url, `${base}manifest.webmanifest`).href, base);
  for (const size of ['192x192', '512x512']) {
    const icon = m.icons.find((i) => i.sizes === size && i.type === 'image/png' && i.purpose === 'any');
    assert.ok(icon, `a ${size} PNG icon`);
    const r = await fetch(new URL(icon.src, base));
    assert.equal(r.headers.get('content-type'), 'image/png');
  }
  assert.ok(m.icons.some((i) => i.purpose === 'maskable'));
});

test('on a LAN name over plain HTTP no service worker registers, and the app works as without', async () => {
  const lanBase = `http://${LAN_HOST}:${port}/`;
  const w = await watchedPage(browser, { base: lanBase });
  const { page } = w;
  await page.goto(lanBase);
  assert.deepEqual(await page.evaluate(() => [window.isSecureContext, 'serviceWorker' in navigator]), [false, false]);
  await pages(page).start.begin({ subject: 'member-five-leads' });
  assert.equal(await page.locator('#update-notice').count(), 0);
  assertClean(w);
  await page.close();
});

test('after the first visit a self-assessment is completed with the network off; a newer build is offered, then taken', async () => {
  const base = `http://127.0.0.1:${port}/`;
  const w = await watchedPage(browser, { base });
  const { page } = w;
  const p = pages(page);
  const first = version();
  const cacheNames = () => page.evaluate(() => window.caches.keys());

  // First visit: the worker installs (the first load cached) and takes control of this page.
  await page.goto(base);
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { polling: 100 });
  assert.deepEqual(await cacheNames(), [`cxzy-${first}`]);
  await p.start.begin({ subject: 'member-five-leads', name: '张三', unit: '第一党支部' });
  // The framework chosen is cached as the app fetched it.
  await page.waitForFunction(async (name) => Boolean(await (await window.caches.open(name)).match('frameworks/member-five-leads.json')),
    `cxzy-${first}`, { polling: 100 });

  // The network off, and the server gone too: the page comes back from the worker's cache.
  await page.context().setOffline(true);
  await stop();
  await page.reload();
  await p.rate.waitFor();
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  await p.rate.rateAllByMouse(MIXED, { records: { bonus: ['commend-unit'], deductions: { 'notice-criticism': 1 } } });
  await p.rate.seeResult();
  assert.equal(await p.result.total(), '83.30', 'as rate-by-mouse: 100 − 15.70 lost + 1 bonus − 2 deduction');
  assert.equal(await p.result.grade(), gradeLabel('qualified'));

  // A newer build on the server: its page carries a mark, its sw.js is written anew.
  const html = readFileSync(join(site, 'index.html'), 'utf8');
  writeFileSync(join(site, 'index.html'), html.replace('</head>', '<meta name="cxzy-build" content="newer" /></head>'));
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-sw.mjs'), site]);
  const second = version();
  assert.ok(second && second !== first, 'a new version');
  await serve();
  await page.context().setOffline(false);

  // The next visit fetches sw.js: the newer version installs and waits, while this page is still
  // the version it was (from its cache), and offers the new one.
  await page.reload();
  await p.result.waitFor();
  const notice = page.locator('#update-notice');
  await notice.waitFor();
  assert.equal(await page.locator('meta[name="cxzy-build"]').count(), 0, 'still the version in control');
  assert.deepEqual(await cacheNames(), [`cxzy-${first}`, `cxzy-${second}`], "the old version's cache, the new one's beside it");
  assert.equal(await page.locator('[role="status"] > #update-notice').count(), 1, 'in a live region');
  assert.equal((await notice.innerText()).replace(/\s+/g, ' ').trim(), '有新版本,刷新后使用。 刷新');
  const button = await page.locator('#update-apply').boundingBox();
  assert.ok(button.x >= 0 && button.x + button.width <= 360, 'the button fits a 360 px screen');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling');
  await p.shell.setLanguage('zh-Hant');
  assert.equal(await page.textContent('#update-apply'), '重新整理');
  await p.shell.setLanguage('en');
  assert.match(await notice.innerText(), /A new version is ready/);

  // Taken from the keyboard: the page reloads once, into the newer version.
  let loads = 0;
  page.on('load', () => { loads += 1; });
  const reloaded = page.waitForEvent('load');
  await page.focus('#update-apply');
  await page.keyboard.press('Enter');
  await reloaded;
  await p.result.waitFor();
  assert.equal(await page.locator('meta[name="cxzy-build"]').count(), 1, 'the newer page');
  await page.waitForFunction((v) => window.caches.keys().then((k) => k.join() === `cxzy-${v}`), second, { polling: 100 });
  assert.ok(await page.evaluate(async (name) => Boolean(await (await window.caches.open(name)).match('frameworks/member-five-leads.json')),
    `cxzy-${second}`), 'the framework used is kept across the update (the same bytes)');
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.state), 'activated');
  assert.equal(await page.locator('#update-notice').count(), 0);
  assert.equal(await p.result.total(), '83.30', 'the record kept');
  assert.equal(loads, 1, 'reloaded once');
  assertClean(w);
  await page.close();
});
