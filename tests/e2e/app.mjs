// Page objects for the app (one per page, as leptos' counters e2e keeps them beside the specs),
// the built-in 五带头 framework the specs rate against, and the native engine (the `cxzy`
// command line) as the oracle the page's figures are checked against.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, TODAY } from './browser.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FRAMEWORK_FILE = join(ROOT, 'core/frameworks/json/member-five-leads.json');
export const FRAMEWORK = JSON.parse(readFileSync(FRAMEWORK_FILE, 'utf8'));

/** Indicators of the framework in framework order, with their dimension. */
export const INDICATORS = FRAMEWORK.dimensions.flatMap((d) => d.indicators.map((i) => ({ ...i, dimension: d.id })));
export const indicator = (id) => INDICATORS.find((i) => i.id === id) ?? assert.fail(`no indicator ${id}`);
export const gradeLabel = (id, lang = 'zh-Hans') => FRAMEWORK.grades.find((g) => g.id === id)?.label[lang];

/** The navigation buttons, in order (their labels change with the language). */
export const NAV = { start: 0, rate: 1, result: 2, history: 3, criteria: 4, rounds: 5, data: 6 };

/**
 * A rating plan for every indicator: a level id, 'yes'/'no' for checks, a number for lapse
 * counts. Mixed so that there are gaps, ties in lost points (framework order decides) and a
 * lapse count.
 */
export const MIXED = {
  'study-attendance': 2, 'study-theory': 'fair', 'study-conviction': 'good', 'study-knowledge': 'average',
  'study-expertise': 'good', 'perf-duty': 'good', 'perf-tasks': 'fair', 'perf-innovation': 'poor',
  'perf-dedication': 'good', 'service-help': 'good', 'service-contact': 'fair', 'service-rights': 'good',
  'service-volunteer': 'average', 'discipline-party': 'good', 'discipline-law': 'good', 'discipline-rules': 'fair',
  'discipline-integrity': 'good', 'discipline-dues': 'yes', 'ethos-morals': 'good', 'ethos-stand': 'good',
  'ethos-criticism': 'average', 'ethos-example': 'fair',
};

/** Every item at its best: 优秀. */
export const ALL_GOOD = Object.fromEntries(INDICATORS.map((i) => [i.id,
  i.scale.kind === 'levels' ? i.scale.levels[0].id : i.scale.kind === 'check' ? 'yes' : 0]));

/** A plan's value as an assessment rating. */
function asRating(value) {
  if (value === 'yes') return true;
  if (value === 'no') return false;
  return value;
}

/**
 * A cxzy/assessment@1 document as the app writes it: ratings of items the member rates in the
 * self sheet, items only the organisation rates (考勤, 党费) in the org sheet.
 */
export function makeAssessment(plan, { year = 2026, half = 2, notes = {}, bonus = [], deductions = [], commitments = [] } = {}) {
  const period = half === 1
    ? { start: `${year}-01-01`, end: `${year}-06-30` }
    : { start: `${year}-07-01`, end: `${year}-12-31` };
  const sheets = {};
  for (const [id, value] of Object.entries(plan)) {
    const ind = indicator(id);
    const source = !ind.sources || ind.sources.includes('self') ? 'self' : 'org';
    sheets[source] ??= { source, ratings: {} };
    sheets[source].ratings[id] = asRating(value);
    if (notes[id]) (sheets[source].notes ??= {})[id] = notes[id];
  }
  const a = {
    schema: 'cxzy/assessment@1',
    framework: { id: FRAMEWORK.id, version: FRAMEWORK.version },
    subject: { name: '张三', unit: '第一党支部' },
    period,
    sheets: Object.values(sheets),
  };
  if (bonus.length) a.bonus = bonus;
  if (deductions.length) a.deductions = deductions;
  if (commitments.length) a.commitments = commitments;
  return a;
}

// ---------------------------------------------------------------- the engine, natively

const CLI = process.env.CXZY_CLI ?? join(ROOT, 'target/debug/cxzy');

/** Runs the native `cxzy` (built by scripts/test.sh; `cargo run` when it is not there), with
 * `input` on stdin (for `-`: JSON lines). */
export function cxzy(args, input) {
  const options = { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...(input === undefined ? {} : { input }) };
  if (existsSync(CLI)) return execFileSync(CLI, args, options);
  return execFileSync('cargo', ['run', '-q', '-p', 'cxzy-cli', '--', ...args], { ...options, cwd: ROOT });
}

/** Scores an assessment with the native engine: the result document's exact text and value. */
export function scoreNatively(assessment, today = TODAY) {
  const dir = mkdtempSync(join(tmpdir(), 'cxzy-e2e-'));
  const file = join(dir, 'assessment.json');
  writeFileSync(file, JSON.stringify(assessment));
  const text = cxzy(['score', '--framework', FRAMEWORK_FILE, '--today', today, file]).trimEnd();
  assert.equal(text.split('\n').length, 1, 'one result line');
  return { text, result: JSON.parse(text) };
}

/** A file for `<input type=file>` (Playwright's setInputFiles payload). */
export function jsonFile(name, value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return { name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') };
}

// ---------------------------------------------------------------- page objects

/** The frame around every page: header, language, navigation. */
export class AppShell {
  constructor(page) { this.page = page; }

  async open() {
    await this.page.goto(BASE_URL);
    await this.page.waitForSelector('.nav-link');
  }

  async nav(name) {
    await this.page.locator('.nav-link').nth(NAV[name]).click();
  }

  async navLabels() {
    return (await this.page.locator('.nav-link').allTextContents()).map((s) => s.trim());
  }

  async currentNav() {
    const links = this.page.locator('.nav-link');
    const n = await links.count();
    for (let k = 0; k < n; k++) if (await links.nth(k).getAttribute('aria-current') === 'page') return k;
    return -1;
  }

  async setLanguage(tag) {
    await this.page.selectOption('#lang', tag);
    await this.page.waitForFunction((t) => document.documentElement.lang === t, tag);
  }

  async htmlLang() { return this.page.evaluate(() => document.documentElement.lang); }

  /** Messages of an error notice (import, storage, …). */
  async errorNotice() {
    const notice = this.page.locator('.notice.error[role="alert"]');
    await notice.waitFor();
    return notice.innerText();
  }
}

/** Start: subject, framework, period, name and unit. */
export class StartPage {
  constructor(page) { this.page = page; }

  async waitFor() { await this.page.waitForSelector('#begin:not([disabled])'); }

  /** Fills the form with the mouse (clicks and the select menus) and begins. */
  async begin({ subject = 'member-five-leads', year, half, name, unit } = {}) {
    await this.waitFor();
    await this.page.click(`label[for="subject-${subject}"]`);
    if (year) await this.page.selectOption('#year', String(year));
    if (half) await this.page.selectOption('#half', String(half));
    if (name !== undefined) { await this.page.click('#name'); await this.page.fill('#name', name); }
    if (unit !== undefined) { await this.page.click('#unit'); await this.page.fill('#unit', unit); }
    await this.page.click('#begin');
    await this.page.waitForSelector('#live-total');
  }
}

/** Rate: dimension steps, the items of the current step, the organisation's records. */
export class RatePage {
  constructor(page) { this.page = page; }

  async waitFor() { await this.page.waitForSelector('#step-heading'); }
  async heading() { return (await this.page.textContent('#step-heading')).trim(); }
  async liveTotal() { return (await this.page.textContent('#live-total')).trim(); }
  async liveGrade() { return (await this.page.textContent('#live-grade')).trim(); }
  async progress() { return (await this.page.textContent('#progress-text')).trim(); }

  /** Ids of the items shown in the current step, in page order. */
  async itemIds() {
    return this.page.$$eval('article.item', (els) => els.map((e) => e.id.replace(/^item-/, '')));
  }

  /** Rates one item with the mouse: a click on the level's label, or − / + for a count. */
  async rateByMouse(id, value) {
    const item = this.page.locator(`#item-${id}`);
    if (typeof value === 'number') {
      const plus = item.locator('button.inc');
      for (let k = 0; k < value; k++) await plus.click();
      if (value === 0) { // an explicit 0: one up and one down
        await plus.click();
        await item.locator('button.dec').click();
      }
      await this.page.waitForFunction(([sel, v]) => document.querySelector(sel)?.value === String(v),
        [`#rate-${id}-count`, value]);
      return;
    }
    await item.locator(`label[for="rate-${id}-${value}"]`).click();
    assert.ok(await this.page.isChecked(`#rate-${id}-${value}`), `${id} ${value} is checked`);
  }

  /** Rates every step with the mouse, then the records; leaves the page on the last step. */
  async rateAllByMouse(plan, { records } = {}) {
    for (;;) {
      for (const id of await this.itemIds()) {
        assert.ok(id in plan, `the plan rates ${id}`);
        await this.rateByMouse(id, plan[id]);
      }
      if (!(await this.page.$('#next-step'))) break;
      const before = await this.heading();
      await this.page.click('#next-step');
      await this.page.waitForFunction((h) => document.querySelector('#step-heading')?.textContent.trim() !== h, before);
    }
    if (records) await this.setRecordsByMouse(records);
  }

  /** On the last step: bonus items (checkboxes), deduction counts (+ clicks), vetoes. */
  async setRecordsByMouse({ bonus = [], deductions = {}, vetoes = [] }) {
    for (const id of bonus) await this.page.click(`label[for="bonus-${id}"]`);
    for (const [id, n] of Object.entries(deductions)) {
      const plus = this.page.locator(`.stepper:has(#deduction-${id}) button.inc`);
      for (let k = 0; k < n; k++) await plus.click();
      await this.page.waitForFunction(([sel, v]) => document.querySelector(sel)?.value === String(v),
        [`#deduction-${id}`, n]);
    }
    for (const id of vetoes) await this.page.click(`label[for="veto-${id}"]`);
  }

  async seeResult() {
    await this.page.click('#see-result');
    await this.page.waitForSelector('#total');
  }
}

/** Result: figures, gaps, items with what-if, trend, commitments, export, print. */
export class ResultPage {
  constructor(page) { this.page = page; }

  async waitFor() { await this.page.waitForSelector('#total'); }
  async total() { return (await this.page.textContent('#total')).trim(); }
  async grade() { return (await this.page.textContent('#grade')).trim(); }
  async gapOrder() { return this.page.$$eval('#gaps li[data-indicator]', (els) => els.map((e) => e.dataset.indicator)); }

  /** Clicks 「导出 JSON」 and reads the downloaded file. */
  async exportJson() {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.click('#export-json')]);
    const path = await download.path();
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
  }

  async exportCsv() {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.click('#export-csv')]);
    return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  }

  whatIf(id) { return this.page.locator(`#items tr[data-indicator="${id}"] .whatif`); }

  /** Adds a commitment with the mouse and the keyboard (text, dimension, due date). */
  async addCommitment({ text, dimension = '', due }) {
    await this.page.fill('#commitment-text', text);
    await this.page.selectOption('#commitment-dimension', dimension);
    await this.page.fill('#commitment-due', due);
    await this.page.click('#commitment-add');
    await this.page.waitForSelector(`#commitments li[data-commitment]:has-text("${text}")`);
  }
}

/** Data: import, export everything, delete everything. */
export class DataPage {
  constructor(page) { this.page = page; }

  async import(file) {
    await this.page.setInputFiles('#import', file);
  }
}

/** One object per page, for a spec's convenience. */
export function pages(page) {
  return {
    shell: new AppShell(page), start: new StartPage(page), rate: new RatePage(page),
    result: new ResultPage(page), data: new DataPage(page),
  };
}

/** Opens the app, imports an assessment through the Data page and waits for its result. */
export async function importAssessment(page, assessment, name = 'assessment.json') {
  const p = pages(page);
  await p.shell.nav('data');
  await p.data.import(jsonFile(name, assessment));
  await p.result.waitFor();
  return p;
}
