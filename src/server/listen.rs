//! The connections: accepted up to a cap, each served by hyper's HTTP/1.1
//! with a time limit on reading a request's headers (which is also how long
//! a kept-alive connection may sit idle), and closed at shutdown.
//!
//! At the cap a new connection does not wait behind the idle ones: the one
//! idle the longest (no request being answered on it, whether it sent
//! nothing, half a request line, or its last answer long ago) is closed to
//! make room. Only when every connection has a request being worked on is
//! the new one refused, at once, with a 503. A process out of file
//! descriptors is treated the same way, so a flood of idle sockets cannot
//! keep a request out.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use hyper::body::Incoming;
use hyper::service::Service as _;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::{oneshot, watch};

/// The limits on connections.
#[derive(Debug, Clone, Copy)]
pub(super) struct ConnectionLimits {
    /// Connections open at once.
    pub max_connections: usize,
    /// Longest wait for a request's headers, on a new connection or a
    /// kept-alive one.
    pub header_timeout: Duration,
    /// Longest wait at shutdown for the requests being answered.
    pub drain: Duration,
}

/// What the accept loop knows of one connection.
struct Entry {
    state: Arc<ConnectionState>,
    /// Dropping it closes the connection.
    _close: oneshot::Sender<()>,
}

/// Shared by a connection's task and the accept loop.
struct ConnectionState {
    /// Requests being answered on it.
    busy: AtomicUsize,
    /// When its last request was answered (or it opened), in ms since the
    /// server started.
    idle_since_ms: AtomicU64,
}

/// The open connections.
struct Registry {
    started: Instant,
    next_id: u64,
    open: HashMap<u64, Entry>,
}

/// Milliseconds since `started`.
fn ms_since(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

impl Registry {
    /// Closes the connection idle the longest; false if every one is busy.
    fn close_oldest_idle(&mut self) -> bool {
        let oldest = self
            .open
            .iter()
            .filter(|(_, e)| e.state.busy.load(Ordering::Acquire) == 0)
            .min_by_key(|(id, e)| (e.state.idle_since_ms.load(Ordering::Acquire), **id))
            .map(|(id, _)| *id);
        oldest.is_some_and(|id| self.open.remove(&id).is_some())
    }
}

/// Marks its connection busy while a request is answered.
struct Busy {
    state: Arc<ConnectionState>,
    started: Instant,
}

impl Busy {
    fn new(state: Arc<ConnectionState>, started: Instant) -> Busy {
        state.busy.fetch_add(1, Ordering::AcqRel);
        Busy { state, started }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.state.idle_since_ms.store(ms_since(self.started), Ordering::Release);
        self.state.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

fn lock(registry: &Mutex<Registry>) -> std::sync::MutexGuard<'_, Registry> {
    registry.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Connections the system may hold for the server before it takes them
/// (a burst of them would otherwise wait out a SYN retry, a second).
pub(super) const BACKLOG: u32 = 1024;

/// Listens on `addr` with a [`BACKLOG`].
pub(super) fn bind(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = if addr.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// Serves `app` on `listener` within `limits` until `stop` resolves, then
/// lets the requests being answered finish (for at most `limits.drain`).
pub(super) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    stop: impl Future<Output = ()>,
) {
    let registry = Arc::new(Mutex::new(Registry {
        started: Instant::now(),
        next_id: 0,
        open: HashMap::new(),
    }));
    let (stopping, stop_seen) = watch::channel(false);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).keep_alive(true);
    let max = limits.max_connections.max(1);
    tokio::pin!(stop);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(error) => {
                if out_of_descriptors(&error) && lock(&registry).close_oldest_idle() {
                    // Its descriptor is freed when its task ends.
                    tokio::task::yield_now().await;
                } else {
                    // Nothing to close (or a passing error): try again soon.
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
                continue;
            }
        };
        let (close, closed) = oneshot::channel();
        let state = {
            let mut open = lock(&registry);
            if open.open.len() >= max && !open.close_oldest_idle() {
                drop(open);
                refuse(stream);
                continue;
            }
            let state = Arc::new(ConnectionState {
                busy: AtomicUsize::new(0),
                idle_since_ms: AtomicU64::new(ms_since(open.started)),
            });
            let id = open.next_id;
            open.next_id += 1;
            open.open.insert(id, Entry { state: state.clone(), _close: close });
            (id, state)
        };
        tokio::spawn(connection(
            stream,
            state,
            app.clone(),
            http.clone(),
            registry.clone(),
            closed,
            stop_seen.clone(),
        ));
    }
    drop(listener);
    let _ = stopping.send(true);
    let deadline = Instant::now() + limits.drain;
    while !lock(&registry).open.is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Serves one connection until it ends, is closed to make room, or the
/// server stops.
async fn connection(
    stream: TcpStream,
    (id, state): (u64, Arc<ConnectionState>),
    app: Router,
    http: hyper::server::conn::http1::Builder,
    registry: Arc<Mutex<Registry>>,
    closed: oneshot::Receiver<()>,
    mut stop: watch::Receiver<bool>,
) {
    let service = TowerToHyperService::new(app);
    let started = lock(&registry).started;
    let counted = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
        let busy = Busy::new(state.clone(), started);
        let answer = service.call(request);
        async move {
            let response = answer.await;
            drop(busy);
            response
        }
    });
    let served = http.serve_connection(TokioIo::new(stream), counted);
    tokio::pin!(served);
    let stopping = async move {
        let _ = stop.wait_for(|stopping| *stopping).await;
    };
    tokio::select! {
        _ = served.as_mut() => {}
        // Closed to make room: dropping the connection closes its socket.
        _ = closed => {}
        () = stopping => {
            served.as_mut().graceful_shutdown();
            let _ = served.await;
        }
    }
    lock(&registry).open.remove(&id);
}

/// Answers a connection over the cap with a 503 if its socket takes the
/// bytes now, and closes it.
fn refuse(stream: TcpStream) {
    const BODY: &str = "{\"error\":{\"status\":503,\"message\":\"the server is answering as many requests as it takes; try again\"}}";
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nRetry-After: 1\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{BODY}",
        BODY.len()
    );
    let _ = stream.try_write(answer.as_bytes());
}

/// Returns true if and only if `error` says the process (or system) has no
/// file descriptor left for a new socket.
fn out_of_descriptors(error: &io::Error) -> bool {
    // EMFILE and ENFILE on Linux and the BSDs.
    const PROCESS_LIMIT: i32 = 24;
    const SYSTEM_LIMIT: i32 = 23;
    matches!(error.raw_os_error(), Some(PROCESS_LIMIT | SYSTEM_LIMIT))
}
