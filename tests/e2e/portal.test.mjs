// The example portal (examples/portal/) with the built npm package, served under the strict
// Content-Security-Policy `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'` (as a header
// and a meta tag) with no COOP/COEP: the custom element completes an assessment and the host
// receives cxzy-complete with the engine's exact result; a framework with an invalid field shows
// a located error inside the element; two elements on one page do not interfere; frameworks of
// version 2 (the golden vectors' bureau and township rules) rated by counters and explained.
// Needs the package built (scripts/package.sh; scripts/test.sh runs it before these specs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, TODAY, TIMEZONE, freePort } from './browser.mjs';
import { cxzy } from './app.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGE = join(ROOT, 'target/npm/cxzy');
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
let browser;
let server;
let base;
let stage;
const VECTORS = join(ROOT, 'tests/vectors');

before(async () => {
  assert.ok(existsSync(join(PACKAGE, 'element.js')), 'the npm package is built (bash scripts/package.sh)');
  stage = mkdtempSync(join(tmpdir(), 'cxzy-portal-'));
  cpSync(join(ROOT, 'examples/portal'), stage, { recursive: true });
  cpSync(join(ROOT, 'tests/e2e/portal-fixtures'), stage, { recursive: true });
  // Frameworks of version 2 (v2.html): the golden vectors' documents, served beside the page.
  cpSync(join(VECTORS, 'v2-bureau-member-c/framework.json'), join(stage, 'bureau.json'));
  cpSync(join(VECTORS, 'v2-township-b/framework.json'), join(stage, 'township.json'));
  cpSync(join(VECTORS, 'v2-township-b/assessment.json'), join(stage, 'township-b.json'));
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
async function portalPage(path, viewport = { width: 1000, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: TIMEZONE });
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

test('frameworks of version 2 in the element: counters, claims, and the explanation of events, cut-offs, tallies and rules', async () => {
  // At 360 px, as on a phone.
  const w = await portalPage('v2.html', { width: 360, height: 800 });
  const { page } = w;
  const b = rater(page, '#bureau');
  const host = page.locator('#bureau');
  await b.$('#step-heading').waitFor();
  assert.equal((await b.heading()).trim(), '思想政治素质');
  const plus = (item, event) => host.getByRole('button', { name: `增加一次:${item} · ${event}`, exact: true });
  const score = (id) => b.$(`#score-${id} strong`).textContent();
  const typeCount = async (id, n) => { await b.$(`#${id}`).fill(String(n)); await b.$(`#${id}`).press('Tab'); };
  const none = (id) => b.$(`label[for="rate-${id}-none"]`).click();

  // 支部会议: late three times by mouse, the fourth by keyboard; the cut-off at 4 sets 0.
  assert.equal(await b.$('#score-meetings').getAttribute('aria-live'), 'polite', 'the score is announced as it changes');
  assert.equal(await score('meetings'), '—', 'unrated');
  for (let k = 0; k < 3; k++) await plus('支部会议', '迟到或早退').click();
  await page.waitForFunction(() => document.getElementById('bureau').shadowRoot.querySelector('#score-meetings strong')?.textContent === '8.50');
  await plus('支部会议', '迟到或早退').focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.getElementById('bureau').shadowRoot.querySelector('#score-meetings strong')?.textContent === '0.00');
  assert.equal(await b.$('#rate-meetings-late').inputValue(), '4');
  assert.match(await b.$('#score-meetings').textContent(), /「迟到或早退」满 4 次不得分/);
  await typeCount('rate-activities-absent', 3);
  await plus('志愿服务活动', '缺席').click();
  await plus('志愿服务活动', '缺席').click();
  await page.waitForFunction(() => document.getElementById('bureau').shadowRoot.querySelector('#score-volunteer strong')?.textContent === '5.00');
  await b.next();
  // 学习: nothing missing, said explicitly (unrated is not "none").
  assert.equal(await score('theory'), '—');
  await none('theory');
  await none('notes');
  assert.equal(await b.$('#rate-notes-none').isChecked(), true);
  await b.next();
  await typeCount('rate-dedication-points', 7);
  await typeCount('rate-participation-points', 5);
  await plus('互助共建社区活动', '表现不好').click();
  await plus('互助共建社区活动', '表现不好').click();
  await none('four');
  await b.next();
  await typeCount('rate-law-points', 9.5);
  await none('rules');
  await b.next();
  // The organisation's records: a counted bonus, scoped to one item.
  assert.match(await b.$('.stepper:has(#adjust-commended) .hint').textContent(), /计入「参加各项活动」/);
  await host.getByRole('button', { name: '增加一次:受上级通报表扬', exact: true }).click();
  await host.getByRole('button', { name: '增加一次:受上级通报表扬', exact: true }).click();
  await page.waitForFunction(() => {
    const list = window.received.bureau;
    return list.length > 0 && list[list.length - 1].assessment.adjustments?.[0]?.count === 2;
  });

  // The native engine, same framework and today: the same result, byte for byte (C: 70.50 合格).
  const detail = await page.evaluate(() => window.received.bureau[window.received.bureau.length - 1]);
  assert.equal(detail.assessment.schema, 'cxzy/assessment@2');
  const vector = JSON.parse(readFileSync(join(VECTORS, 'v2-bureau-member-c/assessment.json'), 'utf8'));
  assert.deepEqual(detail.assessment.sheets[0].ratings, vector.sheets[0].ratings, 'the counts, as the bureau\'s case C');
  const dir = mkdtempSync(join(tmpdir(), 'cxzy-portal-v2-'));
  writeFileSync(join(dir, 'a.json'), JSON.stringify(detail.assessment));
  const native = cxzy(['score', '--framework', join(stage, 'bureau.json'), '--today', TODAY, join(dir, 'a.json')]).trimEnd();
  assert.equal(JSON.stringify(detail.result), native);
  assert.equal(detail.result.total, '70.50');
  assert.equal(await b.$('#live-total').textContent(), '70.50');

  // The result: the explanation shows each event's count and change, and the cut-off.
  await b.$('.nav-link:has-text("结果")').click();
  assert.equal(await b.$('#total').textContent(), '70.50');
  await b.$('tr[data-explains="meetings"] details summary').click();
  assert.match(await b.$('tr[data-explains="meetings"] .events li[data-event="late"]').textContent(), /迟到或早退 × 4: −2\.00/);
  assert.match(await b.$('tr[data-explains="meetings"] .events .cutoff').textContent(), /「迟到或早退」满 4 次不得分/);
  assert.match(await b.$('tr[data-indicator="meetings"] > td').first().textContent(), /迟到或早退 4 次/, 'the rating, readable');
  // The bonus as applied: counted in its item, held at the item's points there.
  assert.match(await b.$('#adjustments tr[data-adjustment="commended"]').textContent(), /受上级通报表扬2参加各项活动\+4\.00/);
  await b.$('tr[data-explains="participation"] details summary').click();
  assert.match(await b.$('tr[data-explains="participation"] .explain').textContent(), /已达本项上限/);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'nothing wider than the phone');

  // The township (case b, the host's assessment): trust below half fires its rule and caps
  // the grade; the tally and the rules say count / base = share beside the bound, in words.
  const townshipFw = join(stage, 'township.json');
  const oracle = JSON.parse(cxzy(['score', '--framework', townshipFw, '--today', TODAY, join(stage, 'township-b.json')]));
  const tw = rater(page, '#township');
  await tw.$('#step-heading').waitFor();
  await tw.$('.nav-link:has-text("结果")').click();
  await tw.$('#total').waitFor();
  assert.equal(await tw.$('#total').textContent(), oracle.total);
  assert.equal(oracle.grade, 'unqualified');
  assert.equal((await tw.$('#grade').textContent()).trim(), '不合格');
  assert.match(await tw.$('#grade-reason').textContent(), /因规则「群众信任率达不到50%」已触发,等次最高为「不合格」/);
  for (const rule of oracle.rules) {
    const li = tw.$(`#rules li[data-rule="${rule.id}"]`);
    assert.equal(await li.evaluate((el) => el.classList.contains('fired')), rule.fired);
    assert.match(await li.locator('.rule-share').textContent(), new RegExp(`${rule.count} / ${rule.base} = ${rule.share}%`));
    assert.match(await li.textContent(), rule.fired ? /已触发/ : /未触发/);
  }
  assert.equal(await tw.$('#rules li[data-rule="trust-rule"] .rule-bound').textContent(), '不足 50.00%(不含 50.00%)');
  assert.equal(await tw.$('#rules li[data-rule="conditions-rule"] .rule-bound').textContent(), '50.00% 以上(含 50.00%)');
  const trust = oracle.indicators.find((i) => i.id === 'trust');
  await tw.$('tr[data-explains="trust"] details summary').click();
  for (const option of trust.tally.options) {
    const cells = await tw.$(`tr[data-explains="trust"] .tally tr[data-option="${option.id}"] td`).allTextContents();
    assert.deepEqual(cells, [String(option.count), `${option.share}%`]);
  }
  // The item's rating reads as its tally (counts beside shares), not as one sheet's vote.
  const [first] = trust.tally.options;
  assert.match(await tw.$('tr[data-indicator="trust"] > td').first().textContent(), new RegExp(`信任 ${first.count} \\(${first.share}%\\)`));
  clean(w);
  await w.context.close();
});
