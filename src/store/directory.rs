//! [`TolerantDirectory`]: tantivy's memory-mapped directory, readable from
//! read-only media.
//!
//! A tantivy reader takes the `META_LOCK` file lock while it loads the list
//! of segments, so that a concurrent writer's garbage collection cannot pull
//! files from under it. On a read-only filesystem (an archive on a DVD or a
//! read-only NFS export) the lock file cannot be created and the reader
//! fails. No writer can change such a directory either, so when creating the
//! lock fails with an I/O error (not because another process holds it), this
//! wrapper proceeds without it.
//!
//! How it reads files is [`Reads`]'s business.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
};

use super::reads::Reads;

/// A [`MmapDirectory`] whose locks give way on read-only filesystems.
#[derive(Clone, Debug)]
pub(crate) struct TolerantDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    reads: Reads,
}

impl TolerantDirectory {
    /// Opens the directory at `path`.
    pub(crate) fn open(
        path: &Path,
        reads: Reads,
    ) -> Result<TolerantDirectory, tantivy::directory::error::OpenDirectoryError> {
        Ok(TolerantDirectory { inner: MmapDirectory::open(path)?, root: path.to_path_buf(), reads })
    }
}

impl Directory for TolerantDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.reads.open(&self.inner, &self.root, path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            // Only the readers' lock gives way: a writer on a read-only
            // directory must fail, and does.
            Err(LockError::IoError(_)) if lock.filepath == META_LOCK.filepath => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}
