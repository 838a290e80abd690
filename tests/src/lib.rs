//! Golden vectors for cxzy-core: one folder per behaviour under `vectors/`, inputs beside the
//! expected output, run by one [`run`] helper natively and on wasm32 (Node and Chromium).
//!
//! A folder holds the framework (`framework.json`, or `builtin.txt` naming a built-in) and one of:
//! - `assessment.json` (+ `options.json` `{"today"}`, `previous.json` for a trend) → `expected.json`,
//!   the result (or `{"result", "trend"}`) pretty-printed, compared byte for byte;
//! - `assessments.json`, an array (+ `options.json` `{"excellent_quota"}`) → the branch view;
//! - `errors.json`: `[{"code", "path"}]` expected instead of a result.
//!
//! `check.json` holds figures worked out by hand (`total`, `grade`, `dimensions`), checked too.
//! Set `CXZY_BLESS=1` natively to write `expected.json` from the engine: then read the diff.

/// The validation cases of `validation/` (spec §4): one JSON file per input and its errors.
pub mod validation;

use cxzy_core::*;
use serde_json::{json, Value};

/// One vector folder, embedded.
pub struct Vector {
    pub name: &'static str,
    pub builtin: Option<&'static str>,
    pub framework: Option<&'static str>,
    pub assessment: Option<&'static str>,
    pub assessments: Option<&'static str>,
    pub previous: Option<&'static str>,
    pub options: Option<&'static str>,
    pub expected: Option<&'static str>,
    pub errors: Option<&'static str>,
    pub check: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/vectors.rs"));

fn framework_text(v: &Vector) -> Result<&'static str, String> {
    match (v.framework, v.builtin) {
        (Some(text), _) => Ok(text),
        (None, Some(id)) => cxzy_frameworks::text(id.trim())
            .ok_or_else(|| format!("no built-in framework {:?}", id.trim())),
        (None, None) => Err("a vector needs framework.json or builtin.txt".into()),
    }
}

fn codes(errors: &[Diagnostic]) -> Value {
    Value::Array(
        errors
            .iter()
            .map(|e| json!({"code": e.code.as_str(), "path": e.path}))
            .collect(),
    )
}

/// What the engine produces for a vector: the pretty JSON output, or the errors as `[{code, path}]`.
pub fn output(v: &Vector) -> Result<String, Value> {
    let scorer =
        Prepared::from_json(framework_text(v).map_err(Value::String)?).map_err(|e| codes(&e))?;
    let fw = scorer.framework();
    let options: Value = v
        .options
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| Value::String(e.to_string()))?
        .unwrap_or(Value::Null);
    let today = options
        .get("today")
        .and_then(Value::as_str)
        .and_then(|d| Date::parse_from_str(d, "%Y-%m-%d").ok());
    let score_options = ScoreOptions { today };
    if let Some(text) = v.assessment {
        let a = assessment_from_str(text).map_err(|e| codes(&e))?;
        let result = scorer.score(&a, &score_options).map_err(|e| codes(&e))?;
        // A summary scored in brief is the full result's, to the byte (spec §9.3).
        let brief = scorer
            .summarize(&a, &score_options)
            .map_err(|e| codes(&e))?;
        if brief != result.brief() {
            return Err(Value::String(format!(
                "summarize gives {}, the result's brief is {}",
                pretty(&brief),
                pretty(&result.brief())
            )));
        }
        // A prepared assessment, kept, scores the same as often as asked: in brief, in full, and
        // for another day (its commitments' overdue flags follow that day: spec §6.6).
        let assessed = scorer.assess(&a).map_err(|e| codes(&e))?;
        let later = ScoreOptions {
            today: Date::from_ymd_opt(2099, 12, 31),
        };
        for (options, expected) in [
            (&score_options, result.clone()),
            (&later, scorer.score(&a, &later).map_err(|e| codes(&e))?),
            (&score_options, result.clone()),
        ] {
            let again = assessed.score(options).map_err(|e| codes(&e))?;
            let brief = assessed.summarize(options).map_err(|e| codes(&e))?;
            if again != expected || brief != expected.brief() {
                return Err(Value::String(format!(
                    "the prepared assessment scores {} in full and {} in brief, `score` gives {}",
                    pretty(&again),
                    pretty(&brief),
                    pretty(&expected)
                )));
            }
        }
        return Ok(match v.previous {
            Some(prev_text) => {
                let prev = assessment_from_str(prev_text).map_err(|e| codes(&e))?;
                let previous = scorer.score(&prev, &score_options).map_err(|e| codes(&e))?;
                let trend =
                    trend(fw, &previous.summary(), &result.summary()).map_err(|e| codes(&e))?;
                pretty(&Both {
                    result: &result,
                    trend: &trend,
                })
            }
            None => pretty(&result),
        });
    }
    if let Some(text) = v.assessments {
        let docs: Vec<Value> =
            serde_json::from_str(text).map_err(|e| Value::String(e.to_string()))?;
        let mut results = Vec::new();
        for (i, doc) in docs.iter().enumerate() {
            let a = assessment_from_value(doc).map_err(|e| {
                codes(
                    &e.into_iter()
                        .map(|d| d.within(&format!("/{i}")))
                        .collect::<Vec<_>>(),
                )
            })?;
            results.push(
                scorer
                    .score(&a, &score_options)
                    .map_err(|e| codes(&e))?
                    .summary(),
            );
        }
        let quota = options
            .get("excellent_quota")
            .and_then(Value::as_str)
            .and_then(Exact::parse_decimal);
        let view = branch(&scorer, &results, quota.as_ref()).map_err(|e| codes(&e))?;
        return Ok(pretty(&view));
    }
    Err(Value::String(
        "a vector needs assessment.json or assessments.json".into(),
    ))
}

#[derive(serde::Serialize)]
struct Both<'a> {
    result: &'a ScoreResult,
    trend: &'a Trend,
}

/// Pretty JSON with a trailing newline, the form of `expected.json`.
fn pretty(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .unwrap_or_else(|e| format!("unserialisable: {e}"))
}

/// Runs a vector against its expectations; `Err` describes the first disagreement.
pub fn run(v: &Vector) -> Result<(), String> {
    let out = output(v);
    if let Some(expected_errors) = v.errors {
        let expected: Value = serde_json::from_str(expected_errors)
            .map_err(|e| format!("{}: errors.json: {e}", v.name))?;
        return match out {
            Err(actual) if actual == expected => Ok(()),
            Err(actual) => Err(format!(
                "{}: expected errors {expected}, got {actual}",
                v.name
            )),
            Ok(_) => Err(format!(
                "{}: expected errors {expected}, but it scored",
                v.name
            )),
        };
    }
    let actual = out.map_err(|e| format!("{}: failed with {e}", v.name))?;
    if let Some(check) = v.check {
        check_figures(v.name, &actual, check)?;
    }
    match v.expected {
        Some(expected) if expected == actual => Ok(()),
        Some(expected) => Err(format!(
            "{}: output differs from expected.json\n{}",
            v.name,
            first_difference(expected, &actual)
        )),
        None => Err(format!(
            "{}: no expected.json (bless it natively with CXZY_BLESS=1, then review)",
            v.name
        )),
    }
}

/// The hand-checked figures of `check.json` against the output.
fn check_figures(name: &str, actual: &str, check: &str) -> Result<(), String> {
    let out: Value = serde_json::from_str(actual).map_err(|e| e.to_string())?;
    let result = out.get("result").unwrap_or(&out);
    let check: Value =
        serde_json::from_str(check).map_err(|e| format!("{name}: check.json: {e}"))?;
    let mismatch = |what: &str, want: &Value, got: Option<&Value>| {
        format!("{name}: hand-checked {what} is {want}, the engine says {got:?}")
    };
    if let Some(want) = check.get("total") {
        if result.get("total") != Some(want) {
            return Err(mismatch("total", want, result.get("total")));
        }
    }
    if let Some(want) = check.get("grade") {
        if result.get("grade") != Some(want) {
            return Err(mismatch("grade", want, result.get("grade")));
        }
    }
    if let Some(want) = check.get("grade_reason") {
        if result.get("grade_reason") != Some(want) {
            return Err(mismatch("grade reason", want, result.get("grade_reason")));
        }
    }
    // An item's combined score, wherever it is (sub-items too).
    fn find<'a>(items: Option<&'a Value>, id: &str) -> Option<&'a Value> {
        items?.as_array()?.iter().find_map(|i| {
            if i.get("id").and_then(Value::as_str) == Some(id) {
                Some(i)
            } else {
                find(i.get("items"), id)
            }
        })
    }
    if let Some(Value::Object(items)) = check.get("indicators") {
        for (id, want) in items {
            let got = find(result.get("indicators"), id).and_then(|i| i.get("combined"));
            if got != Some(want) {
                return Err(mismatch(&format!("indicator {id}"), want, got));
            }
        }
    }
    if let Some(Value::Object(rules)) = check.get("rules") {
        for (id, want) in rules {
            let got = result
                .get("rules")
                .and_then(Value::as_array)
                .and_then(|rs| {
                    rs.iter()
                        .find(|r| r.get("id").and_then(Value::as_str) == Some(id))
                })
                .and_then(|r| r.get("fired"));
            if got != Some(want) {
                return Err(mismatch(&format!("rule {id} fired"), want, got));
            }
        }
    }
    if let Some(Value::Object(dims)) = check.get("dimensions") {
        for (id, want) in dims {
            let got = result
                .get("dimensions")
                .and_then(Value::as_array)
                .and_then(|ds| {
                    ds.iter()
                        .find(|d| d.get("id").and_then(Value::as_str) == Some(id))
                })
                .and_then(|d| d.get("score"));
            if got != Some(want) {
                return Err(mismatch(&format!("dimension {id}"), want, got));
            }
        }
    }
    Ok(())
}

fn first_difference(expected: &str, actual: &str) -> String {
    for (n, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("line {}:\n  expected: {e}\n  actual:   {a}", n + 1);
        }
    }
    format!(
        "lengths differ: expected {} lines, actual {}",
        expected.lines().count(),
        actual.lines().count()
    )
}

/// Asserts that every vector passes, listing every failure (the one test of each test binary).
pub fn assert_every_vector_passes() {
    let failures = run_all();
    assert!(VECTORS.len() >= 20, "only {} vectors found", VECTORS.len());
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        VECTORS.len(),
        failures.join("\n\n")
    );
}

/// Runs every vector, returning every failure (not just the first).
pub fn run_all() -> Vec<String> {
    VECTORS.iter().filter_map(|v| run(v).err()).collect()
}
