//! The list of errors is bounded (spec §4.5): at most `MAX_ERRORS` errors of one input, then one
//! `too_many` at path "" — however many a document has (a 16 MiB document of a million unknown
//! keys made a million messages, 2 GB in `cxzy serve`).

use cxzy_core::diag::MAX_ERRORS;
use cxzy_core::*;

#[path = "../benches/support/docs.rs"]
mod docs;

fn ends_with_too_many(errors: &[Diagnostic], first: Code) {
    assert_eq!(errors.len(), MAX_ERRORS + 1);
    assert_eq!(errors[0].code, first);
    assert!(errors[..MAX_ERRORS].iter().all(|d| d.code == first));
    let last = &errors[MAX_ERRORS];
    assert_eq!((last.code, last.path.as_str()), (Code::TooMany, ""));
    assert!(last.message(Lang::En).contains("1000"), "{last}");
}

#[test]
fn a_document_lists_the_first_errors_then_too_many() {
    let keys: Vec<String> = (0..5_000).map(|i| format!("\"k{i}\": 0")).collect();
    let text = format!("{{{}}}", keys.join(", "));
    let errors = assessment_from_str(&text).err().unwrap_or_default();
    // 5,000 unknown fields and the missing ones: the first 1,000 in the order written.
    assert_eq!(errors[0].path, "/k0");
    assert_eq!(errors[999].path, "/k999");
    ends_with_too_many(&errors, Code::UnknownField);
}

#[test]
fn the_check_of_an_assessment_lists_the_first_errors_then_too_many() {
    let scorer = Prepared::from_value(&docs::framework_json()).unwrap_or_else(|e| panic!("{e:?}"));
    let mut doc = docs::assessment_json(0);
    let ratings: serde_json::Map<String, serde_json::Value> = (0..3_000)
        .map(|i| (format!("u{i:04}"), serde_json::json!("good")))
        .collect();
    doc["sheets"][0]["ratings"] = serde_json::Value::Object(ratings);
    let a = assessment_from_value(&doc).unwrap_or_else(|e| panic!("{e:?}"));
    let errors = scorer.check(&a);
    ends_with_too_many(&errors, Code::UnknownIndicator);
    assert_eq!(
        scorer.score(&a, &ScoreOptions::default()).err(),
        Some(errors)
    );
}
