//! Query text and archive text are data: any query is an answer or a clear
//! error in every command (never a panic), and no archive text reaches a
//! terminal as control.

use fahras::research::chart::ChartRequest;
use fahras::research::collocates::CollocateOptions;
use fahras::research::facets::Facet;
use fahras::research::kwic::KwicOptions;
use fahras::research::timeline::Period;
use fahras::searcher::{Engine, SearchRequest};

use crate::util::{fahras, IndexDir};

/// Runs `query` through the library call of every command that takes a
/// query; an `Err` is allowed (a clear error), a panic is not.
fn every_command(engine: &Engine, query: &str) -> Vec<String> {
    let request = SearchRequest { limit: 5, snippet_chars: 60, ..SearchRequest::new(query) };
    let mut errors = Vec::new();
    let mut note = |what: &str, result: fahras::error::Result<()>| {
        if let Err(e) = result {
            errors.push(format!("{what}: {e}"));
        }
    };
    note("search", engine.search(&request).map(|_| ()));
    note("count", fahras::research::facets(engine, &request, &[]).map(|_| ()));
    note(
        "facets",
        fahras::research::facets(engine, &request, &[Facet::Source, Facet::Year]).map(|_| ()),
    );
    note("timeline", fahras::research::timeline(engine, &request, Period::Month).map(|_| ()));
    note(
        "timeline --split",
        fahras::research::timeline::timeline_split(engine, &request, Period::Year, Facet::Source)
            .map(|_| ()),
    );
    let chart = ChartRequest {
        queries: vec![query.to_string()],
        options: request.options.clone(),
        period: Period::Month,
        calendar: fahras::calendar::Calendar::Hijri,
        share: true,
        split: Some(Facet::Source),
        stories: true,
        min_articles: fahras::research::chart::MIN_ARTICLES,
    };
    note("timeline --share", fahras::research::chart(engine, &chart).map(|_| ()));
    let coverage = fahras::research::coverage::CoverageRequest {
        query: query.to_string(),
        options: request.options.clone(),
        period: Period::Week,
        calendar: fahras::calendar::Calendar::Hijri,
        split: Some(Facet::Category),
    };
    note("coverage", fahras::research::coverage(engine, &coverage).map(|_| ()));
    note("kwic", fahras::research::kwic(engine, &request, &KwicOptions::default()).map(|_| ()));
    note(
        "collocates",
        fahras::research::collocates(engine, &request, &CollocateOptions::default()).map(|_| ()),
    );
    note(
        "export",
        fahras::research::export::for_each_match(engine, &request, |_, _, _| Ok(())).map(|_| ()),
    );
    note("show", engine.get_marked("fx-001", &request).map(|_| ()));
    errors
}

// See issue 29, item 2: `date:[* TO *]` panicked in every command.
#[test]
fn an_open_date_range_means_has_a_date_in_every_command() {
    let dir = IndexDir::new();
    let undated = dir.tmp.path().join("undated.jsonl");
    std::fs::write(
        &undated,
        "{\"id\":\"u1\",\"title\":\"بلا تاريخ\",\"body\":\"خبر عن قطر بلا تاريخ\"}\n\
         {\"id\":\"u2\",\"title\":\"\",\"body\":\"خبر آخر بلا تاريخ\"}\n",
    )
    .unwrap();
    dir.index(&[crate::util::sample().to_str().unwrap(), undated.to_str().unwrap()]);
    let engine = Engine::open(dir.path()).unwrap();
    for query in ["date:[* TO *]", "date:{* TO *}", "-date:[* TO *]", "قطر date:[* TO *]"] {
        let errors = every_command(&engine, query);
        assert!(errors.is_empty(), "{query}: {errors:?}");
    }
    let all = dir.count("*");
    let dated = dir.count("date:[* TO *]");
    let undated = dir.count("* -date:[* TO *]");
    assert_eq!(dated, 50, "the sample's articles are dated, the two others not");
    assert_eq!(undated, 2);
    assert_eq!(dated + undated, all, "dated {dated} + undated {undated} = all {all}");
    // The same count as a range wider than the archive.
    assert_eq!(dated, dir.count("date:[1900 TO 2100]"));
}

/// Pieces of the query language, whole filters with odd values among them,
/// combined at random with arbitrary text.
fn query_strategy() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        Just("date:[* TO *]".to_string()),
        Just("date:{* TO *}".to_string()),
        Just("-date:[* TO *]".to_string()),
        Just("date:[2017 TO *}".to_string()),
        Just("date:{* TO 2017-06]".to_string()),
        Just("date:[2018 TO 2017]".to_string()),
        Just("date:2017-13".to_string()),
        Just("date:[3000 TO 9999]".to_string()),
        Just("source:(a OR b)".to_string()),
        Just("-source:x".to_string()),
        Just("id:".to_string()),
        Just("\"مجلس التعاون\"".to_string()),
        Just("قطر".to_string()),
        Just("ال*".to_string()),
        Just("=قطر~2".to_string()),
        Just("OR".to_string()),
        Just("-".to_string()),
        Just("(".to_string()),
        Just("]".to_string()),
        "[a-z:*\\[\\]{}()\"=~^+\\- ]{0,12}",
        any::<String>(),
        ("(date|source|category|id|title|body)", any::<String>())
            .prop_map(|(f, v)| format!("{f}:{v}")),
        ("[\\[{]", "\\PC{0,12}", "\\PC{0,12}", "[\\]}]")
            .prop_map(|(a, b, c, d)| format!("date:{a}{b} TO {c}{d}")),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|pieces| pieces.join(" "))
}

/// Any string, and any mix of the syntax, runs through every command's
/// library call without a panic.
#[test]
fn any_query_runs_through_every_command() {
    let dir = IndexDir::with_sample();
    let engine = Engine::open(dir.path()).unwrap();
    let config = proptest::prelude::ProptestConfig::with_cases(150);
    proptest::proptest!(config, |(query in query_strategy())| {
        // Errors are allowed (a clear message); a panic fails the test.
        let _ = every_command(&engine, &query);
    });
}

// See issue 29, item 12: `kwic`, `timeline` and `collocates` read a query
// starting with `-` as a flag.
#[test]
fn a_query_starting_with_a_minus_is_a_query_in_every_command() {
    let dir = IndexDir::with_sample();
    let index = dir.arg();
    for command in ["search", "kwic", "timeline", "collocates", "facets", "export"] {
        let run = fahras(&[command, "--index", &index, "-قطر"]);
        assert!(
            matches!(run.code, 0 | 1),
            "{command} -قطر: exit {} stderr {}",
            run.code,
            run.stderr
        );
        assert!(!run.stderr.contains("unexpected argument"), "{command}: {}", run.stderr);
    }
}

/// Control sequences an article may carry: clear screen, retitle the
/// window, a hyperlink, backspace and carriage return overwriting, C1 CSI.
const HOSTILE: &str =
    "\u{1b}[2J\u{1b}]0;pwned\u{7}\u{1b}]8;;http://evil.example\u{1b}\\link\u{1b}]8;;\u{1b}\\\u{8}\u{8}\r\u{9b}31m\u{202e}txet";

/// An index of the sample plus an article whose title, body, source and
/// category hold [`HOSTILE`] around Arabic words.
fn hostile_archive(dir: &IndexDir) {
    let record = serde_json::json!({
        "id": "evil-1",
        "title": format!("قطر {HOSTILE} عنوان"),
        "body": format!("خبر عن قطر {HOSTILE} والدوحة. ثم قطر مرة أخرى {HOSTILE} في النص."),
        "date": "2018-03-01",
        "source": format!("src{HOSTILE}"),
        "category": format!("cat{HOSTILE}"),
    });
    let input = dir.tmp.path().join("evil.jsonl");
    std::fs::write(&input, format!("{record}\n")).unwrap();
    dir.index(&[crate::util::sample().to_str().unwrap(), input.to_str().unwrap()]);
}

/// What `fahras ARGS` writes to a pseudo-terminal (util-linux `script`),
/// or None when `script` is missing.
fn on_a_terminal(args: &[&str], color: bool) -> Option<Vec<u8>> {
    let quote = |a: &str| format!("'{}'", a.replace('\'', r"'\''"));
    let mut line = quote(env!("CARGO_BIN_EXE_fahras"));
    for arg in args {
        line.push(' ');
        line.push_str(&quote(arg));
    }
    let mut command = std::process::Command::new("script");
    command.args(["-q", "-e", "-c", &line, "/dev/null"]).env("TERM", "xterm").env("COLUMNS", "100");
    if color {
        command.env_remove("NO_COLOR");
    } else {
        command.env("NO_COLOR", "1");
    }
    match command.stdin(std::process::Stdio::null()).output() {
        Ok(out) => Some(out.stdout),
        Err(_) => {
            eprintln!("skipped: util-linux `script` is needed to run fahras on a pseudo-terminal");
            None
        }
    }
}

/// Every escape sequence in `out` is one of the printer's own colours
/// (`ESC [ digits/semicolons m`), no other control byte is there, and a
/// carriage return only comes before a line feed (the terminal's own).
fn only_own_colours(out: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(out);
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let context = || text[at.saturating_sub(40)..].chars().take(60).collect::<String>();
        match c {
            '\u{1b}' => {
                if chars.next().map(|(_, c)| c) != Some('[') {
                    return Err(format!("an escape that is not a colour at {at}: {:?}", context()));
                }
                loop {
                    match chars.next().map(|(_, c)| c) {
                        Some('0'..='9' | ';') => {}
                        Some('m') => break,
                        _ => {
                            return Err(format!("an escape that is not a colour: {:?}", context()))
                        }
                    }
                }
            }
            '\r' if chars.peek().map(|&(_, c)| c) == Some('\n') => {}
            c if c.is_control() && c != '\n' && c != '\t' => {
                return Err(format!("control {:?} at {at}: {:?}", c, context()));
            }
            _ => {}
        }
    }
    Ok(())
}

// See issue 29, item 3: archive text drove the terminal.
#[test]
fn archive_text_never_reaches_a_terminal_as_control() {
    let dir = IndexDir::new();
    hostile_archive(&dir);
    let index = dir.arg();
    let commands: Vec<Vec<&str>> = vec![
        vec!["search", "--index", &index, "قطر"],
        vec!["search", "--index", &index, "--bidi", "visual", "قطر"],
        vec!["show", "--index", &index, "evil-1"],
        vec!["show", "--index", &index, "--bidi", "visual", "evil-1"],
        vec!["kwic", "--index", &index, "قطر"],
        vec!["kwic", "--index", &index, "--bidi", "visual", "قطر"],
        vec!["collocates", "--index", &index, "--min-freq", "1", "قطر"],
        vec!["facets", "--index", &index, "قطر"],
        vec!["timeline", "--index", &index, "--split", "source", "قطر"],
        vec!["stats", "--index", &index],
        vec!["dups", "--index", &index, "--min-size", "1", "-n", "100"],
        vec!["search", "--index", &index, "source:\u{1b}[2J"],
    ];
    for args in &commands {
        for color in [false, true] {
            let Some(out) = on_a_terminal(args, color) else { return };
            if let Err(problem) = only_own_colours(&out) {
                panic!("{args:?} (colour {color}): {problem}");
            }
            if !color {
                assert!(!out.contains(&0x1b), "{args:?}: an ESC byte without colours");
            }
            // A right-to-left override would draw what follows backwards.
            let text = String::from_utf8_lossy(&out);
            assert!(!text.contains('\u{202e}'), "{args:?}: an RLO reached the terminal");
        }
    }
    // The terminal shows the escapes as text, left to right even in
    // right-to-left lines drawn by fahras itself (--bidi visual).
    for bidi in ["logical", "visual"] {
        let shown = on_a_terminal(&["show", "--index", &index, "--bidi", bidi, "evil-1"], false);
        // Isolates (U+2066, U+2069) are drawn as nothing.
        let shown = String::from_utf8_lossy(&shown.unwrap()).replace(['\u{2066}', '\u{2069}'], "");
        assert!(shown.contains("\\x1b") && shown.contains("\\u{202e}"), "{bidi}: {shown}");
    }
    // --json keeps the text exact.
    let run = fahras(&["show", "--index", &index, "--json", "evil-1"]);
    let article: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(article["title"], format!("قطر {HOSTILE} عنوان"));
    assert_eq!(article["source"], format!("src{HOSTILE}"));
}

// From the trial of issue 29: a phrase of one word repeated, with a huge
// slop, took the server to 24 GB. The slop is capped, with a note.
#[test]
fn a_sloppy_phrase_of_repeated_words_is_capped_and_said() {
    let dir = IndexDir::with_sample();
    let engine = Engine::open(dir.path()).unwrap();
    let phrase = format!("\"{}\"~99999", ["قطر"; 14].join(" "));
    let results = engine.search(&SearchRequest::new(phrase)).unwrap();
    assert!(
        results.notes.iter().any(|n| n.to_string().contains("at most 20 apart")),
        "{:?}",
        results.notes
    );
}

// From the trial of issue 29: `kwic -قطر` read 63,690 articles to show no
// line. A query with no word to find says so and reads none.
#[test]
fn a_concordance_of_nothing_to_find_reads_nothing_and_says_so() {
    let dir = IndexDir::with_sample();
    let engine = Engine::open(dir.path()).unwrap();
    let request = SearchRequest::new("-قطر");
    let concordance = fahras::research::kwic(&engine, &request, &KwicOptions::default()).unwrap();
    assert!(concordance.articles > 0 && concordance.read == 0 && concordance.lines.is_empty());
    assert!(
        concordance.notes.iter().any(|n| n.to_string().contains("no word to find")),
        "{:?}",
        concordance.notes
    );
}
