//! `tracemark.ids`, the GS1 syntaxes: element strings, Digital Link and EPC URIs, and the
//! conversions between them. Errors carry the core's `rule`, `ai` and `position`.

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

use tracemark::ids::{self, ParseOptions};

use crate::errors::IntoPy;
use crate::ids::{CompanyPrefix, Gtin, Sscc};

fn options(associations: bool, zero_suppressed_gtin: bool) -> ParseOptions {
    ParseOptions {
        associations,
        zero_suppressed_gtin,
    }
}

fn pairs(elements: &[ids::Element]) -> Vec<(String, String)> {
    elements
        .iter()
        .map(|e| (e.ai().to_owned(), e.value().to_owned()))
        .collect()
}

/// AIs with their values, as a barcode holds them: `ElementStrings("(01)…(10)…")` or the
/// unbracketed form a scanner sends (group separators `\x1d`, symbology identifier `]d2`…).
#[pyclass(module = "tracemark", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq, Eq)]
pub struct ElementStrings(pub ids::ElementStrings);

#[pymethods]
impl ElementStrings {
    #[new]
    #[pyo3(signature = (text, *, associations = true))]
    fn new(text: &str, associations: bool) -> PyResult<Self> {
        ids::ElementStrings::parse_with(text, options(associations, false))
            .py()
            .map(ElementStrings)
    }

    /// Element strings from `(ai, value)` pairs, each checked.
    #[staticmethod]
    fn from_pairs(pairs: Vec<(String, String)>) -> PyResult<Self> {
        ids::ElementStrings::from_pairs(pairs.iter().map(|(a, v)| (a.as_str(), v.as_str())))
            .py()
            .map(ElementStrings)
    }

    /// `(ai, value)` pairs in the order read.
    #[getter]
    fn elements(&self) -> Vec<(String, String)> {
        pairs(self.0.elements())
    }

    /// The value of the first element with `ai`.
    fn get(&self, ai: &str) -> Option<String> {
        self.0.get(ai).map(str::to_owned)
    }

    /// `(01)09506000134352(10)ABC`, a `(` in a value written `\(`.
    fn to_bracketed(&self) -> String {
        self.0.to_bracketed()
    }

    /// The form a barcode encodes, `\x1d` after variable-length values.
    fn to_unbracketed(&self) -> String {
        self.0.to_unbracketed()
    }

    /// The GTIN (01), if present.
    fn gtin(&self) -> Option<Gtin> {
        self.0.gtin().map(Gtin)
    }

    /// The SSCC (00), if present.
    fn sscc(&self) -> Option<Sscc> {
        self.0.sscc().map(Sscc)
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }

    fn __str__(&self) -> String {
        self.0.to_bracketed()
    }

    fn __repr__(&self) -> String {
        format!("ElementStrings('{}')", self.0.to_bracketed())
    }
}

/// A GS1 Digital Link URI on any domain, checked as GS1's reference implementation does.
#[pyclass(module = "tracemark", frozen, eq, from_py_object)]
#[derive(Clone, PartialEq, Eq)]
pub struct DigitalLink(pub ids::DigitalLink);

#[pymethods]
impl DigitalLink {
    #[new]
    #[pyo3(signature = (uri, *, associations = true, zero_suppressed_gtin = false))]
    fn new(uri: &str, associations: bool, zero_suppressed_gtin: bool) -> PyResult<Self> {
        ids::DigitalLink::parse_with(uri, options(associations, zero_suppressed_gtin))
            .py()
            .map(DigitalLink)
    }

    /// The link of element strings on `stem` (default `https://id.gs1.org`).
    #[staticmethod]
    #[pyo3(signature = (data, stem = None))]
    fn from_element_strings(data: &ElementStrings, stem: Option<&str>) -> PyResult<Self> {
        ids::DigitalLink::from_element_strings(&data.0, stem)
            .py()
            .map(DigitalLink)
    }

    /// Scheme, domain and any custom path before the primary key.
    #[getter]
    fn stem(&self) -> &str {
        self.0.stem()
    }

    /// The primary key as `(ai, value)`.
    #[getter]
    fn key(&self) -> (String, String) {
        let k = self.0.key();
        (k.ai().to_owned(), k.value().to_owned())
    }

    /// Key qualifiers in the path.
    #[getter]
    fn qualifiers(&self) -> Vec<(String, String)> {
        pairs(self.0.qualifiers())
    }

    /// Data attributes of the query string.
    #[getter]
    fn attributes(&self) -> Vec<(String, String)> {
        pairs(self.0.attributes())
    }

    /// Query parameters that are not AIs, as written (`None` for a value-less one).
    #[getter]
    fn other_params(&self) -> Vec<(String, Option<String>)> {
        self.0.other_params().to_vec()
    }

    /// All AIs: key, qualifiers, attributes.
    #[getter]
    fn element_strings(&self) -> ElementStrings {
        ElementStrings(self.0.element_strings().clone())
    }

    /// The URI on its own stem, encoded as GS1's generator does.
    fn to_uri(&self) -> String {
        self.0.to_uri()
    }

    /// Key and qualifiers alone on `https://id.gs1.org`: the identifier EPCIS uses.
    fn to_canonical_uri(&self) -> String {
        self.0.to_canonical_uri()
    }

    /// The same link on another stem.
    fn with_stem(&self, stem: &str) -> PyResult<Self> {
        self.0.with_stem(stem).py().map(DigitalLink)
    }

    fn __str__(&self) -> String {
        self.0.to_uri()
    }

    fn __repr__(&self) -> String {
        format!("DigitalLink('{}')", self.0.to_uri())
    }
}

/// A GS1 company prefix length table, longest prefix first (GS1's gcpprefixformatlist).
#[pyclass(module = "tracemark")]
#[derive(Clone, Default)]
pub struct PrefixLengths(pub ids::PrefixLengths);

#[pymethods]
impl PrefixLengths {
    /// A table from `{prefix: length}`.
    #[new]
    #[pyo3(signature = (entries = None))]
    fn new(entries: Option<std::collections::BTreeMap<String, usize>>) -> PyResult<Self> {
        let mut table = ids::PrefixLengths::new();
        for (prefix, length) in entries.unwrap_or_default() {
            table.insert(&prefix, length).py()?;
        }
        Ok(PrefixLengths(table))
    }

    /// GS1's table in its JSON form.
    #[staticmethod]
    fn from_gs1_json(text: &str) -> PyResult<Self> {
        ids::PrefixLengths::from_gs1_json(text)
            .py()
            .map(PrefixLengths)
    }

    /// Adds or replaces an entry.
    fn insert(&mut self, prefix: &str, length: usize) -> PyResult<()> {
        self.0.insert(prefix, length).py()
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }
}

/// An EPC pure identity, class or pattern URI (`urn:epc:id:sgtin:…`).
#[pyclass(module = "tracemark", frozen, eq, hash, from_py_object)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct EpcUri(pub ids::EpcUri);

#[pymethods]
impl EpcUri {
    #[new]
    fn new(uri: &str) -> PyResult<Self> {
        ids::EpcUri::parse(uri).py().map(EpcUri)
    }

    /// The EPC URI of element strings. `company_prefix` says how long the GS1 Company Prefix
    /// is: a number of digits, a `CompanyPrefix` (known for its own keys only) or a
    /// `PrefixLengths` table. A key it does not cover raises `company_prefix_length_unknown`.
    #[staticmethod]
    fn from_element_strings(
        data: &ElementStrings,
        company_prefix: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        with_lengths(company_prefix, |l| {
            ids::EpcUri::from_element_strings(&data.0, l)
        })
    }

    /// The EPC URI of a Digital Link's key and qualifiers (its attributes name no thing);
    /// `company_prefix` as for `from_element_strings`.
    #[staticmethod]
    fn from_digital_link(link: &DigitalLink, company_prefix: &Bound<'_, PyAny>) -> PyResult<Self> {
        with_lengths(company_prefix, |l| {
            ids::EpcUri::from_digital_link(&link.0, l)
        })
    }

    /// Whether a component is `*`: a pattern over more than one identity.
    #[getter]
    fn has_wildcards(&self) -> bool {
        self.0.has_wildcards()
    }

    /// `"id"`, `"class"` or `"pattern"`.
    #[getter]
    fn kind(&self) -> &'static str {
        match self.0.kind() {
            ids::EpcKind::Id => "id",
            ids::EpcKind::Class => "class",
            ids::EpcKind::Pattern => "pattern",
        }
    }

    /// The scheme, e.g. `"sgtin"`.
    #[getter]
    fn scheme(&self) -> &'static str {
        self.0.scheme()
    }

    /// The company prefix, `None` when it is `*`.
    #[getter]
    fn company_prefix(&self) -> Option<String> {
        self.0.company_prefix().map(str::to_owned)
    }

    /// The AIs it names; `None` for a pattern wider than one key.
    fn element_strings(&self) -> Option<ElementStrings> {
        self.0.element_strings().map(ElementStrings)
    }

    /// Its Digital Link on `https://id.gs1.org`.
    fn digital_link(&self) -> Option<DigitalLink> {
        self.0.digital_link().map(DigitalLink)
    }

    fn __str__(&self) -> String {
        self.0.to_string()
    }

    fn __repr__(&self) -> String {
        format!("EpcUri('{}')", self.0)
    }
}

/// Runs `convert` with the company prefix length source the caller gave; a table is
/// borrowed, not copied (GS1's is large).
fn with_lengths(
    company_prefix: &Bound<'_, PyAny>,
    convert: impl FnOnce(&dyn ids::CompanyPrefixLength) -> tracemark::Result<ids::EpcUri>,
) -> PyResult<EpcUri> {
    let result = if let Ok(n) = company_prefix.extract::<usize>() {
        convert(&n)
    } else if let Ok(p) = company_prefix.extract::<CompanyPrefix>() {
        convert(&p.0)
    } else if let Ok(t) = company_prefix.cast::<PrefixLengths>() {
        convert(&t.borrow().0)
    } else {
        return Err(PyTypeError::new_err(
            "company_prefix is an int, a CompanyPrefix or a PrefixLengths",
        ));
    };
    result.py().map(EpcUri)
}

/// Reads element strings, a Digital Link or an EPC URI, whichever `text` is.
#[pyfunction]
#[pyo3(signature = (text, *, associations = true, zero_suppressed_gtin = false))]
fn parse_identifier(
    py: Python<'_>,
    text: &str,
    associations: bool,
    zero_suppressed_gtin: bool,
) -> PyResult<Py<PyAny>> {
    let id = ids::Identifier::parse_with(text, options(associations, zero_suppressed_gtin)).py()?;
    Ok(match id {
        ids::Identifier::ElementStrings(e) => Py::new(py, ElementStrings(e))?.into_any(),
        ids::Identifier::DigitalLink(l) => Py::new(py, DigitalLink(l))?.into_any(),
        ids::Identifier::Epc(e) => Py::new(py, EpcUri(e))?.into_any(),
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<ElementStrings>()?;
    m.add_class::<DigitalLink>()?;
    m.add_class::<EpcUri>()?;
    m.add_class::<PrefixLengths>()?;
    m.add_function(wrap_pyfunction!(parse_identifier, m)?)
}
