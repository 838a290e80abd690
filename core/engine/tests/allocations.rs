//! Scoring allocates per item and source, never per rating (issue 14: "no allocation per rating
//! on the hot path"). A counting allocator measures `summarize` and `score` on the benchmark's
//! assessments at two sizes: the allocations may grow with the sheets' count of items, not with
//! their ratings.

use cxzy_core::*;
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use std::alloc::System;

#[path = "../benches/support/docs.rs"]
mod docs;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// The allocations (and reallocations) `f` makes; this file's one test runs alone in its
/// process.
fn allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    let region = Region::new(GLOBAL);
    let out = f();
    let change = region.change();
    (change.allocations + change.reallocations, out)
}

/// The benchmark assessment with `per_source` of each source's 5 sheets (each sheet rates all
/// 25 items).
fn assessment(per_source: usize) -> Assessment {
    let mut doc = docs::assessment_json(7);
    if let Some(list) = doc.get_mut("sheets").and_then(|s| s.as_array_mut()) {
        let mut seen = std::collections::HashMap::new();
        list.retain(|sheet| {
            let n = seen.entry(sheet["source"].to_string()).or_insert(0);
            *n += 1;
            *n <= per_source
        });
    }
    assessment_from_value(&doc).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn scoring_allocates_per_item_not_per_rating() {
    let scorer = Prepared::from_value(&docs::framework_json()).unwrap_or_else(|e| panic!("{e:?}"));
    let options = ScoreOptions::default();
    let (small, large) = (assessment(2), assessment(5));
    let ratings = |a: &Assessment| a.sheets.iter().map(|s| s.ratings.len()).sum::<usize>();
    let extra = ratings(&large) - ratings(&small);
    assert!(
        extra >= 250,
        "the larger assessment has {extra} more ratings"
    );

    let (brief_small, s) = allocations(|| scorer.summarize(&small, &options));
    let (brief_large, l) = allocations(|| scorer.summarize(&large, &options));
    assert!(s.is_ok() && l.is_ok());
    // The same items, sources and grades: the same allocations (45 here, at 1 to 5 sheets a
    // source).
    assert!(
        brief_large == brief_small,
        "summarize: {brief_small} allocations for {} ratings, {brief_large} for {}",
        ratings(&small),
        ratings(&large)
    );
    // Scoring in full lists each sheet score, in one vector per item and source shown, and its
    // gaps and perception vary with the ratings given (208 to 246 allocations here at 1 to 5
    // sheets a source): far fewer than one more per rating.
    let (full_small, s) = allocations(|| scorer.score(&small, &options));
    let (full_large, l) = allocations(|| scorer.score(&large, &options));
    assert!(s.is_ok() && l.is_ok());
    assert!(
        full_large < full_small + extra / 4,
        "score: {full_small} allocations for {} ratings, {full_large} for {}",
        ratings(&small),
        ratings(&large)
    );
    println!(
        "summarize {brief_small} / {brief_large}, score {full_small} / {full_large} allocations"
    );
}
