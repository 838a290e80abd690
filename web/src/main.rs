//! cxzy-web: the self-assessment app. For now it proves the whole chain (Rust → WASM → Trunk →
//! browser): it fetches a built-in framework as JSON, reads it with cxzy-core and shows the title,
//! total and grade of an empty assessment. The full app is issue 4.

use cxzy_core::{
    framework_from_str, Assessment, AssessmentSchema, Date, Diagnostic, FrameworkRef, Lang, Period,
    ScoreOptions, Scorer, SubjectInfo,
};
use yew::prelude::*;

/// The framework this page shows; frameworks are served from `frameworks/<id>.json`.
const FRAMEWORK: &str = "member-five-leads";

/// What the page shows for the framework.
#[derive(Clone, PartialEq)]
enum View {
    Loading,
    Failed(String),
    Ready {
        title: String,
        total: String,
        grade: String,
    },
}

/// Today's half-year (checks are half-yearly, 000 四), from the browser's clock.
fn current_period() -> Period {
    let now = js_sys::Date::new_0();
    let year = now.get_full_year() as i32;
    let first_half = now.get_month() < 6;
    let (start, end) = if first_half {
        ((1, 1), (6, 30))
    } else {
        ((7, 1), (12, 31))
    };
    let date = |(m, d): (u32, u32)| Date::from_ymd_opt(year, m, d).unwrap_or_default();
    Period {
        start: date(start),
        end: date(end),
        label: Some(format!(
            "{year} {}",
            if first_half { "上半年" } else { "下半年" }
        )),
    }
}

fn describe(errors: &[Diagnostic]) -> String {
    errors
        .iter()
        .map(|e| format!("{} ({}): {}", e.path, e.code, e.message(Lang::ZhHans)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads the framework text and scores an empty assessment of the current period.
fn view_of(text: &str) -> View {
    let fw = match framework_from_str(text) {
        Ok(fw) => fw,
        Err(errors) => return View::Failed(format!("评价标准无效:\n{}", describe(&errors))),
    };
    let scorer = match Scorer::new(&fw) {
        Ok(s) => s,
        Err(errors) => return View::Failed(format!("评价标准无效:\n{}", describe(&errors))),
    };
    let empty = Assessment {
        schema: AssessmentSchema,
        framework: FrameworkRef {
            id: fw.id.clone(),
            version: fw.version.clone(),
            digest: None,
        },
        subject: SubjectInfo::default(),
        period: current_period(),
        as_of: None,
        sheets: Vec::new(),
        bonus: Vec::new(),
        deductions: Vec::new(),
        vetoes: Vec::new(),
        commitments: Vec::new(),
    };
    match scorer.score(&empty, &ScoreOptions::default()) {
        Ok(result) => {
            let grade = result
                .grade
                .as_ref()
                .and_then(|g| fw.grades.iter().find(|x| x.id == *g))
                .map(|g| g.label.get(Lang::ZhHans).to_owned())
                .unwrap_or_else(|| "未完成(尚未评分)".to_owned());
            View::Ready {
                title: fw.title.get(Lang::ZhHans).to_owned(),
                total: result.total.to_fixed2(),
                grade,
            }
        }
        Err(errors) => View::Failed(format!("无法计分:\n{}", describe(&errors))),
    }
}

async fn load() -> View {
    let url = format!("frameworks/{FRAMEWORK}.json");
    let response = match gloo_net::http::Request::get(&url).send().await {
        Ok(r) if r.ok() => r,
        Ok(r) => return View::Failed(format!("无法加载评价标准 {url}:HTTP {}", r.status())),
        Err(e) => return View::Failed(format!("无法加载评价标准 {url}:{e}")),
    };
    match response.text().await {
        Ok(text) => view_of(&text),
        Err(e) => View::Failed(format!("无法读取评价标准 {url}:{e}")),
    }
}

#[function_component]
fn App() -> Html {
    let view = use_state(|| View::Loading);
    {
        let view = view.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { view.set(load().await) });
        });
    }
    match &*view {
        View::Loading => html! { <main><p aria-live="polite">{ "正在加载评价标准…" }</p></main> },
        View::Failed(message) => {
            html! { <main><p role="alert" id="error" class="error">{ message }</p></main> }
        }
        View::Ready {
            title,
            total,
            grade,
        } => html! {
            <main>
                <h1 id="title">{ title }</h1>
                <dl class="summary">
                    <dt>{ "总分" }</dt><dd id="total">{ total }</dd>
                    <dt>{ "等次" }</dt><dd id="grade">{ grade }</dd>
                </dl>
            </main>
        },
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
