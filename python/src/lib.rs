//! The native half of the `fahras` Python package: the library's calls,
//! answering with the JSON shapes of the command line's `--json`. The
//! package's Python half (`fahras/__init__.py`) gives them their documented
//! keyword arguments and turns their answers into hits and tables.

mod convert;
mod errors;
mod index;
mod indexing;
mod options;

use pyo3::prelude::*;

use fahras::analysis::{analyze as analyze_text, NamedChain};

use crate::convert::serialized;
use crate::options::named;

/// `fahras analyze --json`: the terms `analyzer` makes of `text`.
#[pyfunction]
fn analyze<'py>(py: Python<'py>, text: &str, analyzer: &str) -> PyResult<Bound<'py, PyAny>> {
    let chain = named::<NamedChain>(py, "analyzer", analyzer)?;
    serialized(py, &analyze_text(chain, text))
}

/// The module.
#[pymodule]
fn _fahras(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<index::Index>()?;
    m.add_class::<index::Export>()?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(indexing::index_files, m)?)?;
    Ok(())
}
