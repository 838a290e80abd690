// The rounds module of the npm package (`cxzy/rounds`) in Node: a round created, every rater's
// ballot sealed from their invitation, opened and tallied — the same assessments, byte for byte,
// as `cxzy round open` on the same key and ballots; and every refusal a located CxzyError or a
// refused ballot with its reason.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { root, packageDir, manifest, cxzy as scorer } from "./package.mjs";

const rounds = await import(pathToFileURL(join(packageDir, manifest.exports["./rounds"].node)).href);
const frameworkText = readFileSync(join(packageDir, "frameworks/member-five-leads.json"), "utf8");
const framework = JSON.parse(frameworkText);
const cli = join(root, "target/debug/cxzy");
const dir = mkdtempSync(join(tmpdir(), "cxzy-js-rounds-"));

const setup = {
  schema: "cxzy/round-setup@1",
  title: "第一党支部",
  period: { start: "2026-07-01", end: "2026-12-31" },
  members: [{ id: "a", name: "张三" }, { id: "b", name: "李四" }, { id: "c", name: "王五" }],
  sources: [
    { source: "self", mode: "self" },
    { source: "peer", mode: "peer" },
    { source: "mass", mode: "slips", slips: 5 },
    { source: "org", mode: "named", raters: ["支部委员会"] },
  ],
};

const LEVELS = ["good", "fair", "good", "average"];
function ballotOf(inv, k) {
  const items = framework.dimensions.flatMap((d) => d.indicators).filter((i) => !i.sources || i.sources.includes(inv.source));
  return {
    schema: "cxzy/ballot@1", round: inv.round, token: inv.token, source: inv.source,
    sheets: inv.members.map((m, j) => ({
      member: m.id,
      ratings: Object.fromEntries(items.map((i, n) => [i.id,
        i.scale.kind === "check" ? true : i.scale.kind === "deduction" ? (k + j) % 2 : LEVELS[(k + j + n) % LEVELS.length]])),
    })),
  };
}

test("a round made, sealed and opened in Node gives cxzy round open's assessments byte for byte", () => {
  const key = rounds.createRound(framework, setup);
  assert.equal(key.schema, "cxzy/round-key@1");
  assert.equal(key.round.tokens.length, 3 + 3 + 5 + 1);
  assert.equal(key.round.framework.digest, scorer.digest(framework));
  const invitations = rounds.invitations(key);
  assert.equal(invitations.length, key.tokens.length);
  for (const inv of invitations) assert.ok(!JSON.stringify(inv).includes(key.secret_key), "an invitation never holds the key");
  // Sealed from each invitation (and once from the public round: the same thing).
  const sealed = invitations.map((inv, k) => rounds.sealBallot(k === 0 ? key.round : inv, ballotOf(inv, k)));
  for (const s of sealed) assert.equal(s.schema, "cxzy/sealed-ballot@1");
  const compact = sealed.map((s) => rounds.compactBallot(s));
  assert.match(compact[0], /^b1\.[0-9a-f]{32}\.[0-9a-f]{32}\.[A-Za-z0-9_-]+$/);
  // Documents, JSON texts and compact texts, mixed.
  const given = sealed.map((s, k) => (k % 3 === 0 ? s : k % 3 === 1 ? JSON.stringify(s) : compact[k]));
  const opened = rounds.openBallots(frameworkText, key, given);
  assert.deepEqual(opened.refused, []);
  assert.deepEqual(opened.accepted, { self: 3, peer: 3, mass: 5, org: 1 });
  assert.equal(opened.assessments.length, 3);
  // The command line, on the same key and ballots.
  const keyFile = join(dir, "key.json");
  writeFileSync(keyFile, JSON.stringify(key));
  const lines = execFileSync(cli, ["round", "open", "--key", keyFile, "-"], {
    input: sealed.map((s) => JSON.stringify(s)).join("\n") + "\n", encoding: "utf8",
  }).trim().split("\n");
  assert.deepEqual(opened.assessments.map((a) => JSON.stringify(a)), lines);
  // And the tally scores as any assessment.
  const result = scorer.score(framework, opened.assessments[0], { today: "2026-12-31" });
  assert.equal(result.subject.name, "张三");
});

test("refusals: a replayed token, damaged texts, another round's ballot, a bad setup", () => {
  const key = rounds.createRound(framework, setup);
  const other = rounds.createRound(framework, setup);
  const [inv] = rounds.invitations(key);
  const first = rounds.sealBallot(inv, ballotOf(inv, 0));
  const again = rounds.sealBallot(inv, ballotOf(inv, 1));
  const foreignInv = rounds.invitations(other)[0];
  const foreign = rounds.sealBallot(foreignInv, ballotOf(foreignInv, 0));
  const changed = { ...first, sealed: first.sealed.slice(0, 20) + (first.sealed[20] === "A" ? "B" : "A") + first.sealed.slice(21) };
  const opened = rounds.openBallots(framework, key, [changed, first, again, foreign], { lang: "en" });
  assert.deepEqual(opened.refused.map((r) => [r.index, r.errors[0].code, r.errors[0].path]), [
    [0, "unreadable_ballot", "/sealed"], [2, "token_used", "/token"], [3, "other_round", "/round"],
  ]);
  assert.match(opened.refused[1].errors[0].message, /already/i);
  assert.deepEqual(opened.accepted, { self: 1 });
  // A text cut short is the caller's error, located by its place.
  assert.throws(() => rounds.openBallots(framework, key, [first, "b1.abc.def"]), (e) =>
    e.name === "CxzyError" && e.input === "ballots" && e.errors[0].path === "/1");
  // The key of another round.
  assert.throws(() => rounds.openBallots({ ...framework, version: "9" }, key, []), (e) =>
    e.input === "framework" || e.input === "key");
  // A setup with a source the criteria lack, and a member twice: every error, located.
  const bad = { ...setup, members: [...setup.members, { id: "a", name: "又一个" }], sources: [{ source: "public", mode: "self" }] };
  assert.throws(() => rounds.createRound(framework, bad), (e) => {
    assert.equal(e.input, "setup");
    assert.deepEqual(e.errors.map((x) => [x.code, x.path]).sort(), [["duplicate_id", "/members/3/id"], ["unknown_source", "/sources/0/source"]]);
    return true;
  });
  // Not a ballot.
  assert.throws(() => rounds.sealBallot(key.round, { schema: "cxzy/ballot@1" }), (e) => e.input === "ballot" && e.code === "missing_field");
});

test("the scorer module has no round functions: the cryptography ships only in cxzy/rounds", () => {
  assert.equal(scorer.createRound, undefined);
  assert.equal(typeof rounds.score, "function", "the rounds module scores too");
});
