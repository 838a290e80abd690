//! The frameworks the page has prepared, those that failed to load (with why), and which key
//! (a built-in id or the portal element's URL) each came from. Fetching is the root's effect
//! (`app.rs`); this is what it found.

use crate::model::engine::{Engine, LoadError};
use cxzy_core::Id;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Frameworks {
    /// Prepared frameworks, one per id (the first loaded is kept).
    pub loaded: Vec<Engine>,
    /// Keys that failed to load, with why.
    pub failed: Vec<(Id, LoadError)>,
    /// (key it was fetched under, framework id), for keys that are URLs.
    pub from: Vec<(Id, Id)>,
}

pub enum FrameworkAction {
    /// A framework fetched under a key (a built-in id or a URL) and prepared.
    Loaded {
        key: Id,
        engine: Engine,
    },
    Failed(Id, LoadError),
    /// Forget a failure, so the root fetches the key again.
    Retry(Id),
}

impl Frameworks {
    /// A prepared framework by id.
    pub fn get(&self, id: &str) -> Option<&Engine> {
        self.loaded.iter().find(|e| **e.id() == *id)
    }

    /// A prepared framework by id or by the key it was fetched under.
    pub fn find(&self, key: &str) -> Option<Engine> {
        self.get(key)
            .or_else(|| {
                self.from
                    .iter()
                    .find(|(k, _)| **k == *key)
                    .and_then(|(_, id)| self.get(id))
            })
            .cloned()
    }

    /// Whether a key is known: loaded under it, or failed.
    pub fn known(&self, key: &str) -> bool {
        self.find(key).is_some() || self.failed(key).is_some()
    }

    pub fn failed(&self, key: &str) -> Option<&LoadError> {
        self.failed
            .iter()
            .find(|(k, _)| **k == *key)
            .map(|(_, e)| e)
    }

    /// Applies an action (the root does what follows a load: migration, a waiting start).
    pub fn reduce(&mut self, action: FrameworkAction) {
        match action {
            FrameworkAction::Loaded { key, engine } => {
                self.from.retain(|(k, _)| *k != key);
                self.from.push((key.clone(), engine.id().clone()));
                if self.get(engine.id()).is_none() {
                    self.loaded.push(engine.clone());
                }
                self.failed.retain(|(k, _)| *k != key && k != engine.id());
            }
            FrameworkAction::Failed(key, error) => {
                self.failed.retain(|(k, _)| *k != key);
                self.failed.push((key, error));
            }
            FrameworkAction::Retry(key) => self.failed.retain(|(k, _)| *k != key),
        }
    }
}
