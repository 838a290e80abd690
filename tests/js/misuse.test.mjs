// Whatever a caller passes, every function throws a CxzyError (never a Rust panic, which would
// trap and poison the instance): after all of it, a normal score still works.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cxzy, root, manifest } from "./package.mjs";

const vector = (name, file) => readFileSync(join(root, "tests/vectors", name, file), "utf8");
const framework = JSON.parse(vector("bonus-and-deduction-at-caps", "framework.json"));
const assessment = JSON.parse(vector("bonus-and-deduction-at-caps", "assessment.json"));
const expected = vector("bonus-and-deduction-at-caps", "expected.json");

const cyclic = { schema: "cxzy/framework@1" };
cyclic.self = cyclic;
const throwingGetter = { get schema() { throw new Error("boom"); } };
const throwingToJSON = { toJSON() { throw new RangeError("no"); } };
const throwingProxy = new Proxy({}, { get() { throw new Error("trap"); }, ownKeys() { throw new Error("trap"); } });
const sparse = [];
sparse.length = 4_000_000_000;
const deep = JSON.parse("[".repeat(5000) + "]".repeat(5000));
const huge = " ".repeat(64 * 1024 * 1024);

// Values that are not documents (or not arrays, or not options).
const junk = [
  ["undefined", undefined],
  ["null", null],
  ["0", 0],
  ["NaN", NaN],
  ["true", true],
  ["empty string", ""],
  ["not JSON", "{schema:"],
  ["JSON of a number", "42"],
  ["a symbol", Symbol("x")],
  ["a function", () => 1],
  ["a BigInt", 10n],
  ["an object holding a BigInt", { points: 10n }],
  ["a cyclic object", cyclic],
  ["a throwing getter", throwingGetter],
  ["a throwing toJSON", throwingToJSON],
  ["a throwing Proxy", throwingProxy],
  ["an array", [1, 2, 3]],
  ["a sparse array of 4e9", sparse],
  ["5000 levels of nesting", deep],
  ["a 64 MiB string", huge],
  ["a Date", new Date(0)],
  ["a Map", new Map([["schema", "cxzy/framework@1"]])],
  ["a lone surrogate", "\ud800"],
];

function assertRefused(call, what) {
  let thrown;
  try {
    call();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown instanceof cxzy.CxzyError, `${what}: threw ${thrown} instead of a CxzyError`);
  assert.ok(thrown instanceof Error);
  assert.equal(thrown.name, "CxzyError");
  assert.equal(typeof thrown.code, "string");
  assert.ok(Array.isArray(thrown.errors) && thrown.errors.length > 0, `${what}: no errors`);
  assert.equal(thrown.code, thrown.errors[0].code);
  for (const e of thrown.errors) {
    assert.deepEqual(Object.keys(e), ["code", "path", "message"]);
    assert.ok(e.message.length > 0);
  }
  assert.ok(["framework", "assessment", "results", "options"].includes(thrown.input));
  return thrown;
}

test("junk in every argument throws a CxzyError, and the module keeps working", () => {
  let refusals = 0;
  for (const [what, v] of junk) {
    assertRefused(() => cxzy.validateFramework(v), `validateFramework(${what})`);
    assertRefused(() => cxzy.digest(v), `digest(${what})`);
    assertRefused(() => cxzy.validateAssessment(framework, v), `validateAssessment(fw, ${what})`);
    assertRefused(() => cxzy.score(framework, v), `score(fw, ${what})`);
    assertRefused(() => cxzy.score(v, assessment), `score(${what}, a)`);
    assertRefused(() => cxzy.summarize(framework, v), `summarize(fw, ${what})`);
    refusals += 6;
    // (A Date or a Map has no own keys: as options it is an object giving none, which is fine.)
    if (v !== undefined && v !== null && !(v instanceof Date) && !(v instanceof Map)) {
      assertRefused(() => cxzy.score(framework, assessment, v), `score(fw, a, ${what})`);
      assertRefused(() => cxzy.branch(framework, [], v), `branch(fw, [], ${what})`);
    }
    if (v !== undefined) {
      assertRefused(() => cxzy.score(framework, assessment, { previous: v }), `previous: ${what}`);
      assertRefused(() => cxzy.branch(framework, [v]), `branch(fw, [${what}])`);
      refusals += 2;
    }
    if (!Array.isArray(v) || v === sparse) {
      assertRefused(() => cxzy.branch(framework, v), `branch(fw, ${what})`);
      refusals += 1;
    }
  }
  assert.ok(refusals >= 180, `${refusals} refusals`);
  assert.equal(JSON.stringify(cxzy.score(framework, assessment), null, 2) + "\n", expected);
});

test("bad options are refused by name", () => {
  const cases = [
    [{ today: 5 }, "invalid_date", "/today"],
    [{ today: "2026-02-30" }, "invalid_date", "/today"],
    [{ today: "2026-6-1" }, "invalid_date", "/today"],
    [{ lang: "fr" }, "invalid_value", "/lang"],
    [{ todya: "2026-01-01" }, "unknown_field", "/todya"],
    [{ excellentQuota: 20 }, "unknown_field", "/excellentQuota"],
  ];
  for (const [options, code, path] of cases) {
    const e = assertRefused(() => cxzy.score(framework, assessment, options), JSON.stringify(options));
    assert.equal(e.input, "options");
    assert.deepEqual(e.errors.map((x) => [x.code, x.path]), [[code, path]]);
  }
  const e = assertRefused(() => cxzy.branch(framework, [], { excellentQuota: "lots" }), "quota");
  assert.deepEqual(e.errors.map((x) => [x.code, x.path]), [["invalid_decimal", "/excellentQuota"]]);
  assertRefused(() => cxzy.branch(framework, [], { excellentQuota: 101 }), "quota over 100");
  assertRefused(() => cxzy.validateFramework(framework, { today: "2026-01-01" }), "score's option elsewhere");
});

test("a document over 16 MiB is refused as too_large before it is copied", () => {
  const e = assertRefused(() => cxzy.validateFramework(huge), "64 MiB");
  assert.deepEqual(e.errors.map((x) => [x.code, x.path]), [["too_large", ""]]);
  const e2 = assertRefused(() => cxzy.score(framework, { ...assessment, subject: { name: huge } }), "64 MiB object");
  assert.equal(e2.input, "assessment");
  assert.equal(e2.code, "too_large");
});

test("objects and JSON texts give the same results", () => {
  const fromObjects = cxzy.score(framework, assessment);
  const fromText = cxzy.score(JSON.stringify(framework), JSON.stringify(assessment));
  assert.deepEqual(fromText, fromObjects);
  const results = [fromObjects, JSON.stringify(fromObjects)];
  assert.deepEqual(cxzy.branch(framework, results), cxzy.branch(framework, JSON.stringify([fromObjects, fromObjects])));
});

test("messages follow lang; the default is zh-Hans", () => {
  const bad = { ...assessment, period: { start: "2026-13-01", end: "2026-06-30" } };
  const zh = assertRefused(() => cxzy.score(framework, bad), "zh");
  const en = assertRefused(() => cxzy.score(framework, bad, { lang: "en" }), "en");
  assert.deepEqual(zh.errors.map((x) => x.path), en.errors.map((x) => x.path));
  assert.match(en.errors[0].message, /YYYY-MM-DD/);
  assert.match(zh.errors[0].message, /日期/);
  assert.match(en.message, /^assessment \/period\/start: /);
});

test("validateFramework, digest and version agree with the result", () => {
  const result = cxzy.score(framework, assessment);
  assert.deepEqual(cxzy.validateFramework(framework), result.framework);
  assert.equal(cxzy.digest(framework), result.framework.digest);
  assert.match(cxzy.digest(framework), /^sha256:[0-9a-f]{64}$/);
  assert.equal(cxzy.validateAssessment(framework, assessment), undefined);
  assert.equal(cxzy.version(), manifest.version);
});

test("CxzyError is a class of the package that callers can use", () => {
  const e = new cxzy.CxzyError("m", "wrong_type", [], "framework");
  assert.ok(e instanceof Error && e instanceof cxzy.CxzyError);
  assert.equal(e.code, "wrong_type");
  assert.equal(typeof cxzy.default, "function");
});
