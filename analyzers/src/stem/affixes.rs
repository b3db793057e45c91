//! Affix tables and minimum-stem rules of the light stemmer.
//!
//! The starting point is light10 (Larkey, Ballesteros & Connell, "Light
//! Stemming for Arabic Information Retrieval", in *Arabic Computational
//! Morphology*, Springer 2007, §3.2): prefixes `ال وال بال كال فال لل` and
//! `و`; suffixes `ها ان ات ون ين يه ية ه ة ي`. Lucene's `ArabicStemmer`
//! implements the same lists. Fahras adds, with the reason for each:
//! - the conjunction + preposition + article chains `وبال فبال وكال فكال ولل
//!   فلل` (orthography attaches up to three proclitics; Ryding, *A Reference
//!   Grammar of Modern Standard Arabic*, 2005, §7.4);
//! - the attached pronouns `هما كما هم هن كم كن نا` (Ryding §12.2.2); light10
//!   only removes `ها` and `ه`;
//! - the dual `تان تين` (feminine dual, Ryding §7.3);
//! - teh restored before a pronoun: a teh marbuta is written `ت` when a
//!   pronoun is attached, Ryding §2.4.1, so removing the pronoun turns the
//!   exposed `ت` back into `ه` (`حكومتهم` → `حكومه` in that round), and the
//!   next round removes it as it does the ending of `حكومة`: both stem to
//!   `حكوم`;
//! - minimum stem lengths in letters (never bytes) and a list of names that
//!   end like a suffix (`فلسطين`, `لبنان`), which light stemming must not cut.
//!
//! All strings are in normalized form (after `ArabicNormalizer`): `ة` is
//! already `ه` and `ى` is `ي`.

/// A prefix and the fewest letters that must remain after removing it.
#[derive(Clone, Copy, Debug)]
pub(super) struct Affix {
    /// The affix text, normalized.
    pub(super) text: &'static str,
    /// The fewest letters the stem may keep after removing it.
    pub(super) min_stem_letters: usize,
}

pub(super) const fn affix(text: &'static str, min_stem_letters: usize) -> Affix {
    Affix { text, min_stem_letters }
}

/// Proclitic chains, longest first; at most one is removed per round.
///
/// The article leaves at least 2 letters (light10: `اليد` → `يد`); the bare
/// conjunction `و` leaves at least 3 (light10), since many stems begin with a
/// radical waw: `وقت` and `وصل` keep it. A longer word with a radical waw
/// still loses it (`وزير` → `زير`), a cost light10 accepts.
pub(super) const PREFIXES: &[Affix] = &[
    affix("وبال", 2),
    affix("فبال", 2),
    affix("وكال", 2),
    affix("فكال", 2),
    affix("وال", 2),
    affix("فال", 2),
    affix("بال", 2),
    affix("كال", 2),
    affix("ولل", 2),
    affix("فلل", 2),
    affix("ال", 2),
    affix("لل", 2),
    affix("و", 3),
];

/// One-letter conjunctions that may stand in front of a protected word
/// (which is never empty, so no minimum is needed).
pub(super) const CONJUNCTIONS: &[Affix] = &[affix("و", 0), affix("ف", 0)];

/// Attached pronouns, longest first. Removing one may expose a teh that was
/// a teh marbuta (see [`TEH_MARBUTA_MIN_LETTERS`]).
pub(super) const PRONOUN_SUFFIXES: &[Affix] = &[
    affix("هما", 3),
    affix("كما", 3),
    affix("هم", 3),
    affix("هن", 3),
    affix("ها", 3),
    affix("كم", 3),
    affix("كن", 3),
    affix("نا", 3),
];

/// Number, gender and nisba endings, longest first, and the alef of the
/// accusative tanween (`عاماً`, which is `عاما` once its tanween is
/// stripped, → `عام`; `تقدما` → `تقدم`), which light10 leaves in place
/// although news prose writes it on most indefinite objects and adverbs
/// (Ryding §4.1.2, "tanwiin fatHa").
///
/// `ان` leaves at least 4 letters: in a word of five it is more often the
/// word's own (`ميدان`, `السودان`, `ايران`, `رمضان`, and `المان`, left of
/// `الماني`, which would otherwise meet `الم`, pain) than a dual
/// (`شهران`).
///
/// Two-letter endings leave at least 3 letters: Arabic stems are built on
/// three radicals, so `بنات` and `فنون` are left whole (cutting them to `بن`
/// and `فن` would merge unrelated words). One-letter endings also leave 3.
pub(super) const INFLECTION_SUFFIXES: &[Affix] = &[
    affix("تان", 3),
    affix("تين", 3),
    affix("ات", 3),
    affix("ون", 3),
    affix("ين", 3),
    affix("ان", 4),
    affix("يه", 3),
    affix("ه", 3),
    affix("ي", 3),
    affix("ا", 3),
];

/// The one-letter endings of [`INFLECTION_SUFFIXES`], removed alone where
/// a longer ending would leave another word (`ولايه` → `ولاي`, not `ولا`).
pub(super) const LAST_LETTER_SUFFIXES: &[Affix] = &[affix("ه", 3), affix("ي", 3), affix("ا", 3)];

/// A stem of at least this many letters ending in `ت` (but not `ات`), left
/// by removing a pronoun, gets its teh marbuta back as `ه`: `مدرستهم` →
/// `مدرسه` in that round, then `مدرس` (the stem of `مدرسة` too) when the next
/// round removes the `ه`. Shorter stems keep a root teh: `بيتهم` → `بيت`,
/// `صوتها` → `صوت`.
pub(super) const TEH_MARBUTA_MIN_LETTERS: usize = 5;

/// Words that look affixed but are whole names or fixed words, in normalized
/// form after any proclitic is removed. They are not stemmed further: the
/// countries and regions ending in `ا` (which the accusative-alef rule would
/// cut) or in `ين`/`ان` (which the plural and dual rules would cut), and
/// `الله`.
/// Kept sorted, to spot duplicates.
pub(super) const PROTECTED: &[&str] = &[
    "اثيوبيا",
    "ارمينيا",
    "اريتريا",
    "اسبانيا",
    "استراليا",
    "اسرائيل",
    "اسكتلندا",
    "اسيا",
    "افريقيا",
    "افغانستان",
    "البانيا",
    "الله",
    "المانيا",
    "النمسا",
    "امريكا",
    "اندونيسيا",
    "انغولا",
    "اوروبا",
    "اوغندا",
    "اوكرانيا",
    "ايران",
    "ايرلندا",
    "ايطاليا",
    "باكستان",
    "بحرين",
    "برلين",
    "بريطانيا",
    "بلجيكا",
    "بلغاريا",
    "بوتين",
    "بولندا",
    "تركمانستان",
    "تركيا",
    "تنزانيا",
    "جورجيا",
    "رمضان",
    "رواندا",
    "روسيا",
    "رومانيا",
    "سلطان",
    "سلمان",
    "سودان",
    "سوريا",
    "سويسرا",
    "صربيا",
    "طهران",
    "عثمان",
    "عمران",
    "غانا",
    "فرنسا",
    "فلبين",
    "فلسطين",
    "فنزويلا",
    "فنلندا",
    "كرواتيا",
    "كندا",
    "كوبا",
    "كوريا",
    "كولومبيا",
    "كينيا",
    "لبنان",
    "ليبيا",
    "ماليزيا",
    "موريتانيا",
    "نيجيريا",
    "هولندا",
    "يابان",
    "يونان",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protected_list_is_sorted_and_unique() {
        let mut unique = PROTECTED.to_vec();
        unique.dedup();
        assert_eq!(unique.len(), PROTECTED.len());
        let mut sorted = PROTECTED.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, PROTECTED);
    }

    #[test]
    fn tables_are_longest_first() {
        for table in [PREFIXES, PRONOUN_SUFFIXES, INFLECTION_SUFFIXES] {
            for pair in table.windows(2) {
                let (a, b) = (pair[0].text.chars().count(), pair[1].text.chars().count());
                assert!(a >= b, "{} before {}", pair[0].text, pair[1].text);
            }
        }
    }
}
