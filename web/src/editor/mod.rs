//! The criteria editor: a unit writes its own 具体条件 as a form (never as JSON), sees every
//! problem the engine finds at its field, tries the criteria on a sample sheet, publishes a
//! version and shares it by link, file or QR code.
//!
//! - `draft`: the draft's value and the edits on it (JSON pointers), undo and redo — pure;
//! - `form`: the form drawn from the engine's description of a framework (`Framework::shape()`);
//! - `labels`, `text`: what the editor says, in the three languages;
//! - `share`: the link's payload (compressed, in the fragment) and the QR code — pure;
//! - `page`: the pages (criteria list, editor, a shared link opened).

pub mod draft;
pub mod form;
pub mod labels;
pub mod page;
pub mod share;
pub mod text;
