//! The editor's form, drawn from the engine's own description of a framework
//! (`Framework::shape()`): every field the engine reads, for the rules version the draft
//! declares, as a labelled control bound to its JSON pointer. A list gets add, duplicate,
//! remove, move up and move down (buttons, so the keyboard does all of it); a tagged value (an
//! item's scale, a rule's effect) gets a kind chooser; a text gets 简体 (required), 繁體 and
//! English. Each error of the engine is shown at the control its pointer names.
//!
//! Nothing here scores or checks: validation is the engine's (`Prepared::from_value`), the form
//! only shows where its errors are.

use super::draft::{child, fresh_id, get, ids, DraftEdit};
use super::labels;
use super::text::text as catalog;
pub use crate::model::criteria::entry_text;
use cxzy_core::shape::{Leaf, Prop, Shape};
use cxzy_core::Lang;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use yew::prelude::*;

/// The element id of the control (or the group) of a pointer.
pub fn field_id(pointer: &str) -> String {
    format!("f:{pointer}")
}

/// What every control needs: the language, the rules version, the errors by pointer, which
/// list entries are open, and where edits go.
pub struct Form<'a> {
    pub lang: Lang,
    pub version: u8,
    pub root: &'a Value,
    pub errors: &'a BTreeMap<String, Vec<String>>,
    pub open: &'a BTreeSet<String>,
    pub on_edit: &'a Callback<DraftEdit>,
    pub on_toggle: &'a Callback<String>,
}

impl Form<'_> {
    fn label(&self, owner: &str, name: &str) -> String {
        labels::field(owner, name, self.lang)
            .map(str::to_owned)
            .unwrap_or_else(|| name.to_owned())
    }

    fn choice(&self, owner: &str, value: &str) -> String {
        labels::choice(owner, value, self.lang)
            .map(str::to_owned)
            .unwrap_or_else(|| value.to_owned())
    }

    /// The errors at exactly this pointer.
    fn errors_at(&self, pointer: &str) -> Html {
        let Some(list) = self.errors.get(pointer) else {
            return Html::default();
        };
        html! {
            <ul class="field-errors" id={format!("{}:errors", field_id(pointer))}>
                { for list.iter().map(|m| html! { <li>{ m }</li> }) }
            </ul>
        }
    }

    /// How many errors lie at or under a pointer.
    fn errors_under(&self, pointer: &str) -> usize {
        let prefix = format!("{pointer}/");
        self.errors
            .iter()
            .filter(|(p, _)| *p == pointer || p.starts_with(&prefix))
            .map(|(_, l)| l.len())
            .sum()
    }

    fn described_by(&self, pointer: &str) -> Option<String> {
        self.errors
            .contains_key(pointer)
            .then(|| format!("{}:errors", field_id(pointer)))
    }

    /// The id of a group (a fieldset) at a pointer; none for a list entry, whose `<li>` has it.
    fn group_id(pointer: &str) -> Option<String> {
        let last = pointer.rsplit('/').next().unwrap_or("");
        (last.parse::<usize>().is_err()).then(|| field_id(pointer))
    }

    fn invalid(&self, pointer: &str) -> Option<&'static str> {
        self.errors.contains_key(pointer).then_some("true")
    }

    /// The whole document.
    pub fn document(&self, shape: &Shape) -> Html {
        self.value(shape, Some(self.root), "", "Framework", "", true)
    }

    /// A value of a shape at a pointer (`None`: absent), under its field's label.
    fn value(
        &self,
        shape: &Shape,
        value: Option<&Value>,
        pointer: &str,
        owner: &str,
        name: &str,
        required: bool,
    ) -> Html {
        match shape {
            Shape::Named(n) if n.name == "Text" => self.text(value, pointer, owner, name),
            Shape::Named(n) => {
                let inner = (n.define)();
                // A type's fields are labelled by the type (`Indicator.points`); a named leaf
                // (Decimal, Ratio …) keeps its field's owner.
                let owner = if matches!(
                    inner,
                    Shape::Object(_) | Shape::Tagged(..) | Shape::Strings(_)
                ) {
                    n.name
                } else {
                    owner
                };
                self.value(&inner, value, pointer, owner, name, required)
            }
            Shape::Object(props) => self.object(props, value, pointer, owner, name, None),
            Shape::Tagged(tag, variants) => {
                let kind = value
                    .and_then(|v| v.get(*tag))
                    .and_then(Value::as_str)
                    .unwrap_or("");
                let shown: Vec<_> = variants
                    .iter()
                    .filter(|v| v.since <= self.version)
                    .collect();
                let chooser = {
                    let on_edit = self.on_edit.clone();
                    let (pointer_c, tag, variants) = (pointer.to_owned(), *tag, variants.clone());
                    let version = self.version;
                    let root = self.root.clone();
                    Callback::from(move |e: Event| {
                        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                        let picked = select.value();
                        if let Some(v) = variants.iter().find(|v| v.name == picked) {
                            let mut taken = ids(&root);
                            on_edit.emit(DraftEdit::Set(
                                pointer_c.clone(),
                                variant_default(tag, v.name, &v.props, version, &mut taken),
                            ));
                        }
                    })
                };
                let id = field_id(&child(pointer, tag));
                let body = shown
                    .iter()
                    .find(|v| v.name == kind)
                    .map(|v| self.object(&v.props, value, pointer, owner, name, Some(tag)));
                let at_tag = child(pointer, tag);
                html! {
                    <fieldset class="group" id={Self::group_id(pointer)} tabindex="-1">
                        <legend>{ self.label(owner, name) }</legend>
                        { self.errors_at(pointer) }
                        <div class="field">
                            <label for={id.clone()}>{ self.label(owner, tag) }</label>
                            <select {id} onchange={chooser} aria-invalid={self.invalid(&at_tag)}
                                aria-describedby={self.described_by(&at_tag)}>
                                if !shown.iter().any(|v| v.name == kind) { <option selected=true value="">{ "—" }</option> }
                                { for shown.iter().map(|v| html! {
                                    <option value={v.name} selected={v.name == kind}>{ self.choice(owner, v.name) }</option>
                                }) }
                            </select>
                            { self.errors_at(&at_tag) }
                        </div>
                        { body.unwrap_or_default() }
                    </fieldset>
                }
            }
            Shape::Strings(list) => {
                let current = value.and_then(Value::as_str).unwrap_or("");
                let shown: Vec<_> = list
                    .iter()
                    .filter(|(_, _, since)| *since <= self.version)
                    .collect();
                let onchange = self.setter(pointer, |text| Some(Value::String(text)));
                // "—" where nothing valid is chosen, so that any choice is a change.
                let known = shown.iter().any(|(s, _, _)| *s == current);
                let id = field_id(pointer);
                html! {
                    <div class="field">
                        <label for={id.clone()}>{ self.label(owner, name) }</label>
                        <select {id} {onchange} aria-invalid={self.invalid(pointer)}
                            aria-describedby={self.described_by(pointer)}>
                            if !required || !known { <option value="" selected={!known}>{ "—" }</option> }
                            { for shown.iter().map(|(s, _, _)| html! {
                                <option value={*s} selected={*s == current}>{ self.choice(owner, s) }</option>
                            }) }
                        </select>
                        { self.errors_at(pointer) }
                    </div>
                }
            }
            Shape::Array { items, .. } => self.list(items, value, pointer, owner, name),
            Shape::Map(_) => {
                // No framework field is a map; shown as its JSON, read-only.
                html! {
                    <div class="field"><span>{ self.label(owner, name) }</span>
                        <code>{ value.map(Value::to_string).unwrap_or_default() }</code>
                        { self.errors_at(pointer) }</div>
                }
            }
            Shape::Leaf(leaf) => self.leaf(*leaf, value, pointer, owner, name),
        }
    }

    /// An object's fields (for a tagged value, those of its kind, `tag` left out).
    fn object(
        &self,
        props: &[Prop],
        value: Option<&Value>,
        pointer: &str,
        owner: &str,
        name: &str,
        tag: Option<&str>,
    ) -> Html {
        let t = catalog(self.lang);
        let fields = props
            .iter()
            .filter(|p| p.since <= self.version && Some(p.name) != tag)
            .map(|p| {
                let at = child(pointer, p.name);
                let v = value.and_then(|v| v.get(p.name));
                let required = p.required_in(self.version);
                if v.is_none() && !required {
                    // An optional field: offered, not shown.
                    let label = self.label(owner, p.name);
                    let on_edit = self.on_edit.clone();
                    let (shape, version, root) = (p.shape.clone(), self.version, self.root.clone());
                    let at_c = at.clone();
                    let onclick = Callback::from(move |_: MouseEvent| {
                        let mut taken = ids(&root);
                        on_edit.emit(DraftEdit::Set(
                            at_c.clone(),
                            default_of(&shape, version, &mut taken),
                        ));
                    });
                    return html! {
                        <button type="button" class="add-field" id={field_id(&at)} {onclick}>
                            { format!("+ {label}") }
                        </button>
                    };
                }
                let remove = (!required).then(|| {
                    let on_edit = self.on_edit.clone();
                    let at_c = at.clone();
                    let onclick =
                        Callback::from(move |_: MouseEvent| on_edit.emit(DraftEdit::Remove(at_c.clone())));
                    let label = format!("{} {}", t.remove, self.label(owner, p.name));
                    html! { <button type="button" class="remove-field" aria-label={label.clone()} title={label} {onclick}>{ "×" }</button> }
                });
                html! {
                    <div class="prop">
                        { self.value(&p.shape, v, &at, owner, p.name, required) }
                        { remove.unwrap_or_default() }
                    </div>
                }
            });
        // Members the form has no control for (a field this version of the rules does not have,
        // an unknown one from an imported file): shown, with their errors, to be removed.
        let shown: Vec<&str> = props
            .iter()
            .filter(|p| p.since <= self.version)
            .map(|p| p.name)
            .chain(tag)
            .collect();
        let stray = value
            .and_then(Value::as_object)
            .map(|m| {
                m.keys()
                    .filter(|k| !shown.contains(&k.as_str()))
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        let stray = stray.into_iter().map(|key| {
            let at = child(pointer, &key);
            let on_edit = self.on_edit.clone();
            let at_c = at.clone();
            let onclick =
                Callback::from(move |_: MouseEvent| on_edit.emit(DraftEdit::Remove(at_c.clone())));
            let label = format!("{} {}", t.remove, self.label(owner, &key));
            html! {
                <div class="field stray" id={field_id(&at)} tabindex="-1">
                    <span>{ format!("{} ({})", self.label(owner, &key), t.not_in_form) }</span>
                    <button type="button" {onclick} aria-label={label}>{ t.remove }</button>
                    { self.errors_at(&at) }
                </div>
            }
        });
        // Not an object at all (an imported file's mistake): replaced by a fresh one.
        let reset = value.filter(|v| !v.is_object()).map(|_| {
            let on_edit = self.on_edit.clone();
            let (p, props, version, root) = (
                pointer.to_owned(),
                props.to_vec(),
                self.version,
                self.root.clone(),
            );
            let tag = tag.map(str::to_owned);
            let onclick = Callback::from(move |_: MouseEvent| {
                let mut taken = ids(&root);
                let mut fresh = props_default(&props, version, &mut taken);
                if let Some(t) = &tag {
                    fresh.remove(t);
                }
                on_edit.emit(DraftEdit::Set(p.clone(), Value::Object(fresh)));
            });
            html! { <button type="button" class="reset" {onclick}>{ t.reset }</button> }
        });
        if pointer.is_empty() || tag.is_some() {
            return html! { <>{ for fields }{ for stray }{ reset.unwrap_or_default() }</> };
        }
        html! {
            <fieldset class="group" id={Self::group_id(pointer)} tabindex="-1">
                <legend>{ self.label(owner, name) }</legend>
                { self.errors_at(pointer) }
                { reset.unwrap_or_default() }
                { for fields }
                { for stray }
            </fieldset>
        }
    }

    /// A text in the three languages: 简体 required, the others optional (absent: 简体 is shown).
    fn text(&self, value: Option<&Value>, pointer: &str, owner: &str, name: &str) -> Html {
        let t = catalog(self.lang);
        let input = |lang_key: &'static str, required: bool| {
            let at = child(pointer, lang_key);
            let current = value
                .and_then(|v| v.get(lang_key))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned();
            let on_edit = self.on_edit.clone();
            let (at_c, whole) = (at.clone(), pointer.to_owned());
            // A text that is not an object (an imported mistake) is written afresh.
            let present = value.is_some_and(Value::is_object);
            let onchange = Callback::from(move |e: Event| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                let text = input.value();
                if !present {
                    let mut m = Map::new();
                    m.insert(lang_key.into(), Value::String(text));
                    on_edit.emit(DraftEdit::Set(whole.clone(), Value::Object(m)));
                } else if text.trim().is_empty() && !required {
                    on_edit.emit(DraftEdit::Remove(at_c.clone()));
                } else {
                    on_edit.emit(DraftEdit::Set(at_c.clone(), Value::String(text)));
                }
            });
            let lang_label = labels::field("Text", lang_key, self.lang).unwrap_or(lang_key);
            let hint = if required { "" } else { t.falls_back };
            let html_lang = match lang_key {
                "zh-Hans" => "zh-Hans",
                "zh-Hant" => "zh-Hant",
                _ => "en",
            };
            let id = field_id(&at);
            html! {
                <div class="field text-lang">
                    <label for={id.clone()}>{ lang_label }<span class="muted">{ hint }</span></label>
                    <input type="text" {id} lang={html_lang} value={current} {onchange}
                        required={required}
                        aria-invalid={self.invalid(&at)}
                        aria-describedby={self.described_by(&at)} />
                    { self.errors_at(&at) }
                </div>
            }
        };
        // Open where a problem is, so that it can be seen and reached.
        let other_errors = ["zh-Hant", "en"]
            .iter()
            .any(|k| self.errors.contains_key(&child(pointer, k)));
        html! {
            <fieldset class="group text" id={Self::group_id(pointer)} tabindex="-1">
                <legend>{ self.label(owner, name) }</legend>
                { self.errors_at(pointer) }
                { input("zh-Hans", true) }
                <details class="other-langs" open={other_errors}>
                    <summary>{ t.other_languages }</summary>
                    { input("zh-Hant", false) }
                    { input("en", false) }
                </details>
            </fieldset>
        }
    }

    /// A callback that sets (or, given `None`, removes) the value at a pointer from an input's
    /// text.
    fn setter(&self, pointer: &str, to: fn(String) -> Option<Value>) -> Callback<Event> {
        let on_edit = self.on_edit.clone();
        let pointer = pointer.to_owned();
        Callback::from(move |e: Event| {
            let target: web_sys::HtmlInputElement = e.target_unchecked_into();
            match to(target.value()) {
                Some(v) => on_edit.emit(DraftEdit::Set(pointer.clone(), v)),
                None => on_edit.emit(DraftEdit::Remove(pointer.clone())),
            }
        })
    }

    fn leaf(
        &self,
        leaf: Leaf,
        value: Option<&Value>,
        pointer: &str,
        owner: &str,
        name: &str,
    ) -> Html {
        let label = self.label(owner, name);
        let invalid = self.errors.contains_key(pointer).then_some("true");
        let id = field_id(pointer);
        match leaf {
            Leaf::Bool => {
                let checked = value.and_then(Value::as_bool).unwrap_or(false);
                let on_edit = self.on_edit.clone();
                let p = pointer.to_owned();
                let onchange = Callback::from(move |e: Event| {
                    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                    on_edit.emit(DraftEdit::Set(p.clone(), Value::Bool(input.checked())));
                });
                html! {
                    <div class="field check">
                        <input type="checkbox" id={id.clone()} {checked} {onchange} aria-invalid={invalid}
                            aria-describedby={self.described_by(pointer)} />
                        <label for={id}>{ label }</label>
                        { self.errors_at(pointer) }
                    </div>
                }
            }
            Leaf::Tag(tags) => {
                let current = value.and_then(Value::as_str).unwrap_or("");
                let onchange = self.setter(pointer, |s| Some(Value::String(s)));
                let known = tags.contains(&current);
                html! {
                    <div class="field">
                        <label for={id.clone()}>{ label }</label>
                        <select id={id} {onchange} aria-invalid={invalid} aria-describedby={self.described_by(pointer)}>
                            if !known { <option value="" selected=true>{ "—" }</option> }
                            { for tags.iter().map(|s| html! {
                                <option value={*s} selected={*s == current}>{ self.choice("Tag", s) }</option>
                            }) }
                        </select>
                        { self.errors_at(pointer) }
                    </div>
                }
            }
            _ => {
                let text = match value {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Number(n)) => n.to_string(),
                    Some(other) => other.to_string(),
                    None => String::new(),
                };
                let numeric = matches!(
                    leaf,
                    Leaf::Decimal
                        | Leaf::Signed
                        | Leaf::Ratio
                        | Leaf::MinRaters
                        | Leaf::Ceiling
                        | Leaf::Start
                        | Leaf::Int { .. }
                );
                let onchange = if numeric {
                    self.setter(pointer, |s| Some(number_or_string(&s)))
                } else {
                    self.setter(pointer, |s| Some(Value::String(s)))
                };
                let inputmode = numeric.then_some("decimal");
                html! {
                    <div class="field">
                        <label for={id.clone()}>{ label }</label>
                        <input type="text" id={id} value={text} {inputmode} {onchange} aria-invalid={invalid}
                            aria-describedby={self.described_by(pointer)} />
                        { self.errors_at(pointer) }
                    </div>
                }
            }
        }
    }

    /// A list: each entry with its controls; entries that are objects open and close.
    fn list(
        &self,
        items: &Shape,
        value: Option<&Value>,
        pointer: &str,
        owner: &str,
        name: &str,
    ) -> Html {
        let t = catalog(self.lang);
        let list = value.and_then(Value::as_array).cloned().unwrap_or_default();
        let label = self.label(owner, name);
        // An item's sources: a checkbox per source of the framework.
        if owner == "Indicator" && name == "sources" {
            return self.source_choice(value, pointer, &label);
        }
        let item_shape = resolve(items);
        let composite = matches!(item_shape, Shape::Object(_) | Shape::Tagged(..));
        let n = list.len();
        // Entries keyed by their id where it is unique here, so that a moved entry keeps its
        // element (and the keyboard focus on its tools) instead of taking its neighbour's.
        let id_of = |e: &Value| e.get("id").and_then(Value::as_str).map(str::to_owned);
        let unique = |id: &str| {
            list.iter()
                .filter(|e| id_of(e).as_deref() == Some(id))
                .count()
                == 1
        };
        let entries = list.iter().enumerate().map(|(i, entry)| {
            let at = child(pointer, &i.to_string());
            let key = match id_of(entry) {
                Some(id) if unique(&id) => format!("id:{id}"),
                _ => format!("at:{i}"),
            };
            let title = entry_title(entry, self.lang).unwrap_or_else(|| format!("{}", i + 1));
            let tools = self.entry_tools(pointer, i, n, &title);
            if !composite {
                return html! {
                    <li class="entry leaf-entry" {key}>
                        { self.value(items, Some(entry), &at, owner, name, true) }
                        { tools }
                    </li>
                };
            }
            let open = self.open.contains(&at);
            let errors = self.errors_under(&at);
            let toggle = {
                let (on_toggle, at) = (self.on_toggle.clone(), at.clone());
                Callback::from(move |_: MouseEvent| on_toggle.emit(at.clone()))
            };
            let body_id = format!("{}:body", field_id(&at));
            html! {
                <li class="entry" {key} id={field_id(&at)} tabindex="-1">
                    <div class="entry-head">
                        <button type="button" class="entry-toggle" aria-expanded={if open { "true" } else { "false" }}
                            aria-controls={body_id.clone()} onclick={toggle}>
                            <span class="entry-number">{ format!("{}.", i + 1) }</span>
                            { title.clone() }
                            if errors > 0 { <span class="badge error">{ (t.problems)(errors) }</span> }
                        </button>
                        { tools }
                    </div>
                    if open {
                        <div class="entry-body" id={body_id}>
                            { self.value(items, Some(entry), &at, owner, name, true) }
                        </div>
                    }
                </li>
            }
        });
        let add = {
            let on_edit = self.on_edit.clone();
            let (p, items, version, root) = (
                pointer.to_owned(),
                items.clone(),
                self.version,
                self.root.clone(),
            );
            // Absent, or not a list at all (an imported mistake): a new list of one.
            let exists = value.is_some_and(Value::is_array);
            let last = list.len().checked_sub(1);
            let onclick = Callback::from(move |_: MouseEvent| {
                if !exists {
                    let mut taken = ids(&root);
                    on_edit.emit(DraftEdit::Set(
                        p.clone(),
                        Value::Array(vec![default_of(&items, version, &mut taken)]),
                    ));
                } else if let (Some(last), true) = (last, composite) {
                    // A new entry like the one before it (its levels, its scale), fresh ids.
                    on_edit.emit(DraftEdit::Duplicate(p.clone(), last));
                } else {
                    let mut taken = ids(&root);
                    on_edit.emit(DraftEdit::Insert(
                        p.clone(),
                        usize::MAX,
                        default_of(&items, version, &mut taken),
                    ));
                }
            });
            html! { <button type="button" class="add-entry" {onclick}>{ format!("+ {} {}", t.add, label) }</button> }
        };
        html! {
            <fieldset class="group list" id={field_id(pointer)} tabindex="-1">
                <legend>{ format!("{label} ({n})") }</legend>
                { self.errors_at(pointer) }
                <ol class="entries">{ for entries }</ol>
                { add }
            </fieldset>
        }
    }

    /// Move up, move down, duplicate, remove — buttons, each naming the entry for a screen reader.
    fn entry_tools(&self, pointer: &str, i: usize, n: usize, title: &str) -> Html {
        let t = catalog(self.lang);
        let button = |text: &'static str, what: &'static str, edit: Option<DraftEdit>| {
            let disabled = edit.is_none();
            let on_edit = self.on_edit.clone();
            let aria = format!("{what}: {title}");
            let (label, sibling) = (
                aria.clone(),
                format!(
                    "{}: {title}",
                    if what == t.move_up {
                        t.move_down
                    } else {
                        t.move_up
                    }
                ),
            );
            let onclick = Callback::from(move |_: MouseEvent| {
                if let Some(e) = edit.clone() {
                    let moved = matches!(e, DraftEdit::Move(..));
                    on_edit.emit(e);
                    if moved {
                        // The browser drops the focus of an element moved in the page: it goes back
                        // to the same tool of the moved entry (the other way at an end).
                        refocus(label.clone(), sibling.clone());
                    }
                }
            });
            html! { <button type="button" class="tool" aria-label={aria.clone()} title={aria} {disabled} {onclick}>{ text }</button> }
        };
        let p = pointer.to_owned();
        html! {
            <span class="entry-tools">
                { button("↑", t.move_up, (i > 0).then(|| DraftEdit::Move(p.clone(), i, i - 1))) }
                { button("↓", t.move_down, (i + 1 < n).then(|| DraftEdit::Move(p.clone(), i, i + 1))) }
                // A word, not a symbol: phones' fonts lack the copy glyphs.
                { button(t.duplicate, t.duplicate, Some(DraftEdit::Duplicate(p.clone(), i))) }
                { button("✕", t.remove, Some(DraftEdit::Remove(child(&p, &i.to_string())))) }
            </span>
        }
    }

    /// Which sources rate an item: a checkbox per source of the framework. Absent, the field means
    /// every source (a sub-item: its parent's); unticking the last writes an empty list, which
    /// the engine refuses where it stands. An id the framework lacks is shown too, to be unticked.
    fn source_choice(&self, value: Option<&Value>, pointer: &str, label: &str) -> Html {
        let t = catalog(self.lang);
        let sources: Vec<(String, String)> = self
            .root
            .get("sources")
            .and_then(Value::as_array)
            .map(|l| {
                l.iter()
                    .filter_map(|s| {
                        let id = s.get("id")?.as_str()?.to_owned();
                        let name = s
                            .get("label")
                            .and_then(|l| entry_text(l, self.lang))
                            .unwrap_or_else(|| id.clone());
                        Some((id, name))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .map(|l| {
                    l.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        // What "absent" means here: a sub-item (…/scale/items/k/sources) takes its parent's.
        let inherited: Vec<String> = pointer
            .rfind("/scale/items/")
            .and_then(|cut| get(self.root, &format!("{}/sources", &pointer[..cut])))
            .map(strings)
            .unwrap_or_else(|| sources.iter().map(|(s, _)| s.clone()).collect());
        let stored: Option<Vec<String>> = value.map(strings);
        let chosen: Vec<String> = stored.clone().unwrap_or_else(|| inherited.clone());
        // The framework's sources, then any the list names that the framework lacks.
        let mut rows: Vec<(String, String)> = sources.clone();
        for id in stored.iter().flatten() {
            if !rows.iter().any(|(s, _)| s == id) {
                rows.push((id.clone(), format!("{id} ({})", t.not_in_form)));
            }
        }
        let order: Vec<String> = rows.iter().map(|(s, _)| s.clone()).collect();
        html! {
            <fieldset class="group" id={field_id(pointer)} tabindex="-1">
                <legend>{ label }</legend>
                { self.errors_at(pointer) }
                { for rows.iter().map(|(id, name)| {
                    let on_edit = self.on_edit.clone();
                    let (p, id_c, chosen_c, order) = (pointer.to_owned(), id.clone(), chosen.clone(), order.clone());
                    let checked = chosen.iter().any(|c| c == id);
                    let onchange = Callback::from(move |e: Event| {
                        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                        let mut next = chosen_c.clone();
                        next.retain(|c| *c != id_c);
                        if input.checked() {
                            next.push(id_c.clone());
                        }
                        let ordered: Vec<Value> = order
                            .iter()
                            .filter(|s| next.contains(s))
                            .map(|s| Value::String(s.clone()))
                            .collect();
                        on_edit.emit(DraftEdit::Set(p.clone(), Value::Array(ordered)));
                    });
                    // Its place in the stored list names its errors (…/sources/k).
                    let at = stored
                        .as_ref()
                        .and_then(|l| l.iter().position(|c| c == id))
                        .map(|k| child(pointer, &k.to_string()));
                    let control = at.as_deref().map(field_id).unwrap_or_else(|| format!("{}:{id}", field_id(pointer)));
                    let (invalid, described) = match &at {
                        Some(at) => (self.invalid(at), self.described_by(at)),
                        None => (None, None),
                    };
                    html! {
                        <div class="field check">
                            <input type="checkbox" id={control.clone()} {checked} {onchange}
                                aria-invalid={invalid} aria-describedby={described} />
                            <label for={control}>{ name.clone() }</label>
                            { at.as_deref().map(|a| self.errors_at(a)).unwrap_or_default() }
                        </div>
                    }
                }) }
                <p class="muted">{ t.sources_hint }</p>
            </fieldset>
        }
    }
}

/// Focuses the button named `label` once the page has been drawn again, else the one named
/// `otherwise` (a move to the top disables "move up").
fn refocus(label: String, otherwise: String) {
    use wasm_bindgen::JsCast;
    let run = wasm_bindgen::closure::Closure::once_into_js(move || {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let find = |l: &str| {
            doc.query_selector_all("button.tool").ok().and_then(|list| {
                (0..list.length())
                    .filter_map(|k| list.item(k))
                    .filter_map(|n| n.dyn_into::<web_sys::HtmlButtonElement>().ok())
                    .find(|b| b.get_attribute("aria-label").as_deref() == Some(l) && !b.disabled())
            })
        };
        if let Some(b) = find(&label).or_else(|| find(&otherwise)) {
            let _ = b.focus();
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), 0);
    }
}

/// A named shape's definition (other shapes as they are).
fn resolve(shape: &Shape) -> Shape {
    match shape {
        Shape::Named(n) if n.name != "Text" => resolve(&(n.define)()),
        other => other.clone(),
    }
}

/// What a person typed, as a JSON number when it is one (kept exactly as written), else as a
/// string ("none", "full", "1/3" …) for the engine to read or refuse.
pub fn number_or_string(text: &str) -> Value {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let numeric = !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && (frac.is_empty() && !digits.ends_with('.')
            || frac.chars().all(|c| c.is_ascii_digit()) && !frac.is_empty())
        && (int == "0" || !int.starts_with('0'));
    if numeric {
        if let Ok(v) = serde_json::from_str::<Value>(t) {
            return v;
        }
    }
    Value::String(t.to_owned())
}

/// How a list entry is named in its heading: its title or label, else its id.
fn entry_title(entry: &Value, lang: Lang) -> Option<String> {
    let text = ["title", "label"]
        .iter()
        .find_map(|k| entry.get(*k).and_then(|t| entry_text(t, lang)));
    let id = entry.get("id").and_then(Value::as_str);
    match (text, id) {
        (Some(t), Some(id)) => Some(format!("{t} ({id})")),
        (Some(t), None) => Some(t),
        (None, Some(id)) => Some(id.to_owned()),
        (None, None) => entry.get("kind").and_then(Value::as_str).map(str::to_owned),
    }
}

/// A new value of a shape for the rules version: an object with its required fields, a tagged
/// value of its first kind, a fresh id where one is needed.
pub fn default_of(shape: &Shape, version: u8, taken: &mut Vec<String>) -> Value {
    match shape {
        Shape::Named(n) if n.name == "Text" => {
            let mut m = Map::new();
            m.insert("zh-Hans".into(), Value::String(String::new()));
            Value::Object(m)
        }
        Shape::Named(n) => default_of(&(n.define)(), version, taken),
        Shape::Object(props) => Value::Object(props_default(props, version, taken)),
        Shape::Tagged(tag, variants) => variants
            .iter()
            .find(|v| v.since <= version)
            .map(|v| variant_default(tag, v.name, &v.props, version, taken))
            .unwrap_or(Value::Null),
        Shape::Strings(list) => list
            .first()
            .map(|(s, _, _)| Value::String((*s).to_owned()))
            .unwrap_or(Value::Null),
        Shape::Array { .. } => Value::Array(Vec::new()),
        Shape::Map(_) => Value::Object(Map::new()),
        Shape::Leaf(leaf) => match leaf {
            Leaf::Id | Leaf::FrameworkId => {
                let id = fresh_id("new", taken);
                taken.push(id.clone());
                Value::String(id)
            }
            Leaf::Bool => Value::Bool(false),
            Leaf::Int { min, .. } => Value::from((*min).max(1)),
            Leaf::Decimal | Leaf::Signed | Leaf::Ratio | Leaf::MinRaters | Leaf::Ceiling => {
                Value::from(1)
            }
            Leaf::Start => Value::String("full".into()),
            Leaf::Tag(tags) => tags
                .last()
                .map(|s| Value::String((*s).into()))
                .unwrap_or(Value::Null),
            Leaf::Const(s) => Value::String((*s).into()),
            _ => Value::String(String::new()),
        },
    }
}

fn props_default(props: &[Prop], version: u8, taken: &mut Vec<String>) -> Map<String, Value> {
    let mut m = Map::new();
    for p in props
        .iter()
        .filter(|p| p.since <= version && p.required_in(version))
    {
        let v = p
            .default
            .clone()
            .unwrap_or_else(|| default_of(&p.shape, version, taken));
        m.insert(p.name.into(), v);
    }
    m
}

/// A new value of one kind of a tagged shape. Scales start with what makes them usable: three
/// levels, one counted event, two vote options, one condition, one sub-item.
pub fn variant_default(
    tag: &str,
    kind: &str,
    props: &[Prop],
    version: u8,
    taken: &mut Vec<String>,
) -> Value {
    let mut m = props_default(props, version, taken);
    m.insert(tag.into(), Value::String(kind.into()));
    let text = |zh: &str, en: &str| serde_json::json!({"zh-Hans": zh, "en": en});
    match kind {
        "levels" => {
            m.insert(
                "levels".into(),
                serde_json::json!([
                    {"id": "good", "label": text("好", "Good"), "percent": 100},
                    {"id": "fair", "label": text("较好", "Fair"), "percent": 80},
                    {"id": "general", "label": text("一般", "Average"), "percent": 60},
                    {"id": "poor", "label": text("差", "Poor"), "percent": 0}
                ]),
            );
        }
        "events" => {
            m.insert(
                "events".into(),
                serde_json::json!([{"id": "absence", "label": text("缺席", "Absence"), "per": -1}]),
            );
        }
        "vote" => {
            m.insert(
                "options".into(),
                serde_json::json!([
                    {"id": "yes", "label": text("称职", "Competent"), "percent": 100},
                    {"id": "no", "label": text("不称职", "Not competent"), "percent": 0}
                ]),
            );
        }
        "ticks" => {
            m.insert(
                "conditions".into(),
                serde_json::json!([{"id": "condition-1", "label": text("情形一", "Condition 1")}]),
            );
        }
        "items" => {
            let id = fresh_id("sub-item", taken);
            taken.push(id.clone());
            m.insert(
                "items".into(),
                serde_json::json!([{"id": id, "title": text("子项", "Sub-item"), "points": 1, "scale": {"kind": "check"}}]),
            );
        }
        _ => {}
    }
    Value::Object(m)
}

/// The open list entries after an edit: an entry moved, removed or shifted by an insertion keeps
/// its open state under its new index (entries are open by pointer).
pub fn reindex(open: &BTreeSet<String>, edit: &DraftEdit) -> BTreeSet<String> {
    // (list, how an index of it moves: None when the entry is gone)
    type Map = Box<dyn Fn(usize) -> Option<usize>>;
    let (list, map): (&str, Map) = match edit {
        DraftEdit::Move(list, from, to) => {
            let (from, to) = (*from, *to);
            (
                list,
                Box::new(move |i| {
                    Some(if i == from {
                        to
                    } else if from < to && i > from && i <= to {
                        i - 1
                    } else if to < from && i >= to && i < from {
                        i + 1
                    } else {
                        i
                    })
                }),
            )
        }
        DraftEdit::Remove(p) => match super::draft::parent(p) {
            Some((list, last)) => match last.parse::<usize>() {
                Ok(k) => {
                    let owned = list;
                    return reindex_with(open, &owned, &move |i| match i.cmp(&k) {
                        std::cmp::Ordering::Less => Some(i),
                        std::cmp::Ordering::Equal => None,
                        std::cmp::Ordering::Greater => Some(i - 1),
                    });
                }
                Err(_) => return open.clone(),
            },
            None => return open.clone(),
        },
        DraftEdit::Insert(list, at, _) => {
            let at = *at;
            (
                list,
                Box::new(move |i| Some(if i >= at { i + 1 } else { i })),
            )
        }
        DraftEdit::Duplicate(list, k) => {
            let k = *k;
            (list, Box::new(move |i| Some(if i > k { i + 1 } else { i })))
        }
        DraftEdit::Set(..) => return open.clone(),
    };
    reindex_with(open, list, &*map)
}

fn reindex_with(
    open: &BTreeSet<String>,
    list: &str,
    map: &dyn Fn(usize) -> Option<usize>,
) -> BTreeSet<String> {
    let prefix = format!("{list}/");
    open.iter()
        .filter_map(|p| {
            let Some(rest) = p.strip_prefix(&prefix) else {
                return Some(p.clone());
            };
            let (index, tail) = rest.split_once('/').map_or((rest, ""), |(i, t)| (i, t));
            let Ok(i) = index.parse::<usize>() else {
                return Some(p.clone());
            };
            let j = map(i)?;
            Some(if tail.is_empty() {
                format!("{prefix}{j}")
            } else {
                format!("{prefix}{j}/{tail}")
            })
        })
        .collect()
}

/// The pointer of the nearest control that shows a path: the path itself, else the closest
/// ancestor among `shown` (an error in a field not yet added is shown at its group).
pub fn nearest(path: &str, shown: &dyn Fn(&str) -> bool) -> String {
    let mut p = path.to_owned();
    loop {
        if shown(&p) || p.is_empty() {
            return p;
        }
        match p.rfind('/') {
            Some(cut) => p.truncate(cut),
            None => return String::new(),
        }
    }
}

/// The entries to open so that a pointer's control is drawn: every list entry on its way.
pub fn entries_on_the_way(root: &Value, path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut p = String::new();
    for seg in super::draft::segments(path) {
        p = child(&p, &seg);
        if seg.parse::<usize>().is_ok() && get(root, &p).is_some_and(|v| v.is_object()) {
            out.push(p.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use cxzy_core::shape::Describe;
    use serde_json::json;

    #[test]
    fn typed_numbers_stay_as_written_and_words_stay_words() {
        assert_eq!(number_or_string("4").to_string(), "4");
        assert_eq!(number_or_string(" 2.50 ").to_string(), "2.50");
        assert_eq!(number_or_string("-1").to_string(), "-1");
        assert_eq!(number_or_string("none"), json!("none"));
        assert_eq!(number_or_string("1/3"), json!("1/3"));
        assert_eq!(number_or_string("007"), json!("007"));
        assert_eq!(number_or_string("1."), json!("1."));
        assert_eq!(number_or_string(""), json!(""));
    }

    #[test]
    fn a_new_scale_of_every_kind_is_valid_in_a_framework() {
        let shape = cxzy_core::Scale::shape();
        let Shape::Tagged(tag, variants) = resolve(&shape) else {
            panic!("the scale is tagged")
        };
        for v in variants {
            let mut fw = super::super::draft::blank("unit");
            let mut taken = ids(&fw);
            fw["dimensions"][0]["indicators"][0]["scale"] =
                variant_default(tag, v.name, &v.props, 2, &mut taken);
            if v.name == "ticks" {
                // Ticked conditions give no score (spec §11.3): the engine says so at `points`.
                fw["dimensions"][0]["indicators"][0]["points"] = json!(0);
            }
            let r = cxzy_core::Prepared::from_value(&fw);
            assert!(r.is_ok(), "{}: {:?}", v.name, r.err());
        }
    }

    #[test]
    fn a_new_entry_of_each_list_has_its_required_fields() {
        for shape in [
            cxzy_core::Indicator::shape(),
            cxzy_core::Dimension::shape(),
            cxzy_core::Grade::shape(),
            cxzy_core::Source::shape(),
        ] {
            let v = default_of(&shape, 2, &mut Vec::new());
            assert!(v.get("id").is_some_and(Value::is_string), "{v}");
        }
    }

    #[test]
    fn open_entries_follow_their_entries() {
        let open: BTreeSet<String> = ["/d/0", "/d/1/i/2", "/d/3", "/g/0"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        assert_eq!(
            reindex(&open, &DraftEdit::Move("/d".into(), 0, 2)),
            set(&["/d/2", "/d/0/i/2", "/d/3", "/g/0"])
        );
        assert_eq!(
            reindex(&open, &DraftEdit::Move("/d".into(), 3, 1)),
            set(&["/d/0", "/d/2/i/2", "/d/1", "/g/0"])
        );
        assert_eq!(
            reindex(&open, &DraftEdit::Remove("/d/1".into())),
            set(&["/d/0", "/d/2", "/g/0"])
        );
        assert_eq!(
            reindex(&open, &DraftEdit::Duplicate("/d".into(), 0)),
            set(&["/d/0", "/d/2/i/2", "/d/4", "/g/0"])
        );
        assert_eq!(
            reindex(&open, &DraftEdit::Insert("/d/1/i".into(), 0, Value::Null)),
            set(&["/d/0", "/d/1/i/3", "/d/3", "/g/0"])
        );
        assert_eq!(
            reindex(&open, &DraftEdit::Set("/d/0/id".into(), Value::Null)),
            open
        );
    }

    #[test]
    fn errors_go_to_the_nearest_control_shown() {
        let shown = |p: &str| ["", "/dimensions", "/dimensions/0"].contains(&p);
        assert_eq!(nearest("/dimensions/0/weight", &shown), "/dimensions/0");
        assert_eq!(nearest("/dimensions", &shown), "/dimensions");
        assert_eq!(nearest("/grades/3", &shown), "");
        let root = json!({"dimensions": [{"indicators": [{"id": "x"}]}]});
        assert_eq!(
            entries_on_the_way(&root, "/dimensions/0/indicators/0/points"),
            vec!["/dimensions/0", "/dimensions/0/indicators/0"]
        );
    }
}
