//! A draft of a unit's own criteria (具体条件) as the editor changes it: the framework's JSON as
//! it stands — valid or not, so that a half-made draft can be kept — and the edits on it, each
//! addressed by a JSON pointer (RFC 6901), the same pointers the engine's errors carry.
//!
//! **Invariant:** an edit never panics and never loses the document: an edit whose pointer does
//! not lead anywhere (another tab changed the draft underneath) leaves the value as it was.
//! [`History`] keeps undo and redo as whole values (a framework is a few dozen KB; a value per
//! edit is simpler and safer than inverse operations).

use serde_json::{Map, Value};
use std::rc::Rc;

/// One change to a draft.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftEdit {
    /// Sets the value at a pointer (an object member is created if absent; an array index must
    /// exist).
    Set(String, Value),
    /// Removes an object member or an array element.
    Remove(String),
    /// Inserts into the array at the pointer, at `index` (clamped to its length).
    Insert(String, usize, Value),
    /// Moves an element of the array at the pointer from one index to another.
    Move(String, usize, usize),
    /// Copies an element of the array at the pointer after itself, with fresh ids for what must
    /// stay unique (parts, items, sub-items and the element's own id).
    Duplicate(String, usize),
}

/// The segments of a JSON pointer, unescaped (`~1` is `/`, `~0` is `~`).
pub fn segments(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer
        .trim_start_matches('/')
        .split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// A pointer one segment deeper.
pub fn child(pointer: &str, segment: &str) -> String {
    format!(
        "{pointer}/{}",
        segment.replace('~', "~0").replace('/', "~1")
    )
}

/// The pointer one segment up, and the last segment (`None` for the root).
pub fn parent(pointer: &str) -> Option<(String, String)> {
    let cut = pointer.rfind('/')?;
    let last = pointer.get(cut + 1..)?;
    Some((
        pointer.get(..cut)?.to_owned(),
        last.replace("~1", "/").replace("~0", "~"),
    ))
}

fn step_mut<'a>(value: &'a mut Value, segment: &str) -> Option<&'a mut Value> {
    match value {
        Value::Object(map) => map.get_mut(segment),
        Value::Array(list) => list.get_mut(segment.parse::<usize>().ok()?),
        _ => None,
    }
}

fn at_mut<'a>(value: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    segments(pointer)
        .iter()
        .try_fold(value, |v, s| step_mut(v, s))
}

/// Applies an edit; `false` (and the value unchanged) when it does not apply.
pub fn apply(value: &mut Value, edit: &DraftEdit) -> bool {
    match edit {
        DraftEdit::Set(pointer, new) => {
            let Some((up, last)) = parent(pointer) else {
                *value = new.clone();
                return true;
            };
            match at_mut(value, &up) {
                Some(Value::Object(map)) => {
                    map.insert(last, new.clone());
                    true
                }
                Some(Value::Array(list)) => {
                    match last.parse::<usize>().ok().and_then(|i| list.get_mut(i)) {
                        Some(slot) => {
                            *slot = new.clone();
                            true
                        }
                        None => false,
                    }
                }
                _ => false,
            }
        }
        DraftEdit::Remove(pointer) => {
            let Some((up, last)) = parent(pointer) else {
                return false;
            };
            match at_mut(value, &up) {
                Some(Value::Object(map)) => map.remove(&last).is_some(),
                Some(Value::Array(list)) => match last.parse::<usize>() {
                    Ok(i) if i < list.len() => {
                        list.remove(i);
                        true
                    }
                    _ => false,
                },
                _ => false,
            }
        }
        DraftEdit::Insert(pointer, index, new) => match at_mut(value, pointer) {
            Some(Value::Array(list)) => {
                let at = (*index).min(list.len());
                list.insert(at, new.clone());
                true
            }
            _ => false,
        },
        DraftEdit::Move(pointer, from, to) => match at_mut(value, pointer) {
            Some(Value::Array(list)) if *from < list.len() && *to < list.len() && from != to => {
                let item = list.remove(*from);
                list.insert(*to, item);
                true
            }
            _ => false,
        },
        DraftEdit::Duplicate(pointer, index) => {
            let mut taken = ids(value);
            let Some(Value::Array(list)) = at_mut(value, pointer) else {
                return false;
            };
            let Some(original) = list.get(*index) else {
                return false;
            };
            let mut copy = original.clone();
            fresh_ids(&mut copy, &mut taken, true);
            list.insert(index + 1, copy);
            true
        }
    }
}

/// The keys under which objects carry ids that must be unique in the whole framework: parts,
/// items and sub-items.
const UNIQUE_LISTS: &[&str] = &["dimensions", "indicators", "items"];

/// Every string under an `"id"` key in the value.
pub fn ids(value: &Value) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(id)) = map.get("id") {
                    out.push(id.clone());
                }
                map.values().for_each(|v| walk(v, out));
            }
            Value::Array(list) => list.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut out);
    out
}

/// An id not yet taken: `base`, else `base-2`, `base-3` … (a trailing `-n` of `base` is replaced).
pub fn fresh_id(base: &str, taken: &[String]) -> String {
    if !base.is_empty() && !taken.iter().any(|t| t == base) {
        return base.to_owned();
    }
    let stem = match base.rsplit_once('-') {
        Some((stem, n)) if !stem.is_empty() && n.parse::<u32>().is_ok() => stem,
        _ if base.is_empty() => "item",
        _ => base,
    };
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|c| !taken.iter().any(|t| t == c))
        .unwrap_or_else(|| stem.to_owned())
}

/// Gives a copy fresh ids: its own (`top`) and those of the parts, items and sub-items inside it.
fn fresh_ids(v: &mut Value, taken: &mut Vec<String>, top: bool) {
    let Value::Object(map) = v else { return };
    if top {
        if let Some(Value::String(id)) = map.get("id") {
            let new = fresh_id(id, taken);
            taken.push(new.clone());
            map.insert("id".into(), Value::String(new));
        }
    }
    for (key, child) in map.iter_mut() {
        match child {
            Value::Array(list) if UNIQUE_LISTS.contains(&key.as_str()) => {
                list.iter_mut().for_each(|x| fresh_ids(x, taken, true));
            }
            Value::Object(_) => fresh_ids(child, taken, false),
            _ => {}
        }
    }
}

/// The draft's value with undo and redo (whole values; at most [`History::DEPTH`] steps back).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    pub undo: Vec<Rc<Value>>,
    pub redo: Vec<Rc<Value>>,
}

impl History {
    pub const DEPTH: usize = 200;

    /// Applies an edit to `now`; the value before goes on the undo stack. `None` when the edit
    /// did not apply or changed nothing.
    pub fn edit(&mut self, now: &Rc<Value>, edit: &DraftEdit) -> Option<Rc<Value>> {
        let mut next = (**now).clone();
        if !apply(&mut next, edit) || next == **now {
            return None;
        }
        self.push(now.clone());
        Some(Rc::new(next))
    }

    fn push(&mut self, before: Rc<Value>) {
        self.undo.push(before);
        if self.undo.len() > Self::DEPTH {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub fn undo(&mut self, now: &Rc<Value>) -> Option<Rc<Value>> {
        let back = self.undo.pop()?;
        self.redo.push(now.clone());
        Some(back)
    }

    pub fn redo(&mut self, now: &Rc<Value>) -> Option<Rc<Value>> {
        let forward = self.redo.pop()?;
        self.undo.push(now.clone());
        Some(forward)
    }
}

/// The value at a pointer.
pub fn get<'a>(value: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    value.pointer(pointer)
}

/// A blank draft: one part with one yes/no item, two grades, one source (a valid framework of
/// version 2 a secretary fills in).
pub fn blank(id: &str) -> Value {
    let text = |s: &str| {
        let mut m = Map::new();
        m.insert("zh-Hans".into(), Value::String(s.into()));
        Value::Object(m)
    };
    serde_json::json!({
        "schema": "cxzy/framework@2",
        "id": id,
        "version": "1.0.0",
        "subject": "member",
        "title": text("本单位具体条件"),
        "dimensions": [{
            "id": "part-1",
            "title": text("第一部分"),
            "indicators": [{
                "id": "item-1",
                "title": text("第一项"),
                "points": 10,
                "scale": {"kind": "check"}
            }]
        }],
        "grades": [
            {"id": "excellent", "label": {"zh-Hans": "优秀", "zh-Hant": "優秀", "en": "Excellent"}, "min_total": 9},
            {"id": "qualified", "label": {"zh-Hans": "合格", "zh-Hant": "合格", "en": "Qualified"}, "min_total": 0}
        ],
        "sources": [
            {"id": "self", "label": {"zh-Hans": "自评", "zh-Hant": "自評", "en": "Self-assessment"}, "weight": 100, "aggregate": "mean", "min_raters": 1}
        ]
    })
}

/// A copy of a framework to edit as a unit's own: a new id (`<id>-<suffix>`, unique among
/// `taken`; the page gives a random suffix, so two units' copies never share an id and one never
/// replaces the other in a member's library), version 1.0.0 of the copy, the rest as it was.
pub fn copy_of(framework: &Value, taken: &[String], suffix: &str) -> Value {
    let mut copy = framework.clone();
    if let Value::Object(map) = &mut copy {
        let base = map
            .get("id")
            .and_then(Value::as_str)
            .map(|id| format!("{id}-{suffix}"))
            .unwrap_or_else(|| format!("unit-{suffix}"));
        map.insert("id".into(), Value::String(fresh_id(&base, taken)));
        map.insert("version".into(), Value::String("1.0.0".into()));
    }
    copy
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({"dimensions": [
            {"id": "a", "indicators": [{"id": "a1", "scale": {"kind": "levels", "levels": [{"id": "good"}]}}, {"id": "a2"}]},
            {"id": "b/c", "indicators": []}
        ]})
    }

    #[test]
    fn pointers_escape_and_split() {
        assert_eq!(segments(""), Vec::<String>::new());
        assert_eq!(segments("/a~1b/c~0d/0"), vec!["a/b", "c~d", "0"]);
        assert_eq!(child("/x", "a/b~"), "/x/a~1b~0");
        assert_eq!(parent("/x/a~1b"), Some(("/x".into(), "a/b".into())));
        assert_eq!(parent(""), None);
    }

    #[test]
    fn set_remove_insert_move() {
        let mut v = doc();
        assert!(apply(
            &mut v,
            &DraftEdit::Set("/dimensions/0/weight".into(), json!(2))
        ));
        assert_eq!(v.pointer("/dimensions/0/weight"), Some(&json!(2)));
        assert!(apply(
            &mut v,
            &DraftEdit::Move("/dimensions/0/indicators".into(), 1, 0)
        ));
        assert_eq!(
            v.pointer("/dimensions/0/indicators/0/id"),
            Some(&json!("a2"))
        );
        assert!(apply(
            &mut v,
            &DraftEdit::Insert("/dimensions/1/indicators".into(), 9, json!({"id": "x"}))
        ));
        assert_eq!(
            v.pointer("/dimensions/1/indicators/0/id"),
            Some(&json!("x"))
        );
        assert!(apply(&mut v, &DraftEdit::Remove("/dimensions/0".into())));
        assert_eq!(v.pointer("/dimensions/0/id"), Some(&json!("b/c")));
        // Pointers that lead nowhere change nothing.
        let before = v.clone();
        for e in [
            DraftEdit::Set("/nowhere/x".into(), json!(1)),
            DraftEdit::Set("/dimensions/7".into(), json!(1)),
            DraftEdit::Remove("/dimensions/7".into()),
            DraftEdit::Remove("".into()),
            DraftEdit::Move("/dimensions".into(), 0, 5),
            DraftEdit::Insert("/dimensions/0/id".into(), 0, json!(1)),
            DraftEdit::Duplicate("/dimensions".into(), 4),
        ] {
            assert!(!apply(&mut v, &e), "{e:?}");
            assert_eq!(v, before);
        }
    }

    #[test]
    fn a_duplicate_gets_fresh_ids_where_they_must_be_unique() {
        let mut v = doc();
        assert!(apply(
            &mut v,
            &DraftEdit::Duplicate("/dimensions".into(), 0)
        ));
        assert_eq!(v.pointer("/dimensions/1/id"), Some(&json!("a-2")));
        assert_eq!(
            v.pointer("/dimensions/1/indicators/0/id"),
            Some(&json!("a1-2"))
        );
        assert_eq!(
            v.pointer("/dimensions/1/indicators/1/id"),
            Some(&json!("a2-2"))
        );
        // Level ids are per item: kept.
        assert_eq!(
            v.pointer("/dimensions/1/indicators/0/scale/levels/0/id"),
            Some(&json!("good"))
        );
        assert!(apply(
            &mut v,
            &DraftEdit::Duplicate("/dimensions".into(), 0)
        ));
        assert_eq!(v.pointer("/dimensions/1/id"), Some(&json!("a-3")));
        assert_eq!(fresh_id("x-2", &["x-2".into(), "x-3".into()]), "x-4");
        assert_eq!(fresh_id("", &[]), "item-2");
    }

    #[test]
    fn undo_and_redo_round_trip() {
        let mut h = History::default();
        let v0 = Rc::new(doc());
        let v1 = h
            .edit(&v0, &DraftEdit::Set("/dimensions/0/id".into(), json!("z")))
            .unwrap();
        let v2 = h
            .edit(&v1, &DraftEdit::Remove("/dimensions/1".into()))
            .unwrap();
        assert!(h
            .edit(&v2, &DraftEdit::Set("/dimensions/0/id".into(), json!("z")))
            .is_none());
        let back1 = h.undo(&v2).unwrap();
        assert_eq!(back1, v1);
        let back0 = h.undo(&back1).unwrap();
        assert_eq!(back0, v0);
        assert!(h.undo(&back0).is_none());
        assert_eq!(h.redo(&back0).unwrap(), v1);
        assert_eq!(h.redo(&v1).unwrap(), v2);
        assert!(h.redo(&v2).is_none());
        // A new edit after an undo forgets the redo.
        let b = h.undo(&v2).unwrap();
        h.edit(&b, &DraftEdit::Remove("/dimensions/0".into()))
            .unwrap();
        assert!(h.redo.is_empty());
    }

    #[test]
    fn a_blank_draft_and_a_copy_are_valid_frameworks() {
        assert!(cxzy_core::Prepared::from_value(&blank("unit")).is_ok());
        let copy = copy_of(&blank("unit"), &["unit-3fa2".into()], "3fa2");
        assert_eq!(copy["id"], json!("unit-3fa2-2"));
        assert!(cxzy_core::Prepared::from_value(&copy).is_ok());
    }
}
