//! The app's data and the rules on it, free of Yew and the browser: the persisted library and its
//! reducer, the one own-sheet rule, ratings of counted events and ticks put together, routes, half-year periods, prepared frameworks and notices.
//! Everything here is pure (no storage, no clock, no DOM), so it is tested natively and in the
//! browser alike; `state/` composes it, `services/` stores and fetches it, `pages/` show it.

pub mod criteria;
pub mod engine;
pub mod library;
pub mod notice;
pub mod own_sheet;
pub mod period;
pub mod ratings;
pub mod route;
