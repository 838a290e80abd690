// A 五带头 self-assessment completed with the mouse on a phone (360×800, zh-CN): every item
// rated, a lapse count, a bonus and a deduction recorded; the figures on the result page are the
// engine's: the exported assessment scored by the native command line with the same "today"
// gives the same total, grade and gap order, and the same result document byte for byte.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { ARTIFACTS, TODAY, launch, watchedPage, assertClean } from './browser.mjs';
import { MIXED, gradeLabel, pages, scoreNatively } from './app.mjs';

/** Where two texts first differ, with some context. */
function firstDifference(a, b) {
  let k = 0;
  while (k < a.length && a[k] === b[k]) k++;
  const at = Math.max(0, k - 40);
  return `  at character ${k}\n  export: …${a.slice(at, k + 60)}…\n  engine: …${b.slice(at, k + 60)}…`;
}

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a member rates every item with the mouse and the result page shows the engine’s figures', async () => {
  const w = await watchedPage(browser, { viewport: { width: 360, height: 800 }, locale: 'zh-CN' });
  const { page } = w;
  const p = pages(page);
  await p.shell.open();
  assert.equal(await p.shell.htmlLang(), 'zh-Hans');

  await p.start.begin({ subject: 'member-five-leads', name: '张三', unit: '第一党支部' });
  assert.equal(await p.rate.liveTotal(), '0.00');
  await p.rate.rateAllByMouse(MIXED, { records: { bonus: ['commend-unit'], deductions: { 'notice-criticism': 1 } } });
  assert.match(await p.rate.progress(), /22 \/ 22/);
  const live = await p.rate.liveTotal();
  await p.rate.seeResult();

  const shown = { total: await p.result.total(), grade: await p.result.grade(), gaps: await p.result.gapOrder() };
  assert.equal(shown.total, live, 'the result page shows the live total');
  assert.equal(shown.total, '83.30', 'hand-checked: 100 − 15.70 lost + 1 bonus − 2 deduction');

  const { name, text } = await p.result.exportJson();
  writeFileSync(`${ARTIFACTS}/${name}`, text);
  const exported = JSON.parse(text);
  assert.deepEqual(Object.keys(exported).sort(), ['assessment', 'result']);
  assert.equal(exported.assessment.framework.id, 'member-five-leads');
  assert.deepEqual(exported.assessment.period, { start: '2026-07-01', end: '2026-12-31' }, 'the half-year of today');

  const native = scoreNatively(exported.assessment, TODAY);
  assert.equal(shown.total, native.result.total, 'total');
  assert.equal(shown.grade, gradeLabel(native.result.grade), 'grade label');
  assert.deepEqual(shown.gaps, native.result.gaps.map((g) => g.indicator), 'gap order');
  // Hand-checked order: lost descending, ties in framework order.
  assert.deepEqual(shown.gaps, ['perf-innovation', 'study-attendance', 'ethos-criticism', 'study-knowledge',
    'service-volunteer', 'perf-tasks', 'study-theory', 'service-contact', 'ethos-example', 'discipline-rules']);

  assert.deepEqual(exported.result, native.result, 'the exported result is the engine’s result');
  const bytes = JSON.stringify(exported.result);
  assert.ok(bytes === native.text,
    `the exported result is the engine’s document byte for byte (same fields, same order); first difference:\n${firstDifference(bytes, native.text)}`);

  assertClean(w);
  await page.close();
});
