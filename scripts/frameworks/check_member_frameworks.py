#!/usr/bin/env python3
"""Structural check of the member, party-worker and 2002-rules built-in frameworks and their golden
vector inputs (SPEC 2.1, 2.2; docs/framework-conventions.md).

    python3 scripts/frameworks/check_member_frameworks.py

Checks only structure and conventions, not scores: the engine's tests compare scores with the
vectors' check.json. Exits 1 and lists every problem when something is wrong.
"""
import json
import pathlib
import re
import sys
from decimal import Decimal

ROOT = pathlib.Path(__file__).resolve().parents[2]
FRAMEWORKS = {
    "member-five-leads": "member",
    "worker-five-strengths": "party_worker",
    "branch-rules-2002-member": "member",
    "branch-rules-2002-org": "organization",
}
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
KEBAB_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

FRAMEWORK_KEYS = {"schema", "id", "version", "subject", "title", "description", "org_type", "dimensions",
                  "bonus", "deductions", "vetoes", "grades", "sources"}
DIMENSION_KEYS = {"id", "title", "guidance", "indicators"}
INDICATOR_KEYS = {"id", "title", "guidance", "points", "scale", "sources", "allow_na"}
LEVEL_KEYS = {"id", "label", "percent", "descriptor"}
ITEM_KEYS = {"id", "title", "points"}
VETO_KEYS = {"id", "title", "caps_grade_at"}
GRADE_KEYS = {"id", "label", "min_total", "min_dimension_ratio"}
SOURCE_KEYS = {"id", "label", "weight", "aggregate", "min_raters", "anonymous_min"}
TEXT_KEYS = {"zh-Hans", "zh-Hant", "en"}

LEVELS = [("good", "好", "Good", 100), ("fair", "较好", "Fairly good", 80),
          ("average", "一般", "Average", 60), ("poor", "差", "Poor", 30)]
GRADES = [("excellent", "优秀", 90, 80), ("qualified", "合格", 70, None),
          ("basic", "基本合格", 60, None), ("unqualified", "不合格", 0, None)]
MEMBER_SOURCES = [("self", 20, "mean", 1, None), ("peer", 30, "trimmed_mean", 3, None),
                  ("mass", 30, "trimmed_mean", 5, 5), ("org", 20, "mean", 1, None)]
ORG_SOURCES = [("self", 20, "mean", 1, None), ("superior", 40, "mean", 1, None),
               ("mass", 40, "trimmed_mean", 5, 5)]
MEMBER_VETOES = {"discipline-sanction": "unqualified", "dues-unpaid": "basic"}

problems = []


def bad(where, message):
    problems.append(f"{where}: {message}")


def decimal(where, value):
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        bad(where, f"not a Decimal: {value!r}")
        return None
    try:
        d = Decimal(str(value))
    except Exception:
        bad(where, f"not a Decimal: {value!r}")
        return None
    if d.as_tuple().exponent < -2 or not (0 <= d <= 100000):
        bad(where, f"Decimal out of range or more than 2 fractional digits: {value!r}")
    return d


def keys(where, obj, allowed, required):
    if not isinstance(obj, dict):
        bad(where, "not an object")
        return False
    for k in obj:
        if k not in allowed:
            bad(where, f"unknown field {k!r}")
    for k in required:
        if k not in obj:
            bad(where, f"missing field {k!r}")
    return True


def text(where, obj):
    if not keys(where, obj, TEXT_KEYS, TEXT_KEYS):
        return
    for k in TEXT_KEYS:
        if not isinstance(obj.get(k), str) or not obj.get(k, "").strip():
            bad(where, f"empty {k}")


def unique(where, ids):
    seen = set()
    for i in ids:
        if i in seen:
            bad(where, f"duplicate id {i!r}")
        seen.add(i)


def check_framework(name, subject):
    path = ROOT / "core" / "frameworks" / f"{name}.json"
    where = str(path.relative_to(ROOT))
    try:
        fw = json.loads(path.read_text(encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        bad(where, f"does not parse: {e}")
        return None
    keys(where, fw, FRAMEWORK_KEYS, {"schema", "id", "version", "subject", "title", "description",
                                     "dimensions", "bonus", "deductions", "vetoes", "grades", "sources"})
    if fw.get("schema") != "cxzy/framework@1":
        bad(where, "schema is not cxzy/framework@1")
    if fw.get("id") != name or not ID_RE.match(fw.get("id", "")):
        bad(where, f"id {fw.get('id')!r} is not the file name")
    if fw.get("version") != "1.0.0":
        bad(where, "version is not 1.0.0")
    if fw.get("subject") != subject:
        bad(where, f"subject {fw.get('subject')!r}, expected {subject!r}")
    if "org_type" in fw:
        bad(where, "org_type must be absent for these general frameworks")
    text(f"{where}/title", fw.get("title"))
    text(f"{where}/description", fw.get("description"))

    # sources
    expected_sources = ORG_SOURCES if subject == "organization" else MEMBER_SOURCES
    sources = fw.get("sources", [])
    unique(f"{where}/sources", [s.get("id") for s in sources])
    if [s.get("id") for s in sources] != [e[0] for e in expected_sources]:
        bad(f"{where}/sources", "source ids differ from the conventions")
    for n, (s, (sid, weight, agg, min_raters, anon)) in enumerate(zip(sources, expected_sources)):
        w = f"{where}/sources/{n}"
        keys(w, s, SOURCE_KEYS, {"id", "label", "weight", "aggregate", "min_raters"})
        text(f"{w}/label", s.get("label"))
        if decimal(w, s.get("weight")) != weight or s.get("aggregate") != agg or s.get("min_raters") != min_raters \
                or s.get("anonymous_min") != anon:
            bad(w, f"{sid}: weight/aggregate/min_raters/anonymous_min differ from the conventions")
    source_ids = {s.get("id") for s in sources}
    fact_source = "superior" if subject == "organization" else "org"

    # grades
    grades = fw.get("grades", [])
    unique(f"{where}/grades", [g.get("id") for g in grades])
    if len(grades) != len(GRADES):
        bad(f"{where}/grades", "expected four grades")
    for n, (g, (gid, zh, min_total, ratio)) in enumerate(zip(grades, GRADES)):
        w = f"{where}/grades/{n}"
        keys(w, g, GRADE_KEYS, {"id", "label", "min_total"})
        text(f"{w}/label", g.get("label"))
        if g.get("id") != gid or g.get("label", {}).get("zh-Hans") != zh or \
                decimal(w, g.get("min_total")) != min_total or g.get("min_dimension_ratio") != ratio:
            bad(w, f"grade {g.get('id')!r} differs from the conventions")
    grade_ids = [g.get("id") for g in grades]

    # vetoes
    vetoes = fw.get("vetoes", [])
    unique(f"{where}/vetoes", [v.get("id") for v in vetoes])
    for n, v in enumerate(vetoes):
        w = f"{where}/vetoes/{n}"
        keys(w, v, VETO_KEYS, VETO_KEYS)
        text(f"{w}/title", v.get("title"))
        if v.get("caps_grade_at") not in grade_ids:
            bad(w, f"caps_grade_at {v.get('caps_grade_at')!r} is not a grade")
    veto_map = {v.get("id"): v.get("caps_grade_at") for v in vetoes}
    if subject == "organization":
        if set(veto_map) & set(MEMBER_VETOES):
            bad(f"{where}/vetoes", "an organisation framework carries a member veto")
        if len(vetoes) != 1:
            bad(f"{where}/vetoes", "expected exactly one veto of its own")
    elif veto_map != MEMBER_VETOES:
        bad(f"{where}/vetoes", f"member vetoes differ from the conventions: {veto_map}")

    # bonus and deductions
    for part, cap in (("bonus", 5), ("deductions", 10)):
        b = fw.get(part, {})
        w = f"{where}/{part}"
        keys(w, b, {"cap", "items"}, {"cap", "items"})
        if decimal(w, b.get("cap")) != cap:
            bad(w, f"cap is not {cap}")
        items = b.get("items", [])
        if not items:
            bad(w, "no items")
        unique(w, [i.get("id") for i in items])
        for n, i in enumerate(items):
            keys(f"{w}/items/{n}", i, ITEM_KEYS, ITEM_KEYS)
            text(f"{w}/items/{n}/title", i.get("title"))
            p = decimal(f"{w}/items/{n}", i.get("points"))
            if not i.get("id") or not KEBAB_RE.match(i.get("id", "")):
                bad(f"{w}/items/{n}", f"id {i.get('id')!r} is not kebab-case")
            if p is not None and not (0 < p <= cap):
                bad(f"{w}/items/{n}", "points not in (0, cap]")

    # dimensions and indicators
    dims = fw.get("dimensions", [])
    if len(dims) != 5:
        bad(where, f"{len(dims)} dimensions, expected 5")
    unique(f"{where}/dimensions", [d.get("id") for d in dims])
    all_ind = []
    total = Decimal(0)
    for dn, d in enumerate(dims):
        w = f"{where}/dimensions/{dn}"
        keys(w, d, DIMENSION_KEYS, DIMENSION_KEYS)
        if not KEBAB_RE.match(d.get("id", "")):
            bad(w, f"id {d.get('id')!r} is not kebab-case")
        text(f"{w}/title", d.get("title"))
        text(f"{w}/guidance", d.get("guidance"))
        inds = d.get("indicators", [])
        if not 3 <= len(inds) <= 6:
            bad(w, f"{len(inds)} indicators, expected 3-6")
        dsum = Decimal(0)
        for n, i in enumerate(inds):
            wi = f"{w}/indicators/{n}"
            all_ind.append(i.get("id"))
            keys(wi, i, INDICATOR_KEYS, {"id", "title", "guidance", "points", "scale"})
            if not KEBAB_RE.match(i.get("id", "")):
                bad(wi, f"id {i.get('id')!r} is not kebab-case")
            text(f"{wi}/title", i.get("title"))
            text(f"{wi}/guidance", i.get("guidance"))
            if len(i.get("title", {}).get("zh-Hans", "")) > 16:
                bad(wi, "zh-Hans title longer than 16 characters")
            p = decimal(wi, i.get("points"))
            if p is None or p <= 0:
                bad(wi, "points must be positive")
                p = Decimal(0)
            dsum += p
            if "allow_na" in i and not isinstance(i["allow_na"], bool):
                bad(wi, "allow_na is not a boolean")
            srcs = i.get("sources")
            if srcs is not None:
                if not srcs or len(set(srcs)) != len(srcs) or any(s not in source_ids for s in srcs):
                    bad(wi, f"sources {srcs!r} invalid")
            sc = i.get("scale", {})
            kind = sc.get("kind")
            if kind == "levels":
                keys(f"{wi}/scale", sc, {"kind", "levels"}, {"kind", "levels"})
                levels = sc.get("levels", [])
                unique(f"{wi}/scale/levels", [lv.get("id") for lv in levels])
                percents = [lv.get("percent") for lv in levels]
                if len(levels) < 2 or any(not isinstance(x, int) or isinstance(x, bool) or not 0 <= x <= 100
                                          for x in percents) or \
                        any(a <= b for a, b in zip(percents, percents[1:])):
                    bad(f"{wi}/scale", "levels not strictly decreasing integer percents")
                if [(lv.get("id"), lv.get("label", {}).get("zh-Hans"), lv.get("label", {}).get("en"), lv.get("percent"))
                        for lv in levels] != LEVELS:
                    bad(f"{wi}/scale", "levels differ from the conventions (good/fair/average/poor 100/80/60/30)")
                descs = []
                for ln, lv in enumerate(levels):
                    keys(f"{wi}/scale/levels/{ln}", lv, LEVEL_KEYS, LEVEL_KEYS)
                    text(f"{wi}/scale/levels/{ln}/label", lv.get("label"))
                    text(f"{wi}/scale/levels/{ln}/descriptor", lv.get("descriptor"))
                    descs.append(lv.get("descriptor", {}).get("zh-Hans"))
                if len(set(descs)) != len(descs):
                    bad(f"{wi}/scale", "two levels share a descriptor")
                if srcs == [fact_source]:
                    bad(wi, "a judgement item rated by the organisation alone")
            elif kind in ("check", "deduction"):
                keys(f"{wi}/scale", sc, {"kind", "per"} if kind == "deduction" else {"kind"},
                     {"kind", "per"} if kind == "deduction" else {"kind"})
                if kind == "deduction":
                    per = decimal(f"{wi}/scale", sc.get("per"))
                    if per is not None and per <= 0:
                        bad(f"{wi}/scale", "per must be positive")
                if srcs != [fact_source]:
                    bad(wi, f"a fact item must be rated by {fact_source!r} only")
                if i.get("allow_na"):
                    bad(wi, "a fact item should not allow na")
            elif kind == "points":
                step = decimal(f"{wi}/scale", sc.get("step"))
                if step is None or step <= 0 or p % step != 0:
                    bad(f"{wi}/scale", "step does not divide points")
            else:
                bad(f"{wi}/scale", f"unknown scale kind {kind!r}")
        if dsum != 20:
            bad(w, f"indicator points sum to {dsum}, expected 20")
        total += dsum
    if total != 100:
        bad(where, f"framework totals {total}, expected 100")
    unique(f"{where}/indicators", all_ind)
    return fw


def check_vector(fw):
    name = fw["id"]
    d = ROOT / "tests" / "vectors" / f"builtin-{name}"
    where = str(d.relative_to(ROOT))
    for f in ("builtin.txt", "assessment.json", "hand-check.md", "check.json"):
        if not (d / f).is_file():
            bad(where, f"missing {f}")
            return
    if (d / "builtin.txt").read_text(encoding="utf-8").strip() != name:
        bad(f"{where}/builtin.txt", "does not name the framework")
    asm = json.loads((d / "assessment.json").read_text(encoding="utf-8"))
    check = json.loads((d / "check.json").read_text(encoding="utf-8"))
    keys(f"{where}/assessment.json", asm, {"schema", "framework", "subject", "period", "as_of", "sheets", "bonus",
                                           "deductions", "vetoes", "commitments"}, {"schema", "framework", "period", "sheets"})
    if asm.get("schema") != "cxzy/assessment@1":
        bad(where, "assessment schema tag")
    if asm.get("framework", {}).get("id") != name or asm.get("framework", {}).get("version") != fw["version"]:
        bad(where, "assessment framework id/version")
    if asm.get("period") != {"start": "2026-01-01", "end": "2026-06-30", "label": "2026 上半年"}:
        bad(where, "period differs from the brief")
    inds = {i["id"]: i for dm in fw["dimensions"] for i in dm["indicators"]}
    all_sources = [s["id"] for s in fw["sources"]]
    counts = {s: 0 for s in all_sources}
    for n, sh in enumerate(asm.get("sheets", [])):
        w = f"{where}/assessment.json/sheets/{n}"
        keys(w, sh, {"source", "rater", "submitted", "ratings", "notes"}, {"source", "ratings"})
        src = sh.get("source")
        if src not in counts:
            bad(w, f"unknown source {src!r}")
            continue
        counts[src] += 1
        if src == "mass" and "rater" in sh:
            bad(w, "mass sheets carry no rater name")
        for iid, r in sh.get("ratings", {}).items():
            i = inds.get(iid)
            if i is None:
                bad(w, f"unknown indicator {iid!r}")
                continue
            if src not in (i.get("sources") or all_sources):
                bad(w, f"{src} does not rate {iid}")
            kind = i["scale"]["kind"]
            ok = (r == "na" and i.get("allow_na")) or \
                (kind == "levels" and r in {lv["id"] for lv in i["scale"]["levels"]}) or \
                (kind == "check" and isinstance(r, bool)) or \
                (kind == "deduction" and isinstance(r, int) and not isinstance(r, bool) and r >= 0)
            if not ok:
                bad(w, f"rating {r!r} does not fit {iid}")
        for iid in sh.get("notes", {}):
            if iid not in inds:
                bad(w, f"note on unknown indicator {iid!r}")
    expected = {"self": 1, "peer": 3, "mass": 5, "org": 1, "superior": 1}
    for s, c in counts.items():
        if c != expected[s]:
            bad(where, f"{c} {s} sheets, expected {expected[s]}")
    # every applicable indicator is rated by at least its minimum, so the vector is complete
    for iid, i in inds.items():
        for s in i.get("sources") or all_sources:
            rs = [sh["ratings"].get(iid) for sh in asm["sheets"] if sh["source"] == s]
            if any(r is None for r in rs):
                bad(where, f"{iid} left unrated on a {s} sheet")
    bonus_ids = {b["id"] for b in fw["bonus"]["items"]}
    for b in asm.get("bonus", []):
        if b not in bonus_ids:
            bad(where, f"unknown bonus item {b!r}")
    ded_ids = {b["id"] for b in fw["deductions"]["items"]}
    for x in asm.get("deductions", []):
        if x.get("item") not in ded_ids or not isinstance(x.get("count"), int) or x["count"] < 1:
            bad(where, f"bad deduction {x!r}")
    for v in asm.get("vetoes", []):
        if v not in {x["id"] for x in fw["vetoes"]}:
            bad(where, f"unknown veto {v!r}")
    cs = asm.get("commitments", [])
    if not 1 <= len(cs) <= 3:
        bad(where, "expected 1-3 commitments")
    unique(f"{where}/commitments", [c.get("id") for c in cs])
    dim_ids = [dm["id"] for dm in fw["dimensions"]]
    for c in cs:
        keys(f"{where}/commitments", c, {"id", "text", "dimension", "due", "status", "done_on"},
             {"id", "text", "due", "status"})
        if c.get("dimension") is not None and c["dimension"] not in dim_ids:
            bad(where, f"commitment {c.get('id')} names unknown dimension")
        if c.get("status") not in {"planned", "in_progress", "done", "dropped"} or not DATE_RE.match(c.get("due", "")):
            bad(where, f"commitment {c.get('id')} status/due")
    keys(f"{where}/check.json", check, {"total", "grade", "dimensions"}, {"total", "grade", "dimensions"})
    if list(check.get("dimensions", {})) != dim_ids:
        bad(f"{where}/check.json", "dimension ids differ from the framework")
    for k, v in [("total", check.get("total"))] + list(check.get("dimensions", {}).items()):
        if not isinstance(v, str) or not re.match(r"^\d+\.\d{2}$", v):
            bad(f"{where}/check.json", f"{k} is not a 2-decimal string")
    if check.get("grade") not in [g["id"] for g in fw["grades"]]:
        bad(f"{where}/check.json", "grade is not a grade id")


def main():
    for name, subject in FRAMEWORKS.items():
        fw = check_framework(name, subject)
        if fw is not None:
            check_vector(fw)
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} problem(s)")
        return 1
    print(f"ok: {len(FRAMEWORKS)} frameworks and their vectors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
