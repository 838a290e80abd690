//! Messages at the top of the page: storage trouble (stays while it lasts) and notices (until
//! dismissed).

use crate::app::Store;
use crate::i18n::catalog;
use crate::services::storage::{self, StorageHealth};
use crate::state::{Action, Notice};
use yew::prelude::*;

#[function_component]
pub fn Notices() -> Html {
    let Some(store) = use_context::<Store>() else {
        return Html::default();
    };
    let t = catalog(store.lang);
    let health = match store.storage {
        StorageHealth::Ok => html! {},
        StorageHealth::Unavailable => {
            html! { <p class="notice warn" role="alert" id="storage-warning">{ t.storage_unavailable }</p> }
        }
        StorageHealth::Full => {
            html! { <p class="notice warn" role="alert" id="storage-warning">{ t.storage_full }</p> }
        }
        StorageHealth::Conflict(rev) => {
            let load = {
                let store = store.clone();
                Callback::from(move |_| {
                    let Some(key) = store.storage_key.clone() else {
                        return;
                    };
                    let loaded = storage::load(&key);
                    if let Some(stored) = loaded.stored {
                        store.dispatch(Action::LoadOther(stored));
                    }
                })
            };
            let keep = {
                let store = store.clone();
                Callback::from(move |_| store.dispatch(Action::Overwrite(rev)))
            };
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
    let notices = store.notices.iter().map(|n| {
        let dismiss = {
            let store = store.clone();
            let n = n.clone();
            Callback::from(move |_| store.dispatch(Action::Dismiss(n.clone())))
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
