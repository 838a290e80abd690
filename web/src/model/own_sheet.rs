//! **The one rule for the app's own user:** one sheet per source. For each indicator the user
//! edits exactly one sheet — the first sheet of the source [`own_source`] names (the
//! self-assessment, 自评, where the indicator allows it; else the first source that rates it, as
//! for facts such as 党费 that the organisation rates and the member may pre-fill). Every rating,
//! note, what-if and export of "my" rating goes through [`own_sheet`]; other sheets (imported peer
//! or mass ratings) are shown by the engine's result and never changed.
//!
//! Rating rounds with many raters will replace this rule: a round names the sheet being edited.

use super::engine::Engine;
use cxzy_core::{Assessment, Id, Indicator, Prepared, Rating, Scale, Sheet};
use std::collections::BTreeMap;

/// The source whose sheet the app's user edits for an indicator.
pub fn own_source(p: &Prepared, indicator: &Indicator) -> Option<Id> {
    let fw = p.framework();
    // A sub-item that names no sources is rated by its item's (spec §11.7).
    let sources = indicator.sources.as_ref().or_else(|| {
        fw.indicators()
            .find(|(_, i)| matches!(&i.scale, Scale::Items { items } if items.iter().any(|s| s.id == indicator.id)))
            .and_then(|(_, parent)| parent.sources.as_ref())
    });
    let rates = |s: &str| match sources {
        Some(list) => list.iter().any(|x| &**x == s),
        None => true,
    };
    if fw.source("self").is_some() && rates("self") {
        return fw.source("self").map(|s| s.id.clone());
    }
    match sources {
        Some(list) => list.first().cloned(),
        None => fw.sources.first().map(|s| s.id.clone()),
    }
}

/// The user's own sheet for an indicator: its source and, once it exists, its place among the
/// assessment's sheets. `None` for an indicator the framework does not have.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnSheet {
    pub source: Id,
    pub index: Option<usize>,
}

/// **The rule** (see the module): which sheet of `a` is the user's own for `indicator`.
pub fn own_sheet(a: &Assessment, p: &Prepared, indicator: &str) -> Option<OwnSheet> {
    let source = own_source(p, p.indicator(indicator)?)?;
    let index = a.sheets.iter().position(|s| s.source == source);
    Some(OwnSheet { source, index })
}

impl OwnSheet {
    pub fn get<'a>(&self, a: &'a Assessment) -> Option<&'a Sheet> {
        a.sheets.get(self.index?)
    }

    /// The sheet to write to, created (empty, for this source) when `create` and missing.
    pub fn get_mut<'a>(&self, a: &'a mut Assessment, create: bool) -> Option<&'a mut Sheet> {
        let index = match self.index {
            Some(i) => i,
            None if create => {
                a.sheets.push(Sheet {
                    source: self.source.clone(),
                    rater: None,
                    submitted: None,
                    ratings: cxzy_core::IdMap::new(),
                    notes: BTreeMap::new(),
                });
                a.sheets.len() - 1
            }
            None => return None,
        };
        a.sheets.get_mut(index)
    }
}

/// The rating the user's own sheet holds for an indicator.
pub fn own_rating(a: &Assessment, p: &Prepared, indicator: &str) -> Option<Rating> {
    own_sheet(a, p, indicator)?
        .get(a)?
        .ratings
        .get(indicator)
        .cloned()
}

/// The note (事迹 / 证据) the user's own sheet holds for an indicator.
pub fn own_note(a: &Assessment, p: &Prepared, indicator: &str) -> Option<String> {
    own_sheet(a, p, indicator)?
        .get(a)?
        .notes
        .get(indicator)
        .cloned()
}

/// Sets (or clears) an indicator's rating on the user's own sheet, creating it when needed.
pub fn set_own_rating(a: &mut Assessment, p: &Prepared, indicator: &str, rating: Option<Rating>) {
    let Some(own) = own_sheet(a, p, indicator) else {
        return;
    };
    if let Some(sheet) = own.get_mut(a, rating.is_some()) {
        match rating {
            Some(r) => {
                sheet.ratings.insert(indicator.into(), r);
            }
            None => {
                sheet.ratings.remove(indicator);
            }
        }
    }
    prune_sheets(a);
}

/// Sets (or, when empty, removes) an indicator's note on the user's own sheet.
pub fn set_own_note(a: &mut Assessment, p: &Prepared, indicator: &str, text: String) {
    let Some(own) = own_sheet(a, p, indicator) else {
        return;
    };
    let empty = text.is_empty();
    if let Some(sheet) = own.get_mut(a, !empty) {
        if empty {
            sheet.notes.remove(indicator);
        } else {
            sheet.notes.insert(indicator.into(), text);
        }
    }
    prune_sheets(a);
}

/// A copy of `a` with what-if ratings applied to the user's own sheets (for scoring only).
pub fn with_ratings<'r>(
    a: &Assessment,
    engine: &Engine,
    ratings: impl IntoIterator<Item = (&'r Id, &'r Option<Rating>)>,
) -> Assessment {
    let mut copy = a.clone();
    for (indicator, rating) in ratings {
        set_own_rating(&mut copy, engine, indicator, rating.clone());
    }
    copy
}

/// Drops the sheets an edit left empty (no rating, note, rater or submission date).
fn prune_sheets(a: &mut Assessment) {
    a.sheets.retain(|s| {
        !s.ratings.is_empty() || !s.notes.is_empty() || s.rater.is_some() || s.submitted.is_some()
    });
}
