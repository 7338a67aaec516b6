//! `policy_kit._native`: the Rust half of the Python package.
//!
//! The Python half (`python/policy_kit/__init__.py`) holds the public API,
//! its docstrings and `ExtractError`; this module does the work with the GIL
//! released and hands back JSON text (one `json.loads` is cheaper than building
//! nested dicts object by object) or, for the tables, plain columns. The
//! records and tables are `policy-records`', the same as the CLI's.

use std::collections::HashMap;
use std::path::PathBuf;

use policy_kit::{Limit, Limits, Options};
use policy_records::{ColumnKind, Outcome, Value};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;

/// One input read from a file: `(ok, json)`, the JSON of the document when
/// `ok`, else of the error record. `name` replaces the path in the output.
#[pyfunction]
#[pyo3(signature = (path, name=None, limits=None))]
fn extract_path(
    py: Python<'_>,
    path: PathBuf,
    name: Option<String>,
    limits: Option<HashMap<String, u64>>,
) -> PyResult<(bool, String)> {
    let options = options(limits)?;
    let reported = name.unwrap_or_else(|| path.to_string_lossy().into_owned());
    py.detach(|| {
        let outcome = policy_records::extract_file(&path, reported, &options, false);
        to_record(&outcome)
    })
}

/// One input given as bytes, reported (and its format guessed) as `name`.
#[pyfunction]
#[pyo3(signature = (data, name, limits=None))]
fn extract_bytes(
    py: Python<'_>,
    data: &[u8],
    name: String,
    limits: Option<HashMap<String, u64>>,
) -> PyResult<(bool, String)> {
    let options = options(limits)?;
    // The bytes belong to a Python object, which may not be touched without
    // the GIL: a copy is what lets other Python threads run meanwhile.
    let data = data.to_vec();
    py.detach(|| {
        let outcome = policy_records::extract_bytes(&data, &name, &options, false);
        to_record(&outcome)
    })
}

/// Many files on `jobs` Rust threads (all cores by default), in input order:
/// the JSON array of their documents and error records.
#[pyfunction]
#[pyo3(signature = (paths, jobs=None, limits=None))]
fn extract_many(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    jobs: Option<usize>,
    limits: Option<HashMap<String, u64>>,
) -> PyResult<String> {
    let options = options(limits)?;
    if jobs == Some(0) {
        return Err(PyValueError::new_err("jobs must be at least 1"));
    }
    py.detach(|| {
        let mut pool = rayon::ThreadPoolBuilder::new();
        if let Some(jobs) = jobs {
            pool = pool.num_threads(jobs);
        }
        let pool = pool
            .build()
            .map_err(|err| PyRuntimeError::new_err(format!("cannot start the threads: {err}")))?;
        let outcomes: Vec<Outcome> = pool.install(|| {
            paths
                .par_iter()
                .map(|path| {
                    let reported = path.to_string_lossy().into_owned();
                    policy_records::extract_file(path, reported, &options, false)
                })
                .collect()
        });
        serde_json::to_string(&outcomes).map_err(json_error)
    })
}

/// The tables of a JSON array of documents and error records:
/// `[(table, [(column, kind, values)])]`, kind `text`, `number` or `integer`,
/// values a list with `None` for an empty cell.
#[pyfunction]
fn tables<'py>(py: Python<'py>, records: &str) -> PyResult<Vec<NamedColumns<'py>>> {
    let outcomes: Vec<Outcome> = py
        .detach(|| serde_json::from_str(records))
        .map_err(|err| PyValueError::new_err(format!("not a document or error record: {err}")))?;
    let mut out = Vec::new();
    for table in policy_records::build_tables(&outcomes) {
        let mut columns = Vec::with_capacity(table.header.len());
        for (col_idx, column) in table.header.iter().enumerate() {
            let cells = table.rows.iter().map(|row| row.get(col_idx));
            let (kind, values) = match column.kind {
                ColumnKind::Text => {
                    let values: Vec<Option<&str>> = cells
                        .map(|cell| match cell {
                            Some(Value::Text(s)) => Some(s.as_str()),
                            _ => None,
                        })
                        .collect();
                    ("text", values.into_pyobject(py)?.into_any())
                }
                ColumnKind::Number => {
                    let values: Vec<Option<f64>> = cells
                        .map(|cell| match cell {
                            Some(Value::Number(n)) => Some(*n),
                            _ => None,
                        })
                        .collect();
                    ("number", values.into_pyobject(py)?.into_any())
                }
                ColumnKind::Integer => {
                    // Whole numbers by the column's definition (checked by
                    // policy-records' tests); `as` saturates, never panics.
                    let values: Vec<Option<i64>> = cells
                        .map(|cell| match cell {
                            Some(Value::Number(n)) => Some(*n as i64),
                            _ => None,
                        })
                        .collect();
                    ("integer", values.into_pyobject(py)?.into_any())
                }
            };
            columns.push((column.name, kind, values));
        }
        out.push((table.name, columns));
    }
    Ok(out)
}

/// A table's name and its columns: `(column, kind, values)`.
type NamedColumns<'py> = (
    &'static str,
    Vec<(&'static str, &'static str, Bound<'py, PyAny>)>,
);

/// The library's limits, by name.
#[pyfunction]
fn default_limits() -> HashMap<&'static str, u64> {
    let defaults = Limits::default();
    Limit::ALL
        .into_iter()
        .map(|limit| (limit.name(), defaults.get(limit)))
        .collect()
}

/// The defaults with each named limit in its place; an unknown name is an error.
fn options(limits: Option<HashMap<String, u64>>) -> PyResult<Options> {
    let mut options = Options::default();
    for (name, value) in limits.unwrap_or_default() {
        let Some(limit) = Limit::ALL.into_iter().find(|limit| limit.name() == name) else {
            let names: Vec<&str> = Limit::ALL.into_iter().map(Limit::name).collect();
            return Err(PyValueError::new_err(format!(
                "unknown limit {name:?}: the limits are {}",
                names.join(", ")
            )));
        };
        options.limits.set(limit, value);
    }
    Ok(options)
}

fn to_record(outcome: &Outcome) -> PyResult<(bool, String)> {
    let json = serde_json::to_string(outcome).map_err(json_error)?;
    Ok((outcome.result.is_ok(), json))
}

fn json_error(err: serde_json::Error) -> PyErr {
    PyRuntimeError::new_err(format!("cannot write the document as JSON: {err}"))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract_path, m)?)?;
    m.add_function(wrap_pyfunction!(extract_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(tables, m)?)?;
    m.add_function(wrap_pyfunction!(default_limits, m)?)?;
    Ok(())
}
