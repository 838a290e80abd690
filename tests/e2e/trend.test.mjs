// Coming back next half-year: an assessment for 2026 上半年, then one for 2026 下半年 of the same
// framework; the second result shows the trend (趋势) with the change of the total, as the engine
// computes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, assertClean } from './browser.mjs';
import { ALL_GOOD, MIXED, pages } from './app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const cents = (s) => Math.round(Number(s) * 100);
const signed = (c) => `${c > 0 ? '+' : c < 0 ? '−' : ''}${(Math.abs(c) / 100).toFixed(2)}`;

test('the second half-year’s result shows the change since the first', async () => {
  const w = await watchedPage(browser);
  const { page } = w;
  const p = pages(page);
  await p.shell.open();

  await p.start.begin({ year: 2026, half: 1, name: '赵六' });
  await p.rate.rateAllByMouse(MIXED);
  await p.rate.seeResult();
  const first = await p.result.total();
  assert.equal(await page.locator('#trend').count(), 0, 'no trend for the first half-year');

  await p.shell.nav('start');
  await p.start.begin({ year: 2026, half: 2 });
  assert.equal(await p.rate.liveTotal(), '0.00', 'a new assessment, not the first one again');
  await p.rate.rateAllByMouse(ALL_GOOD);
  await p.rate.seeResult();
  const second = await p.result.total();
  assert.equal(second, '100.00');

  const trend = page.locator('#trend');
  await trend.waitFor();
  assert.match(await trend.innerText(), /2026/, 'the trend names the previous period');
  assert.match(await trend.innerText(), /上半年/);
  const change = (await page.textContent('#trend-total')).trim();
  const expected = cents(second) - cents(first);
  // The engine's sign: "+15.70" (a minus may be ASCII or U+2212).
  assert.equal(change.replace('-', '−'), signed(expected), `change ${first} → ${second}`);

  await p.shell.nav('history');
  assert.equal(await page.locator('#records li').count(), 2, 'both half-years are in the history');
  assertClean(w);
  await page.close();
});
