//! Messages shown at the top of the page until dismissed (view state keeps the list).

/// A message shown at the top until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    OtherTab,
    Unreadable,
    Migrated {
        title: String,
        version: String,
        dropped: usize,
    },
    Imported(usize),
    ImportFailed(Vec<String>),
    DeletedAll,
    /// Something done, in the words of the page that did it.
    Done(String),
}
