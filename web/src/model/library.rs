//! The library: every document the app keeps for its user — the assessments (one per framework
//! and period, in the order they were made), the stored texts this version could not read, and
//! the originals of assessments migrated to a new framework version. It is what storage saves
//! (`services/storage.rs`); with them the unit's own criteria, drafts and published
//! (`model/criteria.rs`). Rating rounds will join it.
//!
//! **Invariant: nothing stored is discarded.** An unreadable document stays in `unreadable`; a
//! migrated assessment's original goes to `archived`; only the user's "delete" removes.
//!
//! [`Library::reduce`] applies a [`LibraryAction`] and says what followed ([`Outcome`]); it is
//! pure (today and the loaded frameworks come in [`Cx`]), so the tests drive it directly.

use super::criteria::{Draft, Own};
use super::engine::Engine;
use super::notice::Notice;
use super::own_sheet::{set_own_note, set_own_rating};
use cxzy_core::{
    Assessment, AssessmentSchema, Commitment, CommitmentStatus, Date, DeductionClaim, FrameworkRef,
    Id, Lang, Period, Rating, SubjectInfo,
};
use serde_json::Value;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Library {
    /// Every period's assessment, in the order they were made.
    pub records: Vec<Rc<Assessment>>,
    /// Stored documents this version could not read, kept as they were.
    pub unreadable: Vec<Value>,
    /// Assessments as they were before a framework update migrated them.
    pub archived: Vec<Value>,
    /// Members of the stored document this version does not know (a newer version's criteria
    /// or rounds, say), kept as they were and written back, so that an older tab never drops
    /// what a newer one saved.
    /// Each as (its key, its value's JSON text).
    pub other: Vec<(String, String)>,
    /// Drafts of the unit's own criteria, valid or not.
    pub drafts: Vec<Draft>,
    /// The user's own frameworks (published or added), every version, in the order added.
    pub own: Vec<Own>,
    /// Rating rounds this device owns, each a `cxzy/round-archive@1` document (its key, the
    /// ballots accepted, the decisions) as stored: every build keeps them, the rounds build
    /// (`rounds/`) reads them.
    pub rounds: Vec<Rc<Value>>,
}

/// The id of a stored round (`key.round.id` of its archive).
pub fn round_id(archive: &Value) -> Option<&str> {
    archive.pointer("/key/round/id").and_then(Value::as_str)
}

/// What the start page asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Begin {
    /// A framework id (or, for the portal element, the URL it was loaded from).
    pub framework: Id,
    pub period: Period,
    pub subject: SubjectInfo,
}

/// A change the user makes to the record on screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Rate {
        indicator: Id,
        rating: Option<Rating>,
    },
    Note {
        indicator: Id,
        text: String,
    },
    /// Several ratings at once (what-if changes kept).
    Ratings(Vec<(Id, Option<Rating>)>),
    Bonus {
        item: Id,
        on: bool,
    },
    Deduction {
        item: Id,
        count: u32,
    },
    /// A bonus or deduction item claimed `count` times (version 2: `adjustments`; 0 unclaims).
    Adjustment {
        item: Id,
        count: u32,
    },
    Veto {
        id: Id,
        on: bool,
    },
    AddCommitment {
        text: String,
        dimension: Option<Id>,
        due: Date,
    },
    CommitmentStatus {
        id: Id,
        status: CommitmentStatus,
    },
    RemoveCommitment(Id),
}

pub enum LibraryAction {
    /// Opens (or creates) the record of a framework and period.
    Begin(Begin),
    /// Changes the record on screen.
    Edit(Edit),
    Delete(usize),
    DeleteAll,
    Import(Vec<Assessment>),
    /// The portal's host set the assessment: it takes the place of the record of the same
    /// framework and period (other periods stored under the host's key stay).
    Replace(Assessment),
    /// Creates or replaces a draft of criteria.
    SaveDraft(Draft),
    DeleteDraft(Rc<str>),
    /// Adds a framework of the user's own (checked by `criteria::check_own` first), replacing an
    /// entry of the same id and version.
    AddOwn(Own),
    /// Creates or replaces a rating round (a `cxzy/round-archive@1` document), by its id.
    SaveRound(Rc<Value>),
    DeleteRound(String),
}

/// What the library reducer needs from outside: the loaded frameworks, the record on screen,
/// today, the language of messages, and whether changes are refused (read-only element).
pub struct Cx<'a> {
    pub engines: &'a [Engine],
    /// Finds a loaded framework by id, or by the key (URL) it was loaded from.
    pub find: &'a dyn Fn(&str) -> Option<Engine>,
    pub current: Option<usize>,
    pub today: Date,
    pub lang: Lang,
    pub readonly: bool,
}

/// What an action did, for the other concerns: save and rescore, which record to show, notices.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    /// The library changed (save it).
    pub changed: bool,
    /// The user changed the record on screen (the portal's host hears of it).
    pub edited: bool,
    /// Show this record.
    pub open: Option<usize>,
    /// This record was removed (the one on screen may move down by one, or be gone).
    pub removed: Option<usize>,
    /// Everything was deleted.
    pub cleared: bool,
    /// An own framework was added: the app prepares it and migrates the records of its id.
    pub added: Option<Rc<Value>>,
    /// A start whose framework has not loaded yet.
    pub waiting: Option<Begin>,
    pub notices: Vec<Notice>,
}

impl Library {
    /// A stored round (its `cxzy/round-archive@1` value) by id.
    pub fn round(&self, id: &str) -> Option<&Rc<Value>> {
        self.rounds.iter().find(|r| round_id(r) == Some(id))
    }

    pub fn get(&self, i: usize) -> Option<&Rc<Assessment>> {
        self.records.get(i)
    }

    /// The index of the record of a framework and period (the first if several).
    pub fn position(&self, framework: &str, period: &Period) -> Option<usize> {
        self.records.iter().position(|r| {
            *r.framework.id == *framework
                && r.period.start == period.start
                && r.period.end == period.end
        })
    }

    /// The previous period's record of the same framework as `records[i]`: the latest that ended
    /// before it started.
    pub fn previous(&self, i: usize) -> Option<&Rc<Assessment>> {
        let a = self.records.get(i)?;
        self.records
            .iter()
            .filter(|r| r.framework.id == a.framework.id && r.period.end < a.period.start)
            .max_by_key(|r| r.period.end)
    }

    pub fn reduce(&mut self, action: LibraryAction, cx: &Cx) -> Outcome {
        let mut out = Outcome::default();
        match action {
            LibraryAction::Begin(begin) => match (cx.find)(&begin.framework) {
                Some(engine) => {
                    out.open = Some(self.begin(begin, &engine));
                    out.changed = true;
                }
                None => out.waiting = Some(begin),
            },
            LibraryAction::Edit(edit) => {
                if cx.readonly {
                    return out;
                }
                let Some(i) = cx.current else { return out };
                let Some(engine) = self.records.get(i).and_then(|a| (cx.find)(&a.framework.id))
                else {
                    return out;
                };
                if let Some(record) = self.records.get_mut(i) {
                    let a = Rc::make_mut(record);
                    fit_schema(a, &engine);
                    apply(a, &engine, edit, cx.today);
                    out.changed = true;
                    out.edited = true;
                }
            }
            LibraryAction::Delete(i) => {
                if i < self.records.len() {
                    self.records.remove(i);
                    out.removed = Some(i);
                    out.changed = true;
                }
            }
            LibraryAction::DeleteAll => {
                *self = Library::default();
                out.cleared = true;
                out.changed = true;
                out.notices.push(Notice::DeletedAll);
            }
            LibraryAction::Import(list) => {
                let n = list.len();
                self.records.extend(list.into_iter().map(Rc::new));
                if n > 0 {
                    out.open = Some(self.records.len() - 1);
                }
                out.notices.push(Notice::Imported(n));
                out.notices.extend(self.migrate_all(cx.engines, cx.lang));
                out.changed = true;
            }
            LibraryAction::SaveDraft(draft) => {
                match self.drafts.iter_mut().find(|d| d.key == draft.key) {
                    Some(slot) if *slot == draft => return out,
                    Some(slot) => *slot = draft,
                    None => self.drafts.push(draft),
                }
                out.changed = true;
            }
            LibraryAction::DeleteDraft(key) => {
                let before = self.drafts.len();
                self.drafts.retain(|d| d.key != key);
                out.changed = self.drafts.len() != before;
            }
            LibraryAction::AddOwn(own) => {
                let (id, version) = (own.id().to_owned(), own.version().to_owned());
                self.own
                    .retain(|o| !(o.id() == id && o.version() == version));
                out.added = Some(own.framework.clone());
                self.own.push(own);
                out.changed = true;
            }
            LibraryAction::SaveRound(archive) => {
                let Some(id) = round_id(&archive).map(str::to_owned) else {
                    return out;
                };
                match self
                    .rounds
                    .iter_mut()
                    .find(|r| round_id(r) == Some(id.as_str()))
                {
                    Some(slot) if **slot == *archive => return out,
                    Some(slot) => *slot = archive,
                    None => self.rounds.push(archive),
                }
                out.changed = true;
            }
            LibraryAction::DeleteRound(id) => {
                let before = self.rounds.len();
                self.rounds.retain(|r| round_id(r) != Some(id.as_str()));
                out.changed = self.rounds.len() != before;
            }
            LibraryAction::Replace(a) => {
                let i = match self.position(&a.framework.id, &a.period) {
                    Some(i) => {
                        if let Some(slot) = self.records.get_mut(i) {
                            *slot = Rc::new(a);
                        }
                        i
                    }
                    None => {
                        self.records.push(Rc::new(a));
                        self.records.len() - 1
                    }
                };
                out.open = Some(i);
                out.notices.extend(self.migrate_all(cx.engines, cx.lang));
                out.changed = true;
            }
        }
        out
    }

    /// Opens the record of the framework and period, or creates it; returns its index.
    pub fn begin(&mut self, begin: Begin, engine: &Engine) -> usize {
        let fw = engine.framework();
        match self.position(&fw.id, &begin.period) {
            Some(i) => {
                if !begin.subject.is_empty() {
                    if let Some(r) = self.records.get_mut(i) {
                        Rc::make_mut(r).subject = begin.subject;
                    }
                }
                i
            }
            None => {
                self.records
                    .push(Rc::new(engine.blank(begin.subject, begin.period)));
                self.records.len() - 1
            }
        }
    }

    /// Brings assessments made against another version of `engine`'s framework onto this one:
    /// ratings the new version still accepts carry over, the rest are dropped from the working
    /// copy, and the original document is archived (never discarded). One notice per record.
    pub fn migrate(&mut self, engine: &Engine, lang: Lang) -> Vec<Notice> {
        let fw = engine.framework();
        let digest = engine.digest().to_owned();
        let mut notices = Vec::new();
        for k in 0..self.records.len() {
            let Some(record) = self.records.get(k) else {
                continue;
            };
            let r = &record.framework;
            let same = r.id == fw.id
                && r.version == fw.version
                && r.digest.as_deref().is_none_or(|d| d == digest);
            if r.id != fw.id || same {
                continue;
            }
            // Through the text: one (compact) serializer for every type keeps the WASM small.
            let original = serde_json::to_string(&**record)
                .ok()
                .and_then(|text| serde_json::from_str::<Value>(&text).ok())
                .unwrap_or(Value::Null);
            let mut a = (**record).clone();
            fit_schema(&mut a, engine);
            a.framework = FrameworkRef {
                id: fw.id.clone(),
                version: fw.version.clone(),
                digest: Some(digest.clone()),
            };
            let dropped = drop_unfit(&mut a, engine);
            self.archived.push(original);
            notices.push(Notice::Migrated {
                title: fw.title.get(lang).to_owned(),
                version: fw.version.clone(),
                dropped,
            });
            if let Some(slot) = self.records.get_mut(k) {
                *slot = Rc::new(a);
            }
        }
        notices
    }

    /// Migrates every record whose framework has loaded (see [`Library::migrate`]).
    pub fn migrate_all(&mut self, engines: &[Engine], lang: Lang) -> Vec<Notice> {
        engines.iter().flat_map(|e| self.migrate(e, lang)).collect()
    }
}

/// An assessment of a framework of version 2 is of version 2 too (it may hold counts, ticks and
/// counted claims, which version 1 cannot say); one of version 1 stays as it is, byte for byte.
fn fit_schema(a: &mut Assessment, engine: &Engine) {
    let version = engine.framework().schema.version();
    if a.schema.version() < version {
        if let Some(schema) = AssessmentSchema::of_version(version) {
            a.schema = schema;
        }
    }
}

/// Applies one edit to an assessment.
fn apply(a: &mut Assessment, engine: &Engine, edit: Edit, today: Date) {
    match edit {
        Edit::Rate { indicator, rating } => set_own_rating(a, engine, &indicator, rating),
        Edit::Note { indicator, text } => set_own_note(a, engine, &indicator, text),
        Edit::Ratings(list) => {
            for (indicator, rating) in list {
                set_own_rating(a, engine, &indicator, rating);
            }
        }
        Edit::Bonus { item, on } => {
            a.bonus.retain(|b| *b != item);
            if on {
                a.bonus.push(item);
            }
        }
        Edit::Deduction { item, count } => {
            a.deductions.retain(|d| d.item != item);
            if count > 0 {
                a.deductions.push(DeductionClaim { item, count });
            }
        }
        Edit::Adjustment { item, count } => {
            // One claim per item across the three lists (spec §11.2).
            a.bonus.retain(|b| *b != item);
            a.deductions.retain(|d| d.item != item);
            a.adjustments.retain(|d| d.item != item);
            if count > 0 {
                a.adjustments.push(DeductionClaim { item, count });
            }
        }
        Edit::Veto { id, on } => {
            a.vetoes.retain(|v| *v != id);
            if on {
                a.vetoes.push(id);
            }
        }
        Edit::AddCommitment {
            text,
            dimension,
            due,
        } => {
            let n = (1..)
                .map(|k| format!("c{k}"))
                .find(|id| !a.commitments.iter().any(|c| &*c.id == id.as_str()))
                .unwrap_or_default();
            a.commitments.push(Commitment {
                id: n.into(),
                text: text.trim().to_owned(),
                dimension,
                due,
                status: CommitmentStatus::Planned,
                done_on: None,
            });
        }
        Edit::CommitmentStatus { id, status } => {
            if let Some(c) = a.commitments.iter_mut().find(|c| c.id == id) {
                c.status = status;
                c.done_on =
                    (status == CommitmentStatus::Done).then_some(c.done_on.unwrap_or(today));
            }
        }
        Edit::RemoveCommitment(id) => a.commitments.retain(|c| c.id != id),
    }
}

/// Removes every rating, claim and note the engine rejects (after a framework update); returns
/// how many were removed.
fn drop_unfit(a: &mut Assessment, engine: &Engine) -> usize {
    let mut dropped = 0;
    // Each pass removes what the errors point at; paths are JSON pointers into the assessment.
    for _ in 0..4 {
        let errors = engine.check(a);
        if errors.is_empty() {
            break;
        }
        // Whole sheets go last, highest index first, so earlier paths still point where they did.
        let mut doomed: Vec<usize> = Vec::new();
        for e in &errors {
            let parts: Vec<&str> = e.path.split('/').collect();
            match parts.as_slice() {
                ["", "sheets", s, "ratings", key, ..] | ["", "sheets", s, "notes", key, ..] => {
                    let key = unescape(key);
                    if let Some(sheet) = s.parse::<usize>().ok().and_then(|s| a.sheets.get_mut(s)) {
                        if sheet.ratings.remove(key.as_str()).is_some() {
                            dropped += 1;
                        }
                        sheet.notes.remove(key.as_str());
                    }
                }
                ["", "sheets", s, ..] => {
                    if let Ok(s) = s.parse::<usize>() {
                        if s < a.sheets.len() && !doomed.contains(&s) {
                            doomed.push(s);
                        }
                    }
                }
                ["", "bonus", ..]
                | ["", "deductions", ..]
                | ["", "adjustments", ..]
                | ["", "vetoes", ..]
                | ["", "commitments", ..] => {
                    let claims = |a: &Assessment| {
                        a.bonus.len() + a.deductions.len() + a.adjustments.len() + a.vetoes.len()
                    };
                    let before = claims(a);
                    let fw = engine.framework();
                    let in_list = |list: &Option<cxzy_core::Adjustments>, id: &str| {
                        list.as_ref()
                            .is_some_and(|l| l.items.iter().any(|i| &*i.id == id))
                    };
                    a.bonus.retain(|b| in_list(&fw.bonus, b));
                    a.deductions.retain(|d| in_list(&fw.deductions, &d.item));
                    a.adjustments.retain(|d| {
                        in_list(&fw.bonus, &d.item) || in_list(&fw.deductions, &d.item)
                    });
                    a.vetoes.retain(|v| fw.vetoes.iter().any(|x| x.id == *v));
                    for c in &mut a.commitments {
                        if c.dimension
                            .as_ref()
                            .is_some_and(|d| !fw.dimensions.iter().any(|x| x.id == *d))
                        {
                            c.dimension = None;
                        }
                    }
                    dropped += before - claims(a);
                }
                _ => {}
            }
        }
        doomed.sort_unstable_by(|x, y| y.cmp(x));
        for s in doomed {
            if s < a.sheets.len() {
                dropped += a.sheets.remove(s).ratings.len();
            }
        }
    }
    dropped
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}
