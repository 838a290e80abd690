// The whole chain: Rust → WASM → Trunk → browser. The app fetches a built-in framework as JSON,
// reads it with cxzy-core and shows its title, total and grade for an empty assessment.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { BASE_URL, ARTIFACTS, launch, watchedPage } from './browser.mjs';

const framework = JSON.parse(readFileSync(new URL('../../core/frameworks/member-five-leads.json', import.meta.url), 'utf8'));
let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launch();
});
after(async () => { await browser?.close(); });

test('the app shows the framework title, total 0.00 and no grade for an empty assessment', async () => {
  const { page, foreign, errors } = await watchedPage(browser, { viewport: { width: 360, height: 740 } });
  await page.goto(BASE_URL);
  await page.waitForSelector('#total', { timeout: 20000 });
  assert.equal(await page.textContent('#title'), framework.title['zh-Hans']);
  assert.equal(await page.textContent('#total'), '0.00');
  assert.match(await page.textContent('#grade'), /未完成/);
  await page.screenshot({ path: `${ARTIFACTS}/chain-360.png`, fullPage: true });
  assert.deepEqual(foreign, [], 'no request may leave for another host');
  assert.deepEqual(errors, [], 'no page or console errors');
  await page.close();
});

test('an invalid framework shows a located error instead of a blank page', async () => {
  const { page } = await watchedPage(browser);
  const broken = structuredClone(framework);
  broken.dimensions[0].indicators[0].points = '1.234';
  broken.grades[0].colour = 'red';
  await page.route('**/frameworks/member-five-leads.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(broken) }));
  await page.goto(BASE_URL);
  const error = await page.waitForSelector('#error[role="alert"]', { timeout: 20000 });
  const text = await error.textContent();
  assert.match(text, /\/dimensions\/0\/indicators\/0\/points/);
  assert.match(text, /decimal_precision/);
  assert.match(text, /\/grades\/0\/colour/);
  assert.match(text, /unknown_field/);
  await page.close();
});

test('a framework that cannot be fetched says so', async () => {
  const { page } = await watchedPage(browser);
  await page.route('**/frameworks/member-five-leads.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto(BASE_URL);
  const error = await page.waitForSelector('#error[role="alert"]', { timeout: 20000 });
  assert.match(await error.textContent(), /HTTP 404/);
  await page.close();
});
