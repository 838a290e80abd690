//! Rating rounds (评议轮次, spec §12) in the app: the secretary creates a round (criteria,
//! period, members, how each source takes part), backs up its key, hands out invitations and
//! printable slips, collects the sealed ballots (camera, pasted links, files, a kiosk), tallies
//! them with the engine into each member's result and the branch view, records the 支委会's
//! decisions and prints the 公示; a rater opens an invitation, fills in the ballot and hands it
//! back sealed.
//!
//! - `model`: what the pages do with a round, without the browser (tested natively);
//! - `engine`: the criteria a round names, prepared;
//! - `list` (`#/rounds`), `round` (`#/round/<id>/<tab>`), `ballot` (`#/vote/…`, `#/in/…`);
//! - `scan`: QR codes from the camera or a photo;
//! - `room`: the client of a room on `cxzy serve`;
//! - `workshop` (`#/workshop`, `#/join/…`): a trainer's demo round, its room, the projector view;
//! - `text`: the strings, in the three languages.
//!
//! **Boundary:** built only with the feature `rounds`, into the secretary's build (editor.html,
//! with the criteria editor): sealing, opening and scanning never ship in the first load. The
//! rounds are stored in the library (`cxzy/round-archive@1` each), which every build keeps.

pub mod ballot;
pub mod engine;
pub mod list;
pub mod model;
pub mod room;
pub mod round;
pub mod scan;
pub mod text;
pub mod workshop;
