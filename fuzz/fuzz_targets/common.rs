//! Shared by the fuzz targets: the built-in frameworks, parsed once, and the checks every score
//! result must pass. A failed check is an engine bug (a panic would be one too, spec §9), and so is
//! a broken invariant: fuzz builds panic on one (`cfg(fuzzing)`, spec §9).

#![allow(dead_code)]

use cxzy_core::{Prepared, ResultSummary, ScoreResult};
use std::rc::Rc;

/// Every built-in framework, prepared once per thread (libFuzzer runs the target on one).
pub fn builtin_scorers() -> Rc<Vec<(&'static str, Prepared)>> {
    thread_local! {
        static SCORERS: Rc<Vec<(&'static str, Prepared)>> = Rc::new(
            cxzy_frameworks::FILES
                .iter()
                .map(|(id, text)| match Prepared::from_json(text) {
                    Ok(p) => (*id, p),
                    Err(e) => panic!("built-in framework {id} is invalid: {e:?}"),
                })
                .collect(),
        );
    }
    SCORERS.with(Rc::clone)
}

/// Serialises a result (the exact-number formatting) and reads it back as a result document:
/// the branch view and the trend read exactly what `score` wrote, so the two must agree.
pub fn check_result(result: &ScoreResult) -> ResultSummary {
    let text = match serde_json::to_string(result) {
        Ok(t) => t,
        Err(e) => panic!("INVARIANT: a score result does not serialise: {e}"),
    };
    let summary = result.summary();
    match cxzy_core::result_from_str(&text) {
        Ok(read) => {
            if read != summary {
                panic!(
                    "INVARIANT: a serialised result reads back differently\n wrote: {summary:?}\n read: {read:?}\n text: {text}"
                );
            }
        }
        Err(e) => panic!("INVARIANT: a serialised result does not read back: {e:?}\n text: {text}"),
    }
    summary
}
