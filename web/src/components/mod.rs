//! Reusable pieces of the pages.

pub mod explain;
pub mod focus;
pub mod notices;
pub mod radar;
pub mod rating;
