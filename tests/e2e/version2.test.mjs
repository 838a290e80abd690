// A framework of version 2 on the site: the built-in 支部条件 (branch-rules-2002-member 2.0.0,
// cxzy/framework@2), which counts events — absences (−1 each), reports made (from 0, +1 each,
// full at 3), months without a talk. On a phone (360×800, zh-CN) a member rates every item, the
// counted ones with a counter per event (mouse and keyboard) and an explicit "none of these
// happened", claims a bonus and a deduction by count; the live item scores, the result, its
// explanation (each event's count and change) and the CSV are the engine's: the exported
// assessment (cxzy/assessment@2) scored by the native command line gives the same result
// document byte for byte; a reload reads the stored version-2 record back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TODAY, launch, watchedPage, assertClean } from './browser.mjs';
import { ROOT, cxzy, pages } from './app.mjs';

const ID = 'branch-rules-2002-member';
const FILE = join(ROOT, `core/frameworks/json/${ID}.json`);
const FRAMEWORK = JSON.parse(readFileSync(FILE, 'utf8'));
const ITEMS = Object.fromEntries(FRAMEWORK.dimensions.flatMap((d) => d.indicators).map((i) => [i.id, i]));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The score an item's live region shows on the rate page. */
const liveScore = (page, id) => page.textContent(`#score-${id} strong`);
const waitScore = (page, id, value) => page.waitForFunction(([sel, v]) => document.querySelector(sel)?.textContent === v,
  [`#score-${id} strong`, value]);

test('a framework of version 2 on the site: counters per event, counted claims, the engine\'s result and explanation', async () => {
  assert.equal(FRAMEWORK.schema, 'cxzy/framework@2', 'the built-in is of version 2');
  const w = await watchedPage(browser, { viewport: { width: 360, height: 800 }, locale: 'zh-CN' });
  const { page } = w;
  const p = pages(page);
  await p.shell.open();
  await p.start.waitFor();
  await page.selectOption('#framework', ID);
  await page.click('#begin');
  await page.waitForSelector('#live-total');

  for (;;) {
    for (const id of await p.rate.itemIds()) {
      const ind = ITEMS[id];
      const item = page.locator(`#item-${id}`);
      if (ind.scale.kind === 'levels') {
        await item.locator(`label[for="rate-${id}-${ind.scale.levels[0].id}"]`).click();
      } else if (ind.scale.kind === 'check') {
        await item.locator(`label[for="rate-${id}-yes"]`).click();
      } else if (id === 'life-attendance') {
        // Two absences with the mouse: 4 − 2.
        assert.equal(await liveScore(page, id), '—', 'unrated until counted');
        assert.equal(await page.getAttribute(`#score-${id}`, 'aria-live'), 'polite');
        assert.match(await item.locator('.stepper .hint').textContent(), /每次 −1 分/);
        const plus = item.getByRole('button', { name: '增加一次:按时参加组织活动 · 无正当理由缺席', exact: true });
        await plus.click();
        await waitScore(page, id, '3.00');
        await plus.click();
        await waitScore(page, id, '2.00');
      } else if (id === 'life-reports') {
        // Two reports, typed with the keyboard: from 0, +1 each.
        assert.match(await item.textContent(), /本项从 0 分起算/);
        await page.focus(`#rate-${id}-report`);
        await page.keyboard.type('2');
        await page.keyboard.press('Tab');
        await waitScore(page, id, '2.00');
      } else if (id === 'thought-talks') {
        // No month missed: "none of these happened", by the keyboard, is a rating (full points).
        await page.focus(`#rate-${id}-none`);
        await page.keyboard.press('Space');
        await waitScore(page, id, '5.00');
        assert.equal(await page.isChecked(`#rate-${id}-none`), true);
        assert.equal(await page.inputValue(`#rate-${id}-month-missed`), '0');
      } else {
        assert.fail(`no plan for ${id} (${ind.scale.kind})`);
      }
    }
    if (!(await page.$('#next-step'))) break;
    const before = await p.rate.heading();
    await page.click('#next-step');
    await page.waitForFunction((h) => document.querySelector('#step-heading')?.textContent.trim() !== h, before);
  }
  // The records step of a version-2 framework: a count per bonus and deduction item.
  assert.equal(await p.rate.heading(), '组织记录');
  await page.locator('.stepper:has(#adjust-commend-unit) button.inc').click();
  await page.locator('.stepper:has(#adjust-notice-criticism) button.inc').click();
  await page.waitForFunction(() => document.querySelector('#adjust-notice-criticism')?.value === '1');
  assert.match(await p.rate.progress(), /23 \/ 23/);
  const live = await p.rate.liveTotal();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'nothing wider than the phone');
  await p.rate.seeResult();
  assert.equal(await p.result.total(), live);

  // The engine's result, byte for byte.
  const { text } = await p.result.exportJson();
  const exported = JSON.parse(text);
  assert.equal(exported.assessment.schema, 'cxzy/assessment@2');
  const own = exported.assessment.sheets.find((s) => s.source === 'org').ratings;
  assert.deepEqual([own['life-attendance'], own['life-reports'], own['thought-talks']], [{ absent: 2 }, { report: 2 }, {}]);
  assert.deepEqual(exported.assessment.adjustments, [{ item: 'commend-unit', count: 1 }, { item: 'notice-criticism', count: 1 }]);
  const dir = mkdtempSync(join(tmpdir(), 'cxzy-e2e-v2-'));
  writeFileSync(join(dir, 'a.json'), JSON.stringify(exported.assessment));
  const native = cxzy(['score', '--framework', FILE, '--today', TODAY, join(dir, 'a.json')]).trimEnd();
  assert.equal(JSON.stringify(exported.result), native, 'the exported result is the engine\'s document');
  // Hand-checked: every item at its best but 3 points of events (100 − 3), +1 bonus, −2 deduction.
  assert.equal(exported.result.total, '96.00');
  assert.equal(await p.result.grade(), '优秀');

  // The explanation: each event's count and the change it made.
  await page.click('tr[data-explains="life-attendance"] details summary');
  assert.match(await page.textContent('tr[data-explains="life-attendance"] .events li[data-event="absent"]'), /无正当理由缺席 × 2: −2\.00/);
  await page.click('tr[data-explains="life-reports"] details summary');
  assert.match(await page.textContent('tr[data-explains="life-reports"] .events li[data-event="report"]'), /汇报一次 × 2: \+2\.00/);
  assert.match(await page.textContent('#items tr[data-indicator="thought-talks"] > td'), /以上均未发生/);
  // The claims as applied, in the total.
  assert.match(await page.textContent('#adjustments tr[data-adjustment="commend-unit"]'), /受到本单位党委表彰1总分\+1\.00/);
  assert.match(await page.textContent('#adjustments tr[data-adjustment="notice-criticism"]'), /−2\.00/);

  // The CSV reads the counts.
  const csv = (await p.result.exportCsv()).bytes.toString('utf8');
  const row = (id) => csv.split('\r\n').find((r) => r.split(',')[1] === id);
  assert.match(row('life-attendance'), /,无正当理由缺席 2 次,2\.00,2\.00,/);
  assert.match(row('thought-talks'), /,以上均未发生,5\.00,0\.00,/);

  // Stored as version 2 and read back after a reload.
  await page.reload();
  await p.result.waitFor();
  assert.equal(await p.result.total(), '96.00');
  assertClean(w);
  await page.close();
});
