//! The criteria editor: a unit writes its own 具体条件 as a form (never as JSON), sees every
//! problem the engine finds at its field, tries the criteria on a sample sheet, publishes a
//! version and shares it by link, file or QR code.
//!
//! - `draft`: the draft's value and the edits on it (JSON pointers), undo and redo — pure;
//! - `form`: the form drawn from the engine's description of a framework (`Framework::shape()`);
//! - `labels`, `text`: what the editor says, in the three languages;
//! - `share`: the link's payload (compressed, in the fragment) and the QR code — pure;
//! - `page`: the pages (criteria list with sharing, editor, preview).
//!
//! **Boundary:** everything but `share::decode` is built only with the feature
//! `editor`: the app's first load (index.html) has no editor; `editor.html` — the same app with
//! the editor, built beside it by `scripts/build-editor.sh` (a Trunk hook) — is loaded only when a
//! secretary opens the criteria pages. A shared link opens in the first load (`pages/add.rs`).

#[cfg(feature = "editor")]
pub mod draft;
#[cfg(feature = "editor")]
pub mod form;
#[cfg(feature = "editor")]
pub mod labels;
#[cfg(feature = "editor")]
pub mod page;
pub mod share;
#[cfg(feature = "editor")]
pub mod text;
