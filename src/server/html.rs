//! Text as HTML: every character of the archive escaped, and `<mark>`
//! around the matches, the only markup the server adds.

/// Appends `text` to `out` with `&`, `<`, `>`, `"` and `'` escaped, so it
/// is text wherever it lands in a page: an element or an attribute.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `text` escaped, with `<mark>…</mark>` around each `[start, end)`
/// character range of `highlights` (in order, not overlapping; a range
/// past the end is cut to it).
pub(crate) fn marked(text: &str, highlights: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len() + 16 * highlights.len());
    let mut marks = highlights.iter().peekable();
    let mut open = false;
    for (i, c) in text.chars().enumerate() {
        if open && marks.peek().is_some_and(|&&(_, end)| end == i) {
            out.push_str("</mark>");
            open = false;
            marks.next();
        }
        if !open && marks.peek().is_some_and(|&&(start, end)| start == i && end > start) {
            out.push_str("<mark>");
            open = true;
        }
        escape_into(&mut out, c.encode_utf8(&mut [0; 4]));
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_the_text_stays_text() {
        let title = r#"<img src=x onerror=alert(1)> & "quoted" 'single'"#;
        assert_eq!(
            marked(title, &[]),
            "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; &#39;single&#39;"
        );
    }

    #[test]
    fn marks_go_around_character_ranges() {
        // Characters, not bytes: Arabic letters are two bytes each.
        let text = "زار الدوحة <b>أمس</b>";
        let html = marked(text, &[(4, 10), (14, 17)]);
        assert_eq!(html, "زار <mark>الدوحة</mark> &lt;b&gt;<mark>أمس</mark>&lt;/b&gt;");
        // A mark running to the end is closed.
        assert_eq!(marked("قطر", &[(0, 3)]), "<mark>قطر</mark>");
        assert_eq!(marked("قطر", &[(1, 9)]), "ق<mark>طر</mark>");
    }
}
