//! View state: the language, today, where the app is (the route, and the record last opened),
//! the what-if ratings on the result page, the notices, and a start waiting for its framework.
//! Nothing here is a document: only `lang` and the record last opened go into storage's envelope.

use crate::model::library::Begin;
use crate::model::notice::Notice;
use crate::model::route::{RecordKey, Route};
use cxzy_core::{Date, Id, Lang, Rating};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq)]
pub struct View {
    pub lang: Lang,
    /// Today's date from the browser's clock, passed to the engine for overdue commitments.
    pub today: Date,
    pub route: Route,
    /// The route was set by the app itself (first load, a stale route corrected) or came from
    /// the address bar: the site replaces the history entry instead of adding one.
    pub replace: bool,
    /// The record last opened: the rate and result tabs lead to it from any page.
    pub current: Option<RecordKey>,
    /// The step last shown on its rate page (the rate tab returns there).
    pub step: usize,
    /// What-if ratings on the result page (indicator → rating; `None` clears), not saved.
    pub what_if: BTreeMap<Id, Option<Rating>>,
    pub notices: Vec<Notice>,
    /// A start waiting for its framework to load.
    pub pending: Option<Begin>,
}

pub enum ViewAction {
    SetLang(Lang),
    /// The user went somewhere (a new history entry on the site).
    Go(Route),
    /// The address bar changed (back, forward, a link): show that route.
    Located(Route),
    WhatIf {
        indicator: Id,
        rating: Option<Rating>,
    },
    WhatIfReset,
    /// Keeps the what-if ratings: they become the record's (the root hands them to the library).
    WhatIfKeep,
    Notify(Notice),
    /// Dismisses a notice (by value: another may have arrived since it was shown).
    Dismiss(Notice),
}

impl View {
    pub fn new(lang: Lang, today: Date) -> View {
        View {
            lang,
            today,
            route: Route::Start,
            replace: true,
            current: None,
            step: 0,
            what_if: BTreeMap::new(),
            notices: Vec::new(),
            pending: None,
        }
    }

    /// Adds a notice; a new import outcome replaces the previous one.
    pub fn notify(&mut self, notice: Notice) {
        if matches!(notice, Notice::Imported(_) | Notice::ImportFailed(_)) {
            self.notices
                .retain(|n| !matches!(n, Notice::ImportFailed(_) | Notice::Imported(_)));
        }
        if notice == Notice::OtherTab {
            self.notices.retain(|n| *n != Notice::OtherTab);
        }
        self.notices.push(notice);
    }

    pub fn dismiss(&mut self, notice: &Notice) {
        if let Some(i) = self.notices.iter().position(|n| n == notice) {
            self.notices.remove(i);
        }
    }

    /// Sets a what-if rating; back to the saved rating is no change.
    pub fn what_if(&mut self, indicator: Id, rating: Option<Rating>, saved: Option<Rating>) {
        if saved == rating {
            self.what_if.remove(&indicator);
        } else {
            self.what_if.insert(indicator, rating);
        }
    }
}
