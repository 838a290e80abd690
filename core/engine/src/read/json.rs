//! JSON text → a flat tape of tokens, for the readers (spec §4.1, §4.5).
//!
//! One pass over the text writes one token per value into one vector; strings and numbers are
//! borrowed from the text as written (a string with escapes is decoded once, into one buffer),
//! and a container's token says where its subtree ends, so a reader walks an object's members
//! or an array's items without building a tree of maps and strings (`serde_json::Value` costs an
//! allocation per string, per object and per array, and as many frees). A number keeps its text:
//! nothing is converted until a reader asks for a decimal, a count or a fraction.
//!
//! The grammar is RFC 8259's, as serde_json reads it: the same texts are accepted (the fuzz
//! target `reader` holds the two to it), nesting is refused from 128 levels, a string's `\u`
//! escapes must pair their surrogates. A refused text's error is serde_json's own (its message,
//! line and column), so errors read as they did.

use std::fmt;

/// What a JSON value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// One value: its kind, where its text (or its decoded text) is, and for a container, its
/// number of items (members for an object) and the token after its subtree.
#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    /// A string decoded into the tape's buffer (it had escapes), not borrowed from the text.
    decoded: bool,
    /// Strings and numbers: the byte range of the text (or of the buffer). Booleans: `a` is
    /// 0 or 1. Containers: `a` is the count of items or members, `b` the index of the token
    /// after the subtree.
    a: u32,
    b: u32,
}

/// A document as a tape of tokens (see the module's documentation).
pub struct Tape<'t> {
    text: &'t str,
    decoded: String,
    toks: Vec<Tok>,
    /// Each container's token with the byte range of its text, brackets included, in token
    /// order (for [`Node::raw`]: a caller that keeps a document's text, such as a server's
    /// framework cache, takes it from where it is written).
    spans: Vec<(u32, u32, u32)>,
}

/// Why a text is not JSON, and where (a byte offset), when the tape refuses it.
#[derive(Debug)]
pub struct SyntaxError {
    pub at: usize,
    pub what: &'static str,
}

/// Nesting from this depth on is refused (serde_json's recursion limit).
pub const MAX_DEPTH: usize = 128;

impl<'t> Tape<'t> {
    /// Tokenises `text`: exactly one JSON value, with white space around it.
    pub fn parse(text: &'t str) -> Result<Tape<'t>, SyntaxError> {
        let mut p = Parser {
            s: text.as_bytes(),
            i: 0,
            tape: Tape {
                text,
                decoded: String::new(),
                spans: Vec::new(),
                // A token per ~8 bytes is generous for documents of ids and short texts.
                toks: Vec::with_capacity(text.len() / 8 + 4),
            },
        };
        p.value()?;
        p.ws();
        if p.i < p.s.len() {
            return Err(p.fail("trailing characters"));
        }
        Ok(p.tape)
    }

    /// The document's value.
    pub fn root(&self) -> Node<'_> {
        Node { tape: self, i: 0 }
    }

    fn tok(&self, i: u32) -> Tok {
        self.toks.get(i as usize).copied().unwrap_or(Tok {
            kind: Kind::Null,
            decoded: false,
            a: 0,
            b: 0,
        })
    }

    fn slice(&self, t: Tok) -> &str {
        let src = if t.decoded { &self.decoded } else { self.text };
        src.get(t.a as usize..t.b as usize).unwrap_or("")
    }
}

struct Parser<'t> {
    s: &'t [u8],
    i: usize,
    tape: Tape<'t>,
}

impl Parser<'_> {
    fn fail(&self, what: &'static str) -> SyntaxError {
        SyntaxError { at: self.i, what }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
    }

    fn push(&mut self, kind: Kind, a: usize, b: usize) -> usize {
        self.tape.toks.push(Tok {
            kind,
            decoded: false,
            a: a as u32,
            b: b as u32,
        });
        self.tape.toks.len() - 1
    }

    fn literal(&mut self, word: &'static [u8], kind: Kind, a: usize) -> Result<(), SyntaxError> {
        if self.s.get(self.i..self.i + word.len()) != Some(word) {
            return Err(self.fail("expected a value"));
        }
        self.i += word.len();
        self.push(kind, a, 0);
        Ok(())
    }

    /// One value and everything in it. Containers are walked with a stack of their tokens, not
    /// by recursion, so depth costs no native stack.
    fn value(&mut self) -> Result<(), SyntaxError> {
        // The open containers: their token, and their entry in `spans`.
        let mut open: Vec<(usize, usize)> = Vec::new();
        loop {
            self.ws();
            // A value is expected here (an array's item, a member's value, the document).
            match self.peek() {
                Some(b'{' | b'[') => {
                    let object = self.peek() == Some(b'{');
                    if open.len() + 1 >= MAX_DEPTH {
                        return Err(self.fail("recursion limit exceeded"));
                    }
                    let kind = if object { Kind::Object } else { Kind::Array };
                    let t = self.push(kind, 0, 0);
                    open.push((t, self.tape.spans.len()));
                    self.tape.spans.push((t as u32, self.i as u32, 0));
                    self.i += 1;
                    self.ws();
                    let close = if object { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        // Empty: closed below.
                    } else if object {
                        self.key()?;
                        continue;
                    } else {
                        continue;
                    }
                }
                Some(b'"') => self.string()?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b't') => self.literal(b"true", Kind::Bool, 1)?,
                Some(b'f') => self.literal(b"false", Kind::Bool, 0)?,
                Some(b'n') => self.literal(b"null", Kind::Null, 0)?,
                Some(_) => return Err(self.fail("expected a value")),
                None => return Err(self.fail("EOF while parsing a value")),
            }
            // A value was read: close the containers it completes, or go on to the next item.
            loop {
                let Some((t, span)) = open.last().copied() else {
                    return Ok(());
                };
                let object = self.tape.toks.get(t).map(|k| k.kind) == Some(Kind::Object);
                self.ws();
                match self.peek() {
                    Some(b',') => {
                        self.i += 1;
                        self.count(t);
                        if object {
                            self.ws();
                            self.key()?;
                        }
                        break;
                    }
                    Some(b'}') if object => {}
                    Some(b']') if !object => {}
                    Some(_) => {
                        return Err(self.fail(if object {
                            "expected `,` or `}`"
                        } else {
                            "expected `,` or `]`"
                        }))
                    }
                    None => return Err(self.fail("EOF while parsing")),
                }
                // Closing `t`: count its last item unless it is empty.
                self.i += 1;
                let after = self.tape.toks.len();
                if after > t + 1 {
                    self.count(t);
                }
                if let Some(tok) = self.tape.toks.get_mut(t) {
                    tok.b = after as u32;
                }
                if let Some(entry) = self.tape.spans.get_mut(span) {
                    entry.2 = self.i as u32;
                }
                open.pop();
            }
        }
    }

    fn count(&mut self, t: usize) {
        if let Some(tok) = self.tape.toks.get_mut(t) {
            tok.a += 1;
        }
    }

    /// A member's key and its colon.
    fn key(&mut self) -> Result<(), SyntaxError> {
        if self.peek() != Some(b'"') {
            return Err(self.fail(if self.peek().is_none() {
                "EOF while parsing an object"
            } else {
                "key must be a string"
            }));
        }
        self.string()?;
        self.ws();
        if self.peek() != Some(b':') {
            return Err(self.fail("expected `:`"));
        }
        self.i += 1;
        Ok(())
    }

    fn string(&mut self) -> Result<(), SyntaxError> {
        self.i += 1;
        let start = self.i;
        // The common case: no escape; borrowed from the text.
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.push(Kind::String, start, self.i);
                    self.i += 1;
                    return Ok(());
                }
                Some(b'\\') => break,
                Some(0..=0x1f) => return Err(self.fail("control character in a string")),
                Some(_) => self.i += 1,
                None => return Err(self.fail("EOF while parsing a string")),
            }
        }
        // Escapes: decode the whole string into the buffer.
        let from = self.tape.decoded.len();
        let head = self.tape.text.get(start..self.i).unwrap_or("");
        self.tape.decoded.push_str(head);
        loop {
            let run = self.i;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
            let plain = self.tape.text.get(run..self.i).unwrap_or("");
            self.tape.decoded.push_str(plain);
            match self.peek() {
                Some(b'"') => {
                    let to = self.tape.decoded.len();
                    let t = self.push(Kind::String, from, to);
                    if let Some(tok) = self.tape.toks.get_mut(t) {
                        tok.decoded = true;
                    }
                    self.i += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.i += 1;
                            let c = self.unicode()?;
                            self.tape.decoded.push(c);
                            continue;
                        }
                        Some(_) => return Err(self.fail("invalid escape")),
                        None => return Err(self.fail("EOF while parsing a string")),
                    };
                    self.i += 1;
                    self.tape.decoded.push(c);
                }
                Some(_) => return Err(self.fail("control character in a string")),
                None => return Err(self.fail("EOF while parsing a string")),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut n = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                Some(b) => (b as char).to_digit(16),
                None => return Err(self.fail("EOF while parsing a string")),
            };
            let Some(d) = d else {
                return Err(self.fail("invalid escape"));
            };
            n = n * 16 + d;
            self.i += 1;
        }
        Ok(n)
    }

    /// The character of a `\u` escape (after the `u`), its surrogates paired.
    fn unicode(&mut self) -> Result<char, SyntaxError> {
        let n = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.fail("lone surrogate in hex escape"));
        }
        if !(0xD800..=0xDBFF).contains(&n) {
            return char::from_u32(n).ok_or_else(|| self.fail("invalid escape"));
        }
        if self.s.get(self.i..self.i + 2) != Some(b"\\u") {
            return Err(self.fail("unexpected end of hex escape"));
        }
        self.i += 2;
        let low = self.hex4()?;
        if !(0xDC00..=0xDFFF).contains(&low) {
            return Err(self.fail("lone surrogate in hex escape"));
        }
        char::from_u32(0x1_0000 + ((n - 0xD800) << 10) + (low - 0xDC00))
            .ok_or_else(|| self.fail("invalid escape"))
    }

    fn digits(&mut self) -> usize {
        let from = self.i;
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
        self.i - from
    }

    fn number(&mut self) -> Result<(), SyntaxError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.i += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.fail("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.fail("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            if self.digits() == 0 {
                return Err(self.fail("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            if self.digits() == 0 {
                return Err(self.fail("invalid number"));
            }
        }
        self.push(Kind::Number, start, self.i);
        Ok(())
    }
}

/// A value of a tape.
#[derive(Clone, Copy)]
pub struct Node<'a> {
    tape: &'a Tape<'a>,
    i: u32,
}

impl fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} at token {}", self.kind(), self.i)
    }
}

impl<'a> Node<'a> {
    fn tok(&self) -> Tok {
        self.tape.tok(self.i)
    }

    pub fn kind(&self) -> Kind {
        self.tok().kind
    }

    pub fn is_null(&self) -> bool {
        self.kind() == Kind::Null
    }

    pub fn as_bool(&self) -> Option<bool> {
        let t = self.tok();
        (t.kind == Kind::Bool).then_some(t.a == 1)
    }

    pub fn as_str(&self) -> Option<&'a str> {
        let t = self.tok();
        (t.kind == Kind::String).then(|| self.tape.slice(t))
    }

    /// A number's text, exactly as written.
    pub fn as_number(&self) -> Option<&'a str> {
        let t = self.tok();
        (t.kind == Kind::Number).then(|| self.tape.slice(t))
    }

    /// The count of an array's items or an object's members (0 for anything else).
    pub fn len(&self) -> usize {
        let t = self.tok();
        match t.kind {
            Kind::Array | Kind::Object => t.a as usize,
            _ => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The token after this value's subtree.
    fn next(&self) -> u32 {
        let t = self.tok();
        match t.kind {
            Kind::Array | Kind::Object => t.b,
            _ => self.i + 1,
        }
    }

    /// The value's text exactly as written: a container with its brackets, a number, `true`,
    /// `false`, `null`, or a string with its quotes (`None` for a string that had escapes,
    /// which the tape keeps decoded).
    pub fn raw(&self) -> Option<&'a str> {
        let t = self.tok();
        let text = self.tape.text;
        match t.kind {
            Kind::Array | Kind::Object => {
                let spans = &self.tape.spans;
                let k = spans.binary_search_by_key(&self.i, |s| s.0).ok()?;
                let &(_, start, end) = spans.get(k)?;
                text.get(start as usize..end as usize)
            }
            Kind::String if !t.decoded => {
                text.get((t.a as usize).saturating_sub(1)..t.b as usize + 1)
            }
            Kind::String => None,
            Kind::Number => Some(self.tape.slice(t)),
            Kind::Bool => Some(if t.a == 1 { "true" } else { "false" }),
            Kind::Null => Some("null"),
        }
    }

    /// An array's items (none for anything else).
    pub fn items(&self) -> Items<'a> {
        let t = self.tok();
        Items {
            tape: self.tape,
            at: self.i + 1,
            left: if t.kind == Kind::Array { t.a } else { 0 },
        }
    }

    /// An object's members in the order written (none for anything else).
    pub fn members(&self) -> Members<'a> {
        let t = self.tok();
        Members {
            tape: self.tape,
            at: self.i + 1,
            left: if t.kind == Kind::Object { t.a } else { 0 },
        }
    }

    /// An object's member of this key: the last one, where a key is written twice (as
    /// serde_json's maps read it).
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        self.members()
            .filter(|(k, _)| *k == key)
            .last()
            .map(|(_, v)| v)
    }
}

/// See [`Node::items`].
pub struct Items<'a> {
    tape: &'a Tape<'a>,
    at: u32,
    left: u32,
}

impl<'a> Iterator for Items<'a> {
    type Item = Node<'a>;
    fn next(&mut self) -> Option<Node<'a>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let node = Node {
            tape: self.tape,
            i: self.at,
        };
        self.at = node.next();
        Some(node)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }
}

impl ExactSizeIterator for Items<'_> {}

/// See [`Node::members`].
pub struct Members<'a> {
    tape: &'a Tape<'a>,
    at: u32,
    left: u32,
}

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, Node<'a>);
    fn next(&mut self) -> Option<(&'a str, Node<'a>)> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let key = Node {
            tape: self.tape,
            i: self.at,
        };
        let value = Node {
            tape: self.tape,
            i: self.at + 1,
        };
        self.at = value.next();
        Some((key.as_str().unwrap_or(""), value))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }
}

impl ExactSizeIterator for Members<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde(text: &str) {
        let ours = Tape::parse(text);
        let theirs = serde_json::from_str::<serde_json::Value>(text);
        assert_eq!(
            ours.is_ok(),
            theirs.is_ok(),
            "{text:?}: {:?} / {:?}",
            ours.err(),
            theirs.err()
        );
        if let (Ok(t), Ok(v)) = (ours, theirs) {
            assert_eq!(to_value(t.root()), v, "{text:?}");
            raw_reads_the_same(t.root());
        }
    }

    /// Every value's text as written (where the tape has it) reads as the value.
    pub(crate) fn raw_reads_the_same(n: Node<'_>) {
        match (n.raw(), n.kind()) {
            (Some(raw), _) => {
                let again = Tape::parse(raw).unwrap();
                assert_eq!(to_value(again.root()), to_value(n), "{raw:?}");
            }
            (None, Kind::String) => assert!(n.as_str().is_some()),
            (None, kind) => panic!("a {kind:?} without its text"),
        }
        n.items().for_each(raw_reads_the_same);
        n.members().for_each(|(_, v)| raw_reads_the_same(v));
    }

    /// The tape as a serde_json value (numbers as written, keys last-wins).
    pub(crate) fn to_value(n: Node<'_>) -> serde_json::Value {
        use serde_json::Value;
        match n.kind() {
            Kind::Null => Value::Null,
            Kind::Bool => Value::Bool(n.as_bool().unwrap()),
            Kind::Number => serde_json::from_str(n.as_number().unwrap()).unwrap(),
            Kind::String => Value::String(n.as_str().unwrap().into()),
            Kind::Array => Value::Array(n.items().map(to_value).collect()),
            Kind::Object => {
                Value::Object(n.members().map(|(k, v)| (k.into(), to_value(v))).collect())
            }
        }
    }

    #[test]
    fn reads_what_serde_json_reads_and_refuses_what_it_refuses() {
        for text in [
            "{}",
            "[]",
            " [ ] ",
            "0",
            "-0",
            "1.50",
            "1E+5",
            "-0.0e-0",
            "12345678901234567890123.5",
            r#"{"a": [1, {"b": null, "c": [true, false, "x"]}], "d": {}}"#,
            r#""\u00e9\ud83d\ude00\n\t\"\\\/""#,
            r#"{"a":1,"a":2}"#,
            r#"["é", "中文"]"#,
            "",
            " ",
            "[",
            "]",
            "[1,]",
            "{,}",
            r#"{"a"}"#,
            r#"{"a":}"#,
            r#"{"a":1,}"#,
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "-",
            "nul",
            "true false",
            "[1 2]",
            r#""\x""#,
            r#""\ud800""#,
            r#""\ud800\u0041""#,
            r#""\udc00""#,
            "\"a\u{1}\"",
            r#""\u12""#,
            "[1]]",
            "{\"a\":1}}",
            r#"{1:2}"#,
            "NaN",
            "[-]",
            "1e+",
            "\u{feff}1",
        ] {
            same_as_serde(text);
        }
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        same_as_serde(&deep(127));
        same_as_serde(&deep(128));
        same_as_serde(&deep(10_000));
    }

    #[test]
    fn a_value_s_text_is_as_written() {
        let text = " {\"a\" : [1 , [2,3], {\"x\": 4.50e1}] , \"b\": \"y\\\"z\", \"c\": \"plain\", \"d\":{}} ";
        let t = Tape::parse(text).unwrap();
        let root = t.root();
        assert_eq!(root.raw(), Some(text.trim()));
        let a = root.get("a").unwrap();
        assert_eq!(a.raw(), Some("[1 , [2,3], {\"x\": 4.50e1}]"));
        assert_eq!(
            a.items().nth(2).and_then(|o| o.raw()),
            Some("{\"x\": 4.50e1}")
        );
        assert_eq!(root.get("c").and_then(|c| c.raw()), Some("\"plain\""));
        // A string with escapes is kept decoded: its text is not.
        assert_eq!(root.get("b").and_then(|b| b.raw()), None);
        assert_eq!(root.get("d").and_then(|d| d.raw()), Some("{}"));
        raw_reads_the_same(root);
    }

    #[test]
    fn walks_members_items_and_skips_subtrees() {
        let t = Tape::parse(r#"{"a": [1, [2, 3], {"x": 4}], "b": "y\"z", "a2": -1.50}"#).unwrap();
        let root = t.root();
        assert_eq!(root.len(), 3);
        let keys: Vec<&str> = root.members().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b", "a2"]);
        let a = root.get("a").unwrap();
        assert_eq!(a.items().len(), 3);
        assert_eq!(
            a.items().nth(2).unwrap().get("x").unwrap().as_number(),
            Some("4")
        );
        assert_eq!(root.get("b").unwrap().as_str(), Some("y\"z"));
        assert_eq!(root.get("a2").unwrap().as_number(), Some("-1.50"));
        assert!(root.get("c").is_none());
    }
}
