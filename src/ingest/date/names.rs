//! Arabic month and weekday names as archives print them, and the folding
//! that lets one spelling of a name match its variants.
//!
//! The Gregorian months have two families of names: the Egyptian and Gulf
//! ones, borrowed from the Latin (`يناير`, `مارس`), and the Levantine and
//! Iraqi ones, from the Syriac (`كانون الثاني`, `آذار`); North African
//! outlets write the French (`جانفي`, `أفريل`) or, in Morocco, their own
//! (`غشت`, `دجنبر`). Each is listed once, folded (see [`fold`]).

/// Month names, folded, with their month number. Longer names come before
/// the names they start with, so that the first match is the whole name
/// (`تشرين الاول` before any `تشرين`).
const MONTHS: &[(&str, u8)] = &[
    // Egypt and the Gulf.
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    // The Levant and Iraq.
    ("كانون الثاني", 1),
    ("كانون ثاني", 1),
    ("شباط", 2),
    ("اذار", 3),
    ("نيسان", 4),
    ("ايار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("اب", 8),
    ("ايلول", 9),
    ("تشرين الاول", 10),
    ("تشرين اول", 10),
    ("تشرين الثاني", 11),
    ("تشرين ثاني", 11),
    ("كانون الاول", 12),
    ("كانون اول", 12),
    // Algeria and Tunisia (from the French), and Morocco.
    ("جانفي", 1),
    ("فيفري", 2),
    ("افريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويليه", 7),
    ("يوليوز", 7),
    ("اوت", 8),
    ("غشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
];

/// Weekday names, folded: an article's date may start with one.
const WEEKDAYS: &[&str] = &["الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"];

/// Folds a date as printed for matching: Arabic-Indic and Persian digits
/// → ASCII; alef with hamza or madda → ا; ى → ي; ة → ه; harakat and
/// tatweel dropped; any run of spaces → one space; trimmed.
pub(super) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        let c = match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            // Harakat (fathatan to sukun), superscript alef, tatweel.
            '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}' => continue,
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

/// The month named at the start of `text` (folded) and the text after the
/// name; the name must end at a word boundary.
pub(super) fn month_at(text: &str) -> Option<(u8, &str)> {
    MONTHS.iter().filter_map(|&(name, month)| Some((month, word_after(text, name)?))).next()
}

/// `text` (folded) after a weekday name and a comma or space after it
/// (`الخميس، `, `يوم الخميس `), or `text` itself when it starts with none.
pub(super) fn skip_weekday(text: &str) -> &str {
    let text = text.strip_prefix("يوم ").unwrap_or(text);
    for name in WEEKDAYS {
        if let Some(rest) = word_after(text, name) {
            let rest = rest.trim_start();
            let rest = rest.strip_prefix(['،', ',']).unwrap_or(rest);
            return rest.trim_start();
        }
    }
    text
}

/// `text` after `word` when it starts with it and the word ends there.
fn word_after<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(word)?;
    let boundary = rest.chars().next().is_none_or(|c| !c.is_alphabetic());
    boundary.then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_and_its_variants_find_their_month() {
        let cases = [
            ("مارس 2018", 3),
            ("أبريل", 4),
            ("إبريل", 4),
            ("ابريل", 4),
            ("يونيه", 6),
            ("يوليو", 7),
            ("أغسطس", 8),
            ("أكتوبر", 10),
            ("كانون الثاني 2018", 1),
            ("كانون الثانى", 1),
            ("آذار", 3),
            ("آب 2018", 8),
            ("أيلول", 9),
            ("تشرين الأول", 10),
            ("تشرين الثاني", 11),
            ("كانون الأول", 12),
            ("أفريل", 4),
            ("جويلية", 7),
        ];
        for (text, month) in cases {
            let folded = fold(text);
            assert_eq!(month_at(&folded).map(|m| m.0), Some(month), "{text}");
        }
        // A name must end where the word does: آب is not the start of أبريل.
        assert_eq!(month_at(&fold("أبريل")).map(|m| m.0), Some(4));
        assert_eq!(month_at("ابو"), None);
        assert_eq!(month_at(&fold("مارسيليا")), None);
        // Every month has a name in each of the two main families.
        for month in 1..=12 {
            assert!(MONTHS.iter().filter(|m| m.1 == month).count() >= 2, "{month}");
        }
    }

    #[test]
    fn folding_and_weekdays() {
        assert_eq!(fold(" ١٥  مارس\t٢٠١٨ "), "15 مارس 2018");
        assert_eq!(fold("آذار"), "اذار");
        assert_eq!(skip_weekday(&fold("الخميس، 15 مارس 2018")), "15 مارس 2018");
        assert_eq!(skip_weekday(&fold("يوم الجمعة 16 مارس 2018")), "16 مارس 2018");
        assert_eq!(skip_weekday(&fold("الأربعاء 14 مارس")), "14 مارس");
        assert_eq!(skip_weekday("15 مارس"), "15 مارس");
    }
}
