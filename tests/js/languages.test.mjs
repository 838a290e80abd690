// The Chinese-only scorer of the npm package (`cxzy/zh`, built with cxzy-core's feature `zh`
// alone): the same functions and, to the byte, the same results as `cxzy`; its messages are
// Chinese whatever `lang` asks; and its module is the smaller for it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { cxzy, root, packageDir, manifest } from "./package.mjs";

const zh = await import(pathToFileURL(join(packageDir, manifest.exports["./zh"].node)).href);
const chinese = (s) => /[\u4e00-\u9fff]/.test(s);
const vectorsDir = join(root, "tests/vectors");
const read = (dir, file) => {
  try {
    return readFileSync(join(vectorsDir, dir, file), "utf8");
  } catch {
    return undefined;
  }
};

test("cxzy/zh has the functions of cxzy", () => {
  const names = (m) => Object.keys(m).filter((k) => typeof m[k] === "function").sort();
  assert.deepEqual(names(zh), names(cxzy));
});

test("cxzy/zh scores every vector as cxzy does, to the byte", () => {
  let scored = 0;
  for (const dir of readdirSync(vectorsDir).sort()) {
    const framework = read(dir, "framework.json");
    const assessment = read(dir, "assessment.json");
    if (framework === undefined || assessment === undefined) continue;
    const today = JSON.parse(read(dir, "options.json") ?? "{}").today;
    let expected;
    try {
      expected = cxzy.score(framework, assessment, { today });
    } catch (e) {
      assert.throws(() => zh.score(framework, assessment, { today }), zh.CxzyError, dir);
      continue;
    }
    assert.equal(JSON.stringify(zh.score(framework, assessment, { today })), JSON.stringify(expected), dir);
    assert.equal(JSON.stringify(zh.summarize(framework, assessment, { today })),
      JSON.stringify(cxzy.summarize(framework, assessment, { today })), dir);
    scored++;
  }
  assert.ok(scored >= 20, `${scored} vectors scored`);
});

test("cxzy/zh refuses with the same codes and paths, its messages in Chinese for every lang", () => {
  const framework = read("bonus-and-deduction-at-caps", "framework.json");
  const assessment = JSON.parse(read("bonus-and-deduction-at-caps", "assessment.json"));
  assessment.sheets[0].ratings = { "no-such-item": "good" };
  assessment.sheets[0].source = "no-such-source";
  const refusal = (m, lang) => {
    try {
      m.score(framework, assessment, { lang });
    } catch (e) {
      assert.ok(e instanceof m.CxzyError, String(e));
      return e;
    }
    assert.fail("scored an assessment with an unknown item");
  };
  const en = refusal(cxzy, "en");
  assert.ok(en.errors.length >= 2, JSON.stringify(en.errors));
  assert.ok(!chinese(en.message) && en.errors.every((d) => !chinese(d.message)), en.message);
  for (const lang of ["en", "zh-Hans", "zh-Hant"]) {
    const e = refusal(zh, lang);
    assert.deepEqual(e.errors.map(({ code, path }) => [code, path]), en.errors.map(({ code, path }) => [code, path]));
    assert.ok(chinese(e.message), `${lang}: ${e.message}`);
    assert.ok(e.errors.every((d) => chinese(d.message)), `${lang}: ${JSON.stringify(e.errors)}`);
    // The same Chinese as cxzy gives a Chinese reader.
    if (lang !== "en") assert.deepEqual(e.errors, refusal(cxzy, lang).errors);
  }
});

test("cxzy/zh's module is smaller than cxzy's", () => {
  const size = (dir) => statSync(join(packageDir, dir, "cxzy_bg.wasm")).size;
  const [both, one] = [size("web"), size("zh/web")];
  assert.ok(one < both - 4096, `cxzy ${both} B, cxzy/zh ${one} B`);
  console.log(`cxzy ${both} B, cxzy/zh ${one} B of WASM (raw)`);
});
