//! bytes → UTF-8 → assessment_from_str, then scored against every built-in framework; each result
//! is serialised (exact-number formatting) and read back as a result document.
#![no_main]

#[path = "common.rs"]
mod common;

use cxzy_core::{assessment_from_str, ScoreOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let scorers = common::builtin_scorers();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(a) = assessment_from_str(text) else {
        return;
    };
    let _ = serde_json::to_string(&a);
    let options = ScoreOptions::default();
    for (_, scorer) in scorers.iter() {
        let check = scorer.check(&a);
        match scorer.score(&a, &options) {
            Ok(result) => {
                assert!(check.is_empty(), "INVARIANT: check found errors but score succeeded: {check:?}");
                common::check_result(&result);
            }
            Err(errors) => {
                assert!(!errors.is_empty(), "INVARIANT: score failed with no errors");
                assert!(!check.is_empty(), "INVARIANT: score failed but check found nothing: {errors:?}");
            }
        }
    }
});
