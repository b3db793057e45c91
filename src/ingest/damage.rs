//! Damage stays local: a read error part way through an input (a
//! truncated gzip stream, a CRC mismatch, zstd damage, a failing disk)
//! ends that input after what was read before it, reported as one
//! [`IngestErrorKind::Damaged`] item, and the run goes on with the next.

use std::io::{self, Read};
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::{IngestErrorKind, RawContent, RawItem, RawSource, Unit};
use crate::error::Result;

/// Where a stream broke: complete lines and bytes read before, and why.
#[derive(Debug, Clone)]
pub(crate) struct Damage {
    lines: u64,
    offset: u64,
    reason: String,
}

/// The damage a [`Guarded`] reader met, if any.
pub(crate) type DamageSlot = Arc<Mutex<Option<Damage>>>;

/// A reader that turns its first error into the end of the stream,
/// keeping the error, and the lines and bytes read before it, in a slot.
pub(crate) struct Guarded {
    inner: Box<dyn Read + Send>,
    lines: u64,
    offset: u64,
    slot: DamageSlot,
}

impl Guarded {
    pub(crate) fn new(_path: &Path, inner: Box<dyn Read + Send>) -> Guarded {
        Guarded { inner, lines: 0, offset: 0, slot: Arc::new(Mutex::new(None)) }
    }

    /// The slot the damage will be in.
    pub(crate) fn damage(&self) -> DamageSlot {
        self.slot.clone()
    }
}

impl Read for Guarded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut slot = self.slot.lock().unwrap_or_else(|e| e.into_inner());
        if slot.is_some() {
            return Ok(0);
        }
        loop {
            match self.inner.read(buf) {
                Ok(n) => {
                    self.offset += n as u64;
                    self.lines += buf[..n].iter().filter(|&&b| b == b'\n').count() as u64;
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    *slot = Some(Damage {
                        lines: self.lines,
                        offset: self.offset,
                        reason: e.to_string(),
                    });
                    return Ok(0);
                }
            }
        }
    }
}

/// A source over a [`Guarded`] reader: when it ends, the damage, if any,
/// is one more item.
pub(crate) struct DamageReport {
    path: Arc<Path>,
    inner: Box<dyn RawSource>,
    slot: DamageSlot,
    done: bool,
}

impl DamageReport {
    pub(crate) fn new(path: &Path, inner: Box<dyn RawSource>, slot: DamageSlot) -> DamageReport {
        DamageReport { path: path.into(), inner, slot, done: false }
    }
}

impl RawSource for DamageReport {
    fn next_batch(&mut self, max: usize, out: &mut Vec<RawItem>) -> Result<bool> {
        if self.done {
            return Ok(false);
        }
        if self.inner.next_batch(max, out)? {
            return Ok(true);
        }
        self.done = true;
        let damage = self.slot.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(Damage { lines, offset, reason }) = damage {
            let kind = IngestErrorKind::Damaged {
                after: lines,
                unit: Unit::Line,
                offset: Some(offset),
                reason,
            };
            out.push(RawItem {
                path: self.path.clone(),
                line: lines + 1,
                unit: Unit::Line,
                content: RawContent::Rejected(kind),
            });
        }
        Ok(false)
    }
}

/// An input that could not be opened at all: one item saying why.
pub(crate) struct Failed {
    item: Option<RawItem>,
}

impl Failed {
    pub(crate) fn new(path: &Path, unit: Unit, reason: String) -> Failed {
        let kind = IngestErrorKind::Unreadable(reason);
        let item =
            RawItem { path: path.into(), line: 0, unit, content: RawContent::Rejected(kind) };
        Failed { item: Some(item) }
    }
}

impl RawSource for Failed {
    fn next_batch(&mut self, _max: usize, out: &mut Vec<RawItem>) -> Result<bool> {
        out.extend(self.item.take());
        Ok(false)
    }
}
