//! Structured input → a small framework and assessments as JSON values → framework_from_value,
//! Scorer::new, score, serialise (and read back), then the summaries → branch (random quota) and
//! trend. Built so that most inputs are valid and reach the scoring arithmetic; a `chaos` mode
//! mixes in the errors an assessment can carry (na where not allowed, bad level ids, points beyond
//! the max, wrong rating kinds, unknown sources / indicators / items, huge counts). Half the
//! frameworks are version 2 (spec §11): counted events, votes, ticks and sub-items among the
//! scales, item bounds, weighted parts, scoped and counted adjustments, rules on shares, grade
//! conditions, required sources and share quorums, with rater numbers in the assessments.
#![no_main]

#[path = "common.rs"]
mod common;

use arbitrary::Arbitrary;
use cxzy_core::{assessment_from_value, branch, parse_quota, trend, Exact, Prepared, ScoreOptions};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

const SOURCE_IDS: [&str; 6] = ["self", "peer", "mass", "org", "s4", "s5"];
const LEVEL_IDS: [&str; 6] = ["good", "fair", "average", "poor", "bad", "l5"];

/// A decimal with 0–2 fractional digits, in cents below `max_cents`; rarely a malformed one.
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Dec {
    cents: u32,
    places: u8,
    form: u8,
}

impl Dec {
    fn cents_below(self, max_cents: u32) -> u32 {
        let c = self.cents % (max_cents + 1);
        match self.places % 3 {
            0 => c - c % 100,
            1 => c - c % 10,
            _ => c,
        }
    }

    fn text(cents: u32, places: u8) -> String {
        let (w, f) = (cents / 100, cents % 100);
        match places % 3 {
            0 if f == 0 => format!("{w}"),
            1 if f % 10 == 0 => format!("{w}.{}", f / 10),
            _ => format!("{w}.{f:02}"),
        }
    }

    /// The value as JSON: mostly a number, sometimes a string, and (when `wild`) now and then
    /// something out of range or too precise.
    fn json_cents(self, cents: u32, wild: bool) -> Value {
        let text = Self::text(cents, self.places);
        match self.form % 16 {
            0..=2 => Value::String(text),
            3 => Value::String(format!("{}.{:02}", cents / 100, cents % 100)),
            15 if wild => match self.places % 4 {
                0 => number(&format!("-{text}")),
                1 => number(&format!("{text}5")), // a third decimal (or a bigger whole)
                2 => number(&format!("{}", u64::from(self.cents) * 1_000_000)),
                _ => number(&format!("{text}e1")),
            },
            _ => number(&text),
        }
    }

    fn json(self, max_cents: u32, wild: bool) -> Value {
        self.json_cents(self.cents_below(max_cents), wild)
    }
}

/// A JSON number with its digits as written (serde_json has arbitrary_precision on).
fn number(text: &str) -> Value {
    serde_json::from_str::<Value>(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

fn text(zh: &str) -> Value {
    json!({ "zh-Hans": zh, "en": zh })
}

/// At least one: most of the work is past the "needs at least one" checks.
#[derive(Arbitrary, Debug)]
struct NonEmpty<T> {
    first: T,
    rest: Vec<T>,
}

impl<T> NonEmpty<T> {
    fn iter(&self) -> impl Iterator<Item = &T> {
        std::iter::once(&self.first).chain(&self.rest)
    }

    fn len(&self) -> usize {
        1 + self.rest.len()
    }
}

#[derive(Arbitrary, Debug)]
enum ScaleIn {
    Levels { first: u8, drops: [u8; 5], count: u8 },
    Check,
    Points { step: Dec, k: u8 },
    Deduction { per: Dec },
    // Version 2 (a version-1 framework makes them checks).
    Events { start: u8, events: NonEmpty<EventIn>, bounds: u8 },
    Vote { options: u8, abstain: bool },
    Ticks { conditions: u8 },
    Items { subs: NonEmpty<SubIn> },
}

#[derive(Arbitrary, Debug)]
struct EventIn {
    up: bool,
    per: Option<Dec>,
    steps: Vec<u8>,
    cutoff: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct SubIn {
    points: Dec,
    kind: u8,
    events: NonEmpty<EventIn>,
}

#[derive(Arbitrary, Debug)]
struct RuleIn {
    indicator: u8,
    option: Option<u8>,
    compare: u8,
    share: (u8, u8),
    then: u8,
}

/// What a framework of version 2 adds beyond its scales.
#[derive(Arbitrary, Debug)]
struct V2In {
    weights: Vec<(u8, u8)>,
    rules: Vec<RuleIn>,
    required: Option<u8>,
    share_quorum: Option<(u8, u8)>,
    item_cap: Option<Dec>,
    scope: Option<(bool, u8)>,
    uncapped: bool,
    requires: Vec<(u8, u8, u8)>,
}

#[derive(Arbitrary, Debug)]
struct IndIn {
    points: Dec,
    scale: ScaleIn,
    sources: Option<u8>,
    allow_na: bool,
}

#[derive(Arbitrary, Debug)]
struct DimIn {
    indicators: NonEmpty<IndIn>,
}

#[derive(Arbitrary, Debug)]
enum AggIn {
    Mean,
    Median,
    TrimmedMean,
}

#[derive(Arbitrary, Debug)]
struct SrcIn {
    weight: Dec,
    aggregate: AggIn,
    min_raters: Option<u8>,
    anonymous_min: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct GradeIn {
    drop: Dec,
    ratio: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct AdjIn {
    cap: Dec,
    items: Vec<Dec>,
}

#[derive(Arbitrary, Debug)]
struct FwIn {
    dims: NonEmpty<DimIn>,
    sources: NonEmpty<SrcIn>,
    source_offset: u8,
    grades: Vec<GradeIn>,
    bonus: Option<AdjIn>,
    deductions: Option<AdjIn>,
    vetoes: Vec<u8>,
    v2: Option<V2In>,
}

#[derive(Arbitrary, Debug)]
struct RatingIn {
    indicator: u8,
    kind: u8,
    a: u32,
    d: Dec,
}

#[derive(Arbitrary, Debug)]
struct SheetIn {
    source: u8,
    rater: Option<u8>,
    ratings: Vec<RatingIn>,
}

#[derive(Arbitrary, Debug)]
enum CountIn {
    Small(u8),
    Huge(u32),
}

#[derive(Arbitrary, Debug)]
struct CommitIn {
    id: u8,
    dimension: Option<u8>,
    due: u16,
    status: u8,
    done_on: Option<u16>,
}

#[derive(Arbitrary, Debug)]
struct AssessIn {
    /// One assessment in four carries errors.
    chaos: u8,
    start: u16,
    len: u16,
    as_of: Option<u16>,
    sheets: Vec<SheetIn>,
    bonus: Vec<u8>,
    deductions: Vec<(u8, CountIn)>,
    vetoes: Vec<u8>,
    commitments: Vec<CommitIn>,
    raters: Vec<(u8, Option<u8>, Option<u8>)>,
}

#[derive(Arbitrary, Debug)]
enum QuotaIn {
    None,
    Percent(Dec),
    Raw(i32, u8),
    Share(u8, u8),
}

#[derive(Arbitrary, Debug)]
struct Input {
    fw: FwIn,
    assessments: NonEmpty<AssessIn>,
    today: Option<u16>,
    quota: QuotaIn,
}

/// What the assessment builder needs to know about the framework it built.
struct Shape {
    /// Per indicator: its id, scale and the data to make a valid rating.
    indicators: Vec<IndShape>,
    sources: Vec<&'static str>,
    dims: usize,
    bonus: usize,
    deductions: usize,
    vetoes: usize,
    v2: bool,
    /// Sources whose minimum is a share of the eligible raters (version 2).
    share_sources: Vec<usize>,
}

struct IndShape {
    id: String,
    /// 0 levels, 1 check, 2 points, 3 deduction; version 2: 4 events, 5 vote, 6 ticks.
    kind: u8,
    /// Levels; events; options (the last an abstention when `abstain`); conditions.
    levels: usize,
    abstain: bool,
    points_cents: u32,
    step_cents: u32,
    allow_na: bool,
    sources: Vec<usize>,
}

/// A signed decimal text of `cents`.
fn signed(cents: i64) -> Value {
    let (sign, c) = if cents < 0 { ("-", -cents) } else { ("", cents) };
    number(&format!("{sign}{}.{:02}", c / 100, c % 100))
}

/// An event of an events scale: a change per occurrence, a step table, a cut-off (spec §11.1).
fn event_json(e: &EventIn, k: usize) -> Value {
    let sign: i64 = if e.up { 1 } else { -1 };
    let mut obj = json!({ "id": format!("e{k}"), "label": text("事项") });
    let mut last_at = 0u32;
    if let Some(per) = e.per {
        obj["per"] = signed(sign * i64::from(per.cents_below(500).max(25)));
    } else if !e.steps.is_empty() {
        let mut change = 0i64;
        let steps: Vec<Value> = e
            .steps
            .iter()
            .take(3)
            .map(|s| {
                last_at += 1 + u32::from(s % 3);
                change += 100 * (1 + i64::from(s % 5));
                json!({ "at": last_at, "change": signed(sign * change) })
            })
            .collect();
        obj["steps"] = json!(steps);
    }
    match e.cutoff {
        Some(c) => {
            obj["cutoff"] = json!({
                "at": last_at + 1 + u32::from(c % 4),
                "score": if e.up { "full" } else { "zero" },
            });
        }
        None if e.per.is_none() && e.steps.is_empty() => obj["per"] = signed(sign * 100),
        None => {}
    }
    obj
}

/// A share `"n/d"` in lowest terms, at most 1, or a whole percent.
fn share(a: u8, b: u8) -> Value {
    if a % 3 == 0 {
        return json!(b % 101);
    }
    let d = 1 + u32::from(b % 10);
    let n = u32::from(a) % (d + 1);
    let (mut x, mut y) = (n, d);
    while y != 0 {
        (x, y) = (y, x % y);
    }
    let g = x.max(1);
    json!(format!("{}/{}", n / g, d / g))
}

fn build_framework(f: &FwIn) -> (Value, Shape) {
    let n_sources = f.sources.len().min(4);
    let sources: Vec<&'static str> = (0..n_sources)
        .map(|i| SOURCE_IDS[(i + usize::from(f.source_offset)) % SOURCE_IDS.len()])
        .collect();
    let mut shape = Shape {
        indicators: Vec::new(),
        sources: sources.clone(),
        dims: 0,
        bonus: 0,
        deductions: 0,
        vetoes: 0,
        v2: f.v2.is_some(),
        share_sources: Vec::new(),
    };
    let v2 = f.v2.is_some();
    let mut dims = Vec::new();
    for (d, dim) in f.dims.iter().take(4).enumerate() {
        let mut inds = Vec::new();
        for ind in dim.indicators.iter().take(5) {
            let k = shape.indicators.len();
            let id = format!("i{k}");
            let mut points_cents = ind.points.cents_below(2_000);
            let mut extra = Map::new();
            let mut abstain = false;
            let mut subs: Vec<(Value, IndShape)> = Vec::new();
            let (scale, kind, levels, step_cents) = match &ind.scale {
                ScaleIn::Events { start, events, bounds } if v2 => {
                    let list: Vec<Value> =
                        events.iter().take(4).enumerate().map(|(k, e)| event_json(e, k)).collect();
                    let n = list.len();
                    let mut scale = json!({ "kind": "events", "events": list });
                    match start % 3 {
                        1 => scale["start"] = json!("zero"),
                        2 => scale["start"] = signed(i64::from(points_cents / 2)),
                        _ => {}
                    }
                    if bounds & 1 == 1 {
                        extra.insert("min".into(), signed(-100 * i64::from(1 + bounds % 5)));
                    }
                    if bounds & 2 == 2 {
                        extra.insert("max".into(), json!("none"));
                    }
                    (scale, 4, n, 0)
                }
                ScaleIn::Vote { options, abstain: with_abstain } if v2 => {
                    let n = 2 + usize::from(options % 3);
                    let mut list: Vec<Value> = (0..n)
                        .map(|o| {
                            let percent = 100 - (100 * o / n);
                            json!({ "id": format!("o{o}"), "label": text("选项"), "percent": percent })
                        })
                        .collect();
                    if *with_abstain {
                        list.push(json!({ "id": "pass", "label": text("弃权"), "abstain": true }));
                        abstain = true;
                    }
                    (json!({ "kind": "vote", "options": list }), 5, list.len(), 0)
                }
                ScaleIn::Ticks { conditions } if v2 => {
                    points_cents = 0;
                    let n = 1 + usize::from(conditions % 3);
                    let list: Vec<Value> = (0..n)
                        .map(|c| json!({ "id": format!("c{c}"), "label": text("情形") }))
                        .collect();
                    (json!({ "kind": "ticks", "conditions": list }), 6, n, 0)
                }
                ScaleIn::Items { subs: list } if v2 => {
                    let mut items = Vec::new();
                    for (j, sub) in list.iter().take(3).enumerate() {
                        let sid = format!("{id}s{j}");
                        let cents = 100 * (1 + sub.points.cents % 5);
                        let (scale, kind, levels) = match sub.kind % 3 {
                            0 => (json!({ "kind": "check" }), 1, 0),
                            1 => (json!({ "kind": "points", "step": 1 }), 2, 0),
                            _ => {
                                let events: Vec<Value> = sub
                                    .events
                                    .iter()
                                    .take(2)
                                    .enumerate()
                                    .map(|(k, e)| event_json(e, k))
                                    .collect();
                                let n = events.len();
                                (json!({ "kind": "events", "events": events }), 4, n)
                            }
                        };
                        let obj = json!({ "id": sid, "title": text("子项"), "points": cents / 100, "scale": scale });
                        items.push(obj.clone());
                        subs.push((obj, IndShape {
                            id: sid,
                            kind,
                            levels,
                            abstain: false,
                            points_cents: cents,
                            step_cents: 100,
                            allow_na: false,
                            sources: Vec::new(),
                        }));
                    }
                    (json!({ "kind": "items", "items": items }), 7, 0, 0)
                }
                ScaleIn::Events { .. } | ScaleIn::Vote { .. } | ScaleIn::Ticks { .. } | ScaleIn::Items { .. } => {
                    (json!({ "kind": "check" }), 1, 0, 0)
                }
                ScaleIn::Levels { first, drops, count } => {
                    let mut percent = 100 - i32::from(first % 41);
                    let mut out = Vec::new();
                    for (l, drop) in drops.iter().take(2 + usize::from(count % 4)).enumerate() {
                        if l > 0 {
                            percent -= 1 + i32::from(drop % 40);
                        }
                        if percent < 0 {
                            break;
                        }
                        out.push(json!({
                            "id": LEVEL_IDS[l], "label": text(LEVEL_IDS[l]), "percent": percent
                        }));
                    }
                    let n = out.len();
                    (json!({ "kind": "levels", "levels": out }), 0, n, 0)
                }
                ScaleIn::Check => (json!({ "kind": "check" }), 1, 0, 0),
                ScaleIn::Points { step, k } => {
                    let mut s = step.cents_below(1_000);
                    if s == 0 {
                        s = 100;
                    }
                    points_cents = s * u32::from(k % 21);
                    let step_json = step.json_cents(s, false);
                    (json!({ "kind": "points", "step": step_json }), 2, 0, s)
                }
                ScaleIn::Deduction { per } => {
                    (json!({ "kind": "deduction", "per": per.json(1_000, false) }), 3, 0, 0)
                }
            };
            let mut ind_sources: Vec<usize> = (0..n_sources).collect();
            let mut obj = json!({
                "id": id,
                "title": text(&id),
                "points": ind.points.json_cents(points_cents, false),
                "scale": scale,
            });
            if let (Some(mask), true) = (ind.sources, n_sources > 0) {
                let mut list: Vec<usize> = (0..n_sources).filter(|s| mask & (1 << s) != 0).collect();
                if list.is_empty() {
                    list.push(usize::from(mask) % n_sources);
                }
                obj["sources"] = json!(list.iter().map(|&s| sources[s]).collect::<Vec<_>>());
                ind_sources = list;
            }
            let allow_na = ind.allow_na && kind != 7;
            if allow_na {
                obj["allow_na"] = json!(true);
            }
            for (key, value) in extra {
                obj[key.as_str()] = value;
            }
            inds.push(obj);
            if kind == 7 {
                // The item takes no rating: its sub-items do, by their parent's sources.
                for (_, mut sub) in subs {
                    sub.sources = ind_sources.clone();
                    shape.indicators.push(sub);
                }
            } else {
                shape.indicators.push(IndShape {
                    id,
                    kind,
                    levels,
                    abstain,
                    points_cents,
                    step_cents,
                    allow_na,
                    sources: ind_sources,
                });
            }
        }
        let mut dim_obj = json!({ "id": format!("d{d}"), "title": text("维度"), "indicators": inds });
        if let Some((n, m)) = f.v2.as_ref().and_then(|x| x.weights.get(d)) {
            dim_obj["weight"] = if n % 2 == 0 { json!(1 + m % 100) } else { json!(format!("1/{}", 2 + m % 5)) };
        }
        dims.push(dim_obj);
    }
    shape.dims = dims.len();

    // Grades best first, strictly non-increasing min_total, the last at 0 with no floor.
    let n_grades = f.grades.len().clamp(1, 4);
    let mut grades = Vec::new();
    let mut min_total: i64 = f.grades.first().map_or(0, |g| i64::from(g.drop.cents_below(12_000)));
    for (g, grade) in f.grades.iter().chain(std::iter::repeat(&GradeIn {
        drop: Dec { cents: 0, places: 0, form: 4 },
        ratio: None,
    }))
    .take(n_grades)
    .enumerate()
    {
        if g > 0 {
            min_total = (min_total - i64::from(grade.drop.cents_below(5_000))).max(0);
        }
        let last = g + 1 == n_grades;
        let cents = if last { 0 } else { min_total as u32 };
        let mut obj = json!({
            "id": format!("g{g}"),
            "label": text("等次"),
            "min_total": grade.drop.json_cents(cents, false),
        });
        if let (Some(r), false) = (grade.ratio, last) {
            obj["min_dimension_ratio"] = json!(r % 101);
        }
        grades.push(obj);
    }

    let srcs: Vec<Value> = f
        .sources
        .iter()
        .take(n_sources)
        .enumerate()
        .map(|(i, s)| {
            let mut w = s.weight.cents_below(1_000);
            if w == 0 {
                w = 100;
            }
            let mut obj = json!({
                "id": sources[i],
                "label": text(sources[i]),
                "weight": s.weight.json_cents(w, false),
                "aggregate": match s.aggregate {
                    AggIn::Mean => "mean",
                    AggIn::Median => "median",
                    AggIn::TrimmedMean => "trimmed_mean",
                },
            });
            if let Some(m) = s.min_raters {
                obj["min_raters"] = json!(1 + m % 5);
            }
            if let Some(m) = s.anonymous_min {
                obj["anonymous_min"] = json!(1 + m % 6);
            }
            obj
        })
        .collect();

    let mut fw = json!({
        "schema": "cxzy/framework@1",
        "id": "fuzz",
        "version": "1",
        "subject": "member",
        "title": text("模糊测试"),
        "dimensions": dims,
        "grades": grades,
        "sources": srcs,
    });
    for (key, adj, prefix) in [("bonus", &f.bonus, "b"), ("deductions", &f.deductions, "x")] {
        if let Some(adj) = adj {
            let items: Vec<Value> = adj
                .items
                .iter()
                .take(3)
                .enumerate()
                .map(|(i, p)| {
                    json!({ "id": format!("{prefix}{i}"), "title": text("项"), "points": p.json(1_000, false) })
                })
                .collect();
            if key == "bonus" {
                shape.bonus = items.len();
            } else {
                shape.deductions = items.len();
            }
            fw[key] = json!({ "cap": adj.cap.json(2_000, false), "items": items });
        }
    }
    let vetoes: Vec<Value> = f
        .vetoes
        .iter()
        .take(2)
        .enumerate()
        .map(|(i, g)| {
            json!({ "id": format!("v{i}"), "title": text("否决"), "caps_grade_at": format!("g{}", usize::from(*g) % n_grades) })
        })
        .collect();
    shape.vetoes = vetoes.len();
    if !vetoes.is_empty() {
        fw["vetoes"] = json!(vetoes);
    }
    if let Some(v2) = &f.v2 {
        version_2(&mut fw, &mut shape, v2, n_grades);
    }
    (fw, shape)
}

/// The framework-wide constructs of version 2 (spec §11.2–§11.5).
fn version_2(fw: &mut Value, shape: &mut Shape, v2: &V2In, n_grades: usize) {
    fw["schema"] = json!("cxzy/framework@2");
    let n_sources = shape.sources.len();
    if let (Some(r), true) = (v2.required, n_sources > 0) {
        fw["sources"][usize::from(r) % n_sources]["required"] = json!(true);
    }
    if let (Some((src, d)), true) = (v2.share_quorum, n_sources > 0) {
        let src = usize::from(src) % n_sources;
        fw["sources"][src]["min_raters"] = json!(format!("1/{}", 2 + d % 4));
        shape.share_sources.push(src);
    }
    if fw["bonus"].is_object() {
        if let Some(cap) = v2.item_cap {
            if fw["bonus"]["items"].as_array().is_some_and(|a| !a.is_empty()) {
                fw["bonus"]["items"][0]["cap"] = cap.json(2_000, false);
            }
        }
        if v2.uncapped {
            fw["bonus"].as_object_mut().map(|o| o.remove("cap"));
        }
    }
    if let Some((item, k)) = v2.scope {
        if fw["deductions"]["items"].as_array().is_some_and(|a| !a.is_empty()) {
            let scope = if item && !shape.indicators.is_empty() {
                json!({ "indicator": shape.indicators[usize::from(k) % shape.indicators.len()].id })
            } else {
                json!({ "dimension": format!("d{}", usize::from(k) % shape.dims.max(1)) })
            };
            fw["deductions"]["items"][0]["scope"] = scope;
        }
    }
    for &(g, kind, x) in v2.requires.iter().take(4) {
        if n_grades < 2 {
            break;
        }
        let g = usize::from(g) % (n_grades - 1);
        let d = format!("d{}", usize::from(x) % shape.dims.max(1));
        let req = match kind % 3 {
            0 => json!({ "kind": "part_points", "dimension": d, "min": x % 20 }),
            1 => json!({ "kind": "part_share", "dimension": d, "share": share(x, kind) }),
            _ if shape.bonus > 0 => json!({ "kind": "present", "item": "b0" }),
            _ => json!({ "kind": "present", "item": "i0" }),
        };
        match fw["grades"][g]["requires"].as_array_mut() {
            Some(list) => list.push(req),
            None => fw["grades"][g]["requires"] = json!([req]),
        }
    }
    let tallies: Vec<&IndShape> = shape.indicators.iter().filter(|i| i.kind == 5 || i.kind == 6).collect();
    if tallies.is_empty() {
        return;
    }
    let compares = ["at_least", "above", "at_most", "below"];
    let rules: Vec<Value> = v2
        .rules
        .iter()
        .take(3)
        .enumerate()
        .map(|(k, r)| {
            let ind = tallies[usize::from(r.indicator) % tallies.len()];
            let then = match r.then % 3 {
                0 => json!({ "kind": "cap_grade", "grade": format!("g{}", usize::from(r.then) % n_grades) }),
                1 => json!({ "kind": "deduct", "points": 1 + r.then % 5 }),
                _ => json!({ "kind": "incomplete" }),
            };
            let mut rule = json!({
                "id": format!("r{k}"), "title": text("规则"), "indicator": ind.id,
                "compare": compares[usize::from(r.compare) % 4], "share": share(r.share.0, r.share.1),
                "then": then,
            });
            let option = |o: u8| {
                let n = usize::from(o) % ind.levels.max(1);
                match ind.kind {
                    5 if ind.abstain && n + 1 == ind.levels => "pass".to_owned(),
                    5 => format!("o{n}"),
                    _ => format!("c{n}"),
                }
            };
            match (ind.kind, r.option) {
                (5, o) => rule["option"] = json!(option(o.unwrap_or(0))),
                (_, Some(o)) => rule["option"] = json!(option(o)),
                _ => {}
            }
            rule
        })
        .collect();
    fw["rules"] = json!(rules);
}

fn date(offset: u16) -> String {
    // 2020-01-01 + offset days (up to ~180 years).
    let base = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default();
    (base + chrono::Duration::days(i64::from(offset))).format("%Y-%m-%d").to_string()
}

fn rating(shape: &IndShape, r: &RatingIn, chaos: bool) -> Value {
    let kind = if chaos { r.kind % 8 } else { 7 };
    match kind {
        0 => json!("na"),
        // The wrong kind for the scale.
        1 => match shape.kind {
            0 => json!(r.a & 1 == 0),
            1 => r.d.json(2_000, true),
            4 => json!(["e0"]),
            5 | 6 => json!({ "o0": 1 }),
            _ => json!(LEVEL_IDS[r.a as usize % LEVEL_IDS.len()]),
        },
        // Beyond the scale: a level the indicator lacks, points over the max, a huge count.
        2 => match shape.kind {
            0 => json!(if r.a & 1 == 0 { "l-unknown".to_owned() } else { LEVEL_IDS[5].to_owned() }),
            1 => json!(null),
            2 => Dec::json_cents(r.d, shape.points_cents + 1 + r.a % 100_000, true),
            4 if r.a & 1 == 0 => json!({ "e-unknown": 1 }),
            4 => json!({ "e0": u64::from(r.a) * 97 }),
            5 => json!("o-unknown"),
            6 if r.a & 1 == 0 => json!(["c0", "c0"]),
            6 => json!(["c-unknown"]),
            _ => number(&format!("{}", 10_000 + u64::from(r.a) * 7)),
        },
        3 => r.d.json(10_000_000, true),
        _ if shape.allow_na && r.kind % 16 == 15 => json!("na"),
        _ => match shape.kind {
            0 => json!(LEVEL_IDS[r.a as usize % shape.levels.max(1)]),
            1 => json!(r.a & 1 == 1),
            2 => {
                let steps = shape.points_cents / shape.step_cents.max(1);
                r.d.json_cents(shape.step_cents * (r.a % (steps + 1)), false)
            }
            4 => {
                let mut counts = Map::new();
                for k in 0..shape.levels.min(4) {
                    if (r.a >> k) & 1 == 1 {
                        counts.insert(format!("e{k}"), json!((r.a >> (8 + 3 * k)) % 6));
                    }
                }
                Value::Object(counts)
            }
            5 if shape.abstain && r.a as usize % shape.levels.max(1) + 1 == shape.levels => json!("pass"),
            5 => json!(format!("o{}", r.a as usize % shape.levels.max(1))),
            6 => json!((0..shape.levels)
                .filter(|k| (r.a >> k) & 1 == 1)
                .map(|k| format!("c{k}"))
                .collect::<Vec<_>>()),
            _ => number(&format!("{}", r.a % 8)),
        },
    }
}

fn build_assessment(a: &AssessIn, shape: &Shape) -> Value {
    let chaos = a.chaos % 4 == 3;
    let mut sheets = Vec::new();
    for s in a.sheets.iter().take(12) {
        let (src, src_id) = if shape.sources.is_empty() || (chaos && s.source >= 240) {
            (usize::MAX, "nobody")
        } else {
            let i = usize::from(s.source) % shape.sources.len();
            (i, shape.sources[i])
        };
        let mut ratings = Map::new();
        for r in s.ratings.iter().take(12) {
            if shape.indicators.is_empty() || (chaos && r.indicator >= 240) {
                ratings.insert("unknown-indicator".into(), json!(true));
                continue;
            }
            let ind = &shape.indicators[usize::from(r.indicator) % shape.indicators.len()];
            // A source that does not rate this indicator: only in chaos mode.
            if !chaos && !ind.sources.contains(&src) {
                continue;
            }
            ratings.insert(ind.id.clone(), rating(ind, r, chaos));
        }
        let mut sheet = json!({ "source": src_id, "ratings": ratings });
        if let Some(r) = s.rater {
            sheet["rater"] = json!(format!("rater {}", r % 8));
        }
        sheets.push(sheet);
    }
    let start = a.start % 20_000;
    let mut doc = json!({
        "schema": if shape.v2 { "cxzy/assessment@2" } else { "cxzy/assessment@1" },
        "framework": { "id": "fuzz", "version": "1" },
        "period": { "start": date(start), "end": date(start + a.len % 400) },
        "sheets": sheets,
    });
    if let Some(d) = a.as_of {
        doc["as_of"] = json!(date(d % 30_000));
    }
    // Adjustment claims: distinct known ids, or anything in chaos mode.
    let pick = |sel: &[u8], n: usize, prefix: &str| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for &s in sel.iter().take(4) {
            let id = if n == 0 || (chaos && s >= 200) {
                format!("{prefix}-unknown")
            } else {
                format!("{prefix}{}", usize::from(s) % n)
            };
            if chaos || !out.contains(&id) {
                out.push(id);
            }
        }
        out
    };
    let bonus = pick(&a.bonus, shape.bonus, "b");
    if !bonus.is_empty() && (chaos || shape.bonus > 0) {
        doc["bonus"] = json!(bonus);
    }
    let ded_sel: Vec<u8> = a.deductions.iter().map(|(s, _)| *s).collect();
    let ded_ids = pick(&ded_sel, shape.deductions, "x");
    if !ded_ids.is_empty() && (chaos || shape.deductions > 0) {
        let claims: Vec<Value> = ded_ids
            .iter()
            .zip(&a.deductions)
            .map(|(id, (_, c))| {
                let count = match c {
                    CountIn::Small(n) => u64::from(1 + n % 5),
                    CountIn::Huge(n) => u64::from((*n).max(1)),
                };
                json!({ "item": id, "count": count })
            })
            .collect();
        doc["deductions"] = json!(claims);
    }
    if shape.v2 {
        // Version 2 claims both lists by count in one place, and gives rater numbers.
        let mut claims: Vec<Value> = Vec::new();
        for key in ["bonus", "deductions"] {
            if let Some(list) = doc.as_object_mut().and_then(|o| o.remove(key)) {
                for c in list.as_array().into_iter().flatten() {
                    claims.push(match c {
                        Value::String(id) => json!({ "item": id, "count": 1 }),
                        other => other.clone(),
                    });
                }
            }
        }
        if !claims.is_empty() {
            doc["adjustments"] = json!(claims);
        }
        let mut raters = Map::new();
        for &(src, eligible, issued) in a.raters.iter().take(4) {
            if shape.sources.is_empty() {
                break;
            }
            let mut r = Map::new();
            if let Some(e) = eligible {
                r.insert("eligible".into(), json!(1 + e % 20));
            }
            if let Some(i) = issued {
                r.insert("issued".into(), json!(1 + i % 20));
            }
            raters.insert(shape.sources[usize::from(src) % shape.sources.len()].into(), Value::Object(r));
        }
        if !chaos {
            for &s in &shape.share_sources {
                let entry = raters.entry(shape.sources[s]).or_insert_with(|| json!({}));
                if entry.get("eligible").is_none() {
                    entry["eligible"] = json!(1 + a.start % 12);
                }
            }
        }
        if !raters.is_empty() {
            doc["raters"] = Value::Object(raters);
        }
    }
    let vetoes = pick(&a.vetoes, shape.vetoes, "v");
    if !vetoes.is_empty() && (chaos || shape.vetoes > 0) {
        doc["vetoes"] = json!(vetoes);
    }
    let mut seen = Vec::new();
    let commitments: Vec<Value> = a
        .commitments
        .iter()
        .take(4)
        .filter(|c| chaos || !seen.contains(&c.id) && {
            seen.push(c.id);
            true
        })
        .map(|c| {
            let status = ["planned", "in_progress", "done", "dropped"][usize::from(c.status % 4)];
            let mut obj = json!({
                "id": format!("c{}", c.id),
                "text": "承诺",
                "due": date(start + c.due % 800),
                "status": status,
            });
            if let Some(d) = c.dimension {
                if shape.dims > 0 && (!chaos || d < 200) {
                    obj["dimension"] = json!(format!("d{}", usize::from(d) % shape.dims));
                } else {
                    obj["dimension"] = json!("d-unknown");
                }
            }
            if let Some(d) = c.done_on {
                obj["done_on"] = json!(date(start + d % 800));
            }
            obj
        })
        .collect();
    if !commitments.is_empty() {
        doc["commitments"] = json!(commitments);
    }
    doc
}

fuzz_target!(|input: Input| {
    let (fw_json, shape) = build_framework(&input.fw);
    let scorer = match Prepared::from_value(&fw_json) {
        Ok(s) => s,
        Err(_) => return,
    };
    let fw = scorer.framework();
    if let Err(e) = serde_json::to_string(fw) {
        panic!("INVARIANT: a framework does not serialise: {e}");
    }
    let options = ScoreOptions {
        today: input.today.map(|d| {
            chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default()
                + chrono::Duration::days(i64::from(d % 30_000))
        }),
    };

    let mut summaries = Vec::new();
    for a in input.assessments.iter().take(4) {
        let doc = build_assessment(a, &shape);
        let Ok(assessment) = assessment_from_value(&doc) else {
            continue;
        };
        let check = scorer.check(&assessment);
        match scorer.score(&assessment, &options) {
            Ok(result) => {
                assert!(check.is_empty(), "INVARIANT: check found errors but score succeeded: {check:?}");
                summaries.push(common::check_result(&result));
            }
            Err(errors) => {
                assert!(!errors.is_empty(), "INVARIANT: score failed with no errors");
                assert!(!check.is_empty(), "INVARIANT: score failed but check found nothing");
            }
        }
    }

    let quota = match &input.quota {
        QuotaIn::None => None,
        QuotaIn::Percent(d) => Exact::parse_decimal(&Dec::text(d.cents_below(10_000), d.places)),
        QuotaIn::Share(n, d) => parse_quota(&format!("{n}/{d}")),
        QuotaIn::Raw(n, places) => {
            Exact::parse_decimal(&format!("{n}.{}", "7".repeat(usize::from(places % 4)))
                .trim_end_matches('.'))
        }
    };
    if !summaries.is_empty() {
        // Ties: the first summary twice as well.
        let mut all = summaries.clone();
        all.push(summaries[0].clone());
        if let Ok(view) = branch(&scorer, &all, quota.as_ref()) {
            if let Err(e) = serde_json::to_string(&view) {
                panic!("INVARIANT: a branch view does not serialise: {e}");
            }
        }
        for pair in summaries.windows(2) {
            match trend(fw, &pair[0], &pair[1]) {
                Ok(t) => {
                    if let Err(e) = serde_json::to_string(&t) {
                        panic!("INVARIANT: a trend does not serialise: {e}");
                    }
                }
                Err(e) => panic!("INVARIANT: trend refused two results of the same framework: {e:?}"),
            }
        }
    }
});
