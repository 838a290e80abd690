// Every golden vector (tests/vectors/*) through the built package's Node export, compared with
// expected.json byte for byte (JSON.stringify(output, null, 2) + "\n" is serde_json's pretty form).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { cxzy, root, packageDir } from "./package.mjs";

const vectorsDir = join(root, "tests/vectors");
const read = (dir, file) => {
  const path = join(vectorsDir, dir, file);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
};

/** What the package produces for one vector folder, as tests/src/lib.rs does natively. */
function output(dir) {
  const builtin = read(dir, "builtin.txt");
  // Built-ins come from the package's own frameworks/ folder: the files portals are given.
  const framework = builtin
    ? readFileSync(join(packageDir, "frameworks", `${builtin.trim()}.json`), "utf8")
    : read(dir, "framework.json");
  const options = JSON.parse(read(dir, "options.json") ?? "{}");
  const today = options.today;
  const assessment = read(dir, "assessment.json");
  if (assessment !== undefined) {
    const previousText = read(dir, "previous.json");
    if (previousText === undefined) return cxzy.score(framework, assessment, { today });
    const previous = cxzy.score(framework, previousText, { today });
    return cxzy.score(framework, assessment, { today, previous });
  }
  const docs = JSON.parse(read(dir, "assessments.json"));
  const results = docs.map((doc) => cxzy.score(framework, doc, { today }));
  return cxzy.branch(framework, results, { excellentQuota: options.excellent_quota });
}

const folders = readdirSync(vectorsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

test("there are golden vectors to run", () => {
  assert.ok(folders.length >= 30, `only ${folders.length} vectors`);
});

for (const dir of folders) {
  test(`vector ${dir}`, () => {
    const errorsText = read(dir, "errors.json");
    if (errorsText !== undefined) {
      assert.throws(() => output(dir), (e) => {
        assert.ok(e instanceof cxzy.CxzyError);
        assert.deepEqual(e.errors.map(({ code, path }) => ({ code, path })), JSON.parse(errorsText));
        return true;
      });
      return;
    }
    const expected = read(dir, "expected.json");
    assert.ok(expected !== undefined, "no expected.json");
    assert.equal(JSON.stringify(output(dir), null, 2) + "\n", expected);
    // In brief, the same numbers as the full result (spec §9.3).
    const assessment = read(dir, "assessment.json");
    if (assessment !== undefined && read(dir, "previous.json") === undefined) {
      const full = JSON.parse(expected);
      const builtin = read(dir, "builtin.txt");
      const framework = builtin
        ? readFileSync(join(packageDir, "frameworks", `${builtin.trim()}.json`), "utf8")
        : read(dir, "framework.json");
      const today = JSON.parse(read(dir, "options.json") ?? "{}").today;
      const brief = cxzy.summarize(framework, assessment, { today });
      assert.equal(brief.schema, "cxzy/summary@1");
      for (const key of ["framework", "subject", "period", "complete", "total", "total_exact", "max", "max_exact", "grade", "grade_reason"]) {
        assert.deepEqual(brief[key], full[key], key);
      }
      assert.deepEqual(
        brief.dimensions,
        full.dimensions.map(({ id, score, score_exact, max, max_exact }) =>
          Object.fromEntries(Object.entries({ id, score, score_exact, max, max_exact }).filter(([, v]) => v !== undefined))),
      );
    }
  });
}
