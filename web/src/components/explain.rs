//! How an item's points came about: each source's sheets, its aggregate, its weight, which
//! sources were left out and why, the combined score and the points lost — all from the result.

use crate::i18n::catalog;
use crate::model::engine::Engine;
use cxzy_core::{AbsentReason, Aggregate, Lang, ScoreResult};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ExplainProps {
    pub result: Rc<ScoreResult>,
    pub engine: Engine,
    pub indicator: AttrValue,
    pub lang: Lang,
}

#[function_component]
pub fn Explain(props: &ExplainProps) -> Html {
    let t = catalog(props.lang);
    let lang = props.lang;
    let fw = props.engine.framework();
    let r = &props.result;
    let Some(ind) = r.indicators.iter().find(|i| *i.id == *props.indicator) else {
        return Html::default();
    };
    let rows = ind.sources.iter().map(|s| {
        let source = fw.source(&s.id);
        let label = source.map(|x| x.label.get(lang).to_owned()).unwrap_or_else(|| s.id.to_string());
        let weight = source.map(|x| x.weight.canonical()).unwrap_or_default();
        let aggregate = match source.map(|x| x.aggregate) {
            Some(Aggregate::Mean) | None => t.aggregate_mean,
            Some(Aggregate::Median) => t.aggregate_median,
            Some(Aggregate::TrimmedMean) => t.aggregate_trimmed,
        };
        let anonymous_min = source.and_then(|x| x.anonymous_min);
        let sheets = &s.sheets;
        let show_sheets = anonymous_min.is_none_or(|k| sheets.len() >= k as usize);
        let sheet_list = if show_sheets {
            html! {
                <ul class="sheets">
                    { for sheets.iter().enumerate().map(|(k, sh)| {
                        let who = match (anonymous_min, &sh.rater) {
                            (None, Some(name)) => name.to_string(),
                            (Some(_), _) => format!("{} {}", t.anonymous, k + 1),
                            (None, None) => format!("{} {}", t.sheet, k + 1),
                        };
                        html! { <li>{ who }{ ": " }<span class="num">{ sh.score.to_fixed2() }</span></li> }
                    }) }
                </ul>
            }
        } else {
            html! {}
        };
        let status = match (s.present, s.reason) {
            (true, _) => html! { <span class="num">{ s.score.as_ref().map(|x| x.to_fixed2()).unwrap_or_default() }</span> },
            (false, Some(AbsentReason::BelowMinRaters)) => {
                html! { <span class="muted">{ (t.absent_below_min)(source.map(|x| x.min_raters).unwrap_or(1)) }</span> }
            }
            (false, _) => html! { <span class="muted">{ t.absent_no_ratings }</span> },
        };
        html! {
            <tr>
                <th scope="row">{ label }</th>
                <td class="num">{ weight }</td>
                <td>{ aggregate }{ sheet_list }</td>
                <td>{ status }</td>
            </tr>
        }
    });
    html! {
        <div class="explain">
            <table class="figures">
                <thead><tr><th scope="col">{ t.source }</th><th scope="col">{ t.weight }</th><th scope="col">{ t.sheet }</th><th scope="col">{ t.score }</th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="muted small">{ t.combined_formula }</p>
            <dl class="pairs">
                <dt>{ t.combined }</dt><dd class="num">{ ind.combined.as_ref().map(|c| c.to_fixed2()).unwrap_or_else(|| "—".into()) }</dd>
                <dt>{ t.max }</dt><dd class="num">{ ind.points.fixed2() }</dd>
                <dt>{ t.lost }</dt><dd class="num">{ ind.lost.as_ref().map(|c| c.to_fixed2()).unwrap_or_else(|| "—".into()) }</dd>
            </dl>
        </div>
    }
}
