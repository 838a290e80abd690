//! The documents that cross every boundary (spec §2), written once: each type's definition and
//! its `#[cxzy(...)]` attributes are the shape its reader, writer and schemas follow
//! (`#[derive(Read, Write, Describe)]`, crate `cxzy-derive`).

pub mod assessment;
pub mod branch;
pub mod framework;
pub mod id_map;
pub mod numbers;
pub mod result;
pub mod trend;
pub mod values;

pub use assessment::*;
pub use branch::*;
pub use framework::*;
pub use id_map::IdMap;
pub use numbers::*;
pub use result::*;
pub use trend::*;
pub use values::*;

/// The documents, by the name of their schema file.
pub fn documents() -> Vec<(&'static str, crate::shape::Shape)> {
    use crate::shape::Describe;
    vec![
        ("framework", Framework::shape()),
        ("assessment", Assessment::shape()),
        ("result", ScoreResult::shape()),
        ("summary", Summary::shape()),
        ("trend", Trend::shape()),
        ("branch", BranchView::shape()),
    ]
}
