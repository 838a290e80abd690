// What-if on the result page: changing an item's rating shows a banner with the total it would
// give (the engine's figure for the changed assessment) without touching the saved one; undo
// restores, keep saves it and #total follows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, assertClean } from './browser.mjs';
import { MIXED, gradeLabel, importAssessment, makeAssessment, pages, scoreNatively } from './app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('what-if: a changed item shows the would-be total; undo restores; keep saves', async () => {
  const w = await watchedPage(browser);
  const { page } = w;
  const p = pages(page);
  await p.shell.open();
  await importAssessment(page, makeAssessment(MIXED));
  const saved = await p.result.total();
  assert.equal(saved, scoreNatively(makeAssessment(MIXED)).result.total);

  // 开拓创新 from 差 to 好: the engine's figure for that assessment.
  const better = scoreNatively(makeAssessment({ ...MIXED, 'perf-innovation': 'good' })).result;
  const select = p.result.whatIf('perf-innovation');
  assert.equal(await select.inputValue(), 'poor');
  await select.selectOption('good');
  const banner = page.locator('#whatif');
  await banner.waitFor();
  const figures = await page.textContent('#whatif-figures');
  assert.ok(figures.includes(better.total), `the banner shows ${better.total}: ${figures}`);
  assert.ok(figures.includes(gradeLabel(better.grade)), 'and its grade');
  assert.notEqual(better.total, saved);
  assert.equal(await p.result.total(), saved, '#total keeps the saved figure');

  await page.click('#whatif-undo');
  await banner.waitFor({ state: 'detached' });
  assert.equal(await p.result.total(), saved, 'undo: the saved total');
  assert.equal(await select.inputValue(), 'poor', 'undo: the saved rating');

  // A lapse count (a number input) and a level together, then keep.
  const both = makeAssessment({ ...MIXED, 'perf-innovation': 'fair', 'study-attendance': 0 });
  const expected = scoreNatively(both).result;
  await select.selectOption('fair');
  await banner.waitFor();
  const count = p.result.whatIf('study-attendance');
  await count.fill('0');
  await count.press('Enter');
  await page.waitForFunction((t) => document.querySelector('#whatif-figures')?.textContent.includes(t), expected.total);
  await page.click('#whatif-keep');
  await banner.waitFor({ state: 'detached' });
  assert.equal(await p.result.total(), expected.total, 'keep: #total is the what-if total');
  assert.equal(await p.result.grade(), gradeLabel(expected.grade));

  // Kept means saved: the rate page shows the new rating.
  await p.shell.nav('rate');
  await p.rate.waitFor();
  await page.locator('.steps .step').nth(1).click();
  await page.waitForSelector('#item-perf-innovation');
  assert.ok(await page.isChecked('#rate-perf-innovation-fair'));
  assertClean(w);
  await page.close();
});
