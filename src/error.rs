//! `fahras::Error`: what can go wrong in the engine, with the path or line
//! that lets a user fix it.

use std::path::PathBuf;

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An engine error. Its `Display` is one line, meant for a terminal.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The directory exists but is not a Fahras index.
    #[error("{}: not a Fahras index ({reason})", path.display())]
    NotAnIndex {
        /// The directory given as index.
        path: PathBuf,
        /// What is missing or wrong.
        reason: String,
    },
    /// The index was built with other analysis rules than this build's.
    #[error(
        "{}: built with {built}, but this fahras analyzes with {current}; run `fahras reindex --index {}`",
        path.display(),
        path.display()
    )]
    AnalyzerMismatch {
        /// The index directory.
        path: PathBuf,
        /// Settings recorded in the index.
        built: String,
        /// Settings of this build.
        current: String,
    },
    /// Another process holds the index's writer lock.
    #[error("{}: index is locked by another writer (another `fahras index` or `reindex` is running)", path.display())]
    Locked {
        /// The index directory.
        path: PathBuf,
    },
    /// The index cannot be written (read-only filesystem, permissions).
    #[error("{}: cannot write to the index ({reason}); searching it still works", path.display())]
    NotWritable {
        /// The index directory.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// Writing the index failed midway (most often a full disk).
    #[error("{}: writing the index failed ({reason}); the articles committed before are intact: check free disk space and run the same command again", path.display())]
    WriteFailed {
        /// The index directory.
        path: PathBuf,
        /// What failed.
        reason: String,
    },
    /// Files the index needs are gone.
    #[error("{}: {what} is missing; this index cannot be read: index the sources again", path.display())]
    Missing {
        /// The index directory.
        path: PathBuf,
        /// What is missing.
        what: String,
    },
    /// The index files are damaged.
    #[error("{}: index is damaged ({reason}); run `fahras reindex` or index the sources again", path.display())]
    Corrupted {
        /// The index directory.
        path: PathBuf,
        /// What tantivy reported.
        reason: String,
    },
    /// A strict run stopped at its first bad record.
    #[error(
        "{error}; stopped at the first bad record ({})",
        if *committed { "the articles committed before it stay" } else { "nothing was committed" }
    )]
    Strict {
        /// The record and why it was rejected.
        error: crate::ingest::IngestError,
        /// Whether earlier commits of the run stay in the index.
        committed: bool,
    },
    /// The rejects would be written over an input of the run (the same
    /// file, by any link) or into an input folder.
    #[error("{}: the rejects cannot go here: it is, or is inside, the input {}, which would be lost", rejects.display(), input.display())]
    RejectsIsInput {
        /// Where the rejects were to go.
        rejects: PathBuf,
        /// The input it is or is in.
        input: PathBuf,
    },
    /// The rejects file (or a non-empty folder) exists already: it may
    /// hold earlier rejects not yet mended.
    #[error("{}: already exists (earlier rejects?); it is not replaced unless asked", rejects.display())]
    RejectsExist {
        /// The existing file or folder.
        rejects: PathBuf,
    },
    /// The rejects path is not a plain file or folder (a symbolic link, a
    /// pipe, a device): rejects are written beside it under a temporary
    /// name and renamed into place, which would replace what it is.
    #[error("{}: is {what}; the rejects are written to a temporary file beside it and renamed into place, so they need a plain file's or folder's path", rejects.display())]
    RejectsNotPlain {
        /// The path given.
        rejects: PathBuf,
        /// What it is ("a symbolic link", "a pipe", "a device").
        what: &'static str,
    },
    /// A text folder's rejected articles are files: they need a folder.
    #[error("{}: a text folder's rejected articles ({}) are files kept under their names: the rejects must be a folder", rejects.display(), input.display())]
    RejectsNeedFolder {
        /// The rejects file given.
        rejects: PathBuf,
        /// The text folder.
        input: PathBuf,
    },
    /// A request no input can satisfy: a bad setting not named below.
    #[error("{0}")]
    Invalid(String),
    /// An input that cannot be read as it was given: the file (or
    /// `standard input`) and why.
    #[error("{}: {reason}", path.display())]
    UnreadableInput {
        /// The input.
        path: PathBuf,
        /// Why it cannot be read, and what to do instead.
        reason: String,
    },
    /// A line of a file that is not in the form the file must have.
    #[error("{}:{line}: expected {expected}", path.display())]
    BadLine {
        /// The file.
        path: PathBuf,
        /// The line's number, from 1.
        line: usize,
        /// The form a line must have.
        expected: &'static str,
    },
    /// The server cannot listen on the address it was given.
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        /// The address.
        addr: std::net::SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// A name that is none of the names a choice has: a facet, a field to
    /// map or to search.
    #[error("unknown {what} \"{given}\"{role}; {known}")]
    UnknownName {
        /// What was named (`facet`, `field`).
        what: &'static str,
        /// The name given.
        given: String,
        /// What it was named for (` to search`), or nothing.
        role: &'static str,
        /// The names there are, as a clause (`the facets are source, …`).
        known: String,
    },
    /// A count whose query has a filter that cannot be read: counting
    /// without it would count more than was asked.
    #[error("{filter}: not counted without it, which would count more than was asked")]
    UnreadableFilter {
        /// The filter and why it cannot be read.
        filter: String,
    },
    /// A timeline of more periods than can be shown.
    #[error("{periods} periods from {from} to {to}: too many to show; take a longer period or a shorter span")]
    TooManyPeriods {
        /// The periods asked for.
        periods: i64,
        /// The first one's label.
        from: String,
        /// The last one's label.
        to: String,
    },
    /// A timeline split by a facet it cannot split by (the year).
    #[error("a timeline splits by source or category, not by {facet}")]
    CannotSplitBy {
        /// The facet asked for.
        facet: &'static str,
    },
    /// A research feature the index's analyzer cannot serve.
    #[error("{}: {what} need the stems and exact forms of the fahras analyzer; this index was built with {analyzer} (fahras reindex --analyzer fahras rebuilds it)", path.display())]
    NeedsFahrasAnalyzer {
        /// The index directory.
        path: PathBuf,
        /// The feature (`collocates`).
        what: &'static str,
        /// The analyzer the index was built with.
        analyzer: &'static str,
    },
    /// The index was swapped for another generation while a run opened it.
    #[error("{}: a reindex replaced this index while it was being opened; run the command again", path.display())]
    ReplacedWhileOpening {
        /// The index directory.
        path: PathBuf,
    },
    /// The worker threads could not be started.
    #[error("cannot start {threads} threads: {reason}")]
    Threads {
        /// How many were asked for.
        threads: usize,
        /// What the system said.
        reason: String,
    },
    /// The index a server follows cannot be opened now (not built yet,
    /// built by another version, being replaced): the reason.
    #[error("the index cannot be opened: {0}")]
    Unavailable(String),
    /// The caller gave up on the request ([`crate::Cancel::cancel`]): its
    /// work stopped before it was done, and no answer came of it.
    #[error("the request was cancelled before it was done")]
    Cancelled,
    /// An error from tantivy, with the index it concerns.
    #[error("{}: {source}", path.display())]
    Tantivy {
        /// The index directory.
        path: PathBuf,
        /// The underlying error (tantivy's, kept behind a box so that
        /// fahras's API does not name tantivy's types).
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl Error {
    /// Whether the request itself is at fault (a name, a filter, a span it
    /// gave): what the HTTP API answers with 400 and Python raises as
    /// `InvalidRequestError`.
    pub fn is_request_error(&self) -> bool {
        matches!(
            self,
            Error::Invalid(_)
                | Error::BadLine { .. }
                | Error::UnknownName { .. }
                | Error::UnreadableFilter { .. }
                | Error::TooManyPeriods { .. }
                | Error::CannotSplitBy { .. }
                | Error::NeedsFahrasAnalyzer { .. }
        )
    }
}

impl Error {
    /// Wraps an I/O error with its path; a full disk or quota is a failed
    /// write, whatever was being written.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        if is_storage_full(&source) {
            return Error::WriteFailed { path: path.into(), reason: source.to_string() };
        }
        Error::Io { path: path.into(), source }
    }

    /// Wraps an error of tantivy's writer: what tantivy reports only as
    /// text from its writer threads (an internal or system error, a
    /// killed thread) is a failed write, most often a full disk.
    pub(crate) fn tantivy_write(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> Error {
        use tantivy::TantivyError as T;
        match source {
            T::InternalError(ref e) | T::SystemError(ref e) | T::ErrorInThread(ref e) => {
                Error::WriteFailed { path: path.into(), reason: e.clone() }
            }
            source => Error::tantivy(path, source),
        }
    }

    /// Wraps a tantivy error with its index path, recognising the lock,
    /// corruption and I/O cases so the user gets an actionable message.
    pub(crate) fn tantivy(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> Error {
        use tantivy::TantivyError as T;
        let path = path.into();
        if crate::searcher::cancellable::is_cancelled_error(&source) {
            return Error::Cancelled;
        }
        if let Some(io) = io_error_of(&source) {
            if is_storage_full(io) {
                return Error::WriteFailed { path, reason: io.to_string() };
            }
            match io.kind() {
                std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
                    if matches!(source, T::LockFailure(..)) =>
                {
                    return Error::NotWritable { path, reason: io.to_string() };
                }
                _ => {}
            }
        }
        match source {
            T::LockFailure(tantivy::directory::error::LockError::IoError(ref e), _) => {
                Error::NotWritable { path, reason: e.to_string() }
            }
            T::LockFailure(..) => Error::Locked { path },
            T::ErrorInThread(ref e) => {
                Error::WriteFailed { path, reason: format!("a writer thread failed: {e}") }
            }
            T::DataCorruption(ref c) => Error::Corrupted { path, reason: describe_corruption(c) },
            T::OpenReadError(tantivy::directory::error::OpenReadError::FileDoesNotExist(
                ref file,
            )) => Error::Missing { path, what: file.display().to_string() },
            T::OpenReadError(ref e) => Error::Corrupted { path, reason: describe_open(e) },
            T::OpenDirectoryError(ref e) => Error::Corrupted { path, reason: e.to_string() },
            T::IncompatibleIndex(ref e) => Error::Corrupted {
                path,
                reason: format!("written by an incompatible tantivy: {e:?}"),
            },
            T::IoError(ref e) => {
                Error::Io { path, source: std::io::Error::new(e.kind(), e.to_string()) }
            }
            T::OpenWriteError(tantivy::directory::error::OpenWriteError::IoError {
                ref io_error,
                ref filepath,
            }) => Error::Io {
                path: filepath.clone(),
                source: std::io::Error::new(io_error.kind(), io_error.to_string()),
            },
            source => Error::Tantivy { path, source: Box::new(source) },
        }
    }
}

/// Whether an I/O error (or one it wraps) says the disk or quota is full:
/// by its kind, or by the system's code when a wrapper lost the kind.
fn is_storage_full(error: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    // ENOSPC and EDQUOT on Linux.
    const NO_SPACE: i32 = 28;
    const QUOTA: i32 = 122;
    if matches!(error.kind(), ErrorKind::StorageFull | ErrorKind::QuotaExceeded)
        || matches!(error.raw_os_error(), Some(NO_SPACE | QUOTA))
    {
        return true;
    }
    error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<std::io::Error>())
        .is_some_and(is_storage_full)
}

/// The I/O error inside a tantivy error, if any.
fn io_error_of(error: &tantivy::TantivyError) -> Option<&std::io::Error> {
    use tantivy::directory::error::{LockError, OpenReadError, OpenWriteError};
    use tantivy::TantivyError as T;
    match error {
        T::IoError(e) => Some(e),
        T::LockFailure(LockError::IoError(e), _) => Some(e),
        T::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => Some(io_error),
        T::OpenReadError(OpenReadError::IoError { io_error, .. }) => Some(io_error),
        _ => None,
    }
}

/// A corruption report in words. tantivy only formats it with Debug, which
/// quotes the file name Rust-style; the quotes are taken out.
fn describe_corruption(corruption: &tantivy::error::DataCorruption) -> String {
    format!("{corruption:?}")
        .replace("`\"", "`")
        .replace("\"`", "`")
        .replace("Data corruption", "data corruption")
        .trim_end_matches('.')
        .to_string()
}

/// A failure to open a file for reading, in words.
fn describe_open(error: &tantivy::directory::error::OpenReadError) -> String {
    use tantivy::directory::error::OpenReadError as E;
    match error {
        E::FileDoesNotExist(path) => format!("{} is missing", path.display()),
        E::IoError { io_error, filepath } => format!("{}: {io_error}", filepath.display()),
        E::IncompatibleIndex(e) => format!("written by an incompatible tantivy: {e:?}"),
    }
}

#[cfg(test)]
mod request_error_tests {
    use super::*;

    #[test]
    fn the_request_errors_read_as_before_and_are_the_requests_fault() {
        let facet = Error::UnknownName {
            what: "facet",
            given: "color".into(),
            role: "",
            known: "the facets are source, category, year".into(),
        };
        assert_eq!(
            facet.to_string(),
            "unknown facet \"color\"; the facets are source, category, year"
        );
        let field = Error::UnknownName {
            what: "field",
            given: "headline".into(),
            role: " to search",
            known: "the text fields are title, body".into(),
        };
        assert_eq!(
            field.to_string(),
            "unknown field \"headline\" to search; the text fields are title, body"
        );
        let year = Error::CannotSplitBy { facet: "year" };
        assert_eq!(year.to_string(), "a timeline splits by source or category, not by year");
        let span = Error::TooManyPeriods {
            periods: 20_001,
            from: "1970-01-01".into(),
            to: "2024-10-04".into(),
        };
        assert!(span
            .to_string()
            .starts_with("20001 periods from 1970-01-01 to 2024-10-04: too many"));
        for error in [facet, field, year, span, Error::UnreadableFilter { filter: "x".into() }] {
            assert!(error.is_request_error(), "{error}");
        }
        assert!(!Error::Threads { threads: 2, reason: "no".into() }.is_request_error());
        assert!(!Error::Cancelled.is_request_error());
    }
}
