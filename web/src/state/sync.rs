//! Storage health and the cross-tab revision protocol: where the library is saved, the stored
//! revision this tab's data derives from, changes not saved yet, and whether another tab's save
//! waits for the user's choice. The root's effects save and listen (`app.rs`); this is pure.
//!
//! **Invariant:** a save over another tab's newer one becomes `Conflict`, which the user
//! resolves (load theirs, or overwrite with mine): never a silent overwrite, never a dropped
//! change.

use crate::services::storage::{StorageHealth, Stored};
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub struct Sync {
    /// Where the library is saved in local storage (`None`: not saved; the host keeps it).
    pub key: Option<Rc<str>>,
    pub health: StorageHealth,
    /// The stored revision this tab's data derives from.
    pub base_rev: u64,
    /// Counts changes; the root saves after each.
    pub dirty: u64,
    /// Set for one `External`: the user chose the other tab's data.
    pub forced: bool,
}

pub enum SyncAction {
    /// Another tab saved: adopt its data (unless this tab has a change not yet saved).
    External(Stored),
    /// The user chose the other tab's data over this tab's change.
    LoadOther(Stored),
    Saved(u64),
    Health(StorageHealth),
    /// The user chose to overwrite the other tab's data with this tab's.
    Overwrite(u64),
}

impl Sync {
    pub fn new(key: Option<Rc<str>>, health: StorageHealth) -> Sync {
        Sync {
            key,
            health,
            base_rev: 0,
            dirty: 0,
            forced: false,
        }
    }

    /// Asks the root to save.
    pub fn touch(&mut self) {
        self.dirty += 1;
    }

    /// Whether another tab's data may replace this tab's now (else it waits as a conflict).
    pub fn may_adopt(&mut self, rev: u64) -> bool {
        match self.health {
            StorageHealth::Conflict(_) | StorageHealth::Full if !self.forced => {
                self.health = StorageHealth::Conflict(rev);
                false
            }
            _ => {
                self.forced = false;
                self.health = StorageHealth::Ok;
                self.base_rev = rev;
                true
            }
        }
    }

    pub fn saved(&mut self, rev: u64) {
        self.base_rev = rev;
        if self.health != StorageHealth::Unavailable {
            self.health = StorageHealth::Ok;
        }
    }

    pub fn overwrite(&mut self, rev: u64) {
        self.base_rev = rev;
        self.health = StorageHealth::Ok;
        self.touch();
    }
}
