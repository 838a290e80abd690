//! History: every period's assessment, newest first, with its total and grade; open or delete.

use crate::app::Store;
use crate::components::focus::refocus;
use crate::i18n::{self, catalog};
use crate::services::frameworks::builtin;
use crate::state::Action;
use yew::prelude::*;

#[function_component]
pub fn HistoryPage() -> Html {
    let Some(store) = use_context::<Store>() else {
        return Html::default();
    };
    let lang = store.lang;
    let t = catalog(lang);
    let confirming = use_state(|| None::<usize>);
    let mut order: Vec<usize> = (0..store.records.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&store.records[x], &store.records[y]);
        b.period.end.cmp(&a.period.end).then(y.cmp(&x))
    });
    let rows = order.into_iter().map(|i| {
        let a = &store.records[i];
        let name = store
            .engine(&a.framework.id)
            .map(|e| e.framework.title.get(lang).to_owned())
            .or_else(|| builtin(&a.framework.id).map(|b| b.name(lang).to_owned()))
            .unwrap_or_else(|| a.framework.id.to_string());
        let scored = store.engine(&a.framework.id).map(|e| e.score(a, store.today));
        let figures = match scored {
            Some(Ok(r)) => {
                let grade = r.grade.as_deref().and_then(|g| store.engine(&a.framework.id).and_then(|e| e.framework.grades.iter().find(|x| &*x.id == g)).map(|g| g.label.get(lang).to_owned()));
                format!("{} {} · {}", t.total, r.total.to_fixed2(), grade.unwrap_or_else(|| t.incomplete.to_owned()))
            }
            _ => String::new(),
        };
        let open = { let s = store.clone(); Callback::from(move |_| s.dispatch(Action::Open(i))) };
        // Focus follows the buttons that replace each other, so a keyboard user is never dropped.
        let ask = { let c = confirming.clone(); Callback::from(move |e: MouseEvent| { c.set(Some(i)); refocus(&e, &format!("#confirm-delete-{i}")); }) };
        let cancel = { let c = confirming.clone(); Callback::from(move |e: MouseEvent| { c.set(None); refocus(&e, &format!("#delete-{i}")); }) };
        let delete = { let (s, c) = (store.clone(), confirming.clone()); Callback::from(move |e: MouseEvent| { c.set(None); s.dispatch(Action::Delete(i)); refocus(&e, "#history-heading"); }) };
        let current = store.current == Some(i);
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
            if store.records.is_empty() { <p>{ t.history_empty }</p> }
            <ul class="records" id="records">{ for rows }</ul>
        </section>
    }
}
