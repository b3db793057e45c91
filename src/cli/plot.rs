//! A line chart as a standalone SVG file: one line per series over a row
//! of periods, axes labelled, a legend.
//!
//! Text is SVG `<text>`, which browsers and SVG viewers shape and order as
//! any text: Arabic series names come out joined and right to left (the
//! legend's labels are `direction="rtl"` when most of their letters are
//! right-to-left). Every piece of archive text is XML-escaped.

use std::fmt::Write as _;

use super::printer::bidi::is_rtl;

/// One line of the chart.
pub(crate) struct Series {
    /// Its name in the legend.
    pub name: String,
    /// One value per period: `None` breaks the line (a gap in the archive,
    /// or a thin period).
    pub values: Vec<Option<f64>>,
    /// Periods with too few articles to show a value: drawn as hollow
    /// circles on the axis, told apart from gaps.
    pub thin: Vec<bool>,
}

/// What the chart's marks mean, for its key.
pub(crate) struct Key {
    /// What a thin period is, for the key (`fewer than 30 articles in the
    /// archive: no share`).
    pub thin: String,
}

/// Colours distinguishable by most readers (Okabe & Ito 2008, "Color
/// Universal Design"), then greys.
const COLOURS: [&str; 8] =
    ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999999"];

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 500.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 50.0;
const BOTTOM: f64 = 90.0;
/// Fonts for Arabic first, then common ones.
pub(crate) const FONTS: &str =
    "'Noto Naskh Arabic', 'Noto Sans Arabic', 'DejaVu Sans', 'Segoe UI', Tahoma, Arial, sans-serif";

/// The SVG document of `series` over `periods`, titled `title`, the y axis
/// named `y_label`.
///
/// A period where a series has no value breaks its line; where no series
/// has one and none is thin (the archive has no article), a grey band
/// marks the gap, so that it is not read as a fall to zero.
pub(crate) fn line_chart(
    title: &str,
    y_label: &str,
    periods: &[String],
    series: &[Series],
    key: &Key,
) -> String {
    let mut svg = String::with_capacity(16 * 1024);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let peak = series.iter().flat_map(|s| s.values.iter().flatten().copied()).fold(0.0, f64::max);
    let (step, top) = nice_axis(peak);
    let n = periods.len().max(1);
    let x = |i: usize| {
        if n == 1 {
            LEFT + plot_w / 2.0
        } else {
            LEFT + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| TOP + plot_h - plot_h * v / top;
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONTS}" font-size="13">"#
    );
    let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        svg,
        r#"<text x="{}" y="28" text-anchor="middle" font-size="16" font-weight="bold">{}</text>"#,
        WIDTH / 2.0,
        escape(title)
    );
    // Horizontal grid lines and the y axis's numbers.
    let mut v = 0.0;
    while v <= top + step / 2.0 {
        let _ = writeln!(
            svg,
            r##"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#e4e4e4"/><text x="{}" y="{:.1}" text-anchor="end">{}</text>"##,
            WIDTH - RIGHT,
            LEFT - 8.0,
            y(v) + 4.0,
            number(v),
            y = y(v),
        );
        v += step;
    }
    let _ = writeln!(
        svg,
        r#"<text transform="translate(18 {}) rotate(-90)" text-anchor="middle">{}</text>"#,
        TOP + plot_h / 2.0,
        escape(y_label)
    );
    // Gaps: periods where no series has a value and none is thin.
    let half = if n == 1 { plot_w / 2.0 } else { plot_w / (n - 1) as f64 / 2.0 };
    let is_gap = |i: usize| {
        !series.is_empty()
            && series.iter().all(|s| s.values.get(i).is_some_and(Option::is_none))
            && !series.iter().any(|s| s.thin.get(i).copied().unwrap_or(false))
    };
    let mut gaps = 0;
    let mut i = 0;
    while i < n.min(periods.len()) {
        if !is_gap(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < periods.len() && is_gap(i) {
            i += 1;
        }
        gaps += 1;
        let x0 = (x(start) - half).max(LEFT);
        let x1 = (x(i - 1) + half).min(WIDTH - RIGHT);
        let what = if i - start == 1 {
            escape(&periods[start])
        } else {
            format!("{} – {}", escape(&periods[start]), escape(&periods[i - 1]))
        };
        let _ = writeln!(
            svg,
            r##"<rect x="{x0:.1}" y="{TOP}" width="{:.1}" height="{plot_h}" fill="#d9d9d9" fill-opacity="0.6"><title>{what}: no article in the archive (a gap, not a zero)</title></rect>"##,
            (x1 - x0).max(1.0),
        );
    }
    // The x axis: at most about 16 labels, evenly spaced.
    let every = n.div_ceil(16).max(1);
    let _ = writeln!(
        svg,
        r##"<line x1="{LEFT}" x2="{}" y1="{b}" y2="{b}" stroke="#444"/>"##,
        WIDTH - RIGHT,
        b = TOP + plot_h
    );
    for (i, label) in periods.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let _ = writeln!(
            svg,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{b}" y2="{}" stroke="#444"/><text transform="translate({x:.1} {}) rotate(-40)" text-anchor="end" font-size="11">{}</text>"##,
            TOP + plot_h + 5.0,
            TOP + plot_h + 16.0,
            escape(label),
            x = x(i),
            b = TOP + plot_h,
        );
    }
    for (k, s) in series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        // One polyline per unbroken run of values.
        let mut run = String::new();
        let flush = |run: &mut String, svg: &mut String| {
            if !run.is_empty() {
                let _ = writeln!(
                    svg,
                    r#"<polyline fill="none" stroke="{colour}" stroke-width="2" stroke-linejoin="round" points="{}"/>"#,
                    run.trim_end()
                );
                run.clear();
            }
        };
        for (i, v) in s.values.iter().enumerate() {
            match v {
                Some(v) => {
                    let _ = write!(run, "{:.1},{:.1} ", x(i), y(*v));
                }
                None => flush(&mut run, &mut svg),
            }
        }
        flush(&mut run, &mut svg);
        for (i, v) in s.values.iter().enumerate() {
            let thin = s.thin.get(i).copied().unwrap_or(false);
            match v {
                // A lone value between breaks has no line: a dot shows it.
                Some(v)
                    if n <= 60
                        || (i == 0 || s.values[i - 1].is_none())
                            && s.values.get(i + 1).is_none_or(Option::is_none) =>
                {
                    let _ = writeln!(
                        svg,
                        r#"<circle cx="{:.1}" cy="{:.1}" r="2.5" fill="{colour}"><title>{}: {}</title></circle>"#,
                        x(i),
                        y(*v),
                        escape(&periods[i]),
                        number(*v)
                    );
                }
                None if thin => {
                    let _ = writeln!(
                        svg,
                        r#"<circle cx="{:.1}" cy="{:.1}" r="4" fill="white" stroke="{colour}" stroke-width="1.5"><title>{}: {}</title></circle>"#,
                        x(i),
                        TOP + plot_h,
                        escape(&periods[i]),
                        escape(&key.thin)
                    );
                }
                _ => {}
            }
        }
    }
    // The legend, top right inside the plot, one row per series.
    for (k, s) in series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let row = TOP + 14.0 + 20.0 * k as f64;
        let right = WIDTH - RIGHT - 10.0;
        // The text's end sits by its colour line: the anchor named in the
        // text's own direction (`start` of a right-to-left text is its
        // right end).
        let (direction, anchor) = if is_rtl(&s.name) { ("rtl", "start") } else { ("ltr", "end") };
        let _ = writeln!(
            svg,
            r#"<line x1="{}" x2="{right}" y1="{row}" y2="{row}" stroke="{colour}" stroke-width="3"/><text x="{}" y="{}" text-anchor="{anchor}" direction="{direction}" unicode-bidi="embed">{}</text>"#,
            right - 24.0,
            right - 30.0,
            row + 4.0,
            escape(&s.name)
        );
    }
    // The key to the marks, under the plot.
    // The key to the marks, under the plot.
    let mut marks: Vec<(Mark, &str)> = Vec::new();
    if gaps > 0 {
        marks.push((gap_mark, "no article in the archive: a gap, not a zero"));
    }
    if series.iter().any(|s| s.thin.iter().any(|&t| t)) {
        marks.push((thin_mark, &key.thin));
    }
    let row = HEIGHT - 8.0;
    for (k, (mark, text)) in marks.into_iter().enumerate() {
        let left = LEFT + 10.0 + 330.0 * k as f64;
        let _ = writeln!(
            svg,
            r#"{}<text x="{:.1}" y="{row:.1}" font-size="12">{}</text>"#,
            mark(left, row),
            left + 20.0,
            escape(text)
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// A mark of the chart's key, drawn at `left` on the line `row`.
type Mark = fn(f64, f64) -> String;

/// The key's mark of a gap, at `left` on the line `row`.
fn gap_mark(left: f64, row: f64) -> String {
    format!(r##"<rect x="{left:.1}" y="{:.1}" width="14" height="10" fill="#d9d9d9"/>"##, row - 9.0)
}

/// The key's mark of a thin period: a hollow circle.
fn thin_mark(left: f64, row: f64) -> String {
    format!(
        r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="white" stroke="#444" stroke-width="1.5"/>"##,
        left + 7.0,
        row - 4.0
    )
}

/// A step of 1, 2 or 5 times a power of ten giving about five grid lines up
/// to at least `peak`, and the axis's top.
fn nice_axis(peak: f64) -> (f64, f64) {
    if peak <= 0.0 || !peak.is_finite() {
        return (1.0, 1.0);
    }
    let rough = peak / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step =
        [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * power).find(|s| *s >= rough).unwrap_or(power);
    (step, (peak / step).ceil() * step)
}

/// A value as the axis shows it: whole numbers plain, others with two
/// decimals at most.
fn number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round())
    } else {
        let text = format!("{v:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// `text` safe inside an XML element or attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_take_round_steps() {
        assert_eq!(nice_axis(87.0), (20.0, 100.0));
        assert_eq!(nice_axis(4.0), (1.0, 4.0));
        assert_eq!(nice_axis(0.0), (1.0, 1.0));
        assert_eq!(nice_axis(1234.0), (500.0, 1500.0));
    }

    #[test]
    fn archive_text_is_escaped() {
        let svg = line_chart(
            "<script>alert(1)</script>",
            "n",
            &["2018".to_string()],
            &[Series {
                name: "قطر & \"x\"".to_string(),
                values: vec![Some(3.0)],
                thin: vec![false],
            }],
            &Key { thin: String::new() },
        );
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("قطر &amp; &quot;x&quot;"));
        assert!(svg.contains(r#"direction="rtl""#));
    }

    #[test]
    fn a_gap_breaks_the_line_and_is_shaded_and_a_thin_period_is_hollow() {
        let periods: Vec<String> = (1..=5).map(|m| format!("2018-0{m}")).collect();
        let svg = line_chart(
            "t",
            "n",
            &periods,
            &[Series {
                name: "a".to_string(),
                values: vec![Some(1.0), Some(2.0), None, None, Some(4.0)],
                thin: vec![false, false, false, true, false],
            }],
            &Key { thin: "too few".to_string() },
        );
        // Two runs: 2018-01..02 as a line, 2018-05 alone as a dot.
        assert_eq!(svg.matches("<polyline").count(), 2, "{svg}");
        assert_eq!(svg.matches("no article in the archive (a gap").count(), 1, "{svg}");
        assert!(svg.contains("2018-03: no article in the archive"), "{svg}");
        assert!(svg.contains(r##"fill="white" stroke="#0072B2""##), "{svg}");
        assert!(svg.contains("2018-04: too few"), "{svg}");
    }
}
