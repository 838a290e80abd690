//! A small map from ids to values, kept sorted by id in one vector: a sheet's ratings (spec
//! §2.3). A sheet rates tens of items; a vector reads, walks and drops them with one allocation
//! where a `BTreeMap` takes several nodes, and is walked in id order as the scorer's merge with
//! the framework's ids needs (spec §5.1). The API is the part of `BTreeMap`'s the code uses.

use super::Id;
use crate::read::{Node, Path, Read, Reader};
use crate::shape::{Describe, Shape};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// Ids to values, in id order, each id once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdMap<T> {
    entries: Vec<(Id, T)>,
}

impl<T> Default for IdMap<T> {
    fn default() -> IdMap<T> {
        IdMap {
            entries: Vec::new(),
        }
    }
}

impl<T> IdMap<T> {
    pub const fn new() -> IdMap<T> {
        IdMap {
            entries: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| (**k).cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&T> {
        self.find(key)
            .ok()
            .and_then(|i| self.entries.get(i))
            .map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut T> {
        let i = self.find(key).ok()?;
        self.entries.get_mut(i).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key`'s value; the value it had, if any.
    pub fn insert(&mut self, key: Id, value: T) -> Option<T> {
        match self.find(&key) {
            Ok(i) => self
                .entries
                .get_mut(i)
                .map(|(_, v)| std::mem::replace(v, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<T> {
        let i = self.find(key).ok()?;
        Some(self.entries.remove(i).1)
    }

    /// Keeps the entries for which `keep` holds.
    pub fn retain(&mut self, mut keep: impl FnMut(&Id, &mut T) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&Id, &T)> + ExactSizeIterator {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Id> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    /// From entries already in strictly increasing id order (the caller's promise, checked in
    /// debug builds).
    pub(crate) fn from_sorted(entries: Vec<(Id, T)>) -> IdMap<T> {
        debug_assert!(entries.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)));
        IdMap { entries }
    }
}

impl<T> FromIterator<(Id, T)> for IdMap<T> {
    /// The last value of an id given twice (as `BTreeMap` collects).
    fn from_iter<I: IntoIterator<Item = (Id, T)>>(iter: I) -> IdMap<T> {
        let mut entries: Vec<(Id, T)> = iter.into_iter().collect();
        // Stable: of an id given twice, the last stays last.
        crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        let mut kept: Vec<(Id, T)> = Vec::with_capacity(entries.len());
        for e in entries {
            match kept.last_mut() {
                Some(last) if last.0 == e.0 => *last = e,
                _ => kept.push(e),
            }
        }
        IdMap { entries: kept }
    }
}

impl<T, const N: usize> From<[(Id, T); N]> for IdMap<T> {
    fn from(entries: [(Id, T); N]) -> IdMap<T> {
        entries.into_iter().collect()
    }
}

impl<T> IntoIterator for IdMap<T> {
    type Item = (Id, T);
    type IntoIter = std::vec::IntoIter<(Id, T)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a IdMap<T> {
    type Item = (&'a Id, &'a T);
    type IntoIter =
        std::iter::Map<std::slice::Iter<'a, (Id, T)>, fn(&'a (Id, T)) -> (&'a Id, &'a T)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<T: Serialize> Serialize for IdMap<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(&**k, v)?;
        }
        map.end()
    }
}

impl<T: Describe> Describe for IdMap<T> {
    fn shape() -> Shape {
        Shape::Map(Box::new(T::shape()))
    }
}

/// Read as a `BTreeMap` of ids is (an object, any keys as written, a key written twice: its last
/// value), errors in key order.
impl<T: Read> Read for IdMap<T> {
    fn read(r: &mut Reader, v: Node<'_>, p: &Path<'_>) -> Option<Self> {
        let entries = crate::read::sorted_members(r, v, p, T::read)?;
        Some(IdMap::from_sorted(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    #[test]
    fn behaves_as_a_sorted_map() {
        let mut m: IdMap<u32> = [("b", 2), ("a", 1), ("b", 3)]
            .into_iter()
            .map(|(k, v)| (Rc::from(k), v))
            .collect();
        assert_eq!(m.len(), 2);
        assert_eq!(m.get("b"), Some(&3));
        assert_eq!(m.insert(Rc::from("c"), 4), None);
        assert_eq!(m.insert(Rc::from("a"), 5), Some(1));
        assert_eq!(m.keys().map(|k| &**k).collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!(m.remove("b"), Some(3));
        assert!(!m.contains_key("b"));
        assert_eq!(serde_json::to_string(&m).unwrap(), r#"{"a":5,"c":4}"#);
    }
}
