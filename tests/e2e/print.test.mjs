// The printed report (打印): the result page printed to an A4 PDF fits exactly one page and reads
// the grade, the total and the period; the screen-only controls are not printed. The PDF is kept
// in test-artifacts/ for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ARTIFACTS, launch, watchedPage, assertClean } from './browser.mjs';
import { MIXED, gradeLabel, importAssessment, makeAssessment, pages, scoreNatively } from './app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The text of every page of a PDF, with pdf.js (no worker, no fonts fetched). */
async function pdfText(bytes) {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  const pages = [];
  for (let k = 1; k <= doc.numPages; k++) {
    const content = await (await doc.getPage(k)).getTextContent();
    // NFKC: Chromium's PDFs map some CJK glyphs to Kangxi radicals (⼊ U+2F0A for 入).
    pages.push(content.items.map((i) => i.str).join('').normalize('NFKC'));
  }
  await doc.destroy();
  return pages;
}

test('the result prints as a one-page A4 report with the grade', async () => {
  const w = await watchedPage(browser, { viewport: { width: 1280, height: 900 } });
  const { page } = w;
  const p = pages(page);
  await p.shell.open();
  const assessment = makeAssessment(MIXED, {
    commitments: [{ id: 'c1', text: '每月走访联系群众一次', dimension: 'service', due: '2026-12-01', status: 'planned' }],
  });
  await importAssessment(page, assessment);
  const expected = scoreNatively(assessment).result;
  const grade = gradeLabel(expected.grade);

  // The print stylesheet: the header, the what-if controls and the actions are not printed.
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['header.bar', '.actions', 'select.whatif', '#commitment-text']) {
    assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is not printed`);
  }
  assert.ok(await page.locator('#grade').isVisible(), 'the grade is printed');
  await page.emulateMedia({ media: null }); // page.pdf prints with print media

  const path = `${ARTIFACTS}/report-a4.pdf`;
  await page.pdf({ path, format: 'A4', printBackground: true });
  const bytes = readFileSync(path);
  const text = await pdfText(bytes);
  const raw = bytes.toString('latin1');
  const pageObjects = (raw.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  assert.equal(text.length, pageObjects, 'pdf.js and the raw /Type /Page count agree');

  const all = text.join('\n').replace(/\s+/g, '');
  assert.ok(all.includes(grade), `the report reads the grade 「${grade}」`);
  assert.ok(all.includes(expected.total), `the report reads the total ${expected.total}`);
  assert.ok(all.includes('2026'), 'the report reads the period');
  assert.equal(text.length, 1, `the report fits one A4 page (it takes ${text.length}; see ${path})`);
  assertClean(w);
  await page.close();
});

test('a fuller report (peer ratings, the previous half-year, commitments) still prints on one page', async () => {
  const w = await watchedPage(browser, { viewport: { width: 1280, height: 900 } });
  const { page } = w;
  const p = pages(page);
  await p.shell.open();
  // Last half-year, rated lower: the report then carries the trend.
  const lower = Object.fromEntries(Object.entries(MIXED).map(([id, v]) => [id, v === 'good' ? 'fair' : v]));
  await importAssessment(page, makeAssessment(lower, { half: 1 }), 'h1.json');
  const current = makeAssessment(MIXED, {
    commitments: [
      { id: 'c1', text: '每月走访联系群众一次', dimension: 'service', due: '2026-12-01', status: 'planned' },
      { id: 'c2', text: '完成党务知识培训', dimension: 'study', due: '2026-08-01', status: 'in_progress' },
    ],
  });
  // Three peers (互评 needs three) rate a few items: perception appears on screen.
  for (const rater of ['王五', '赵六', '钱七']) {
    current.sheets.push({ source: 'peer', rater, ratings: { 'study-theory': 'fair', 'perf-duty': 'good', 'service-help': 'average' } });
  }
  await importAssessment(page, current, 'h2.json');
  await page.locator('#trend').waitFor();
  const expected = scoreNatively(current).result;
  assert.ok(expected.perception.length > 0, 'the engine finds a perception gap');

  const path = `${ARTIFACTS}/report-a4-full.pdf`;
  await page.pdf({ path, format: 'A4', printBackground: true });
  const text = await pdfText(readFileSync(path));
  const all = text.join('\n').replace(/\s+/g, '');
  assert.ok(all.includes(expected.total), `the report reads the total ${expected.total}`);
  assert.equal(text.length, 1, `the fuller report fits one A4 page (it takes ${text.length}; see ${path})`);
  assertClean(w);
  await page.close();
});
