#!/usr/bin/env python3
"""Hand check of a golden vector: scores an assessment against a framework by SPEC section 4 with
exact fractions, independently of the Rust engine, and prints the working as Markdown.

    python3 scripts/frameworks/org_hand_check.py tests/vectors/builtin-org-five-goods-rural
        -> prints hand-check.md to stdout
    ... --write   also (re)writes hand-check.md and check.json in that folder

Covers what the built-in organisation frameworks use: levels, check, deduction and points scales;
mean / median / trimmed_mean; min_raters; bonus and deduction caps; grades with dimension floors;
vetoes. "na" ratings are honoured (indicator leaves both sides) but the org frameworks have none.
"""
import json
import pathlib
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction as F

ROOT = pathlib.Path(__file__).resolve().parents[2]


def dec(x) -> F:
    return F(Decimal(str(x)))


def fmt2(x: F) -> str:
    """2-decimal string, rounded half away from zero."""
    sign = "-" if x < 0 else ""
    q = (Decimal(abs(x.numerator)) / Decimal(x.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{sign}{q}"


def fr(x: F) -> str:
    """Exact value: integer, or n/d (with its 2-decimal rounding when not exact)."""
    if x.denominator == 1:
        return str(x.numerator)
    exact2 = (x * 100).denominator == 1
    return f"{x.numerator}/{x.denominator}" + ("" if exact2 else f" (≈ {fmt2(x)})")


def load_framework(fid):
    return json.loads((ROOT / "core" / "frameworks" / f"{fid}.json").read_text(encoding="utf-8"))


def sheet_score(ind, rating):
    scale, points = ind["scale"], dec(ind["points"])
    kind = scale["kind"]
    if kind == "levels":
        lv = {l["id"]: l for l in scale["levels"]}
        assert isinstance(rating, str) and rating in lv, f"{ind['id']}: bad level {rating!r}"
        pct = lv[rating]["percent"]
        return points * pct / 100, f"{rating}={fr(points * pct / 100)}"
    if kind == "check":
        assert isinstance(rating, bool), f"{ind['id']}: check needs true/false"
        return (points if rating else F(0)), f"{'true' if rating else 'false'}={fr(points if rating else F(0))}"
    if kind == "deduction":
        assert isinstance(rating, int) and not isinstance(rating, bool) and rating >= 0, f"{ind['id']}: bad count"
        s = max(F(0), points - rating * dec(scale["per"]))
        return s, f"{rating} missed → max(0, {fr(points)} − {rating}×{fr(dec(scale['per']))}) = {fr(s)}"
    if kind == "points":
        v = dec(rating)
        assert 0 <= v <= points
        return v, fr(v)
    raise ValueError(kind)


def aggregate(kind, xs):
    xs = sorted(xs)
    n = len(xs)
    if kind == "mean" or (kind == "trimmed_mean" and n < 3):
        return sum(xs, F(0)) / n, None
    if kind == "median":
        mid = n // 2
        return (xs[mid] if n % 2 else (xs[mid - 1] + xs[mid]) / 2), None
    if kind == "trimmed_mean":
        kept = xs[1:-1]
        return sum(kept, F(0)) / len(kept), kept
    raise ValueError(kind)


def score(fw, a):
    assert a["framework"]["id"] == fw["id"] and a["framework"]["version"] == fw["version"]
    sources = {s["id"]: s for s in fw["sources"]}
    inds, order = {}, []
    for d in fw["dimensions"]:
        for i in d["indicators"]:
            inds[i["id"]] = (d["id"], i)
            order.append(i["id"])
    # validate and collect sheet scores
    per = {iid: {sid: [] for sid in sources} for iid in order}
    for k, sh in enumerate(a["sheets"]):
        sid = sh["source"]
        assert sid in sources, f"sheet {k}: unknown source {sid}"
        for iid, rating in sh["ratings"].items():
            assert iid in inds, f"sheet {k}: unknown indicator {iid}"
            ind = inds[iid][1]
            assert sid in ind.get("sources", list(sources)), f"sheet {k}: source {sid} does not rate {iid}"
            if rating == "na":
                assert ind.get("allow_na"), f"{iid}: na not allowed"
                per[iid][sid].append(("na", None, "na"))
                continue
            s, how = sheet_score(ind, rating)
            per[iid][sid].append((rating, s, how))
        for iid in sh.get("notes", {}):
            assert iid in inds, f"sheet {k}: note on unknown indicator {iid}"
    res = {"indicators": [], "dimensions": {}, "complete": True}
    dim_score = {d["id"]: F(0) for d in fw["dimensions"]}
    dim_max = {d["id"]: F(0) for d in fw["dimensions"]}
    for iid in order:
        did, ind = inds[iid]
        P = dec(ind["points"])
        rated_by = ind.get("sources", list(sources))
        all_entries = [e for sid in rated_by for e in per[iid][sid]]
        if all_entries and all(e[0] == "na" for e in all_entries):
            res["indicators"].append({"id": iid, "dim": did, "points": P, "status": "na", "src": {}})
            continue
        src_res = {}
        num, den = F(0), F(0)
        for sid in rated_by:
            s = sources[sid]
            xs = [e[1] for e in per[iid][sid] if e[0] != "na"]
            entry = {"sheets": per[iid][sid], "n": len(xs), "agg": s["aggregate"], "weight": dec(s["weight"])}
            if len(xs) == 0:
                entry["present"], entry["reason"] = False, "no_ratings"
            elif len(xs) < s.get("min_raters", 1):
                entry["present"], entry["reason"] = False, "below_min_raters"
            else:
                S, kept = aggregate(s["aggregate"], xs)
                entry.update(present=True, score=S, kept=kept)
                num += dec(s["weight"]) * S
                den += dec(s["weight"])
            src_res[sid] = entry
        dim_max[did] += P
        if den == 0:
            res["complete"] = False
            res["indicators"].append({"id": iid, "dim": did, "points": P, "status": "unrated", "src": src_res})
            continue
        C = num / den
        dim_score[did] += C
        res["indicators"].append({"id": iid, "dim": did, "points": P, "status": "rated", "src": src_res,
                                  "num": num, "den": den, "C": C})
    base = sum(dim_score.values(), F(0))
    fmax = sum(dec(i["points"]) for d in fw["dimensions"] for i in d["indicators"])
    mx = sum(dim_max.values(), F(0))
    bonus_items = {b["id"]: dec(b["points"]) for b in fw.get("bonus", {}).get("items", [])}
    claimed = [(b, bonus_items[b]) for b in a.get("bonus", [])]
    bonus_raw = sum((p for _, p in claimed), F(0))
    bonus = min(dec(fw["bonus"]["cap"]), bonus_raw) if "bonus" in fw else F(0)
    ded_items = {b["id"]: dec(b["points"]) for b in fw.get("deductions", {}).get("items", [])}
    ded_claimed = [(d["item"], d["count"], ded_items[d["item"]]) for d in a.get("deductions", [])]
    ded_raw = sum((p * c for _, c, p in ded_claimed), F(0))
    ded = min(dec(fw["deductions"]["cap"]), ded_raw) if "deductions" in fw else F(0)
    total = max(F(0), base + bonus - ded)
    norm = total * fmax / mx if mx else F(0)
    grade_ids = [g["id"] for g in fw["grades"]]
    threshold = floor_fail = None
    floors_first = None
    for g in fw["grades"]:
        if norm < dec(g["min_total"]):
            continue
        ratio = g.get("min_dimension_ratio")
        fails = [d for d in dim_score if dim_max[d] > 0 and dim_score[d] / dim_max[d] * 100 < ratio] if ratio is not None else []
        if threshold is None:
            threshold = g["id"]
        if fails:
            floors_first = floors_first or (g["id"], fails)
            continue
        floor_fail = g["id"]
        break
    grade, reason = floor_fail, ("threshold" if floor_fail == threshold else "dimension_floor")
    vetoes = {v["id"]: v for v in fw.get("vetoes", [])}
    for vid in a.get("vetoes", []):
        cap = vetoes[vid]["caps_grade_at"]
        if grade_ids.index(cap) > grade_ids.index(grade):
            grade, reason = cap, "veto"
    if not res["complete"]:
        grade, reason = None, "incomplete"
    res.update(dim_score=dim_score, dim_max=dim_max, base=base, bonus=bonus, bonus_raw=bonus_raw, claimed=claimed,
               ded=ded, ded_raw=ded_raw, ded_claimed=ded_claimed, total=total, max=mx, norm=norm,
               grade=grade, reason=reason, threshold=threshold, floors_first=floors_first)
    return res


def check_json(r):
    return {"total": fmt2(r["total"]), "grade": r["grade"],
            "dimensions": {d: fmt2(s) for d, s in r["dim_score"].items()}}


def markdown(fw, a, r, folder_name):
    zh = lambda x: x["zh-Hans"]
    inds = {i["id"]: i for d in fw["dimensions"] for i in d["indicators"]}
    grades = {g["id"]: g for g in fw["grades"]}
    L = []
    L.append(f"# Hand check — `{folder_name}`\n")
    L.append(f"Framework `{fw['id']}` {fw['version']} ({zh(fw['title'])}); subject: {a['subject'].get('name', '')}"
             f" ({a['subject'].get('unit', '')}); period {a['period']['start']} – {a['period']['end']}.\n")
    L.append("Worked by SPEC section 4 with exact fractions (Python `fractions.Fraction` as the calculator). "
             "Level score = points × percent / 100; check = points or 0; deduction = max(0, points − count × per).\n")
    L.append("Sources: " + "; ".join(
        f"`{s['id']}` {zh(s['label'])} weight {s['weight']}, {s['aggregate']}, min_raters {s.get('min_raters', 1)}"
        for s in fw["sources"]) + ". trimmed_mean drops one highest and one lowest value when n ≥ 3.\n")
    counts = {}
    for sh in a["sheets"]:
        counts[sh["source"]] = counts.get(sh["source"], 0) + 1
    L.append("Sheets: " + ", ".join(f"{k} × {v}" for k, v in counts.items()) +
             " (sheet order as in assessment.json).\n")
    L.append("C(i) = Σ w·S / Σ w over the sources present for i.\n")
    cur = None
    for it in r["indicators"]:
        if it["dim"] != cur:
            cur = it["dim"]
            d = next(d for d in fw["dimensions"] if d["id"] == cur)
            L.append(f"\n## {cur} — {zh(d['title'])} (max {fr(r['dim_max'][cur])})\n")
        ind = inds[it["id"]]
        L.append(f"**{it['id']}** {zh(ind['title'])} — {fr(it['points'])} pts, {ind['scale']['kind']}")
        for sid, e in it["src"].items():
            hows = ", ".join(h for _, _, h in e["sheets"]) or "—"
            if not e["present"]:
                L.append(f"- {sid}: {hows} → absent ({e['reason']}: {e['n']} score(s))")
                continue
            line = f"- {sid}: {hows}"
            if e["agg"] == "trimmed_mean" and e["kept"] is not None:
                srt = sorted(x for _, x, _ in e["sheets"] if x is not None)
                line += (f" → sorted [{', '.join(fr(x) for x in srt)}] → drop one high, one low → "
                         f"[{', '.join(fr(x) for x in e['kept'])}] → S = {fr(e['score'])}")
            elif e["n"] > 1:
                line += f" → mean S = {fr(e['score'])}"
            else:
                line += f" → S = {fr(e['score'])}"
            L.append(line)
        if it["status"] == "rated":
            terms = " + ".join(f"{fr(e['weight'])}×{fr(e['score'])}" for e in it["src"].values() if e["present"])
            L.append(f"- C = ({terms}) / {fr(it['den'])} = {fr(it['C'])}; lost {fr(it['points'] - it['C'])}\n")
        else:
            L.append(f"- status: {it['status']}\n")
    L.append("\n## Dimensions\n")
    L.append("| dimension | score (exact) | score | max | ratio | ≥ 80 %? |")
    L.append("| --- | --- | --- | --- | --- | --- |")
    for d, s in r["dim_score"].items():
        m = r["dim_max"][d]
        ratio = s / m * 100
        L.append(f"| {d} | {fr(s)} | {fmt2(s)} | {fr(m)} | {fmt2(ratio)} % | {'yes' if ratio >= 80 else 'no'} |")
    L.append("\n## Total and grade\n")
    L.append(f"- Base = Σ D = {fr(r['base'])} = {fmt2(r['base'])}")
    if r["claimed"]:
        L.append(f"- Bonus claimed: " + ", ".join(f"{b} {fr(p)}" for b, p in r["claimed"]) +
                 f" = {fr(r['bonus_raw'])}; cap {fw['bonus']['cap']} → bonus {fr(r['bonus'])}")
    else:
        L.append("- Bonus: none → 0")
    if r["ded_claimed"]:
        L.append(f"- Deductions: " + ", ".join(f"{i} {fr(p)} × {c}" for i, c, p in r["ded_claimed"]) +
                 f" = {fr(r['ded_raw'])}; cap {fw['deductions']['cap']} → deduction {fr(r['ded'])}")
    else:
        L.append("- Deductions: none → 0")
    L.append(f"- Total = {fr(r['base'])} + {fr(r['bonus'])} − {fr(r['ded'])} = {fr(r['total'])} → **{fmt2(r['total'])}**"
             f" (max {fr(r['max'])}; nothing N/A, so normalised total = total)")
    g = r["threshold"]
    L.append(f"- Threshold: the best grade whose min_total ≤ {fmt2(r['norm'])} is `{g}` ({zh(grades[g]['label'])}, ≥ {grades[g]['min_total']}).")
    if r["floors_first"]:
        fg, fails = r["floors_first"]
        L.append(f"- Dimension floor of `{fg}` ({grades[fg].get('min_dimension_ratio')} % of each dimension) fails on: "
                 + ", ".join(f"{d} {fmt2(r['dim_score'][d] / r['dim_max'][d] * 100)} %" for d in fails)
                 + " → the next grade applies.")
    elif grades[g].get("min_dimension_ratio") is not None:
        L.append(f"- Dimension floor of `{g}`: every dimension ≥ {grades[g]['min_dimension_ratio']} % — met.")
    if a.get("vetoes"):
        for vid in a["vetoes"]:
            v = next(v for v in fw["vetoes"] if v["id"] == vid)
            L.append(f"- Veto `{vid}` ({zh(v['title'])}) caps the grade at `{v['caps_grade_at']}`.")
    else:
        L.append("- Vetoes: none triggered.")
    L.append(f"- **Grade: `{r['grade']}` ({zh(grades[r['grade']]['label'])}), decided by {r['reason']}.**\n")
    cj = check_json(r)
    L.append("check.json:\n\n```json\n" + json.dumps(cj, ensure_ascii=False, indent=2) + "\n```\n")
    return "\n".join(L)


def run(folder, write=False):
    folder = pathlib.Path(folder)
    fid = (folder / "builtin.txt").read_text(encoding="utf-8").strip()
    fw = load_framework(fid)
    a = json.loads((folder / "assessment.json").read_text(encoding="utf-8"))
    r = score(fw, a)
    md = markdown(fw, a, r, folder.name)
    if write:
        (folder / "hand-check.md").write_text(md, encoding="utf-8")
        (folder / "check.json").write_text(json.dumps(check_json(r), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return r, md


if __name__ == "__main__":
    args = [x for x in sys.argv[1:] if not x.startswith("--")]
    for f in args:
        r, md = run(f, write="--write" in sys.argv)
        if "--write" not in sys.argv:
            print(md)
        else:
            print(f, check_json(r))
