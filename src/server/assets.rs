//! The page's files, built into the binary: a request names one of them
//! or gets a 404; no path reaches the filesystem.

use axum::extract::Path;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

use super::reply::ApiError;

/// (name, content type, bytes) of every asset.
const ASSETS: &[(&str, &str, &str)] = &[
    ("app.js", "text/javascript; charset=utf-8", include_str!("page/app.js")),
    ("tables.js", "text/javascript; charset=utf-8", include_str!("page/tables.js")),
    ("kwic.js", "text/javascript; charset=utf-8", include_str!("page/kwic.js")),
    ("desk.js", "text/javascript; charset=utf-8", include_str!("page/desk.js")),
    ("help.js", "text/javascript; charset=utf-8", include_str!("page/help.js")),
    ("brush.js", "text/javascript; charset=utf-8", include_str!("page/brush.js")),
    ("app.css", "text/css; charset=utf-8", include_str!("page/app.css")),
];

/// `GET /`: the page. Everything it shows comes from the API.
pub(super) async fn page() -> Response {
    with_type("text/html; charset=utf-8", include_str!("page/index.html"))
}

/// `GET /assets/{name}`.
pub(super) async fn asset(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, kind, body)) => with_type(kind, body),
        None => ApiError::missing(format!("no asset named \"{name}\"")).into_response(),
    }
}

fn with_type(kind: &'static str, body: &'static str) -> Response {
    let mut response = ([(header::CONTENT_TYPE, kind)], body).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}
