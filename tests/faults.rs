//! Faults: killed writers, two writers, damaged files, hostile queries.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fahras::indexer::BATCH;

use crate::util::{fahras, fahras_cmd, from_output, sample, IndexDir};

/// How long a test waits for a writer to reach a state before it fails: far
/// more than the seconds a debug build needs on a busy machine.
const PATIENCE: Duration = Duration::from_secs(60);

/// The sample `copies` times with fresh ids (`k0-fx-001`, ...), as JSON lines.
fn replicas(copies: usize) -> Vec<String> {
    let sample = fs::read_to_string(sample()).unwrap();
    let mut lines = Vec::new();
    for copy in 0..copies {
        for line in sample.lines() {
            let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
            v["id"] = format!("k{copy}-{}", v["id"].as_str().unwrap()).into();
            lines.push(v.to_string());
        }
    }
    lines
}

/// [`replicas`] as one JSONL file in `dir`; returns its path and the ids.
fn replicated(dir: &IndexDir, copies: usize) -> (String, BTreeSet<String>) {
    let path = dir.tmp.path().join(format!("x{copies}.jsonl"));
    let lines = replicas(copies);
    let ids = lines
        .iter()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    fs::write(&path, lines.join("\n") + "\n").unwrap();
    (path.display().to_string(), ids)
}

fn all_ids(dir: &IndexDir) -> Vec<String> {
    let hits = dir.hits("*", &["-n", "100000", "--snippet-chars", "0", "--no-collapse"]);
    hits.iter().map(|v| v["id"].as_str().unwrap().to_string()).collect()
}

/// The articles a search finds in the index now, or `None` while it cannot
/// be searched (before a first writer has created it).
fn committed(dir: &IndexDir) -> Option<usize> {
    let run = fahras(&["search", "--index", &dir.arg(), "--count", "*"]);
    if matches!(run.code, 0 | 1) {
        run.stdout.trim().parse().ok()
    } else {
        None
    }
}

/// Polls `committed` until `done` holds of it or [`PATIENCE`] runs out;
/// returns the last count seen.
fn wait_for_count(dir: &IndexDir, done: impl Fn(usize) -> bool) -> Option<usize> {
    let give_up = Instant::now() + PATIENCE;
    let mut last = None;
    while Instant::now() < give_up {
        last = committed(dir).or(last);
        if last.is_some_and(&done) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    last
}

/// `--commit-every` bounds what a kill loses: what the writer had read is
/// in the index but for less than one batch, and only whole commits are
/// ever seen, however the kill falls; a rerun adds the rest, once each.
#[test]
fn a_killed_indexer_loses_at_most_one_batch_and_a_rerun_completes_it() {
    const EVERY: usize = 150;
    let every = EVERY.to_string();
    let dir = IndexDir::new();
    let (input, ids) = replicated(&dir, 30);
    let total = ids.len();
    assert!(total > BATCH + EVERY);
    let index = dir.arg();

    // A kill after a known reading: the writer reads its input BATCH lines
    // at a time, so given exactly BATCH lines on standard input it indexes
    // them all and waits for more. Killed then, it must have kept all it
    // read but the articles after its last commit, fewer than one batch of
    // --commit-every.
    let read = BATCH;
    let mut writer = fahras_cmd(&["index", "-q", "--commit-every", &every, "--index", &index, "-"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = writer.stdin.take().unwrap();
    let first: String = replicas(30).iter().take(read).map(|l| format!("{l}\n")).collect();
    stdin.write_all(first.as_bytes()).unwrap();
    let seen = wait_for_count(&dir, |n| n + EVERY > read);
    let _ = writer.kill();
    let _ = writer.wait();
    drop(stdin);
    let Some(seen) = seen.filter(|&n| n + EVERY > read) else {
        panic!("the writer read {read} articles but committed only {seen:?} in {PATIENCE:?}");
    };
    let kept = committed(&dir).expect("the index opens after a kill");
    assert!(kept >= seen, "{seen} articles were committed, {kept} are left after the kill");
    assert!(kept.is_multiple_of(EVERY), "{kept} articles after the kill: not whole commits");
    assert!(read - kept < EVERY, "read {read}, kept {kept}: more than one batch lost");

    // Kills at any moment: the index keeps every commit seen before the
    // kill, and holds whole commits only.
    let args = ["index", "-q", "--commit-every", &every, "--index", &index, &input];
    let mut before = kept;
    for delay_ms in [30, 150, 300] {
        let mut writer = fahras_cmd(&args).spawn().unwrap();
        let kill_at = Instant::now() + Duration::from_millis(delay_ms);
        let mut seen = before;
        while Instant::now() < kill_at {
            let n = committed(&dir).expect("searchable while a writer runs");
            assert!(n >= seen, "{n} articles while writing, after {seen}");
            seen = n;
        }
        let _ = writer.kill();
        let _ = writer.wait();
        let after = committed(&dir).expect("the index opens after a kill");
        assert!(
            after.is_multiple_of(EVERY) || after == total,
            "{after} articles after a kill at {delay_ms} ms: not whole commits"
        );
        assert!(
            (seen..=total).contains(&after),
            "{after} articles after a kill at {delay_ms} ms; {seen} were committed before it"
        );
        before = after;
    }

    let run = fahras(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = all_ids(&dir);
    assert_eq!(found.len(), total, "no duplicates, nothing missing");
    assert_eq!(found.into_iter().collect::<BTreeSet<_>>(), ids);
}

#[test]
fn a_second_writer_gets_a_clear_lock_error() {
    let dir = IndexDir::with_sample();
    let index = dir.arg();
    // The first writer is given one read batch on standard input, commits
    // it and waits for more: once its articles are visible it has the lock,
    // and it keeps it until it exits.
    let every = BATCH.to_string();
    let mut first = fahras_cmd(&["index", "-q", "--commit-every", &every, "--index", &index, "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = first.stdin.take().unwrap();
    let lines = replicas(BATCH / 50 + 1);
    let batch: String = lines[..BATCH].iter().map(|l| format!("{l}\n")).collect();
    stdin.write_all(batch.as_bytes()).unwrap();
    let seen = wait_for_count(&dir, |n| n == 50 + BATCH);
    if seen != Some(50 + BATCH) {
        let _ = first.kill();
        let run = from_output(first.wait_with_output().unwrap());
        panic!("{seen:?} articles after {PATIENCE:?}, not 50 + {BATCH}: {}", run.stderr);
    }
    let second = fahras(&["index", "-q", "--index", &index, sample().to_str().unwrap()]);
    assert_eq!(second.code, 2, "{}", second.stderr);
    assert!(second.stderr.contains("index is locked by another writer"), "{}", second.stderr);
    // Searches still work while it writes.
    assert_eq!(dir.count("*"), 50 + BATCH);
    stdin.write_all(format!("{}\n", lines[BATCH]).as_bytes()).unwrap();
    drop(stdin);
    let run = from_output(first.wait_with_output().unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dir.count("*"), 50 + BATCH + 1);
}

#[test]
fn a_damaged_index_is_a_one_line_error_naming_it() {
    let dir = IndexDir::with_sample();
    let gen_dir = dir.generation_dir();
    // Truncate every segment file to half its size.
    for entry in fs::read_dir(&gen_dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".idx") || name.ends_with(".term") || name.ends_with(".store") {
            let len = entry.metadata().unwrap().len();
            fs::OpenOptions::new()
                .write(true)
                .open(entry.path())
                .unwrap()
                .set_len(len / 2)
                .unwrap();
        }
    }
    let run = fahras(&["search", "--index", &dir.arg(), "قطر"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains(&dir.arg()), "{}", run.stderr);
    // A damaged manifest too.
    fs::write(gen_dir.join("fahras.json"), b"{ not json").unwrap();
    let run = fahras(&["search", "--index", &dir.arg(), "قطر"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("index is damaged") && run.stderr.contains("reindex"),
        "{}",
        run.stderr
    );
}

#[test]
fn hostile_queries_get_results_never_an_error() {
    let dir = IndexDir::with_sample();
    let index = dir.arg();
    let long = "قطر ".repeat(10_000);
    let queries = [
        "",
        " ",
        "\"",
        "((((",
        "))",
        "AND",
        "OR OR",
        "NOT",
        "-",
        "+",
        "*",
        "**",
        "=",
        "=*",
        "title:",
        ":",
        "date:[",
        "date:[x TO y]",
        "\u{064E}\u{064E}",
        "،؛؟",
        "title:مكتب* AND -=الكتاب",
        "\"الأمر التنفيذي\"~",
        "\"\"~99999",
        "^2",
        "قطر^",
        "🙂",
        "ﷺ",
        &long,
    ];
    for q in queries {
        let run = fahras(&["search", "--index", &index, "-n", "3", q]);
        assert!(
            matches!(run.code, 0 | 1),
            "query {:?}: status {} stderr {}",
            q.chars().take(40).collect::<String>(),
            run.code,
            run.stderr
        );
    }
}

#[test]
fn an_overlong_line_is_reported_and_its_neighbours_kept() {
    let dir = IndexDir::new();
    let input = dir.tmp.path().join("long.jsonl");
    let big = format!(r#"{{"id":"big","title":"t","body":"{}"}}"#, "ب".repeat(600_000));
    let lines = [
        r#"{"id":"a","title":"t","body":"قبل"}"#.to_string(),
        big,
        r#"{"id":"b","title":"t","body":"بعد"}"#.to_string(),
    ];
    let big_len = lines[1].len();
    fs::write(&input, lines.join("\n")).unwrap();
    let run = fahras(&[
        "index",
        "-q",
        "--max-line-bytes",
        "100000",
        "--index",
        &dir.arg(),
        input.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    let expected = format!(":2: line is {big_len} bytes, over the limit of 100000");
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert_eq!(dir.count("*"), 2);
}

/// Any string, NUL bytes and unpaired marks included, is a query that runs:
/// query text is never an error.
#[test]
fn any_query_string_runs() {
    let dir = IndexDir::with_sample();
    let engine = fahras::searcher::Engine::open(dir.path()).unwrap();
    // Printable characters, query syntax, NUL and spaces, up to 30 pieces.
    let pieces = "(\\PC|[\"()*=:+\\-~^\\[\\]{}\\x00 ]|AND|OR|NOT|title:|date:){0,30}";
    let config = proptest::prelude::ProptestConfig::with_cases(300);
    // The index is built once for all cases, and removed when the test ends.
    proptest::proptest!(config, |(query in pieces)| {
        let request = fahras::searcher::SearchRequest {
            limit: 5,
            snippet_chars: 80,
            ..fahras::searcher::SearchRequest::new(query)
        };
        match engine.search(&request) {
            Ok(results) => {
                let n = results.hits.len();
                proptest::prop_assert!(n <= 5 && n <= results.total, "{n} of {}", results.total);
            }
            Err(error) => proptest::prop_assert!(false, "{error}"),
        }
    });
}

/// A small tmpfs, unmounted on drop. `None` (and a note) where mounting is
/// not allowed.
struct TinyDisk(std::path::PathBuf);

impl TinyDisk {
    fn mount(dir: &IndexDir, size: &str) -> Option<TinyDisk> {
        let path = dir.tmp.path().join("tiny");
        fs::create_dir_all(&path).unwrap();
        let ok = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&path)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(TinyDisk(path))
    }

    fn remount(&self, mode: &str) {
        let status = std::process::Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_read_only_index_is_searchable_and_a_full_disk_keeps_what_was_committed() {
    let dir = IndexDir::new();
    let Some(disk) = TinyDisk::mount(&dir, "1m") else { return };
    let index = disk.0.join("index").display().to_string();
    let sample = sample();
    assert_eq!(fahras(&["index", "-q", "--index", &index, sample.to_str().unwrap()]).code, 0);
    disk.remount("ro");
    let run = fahras(&["search", "--index", &index, "--count", "*"]);
    assert_eq!((run.code, run.stdout.trim()), (0, "50"), "{}", run.stderr);
    let run = fahras(&["index", "-q", "--index", &index, sample.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot write to the index")
            && run.stderr.contains("searching it still works"),
        "{}",
        run.stderr
    );
    disk.remount("rw");
    // More than the disk holds.
    let (big, _) = replicated(&dir, 300);
    let run = fahras(&["index", "-q", "--index", &index, &big]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("the articles committed before are intact"), "{}", run.stderr);
    let run = fahras(&["search", "--index", &index, "--count", "*"]);
    assert_eq!((run.code, run.stdout.trim()), (0, "50"), "{}", run.stderr);
}

/// Two `index` runs started together on a folder that does not exist yet:
/// one creates the index and indexes everything, the other is told the
/// index is locked, and the folder is never lost. Many times over.
#[test]
fn two_writers_racing_on_a_new_folder_never_lose_it() {
    let sample = sample();
    let sample = sample.to_str().unwrap();
    let articles = fs::read_to_string(sample).unwrap().lines().count();
    for round in 0..12 {
        let dir = IndexDir::new();
        let index = dir.arg();
        let args = ["index", "-q", "--index", &index, sample];
        let first = fahras_cmd(&args).stderr(Stdio::piped()).spawn().unwrap();
        let second = fahras_cmd(&args).stderr(Stdio::piped()).spawn().unwrap();
        let runs = [first, second].map(|child| from_output(child.wait_with_output().unwrap()));
        let ok = runs.iter().filter(|r| r.code == 0).count();
        assert!(
            ok >= 1,
            "round {round}: neither run indexed: {:?}",
            runs.each_ref().map(|r| &r.stderr)
        );
        for run in runs.iter().filter(|r| r.code != 0) {
            assert_eq!(run.code, 2, "round {round}: {}", run.stderr);
            assert!(
                run.stderr.contains("index is locked by another writer"),
                "round {round}: {}",
                run.stderr
            );
        }
        // Whoever came second (when the first had finished) found every
        // article unchanged; either way the index holds each article once.
        assert_eq!(dir.count("*"), articles, "round {round}");
    }
}

/// Files that are gone cannot be rebuilt from the index: the message says
/// what is missing and does not advise `reindex`.
#[test]
fn missing_index_files_are_named_without_advising_reindex() {
    let dir = IndexDir::with_sample();
    let gen_dir = dir.generation_dir();
    fs::remove_file(gen_dir.join("meta.json")).unwrap();
    let run = fahras(&["search", "--index", &dir.arg(), "قطر"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("meta.json is missing"), "{}", run.stderr);
    assert!(!run.stderr.contains("reindex"), "{}", run.stderr);
    fs::remove_dir_all(&gen_dir).unwrap();
    let run = fahras(&["search", "--index", &dir.arg(), "قطر"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is missing"), "{}", run.stderr);
    assert!(!run.stderr.contains("reindex"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

// See issue 29, item 11: after a full disk, the orphaned segments of the
// failed run stayed and every later `index`, `optimize` and `reindex`
// failed until space was freed elsewhere.
#[test]
fn a_full_disk_leaves_no_debris_that_blocks_the_next_run() {
    let dir = IndexDir::new();
    let Some(disk) = TinyDisk::mount(&dir, "2m") else { return };
    let index = disk.0.join("index").display().to_string();
    let sample = sample();
    assert_eq!(fahras(&["index", "-q", "--index", &index, sample.to_str().unwrap()]).code, 0);
    let (big, _) = replicated(&dir, 300);
    let run = fahras(&["index", "-q", "-j", "1", "--index", &index, &big]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    // Nothing is freed but what the failed run left; ten new articles fit.
    let (small, _) = replicated(&dir, 1);
    let small_ten = dir.tmp.path().join("ten.jsonl");
    let ten: Vec<String> =
        fs::read_to_string(&small).unwrap().lines().take(10).map(String::from).collect();
    fs::write(&small_ten, ten.join("\n") + "\n").unwrap();
    let run = fahras(&["index", "-q", "-j", "1", "--index", &index, small_ten.to_str().unwrap()]);
    assert_eq!(run.code, 0, "the run after a full disk: {}", run.stderr);
    let run = fahras(&["search", "--index", &index, "--count", "*"]);
    assert_eq!((run.code, run.stdout.trim()), (0, "60"), "{}", run.stderr);
    let run = fahras(&["optimize", "--index", &index]);
    assert_eq!(run.code, 0, "optimize after a full disk: {}", run.stderr);
}

/// Issue 29, item 12: a run killed right after its commit was missing
/// from the manifest's history. Its entry goes with the commit, and the
/// next open records it.
#[test]
fn a_run_killed_right_after_its_commit_is_in_the_history() {
    let dir = IndexDir::new();
    let index = dir.arg();
    let sample = sample();
    let mut cmd = fahras_cmd(&["index", "-q", "--index", &index, sample.to_str().unwrap()]);
    cmd.env(fahras::indexer::ABORT_AFTER_COMMIT, "1");
    let run = from_output(cmd.output().unwrap());
    assert_ne!(run.code, 0, "not killed: {}", run.stderr);
    let manifest = fs::read_to_string(dir.generation_dir().join("fahras.json")).unwrap();
    assert!(!manifest.contains("fahras-sample.jsonl"), "the kill came too late");
    let stats = fahras(&["stats", "--index", &index]);
    assert!(stats.stdout.contains("fahras-sample.jsonl"), "{}", stats.stdout);
    // The next run writes it down, once.
    dir.index(&[sample.to_str().unwrap()]);
    let manifest = fs::read_to_string(dir.generation_dir().join("fahras.json")).unwrap();
    assert_eq!(manifest.matches("fahras-sample.jsonl").count(), 2, "{manifest}");
}
