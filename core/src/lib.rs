//! cxzy-core: the pure, exact scoring engine of the 创先争优 evaluation (see `SPEC.md`).
//!
//! No I/O, no clock, no JavaScript: "today" is a parameter, every error is returned as data
//! ([`Diagnostic`]s with a JSON-pointer path), and no score ever touches binary floating point.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

#[cfg(feature = "builtins")]
pub mod builtins;
pub mod diag;
pub mod digest;
pub mod exact;
pub mod model;
mod read;
pub mod score;
pub mod validate;

pub use diag::{Code, Diagnostic, Lang};
pub use exact::Exact;
pub use model::*;
pub use score::branch::branch;
pub use score::trend::trend;
pub use score::{score, ScoreOptions, Scorer};
pub use validate::{
    assessment_from_str, assessment_from_value, framework_from_str, framework_from_value,
};

pub use read::{
    parse_json, too_large, MAX_DOCUMENT_BYTES, MAX_INDICATORS, MAX_SHEETS, MAX_SOURCES,
};

/// Reads a `cxzy/result@1` document (the parts the branch view and trend need) from JSON text.
pub fn result_from_str(text: &str) -> Result<ResultSummary, Vec<Diagnostic>> {
    read::result_summary(&read::parse_json(text)?)
}

pub fn result_from_value(value: &serde_json::Value) -> Result<ResultSummary, Vec<Diagnostic>> {
    read::result_summary(value)
}

/// The crate version, carried by the command line and the JS API.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
