//! Answers: JSON bodies, JSON errors with their status, and the blocking
//! work behind every API request under its time limit.

use std::sync::Arc;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::Shared;
use crate::error::Error;
use crate::searcher::Engine;

/// An error answer: `{"error": {"status": 400, "message": "…"}}`.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    /// A bad parameter (400).
    pub fn bad(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, message: message.into() }
    }

    /// Nothing there (404).
    pub fn missing(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, message: message.into() }
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> ApiError {
        let status = match &error {
            Error::Invalid(_) => StatusCode::BAD_REQUEST,
            Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError { status, message: error.to_string() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": {"status": self.status.as_u16(), "message": self.message}
        });
        (self.status, json_body(serde_json::to_vec(&body).unwrap_or_default())).into_response()
    }
}

/// A JSON body with its content type.
pub fn json_body(bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json; charset=utf-8")], bytes).into_response()
}

/// `value` serialized.
pub fn to_json(value: &impl Serialize) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: format!("cannot write the answer as JSON: {e}"),
    })
}

/// Runs `work` on the index as it is now, on a blocking thread once one
/// of the workers is free, and answers with the JSON it makes; past the
/// time limit the answer is a 503 saying so (the work itself cannot be
/// interrupted: it finishes, holding its worker, and is dropped).
pub async fn run<F>(shared: Arc<Shared>, work: F) -> Response
where
    F: FnOnce(&Engine) -> Result<Vec<u8>, ApiError> + Send + 'static,
{
    let limit = shared.timeout;
    let task = async move {
        let permit = shared.permits.clone().acquire_owned().await.map_err(|_| ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: "the server is stopping".into(),
        })?;
        let job = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let engine = shared.live.engine()?;
            work(&engine)
        });
        job.await.map_err(|e| ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("the request failed inside the server: {e}"),
        })?
    };
    let answer = match tokio::time::timeout(limit, task).await {
        Ok(answer) => answer,
        Err(_) => Err(ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: format!(
                "the request took longer than the server's limit of {} s (--timeout); ask for less: a narrower query, fewer lines, a shorter span",
                limit.as_secs_f64()
            ),
        }),
    };
    match answer {
        Ok(bytes) => json_body(bytes),
        Err(error) => error.into_response(),
    }
}

/// Any path the server does not have.
pub async fn not_found(uri: axum::http::Uri) -> Response {
    ApiError::missing(format!("no such page or endpoint: {}", uri.path())).into_response()
}
