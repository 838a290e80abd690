//! Throughput of the engine (issue target: > 200,000 assessments/s on one core; a 10,000-member
//! branch view in < 50 ms). Run: `cargo bench -p cxzy-core`. Each criterion line prints
//! `thrpt: … elem/s` where an element is one assessment (or one branch view).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use cxzy_core::*;

#[path = "support/docs.rs"]
mod docs;

/// The benchmark framework, prepared.
fn framework() -> Prepared {
    Prepared::from_value(&docs::framework_json()).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Member `seed`'s assessment, read.
fn assessment(seed: usize) -> Assessment {
    assessment_from_value(&docs::assessment_json(seed)).unwrap_or_else(|e| panic!("{e:?}"))
}

fn bench(c: &mut Criterion) {
    let scorer = framework();
    let options = ScoreOptions::default();
    let members: Vec<Assessment> = (0..64).map(assessment).collect();
    let one = &members[0];

    let mut group = c.benchmark_group("assessments");
    group.throughput(Throughput::Elements(1));
    group.bench_function("score (validated, exact, explained)", |b| {
        b.iter(|| scorer.score(black_box(one), &options))
    });
    group.bench_function("summarize (validated, exact, in brief)", |b| {
        b.iter(|| scorer.summarize(black_box(one), &options))
    });
    // A prepared assessment (checked and resolved once), scored again: what is left of a score
    // when the ids are not looked up again.
    let assessed = scorer.assess(one).unwrap_or_else(|e| panic!("{e:?}"));
    group.bench_function("prepared assessment: score again (exact, explained)", |b| {
        b.iter(|| black_box(&assessed).score(&options))
    });
    group.bench_function(
        "prepared assessment: summarize again (exact, in brief)",
        |b| b.iter(|| black_box(&assessed).summarize(&options)),
    );
    group.bench_function("prepare an assessment (check, resolve)", |b| {
        b.iter(|| scorer.assess(black_box(one)).is_ok())
    });
    group.bench_function("score + result JSON", |b| {
        b.iter(|| serde_json::to_string(&scorer.score(black_box(one), &options).ok()))
    });
    let text = serde_json::to_string(one).unwrap_or_default();
    // For comparison: serde_json's tree of the same text (what the reader used to build).
    group.bench_function("read: JSON text → serde_json::Value", |b| {
        b.iter(|| parse_json(black_box(&text)).ok())
    });
    group.bench_function("read: JSON text → assessment", |b| {
        b.iter(|| assessment_from_str(black_box(&text)).ok())
    });
    group.bench_function(
        "read + summarize + summary JSON (`cxzy score --summary`'s work per line)",
        |b| {
            b.iter(|| {
                let a = assessment_from_str(black_box(&text)).ok()?;
                serde_json::to_string(&scorer.summarize(&a, &options).ok()?).ok()
            })
        },
    );
    group.bench_function(
        "parse + score + result JSON (the CLI's work per line)",
        |b| {
            b.iter(|| {
                let a = assessment_from_str(black_box(&text)).ok()?;
                serde_json::to_string(&scorer.score(&a, &options).ok()?).ok()
            })
        },
    );
    group.finish();

    let summaries: Vec<ResultSummary> = (0..10_000)
        .map(|i| {
            scorer
                .score(&members[i % members.len()], &options)
                .map(|r| r.summary())
                .unwrap_or_else(|e| panic!("{e:?}"))
        })
        .collect();
    let quota = Exact::int(20);
    let mut group = c.benchmark_group("branch");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    group.bench_function("branch view of 10,000 results", |b| {
        b.iter(|| branch(&scorer, black_box(&summaries), Some(&quota)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
