//! [`Cancel`]: a token that tells a long library call to stop.
//!
//! A caller that may give up on a search (a server past its time limit, a
//! client gone, a user's Ctrl-C) puts a `Cancel` in the request's
//! [`QueryOptions::cancel`] and calls [`Cancel::cancel`] when it gives up;
//! the call then stops at its next check (between segments, every few
//! thousand matching articles, every article read) and returns
//! [`Error::Cancelled`]. A cancelled call never returns a partial answer as
//! if it were whole.
//!
//! ```
//! use fahras::Cancel;
//!
//! let cancel = Cancel::new();
//! let seen_by_the_work = cancel.clone();
//! assert!(seen_by_the_work.check().is_ok());
//! {
//!     let _stop_when_dropped = cancel.on_drop();
//! }
//! assert!(seen_by_the_work.is_cancelled());
//! assert!(matches!(seen_by_the_work.check(), Err(fahras::Error::Cancelled)));
//! ```
//!
//! [`QueryOptions::cancel`]: crate::searcher::QueryOptions::cancel

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use crate::error::{Error, Result};

/// A shared flag: clones see the same flag; once cancelled it stays so.
/// [`Default`] is a new token nobody has cancelled.
#[derive(Debug, Clone, Default)]
pub struct Cancel {
    flag: Arc<AtomicBool>,
}

impl Cancel {
    /// A token not cancelled.
    pub fn new() -> Cancel {
        Cancel::default()
    }

    /// Asks every holder of this token to stop.
    pub fn cancel(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }

    /// Returns true if and only if [`Cancel::cancel`] was called on this
    /// token or a clone of it.
    pub fn is_cancelled(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }

    /// `Err(Error::Cancelled)` once cancelled, `Ok(())` before.
    pub fn check(&self) -> Result<()> {
        if self.is_cancelled() {
            Err(Error::Cancelled)
        } else {
            Ok(())
        }
    }

    /// A guard that cancels the token when it is dropped: held by the
    /// future of a request, it stops the work when the request is given
    /// up for any reason (a time limit, a client that went away).
    pub fn on_drop(&self) -> CancelOnDrop {
        CancelOnDrop { cancel: self.clone() }
    }
}

/// Cancels its token when dropped (see [`Cancel::on_drop`]).
#[derive(Debug)]
#[must_use = "the token is cancelled as soon as the guard is dropped"]
pub struct CancelOnDrop {
    cancel: Cancel,
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.cancel.cancel();
    }
}
