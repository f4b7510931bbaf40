//! `tracemark.ids`: GS1 identifiers that only hold valid values.

use pyo3::prelude::*;

use crate::errors::IntoPy;

macro_rules! identifier {
    ($name:ident, $doc:literal $(, $extra:item)?) => {
        #[doc = $doc]
        #[pyclass(module = "tracemark", frozen, eq, hash, from_py_object)]
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name(pub tracemark::ids::$name);

        #[pymethods]
        impl $name {
            /// Parses the plain text form; raises `IdentifierError` if it is not valid.
            #[new]
            fn new(text: &str) -> PyResult<Self> {
                text.parse::<tracemark::ids::$name>().py().map($name)
            }

            fn __str__(&self) -> String {
                self.0.to_string()
            }

            fn __repr__(&self) -> String {
                format!(concat!(stringify!($name), "('{}')"), self.0)
            }

            $(
                /// The key from its digits without the check digit, which is computed.
                #[staticmethod]
                $extra
            )?
        }
    };
}

macro_rules! keyed {
    ($name:ident, $doc:literal) => {
        identifier!(
            $name,
            $doc,
            fn with_check_digit(body: &str) -> PyResult<Self> {
                tracemark::ids::$name::with_check_digit(body)
                    .py()
                    .map($name)
            }
        );
    };
}

keyed!(
    Gtin,
    "A GTIN (8, 12, 13 or 14 digits, check digit verified), normalised to 14 digits."
);
keyed!(Gln, "A GLN: 13 digits with a check digit.");
keyed!(Sscc, "An SSCC: 18 digits with a check digit.");
identifier!(CompanyPrefix, "A GS1 company prefix: 4 to 12 digits.");
identifier!(
    Serial,
    "A serial number (AI 21): 1 to 20 characters of GS1 CSET 82."
);
identifier!(
    Lot,
    "A lot number (AI 10): 1 to 20 characters of GS1 CSET 82."
);

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Gtin>()?;
    m.add_class::<Gln>()?;
    m.add_class::<Sscc>()?;
    m.add_class::<CompanyPrefix>()?;
    m.add_class::<Serial>()?;
    m.add_class::<Lot>()
}
