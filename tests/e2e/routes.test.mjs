// Routes (the location hash): back, forward and reload keep the page; a deep link opens its page;
// an unknown or stale link falls back to a page that exists (never a blank one).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, assertClean, BASE_URL } from './browser.mjs';
import { pages, FRAMEWORK } from './app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const RECORD = 'member-five-leads/2026-H2';
const dimension = (k) => FRAMEWORK.dimensions[k].title['zh-Hans'];
const hash = (page) => page.evaluate(() => location.hash);

async function heading(page) {
  await page.waitForSelector('h1');
  return page.$eval('main h1', (h) => h.id);
}

test('back, forward and reload keep the page; deep links open theirs; stale ones fall back', async () => {
  const w = await watchedPage(browser);
  const { page } = w;
  const p = pages(page);
  await p.shell.open();
  assert.equal(await heading(page), 'start-heading');
  await p.start.begin();
  assert.equal(await hash(page), `#/assess/${RECORD}/1`);
  await p.rate.rateByMouse('study-theory', 'fair');
  await page.click('#next-step');
  await page.waitForFunction((t) => document.querySelector('#step-heading')?.textContent.trim() === t, dimension(1));
  assert.equal(await hash(page), `#/assess/${RECORD}/2`);
  await p.rate.seeResult();
  assert.equal(await hash(page), `#/result/${RECORD}`);
  await p.shell.nav('history');
  await page.waitForSelector('#history-heading');
  assert.equal(await hash(page), '#/history');

  // Back: the result, then the second step; forward: the result again.
  await page.goBack();
  await p.result.waitFor();
  assert.equal(await hash(page), `#/result/${RECORD}`);
  assert.equal(await p.shell.currentNav(), 2, 'the result tab is current');
  await page.goBack();
  await page.waitForFunction((t) => document.querySelector('#step-heading')?.textContent.trim() === t, dimension(1));
  assert.equal(await hash(page), `#/assess/${RECORD}/2`);
  await page.goForward();
  await p.result.waitFor();

  // Reload keeps the page (and its record).
  await page.reload();
  await p.result.waitFor();
  assert.equal(await hash(page), `#/result/${RECORD}`);
  await page.goto(`${BASE_URL}#/assess/${RECORD}/2`);
  await page.reload();
  await page.waitForFunction((t) => document.querySelector('#step-heading')?.textContent.trim() === t, dimension(1));

  // A deep link, loaded afresh: the third step of the record.
  await page.goto('about:blank');
  await page.goto(`${BASE_URL}#/assess/${RECORD}/3`);
  await page.waitForFunction((t) => document.querySelector('#step-heading')?.textContent.trim() === t, dimension(2));
  assert.equal(await p.shell.currentNav(), 1, 'the rate tab is current');
  await page.goto('about:blank');
  await page.goto(`${BASE_URL}#/data`);
  await page.waitForSelector('#data-heading');

  // Unknown: the start page, the address corrected; stale (no such record here): the history.
  await page.goto('about:blank');
  await page.goto(`${BASE_URL}#/nowhere/at/all`);
  await page.waitForSelector('#start-heading');
  await page.waitForFunction(() => location.hash === '#/');
  await page.goto('about:blank');
  await page.goto(`${BASE_URL}#/result/member-five-leads/2019-H1`);
  await page.waitForSelector('#history-heading');
  assert.equal(await hash(page), '#/history');
  assert.equal(await page.locator('#records li').count(), 1);

  // No route at all: where the user last was.
  await page.goto('about:blank');
  await page.goto(BASE_URL);
  await page.waitForSelector('#step-heading, #total');
  assertClean(w);
  await page.close();
});
