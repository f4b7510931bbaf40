//! `tracemark.fsma`: the FSMA 204 sortable spreadsheet.

use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::errors::IntoPy;
use crate::graph::{keys, table, window};
use crate::record::SignedRecord;
use tracemark::fsma::{CteRow, Selection};
use tracemark::graph::NodeKey;

fn rows(
    records: Vec<SignedRecord>,
    products: Vec<String>,
    lots: Vec<String>,
    since: Option<&str>,
    until: Option<&str>,
) -> PyResult<Vec<CteRow>> {
    let products = products
        .iter()
        .map(|p| p.trim_start_matches("(01)").parse().py())
        .collect::<PyResult<Vec<_>>>()?;
    let lots = keys(&lots)?
        .into_iter()
        .map(|k| match k {
            NodeKey::Lot(l) => Ok(l),
            other => Err(crate::errors::to_py(tracemark::Error::InvalidLot(format!(
                "{other} is not a lot code (01)…(10)…"
            )))),
        })
        .collect::<PyResult<Vec<_>>>()?;
    let records: Vec<_> = records.into_iter().map(|r| r.0).collect();
    let selection = Selection {
        products,
        lots,
        window: window(since, until)?,
    };
    Ok(tracemark::fsma::spreadsheet(&records, &selection))
}

/// The spreadsheet rows for foods (GTINs) and dates, or lot codes: a dict of lists with the
/// documented column names.
#[pyfunction]
#[pyo3(signature = (records, *, products=Vec::new(), lots=Vec::new(), since=None, until=None))]
fn fsma_spreadsheet<'py>(
    py: Python<'py>,
    records: Vec<SignedRecord>,
    products: Vec<String>,
    lots: Vec<String>,
    since: Option<&str>,
    until: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let rows = rows(records, products, lots, since, until)?;
    table(py, &tracemark::fsma::table(&rows))
}

/// The same rows as CSV text, or (`xlsx=True`) as the bytes of an XLSX workbook.
#[pyfunction]
#[pyo3(signature = (records, *, products=Vec::new(), lots=Vec::new(), since=None, until=None, xlsx=false))]
#[allow(clippy::too_many_arguments)]
fn fsma_file<'py>(
    py: Python<'py>,
    records: Vec<SignedRecord>,
    products: Vec<String>,
    lots: Vec<String>,
    since: Option<&str>,
    until: Option<&str>,
    xlsx: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let rows = rows(records, products, lots, since, until)?;
    if xlsx {
        let book = tracemark::fsma::write_xlsx(&rows).py()?;
        return Ok(PyBytes::new(py, &book).into_any());
    }
    let mut out = Vec::new();
    tracemark::fsma::write_csv(&rows, &mut out).py()?;
    Ok(pyo3::types::PyString::new(py, &String::from_utf8_lossy(&out)).into_any())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(fsma_spreadsheet, m)?)?;
    m.add_function(wrap_pyfunction!(fsma_file, m)?)
}
