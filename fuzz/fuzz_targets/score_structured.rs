//! Structured input → a small framework and assessments as JSON values → framework_from_value,
//! Scorer::new, score, serialise (and read back), then the summaries → branch (random quota) and
//! trend. Built so that most inputs are valid and reach the scoring arithmetic; a `chaos` mode
//! mixes in the errors an assessment can carry (na where not allowed, bad level ids, points beyond
//! the max, wrong rating kinds, unknown sources / indicators / items, huge counts).
#![no_main]

#[path = "common.rs"]
mod common;

use arbitrary::Arbitrary;
use cxzy_core::{
    assessment_from_value, branch, trend, Exact, Prepared, ScoreOptions,
};
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
}

#[derive(Arbitrary, Debug)]
enum QuotaIn {
    None,
    Percent(Dec),
    Raw(i32, u8),
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
}

struct IndShape {
    id: String,
    kind: u8, // 0 levels, 1 check, 2 points, 3 deduction
    levels: usize,
    points_cents: u32,
    step_cents: u32,
    allow_na: bool,
    sources: Vec<usize>,
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
    };
    let mut dims = Vec::new();
    for (d, dim) in f.dims.iter().take(4).enumerate() {
        let mut inds = Vec::new();
        for ind in dim.indicators.iter().take(5) {
            let k = shape.indicators.len();
            let id = format!("i{k}");
            let mut points_cents = ind.points.cents_below(2_000);
            let (scale, kind, levels, step_cents) = match &ind.scale {
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
            if ind.allow_na {
                obj["allow_na"] = json!(true);
            }
            inds.push(obj);
            shape.indicators.push(IndShape {
                id,
                kind,
                levels,
                points_cents,
                step_cents,
                allow_na: ind.allow_na,
                sources: ind_sources,
            });
        }
        dims.push(json!({ "id": format!("d{d}"), "title": text("维度"), "indicators": inds }));
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
    (fw, shape)
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
            _ => json!(LEVEL_IDS[r.a as usize % LEVEL_IDS.len()]),
        },
        // Beyond the scale: a level the indicator lacks, points over the max, a huge count.
        2 => match shape.kind {
            0 => json!(if r.a & 1 == 0 { "l-unknown".to_owned() } else { LEVEL_IDS[5].to_owned() }),
            1 => json!(null),
            2 => Dec::json_cents(r.d, shape.points_cents + 1 + r.a % 100_000, true),
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
        "schema": "cxzy/assessment@1",
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
