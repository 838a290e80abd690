//! The TypeScript mirror types (`src/types.rs`) describe exactly the JSON the engine reads and
//! writes: every golden vector's documents and every built-in framework read into them with
//! unknown fields denied, and write back unchanged (so no field is missing, renamed or extra).

use cxzy_wasm::types::{Assessment, BranchView, Framework, ScoreResult, ScoreWithTrend};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Reads `json` into `T` and writes it back: the same JSON value, or the reason it is not.
fn round_trip<T: DeserializeOwned + Serialize>(what: &str, json: &str) -> Result<(), String> {
    let original: Value = serde_json::from_str(json).map_err(|e| format!("{what}: {e}"))?;
    let typed: T = serde_json::from_value(original.clone())
        .map_err(|e| format!("{what} does not fit its mirror type: {e}"))?;
    let back = serde_json::to_value(&typed).map_err(|e| format!("{what}: {e}"))?;
    if back == original {
        Ok(())
    } else {
        Err(format!("{what} changes through its mirror type"))
    }
}

#[test]
fn every_vector_document_fits_its_mirror_type_exactly() {
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut check = |result: Result<(), String>| {
        checked += 1;
        if let Err(e) = result {
            failures.push(e);
        }
    };
    for v in cxzy_tests::VECTORS {
        if let Some(fw) = v.framework {
            check(round_trip::<Framework>(
                &format!("{}/framework.json", v.name),
                fw,
            ));
        }
        for (file, text) in [
            ("assessment.json", v.assessment),
            ("previous.json", v.previous),
        ] {
            if let Some(text) = text {
                check(round_trip::<Assessment>(
                    &format!("{}/{file}", v.name),
                    text,
                ));
            }
        }
        if let Some(list) = v.assessments {
            let docs: Vec<Value> = serde_json::from_str(list).unwrap_or_default();
            for (i, doc) in docs.iter().enumerate() {
                let text = doc.to_string();
                check(round_trip::<Assessment>(
                    &format!("{}/assessments.json/{i}", v.name),
                    &text,
                ));
            }
        }
        let Some(expected) = v.expected else { continue };
        let what = format!("{}/expected.json", v.name);
        let output: Value = serde_json::from_str(expected).unwrap_or_default();
        check(match output.get("schema").and_then(Value::as_str) {
            Some("cxzy/result@1") => round_trip::<ScoreResult>(&what, expected),
            Some("cxzy/branch@1") => round_trip::<BranchView>(&what, expected),
            None if output.get("trend").is_some() => round_trip::<ScoreWithTrend>(&what, expected),
            other => Err(format!("{what}: an output of unknown schema {other:?}")),
        });
    }
    assert!(checked >= 60, "only {checked} documents checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_built_in_framework_fits_the_framework_mirror_type_exactly() {
    let builtins = cxzy_core::builtins::BUILTINS;
    assert!(builtins.len() >= 12, "{} built-ins", builtins.len());
    for (id, text) in builtins {
        if let Err(e) = round_trip::<Framework>(id, text) {
            panic!("{e}");
        }
    }
}

#[test]
fn a_document_with_a_field_the_mirror_lacks_is_refused() {
    // The check above can fail: an extra field is an error, not silently dropped.
    let result = r#"{"schema":"cxzy/framework@1","id":"x","version":"1","subject":"member",
        "title":{"zh-Hans":"标"},"dimensions":[],"grades":[],"sources":[],"colour":"red"}"#;
    assert!(round_trip::<Framework>("extra field", result).is_err());
}
