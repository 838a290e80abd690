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

const R: f64 = 100.0;

fn point(i: usize, n: usize, fraction: f64) -> (f64, f64) {
    let angle = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
    (R * fraction * angle.cos(), R * fraction * angle.sin())
}

fn polygon(n: usize, fraction: impl Fn(usize) -> f64) -> String {
    (0..n)
        .map(|i| {
            let (x, y) = point(i, n, fraction(i));
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A ratio string as a fraction of the radius (geometry only; the figures shown are the engine's).
fn fraction(ratio: &Option<String>) -> f64 {
    ratio
        .as_deref()
        .and_then(|r| r.parse::<f64>().ok())
        .unwrap_or(0.0)
        .clamp(0.0, 100.0)
        / 100.0
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
    let labels = props.rows.iter().enumerate().map(|(i, row)| {
        let (x, y) = point(i, n, 1.18);
        let anchor = if x.abs() < 1.0 { "middle" } else if x > 0.0 { "start" } else { "end" };
        let dy = if y < -1.0 { "-0.2em" } else if y > 1.0 { "0.9em" } else { "0.35em" };
        html! { <text x={format!("{x:.1}")} y={format!("{y:.1}")} text-anchor={anchor} dy={dy} class="radar-label">{ &row.label }</text> }
    });
    let title_id = format!("{}-title", id);
    html! {
        <figure class="radar">
            <svg viewBox="-190 -135 380 270" role="img" aria-labelledby={title_id.clone()}>
                <title id={title_id}>{ &props.title }</title>
                { for rings.iter().map(|f| html! { <polygon class="radar-ring" points={polygon(n, |_| *f)} /> }) }
                { for (0..n).map(|i| { let (x, y) = point(i, n, 1.0); html! { <line class="radar-axis" x1="0" y1="0" x2={format!("{x:.1}")} y2={format!("{y:.1}")} /> } }) }
                { match &props.previous {
                    Some(prev) => html! { <polygon class="radar-previous" points={polygon(n, |i| fraction(prev.get(i).unwrap_or(&None)))} /> },
                    None => html! {},
                } }
                <polygon class="radar-area" points={polygon(n, |i| fraction(&props.rows[i].ratio))} />
                { for labels }
            </svg>
            { table(props) }
        </figure>
    }
}

fn table(props: &RadarProps) -> Html {
    let [h_dim, h_score, h_max, h_ratio] = props.headers.clone();
    html! {
        <table class="figures radar-table">
            <caption class="sr-only">{ &props.title }</caption>
            <thead><tr><th scope="col">{ h_dim }</th><th scope="col">{ h_score }</th><th scope="col">{ h_max }</th><th scope="col">{ h_ratio }</th></tr></thead>
            <tbody>
                { for props.rows.iter().map(|r| html! {
                    <tr><th scope="row">{ &r.label }</th><td class="num">{ &r.score }</td><td class="num">{ &r.max }</td>
                        <td class="num">{ r.ratio.as_ref().map(|x| format!("{x}%")).unwrap_or_else(|| "—".into()) }</td></tr>
                }) }
            </tbody>
        </table>
    }
}
