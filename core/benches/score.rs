//! Throughput of the engine (issue target: > 200,000 assessments/s on one core; a 10,000-member
//! branch view in < 50 ms). Run: `cargo bench -p cxzy-core`. Each criterion line prints
//! `thrpt: … elem/s` where an element is one assessment (or one branch view).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use cxzy_core::*;
use serde_json::{json, Value};

const LEVELS: [&str; 4] = ["good", "fair", "average", "poor"];

/// 5 dimensions × 5 indicators of 4 points; 4 sources (self, peer, mass, org) as a member's.
fn framework() -> Framework {
    let t = |s: &str| json!({ "zh-Hans": s });
    let levels: Vec<Value> = LEVELS
        .iter()
        .zip([100, 80, 60, 30])
        .map(|(id, p)| json!({"id": id, "label": t(id), "percent": p, "descriptor": t("描述")}))
        .collect();
    let dimensions: Vec<Value> = (0..5)
        .map(|d| {
            let indicators: Vec<Value> = (0..5)
                .map(|i| json!({"id": format!("d{d}-i{i}"), "title": t("指标"), "points": 4, "scale": {"kind": "levels", "levels": levels}}))
                .collect();
            json!({"id": format!("d{d}"), "title": t("维度"), "indicators": indicators})
        })
        .collect();
    let fw = json!({
        "schema": "cxzy/framework@1", "id": "bench", "version": "1", "subject": "member", "title": t("基准"),
        "dimensions": dimensions,
        "bonus": {"cap": 5, "items": [{"id": "commended", "title": t("表彰"), "points": 2}]},
        "vetoes": [{"id": "discipline", "title": t("处分"), "caps_grade_at": "unqualified"}],
        "grades": [
            {"id": "excellent", "label": t("优秀"), "min_total": 90, "min_dimension_ratio": 80},
            {"id": "qualified", "label": t("合格"), "min_total": 70},
            {"id": "basic", "label": t("基本合格"), "min_total": 60},
            {"id": "unqualified", "label": t("不合格"), "min_total": 0}
        ],
        "sources": [
            {"id": "self", "label": t("自评"), "weight": 20, "aggregate": "mean"},
            {"id": "peer", "label": t("互评"), "weight": 30, "aggregate": "trimmed_mean", "min_raters": 3},
            {"id": "mass", "label": t("群众评议"), "weight": 30, "aggregate": "trimmed_mean", "min_raters": 5, "anonymous_min": 5},
            {"id": "org", "label": t("组织评价"), "weight": 20, "aggregate": "median"}
        ]
    });
    framework_from_value(&fw).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Member `seed`: 4 sources × 5 raters, each rating all 25 indicators.
fn assessment(seed: usize) -> Assessment {
    let sheets: Vec<Value> = ["self", "peer", "mass", "org"]
        .iter()
        .flat_map(|source| (0..5).map(move |r| (source, r)))
        .map(|(source, r)| {
            let ratings: serde_json::Map<String, Value> = (0..25)
                .map(|k| {
                    (
                        format!("d{}-i{}", k / 5, k % 5),
                        json!(LEVELS[(seed + k * 7 + r * 3) % 11 / 3]),
                    )
                })
                .collect();
            let rater = if *source == "mass" {
                Value::Null
            } else {
                json!(format!("{source}{r}"))
            };
            let mut sheet = json!({"source": source, "ratings": ratings});
            if !rater.is_null() {
                sheet["rater"] = rater;
            }
            sheet
        })
        .collect();
    let a = json!({
        "schema": "cxzy/assessment@1", "framework": {"id": "bench", "version": "1"},
        "subject": {"name": format!("党员{seed}")},
        "period": {"start": "2026-01-01", "end": "2026-06-30"}, "sheets": sheets, "bonus": ["commended"],
        "commitments": [{"id": "c1", "text": "承诺", "due": "2026-03-01", "status": "planned"}]
    });
    assessment_from_value(&a).unwrap_or_else(|e| panic!("{e:?}"))
}

fn bench(c: &mut Criterion) {
    let fw = framework();
    let scorer = Scorer::new(&fw).unwrap_or_else(|e| panic!("{e:?}"));
    let options = ScoreOptions::default();
    let members: Vec<Assessment> = (0..64).map(assessment).collect();
    let one = &members[0];

    let mut group = c.benchmark_group("assessments");
    group.throughput(Throughput::Elements(1));
    group.bench_function("score (validated, exact, explained)", |b| {
        b.iter(|| scorer.score(black_box(one), &options))
    });
    group.bench_function("score + result JSON", |b| {
        b.iter(|| serde_json::to_string(&scorer.score(black_box(one), &options).ok()))
    });
    let text = serde_json::to_string(one).unwrap_or_default();
    group.bench_function(
        "parse + score + result JSON (the CLI's work per line)",
        |b| {
            b.iter(|| {
                let a = assessment_from_str(black_box(&text)).ok()?;
                serde_json::to_string(&scorer.score(&a, &options).ok()?).ok()
            })
        },
    );
    group.finish();

    let summaries: Vec<ResultSummary> = (0..10_000)
        .map(|i| {
            scorer
                .score(&members[i % members.len()], &options)
                .map(|r| r.summary())
                .unwrap_or_else(|e| panic!("{e:?}"))
        })
        .collect();
    let quota = Exact::int(20);
    let mut group = c.benchmark_group("branch");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    group.bench_function("branch view of 10,000 results", |b| {
        b.iter(|| branch(&scorer, black_box(&summaries), Some(&quota)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
