//! A prepared framework as the app keeps it: `cxzy_core::Prepared` (read, validated, indexed and
//! digested once, owning its framework) behind an `Rc`, so a rescoring after each change costs
//! only the scoring itself. Nothing is leaked: dropping the last `Engine` drops the framework.

use cxzy_core::{
    Assessment, AssessmentSchema, Date, Diagnostic, FrameworkRef, IndicatorResult, Period,
    Prepared, ScoreOptions, ScoreResult, SubjectInfo,
};
use std::ops::Deref;
use std::rc::Rc;

/// A scored assessment: the engine's result or its errors.
pub type Scored = Result<ScoreResult, Vec<Diagnostic>>;

/// A shared prepared framework; equal when it is the same one (pointer equality: cheap in props).
#[derive(Clone)]
pub struct Engine(Rc<Prepared>);

impl Engine {
    pub fn new(prepared: Prepared) -> Engine {
        Engine(Rc::new(prepared))
    }

    /// Reads, validates, indexes and digests a framework's JSON text, once.
    pub fn load(text: &str) -> Result<Engine, Vec<Diagnostic>> {
        Prepared::from_json(text).map(Engine::new)
    }

    /// Scores an assessment on `today` (for overdue commitments).
    pub fn score(&self, a: &Assessment, today: Date) -> Scored {
        self.0.score(a, &ScoreOptions { today: Some(today) })
    }

    /// A new assessment of this framework, with no sheet yet: of the framework's version (an
    /// assessment of version 2 holds counts, ticks and counted claims), naming its digest.
    pub fn blank(&self, subject: SubjectInfo, period: Period) -> Assessment {
        let fw = self.framework();
        Assessment {
            schema: AssessmentSchema::of_version(fw.schema.version()).unwrap_or_default(),
            framework: FrameworkRef {
                id: fw.id.clone(),
                version: fw.version.clone(),
                digest: Some(self.digest().to_owned()),
            },
            subject,
            period,
            as_of: None,
            sheets: Vec::new(),
            bonus: Vec::new(),
            deductions: Vec::new(),
            vetoes: Vec::new(),
            commitments: Vec::new(),
            adjustments: Vec::new(),
            raters: Default::default(),
        }
    }

    /// How many indicators there are to rate.
    pub fn indicator_count(&self) -> usize {
        self.framework()
            .dimensions
            .iter()
            .map(|d| d.indicators.len())
            .sum()
    }
}

impl Deref for Engine {
    type Target = Prepared;
    fn deref(&self) -> &Prepared {
        &self.0
    }
}

impl PartialEq for Engine {
    fn eq(&self, other: &Engine) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fw = self.framework();
        write!(f, "Engine({} {})", fw.id, fw.version)
    }
}

/// Why a framework could not be loaded.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadError {
    /// The network or the server: HTTP status or the browser's message.
    Fetch(String),
    /// The file is not a valid framework.
    Invalid(Vec<Diagnostic>),
}

/// An item's result by id, a sub-item's too (found under its item).
pub fn indicator_result<'a>(r: &'a ScoreResult, id: &str) -> Option<&'a IndicatorResult> {
    fn find<'a>(list: &'a [IndicatorResult], id: &str) -> Option<&'a IndicatorResult> {
        list.iter().find_map(|i| {
            if &*i.id == id {
                Some(i)
            } else {
                find(&i.items, id)
            }
        })
    }
    find(&r.indicators, id)
}
