//! Property tests of the scoring invariants (spec §3, §5) over generated frameworks and assessments.
#![cfg(not(target_arch = "wasm32"))]

use cxzy_core::*;
use proptest::prelude::*;
use serde_json::{json, Value};

/// Draws choices from proptest's bytes; shrinking the bytes toward zero simplifies the documents.
struct Gen<'a>(std::slice::Iter<'a, u8>);

impl Gen<'_> {
    fn pick(&mut self, n: usize) -> usize {
        self.0.next().map_or(0, |b| *b as usize % n.max(1))
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.pick(100) < percent
    }
}

fn text(s: &str) -> Value {
    json!({ "zh-Hans": s })
}

/// A valid framework: 1–3 dimensions of 1–4 indicators over every scale kind, 1–4 sources.
fn framework(g: &mut Gen) -> Value {
    let aggregates = ["mean", "median", "trimmed_mean"];
    let source_count = 1 + g.pick(4);
    let sources: Vec<Value> = (0..source_count)
        .map(|s| {
            json!({
                "id": if s == 0 { "self".to_owned() } else { format!("s{s}") },
                "label": text("主体"),
                "weight": format!("{}.{:02}", 1 + g.pick(50), g.pick(100)),
                "aggregate": (aggregates[g.pick(3)]),
                "min_raters": 1 + g.pick(3),
            })
        })
        .collect();
    let mut n = 0;
    let dimensions: Vec<Value> = (0..1 + g.pick(3))
        .map(|d| {
            let indicators: Vec<Value> = (0..1 + g.pick(4))
                .map(|_| {
                    n += 1;
                    let step_cents = [25, 50, 100, 250][g.pick(4)];
                    let points_cents = step_cents * (1 + g.pick(40));
                    let points = format!("{}.{:02}", points_cents / 100, points_cents % 100);
                    let scale = match g.pick(4) {
                        0 => {
                            let mut percent: usize = 100;
                            let levels: Vec<Value> = (0..2 + g.pick(3))
                                .map(|l| {
                                    let level = json!({"id": format!("l{l}"), "label": text("等次"), "percent": percent});
                                    percent = percent.saturating_sub(1 + g.pick(40));
                                    level
                                })
                                .collect();
                            // Percents must strictly decrease: clamp a repeated 0 away by trimming.
                            let mut seen_zero = false;
                            let levels: Vec<Value> = levels
                                .into_iter()
                                .filter(|l| {
                                    let zero = l["percent"] == 0;
                                    let keep = !(zero && seen_zero);
                                    seen_zero |= zero;
                                    keep
                                })
                                .collect();
                            if levels.len() < 2 {
                                json!({"kind": "check"})
                            } else {
                                json!({"kind": "levels", "levels": levels})
                            }
                        }
                        1 => json!({"kind": "check"}),
                        2 => json!({"kind": "points", "step": format!("{}.{:02}", step_cents / 100, step_cents % 100)}),
                        _ => {
                            let per = ["0.5", "1", "2"][g.pick(3)];
                            json!({"kind": "deduction", "per": per})
                        }
                    };
                    let mut ind = json!({"id": format!("i{n}"), "title": text("指标"), "points": points, "scale": scale});
                    if g.chance(20) {
                        ind["allow_na"] = json!(true);
                    }
                    if source_count > 1 && g.chance(25) {
                        ind["sources"] = json!([format!("s{}", 1 + g.pick(source_count - 1))]);
                    }
                    ind
                })
                .collect();
            json!({"id": format!("d{d}"), "title": text("维度"), "indicators": indicators})
        })
        .collect();
    json!({
        "schema": "cxzy/framework@1", "id": "prop", "version": "1", "subject": "member", "title": text("性质测试"),
        "dimensions": dimensions,
        "bonus": {"cap": 1 + g.pick(5), "items": [{"id": "b1", "title": text("表彰"), "points": 2}, {"id": "b2", "title": text("推广"), "points": "1.5"}]},
        "deductions": {"cap": 1 + g.pick(8), "items": [{"id": "x1", "title": text("批评"), "points": 2}]},
        "vetoes": [{"id": "v1", "title": text("处分"), "caps_grade_at": "unqualified"}],
        "grades": [
            {"id": "excellent", "label": text("优秀"), "min_total": 90, "min_dimension_ratio": 80},
            {"id": "qualified", "label": text("合格"), "min_total": 70},
            {"id": "basic", "label": text("基本合格"), "min_total": 60},
            {"id": "unqualified", "label": text("不合格"), "min_total": 0}
        ],
        "sources": sources,
    })
}

/// A valid rating for indicator `ind` (or "na" where allowed).
fn rating(g: &mut Gen, ind: &Value) -> Value {
    if ind["allow_na"] == true && g.chance(15) {
        return json!("na");
    }
    let scale = &ind["scale"];
    match scale["kind"].as_str() {
        Some("levels") => {
            let levels = scale["levels"].as_array().map_or(0, Vec::len);
            json!(format!("l{}", g.pick(levels)))
        }
        Some("check") => json!(g.chance(60)),
        Some("points") => {
            let step =
                Exact::parse_decimal(scale["step"].as_str().unwrap_or("1")).unwrap_or_default();
            let points =
                Exact::parse_decimal(ind["points"].as_str().unwrap_or("1")).unwrap_or_default();
            let steps = points.div(&step).and_then(|s| s.floor_i64()).unwrap_or(0);
            let k = g.pick(steps as usize + 1) as i64;
            json!(step.mul_int(k).to_fixed2())
        }
        _ => json!(g.pick(6)),
    }
}

fn assessment(g: &mut Gen, fw: &Value) -> Value {
    let sources: Vec<&str> = fw["sources"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_str())
        .collect();
    let indicators: Vec<&Value> = fw["dimensions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["indicators"].as_array().into_iter().flatten())
        .collect();
    let sheets: Vec<Value> = (0..g.pick(9))
        .map(|k| {
            let source = sources[g.pick(sources.len())];
            let mut ratings = serde_json::Map::new();
            for ind in &indicators {
                let allowed = ind["sources"]
                    .as_array()
                    .is_none_or(|list| list.iter().any(|s| s == source));
                if allowed && g.chance(80) {
                    ratings.insert(
                        ind["id"].as_str().unwrap_or_default().to_owned(),
                        rating(g, ind),
                    );
                }
            }
            json!({"source": source, "rater": format!("r{k}"), "ratings": ratings})
        })
        .collect();
    let mut a = json!({
        "schema": "cxzy/assessment@1", "framework": {"id": "prop", "version": "1"},
        "period": {"start": "2026-01-01", "end": "2026-06-30"}, "sheets": sheets,
    });
    if g.chance(30) {
        let claimed = &["b1", "b2"][..1 + g.pick(2)];
        a["bonus"] = json!(claimed);
    }
    if g.chance(30) {
        a["deductions"] = json!([{"item": "x1", "count": 1 + g.pick(4)}]);
    }
    if g.chance(10) {
        a["vetoes"] = json!(["v1"]);
    }
    a
}

struct Case {
    fw: Prepared,
    a: Value,
}

fn case(bytes: &[u8]) -> Case {
    let mut g = Gen(bytes.iter());
    let fw_value = framework(&mut g);
    let fw = match Prepared::from_value(&fw_value) {
        Ok(fw) => fw,
        Err(e) => panic!("generated framework is invalid: {e:?}\n{fw_value:#}"),
    };
    let a = assessment(&mut g, &fw_value);
    Case { fw, a }
}

fn score_value(fw: &Prepared, a: &Value) -> ScoreResult {
    let assessment = match assessment_from_value(a) {
        Ok(x) => x,
        Err(e) => panic!("generated assessment is invalid: {e:?}\n{a:#}"),
    };
    match fw.score(&assessment, &ScoreOptions::default()) {
        Ok(r) => r,
        Err(e) => panic!("generated assessment does not score: {e:?}\n{a:#}"),
    }
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..400)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn total_stays_within_zero_and_max_plus_bonus_cap(bytes in bytes()) {
        let c = case(&bytes);
        let r = score_value(&c.fw, &c.a);
        let cap = c.fw.framework().bonus.as_ref().map_or(Exact::ZERO, |b| b.cap.exact());
        prop_assert!(!r.total.is_negative(), "total {:?} < 0", r.total);
        prop_assert!(r.total <= r.max.add(&cap), "total {:?} > max {:?} + cap {:?}", r.total, r.max, cap);
    }

    #[test]
    fn score_plus_lost_is_the_points_of_every_rated_indicator(bytes in bytes()) {
        let c = case(&bytes);
        let r = score_value(&c.fw, &c.a);
        for i in r.indicators.iter().filter(|i| i.status == IndicatorStatus::Rated) {
            let (Some(combined), Some(lost)) = (&i.combined, &i.lost) else {
                return Err(TestCaseError::fail(format!("rated indicator {} lacks combined or lost", i.id)));
            };
            prop_assert_eq!(combined.add(lost), i.points.exact(), "indicator {}", i.id);
            prop_assert!(!lost.is_negative(), "indicator {} lost {:?}", i.id, lost);
        }
    }

    #[test]
    fn every_complete_result_has_exactly_one_grade(bytes in bytes()) {
        let c = case(&bytes);
        let r = score_value(&c.fw, &c.a);
        prop_assert_eq!(r.complete, r.grade.is_some());
        if let Some(g) = &r.grade {
            prop_assert_eq!(c.fw.framework().grades.iter().filter(|x| x.id == *g).count(), 1);
        }
    }

    #[test]
    fn rater_order_never_matters(bytes in bytes(), rotate in 0usize..9) {
        let c = case(&bytes);
        let before = score_value(&c.fw, &c.a);
        let mut shuffled = c.a.clone();
        if let Some(sheets) = shuffled["sheets"].as_array_mut() {
            sheets.reverse();
            let k = rotate % sheets.len().max(1);
            sheets.rotate_left(k);
        }
        let after = score_value(&c.fw, &shuffled);
        prop_assert_eq!(&before.total, &after.total);
        prop_assert_eq!(&before.grade, &after.grade);
        prop_assert_eq!(&before.dimensions, &after.dimensions);
        let combined = |r: &ScoreResult| r.indicators.iter().map(|i| i.combined.clone()).collect::<Vec<_>>();
        prop_assert_eq!(combined(&before), combined(&after));
        prop_assert_eq!(before.gaps.iter().map(|g| g.indicator.clone()).collect::<Vec<_>>(), after.gaps.iter().map(|g| g.indicator.clone()).collect::<Vec<_>>());
    }

    #[test]
    fn raising_any_rating_never_lowers_the_total(bytes in bytes(), which in any::<prop::sample::Index>()) {
        let c = case(&bytes);
        let before = score_value(&c.fw, &c.a);
        // Every (sheet, indicator) pair, with its better rating if there is one.
        let mut raised = Vec::new();
        for (s, sheet) in c.a["sheets"].as_array().into_iter().flatten().enumerate() {
            for (id, value) in sheet["ratings"].as_object().into_iter().flatten() {
                let Some((_, ind)) = c.fw.framework().indicators().find(|(_, i)| &*i.id == id) else { continue };
                let better = match (&ind.scale, value) {
                    (Scale::Levels { .. }, Value::String(l)) if l != "na" && l != "l0" => {
                        let k: usize = l.trim_start_matches('l').parse().unwrap_or(0);
                        Some(json!(format!("l{}", k - 1)))
                    }
                    (Scale::Check, Value::Bool(false)) => Some(json!(true)),
                    (Scale::Points { step }, Value::String(p)) if p != "na" => {
                        let up = Exact::parse_decimal(p).unwrap_or_default().add(&step.exact());
                        (up <= ind.points.exact()).then(|| json!(up.to_fixed2()))
                    }
                    (Scale::Deduction { .. }, Value::Number(n)) if n.as_u64().unwrap_or(0) > 0 => Some(json!(n.as_u64().unwrap_or(1) - 1)),
                    _ => None,
                };
                if let Some(better) = better {
                    raised.push((s, id.clone(), better));
                }
            }
        }
        prop_assume!(!raised.is_empty());
        let (s, id, better) = which.get(&raised).clone();
        let mut a = c.a.clone();
        a["sheets"][s]["ratings"][&id] = better;
        let after = score_value(&c.fw, &a);
        prop_assert!(after.total >= before.total, "raising {id} on sheet {s} lowered the total from {:?} to {:?}", before.total, after.total);
        prop_assert!(after.normalised_total >= before.normalised_total);
    }

    #[test]
    fn serialised_amounts_round_trip_through_the_result_reader(bytes in bytes()) {
        let c = case(&bytes);
        let r = score_value(&c.fw, &c.a);
        let text = serde_json::to_string(&r).unwrap_or_default();
        let back = match result_from_str(&text) {
            Ok(b) => b,
            Err(e) => return Err(TestCaseError::fail(format!("{e:?}"))),
        };
        prop_assert_eq!(back, r.summary());
    }
}
