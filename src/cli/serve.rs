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
pub struct ServeArgs {
    #[command(flatten)]
    pub dir: IndexDir,
    /// Address and port to listen on. The default listens on this machine
    /// only; any other address makes the archive readable from the network
    /// (port 0: any free port).
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
    /// Requests worked on at once (default: two per core); more wait their
    /// turn within the time limit.
    #[arg(long, value_name = "N")]
    pub workers: Option<usize>,
}

/// Runs `fahras serve`.
pub fn run(args: ServeArgs) -> Result<Outcome> {
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 3600.0) {
        return Err(Error::Invalid(format!(
            "--timeout {}: expected seconds, more than 0 and at most 3600",
            args.timeout
        )));
    }
    let mut options = ServeOptions::new(args.dir.index.clone());
    options.addr = args.addr;
    options.cors = args.cors.clone();
    options.timeout = Duration::from_secs_f64(args.timeout);
    if let Some(workers) = args.workers {
        if workers == 0 {
            return Err(Error::Invalid("--workers 0: expected 1 or more".into()));
        }
        options.workers = workers;
    }
    if let Err(e) = Engine::open(&args.dir.index) {
        say!("fahras: warning: {e}\nfahras: the API answers 503 until the index can be opened");
    }
    if !args.addr.ip().is_loopback() {
        say!(
            "fahras: warning: listening on {}: anyone who can reach this machine on the network can read the archive",
            args.addr
        );
    }
    server::serve(&options, |bound| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", server::banner(&args.dir.index, bound));
        let _ = out.flush();
    })?;
    Ok(Outcome::Success)
}
