//! Shared by the fuzz targets: the built-in frameworks, parsed once, and the checks every score
//! result must pass. A failed check is an engine bug (a panic would be one too, SPEC 7).

#![allow(dead_code)]

use cxzy_core::{Framework, ResultSummary, ScoreResult, Scorer};

/// Every built-in framework with its scorer, parsed once per process.
///
/// `Framework` holds `Rc<str>` ids, so it is neither `Send` nor `Sync` and cannot sit in a
/// `static OnceLock`; libFuzzer runs the target on one thread, so a leaked thread-local is the
/// same thing: built on the first input, reused for all the others.
pub fn builtin_scorers() -> &'static [(&'static str, Scorer<'static>)] {
    thread_local! {
        static SCORERS: &'static [(&'static str, Scorer<'static>)] = {
            let mut out = Vec::new();
            for (id, text) in cxzy_core::builtins::BUILTINS {
                let fw = match cxzy_core::framework_from_str(text) {
                    Ok(fw) => fw,
                    Err(e) => panic!("built-in framework {id} does not read: {e:?}"),
                };
                let fw: &'static Framework = Box::leak(Box::new(fw));
                let scorer = match Scorer::new(fw) {
                    Ok(s) => s,
                    Err(e) => panic!("built-in framework {id} has no scorer: {e:?}"),
                };
                out.push((*id, scorer));
            }
            Box::leak(out.into_boxed_slice())
        };
    }
    SCORERS.with(|s| *s)
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
