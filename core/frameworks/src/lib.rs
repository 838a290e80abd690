//! The built-in frameworks (spec §10): `json/<id>.json`, each a `cxzy/framework@1` document, and
//! `catalogue.json`, the one list of them (id, subject, organisation type, short names in three
//! languages) that the command line, the app and the npm package read.

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

use cxzy_core::derive::{Describe, Read, Write};
use cxzy_core::{CatalogueSchema, Diagnostic, OrgType, Subject, Text};

/// The catalogue of built-in frameworks, `"schema": "cxzy/catalogue@1"`.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Catalogue {
    pub schema: CatalogueSchema,
    /// In the order they are offered.
    pub frameworks: Vec<Entry>,
}

/// One built-in framework, as a list of them shows it before its file is read.
#[derive(Clone, Debug, PartialEq, Read, Write, Describe)]
pub struct Entry {
    /// Its id, and the name of its file: `<id>.json`.
    pub id: cxzy_core::Id,
    /// Who it assesses.
    pub subject: Subject,
    /// The 分类 type of an organisation framework; absent for general ones.
    pub org_type: Option<OrgType>,
    /// A short name (the full title comes with the file).
    pub name: Text,
}

/// The text of `catalogue.json`.
pub const CATALOGUE_JSON: &str = include_str!("../catalogue.json");

/// The catalogue, read from `catalogue.json` (a few microseconds: keep it where it is used
/// often). An error here is a broken build: the tests read it.
pub fn catalogue() -> Result<Catalogue, Vec<Diagnostic>> {
    cxzy_core::read::document(CATALOGUE_JSON)
}

#[cfg(feature = "texts")]
mod texts {
    include!(concat!(env!("OUT_DIR"), "/files.rs"));
}

/// Every file of `json/`, `(id, text)`, by id.
#[cfg(feature = "texts")]
pub use texts::FILES;

/// The JSON text of a built-in framework.
#[cfg(feature = "texts")]
pub fn text(id: &str) -> Option<&'static str> {
    FILES.iter().find(|(k, _)| *k == id).map(|(_, t)| *t)
}

/// The built-ins in catalogue order: `(entry, JSON text)`.
#[cfg(feature = "texts")]
pub fn builtins() -> Result<Vec<(Entry, &'static str)>, Vec<Diagnostic>> {
    Ok(catalogue()?
        .frameworks
        .into_iter()
        .filter_map(|e| text(&e.id).map(|t| (e, t)))
        .collect())
}
