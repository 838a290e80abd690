//! Diagnostics (spec §4.6, §9): every error is data — a stable code, a JSON-pointer path and a
//! message in zh-Hans and en.

use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::fmt;

/// Whether this build carries English messages (feature `en`).
pub const EN: bool = cfg!(feature = "en");
/// Whether this build carries Chinese messages (feature `zh`).
pub const ZH: bool = cfg!(feature = "zh");
#[cfg(not(any(feature = "en", feature = "zh")))]
compile_error!("cxzy-core needs the messages of one language at least: feature \"zh\" or \"en\"");

/// An English message (`&str` or `String`), or nothing in a build without English (feature
/// `en`): the text and the code that writes it are then left out of the build.
#[macro_export]
macro_rules! en {
    ($e:expr) => {
        if $crate::diag::EN {
            $e
        } else {
            ::core::default::Default::default()
        }
    };
}

/// A Chinese message, or nothing in a build without Chinese (feature `zh`); as [`en!`].
#[macro_export]
macro_rules! zh {
    ($e:expr) => {
        if $crate::diag::ZH {
            $e
        } else {
            ::core::default::Default::default()
        }
    };
}

/// The language of messages and texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 简体中文
    #[default]
    ZhHans,
    /// 繁體中文
    ZhHant,
    /// English
    En,
}

impl Lang {
    pub fn parse(tag: &str) -> Option<Lang> {
        match tag {
            "zh-Hans" | "zh" | "zh-CN" | "zh-SG" => Some(Lang::ZhHans),
            "zh-Hant" | "zh-TW" | "zh-HK" | "zh-MO" => Some(Lang::ZhHant),
            "en" | "en-US" | "en-GB" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language messages are given in for a reader of this one: itself, or, in a build
    /// without its messages (features `en`, `zh`), the other.
    pub fn built(self) -> Lang {
        match self {
            Lang::En if !EN => Lang::ZhHans,
            Lang::ZhHans | Lang::ZhHant if !ZH => Lang::En,
            _ => self,
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::En => "en",
        }
    }
}

/// What went wrong, as a stable machine-readable code (the contract for every consumer; spec
/// §4.6 says when each is raised).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    TooLarge,
    JsonSyntax,
    TooDeep,
    WrongType,
    MissingField,
    UnknownField,
    UnknownSchema,
    InvalidId,
    InvalidValue,
    InvalidDecimal,
    DecimalPrecision,
    OutOfRange,
    InvalidDate,
    TooMany,
    MissingText,
    DuplicateId,
    UnknownReference,
    Empty,
    GradeOrder,
    LastGrade,
    LevelOrder,
    TooFewLevels,
    StepNotDividing,
    FrameworkMismatch,
    PeriodOrder,
    UnknownIndicator,
    UnknownSource,
    SourceNotAllowed,
    WrongRatingKind,
    UnknownLevel,
    NaNotAllowed,
    NotAStep,
    DuplicateItem,
    /// A fraction not in lowest terms (`"2/4"`): spec §11.8.
    NotLowestTerms,
    /// A rating counts an event its item's scale does not have: spec §11.1.
    UnknownEvent,
    /// An event's steps are not in increasing order of count, or its cut-off does not follow them.
    StepOrder,
    /// A share rule on an indicator that is not a vote or ticks: spec §11.3.
    NotATally,
    /// A vote for an option the indicator does not have, or a tick of an unknown condition.
    UnknownOption,
    /// A minimum of raters given as a share, but the assessment does not say how many are
    /// eligible: spec §11.4.
    EligibleMissing,
    /// Sub-items inside a sub-item: spec §11.7.
    NestedItems,
    /// A sealed ballot of another rating round: spec §12.3.
    OtherRound,
    /// A ballot's token was never issued in its round: spec §12.3.
    UnknownToken,
    /// A ballot's token was already spent by an accepted ballot: spec §12.3.
    TokenUsed,
    /// A sealed ballot that does not open with the round's key (altered, or sealed to another
    /// key): spec §12.3.
    UnreadableBallot,
    /// An opened ballot that does not match its envelope or its token: spec §12.3.
    BallotMismatch,
    /// A ballot rates a member its token does not rate: spec §12.3.
    NotInvited,
    /// The engine broke one of its own invariants (a bug): no number is given (spec §9).
    Internal,
}

impl Code {
    /// Every code, in the order of the definition.
    pub const ALL: &'static [Code] = &[
        Code::TooLarge,
        Code::JsonSyntax,
        Code::TooDeep,
        Code::WrongType,
        Code::MissingField,
        Code::UnknownField,
        Code::UnknownSchema,
        Code::InvalidId,
        Code::InvalidValue,
        Code::InvalidDecimal,
        Code::DecimalPrecision,
        Code::OutOfRange,
        Code::InvalidDate,
        Code::TooMany,
        Code::MissingText,
        Code::DuplicateId,
        Code::UnknownReference,
        Code::Empty,
        Code::GradeOrder,
        Code::LastGrade,
        Code::LevelOrder,
        Code::TooFewLevels,
        Code::StepNotDividing,
        Code::FrameworkMismatch,
        Code::PeriodOrder,
        Code::UnknownIndicator,
        Code::UnknownSource,
        Code::SourceNotAllowed,
        Code::WrongRatingKind,
        Code::UnknownLevel,
        Code::NaNotAllowed,
        Code::NotAStep,
        Code::DuplicateItem,
        Code::NotLowestTerms,
        Code::UnknownEvent,
        Code::StepOrder,
        Code::NotATally,
        Code::UnknownOption,
        Code::EligibleMissing,
        Code::NestedItems,
        Code::OtherRound,
        Code::UnknownToken,
        Code::TokenUsed,
        Code::UnreadableBallot,
        Code::BallotMismatch,
        Code::NotInvited,
        Code::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::TooLarge => "too_large",
            Code::JsonSyntax => "json_syntax",
            Code::TooDeep => "too_deep",
            Code::WrongType => "wrong_type",
            Code::MissingField => "missing_field",
            Code::UnknownField => "unknown_field",
            Code::UnknownSchema => "unknown_schema",
            Code::InvalidId => "invalid_id",
            Code::InvalidValue => "invalid_value",
            Code::InvalidDecimal => "invalid_decimal",
            Code::DecimalPrecision => "decimal_precision",
            Code::OutOfRange => "out_of_range",
            Code::InvalidDate => "invalid_date",
            Code::TooMany => "too_many",
            Code::MissingText => "missing_text",
            Code::DuplicateId => "duplicate_id",
            Code::UnknownReference => "unknown_reference",
            Code::Empty => "empty",
            Code::GradeOrder => "grade_order",
            Code::LastGrade => "last_grade",
            Code::LevelOrder => "level_order",
            Code::TooFewLevels => "too_few_levels",
            Code::StepNotDividing => "step_not_dividing",
            Code::FrameworkMismatch => "framework_mismatch",
            Code::PeriodOrder => "period_order",
            Code::UnknownIndicator => "unknown_indicator",
            Code::UnknownSource => "unknown_source",
            Code::SourceNotAllowed => "source_not_allowed",
            Code::WrongRatingKind => "wrong_rating_kind",
            Code::UnknownLevel => "unknown_level",
            Code::NaNotAllowed => "na_not_allowed",
            Code::NotAStep => "not_a_step",
            Code::DuplicateItem => "duplicate_item",
            Code::NotLowestTerms => "not_lowest_terms",
            Code::UnknownEvent => "unknown_event",
            Code::StepOrder => "step_order",
            Code::NotATally => "not_a_tally",
            Code::UnknownOption => "unknown_option",
            Code::EligibleMissing => "eligible_missing",
            Code::NestedItems => "nested_items",
            Code::OtherRound => "other_round",
            Code::UnknownToken => "unknown_token",
            Code::TokenUsed => "token_used",
            Code::UnreadableBallot => "unreadable_ballot",
            Code::BallotMismatch => "ballot_mismatch",
            Code::NotInvited => "not_invited",
            Code::Internal => "internal",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One located error. `path` is a JSON pointer (RFC 6901) into the document that was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub path: String,
    en: String,
    zh: String,
}

impl Diagnostic {
    /// Adds `en` and `zh` to the end of the two messages.
    pub(crate) fn append(&mut self, en: &str, zh: &str) {
        self.en.push_str(en);
        self.zh.push_str(zh);
    }

    pub fn new(
        code: Code,
        path: impl Into<String>,
        en: impl Into<String>,
        zh: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            code,
            path: path.into(),
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The message in `lang` (zh-Hant readers get the zh-Hans text: messages exist in zh-Hans and
    /// en); in a build without that language's messages (features `en`, `zh`), the other's.
    pub fn message(&self, lang: Lang) -> &str {
        match lang.built() {
            Lang::En => &self.en,
            Lang::ZhHans | Lang::ZhHant => &self.zh,
        }
    }

    /// The same diagnostic with its path placed under `prefix` (a JSON pointer).
    pub fn within(mut self, prefix: &str) -> Diagnostic {
        self.path = format!("{prefix}{}", self.path);
        self
    }

    /// `{"code", "path", "message"}` in `lang`.
    pub fn localized(&self, lang: Lang) -> Localized<'_> {
        Localized {
            diagnostic: self,
            lang,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{} at {path}: {}", self.code, self.message(Lang::En))
    }
}

/// A diagnostic rendered in one language; serialises as `{code, path, message}`.
pub struct Localized<'a> {
    diagnostic: &'a Diagnostic,
    lang: Lang,
}

impl Serialize for Localized<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Diagnostic", 3)?;
        s.serialize_field("code", self.diagnostic.code.as_str())?;
        s.serialize_field("path", &self.diagnostic.path)?;
        s.serialize_field("message", self.diagnostic.message(self.lang))?;
        s.end()
    }
}

impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.localized(Lang::En).serialize(serializer)
    }
}

/// The most errors listed for one input — a document, a request's members, a list of results
/// (spec §4.5): past them, one `too_many` at path `""` says the list stops there, and no more are
/// kept. Without a bound, a 16 MiB document of a million unknown keys made a million messages
/// (2 GB in `cxzy serve`).
pub const MAX_ERRORS: usize = 1_000;

/// Adds `d` to `errors` while fewer than [`MAX_ERRORS`] are there; the next is the one
/// `too_many` that ends the list; after that, nothing.
pub fn push_error(errors: &mut Vec<Diagnostic>, d: Diagnostic) {
    match errors.len().cmp(&MAX_ERRORS) {
        std::cmp::Ordering::Less => errors.push(d),
        std::cmp::Ordering::Equal => errors.push(Diagnostic::new(
            Code::TooMany,
            "",
            en!(format!(
                "more than {MAX_ERRORS} errors: the first {MAX_ERRORS} are listed"
            )),
            zh!(format!("错误超过 {MAX_ERRORS} 处,仅列出前 {MAX_ERRORS} 处")),
        )),
        std::cmp::Ordering::Greater => {}
    }
}

/// [`push_error`] for each of `more`.
pub fn extend_errors(errors: &mut Vec<Diagnostic>, more: impl IntoIterator<Item = Diagnostic>) {
    for d in more {
        if errors.len() > MAX_ERRORS {
            break;
        }
        push_error(errors, d);
    }
}

/// Escapes one JSON-pointer reference token (`~` → `~0`, `/` → `~1`).
pub fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_of_errors_stops_after_max_errors_with_one_too_many() {
        let d = |i: usize| Diagnostic::new(Code::InvalidValue, format!("/{i}"), "x", "x");
        let mut errors = Vec::new();
        for i in 0..MAX_ERRORS - 1 {
            push_error(&mut errors, d(i));
        }
        extend_errors(&mut errors, (0..5).map(|i| d(10_000 + i)));
        assert_eq!(errors.len(), MAX_ERRORS + 1);
        assert_eq!(errors[MAX_ERRORS - 1].path, "/10000");
        assert_eq!(errors[MAX_ERRORS].code, Code::TooMany);
        assert_eq!(errors[MAX_ERRORS].path, "");
        push_error(&mut errors, d(7));
        assert_eq!(errors.len(), MAX_ERRORS + 1);
    }
}
