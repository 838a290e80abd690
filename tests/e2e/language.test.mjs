// The language: the browser's (zh-CN → 简体, zh-TW → 繁體, en → English) until one is chosen;
// switching 简体 → 繁體 → English changes the interface text, the framework's own text (title,
// grade label) and <html lang>.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, watchedPage, assertClean } from './browser.mjs';
import { ALL_GOOD, FRAMEWORK, gradeLabel, importAssessment, makeAssessment, pages } from './app.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const NAV = {
  'zh-Hans': ['开始', '评分', '结果', '历次记录', '本单位标准', '民主评议', '数据'],
  'zh-Hant': ['開始', '評分', '結果', '歷次記錄', '本單位標準', '民主評議', '資料'],
  en: ['Start', 'Rate', 'Result', 'History', 'Our criteria', 'Rounds', 'Data'],
};

test('switching 简体 → 繁體 → English changes the interface, the framework text and <html lang>', async () => {
  const w = await watchedPage(browser, { locale: 'zh-CN' });
  const { page } = w;
  const p = pages(page);
  await p.shell.open();
  await importAssessment(page, makeAssessment(ALL_GOOD));
  assert.equal(await p.result.total(), '100.00');

  for (const lang of ['zh-Hans', 'zh-Hant', 'en']) {
    if (lang !== 'zh-Hans') await p.shell.setLanguage(lang);
    assert.equal(await p.shell.htmlLang(), lang, '<html lang>');
    assert.equal(await page.inputValue('#lang'), lang, 'the language select');
    assert.deepEqual(await p.shell.navLabels(), NAV[lang], `nav labels in ${lang}`);
    assert.equal(await p.result.grade(), gradeLabel('excellent', lang), `grade label in ${lang}`);
    assert.equal((await page.textContent('#result-heading')).trim(), FRAMEWORK.title[lang], `framework title in ${lang}`);
    assert.equal(await page.title(), await page.evaluate(() => document.title));
  }
  assert.match(await page.title(), /Self-assessment/);
  assertClean(w);
  await page.close();
});

test('the browser’s language is the default: zh-TW gives 繁體, en-US gives English', async () => {
  for (const [locale, lang] of [['zh-TW', 'zh-Hant'], ['en-US', 'en'], ['zh-CN', 'zh-Hans']]) {
    const w = await watchedPage(browser, { locale });
    const p = pages(w.page);
    await p.shell.open();
    assert.equal(await p.shell.htmlLang(), lang, `${locale} → ${lang}`);
    assert.deepEqual(await p.shell.navLabels(), NAV[lang]);
    assertClean(w);
    await w.page.close();
  }
});
