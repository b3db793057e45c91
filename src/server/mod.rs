//! `fahras serve`: the HTTP JSON API and the web page, on the same library
//! calls as the command line.
//!
//! Only with the `server` feature (on by default).
//!
//! | route | what | library call |
//! |---|---|---|
//! | `GET /` | the page (Arabic first) | |
//! | `GET /assets/{name}` | its script and style, built in | |
//! | `GET /api/search` | ranked hits with snippets, facets | [`Engine::search`] |
//! | `GET /api/articles/{id}` | one article, matches marked | [`Engine::get_marked`] |
//! | `GET /api/timeline` | matches per period, with the archive's articles | [`research::chart`] |
//! | `GET /api/coverage` | the archive's articles per period and outlet | [`research::coverage`] |
//! | `GET /api/kwic` | concordance lines | [`research::kwic`] |
//! | `GET /api/collocates` | words near the matches | [`research::collocates`] |
//! | `GET /api/keywords` | words `q`'s articles use more than `vs`'s (or the rest) | [`research::keywords`] |
//! | `GET /api/words` | the words or n-grams of the matching articles | [`research::words`] |
//! | `GET /api/dispersion` | the matches spread over outlets or periods | [`research::dispersion`] |
//! | `GET /api/stats` | what the index holds | [`research::stats`] |
//! | `GET /api/analyze` | how a text is analyzed | [`crate::analysis::analyze`] |
//!
//! The work of a request runs on tokio's blocking threads, at most
//! [`ServeOptions::workers`] plain requests at once and, for each
//! expensive endpoint, [`ServeOptions::heavy`] (more are answered 429 at
//! once), under a time limit past which the work is cancelled, as it is
//! when the client goes away. Connections are capped and must send their
//! headers in time; only requests for this machine's names, from no page
//! or its own pages, are answered. The index is followed by a
//! [`LiveEngine`], so a commit or a reindex is seen by the next request
//! without a restart. The server writes nothing and reads no file by name:
//! the only files it opens are the index's.
//!
//! [`Engine::search`]: crate::searcher::Engine::search
//! [`Engine::get_marked`]: crate::searcher::Engine::get_marked
//! [`research::chart`]: crate::research::chart()
//! [`research::coverage`]: crate::research::coverage()
//! [`research::kwic`]: crate::research::kwic()
//! [`research::collocates`]: crate::research::collocates()
//! [`research::keywords`]: crate::research::keywords()
//! [`research::words`]: crate::research::words()
//! [`research::dispersion`]: crate::research::dispersion()
//! [`research::stats`]: crate::research::stats()

mod api;
mod arabic;
mod assets;
mod gate;
mod headers;
mod host;
pub(crate) mod html;
mod listen;
mod params;
mod reply;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::get;
use axum::Router;

use self::gate::Gates;
use self::host::AllowedHosts;
use self::listen::ConnectionLimits;
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
    /// Plain requests worked on at once (more wait their turn, within the
    /// time limit).
    pub workers: usize,
    /// Expensive requests (timeline, kwic, collocates, searches that
    /// expand words) worked on at once, per endpoint.
    pub heavy: usize,
    /// Expensive requests waiting their turn, per endpoint; any more are
    /// answered 429 with `Retry-After`.
    pub heavy_queue: usize,
    /// Connections open at once; past it the one idle the longest is
    /// closed, or the new one refused when none is idle.
    pub max_connections: usize,
    /// Longest wait for a request's headers, and longest a kept-alive
    /// connection stays open idle.
    pub header_timeout: Duration,
    /// Host names (or addresses) answered besides `localhost`,
    /// `127.0.0.1` and `[::1]`.
    pub allow_hosts: Vec<String>,
}

impl ServeOptions {
    /// Serving `index` on loopback port 7700, 10 s a request, two workers
    /// per core, one expensive request per endpoint per two cores (four
    /// more waiting), 256 connections, 10 s to send headers.
    pub fn new(index: PathBuf) -> ServeOptions {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        ServeOptions {
            index,
            addr: SocketAddr::from(([127, 0, 0, 1], 7700)),
            cors: None,
            timeout: Duration::from_secs(10),
            workers: 2 * cores,
            heavy: cores.div_ceil(2),
            heavy_queue: 4,
            max_connections: 256,
            header_timeout: Duration::from_secs(10),
            allow_hosts: Vec::new(),
        }
    }
}

/// What every handler shares.
pub(crate) struct Shared {
    pub(crate) live: LiveEngine,
    pub(crate) gates: Gates,
    pub(crate) timeout: Duration,
    pub(crate) cors: Option<String>,
    pub(crate) hosts: AllowedHosts,
}

/// The routes, for a server of one's own (`fahras serve` runs them with
/// [`serve`]).
pub fn router(options: &ServeOptions) -> Router {
    let shared = Arc::new(Shared {
        live: LiveEngine::new(&options.index),
        gates: Gates::new(options.workers, options.heavy, options.heavy_queue),
        timeout: options.timeout,
        cors: options.cors.clone(),
        hosts: AllowedHosts::new(&options.allow_hosts),
    });
    Router::new()
        .route("/", get(assets::page))
        .route("/assets/{name}", get(assets::asset))
        .route("/api/search", get(api::search))
        .route("/api/articles/{id}", get(api::article))
        .route("/api/timeline", get(api::timeline))
        .route("/api/coverage", get(api::coverage))
        .route("/api/kwic", get(api::kwic))
        .route("/api/collocates", get(api::collocates))
        .route("/api/keywords", get(api::keywords))
        .route("/api/words", get(api::words))
        .route("/api/dispersion", get(api::dispersion))
        .route("/api/stats", get(api::stats))
        .route("/api/analyze", get(api::analyze))
        .fallback(reply::not_found)
        .layer(axum::middleware::from_fn_with_state(shared.clone(), host::check))
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
        let listener = listen::bind(options.addr)
            .map_err(|source| Error::Listen { addr: options.addr, source })?;
        let bound = listener.local_addr().map_err(|e| Error::io("<socket>", e))?;
        ready(bound);
        let limits = ConnectionLimits {
            max_connections: options.max_connections,
            header_timeout: options.header_timeout,
            drain: options.timeout + Duration::from_secs(1),
        };
        listen::serve(listener, router(options), limits, stopped()).await;
        Ok(())
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
