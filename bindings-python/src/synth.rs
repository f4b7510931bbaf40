//! `tracemark.synth`: seeded synthetic supply chains, the same as the demo's and the benches'.

use pyo3::prelude::*;

use crate::errors::IntoPy;
use crate::record::SignedRecord;
use crate::trust::TrustStore;

/// A synthetic supply chain: farms, packers, distribution centres, shops, returns; the
/// records (in signing order) and the trust store that verifies them. `size` is `"small"`
/// (a few hundred records) or `"demo"` (about 100,000); `days` and `seed` override.
#[pyfunction]
#[pyo3(signature = (size="small", *, days=None, seed=None))]
fn synthetic_supply_chain(
    py: Python<'_>,
    size: &str,
    days: Option<u32>,
    seed: Option<u64>,
) -> PyResult<(Vec<SignedRecord>, TrustStore)> {
    let mut params = match size {
        "small" => tracemark::synth::Params::small(),
        "demo" => tracemark::synth::Params::demo(),
        other => {
            return Err(crate::errors::to_py(tracemark::Error::InvalidValue(
                format!("{other:?} is not a size: small or demo"),
            )));
        }
    };
    if let Some(d) = days {
        params.days = d;
    }
    if let Some(s) = seed {
        params.seed = s;
    }
    let chain = py.detach(|| tracemark::synth::generate(&params)).py()?;
    Ok((
        chain.records.into_iter().map(SignedRecord).collect(),
        TrustStore(chain.trust),
    ))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(synthetic_supply_chain, m)?)
}
