// A training workshop, end to end (issue 13). `cxzy serve` serves the app embedded in the
// binary; a trainer opens the workshop page on a laptop (the projector), starts a demo round and
// a room; ten participants join by the room's link in their own browser contexts (phones), read
// the demo member's 事迹, rate her and submit — their sealed ballots go to the room. The projector
// counts 10 live, shows nothing of anyone's answers until the trainer reveals, then the combined
// result: it equals `cxzy round open` over the room's ballots (read with the owner's secret) plus
// the demo case's own sheets, scored by `cxzy score` — to the cent. Then the same participant
// path on the static app (no server): the ballot comes back as a QR code and a link, which the
// trainer's device receives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import { BASE_URL, TODAY, launch, watchedPage, assertClean, freePort } from './browser.mjs';
import { FRAMEWORK_FILE, ROOT, cxzy } from './app.mjs';

const PARTICIPANTS = 10;
const CASE = JSON.parse(readFileSync(join(ROOT, 'web/demo/member.json'), 'utf8'));
const CLI = process.env.CXZY_CLI ?? join(ROOT, 'target/debug/cxzy');
const dir = mkdtempSync(join(tmpdir(), 'cxzy-workshop-'));

let browser;
let server;
let serveBase;

before(async () => {
  browser = await launch();
  const port = await freePort();
  // On this machine's network address where it has one, as a workshop on a travel router: plain
  // HTTP off loopback is not a secure context (no camera, no WebCrypto, no service worker).
  const lan = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  server = spawn(CLI, ['serve', '--port', String(port), '--data', join(dir, 'data'), ...(lan ? ['--lan'] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  serveBase = `http://${lan ?? '127.0.0.1'}:${port}/`;
  for (let k = 0; ; k++) {
    try {
      const r = await fetch(`${serveBase}api/v1/info`);
      if (r.ok) break;
    } catch { /* not yet */ }
    assert.ok(k < 300, 'cxzy serve answers within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
});
after(async () => {
  await browser?.close();
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

/** Rates every item of the ballot on screen (one member): level `pick(k)`, a count of one. */
async function rateAll(page, pick) {
  await page.waitForSelector('#ballot-member');
  const items = page.locator('.ballot-item');
  const n = await items.count();
  for (let k = 0; k < n; k++) {
    const item = items.nth(k);
    const radios = item.locator('input[type=radio]');
    if (await radios.count()) {
      const r = radios.nth(Math.min(pick(k), (await radios.count()) - 1));
      await item.locator(`label[for="${await r.getAttribute('id')}"]`).click();
    } else {
      await item.locator('button.inc').click();
    }
  }
  await page.click('.submit-ballot');
}

/** Participant `p`'s choice for item `k`: spread so that each item has a low and a high. */
const pick = (p) => (k) => [0, 0, 1, 0, 2, 1, 0, 3, 1, 0][(p + k) % 10];

test('a workshop on cxzy serve: ten participants join the room, the projector counts them live, reveals, and its result equals the command line', async () => {
  // The app as the binary serves it: compressed, cached, under the strict CSP.
  const index = await fetch(`${serveBase}editor.html`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal(index.headers.get('content-encoding'), 'br');

  const t = await watchedPage(browser, { base: serveBase, viewport: { width: 1280, height: 900 } });
  const trainer = t.page;
  await trainer.goto(`${serveBase}editor.html#/workshop`);
  await trainer.waitForSelector('#start-workshop');
  await trainer.click('#start-workshop');
  await trainer.waitForSelector('.room-code');
  // Read aloud as 「评议室代码 XXXXXX」 (a visually hidden label), shown as the code alone.
  const spoken = (await trainer.textContent('.room-code')).trim();
  const room = spoken.match(/[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/)?.[0];
  assert.equal(spoken, `评议室代码 ${room}`);
  const link = (await trainer.textContent('.join-link')).trim();
  assert.equal(link, `${serveBase}editor.html#/join/${room}`);
  assert.ok(await trainer.locator('.join-qr svg path').count(), 'a join QR code');
  assert.equal(await trainer.textContent('#ballot-count'), '0');
  await trainer.waitForSelector('#results-hidden');

  // Ten participants, five at a time.
  const phones = [];
  for (let batch = 0; batch < PARTICIPANTS; batch += 5) {
    await Promise.all([...Array(5).keys()].map(async (i) => {
      const p = batch + i;
      const phone = await watchedPage(browser, { base: serveBase });
      phones.push(phone);
      await phone.page.goto(link);
      await phone.page.waitForSelector('.workshop-story');
      if (!serveBase.includes('127.0.0.1')) {
        assert.deepEqual(await phone.page.evaluate(() => [window.isSecureContext, typeof crypto.subtle, 'serviceWorker' in navigator]),
          [false, 'undefined', false], 'the room path runs without a secure context');
      }
      assert.match(await phone.page.textContent('.workshop-story'), new RegExp(CASE.member.name));
      await rateAll(phone.page, pick(p));
      await phone.page.waitForSelector('#sent-to-room', { timeout: 20_000 });
      // Nothing in the clear stays on the phone once sealed.
      const clear = await phone.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cxzy/ballot/')));
      assert.deepEqual(clear, []);
    }));
  }

  // The projector: ten, live; still hidden.
  await trainer.waitForFunction((n) => document.querySelector('#ballot-count')?.textContent === String(n), PARTICIPANTS, { timeout: 20_000 });
  assert.equal(await trainer.locator('#workshop-results').count(), 0, 'nothing shown before the reveal');
  await trainer.click('#reveal-results');
  await trainer.waitForSelector('#combined-total');
  // Focus moves to the button that replaced the pressed one, not to the page.
  await trainer.waitForFunction(() => document.activeElement?.id === 'hide-results');
  const shown = (await trainer.textContent('#combined-total')).trim();
  const grade = (await trainer.textContent('#combined-grade')).trim();
  const rows = await trainer.locator('#spread tbody tr').count();
  assert.ok(rows > 10, 'a row per item the participants rate');
  assert.ok(await trainer.locator('#perception tbody tr').count() > 0, '自评与他评');
  await trainer.screenshot({ path: 'test-artifacts/workshop-projector.png', fullPage: true });

  // The oracle: the room's ballots (the owner's secret), opened with the round's key, plus the
  // case's sheets, scored natively.
  const { session, key } = await trainer.evaluate(() => {
    const s = JSON.parse(localStorage.getItem('cxzy/workshop'));
    const lib = JSON.parse(localStorage.getItem('cxzy/v1'));
    const archive = lib.rounds.find((r) => r.key.round.id === s.round);
    return { session: s, key: archive.key };
  });
  assert.equal(session.room, room);
  const unauthorised = await fetch(`${serveBase}api/v1/rooms/${room}/ballots`);
  assert.equal(unauthorised.status, 401);
  const listed = await (await fetch(`${serveBase}api/v1/rooms/${room}/ballots`, { headers: { authorization: `Bearer ${session.secret}` } })).json();
  assert.equal(listed.ballots.length, PARTICIPANTS);
  const keyFile = join(dir, 'key.json');
  writeFileSync(keyFile, JSON.stringify(key));
  const opened = cxzy(['round', 'open', '--key', keyFile, '--framework', FRAMEWORK_FILE, '-'],
    listed.ballots.map((b) => JSON.stringify(b.ballot)).join('\n') + '\n').trim().split('\n');
  assert.equal(opened.length, 1, 'one member');
  const assessment = JSON.parse(opened[0]);
  assert.equal(assessment.sheets.length, PARTICIPANTS);
  assessment.sheets.push(...CASE.sheets);
  const file = join(dir, 'assessment.json');
  writeFileSync(file, JSON.stringify(assessment));
  const result = JSON.parse(cxzy(['score', '--framework', FRAMEWORK_FILE, '--today', TODAY, file]));
  assert.equal(shown, result.total, `the projector shows ${shown}, cxzy score ${result.total}`);
  const framework = JSON.parse(readFileSync(FRAMEWORK_FILE, 'utf8'));
  const label = framework.grades.find((g) => g.id === result.grade)?.label['zh-Hans'] ?? '未达任何等次';
  assert.equal(grade, label);
  console.log(`# workshop: ${PARTICIPANTS} participants via the room; combined ${shown} (${grade}), equal to cxzy score`);

  // Reset for the next round: the room is deleted.
  trainer.once('dialog', (d) => d.accept());
  await trainer.click('#reset-workshop');
  await trainer.waitForSelector('#start-workshop');
  const gone = await fetch(`${serveBase}api/v1/rooms/${room}/round`);
  assert.equal(gone.status, 404);

  assertClean(t);
  for (const p of phones) { assertClean(p); await p.page.close(); }
  await trainer.close();
});

test('a workshop on the static app: the participant\'s ballot comes back as a QR code and a link the trainer receives', async () => {
  const t = await watchedPage(browser, { viewport: { width: 1280, height: 900 } });
  const trainer = t.page;
  await trainer.goto(`${BASE_URL}editor.html#/workshop`);
  await trainer.waitForSelector('#start-workshop');
  await trainer.click('#start-workshop');
  await trainer.waitForSelector('.join-link');
  assert.equal(await trainer.locator('.room-code').count(), 0, 'no room without cxzy serve');
  const link = (await trainer.textContent('.join-link')).trim();
  assert.match(link, /#\/join\/z[A-Za-z0-9_-]+$/);

  const phone = await watchedPage(browser);
  await phone.page.goto(link);
  await rateAll(phone.page, pick(3));
  await phone.page.waitForSelector('.ballot-qr svg path');
  assert.equal(await phone.page.locator('#sent-to-room').count(), 0);
  const back = await phone.page.inputValue('.ballot-link');
  assert.match(back, /#\/in\/b1\./);

  // The trainer's device receives it (as the collector's camera or a pasted link would).
  await trainer.goto(back);
  await trainer.waitForSelector('#in-heading');
  await trainer.waitForFunction(() => /已收到|accepted|收下/.test(document.querySelector('[aria-labelledby=in-heading] [role=status]')?.textContent ?? ''));
  await trainer.goto(`${BASE_URL}editor.html#/workshop`);
  await trainer.waitForFunction(() => document.querySelector('#ballot-count')?.textContent === '1');
  assertClean(t);
  assertClean(phone);
});
