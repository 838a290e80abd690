#!/usr/bin/env python3
"""Structural check of the organisation built-ins (org-five-goods and its seven 分类 variants)
and their golden vectors, against SPEC 2.1 / 2.2 and docs/framework-conventions.md.

    python3 scripts/frameworks/check_org_frameworks.py

Exits 1 with a list of problems, or prints a summary. Needs only the Python standard library.
"""
import datetime
import json
import pathlib
import re
import sys
from decimal import Decimal, InvalidOperation

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FW_DIR = ROOT / "core" / "frameworks"
VEC_DIR = ROOT / "tests" / "vectors"
sys.path.insert(0, str(HERE))
import org_hand_check as hc  # noqa: E402

TYPES = ["rural", "community", "soe", "government", "university", "institution", "nonpublic"]
PREFIX = {"rural": "rural-", "community": "community-", "soe": "soe-", "government": "gov-",
          "university": "uni-", "institution": "inst-", "nonpublic": "nonpub-"}
FILES = ["org-five-goods"] + [f"org-five-goods-{t}" for t in TYPES]
DIMENSIONS = ["leadership", "members", "mechanism", "performance", "reputation"]
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LEVELS = [("good", "好", "Good", 100), ("fair", "较好", "Fairly good", 80),
          ("average", "一般", "Average", 60), ("poor", "差", "Poor", 30)]
GRADES = [("excellent", "优秀", 90, 80), ("qualified", "合格", 70, None),
          ("basic", "基本合格", 60, None), ("unqualified", "不合格", 0, None)]
SOURCES = [("self", "自评", 20, "mean", 1, None), ("superior", "上级点评", 40, "mean", 1, None),
           ("mass", "群众评议", 40, "trimmed_mean", 5, 5)]

problems = []


def err(path, msg):
    problems.append(f"{path}: {msg}")


def keys(obj, path, required, optional=()):
    if not isinstance(obj, dict):
        err(path, "not an object")
        return False
    for k in required:
        if k not in obj:
            err(path, f"missing {k}")
    for k in obj:
        if k not in required and k not in optional:
            err(path, f"unknown field {k}")
    return True


def text(obj, path):
    if not keys(obj, path, ["zh-Hans", "zh-Hant", "en"]):
        return
    for k in ["zh-Hans", "zh-Hant", "en"]:
        if not isinstance(obj.get(k), str) or not obj.get(k, "").strip():
            err(path, f"{k} empty")


def decimal(x, path, positive=False):
    if isinstance(x, bool) or not isinstance(x, (int, float, str)):
        err(path, "not a Decimal")
        return None
    try:
        d = Decimal(str(x))
    except InvalidOperation:
        err(path, "not a Decimal")
        return None
    if d != d.quantize(Decimal("0.01")) or d < 0 or d > 100000 or (positive and d <= 0):
        err(path, f"bad Decimal {x}")
    return d


def check_framework(name, fw, base):
    p = name
    keys(fw, p, ["schema", "id", "version", "subject", "title", "dimensions", "grades", "sources"],
         ["description", "org_type", "bonus", "deductions", "vetoes"])
    if fw.get("schema") != "cxzy/framework@1":
        err(p, "schema")
    if fw.get("id") != name or not ID_RE.match(fw.get("id", "")):
        err(p, "id must equal the file name")
    if fw.get("version") != "1.0.0":
        err(p, "version")
    if fw.get("subject") != "organization":
        err(p, "subject")
    expected_type = None if name == "org-five-goods" else name.removeprefix("org-five-goods-")
    if fw.get("org_type") != expected_type:
        err(p, f"org_type {fw.get('org_type')!r}, expected {expected_type!r}")
    text(fw.get("title"), f"{p}/title")
    text(fw.get("description"), f"{p}/description")

    source_ids = [s.get("id") for s in fw.get("sources", [])]
    ind_ids = set()
    total = Decimal(0)
    dims = fw.get("dimensions", [])
    if [d.get("id") for d in dims] != DIMENSIONS:
        err(p, f"dimension ids {[d.get('id') for d in dims]}")
    for di, d in enumerate(dims):
        dp = f"{p}/dimensions/{di}"
        keys(d, dp, ["id", "title", "guidance", "indicators"])
        text(d.get("title"), f"{dp}/title")
        text(d.get("guidance"), f"{dp}/guidance")
        inds = d.get("indicators", [])
        if not 3 <= len(inds) <= 6:
            err(dp, f"{len(inds)} indicators (3-6 allowed)")
        dsum = Decimal(0)
        for ii, ind in enumerate(inds):
            ip = f"{dp}/indicators/{ii}"
            keys(ind, ip, ["id", "title", "guidance", "points", "scale"], ["sources", "allow_na"])
            iid = ind.get("id", "")
            if not KEBAB.match(iid) or not ID_RE.match(iid):
                err(ip, f"id {iid!r} not kebab-case")
            if iid in ind_ids:
                err(ip, f"duplicate indicator id {iid}")
            ind_ids.add(iid)
            text(ind.get("title"), f"{ip}/title")
            if len(ind.get("title", {}).get("zh-Hans", "")) > 16:
                err(ip, "zh-Hans title longer than 16 characters")
            text(ind.get("guidance"), f"{ip}/guidance")
            pts = decimal(ind.get("points"), f"{ip}/points", positive=True) or Decimal(0)
            dsum += pts
            srcs = ind.get("sources")
            if srcs is not None:
                if not srcs or len(set(srcs)) != len(srcs) or any(s not in source_ids for s in srcs):
                    err(ip, f"bad sources {srcs}")
            sc = ind.get("scale", {})
            kind = sc.get("kind")
            sp = f"{ip}/scale"
            if kind == "levels":
                keys(sc, sp, ["kind", "levels"])
                lv = sc.get("levels", [])
                if len(lv) != 4:
                    err(sp, "expected the four conventional levels")
                descs = set()
                prev = 101
                for li, (l, (lid, lzh, len_, pct)) in enumerate(zip(lv, LEVELS)):
                    lp = f"{sp}/levels/{li}"
                    keys(l, lp, ["id", "label", "percent", "descriptor"])
                    if l.get("id") != lid or l.get("percent") != pct:
                        err(lp, f"level {l.get('id')}/{l.get('percent')} expected {lid}/{pct}")
                    if not isinstance(l.get("percent"), int) or not 0 <= l["percent"] <= 100 or l["percent"] >= prev:
                        err(lp, "percents must be integers, strictly decreasing")
                    prev = l.get("percent", 0)
                    text(l.get("label"), f"{lp}/label")
                    if l.get("label", {}).get("zh-Hans") != lzh or l.get("label", {}).get("en") != len_:
                        err(lp, "label")
                    text(l.get("descriptor"), f"{lp}/descriptor")
                    dz = l.get("descriptor", {}).get("zh-Hans")
                    if dz in descs:
                        err(lp, "descriptor repeated")
                    descs.add(dz)
                if srcs == ["superior"] and iid != "gov-public-review":
                    err(ip, "a levels item rated by superior only: intended?")
            elif kind == "check":
                keys(sc, sp, ["kind"])
                if srcs != ["superior"]:
                    err(ip, "fact item must be rated by superior only")
            elif kind == "deduction":
                keys(sc, sp, ["kind", "per"])
                decimal(sc.get("per"), f"{sp}/per", positive=True)
                if srcs != ["superior"]:
                    err(ip, "fact item must be rated by superior only")
            elif kind == "points":
                keys(sc, sp, ["kind", "step"])
                step = decimal(sc.get("step"), f"{sp}/step", positive=True)
                if step and pts % step:
                    err(sp, "step does not divide points")
            else:
                err(sp, f"unknown scale kind {kind}")
        if dsum != 20:
            err(dp, f"points sum {dsum}, expected 20")
        total += dsum
    if total != 100:
        err(p, f"framework points {total}, expected 100")

    for sect in ["bonus", "deductions"]:
        b = fw.get(sect)
        if b is None:
            err(p, f"missing {sect}")
            continue
        keys(b, f"{p}/{sect}", ["cap", "items"])
        decimal(b.get("cap"), f"{p}/{sect}/cap")
        ids = set()
        for k, it in enumerate(b.get("items", [])):
            q = f"{p}/{sect}/items/{k}"
            keys(it, q, ["id", "title", "points"])
            if it.get("id") in ids or not ID_RE.match(it.get("id", "")):
                err(q, "bad or duplicate id")
            ids.add(it.get("id"))
            text(it.get("title"), f"{q}/title")
            decimal(it.get("points"), f"{q}/points", positive=True)
    if fw.get("bonus", {}).get("cap") != 5 or fw.get("deductions", {}).get("cap") != 10:
        err(p, "caps: bonus 5, deductions 10")

    grade_ids = [g.get("id") for g in fw.get("grades", [])]
    vids = set()
    for k, v in enumerate(fw.get("vetoes", [])):
        q = f"{p}/vetoes/{k}"
        keys(v, q, ["id", "title", "caps_grade_at"])
        if v.get("id") in vids:
            err(q, "duplicate veto id")
        vids.add(v.get("id"))
        text(v.get("title"), f"{q}/title")
        if v.get("caps_grade_at") not in grade_ids:
            err(q, "caps_grade_at unknown")

    gs = fw.get("grades", [])
    if len(gs) != len(GRADES):
        err(p, "grades")
    for k, (g, (gid, gzh, mt, ratio)) in enumerate(zip(gs, GRADES)):
        q = f"{p}/grades/{k}"
        keys(g, q, ["id", "label", "min_total"], ["min_dimension_ratio"])
        text(g.get("label"), f"{q}/label")
        if g.get("id") != gid or g.get("label", {}).get("zh-Hans") != gzh or g.get("min_total") != mt \
                or g.get("min_dimension_ratio") != ratio:
            err(q, f"grade differs from conventions ({gid})")

    ss = fw.get("sources", [])
    if len(ss) != len(SOURCES):
        err(p, "sources")
    for k, (s, (sid, szh, w, agg, mr, am)) in enumerate(zip(ss, SOURCES)):
        q = f"{p}/sources/{k}"
        keys(s, q, ["id", "label", "weight", "aggregate"], ["min_raters", "anonymous_min"])
        text(s.get("label"), f"{q}/label")
        if (s.get("id"), s.get("label", {}).get("zh-Hans"), s.get("weight"), s.get("aggregate"),
                s.get("min_raters", 1), s.get("anonymous_min")) != (sid, szh, w, agg, mr, am):
            err(q, f"source differs from conventions ({sid})")

    if base is not None and base is not fw:
        # the shared part stays identical to org-five-goods
        general = {i["id"]: i for d in base["dimensions"] for i in d["indicators"]}
        prefix = PREFIX[expected_type]
        own = 0
        for d, bd in zip(fw.get("dimensions", []), base["dimensions"]):
            if d.get("title") != bd["title"] or d.get("guidance") != bd["guidance"]:
                err(f"{p}/{d.get('id')}", "dimension title/guidance differ from org-five-goods")
            for ind in d.get("indicators", []):
                if ind["id"] in general:
                    a = dict(ind, points=None)
                    b = dict(general[ind["id"]], points=None)
                    if a != b:
                        err(f"{p}/{ind['id']}", "shared indicator differs from org-five-goods (other than points)")
                else:
                    own += 1
                    if not ind["id"].startswith(prefix):
                        err(f"{p}/{ind['id']}", f"type indicator id should start with {prefix}")
        if own < 3:
            err(p, f"only {own} type indicators")
        for sect in ["vetoes", "grades", "sources", "deductions"]:
            if fw.get(sect) != base.get(sect):
                err(p, f"{sect} differ from org-five-goods")
        if fw["bonus"]["items"][:len(base["bonus"]["items"])] != base["bonus"]["items"]:
            err(p, "general bonus items changed")


def iso(d, path):
    try:
        datetime.date.fromisoformat(d)
    except Exception:
        err(path, f"bad date {d!r}")


def check_vector(name, fw):
    folder = VEC_DIR / f"builtin-{name}"
    p = str(folder.relative_to(ROOT))
    for f in ["builtin.txt", "assessment.json", "hand-check.md", "check.json"]:
        if not (folder / f).exists():
            err(p, f"missing {f}")
            return
    if (folder / "builtin.txt").read_text(encoding="utf-8").strip() != name:
        err(p, "builtin.txt")
    a = json.loads((folder / "assessment.json").read_text(encoding="utf-8"))
    keys(a, p, ["schema", "framework", "period", "sheets"],
         ["subject", "as_of", "bonus", "deductions", "vetoes", "commitments"])
    if a.get("schema") != "cxzy/assessment@1":
        err(p, "schema")
    keys(a.get("framework"), f"{p}/framework", ["id", "version"], ["digest"])
    keys(a.get("subject"), f"{p}/subject", [], ["name", "unit"])
    keys(a.get("period"), f"{p}/period", ["start", "end"], ["label"])
    if a.get("period") != {"start": "2026-01-01", "end": "2026-06-30", "label": "2026 上半年"}:
        err(p, "period")
    counts = {}
    inds = {i["id"]: i for d in fw["dimensions"] for i in d["indicators"]}
    for k, sh in enumerate(a.get("sheets", [])):
        q = f"{p}/sheets/{k}"
        keys(sh, q, ["source", "ratings"], ["rater", "submitted", "notes"])
        counts[sh["source"]] = counts.get(sh["source"], 0) + 1
        if sh["source"] == "mass" and "rater" in sh:
            err(q, "mass sheets carry no rater")
        if "submitted" in sh:
            iso(sh["submitted"], q)
        for iid in sh["ratings"]:
            if inds.get(iid, {}).get("scale", {}).get("kind") in ("check", "deduction") and sh["source"] != "superior":
                err(q, f"fact item {iid} rated by {sh['source']}")
    if counts.get("self") != 1 or counts.get("superior") not in (1, 2) or not 5 <= counts.get("mass", 0) <= 7:
        err(p, f"sheet counts {counts}")
    bonus_ids = {b["id"] for b in fw["bonus"]["items"]}
    if len(a.get("bonus", [])) != 1 or any(b not in bonus_ids for b in a.get("bonus", [])):
        err(p, "one known bonus item expected")
    ded_ids = {b["id"] for b in fw["deductions"]["items"]}
    for k, d in enumerate(a.get("deductions", [])):
        keys(d, f"{p}/deductions/{k}", ["item", "count"])
        if d.get("item") not in ded_ids or not isinstance(d.get("count"), int) or d["count"] < 1:
            err(f"{p}/deductions/{k}", "bad deduction")
    for v in a.get("vetoes", []):
        if v not in {x["id"] for x in fw["vetoes"]}:
            err(p, f"unknown veto {v}")
    cs = a.get("commitments", [])
    if not 1 <= len(cs) <= 3:
        err(p, "1-3 commitments expected")
    for k, c in enumerate(cs):
        q = f"{p}/commitments/{k}"
        keys(c, q, ["id", "text", "due", "status"], ["dimension", "done_on"])
        iso(c.get("due", ""), q)
        if "done_on" in c:
            iso(c["done_on"], q)
        if c.get("status") not in ("planned", "in_progress", "done", "dropped"):
            err(q, "status")
        if c.get("dimension") not in DIMENSIONS:
            err(q, "dimension")
    try:
        r = hc.score(fw, a)
    except AssertionError as e:
        err(p, f"assessment invalid: {e}")
        return None
    expected = hc.check_json(r)
    got = json.loads((folder / "check.json").read_text(encoding="utf-8"))
    if got != expected:
        err(p, f"check.json {got} != recomputed {expected}")
    md = (folder / "hand-check.md").read_text(encoding="utf-8")
    if f"**{expected['total']}**" not in md:
        err(p, "hand-check.md does not state the total")
    return r


def main():
    docs = {}
    for name in FILES:
        path = FW_DIR / f"{name}.json"
        try:
            docs[name] = json.loads(path.read_text(encoding="utf-8"))
        except Exception as e:  # noqa: BLE001
            err(name, f"does not parse: {e}")
    base = docs.get("org-five-goods")
    for name, fw in docs.items():
        check_framework(name, fw, base)
    results = {}
    for name, fw in docs.items():
        results[name] = check_vector(name, fw)
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} problem(s)")
        sys.exit(1)
    for name, fw in docs.items():
        n = sum(len(d["indicators"]) for d in fw["dimensions"])
        r = results[name]
        print(f"ok  {name:32} {n:2} indicators   vector: total {hc.fmt2(r['total']):>6}  {r['grade']} ({r['reason']})")


if __name__ == "__main__":
    main()
