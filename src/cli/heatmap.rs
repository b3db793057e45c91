//! The coverage table as a standalone SVG heat map: a row per outlet (or
//! section), a cell per period, darker for more articles, a period without
//! any article left blank and outlined, so that a gap is seen as a gap.

use std::fmt::Write as _;

use super::plot::{escape, FONTS};
use super::printer::bidi::is_rtl;
use fahras::research::coverage::Coverage;

/// Blues from few to many articles (ColorBrewer's sequential "Blues",
/// Brewer 2002, colorbrewer2.org).
const BLUES: [&str; 7] =
    ["#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"];

/// The SVG document of `coverage`, titled `title`.
pub(crate) fn svg(coverage: &Coverage, title: &str) -> String {
    let n = coverage.periods.len().max(1);
    let rows = coverage.rows.len();
    let label_w = 170.0;
    let cell_w = (1100.0 / n as f64).clamp(2.0, 24.0);
    let cell_h = 20.0;
    let top = 60.0;
    let width = label_w + cell_w * n as f64 + 250.0;
    let height = top + cell_h * rows as f64 + 90.0;
    let mut svg = String::with_capacity(32 * 1024);
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="{FONTS}" font-size="12">"#
    );
    let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        svg,
        r#"<text x="10" y="24" font-size="15" font-weight="bold">{}</text>"#,
        escape(title)
    );
    for (r, row) in coverage.rows.iter().enumerate() {
        let y = top + cell_h * r as f64;
        let (direction, anchor) =
            if is_rtl(&row.value) { ("rtl", "start") } else { ("ltr", "end") };
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="{anchor}" direction="{direction}" unicode-bidi="embed">{}</text>"#,
            label_w - 8.0,
            y + cell_h * 0.7,
            escape(&row.value)
        );
        let peak = row.articles.iter().copied().max().unwrap_or(0).max(1);
        for (k, &a) in row.articles.iter().enumerate() {
            let x = label_w + cell_w * k as f64;
            let period = escape(&coverage.periods[k]);
            let (fill, stroke, what) = if a == 0 {
                (
                    "white",
                    r##" stroke="#bbbbbb" stroke-width="0.5""##,
                    "no article: a gap".to_string(),
                )
            } else {
                let level = ((a as f64 / peak as f64) * BLUES.len() as f64).ceil() as usize;
                let plural = if a == 1 { "" } else { "s" };
                (BLUES[level.clamp(1, BLUES.len()) - 1], "", format!("{a} article{plural}"))
            };
            let _ = writeln!(
                svg,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{fill}"{stroke}><title>{} · {period}: {what}</title></rect>"#,
                cell_w,
                cell_h - 2.0,
                escape(&row.value)
            );
        }
        let span = match (&row.first, &row.last) {
            (Some(a), Some(b)) => format!("{a} .. {b}"),
            _ => "no date".to_string(),
        };
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="11">{} · {span}</text>"#,
            label_w + cell_w * n as f64 + 8.0,
            y + cell_h * 0.7,
            super::timeline::thousands(row.dated + row.undated)
        );
    }
    // Period labels under the table: about twenty, evenly spaced.
    let every = n.div_ceil(20).max(1);
    let base = top + cell_h * rows as f64;
    for (k, label) in coverage.periods.iter().enumerate().filter(|(k, _)| k % every == 0) {
        let x = label_w + cell_w * (k as f64 + 0.5);
        let _ = writeln!(
            svg,
            r#"<text transform="translate({x:.1} {:.1}) rotate(-40)" text-anchor="end" font-size="10">{}</text>"#,
            base + 12.0,
            escape(label)
        );
    }
    let _ = writeln!(
        svg,
        r##"<rect x="10" y="{:.1}" width="12" height="12" fill="white" stroke="#bbbbbb"/><text x="28" y="{:.1}">no article in the archive (a gap, not a zero); darker: more articles, within the row</text>"##,
        height - 22.0,
        height - 12.0
    );
    svg.push_str("</svg>\n");
    svg
}
