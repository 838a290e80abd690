//! Times the engine on documents made to outgrow `i128` (spec §4.5: an error or a result, never
//! a hang): 10,000 indicators of 64 sources with random weights, each indicator rated by its
//! own subset of sources, so that every combined score has its own denominator and their sum
//! has tens of thousands of digits; and the branch view of 40 results with 4,000-digit
//! fractions. Run: `cargo run --release -p cxzy-core --example pathological`.

use cxzy_core::*;
use serde_json::{json, Value};
use std::time::Instant;

fn main() {
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let t = |s: &str| json!({ "zh-Hans": s });
    let sources: Vec<Value> = (0..64)
        .map(|s| {
            let w = 1 + next() % 9_999;
            json!({"id": format!("s{s}"), "label": t("来源"), "weight": format!("{}.{:02}", w / 100, w % 100), "aggregate": "mean"})
        })
        .collect();
    let mut subsets = Vec::new();
    let dimensions: Vec<Value> = (0..100)
        .map(|d| {
            let indicators: Vec<Value> = (0..100)
                .map(|i| {
                    let subset: Vec<String> = (0..64)
                        .filter(|_| next() % 3 == 0)
                        .map(|s| format!("s{s}"))
                        .collect();
                    let subset = if subset.is_empty() {
                        vec!["s0".to_owned()]
                    } else {
                        subset
                    };
                    subsets.push((format!("d{d}-i{i}"), subset.clone()));
                    json!({"id": format!("d{d}-i{i}"), "title": t("指标"), "points": 10,
                           "scale": {"kind": "points", "step": "0.01"}, "sources": subset})
                })
                .collect();
            json!({"id": format!("d{d}"), "title": t("维度"), "indicators": indicators})
        })
        .collect();
    let framework = json!({
        "schema": "cxzy/framework@1", "id": "pathological", "version": "1", "subject": "member",
        "title": t("极端"), "dimensions": dimensions, "sources": sources,
        "grades": [{"id": "ok", "label": t("合格"), "min_total": 0}]
    });
    let sheets: Vec<Value> = (0..64)
        .map(|s| {
            let id = format!("s{s}");
            let ratings: serde_json::Map<String, Value> = subsets
                .iter()
                .filter(|(_, subset)| subset.contains(&id))
                .map(|(ind, _)| {
                    let v = next() % 1_001;
                    (ind.clone(), json!(format!("{}.{:02}", v / 100, v % 100)))
                })
                .collect();
            json!({"source": id, "rater": format!("r{s}"), "ratings": ratings})
        })
        .collect();
    let assessment = json!({
        "schema": "cxzy/assessment@1", "framework": {"id": "pathological", "version": "1"},
        "subject": {"name": "极端"}, "period": {"start": "2026-01-01", "end": "2026-06-30"},
        "sheets": sheets
    });

    let start = Instant::now();
    let prepared = Prepared::from_value(&framework).unwrap_or_else(|e| panic!("{e:?}"));
    let a = assessment_from_value(&assessment).unwrap_or_else(|e| panic!("{e:?}"));
    let read = start.elapsed();
    let start = Instant::now();
    let result = prepared
        .score(&a, &ScoreOptions::default())
        .unwrap_or_else(|e| panic!("{e:?}"));
    let scored = start.elapsed();
    let digits = serde_json::to_value(&result)
        .ok()
        .and_then(|v| v.get("total_exact").and_then(Value::as_str).map(str::len))
        .unwrap_or(0);
    println!(
        "10,000 indicators × 64 weighted sources: read {:.2} s, scored {:.2} s (the exact total: {digits} characters)",
        read.as_secs_f64(),
        scored.as_secs_f64()
    );

    // The branch view of 40 results whose values are 4,000-digit fractions.
    let small = json!({"zh-Hans": "x"});
    let branch_fw = json!({
        "schema": "cxzy/framework@1", "id": "b", "version": "1", "subject": "member", "title": small,
        "dimensions": [{"id": "d", "title": small, "indicators": [{"id": "i", "title": small, "points": 10, "scale": {"kind": "points", "step": "0.01"}}]}],
        "sources": [{"id": "self", "label": small, "weight": 1, "aggregate": "mean"}],
        "grades": [{"id": "ok", "label": small, "min_total": 0}]
    });
    let prepared = Prepared::from_value(&branch_fw).unwrap_or_else(|e| panic!("{e:?}"));
    let digits = |next: &mut dyn FnMut() -> u64, n: usize| -> String {
        let mut s = String::from("1");
        while s.len() < n {
            s.push_str(&format!("{:018}", next() % 1_000_000_000_000_000_000));
        }
        s.truncate(n);
        s
    };
    let mut results = Vec::new();
    for k in 0..40 {
        let a = json!({
            "schema": "cxzy/assessment@1", "framework": {"id": "b", "version": "1"},
            "subject": {"name": format!("m{k}")}, "period": {"start": "2026-01-01", "end": "2026-06-30"},
            "sheets": [{"source": "self", "ratings": {"i": "5"}}]
        });
        let a = assessment_from_value(&a).unwrap_or_else(|e| panic!("{e:?}"));
        let mut v = serde_json::to_value(
            prepared
                .score(&a, &ScoreOptions::default())
                .unwrap_or_else(|e| panic!("{e:?}")),
        )
        .unwrap_or_default();
        // A value just under 5 with a 4,000-digit denominator, everywhere the branch view reads.
        let (n, d) = (digits(&mut next, 3_999), digits(&mut next, 4_000));
        let fraction = format!("{n}/{d}");
        for key in ["total", "normalised_total"] {
            v[key] = json!("0.00");
            v[format!("{key}_exact")] = json!(fraction.clone());
        }
        v["indicators"][0]["combined"] = json!("0.00");
        v["indicators"][0]["combined_exact"] = json!(fraction.clone());
        v["dimensions"][0]["score"] = json!("0.00");
        v["dimensions"][0]["score_exact"] = json!(fraction.clone());
        results.push(result_from_value(&v).unwrap_or_else(|e| panic!("{e:?}")));
    }
    let start = Instant::now();
    let view = branch(&prepared, &results, None);
    println!(
        "branch view of 40 results with 4,000-digit fractions: {:.2} s ({})",
        start.elapsed().as_secs_f64(),
        if view.is_ok() { "a view" } else { "refused" }
    );
}
