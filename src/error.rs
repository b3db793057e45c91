//! `fahras::Error`: what can go wrong in the engine, with the path or line
//! that lets a user fix it.

use std::path::PathBuf;

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An engine error. Its `Display` is one line, meant for a terminal.
#[derive(Debug, thiserror::Error)]
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
    /// The index files are damaged.
    #[error("{}: index is damaged ({reason}); run `fahras reindex` or index the sources again", path.display())]
    Corrupted {
        /// The index directory.
        path: PathBuf,
        /// What tantivy reported.
        reason: String,
    },
    /// The query could not be understood.
    #[error("query error: {0}")]
    Query(String),
    /// A record was rejected in `--strict` mode.
    #[error("{0} (--strict: nothing was committed)")]
    Strict(String),
    /// Bad command-line usage that clap cannot check.
    #[error("{0}")]
    Usage(String),
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
    /// Wraps an I/O error with its path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }

    /// Wraps a tantivy error with its index path, recognising the lock,
    /// corruption and I/O cases so the user gets an actionable message.
    pub fn tantivy(path: impl Into<PathBuf>, source: tantivy::TantivyError) -> Error {
        use tantivy::TantivyError as T;
        let path = path.into();
        let text = source.to_string();
        if text.contains("No space left on device") {
            return Error::WriteFailed { path, reason: "no space left on device".into() };
        }
        if text.contains("index writer was killed") {
            return Error::WriteFailed { path, reason: "a writer thread failed".into() };
        }
        match source {
            T::LockFailure(tantivy::directory::error::LockError::IoError(ref e), _) => {
                Error::NotWritable { path, reason: e.to_string() }
            }
            T::LockFailure(..) => Error::Locked { path },
            T::DataCorruption(ref c) => Error::Corrupted { path, reason: format!("{c:?}") },
            T::OpenReadError(ref e) => Error::Corrupted { path, reason: e.to_string() },
            T::OpenDirectoryError(ref e) => Error::Corrupted { path, reason: e.to_string() },
            T::IncompatibleIndex(ref e) => Error::Corrupted { path, reason: format!("{e:?}") },
            source => Error::Tantivy { path, source },
        }
    }
}
