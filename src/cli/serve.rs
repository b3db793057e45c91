//! `fahras serve`: the HTTP API and the web page.

use std::io::Write as _;
use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;

use super::{IndexDir, Outcome};
use fahras::error::{Error, Result};
use fahras::searcher::Engine;
use fahras::server::{self, ServeOptions};

/// Serve an index over HTTP: a JSON API (/api/search, /api/articles/ID,
/// /api/timeline, /api/kwic, /api/collocates, /api/stats, /api/analyze)
/// and an Arabic web page at /. Read-only; follows the index as it is
/// indexed or reindexed, with no restart. Stop it with Ctrl-C.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// Address and port to listen on. The default listens on this machine
    /// only; any other address makes the archive readable from the network
    /// (port 0: any free port), and needs --allow-host for the name or
    /// address clients use.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:7700")]
    pub addr: SocketAddr,
    /// Let the pages of this origin (`https://example.org`) call the API
    /// from a browser (CORS). None by default.
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
    /// Longest a request may take, in seconds, before it is answered with
    /// an error (503) saying so.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub timeout: f64,
    /// Plain requests worked on at once (default: two per core); more wait
    /// their turn within the time limit.
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
    /// Also answer requests for this host name or address (repeatable).
    ///
    /// Only requests whose Host is localhost, 127.0.0.1 or [::1] (any
    /// port) are answered otherwise, so that a web page cannot reach the
    /// archive by pointing its own name at this machine (DNS rebinding).
    /// Needed with an --addr other than loopback: the name or address the
    /// clients type, e.g. --allow-host archive.lan --allow-host 10.0.0.5.
    #[arg(long = "allow-host", value_name = "NAME")]
    pub allow_hosts: Vec<String>,
    /// Expensive requests worked on at once, per endpoint (default: one
    /// per two cores).
    ///
    /// Expensive: /api/timeline, /api/kwic, /api/collocates, and searches
    /// that expand words (word*, word~, fuzzy). Past these and
    /// --heavy-queue waiting, the answer is 429 with Retry-After.
    #[arg(long, value_name = "N")]
    pub heavy: Option<usize>,
    /// Expensive requests waiting their turn, per endpoint.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub heavy_queue: usize,
    /// Connections open at once.
    ///
    /// Past it the connection idle the longest is closed to make room (or
    /// the new one refused with 503 when every one has a request being
    /// answered). Keep it under the process's file limit (ulimit -n).
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub max_connections: usize,
    /// Longest a client may take to send a request's headers, in seconds;
    /// also how long an idle kept-alive connection stays open.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub header_timeout: f64,
}

/// Runs `fahras serve`.
pub(crate) fn run(args: ServeArgs) -> Result<Outcome> {
    for (flag, seconds) in [("--timeout", args.timeout), ("--header-timeout", args.header_timeout)]
    {
        if !(seconds.is_finite() && seconds > 0.0 && seconds <= 3600.0) {
            return Err(Error::Invalid(format!(
                "{flag} {seconds}: expected seconds, more than 0 and at most 3600"
            )));
        }
    }
    for (flag, n) in [
        ("--heavy", args.heavy.unwrap_or(1)),
        ("--max-connections", args.max_connections),
        ("--workers", args.workers.unwrap_or(1)),
    ] {
        if n == 0 {
            return Err(Error::Invalid(format!("{flag} 0: expected 1 or more")));
        }
    }
    let mut options = ServeOptions::new(args.dir.index.clone());
    options.addr = args.addr;
    options.cors = args.cors.clone();
    options.timeout = Duration::from_secs_f64(args.timeout);
    if let Some(workers) = args.workers {
        options.workers = workers;
    }
    if let Some(heavy) = args.heavy {
        options.heavy = heavy;
    }
    options.heavy_queue = args.heavy_queue;
    options.max_connections = args.max_connections;
    options.header_timeout = Duration::from_secs_f64(args.header_timeout);
    options.allow_hosts = args.allow_hosts.clone();
    if let Err(e) = Engine::open(&args.dir.index) {
        say!("fahras: warning: {e}\nfahras: the API answers 503 until the index can be opened");
    }
    if !args.addr.ip().is_loopback() {
        say!(
            "fahras: warning: listening on {}: anyone who can reach this machine on the network can read the archive",
            args.addr
        );
        if args.allow_hosts.is_empty() {
            say!(
                "fahras: warning: only requests for localhost, 127.0.0.1 and [::1] are answered; give --allow-host with the name or address clients use"
            );
        }
    }
    server::serve(&options, |bound| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", server::banner(&args.dir.index, bound));
        let _ = out.flush();
    })?;
    Ok(Outcome::Success)
}
