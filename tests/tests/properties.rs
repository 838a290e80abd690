//! Property tests of the scoring invariants (spec §3, §5, §11) over generated frameworks and
//! assessments of both versions.
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

/// A valid framework: 1–3 dimensions of 1–4 indicators over every scale kind, 1–4 sources; of
/// version 2 (spec §11) half the time, with its constructs mixed in.
fn framework(g: &mut Gen) -> Value {
    let fw = framework1(g);
    if g.chance(50) {
        framework2(g, fw)
    } else {
        fw
    }
}

fn framework1(g: &mut Gen) -> Value {
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

/// A counted event: `sign` 1 earns, −1 loses; by `per` or by steps growing in the same
/// direction, with a cut-off in that direction now and then (spec §11.1).
fn event(g: &mut Gen, k: usize, sign: i64) -> Value {
    let mut e = json!({"id": format!("e{k}"), "label": text("事项")});
    if g.chance(60) {
        let cents = (100 * g.pick(3) as i64 + [0, 25, 50][g.pick(3)]).max(25);
        e["per"] = json!(Exact::cents(sign * cents).to_fixed2());
    } else {
        let mut change = 0i64;
        let steps: Vec<Value> = (0..1 + g.pick(3))
            .map(|n| {
                change += 1 + g.pick(3) as i64;
                json!({"at": n + 1, "change": sign * change})
            })
            .collect();
        e["steps"] = json!(steps);
    }
    if g.chance(30) {
        let last = e["steps"].as_array().map_or(0, Vec::len);
        e["cutoff"] =
            json!({"at": last + 1 + g.pick(3), "score": if sign > 0 { "full" } else { "zero" }});
    }
    e
}

/// A scale of version 2 for an item of `points` (hundredths): counted events, a vote or (for an
/// item of 0 points) ticks.
fn scale2(g: &mut Gen, points_cents: usize) -> (Value, usize) {
    match g.pick(3) {
        0 => {
            let events: Vec<Value> = (0..1 + g.pick(3))
                .map(|k| {
                    let sign = if g.chance(70) { -1 } else { 1 };
                    event(g, k, sign)
                })
                .collect();
            let mut scale = json!({"kind": "events", "events": events});
            match g.pick(3) {
                0 => scale["start"] = json!("zero"),
                1 => scale["start"] = json!(format!("{}.00", points_cents / 200)),
                _ => {}
            }
            (scale, points_cents)
        }
        1 => {
            let mut percent: usize = 100;
            let mut options: Vec<Value> = (0..2 + g.pick(3))
                .map(|k| {
                    let o =
                        json!({"id": format!("o{k}"), "label": text("选项"), "percent": percent});
                    percent = percent.saturating_sub(1 + g.pick(50));
                    o
                })
                .collect();
            if g.chance(50) {
                options.push(json!({"id": "pass", "label": text("弃权"), "abstain": true}));
            }
            (json!({"kind": "vote", "options": options}), points_cents)
        }
        _ => {
            let conditions: Vec<Value> = (0..1 + g.pick(3))
                .map(|k| json!({"id": format!("c{k}"), "label": text("情形")}))
                .collect();
            (json!({"kind": "ticks", "conditions": conditions}), 0)
        }
    }
}

/// `fw` (version 1) made version 2: some items get counted events, votes, ticks or sub-items,
/// bounds; parts get weights; adjustments get scopes and counts; rules read the tallies.
fn framework2(g: &mut Gen, mut fw: Value) -> Value {
    fw["schema"] = json!("cxzy/framework@2");
    let mut tallies: Vec<(String, Vec<String>, bool)> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let mut sub = 0;
    for dim in fw["dimensions"].as_array_mut().into_iter().flatten() {
        if g.chance(40) {
            dim["weight"] =
                [json!("1/2"), json!(40), json!("3/10"), json!("7/10")][g.pick(4)].clone();
        }
        for ind in dim["indicators"].as_array_mut().into_iter().flatten() {
            let id = ind["id"].as_str().unwrap_or_default().to_owned();
            ids.push(id.clone());
            let points = ind["points"].as_str().unwrap_or("1");
            let cents = Exact::parse_decimal(points)
                .and_then(|p| p.mul_int(100).floor_i64())
                .unwrap_or(100) as usize;
            match g.pick(5) {
                0 | 1 => {}
                2 => {
                    let (scale, cents) = scale2(g, cents);
                    if let Some(kind) = scale["kind"].as_str().filter(|k| *k != "events") {
                        let key = if kind == "vote" {
                            "options"
                        } else {
                            "conditions"
                        };
                        let options = scale[key].as_array().into_iter().flatten();
                        let options = options
                            .filter_map(|o| o["id"].as_str().map(str::to_owned))
                            .collect();
                        tallies.push((id.clone(), options, kind == "vote"));
                    }
                    ind["scale"] = scale;
                    ind["points"] = json!(format!("{}.{:02}", cents / 100, cents % 100));
                    if cents == 0 {
                        ind.as_object_mut().map(|o| o.remove("allow_na"));
                    }
                }
                3 => {
                    let items: Vec<Value> = (0..1 + g.pick(3))
                        .map(|_| {
                            sub += 1;
                            let (scale, cents) = match g.pick(3) {
                                0 => (json!({"kind": "check"}), 100 * (1 + g.pick(4))),
                                1 => (json!({"kind": "points", "step": "1"}), 100 * (1 + g.pick(4))),
                                _ => {
                                    let events: Vec<Value> = (0..1 + g.pick(2)).map(|k| event(g, k, -1)).collect();
                                    (json!({"kind": "events", "events": events}), 100 * (1 + g.pick(4)))
                                }
                            };
                            json!({"id": format!("sub{sub}"), "title": text("子项"), "points": cents / 100, "scale": scale})
                        })
                        .collect();
                    ind["scale"] = json!({"kind": "items", "items": items});
                    ind.as_object_mut().map(|o| o.remove("allow_na"));
                }
                _ => {
                    if g.chance(50) {
                        ind["min"] = json!(-(1 + g.pick(5) as i64));
                        let events: Vec<Value> =
                            (0..1 + g.pick(2)).map(|k| event(g, k, -1)).collect();
                        ind["scale"] = json!({"kind": "events", "events": events});
                    } else {
                        ind["max"] = json!("none");
                        let events: Vec<Value> =
                            (0..1 + g.pick(2)).map(|k| event(g, k, 1)).collect();
                        ind["scale"] = json!({"kind": "events", "start": "zero", "events": events});
                    }
                }
            }
        }
    }
    if g.chance(50) {
        fw["bonus"]["items"][0]["cap"] = json!(3 + g.pick(4));
    }
    if g.chance(50) {
        let scope = if g.chance(50) {
            json!({"indicator": ids[g.pick(ids.len())]})
        } else {
            json!({"dimension": "d0"})
        };
        fw["deductions"]["items"][0]["scope"] = scope;
    }
    if g.chance(30) {
        fw["deductions"].as_object_mut().map(|o| o.remove("cap"));
    }
    fw["grades"][0]["min_dimension_ratio"] = json!("4/5");
    let compares = ["at_least", "above", "at_most", "below"];
    let chosen: Vec<_> = tallies
        .iter()
        .enumerate()
        .filter(|_| g.chance(70))
        .collect();
    let rules: Vec<Value> = chosen
        .into_iter()
        .map(|(k, (id, options, vote))| {
            let then = match g.pick(3) {
                0 => json!({"kind": "cap_grade", "grade": "basic"}),
                1 => json!({"kind": "deduct", "points": 1 + g.pick(5)}),
                _ => json!({"kind": "incomplete"}),
            };
            let mut rule = json!({
                "id": format!("r{k}"), "title": text("规则"), "indicator": id,
                "compare": (compares[g.pick(4)]), "share": ([json!("1/2"), json!("1/3"), json!("1/10"), json!("2/3"), json!(50), json!(100)][g.pick(6)]),
                "then": then,
            });
            if *vote || g.chance(50) {
                rule["option"] = json!(options[g.pick(options.len())]);
            }
            rule
        })
        .collect();
    fw["rules"] = json!(rules);
    fw
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
        Some("events") => {
            let mut counts = serde_json::Map::new();
            for e in scale["events"].as_array().into_iter().flatten() {
                if g.chance(70) {
                    counts.insert(
                        e["id"].as_str().unwrap_or_default().to_owned(),
                        json!(g.pick(5)),
                    );
                }
            }
            Value::Object(counts)
        }
        Some("vote") => {
            let options = scale["options"].as_array().map_or(&[][..], Vec::as_slice);
            options
                .get(g.pick(options.len()))
                .map_or(Value::Null, |o| o["id"].clone())
        }
        Some("ticks") => {
            let conditions = scale["conditions"].as_array().into_iter().flatten();
            json!(conditions
                .filter(|_| g.chance(40))
                .map(|c| c["id"].clone())
                .collect::<Vec<_>>())
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
    // What a sheet rates: items, and the sub-items of an item that has them (with its sources).
    let indicators: Vec<Value> = fw["dimensions"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|d| d["indicators"].as_array().into_iter().flatten())
        .flat_map(|ind| match ind["scale"]["items"].as_array() {
            Some(items) => items
                .iter()
                .map(|s| {
                    let mut s = s.clone();
                    s["sources"] = ind["sources"].clone();
                    s
                })
                .collect(),
            None => vec![ind.clone()],
        })
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
    if fw["schema"] == "cxzy/framework@2" {
        a["schema"] = json!("cxzy/assessment@2");
        let mut claims = Vec::new();
        for id in ["b1", "b2", "x1"] {
            if g.chance(40) {
                claims.push(json!({"item": id, "count": 1 + g.pick(4)}));
            }
        }
        a["adjustments"] = json!(claims);
        if g.chance(10) {
            a["vetoes"] = json!(["v1"]);
        }
        return a;
    }
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
        prop_assert!(!r.total.is_negative(), "total {:?} < 0", r.total);
        // Items without a ceiling (version 2's "max": "none") may pass their points.
        let fw = c.fw.framework();
        let unbounded = fw.indicators().any(|(_, i)| i.max == Some(Ceiling::None));
        let cap = fw.bonus.as_ref().map(|b| b.cap.map_or(Exact::ZERO, |c| c.exact()));
        if !unbounded {
            let cap = cap.unwrap_or(Exact::ZERO);
            prop_assert!(r.total <= r.max.add(&cap), "total {:?} > max {:?} + cap {:?}", r.total, r.max, cap);
        }
    }

    #[test]
    fn every_item_scores_within_its_bounds(bytes in bytes()) {
        let c = case(&bytes);
        let r = score_value(&c.fw, &c.a);
        let fw = c.fw.framework();
        let all = r.indicators.iter().flat_map(|i| std::iter::once(i).chain(i.items.iter()));
        for i in all {
            let Some(combined) = &i.combined else { continue };
            let Some(ind) = fw.indicator(&i.id) else {
                return Err(TestCaseError::fail(format!("no item {}", i.id)));
            };
            let min = ind.min.map_or(Exact::ZERO, |m| m.exact());
            prop_assert!(*combined >= min, "{} scores {:?} below {:?}", i.id, combined, min);
            let max = match ind.max {
                None => Some(ind.points.exact()),
                Some(Ceiling::Value(m)) => Some(m.exact()),
                Some(Ceiling::None) => None,
            };
            if let Some(max) = max {
                prop_assert!(*combined <= max, "{} scores {:?} above {:?}", i.id, combined, max);
            }
        }
    }

    #[test]
    fn one_more_event_moves_the_total_only_its_way(bytes in bytes(), which in any::<prop::sample::Index>()) {
        let c = case(&bytes);
        let before = score_value(&c.fw, &c.a);
        // Every (sheet, item, event) counted, with the way the event moves its item.
        let mut counted = Vec::new();
        for (s, sheet) in c.a["sheets"].as_array().into_iter().flatten().enumerate() {
            for (id, value) in sheet["ratings"].as_object().into_iter().flatten() {
                let Some(Scale::Events { events, .. }) = c.fw.framework().indicator(id).map(|i| &i.scale) else { continue };
                if !value.is_object() { continue };
                for e in events {
                    let up = e.per.map_or_else(|| e.steps.iter().any(|x| x.change.exact().is_positive()), |p| p.exact().is_positive());
                    counted.push((s, id.clone(), e.id.to_string(), up));
                }
            }
        }
        prop_assume!(!counted.is_empty());
        let (s, id, event, up) = which.get(&counted).clone();
        let mut a = c.a.clone();
        let n = a["sheets"][s]["ratings"][&id][&event].as_u64().unwrap_or(0);
        a["sheets"][s]["ratings"][&id][&event] = json!(n + 1);
        let after = score_value(&c.fw, &a);
        if up {
            prop_assert!(after.total >= before.total, "one more {event} in {id} lowered {:?} to {:?}", before.total, after.total);
        } else {
            prop_assert!(after.total <= before.total, "one more {event} in {id} raised {:?} to {:?}", before.total, after.total);
        }
    }

    #[test]
    fn a_rule_fires_exactly_when_its_share_passes_its_bound(bytes in bytes()) {
        let c = case(&bytes);
        let r = score_value(&c.fw, &c.a);
        let fw = c.fw.framework();
        for (rule, out) in fw.rules.iter().zip(&r.rules) {
            prop_assert_eq!(&rule.id, &out.id);
            // The tally counted from the sheets themselves.
            let Some(ind) = fw.indicator(&rule.indicator) else { continue };
            let ratings: Vec<&Value> = c.a["sheets"].as_array().into_iter().flatten()
                .filter_map(|s| s["ratings"].get(&*rule.indicator)).filter(|v| *v != "na").collect();
            // The counts the rule reads: its option's, or (ticks without one) every condition's.
            let (counts, base): (Vec<usize>, usize) = match &ind.scale {
                Scale::Vote { options, .. } => {
                    let option = rule.option.as_deref().unwrap_or_default();
                    let abstains = |id: &str| options.iter().any(|o| &*o.id == id && o.abstain);
                    let count = ratings.iter().filter(|v| **v == option).count();
                    let base = if abstains(option) { ratings.len() } else {
                        ratings.iter().filter(|v| !abstains(v.as_str().unwrap_or_default())).count()
                    };
                    (vec![count], base)
                }
                Scale::Ticks { conditions } => {
                    let ticked = |id: &str| ratings.iter().filter(|v| v.as_array().is_some_and(|a| a.iter().any(|x| x == id))).count();
                    let counts = match rule.option.as_deref() {
                        Some(o) => vec![ticked(o)],
                        None => conditions.iter().map(|x| ticked(&x.id)).collect(),
                    };
                    (counts, ratings.len())
                }
                _ => continue,
            };
            // count / base against p / q, crossed out: no division, no rounding.
            let (p, q) = match rule.share {
                Ratio::Percent(p) => (u64::from(p), 100),
                Ratio::Fraction(n, d) => (n, d.get()),
            };
            let passes = |count: usize| {
                let (lhs, rhs) = (count as u128 * u128::from(q), u128::from(p) * base as u128);
                base > 0 && match rule.compare {
                    Compare::AtLeast => lhs >= rhs,
                    Compare::Above => lhs > rhs,
                    Compare::AtMost => lhs <= rhs,
                    Compare::Below => lhs < rhs,
                }
            };
            // Any one condition passing fires the rule; the one shown is the first that passes,
            // else the nearest to passing (the first among equals).
            let expected = counts.iter().any(|n| passes(*n));
            let nearest = match rule.compare {
                Compare::AtLeast | Compare::Above => counts.iter().max(),
                Compare::AtMost | Compare::Below => counts.iter().min(),
            };
            let deciding = counts.iter().find(|n| passes(**n)).or(nearest);
            prop_assert_eq!(Some(out.count as usize), deciding.copied(), "rule {}", rule.id);
            prop_assert_eq!(out.base as usize, base, "rule {}", rule.id);
            let count = out.count;
            prop_assert_eq!(out.fired, expected, "rule {}: {}/{} {:?} {}/{}", rule.id, count, base, rule.compare, p, q);
        }
    }

    #[test]
    fn score_plus_lost_is_the_points_of_every_rated_indicator(bytes in bytes()) {
        let c = case(&bytes);
        let r = score_value(&c.fw, &c.a);
        for i in r.indicators.iter().filter(|i| i.status == IndicatorStatus::Rated) {
            let (Some(combined), Some(lost)) = (&i.combined, &i.lost) else {
                return Err(TestCaseError::fail(format!("rated indicator {} lacks combined or lost", i.id)));
            };
            // An item with sub-items loses only what its applicable sub-items could still give.
            if i.items.is_empty() {
                prop_assert_eq!(combined.add(lost), i.points.exact(), "indicator {}", i.id);
            } else {
                prop_assert!(combined.add(lost) <= i.points.exact(), "indicator {}", i.id);
            }
            // Only an item without a ceiling (version 2's "max": "none") can score past its points.
            let ceiling = c.fw.framework().indicator(&i.id).is_some_and(|x| x.max == Some(Ceiling::None));
            prop_assert!(ceiling || !lost.is_negative(), "indicator {} lost {:?}", i.id, lost);
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

/// A rule flips exactly at its bound (spec §11.3): with 1 of 10 ballots unsatisfied and a bound
/// of 1/10, "at_least" and "at_most" fire and "above" and "below" do not; one ballot either way
/// flips them.
#[test]
fn a_rule_flips_exactly_at_its_bound() {
    let fw = cxzy_tests::validation::base("framework2").unwrap_or_default();
    let base = cxzy_tests::validation::base("assessment2").unwrap_or_default();
    for compare in ["at_least", "above", "at_most", "below"] {
        let mut fw = fw.clone();
        fw["rules"][0]["compare"] = json!(compare);
        let scorer = match Prepared::from_value(&fw) {
            Ok(s) => s,
            Err(e) => panic!("{e:?}"),
        };
        for unsatisfied in 0..=2usize {
            let mut a = base.clone();
            let Some(sheets) = a["sheets"].as_array_mut() else {
                panic!("no sheets")
            };
            sheets.retain(|s| s["source"] != "mass");
            for k in 0..10 {
                let option = if k < unsatisfied {
                    "unsatisfied"
                } else {
                    "satisfied"
                };
                sheets.push(json!({"source": "mass", "ratings": {"i-vote": option}}));
            }
            a["raters"]["mass"]["issued"] = json!(10);
            let r = score_value(&scorer, &a);
            let rule = &r.rules[0];
            assert_eq!((rule.count, rule.base), (unsatisfied as u32, 10));
            let expected = match compare {
                "at_least" => unsatisfied >= 1,
                "above" => unsatisfied > 1,
                "at_most" => unsatisfied <= 1,
                _ => unsatisfied < 1,
            };
            assert_eq!(rule.fired, expected, "{compare} with {unsatisfied} of 10");
            // The rule deducts 3 when it fires; nothing else deducts framework-wide.
            let deducted = if expected {
                Exact::cents(300)
            } else {
                Exact::ZERO
            };
            assert_eq!(r.deduction, deducted, "{compare} with {unsatisfied} of 10");
        }
    }
}
