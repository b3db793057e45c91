//! The expensive requests (timelines, concordances, collocates, keywords,
//! word lists, dispersions, and
//! searches that expand words: `word*`, `word~`, `fuzzy`) each go through
//! their endpoint's gate: a few worked on at once, a few more waiting, and
//! any beyond answered at once with 429 and `Retry-After`, rather than left
//! to wait out the time limit. Plain requests take the other workers, so a
//! plain search is answered while the expensive ones queue.

use std::sync::Arc;

use axum::http::StatusCode;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::reply::ApiError;

/// Seconds a client told 429 is asked to wait before trying again.
pub(super) const RETRY_AFTER_SECONDS: u64 = 2;

/// What a request costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cost {
    /// A plain search, an article, the stats: one of the workers.
    Light,
    /// Through the gate of this endpoint.
    Heavy(Endpoint),
}

/// The endpoints with a gate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Endpoint {
    /// `/api/search` expanding words.
    Search,
    /// `/api/timeline`.
    Timeline,
    /// `/api/kwic`.
    Kwic,
    /// `/api/collocates`.
    Collocates,
    /// `/api/coverage`.
    Coverage,
    /// `/api/keywords`.
    Keywords,
    /// `/api/words`.
    Words,
    /// `/api/dispersion`.
    Dispersion,
}

impl Endpoint {
    fn path(self) -> &'static str {
        match self {
            Endpoint::Search => "/api/search (word*, word~ or fuzzy)",
            Endpoint::Timeline => "/api/timeline",
            Endpoint::Kwic => "/api/kwic",
            Endpoint::Collocates => "/api/collocates",
            Endpoint::Coverage => "/api/coverage",
            Endpoint::Keywords => "/api/keywords",
            Endpoint::Words => "/api/words",
            Endpoint::Dispersion => "/api/dispersion",
        }
    }
}

/// The cost of a search of `query`: heavy when it expands words.
pub(super) fn search_cost(query: &str, fuzzy: bool) -> Cost {
    let expands = query.contains('~') || (query.contains('*') && query.trim() != "*");
    if fuzzy || expands {
        Cost::Heavy(Endpoint::Search)
    } else {
        Cost::Light
    }
}

/// One endpoint's gate.
struct Gate {
    /// Requests running or waiting.
    admitted: Arc<Semaphore>,
    /// Requests running.
    running: Arc<Semaphore>,
    limit: usize,
    queue: usize,
}

/// The gates and the plain workers.
pub(crate) struct Gates {
    workers: Arc<Semaphore>,
    gates: [Gate; 8],
}

/// A request admitted, waiting for its turn.
pub(crate) struct Ticket {
    admitted: Option<OwnedSemaphorePermit>,
    running: Arc<Semaphore>,
}

/// A request's turn: held by its work until the work ends.
pub(crate) struct Turn {
    _admitted: Option<OwnedSemaphorePermit>,
    _running: OwnedSemaphorePermit,
}

impl Gates {
    /// `workers` plain requests at once; for each expensive endpoint,
    /// `heavy` at once and `queue` more waiting.
    pub(crate) fn new(workers: usize, heavy: usize, queue: usize) -> Gates {
        let gate = || Gate {
            admitted: Arc::new(Semaphore::new(heavy.max(1) + queue)),
            running: Arc::new(Semaphore::new(heavy.max(1))),
            limit: heavy.max(1),
            queue,
        };
        Gates {
            workers: Arc::new(Semaphore::new(workers.max(1))),
            gates: [gate(), gate(), gate(), gate(), gate(), gate(), gate(), gate()],
        }
    }

    /// Admits a request of `cost`, or answers 429 at once when its gate is
    /// full.
    pub(crate) fn enter(&self, cost: Cost) -> Result<Ticket, ApiError> {
        let endpoint = match cost {
            Cost::Light => return Ok(Ticket { admitted: None, running: self.workers.clone() }),
            Cost::Heavy(endpoint) => endpoint,
        };
        let gate = &self.gates[endpoint as usize];
        let admitted = gate.admitted.clone().try_acquire_owned().map_err(|_| {
            ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "too many {} requests at once ({} worked on, {} waiting); try again in {RETRY_AFTER_SECONDS} s",
                    endpoint.path(),
                    gate.limit,
                    gate.queue
                ),
            )
            .ar(format!(
                "الخادم مشغول بطلبات مثل هذا ({} قيد العمل و{} في الانتظار)؛ أعد المحاولة بعد {RETRY_AFTER_SECONDS} ث",
                gate.limit, gate.queue
            ))
            .retry_after(RETRY_AFTER_SECONDS)
        })?;
        Ok(Ticket { admitted: Some(admitted), running: gate.running.clone() })
    }
}

impl Ticket {
    /// Waits for the request's turn.
    pub(crate) async fn turn(self) -> Result<Turn, ApiError> {
        let running = self.running.acquire_owned().await.map_err(|_| {
            ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "the server is stopping")
                .ar("الخادم يتوقف")
        })?;
        Ok(Turn { _admitted: self.admitted, _running: running })
    }
}
