//! Routes: where the app is, as a value and as a location hash (`#/…`), which works on static
//! hosting and inside WeChat's browser. A record is named by a stable key (framework id and
//! period), never by its index in the library.
//!
//! | route | page |
//! | --- | --- |
//! | `#/` | start |
//! | `#/assess/<framework>/<period>/<step>` | rate one record, step 1… (a dimension; the last may be the organisation's records) |
//! | `#/result/<framework>/<period>` | the record's result |
//! | `#/history` | every record |
//! | `#/data` | import, backup, delete |
//! | `#/criteria` | the unit's own criteria: drafts, published, shared |
//! | `#/criteria/<draft>` | the editor of a draft |
//! | `#/add/<payload>` | criteria shared by link (the payload of `editor/share.rs`) |
//! | `#/rounds` | rating rounds (评议轮次): this device's, and a new one |
//! | `#/round/<id>/<tab>` | a round: `invite`, `collect`, `kiosk`, `tally`, `report` |
//! | `#/vote/<payload>` | a rater's invitation (`cxzy/invitation@1`, packed as criteria links are) |
//! | `#/in/<ballot>` | a sealed ballot sent back by link (its compact text, spec §12.4) |
//! | `#/workshop` | a trainer's workshop: the projector view of a demo round (spec §13.4) |
//! | `#/join/<room or payload>` | a workshop's participant: a room's code, or the round itself packed |
//!
//! `<period>` is `2026-H1`, `2026-H2` or `2026-01-01..2026-03-31`; a second record of the same
//! framework and period (an import) adds `~2`, a third `~3`. Characters outside `A-Z a-z 0-9 . _ -`
//! in a framework id are percent-encoded.

use super::period::{parse_period, period_name};
use cxzy_core::{Assessment, Date, Id};
use std::rc::Rc;

/// A record of the library by what it is about: framework id, period, and which one of records
/// that share both (0 for the first; imports may add more).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RecordKey {
    pub framework: Id,
    pub start: Date,
    pub end: Date,
    pub nth: usize,
}

impl RecordKey {
    /// The key of `records[index]`.
    pub fn of(records: &[Rc<Assessment>], index: usize) -> Option<RecordKey> {
        let a = records.get(index)?;
        let nth = records
            .iter()
            .take(index)
            .filter(|r| same(r, &a.framework.id, a.period.start, a.period.end))
            .count();
        Some(RecordKey {
            framework: a.framework.id.clone(),
            start: a.period.start,
            end: a.period.end,
            nth,
        })
    }

    /// The index of the record this key names.
    pub fn find(&self, records: &[Rc<Assessment>]) -> Option<usize> {
        records
            .iter()
            .enumerate()
            .filter(|(_, r)| same(r, &self.framework, self.start, self.end))
            .nth(self.nth)
            .map(|(i, _)| i)
    }

    fn path(&self) -> String {
        let mut out = encode(&self.framework);
        out.push('/');
        out.push_str(&period_name(self.start, self.end));
        if self.nth > 0 {
            out.push_str(&format!("~{}", self.nth + 1));
        }
        out
    }

    fn parse(framework: &str, period: &str) -> Option<RecordKey> {
        let (period, nth) = match period.split_once('~') {
            Some((p, n)) => (p, n.parse::<usize>().ok().filter(|n| *n >= 2)? - 1),
            None => (period, 0),
        };
        let (start, end) = parse_period(period)?;
        let framework = decode(framework)?;
        if framework.is_empty() {
            return None;
        }
        Some(RecordKey {
            framework: framework.into(),
            start,
            end,
            nth,
        })
    }
}

fn same(a: &Assessment, framework: &str, start: Date, end: Date) -> bool {
    *a.framework.id == *framework && a.period.start == start && a.period.end == end
}

/// Where the app is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Start,
    /// Rating a record, at a step (0-based: a dimension, or one past the last for the
    /// organisation's records; the page clamps a step beyond them).
    Assess {
        record: RecordKey,
        step: usize,
    },
    Result {
        record: RecordKey,
    },
    History,
    Data,
    Criteria,
    /// The editor of a draft, by its key.
    Edit {
        draft: Rc<str>,
    },
    /// Criteria shared by link: the payload as it came.
    Add {
        payload: Rc<str>,
    },
    Rounds,
    Round {
        id: Rc<str>,
        tab: RoundTab,
    },
    /// A rater's invitation: the payload as it came.
    Vote {
        payload: Rc<str>,
    },
    /// A sealed ballot sent back by link: its compact text as it came.
    BallotIn {
        ballot: Rc<str>,
    },
    /// A trainer's workshop (the projector view).
    Workshop,
    /// A workshop's participant: a room's code, or the round packed as criteria links are.
    Join {
        code: Rc<str>,
    },
}

/// The parts of a round's page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundTab {
    /// Invitations, slips and the key's backup.
    Invite,
    /// Receiving ballots: camera, pasted links, files.
    Collect,
    /// One shared device passed around the room.
    Kiosk,
    /// Each member's result, the branch view, 组织评定.
    Tally,
    /// 公示 (A4 and CSV), each member's result handed back, the archive.
    Report,
}

impl RoundTab {
    pub const ALL: [RoundTab; 5] = [
        RoundTab::Invite,
        RoundTab::Collect,
        RoundTab::Kiosk,
        RoundTab::Tally,
        RoundTab::Report,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RoundTab::Invite => "invite",
            RoundTab::Collect => "collect",
            RoundTab::Kiosk => "kiosk",
            RoundTab::Tally => "tally",
            RoundTab::Report => "report",
        }
    }

    fn parse(name: &str) -> Option<RoundTab> {
        RoundTab::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// The kind of page a route shows (focus moves to a new page's heading when it changes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Start,
    Assess,
    Result,
    History,
    Data,
    Criteria,
    Edit,
    Add,
    Rounds,
    Round,
    Vote,
    BallotIn,
    Workshop,
    Join,
}

impl Page {
    /// Pages of the secretary's build (editor.html): the criteria editor and the rounds.
    pub fn in_tools(self) -> bool {
        matches!(
            self,
            Page::Criteria
                | Page::Edit
                | Page::Rounds
                | Page::Round
                | Page::Vote
                | Page::BallotIn
                | Page::Workshop
                | Page::Join
        )
    }
}

impl Route {
    pub fn page(&self) -> Page {
        match self {
            Route::Start => Page::Start,
            Route::Assess { .. } => Page::Assess,
            Route::Result { .. } => Page::Result,
            Route::History => Page::History,
            Route::Data => Page::Data,
            Route::Criteria => Page::Criteria,
            Route::Edit { .. } => Page::Edit,
            Route::Add { .. } => Page::Add,
            Route::Rounds => Page::Rounds,
            Route::Round { .. } => Page::Round,
            Route::Vote { .. } => Page::Vote,
            Route::BallotIn { .. } => Page::BallotIn,
            Route::Workshop => Page::Workshop,
            Route::Join { .. } => Page::Join,
        }
    }

    /// The record the route shows, if any.
    pub fn record(&self) -> Option<&RecordKey> {
        match self {
            Route::Assess { record, .. } | Route::Result { record } => Some(record),
            _ => None,
        }
    }

    /// The location hash of the route (`#/…`).
    pub fn to_hash(&self) -> String {
        match self {
            Route::Start => "#/".into(),
            Route::Assess { record, step } => format!("#/assess/{}/{}", record.path(), step + 1),
            Route::Result { record } => format!("#/result/{}", record.path()),
            Route::History => "#/history".into(),
            Route::Data => "#/data".into(),
            Route::Criteria => "#/criteria".into(),
            Route::Edit { draft } => format!("#/criteria/{}", encode(draft)),
            Route::Add { payload } => format!("#/add/{payload}"),
            Route::Rounds => "#/rounds".into(),
            Route::Round { id, tab } => format!("#/round/{}/{}", encode(id), tab.name()),
            Route::Vote { payload } => format!("#/vote/{payload}"),
            Route::BallotIn { ballot } => format!("#/in/{ballot}"),
            Route::Workshop => "#/workshop".into(),
            Route::Join { code } => format!("#/join/{code}"),
        }
    }

    /// Reads a location hash (with or without `#`); `None` for anything that is not a route.
    /// An empty hash is the start page.
    pub fn parse(hash: &str) -> Option<Route> {
        let path = hash.strip_prefix('#').unwrap_or(hash);
        let path = path.strip_prefix('/').unwrap_or(path);
        let path = path.strip_suffix('/').unwrap_or(path);
        let parts: Vec<&str> = if path.is_empty() {
            Vec::new()
        } else {
            path.split('/').collect()
        };
        match parts.as_slice() {
            [] => Some(Route::Start),
            ["history"] => Some(Route::History),
            ["data"] => Some(Route::Data),
            ["criteria"] => Some(Route::Criteria),
            ["criteria", key] => Some(Route::Edit {
                draft: decode(key).filter(|k| !k.is_empty())?.into(),
            }),
            // The payload's alphabet (base64url) has no '/' nor '%'; it is checked when read.
            ["add", payload] if !payload.is_empty() => Some(Route::Add {
                payload: (*payload).into(),
            }),
            ["rounds"] => Some(Route::Rounds),
            ["round", id] => Some(Route::Round {
                id: decode(id).filter(|k| !k.is_empty())?.into(),
                tab: RoundTab::Invite,
            }),
            ["round", id, tab] => Some(Route::Round {
                id: decode(id).filter(|k| !k.is_empty())?.into(),
                tab: RoundTab::parse(tab)?,
            }),
            ["vote", payload] if !payload.is_empty() => Some(Route::Vote {
                payload: (*payload).into(),
            }),
            ["in", ballot] if !ballot.is_empty() => Some(Route::BallotIn {
                ballot: (*ballot).into(),
            }),
            ["workshop"] => Some(Route::Workshop),
            ["join", code] if !code.is_empty() => Some(Route::Join {
                code: (*code).into(),
            }),
            ["result", fw, period] => Some(Route::Result {
                record: RecordKey::parse(fw, period)?,
            }),
            ["assess", fw, period] => Some(Route::Assess {
                record: RecordKey::parse(fw, period)?,
                step: 0,
            }),
            ["assess", fw, period, step] => Some(Route::Assess {
                record: RecordKey::parse(fw, period)?,
                step: step.parse::<usize>().ok().filter(|s| *s >= 1)? - 1,
            }),
            _ => None,
        }
    }
}

/// Percent-encodes every byte outside `A-Z a-z 0-9 . _ -`.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"._-".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(fw: &str, nth: usize) -> RecordKey {
        RecordKey {
            framework: fw.into(),
            start: "2026-07-01".parse().unwrap(),
            end: "2026-12-31".parse().unwrap(),
            nth,
        }
    }

    #[test]
    fn routes_read_back_what_they_write() {
        let routes = [
            Route::Start,
            Route::History,
            Route::Data,
            Route::Result {
                record: key("member-five-leads", 0),
            },
            Route::Assess {
                record: key("member-five-leads", 1),
                step: 4,
            },
            Route::Result {
                record: key("单位 标准/1", 0),
            },
            Route::Criteria,
            Route::Edit { draft: "d1".into() },
            Route::Add {
                payload: "zq1YKs9LyY_PS8ls".into(),
            },
            Route::Rounds,
            Route::Round {
                id: "0f3a".into(),
                tab: RoundTab::Collect,
            },
            Route::Vote {
                payload: "zq1YKs9L".into(),
            },
            Route::BallotIn {
                ballot: "b1.ab.cd.ef".into(),
            },
            Route::Workshop,
            Route::Join {
                code: "K7M3QX".into(),
            },
        ];
        for r in routes {
            assert_eq!(
                Route::parse(&r.to_hash()),
                Some(r.clone()),
                "{}",
                r.to_hash()
            );
        }
        assert_eq!(
            Route::Assess {
                record: key("member-five-leads", 1),
                step: 4
            }
            .to_hash(),
            "#/assess/member-five-leads/2026-H2~2/5"
        );
        assert_eq!(
            Route::Result {
                record: key("单位 标准/1", 0)
            }
            .to_hash(),
            "#/result/%E5%8D%95%E4%BD%8D%20%E6%A0%87%E5%87%86%2F1/2026-H2"
        );
    }

    #[test]
    fn empty_and_unknown_hashes() {
        assert_eq!(Route::parse(""), Some(Route::Start));
        assert_eq!(Route::parse("#"), Some(Route::Start));
        assert_eq!(Route::parse("#/"), Some(Route::Start));
        assert_eq!(Route::parse("#/history/"), Some(Route::History));
        assert_eq!(
            Route::parse("#/assess/member-five-leads/2026-H2"),
            Some(Route::Assess {
                record: key("member-five-leads", 0),
                step: 0
            })
        );
        for bad in [
            "#/nowhere",
            "#/result/member-five-leads",
            "#/result/member-five-leads/2026-H3",
            "#/assess/member-five-leads/2026-H2/0",
            "#/assess/member-five-leads/2026-H2/x",
            "#/result/member-five-leads/2026-H2~1",
            "#/result/%ZZ/2026-H2",
            "#/round/0f3a/nowhere",
            "#/round//invite",
            "#/vote/",
        ] {
            assert_eq!(Route::parse(bad), None, "{bad}");
        }
    }
}
