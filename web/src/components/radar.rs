//! The radar chart of the dimensions' attainment (D / M), drawn as SVG by the app, with a table
//! beside it that carries the same figures for screen readers and print.

use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct RadarRow {
    pub label: String,
    pub score: String,
    pub max: String,
    /// The engine's ratio as printed ("85.00"); absent when the dimension has no applicable item.
    pub ratio: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct RadarProps {
    pub rows: Vec<RadarRow>,
    pub title: AttrValue,
    pub headers: [AttrValue; 4],
    /// A second series (the previous period), drawn dashed.
    #[prop_or_default]
    pub previous: Option<Vec<Option<String>>>,
}

/// Radius of the outer ring, in SVG units.
const R: f64 = 100.0;

/// A point at `fraction` of the radius on axis `i` of `n` (the first axis points up). The trig
/// comes from the browser's `Math`, which keeps the WASM free of a second copy of libm.
fn point(i: usize, n: usize, fraction: f64) -> (i32, i32) {
    let angle = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
    let x = R * fraction * js_sys::Math::cos(angle);
    let y = R * fraction * js_sys::Math::sin(angle);
    (js_sys::Math::round(x) as i32, js_sys::Math::round(y) as i32)
}

fn polygon(n: usize, fraction: impl Fn(usize) -> f64) -> String {
    let mut out = String::new();
    for i in 0..n {
        let (x, y) = point(i, n, fraction(i));
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&format!("{x},{y}"));
    }
    out
}

/// A ratio as printed by the engine ("85.00") as a fraction of the radius (geometry only).
fn fraction(ratio: &Option<String>) -> f64 {
    let hundredths = ratio
        .as_deref()
        .map(|r| {
            r.chars().filter(char::is_ascii_digit).fold(0u32, |acc, c| {
                acc.saturating_mul(10).saturating_add(c as u32 - '0' as u32)
            })
        })
        .unwrap_or(0);
    f64::from(hundredths.min(10_000)) / 10_000.0
}

#[function_component]
pub fn Radar(props: &RadarProps) -> Html {
    let n = props.rows.len();
    let id = use_memo((), |_| {
        format!("radar-{}", js_sys::Math::random().to_bits())
    });
    if n < 3 {
        return table(props);
    }
    let rings = [0.2, 0.4, 0.6, 0.8, 1.0];
    // Long names (English) do not fit around the chart on a phone: number the axes instead, and
    // the table beside it names them.
    let numbered = numbered(props);
    let labels = props.rows.iter().enumerate().map(|(i, row)| {
        let text = if numbered { (i + 1).to_string() } else { row.label.clone() };
        let (x, y) = point(i, n, 1.18);
        let anchor = if x.abs() < 2 { "middle" } else if x > 0 { "start" } else { "end" };
        let dy = if y < -2 { "-0.2em" } else if y > 2 { "0.9em" } else { "0.35em" };
        html! { <text x={x.to_string()} y={y.to_string()} text-anchor={anchor} dy={dy} class="radar-label">{ text }</text> }
    });
    let title_id = format!("{}-title", id);
    html! {
        <figure class="radar">
            <svg viewBox="-205 -135 410 270" role="img" aria-labelledby={title_id.clone()}>
                <title id={title_id}>{ &props.title }</title>
                { for rings.iter().map(|f| html! { <polygon class="radar-ring" points={polygon(n, |_| *f)} /> }) }
                { for (0..n).map(|i| { let (x, y) = point(i, n, 1.0); html! { <line class="radar-axis" x1="0" y1="0" x2={x.to_string()} y2={y.to_string()} /> } }) }
                { match &props.previous {
                    Some(prev) => html! { <polygon class="radar-previous" points={polygon(n, |i| fraction(prev.get(i).unwrap_or(&None)))} /> },
                    None => html! {},
                } }
                <polygon class="radar-area" points={polygon(n, |i| props.rows.get(i).map(|r| fraction(&r.ratio)).unwrap_or(0.0))} />
                { for labels }
            </svg>
            { table(props) }
        </figure>
    }
}

fn numbered(props: &RadarProps) -> bool {
    props.rows.iter().any(|r| r.label.chars().count() > 8)
}

fn table(props: &RadarProps) -> Html {
    let [h_dim, h_score, h_max, h_ratio] = props.headers.clone();
    let numbered = numbered(props) && props.rows.len() >= 3;
    html! {
        <table class="figures radar-table">
            <caption class="sr-only">{ &props.title }</caption>
            <thead><tr><th scope="col">{ h_dim }</th><th scope="col">{ h_score }</th><th scope="col">{ h_max }</th><th scope="col">{ h_ratio }</th></tr></thead>
            <tbody>
                { for props.rows.iter().enumerate().map(|(i, r)| html! {
                    <tr><th scope="row">if numbered { <span class="axis">{ i + 1 }</span> }{ &r.label }</th><td class="num">{ &r.score }</td><td class="num">{ &r.max }</td>
                        <td class="num">{ r.ratio.as_ref().map(|x| format!("{x}%")).unwrap_or_else(|| "—".into()) }</td></tr>
                }) }
            </tbody>
        </table>
    }
}
