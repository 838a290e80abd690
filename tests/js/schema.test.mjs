// The JSON Schemas the package ships (one per document, generated from cxzy-core's model) accept
// every document the engine reads and writes — every golden vector's inputs and outputs, every
// built-in framework, the catalogue — and refuse what the reader refuses field by field (an
// unknown field, a missing one, a wrong type), so a portal in Java or Python can rely on them.
// They are the files of docs/schema/ as committed; framework, assessment and result have one per
// version (`<document>@2.json` for version 2, spec §11), chosen by the document's own tag.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { packageDir, root } from "./package.mjs";

const DOCUMENTS = [
  "framework",
  "assessment",
  "result",
  "summary",
  "trend",
  "branch",
  "catalogue",
  "framework@2",
  "assessment@2",
  "result@2",
];
const read = (path) => JSON.parse(readFileSync(path, "utf8"));

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = Object.fromEntries(
  DOCUMENTS.map((d) => [d, ajv.compile(read(join(packageDir, "schema", `${d}.json`)))]),
);

/** The schema of `kind` for the version `doc`'s tag names (version 1 when it names none). */
const versioned = (kind, doc) => (doc?.schema === `cxzy/${kind}@2` ? `${kind}@2` : kind);

function accepts(kind, doc, what) {
  kind = versioned(kind, doc);
  const ok = validate[kind](doc);
  assert.ok(ok, `${what} does not fit the ${kind} schema: ${ajv.errorsText(validate[kind].errors)}`);
}

function refuses(kind, doc, what) {
  assert.equal(validate[kind](doc), false, `the ${kind} schema accepts ${what}`);
}

test("the shipped schemas are docs/schema as committed", () => {
  for (const d of DOCUMENTS) {
    assert.equal(
      readFileSync(join(packageDir, "schema", `${d}.json`), "utf8"),
      readFileSync(join(root, "docs/schema", `${d}.json`), "utf8"),
      d,
    );
  }
});

test("every built-in framework and the catalogue fit their schemas", () => {
  const dir = join(packageDir, "frameworks");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "catalogue.json");
  assert.equal(files.length, 12);
  for (const f of files) accepts("framework", read(join(dir, f)), f);
  accepts("catalogue", read(join(dir, "catalogue.json")), "catalogue.json");
});

test("every golden vector's documents fit their schemas", () => {
  const vectors = join(root, "tests/vectors");
  let checked = 0;
  for (const name of readdirSync(vectors)) {
    const dir = join(vectors, name);
    const file = (f) => (existsSync(join(dir, f)) ? read(join(dir, f)) : undefined);
    if (existsSync(join(dir, "errors.json"))) continue; // inputs meant to be refused
    const fw = file("framework.json");
    if (fw) accepts("framework", fw, `${name}/framework.json`);
    for (const f of ["assessment.json", "previous.json"]) {
      const a = file(f);
      if (a) accepts("assessment", a, `${name}/${f}`);
    }
    for (const [i, a] of (file("assessments.json") ?? []).entries()) {
      accepts("assessment", a, `${name}/assessments.json/${i}`);
    }
    const expected = file("expected.json");
    if (expected?.schema === "cxzy/branch@1") accepts("branch", expected, `${name}/expected.json`);
    else if (/^cxzy\/result@[12]$/.test(expected?.schema ?? "")) accepts("result", expected, `${name}/expected.json`);
    else if (expected) {
      accepts("result", expected.result, `${name}/expected.json result`);
      accepts("trend", expected.trend, `${name}/expected.json trend`);
    }
    checked += 1;
  }
  assert.ok(checked >= 30, `only ${checked} vectors`);
});

test("a document with an unknown, a missing or a mistyped field does not fit", () => {
  const fw = read(join(packageDir, "frameworks", "member-five-leads.json"));
  const copy = () => structuredClone(fw);
  let d = copy();
  d.dimensions[0].indicators[0].wieght = 1;
  refuses("framework", d, "an unknown field of an indicator");
  d = copy();
  delete d.grades;
  refuses("framework", d, "a framework without grades");
  d = copy();
  d.sources[0].aggregate = "average";
  refuses("framework", d, "an aggregate that does not exist");
  d = copy();
  d.dimensions[0].indicators[0].scale = { kind: "check", levels: [] };
  refuses("framework", d, "a check scale with levels");
  d = copy();
  d.schema = "cxzy/framework@3";
  refuses("framework", d, "another schema tag");
  d = copy();
  d.dimensions[0].indicators[0].points = "10.125";
  refuses("framework", d, "a decimal string with 3 fractional digits");
  const a = read(join(root, "tests/vectors/builtin-member-five-leads/assessment.json"));
  const b = structuredClone(a);
  b.period.start = "2026-1-1";
  refuses("assessment", b, "a date not written YYYY-MM-DD");
  const c = structuredClone(a);
  c.sheets[0].ratings["some-indicator"] = null;
  refuses("assessment", c, "a null rating");
  const r = read(join(root, "tests/vectors/builtin-member-five-leads/expected.json"));
  const s = structuredClone(r);
  s.total = 87.5;
  refuses("result", s, "an amount written as a number");
});

test("each version's schema takes that version's documents and not the other's keys", () => {
  const fw2 = read(join(root, "tests/validation/bases/framework2.json"));
  const a2 = read(join(root, "tests/validation/bases/assessment2.json"));
  accepts("framework", fw2, "the version-2 base framework");
  accepts("assessment", a2, "the version-2 base assessment");
  // The version-1 schemas refuse version 2's constructs, as the reader does.
  const asV1 = (doc, kind) => ({ ...structuredClone(doc), schema: `cxzy/${kind}@1` });
  refuses("framework", asV1(fw2, "framework"), "a version-1 framework with rules, weights and counted events");
  refuses("assessment", asV1(a2, "assessment"), "a version-1 assessment with counts and claims by count");
  const fw1 = read(join(packageDir, "frameworks", "member-five-leads.json"));
  const weighted = structuredClone(fw1);
  weighted.dimensions[0].weight = "1/2";
  refuses("framework", weighted, "a version-1 framework with a weighted part");
  weighted.schema = "cxzy/framework@2";
  accepts("framework", weighted, "the same framework as version 2");
  // Version 2's own refusals: a ticks item's rating is a list of ids, a fraction is n/d.
  const f = structuredClone(fw2);
  f.rules[0].share = "one tenth";
  refuses("framework@2", f, "a share that is not a fraction");
  const b = structuredClone(a2);
  b.sheets[1].ratings["i-ticks"] = [1];
  refuses("assessment@2", b, "ticks that are not ids");
});
