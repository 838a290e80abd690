// The example portal (examples/portal/) with the built npm package, served under the strict
// Content-Security-Policy `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'` (as a header
// and a meta tag) with no COOP/COEP: the custom element completes an assessment and the host
// receives cxzy-complete with the engine's exact result; a framework with an invalid field shows
// a located error inside the element; two elements on one page do not interfere.
// Needs the package built (scripts/package.sh; scripts/test.sh runs it before these specs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { launch, TODAY, TIMEZONE } from './browser.mjs';
import { cxzy } from './app.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGE = join(ROOT, 'target/npm/cxzy');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
let browser;
let server;
let base;

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

before(async () => {
  assert.ok(existsSync(join(PACKAGE, 'element.js')), 'the npm package is built (bash scripts/package.sh)');
  const stage = mkdtempSync(join(tmpdir(), 'cxzy-portal-'));
  cpSync(join(ROOT, 'examples/portal'), stage, { recursive: true });
  cpSync(join(ROOT, 'tests/e2e/portal-fixtures'), stage, { recursive: true });
  cpSync(PACKAGE, join(stage, 'cxzy'), { recursive: true });
  const port = await freePort();
  server = spawn('node', [join(ROOT, 'scripts/serve-static.mjs'), stage, String(port)], {
    env: { ...process.env, CXZY_HEADERS: JSON.stringify({ 'Content-Security-Policy': CSP }) },
    stdio: 'ignore',
  });
  base = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 50; i++) {
    try { await fetch(base); break; } catch { await new Promise((r) => setTimeout(r, 100)); }
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
});

/** A page on the portal whose clock says TODAY, recording requests elsewhere and every error
 * (a CSP violation is a console error). */
async function portalPage(path) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'zh-CN', timezoneId: TIMEZONE });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+08:00`));
  const foreign = [];
  const errors = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const response = await page.goto(base + path);
  assert.equal(response.headers()['content-security-policy'], CSP, 'served under the strict policy');
  assert.equal(response.headers()['cross-origin-opener-policy'], undefined, 'no COOP needed');
  assert.equal(response.headers()['cross-origin-embedder-policy'], undefined, 'no COEP needed');
  return { page, foreign, errors, context };
}

function clean({ foreign, errors }) {
  assert.deepEqual(foreign, [], 'no request leaves the portal');
  assert.deepEqual(errors, [], 'no error, no CSP violation');
}

/** Rates inside one element: `host` is its CSS selector. */
function rater(page, host) {
  const $ = (css) => page.locator(`${host} ${css}`);
  return {
    $,
    level: (id, level) => $(`label[for="rate-${id}-${level}"]`).click(),
    count: async (id, n) => { await $(`#rate-${id}-count`).fill(String(n)); await $(`#rate-${id}-count`).press('Tab'); },
    next: () => $('#next-step').click(),
    heading: () => $('#step-heading').textContent(),
  };
}

test('the example portal completes an assessment through the element and receives the engine\'s result', async () => {
  const w = await portalPage('');
  const { page } = w;
  const r = rater(page, '#self-assessment');
  await r.$('#step-heading').waitFor();
  const entries = await page.evaluate(() => history.length);
  assert.equal((await r.heading()).trim(), '学习');
  await r.count('study-sessions', 1);
  await r.level('study-notes', 'fair');
  await r.next();
  await r.level('work-tasks', 'good');
  await r.level('work-service', 'na');
  await r.next();
  await r.level('discipline-rules', 'good');
  await page.locator('#self-assessment label[for="rate-discipline-dues-yes"]').click();
  await page.waitForFunction(() => Number(document.getElementById('complete-count').textContent) >= 1);

  const detail = await page.evaluate(() => window.lastComplete);
  assert.equal(detail.result.complete, true);
  // The native engine, same framework and today: the same result, byte for byte.
  const dir = mkdtempSync(join(tmpdir(), 'cxzy-portal-a-'));
  writeFileSync(join(dir, 'a.json'), JSON.stringify(detail.assessment));
  const native = cxzy(['score', '--framework', join(ROOT, 'examples/portal/unit-criteria.json'), '--today', TODAY, join(dir, 'a.json')]).trimEnd();
  assert.equal(JSON.stringify(detail.result), native);
  // The host shows what it received; N/A normalises (80 of 100 applicable).
  assert.equal(await page.textContent('#host-total'), detail.result.total);
  assert.equal(await page.textContent('#host-grade'), detail.result.grade);
  assert.equal(detail.result.max, '80.00');
  assert.ok(Number(await page.textContent('#event-count')) >= 7, 'a cxzy-change for every change');

  // The element's own result page agrees.
  await page.locator('#self-assessment .nav-link', { hasText: '结果' }).click();
  assert.equal(await page.locator('#self-assessment #total').textContent(), detail.result.total);
  // The portal's theme reaches into the shadow root.
  const accent = await page.locator('#self-assessment .nav-link[aria-current]').evaluate((el) => getComputedStyle(el).borderBottomColor);
  assert.equal(accent, 'rgb(29, 78, 137)');
  // The element keeps its page in memory: the host page's location and history are its own.
  assert.equal(await page.evaluate(() => location.hash), '', 'the host page\'s hash is untouched');
  assert.equal(await page.evaluate(() => history.length), entries, 'no history entry added');
  clean(w);
  await w.context.close();
});

test('a framework with an invalid field shows a located error in the element, not a blank box', async () => {
  const w = await portalPage('broken.html');
  const alert = w.page.locator('#broken [role=alert]');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /\/dimensions\/1\/indicators\/0\/points/);
  assert.match(text, /invalid_decimal/);
  assert.match(text, /twenty/);
  // The failed fetch of a bad framework is not an error of the page itself.
  assert.deepEqual(w.foreign, []);
  assert.deepEqual(w.errors, []);
  await w.context.close();
});

test('two elements on one page keep their own frameworks, data and events', async () => {
  const w = await portalPage('two.html');
  const { page } = w;
  const first = rater(page, '#first');
  const second = rater(page, '#second');
  await first.$('#step-heading').waitFor();
  await second.$('#step-heading').waitFor();
  assert.equal((await first.heading()).trim(), '学习');
  assert.equal((await second.$('.nav-link').first().textContent()).trim(), 'Rate', 'each element has its own language');

  await first.level('study-notes', 'good');
  await second.level('study-theory', 'fair');
  await page.waitForFunction(() => window.received.first.length >= 2 && window.received.second.length >= 2);
  const received = await page.evaluate(() => window.received);
  const last = (list) => list[list.length - 1];
  assert.equal(last(received.first).assessment.framework.id, 'example-bureau-branch-1');
  assert.equal(last(received.second).assessment.framework.id, 'member-five-leads');
  assert.deepEqual(last(received.first).assessment.sheets.map((s) => Object.keys(s.ratings)).flat(), ['study-notes']);
  assert.deepEqual(last(received.second).assessment.sheets.map((s) => Object.keys(s.ratings)).flat(), ['study-theory']);
  assert.equal(last(received.second).assessment.period.start, '2026-01-01');
  assert.equal(await first.$('#live-total').textContent(), '10.00');
  // Only the element with a storage key stored anything, under that key.
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(keys, ['portal-test/second']);

  // A bad assessment from the host: a located error in that element, the app still there; a
  // good one afterwards clears it.
  const good = last(received.first).assessment;
  await page.evaluate(() => { document.getElementById('first').assessment = { schema: 'cxzy/assessment@1', framework: { id: 'example-bureau-branch-1', version: '2026.1' }, period: { start: '2026-13-01', end: '2026-12-31' }, sheets: [] }; });
  await first.$('[role=alert]').waitFor();
  assert.match(await first.$('[role=alert]').textContent(), /\/period\/start/);
  assert.equal(await second.$('[role=alert]').count(), 0, 'the other element is untouched');
  await page.evaluate((a) => { document.getElementById('first').assessment = { ...a, sheets: [] }; }, good);
  await page.waitForFunction(() => !document.getElementById('first').shadowRoot.querySelector('[role=alert]'));
  await page.waitForFunction(() => document.getElementById('first').shadowRoot.querySelector('#live-total')?.textContent === '0.00');
  clean(w);
  await w.context.close();
});
