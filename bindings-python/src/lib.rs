//! Python bindings for tracemark: the native module `tracemark._core`, re-exported by the
//! pure-Python package `tracemark`. Type conversion and error mapping only, one Rust module per
//! core module; anything computed belongs in the core, where all three languages share it.

mod chain;
mod epcis;
mod errors;
mod fsma;
mod graph;
mod gs1;
mod ids;
mod json;
mod keys;
mod outbreak;
mod recall;
mod record;
mod synth;
mod trust;
mod verify;

use pyo3::prelude::*;

/// The native half of the `tracemark` package.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    keys::register(m)?;
    ids::register(m)?;
    gs1::register(m)?;
    epcis::register(m)?;
    record::register(m)?;
    trust::register(m)?;
    verify::register(m)?;
    chain::register(m)?;
    graph::register(m)?;
    recall::register(m)?;
    fsma::register(m)?;
    outbreak::register(m)?;
    synth::register(m)?;
    m.add("ERROR_CODES", tracemark::Error::CODES.to_vec())?;
    m.add(
        "FINDING_CODES",
        tracemark::verify::FindingCode::ALL
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>(),
    )?;
    Ok(())
}
