//! The app's one state and its pure reducer: every change a user makes is an `Action`; after each,
//! the current assessment is rescored by the engine (and its what-if copy, and the trend).

use crate::services::engine::Engine;
use crate::services::frameworks::LoadError;
use crate::services::storage::{StorageHealth, Stored};
use cxzy_core::{
    trend, Assessment, AssessmentSchema, Commitment, CommitmentStatus, Date, DeductionClaim,
    Diagnostic, FrameworkRef, Id, Lang, Period, Rating, ScoreResult, Sheet, SubjectInfo, Trend,
};
use serde_json::Value;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

/// The pages of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Start,
    Assess,
    Result,
    History,
    Data,
}

/// A scored assessment: the engine's result or its errors.
pub type Scored = Result<ScoreResult, Vec<Diagnostic>>;

/// A message shown at the top until dismissed.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    OtherTab,
    Unreadable,
    Migrated {
        title: String,
        version: String,
        dropped: usize,
    },
    Imported(usize),
    ImportFailed(Vec<String>),
    DeletedAll,
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub lang: Lang,
    /// Today's date from the browser's clock, passed to the engine for overdue commitments.
    pub today: Date,
    pub page: Page,
    /// Every period's assessment, in the order they were made.
    pub records: Vec<Rc<Assessment>>,
    pub current: Option<usize>,
    /// The dimension shown on the assess page (one past the last: the organisation's records).
    pub step: usize,
    /// Loaded frameworks.
    pub engines: Vec<Rc<Engine>>,
    /// Frameworks that failed to load, with why.
    pub failed: Vec<(Id, LoadError)>,
    /// A start waiting for its framework to load.
    pub pending: Option<Begin>,
    /// The current assessment's result.
    pub result: Option<Rc<Scored>>,
    /// What-if ratings on the result page (indicator → rating; `None` clears), not saved.
    pub what_if: BTreeMap<Id, Option<Rating>>,
    pub what_if_result: Option<Rc<Scored>>,
    /// The change since the previous period of the same framework.
    pub trend: Option<Rc<Trend>>,
    pub notices: Vec<Notice>,
    pub storage: StorageHealth,
    /// Stored documents this version could not read, kept as they were (never discarded).
    pub unreadable: Vec<Value>,
    /// Assessments as they were before a framework update migrated them.
    pub archived: Vec<Value>,
    /// The stored revision this state derives from, and whether it has changes not yet saved.
    pub base_rev: u64,
    pub dirty: u64,
    /// Where the data is saved in local storage (`None`: not saved; the host keeps it).
    pub storage_key: Option<Rc<str>>,
    /// Set when the app runs as the portal element.
    pub embedded: Option<Rc<Embedding>>,
    /// Frameworks fetched from a URL: (URL, framework id).
    pub loaded_from: Vec<(Id, Id)>,
    /// Set for one `External`: the user chose the other tab's data.
    pub forced: bool,
    /// Counts the changes the host of the portal element hears of: a user's change, and the
    /// first result of an assessment (not a language switch, not the host's own `Replace`).
    pub notify: u64,
    /// The previous period's result (for the radar's second series).
    pub previous_result: Option<Rc<ScoreResult>>,
}

/// The app inside a portal's page (`<cxzy-assessment>`): one framework (by URL), one period,
/// storage only under the host's key, events to the host.
#[derive(Clone, Debug, PartialEq)]
pub struct Embedding {
    /// The framework's URL (a built-in's file, or the portal's own 具体条件).
    pub source: Id,
    /// Show the result only; no editing.
    pub readonly: bool,
}

/// What the start page asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Begin {
    pub framework: Id,
    pub period: Period,
    pub subject: SubjectInfo,
}

pub enum Action {
    SetLang(Lang),
    Go(Page),
    Step(usize),
    Loaded(Rc<Engine>),
    /// A framework fetched from a key (a built-in id or a URL).
    LoadedFrom(Id, Rc<Engine>),
    /// The host set the assessment (the element's `assessment` property).
    Replace(Assessment),
    LoadFailed(Id, LoadError),
    Retry(Id),
    Begin(Begin),
    Rate {
        indicator: Id,
        rating: Option<Rating>,
    },
    Note {
        indicator: Id,
        text: String,
    },
    Bonus {
        item: Id,
        on: bool,
    },
    Deduction {
        item: Id,
        count: u32,
    },
    Veto {
        id: Id,
        on: bool,
    },
    WhatIf {
        indicator: Id,
        rating: Option<Rating>,
    },
    WhatIfReset,
    WhatIfKeep,
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
    Open(usize),
    Delete(usize),
    DeleteAll,
    Import(Vec<Assessment>),
    ImportFailed(Vec<String>),
    /// Another tab saved: adopt its data (unless this tab has a change not yet saved).
    External(Stored),
    /// The user chose the other tab's data over this tab's change.
    LoadOther(Stored),
    Saved(u64),
    Storage(StorageHealth),
    /// The user chose to overwrite the other tab's data with this tab's.
    Overwrite(u64),
    /// Dismisses a notice (by value: another may have arrived since it was shown).
    Dismiss(Notice),
}

impl State {
    /// The state a page starts with: the stored data (if any), the language, today.
    pub fn new(stored: Option<Stored>, storage: StorageHealth, lang: Lang, today: Date) -> State {
        let mut state = State {
            lang,
            today,
            page: Page::Start,
            records: Vec::new(),
            current: None,
            step: 0,
            engines: Vec::new(),
            failed: Vec::new(),
            pending: None,
            result: None,
            what_if: BTreeMap::new(),
            what_if_result: None,
            trend: None,
            notices: Vec::new(),
            storage,
            unreadable: Vec::new(),
            archived: Vec::new(),
            base_rev: 0,
            dirty: 0,
            storage_key: Some(crate::services::storage::KEY.into()),
            embedded: None,
            loaded_from: Vec::new(),
            forced: false,
            notify: 0,
            previous_result: None,
        };
        if let Some(stored) = stored {
            state.adopt(stored);
            if state.current.is_some() {
                state.page = Page::Result;
            }
        }
        state
    }

    /// The state of the portal element: the host's assessment (or the stored one, or a new one
    /// for `period` once the framework has loaded).
    pub fn embedded(
        embedding: Embedding,
        stored: Option<Stored>,
        storage_key: Option<Rc<str>>,
        health: StorageHealth,
        lang: Lang,
        today: Date,
        period: Period,
    ) -> State {
        let mut state = State::new(stored, health, lang, today);
        state
            .notices
            .retain(|n| *n != Notice::Unreadable || storage_key.is_some());
        state.storage_key = storage_key;
        state.page = if embedding.readonly {
            Page::Result
        } else {
            Page::Assess
        };
        state.pending = Some(Begin {
            framework: embedding.source.clone(),
            period,
            subject: SubjectInfo::default(),
        });
        state.embedded = Some(Rc::new(embedding));
        state
    }

    fn adopt(&mut self, stored: Stored) {
        if let Some(lang) = stored.lang {
            self.lang = lang;
        }
        if !stored.unreadable.is_empty() && stored.unreadable.len() > self.unreadable.len() {
            self.notices.push(Notice::Unreadable);
        }
        // This tab stays where it is (the same framework and period), whatever the other tab had
        // open; on first load, the stored place.
        let here = self
            .assessment()
            .map(|a| (a.framework.id.clone(), a.period.start, a.period.end));
        self.records = stored.assessments.into_iter().map(Rc::new).collect();
        self.current = match here {
            Some((id, start, end)) => self.records.iter().position(|r| {
                r.framework.id == id && r.period.start == start && r.period.end == end
            }),
            None => stored.current.filter(|&i| i < self.records.len()),
        };
        self.unreadable = stored.unreadable;
        self.archived = stored.archived;
        self.base_rev = stored.rev;
        self.what_if.clear();
        // No migration here: another tab's data is taken as it is (a tab still holding an older
        // framework must not migrate a newer tab's records back and forth).
        self.rescore();
    }

    /// The portal element in read-only mode: no change is accepted.
    pub fn readonly(&self) -> bool {
        self.embedded.as_ref().is_some_and(|e| e.readonly)
    }

    pub fn assessment(&self) -> Option<&Rc<Assessment>> {
        self.current.and_then(|i| self.records.get(i))
    }

    pub fn engine(&self, id: &str) -> Option<&Rc<Engine>> {
        self.engines.iter().find(|e| &**e.id() == id)
    }

    /// The engine of the current assessment, once its framework has loaded.
    pub fn current_engine(&self) -> Option<&Rc<Engine>> {
        self.assessment().and_then(|a| self.engine(&a.framework.id))
    }

    /// The framework ids the app needs now (the root fetches those not loaded).
    pub fn wanted(&self) -> Vec<Id> {
        if let Some(e) = &self.embedded {
            let known = self.loaded_from.iter().any(|(k, _)| *k == e.source)
                || self.failed.iter().any(|(k, _)| *k == e.source);
            return if known {
                Vec::new()
            } else {
                vec![e.source.clone()]
            };
        }
        let mut ids: Vec<Id> = Vec::new();
        if let Some(a) = self.assessment() {
            ids.push(a.framework.id.clone());
        }
        if let Some(p) = &self.pending {
            ids.push(p.framework.clone());
        }
        ids.retain(|id| self.engine(id).is_none() && !self.failed.iter().any(|(f, _)| f == id));
        ids.dedup();
        ids
    }

    /// The rating the app's own sheet holds for an indicator.
    pub fn rating(&self, engine: &Engine, indicator: &str) -> Option<Rating> {
        let a = self.assessment()?;
        rating_in(a, engine, indicator)
    }

    pub fn note(&self, engine: &Engine, indicator: &str) -> Option<String> {
        note_in(self.assessment()?, engine, indicator)
    }

    /// The previous period's assessment of the same framework: the latest that ended before the
    /// current one started.
    pub fn previous(&self) -> Option<&Rc<Assessment>> {
        let a = self.assessment()?;
        self.records
            .iter()
            .filter(|r| r.framework.id == a.framework.id && r.period.end < a.period.start)
            .max_by_key(|r| r.period.end)
    }

    fn touch(&mut self) {
        self.dirty += 1;
    }

    /// Rescores the current assessment, its what-if copy and the trend.
    fn rescore(&mut self) {
        let had_result = matches!(self.result.as_deref(), Some(Ok(_)));
        self.rescore_inner();
        if !had_result && matches!(self.result.as_deref(), Some(Ok(_))) {
            self.notify += 1;
        }
    }

    fn rescore_inner(&mut self) {
        self.previous_result = None;
        self.result = None;
        self.what_if_result = None;
        self.trend = None;
        let (Some(a), Some(engine)) = (self.assessment().cloned(), self.current_engine().cloned())
        else {
            return;
        };
        let scored = engine.score(&a, self.today);
        if !self.what_if.is_empty() {
            let mut copy = (*a).clone();
            for (indicator, rating) in &self.what_if {
                set_rating(&mut copy, &engine, indicator, rating.clone());
            }
            self.what_if_result = Some(Rc::new(engine.score(&copy, self.today)));
        }
        if let (Ok(current), Some(prev)) = (&scored, self.previous()) {
            if let Ok(previous) = engine.score(prev, self.today) {
                self.trend = trend(engine.framework, &previous.summary(), &current.summary())
                    .ok()
                    .map(Rc::new);
                self.previous_result = Some(Rc::new(previous));
            }
        }
        self.result = Some(Rc::new(scored));
    }

    /// Edits the current assessment (copy on write) and rescores.
    fn edit(&mut self, f: impl FnOnce(&mut Assessment, &Engine)) {
        if self.readonly() {
            return;
        }
        let Some(i) = self.current else { return };
        let Some(engine) = self.current_engine().cloned() else {
            return;
        };
        if let Some(record) = self.records.get_mut(i) {
            f(Rc::make_mut(record), &engine);
            self.touch();
            self.rescore();
            self.notify += 1;
        }
    }

    /// Brings assessments made against another version of `engine`'s framework onto this one:
    /// ratings the new version still accepts carry over, the rest are dropped from the working
    /// copy, and the original document is archived (never discarded).
    fn migrate(&mut self, engine: &Engine) {
        let fw = engine.framework;
        let digest = engine.scorer.digest().to_owned();
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
            let original = serde_json::to_string(&**record)
                .ok()
                .and_then(|text| serde_json::from_str::<Value>(&text).ok())
                .unwrap_or(Value::Null);
            let mut a = (**record).clone();
            a.framework = FrameworkRef {
                id: fw.id.clone(),
                version: fw.version.clone(),
                digest: Some(digest.clone()),
            };
            let dropped = drop_unfit(&mut a, engine);
            self.archived.push(original);
            self.notices.push(Notice::Migrated {
                title: fw.title.get(self.lang).to_owned(),
                version: fw.version.clone(),
                dropped,
            });
            if let Some(slot) = self.records.get_mut(k) {
                *slot = Rc::new(a);
            }
            self.touch();
        }
    }

    /// Migrates every record whose framework has loaded (see [`State::migrate`]).
    fn migrate_all(&mut self) {
        let engines = self.engines.clone();
        for engine in engines {
            self.migrate(&engine);
        }
    }

    fn begin(&mut self, begin: Begin, engine: &Engine) {
        let fw = engine.framework;
        let existing = self.records.iter().position(|r| {
            r.framework.id == fw.id
                && r.period.start == begin.period.start
                && r.period.end == begin.period.end
        });
        match existing {
            Some(i) => {
                self.current = Some(i);
                if !begin.subject.is_empty() {
                    if let Some(r) = self.records.get_mut(i) {
                        Rc::make_mut(r).subject = begin.subject;
                    }
                }
            }
            None => {
                self.records.push(Rc::new(Assessment {
                    schema: AssessmentSchema,
                    framework: FrameworkRef {
                        id: fw.id.clone(),
                        version: fw.version.clone(),
                        digest: Some(engine.scorer.digest().to_owned()),
                    },
                    subject: begin.subject,
                    period: begin.period,
                    as_of: None,
                    sheets: Vec::new(),
                    bonus: Vec::new(),
                    deductions: Vec::new(),
                    vetoes: Vec::new(),
                    commitments: Vec::new(),
                }));
                self.current = Some(self.records.len() - 1);
            }
        }
        self.step = 0;
        self.page = match &self.embedded {
            Some(e) if e.readonly => Page::Result,
            _ => Page::Assess,
        };
        self.what_if.clear();
        self.touch();
        self.rescore();
    }

    /// Whether a pending start waits for this engine (by id, or by the URL it came from).
    fn awaits(&self, pending: &Begin, engine: &Engine) -> bool {
        pending.framework == *engine.id()
            || self
                .loaded_from
                .iter()
                .any(|(k, id)| *k == pending.framework && id == engine.id())
    }

    fn loaded(&mut self, engine: Rc<Engine>) {
        if self.engine(engine.id()).is_none() {
            self.engines.push(engine.clone());
        }
        // The element's host gave an assessment of another framework than the element's.
        if let (Some(_), Some(a)) = (&self.embedded, self.assessment()) {
            if a.framework.id != *engine.id() && self.pending.is_none() {
                let d = cxzy_core::Diagnostic::new(
                    cxzy_core::Code::FrameworkMismatch,
                    "/framework/id",
                    format!(
                        "the assessment is for framework \"{}\", the element shows \"{}\"",
                        a.framework.id,
                        engine.id()
                    ),
                    format!(
                        "测评所用标准为「{}」,本组件的标准为「{}」",
                        a.framework.id,
                        engine.id()
                    ),
                );
                self.notices.push(Notice::ImportFailed(vec![format!(
                    "{} ({}, {})",
                    d.message(self.lang),
                    d.path,
                    d.code.as_str()
                )]));
            }
        }
        self.failed.retain(|(id, _)| id != engine.id());
        self.migrate(&engine);
        match self.pending.take() {
            Some(p) if self.awaits(&p, &engine) => {
                let p = Begin {
                    framework: engine.id().clone(),
                    ..p
                };
                self.begin(p, &engine);
            }
            other => {
                self.pending = other;
                self.rescore();
            }
        }
    }
}

/// A half-year (checks are half-yearly, 000 四): 1 January – 30 June, or 1 July – 31 December;
/// `None` for a year outside the calendar's range.
pub fn half_year(year: i32, first: bool) -> Option<Period> {
    let ((m1, d1), (m2, d2)) = if first {
        ((1, 1), (6, 30))
    } else {
        ((7, 1), (12, 31))
    };
    Some(Period {
        start: Date::from_ymd_opt(year, m1, d1)?,
        end: Date::from_ymd_opt(year, m2, d2)?,
        label: None,
    })
}

/// The half-year `today` falls in.
pub fn half_year_of(today: Date) -> Period {
    use chrono::Datelike;
    half_year(today.year(), today.month() <= 6).unwrap_or(Period {
        start: today,
        end: today,
        label: None,
    })
}

/// The sheet the app edits for an indicator (see [`Engine::edit_source`]), if there is one yet.
pub fn edit_sheet<'a>(a: &'a Assessment, engine: &Engine, indicator: &str) -> Option<&'a Sheet> {
    let source = engine.edit_source(engine.indicator(indicator)?)?;
    a.sheets.iter().find(|s| s.source == source)
}

/// The rating an assessment's app-edited sheet holds for an indicator.
pub fn rating_in(a: &Assessment, engine: &Engine, indicator: &str) -> Option<Rating> {
    edit_sheet(a, engine, indicator).and_then(|s| s.ratings.get(indicator).cloned())
}

/// The note (事迹 / 证据) an assessment's app-edited sheet holds for an indicator.
pub fn note_in(a: &Assessment, engine: &Engine, indicator: &str) -> Option<String> {
    edit_sheet(a, engine, indicator).and_then(|s| s.notes.get(indicator).cloned())
}

/// Drops the sheets an edit left empty (no rating, note, rater or submission date).
fn prune_sheets(a: &mut Assessment) {
    a.sheets.retain(|s| {
        !s.ratings.is_empty() || !s.notes.is_empty() || s.rater.is_some() || s.submitted.is_some()
    });
}

/// Sets (or clears) an indicator's rating on the sheet the app edits for it, creating the sheet
/// when needed; other sheets (imported peer or mass ratings) are never touched.
pub fn set_rating(a: &mut Assessment, engine: &Engine, indicator: &str, rating: Option<Rating>) {
    let Some(ind) = engine.indicator(indicator) else {
        return;
    };
    let Some(source) = engine.edit_source(ind) else {
        return;
    };
    let sheet = sheet_for(a, &source, rating.is_some());
    if let Some(sheet) = sheet {
        match rating {
            Some(r) => {
                sheet.ratings.insert(ind.id.clone(), r);
            }
            None => {
                sheet.ratings.remove(indicator);
            }
        }
    }
    prune_sheets(a);
}

fn sheet_for<'a>(a: &'a mut Assessment, source: &Id, create: bool) -> Option<&'a mut Sheet> {
    let pos = a.sheets.iter().position(|s| &s.source == source);
    let pos = match pos {
        Some(p) => p,
        None if create => {
            a.sheets.push(Sheet {
                source: source.clone(),
                rater: None,
                submitted: None,
                ratings: BTreeMap::new(),
                notes: BTreeMap::new(),
            });
            a.sheets.len() - 1
        }
        None => return None,
    };
    a.sheets.get_mut(pos)
}

/// Removes every rating, claim and note the engine rejects (after a framework update); returns
/// how many were removed.
fn drop_unfit(a: &mut Assessment, engine: &Engine) -> usize {
    let mut dropped = 0;
    // Each pass removes what the errors point at; paths are JSON pointers into the assessment.
    for _ in 0..4 {
        let errors = engine.scorer.check(a);
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
                | ["", "vetoes", ..]
                | ["", "commitments", ..] => {
                    let before = a.bonus.len() + a.deductions.len() + a.vetoes.len();
                    let fw = engine.framework;
                    let in_list = |list: &Option<cxzy_core::Adjustments>, id: &str| {
                        list.as_ref()
                            .is_some_and(|l| l.items.iter().any(|i| &*i.id == id))
                    };
                    a.bonus.retain(|b| in_list(&fw.bonus, b));
                    a.deductions.retain(|d| in_list(&fw.deductions, &d.item));
                    a.vetoes.retain(|v| fw.vetoes.iter().any(|x| x.id == *v));
                    for c in &mut a.commitments {
                        if c.dimension
                            .as_ref()
                            .is_some_and(|d| !fw.dimensions.iter().any(|x| x.id == *d))
                        {
                            c.dimension = None;
                        }
                    }
                    dropped += before - (a.bonus.len() + a.deductions.len() + a.vetoes.len());
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

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => {
                s.lang = lang;
                s.touch();
            }
            Action::Go(page) => {
                s.page = page;
                if page != Page::Result && !s.what_if.is_empty() {
                    s.what_if.clear();
                    s.rescore();
                }
            }
            Action::Step(step) => s.step = step,
            Action::Loaded(engine) => s.loaded(engine),
            Action::LoadedFrom(key, engine) => {
                s.loaded_from.retain(|(k, _)| *k != key);
                s.loaded_from.push((key, engine.id().clone()));
                s.loaded(engine);
            }
            Action::Replace(a) => {
                // The host's assessment takes the place of the stored one of the same framework
                // and period; other periods stored under the key stay.
                let same = s.records.iter().position(|r| {
                    r.framework.id == a.framework.id
                        && r.period.start == a.period.start
                        && r.period.end == a.period.end
                });
                match same {
                    Some(i) => {
                        if let Some(slot) = s.records.get_mut(i) {
                            *slot = Rc::new(a);
                        }
                        s.current = Some(i);
                    }
                    None => {
                        s.records.push(Rc::new(a));
                        s.current = Some(s.records.len() - 1);
                    }
                }
                s.pending = None;
                s.what_if.clear();
                s.step = 0;
                s.touch();
                s.migrate_all();
                s.rescore();
            }
            Action::LoadFailed(id, error) => {
                s.failed.retain(|(f, _)| *f != id);
                s.failed.push((id, error));
            }
            Action::Retry(id) => s.failed.retain(|(f, _)| *f != id),
            Action::Begin(begin) => match s.engine(&begin.framework).cloned() {
                Some(engine) => s.begin(begin, &engine),
                None => {
                    s.failed.retain(|(f, _)| *f != begin.framework);
                    s.pending = Some(begin);
                }
            },
            Action::Rate { indicator, rating } => {
                s.edit(|a, e| set_rating(a, e, &indicator, rating));
            }
            Action::Note { indicator, text } => s.edit(|a, e| {
                let Some(ind) = e.indicator(&indicator) else {
                    return;
                };
                let Some(source) = e.edit_source(ind) else {
                    return;
                };
                let empty = text.is_empty();
                if let Some(sheet) = sheet_for(a, &source, !empty) {
                    if empty {
                        sheet.notes.remove(&*indicator);
                    } else {
                        sheet.notes.insert(ind.id.clone(), text);
                    }
                }
                prune_sheets(a);
            }),
            Action::Bonus { item, on } => s.edit(|a, _| {
                a.bonus.retain(|b| *b != item);
                if on {
                    a.bonus.push(item);
                }
            }),
            Action::Deduction { item, count } => s.edit(|a, _| {
                a.deductions.retain(|d| d.item != item);
                if count > 0 {
                    a.deductions.push(DeductionClaim { item, count });
                }
            }),
            Action::Veto { id, on } => s.edit(|a, _| {
                a.vetoes.retain(|v| *v != id);
                if on {
                    a.vetoes.push(id);
                }
            }),
            Action::WhatIf { indicator, rating } => {
                let saved = s.current_engine().and_then(|e| s.rating(e, &indicator));
                if saved == rating {
                    s.what_if.remove(&indicator);
                } else {
                    s.what_if.insert(indicator, rating);
                }
                s.rescore();
            }
            Action::WhatIfReset => {
                s.what_if.clear();
                s.rescore();
            }
            Action::WhatIfKeep => {
                let changes = std::mem::take(&mut s.what_if);
                s.edit(|a, e| {
                    for (indicator, rating) in changes {
                        set_rating(a, e, &indicator, rating);
                    }
                });
            }
            Action::AddCommitment {
                text,
                dimension,
                due,
            } => s.edit(|a, _| {
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
            }),
            Action::CommitmentStatus { id, status } => {
                let today = s.today;
                s.edit(|a, _| {
                    if let Some(c) = a.commitments.iter_mut().find(|c| c.id == id) {
                        c.status = status;
                        c.done_on = (status == CommitmentStatus::Done)
                            .then_some(c.done_on.unwrap_or(today));
                    }
                });
            }
            Action::RemoveCommitment(id) => s.edit(|a, _| a.commitments.retain(|c| c.id != id)),
            Action::Open(i) => {
                if i < s.records.len() {
                    s.current = Some(i);
                    s.page = Page::Result;
                    s.step = 0;
                    s.what_if.clear();
                    s.touch();
                    s.rescore();
                }
            }
            Action::Delete(i) => {
                if i < s.records.len() {
                    s.records.remove(i);
                    s.current = match s.current {
                        Some(c) if c == i => None,
                        Some(c) if c > i => Some(c - 1),
                        other => other,
                    };
                    s.what_if.clear();
                    s.touch();
                    s.rescore();
                }
            }
            Action::DeleteAll => {
                s.records.clear();
                s.unreadable.clear();
                s.archived.clear();
                s.current = None;
                s.what_if.clear();
                s.page = Page::Start;
                s.notices = vec![Notice::DeletedAll];
                s.touch();
                s.rescore();
            }
            Action::Import(list) => {
                let n = list.len();
                for a in list {
                    s.records.push(Rc::new(a));
                }
                if n > 0 {
                    s.current = Some(s.records.len() - 1);
                    s.page = Page::Result;
                    s.what_if.clear();
                }
                s.notices
                    .retain(|n| !matches!(n, Notice::ImportFailed(_) | Notice::Imported(_)));
                s.notices.push(Notice::Imported(n));
                s.touch();
                s.migrate_all();
                s.rescore();
            }
            Action::ImportFailed(errors) => {
                s.notices
                    .retain(|n| !matches!(n, Notice::ImportFailed(_) | Notice::Imported(_)));
                s.notices.push(Notice::ImportFailed(errors));
            }
            Action::External(stored) => match s.storage {
                // This tab has a change the other tab has not seen: ask, never drop it.
                StorageHealth::Conflict(_) | StorageHealth::Full if !s.forced => {
                    s.storage = StorageHealth::Conflict(stored.rev);
                }
                _ => {
                    s.forced = false;
                    s.adopt(stored);
                    s.storage = StorageHealth::Ok;
                    s.notices.retain(|n| *n != Notice::OtherTab);
                    s.notices.push(Notice::OtherTab);
                }
            },
            Action::LoadOther(stored) => {
                s.forced = true;
                return Rc::new(s).reduce(Action::External(stored));
            }
            Action::Saved(rev) => {
                s.base_rev = rev;
                if s.storage != StorageHealth::Unavailable {
                    s.storage = StorageHealth::Ok;
                }
            }
            Action::Storage(health) => s.storage = health,
            Action::Overwrite(rev) => {
                s.base_rev = rev;
                s.storage = StorageHealth::Ok;
                s.touch();
            }
            Action::Dismiss(notice) => {
                if let Some(i) = s.notices.iter().position(|n| *n == notice) {
                    s.notices.remove(i);
                }
            }
        }
        Rc::new(s)
    }
}
