//! Validation (spec §4): the rules that span fields, all errors at once. A framework's own rules
//! (spec §4.2) in [`framework`], an assessment's against its framework (spec §4.3) in
//! [`assessment`]; the structure of each document is the reader's (spec §4.1).

pub mod assessment;
mod framework;
mod framework2;

pub use framework::{authoring, framework};

use crate::diag::Code;
use crate::read::Reader;
use std::collections::HashSet;

/// Reports ids that occur twice in one list, at the second occurrence.
pub(crate) fn unique<'a>(
    r: &mut Reader,
    what: (&str, &str),
    items: impl Iterator<Item = (&'a str, String)>,
) {
    let mut seen = HashSet::new();
    for (id, path) in items {
        if !seen.insert(id) {
            r.err(
                Code::DuplicateId,
                &path,
                en!(format!("{} id \"{id}\" is used more than once", what.0)),
                zh!(format!("{}标识「{id}」重复", what.1)),
            );
        }
    }
}

pub(crate) fn unknown_ref(r: &mut Reader, path: &str, what: (&str, &str), id: &str) {
    r.err(
        Code::UnknownReference,
        path,
        en!(format!("\"{id}\" is not a {} of this framework", what.0)),
        zh!(format!("「{id}」不是本标准中的{}", what.1)),
    );
}
