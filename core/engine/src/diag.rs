//! Diagnostics: every error is data — a stable code, a JSON-pointer path and a message in zh-Hans and en.

use crate::shape::{Describe, Shape};
use cxzy_derive::{Describe, Write};
use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::fmt;

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Write, Describe)]
#[cxzy(rename_all = "snake_case", name = "ErrorCode")]
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
    /// The engine broke one of its own invariants (a bug): no number is given (spec §9).
    Internal,
}

impl Describe for Lang {
    fn shape() -> Shape {
        Shape::Named(crate::shape::Named {
            name: "Lang",
            doc: "The language of messages and texts: zh-Hans (the default), zh-Hant, en.",
            define: || {
                Shape::Strings(vec![
                    ("zh-Hans", "简体中文"),
                    ("zh-Hant", "繁體中文"),
                    ("en", "English"),
                ])
            },
        })
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

    /// The message in `lang` (zh-Hant readers get the zh-Hans text: messages exist in zh-Hans and en).
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
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
        write!(f, "{} at {path}: {}", self.code, self.en)
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

/// Escapes one JSON-pointer reference token (`~` → `~0`, `/` → `~1`).
pub fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
