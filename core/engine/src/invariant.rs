//! Loud invariants (spec §9): where scoring relies on something its own construction guarantees
//! (a bucket within its list, a dimension's position), breaking it is a bug of the engine. It
//! must never come out as a plausible number: debug, test and fuzz builds panic, so tests and
//! fuzzing see it; a release build returns an `internal` error instead of a result.

use crate::diag::{Code, Diagnostic};

/// The error (or, in debug, test and fuzz builds, the panic) of a broken invariant.
#[track_caller]
#[allow(clippy::panic)]
pub(crate) fn broken(what: &str) -> Diagnostic {
    if cfg!(any(debug_assertions, fuzzing)) {
        panic!("cxzy-core invariant broken: {what}");
    }
    Diagnostic::new(
        Code::Internal,
        "",
        en!(format!(
            "internal error of the engine ({what}); no score is given; please report it"
        )),
        zh!(format!("计分引擎内部错误({what}),不给出分数;请报告此问题")),
    )
}

/// `Option` → `Result`, a `None` being a broken invariant.
pub(crate) trait OrBroken<T> {
    fn or_broken(self, what: &str) -> Result<T, Diagnostic>;
}

impl<T> OrBroken<T> for Option<T> {
    #[track_caller]
    fn or_broken(self, what: &str) -> Result<T, Diagnostic> {
        match self {
            Some(t) => Ok(t),
            None => Err(broken(what)),
        }
    }
}
