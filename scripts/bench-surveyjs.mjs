// cxzy beside SurveyJS in one Node process (issue 14): run by scripts/bench-surveyjs.sh, which
// installs survey-core into a scratch folder and passes its directory as the first argument.
//
// The sheet. The framework is the one of `cargo bench -p cxzy-core`, rebuilt here field for field
// from core/engine/benches/support/docs.rs (5 dimensions × 5 indicators of 4 points on the levels
// good/fair/average/poor = 100/80/60/30 %, bonus 表彰 2 points capped at 5, one veto, four grades,
// four sources). The bench's assessment has 20 sheets (4 sources × 5 raters); one sheet here is
// one rater's 25 ratings, the bench's formula for member `seed`, rater `r`, as a 自评 (`self`)
// sheet alone: the other sources are then absent and the total is Σ points × percent + bonus,
// which is what a SurveyJS form can compute. The measured sheets are the 64 members' first sheets
// (the bench's seeds 0–63), the first one exactly the bench's member 0, rater self0, with its
// bonus and commitment; every other sheet claims the bonus (its 26th field).
//
// SurveyJS has no points scale of its own (a quiz's correctAnswer is pass/fail), so each question
// is a radiogroup whose choice values are the points a level earns (4 × 100 % = 4, 3.2, 2.4, 1.2),
// the bonus a boolean, and the total an `expression` question, the way SurveyJS's docs compute a
// score: one Model built once and reused, per sheet `model.data = answers`, then the total read.
// cxzy gets what a portal gets: the framework and each submission as JSON text (accepted as is,
// the package README's Node example); the objects-in rate is printed too.
import { readFileSync } from "node:fs";
import { resolve, join } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const surveyDir = resolve(process.argv[2] ?? "target/bench-surveyjs/node_modules/survey-core");
const surveyPackage = JSON.parse(readFileSync(join(surveyDir, "package.json"), "utf8"));
const { Model } = await import(pathToFileURL(join(surveyDir, surveyPackage.exports["."].import)).href);
const cxzyDir = resolve("target/npm/cxzy");
const cxzyPackage = JSON.parse(readFileSync(join(cxzyDir, "package.json"), "utf8"));
const cxzy = await import(pathToFileURL(join(cxzyDir, "node/index.js")).href);

// --- the documents (docs.rs) ---
const LEVELS = ["good", "fair", "average", "poor"];
const PERCENT = { good: 100, fair: 80, average: 60, poor: 30 };
const ids = Array.from({ length: 25 }, (_, k) => `d${Math.floor(k / 5)}-i${k % 5}`);
const t = (s) => ({ "zh-Hans": s });
const levels = LEVELS.map((id) => ({ id, label: t(id), percent: PERCENT[id], descriptor: t("描述") }));
const framework = {
  schema: "cxzy/framework@1", id: "bench", version: "1", subject: "member", title: t("基准"),
  dimensions: [0, 1, 2, 3, 4].map((d) => ({
    id: `d${d}`, title: t("维度"),
    indicators: [0, 1, 2, 3, 4].map((i) => ({
      id: `d${d}-i${i}`, title: t("指标"), points: 4, scale: { kind: "levels", levels },
    })),
  })),
  bonus: { cap: 5, items: [{ id: "commended", title: t("表彰"), points: 2 }] },
  vetoes: [{ id: "discipline", title: t("处分"), caps_grade_at: "unqualified" }],
  grades: [
    { id: "excellent", label: t("优秀"), min_total: 90, min_dimension_ratio: 80 },
    { id: "qualified", label: t("合格"), min_total: 70 },
    { id: "basic", label: t("基本合格"), min_total: 60 },
    { id: "unqualified", label: t("不合格"), min_total: 0 },
  ],
  sources: [
    { id: "self", label: t("自评"), weight: 20, aggregate: "mean" },
    { id: "peer", label: t("互评"), weight: 30, aggregate: "trimmed_mean", min_raters: 3 },
    { id: "mass", label: t("群众评议"), weight: 30, aggregate: "trimmed_mean", min_raters: 5, anonymous_min: 5 },
    { id: "org", label: t("组织评价"), weight: 20, aggregate: "median" },
  ],
};
/** Member `seed`'s sheet of rater `r`: indicator id → level id (docs.rs's formula). */
const ratingsOf = (seed, r) =>
  Object.fromEntries(ids.map((id, k) => [id, LEVELS[Math.floor(((seed + k * 7 + r * 3) % 11) / 3)]]));
/** The assessment of one self sheet, as docs.rs writes the bench's (bonus, commitment). */
const assessmentOf = (seed, r, bonus) => ({
  schema: "cxzy/assessment@1", framework: { id: "bench", version: "1" },
  subject: { name: `党员${seed}` },
  period: { start: "2026-01-01", end: "2026-06-30" },
  sheets: [{ source: "self", ratings: ratingsOf(seed, r), rater: `self${r}` }],
  bonus: bonus ? ["commended"] : [],
  commitments: [{ id: "c1", text: "承诺", due: "2026-03-01", status: "planned" }],
});
/** The same sheet as SurveyJS stores it: question name → choice value (the points earned). */
const name = (id) => id.replace("-", "_"); // SurveyJS variable names: no "-" in expressions
const points = (level) => (4 * PERCENT[level]) / 100;
const answersOf = (seed, r, bonus) => {
  const data = Object.fromEntries(Object.entries(ratingsOf(seed, r)).map(([id, l]) => [name(id), points(l)]));
  if (bonus) data.commended = true;
  return data;
};

// --- SurveyJS: the same 25 items and bonus as a form with a calculated total ---
const model = new Model({
  pages: [{
    elements: [
      ...ids.map((id) => ({
        type: "radiogroup", name: name(id), title: "指标", isRequired: true,
        choices: LEVELS.map((l) => ({ value: points(l), text: l })),
      })),
      { type: "boolean", name: "commended", title: "表彰" },
      {
        type: "expression", name: "total",
        expression: `sum(${ids.map((id) => `{${name(id)}}`).join(", ")}) + min(5, iif({commended} = true, 2, 0))`,
      },
    ],
  }],
});
const surveyTotal = (answers) => {
  model.data = answers;
  return model.getValue("total");
};

// --- the sheets: 64 members' first sheets (sheet 0 = the bench's member 0, with its bonus) ---
const sheets = Array.from({ length: 64 }, (_, seed) => {
  const r = seed % 5, bonus = seed === 0 || seed % 2 === 1;
  const assessment = assessmentOf(seed, r, bonus);
  return { assessment, text: JSON.stringify(assessment), answers: answersOf(seed, r, bonus) };
});
const frameworkText = JSON.stringify(framework);

// Both must give the same total, to the cent, on every sheet (cxzy's is an exact decimal string).
let disagree = 0;
for (const [i, s] of sheets.entries()) {
  const ours = cxzy.score(frameworkText, s.text).total;
  if (cxzy.summarize(frameworkText, s.text).total !== ours) {
    console.error(`sheet ${i}: summarize and score disagree`);
    disagree++;
  }
  const theirs = surveyTotal(s.answers).toFixed(2);
  if (ours !== theirs) {
    console.error(`sheet ${i}: cxzy ${ours} ≠ SurveyJS ${theirs}`);
    disagree++;
  }
}
if (disagree) process.exit(1);

/** Sheets per second of `run` over the 64 sheets: a warm-up, then ≥ 2 s of calls. */
function rate(run) {
  for (let i = 0; i < 500; i++) run(sheets[i % 64]);
  let n = 0, elapsed = 0;
  const start = performance.now();
  while (elapsed < 2000) {
    for (let i = 0; i < 50; i++) run(sheets[n++ % 64]);
    elapsed = performance.now() - start;
  }
  return (n * 1000) / elapsed;
}
let sink = 0; // every total is read, so no call is dead
const ours = rate((s) => { sink += cxzy.score(frameworkText, s.text).total.length; });
const oursObjects = rate((s) => { sink += cxzy.score(framework, s.assessment).total.length; });
// In brief (cxzy/summary@1): the same exact total and grade, without the explanation.
const oursBrief = rate((s) => { sink += cxzy.summarize(frameworkText, s.text).total.length; });
const theirs = rate((s) => { sink += surveyTotal(s.answers); });

const fmt = (x) => Math.round(x).toLocaleString("en-US");
if (!Number.isFinite(sink)) throw new Error("unreachable");
const first = cxzy.score(frameworkText, sheets[0].text);
const resultBytes = Buffer.byteLength(JSON.stringify(first));
console.log(`node ${process.version} · cxzy ${cxzyPackage.version} (engine ${cxzy.version()}) · survey-core ${surveyPackage.version}`);
console.log(`one 25-item sheet (the bench framework, 64 sheets cycled), totals agree on all 64 (sheet 0: ${first.total})`);
console.log(`cxzy: ${fmt(ours)} sheets/s · SurveyJS ${surveyPackage.version}: ${fmt(theirs)} sheets/s · ratio ${(ours / theirs).toFixed(1)}×`);
console.log(`cxzy with objects in (JSON.stringify inside): ${fmt(oursObjects)} sheets/s · ratio ${(oursObjects / theirs).toFixed(1)}×`);
console.log(`cxzy in brief (summarize, JSON text in): ${fmt(oursBrief)} sheets/s · ratio ${(oursBrief / theirs).toFixed(1)}×`);
console.log(`cxzy's result document for one sheet: ${resultBytes.toLocaleString("en-US")} B (JSON.stringify, UTF-8)`);
