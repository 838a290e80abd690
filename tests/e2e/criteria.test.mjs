// A unit's own criteria, end to end (issue 11). A branch secretary on a laptop copies 五带头,
// moves it to rules version 2, drops one item, turns 按时参加三会一课 into counted events
// (缺席 1次 −1 … 4次以上不得分), changes two source weights and the 优秀 line, meets three invalid
// edits (a grade line above the maximum, a duplicate id, a step that does not divide) at their
// fields, undoes and redoes, reorders by keyboard, reloads mid-edit, publishes and shares by link.
// A member in a fresh browser context (a phone) opens the link, adds the criteria, self-assesses;
// the exported assessment scored by the native `cxzy score` on the downloaded criteria gives the
// page's result document byte for byte (total, grade and gap order with it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_URL, TODAY, launch, watchedPage, assertClean } from './browser.mjs';
import { ROOT, cxzy, pages } from './app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The control (or group) of a JSON pointer. */
const fid = (p) => `[id="f:${p}"]`;

/** Opens a list entry (a part, an item, a grade …) if it is closed. */
async function expand(page, p) {
  const toggle = page.locator(`li${fid(p)} > .entry-head > .entry-toggle`);
  if (await toggle.getAttribute('aria-expanded') !== 'true') await toggle.click();
  await page.waitForSelector(`li${fid(p)} > .entry-body`);
}

/** Types a value into a field and leaves it (the change is committed on leaving). */
async function setField(page, p, value) {
  await page.fill(fid(p), String(value));
  await page.press(fid(p), 'Tab');
}

const problems = (page) => page.textContent('#problems');
const waitProblems = (page, re) => page.waitForFunction((src) => new RegExp(src).test(document.querySelector('#problems')?.textContent ?? ''), re.source);
const entryTitles = (page, list) => page.$$eval(`${fid(list)} > ol > li > .entry-head > .entry-toggle`, (els) => els.map((e) => e.textContent));

test('a secretary makes the unit\'s criteria from 五带头 and a member self-assesses against them from a link', async () => {
  const s = await watchedPage(browser, { viewport: { width: 1280, height: 900 } });
  const page = s.page;
  await page.goto(`${BASE_URL}#/criteria`);
  await page.waitForSelector('#criteria-heading');
  // The editor is not in the first load: its pages are editor.html, the app built with it.
  assert.match(page.url(), /\/editor\.html#\/criteria$/);
  await page.selectOption('#copy-base', 'member-five-leads');
  await page.click('#copy-builtin');
  await page.waitForSelector('#editor-heading');
  assert.match(await page.textContent('#editor-heading'), /^编辑:/);
  await waitProblems(page, /没有发现问题/);
  // A copy's id is the built-in's with a random part: two units' copies never collide.
  const unitId = await page.inputValue(fid('/id'));
  assert.match(unitId, /^member-five-leads-[0-9a-f]{4}$/);
  assert.equal(await page.inputValue(fid('/version')), '1.0.0');

  // Rules version 2 (counted events), then drop 示范带动作用.
  await page.selectOption(fid('/schema'), 'cxzy/framework@2');
  await expand(page, '/dimensions/4');
  assert.equal((await entryTitles(page, '/dimensions/4/indicators')).length, 4);
  await page.click('button[aria-label="删除: 示范带动作用 (ethos-example)"]');
  assert.deepEqual((await entryTitles(page, '/dimensions/4/indicators')).map((t) => t.replace(/^\d+\./, '')),
    ['践行新风尚 (ethos-morals)', '抵制不良风气 (ethos-stand)', '批评与自我批评 (ethos-criticism)']);

  // 按时参加三会一课: counted events, 缺席 −1 each, 4 or more: 不得分.
  await expand(page, '/dimensions/0');
  await expand(page, '/dimensions/0/indicators/0');
  const item = '/dimensions/0/indicators/0';
  await page.selectOption(fid(`${item}/scale/kind`), 'events');
  await expand(page, `${item}/scale/events/0`);
  assert.equal(await page.inputValue(fid(`${item}/scale/events/0/label/zh-Hans`)), '缺席');
  assert.equal(await page.inputValue(fid(`${item}/scale/events/0/per`)), '-1');
  await page.click(`button${fid(`${item}/scale/events/0/cutoff`)}`);
  await setField(page, `${item}/scale/events/0/cutoff/at`, 4);
  assert.equal(await page.inputValue(fid(`${item}/scale/events/0/cutoff/score`)), 'zero');
  await waitProblems(page, /没有发现问题/);

  // Two weights: 自评 20 → 30, 互评 30 → 20.
  await expand(page, '/sources/0');
  await expand(page, '/sources/1');
  await setField(page, '/sources/0/weight', 30);
  await setField(page, '/sources/1/weight', 20);

  // The 优秀 line above the most a result can reach (95 now, plus the bonus cap of 5): shown at its field, announced, publishing blocked;
  // the problem's jump button focuses the field; fixing it clears it.
  await expand(page, '/grades/0');
  await setField(page, '/grades/0/min_total', 200);
  await waitProblems(page, /(^|\D)1 个问题/);
  assert.match(await problems(page), /高于可能达到的最高分 100\.00 分/);
  assert.equal(await page.getAttribute(fid('/grades/0/min_total'), 'aria-invalid'), 'true');
  assert.match(await page.textContent(fid('/grades/0/min_total:errors')), /100\.00/);
  assert.equal(await page.getAttribute('#problems-count', 'aria-live'), 'polite');
  assert.equal((await page.textContent('#problems-count')).trim(), '1 个问题', 'the count is announced, not the whole list');
  assert.ok(await page.isDisabled('#publish'), 'criteria with problems cannot be published');
  await page.click('#problems .jump');
  await page.waitForFunction(() => document.activeElement?.id === 'f:/grades/0/min_total');
  await setField(page, '/grades/0/min_total', 85);
  await waitProblems(page, /没有发现问题/);

  // A duplicate id at the second occurrence; undo clears it, redo brings it back, undo again.
  await expand(page, '/dimensions/1');
  await expand(page, '/dimensions/1/indicators/1');
  await setField(page, '/dimensions/1/indicators/1/id', 'perf-duty');
  await waitProblems(page, /(^|\D)1 个问题/);
  assert.equal(await page.getAttribute(fid('/dimensions/1/indicators/1/id'), 'aria-invalid'), 'true');
  await page.click('#undo');
  await waitProblems(page, /没有发现问题/);
  assert.equal(await page.inputValue(fid('/dimensions/1/indicators/1/id')), 'perf-tasks');
  await page.click('#redo');
  await waitProblems(page, /(^|\D)1 个问题/);
  await page.click('#undo');
  await waitProblems(page, /没有发现问题/);

  // A step that does not divide the points (5): points in steps of 3.
  await expand(page, '/dimensions/1/indicators/0');
  await page.selectOption(fid('/dimensions/1/indicators/0/scale/kind'), 'points');
  await setField(page, '/dimensions/1/indicators/0/scale/step', 3);
  await waitProblems(page, /(^|\D)1 个问题/);
  assert.equal(await page.getAttribute(fid('/dimensions/1/indicators/0/scale/step'), 'aria-invalid'), 'true');
  await page.click('#undo');
  await page.click('#undo');
  await waitProblems(page, /没有发现问题/);
  assert.equal(await page.inputValue(fid('/dimensions/1/indicators/0/scale/kind')), 'levels');

  // Reorder by keyboard: 帮助群众解决困难 down two places and back, the focus staying on its tools.
  await expand(page, '/dimensions/2');
  const ids = async () => (await entryTitles(page, '/dimensions/2/indicators')).map((t) => t.match(/\(([a-z-]+)\)/)[1]);
  const order = await ids();
  assert.deepEqual(order, ['service-help', 'service-contact', 'service-rights', 'service-volunteer']);
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
  await page.focus('button[aria-label="下移: 帮助群众解决困难 (service-help)"]');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[id="f:/dimensions/2/indicators"] > ol > li')[1]?.textContent.includes('service-help'));
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '下移: 帮助群众解决困难 (service-help)');
  assert.equal(await focused(), '下移: 帮助群众解决困难 (service-help)', 'the focus moved with the entry');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[id="f:/dimensions/2/indicators"] > ol > li')[2]?.textContent.includes('service-help'));
  assert.deepEqual(await ids(), ['service-contact', 'service-rights', 'service-help', 'service-volunteer']);
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '下移: 帮助群众解决困难 (service-help)');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), '上移: 帮助群众解决困难 (service-help)');
  await page.keyboard.press('Enter');
  // Moved up, the entry's element moved: the focus comes back to its tool once the page is drawn.
  await page.waitForFunction(() => document.querySelectorAll('[id="f:/dimensions/2/indicators"] > ol > li')[1]?.textContent.includes('service-help'));
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === '上移: 帮助群众解决困难 (service-help)');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelectorAll('[id="f:/dimensions/2/indicators"] > ol > li')[0]?.textContent.includes('service-help'));
  assert.deepEqual(await ids(), order);

  // A reload mid-edit keeps the draft.
  await page.reload();
  await page.waitForSelector('#editor-heading');
  await waitProblems(page, /没有发现问题/);
  await expand(page, '/sources/0');
  assert.equal(await page.inputValue(fid('/sources/0/weight')), '30');
  assert.equal(await page.inputValue(fid('/schema')), 'cxzy/framework@2');

  // The preview: full marks and the grade lines are the engine's.
  assert.equal(await page.textContent('#preview-max'), '95.00');
  assert.equal(await page.textContent('#bar-max'), '满分 95.00');

  // Publish, then share: the link, the file, and whether a QR code holds it.
  await page.fill('#change-summary', '删去“示范带动作用”;三会一课改为计次');
  await page.click('#publish');
  await page.waitForSelector('.publish [role="status"]');
  assert.match(await page.textContent('.publish [role="status"]'), /已发布/);
  await page.click('.publish [role="status"] button');
  await page.waitForSelector('#criteria-heading');
  await page.click('li.own button[aria-controls^="share-"]');
  const link = await page.inputValue('.share-link');
  assert.ok(link.startsWith(`${BASE_URL}#/add/z`), link);
  // 五带头 is far too long for one QR code: the panel says so (a short one is drawn: below).
  assert.match(await page.textContent('.share'), /超过一个二维码能容纳的 2953 字节/);
  assert.equal(await page.locator('.share figure.qr').count(), 0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.download-criteria')]);
  const criteriaText = readFileSync(await download.path(), 'utf8');
  const criteria = JSON.parse(criteriaText);
  assert.equal(criteria.id, unitId);
  assert.equal(criteria.schema, 'cxzy/framework@2');
  const dir = mkdtempSync(join(tmpdir(), 'cxzy-e2e-criteria-'));
  writeFileSync(join(dir, 'criteria.json'), criteriaText);
  assert.doesNotThrow(() => cxzy(['validate', join(dir, 'criteria.json')]));
  assertClean(s);

  // A member, in a fresh browser on a phone, opens the link.
  const m = await watchedPage(browser, { viewport: { width: 360, height: 800 } });
  const mp = m.page;
  const loaded = [];
  mp.on('request', (r) => loaded.push(new URL(r.url()).pathname));
  await mp.goto(link);
  await mp.waitForSelector('#shared-title');
  assert.equal((await mp.textContent('#shared-version')).trim(), `${unitId} 1.0.0`);
  const digest = (await mp.textContent('#shared-digest')).trim();
  await mp.click('#add-shared');
  await mp.click('#start-with-shared');
  const p = pages(mp);
  await p.start.waitFor();
  assert.equal(await mp.inputValue('#framework'), unitId, 'the unit\'s criteria come first');
  await mp.click('#begin');
  await mp.waitForSelector('#live-total');
  const items = Object.fromEntries(criteria.dimensions.flatMap((d) => d.indicators).map((i) => [i.id, i]));
  let k = 0;
  for (;;) {
    for (const id of await p.rate.itemIds()) {
      const ind = items[id];
      assert.ok(ind, `${id} is an item of the unit's criteria`);
      const el = mp.locator(`#item-${id}`);
      if (ind.scale.kind === 'levels') {
        await el.locator(`label[for="rate-${id}-${ind.scale.levels[k++ % 3].id}"]`).click();
      } else if (ind.scale.kind === 'check') {
        await el.locator(`label[for="rate-${id}-yes"]`).click();
      } else if (ind.scale.kind === 'events') {
        const plus = el.getByRole('button', { name: '增加一次:按时参加三会一课 · 缺席', exact: true });
        await plus.click();
        await plus.click();
        await mp.waitForFunction((sel) => document.querySelector(sel)?.textContent === '2.00', `#score-${id} strong`);
      } else {
        assert.fail(`unexpected scale ${ind.scale.kind} of ${id}`);
      }
    }
    if (!(await mp.$('#next-step'))) break;
    const heading = await p.rate.heading();
    await mp.click('#next-step');
    await mp.waitForFunction((h) => document.querySelector('#step-heading')?.textContent.trim() !== h, heading);
  }
  await p.rate.seeResult();
  const { text } = await p.result.exportJson();
  const exported = JSON.parse(text);
  writeFileSync(join(dir, 'a.json'), JSON.stringify(exported.assessment));
  const native = cxzy(['score', '--framework', join(dir, 'criteria.json'), '--today', TODAY, join(dir, 'a.json')]).trimEnd();
  assert.equal(JSON.stringify(exported.result), native, 'the page\'s result is the native engine\'s, byte for byte');
  const result = JSON.parse(native);
  assert.equal(result.framework.digest, digest, 'the digest the member checked is the criteria\'s');
  assert.equal(await p.result.total(), result.total);
  const grade = criteria.grades.find((g) => g.id === result.grade)?.label['zh-Hans'];
  assert.equal(await p.result.grade(), grade);
  assert.deepEqual(await p.result.gapOrder(), result.gaps.map((g) => g.indicator));
  assert.ok(result.gaps.length > 3, 'the plan leaves gaps to order');
  // The member's phone never loaded the editor.
  const editorFiles = readFileSync(join(process.env.CXZY_DIST ?? join(ROOT, 'dist'), 'editor.html'), 'utf8')
    .match(/cxzy-web-[0-9a-f]+_bg\.wasm/g);
  assert.ok(editorFiles?.length, 'editor.html loads its own module');
  assert.deepEqual(loaded.filter((p) => p.endsWith('editor.html') || editorFiles.some((f) => p.endsWith(f))), []);
  assertClean(m);
  await s.page.close();
  await m.page.close();
});

test('two tabs editing the same draft: each takes the other\'s save, neither overwrites it silently', async () => {
  // Two tabs of one browser: one storage.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const errors = [];
  const tab = async () => {
    const p = await context.newPage();
    p.on('pageerror', (e) => errors.push(String(e)));
    p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    return p;
  };
  const a = await tab();
  await a.goto(`${BASE_URL}#/criteria`);
  await a.waitForSelector('#criteria-heading');
  await a.click('#blank-criteria');
  await a.waitForSelector('#editor-heading');
  const url = a.url();
  assert.match(url, /editor\.html#\/criteria\/d[0-9a-f-]+$/);
  const b = await tab();
  await b.goto(url);
  await b.waitForSelector('#editor-heading');

  await setField(a, '/title/zh-Hans', '第一党支部具体条件');
  await b.waitForFunction(() => document.querySelector('[id="f:/title/zh-Hans"]')?.value === '第一党支部具体条件');
  assert.match(await b.textContent('.notice'), /另一个标签页更新了数据/);
  await setField(b, '/version', '2.0.0');
  await a.waitForFunction(() => document.querySelector('[id="f:/version"]')?.value === '2.0.0');
  assert.equal(await a.inputValue(fid('/title/zh-Hans')), '第一党支部具体条件', 'the first tab\'s change is kept');
  // Reloaded, both changes are there.
  await a.reload();
  await a.waitForSelector('#editor-heading');
  assert.equal(await a.inputValue(fid('/title/zh-Hans')), '第一党支部具体条件');
  assert.equal(await a.inputValue(fid('/version')), '2.0.0');
  // Short criteria fit one QR code: published and shared, the code is drawn.
  await a.click('#publish');
  await a.click('.publish [role="status"] button');
  await a.waitForSelector('#criteria-heading');
  await a.click('li.own button[aria-controls^="share-"]');
  await a.waitForSelector('.share figure.qr svg path');
  assert.match(await a.textContent(".share figcaption"), /二维码\(版本 \d+\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a damaged or foreign link is refused with why, and nothing is added', async () => {
  const { deflateRawSync } = await import('node:zlib');
  const payload = (text) => `z${deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url')}`;
  const w = await watchedPage(browser);
  const { page } = w;
  const cases = [
    ['zAAAA', /链接已损坏|链接不完整/],
    ['q123', /链接不完整或格式不对/],
    [payload('{"not": "criteria"'), /JSON|json/],
    [payload('{"schema": "cxzy/framework@2", "id": "x"}'), /缺少|missing/],
  ];
  for (const [p, why] of cases) {
    await page.goto(`${BASE_URL}#/add/${p}`);
    await page.waitForSelector('#add-heading');
    const alert = page.locator('section [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), why, p);
    assert.equal(await page.locator('#add-shared').count(), 0, 'nothing to add');
  }
  assert.equal(await page.evaluate(() => localStorage.getItem('cxzy/v1')), null, 'nothing stored');
  assertClean(w);
  await page.close();
});
