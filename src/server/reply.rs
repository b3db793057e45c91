//! Answers: JSON bodies, JSON errors with their status, and the blocking
//! work behind every API request under its time limit.

use std::sync::Arc;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::gate::Cost;
use super::Shared;
use crate::cancel::Cancel;
use crate::error::Error;
use crate::searcher::Engine;

/// An error answer: `{"error": {"status": 400, "message": "…",
/// "message_ar": "…"}}`, the English for API users and the Arabic the page
/// shows.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
    /// The Arabic, or none: then the status's meaning is said in Arabic.
    arabic: Option<String>,
    /// Seconds to wait before trying again (`Retry-After`).
    retry_after: Option<u64>,
}

impl ApiError {
    /// An answer of `status` saying `message`.
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into(), arabic: None, retry_after: None }
    }

    /// The same, saying `arabic` on the page.
    pub(crate) fn ar(self, arabic: impl Into<String>) -> ApiError {
        ApiError { arabic: Some(arabic.into()), ..self }
    }

    /// The same, asking the client to wait `seconds` before trying again.
    pub(crate) fn retry_after(self, seconds: u64) -> ApiError {
        ApiError { retry_after: Some(seconds), ..self }
    }

    /// A bad parameter (400).
    pub(crate) fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// Nothing there (404).
    pub(crate) fn missing(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> ApiError {
        let status = match &error {
            e if e.is_request_error() => StatusCode::BAD_REQUEST,
            Error::Unavailable(_) | Error::Cancelled => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, error.to_string()).ar(super::arabic::error(&error))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let arabic = self.arabic.unwrap_or_else(|| super::arabic::status(self.status).to_string());
        let body = serde_json::json!({
            "error": {"status": self.status.as_u16(), "message": self.message, "message_ar": arabic}
        });
        let mut response =
            (self.status, json_body(serde_json::to_vec(&body).unwrap_or_default())).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

/// A JSON body with its content type.
pub(super) fn json_body(bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json; charset=utf-8")], bytes).into_response()
}

/// `value` serialized.
pub(super) fn to_json(value: &impl Serialize) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot write the answer as JSON: {e}"),
        )
    })
}

/// Runs `work` on the index as it is now, on a blocking thread once its
/// turn comes (see [`Gates`]), and answers with the JSON it makes. An
/// expensive request over its gate's queue is answered 429 at once. Past
/// the time limit the answer is a 503 saying so; then, or when the client
/// goes away (the answer's future is dropped), `cancel` fires and the work
/// stops at its next check, giving its worker back.
///
/// [`Gates`]: super::gate::Gates
pub(super) async fn run<F>(shared: Arc<Shared>, cost: Cost, cancel: Cancel, work: F) -> Response
where
    F: FnOnce(&Engine) -> Result<Vec<u8>, ApiError> + Send + 'static,
{
    // Fires however this future ends: answered, timed out or dropped.
    let _stop_the_work = cancel.on_drop();
    let ticket = match shared.gates.enter(cost) {
        Ok(ticket) => ticket,
        Err(busy) => return busy.into_response(),
    };
    let limit = shared.timeout;
    let task = async move {
        let turn = ticket.turn().await?;
        let job = tokio::task::spawn_blocking(move || {
            let _turn = turn;
            let engine = shared.live.engine()?;
            work(&engine)
        });
        job.await.map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the request failed inside the server: {e}"),
            )
        })?
    };
    let answer = match tokio::time::timeout(limit, task).await {
        Ok(answer) => answer,
        Err(_) => Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the request took longer than the server's limit of {} s (--timeout); ask for less: a narrower query, fewer lines, a shorter span",
                limit.as_secs_f64()
            ),
        )
        .ar(super::arabic::too_slow(limit.as_secs_f64()))),
    };
    match answer {
        Ok(bytes) => json_body(bytes),
        Err(error) => error.into_response(),
    }
}

/// Any path the server does not have.
pub(super) async fn not_found(uri: axum::http::Uri) -> Response {
    ApiError::missing(format!("no such page or endpoint: {}", uri.path())).into_response()
}
