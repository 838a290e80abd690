//! bytes → UTF-8 → result_from_str. A result that reads goes where the command line sends it:
//! the trend and the branch view against the built-in framework of the same id.
#![no_main]

#[path = "common.rs"]
mod common;

use cxzy_core::{branch, result_from_str, trend, Exact};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let scorers = common::builtin_scorers();
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(summary) = result_from_str(text) else {
        return;
    };
    // The framework the result names (its digest must match for the branch view to accept it);
    // otherwise the first built-in, which the branch view and trend must refuse cleanly.
    let (_, scorer) = scorers
        .iter()
        .find(|(id, _)| **id == *summary.framework.id)
        .unwrap_or(&scorers[0]);
    if let Ok(t) = trend(scorer.framework(), &summary, &summary) {
        let _ = serde_json::to_string(&t);
    }
    let results = [summary.clone(), summary];
    let _ = branch(scorer, &results, None);
    let _ = branch(scorer, &results, Some(&Exact::int(50)));
    if let Ok(view) = branch(scorer, &results[..1], Some(&Exact::int(100))) {
        let _ = serde_json::to_string(&view);
    }
});
