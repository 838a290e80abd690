//! Reading documents: JSON text → typed model, collecting every structural error with its path.
//!
//! serde's derive stops at the first error and reports line/column; SPEC 2 asks for all errors
//! at once, each with a JSON pointer, so documents are read from a `serde_json::Value` by hand.
//! Rules that need more than one field (duplicates, references, order) live in `validate`.

use crate::diag::{pointer_token, Code, Diagnostic};
use crate::exact::Exact;
use crate::model::*;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

/// A document over this size is refused before it is parsed (SPEC 7).
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;
pub const MAX_SHEETS: usize = 100_000;
pub const MAX_INDICATORS: usize = 10_000;
pub const MAX_SOURCES: usize = 64;
/// Lists that SPEC does not bound get this bound, so a document cannot make work without end.
const MAX_LIST: usize = 100_000;
const MAX_ID_CHARS: usize = 128;
const MAX_STRING_BYTES: usize = 64 * 1024;

/// The error for a document over [`MAX_DOCUMENT_BYTES`] (`size` bytes, or more).
pub fn too_large(size: usize) -> Diagnostic {
    Diagnostic::new(
        Code::TooLarge,
        "",
        format!("the document is {size} bytes or more; at most {MAX_DOCUMENT_BYTES} are read"),
        format!("文档大小达 {size} 字节,超过上限 {MAX_DOCUMENT_BYTES} 字节"),
    )
}

/// Parses JSON text, refusing oversized documents and reporting syntax errors with their place.
pub fn parse_json(text: &str) -> Result<Value, Vec<Diagnostic>> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(vec![too_large(text.len())]);
    }
    serde_json::from_str(text).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        let deep = e.to_string().contains("recursion limit");
        vec![if deep {
            Diagnostic::new(
                Code::TooDeep,
                "",
                format!(
                    "nesting is deeper than any document allows (line {line}, column {column})"
                ),
                format!("嵌套层级过深(第 {line} 行第 {column} 列)"),
            )
        } else {
            Diagnostic::new(
                Code::JsonSyntax,
                "",
                format!("not valid JSON: {e}"),
                format!("不是有效的 JSON(第 {line} 行第 {column} 列):{e}"),
            )
        }]
    })
}

fn kind_of(v: &Value) -> (&'static str, &'static str) {
    match v {
        Value::Null => ("null", "null"),
        Value::Bool(_) => ("a boolean", "布尔值"),
        Value::Number(_) => ("a number", "数字"),
        Value::String(_) => ("a string", "字符串"),
        Value::Array(_) => ("an array", "数组"),
        Value::Object(_) => ("an object", "对象"),
    }
}

/// Collects diagnostics while a document is read.
#[derive(Default)]
pub(crate) struct Reader {
    pub errors: Vec<Diagnostic>,
}

/// A present optional field that failed to read fails the whole (`Some(None)` → `None`).
fn opt<T>(field: Option<Option<T>>) -> Option<Option<T>> {
    match field {
        None => Some(None),
        Some(inner) => inner.map(Some),
    }
}

pub(crate) fn join(path: &str, key: &str) -> String {
    format!("{path}/{}", pointer_token(key))
}

pub(crate) fn at(path: &str, index: usize) -> String {
    format!("{path}/{index}")
}

impl Reader {
    pub fn err(&mut self, code: Code, path: &str, en: impl Into<String>, zh: impl Into<String>) {
        self.errors.push(Diagnostic::new(code, path, en, zh));
    }

    fn wrong_type(&mut self, path: &str, v: &Value, en: &str, zh: &str) {
        let (got_en, got_zh) = kind_of(v);
        self.err(
            Code::WrongType,
            path,
            format!("expected {en}, found {got_en}"),
            format!("应为{zh},实为{got_zh}"),
        );
    }

    /// An object whose keys are all in `known`; unknown keys are errors (a typo is never dropped).
    pub fn object<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        known: &[&str],
    ) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.wrong_type(path, v, "an object", "对象");
            return None;
        };
        for key in map.keys() {
            if !known.contains(&key.as_str()) {
                self.err(
                    Code::UnknownField,
                    &join(path, key),
                    format!(
                        "unknown field \"{key}\"; expected one of: {}",
                        known.join(", ")
                    ),
                    format!("未知字段「{key}」;可用字段:{}", known.join("、")),
                );
            }
        }
        Some(map)
    }

    /// An object used as a map: any keys.
    pub fn map<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v Map<String, Value>> {
        match v {
            Value::Object(map) => Some(map),
            _ => {
                self.wrong_type(path, v, "an object", "对象");
                None
            }
        }
    }

    /// A required field.
    pub fn req<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<&'v Value> {
        let v = map.get(key);
        if v.is_none() {
            self.err(
                Code::MissingField,
                &join(path, key),
                format!("missing required field \"{key}\""),
                format!("缺少必填字段「{key}」"),
            );
        }
        v
    }

    /// The schema tag must be exactly `tag`.
    pub fn schema(&mut self, map: &Map<String, Value>, path: &str, tag: &str) -> bool {
        let p = join(path, "schema");
        match self.req(map, path, "schema") {
            Some(Value::String(s)) if s == tag => true,
            Some(Value::String(s)) => {
                self.err(
                    Code::UnknownSchema,
                    &p,
                    format!("schema \"{s}\" is not known to this version; expected \"{tag}\""),
                    format!("本版本不支持 schema「{s}」,应为「{tag}」"),
                );
                false
            }
            Some(v) => {
                self.wrong_type(&p, v, "a string", "字符串");
                false
            }
            None => false,
        }
    }

    pub fn string<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v str> {
        match v {
            Value::String(s) if s.len() > MAX_STRING_BYTES => {
                self.err(
                    Code::OutOfRange,
                    path,
                    format!("text is longer than {MAX_STRING_BYTES} bytes"),
                    format!("文本超过 {MAX_STRING_BYTES} 字节"),
                );
                None
            }
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(path, v, "a string", "字符串");
                None
            }
        }
    }

    pub fn opt_string(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<String> {
        let v = map.get(key)?;
        self.string(v, &join(path, key)).map(str::to_owned)
    }

    /// An identifier: 1–128 characters, no control characters.
    pub fn id(&mut self, v: &Value, path: &str) -> Option<Id> {
        let s = self.string(v, path)?;
        if s.is_empty() || s.chars().count() > MAX_ID_CHARS || s.chars().any(char::is_control) {
            self.err(
                Code::InvalidId,
                path,
                format!("\"{s}\" is not a valid id (1–{MAX_ID_CHARS} characters, no control characters)"),
                format!("「{s}」不是有效的标识(1–{MAX_ID_CHARS} 个字符,不含控制字符)"),
            );
            return None;
        }
        Some(Rc::from(s))
    }

    pub fn req_id(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<Id> {
        let v = self.req(map, path, key)?;
        self.id(v, &join(path, key))
    }

    /// A `Text`: `{"zh-Hans": str, "zh-Hant"?: str, "en"?: str}`; zh-Hans is required and not empty.
    pub fn text(&mut self, v: &Value, path: &str) -> Option<Text> {
        let map = self.object(v, path, &["zh-Hans", "zh-Hant", "en"])?;
        let zh_hans = match map.get("zh-Hans") {
            Some(v) => self.string(v, &join(path, "zh-Hans")).map(str::to_owned),
            None => None,
        };
        let zh_hant = self.opt_string(map, path, "zh-Hant");
        let en = self.opt_string(map, path, "en");
        match zh_hans {
            Some(s) if !s.trim().is_empty() => Some(Text {
                zh_hans: s,
                zh_hant,
                en,
            }),
            _ => {
                // Absent or blank; a text that failed to read (too long, not a string) already said why.
                let blank = match map.get("zh-Hans") {
                    None => true,
                    Some(Value::String(s)) => s.trim().is_empty(),
                    Some(_) => false,
                };
                if blank {
                    self.err(
                        Code::MissingText,
                        &join(path, "zh-Hans"),
                        "a zh-Hans text is required",
                        "缺少简体中文文本(zh-Hans)",
                    );
                }
                None
            }
        }
    }

    pub fn req_text(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<Text> {
        let v = self.req(map, path, key)?;
        self.text(v, &join(path, key))
    }

    pub fn opt_text(&mut self, map: &Map<String, Value>, path: &str, key: &str) -> Option<Text> {
        let v = map.get(key)?;
        self.text(v, &join(path, key))
    }

    /// A Decimal: a JSON number or string, at most 2 fractional digits, 0 <= x <= 100000.
    pub fn decimal(&mut self, v: &Value, path: &str) -> Option<Decimal> {
        let literal = match v {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.clone(),
            _ => {
                self.wrong_type(path, v, "a decimal number", "数值");
                return None;
            }
        };
        self.decimal_text(&literal, path)
    }

    pub fn decimal_text(&mut self, literal: &str, path: &str) -> Option<Decimal> {
        let Some(value) = Exact::parse_decimal(literal) else {
            self.err(
                Code::InvalidDecimal,
                path,
                format!("\"{literal}\" is not a plain decimal number such as 12.5"),
                format!("「{literal}」不是普通小数(例如 12.5)"),
            );
            return None;
        };
        let cents = value.mul_int(100);
        let written_fraction = literal.split_once('.').map_or(0, |(_, f)| f.len());
        // At most 2 digits as written (SPEC 2.1) also makes `cents` whole.
        if written_fraction > 2 {
            self.err(
                Code::DecimalPrecision,
                path,
                format!("{literal} has more than 2 fractional digits"),
                format!("{literal} 的小数位超过 2 位"),
            );
            return None;
        }
        match cents.floor_i64().and_then(Decimal::from_cents) {
            Some(d) => Some(d),
            None => {
                self.err(
                    Code::OutOfRange,
                    path,
                    format!("{literal} is outside 0 to 100000"),
                    format!("{literal} 超出 0 至 100000 的范围"),
                );
                None
            }
        }
    }

    pub fn req_decimal(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
    ) -> Option<Decimal> {
        let v = self.req(map, path, key)?;
        self.decimal(v, &join(path, key))
    }

    /// A whole number in `min..=max`.
    pub fn uint(&mut self, v: &Value, path: &str, min: u64, max: u64) -> Option<u64> {
        let Value::Number(n) = v else {
            self.wrong_type(path, v, "a whole number", "整数");
            return None;
        };
        match n.as_u64() {
            Some(k) if (min..=max).contains(&k) => Some(k),
            Some(_) => {
                self.err(
                    Code::OutOfRange,
                    path,
                    format!("{n} is outside {min} to {max}"),
                    format!("{n} 超出 {min} 至 {max} 的范围"),
                );
                None
            }
            None if n.as_i64().is_some() || n.to_string().bytes().all(|b| b.is_ascii_digit()) => {
                self.err(
                    Code::OutOfRange,
                    path,
                    format!("{n} is outside {min} to {max}"),
                    format!("{n} 超出 {min} 至 {max} 的范围"),
                );
                None
            }
            None => {
                self.err(
                    Code::WrongType,
                    path,
                    format!("expected a whole number, found {n}"),
                    format!("应为整数,实为 {n}"),
                );
                None
            }
        }
    }

    pub fn boolean(&mut self, v: &Value, path: &str) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => {
                self.wrong_type(path, v, "true or false", "true 或 false");
                None
            }
        }
    }

    /// An ISO date `YYYY-MM-DD`.
    pub fn date(&mut self, v: &Value, path: &str) -> Option<Date> {
        let s = self.string(v, path)?;
        match iso_date(s) {
            Some(d) => Some(d),
            None => {
                self.err(
                    Code::InvalidDate,
                    path,
                    format!("\"{s}\" is not a date in the form YYYY-MM-DD"),
                    format!("「{s}」不是 YYYY-MM-DD 格式的有效日期"),
                );
                None
            }
        }
    }

    /// An array of at most `max` items.
    pub fn array<'v>(&mut self, v: &'v Value, path: &str, max: usize) -> Option<&'v [Value]> {
        let Value::Array(items) = v else {
            self.wrong_type(path, v, "an array", "数组");
            return None;
        };
        if items.len() > max {
            self.err(
                Code::TooMany,
                path,
                format!("{} items; at most {max} are allowed", items.len()),
                format!("共 {} 项,最多允许 {max} 项", items.len()),
            );
            return None;
        }
        Some(items)
    }

    /// Reads each item of an array with `f`, keeping the ones that read.
    pub fn list<T>(
        &mut self,
        v: &Value,
        path: &str,
        max: usize,
        mut f: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let items = self.array(v, path, max)?;
        let before = self.errors.len();
        let out: Vec<T> = items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| f(self, item, &at(path, i)))
            .collect();
        (self.errors.len() == before).then_some(out)
    }

    pub fn opt_list<T>(
        &mut self,
        map: &Map<String, Value>,
        path: &str,
        key: &str,
        max: usize,
        f: impl FnMut(&mut Self, &Value, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        match map.get(key) {
            Some(v) => self.list(v, &join(path, key), max, f),
            None => Some(Vec::new()),
        }
    }

    /// One of a fixed set of strings.
    pub fn choice<T: Copy>(&mut self, v: &Value, path: &str, options: &[(&str, T)]) -> Option<T> {
        let s = self.string(v, path)?;
        if let Some((_, t)) = options.iter().find(|(name, _)| *name == s) {
            return Some(*t);
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        self.err(
            Code::InvalidValue,
            path,
            format!("\"{s}\" is not one of: {}", names.join(", ")),
            format!("「{s}」不是可选值之一:{}", names.join("、")),
        );
        None
    }

    fn finish<T>(self, value: Option<T>) -> Result<T, Vec<Diagnostic>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ if self.errors.is_empty() => Err(vec![Diagnostic::new(
                Code::InvalidValue,
                "",
                "the document could not be read",
                "无法读取该文档",
            )]),
            _ => Err(self.errors),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Framework

const SUBJECTS: &[(&str, Subject)] = &[
    ("organization", Subject::Organization),
    ("member", Subject::Member),
    ("party_worker", Subject::PartyWorker),
];

const ORG_TYPES: &[(&str, OrgType)] = &[
    ("rural", OrgType::Rural),
    ("community", OrgType::Community),
    ("soe", OrgType::Soe),
    ("government", OrgType::Government),
    ("university", OrgType::University),
    ("institution", OrgType::Institution),
    ("nonpublic", OrgType::Nonpublic),
];

const AGGREGATES: &[(&str, Aggregate)] = &[
    ("mean", Aggregate::Mean),
    ("median", Aggregate::Median),
    ("trimmed_mean", Aggregate::TrimmedMean),
];

/// Reads a framework from a JSON value: structure only (see `validate::framework`).
pub(crate) fn framework(v: &Value) -> Result<Framework, Vec<Diagnostic>> {
    let mut r = Reader::default();
    let fw = read_framework(&mut r, v);
    r.finish(fw)
}

fn read_framework(r: &mut Reader, v: &Value) -> Option<Framework> {
    let p = "";
    let known = [
        "schema",
        "id",
        "version",
        "subject",
        "title",
        "description",
        "org_type",
        "dimensions",
        "bonus",
        "deductions",
        "vetoes",
        "grades",
        "sources",
    ];
    let m = r.object(v, p, &known)?;
    let schema_ok = r.schema(m, p, FrameworkSchema::TAG);
    let id = r.req(m, p, "id").and_then(|v| framework_id(r, v, "/id"));
    let version = r
        .req(m, p, "version")
        .and_then(|v| r.string(v, "/version"))
        .map(str::to_owned);
    let subject = r
        .req(m, p, "subject")
        .and_then(|v| r.choice(v, "/subject", SUBJECTS));
    let title = r.req_text(m, p, "title");
    let description = r.opt_text(m, p, "description");
    let org_type = m
        .get("org_type")
        .map(|v| r.choice(v, "/org_type", ORG_TYPES));
    let dimensions = r
        .req(m, p, "dimensions")
        .and_then(|v| r.list(v, "/dimensions", MAX_INDICATORS, read_dimension));
    let bonus = m.get("bonus").map(|v| read_adjustments(r, v, "/bonus"));
    let deductions = m
        .get("deductions")
        .map(|v| read_adjustments(r, v, "/deductions"));
    let vetoes = r.opt_list(m, p, "vetoes", MAX_LIST, |r, v, p| {
        let m = r.object(v, p, &["id", "title", "caps_grade_at"])?;
        let id = r.req_id(m, p, "id");
        let title = r.req_text(m, p, "title");
        let caps_grade_at = r.req_id(m, p, "caps_grade_at");
        Some(Veto {
            id: id?,
            title: title?,
            caps_grade_at: caps_grade_at?,
        })
    });
    let grades = r.req(m, p, "grades").and_then(|v| {
        r.list(v, "/grades", MAX_LIST, |r, v, p| {
            let m = r.object(v, p, &["id", "label", "min_total", "min_dimension_ratio"])?;
            let id = r.req_id(m, p, "id");
            let label = r.req_text(m, p, "label");
            let min_total = r.req_decimal(m, p, "min_total");
            let ratio = m
                .get("min_dimension_ratio")
                .map(|v| r.uint(v, &join(p, "min_dimension_ratio"), 0, 100));
            Some(Grade {
                id: id?,
                label: label?,
                min_total: min_total?,
                min_dimension_ratio: opt(ratio)?.map(|r| r as u8),
            })
        })
    });
    let sources = r
        .req(m, p, "sources")
        .and_then(|v| r.list(v, "/sources", MAX_SOURCES, read_source));
    Some(Framework {
        schema: FrameworkSchema,
        id: id?,
        version: version?,
        subject: subject?,
        title: title?,
        description,
        org_type: opt(org_type)?,
        dimensions: dimensions?,
        bonus: opt(bonus)?,
        deductions: opt(deductions)?,
        vetoes: vetoes?,
        grades: grades?,
        sources: sources?,
    })
    .filter(|_| schema_ok)
}

/// Framework ids match `[a-z0-9][a-z0-9._-]{0,63}`.
fn framework_id(r: &mut Reader, v: &Value, path: &str) -> Option<Id> {
    let s = r.string(v, path)?;
    let bytes = s.as_bytes();
    let first_ok = bytes
        .first()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let rest_ok = bytes
        .iter()
        .skip(1)
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(b));
    if first_ok && rest_ok && bytes.len() <= 64 {
        Some(Rc::from(s))
    } else {
        r.err(
            Code::InvalidId,
            path,
            format!("\"{s}\" is not a valid framework id: lowercase letters, digits, '.', '_' or '-', at most 64, starting with a letter or digit"),
            format!("「{s}」不是有效的标准标识:只能由小写字母、数字、「.」「_」「-」组成,以字母或数字开头,至多 64 个字符"),
        );
        None
    }
}

fn read_dimension(r: &mut Reader, v: &Value, p: &str) -> Option<Dimension> {
    let m = r.object(v, p, &["id", "title", "guidance", "indicators"])?;
    let id = r.req_id(m, p, "id");
    let title = r.req_text(m, p, "title");
    let guidance = r.opt_text(m, p, "guidance");
    let indicators = r
        .req(m, p, "indicators")
        .and_then(|v| r.list(v, &join(p, "indicators"), MAX_INDICATORS, read_indicator));
    Some(Dimension {
        id: id?,
        title: title?,
        guidance,
        indicators: indicators?,
    })
}

fn read_indicator(r: &mut Reader, v: &Value, p: &str) -> Option<Indicator> {
    let m = r.object(
        v,
        p,
        &[
            "id", "title", "guidance", "points", "scale", "sources", "allow_na",
        ],
    )?;
    let id = r.req_id(m, p, "id");
    let title = r.req_text(m, p, "title");
    let guidance = r.opt_text(m, p, "guidance");
    let points = r.req_decimal(m, p, "points");
    let scale = r
        .req(m, p, "scale")
        .and_then(|v| read_scale(r, v, &join(p, "scale")));
    let sources = m
        .get("sources")
        .map(|v| r.list(v, &join(p, "sources"), MAX_SOURCES, |r, v, p| r.id(v, p)));
    let allow_na = m
        .get("allow_na")
        .map(|v| r.boolean(v, &join(p, "allow_na")));
    Some(Indicator {
        id: id?,
        title: title?,
        guidance,
        points: points?,
        scale: scale?,
        sources: opt(sources)?,
        allow_na: opt(allow_na)?.unwrap_or(false),
    })
}

fn read_scale(r: &mut Reader, v: &Value, p: &str) -> Option<Scale> {
    let kind = match v.get("kind") {
        Some(k) => r.choice(
            k,
            &join(p, "kind"),
            &[
                ("levels", 0u8),
                ("check", 1),
                ("points", 2),
                ("deduction", 3),
            ],
        ),
        None => {
            // Reports "not an object" or the missing field, whichever applies.
            let m = r.object(v, p, &["kind"])?;
            r.req(m, p, "kind");
            None
        }
    }?;
    match kind {
        0 => {
            let m = r.object(v, p, &["kind", "levels"])?;
            let levels = r.req(m, p, "levels").and_then(|v| {
                r.list(v, &join(p, "levels"), MAX_LIST, |r, v, p| {
                    let m = r.object(v, p, &["id", "label", "percent", "descriptor"])?;
                    let id = r.req_id(m, p, "id");
                    let label = r.req_text(m, p, "label");
                    let percent = r
                        .req(m, p, "percent")
                        .and_then(|v| r.uint(v, &join(p, "percent"), 0, 100));
                    let descriptor = r.opt_text(m, p, "descriptor");
                    Some(Level {
                        id: id?,
                        label: label?,
                        percent: percent? as u8,
                        descriptor,
                    })
                })
            })?;
            Some(Scale::Levels { levels })
        }
        1 => {
            r.object(v, p, &["kind"])?;
            Some(Scale::Check)
        }
        2 => {
            let m = r.object(v, p, &["kind", "step"])?;
            Some(Scale::Points {
                step: r.req_decimal(m, p, "step")?,
            })
        }
        _ => {
            let m = r.object(v, p, &["kind", "per"])?;
            Some(Scale::Deduction {
                per: r.req_decimal(m, p, "per")?,
            })
        }
    }
}

fn read_adjustments(r: &mut Reader, v: &Value, p: &str) -> Option<Adjustments> {
    let m = r.object(v, p, &["cap", "items"])?;
    let cap = r.req_decimal(m, p, "cap");
    let items = r.req(m, p, "items").and_then(|v| {
        r.list(v, &join(p, "items"), MAX_LIST, |r, v, p| {
            let m = r.object(v, p, &["id", "title", "points"])?;
            let id = r.req_id(m, p, "id");
            let title = r.req_text(m, p, "title");
            let points = r.req_decimal(m, p, "points");
            Some(AdjustmentItem {
                id: id?,
                title: title?,
                points: points?,
            })
        })
    });
    Some(Adjustments {
        cap: cap?,
        items: items?,
    })
}

fn read_source(r: &mut Reader, v: &Value, p: &str) -> Option<Source> {
    let m = r.object(
        v,
        p,
        &[
            "id",
            "label",
            "weight",
            "aggregate",
            "min_raters",
            "anonymous_min",
        ],
    )?;
    let id = r.req_id(m, p, "id");
    let label = r.req_text(m, p, "label");
    let weight = r.req_decimal(m, p, "weight");
    let aggregate = r
        .req(m, p, "aggregate")
        .and_then(|v| r.choice(v, &join(p, "aggregate"), AGGREGATES));
    let min_raters = m
        .get("min_raters")
        .map(|v| r.uint(v, &join(p, "min_raters"), 1, MAX_SHEETS as u64));
    let anonymous_min = m
        .get("anonymous_min")
        .map(|v| r.uint(v, &join(p, "anonymous_min"), 1, MAX_SHEETS as u64));
    if let Some(w) = weight.filter(|w| w.cents() == 0) {
        r.err(
            Code::OutOfRange,
            &join(p, "weight"),
            format!(
                "a source's weight must be more than 0, found {}",
                w.canonical()
            ),
            format!("评议主体的权重必须大于 0,实为 {}", w.canonical()),
        );
        return None;
    }
    Some(Source {
        id: id?,
        label: label?,
        weight: weight?,
        aggregate: aggregate?,
        min_raters: opt(min_raters)?.map_or(1, |n| n as u32),
        anonymous_min: opt(anonymous_min)?.map(|n| n as u32),
    })
}

// ---------------------------------------------------------------------------------------------
// Assessment

const STATUSES: &[(&str, CommitmentStatus)] = &[
    ("planned", CommitmentStatus::Planned),
    ("in_progress", CommitmentStatus::InProgress),
    ("done", CommitmentStatus::Done),
    ("dropped", CommitmentStatus::Dropped),
];

/// Reads an assessment from a JSON value: structure only (checks against a framework are the scorer's).
pub(crate) fn assessment(v: &Value) -> Result<Assessment, Vec<Diagnostic>> {
    let mut r = Reader::default();
    let a = read_assessment(&mut r, v);
    r.finish(a)
}

pub(crate) fn framework_ref(
    r: &mut Reader,
    v: &Value,
    p: &str,
    digest_required: bool,
) -> Option<FrameworkRef> {
    let m = r.object(v, p, &["id", "version", "digest"])?;
    let id = r.req_id(m, p, "id");
    let version = r
        .req(m, p, "version")
        .and_then(|v| r.string(v, &join(p, "version")))
        .map(str::to_owned);
    let digest = if digest_required {
        r.req(m, p, "digest")
            .and_then(|v| r.string(v, &join(p, "digest")))
            .map(str::to_owned)
    } else {
        r.opt_string(m, p, "digest")
    };
    if digest_required && digest.is_none() {
        return None;
    }
    Some(FrameworkRef {
        id: id?,
        version: version?,
        digest,
    })
}

pub(crate) fn subject_info(r: &mut Reader, m: &Map<String, Value>) -> Option<SubjectInfo> {
    match m.get("subject") {
        Some(v) => {
            let s = r.object(v, "/subject", &["name", "unit"])?;
            Some(SubjectInfo {
                name: r.opt_string(s, "/subject", "name"),
                unit: r.opt_string(s, "/subject", "unit"),
            })
        }
        None => Some(SubjectInfo::default()),
    }
}

pub(crate) fn period(r: &mut Reader, v: &Value, p: &str) -> Option<Period> {
    let m = r.object(v, p, &["start", "end", "label"])?;
    let start = r
        .req(m, p, "start")
        .and_then(|v| r.date(v, &join(p, "start")));
    let end = r.req(m, p, "end").and_then(|v| r.date(v, &join(p, "end")));
    let label = r.opt_string(m, p, "label");
    let (start, end) = (start?, end?);
    if start > end {
        r.err(
            Code::PeriodOrder,
            p,
            format!("the period starts ({start}) after it ends ({end})"),
            format!("考核期开始日期({start})晚于结束日期({end})"),
        );
        return None;
    }
    Some(Period { start, end, label })
}

/// What an assessment and a result both begin with.
struct Header<'v> {
    map: &'v Map<String, Value>,
    schema_ok: bool,
    framework: Option<FrameworkRef>,
    subject: Option<SubjectInfo>,
    period: Option<Period>,
}

/// Reads the object (its keys among `known`), its schema tag, framework, subject and period.
fn header<'v>(
    r: &mut Reader,
    v: &'v Value,
    known: &[&str],
    tag: &str,
    digest_required: bool,
) -> Option<Header<'v>> {
    let map = r.object(v, "", known)?;
    let schema_ok = r.schema(map, "", tag);
    let framework = r
        .req(map, "", "framework")
        .and_then(|v| framework_ref(r, v, "/framework", digest_required));
    let subject = subject_info(r, map);
    let period = r
        .req(map, "", "period")
        .and_then(|v| period(r, v, "/period"));
    Some(Header {
        map,
        schema_ok,
        framework,
        subject,
        period,
    })
}

fn read_assessment(r: &mut Reader, v: &Value) -> Option<Assessment> {
    let p = "";
    let known = [
        "schema",
        "framework",
        "subject",
        "period",
        "as_of",
        "sheets",
        "bonus",
        "deductions",
        "vetoes",
        "commitments",
    ];
    let Header {
        map: m,
        schema_ok,
        framework,
        subject,
        period,
    } = header(r, v, &known, AssessmentSchema::TAG, false)?;
    let as_of = m.get("as_of").map(|v| r.date(v, "/as_of"));
    let sheets = r
        .req(m, p, "sheets")
        .and_then(|v| r.list(v, "/sheets", MAX_SHEETS, read_sheet));
    let bonus = r.opt_list(m, p, "bonus", MAX_LIST, |r, v, p| r.id(v, p));
    let deductions = r.opt_list(m, p, "deductions", MAX_LIST, |r, v, p| {
        let m = r.object(v, p, &["item", "count"])?;
        let item = r.req_id(m, p, "item");
        let count = r
            .req(m, p, "count")
            .and_then(|v| r.uint(v, &join(p, "count"), 1, u32::MAX as u64));
        Some(DeductionClaim {
            item: item?,
            count: count? as u32,
        })
    });
    let vetoes = r.opt_list(m, p, "vetoes", MAX_LIST, |r, v, p| r.id(v, p));
    let commitments = r.opt_list(m, p, "commitments", MAX_LIST, read_commitment);
    Some(Assessment {
        schema: AssessmentSchema,
        framework: framework?,
        subject: subject?,
        period: period?,
        as_of: opt(as_of)?,
        sheets: sheets?,
        bonus: bonus?,
        deductions: deductions?,
        vetoes: vetoes?,
        commitments: commitments?,
    })
    .filter(|_| schema_ok)
}

fn read_sheet(r: &mut Reader, v: &Value, p: &str) -> Option<Sheet> {
    let m = r.object(v, p, &["source", "rater", "submitted", "ratings", "notes"])?;
    let source = r.req_id(m, p, "source");
    let rater = r.opt_string(m, p, "rater").map(Rc::from);
    let submitted = m.get("submitted").map(|v| r.date(v, &join(p, "submitted")));
    let ratings = r.req(m, p, "ratings").and_then(|v| {
        let rp = join(p, "ratings");
        let map = r.map(v, &rp)?;
        let mut out = BTreeMap::new();
        let before = r.errors.len();
        for (key, value) in map {
            let kp = join(&rp, key);
            let rating = match value {
                Value::String(s) if s == "na" => Some(Rating::Na),
                Value::String(s) => r
                    .id(value, &kp)
                    .map(|_| Rating::Level(Rc::from(s.as_str()))),
                Value::Bool(b) => Some(Rating::Check(*b)),
                Value::Number(_) => r.decimal(value, &kp).map(Rating::Number),
                other => {
                    r.wrong_type(
                        &kp,
                        other,
                        "a level id, true/false, a number or \"na\"",
                        "等次标识、true/false、数值或 \"na\"",
                    );
                    None
                }
            };
            if let Some(rating) = rating {
                out.insert(Rc::from(key.as_str()), rating);
            }
        }
        (r.errors.len() == before).then_some(out)
    });
    let notes = match m.get("notes") {
        Some(v) => {
            let np = join(p, "notes");
            r.map(v, &np).and_then(|map| {
                let before = r.errors.len();
                let out: BTreeMap<Id, String> = map
                    .iter()
                    .filter_map(|(k, v)| {
                        r.string(v, &join(&np, k))
                            .map(|s| (Rc::from(k.as_str()), s.to_owned()))
                    })
                    .collect();
                (r.errors.len() == before).then_some(out)
            })
        }
        None => Some(BTreeMap::new()),
    };
    Some(Sheet {
        source: source?,
        rater,
        submitted: opt(submitted)?,
        ratings: ratings?,
        notes: notes?,
    })
}

fn read_commitment(r: &mut Reader, v: &Value, p: &str) -> Option<Commitment> {
    let m = r.object(
        v,
        p,
        &["id", "text", "dimension", "due", "status", "done_on"],
    )?;
    let id = r.req_id(m, p, "id");
    let text = r
        .req(m, p, "text")
        .and_then(|v| r.string(v, &join(p, "text")))
        .map(str::to_owned);
    let dimension = m.get("dimension").map(|v| r.id(v, &join(p, "dimension")));
    let due = r.req(m, p, "due").and_then(|v| r.date(v, &join(p, "due")));
    let status = r
        .req(m, p, "status")
        .and_then(|v| r.choice(v, &join(p, "status"), STATUSES));
    let done_on = m.get("done_on").map(|v| r.date(v, &join(p, "done_on")));
    Some(Commitment {
        id: id?,
        text: text?,
        dimension: opt(dimension)?,
        due: due?,
        status: status?,
        done_on: opt(done_on)?,
    })
}

// ---------------------------------------------------------------------------------------------
// Result documents, read back for the branch view and the trend.

const STATUSES_OF_INDICATORS: &[(&str, IndicatorStatus)] = &[
    ("rated", IndicatorStatus::Rated),
    ("unrated", IndicatorStatus::Unrated),
    ("na", IndicatorStatus::Na),
];

/// Reads the parts of a `cxzy/result@1` that the branch view and trend use. The other fields
/// of a result are checked by name only: they are the engine's own output, recomputed on demand.
pub(crate) fn result_summary(v: &Value) -> Result<ResultSummary, Vec<Diagnostic>> {
    let mut r = Reader::default();
    let summary = read_result(&mut r, v);
    r.finish(summary)
}

/// An amount: `key` ("87.50"), unless `key_exact` ("175/2") gives the exact value.
fn amount(
    r: &mut Reader,
    m: &Map<String, Value>,
    p: &str,
    key: &str,
    exact_key: &str,
) -> Option<Exact> {
    let path = join(p, key);
    let fixed = r
        .req(m, p, key)
        .and_then(|v| r.string(v, &path))
        .and_then(|s| {
            Exact::parse_decimal(s).or_else(|| {
                r.err(
                    Code::InvalidDecimal,
                    &path,
                    format!("\"{s}\" is not a decimal such as \"87.50\""),
                    format!("「{s}」不是「87.50」形式的小数"),
                );
                None
            })
        });
    let Some(v) = m.get(exact_key) else {
        return fixed;
    };
    let path = join(p, exact_key);
    let exact = r.string(v, &path).and_then(|s| {
        Exact::parse_fraction(s).or_else(|| {
            r.err(
                Code::InvalidValue,
                &path,
                format!("\"{s}\" is not a fraction n/d"),
                format!("「{s}」不是 n/d 形式的分数"),
            );
            None
        })
    });
    fixed.and(exact)
}

fn opt_amount(
    r: &mut Reader,
    m: &Map<String, Value>,
    p: &str,
    key: &str,
    exact_key: &str,
) -> Option<Option<Exact>> {
    match m.get(key) {
        None | Some(Value::Null) => Some(None),
        Some(_) => amount(r, m, p, key, exact_key).map(Some),
    }
}

fn read_result(r: &mut Reader, v: &Value) -> Option<ResultSummary> {
    let p = "";
    let known = [
        "schema",
        "framework",
        "subject",
        "period",
        "complete",
        "total",
        "total_exact",
        "max",
        "max_exact",
        "normalised_total",
        "normalised_total_exact",
        "bonus",
        "bonus_exact",
        "deduction",
        "deduction_exact",
        "grade",
        "grade_reason",
        "grade_detail",
        "dimensions",
        "indicators",
        "gaps",
        "to_next_grade",
        "plan",
        "perception",
        "commitments",
    ];
    let Header {
        map: m,
        schema_ok,
        framework,
        subject,
        period,
    } = header(r, v, &known, ResultSchema::TAG, true)?;
    let complete = r
        .req(m, p, "complete")
        .and_then(|v| r.boolean(v, "/complete"));
    let total = amount(r, m, p, "total", "total_exact");
    let max = amount(r, m, p, "max", "max_exact");
    let normalised_total = amount(r, m, p, "normalised_total", "normalised_total_exact");
    let grade = match m.get("grade") {
        None | Some(Value::Null) => Some(None),
        Some(v) => r.id(v, "/grade").map(Some),
    };
    let dimensions = r.req(m, p, "dimensions").and_then(|v| {
        r.list(v, "/dimensions", MAX_INDICATORS, |r, v, p| {
            let m = r.object(
                v,
                p,
                &[
                    "id",
                    "score",
                    "score_exact",
                    "max",
                    "max_exact",
                    "ratio",
                    "ratio_exact",
                ],
            )?;
            let id = r.req_id(m, p, "id");
            let score = amount(r, m, p, "score", "score_exact");
            let max = amount(r, m, p, "max", "max_exact");
            Some(DimensionSummary {
                id: id?,
                score: score?,
                max: max?,
            })
        })
    });
    let indicators = r.req(m, p, "indicators").and_then(|v| {
        r.list(v, "/indicators", MAX_INDICATORS, |r, v, p| {
            let known = [
                "id",
                "dimension",
                "points",
                "status",
                "combined",
                "combined_exact",
                "lost",
                "lost_exact",
                "sources",
            ];
            let m = r.object(v, p, &known)?;
            let id = r.req_id(m, p, "id");
            let dimension = r.req_id(m, p, "dimension");
            let points = amount(r, m, p, "points", "points_exact");
            let status = r
                .req(m, p, "status")
                .and_then(|v| r.choice(v, &join(p, "status"), STATUSES_OF_INDICATORS));
            let combined = opt_amount(r, m, p, "combined", "combined_exact");
            Some(IndicatorSummary {
                id: id?,
                dimension: dimension?,
                points: points?,
                status: status?,
                combined: combined?,
            })
        })
    });
    Some(ResultSummary {
        framework: framework?,
        subject: subject?,
        period: period?,
        complete: complete?,
        total: total?,
        max: max?,
        normalised_total: normalised_total?,
        grade: grade?,
        dimensions: dimensions?,
        indicators: indicators?,
    })
    .filter(|_| schema_ok)
}
