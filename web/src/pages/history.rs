//! History: every period's assessment, newest first, with its total and grade; open or delete.

use crate::components::focus::refocus;
use crate::i18n::{self, catalog};
use crate::model::library::Library;
use crate::model::route::{RecordKey, Route};
use crate::services::frameworks::builtin;
use crate::state::frameworks::Frameworks;
use cxzy_core::{Date, Lang};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    pub lang: Lang,
    pub today: Date,
    pub library: Rc<Library>,
    /// Loaded frameworks: titles, grades and scores of their records.
    pub frameworks: Rc<Frameworks>,
    /// The record last opened (marked).
    pub current: Option<usize>,
    pub on_go: Callback<Route>,
    pub on_delete: Callback<usize>,
}

#[function_component]
pub fn HistoryPage(props: &HistoryProps) -> Html {
    let lang = props.lang;
    let t = catalog(lang);
    let confirming = use_state(|| None::<usize>);
    let records = &props.library.records;
    let mut order: Vec<(usize, &Rc<cxzy_core::Assessment>)> = records.iter().enumerate().collect();
    order.sort_by(|(x, a), (y, b)| b.period.end.cmp(&a.period.end).then(y.cmp(x)));
    let rows = order.into_iter().map(|(i, a)| {
        let engine = props.frameworks.get(&a.framework.id);
        let name = engine
            .map(|e| e.framework().title.get(lang).to_owned())
            .or_else(|| builtin(&a.framework.id).map(|b| b.name.get(lang).to_owned()))
            .unwrap_or_else(|| a.framework.id.to_string());
        let scored = engine.map(|e| e.score(a, props.today));
        let figures = match scored {
            Some(Ok(r)) => {
                let grade = r.grade.as_deref().and_then(|g| engine.and_then(|e| e.framework().grades.iter().find(|x| &*x.id == g)).map(|g| g.label.get(lang).to_owned()));
                format!("{} {} · {}", t.total, r.total.to_fixed2(), grade.unwrap_or_else(|| t.incomplete.to_owned()))
            }
            _ => String::new(),
        };
        let open = {
            let record = RecordKey::of(records, i);
            let on_go = props.on_go.clone();
            Callback::from(move |_| if let Some(record) = record.clone() { on_go.emit(Route::Result { record }) })
        };
        // Focus follows the buttons that replace each other, so a keyboard user is never dropped.
        let ask = { let c = confirming.clone(); Callback::from(move |e: MouseEvent| { c.set(Some(i)); refocus(&e, &format!("#confirm-delete-{i}")); }) };
        let cancel = { let c = confirming.clone(); Callback::from(move |e: MouseEvent| { c.set(None); refocus(&e, &format!("#delete-{i}")); }) };
        let delete = { let (on_delete, c) = (props.on_delete.clone(), confirming.clone()); Callback::from(move |e: MouseEvent| { c.set(None); on_delete.emit(i); refocus(&e, "#history-heading"); }) };
        let current = props.current == Some(i);
        html! {
            <li class={classes!("card", "record", current.then_some("current"))}>
                <div>
                    <strong>{ i18n::period(lang, &a.period) }</strong>{ " · " }{ name }
                    if let Some(n) = &a.subject.name { <span class="muted">{ " · " }{ n }</span> }
                    <div class="muted small">{ figures }</div>
                </div>
                <div class="row">
                    <button type="button" onclick={open}>{ t.open }</button>
                    if *confirming == Some(i) {
                        <button type="button" class="danger" id={format!("confirm-delete-{i}")} onclick={delete}>{ t.confirm_delete }</button>
                        <button type="button" onclick={cancel}>{ t.cancel }</button>
                    } else {
                        <button type="button" class="link" id={format!("delete-{i}")} onclick={ask}>{ t.delete }</button>
                    }
                </div>
            </li>
        }
    });
    html! {
        <section class="page" aria-labelledby="history-heading">
            <h1 id="history-heading" tabindex="-1">{ t.history_heading }</h1>
            if records.is_empty() { <p>{ t.history_empty }</p> }
            <ul class="records" id="records">{ for rows }</ul>
        </section>
    }
}
