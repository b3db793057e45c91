//! `fahras serve`: the HTTP JSON API and the web page, on the same library
//! calls as the command line.
//!
//! | route | what | library call |
//! |---|---|---|
//! | `GET /` | the page (Arabic first) | |
//! | `GET /assets/{name}` | its script and style, built in | |
//! | `GET /api/search` | ranked hits with snippets, facets | [`Engine::search`] |
//! | `GET /api/articles/{id}` | one article, matches marked | [`Engine::get_marked`] |
//! | `GET /api/timeline` | matches per period | [`Engine::chart`] |
//! | `GET /api/kwic` | concordance lines | [`Engine::kwic`] |
//! | `GET /api/collocates` | words near the matches | [`Engine::collocates`] |
//! | `GET /api/stats` | what the index holds | [`Engine::stats`] |
//! | `GET /api/analyze` | how a text is analyzed | [`crate::analysis::analyze`] |
//!
//! The work of a request runs on tokio's blocking threads, at most
//! [`ServeOptions::workers`] at once, under a time limit; the index is
//! followed by a [`LiveEngine`], so a commit or a reindex is seen by the
//! next request without a restart. The server writes nothing and reads no
//! file by name: the only files it opens are the index's.
//!
//! [`Engine::search`]: crate::searcher::Engine::search
//! [`Engine::get_marked`]: crate::searcher::Engine::get_marked
//! [`Engine::chart`]: crate::searcher::Engine::chart
//! [`Engine::kwic`]: crate::searcher::Engine::kwic
//! [`Engine::collocates`]: crate::searcher::Engine::collocates
//! [`Engine::stats`]: crate::searcher::Engine::stats

mod api;
mod assets;
mod headers;
pub mod html;
mod params;
mod reply;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::get;
use axum::Router;
use tokio::sync::Semaphore;

use crate::error::{Error, Result};
use crate::searcher::live::LiveEngine;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The index folder.
    pub index: PathBuf,
    /// Where to listen (port 0: any free port).
    pub addr: SocketAddr,
    /// An origin allowed to call the API from its pages (CORS); none by
    /// default.
    pub cors: Option<String>,
    /// The longest a request may take before it is answered with an error.
    pub timeout: Duration,
    /// Requests worked on at once (more wait their turn, within the time
    /// limit).
    pub workers: usize,
}

impl ServeOptions {
    /// Serving `index` on loopback port 7700, 10 s a request, two workers
    /// per core.
    pub fn new(index: PathBuf) -> ServeOptions {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ServeOptions {
            index,
            addr: SocketAddr::from(([127, 0, 0, 1], 7700)),
            cors: None,
            timeout: Duration::from_secs(10),
            workers: 2 * cores,
        }
    }
}

/// What every handler shares.
pub(crate) struct Shared {
    pub(crate) live: LiveEngine,
    pub(crate) permits: Arc<Semaphore>,
    pub(crate) timeout: Duration,
    pub(crate) cors: Option<String>,
}

/// The routes, for a server of one's own (`fahras serve` runs them with
/// [`serve`]).
pub fn router(options: &ServeOptions) -> Router {
    let shared = Arc::new(Shared {
        live: LiveEngine::new(&options.index),
        permits: Arc::new(Semaphore::new(options.workers.max(1))),
        timeout: options.timeout,
        cors: options.cors.clone(),
    });
    Router::new()
        .route("/", get(assets::page))
        .route("/assets/{name}", get(assets::asset))
        .route("/api/search", get(api::search))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/timeline", get(api::timeline))
        .route("/api/kwic", get(api::kwic))
        .route("/api/collocates", get(api::collocates))
        .route("/api/stats", get(api::stats))
        .route("/api/analyze", get(api::analyze))
        .fallback(reply::not_found)
        .layer(axum::middleware::from_fn_with_state(shared.clone(), headers::add))
        .with_state(shared)
}

/// Listens on `options.addr` and serves until interrupted (Ctrl-C or
/// SIGTERM), calling `ready` with the address bound once requests are
/// taken.
pub fn serve(options: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("fahras-serve")
        .build()
        .map_err(|e| Error::io("<tokio runtime>", e))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|e| Error::Invalid(format!("cannot listen on {}: {e}", options.addr)))?;
        let bound = listener.local_addr().map_err(|e| Error::io("<socket>", e))?;
        ready(bound);
        axum::serve(listener, router(options))
            .with_graceful_shutdown(stopped())
            .await
            .map_err(|e| Error::io("<socket>", e))
    })
}

/// Resolves on Ctrl-C or SIGTERM.
async fn stopped() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// The first line `fahras serve` prints: the index and the address it
/// answers at (programs that start a server read the address back with
/// [`address_in`]).
pub fn banner(index: &std::path::Path, bound: SocketAddr) -> String {
    format!("fahras: serving {} at http://{bound}/ (Ctrl-C stops)", index.display())
}

/// The base URL (`http://127.0.0.1:7700`) in a [`banner`] line.
pub fn address_in(line: &str) -> Option<&str> {
    let rest = line.split(" at ").nth(1)?;
    Some(rest.split_whitespace().next()?.trim_end_matches('/'))
}
