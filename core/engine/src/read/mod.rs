//! Reading documents (spec §4.1): JSON text → typed model, every structural error at once, each
//! with its JSON pointer; the limits of spec §4.5.
//!
//! serde's derive stops at the first error and reports a line and column; the spec asks for all
//! errors at once, each located, so documents are read by the [`Read`] impls that
//! `#[derive(Read)]` (crate `cxzy-derive`) writes from the model types' definitions, from a
//! [`json::Tape`]: the text's tokens in one vector, strings and numbers borrowed as written, no
//! tree of maps and strings. A value's path is a chain of [`Path`]s on the stack, written out as a
//! JSON pointer only when an error names it. This module holds the [`Reader`] the impls call and
//! the reading of single values. Rules that need more than one field (duplicates, references,
//! order) are validation's (spec §4.2, §4.3).

pub mod json;

use crate::diag::{pointer_token, push_error, Code, Diagnostic, MAX_ERRORS};
use crate::exact::Exact;
pub use json::{Kind, Node};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

/// A value that can be read from a JSON value at a path, reporting every error it finds.
/// `None` means "did not read" (the reason is among the reader's errors).
pub trait Read: Sized {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self>;
}

/// Where a value is in its document: a chain from the root, kept on the stack while the value is
/// read and written out (as a JSON pointer, spec §4.1) only for an error.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    Root,
    /// A pointer already written out (for a value read under a known place).
    At(&'a str),
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The member `key` of the object here.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// The item `index` of the array here.
    pub fn at(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::At(p) => f.write_str(p),
            Path::Key(parent, key) => write!(f, "{parent}/{}", pointer_token(key)),
            Path::Index(parent, i) => write!(f, "{parent}/{i}"),
        }
    }
}

/// The JSON keys an object type allows, each with the version of the document it exists from
/// (written by `#[derive(Write)]`).
pub trait Known {
    const KNOWN: &'static [(&'static str, u8)];
}

/// A schema tag: the version of a document, known before the document's keys are checked.
pub trait Versioned {
    /// Sets the reader's version from `document`'s tag when it is one of this type's; reports
    /// nothing (the tag is read, with its errors, in its place).
    fn peek(r: &mut Reader, document: Node<'_>);
}

/// Reads a whole document of type `T` from JSON text (spec §4.1, §4.5).
pub fn document<T: Read>(text: &str) -> Result<T, Vec<Diagnostic>> {
    document_at(tape(text)?.root(), &Path::Root)
}

/// Reads a document of type `T` from one value of a tape (an item of a list of documents), its
/// errors' paths under `path`.
pub fn document_at<T: Read>(v: Node<'_>, path: &Path<'_>) -> Result<T, Vec<Diagnostic>> {
    let mut r = Reader::default();
    let value = T::read(&mut r, v, path);
    r.finish(value)
}

/// Reads each item of a list of documents of type `T` from where it is written, its errors under
/// `/<index>` (at most [`MAX_ERRORS`] in all, spec §4.5): a branch view's results.
pub fn documents_in<T: Read>(list: Node<'_>) -> Result<Vec<T>, Vec<Diagnostic>> {
    let mut documents = Vec::with_capacity(list.len());
    let mut errors = Vec::new();
    for (i, item) in list.items().enumerate() {
        match document_at(item, &Path::Root.at(i)) {
            Ok(d) => documents.push(d),
            Err(e) => crate::diag::extend_errors(&mut errors, e),
        }
    }
    if errors.is_empty() {
        Ok(documents)
    } else {
        Err(errors)
    }
}

/// Reads a whole document of type `T` from a JSON value (written out as text, then read as
/// text is: the same reader, the same errors).
pub fn document_from_value<T: Read>(v: &Value) -> Result<T, Vec<Diagnostic>> {
    document(&v.to_string())
}

/// JSON text as a tape (spec §4.5's size limit first); a refused text's error as
/// [`parse_json`] gives it.
pub fn tape(text: &str) -> Result<json::Tape<'_>, Vec<Diagnostic>> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(vec![too_large(text.len())]);
    }
    json::Tape::parse(text).map_err(|e| match parse_json(text) {
        Err(errors) => errors,
        // The two parsers disagree (a bug the fuzz target `reader` looks for): still an error.
        Ok(_) => {
            let before = text.get(..e.at).unwrap_or("");
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            vec![Diagnostic::new(
                Code::JsonSyntax,
                "",
                en!(format!(
                    "not valid JSON: {} at line {line} column {column}",
                    e.what
                )),
                zh!(format!(
                    "不是有效的 JSON(第 {line} 行第 {column} 列):{}",
                    e.what
                )),
            )]
        }
    })
}

/// A document over this size is refused before it is parsed (spec §4.5).
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;
pub const MAX_SHEETS: usize = 100_000;
pub const MAX_INDICATORS: usize = 10_000;
pub const MAX_SOURCES: usize = 64;
/// Lists that spec §4.5 does not bound otherwise get this bound, so a document cannot make work without end.
pub const MAX_LIST: usize = 100_000;
pub const MAX_ID_CHARS: usize = 128;
const MAX_STRING_BYTES: usize = 64 * 1024;

/// The error for a document over [`MAX_DOCUMENT_BYTES`] (`size` bytes, or more).
pub fn too_large(size: usize) -> Diagnostic {
    Diagnostic::new(
        Code::TooLarge,
        "",
        en!(format!(
            "the document is {size} bytes or more; at most {MAX_DOCUMENT_BYTES} are read"
        )),
        zh!(format!(
            "文档大小达 {size} 字节,超过上限 {MAX_DOCUMENT_BYTES} 字节"
        )),
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
                en!(format!(
                    "nesting is deeper than any document allows (line {line}, column {column})"
                )),
                zh!(format!("嵌套层级过深(第 {line} 行第 {column} 列)")),
            )
        } else {
            Diagnostic::new(
                Code::JsonSyntax,
                "",
                en!(format!("not valid JSON: {e}")),
                zh!(format!("不是有效的 JSON(第 {line} 行第 {column} 列):{e}")),
            )
        }]
    })
}

pub(crate) fn kind_of(v: Node<'_>) -> (&'static str, &'static str) {
    match v.kind() {
        Kind::Null => ("null", "null"),
        Kind::Bool => (en!("a boolean"), zh!("布尔值")),
        Kind::Number => (en!("a number"), zh!("数字")),
        Kind::String => (en!("a string"), zh!("字符串")),
        Kind::Array => (en!("an array"), zh!("数组")),
        Kind::Object => (en!("an object"), zh!("对象")),
    }
}

/// Collects diagnostics while a document is read.
#[derive(Default)]
pub struct Reader {
    pub errors: Vec<Diagnostic>,
    /// The version of the document being read (its schema tag sets it; 1 until then).
    version: u8,
    /// The schema tags of the document's versions, oldest first (its schema tag sets them), for
    /// errors that name the version a key or kind needs.
    tags: &'static [&'static str],
    /// Every id read so far, once: a document names the same few ids again and again (an
    /// indicator per sheet, a level per rating), and each is then one shared string.
    ids: std::collections::HashSet<Rc<str>, std::hash::BuildHasherDefault<Fnv>>,
}

/// FNV-1a: ids are short and come from the document being read (no untrusted peer picks them
/// to collide in a long-lived table: the table lives as long as the document's reading).
#[derive(Default)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) fn join(path: &str, key: &str) -> String {
    format!("{path}/{}", pointer_token(key))
}

pub(crate) fn at(path: &str, index: usize) -> String {
    format!("{path}/{index}")
}

impl Reader {
    /// The version of the document being read.
    pub fn version(&self) -> u8 {
        self.version.max(1)
    }

    /// Sets the schema tags of the document being read, oldest first.
    pub fn set_tags(&mut self, tags: &'static [&'static str]) {
        self.tags = tags;
    }

    /// Sets the version of the document being read (its schema tag does).
    pub fn set_version(&mut self, version: u8) {
        self.version = version;
    }

    /// An object whose keys are those of `known` that exist in this version of the document; an
    /// unknown key of a later version says which version it needs.
    pub fn object_since<'v>(
        &mut self,
        v: Node<'v>,
        path: &Path<'_>,
        known: &[(&str, u8)],
    ) -> Option<Node<'v>> {
        let version = self.version();
        let first = self.errors.len();
        let map = self.object_where(v, path, known, |since| since <= version)?;
        if self.errors.len() > first {
            for (key, _) in map.members() {
                if let Some((_, since)) = known.iter().find(|(k, _)| *k == key) {
                    if *since > version {
                        let at = path.key(key).to_string();
                        self.hint_later(first, &at, key, *since);
                    }
                }
            }
        }
        Some(map)
    }

    /// Adds to the error at `path` (from index `first`) the version that `name` needs.
    fn hint_later(&mut self, first: usize, path: &str, name: &str, since: u8) {
        let Some(tag) = self.tags.get(usize::from(since).saturating_sub(1)) else {
            return;
        };
        let tail = self.errors.get_mut(first..).unwrap_or_default();
        if let Some(d) = tail.iter_mut().rev().find(|d| d.path == path) {
            d.append(
                &en!(format!(" (\"{name}\" needs \"{tag}\")")),
                &zh!(format!("(「{name}」须用「{tag}」)")),
            );
        }
    }

    /// An error at `path` (a [`Path`] or a pointer already written out).
    pub fn err<P: fmt::Display + ?Sized>(
        &mut self,
        code: Code,
        path: &P,
        en: impl Into<String>,
        zh: impl Into<String>,
    ) {
        // Past the bound nothing is kept (push_error): no pointer is written out either.
        if self.errors.len() > MAX_ERRORS {
            return;
        }
        push_error(
            &mut self.errors,
            Diagnostic::new(code, path.to_string(), en, zh),
        );
    }

    pub fn wrong_type(&mut self, path: &Path<'_>, v: Node<'_>, en: &str, zh: &str) {
        let (got_en, got_zh) = kind_of(v);
        self.err(
            Code::WrongType,
            path,
            en!(format!("expected {en}, found {got_en}")),
            zh!(format!("应为{zh},实为{got_zh}")),
        );
    }

    /// An object whose keys are all in `known`; unknown keys are errors (a typo is never dropped).
    pub fn object<'v>(&mut self, v: Node<'v>, path: &Path<'_>, known: &[&str]) -> Option<Node<'v>> {
        let map = self.map(v, path)?;
        for (key, _) in map.members() {
            if !known.contains(&key) {
                self.unknown_field(path, key, known.iter().copied());
            }
        }
        Some(map)
    }

    /// An object whose keys are those of `known` for which `now` holds.
    fn object_where<'v>(
        &mut self,
        v: Node<'v>,
        path: &Path<'_>,
        known: &[(&str, u8)],
        now: impl Fn(u8) -> bool,
    ) -> Option<Node<'v>> {
        let map = self.map(v, path)?;
        for (key, _) in map.members() {
            if !known.iter().any(|(k, since)| *k == key && now(*since)) {
                let names = known
                    .iter()
                    .filter(|(_, since)| now(*since))
                    .map(|(k, _)| *k);
                self.unknown_field(path, key, names);
            }
        }
        Some(map)
    }

    fn unknown_field<'k>(
        &mut self,
        path: &Path<'_>,
        key: &str,
        known: impl Iterator<Item = &'k str>,
    ) {
        let known: Vec<&str> = known.collect();
        self.err(
            Code::UnknownField,
            &path.key(key),
            en!(format!(
                "unknown field \"{key}\"; expected one of: {}",
                known.join(", ")
            )),
            zh!(format!("未知字段「{key}」;可用字段:{}", known.join("、"))),
        );
    }

    /// An object used as a map: any keys.
    pub fn map<'v>(&mut self, v: Node<'v>, path: &Path<'_>) -> Option<Node<'v>> {
        if v.kind() == Kind::Object {
            Some(v)
        } else {
            self.wrong_type(path, v, en!("an object"), zh!("对象"));
            None
        }
    }

    /// A required field.
    pub fn req<'v>(&mut self, map: Node<'v>, path: &Path<'_>, key: &str) -> Option<Node<'v>> {
        let v = map.get(key);
        if v.is_none() {
            self.err(
                Code::MissingField,
                &path.key(key),
                en!(format!("missing required field \"{key}\"")),
                zh!(format!("缺少必填字段「{key}」")),
            );
        }
        v
    }

    pub fn string<'v>(&mut self, v: Node<'v>, path: &Path<'_>) -> Option<&'v str> {
        match v.as_str() {
            Some(s) if s.len() > MAX_STRING_BYTES => {
                self.err(
                    Code::OutOfRange,
                    path,
                    en!(format!("text is longer than {MAX_STRING_BYTES} bytes")),
                    zh!(format!("文本超过 {MAX_STRING_BYTES} 字节")),
                );
                None
            }
            Some(s) => Some(s),
            None => {
                self.wrong_type(path, v, en!("a string"), zh!("字符串"));
                None
            }
        }
    }

    /// An identifier: 1–128 characters, no control characters.
    pub fn id(&mut self, v: Node<'_>, path: &Path<'_>) -> Option<Rc<str>> {
        let s = self.string(v, path)?;
        // Bytes bound characters from above: a short id needs no count.
        let long = s.len() > MAX_ID_CHARS && s.chars().count() > MAX_ID_CHARS;
        if s.is_empty() || long || s.chars().any(char::is_control) {
            self.err(
                Code::InvalidId,
                path,
                en!(format!("\"{s}\" is not a valid id (1–{MAX_ID_CHARS} characters, no control characters)")),
                zh!(format!("「{s}」不是有效的标识(1–{MAX_ID_CHARS} 个字符,不含控制字符)")),
            );
            return None;
        }
        Some(self.intern(s))
    }

    /// The shared string of `s` (see `ids`).
    pub fn intern(&mut self, s: &str) -> Rc<str> {
        if let Some(rc) = self.ids.get(s) {
            return rc.clone();
        }
        let rc: Rc<str> = Rc::from(s);
        // A document of many distinct ids does not keep them all twice.
        if self.ids.len() < 4096 {
            self.ids.insert(rc.clone());
        }
        rc
    }

    /// A whole number in `min..=max`.
    pub fn uint(&mut self, v: Node<'_>, path: &Path<'_>, min: u64, max: u64) -> Option<u64> {
        let Some(n) = v.as_number() else {
            self.wrong_type(path, v, en!("a whole number"), zh!("整数"));
            return None;
        };
        match n.parse::<u64>() {
            Ok(k) if (min..=max).contains(&k) => Some(k),
            Ok(_) => {
                self.out_of_range(path, n, min, max);
                None
            }
            Err(_) if n.parse::<i64>().is_ok() || n.bytes().all(|b| b.is_ascii_digit()) => {
                self.out_of_range(path, n, min, max);
                None
            }
            Err(_) => {
                self.err(
                    Code::WrongType,
                    path,
                    en!(format!("expected a whole number, found {n}")),
                    zh!(format!("应为整数,实为 {n}")),
                );
                None
            }
        }
    }

    fn out_of_range(&mut self, path: &Path<'_>, n: &str, min: u64, max: u64) {
        self.err(
            Code::OutOfRange,
            path,
            en!(format!("{n} is outside {min} to {max}")),
            zh!(format!("{n} 超出 {min} 至 {max} 的范围")),
        );
    }

    pub fn boolean(&mut self, v: Node<'_>, path: &Path<'_>) -> Option<bool> {
        match v.as_bool() {
            Some(b) => Some(b),
            None => {
                self.wrong_type(path, v, en!("true or false"), zh!("true 或 false"));
                None
            }
        }
    }

    /// An array of at most `max` items.
    pub fn array<'v>(
        &mut self,
        v: Node<'v>,
        path: &Path<'_>,
        max: usize,
    ) -> Option<json::Items<'v>> {
        if v.kind() != Kind::Array {
            self.wrong_type(path, v, en!("an array"), zh!("数组"));
            return None;
        }
        if v.len() > max {
            self.err(
                Code::TooMany,
                path,
                en!(format!("{} items; at most {max} are allowed", v.len())),
                zh!(format!("共 {} 项,最多允许 {max} 项", v.len())),
            );
            return None;
        }
        Some(v.items())
    }

    /// Reads each item of an array with `f`, keeping the ones that read.
    pub fn list<T>(
        &mut self,
        v: Node<'_>,
        path: &Path<'_>,
        max: usize,
        mut f: impl FnMut(&mut Self, Node<'_>, &Path<'_>) -> Option<T>,
    ) -> Option<Vec<T>> {
        let items = self.array(v, path, max)?;
        let before = self.errors.len();
        let mut out: Vec<T> = Vec::with_capacity(items.len());
        for (i, item) in items.enumerate() {
            if let Some(x) = f(self, item, &path.at(i)) {
                out.push(x);
            }
        }
        (self.errors.len() == before).then_some(out)
    }

    /// A required field, read with `read` at its path.
    pub fn required_field<T>(
        &mut self,
        map: Node<'_>,
        path: &Path<'_>,
        key: &str,
        read: impl FnOnce(&mut Self, Node<'_>, &Path<'_>) -> Option<T>,
    ) -> Option<T> {
        let v = self.req(map, path, key)?;
        read(self, v, &path.key(key))
    }

    /// An optional field: `Some(None)` when absent, `None` when present but unreadable.
    pub fn optional_field<T>(
        &mut self,
        map: Node<'_>,
        path: &Path<'_>,
        key: &str,
        read: impl FnOnce(&mut Self, Node<'_>, &Path<'_>) -> Option<T>,
    ) -> Option<Option<T>> {
        match map.get(key) {
            None => Some(None),
            Some(v) => read(self, v, &path.key(key)).map(Some),
        }
    }

    /// A field that may be absent or `null` (`Some(None)`), else read.
    pub fn nullable_field<T>(
        &mut self,
        map: Node<'_>,
        path: &Path<'_>,
        key: &str,
        read: impl FnOnce(&mut Self, Node<'_>, &Path<'_>) -> Option<T>,
    ) -> Option<Option<T>> {
        match map.get(key) {
            Some(v) if v.is_null() => Some(None),
            _ => self.optional_field(map, path, key, read),
        }
    }

    /// A whole number in `min..=max`, as the type `T` (which must hold every such number).
    pub fn uint_in<T: TryFrom<u64>>(
        &mut self,
        v: Node<'_>,
        path: &Path<'_>,
        min: u64,
        max: u64,
    ) -> Option<T> {
        let n = self.uint(v, path, min, max)?;
        match T::try_from(n) {
            Ok(t) => Some(t),
            Err(_) => {
                self.err(
                    Code::OutOfRange,
                    path,
                    en!(format!("{n} is too large here")),
                    zh!(format!("{n} 超出此处允许的范围")),
                );
                None
            }
        }
    }

    /// The tag of an internally tagged object: one of `options` in field `tag`.
    pub fn tag<T: Copy>(
        &mut self,
        v: Node<'_>,
        path: &Path<'_>,
        tag: &str,
        options: &[(&str, T, u8)],
    ) -> Option<T> {
        match v.get(tag) {
            Some(k) => self.choice_since(k, &path.key(tag), options),
            None => {
                // Reports "not an object" or the missing field, whichever applies.
                let m = self.object(v, path, &[tag])?;
                self.req(m, path, tag);
                None
            }
        }
    }

    /// The schema tag of a document (spec §2.1): one of `tags`, whose position plus one is the
    /// version returned.
    pub fn schema_tag(
        &mut self,
        v: Node<'_>,
        path: &Path<'_>,
        tags: &'static [&'static str],
    ) -> Option<u8> {
        self.tags = tags;
        let Some(s) = v.as_str() else {
            self.wrong_type(path, v, en!("a string"), zh!("字符串"));
            return None;
        };
        if let Some(k) = tags.iter().position(|t| *t == s) {
            return u8::try_from(k + 1).ok();
        }
        let (en, zh) = match tags {
            [one] => (en!(format!("\"{one}\"")), zh!(format!("「{one}」"))),
            _ => (
                en!(tags
                    .iter()
                    .map(|t| format!("\"{t}\""))
                    .collect::<Vec<_>>()
                    .join(" or ")),
                zh!(tags
                    .iter()
                    .map(|t| format!("「{t}」"))
                    .collect::<Vec<_>>()
                    .join("或")),
            ),
        };
        self.err(
            Code::UnknownSchema,
            path,
            en!(format!(
                "schema \"{s}\" is not known to this version; expected {en}"
            )),
            zh!(format!("本版本不支持 schema「{s}」,应为{zh}")),
        );
        None
    }

    /// An amount of a result (spec §2.4): `key` (`"87.50"`), unless `exact_key` (`"175/2"`)
    /// gives the exact value, which then wins; both must be well formed.
    pub fn amount(
        &mut self,
        m: Node<'_>,
        p: &Path<'_>,
        key: &str,
        exact_key: &str,
    ) -> Option<Exact> {
        let path = p.key(key);
        let fixed = self
            .req(m, p, key)
            .and_then(|v| self.string(v, &path))
            .and_then(|s| {
                Exact::parse_decimal(s).or_else(|| {
                    self.err(
                        Code::InvalidDecimal,
                        &path,
                        en!(format!("\"{s}\" is not a decimal such as \"87.50\"")),
                        zh!(format!("「{s}」不是「87.50」形式的小数")),
                    );
                    None
                })
            });
        let Some(v) = m.get(exact_key) else {
            return fixed;
        };
        let path = p.key(exact_key);
        let exact = self.string(v, &path).and_then(|s| {
            Exact::parse_fraction(s).or_else(|| {
                self.err(
                    Code::InvalidValue,
                    &path,
                    en!(format!("\"{s}\" is not a fraction n/d")),
                    zh!(format!("「{s}」不是 n/d 形式的分数")),
                );
                None
            })
        });
        fixed.and(exact)
    }

    /// An amount that may be absent or `null`.
    pub fn opt_amount(
        &mut self,
        m: Node<'_>,
        p: &Path<'_>,
        key: &str,
        exact_key: &str,
    ) -> Option<Option<Exact>> {
        match m.get(key) {
            None => Some(None),
            Some(v) if v.is_null() => Some(None),
            Some(_) => self.amount(m, p, key, exact_key).map(Some),
        }
    }

    /// One of a fixed set of strings, each existing from a version of the document on: one of a
    /// later version is refused with the version it needs.
    pub fn choice_since<T: Copy>(
        &mut self,
        v: Node<'_>,
        path: &Path<'_>,
        options: &[(&str, T, u8)],
    ) -> Option<T> {
        let version = self.version();
        if let Some(s) = v.as_str() {
            if let Some((_, t, _)) = options
                .iter()
                .find(|(name, _, since)| *name == s && *since <= version)
            {
                return Some(*t);
            }
        }
        let now: Vec<(&str, T)> = options
            .iter()
            .filter(|(_, _, since)| *since <= version)
            .map(|(k, x, _)| (*k, *x))
            .collect();
        let first = self.errors.len();
        let found = self.choice(v, path, &now);
        if found.is_none() {
            if let Some((k, _, since)) = options
                .iter()
                .find(|(k, _, since)| *since > version && v.as_str() == Some(*k))
            {
                self.hint_later(first, &path.to_string(), k, *since);
            }
        }
        found
    }

    /// One of a fixed set of strings.
    pub fn choice<T: Copy>(
        &mut self,
        v: Node<'_>,
        path: &Path<'_>,
        options: &[(&str, T)],
    ) -> Option<T> {
        let s = self.string(v, path)?;
        if let Some((_, t)) = options.iter().find(|(name, _)| *name == s) {
            return Some(*t);
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        self.err(
            Code::InvalidValue,
            path,
            en!(format!("\"{s}\" is not one of: {}", names.join(", "))),
            zh!(format!("「{s}」不是可选值之一:{}", names.join("、"))),
        );
        None
    }

    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<Diagnostic>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ if self.errors.is_empty() => Err(vec![Diagnostic::new(
                Code::InvalidValue,
                "",
                en!("the document could not be read"),
                zh!("无法读取该文档"),
            )]),
            _ => Err(self.errors),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The values every document is made of.

impl Read for Rc<str> {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        r.id(v, p)
    }
}

impl Read for String {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        r.string(v, p).map(str::to_owned)
    }
}

impl Read for bool {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        r.boolean(v, p)
    }
}

impl Read for u32 {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        r.uint_in(v, p, 0, u64::from(u32::MAX))
    }
}

/// A list of at most [`MAX_LIST`] items; a list with another bound says so in its field's
/// `#[cxzy(max_items = …)]`.
impl<T: Read> Read for Vec<T> {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        r.list(v, p, MAX_LIST, T::read)
    }
}

/// The members of an object used as a map from ids (indicator ids, say) to values, each read
/// with `read`, in key order (as their errors are reported), the last of a key written twice
/// (as serde_json's maps read it); keys taken as written (whether they name anything is for
/// validation to say). `None` when any value did not read.
pub fn sorted_members<T>(
    r: &mut Reader,
    v: Node<'_>,
    p: &Path<'_>,
    mut read: impl FnMut(&mut Reader, Node<'_>, &Path<'_>) -> Option<T>,
) -> Option<Vec<(Rc<str>, T)>> {
    let map = r.map(v, p)?;
    let before = r.errors.len();
    let mut members: Vec<(&str, Node<'_>)> = map.members().collect();
    // Most maps are written in order already.
    if !members.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)) {
        crate::sort::sort_by(&mut members, |a, b| a.0.cmp(b.0));
        let mut kept: Vec<(&str, Node<'_>)> = Vec::with_capacity(members.len());
        for m in members {
            match kept.last_mut() {
                Some(last) if last.0 == m.0 => *last = m,
                _ => kept.push(m),
            }
        }
        members = kept;
    }
    let mut out = Vec::with_capacity(members.len());
    for (key, value) in members {
        if let Some(x) = read(r, value, &p.key(key)) {
            out.push((r.intern(key), x));
        }
    }
    (r.errors.len() == before).then_some(out)
}

/// An object used as a map from ids to values (see [`sorted_members`]).
impl<T: Read> Read for BTreeMap<Rc<str>, T> {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        // Inserted in order (collecting would sort again, in code compiled per value type).
        sorted_members(r, v, p, T::read).map(|m| {
            let mut map = BTreeMap::new();
            for (k, x) in m {
                map.insert(k, x);
            }
            map
        })
    }
}
