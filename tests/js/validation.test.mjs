// Every case of the engine's validation tests (tests/tests/validation.rs), recorded as
// tests/fixtures/validation-cases.json, through the built package: each bad input throws a
// CxzyError with the same codes, paths and messages (en and zh-Hans) as the engine; each good
// one passes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cxzy, root } from "./package.mjs";

const fixture = JSON.parse(readFileSync(join(root, "tests/fixtures/validation-cases.json"), "utf8"));
const { bases, cases } = fixture;
const baseFramework = JSON.stringify(bases.framework);
const baseAssessment = JSON.stringify(bases.assessment);

/** The inverse of the fixture's compact encoding ($repeat, $concat). */
function decode(v) {
  if (Array.isArray(v)) return v.map(decode);
  if (v === null || typeof v !== "object") return v;
  if ("$repeat" in v) {
    if (typeof v.$repeat === "string" && v.index === undefined) return v.$repeat.repeat(v.times);
    const item = JSON.stringify(decode(v.$repeat));
    return Array.from({ length: v.times }, (_, i) =>
      JSON.parse(v.index === undefined ? item : item.replaceAll("{i}", String(i))),
    );
  }
  if ("$concat" in v) return v.$concat.map(decode).join("");
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
}

const unescape = (token) => token.replaceAll("~1", "/").replaceAll("~0", "~");

/** A document of a case: JSON text (passed as is) or an object rebuilt from a base. */
function rebuild(doc) {
  if (doc.text !== undefined) return decode(doc.text);
  if (doc.value !== undefined) return decode(doc.value);
  let out = structuredClone(bases[doc.base]);
  for (const [op, path, value] of doc.ops) {
    if (path === "") {
      out = decode(value);
      continue;
    }
    const tokens = path.split("/").slice(1).map(unescape);
    const key = tokens.pop();
    const parent = tokens.reduce((node, t) => node[t], out);
    if (op === "set") parent[key] = decode(value);
    else delete parent[key];
  }
  return out;
}

/** Runs `call`; returns the thrown CxzyError, or null when it passed. */
function refusal(call) {
  try {
    call();
    return null;
  } catch (e) {
    assert.ok(e instanceof cxzy.CxzyError, `not a CxzyError: ${e}`);
    return e;
  }
}

/** Asserts the refusal carries exactly `expected` (the engine's errors), with `prefix` on paths. */
function assertErrors(error, expected, { input, prefix = "" }) {
  if (expected.length === 0) {
    assert.equal(error, null, `expected no error, got ${error?.message}`);
    return;
  }
  assert.ok(error, "expected a CxzyError, but it passed");
  assert.equal(error.input, input);
  assert.equal(error.code, expected[0].code, "code is the first error's");
  assert.deepEqual(
    error.errors.map(({ code, path }) => ({ code, path })),
    expected.map(({ code, path }) => ({ code, path: prefix + path })),
  );
  return error;
}

/** Same call in English: the messages are the engine's English ones. */
function assertMessages(call, expected, lang, field) {
  const e = refusal(() => call({ lang }));
  if (expected.length === 0) return;
  assert.deepEqual(
    e.errors.map((x) => x.message),
    expected.map((x) => x[field]),
  );
}

test("the fixture holds the engine's validation cases", () => {
  assert.ok(cases.length >= 150, `only ${cases.length} cases`);
  const codes = new Set(cases.flatMap((c) => c.errors.map((e) => e.code)));
  assert.ok(codes.size >= 30, `only ${codes.size} distinct codes`);
});

test("the base result of the fixture is what the package scores", () => {
  assert.deepEqual(cxzy.score(baseFramework, baseAssessment), bases.result);
});

cases.forEach((c, n) => {
  test(`case ${n} (${c.test}): ${c.call}`, () => {
    const lang = (call) => {
      assertMessages(call, c.errors, "en", "en");
      assertMessages(call, c.errors, "zh-Hans", "zh");
    };
    switch (c.call) {
      case "validateFramework": {
        const fw = rebuild(c.framework);
        const call = (o) => cxzy.validateFramework(fw, o);
        assertErrors(refusal(() => call()), c.errors, { input: "framework" });
        // digest reads and validates the same way
        assertErrors(refusal(() => cxzy.digest(fw)), c.errors, { input: "framework" });
        lang(call);
        break;
      }
      case "validateAssessment": {
        const fw = c.framework ? rebuild(c.framework) : baseFramework;
        const a = rebuild(c.assessment);
        const call = (o) => cxzy.validateAssessment(fw, a, o);
        const input = c.errors.length && frameworkErrors(fw) ? "framework" : "assessment";
        assertErrors(refusal(() => call()), c.errors, { input });
        // score refuses with exactly the same errors
        assertErrors(refusal(() => cxzy.score(fw, a)), c.errors, { input });
        lang(call);
        break;
      }
      case "readResult": {
        const r = rebuild(c.result);
        // a result is read back by branch (errors under /<index>) and by score's previous
        assertErrors(refusal(() => cxzy.branch(baseFramework, [r])), c.errors, { input: "results", prefix: "/0" });
        if (c.errors.length > 0) {
          assertErrors(refusal(() => cxzy.score(baseFramework, baseAssessment, { previous: r })), c.errors, {
            input: "options",
            prefix: "/previous",
          });
        }
        lang((o) => cxzy.branch(baseFramework, [r], o));
        break;
      }
      case "branch": {
        const results = c.results.map(rebuild);
        const quota = c.excellent_quota;
        const call = (o) => cxzy.branch(baseFramework, results, { excellentQuota: quota, ...o });
        // the quota is an option named excellentQuota in the JS API
        const quotaError = c.errors.some((e) => e.path.startsWith("/excellent_quota"));
        const expected = c.errors.map((e) => ({ ...e, path: e.path.replace("/excellent_quota", "/excellentQuota") }));
        assertErrors(refusal(() => call()), expected, { input: quotaError ? "options" : "results" });
        lang(call);
        break;
      }
      case "previous": {
        const previous = rebuild(c.previous);
        const call = (o) => cxzy.score(baseFramework, baseAssessment, { previous, ...o });
        assertErrors(refusal(() => call()), c.errors, { input: "options" });
        if (c.errors.length === 0) assert.equal(call().trend.schema, "cxzy/trend@1");
        lang(call);
        break;
      }
      default:
        assert.fail(`unknown call ${c.call}`);
    }
  });
});

/** Whether the framework itself is refused (then an assessment check reports the framework). */
function frameworkErrors(fw) {
  return refusal(() => cxzy.validateFramework(fw)) !== null;
}
