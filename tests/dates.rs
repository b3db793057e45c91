//! Dates as archives print them (issue 31, item 4): day-first and Arabic
//! month-name dates read with `--date-format`, an unreadable date leaving
//! its article undated (or rejected with `--strict`), and the Hijri
//! calendar in timelines and `date:` filters. Archives are generated here;
//! no real text.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use crate::timeline::timeline;
use crate::util::{fahras, IndexDir};

/// Writes JSON Lines articles with these ids and dates to `name` in the
/// index's temporary folder; returns its path.
fn archive(dir: &IndexDir, name: &str, dated: &[(&str, &str)]) -> PathBuf {
    let path = dir.tmp.path().join(name);
    let lines: Vec<String> = dated
        .iter()
        .map(|(id, date)| {
            serde_json::json!({"id": id, "title": "عنوان", "body": format!("نص المقال {id}"), "date": date})
                .to_string()
        })
        .collect();
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// Each article's day as `search --json` gives it (null when undated).
fn days(dir: &IndexDir) -> BTreeMap<String, serde_json::Value> {
    dir.hits("*", &["-n", "100"])
        .iter()
        .map(|h| (h["id"].as_str().unwrap().to_string(), h["date"].clone()))
        .collect()
}

#[test]
fn day_first_and_arabic_month_dates_land_on_their_day() {
    let dir = IndexDir::new();
    let slashes = archive(
        &dir,
        "slashes.jsonl",
        &[
            ("s1", "15/03/2018"),
            ("s2", "03/04/2018 14:05"),
            ("s3", "١٥/٠٣/٢٠١٨"),
            ("s4", "2018-05-16"),
            ("a1", "15 مارس 2018"),
            ("a2", "الخميس، 15 آذار 2018"),
            ("a3", "١ كانون الثاني ٢٠١٨"),
            ("a4", "20 أيلول 2018 09:30"),
            ("a5", "3 إبريل 2018"),
            ("a6", "4 يونيه 2018"),
            ("a7", "10 تشرين الأول 2018"),
        ],
    );
    let run = dir.try_index(&["-q", "--date-format", "%d/%m/%Y", slashes.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dashes = archive(&dir, "dashes.jsonl", &[("d1", "15-03-2018"), ("d2", "٠٣-٠٤-٢٠١٨ 23:59")]);
    let run = dir.try_index(&["-q", "--date-format", "%d-%m-%Y", dashes.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dots = archive(&dir, "dots.jsonl", &[("p1", "15.03.2018"), ("p2", "3.4.2018")]);
    let run = dir.try_index(&["-q", "--date-format", "%d.%m.%Y", dots.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = [
        ("a1", "2018-03-15"),
        ("a2", "2018-03-15"),
        ("a3", "2018-01-01"),
        ("a4", "2018-09-20"),
        ("a5", "2018-04-03"),
        ("a6", "2018-06-04"),
        ("a7", "2018-10-10"),
        ("d1", "2018-03-15"),
        ("d2", "2018-04-03"),
        ("p1", "2018-03-15"),
        ("p2", "2018-04-03"),
        ("s1", "2018-03-15"),
        ("s2", "2018-04-03"),
        ("s3", "2018-03-15"),
        ("s4", "2018-05-16"),
    ];
    let got = days(&dir);
    let expected: BTreeMap<String, serde_json::Value> =
        expected.iter().map(|(id, day)| (id.to_string(), serde_json::json!(day))).collect();
    assert_eq!(got, expected);
    // The day timeline counts them there: six on 15 March, four on 3 April.
    let by_day =
        timeline(&dir, &["--by", "day", "--from", "2018-03-15", "--to", "2018-04-03", "*"]);
    let periods = by_day["periods"].as_array().unwrap();
    let counts = by_day["series"][0]["counts"].as_array().unwrap();
    assert_eq!((periods[0].as_str(), counts[0].as_u64()), (Some("2018-03-15"), Some(6)));
    let last = periods.len() - 1;
    assert_eq!((periods[last].as_str(), counts[last].as_u64()), (Some("2018-04-03"), Some(4)));
    assert_eq!(by_day["series"][0]["undated"], 0);
}

#[test]
fn an_unreadable_date_leaves_the_article_searchable_and_undated() {
    let dir = IndexDir::new();
    let input = archive(
        &dir,
        "mixed.jsonl",
        &[("ok", "2018-03-15"), ("ambiguous", "03/04/2018"), ("arabic", "15 مارس 2018")],
    );
    let path = input.to_str().unwrap();
    let rejects = dir.tmp.path().join("rejects.jsonl");
    let run = dir.try_index(&["-q", "--rejects", rejects.to_str().unwrap(), path]);
    // Nothing rejected: the status is 0.
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = format!("{path}:2: unreadable date \"03/04/2018\"");
    assert!(run.stderr.contains(&report), "{report:?} not in:\n{}", run.stderr);
    assert!(run.stderr.contains("--date-format %d/%m/%Y"), "{}", run.stderr);
    assert!(run.stderr.contains("indexed without a date"), "{}", run.stderr);
    assert!(
        run.stderr.contains("3 indexed (0 replaced), 0 unchanged, 0 rejected; 1 without a date"),
        "{}",
        run.stderr
    );
    // Searchable, and counted apart in timelines.
    assert_eq!(dir.ids("ambiguous", &[]), ["ambiguous"]);
    assert_eq!(days(&dir)["ambiguous"], serde_json::Value::Null);
    assert_eq!(days(&dir)["arabic"], "2018-03-15");
    let chart = timeline(&dir, &["*"]);
    assert_eq!(chart["series"][0]["dated"], 2);
    assert_eq!(chart["series"][0]["undated"], 1);
    // Its record is copied to the rejects file, to mend and index again.
    let copied = fs::read_to_string(&rejects).unwrap();
    assert_eq!(copied.lines().count(), 1, "{copied}");
    assert!(copied.contains("\"03/04/2018\""), "{copied}");
    // Indexed again with the order stated, it gets its date in place.
    let run = dir.try_index(&["-q", "--date-format", "%m/%d/%Y", path]);
    assert!(run.stderr.contains("1 indexed (1 replaced), 2 unchanged"), "{}", run.stderr);
    assert_eq!(days(&dir)["ambiguous"], "2018-03-04");

    // --strict: the unreadable date rejects the record, and the run.
    let strict = IndexDir::new();
    let input = archive(&strict, "mixed.jsonl", &[("ok", "2018-03-15"), ("bad", "15/03/2018")]);
    let run = strict.try_index(&["-q", "--strict", input.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("unreadable date \"15/03/2018\""), "{}", run.stderr);
    assert!(!strict.path().exists(), "a strict run that failed leaves no index");
    // A pattern that cannot be read is refused before anything is done.
    let run = strict.try_index(&["--date-format", "%d/%m", input.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("a year (%Y)"), "{}", run.stderr);
}

/// An article a day from 10 May to 20 June 2018: Sha'ban 1439 ends on 15
/// May, Ramadan runs from 16 May to 14 June, Shawwal starts on 15 June.
fn ramadan_archive() -> IndexDir {
    let dir = IndexDir::new();
    let mut day = time::macros::date!(2018 - 05 - 10);
    let mut dated = Vec::new();
    while day <= time::macros::date!(2018 - 06 - 20) {
        dated.push((format!("d{day}"), day.to_string()));
        day = day.next_day().unwrap();
    }
    let dated: Vec<(&str, &str)> = dated.iter().map(|(i, d)| (i.as_str(), d.as_str())).collect();
    let input = archive(&dir, "ramadan.jsonl", &dated);
    dir.index(&[input.to_str().unwrap()]);
    dir
}

#[test]
fn the_hijri_timeline_puts_ramadan_1439_in_1439_09() {
    let dir = ramadan_archive();
    let chart = timeline(&dir, &["--calendar", "hijri", "--by", "month", "*"]);
    assert_eq!(chart["calendar"], "hijri");
    assert_eq!(chart["periods"], serde_json::json!(["1439-08", "1439-09", "1439-10"]));
    assert_eq!(chart["names"], serde_json::json!(["شعبان", "رمضان", "شوال"]));
    // 10-15 May, 16 May-14 June, 15-20 June.
    assert_eq!(chart["series"][0]["counts"], serde_json::json!([6, 30, 6]));
    // The two days either side of the first of Ramadan.
    let on = |day: &str| timeline(&dir, &["--calendar", "hijri", &format!("* date:{day}")]);
    assert_eq!(on("2018-05-16")["periods"], serde_json::json!(["1439-09"]));
    assert_eq!(on("2018-05-15")["periods"], serde_json::json!(["1439-08"]));
    // Hijri years: all of them are in 1439 (21 September 2017 to 10
    // September 2018); the Gregorian chart has no calendar field.
    let years = timeline(&dir, &["--calendar", "hijri", "--by", "year", "*"]);
    assert_eq!(years["periods"], serde_json::json!(["1439"]));
    let gregorian = timeline(&dir, &["--by", "month", "*"]);
    assert_eq!(gregorian["periods"], serde_json::json!(["2018-05", "2018-06"]));
    assert!(gregorian.get("calendar").is_none() && gregorian.get("names").is_none());
    // The terminal shows the month's name.
    let run = fahras(&[
        "timeline",
        "--index",
        &dir.arg(),
        "--calendar",
        "hijri",
        "--bidi",
        "logical",
        "*",
    ]);
    assert!(run.stdout.contains("1439-09 رمضان"), "{}", run.stdout);
}

#[test]
fn hijri_date_filters_count_exactly_the_ramadan_articles() {
    let dir = ramadan_archive();
    assert_eq!(dir.count("date:1439-09h"), 30);
    assert_eq!(dir.count("date:١٤٣٩-٠٩h"), 30);
    assert_eq!(dir.count("date:1439-08h"), 6);
    assert_eq!(dir.count("date:1439h"), 42);
    assert_eq!(dir.count("date:1439-09-01h"), 1);
    assert_eq!(dir.count("date:[1439-09h TO 1439-10h]"), 36);
    assert_eq!(dir.count_with("*", &["--from", "1439-09h", "--to", "1439-09h"]), 30);
    assert_eq!(dir.count_with("*", &["--from", "1439-10h"]), 6);
    // The ids are those of 16 May to 14 June.
    let ids = dir.ids("date:1439-09h", &[]);
    assert_eq!(ids.first().map(String::as_str), Some("d2018-05-16"));
    assert_eq!(ids.last().map(String::as_str), Some("d2018-06-14"));
    // A Hijri month that does not exist is not a date.
    let run = fahras(&["search", "--index", &dir.arg(), "--from", "1439-13h", "*"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("1439-09h"), "{}", run.stderr);
}

/// A numeric date that is no day in either order says so, rather than ask
/// for a format that would not read it either.
#[test]
fn a_day_that_does_not_exist_is_said_to_be_none() {
    let dir = IndexDir::new();
    let input = dir.tmp.path().join("feb.jsonl");
    fs::write(
        &input,
        "{\"id\":\"f1\",\"title\":\"t\",\"body\":\"قطر\",\"date\":\"31/02/2018\"}\n\
         {\"id\":\"f2\",\"title\":\"t\",\"body\":\"قطر\",\"date\":\"13/05/2018\"}\n",
    )
    .unwrap();
    let run = fahras(&[
        "index",
        "--index",
        &dir.arg(),
        "--date-format",
        "%m/%d/%Y",
        input.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = |n: usize| {
        run.stderr.lines().find(|l| l.contains(&format!("feb.jsonl:{n}:"))).unwrap_or_default()
    };
    assert!(line(1).contains("there is no such day"), "{}", run.stderr);
    assert!(line(2).contains("a day only read day first"), "{}", run.stderr);
    assert_eq!(dir.count("قطر"), 2, "both kept, undated");
}
