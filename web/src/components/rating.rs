//! The control for rating one indicator, fitted to its scale: a labelled radio group of levels
//! with their descriptors, yes/no for a check, a count with − and + for lapses, a number for
//! points; a counter per event for counted events, a radio group of a vote's options (those that
//! abstain marked), a checkbox per condition of a ticks item — each of the last two with an
//! explicit "none of these", which rates the item (unrated is nothing chosen); "not applicable"
//! where the indicator allows it. An item with sub-items has no control of its own: the rate
//! page rates its sub-items in place.

use crate::i18n::catalog;
use crate::model::engine::Engine;
use crate::model::ratings;
use cxzy_core::{
    Cutoff, CutoffScore, Decimal, Event as CountedEvent, Id, Lang, Rating, Scale, Signed, Start,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RatingProps {
    /// The framework and the indicator (by id) to rate.
    pub engine: Engine,
    pub indicator: Id,
    pub rating: Option<Rating>,
    pub lang: Lang,
    /// Unique per rendered control (radio group names, element ids).
    pub name: AttrValue,
    pub on_change: Callback<Option<Rating>>,
}

/// Parses what a person types as a number: at most 2 decimals, not negative.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if int.is_empty() && frac.is_empty()
        || frac.len() > 2
        || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().ok()?
    };
    Decimal::from_cents(int.checked_mul(100)?.checked_add(frac)?)
}

#[function_component]
pub fn RatingInput(props: &RatingProps) -> Html {
    let t = catalog(props.lang);
    let Some(ind) = props.engine.indicator(&props.indicator) else {
        return Html::default();
    };
    let name = props.name.clone();
    let current = props.rating.clone();
    let radio = |value: Option<Rating>, key: String, label: Html, extra: Html| {
        let checked = current == value && value.is_some();
        let on_change = props.on_change.clone();
        let id = format!("{name}-{key}");
        let onchange = Callback::from(move |_: Event| on_change.emit(value.clone()));
        html! {
            <div class={classes!("choice", checked.then_some("checked"))}>
                <input type="radio" id={id.clone()} name={name.clone()} {checked} {onchange} />
                <label for={id}>{ label }{ extra }</label>
            </div>
        }
    };
    let na = if ind.allow_na {
        radio(
            Some(Rating::Na),
            "na".into(),
            html! { <span class="choice-label">{ t.na_option }</span> },
            html! {},
        )
    } else {
        html! {}
    };
    let body = match &ind.scale {
        Scale::Levels { levels } => html! {
            <>
            { for levels.iter().map(|l| radio(
                Some(Rating::Level(l.id.clone())),
                l.id.to_string(),
                html! { <span class="choice-label">{ l.label.get(props.lang) }<span class="pct">{ format!(" · {}%", l.percent) }</span></span> },
                match &l.descriptor {
                    Some(d) => html! { <span class="descriptor">{ d.get(props.lang) }</span> },
                    None => html! {},
                },
            )) }
            { na }
            </>
        },
        Scale::Check => html! {
            <>
            { radio(Some(Rating::Check(true)), "yes".into(), html! { <span class="choice-label">{ t.yes }</span> }, html! {}) }
            { radio(Some(Rating::Check(false)), "no".into(), html! { <span class="choice-label">{ t.no }</span> }, html! {}) }
            { na }
            </>
        },
        Scale::Deduction { per } => {
            let value = match &current {
                Some(Rating::Number(n)) => u32::try_from(n.cents() / 100).ok(),
                _ => None,
            };
            let on_change = props.on_change.clone();
            let on_count = Callback::from(move |n: Option<u32>| {
                on_change.emit(
                    n.and_then(|n| Decimal::from_int(i64::from(n)))
                        .map(Rating::Number),
                )
            });
            html! {
                <>
                { count_stepper(
                    &format!("{name}-count"),
                    html! { { t.lapses } },
                    ind.title.get(props.lang),
                    html! { { (t.lapses_hint)(&per.canonical()) } },
                    props.lang,
                    value,
                    on_count,
                ) }
                { na }
                </>
            }
        }
        Scale::Events { start, events } => {
            let title = ind.title.get(props.lang);
            // Where the item starts, unless at its points (the default).
            let start = match start {
                Some(Start::Zero) => Some("0".to_owned()),
                Some(Start::Points(p)) => Some(p.canonical()),
                Some(Start::Full) | None => None,
            };
            let steppers = events.iter().map(|ev| {
                let on_change = props.on_change.clone();
                let (held, event) = (current.clone(), ev.id.clone());
                let on_count = Callback::from(move |n: Option<u32>| {
                    on_change.emit(ratings::with_count(held.as_ref(), &event, n))
                });
                let label = ev.label.get(props.lang);
                count_stepper(
                    &format!("{name}-{}", ev.id),
                    html! { { label } },
                    &format!("{title} · {label}"),
                    html! { { event_rule(ev, props.lang) } },
                    props.lang,
                    ratings::count_of(current.as_ref(), &ev.id),
                    on_count,
                )
            });
            html! {
                <>
                if let Some(points) = start { <p class="hint">{ (t.start_points)(&points) }</p> }
                { for steppers }
                { none_choice(&name, t.events_none, false, current.as_ref(), &props.on_change) }
                { na }
                </>
            }
        }
        Scale::Vote { options, .. } => html! {
            <>
            { for options.iter().map(|o| radio(
                Some(Rating::Level(o.id.clone())),
                o.id.to_string(),
                html! { <span class="choice-label">{ o.label.get(props.lang) }if let Some(p) = o.percent { <span class="pct">{ format!(" · {p}%") }</span> }</span> },
                if o.abstain { html! { <span class="descriptor">{ t.abstains }</span> } } else { html! {} },
            )) }
            { na }
            </>
        },
        Scale::Ticks { conditions } => html! {
            <>
            { for conditions.iter().map(|c| {
                let on = matches!(&current, Some(Rating::Ticks(list)) if list.contains(&c.id));
                let id = format!("{name}-{}", c.id);
                let onchange = {
                    let (on_change, held, conditions, condition) =
                        (props.on_change.clone(), current.clone(), conditions.clone(), c.id.clone());
                    Callback::from(move |_: Event| {
                        on_change.emit(ratings::with_tick(held.as_ref(), &conditions, &condition, !on))
                    })
                };
                html! {
                    <div class={classes!("choice", on.then_some("checked"))}>
                        <input type="checkbox" id={id.clone()} checked={on} {onchange} />
                        <label for={id}><span class="choice-label">{ c.label.get(props.lang) }</span></label>
                    </div>
                }
            }) }
            { none_choice(&name, t.ticks_none, true, current.as_ref(), &props.on_change) }
            { na }
            </>
        },
        // Rated through its sub-items (the rate page shows them in place).
        Scale::Items { .. } => return Html::default(),
        Scale::Points { step } => {
            let on_input = {
                let on_change = props.on_change.clone();
                Callback::from(move |e: Event| {
                    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                    let value = input.value();
                    if value.trim().is_empty() {
                        on_change.emit(None);
                    } else if let Some(d) = parse_decimal(&value) {
                        on_change.emit(Some(Rating::Number(d)));
                    }
                })
            };
            let id = format!("{name}-points");
            let shown = match &current {
                Some(Rating::Number(n)) => n.canonical(),
                _ => String::new(),
            };
            html! {
                <>
                <div class="stepper">
                    <label for={id.clone()}>{ t.points_input }</label>
                    <input type="number" inputmode="decimal" min="0" max={ind.points.canonical()} step={step.canonical()} id={id} value={shown} onchange={on_input} />
                    <span class="hint">{ format!("0 – {}", ind.points.canonical()) }</span>
                </div>
                { na }
                </>
            }
        }
    };
    let clear = if current.is_some() {
        let on_change = props.on_change.clone();
        let first_key = match &ind.scale {
            Scale::Events { events, .. } => events.first().map(|e| e.id.to_string()),
            Scale::Ticks { conditions } => conditions.first().map(|c| c.id.to_string()),
            _ => None,
        }
        .unwrap_or_else(|| "count".into());
        let first =
            format!("input[name=\"{name}\"], [id=\"{name}-{first_key}\"], [id=\"{name}-points\"]");
        let onclick = Callback::from(move |e: MouseEvent| {
            on_change.emit(None);
            // The button goes away with the rating: focus returns to the control.
            crate::components::focus::refocus(&e, &first);
        });
        html! { <button type="button" class="link clear" {onclick}>{ t.clear_rating }</button> }
    } else {
        html! {}
    };
    html! { <div class="rating">{ body }{ clear }</div> }
}

/// "None of these" for counted events (`{}`) or ticks (`[]`): a checkbox, so that an item with
/// nothing counted or ticked is rated and differs from one not rated yet. Unchecking it leaves
/// the item unrated.
fn none_choice(
    name: &str,
    label: &'static str,
    ticks: bool,
    current: Option<&Rating>,
    on_change: &Callback<Option<Rating>>,
) -> Html {
    let on = ratings::is_none(current);
    let id = format!("{name}-none");
    let onchange = {
        let on_change = on_change.clone();
        Callback::from(move |_: Event| on_change.emit((!on).then(|| ratings::none(ticks))))
    };
    html! {
        <div class={classes!("choice", "none", on.then_some("checked"))}>
            <input type="checkbox" id={id.clone()} checked={on} {onchange} />
            <label for={id}><span class="choice-label">{ label }</span></label>
        </div>
    }
}

/// A change in points as people write it: "+1", "−0.5" (a true minus sign).
pub fn signed(s: Signed) -> String {
    let text = s.canonical();
    match text.strip_prefix('-') {
        Some(abs) => format!("−{abs}"),
        None if s.cents() > 0 => format!("+{text}"),
        None => text,
    }
}

/// What one event does, from the framework: "每次 −0.5 分", "1 次 −3 分;2 次 −5 分", "满 4 次不得分".
pub fn event_rule(ev: &CountedEvent, lang: Lang) -> String {
    let t = catalog(lang);
    let mut parts: Vec<String> = Vec::new();
    if let Some(per) = ev.per {
        parts.push((t.event_per)(&signed(per)));
    }
    parts.extend(
        ev.steps
            .iter()
            .map(|s| (t.event_step)(s.at, &signed(s.change))),
    );
    if let Some(c) = &ev.cutoff {
        parts.push(cutoff_rule(c, lang));
    }
    parts.join(if lang == Lang::En { "; " } else { ";" })
}

/// A cut-off in words: "满 4 次不得分" / "满 4 次得满分".
pub fn cutoff_rule(c: &Cutoff, lang: Lang) -> String {
    let t = catalog(lang);
    match c.score {
        CutoffScore::Zero => (t.cutoff_zero)(c.at),
        CutoffScore::Full => (t.cutoff_full)(c.at),
    }
}

/// A count (lapses of a deduction item, a deduction claim) with − and + buttons around a number
/// input, the buttons named after `item` for screen readers. `value` is `None` while nothing is
/// entered (− then enters 0); clearing the input gives `None`; typing something that is not a
/// whole number puts back what was there.
pub fn count_stepper(
    id: &str,
    label: Html,
    item: &str,
    hint: Html,
    lang: Lang,
    value: Option<u32>,
    on_change: Callback<Option<u32>>,
) -> Html {
    let t = catalog(lang);
    let count = value.unwrap_or(0);
    let set = |n: u32| {
        let on_change = on_change.clone();
        Callback::from(move |_| on_change.emit(Some(n)))
    };
    let shown = value.map(|n| n.to_string()).unwrap_or_default();
    let on_input = {
        let (on_change, shown) = (on_change.clone(), shown.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            match text.trim().parse::<u32>() {
                Ok(n) => on_change.emit(Some(n)),
                Err(_) if text.trim().is_empty() => on_change.emit(None),
                Err(_) => input.set_value(&shown),
            }
        })
    };
    html! {
        <div class="stepper">
            <label for={id.to_owned()}>{ label }</label>
            <button type="button" class="dec" aria-label={format!("{}:{item}", t.decrease)} onclick={set(count.saturating_sub(1))} disabled={value == Some(0)}>{ "−" }</button>
            <input type="number" inputmode="numeric" min="0" step="1" id={id.to_owned()} value={shown} placeholder="0" onchange={on_input} />
            <button type="button" class="inc" aria-label={format!("{}:{item}", t.increase)} onclick={set(count + 1)}>{ "+" }</button>
            <span class="hint">{ hint }</span>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_decimal;

    #[test]
    fn typed_numbers_parse_exactly_or_not_at_all() {
        assert_eq!(parse_decimal("3.5").map(|d| d.cents()), Some(350));
        assert_eq!(parse_decimal(" 4 ").map(|d| d.cents()), Some(400));
        assert_eq!(parse_decimal(".25").map(|d| d.cents()), Some(25));
        assert_eq!(parse_decimal("1.234"), None);
        assert_eq!(parse_decimal("-1"), None);
        assert_eq!(parse_decimal("1e3"), None);
        assert_eq!(parse_decimal(""), None);
    }
}
