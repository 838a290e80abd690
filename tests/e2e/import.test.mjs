// Importing files on the Data page: a bad file shows every error located (a JSON pointer, or the
// line and column of a syntax error) and changes nothing; a file exported by the app imports
// into a fresh browser and shows the same result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, assertClean } from './browser.mjs';
import { MIXED, importAssessment, jsonFile, makeAssessment, pages, scoreNatively } from './app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function importAndReadError(page, file) {
  const p = pages(page);
  await p.data.import(file);
  const text = await p.shell.errorNotice();
  // Dismiss it, so that the next import's notice cannot be mistaken for this one.
  await page.locator('.notice.error[role="alert"] button').click();
  await page.locator('.notice.error[role="alert"]').waitFor({ state: 'detached' });
  return text;
}

test('a bad file shows its located errors and imports nothing', async () => {
  const w = await watchedPage(browser);
  const { page } = w;
  const p = pages(page);
  await p.shell.open();
  await p.shell.nav('data');
  await page.waitForSelector('#import');

  // Valid JSON, two structural errors: both reported, each with its path.
  const twoErrors = makeAssessment(MIXED);
  twoErrors.period.start = '2026-13-01';
  twoErrors.colour = 'red';
  let text = await importAndReadError(page, jsonFile('two-errors.json', twoErrors));
  assert.match(text, /\/period\/start/, 'the bad date is located');
  assert.match(text, /\/colour/, 'the unknown field is located');

  // Well formed, but an indicator the framework does not have.
  const unknown = makeAssessment(MIXED);
  const self = unknown.sheets.findIndex((s) => s.source === 'self');
  unknown.sheets[self].ratings['study-typo'] = 'good';
  text = await importAndReadError(page, jsonFile('unknown-indicator.json', unknown));
  assert.ok(text.includes(`/sheets/${self}/ratings/study-typo`), `the unknown indicator is located: ${text}`);

  // Not JSON: the line and column of the syntax error.
  text = await importAndReadError(page, jsonFile('syntax.json', '{\n  "schema": "cxzy/assessment@1",\n  "framework": ,\n}\n'));
  assert.match(text, /第 3 行/, 'the syntax error names its line');
  assert.match(text, /json_syntax/);

  await p.shell.nav('history');
  assert.equal(await page.locator('#records li').count(), 0);
  assertClean(w);
  await page.close();
});

test('a file exported by the app imports into a fresh browser with the same result', async () => {
  const a = await watchedPage(browser);
  const pa = pages(a.page);
  await pa.shell.open();
  await importAssessment(a.page, makeAssessment(MIXED, { notes: { 'study-theory': '笔记两本' } }));
  const exported = await pa.result.exportJson();
  const total = await pa.result.total();
  assertClean(a);
  await a.page.close();

  const b = await watchedPage(browser);
  const pb = pages(b.page);
  await pb.shell.open();
  await pb.shell.nav('data');
  await pb.data.import(jsonFile(exported.name, exported.text));
  await pb.result.waitFor();
  await b.page.waitForSelector('.notice.ok[role="status"]');
  assert.match(await b.page.textContent('.notice.ok'), /已导入 1 份评分/);
  assert.equal(await pb.result.total(), total, 'the same total');
  assert.equal(total, scoreNatively(JSON.parse(exported.text).assessment).result.total);

  await pb.shell.nav('history');
  const records = b.page.locator('#records li');
  assert.equal(await records.count(), 1, 'the imported assessment is in the history');
  assert.match(await records.innerText(), /2026/);
  assert.match(await records.innerText(), new RegExp(total.replace('.', '\\.')));
  await records.locator('button').first().click();
  await pb.result.waitFor();
  await pb.shell.nav('rate');
  assert.equal(await b.page.inputValue('#note-study-theory'), '笔记两本', 'notes come with the import');
  assertClean(b);
  await b.page.close();
});
