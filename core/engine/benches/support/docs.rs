//! The benchmark's framework and assessments as JSON documents, shared by `benches/score.rs` and
//! `examples/bench_docs.rs` (which writes them for the JS API's throughput figure).

use serde_json::{json, Value};

const LEVELS: [&str; 4] = ["good", "fair", "average", "poor"];

/// 5 dimensions × 5 indicators of 4 points; 4 sources (self, peer, mass, org) as a member's.
pub fn framework_json() -> Value {
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
    json!({
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
    })
}

/// Member `seed`: 4 sources × 5 raters, each rating all 25 indicators.
pub fn assessment_json(seed: usize) -> Value {
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
    json!({
        "schema": "cxzy/assessment@1", "framework": {"id": "bench", "version": "1"},
        "subject": {"name": format!("党员{seed}")},
        "period": {"start": "2026-01-01", "end": "2026-06-30"}, "sheets": sheets, "bonus": ["commended"],
        "commitments": [{"id": "c1", "text": "承诺", "due": "2026-03-01", "status": "planned"}]
    })
}
