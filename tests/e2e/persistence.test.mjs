// Everything is kept across a reload (localStorage `cxzy/v1`): ratings, a lapse count, a note, a
// commitment (overdue on the page's today), and the chosen language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, assertClean } from './browser.mjs';
import { pages } from './app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const FIRST_STEP = { 'study-attendance': 3, 'study-theory': 'fair', 'study-conviction': 'good', 'study-knowledge': 'poor' };
const NOTE = '参加党课 6 次,写心得 2 篇';
const COMMITMENT = { text: '每月走访联系群众一次', dimension: 'service', due: '2026-09-01' };

test('ratings, notes, commitments and the language survive a reload', async () => {
  const w = await watchedPage(browser);
  const { page } = w;
  const p = pages(page);
  await p.shell.open();
  await p.start.begin({ name: '王五' });
  for (const [id, value] of Object.entries(FIRST_STEP)) await p.rate.rateByMouse(id, value);
  await page.click('#item-study-theory summary');
  await page.fill('#note-study-theory', NOTE);
  const live = await p.rate.liveTotal();

  await p.shell.nav('result');
  await p.result.waitFor();
  await p.result.addCommitment(COMMITMENT);
  const item = page.locator('#commitments li[data-commitment]');
  assert.equal(await item.count(), 1);
  assert.match(await item.getAttribute('class'), /\boverdue\b/, 'due 2026-09-01 is overdue on 2026-09-15');
  await p.shell.setLanguage('zh-Hant');

  const stored = await page.evaluate(() => localStorage.getItem('cxzy/v1'));
  assert.ok(stored && stored.includes(NOTE), 'the note is in localStorage under cxzy/v1');

  await page.reload();
  await page.waitForSelector('.nav-link');
  assert.equal(await page.inputValue('#lang'), 'zh-Hant', 'the language select');
  assert.equal(await p.shell.htmlLang(), 'zh-Hant', '<html lang>');
  assert.deepEqual(await p.shell.navLabels(), ['開始', '評分', '結果', '歷次記錄', '本單位標準', '民主評議', '資料']);

  await p.shell.nav('rate');
  await p.rate.waitFor();
  assert.equal(await p.rate.liveTotal(), live, 'the live total');
  for (const [id, value] of Object.entries(FIRST_STEP)) {
    if (typeof value === 'number') assert.equal(await page.inputValue(`#rate-${id}-count`), String(value), id);
    else assert.ok(await page.isChecked(`#rate-${id}-${value}`), `${id} is still ${value}`);
  }
  assert.equal(await page.inputValue('#note-study-theory'), NOTE, 'the note');
  assert.ok(await page.locator('#item-study-theory details').evaluate((d) => d.open), 'a note keeps its details open');

  await p.shell.nav('result');
  await p.result.waitFor();
  const kept = page.locator('#commitments li[data-commitment]');
  assert.equal(await kept.count(), 1, 'the commitment');
  assert.match(await kept.innerText(), new RegExp(COMMITMENT.text));
  assert.match(await kept.getAttribute('class'), /\boverdue\b/);

  await p.shell.nav('history');
  assert.equal(await page.locator('#records li').count(), 1, 'one record in the history');
  assertClean(w);
  await page.close();
});
