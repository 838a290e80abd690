//! The app's state, one concern per part, composed by one pure reducer:
//!
//! - `library` (`model/library.rs`): the persisted documents, with [`LibraryAction`]s;
//! - `view` ([`view`]): language, route, what-if, notices, with [`ViewAction`]s;
//! - `frameworks` ([`frameworks`]): prepared, failed, with [`FrameworkAction`]s;
//! - `sync` ([`sync`]): storage health and the cross-tab revision protocol, with [`SyncAction`]s;
//! - `scoring` ([`scoring`]): derived — the record on screen scored by the engine after each
//!   change (never computed in a view);
//! - `embedded`: set when the app runs as the portal element, with the count of changes its host
//!   hears of.
//!
//! Each part is an `Rc` replaced only when it changes, so a page's props change only with what it
//! shows. **Invariant:** the reducer is pure (today is in the view; no storage, no clock, no
//! location), so the component tests drive it directly; `app.rs` does the effects.

pub mod frameworks;
pub mod scoring;
pub mod sync;
pub mod view;

use crate::model::engine::Engine;
use crate::model::library::{Begin, Cx, Edit, Library, LibraryAction, Outcome};
use crate::model::notice::Notice;
use crate::model::own_sheet::own_rating;
use crate::model::route::{Page, RecordKey, Route};
use crate::services::storage::{StorageHealth, Stored};
use cxzy_core::{Assessment, Date, Id, Lang, Period, Rating, SubjectInfo};
use frameworks::{FrameworkAction, Frameworks};
use scoring::Scoring;
use std::rc::Rc;
use sync::{Sync, SyncAction};
use view::{View, ViewAction};
use yew::Reducible;

/// The app inside a portal's page (`<cxzy-assessment>`): one framework (by URL), one period,
/// storage only under the host's key, events to the host, its page kept in memory.
#[derive(Clone, Debug, PartialEq)]
pub struct Embedding {
    /// The framework's URL (a built-in's file, or the portal's own 具体条件).
    pub source: Id,
    /// Show the result only; no editing.
    pub readonly: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub library: Rc<Library>,
    pub view: Rc<View>,
    pub frameworks: Rc<Frameworks>,
    pub sync: Rc<Sync>,
    pub scoring: Rc<Scoring>,
    /// Set when the app runs as the portal element.
    pub embedded: Option<Rc<Embedding>>,
    /// Counts the changes the host of the portal element hears of: a user's change, and the
    /// first result of an assessment (not a language switch, not the host's own `Replace`).
    pub notify: u64,
}

/// Every action, grouped by the concern it belongs to.
pub enum Action {
    Library(LibraryAction),
    View(ViewAction),
    Frameworks(FrameworkAction),
    Sync(SyncAction),
}

impl AppState {
    /// The state a page starts with: the stored data (if any), the language, today, and the
    /// route of the address bar (`None`: none or unreadable; then the record last opened, if
    /// any, else the start page).
    pub fn new(
        stored: Option<Stored>,
        health: StorageHealth,
        lang: Lang,
        today: Date,
        route: Option<Route>,
    ) -> AppState {
        let mut s = AppState {
            library: Rc::new(Library::default()),
            view: Rc::new(View::new(lang, today)),
            frameworks: Rc::new(Frameworks::default()),
            sync: Rc::new(Sync::new(
                Some(crate::services::storage::KEY.into()),
                health,
            )),
            scoring: Rc::new(Scoring::default()),
            embedded: None,
            notify: 0,
        };
        if let Some(stored) = stored {
            s.adopt(stored);
        }
        let view = Rc::make_mut(&mut s.view);
        view.route = match (route, &view.current) {
            (Some(route), _) => route,
            (None, Some(key)) => Route::Result {
                record: key.clone(),
            },
            (None, None) => Route::Start,
        };
        view.replace = true;
        s.settle(None);
        s
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
    ) -> AppState {
        let mut s = AppState::new(stored, health, lang, today, Some(Route::Start));
        let view = Rc::make_mut(&mut s.view);
        view.notices
            .retain(|n| *n != Notice::Unreadable || storage_key.is_some());
        view.current = None;
        view.pending = Some(Begin {
            framework: embedding.source.clone(),
            period,
            subject: SubjectInfo::default(),
        });
        Rc::make_mut(&mut s.sync).key = storage_key;
        s.embedded = Some(Rc::new(embedding));
        s
    }

    /// The portal element in read-only mode: no change is accepted.
    pub fn readonly(&self) -> bool {
        self.embedded.as_ref().is_some_and(|e| e.readonly)
    }

    /// The index of the record on screen (the one last opened).
    pub fn current(&self) -> Option<usize> {
        self.view
            .current
            .as_ref()
            .and_then(|k| k.find(&self.library.records))
    }

    pub fn assessment(&self) -> Option<&Rc<Assessment>> {
        self.current().and_then(|i| self.library.get(i))
    }

    /// The engine of the record on screen, once its framework has loaded.
    pub fn current_engine(&self) -> Option<&Engine> {
        self.assessment()
            .and_then(|a| self.frameworks.get(&a.framework.id))
    }

    /// The rating the user's own sheet of the record on screen holds for an indicator.
    pub fn rating(&self, indicator: &str) -> Option<Rating> {
        own_rating(self.assessment()?, self.current_engine()?, indicator)
    }

    /// The framework keys the app needs now (the root fetches those not loaded).
    pub fn wanted(&self) -> Vec<Id> {
        if let Some(e) = &self.embedded {
            return if self.frameworks.known(&e.source) {
                Vec::new()
            } else {
                vec![e.source.clone()]
            };
        }
        let mut ids: Vec<Id> = Vec::new();
        if let Some(a) = self.assessment() {
            ids.push(a.framework.id.clone());
        }
        if let Some(p) = &self.view.pending {
            ids.push(p.framework.clone());
        }
        ids.retain(|id| !self.frameworks.known(id));
        ids.dedup();
        ids
    }

    fn touch(&mut self) {
        Rc::make_mut(&mut self.sync).touch();
    }

    /// Takes stored data (the first load, or another tab's save). This tab stays on its record
    /// (the same framework and period), whatever the other tab had open; on first load, the
    /// stored one. No migration here: another tab's data is taken as it is (a tab still holding
    /// an older framework must not migrate a newer tab's records back and forth).
    fn adopt(&mut self, stored: Stored) {
        let here = self.view.current.clone();
        let view = Rc::make_mut(&mut self.view);
        if let Some(lang) = stored.lang {
            view.lang = lang;
        }
        if stored.library.unreadable.len() > self.library.unreadable.len() {
            view.notify(Notice::Unreadable);
        }
        let records = &stored.library.records;
        view.current = match here {
            Some(key) => key.find(records).and(Some(key)),
            None => stored.current.and_then(|i| RecordKey::of(records, i)),
        };
        view.what_if.clear();
        Rc::make_mut(&mut self.sync).base_rev = stored.rev;
        // Another tab added a version of the user's own criteria: the one prepared here is
        // dropped (the root prepares the library's again), never used on records already
        // migrated to the new one.
        let own = crate::model::criteria::latest(&stored.library.own)
            .into_iter()
            .map(|o| (o.id().to_owned(), o.version().to_owned()))
            .collect::<Vec<_>>();
        let stale = |e: &Engine| {
            own.iter()
                .any(|(id, v)| **e.id() == **id && e.framework().version != *v)
        };
        if self.frameworks.loaded.iter().any(stale) {
            let f = Rc::make_mut(&mut self.frameworks);
            f.loaded.retain(|e| !stale(e));
            let loaded = f.loaded.clone();
            f.from.retain(|(_, id)| loaded.iter().any(|e| e.id() == id));
        }
        self.library = Rc::new(stored.library);
    }

    /// Applies what a library action did to the other concerns.
    fn follow(&mut self, before: Option<usize>, out: Outcome, show: Page) {
        if out.changed {
            self.touch();
        }
        if out.edited {
            self.notify += 1;
        }
        let readonly = self.readonly();
        let embedded = self.embedded.is_some();
        let view = Rc::make_mut(&mut self.view);
        for n in out.notices {
            view.notify(n);
        }
        if let Some(begin) = out.waiting {
            Rc::make_mut(&mut self.frameworks)
                .failed
                .retain(|(k, _)| *k != begin.framework);
            view.pending = Some(begin);
        }
        if let Some(i) = out.open {
            if let Some(record) = RecordKey::of(&self.library.records, i) {
                view.current = Some(record.clone());
                view.route = match show {
                    Page::Result => Route::Result { record },
                    _ if readonly => Route::Result { record },
                    _ => Route::Assess { record, step: 0 },
                };
                view.replace = embedded;
                view.step = 0;
                view.what_if.clear();
            }
        }
        if let Some(removed) = out.removed {
            let now = match before {
                Some(c) if c == removed => None,
                Some(c) if c > removed => Some(c - 1),
                other => other,
            };
            view.current = now.and_then(|i| RecordKey::of(&self.library.records, i));
            view.what_if.clear();
        }
        if out.cleared {
            view.current = None;
            view.route = Route::Start;
            view.replace = false;
            view.what_if.clear();
            view.notices = vec![Notice::DeletedAll];
        }
    }

    fn library_action(&mut self, action: LibraryAction) {
        let show = match &action {
            LibraryAction::Import(_) => Page::Result,
            LibraryAction::Replace(_) => self.view.route.page(),
            _ => Page::Assess,
        };
        if let LibraryAction::Replace(_) = action {
            Rc::make_mut(&mut self.view).pending = None;
        }
        let before = self.current();
        let frameworks = self.frameworks.clone();
        let find = |key: &str| frameworks.find(key);
        let cx = Cx {
            engines: &frameworks.loaded,
            find: &find,
            current: before,
            today: self.view.today,
            lang: self.view.lang,
            readonly: self.readonly(),
        };
        let mut library = (*self.library).clone();
        let mut out = library.reduce(action, &cx);
        if out.changed {
            self.library = Rc::new(library);
        }
        let added = out.added.take();
        self.follow(before, out, show);
        if let Some(framework) = added {
            // An own framework added (a new version, say): it takes the place of any loaded
            // one of its id, and the records of that id migrate to it.
            if let Ok(engine) = Engine::load(&framework.to_string()) {
                Rc::make_mut(&mut self.frameworks)
                    .loaded
                    .retain(|e| e.id() != engine.id());
                self.frameworks_action(FrameworkAction::Loaded {
                    key: engine.id().clone(),
                    engine,
                });
            }
        }
    }

    fn view_action(&mut self, action: ViewAction) {
        match action {
            ViewAction::SetLang(lang) => {
                Rc::make_mut(&mut self.view).lang = lang;
                self.touch();
            }
            ViewAction::Go(route) => {
                if self.view.route != route {
                    let view = Rc::make_mut(&mut self.view);
                    view.route = route;
                    view.replace = false;
                }
            }
            ViewAction::Located(route) => {
                if self.view.route != route {
                    let view = Rc::make_mut(&mut self.view);
                    view.route = route;
                    view.replace = true;
                }
            }
            ViewAction::WhatIf { indicator, rating } => {
                let saved = self.rating(&indicator);
                Rc::make_mut(&mut self.view).what_if(indicator, rating, saved);
            }
            ViewAction::WhatIfReset => Rc::make_mut(&mut self.view).what_if.clear(),
            ViewAction::WhatIfKeep => {
                let changes = std::mem::take(&mut Rc::make_mut(&mut self.view).what_if);
                self.library_action(LibraryAction::Edit(Edit::Ratings(
                    changes.into_iter().collect(),
                )));
            }
            ViewAction::Notify(n) => Rc::make_mut(&mut self.view).notify(n),
            ViewAction::Dismiss(n) => Rc::make_mut(&mut self.view).dismiss(&n),
        }
    }

    fn frameworks_action(&mut self, action: FrameworkAction) {
        let FrameworkAction::Loaded { key, engine } = action else {
            Rc::make_mut(&mut self.frameworks).reduce(action);
            return;
        };
        Rc::make_mut(&mut self.frameworks).reduce(FrameworkAction::Loaded {
            key,
            engine: engine.clone(),
        });
        // The framework kept for this id (an earlier load of the same id stays): migrate to and
        // begin with that one, the one the app scores with.
        let engine = self.frameworks.get(engine.id()).cloned().unwrap_or(engine);
        let lang = self.view.lang;
        // The element's host gave an assessment of another framework than the element's.
        if let (Some(_), Some(a), None) = (&self.embedded, self.assessment(), &self.view.pending) {
            if a.framework.id != *engine.id() {
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
                let line = format!("{} ({}, {})", d.message(lang), d.path, d.code.as_str());
                Rc::make_mut(&mut self.view).notify(Notice::ImportFailed(vec![line]));
            }
        }
        let mut library = (*self.library).clone();
        let notices = library.migrate(&engine, lang);
        if !notices.is_empty() {
            self.library = Rc::new(library);
            self.touch();
            let view = Rc::make_mut(&mut self.view);
            for n in notices {
                view.notify(n);
            }
        }
        // A start waiting for this framework (by id, or by the URL it came from).
        let waiting = self.view.pending.as_ref().is_some_and(|p| {
            self.frameworks
                .find(&p.framework)
                .is_some_and(|e| e == engine)
        });
        if waiting {
            if let Some(p) = Rc::make_mut(&mut self.view).pending.take() {
                self.library_action(LibraryAction::Begin(Begin {
                    framework: engine.id().clone(),
                    ..p
                }));
            }
        }
    }

    fn sync_action(&mut self, action: SyncAction) {
        match action {
            SyncAction::External(stored) => {
                if Rc::make_mut(&mut self.sync).may_adopt(stored.rev) {
                    self.adopt(stored);
                    Rc::make_mut(&mut self.view).notify(Notice::OtherTab);
                }
            }
            SyncAction::LoadOther(stored) => {
                Rc::make_mut(&mut self.sync).forced = true;
                self.sync_action(SyncAction::External(stored));
            }
            SyncAction::Saved(rev) => Rc::make_mut(&mut self.sync).saved(rev),
            SyncAction::Health(health) => Rc::make_mut(&mut self.sync).health = health,
            SyncAction::Overwrite(rev) => Rc::make_mut(&mut self.sync).overwrite(rev),
        }
    }

    /// After every action: the route names a record that exists (else a sensible page), the
    /// record on screen follows the route, what-if lives only on its result page, and the
    /// record is rescored when anything it depends on changed.
    fn settle(&mut self, before: Option<&AppState>) {
        let readonly = self.readonly();
        let embedded = self.embedded.is_some();
        let records = self.library.records.clone();
        let view = Rc::make_mut(&mut self.view);
        if let Some(key) = view.route.record() {
            if key.find(&records).is_some() {
                if view.current.as_ref() != Some(key) {
                    // Another record: its rate page starts at its first step.
                    view.current = Some(key.clone());
                    view.step = 0;
                }
            } else {
                // A stale or foreign link: the list of records, or the start page.
                view.route = if records.is_empty() || embedded {
                    Route::Start
                } else {
                    Route::History
                };
                view.replace = true;
            }
        }
        if readonly {
            if let Route::Assess { record, .. } = &view.route {
                view.route = Route::Result {
                    record: record.clone(),
                };
            }
        }
        if let Route::Assess { step, .. } = view.route {
            view.step = step;
        }
        if view
            .current
            .as_ref()
            .is_some_and(|k| k.find(&records).is_none())
        {
            view.current = None;
        }
        let on_result = matches!(&view.route, Route::Result { record } if Some(record) == view.current.as_ref());
        if !on_result && !view.what_if.is_empty() {
            view.what_if.clear();
        }
        let current = self.current();
        if let Some(before) = before {
            if before.view.current != self.view.current && self.view.current.is_some() {
                // The record last opened is kept (a visit without a route starts there).
                self.touch();
            }
            let same = Rc::ptr_eq(&before.library, &self.library)
                && Rc::ptr_eq(&before.frameworks, &self.frameworks)
                && before.current() == current
                && before.view.what_if == self.view.what_if
                && before.view.today == self.view.today;
            if same {
                return;
            }
        }
        let had_result = matches!(self.scoring.result.as_deref(), Some(Ok(_)));
        self.scoring = Rc::new(scoring::score(
            &self.library,
            current,
            self.current_engine(),
            &self.view.what_if,
            self.view.today,
        ));
        if !had_result && self.scoring.ok().is_some() {
            self.notify += 1;
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Library(a) => s.library_action(a),
            Action::View(a) => s.view_action(a),
            Action::Frameworks(a) => s.frameworks_action(a),
            Action::Sync(a) => s.sync_action(a),
        }
        s.settle(Some(&self));
        Rc::new(s)
    }
}
