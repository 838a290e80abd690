//! Messages at the top of the page: storage trouble (stays while it lasts) and notices (until
//! dismissed).

use crate::i18n::catalog;
use crate::model::notice::Notice;
use crate::services::storage::StorageHealth;
use cxzy_core::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub lang: Lang,
    pub notices: Vec<Notice>,
    pub health: StorageHealth,
    pub on_dismiss: Callback<Notice>,
    /// A conflict: take the other tab's data.
    pub on_reload_other: Callback<()>,
    /// A conflict: overwrite the other tab's save (its revision) with this tab's data.
    pub on_keep_mine: Callback<u64>,
}

#[function_component]
pub fn Notices(props: &NoticesProps) -> Html {
    let t = catalog(props.lang);
    let health = match props.health {
        StorageHealth::Ok => html! {},
        StorageHealth::Unavailable => {
            html! { <p class="notice warn" role="alert" id="storage-warning">{ t.storage_unavailable }</p> }
        }
        StorageHealth::Full => {
            html! { <p class="notice warn" role="alert" id="storage-warning">{ t.storage_full }</p> }
        }
        StorageHealth::Conflict(rev) => {
            let load = props.on_reload_other.reform(|_: MouseEvent| ());
            let keep = props.on_keep_mine.reform(move |_: MouseEvent| rev);
            html! {
                <div class="notice warn" role="alert" id="storage-conflict">
                    <p>{ t.storage_conflict }</p>
                    <div class="row">
                        <button type="button" onclick={load}>{ t.reload_other }</button>
                        <button type="button" onclick={keep}>{ t.keep_mine }</button>
                    </div>
                </div>
            }
        }
    };
    let notices = props.notices.iter().map(|n| {
        let dismiss = {
            let n = n.clone();
            props.on_dismiss.reform(move |_: MouseEvent| n.clone())
        };
        let (class, body) = match n {
            Notice::OtherTab => ("notice", html! { { t.storage_other_tab } }),
            Notice::Unreadable => ("notice warn", html! { { t.storage_unreadable } }),
            Notice::Migrated { title, version, dropped } => {
                ("notice", html! { { (t.migrated)(title, version, *dropped) } })
            }
            Notice::Imported(n) => ("notice ok", html! { { (t.import_done)(*n) } }),
            Notice::ImportFailed(errors) => (
                "notice error",
                html! {
                    <>
                        <strong>{ t.import_failed }</strong>
                        <ul class="errors">{ for errors.iter().map(|e| html! { <li>{ e }</li> }) }</ul>
                    </>
                },
            ),
            Notice::DeletedAll => ("notice ok", html! { { t.deleted_all } }),
            Notice::Done(text) => ("notice ok", html! { { text.clone() } }),
        };
        let role = if class.contains("error") { "alert" } else { "status" };
        html! {
            <div class={class} role={role}>
                <div class="notice-body">{ body }</div>
                <button type="button" class="link" onclick={dismiss}>{ t.dismiss }</button>
            </div>
        }
    });
    html! { <div class="notices no-print">{ health }{ for notices }</div> }
}
