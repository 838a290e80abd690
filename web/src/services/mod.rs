//! The app's contact with the outside world: framework files, local storage, the location hash,
//! files and the service worker. Services know the model (`model/`), never the app's state or
//! its pages.

pub mod files;
pub mod frameworks;
pub mod location;
pub mod offline;
pub mod storage;
