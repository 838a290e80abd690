//! A prepared framework: read (spec §4.1), validated (spec §4.2), indexed and digested (spec
//! §2.7) once, owning its framework, so that it scores any number of assessments and can be kept,
//! shared (`Rc<Prepared>`) and dropped like any value.

use crate::diag::Diagnostic;
use crate::digest::digest;
use crate::exact::Exact;
use crate::index::Index;
use crate::model::*;
use crate::read;
use crate::validate;
use serde_json::Value;

/// A validated framework, indexed for scoring (build it once, score many).
#[derive(Debug)]
pub struct Prepared {
    framework: Framework,
    digest: String,
    pub(crate) index: Index,
}

impl Prepared {
    /// Prepares a framework read from JSON text: every structural error, else every rule error.
    pub fn from_json(text: &str) -> Result<Prepared, Vec<Diagnostic>> {
        Prepared::new(read::document(text)?)
    }

    /// Prepares a framework read from a JSON value.
    pub fn from_value(value: &Value) -> Result<Prepared, Vec<Diagnostic>> {
        Prepared::new(read::document_from_value(value)?)
    }

    /// Validates a framework (spec §4.2) and indexes it.
    pub fn new(framework: Framework) -> Result<Prepared, Vec<Diagnostic>> {
        let errors = validate::framework(&framework);
        if !errors.is_empty() {
            return Err(errors);
        }
        let index = Index::new(&framework).map_err(|e| vec![e])?;
        Ok(Prepared {
            digest: digest(&framework).map_err(|e| vec![e])?,
            framework,
            index,
        })
    }

    pub fn framework(&self) -> &Framework {
        &self.framework
    }

    pub fn id(&self) -> &Id {
        &self.framework.id
    }

    /// The framework's digest, `"sha256:…"` (spec §2.7).
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// What a result of this framework names: id, version and digest.
    pub fn stamp(&self) -> FrameworkStamp {
        FrameworkStamp {
            id: self.framework.id.clone(),
            version: self.framework.version.clone(),
            digest: self.digest.clone(),
        }
    }

    /// Σ P over every indicator.
    pub fn framework_max(&self) -> &Exact {
        &self.index.framework_max
    }

    /// An indicator (or sub-item) by id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.framework.indicator(id)
    }
}
