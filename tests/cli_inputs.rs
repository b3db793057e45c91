//! Inputs named by any bytes: file names of old archives that are not
//! UTF-8 (Windows-1256 Arabic), and how text folders are walked.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;

use crate::util::{fahras_os, IndexDir};

/// «مرحبا» in Windows-1256 (bytes that are not UTF-8), then `last`.
fn cp1256_name(last: u8, ext: &str) -> Vec<u8> {
    let mut name = b"\xe3\xd1\xcd\xc8".to_vec();
    name.push(last);
    name.extend_from_slice(ext.as_bytes());
    name
}

#[test]
fn a_json_lines_file_with_a_name_that_is_not_utf8_indexes() {
    let dir = IndexDir::new();
    let input = dir.tmp.path().join(OsStr::from_bytes(&cp1256_name(b'\xc7', ".jsonl")));
    fs::write(
        &input,
        concat!(
            r#"{"id":"w1","title":"عنوان","body":"نص المقال الأول"}"#,
            "\n{not json\n",
            r#"{"id":"w2","title":"عنوان","body":"نص المقال الثاني"}"#,
            "\n",
        ),
    )
    .unwrap();
    let index = dir.path();
    let run = fahras_os(&[
        "index".as_ref(),
        "-q".as_ref(),
        "--index".as_ref(),
        index.as_os_str(),
        input.as_os_str(),
    ]);
    assert_eq!(run.code, 1, "one line is rejected: {}", run.stderr);
    // The name is shown as the terminal can: U+FFFD for each bad byte.
    let expected = format!("{}:2: invalid JSON", input.display());
    assert!(run.stderr.contains(&expected), "missing {expected:?} in:\n{}", run.stderr);
    assert!(
        run.stderr.contains("2 indexed (0 replaced), 0 unchanged, 1 rejected"),
        "{}",
        run.stderr
    );
    assert_eq!(dir.ids("*", &[]), ["w1", "w2"]);
}

fn index_quietly(dir: &IndexDir, input: &OsStr) -> String {
    let index = dir.path();
    let run =
        fahras_os(&["index".as_ref(), "--index".as_ref(), index.as_os_str(), "-q".as_ref(), input]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stderr
}

#[test]
fn text_files_whose_names_differ_only_in_bytes_that_are_not_utf8_stay_apart() {
    let dir = IndexDir::new();
    let folder = dir.tmp.path().join("archive");
    fs::create_dir(&folder).unwrap();
    for (last, body) in [(b'\xc7', "نص المقال الأول"), (b'\xc8', "نص المقال الثاني")]
    {
        let name = cp1256_name(last, ".txt");
        fs::write(folder.join(OsStr::from_bytes(&name)), format!("عنوان\n2024-03-01\n{body}\n"))
            .unwrap();
    }
    let stderr = index_quietly(&dir, folder.as_os_str());
    assert!(stderr.contains("2 indexed (0 replaced), 0 unchanged, 0 rejected"), "{stderr}");
    let bad = "\u{FFFD}".repeat(5);
    assert_eq!(
        dir.ids("*", &[]),
        [format!("{bad}~d406fc26ae81ffdc"), format!("{bad}~d4070326ae820bc1")]
    );
    assert_eq!(dir.ids("الثاني", &[]), [format!("{bad}~d406fc26ae81ffdc")]);
    // The same ids again: nothing is added or replaced.
    let stderr = index_quietly(&dir, folder.as_os_str());
    assert!(stderr.contains("0 indexed (0 replaced), 2 unchanged, 0 rejected"), "{stderr}");
    assert_eq!(dir.count("*"), 2);
}

#[test]
fn symlinked_folders_are_followed_and_a_loop_is_a_one_line_error() {
    use std::os::unix::fs::symlink;
    let dir = IndexDir::new();
    let elsewhere = dir.tmp.path().join("other-disk/wam");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::write(elsewhere.join("a1.txt"), "عنوان\nنص من القرص الآخر\n").unwrap();
    let folder = dir.tmp.path().join("archive");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("own.txt"), "عنوان\nنص في المجلد نفسه\n").unwrap();
    symlink(&elsewhere, folder.join("wam")).unwrap();
    // A link to nothing is skipped like any file not named `.txt`.
    symlink(dir.tmp.path().join("gone.jpg"), folder.join("cover.jpg")).unwrap();
    let stderr = index_quietly(&dir, folder.as_os_str());
    assert!(stderr.contains("2 indexed (0 replaced), 0 unchanged, 0 rejected"), "{stderr}");
    assert_eq!(dir.ids("*", &[]), ["own", "wam/a1"]);
    assert_eq!(dir.ids("source:wam", &[]), ["wam/a1"]);

    // A link back to a folder being walked: an error naming it, before the
    // index is touched.
    symlink(&folder, elsewhere.join("again")).unwrap();
    let other = IndexDir::new();
    let index = other.path();
    let run =
        fahras_os(&["index".as_ref(), "--index".as_ref(), index.as_os_str(), folder.as_os_str()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    let expected = format!(
        "{}: symbolic link loops back to {}",
        folder.join("wam/again").display(),
        folder.display()
    );
    assert!(run.stderr.contains(&expected), "missing {expected:?} in:\n{}", run.stderr);
    assert!(!index.exists());
}

/// A folder holding JSON Lines but no `.txt` article is an error that says
/// what to do, not a run that indexes nothing and succeeds.
#[test]
fn a_folder_without_text_articles_says_what_to_name() {
    let dir = IndexDir::new();
    let folder = dir.tmp.path().join("exports");
    fs::create_dir(&folder).unwrap();
    fs::write(folder.join("news.jsonl"), "{\"id\":\"1\",\"title\":\"t\",\"body\":\"نص\"}\n")
        .unwrap();
    let run = fahras_os(&[
        OsStr::new("index"),
        OsStr::new("--index"),
        dir.path().as_os_str(),
        folder.as_os_str(),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no .txt articles") && run.stderr.contains("news.jsonl"),
        "{}",
        run.stderr
    );
}

// See issue 29, item 9: a folder mixing .txt articles with archives of
// other formats indexed only the .txt files, without a word.
#[test]
fn archives_of_other_formats_in_a_text_folder_are_named() {
    let dir = IndexDir::new();
    let folder = dir.tmp.path().join("mixed");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "عنوان\nنص عن الدوحة\n").unwrap();
    std::fs::write(folder.join("more.jsonl"), "{\"id\":\"x\",\"title\":\"\",\"body\":\"قطر\"}\n")
        .unwrap();
    std::fs::write(folder.join("table.csv.gz"), b"").unwrap();
    std::fs::write(folder.join("photo.jpg"), b"").unwrap();
    let run = dir.try_index(&[folder.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("2 files of another format (") && run.stderr.contains("more.jsonl"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("photo.jpg"), "{}", run.stderr);
    assert_eq!(dir.count("*"), 1);
}
