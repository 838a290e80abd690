//! One validated, indexed scorer per framework, built once and kept for the page's life, so a
//! rescoring after each change costs only the scoring itself (no validation, no digest).

use cxzy_core::{
    framework_from_str, Assessment, Diagnostic, Framework, Id, Indicator, ScoreOptions,
    ScoreResult, Scorer,
};
use std::cell::RefCell;
use std::rc::Rc;

/// A framework with its scorer. The framework is leaked on purpose: `Scorer` borrows it, and a
/// page loads a handful of frameworks at most; the cache below hands out the same engine for an
/// equal framework, so reloading one never leaks twice.
pub struct Engine {
    pub framework: &'static Framework,
    pub scorer: Scorer<'static>,
}

impl PartialEq for Engine {
    fn eq(&self, other: &Engine) -> bool {
        std::ptr::eq(self.framework, other.framework)
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Engine({} {})",
            self.framework.id, self.framework.version
        )
    }
}

thread_local! {
    static CACHE: RefCell<Vec<Rc<Engine>>> = const { RefCell::new(Vec::new()) };
}

/// Reads and validates a framework's JSON text and returns its engine.
pub fn load(text: &str) -> Result<Rc<Engine>, Vec<Diagnostic>> {
    let fw = framework_from_str(text)?;
    let errors = cxzy_core::validate::framework(&fw);
    if !errors.is_empty() {
        return Err(errors);
    }
    if let Some(known) = CACHE.with(|c| c.borrow().iter().find(|e| *e.framework == fw).cloned()) {
        return Ok(known);
    }
    let framework: &'static Framework = Box::leak(Box::new(fw));
    let scorer = Scorer::new(framework)?;
    let engine = Rc::new(Engine { framework, scorer });
    CACHE.with(|c| c.borrow_mut().push(engine.clone()));
    Ok(engine)
}

impl Engine {
    pub fn id(&self) -> &Id {
        &self.framework.id
    }

    pub fn score(
        &self,
        a: &Assessment,
        today: cxzy_core::Date,
    ) -> Result<ScoreResult, Vec<Diagnostic>> {
        self.scorer.score(a, &ScoreOptions { today: Some(today) })
    }

    pub fn indicator(&self, id: &str) -> Option<&'static Indicator> {
        self.framework
            .indicators()
            .map(|(_, i)| i)
            .find(|i| &*i.id == id)
    }

    /// The source whose sheet the app edits for an indicator: the self-assessment (自评) where the
    /// indicator allows it, else the first source that rates it (facts such as 党费 are rated by
    /// the organisation; the member may pre-fill them).
    pub fn edit_source(&self, indicator: &Indicator) -> Option<Id> {
        let fw = self.framework;
        let rates = |s: &str| match &indicator.sources {
            Some(list) => list.iter().any(|x| &**x == s),
            None => true,
        };
        if fw.source("self").is_some() && rates("self") {
            return fw.source("self").map(|s| s.id.clone());
        }
        match &indicator.sources {
            Some(list) => list.first().cloned(),
            None => fw.sources.first().map(|s| s.id.clone()),
        }
    }

    /// How many indicators there are to rate.
    pub fn indicator_count(&self) -> usize {
        self.framework
            .dimensions
            .iter()
            .map(|d| d.indicators.len())
            .sum()
    }
}
