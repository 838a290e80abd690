// Screenshots of the start, rate and result pages on a phone (360 px) and a desktop (1280 px),
// kept in test-artifacts/ (not committed) for a person to look at; on each, nothing may be wider
// than the screen (no sideways scrolling of the page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ARTIFACTS, launch, watchedPage, assertClean } from './browser.mjs';
import { MIXED, makeAssessment, importAssessment, pages } from './app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Elements wider than the viewport, or reaching past its right edge (outside scrolling boxes). */
async function overflowing(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrolls = (e) => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') return true; } return false; };
    const out = [];
    for (const e of document.querySelectorAll('main *, header *')) {
      const r = e.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1 && !scrolls(e)) out.push(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${String(e.className).split(' ').join('.')} right=${Math.round(r.right)}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 8) };
  });
}

for (const width of [360, 1280]) {
  test(`start, rate and result pages at ${width} px`, async () => {
    const w = await watchedPage(browser, { viewport: { width, height: width === 360 ? 800 : 900 } });
    const { page } = w;
    const p = pages(page);
    const problems = [];
    const shoot = async (name) => {
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: `${ARTIFACTS}/${name}-${width}.png`, fullPage: true });
      const o = await overflowing(page);
      if (o.scrollWidth > o.width || o.out.length) problems.push(`${name}: page ${o.scrollWidth} px wide in ${o.width}; ${o.out.join(', ')}`);
    };

    await p.shell.open();
    await p.start.waitFor();
    await shoot('start');

    await p.start.begin({ name: '张三', unit: '第一党支部' });
    for (const id of (await p.rate.itemIds()).slice(0, 3)) await p.rate.rateByMouse(id, MIXED[id]);
    await page.evaluate(() => scrollTo(0, 0));
    await shoot('rate');

    await importAssessment(page, makeAssessment(MIXED, {
      bonus: ['commend-unit'], deductions: [{ item: 'notice-criticism', count: 1 }],
      commitments: [{ id: 'c1', text: '每月走访联系群众一次', dimension: 'service', due: '2026-09-01', status: 'planned' }],
    }));
    await shoot('result');

    assert.deepEqual(problems, [], 'no page is wider than the screen');
    assertClean(w);
    await page.close();
  });
}
