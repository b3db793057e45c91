//! How an index's files are read: mapped for searching, with `pread` for
//! writers, whose merges would otherwise hold every page of the segments
//! they read in the process's resident memory (see [`PreadFile`]).

use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::OpenReadError;
use tantivy::directory::{Directory, FileHandle, MmapDirectory};

use super::pread::PreadFile;

/// How a [`TolerantDirectory`](super::TolerantDirectory) reads files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reads {
    /// Memory-mapped, as tantivy does: for searching.
    Mapped,
    /// With `pread` into buffers ([`PreadFile`]): for indexing and merging.
    Pread,
}

impl Reads {
    /// Opens the file at `path` (relative to `root`, the folder `mapped`
    /// maps) for reading.
    pub(super) fn open(
        self,
        mapped: &MmapDirectory,
        root: &Path,
        path: &Path,
    ) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if self == Reads::Mapped {
            return mapped.get_file_handle(path);
        }
        match PreadFile::open(&root.join(path)) {
            Ok(file) => Ok(Arc::new(file)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Err(OpenReadError::FileDoesNotExist(path.to_path_buf()))
            }
            Err(e) => Err(OpenReadError::wrap_io_error(e, path.to_path_buf())),
        }
    }
}
