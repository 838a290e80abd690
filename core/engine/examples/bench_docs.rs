//! Prints the benchmark's framework and member assessments (the documents of `benches/score.rs`)
//! as one JSON object `{"framework", "assessments": [...]}`, for measuring other front ends (the JS
//! API's throughput in `scripts/figures-wasm.sh`) on exactly the same work.
//! Run: `cargo run -q -p cxzy-core --example bench_docs -- [COUNT]` (default 64 members).

#[path = "../benches/support/docs.rs"]
mod docs;

fn main() {
    let count = std::env::args()
        .nth(1)
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(64);
    let assessments: Vec<serde_json::Value> = (0..count).map(docs::assessment_json).collect();
    let out = serde_json::json!({"framework": docs::framework_json(), "assessments": assessments});
    println!("{out}");
}
