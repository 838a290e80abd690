// The package's TypeScript declarations (the functions' from wasm-bindgen, the documents'
// generated from cxzy-core's model): the example type-checks, a misuse does not (so the check is
// real), every vector document is a value of its declared type, and no published name is lost.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync, readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { root } from "./package.mjs";

const tsc = join(root, "node_modules/.bin/tsc");

/** Type-checks one TypeScript source against the built package (as `import … from "cxzy"`). */
function typecheck(source, module = "cxzy") {
  const dir = mkdtempSync(join(root, "target", "tsc-"));
  try {
    writeFileSync(join(dir, "check.ts"), source);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true, noEmit: true, module: "ESNext", moduleResolution: "Bundler", target: "ES2022",
          types: [], lib: ["ES2022", "DOM"], paths: { cxzy: [join(root, "target/npm/cxzy/index.d.ts")], "cxzy/rounds": [join(root, "target/npm/cxzy/rounds/index.d.ts")] },
        },
        files: ["check.ts"],
      }),
    );
    return spawnSync(tsc, ["--noEmit", "-p", dir], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("examples/typescript type-checks with tsc --noEmit", () => {
  const run = spawnSync(tsc, ["--noEmit", "-p", join(root, "examples/typescript")], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

test("a wrong use of the types is a type error", () => {
  const run = typecheck(
    [
      'import { score, type Framework, type Assessment } from "cxzy";',
      "declare const fw: Framework; declare const a: Assessment;",
      "const r = score(fw, a);",
      "const n: number = r.total;", // amounts are strings
      "r.totl;", // no such field
      'score(fw, a, { lang: "fr" });', // not a language
      "score(fw, a).trend;", // no trend without previous
    ].join("\n"),
  );
  assert.notEqual(run.status, 0);
  const errors = run.stdout.split("\n").filter((l) => l.includes("error TS"));
  assert.equal(errors.length, 4, run.stdout);
});

test("cxzy/rounds is typed: a round's documents in, its documents out; a misuse is a type error", () => {
  const good = typecheck(
    [
      'import { createRound, invitations, sealBallot, compactBallot, openBallots, score, type Framework, type SetupDocument, type Ballot } from "cxzy/rounds";',
      "declare const fw: Framework; declare const setup: SetupDocument;",
      "const key = createRound(fw, setup);",
      "const inv = invitations(key)[0];",
      'const ballot: Ballot = { schema: "cxzy/ballot@1", round: inv.round, token: inv.token, source: inv.source, sheets: [] };',
      "const sealed = sealBallot(inv, ballot);",
      "const text: string = compactBallot(sealed);",
      "const opened = openBallots(fw, key, [sealed, text]);",
      "const n: number = opened.refused.length + (opened.accepted[inv.source] ?? 0);",
      "const r = score(fw, opened.assessments[0]);",
      "r.total.length;",
    ].join("\n"),
  );
  assert.equal(good.status, 0, good.stdout + good.stderr);
  const bad = typecheck(
    [
      'import { createRound, openBallots, type Framework, type SetupDocument } from "cxzy/rounds";',
      "declare const fw: Framework; declare const setup: SetupDocument;",
      "const key = createRound(fw, setup);",
      "key.secret;", // no such field (secret_key)
      "openBallots(fw, key, [1]);", // not a ballot
    ].join("\n"),
  );
  const errors = bad.stdout.split("\n").filter((l) => l.includes("error TS"));
  assert.equal(errors.length, 2, bad.stdout);
});

// Every golden vector's documents, written as TypeScript object literals of their declared types,
// type-check: the generated declarations describe exactly what the engine reads and writes
// (an object literal with a field its type lacks is an error, as is a missing required one).
test("every vector's documents are values of their declared types", () => {
  const vectors = join(root, "tests/vectors");
  const lines = ['import type { Framework, Assessment, ScoreResult, Trend, BranchView } from "cxzy";'];
  let n = 0;
  const typed = (type, value) => lines.push(`export const v${n++}: ${type} = ${JSON.stringify(value)};`);
  for (const name of readdirSync(vectors)) {
    const at = (f) => join(vectors, name, f);
    const file = (f) => (existsSync(at(f)) ? JSON.parse(readFileSync(at(f), "utf8")) : undefined);
    if (existsSync(at("errors.json"))) continue;
    if (file("framework.json")) typed("Framework", file("framework.json"));
    for (const f of ["assessment.json", "previous.json"]) if (file(f)) typed("Assessment", file(f));
    for (const a of file("assessments.json") ?? []) typed("Assessment", a);
    const e = file("expected.json");
    if (e?.schema === "cxzy/branch@1") typed("BranchView", e);
    else if (/^cxzy\/result@[12]$/.test(e?.schema ?? "")) typed("ScoreResult", e);
    else if (e) {
      typed("ScoreResult", e.result);
      typed("Trend", e.trend);
    }
  }
  // Version 2's base documents (spec §11): every construct of that version in one framework.
  const base = (f) => JSON.parse(readFileSync(join(root, "tests/validation/bases", f), "utf8"));
  typed("Framework", base("framework2.json"));
  typed("Assessment", base("assessment2.json"));
  assert.ok(n >= 60, `only ${n} documents`);
  const run = typecheck(lines.join("\n"));
  assert.equal(run.status, 0, run.stdout + run.stderr);
});

// Every type name the package has exported (0.1.0, before the documents' types were generated)
// is still exported: a portal's `import type { … } from "cxzy"` keeps compiling.
test("every type name the package exported is still exported", () => {
  const names = `Text Lang FrameworkRef SubjectInfo Period Framework FrameworkSubject OrgType Dimension
    Indicator Scale Level Adjustments AdjustmentItem Veto Grade Source Aggregate Assessment Sheet
    DeductionClaim Commitment CommitmentStatus ScoreResult GradeReason GradeDetail DimensionResult
    IndicatorResult IndicatorStatus SourceResult AbsentReason SheetScore Gap ToNextGrade FloorNeed
    PlanStep Perception CommitmentSummary Trend Change DimensionChange GradeChange Direction
    ScoreWithTrend BranchView RankEntry QuotaMark GradeCount DimensionMean Weakness QuotaAdvice
    LangOptions ScoreOptions BranchOptions Input ErrorEntry ErrorCode Decimal Amount Fraction IsoDate
    Rating`.split(/\s+/).filter(Boolean);
  const run = typecheck(
    `import type { ${names.join(", ")} } from "cxzy";\nexport type All = [${names.join(", ")}];\n`,
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
