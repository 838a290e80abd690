// A whole rating round of a 12-member branch, end to end (issue 12). The secretary creates the
// round on a laptop (五带头: 自评, 互评, 20 群众评议 slips, 组织评价 by the 支部委员会), backs up its
// key and hands out invitations. Raters fill ballots in fresh browser contexts (a 自评 and a 互评 of
// 11 members on their phones, sealed in WASM, shown as QR codes), at the kiosk (a slip and the
// 组织评价), and the rest are sealed natively (`cxzy round seal`) and arrive as pasted links and
// dropped files. Five forged or damaged ballots are refused, each with its reason. The round is
// backed up, storage is gone (a new browser), restored — and the phones' QR codes are read by the
// camera (a fake video stream of those codes). The branch page then equals `cxzy branch` on the
// results of `cxzy round open` over the same ballots, to the cent; no single 群众评议 ballot shows;
// the 支委会's decision is recorded and printed; a member imports their result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { BASE_URL, TODAY, TIMEZONE, launch, watchedPage, assertClean } from './browser.mjs';
import { FRAMEWORK, FRAMEWORK_FILE, INDICATORS, cxzy, pages } from './app.mjs';

const NAMES = ['张三', '李四', '王五', '赵六', '孙七', '周八', '吴九', '郑十', '冯一', '陈二', '褚三', '卫四'];
const SLIPS = 20;
const MASS_NOTE = '群众的话只有本人知道XYZ';
const dir = mkdtempSync(join(tmpdir(), 'cxzy-round-'));

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Clicks and reads a download. */
async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
}

/** Rates every item of the ballot form on screen, member by member: the level `pick(k)` chooses
 * (an index into the radios), a count of one where the item counts. Then submits. */
async function fillBallot(page, pick = () => 0, { reloadAfterFirst = false } = {}) {
  for (let m = 0; ; m++) {
    await page.waitForSelector('#ballot-member');
    const items = page.locator('.ballot-item');
    const n = await items.count();
    for (let k = 0; k < n; k++) {
      const item = items.nth(k);
      const radios = item.locator('input[type=radio]');
      if (await radios.count()) {
        const r = radios.nth(Math.min(pick(m * 100 + k), (await radios.count()) - 1));
        await item.locator(`label[for="${await r.getAttribute('id')}"]`).click();
      } else {
        await item.locator('button.inc').click();
      }
    }
    if (reloadAfterFirst && m === 0) {
      // A phone's browser reloads a page left in the background: nothing rated is lost.
      const before = await page.textContent('.ballot .muted');
      await page.reload();
      await page.waitForSelector('#ballot-member');
      assert.equal(await page.textContent('.ballot .muted'), before, 'the ratings survive a reload');
      assert.match(await page.textContent('.members-nav .chip.done'), /✓/);
    }
    const next = page.locator('.ballot-bar button.primary', { hasText: /下一人/ });
    if (await next.count()) {
      await next.click();
      await page.waitForFunction((want) => document.querySelector('#ballot-member')?.textContent.includes(`(${want}/`), m + 2);
    } else break;
  }
  await page.click('.submit-ballot');
}

/** A ballot's compact text from its sealed document (spec §12.4). */
const compact = (b) => `b1.${b.round}.${b.token}.${b.sealed}`;

/** Seals ballots natively (one JSON line each) to the round of a key file. */
function sealNatively(keyFile, ballots) {
  const lines = ballots.map((b) => JSON.stringify(b)).join('\n') + '\n';
  const out = cxzy(['round', 'seal', '--round', keyFile, '-'], lines).trim().split('\n');
  assert.equal(out.length, ballots.length);
  return out.map((l) => JSON.parse(l));
}

/** A deterministic level for (token, member, item). */
const LEVELS = ['good', 'good', 'fair', 'good', 'average', 'fair', 'good', 'poor'];
function rating(ind, t, m, k) {
  if (ind.scale.kind === 'deduction') return (t + m) % 3;
  if (ind.scale.kind === 'check') return (t + m + k) % 5 !== 0;
  return LEVELS[(t * 7 + m * 3 + k * 5) % LEVELS.length];
}

function ballotFor(round, secret, source, rates, t) {
  const items = INDICATORS.filter((i) => !i.sources || i.sources.includes(source));
  return {
    schema: 'cxzy/ballot@1', round: round.id, token: secret, source,
    sheets: rates.map((member, m) => ({
      member,
      ratings: Object.fromEntries(items.map((ind, k) => [ind.id, rating(ind, t, m + NAMES.indexOf(member), k)])),
      ...(source === 'mass' && t === 0 ? { notes: { [items[0].id]: MASS_NOTE } } : {}),
    })),
  };
}

/** Rasterises the QR codes of SVG paths (`M{x} {y}h1v1h-1z` per module) into a Y4M video, each
 * code held for `hold` frames on a white 480×480 frame (Chromium's fake camera loops it). */
function qrVideo(paths, file, hold = 6) {
  const W = 480, H = 480;
  const frames = [];
  for (const d of paths) {
    const modules = [...d.matchAll(/M(\d+) (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const size = Math.max(...modules.flat()) + 5;
    const scale = Math.floor(W / size);
    const off = Math.floor((W - size * scale) / 2);
    const y = Buffer.alloc(W * H, 235);
    for (const [mx, my] of modules) {
      for (let dy = 0; dy < scale; dy++) {
        const row = (off + my * scale + dy) * W + off + mx * scale;
        y.fill(16, row, row + scale);
      }
    }
    const uv = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
    for (let h = 0; h < hold; h++) frames.push(Buffer.from('FRAME\n'), y, uv);
  }
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F5:1 Ip A1:1 C420jpeg\n`), ...frames]));
}

test('a 12-member branch\'s 民主评议: invitations, sealed ballots by phone, link, file, kiosk and camera, refusals, tally equal to the command line, 组织评定, 公示, a member\'s result', async () => {
  // ---------------------------------------------------------------- the secretary creates the round
  const s = await watchedPage(browser, { viewport: { width: 1280, height: 900 } });
  const sec = s.page;
  await sec.goto(`${BASE_URL}#/rounds`);
  await sec.waitForSelector('#rounds-heading');
  assert.match(sec.url(), /\/editor\.html#\/rounds$/, 'the rounds are in the secretary\'s build');
  await sec.selectOption('#round-criteria', 'member-five-leads');
  await sec.waitForSelector('#source-mass');
  await sec.fill('#round-title', '第一党支部');
  await sec.fill('#round-members', NAMES.join('\n'));
  assert.equal(await sec.inputValue('#source-self'), 'self');
  assert.equal(await sec.inputValue('#source-peer'), 'peer');
  assert.equal(await sec.inputValue('#source-mass'), 'slips');
  assert.equal(await sec.inputValue('#source-org'), 'named');
  await sec.fill('.slips', String(SLIPS));
  await sec.locator('.slips').dispatchEvent('change');
  await sec.click('#create-round');
  await sec.waitForSelector('#backup-heading');
  // No invitation before the key is backed up (or the secretary says not to).
  assert.equal(await sec.locator('.invitation').count(), 0);
  const backup0 = await download(sec, '.backup-round');
  const archive0 = JSON.parse(backup0.text);
  assert.equal(archive0.schema, 'cxzy/round-archive@1');
  const round = archive0.key.round;
  const keyFile = join(dir, 'key.json');
  writeFileSync(keyFile, JSON.stringify(archive0.key));
  assert.equal(round.members.length, 12);
  assert.equal(round.tokens.length, 12 + 12 + SLIPS + 1);
  await sec.waitForSelector('.invitation');
  const invitations = await sec.$$eval('.invitation', (els) => els.map((e) => ({
    who: e.querySelector('.who').textContent, link: e.querySelector('.invitation-link').href,
  })));
  assert.equal(invitations.length, 25);
  const slipLinks = await sec.$$eval('.slip-link', (els) => els.map((e) => e.href));
  assert.equal(slipLinks.length, SLIPS);
  assert.equal(await sec.locator('.slip svg').count(), SLIPS, 'a printable QR code per slip');
  // An invitation carries its own token's secret and no other, and never the round's key.
  const secretOf = (link) => {
    const m = link.match(/#\/vote\/z(.*)$/);
    return m;
  };
  assert.ok(invitations.every((i) => secretOf(i.link)));
  assert.ok(invitations.every((i) => !i.link.includes(archive0.key.secret_key)));

  // ---------------------------------------------------------------- two phones: 自评 and 互评
  const secretsUsed = new Set();
  const phoneQr = [];
  const phoneLinks = [];
  for (const [k, source] of [[0, 'self'], [12 + 1, 'peer']]) {
    const inv = invitations[k];
    const r = await watchedPage(browser);
    await r.page.goto(inv.link);
    await r.page.waitForSelector('#ballot-member');
    assert.match(await r.page.textContent('.lead'), source === 'self' ? /「自评」.*1 人/ : /「互评」.*11 人/);
    await fillBallot(r.page, (k2) => (k2 % 4 === 1 ? 1 : 0), { reloadAfterFirst: source === 'peer' });
    await r.page.waitForSelector('.ballot-qr svg path');
    if (source === 'self') {
      // Sealed, then reloaded: the same sealed ballot is shown again, the ratings in the clear are gone.
      const before = await r.page.inputValue('.ballot-link');
      await r.page.reload();
      await r.page.waitForSelector('.ballot-qr svg path');
      assert.equal(await r.page.inputValue('.ballot-link'), before);
      const stored = await r.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cxzy/ballot/')));
      assert.deepEqual(stored, [], 'no ballot in the clear stays on the phone');
    }
    const qr = await r.page.getAttribute('.ballot-qr svg path', 'd');
    const caption = await r.page.textContent('.ballot-qr figcaption');
    const link = await r.page.inputValue('.ballot-link');
    assert.match(link, /#\/in\/b1\.[0-9a-f]{32}\.[0-9a-f]{32}\.[A-Za-z0-9_-]+$/);
    if (source === 'peer') {
      const version = Number(caption.match(/版本 (\d+)/)[1]);
      console.log(`# the largest QR ballot (a peer rating 11 members on 20 items): ${link.length} characters, QR version ${version}`);
      assert.ok(version <= 40);
    }
    phoneQr.push(qr);
    phoneLinks.push(link);
    assertClean(r);
    await r.page.context().close();
  }
  const phoneBallots = phoneLinks.map((l) => l.split('#/in/')[1].split('.'));
  for (const [, , token] of phoneBallots) secretsUsed.add(token);

  // ---------------------------------------------------------------- the kiosk: a slip and 组织评价
  await sec.locator('.tab', { hasText: '现场投票' }).click();
  await sec.waitForSelector('#kiosk-heading');
  await sec.click('#kiosk-slip');
  await sec.waitForSelector('#ballot-member');
  await fillBallot(sec, (k) => (k % 3));
  await sec.waitForSelector('.kiosk-said');
  assert.match(await sec.textContent('.kiosk-said'), /已投入/);
  assert.equal(await sec.locator('.ballot-item').count(), 0, 'the screen clears for the next rater');
  await sec.selectOption('#kiosk-rater-choice', { label: '支部委员会 · 组织评价' });
  await sec.click('#kiosk-start');
  await sec.waitForSelector('#ballot-member');
  await fillBallot(sec, () => 0);
  await sec.waitForSelector('.kiosk-said');
  sec.once('dialog', (d) => d.accept());
  await sec.click('#kiosk-exit');
  await sec.waitForSelector('#counts-heading');

  // ---------------------------------------------------------------- the rest, sealed natively
  const backup1 = JSON.parse((await (async () => {
    await sec.locator('.tab', { hasText: '邀请' }).click();
    return download(sec, '.backup-round');
  })()).text);
  const usedIds = new Set(backup1.ballots.map((b) => b.token));
  assert.equal(usedIds.size, 2, 'the kiosk\'s two ballots are held');
  const phoneIds = new Set(phoneBallots.map((p) => p[2]));
  const rest = archive0.key.tokens
    .map((t, i) => ({ ...t, issued: round.tokens.find((x) => x.id === t.id), i }))
    .filter((t) => !usedIds.has(t.id) && !phoneIds.has(t.id));
  assert.equal(rest.length, 45 - 4);
  const natives = sealNatively(keyFile, rest.map((t) => ballotFor(round, t.secret, t.issued.source, t.issued.rates, t.i)));
  const bySource = (src) => natives.filter((b, k) => rest[k].issued.source === src);
  // Links pasted at once (the 自评 and half the 互评), the rest as files.
  await sec.locator('.tab', { hasText: '收票' }).click();
  await sec.waitForSelector('#paste-ballots');
  const pasted = [...bySource('self'), ...bySource('peer').slice(0, 5)];
  await sec.fill('#paste-ballots', pasted.map((b) => `请查收 ${BASE_URL}editor.html#/in/${compact(b)}`).join('\n'));
  await sec.click('#receive-pasted');
  await sec.waitForFunction((n) => document.querySelector('.collect-said')?.textContent.includes(`收到 ${n} 张新选票`), pasted.length, { timeout: 5000 })
    .catch(async (e) => { throw new Error(`${e.message}: ${await sec.textContent('.collect-said')}`); });
  const files = [...bySource('peer').slice(5), ...bySource('mass')].map((b, k) => ({
    name: `ballot-${k}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(b)),
  }));
  await sec.setInputFiles('#ballot-files', files);
  await sec.waitForFunction((n) => document.querySelector('.collect-said')?.textContent.includes(`收到 ${n} 张新选票`), files.length, { timeout: 10000 })
    .catch(async (e) => { throw new Error(`${e.message}: ${await sec.textContent('.collect-said')}`); });
  const count = (src) => sec.textContent(`.count[data-source="${src}"]`);
  assert.match(await count('self'), /已收 11 \/ 12/);
  assert.match(await count('peer'), /已收 11 \/ 12/);
  assert.match(await count('mass'), new RegExp(`已收 ${SLIPS} / ${SLIPS}`));
  assert.match(await count('org'), /已收 1 \/ 1/);

  // ---------------------------------------------------------------- refusals, each with its reason
  const other = JSON.parse(cxzy(['round', 'create', '--framework', FRAMEWORK_FILE, writeJson('setup.json', {
    schema: 'cxzy/round-setup@1', period: round.period, members: [{ id: 'x', name: '某' }],
    sources: [{ source: 'self', mode: 'self' }],
  })]));
  const otherKey = writeJson('other-key.json', other);
  const [otherBallot] = sealNatively(otherKey, [ballotFor(other.round, other.tokens[0].secret, 'self', ['x'], 0)]);
  const replay = sealNatively(keyFile, [ballotFor(round, rest[0].secret, rest[0].issued.source, rest[0].issued.rates, 99)])[0];
  const unissued = sealNatively(keyFile, [ballotFor(round, 'AAAAAAAAAAAAAAAAAAAAAA', 'self', [round.members[0].id], 1)])[0];
  // Both on tokens whose real ballots have not arrived yet (the phones' QR codes come later).
  const [, pr, pt, ps] = phoneBallots[1];
  const changed = { round: pr, token: pt, sealed: flip(ps) };
  const toOtherKey = { ...otherBallot, round: round.id, token: phoneBallots[0][2] };
  const refusals = [
    ['replayed', replay, 'token_used'], ['unissued', unissued, 'unknown_token'], ['other round', otherBallot, 'other_round'],
    ['one byte changed', changed, 'unreadable_ballot'], ['sealed to another key', toOtherKey, 'unreadable_ballot'],
  ];
  for (const [what, ballot, code] of refusals) {
    await sec.fill('#paste-ballots', compact(ballot));
    await sec.click('#receive-pasted');
    await sec.waitForFunction((c) => document.querySelector('.collect-said')?.textContent.includes(c), code);
    assert.match(await sec.textContent('.collect-said'), /拒收/, what);
  }
  assert.match(await count('self'), /已收 11 \/ 12/, 'nothing refused was kept');

  // ---------------------------------------------------------------- backup, a new browser, the camera
  await sec.locator('.tab', { hasText: '邀请' }).click();
  const backup2 = await download(sec, '.backup-round');
  assert.equal(JSON.parse(backup2.text).ballots.length, 43);
  assertClean(s);
  await sec.context().close();
  const video = join(dir, 'ballots.y4m');
  qrVideo(phoneQr, video);
  const camBrowser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const c = await watchedPage(camBrowser, { viewport: { width: 1280, height: 900 }, permissions: ['camera'] });
    const page = c.page;
    await page.goto(`${BASE_URL}editor.html#/rounds`);
    await page.waitForSelector('#restore-round');
    await page.setInputFiles('#restore-round', { name: backup2.name, mimeType: 'application/json', buffer: Buffer.from(backup2.text) });
    await page.waitForSelector('.open-round');
    await page.click('.open-round');
    await page.locator('.tab', { hasText: '收票' }).click();
    await page.waitForSelector('#scan-start');
    await page.click('#scan-start');
    await page.waitForFunction(() => /已收 12 \/ 12/.test(document.querySelector('.count[data-source="peer"]')?.textContent ?? '')
      && /已收 12 \/ 12/.test(document.querySelector('.count[data-source="self"]')?.textContent ?? ''), null, { timeout: 60_000 });
    await page.click('#scan-stop');

    // ---------------------------------------------------------------- the tally equals the command line
    await page.locator('.tab', { hasText: '统计与评定' }).click();
    await page.waitForSelector('.ranking tbody tr');
    const archive = JSON.parse((await (async () => {
      await page.locator('.tab', { hasText: '公示' }).click();
      await page.waitForSelector('#download-archive');
      return download(page, '#download-archive');
    })()).text);
    assert.equal(archive.ballots.length, 45);
    const sealedLines = archive.ballots.map((b) => JSON.stringify(b)).join('\n') + '\n';
    const assessments = cxzy(['round', 'open', '--key', writeJson('key2.json', archive.key), '-'], sealedLines);
    const results = cxzy(['score', '--framework', FRAMEWORK_FILE, '--today', TODAY, '-'], assessments);
    const view = JSON.parse(cxzy(['branch', '--framework', FRAMEWORK_FILE, '--excellent-quota', '1/3', '-'], results));
    assert.equal(view.count, 12);
    await page.locator('.tab', { hasText: '统计与评定' }).click();
    await page.waitForSelector('.ranking tbody tr');
    const rows = await page.$$eval('.ranking tbody tr', (trs) => trs.map((tr) => [...tr.children].slice(0, 4).map((td) => td.textContent.trim())));
    const label = (g) => FRAMEWORK.grades.find((x) => x.id === g)?.label['zh-Hans'] ?? '不完整';
    assert.deepEqual(rows, view.ranking.map((e) => [e.rank === null ? '—' : String(e.rank), e.subject.name, e.total, label(e.grade)]));
    const weak = await page.$$eval('.weaknesses tbody tr', (trs) => trs.map((tr) => [...tr.children].slice(1).map((td) => td.textContent.trim())));
    assert.deepEqual(weak, view.common_weaknesses.map((w) => [`${w.mean_attainment}%`, `${w.below_60_share}%`]));
    const grades = await page.$$eval('#grades-heading + .grade-counts li strong', (els) => els.map((e) => Number(e.textContent)));
    assert.deepEqual(grades, view.grades.map((g) => g.count));
    // No single 群众评议 ballot can be seen: not its note, not its sealed text, not its token.
    const html = await page.content();
    assert.ok(!html.includes(MASS_NOTE), 'a resident\'s note never shows');
    for (const b of archive.ballots) assert.ok(!html.includes(b.sealed.slice(0, 24)) && !html.includes(b.token));

    // ---------------------------------------------------------------- 组织评定 and the 公示
    const first = view.ranking[0];
    const otherGrade = FRAMEWORK.grades.find((g) => g.id !== first.grade);
    const row = page.locator('.ranking tbody tr').first();
    await row.locator('.decide-grade').selectOption(otherGrade.id);
    await row.locator('.record-decision').click();
    await row.locator('[role=alert]').waitFor();
    assert.match(await row.locator('[role=alert]').textContent(), /理由/, 'a changed grade needs a reason');
    await row.locator('.decide-reason').fill('支委会研究决定');
    await row.locator('.record-decision').click();
    await row.locator('.recorded').waitFor();
    assert.match(await row.locator('.recorded').textContent(), new RegExp(otherGrade.label['zh-Hans']));
    await page.locator('.tab', { hasText: '公示' }).click();
    await page.waitForSelector('.gongshi-ranking');
    const printed = await page.$$eval('.gongshi-ranking tbody tr', (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent.trim())));
    assert.deepEqual(printed[0], [String(first.rank), first.subject.name, first.total, otherGrade.label['zh-Hans']]);
    const csv = await download(page, '#download-csv');
    assert.match(csv.text, /支委会研究决定/);
    assert.ok(!csv.text.includes(MASS_NOTE));
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000, 'the 公示 prints');
    await page.emulateMedia({ media: 'screen' });
    // A member's own result, handed back as a file, imported in the member's app.
    const mine = await download(page, '.hand-back');
    const { assessment } = JSON.parse(mine.text);
    assert.equal(assessment.subject.name, NAMES[0]);
    assertClean(c);
    const m = await watchedPage(browser);
    const pm = pages(m.page);
    await pm.shell.open();
    await pm.shell.nav('data');
    await pm.data.import({ name: mine.name, mimeType: 'application/json', buffer: Buffer.from(mine.text) });
    await pm.result.waitFor();
    const mineRow = view.ranking.find((e) => e.subject.name === NAMES[0]);
    assert.equal(await pm.result.total(), mineRow.total, 'the member\'s app shows the result of the branch view');
    assertClean(m);
  } finally {
    await camBrowser.close();
  }
});

function writeJson(name, value, text) {
  const file = join(dir, name);
  writeFileSync(file, text ?? JSON.stringify(value));
  return file;
}

/** The base64url text with one character changed (one byte of the sealed box). */
function flip(text) {
  const k = Math.floor(text.length / 2);
  return text.slice(0, k) + (text[k] === 'A' ? 'B' : 'A') + text.slice(k + 1);
}
