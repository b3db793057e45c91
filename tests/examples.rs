//! Issue 35: every example the README, README.ar.md and docs/ mark as
//! runnable is run on the bundled sample, and its output, where the doc
//! shows one, is compared with what the program prints today.
//!
//! A runnable block is a fenced block whose info string holds
//! `fahras-example` (`sh fahras-example`). In it, a line starting with `$ `
//! is a command (a line ending in `\` continues on the next), and the lines
//! up to the next command are its output as the doc shows it: standard
//! error and standard output, in either order. In an output line, `[..]`
//! stands for any text (timings, dates of a run), and a line of its own
//! `[...]` for any number of lines; trailing spaces do not count. A block
//! with a command and no lines under it only has to run.
//!
//! Each file gets a folder of its own holding `corpus/` (a link to the
//! repository's) and runs its commands in order there with `sh -c`, the
//! `fahras` under test first on `PATH`. `sample.idx` is the bundled
//! sample's index, built once for the test and copied in when a command
//! reads it before one of the file's own commands has built it; a
//! `fahras index --index sample.idx` builds it anew, as a reader would. A command
//! fails the test when it exits with 2, panics, or prints other lines than
//! those shown.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::IndexDir;

/// The name the docs give the bundled sample's index.
const SAMPLE_INDEX: &str = "sample.idx";

/// The marker, in a fenced block's info string, of a runnable example.
const RUNNABLE: &str = "fahras-example";

/// One command of a doc, with the output shown under it.
struct Example {
    /// Where the command is: `docs/research.md:12`.
    at: String,
    command: String,
    shown: Vec<String>,
}

/// The docs whose examples are run: the READMEs and every page of docs/.
fn docs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages: Vec<PathBuf> = fs::read_dir(root.join("docs"))
        .expect("docs/")
        .map(|entry| entry.expect("docs/ entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    pages.sort();
    let mut all = vec![root.join("README.md"), root.join("README.ar.md")];
    all.extend(pages);
    all
}

/// The runnable examples of one doc, in order.
fn examples(name: &str, text: &str) -> Vec<Example> {
    let mut found = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((_, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else { continue };
        let runnable = info.split_whitespace().any(|word| word == RUNNABLE);
        let mut current: Option<Example> = None;
        let mut continued = false;
        for (number, line) in lines.by_ref() {
            if line.trim_start().starts_with("```") {
                break;
            }
            if !runnable {
                continue;
            }
            if continued {
                let example = current.as_mut().expect("a command continued");
                let part = line.trim();
                continued = part.ends_with('\\');
                example.command.push(' ');
                example.command.push_str(part.trim_end_matches('\\').trim_end());
            } else if let Some(command) = line.strip_prefix("$ ") {
                found.extend(current.take());
                continued = command.ends_with('\\');
                current = Some(Example {
                    at: format!("{name}:{}", number + 1),
                    command: command.trim_end_matches('\\').trim_end().to_string(),
                    shown: Vec::new(),
                });
            } else if let Some(example) = current.as_mut() {
                example.shown.push(line.trim_end().to_string());
            }
        }
        found.extend(current);
    }
    found
}

/// Whether `line` is what `shown` shows, `[..]` standing for any text.
fn line_matches(shown: &str, line: &str) -> bool {
    let parts: Vec<&str> = shown.split("[..]").collect();
    if parts.len() == 1 {
        return shown == line;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !line.starts_with(first) || line.len() < first.len() + last.len() || !line.ends_with(last) {
        return false;
    }
    let mut rest = &line[first.len()..line.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Whether `lines` are what `shown` shows, a line `[...]` standing for any
/// number of lines.
fn lines_match(shown: &[String], lines: &[&str]) -> bool {
    match shown.split_first() {
        None => lines.is_empty(),
        Some((first, rest)) if first == "[...]" => {
            (0..=lines.len()).any(|skip| lines_match(rest, &lines[skip..]))
        }
        Some((first, rest)) => lines.split_first().is_some_and(|(line, others)| {
            line_matches(first, line.trim_end()) && lines_match(rest, others)
        }),
    }
}

/// Copies the folder `from` to `to`, recursively.
fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the copy");
    for entry in fs::read_dir(from).expect("read the index folder") {
        let entry = entry.expect("index entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy an index file");
        }
    }
}

/// Runs the examples of one doc in a folder of their own; returns what
/// failed, each said in full.
fn run_doc(examples: &[Example], sample: &IndexDir) -> Vec<String> {
    let work = tempfile::tempdir().expect("work folder");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::os::unix::fs::symlink(root.join("corpus"), work.path().join("corpus"))
        .expect("link corpus/");
    let bin = Path::new(env!("CARGO_BIN_EXE_fahras")).parent().expect("the binary's folder");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut failures = Vec::new();
    // Whether sample.idx is the test's copy rather than built by the doc.
    let mut copied = false;
    for example in examples {
        let index = work.path().join(SAMPLE_INDEX);
        if example.command.contains(SAMPLE_INDEX) {
            let builds = example.command.starts_with("fahras index");
            if builds && copied {
                fs::remove_dir_all(&index).expect("remove the copied sample index");
                copied = false;
            } else if !builds && !index.exists() {
                copy_folder(&sample.path(), &index);
                copied = true;
            }
        }
        let out = Command::new("sh")
            .arg("-c")
            .arg(&example.command)
            .current_dir(work.path())
            .env("PATH", &path)
            .env_remove("FAHRAS_INDEX")
            .env_remove("FAHRAS_BIDI")
            .env_remove("COLUMNS")
            .output()
            .expect("run sh");
        let code = out.status.code().unwrap_or(-1);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let (out_lines, err_lines): (Vec<&str>, Vec<&str>) =
            (stdout.lines().collect(), stderr.lines().collect());
        let mut problems = Vec::new();
        if code == 2 || code < 0 {
            problems.push(format!("exit status {code}"));
        }
        if stderr.contains("panicked") {
            problems.push("a panic".to_string());
        }
        if !example.shown.is_empty() {
            let err_first: Vec<&str> = err_lines.iter().chain(&out_lines).copied().collect();
            let out_first: Vec<&str> = out_lines.iter().chain(&err_lines).copied().collect();
            if !lines_match(&example.shown, &err_first) && !lines_match(&example.shown, &out_first)
            {
                problems.push("output other than the doc shows".to_string());
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\n$ {}\n--- shown in the doc:\n{}\n--- printed (stderr, then stdout):\n{}\n{}\n",
                example.at,
                problems.join(", "),
                example.command,
                example.shown.join("\n"),
                stderr.trim_end(),
                stdout.trim_end(),
            ));
        }
    }
    failures
}

#[test]
fn every_runnable_example_in_the_docs_runs_as_shown() {
    let sample = IndexDir::with_sample();
    let mut failures = Vec::new();
    let mut ran = 0;
    for doc in docs() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let name = doc.strip_prefix(root).unwrap_or(&doc).display().to_string();
        let text = fs::read_to_string(&doc).unwrap_or_else(|e| panic!("read {name}: {e}"));
        let examples = examples(&name, &text);
        ran += examples.len();
        failures.extend(run_doc(&examples, &sample));
    }
    assert!(ran >= 20, "only {ran} runnable examples found: are the blocks marked {RUNNABLE}?");
    assert!(
        failures.is_empty(),
        "{} of {ran} examples failed:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn shown_output_is_matched_line_by_line_with_markers() {
    let shown = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    assert!(lines_match(&shown(&["6 in [..] ms"]), &["6 in 3.5 ms"]));
    assert!(!lines_match(&shown(&["6 in [..] ms"]), &["7 in 3.5 ms"]));
    assert!(lines_match(&shown(&["a", "[...]", "z"]), &["a", "b", "c", "z"]));
    assert!(lines_match(&shown(&["a", "[...]"]), &["a"]));
    assert!(!lines_match(&shown(&["a"]), &["a", "b"]));
    assert!(lines_match(&shown(&["x [..] y [..] z"]), &["x 1 y 2 z  "]));
    let doc =
        "```sh fahras-example\n$ fahras a \\\n  b\nout\n$ fahras c\n```\n```sh\n$ not run\n```\n";
    let found = examples("d.md", doc);
    assert_eq!(found.len(), 2);
    assert_eq!(
        (found[0].command.as_str(), found[0].shown.clone()),
        ("fahras a b", shown(&["out"]))
    );
    assert_eq!((found[1].at.as_str(), found[1].command.as_str()), ("d.md:5", "fahras c"));
}
