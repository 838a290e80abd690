// A 五带头 self-assessment completed with the keyboard only (Tab, Shift+Tab, Space, Enter,
// arrow keys; no clicks): the skip link, the start form, every item of every step, a note, the
// organisation's records, and on to the result. Focus must move sensibly: to the step's heading
// when the step changes, never onto something off screen, and to the new page after a page change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, assertClean } from './browser.mjs';
import { indicator, makeAssessment, pages, scoreNatively } from './app.mjs';
import { focused, describe, press, tabTo } from './keyboard.mjs';

const PLAN = {
  'study-attendance': 1, 'study-theory': 'good', 'study-conviction': 'good', 'study-knowledge': 'fair',
  'study-expertise': 'good', 'perf-duty': 'good', 'perf-tasks': 'good', 'perf-innovation': 'average',
  'perf-dedication': 'good', 'service-help': 'good', 'service-contact': 'good', 'service-rights': 'fair',
  'service-volunteer': 'good', 'discipline-party': 'good', 'discipline-law': 'good', 'discipline-rules': 'good',
  'discipline-integrity': 'good', 'discipline-dues': 'yes', 'ethos-morals': 'good', 'ethos-stand': 'poor',
  'ethos-criticism': 'good', 'ethos-example': 'good',
};
const NOTE = { id: 'study-theory', text: '每周自学两次,写心得三篇' };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Rates the focused item's control group with the keyboard. */
async function rateItem(page, id, value) {
  const ind = indicator(id);
  if (typeof value === 'number') {
    await tabTo(page, `#item-${id} button.inc`);
    await press(page, 'Space', value);
    assert.equal(await page.inputValue(`#rate-${id}-count`), String(value), `${id}: count`);
    return;
  }
  // Tab lands on the group's first radio when none is checked; Space checks it, an arrow moves
  // to the next one and checks it.
  await tabTo(page, `#item-${id} input[type=radio]`);
  const options = ind.scale.kind === 'levels' ? ind.scale.levels.map((l) => l.id) : ['yes', 'no'];
  const k = options.indexOf(value);
  assert.ok(k >= 0, `${id}: ${value} is an option`);
  if (k === 0) await press(page, 'Space');
  else await press(page, 'ArrowDown', k);
  assert.equal((await focused(page)).id, `rate-${id}-${value}`, `${id}: focus stays on the chosen option`);
  assert.ok(await page.isChecked(`#rate-${id}-${value}`), `${id}: ${value} is checked`);
}

test('a member completes the self-assessment with the keyboard only', async () => {
  const w = await watchedPage(browser, { viewport: { width: 360, height: 800 }, locale: 'zh-CN' });
  const { page } = w;
  const p = pages(page);
  await p.shell.open();
  await page.waitForSelector('#begin');

  // The skip link comes first and takes focus to the main content.
  await press(page, 'Tab');
  assert.match(describe(await focused(page)), /^a\.skip/, 'the first Tab reaches the skip link');
  await press(page, 'Enter');
  assert.equal((await focused(page)).id, 'main', 'the skip link moves focus to <main>');

  // The start form: the half-year with an arrow key, the name typed, Enter on the button.
  await tabTo(page, '#half');
  await press(page, 'ArrowUp');
  assert.equal(await page.inputValue('#half'), '1', 'ArrowUp on the half-year select picks 上半年');
  await tabTo(page, '#name');
  await page.keyboard.type('李四');
  await tabTo(page, '#begin');
  await press(page, 'Enter');
  await page.waitForSelector('#step-heading');

  for (let step = 0; ; step++) {
    for (const id of await p.rate.itemIds()) {
      await rateItem(page, id, PLAN[id]);
      if (id === NOTE.id) {
        await tabTo(page, `#item-${id} summary`);
        await press(page, 'Enter');
        await tabTo(page, `#note-${id}`);
        await page.keyboard.type(NOTE.text);
      }
    }
    if (!(await page.$('#next-step'))) break;
    await tabTo(page, '#next-step');
    // Shift+Tab goes back to the control just before (in reading order), Tab forward again.
    await press(page, 'Shift+Tab');
    assert.ok(await page.evaluate(() => Boolean(document.activeElement.compareDocumentPosition(
      document.querySelector('#next-step')) & Node.DOCUMENT_POSITION_FOLLOWING)), 'Shift+Tab moves back in reading order');
    await tabTo(page, '#next-step', { max: 1 });
    const before = await p.rate.heading();
    await press(page, 'Enter');
    await page.waitForFunction((h) => document.querySelector('#step-heading')?.textContent.trim() !== h, before);
    await page.waitForFunction(() => document.activeElement?.id === 'step-heading');
    assert.ok((await focused(page)).onScreen, `step ${step + 2}: the focused heading is on screen`);
  }
  assert.match(await p.rate.progress(), /22 \/ 22/);

  // The organisation's records: one bonus item with Space.
  await tabTo(page, '#bonus-commend-unit');
  await press(page, 'Space');
  assert.ok(await page.isChecked('#bonus-commend-unit'));

  await tabTo(page, '#see-result');
  await press(page, 'Enter');
  await p.result.waitFor();

  const expected = scoreNatively(makeAssessment(PLAN, { half: 1, bonus: ['commend-unit'], notes: { [NOTE.id]: NOTE.text } })).result;
  assert.equal(await p.result.total(), expected.total);
  assert.match(await page.textContent('.report-head'), /2026/);
  assert.match(await page.textContent('.report-head'), /上半年/);

  // The result page is usable by keyboard: Tab reaches the export button.
  await tabTo(page, '#export-json', { max: 200 });
  assertClean(w);
  await page.close();
});

test('a page change by keyboard moves focus to the new page (not to <body>)', async () => {
  const w = await watchedPage(browser);
  const { page } = w;
  const p = pages(page);
  await p.shell.open();
  await page.waitForSelector('#begin');
  await tabTo(page, '#begin');
  await press(page, 'Enter');
  await page.waitForSelector('#step-heading');
  await page.waitForTimeout(100);
  const afterBegin = describe(await focused(page));
  await tabTo(page, '#see-result', { max: 80 });
  await press(page, 'Enter');
  await p.result.waitFor();
  await page.waitForTimeout(100);
  const afterResult = describe(await focused(page));
  assert.ok(!afterBegin.startsWith('body') && !afterResult.startsWith('body'),
    `focus after 开始评分: ${afterBegin}; after 查看结果: ${afterResult} (expected the new page's heading)`);
  assertClean(w);
  await page.close();
});
