//! Who may ask: a request is answered only when its `Host` names this
//! machine (`localhost`, `127.0.0.1`, `[::1]`, any port) or a name the
//! server was told to allow, so a web page whose name was pointed at this
//! machine (DNS rebinding) cannot read the archive through the browser of
//! the person who opened it; and when a browser says which page sent the
//! request (`Origin`), that page must be this server's own or the one
//! origin allowed by CORS. Requests without `Origin` (command-line clients,
//! a browser's own navigation) are answered.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Shared;

/// The names of this machine, always allowed.
pub(super) const LOOPBACK_NAMES: &[&str] = &["localhost", "127.0.0.1", "[::1]"];

/// The names a server answers to.
#[derive(Debug, Clone)]
pub(crate) struct AllowedHosts {
    /// Lowercase, without port.
    names: Vec<String>,
}

impl AllowedHosts {
    /// The loopback names and `extra` (a name, an address, `[v6]`; a port
    /// given with one is ignored: any port is allowed).
    pub(crate) fn new(extra: &[String]) -> AllowedHosts {
        let mut names: Vec<String> = LOOPBACK_NAMES.iter().map(|n| n.to_string()).collect();
        for name in extra {
            let name = host_of(name.trim()).to_ascii_lowercase();
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
        AllowedHosts { names }
    }

    /// Returns true if and only if the authority `host` (`name[:port]`)
    /// names an allowed host.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let name = host_of(host).to_ascii_lowercase();
        let name = name.trim_end_matches('.');
        self.names.iter().any(|allowed| allowed == name)
    }
}

/// The host of an authority, without its port: `[::1]:80` → `[::1]`,
/// `example.org:80` → `example.org`.
fn host_of(authority: &str) -> &str {
    if authority.starts_with('[') {
        return authority.find(']').map_or(authority, |end| &authority[..=end]);
    }
    authority.rsplit_once(':').map_or(authority, |(host, _)| host)
}

/// Refuses a request whose `Host` or `Origin` is not allowed.
pub(super) async fn check(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    match refusal(&shared, request.headers()) {
        Some(refused) => refused,
        None => next.run(request).await,
    }
}

/// The answer refusing a request with these headers, if it is refused.
fn refusal(shared: &Shared, headers: &HeaderMap) -> Option<Response> {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    if !shared.hosts.allows(host) {
        return Some(refuse(
            StatusCode::MISDIRECTED_REQUEST,
            &format!(
                "fahras: this server answers to {} and the names it was started to allow, not to \"{}\"\n",
                LOOPBACK_NAMES.join(", "),
                host.escape_debug()
            ),
        ));
    }
    let origin = headers.get(header::ORIGIN)?;
    let origin = origin.to_str().unwrap_or("");
    let cors = shared.cors.as_deref();
    let own = origin
        .strip_prefix("http://")
        .is_some_and(|authority| authority.eq_ignore_ascii_case(host));
    if own || cors == Some("*") || cors == Some(origin) {
        return None;
    }
    Some(refuse(
        StatusCode::FORBIDDEN,
        &format!(
            "fahras: the pages of {:?} may not call this server (only its own pages, and the origin allowed by CORS)\n",
            origin
        ),
    ))
}

/// A short plain-text refusal.
fn refuse(status: StatusCode, message: &str) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message.to_string())
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_and_the_allowed_ones_pass_with_any_port() {
        let hosts = AllowedHosts::new(&["Archive.Example".into(), "10.0.0.5:7700".into()]);
        for host in [
            "localhost",
            "localhost:7700",
            "LOCALHOST:1",
            "127.0.0.1:7813",
            "[::1]:7700",
            "[::1]",
            "archive.example:80",
            "archive.example.",
            "10.0.0.5:9",
        ] {
            assert!(hosts.allows(host), "{host}");
        }
        for host in [
            "",
            "evil.example:7813",
            "localhost.evil.example",
            "127.0.0.2:7700",
            "[::2]:7700",
            "archive.example.evil",
            "[::1",
        ] {
            assert!(!hosts.allows(host), "{host}");
        }
    }
}
