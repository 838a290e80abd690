// Every validation case of tests/validation/ (its README is the format) through the built
// package's JS API: each input refused with a CxzyError naming the argument (`input`) and carrying
// exactly the codes and paths the engine gives (tests/src/validation.rs runs the same files in
// Rust), with the messages the case asks for in English and zh-Hans; each valid input passes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { cxzy, root } from "./package.mjs";

const folder = join(root, "tests/validation");

// ---------------------------------------------------------------------------------------------
// Reading case files with their number literals as written.

/** Marks a number literal that JavaScript would write back otherwise (`1e2`, `10.0`, -0). */
const RAW = "\uE000";

/** JSON.parse, each number literal JSON.stringify would not reproduce kept as a marked string. */
function parse(text) {
  const kept = text.replace(/"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g, (token) =>
    token.startsWith('"') || String(Number(token)) === token ? token : JSON.stringify(RAW + token),
  );
  return JSON.parse(kept);
}

const hasRaw = (v) =>
  typeof v === "string"
    ? v.startsWith(RAW)
    : v !== null && typeof v === "object" && Object.values(v).some(hasRaw);

/** The JSON text of a value, its marked literals written as they were. */
const textOf = (v) => JSON.stringify(v).replace(/"\uE000([^"]*)"/g, "$1");

const bases = Object.fromEntries(
  ["framework", "assessment", "result", "framework2", "assessment2"].map((n) => [n, parse(readFileSync(join(folder, "bases", `${n}.json`), "utf8"))]),
);

// ---------------------------------------------------------------------------------------------
// The case format (as tests/src/validation.rs checks it: a typo is an error, not a weaker case).

const CHECKS = {
  framework: [["framework"], []],
  assessment: [["assessment"], ["framework"]],
  result: [["result"], []],
  branch: [["results"], ["excellent_quota"]],
  trend: [["previous"], ["current"]],
  json: [["json"], []],
};
const INPUTS = ["framework", "assessment", "result", "results", "excellent_quota", "previous", "current", "json"];
const CASE_MEMBERS = ["note", "check", ...INPUTS, "errors", "messages"];
const OPS = {
  add: ["op", "path", "value"],
  replace: ["op", "path", "value"],
  test: ["op", "path", "value"],
  remove: ["op", "path"],
  move: ["op", "from", "path"],
  copy: ["op", "from", "path"],
};

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

function members(obj, allowed, what) {
  assert.ok(isObject(obj), `${what} must be an object`);
  for (const k of Object.keys(obj)) assert.ok(allowed.includes(k), `${what} has an unknown member "${k}"`);
}

function checkText(text, what) {
  if (typeof text === "string") return;
  assert.ok(Array.isArray(text), `${what}.text must be a string or an array`);
  text.forEach((p, i) => {
    if (typeof p === "string") return;
    members(p, ["string", "count"], `${what}.text[${i}]`);
    assert.equal(typeof p.string, "string");
    assert.ok(Number.isInteger(p.count) && p.count >= 0, `${what}.text[${i}].count`);
  });
}

function checkSpec(spec, what) {
  assert.ok(isObject(spec), `${what} must be an object`);
  const forms = ["base", "value", "text"].filter((k) => k in spec);
  assert.equal(forms.length, 1, `${what} must have exactly one of "base", "value", "text"`);
  if ("base" in spec) {
    members(spec, ["base", "patch", "repeat"], what);
    assert.ok(spec.base in bases, `${what}: no base document "${spec.base}"`);
    (spec.patch ?? []).forEach((op, i) => {
      const w = `${what}.patch[${i}]`;
      assert.ok(isObject(op) && op.op in OPS, `${w}: unknown op ${op?.op}`);
      members(op, OPS[op.op], w);
      for (const k of OPS[op.op]) assert.ok(k in op, `${w}: "${op.op}" needs "${k}"`);
      pointer(op.path);
      if ("from" in op) pointer(op.from);
    });
    (spec.repeat ?? []).forEach((r, i) => {
      const w = `${what}.repeat[${i}]`;
      members(r, ["path", "count", "item", "string"], w);
      pointer(r.path);
      assert.ok(Number.isInteger(r.count) && r.count >= 0, `${w}.count`);
      assert.ok(("item" in r) !== ("string" in r), `${w} needs either "item" or "string"`);
      if ("string" in r) assert.equal(typeof r.string, "string");
    });
  } else if ("value" in spec) {
    members(spec, ["value"], what);
  } else {
    members(spec, ["text"], what);
    checkText(spec.text, what);
  }
}

function checkCase(c) {
  members(c, CASE_MEMBERS, "the case");
  if ("note" in c) assert.equal(typeof c.note, "string");
  assert.ok(c.check in CHECKS, `unknown check ${c.check}`);
  const [required, optional] = CHECKS[c.check];
  for (const k of INPUTS) {
    const allowed = required.includes(k) || optional.includes(k);
    assert.ok(!(k in c) || allowed, `a "${c.check}" case takes no "${k}"`);
    assert.ok(k in c || !required.includes(k), `a "${c.check}" case needs "${k}"`);
  }
  for (const k of ["framework", "assessment", "result", "previous", "current", "json"]) if (k in c) checkSpec(c[k], k);
  if ("results" in c) {
    assert.ok(Array.isArray(c.results), "results must be an array");
    c.results.forEach((s, i) => checkSpec(s, `results[${i}]`));
  }
  if (c.check === "json") assert.ok("text" in c.json, 'a "json" case gives its input as "text"');
  if ("excellent_quota" in c) assert.equal(typeof c.excellent_quota, "string");
  assert.ok(Array.isArray(c.errors), 'the case needs "errors", an array');
  c.errors.forEach((e, i) => {
    members(e, ["code", "path"], `errors[${i}]`);
    assert.equal(typeof e.code, "string");
    assert.equal(typeof e.path, "string");
  });
  (c.messages ?? []).forEach((m, i) => {
    members(m, ["path", "en", "zh"], `messages[${i}]`);
    assert.ok(
      c.errors.some((e) => e.path === m.path),
      `messages[${i}]: no expected error at "${m.path}"`,
    );
    for (const l of ["en", "zh"]) assert.ok((m[l] ?? []).every((s) => typeof s === "string"));
  });
}

// ---------------------------------------------------------------------------------------------
// JSON Patch (RFC 6902) over JSON pointers (RFC 6901), as tests/src/validation.rs applies it.

function pointer(path) {
  if (path === "") return [];
  assert.ok(typeof path === "string" && path.startsWith("/"), `${JSON.stringify(path)} is not a JSON pointer`);
  return path
    .slice(1)
    .split("/")
    .map((t) => t.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function arrayIndex(token, length, path) {
  const i = /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : NaN;
  if (!(i < length)) throw new Error(`${path}: no array item "${token}"`);
  return i;
}

function child(node, token, path) {
  let next;
  if (Array.isArray(node)) next = node[arrayIndex(token, node.length, path)];
  else if (isObject(node) && Object.hasOwn(node, token)) next = node[token];
  if (next === undefined) throw new Error(`nothing at ${path}`);
  return next;
}

function get(doc, path) {
  return pointer(path).reduce((node, t) => child(node, t, path), doc);
}

/** The container of the last token of `path`, and that token. */
function parent(doc, path) {
  const tokens = pointer(path);
  const last = tokens.pop();
  if (last === undefined) throw new Error("the root has no parent");
  return [tokens.reduce((node, t) => child(node, t, path), doc), last];
}

/** `doc` with `value` added at `path` (the root replaced when `path` is ""). */
function add(doc, path, value) {
  if (path === "") return value;
  const [node, key] = parent(doc, path);
  if (Array.isArray(node)) {
    if (key === "-") node.push(value);
    else node.splice(arrayIndex(key, node.length + 1, path), 0, value);
  } else if (isObject(node)) node[key] = value;
  else throw new Error(`${path}: the parent is not an object or array`);
  return doc;
}

function remove(doc, path) {
  const [node, key] = parent(doc, path);
  if (Array.isArray(node)) return node.splice(arrayIndex(key, node.length, path), 1)[0];
  if (isObject(node) && Object.hasOwn(node, key)) {
    const value = node[key];
    delete node[key];
    return value;
  }
  throw new Error(`nothing to remove at ${path}`);
}

/** `doc` after one operation (it may change `doc` in place). */
function apply(doc, op) {
  const copy = (v) => structuredClone(v);
  switch (op.op) {
    case "add":
      return add(doc, op.path, copy(op.value));
    case "remove":
      remove(doc, op.path);
      return doc;
    case "replace":
      get(doc, op.path);
      if (op.path === "") return copy(op.value);
      remove(doc, op.path);
      return add(doc, op.path, copy(op.value));
    case "move":
      if (op.path.startsWith(`${op.from}/`)) throw new Error(`cannot move ${op.from} into itself`);
      return add(doc, op.path, remove(doc, op.from));
    case "copy":
      return add(doc, op.path, copy(get(doc, op.from)));
    case "test":
      if (!isDeepStrictEqual(get(doc, op.path), op.value)) throw new Error(`test failed at ${op.path}`);
      return doc;
    default:
      throw new Error(`unknown op ${op.op}`);
  }
}

const withIndex = (v, i) =>
  typeof v === "string"
    ? v.replaceAll("{i}", String(i))
    : Array.isArray(v)
      ? v.map((x) => withIndex(x, i))
      : isObject(v)
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withIndex(x, i)]))
        : v;

const textOfPieces = (text) =>
  typeof text === "string" ? text : text.map((p) => (typeof p === "string" ? p : p.string.repeat(p.count))).join("");

/** A document spec built: `{text}` (JSON text) or `{value}`. */
function build(spec) {
  if ("text" in spec) return { text: textOfPieces(spec.text) };
  if ("value" in spec) return { value: spec.value };
  let doc = structuredClone(bases[spec.base]);
  for (const op of spec.patch ?? []) doc = apply(doc, op);
  for (const r of spec.repeat ?? []) {
    const value =
      "string" in r ? r.string.repeat(r.count) : Array.from({ length: r.count }, (_, i) => withIndex(r.item, i));
    doc = add(doc, r.path, value);
  }
  return { value: doc };
}

/** What the API is given for a document: its text, or the value itself when JSON.stringify
 * writes it as the case does (an object or array without marked numbers). */
function argument(spec) {
  const built = build(spec);
  if ("text" in built) return built.text;
  const v = built.value;
  return v === null || typeof v !== "object" || hasRaw(v) ? textOf(v) : v;
}

// ---------------------------------------------------------------------------------------------
// Running a case through the API.

const baseFramework = argument({ base: "framework" });
const baseAssessment = argument({ base: "assessment" });

/** Runs `call`; returns the thrown CxzyError, or null when it passed. */
function refusal(call) {
  try {
    call();
    return null;
  } catch (e) {
    assert.ok(e instanceof cxzy.CxzyError, `not a CxzyError: ${e?.stack ?? e}`);
    return e;
  }
}

/**
 * Asserts that `call(options)` refuses with exactly `expected` (paths under `prefix`, renamed by
 * `rename`) naming `input`, or passes when nothing is expected; then the messages of `messages`
 * in English and zh-Hans.
 */
function expect(call, c, { input, prefix = "", rename = (p) => p }) {
  const expected = c.errors.map(({ code, path }) => ({ code, path: rename(prefix + path) }));
  const error = refusal(() => call());
  if (expected.length === 0) {
    assert.equal(error, null, `expected no error, got ${error?.message}`);
    return;
  }
  assert.ok(error, "expected a CxzyError, but it passed");
  assert.equal(error.input, input, "the argument the errors are about");
  assert.equal(error.code, expected[0].code, "code is the first error's");
  assert.deepEqual(
    error.errors.map(({ code, path }) => ({ code, path })),
    expected,
  );
  for (const [lang, field] of [
    ["en", "en"],
    ["zh-Hans", "zh"],
  ]) {
    const e = refusal(() => call({ lang }));
    assert.ok(e, `refused in ${lang} too`);
    assert.deepEqual(
      e.errors.map(({ code, path }) => ({ code, path })),
      expected,
    );
    for (const x of e.errors) assert.ok(typeof x.message === "string" && x.message.length > 0);
    for (const m of c.messages ?? []) {
      const path = rename(prefix + m.path);
      for (const x of e.errors.filter((x) => x.path === path)) {
        for (const needle of m[field] ?? []) {
          const says = `the ${lang} message ${JSON.stringify(x.message)} at ${path} says ${JSON.stringify(needle)}`;
          assert.ok(x.message.includes(needle), says);
        }
      }
    }
  }
}

const refused = (call) => refusal(call) !== null;

const RUN = {
  framework(c) {
    const fw = argument(c.framework);
    expect((o) => cxzy.validateFramework(fw, o), c, { input: "framework" });
    // digest reads and validates the same way
    expect((o) => cxzy.digest(fw, o), c, { input: "framework" });
  },
  assessment(c) {
    const fw = c.framework ? argument(c.framework) : baseFramework;
    const a = argument(c.assessment);
    const input = refused(() => cxzy.validateFramework(fw)) ? "framework" : "assessment";
    expect((o) => cxzy.validateAssessment(fw, a, o), c, { input });
    // score refuses with exactly the same errors
    expect((o) => cxzy.score(fw, a, o), c, { input });
  },
  result(c) {
    const r = argument(c.result);
    // read back by branch (errors under /<index>) and by score's previous (under /previous)
    expect((o) => cxzy.branch(baseFramework, [r], o), c, { input: "results", prefix: "/0" });
    // and from one JSON text of the list (read from its tape where each result is)
    if (typeof r === "object" && r !== null) {
      expect((o) => cxzy.branch(baseFramework, JSON.stringify([r]), o), c, { input: "results", prefix: "/0" });
    }
    expect((o) => cxzy.score(baseFramework, baseAssessment, { previous: r, ...o }), c, {
      input: "options",
      prefix: "/previous",
    });
  },
  branch(c) {
    const results = c.results.map(argument);
    const quota = c.excellent_quota === undefined ? {} : { excellentQuota: c.excellent_quota };
    // the quota is an option named excellentQuota in the JS API
    const quotaError = c.errors.some((e) => e.path.startsWith("/excellent_quota"));
    expect((o) => cxzy.branch(baseFramework, results, { ...quota, ...o }), c, {
      input: quotaError ? "options" : "results",
      rename: (p) => p.replace(/^\/excellent_quota/, "/excellentQuota"),
    });
  },
  trend(c, t) {
    if (c.current) {
      t.skip("the JS API scores the current result itself: a given current result runs in Rust only");
      return;
    }
    const previous = argument(c.previous);
    expect((o) => cxzy.score(baseFramework, baseAssessment, { previous, ...o }), c, { input: "options" });
    if (c.errors.length === 0) {
      assert.equal(cxzy.score(baseFramework, baseAssessment, { previous }).trend.schema, "cxzy/trend@1");
    }
  },
  json(c) {
    // The JS API has no parse of its own: reading a framework parses its text first.
    const text = argument(c.json);
    expect((o) => cxzy.validateFramework(text, o), c, { input: "framework" });
  },
};

// ---------------------------------------------------------------------------------------------

const files = readdirSync(join(folder, "cases")).sort();
const cases = files.map((file) => {
  const name = file.replace(/\.json$/, "");
  try {
    return { file, name, case: parse(readFileSync(join(folder, "cases", file), "utf8")) };
  } catch (e) {
    return { file, name, invalid: e };
  }
});

test("every file of tests/validation/cases is a case of the format", () => {
  assert.ok(cases.length >= 161, `only ${cases.length} cases`);
  const bad = [];
  for (const c of cases) {
    try {
      assert.ok(c.file.endsWith(".json"), "not a case file (a case file's name ends in .json)");
      if (c.invalid) throw c.invalid;
      checkCase(c.case);
    } catch (e) {
      bad.push(`${c.file}: ${e.message}`);
    }
  }
  assert.deepEqual(bad, []);
  const codes = new Set(cases.flatMap((c) => c.case?.errors?.map((e) => e.code) ?? []));
  assert.ok(codes.size >= 30, `only ${codes.size} distinct codes`);
});

test("the base result is what the package scores", () => {
  assert.deepEqual(cxzy.score(baseFramework, baseAssessment), bases.result);
});

test("JSON Patch follows RFC 6902 as the Rust runner applies it", () => {
  const patched = (ops) => ops.reduce(apply, { a: [1, 2], b: { c: 3 } });
  const ok = (ops, want) => assert.deepEqual(patched(ops), want, JSON.stringify(ops));
  const fails = (ops) => assert.throws(() => patched(ops), undefined, JSON.stringify(ops));
  ok([{ op: "add", path: "/a/1", value: 9 }], { a: [1, 9, 2], b: { c: 3 } });
  ok([{ op: "add", path: "/a/-", value: 9 }], { a: [1, 2, 9], b: { c: 3 } });
  ok([{ op: "add", path: "/a~1b~0c", value: 1 }], { a: [1, 2], b: { c: 3 }, "a/b~c": 1 });
  ok([{ op: "replace", path: "/a/0", value: 7 }], { a: [7, 2], b: { c: 3 } });
  ok([{ op: "remove", path: "/a/0" }], { a: [2], b: { c: 3 } });
  ok([{ op: "move", from: "/b/c", path: "/d" }], { a: [1, 2], b: {}, d: 3 });
  ok([{ op: "copy", from: "/a/1", path: "/a/0" }], { a: [2, 1, 2], b: { c: 3 } });
  ok([{ op: "test", path: "/b/c", value: 3 }], { a: [1, 2], b: { c: 3 } });
  ok([{ op: "replace", path: "", value: [] }], []);
  fails([{ op: "test", path: "/b/c", value: 4 }]);
  fails([{ op: "replace", path: "/x", value: 1 }]);
  fails([{ op: "remove", path: "/b/x" }]);
  fails([{ op: "add", path: "/a/3", value: 1 }]);
  fails([{ op: "add", path: "/a/01", value: 1 }]);
  fails([{ op: "add", path: "/x/y", value: 1 }]);
  fails([{ op: "move", from: "/b", path: "/b/c" }]);
});

for (const { name, case: c } of cases) {
  if (!c || !(c.check in RUN)) continue; // reported by the format test above
  test(`${name} (${c.check})`, (t) => RUN[c.check](c, t));
}
