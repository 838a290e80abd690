// Privacy: a tour of every page and every export (JSON, CSV, the backup) and deleting everything
// asks nothing of any other host and logs no error; the data lives under localStorage `cxzy/v1`
// only, and 「全部删除」 really deletes it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, watchedPage, assertClean } from './browser.mjs';
import { INDICATORS, MIXED, NAV, importAssessment, makeAssessment, pages } from './app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('every page and export stays on the device; delete all removes the data', async () => {
  const w = await watchedPage(browser);
  const { page } = w;
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const p = pages(page);
  await p.shell.open();
  await importAssessment(page, makeAssessment(MIXED));

  await p.result.exportJson();
  const csv = await p.result.exportCsv();
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV starts with a UTF-8 BOM');
  const rows = csv.bytes.toString('utf8').trimEnd().split('\r\n');
  assert.equal(rows.length, 1 + INDICATORS.length + 1, 'header, one row per item, the total');

  for (const name of ['rate', 'history', 'data', 'start', 'result']) {
    await p.shell.nav(name);
    await page.waitForTimeout(50);
    assert.equal(await p.shell.currentNav(), NAV[name], `aria-current on ${name}`);
  }
  for (const lang of ['zh-Hant', 'en', 'zh-Hans']) await p.shell.setLanguage(lang);

  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(keys, ['cxzy/v1'], 'one storage key');

  await p.shell.nav('data');
  const [backup] = await Promise.all([page.waitForEvent('download'), page.click('#export-all')]);
  const data = JSON.parse(readFileSync(await backup.path(), 'utf8'));
  assert.equal(data.assessments?.length, 1, 'the backup holds the assessment');

  await page.click('#delete-all');
  await page.click('#delete-all-confirm');
  await p.shell.nav('history');
  assert.equal(await page.locator('#records li').count(), 0, 'nothing left in the history');
  await page.reload();
  await page.waitForSelector('.nav-link');
  await p.shell.nav('history');
  assert.equal(await page.locator('#records li').count(), 0, 'nothing left after a reload');

  // Only the app's own files were asked for (its icon, manifest and service worker among them).
  const unexpected = requests.filter((path) => !/^\/($|index\.html$|cxzy-web-[0-9a-f]+(_bg\.wasm|\.js)$|frameworks\/[a-z0-9.-]+\.json$|icons\/[a-z0-9.-]+\.(svg|png)$|manifest\.webmanifest$|sw\.js$)/.test(path));
  assert.deepEqual(unexpected, [], 'requests beyond the app’s own files');
  assertClean(w);
  await page.close();
});
