//! The writer lock of an index folder: one writer (`index`, `reindex`,
//! `optimize`) at a time, taken before anything in the folder is created
//! or changed. Searches never take it.
//!
//! It is an advisory lock on the file `LOCK` at the top of the index
//! folder, taken with `flock(2)` (`File::try_lock`), so the system releases
//! it when its process ends, killed or not: no stale lock to clean up.
//! tantivy's own writer lock, inside a generation, protects that
//! generation; this one also covers creating the first generation and
//! switching generations, where two runs on a new folder used to race.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::Path;

use crate::error::{Error, Result};

/// The lock file's name.
pub(super) const LOCK: &str = "LOCK";

/// A held writer lock; dropping it releases the lock.
#[derive(Debug)]
pub(super) struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Takes the writer lock of the index folder `root` (which must exist),
    /// or fails at once with [`Error::Locked`] when another process holds it.
    pub(super) fn take(root: &Path) -> Result<WriterLock> {
        let path = root.join(LOCK);
        let file =
            OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(
                |e| match e.kind() {
                    ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied => {
                        Error::NotWritable { path: root.to_path_buf(), reason: e.to_string() }
                    }
                    _ => Error::io(&path, e),
                },
            )?;
        match file.try_lock() {
            Ok(()) => Ok(WriterLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(Error::Locked { path: root.to_path_buf() }),
            Err(TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }
}
