#!/usr/bin/env python3
"""Builds the demo case for training workshops (issue 13): web/demo/branch.json.

    python3 scripts/demo-case.py            # build web/demo/branch.json and check both files
    python3 scripts/demo-case.py --check    # check both files, write nothing

Two files make the demo case (web/demo/README.md says what each is for):

* web/demo/member.json (cxzy/demo-case@1) is written by hand: one fictional member, 王红, whose
  事迹 everybody in the workshop reads and rates as 互评 (peer). This script only checks it: it
  adds four made-up peer sheets, validates the assessment and scores it with `cxzy`.
* web/demo/branch.json (cxzy/round-archive@1) is made here, through the command line itself:
  `cxzy round create` (the key), one cxzy/ballot@1 per token, `cxzy round seal`, then
  `cxzy round open` → `cxzy score` → `cxzy branch --excellent-quota 1/3` to check the lesson.

Every rating is derived from the member profiles below and a seeded PRNG (rater noise), so the
ratings are the same on every run. Sealing is random (an ephemeral key per ballot) and so is the
round (its id, key pair and token secrets): rerunning gives another round with other ciphertexts
but the same tally. The committed branch.json is the output of one run.

The lesson the branch must teach, checked at the end (exit 1 when any check fails):

* every ballot is accepted by `cxzy round open` (exit 0, no refusal line);
* the ranking shows a tie: two members with exactly the same total (the "twins" m03 and m04 get
  identical ratings on every ballot);
* exactly 2 members reach 优秀 by the criteria's absolute standard (total ≥ 90 and every
  dimension ≥ 80 %), while the quota of 1/3 would allow 4: the quota is a ceiling, not a target
  (「不搞矮子里面拔大个」), so it is not filled with the next two, who score 86–89;
* one member is clearly weak (基本合格).

Python 3.11, standard library only. The binary is target/debug/cxzy (or $CXZY).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CXZY = os.environ.get("CXZY", str(ROOT / "target" / "debug" / "cxzy"))
DEMO = ROOT / "web" / "demo"
FRAMEWORK = "member-five-leads"

# The seed of every rater's noise. Changing it changes the ratings: rerun the checks.
SEED = "cxzy-demo-2026H2"

PERIOD = {"start": "2026-07-01", "end": "2026-12-31"}
TITLE = "某社区第三党支部 2026 年下半年民主评议（演示）"
BACKED_UP = "2026-11-30"
MASS_SLIPS = 15
ORG_RATERS = ["支部委员会"]

# The criteria's items, by dimension (cxzy frameworks --json member-five-leads). Two items are
# recorded by the organisation only: study-attendance (a deduction scale: the number of 三会一课
# missed, 1 point each of 4) and discipline-dues (a check: dues paid on time). ethos-criticism
# (批评与自我批评) is rated by self, peer and org, not by the public (mass).
DIMENSIONS = {
    "study": ["study-theory", "study-conviction", "study-knowledge", "study-expertise"],
    "performance": ["perf-duty", "perf-tasks", "perf-innovation", "perf-dedication"],
    "service": ["service-help", "service-contact", "service-rights", "service-volunteer"],
    "discipline": ["discipline-party", "discipline-law", "discipline-rules", "discipline-integrity"],
    "ethos": ["ethos-morals", "ethos-stand", "ethos-criticism", "ethos-example"],
}
LEVEL_ITEMS = [i for items in DIMENSIONS.values() for i in items]
ORG_ONLY = ["study-attendance", "discipline-dues"]
NOT_MASS = {"ethos-criticism"}


def rated_by(source: str) -> list[str]:
    """The level items a source rates (the org-only items are added by the org sheet itself)."""
    return [i for i in LEVEL_ITEMS if not (source == "mass" and i in NOT_MASS)]


# ---------------------------------------------------------------------------------------------
# The branch: 12 fictional members in two 党小组. Every name is made up.
#
# A profile gives the "true" standing of a member per dimension, as a percent (100 good, 80 fair,
# 60 average, 30 poor), with item overrides; how rosy their self-assessment is (self_bias); what
# the organisation records (absences from 三会一课, dues on time); and how a member rates others
# as a peer (rater_bias: a lenient or a strict colleague). A rater's value for an item is the
# true standing + the source's view + the rater's bias + noise, rounded to the nearest level.
# ---------------------------------------------------------------------------------------------

GROUP_1 = "第一党小组"
GROUP_2 = "第二党小组"

MEMBERS = [
    # (id, name, group, profile)
    ("m01", "陈建华", GROUP_1, "model"),
    ("m02", "李秀英", GROUP_1, "near-miss"),
    ("m03", "张伟", GROUP_1, "twin"),
    ("m04", "刘文斌", GROUP_1, "twin"),
    ("m05", "赵敏", GROUP_1, "eager-young"),
    ("m06", "孙立新", GROUP_1, "old-theorist"),
    ("m07", "周静", GROUP_2, "servant"),
    ("m08", "吴国平", GROUP_2, "solid"),
    ("m09", "郑丽", GROUP_2, "steady"),
    ("m10", "冯海涛", GROUP_2, "busy-worker"),
    ("m11", "何玉梅", GROUP_2, "quiet"),
    ("m12", "马晓东", GROUP_2, "weak"),
]

PROFILES = {
    # 陈建华 — retired teacher, 楼栋长 for years: good at everything, modest in his self-rating.
    # Intent: 优秀, the top of the ranking (97.84).
    "model": {
        "dims": {"study": 97, "performance": 95, "service": 97, "discipline": 98, "ethos": 96},
        "items": {},
        "self_bias": -4, "absences": 0, "dues": True, "rater_bias": -3,
    },
    # 周静 — 社区网格员, the residents' first call; a little less strong on theory.
    # Intent: 优秀, second (93.72); the public rates her highest.
    "servant": {
        "dims": {"study": 86, "performance": 91, "service": 97, "discipline": 93, "ethos": 91},
        "items": {"study-theory": 82},
        "view": {"mass": 4},
        "self_bias": 0, "absences": 0, "dues": True, "rater_bias": 0,
    },
    # 李秀英 — hard-working, much liked, but missed a study session and is slow on theory.
    # Intent: third (88.05): close to 90, yet below the absolute standard — the quota of 4
    # does not make her 优秀.
    "near-miss": {
        "dims": {"study": 78, "performance": 90, "service": 93, "discipline": 89, "ethos": 86},
        "items": {"study-theory": 70},
        "self_bias": 6, "absences": 1, "dues": True, "rater_bias": 2,
    },
    # 吴国平 — reliable at work, less visible among the residents.
    # Intent: fourth (86.39): the quota would reach him too; the standard does not.
    "solid": {
        "dims": {"study": 84, "performance": 88, "service": 80, "discipline": 90, "ethos": 82},
        "items": {},
        "self_bias": 5, "absences": 0, "dues": True, "rater_bias": -2,
    },
    # 张伟 and 刘文斌 — two colleagues at the same property company, in the same group, who do
    # everything together: every rater (their group, each slip, the committee) rates them alike,
    # and they rate others alike. Intent: the tie in the ranking (both 83.89 exactly, 5th).
    "twin": {
        "dims": {"study": 78, "performance": 84, "service": 80, "discipline": 88, "ethos": 80},
        "items": {},
        "self_bias": 8, "absences": 1, "dues": True, "rater_bias": 1,
    },
    # 郑丽 — steady, unremarkable. Intent: qualified (82.78).
    "steady": {
        "dims": {"study": 80, "performance": 82, "service": 78, "discipline": 88, "ethos": 78},
        "items": {},
        "self_bias": 6, "absences": 0, "dues": True, "rater_bias": 0,
    },
    # 赵敏 — young, an eager volunteer, but late with the branch's tasks and the study notes.
    # Intent: qualified (80.88): strong on service, weak on study and rules.
    "eager-young": {
        "dims": {"study": 70, "performance": 74, "service": 90, "discipline": 78, "ethos": 80},
        "items": {"service-volunteer": 98, "discipline-rules": 66},
        "self_bias": 10, "absences": 1, "dues": True, "rater_bias": 4,
    },
    # 孙立新 — an old comrade strong on theory, seldom among the residents.
    # Intent: qualified (82.94): high on study, low on service.
    "old-theorist": {
        "dims": {"study": 94, "performance": 74, "service": 64, "discipline": 92, "ethos": 78},
        "items": {"service-volunteer": 55},
        "self_bias": 6, "absences": 0, "dues": True, "rater_bias": -6,
    },
    # 冯海涛 — a shift worker, often away: a missed study session, little service.
    # Intent: qualified (76.43).
    "busy-worker": {
        "dims": {"study": 66, "performance": 84, "service": 68, "discipline": 84, "ethos": 74},
        "items": {},
        "self_bias": 8, "absences": 2, "dues": True, "rater_bias": 0,
    },
    # 何玉梅 — quiet, does what she is asked, no more. Intent: qualified (74.63).
    "quiet": {
        "dims": {"study": 70, "performance": 74, "service": 70, "discipline": 86, "ethos": 68},
        "items": {"ethos-criticism": 58},
        "self_bias": 4, "absences": 1, "dues": True, "rater_bias": 2,
    },
    # 马晓东 — missed four study sessions, dues late, a complaint from residents, rosy about
    # himself. Intent: clearly weak, 基本合格 (63.45), the last of the ranking.
    "weak": {
        "dims": {"study": 58, "performance": 68, "service": 60, "discipline": 70, "ethos": 62},
        "items": {},
        "self_bias": 22, "absences": 4, "dues": False, "rater_bias": 6,
    },
}

# The noise of one rater of each source (standard deviation, in percent): slips come from
# residents who know some members only by sight; the committee rates from its records.
# (A profile's `view` leans one source's view of that member; e.g. the public sees 周静 more.)
SOURCE_NOISE = {"self": 3.0, "peer": 6.0, "mass": 8.0, "org": 2.0}


def level(value: float) -> str:
    """The level a value falls in (good 100, fair 80, average 60, poor 30)."""
    if value >= 90:
        return "good"
    if value >= 70:
        return "fair"
    if value >= 45:
        return "average"
    return "poor"


def rng(*parts: str) -> random.Random:
    """A PRNG seeded by a string (Python's str seeds are hashed with SHA-512: stable across runs)."""
    return random.Random("|".join((SEED,) + parts))


def rater_key(member_id: str) -> str:
    """Who a member is as a rater (self, peer): the twins share one, so that they rate alike."""
    profile = dict((m[0], m[3]) for m in MEMBERS)[member_id]
    return "profile:" + profile if profile == "twin" else member_id


def rater_bias(key: str, source: str) -> float:
    if source == "peer" and key.startswith("profile:"):
        return PROFILES[key.removeprefix("profile:")]["rater_bias"]
    if source == "peer":
        profile = dict((m[0], m[3]) for m in MEMBERS)[key]
        return PROFILES[profile]["rater_bias"]
    if source == "mass":  # each slip: a lenient or a strict resident
        return rng("slip-bias", key).uniform(-6, 6)
    return 0.0


def sheet(profile_id: str, source: str, key: str) -> dict:
    """The ratings one rater (key) of one source gives a member of that profile."""
    p = PROFILES[profile_id]
    r = rng(source, key, profile_id)
    lean = p.get("view", {}).get(source, 0) + (p["self_bias"] if source == "self" else 0)
    bias = rater_bias(key, source)
    ratings: dict = {}
    if source == "org":
        ratings["study-attendance"] = p["absences"]
    for dim, items in DIMENSIONS.items():
        for item in items:
            if item not in rated_by(source):
                continue
            true = p["items"].get(item, p["dims"][dim])
            ratings[item] = level(true + lean + bias + r.gauss(0, SOURCE_NOISE[source]))
    if source == "org":
        ratings["discipline-dues"] = p["dues"]
    return ratings


def org_notes(profile_id: str) -> dict:
    p = PROFILES[profile_id]
    notes = {}
    if p["absences"]:
        notes["study-attendance"] = f"本考核期缺席三会一课 {p['absences']} 次。"
    if not p["dues"]:
        notes["discipline-dues"] = "9 月、10 月党费经提醒后补交。"
    return notes


# ---------------------------------------------------------------------------------------------
# Running the command line
# ---------------------------------------------------------------------------------------------

class Failed(Exception):
    pass


def cxzy(*args: str, stdin: str | None = None, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess:
    done = subprocess.run([CXZY, *args], input=stdin, capture_output=True, text=True)
    if done.returncode not in ok:
        raise Failed(f"cxzy {' '.join(args)}: exit {done.returncode}\n{done.stderr}")
    return done


def json_lines(text: str) -> list:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def check(condition: bool, message: str, failures: list[str]) -> None:
    print(("  ok   " if condition else "  FAIL ") + message)
    if not condition:
        failures.append(message)


# ---------------------------------------------------------------------------------------------
# The member case: web/demo/member.json, scored with four made-up peer sheets
# ---------------------------------------------------------------------------------------------

# Four workshop participants, as a trainer might expect them: two kind, one strict, one between.
PEER_SHEETS = [
    {"study-theory": "average", "study-conviction": "fair", "study-knowledge": "fair",
     "study-expertise": "good", "perf-duty": "good", "perf-tasks": "good",
     "perf-innovation": "good", "perf-dedication": "good", "service-help": "good",
     "service-contact": "good", "service-rights": "fair", "service-volunteer": "good",
     "discipline-party": "fair", "discipline-law": "good", "discipline-rules": "fair",
     "discipline-integrity": "fair", "ethos-morals": "good", "ethos-stand": "good",
     "ethos-criticism": "fair", "ethos-example": "good"},
    {"study-theory": "average", "study-conviction": "fair", "study-knowledge": "fair",
     "study-expertise": "fair", "perf-duty": "good", "perf-tasks": "good",
     "perf-innovation": "fair", "perf-dedication": "good", "service-help": "good",
     "service-contact": "fair", "service-rights": "average", "service-volunteer": "good",
     "discipline-party": "average", "discipline-law": "good", "discipline-rules": "average",
     "discipline-integrity": "average", "ethos-morals": "fair", "ethos-stand": "good",
     "ethos-criticism": "fair", "ethos-example": "fair"},
    {"study-theory": "poor", "study-conviction": "average", "study-knowledge": "average",
     "study-expertise": "fair", "perf-duty": "fair", "perf-tasks": "good",
     "perf-innovation": "fair", "perf-dedication": "fair", "service-help": "good",
     "service-contact": "fair", "service-rights": "average", "service-volunteer": "fair",
     "discipline-party": "average", "discipline-law": "fair", "discipline-rules": "poor",
     "discipline-integrity": "average", "ethos-morals": "fair", "ethos-stand": "fair",
     "ethos-criticism": "average", "ethos-example": "fair"},
    {"study-theory": "average", "study-conviction": "good", "study-knowledge": "fair",
     "study-expertise": "good", "perf-duty": "good", "perf-tasks": "good",
     "perf-innovation": "good", "perf-dedication": "good", "service-help": "good",
     "service-contact": "good", "service-rights": "fair", "service-volunteer": "good",
     "discipline-party": "fair", "discipline-law": "good", "discipline-rules": "average",
     "discipline-integrity": "good", "ethos-morals": "good", "ethos-stand": "good",
     "ethos-criticism": "good", "ethos-example": "good"},
]


def check_member(failures: list[str]) -> None:
    case = json.loads((DEMO / "member.json").read_text(encoding="utf-8"))
    print("web/demo/member.json")
    check(case.get("schema") == "cxzy/demo-case@1", "schema cxzy/demo-case@1", failures)
    check(case.get("framework") == FRAMEWORK, f"criteria {FRAMEWORK}", failures)
    check(not any(s["source"] == case["participants"] for s in case["sheets"]),
          f"no {case['participants']} sheet (the participants give those)", failures)
    for lang in ("zh-Hans", "zh-Hant", "en"):
        check(len(case["story"][lang]) == len(case["story"]["zh-Hans"]),
              f"story in {lang}: {len(case['story'][lang])} paragraphs", failures)
    chars = sum(len(p) for p in case["story"]["zh-Hans"])
    check(500 <= chars <= 800, f"story of {chars} characters (500–800)", failures)

    fw = json.loads(cxzy("frameworks", "--json", FRAMEWORK).stdout)
    assessment = {
        "schema": "cxzy/assessment@1",
        "framework": {"id": fw["id"], "version": fw["version"]},
        "subject": {"name": case["member"]["name"], "unit": case["title"]["zh-Hans"]},
        "period": case["period"],
        "sheets": case["sheets"] + [
            {"source": case["participants"], "ratings": r} for r in PEER_SHEETS
        ],
    }
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "wang-hong.json"
        path.write_text(json.dumps(assessment, ensure_ascii=False), encoding="utf-8")
        valid = cxzy("validate", str(path), ok=(0, 1))
        check(valid.returncode == 0 and not valid.stderr.strip(),
              "the assessment (with 4 peer sheets) validates" + (
                  "" if valid.returncode == 0 else ":\n" + valid.stderr), failures)
        scored = cxzy("score", "--framework", FRAMEWORK, str(path), ok=(0, 1))
    results = json_lines(scored.stdout)
    if not results:
        check(False, "the assessment scores:\n" + scored.stderr, failures)
        return
    result = results[0]
    check(result["complete"], "complete (every item rated)", failures)
    dims = ", ".join(f"{d['id']} {d['score']}/{d['max']}" for d in result["dimensions"])
    print(f"  王红 with 4 peer sheets: total {result['total']}, grade {result['grade']} "
          f"({result['grade_reason']}); {dims}")
    gap = [(p["indicator"], p["self"], p["others"], p["difference"]) for p in result["perception"]]
    print("  自评与他评 (self / others, points):")
    for item, own, others, difference in gap[:6]:
        print(f"    {item:<22} {own:>5} / {others:>5}  ({difference})")
    check(any(float(p[3]) > 0 for p in gap), "the self-assessment is rosier on some items", failures)


# ---------------------------------------------------------------------------------------------
# The branch: round create → ballots → seal → open → score → branch
# ---------------------------------------------------------------------------------------------

def setup_document() -> dict:
    return {
        "schema": "cxzy/round-setup@1",
        "title": TITLE,
        "period": PERIOD,
        "members": [{"id": i, "name": n, "group": g} for i, n, g, _ in MEMBERS],
        "sources": [
            {"source": "self", "mode": "self"},
            {"source": "peer", "mode": "peer"},
            {"source": "mass", "mode": "slips", "slips": MASS_SLIPS},
            {"source": "org", "mode": "named", "raters": ORG_RATERS},
        ],
    }


def ballots_for(key: dict) -> list[dict]:
    """One cxzy/ballot@1 per token of the key, rating every member the token rates."""
    profile_of = {i: p for i, _, _, p in MEMBERS}
    issued = {t["id"]: t for t in key["round"]["tokens"]}
    slip = 0
    ballots = []
    for token in key["tokens"]:
        t = issued[token["id"]]
        source = t["source"]
        if source == "self":
            rater = rater_key(t["rates"][0])
        elif source == "peer":
            # The peer token of member X rates every other member of X's group: X is the one
            # member of the group it does not rate.
            group = {g for i, _, g, _ in MEMBERS if i in t["rates"]}
            (rater,) = [i for i, _, g, _ in MEMBERS if g in group and i not in t["rates"]]
            name = {i: n for i, n, _, _ in MEMBERS}[rater]
            if token.get("rater", name) != name:
                raise Failed(f"peer token {t['id']}: given to {token.get('rater')}, not {name}")
            rater = rater_key(rater)
        elif source == "mass":
            slip += 1
            rater = f"slip-{slip:02d}"
        else:
            rater = token.get("rater", "org")
        sheets = []
        for member in t["rates"]:
            profile = profile_of[member]
            entry = {"member": member, "ratings": sheet(profile, source, rater)}
            if source == "org" and org_notes(profile):
                entry["notes"] = org_notes(profile)
            sheets.append(entry)
        ballots.append({"schema": "cxzy/ballot@1", "round": key["round"]["id"],
                        "token": token["secret"], "source": source, "sheets": sheets})
    return ballots


def tally(key: dict, sealed: list[dict], tmp: Path) -> tuple[subprocess.CompletedProcess, list, dict]:
    """round open → score → branch --excellent-quota 1/3."""
    key_path = tmp / "key.json"
    key_path.write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
    opened = cxzy("round", "open", "--key", str(key_path), "-",
                  stdin="".join(json.dumps(b) + "\n" for b in sealed), ok=(0, 1))
    scored = cxzy("score", "--framework", FRAMEWORK, "-", stdin=opened.stdout)
    branch = cxzy("branch", "--framework", FRAMEWORK, "--excellent-quota", "1/3", "-",
                  stdin=scored.stdout)
    return opened, json_lines(scored.stdout), json.loads(branch.stdout)


def build_branch(failures: list[str], write: bool) -> None:
    print("web/demo/branch.json")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if write:
            setup_path = tmp / "setup.json"
            setup_path.write_text(json.dumps(setup_document(), ensure_ascii=False), encoding="utf-8")
            key = json.loads(cxzy("round", "create", "--framework", FRAMEWORK, str(setup_path)).stdout)
            key_path = tmp / "key.json"
            key_path.write_text(json.dumps(key, ensure_ascii=False), encoding="utf-8")
            ballots = ballots_for(key)
            sealed = json_lines(cxzy("round", "seal", "--round", str(key_path), "-",
                                     stdin="".join(json.dumps(b, ensure_ascii=False) + "\n"
                                                   for b in ballots)).stdout)
            check(len(sealed) == len(ballots), f"{len(ballots)} ballots sealed", failures)
            archive = {"schema": "cxzy/round-archive@1", "key": key, "ballots": sealed,
                       "decisions": [], "backed_up": BACKED_UP}
            DEMO.mkdir(parents=True, exist_ok=True)
            (DEMO / "branch.json").write_text(
                json.dumps(archive, ensure_ascii=False, separators=(",", ":")) + "\n",
                encoding="utf-8")
        # Always check the file as written: the archive's own key opens its own ballots.
        archive = json.loads((DEMO / "branch.json").read_text(encoding="utf-8"))
        check(archive.get("schema") == "cxzy/round-archive@1", "schema cxzy/round-archive@1", failures)
        key, sealed = archive["key"], archive["ballots"]
        opened, results, branch = tally(key, sealed, tmp)

    members = key["round"]["members"]
    tokens = len(key["round"]["tokens"])
    refusals = [line for line in opened.stderr.splitlines() if line.strip()]
    check(opened.returncode == 0 and not refusals,
          f"every ballot accepted ({len(sealed)} of {tokens} tokens)"
          + ("" if not refusals else ":\n" + "\n".join(refusals)), failures)
    check(len(sealed) == tokens, "a ballot for every token", failures)
    check(len(results) == len(members) == 12, "12 members scored", failures)
    check(all(r["complete"] for r in results), "every result complete", failures)

    ranking = branch["ranking"]
    # A tie is what the engine ranks as one (equal exact totals share a competition rank).
    ranks = [e["rank"] for e in ranking]
    tied = sorted({e["normalised_total"] for e in ranking if ranks.count(e["rank"]) > 1})
    check(bool(tied), f"a tie in the ranking (at {', '.join(tied) or 'none'})", failures)
    by_name = {e["subject"]["name"]: e for e in ranking}
    twins = [by_name[n] for i, n, _, p in MEMBERS if p == "twin"]
    check(len({(e["rank"], e["normalised_total"], e.get("normalised_total_exact")) for e in twins}) == 1,
          "the twins " + " and ".join(e["subject"]["name"] for e in twins) + " share a rank",
          failures)
    excellent = [e for e in ranking if e["grade"] == "excellent"]
    check(len(excellent) == 2, f"{len(excellent)} members 优秀 by the criteria (want 2)", failures)
    quota = branch["quota"]
    check(quota["allowed"] == 4 and quota["candidates"] == 2,
          f"quota 1/3: allowed {quota['allowed']}, candidates {quota['candidates']} (want 4, 2)",
          failures)
    check([e["subject"]["name"] for e in excellent] == [n for _, n, _, p in MEMBERS
                                                          if p in ("model", "servant")],
          "优秀: " + "、".join(e["subject"]["name"] for e in excellent), failures)
    check(all(e["grade"] == "qualified" and float(e["normalised_total"]) < 90 for e in ranking[2:4]),
          "the next two, within the quota's reach, are 合格 below 90: the quota promotes no one",
          failures)
    weak = [e for e in ranking if e["grade"] in ("basic", "unqualified")]
    check(len(weak) == 1 and weak[0] is ranking[-1],
          f"{len(weak)} member(s) 基本合格 or 不合格, last in the ranking (want 1)", failures)

    labels = {"excellent": "优秀", "qualified": "合格", "basic": "基本合格", "unqualified": "不合格"}
    def wide(text: str, width: int) -> str:  # pad CJK text (two columns a character)
        return text + " " * max(0, width - sum(2 if ord(c) > 0x2E80 else 1 for c in text))

    print(f"\n  rank  {wide('name', 8)}  total  {wide('grade', 10)}quota")
    for e in ranking:
        print(f"  {e['rank']:>4}  {wide(e['subject']['name'], 8)} {e['normalised_total']:>6}  "
              f"{wide(labels.get(e['grade'], e['grade']), 10)}{e['quota'] or ''}")
    counts = ", ".join(f"{labels[g['grade']]} {g['count']}" for g in branch["grades"])
    print(f"  grades: {counts}")
    print(f"  quota: {json.dumps(quota)}")


def main() -> int:
    write = "--check" not in sys.argv[1:]
    if not Path(CXZY).exists():
        print(f"{CXZY} is missing: cargo build -p cxzy-cli", file=sys.stderr)
        return 2
    failures: list[str] = []
    try:
        check_member(failures)
        print()
        build_branch(failures, write)
    except Failed as e:
        print(e, file=sys.stderr)
        return 1
    if failures:
        print(f"\n{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("\nall checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
