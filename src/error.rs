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
    /// A request no input can satisfy: an unknown field, a bad setting.
    #[error("{0}")]
    Invalid(String),
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
        /// The underlying error.
        source: tantivy::TantivyError,
    },
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
    pub fn tantivy_write(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> Error {
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
    pub fn tantivy(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> Error {
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
            source => Error::Tantivy { path, source },
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
