//! The library's errors as Python exceptions: the classes of
//! `fahras/_errors.py`, chosen by what went wrong, with the library's
//! message.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

/// The Python exception for an error of an indexing run: a missing file
/// there is a missing input, not a missing index.
pub(crate) fn indexing_err(py: Python<'_>, error: fahras::Error) -> PyErr {
    match &error {
        fahras::Error::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            raise(py, "InputNotFoundError", error.to_string())
        }
        _ => to_py_err(py, error),
    }
}

/// The Python exception for `error`.
pub(crate) fn to_py_err(py: Python<'_>, error: fahras::Error) -> PyErr {
    use fahras::Error as E;
    let class = match &error {
        E::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            "IndexNotFoundError"
        }
        E::NotAnIndex { .. } | E::Missing { .. } => "IndexNotFoundError",
        E::AnalyzerMismatch { .. } => "IndexVersionError",
        E::Locked { .. } => "IndexLockedError",
        e if e.is_request_error() => "InvalidRequestError",
        E::Strict { .. } => "RecordError",
        E::Cancelled => "CancelledError",
        _ => "FahrasError",
    };
    raise(py, class, error.to_string())
}

/// An exception of the class named `class` in `fahras._errors`.
pub(crate) fn raise(py: Python<'_>, class: &str, message: String) -> PyErr {
    let made = py
        .import("fahras._errors")
        .and_then(|module| module.getattr(class))
        .and_then(|class| class.call1((message.clone(),)));
    match made {
        Ok(instance) => PyErr::from_value(instance),
        // The package's Python half is missing (the module imported on its
        // own): still an error with its message.
        Err(_) => PyRuntimeError::new_err(message),
    }
}

/// Turns the library's results into Python's.
pub(crate) trait OrRaise<T> {
    /// The value, or the error as a Python exception.
    fn or_raise(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> OrRaise<T> for fahras::Result<T> {
    fn or_raise(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, e))
    }
}

/// An argument the caller got wrong, as `InvalidRequestError`.
pub(crate) fn invalid(py: Python<'_>, message: impl Into<String>) -> PyErr {
    raise(py, "InvalidRequestError", message.into())
}
