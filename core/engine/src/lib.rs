//! cxzy-core: the pure, exact scoring engine of the 创先争优 evaluation (`docs/spec.md`).
//!
//! No I/O, no clock, no JavaScript: "today" is a parameter, every error is returned as data
//! ([`Diagnostic`]s with a JSON-pointer path), and no score ever touches binary floating point.
//!
//! ```text
//! text ──read──▶ Framework ──validate, index, digest──▶ Prepared ──score(Assessment)──▶ ScoreResult
//! ```

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

// The derives of `cxzy-derive` name this crate by its name, here as everywhere.
extern crate self as cxzy_core;

// First: its `en!` and `zh!` are used by every module after it.
#[macro_use]
pub mod diag;
pub mod branch;
pub mod csv;
pub mod digest;
pub mod exact;
mod index;
mod invariant;
pub mod model;
mod prepared;
pub mod read;
pub mod score;
pub mod shape;
pub(crate) mod sort;
pub mod trend;
pub mod validate;

pub use branch::{branch, parse_quota};
pub use diag::{Code, Diagnostic, Lang};
pub use exact::Exact;
pub use model::*;
pub use prepared::{Prepared, Recent};
pub use read::{too_large, MAX_DOCUMENT_BYTES, MAX_INDICATORS, MAX_SHEETS, MAX_SOURCES};
pub use score::{Assessed, ScoreOptions};
pub use trend::trend;

/// Reads an assessment from JSON text: its structure only (its fit to a framework is checked
/// when it is scored, spec §4.3).
pub fn assessment_from_str(text: &str) -> Result<Assessment, Vec<Diagnostic>> {
    read::document(text)
}

/// Reads an assessment from a JSON value.
pub fn assessment_from_value(value: &serde_json::Value) -> Result<Assessment, Vec<Diagnostic>> {
    read::document_from_value(value)
}

/// Reads the parts of a `cxzy/result@1` document the branch view and the trend need (spec §4.4).
pub fn result_from_str(text: &str) -> Result<ResultSummary, Vec<Diagnostic>> {
    read::document(text)
}

/// Reads the parts of a result document from a JSON value.
pub fn result_from_value(value: &serde_json::Value) -> Result<ResultSummary, Vec<Diagnostic>> {
    read::document_from_value(value)
}

/// Parses JSON text, refusing oversized documents (spec §4.5) and locating syntax errors.
pub fn parse_json(text: &str) -> Result<serde_json::Value, Vec<Diagnostic>> {
    read::parse_json(text)
}

/// The derives that write a document type's reader, writer and shape from its definition
/// (for document types outside this crate, such as the catalogue of built-ins).
pub mod derive {
    pub use cxzy_derive::{Describe, Read, Write};
}

/// The crate version, carried by the command line and the JS API.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the derives of `cxzy-derive` use; not an API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
    pub use serde_json;
}
