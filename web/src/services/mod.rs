//! The app's contact with the outside world: framework files, local storage, files and the clock.

pub mod engine;
pub mod files;
pub mod frameworks;
pub mod storage;
