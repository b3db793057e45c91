//! What a query was read as, where that differs from how it looked: the
//! notes of a search, a concordance, collocates or coverage.
//!
//! A [`Note`] is a value, not a sentence: each front end says it in its own
//! words and language. its [`Display`](std::fmt::Display) is the command line's English
//! (naming its flags, `--from`), [`Note::english`] the words of another
//! front end (the API's `from=`, Python's `date_from=`), and
//! [`Note::arabic`] the page's Arabic. In JSON a note is its command-line
//! sentence unless the front end says otherwise.

use std::fmt;

use serde::{Serialize, Serializer};

/// Most characters of a user's text repeated in a note.
const SHOWN_CHARS: usize = 60;

/// A front end, for the names it gives the query's options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Front {
    /// The `fahras` command (`--from`, `--to`).
    CommandLine,
    /// The HTTP API (`from=`, `to=`).
    Api,
    /// The Python package (`date_from=`, `date_to=`).
    Python,
}

impl Front {
    /// How this front end names the first and last date of a span.
    fn dates(self) -> (&'static str, &'static str) {
        match self {
            Front::CommandLine => ("--from", "--to"),
            Front::Api => ("from", "to"),
            Front::Python => ("date_from", "date_to"),
        }
    }
}

/// One thing in a query that was read otherwise than it looked, or that
/// the answer cannot show. Texts from the query are kept as the user wrote
/// them, without control characters and shortened to 60 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Note {
    /// `name:` before a word, where `name` is not a field: searched as
    /// words.
    NotAField {
        /// The text up to the colon, colon included.
        text: String,
    },
    /// `AND`/`OR` with nothing on one side: searched as a word.
    JoinsNothing {
        /// The word.
        word: String,
    },
    /// `(` never closed: what follows searched as words.
    UnclosedParenthesis,
    /// A word also searched in another spelling (a hamza's seat, a name
    /// outlets spell two ways, a slip): its articles are counted too.
    AlsoSearched {
        /// The word as typed.
        typed: String,
        /// The spelling also searched.
        searched: String,
    },
    /// `field:(` never closed: the group read to the end of the query.
    UnclosedFieldGroup {
        /// The field's name.
        field: String,
    },
    /// A quote never closed: searched as a phrase to the end.
    UnclosedQuote {
        /// The phrase.
        phrase: String,
    },
    /// `"…"~N` with N above the most a phrase may spread.
    SlopTooWide {
        /// The phrase.
        phrase: String,
        /// The spread asked for.
        slop: u32,
        /// The spread searched.
        max: u32,
    },
    /// `field:` with no value: ignored.
    NoValue {
        /// The field's name.
        field: String,
    },
    /// `date:[A TO B]` with B before A.
    EmptyDateSpan {
        /// The value as written.
        value: String,
    },
    /// A `date:` value that is not a date: ignored (an error when
    /// counting).
    NotADate {
        /// The value as written.
        value: String,
    },
    /// The span's first date comes after its last.
    DatesReversed,
    /// More words than a query searches: the first are searched.
    TooManyWords {
        /// The words searched.
        max: usize,
    },
    /// Only stop words: searched as exact words.
    StopWordsOnly,
    /// A quoted phrase among other words, searched as words.
    PhraseAmongWords,
    /// `word*` starting more words than are scored one by one.
    BroadPrefix {
        /// The prefix.
        word: String,
        /// The words scored one by one at most.
        max: usize,
    },
    /// A `source:`, `category:` filter whose value no article has.
    NoArticleHas {
        /// The field (`source`, `category`).
        field: &'static str,
        /// The value asked for.
        value: String,
    },
    /// A concordance or collocates of a query with no word to find in the
    /// articles' text.
    NoWordInText,
    /// Coverage counts the archive its filters select, not its words.
    CoverageIgnoresWords,
}

/// `text` as a note repeats it: control characters as spaces, trimmed, cut
/// to 60 characters with `…`.
pub fn shown(text: &str) -> String {
    let clean: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let clean = clean.trim();
    if clean.chars().count() <= SHOWN_CHARS {
        clean.to_string()
    } else {
        let cut: String = clean.chars().take(SHOWN_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

impl Note {
    /// The note in English, in the words of `front`.
    pub fn english(&self, front: Front) -> String {
        use Note::*;
        match self {
            NotAField { text } => format!("\"{text}\" is not a field; searched as words"),
            JoinsNothing { word } => format!("\"{word}\" joins nothing here; searched as a word"),
            UnclosedParenthesis => "\"(\" is never closed; searched as words".to_string(),
            UnclosedFieldGroup { field } => {
                format!("\"{field}:(\" is never closed; read to the end of the query")
            }
            AlsoSearched { typed, searched } => {
                format!("\"{typed}\" also searched as \"{searched}\"")
            }
            UnclosedQuote { phrase } => format!(
                "the quote before \"{phrase}\" is never closed; searched as a phrase to the end"
            ),
            SlopTooWide { phrase, slop, max } => {
                format!("\"{phrase}\"~{slop}: words at most {max} apart (~{max}) are searched")
            }
            NoValue { field } => format!("\"{field}:\" has no value; ignored"),
            EmptyDateSpan { value } => {
                format!("date:\"{value}\" is an empty span: no day lies between its ends")
            }
            NotADate { value } => format!("{}; ignored", not_a_date(value)),
            DatesReversed => {
                let (from, to) = front.dates();
                format!("{from} comes after {to}: no date is in that span")
            }
            TooManyWords { max } => {
                format!("the query has more than {max} words; the first {max} were searched")
            }
            StopWordsOnly => {
                "only common words (stop words) were given; searched as exact words".to_string()
            }
            PhraseAmongWords => "a quoted phrase among other words is searched as words; \
                                 +\"…\" requires the phrase"
                .to_string(),
            BroadPrefix { word, max } => format!(
                "{word}* starts more than {max} different words: its articles are found and \
                 every such word is marked, but they share one score for it"
            ),
            NoArticleHas { field, value } => format!("no article has {field} \"{value}\""),
            NoWordInText => "the query has no word to find in the articles' text (only \
                             exclusions or filters, words sought in titles only, or words no \
                             article holds): no line to show"
                .to_string(),
            CoverageIgnoresWords => "coverage counts the articles the query's filters and dates \
                                     admit; its words are not counted (a timeline counts them)"
                .to_string(),
        }
    }

    /// The note in Arabic, as the page shows it.
    pub fn arabic(&self) -> String {
        use Note::*;
        match self {
            NotAField { text } => format!("«{}» ليس اسم حقل، فبُحث عنه كلماتٍ", isolated(text)),
            JoinsNothing { word } => {
                format!("«{}» لا يصل هنا بين شيئين، فبُحث عنه كلمةً", isolated(word))
            }
            UnclosedParenthesis => "القوس «(» لم يُغلق، فبُحث عمّا بعده كلماتٍ".to_string(),
            UnclosedFieldGroup { field } => {
                format!(
                    "القوس بعد «{}» لم يُغلق، فقُرئ إلى آخر البحث",
                    isolated(&format!("{field}:"))
                )
            }
            AlsoSearched { typed, searched } => {
                format!("كُتب «{}»؛ بُحث معه عن «{}»", isolated(typed), isolated(searched))
            }
            UnclosedQuote { phrase } => {
                format!(
                    "علامة التنصيص قبل «{}» لم تُغلق، فبُحث عن العبارة إلى آخر الاستعلام",
                    isolated(phrase)
                )
            }
            SlopTooWide { phrase, slop, max } => format!(
                "{}: بُحث عن كلماتها وبين كل كلمتين {max} كلمات على الأكثر (~{max})",
                isolated(&format!("«{phrase}»~{slop}"))
            ),
            NoValue { field } => format!("«{}» بلا قيمة، فأُهمل", isolated(&format!("{field}:"))),
            EmptyDateSpan { value } => {
                format!("«{}» مدة فارغة: لا يقع بين طرفيها يوم", isolated(&format!("date:{value}")))
            }
            NotADate { value } => format!(
                "«{}» ليس تاريخًا (اكتب 2017 أو 2017-06 أو 2017-06-05 أو {} أو بالهجري 1439h أو \
                 1439-09h)، فأُهمل",
                isolated(value),
                isolated("[2017-01 TO 2018-06]")
            ),
            DatesReversed => "تاريخ البداية بعد تاريخ النهاية: لا يوم في هذه المدة".to_string(),
            TooManyWords { max } => {
                format!("في الاستعلام أكثر من {max} كلمة، فبُحث عن أول {max} منها")
            }
            StopWordsOnly => {
                "لم يُعطَ إلا كلمات شائعة (كلمات وقف)، فبُحث عنها بصيغتها كما كُتبت".to_string()
            }
            PhraseAmongWords => "العبارة المنصَّصة بين كلمات أخرى يُبحث عنها كلماتٍ؛ \
                                 و‎+\"…\"‎ يشترط العبارة كما هي"
                .to_string(),
            BroadPrefix { word, max } => format!(
                "{} يبدأ به أكثر من {max} كلمة مختلفة: وُجدت مقالاتها وعُلّمت كل كلمة منها، لكنها \
                 تتقاسم درجة واحدة",
                isolated(&format!("{word}*"))
            ),
            NoArticleHas { field, value } => {
                let what = match *field {
                    "source" => "مصدرها",
                    "category" => "تصنيفها",
                    _ => "قيمتها",
                };
                format!("لا مقالة {what} «{}»", isolated(value))
            }
            NoWordInText => "ليس في الاستعلام كلمة تُطلب في نصوص المقالات (استثناءات أو مرشّحات \
                             فقط، أو كلمات تُطلب في العناوين وحدها، أو كلمات لا تحويها مقالة): \
                             لا سطر يُعرض"
                .to_string(),
            CoverageIgnoresWords => "التغطية تعدّ المقالات التي تقبلها مرشّحات الاستعلام وتواريخه، \
                                     ولا تعدّ كلماته (الخط الزمني يعدّها)"
                .to_string(),
        }
    }
}

/// `text` between Unicode's first-strong isolate and its closing mark
/// (U+2068, U+2069): in a right-to-left sentence, a user's text in Latin
/// letters (`date:[2024-06 TO 2024-01]`) keeps its own order instead of
/// being reordered with the Arabic around it.
pub(crate) fn isolated(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// Why a `date:` value is not read, naming the forms that are.
pub(crate) fn not_a_date(value: &str) -> String {
    format!(
        "\"{value}\" is not a date (write 2017, 2017-06, 2017-06-05, [2017-01 TO 2018-06], or \
         Hijri 1439h, 1439-09h)"
    )
}

/// The command line's English.
impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english(Front::CommandLine))
    }
}

/// As its command-line sentence.
impl Serialize for Note {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Notes in the words of `front`.
pub fn render(notes: &[Note], front: Front) -> Vec<String> {
    notes.iter().map(|note| note.english(front)).collect()
}

/// Notes in Arabic.
pub fn arabic(notes: &[Note]) -> Vec<String> {
    notes.iter().map(Note::arabic).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_front_names_the_dates_in_its_own_words() {
        let note = Note::DatesReversed;
        assert_eq!(note.to_string(), "--from comes after --to: no date is in that span");
        assert_eq!(note.english(Front::Api), "from comes after to: no date is in that span");
        assert_eq!(
            note.english(Front::Python),
            "date_from comes after date_to: no date is in that span"
        );
        assert!(note.arabic().starts_with("تاريخ البداية"));
        assert_eq!(
            serde_json::to_string(&[note]).unwrap(),
            "[\"--from comes after --to: no date is in that span\"]"
        );
    }

    #[test]
    fn a_users_text_is_shown_clean_and_short() {
        assert_eq!(shown(" قطر\u{1b}[31m "), "قطر [31m");
        let long = "كلمة ".repeat(20);
        let cut = shown(&long);
        assert_eq!(cut.chars().count(), SHOWN_CHARS);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn every_note_has_arabic_words() {
        let notes = [
            Note::NotAField { text: "ترامب:".into() },
            Note::JoinsNothing { word: "OR".into() },
            Note::UnclosedParenthesis,
            Note::UnclosedFieldGroup { field: "title".into() },
            Note::AlsoSearched { typed: "ترامب".into(), searched: "ترمب".into() },
            Note::UnclosedQuote { phrase: "الأمر التنفيذي".into() },
            Note::SlopTooWide { phrase: "قطر السعودية".into(), slop: 50, max: 20 },
            Note::NoValue { field: "source".into() },
            Note::EmptyDateSpan { value: "[2018-06 TO 2018-01]".into() },
            Note::NotADate { value: "أمس".into() },
            Note::DatesReversed,
            Note::TooManyWords { max: 100 },
            Note::StopWordsOnly,
            Note::PhraseAmongWords,
            Note::BroadPrefix { word: "ال".into(), max: 1000 },
            Note::NoArticleHas { field: "source", value: "x".into() },
            Note::NoWordInText,
            Note::CoverageIgnoresWords,
        ];
        for note in &notes {
            let arabic = note.arabic();
            assert!(arabic.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)), "{note:?}");
            assert_ne!(arabic, note.to_string());
            // The user's text is isolated from the Arabic around it.
            let quotes_the_query = !matches!(
                note,
                Note::UnclosedParenthesis
                    | Note::DatesReversed
                    | Note::TooManyWords { .. }
                    | Note::StopWordsOnly
                    | Note::PhraseAmongWords
                    | Note::NoWordInText
                    | Note::CoverageIgnoresWords
            );
            if quotes_the_query {
                assert!(arabic.contains('\u{2068}') && arabic.contains('\u{2069}'), "{note:?}");
            }
        }
    }
}
