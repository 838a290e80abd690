//! Reusable pieces of the pages.

pub mod explain;
pub mod notices;
pub mod radar;
pub mod rating;
