//! Plain-text folders: one UTF-8 `.txt` file per article.
//!
//! The folder is walked recursively, in sorted path order. Symbolic links
//! are followed, to files and to folders alike (an archive assembled from
//! several disks stays one folder); a file reached by two paths is two
//! articles, one per path. A link back to a folder being walked is an
//! error naming the link, found before the index is touched; a link to
//! nothing is skipped unless its name ends in `.txt`, like any other file.
//!
//! The convention (documented in `docs/formats.md`):
//! - id: the file's path relative to the folder, without `.txt`, with `/`
//!   separators (`2018/03/budget.txt` → `2018/03/budget`). A folder or
//!   file name that is not UTF-8 (old archives name files in
//!   Windows-1256) is written with U+FFFD for its bad bytes, then `~` and
//!   the 16 hex digits of the 64-bit FNV-1a hash of its bytes (without
//!   `.txt`): `\xe3\xd1\xcd\xc8\xc7.txt` → `�����~d4070326ae820bc1`.
//!   Two such names that differ only in bad bytes get two ids, and a name
//!   gets the same id on every run and build; UTF-8 names have no suffix;
//! - title: the first non-blank line;
//! - date: the next line, if it is nothing but a date (`YYYY-MM-DD` or RFC
//!   3339);
//! - body: the rest, trimmed; it must not be empty;
//! - source: the first folder of the relative path, if the file is in one.

use std::ffi::OsStr;
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::{fs, io};

use walkdir::WalkDir;

use super::fnv::fnv1a;
use super::DateFormat;
use super::{has_extension, IngestErrorKind, RawContent, RawItem, RawSource, Record, Unit};
use crate::error::{Error, Result};

/// The `.txt` files under a folder, in sorted path order, with their sizes:
/// the folder is walked once, when it is named on the command line.
#[derive(Debug, Clone)]
pub struct Listing {
    root: PathBuf,
    files: Vec<PathBuf>,
    total_bytes: u64,
    /// Files in an archive format `index` reads when named (JSON Lines,
    /// CSV, TSV, SGML, Parquet, plain or compressed): a folder reads only
    /// its `.txt` files, so these are not indexed.
    other_archives: Vec<PathBuf>,
}

impl Listing {
    /// Lists the folder's `.txt` files, following symbolic links; an
    /// unreadable folder or a link loop is an error.
    pub fn of(root: &Path) -> Result<Listing> {
        let mut listing = Listing {
            root: root.to_path_buf(),
            files: Vec::new(),
            total_bytes: 0,
            other_archives: Vec::new(),
        };
        let mut skipped: Option<PathBuf> = None;
        // Names sorted within each folder, depth first: the order of the
        // sorted paths.
        for entry in WalkDir::new(root).follow_links(true).sort_by_file_name() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    skip_or_fail(error, root)?;
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            if !has_extension(entry.path(), "txt") {
                skipped.get_or_insert_with(|| entry.path().to_path_buf());
                if is_archive(entry.path()) {
                    listing.other_archives.push(entry.path().to_path_buf());
                }
                continue;
            }
            // A size that cannot be read only makes the progress bar less
            // exact; reading the file will report the problem.
            listing.total_bytes += entry.metadata().map(|m| m.len()).unwrap_or(0);
            listing.files.push(entry.into_path());
        }
        if let (true, Some(other)) = (listing.files.is_empty(), skipped) {
            // Indexing nothing without a word would look like success.
            return Err(Error::UnreadableInput {
                path: root.to_path_buf(),
                reason: format!(
                    "no .txt articles in this folder (it holds other files, such as {}); \
                     a folder is read as one article per .txt file: name JSON Lines files \
                     themselves (fahras index --index DIR {}/*.jsonl)",
                    other.display(),
                    root.display().to_string().trim_end_matches('/')
                ),
            });
        }
        Ok(listing)
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The files, in the order they are read.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    /// The files of other archive formats in the folder, which it does
    /// not index (they are read when named as inputs).
    pub fn other_archives(&self) -> &[PathBuf] {
        &self.other_archives
    }

    /// The total size of the files, for progress.
    pub fn total_bytes(&self) -> u64 {
        self.total_bytes
    }
}

/// Returns true if and only if `path` is named as an archive `index` reads
/// (`.jsonl`, `.csv`, `.tsv`, `.sgml`, `.sgm`, `.parquet`, each maybe
/// `.gz` or `.zst`).
fn is_archive(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
    let name = name.strip_suffix(".gz").or_else(|| name.strip_suffix(".zst")).unwrap_or(&name);
    [".jsonl", ".csv", ".tsv", ".sgml", ".sgm", ".parquet"].iter().any(|e| name.ends_with(e))
}

/// Returns `Ok` for a walk error to skip (a link to nothing that is not
/// named `.txt`), else the error: a link loop names the link and the folder
/// it leads back to.
fn skip_or_fail(error: walkdir::Error, root: &Path) -> Result<()> {
    let path = error.path().unwrap_or(root).to_path_buf();
    if let Some(ancestor) = error.loop_ancestor() {
        let reason = format!("symbolic link loops back to {}", ancestor.display());
        return Err(Error::io(path, io::Error::other(reason)));
    }
    let io = error.into_io_error().unwrap_or_else(|| io::Error::other("cannot be walked"));
    let dangling_link = io.kind() == io::ErrorKind::NotFound
        && fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
    if dangling_link && !has_extension(&path, "txt") {
        return Ok(());
    }
    Err(Error::io(path, io))
}

/// Reads the files of a [`Listing`].
pub(crate) struct TextDirSource {
    root: PathBuf,
    files: std::vec::IntoIter<PathBuf>,
    read: Arc<AtomicU64>,
}

impl TextDirSource {
    /// Reads the files of `listing`, in its order (their text is decoded
    /// when parsed). A file that cannot be read is a rejected item.
    pub(crate) fn open(listing: &Listing, read: Arc<AtomicU64>) -> TextDirSource {
        let files = listing.files.clone().into_iter();
        TextDirSource { root: listing.root.clone(), files, read }
    }
}

impl RawSource for TextDirSource {
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawItem>) -> Result<bool> {
        for _ in 0..max {
            let Some(path) = self.files.next() else { return Ok(false) };
            let content = match fs::read(&path) {
                Ok(bytes) => {
                    self.read.fetch_add(bytes.len() as u64, Ordering::Relaxed);
                    let relative =
                        path.strip_prefix(&self.root).unwrap_or(&path).with_extension("");
                    RawContent::TextFile { bytes, id: text_id(&relative) }
                }
                Err(e) => RawContent::Rejected(IngestErrorKind::Unreadable(e.to_string())),
            };
            out.push(RawItem { path: path.as_path().into(), line: 1, unit: Unit::Line, content });
        }
        Ok(true)
    }
}

/// The id of the file at `relative` (its path under the folder, without
/// `.txt`): its names joined by `/`, each as [`id_part`] writes it.
fn text_id(relative: &Path) -> String {
    let mut id = String::new();
    for (i, component) in relative.components().enumerate() {
        if i > 0 {
            id.push('/');
        }
        id_part(&mut id, component.as_os_str());
    }
    id
}

/// Appends a folder or file name to an id: as it is when it is UTF-8;
/// otherwise with U+FFFD for its bad bytes, then `~` and the FNV-1a hash of
/// its bytes in 16 hex digits, so that names that differ only in bad bytes
/// stay apart and each keeps its id from run to run.
fn id_part(id: &mut String, name: &OsStr) {
    match name.to_str() {
        Some(name) => id.push_str(name),
        None => {
            id.push_str(&name.to_string_lossy());
            // On Unix the encoded bytes are the name's own bytes.
            let _ = write!(id, "~{:016x}", fnv1a(name.as_encoded_bytes()));
        }
    }
}

/// Parses one text file into a record with the given id.
/// Its second line is its date when it is nothing but a date that `dates`
/// reads; otherwise it is the body's first line and the article has no
/// date (a folder has no date field to be unreadable).
pub(crate) fn parse_text(
    bytes: &[u8],
    id: String,
    dates: &DateFormat,
) -> Result<Record, IngestErrorKind> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| super::encoding::not_utf8(bytes, e.valid_up_to()))?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rest = text.trim_start();
    let (title, after) = rest.split_once('\n').unwrap_or((rest, ""));
    rest = after;
    let mut date = None;
    let (second, after) = rest.split_once('\n').unwrap_or((rest, ""));
    if let Some(d) = dates.read(second).filter(|_| !second.trim().is_empty()) {
        date = Some(d);
        rest = after;
    }
    let body = rest.trim();
    if body.is_empty() {
        return Err(IngestErrorKind::EmptyField("body".into()));
    }
    let source = id.split_once('/').map(|(folder, _)| folder.to_string());
    Ok(Record {
        id,
        title: title.trim().to_string(),
        body: body.to_string(),
        date: date.map(crate::ingest::ArticleDate::from_tantivy),
        unread_date: None,
        source,
        category: None,
        url: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_date_body() {
        let r = parse_text(
            "\nعنوان الخبر\n2018-03-01\nنص الخبر.\nسطر ثان.\n".as_bytes(),
            "wam/a1".into(),
            &DateFormat::default(),
        )
        .unwrap();
        assert_eq!(r.title, "عنوان الخبر");
        assert_eq!(r.body, "نص الخبر.\nسطر ثان.");
        assert_eq!(r.source.as_deref(), Some("wam"));
        assert!(r.date.is_some());
        let r = parse_text("عنوان\nنص بلا تاريخ".as_bytes(), "a2".into(), &DateFormat::default())
            .unwrap();
        assert_eq!((r.body.as_str(), r.date, r.source), ("نص بلا تاريخ", None, None));
        assert_eq!(
            parse_text("عنوان فقط\n".as_bytes(), "a3".into(), &DateFormat::default()).unwrap_err(),
            IngestErrorKind::EmptyField("body".into())
        );
    }

    #[test]
    fn ids_of_utf8_names_are_the_relative_path() {
        assert_eq!(text_id(Path::new("2018/03/budget")), "2018/03/budget");
        assert_eq!(text_id(Path::new("وام/خبر أول")), "وام/خبر أول");
    }

    #[cfg(unix)]
    #[test]
    fn ids_of_names_that_are_not_utf8_are_distinct_and_fixed() {
        use std::os::unix::ffi::OsStrExt;
        // «مرحبا» and «مرحبب» in Windows-1256: every byte is bad UTF-8, so
        // both read «�����».
        let id = |bytes: &[u8]| text_id(Path::new(OsStr::from_bytes(bytes)));
        assert_eq!(
            id(b"\xe3\xd1\xcd\xc8\xc7"),
            "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}~d4070326ae820bc1"
        );
        assert_eq!(
            id(b"\xe3\xd1\xcd\xc8\xc8"),
            "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}~d406fc26ae81ffdc"
        );
        // Only the name that is not UTF-8 gets a suffix.
        assert_eq!(id(b"wam/\xc7\xe1 x"), "wam/\u{FFFD}\u{FFFD} x~06981bab93bd2545");
    }
}
