//! Core errors become exceptions of the Python package: one `TracemarkError` base with `.code`,
//! a subclass per error family (defined in `tracemark/errors.py`, all also `ValueError`).

use pyo3::prelude::*;

/// Converts a core error into the package's exception for its family.
pub fn to_py(err: tracemark::Error) -> PyErr {
    Python::attach(|py| {
        let class = match err.family() {
            "decode" => "DecodeError",
            "identifier" => "IdentifierError",
            "signature" => "SignatureError",
            "kind" => "WrongKindError",
            "storage" => "StorageError",
            _ => "InvalidInputError",
        };
        let made = py
            .import("tracemark.errors")
            .and_then(|m| m.getattr(class))
            .and_then(|c| c.call1((err.code(), err.to_string())))
            .and_then(|exc| {
                // A GS1 syntax error says which rule, which AI and where.
                if let tracemark::Error::Gs1(g) = &err {
                    exc.setattr("rule", g.rule)?;
                    exc.setattr("ai", g.ai.clone())?;
                    exc.setattr("position", g.position)?;
                }
                // An EPCIS document that cannot be read says which rule and where.
                if let tracemark::Error::Epcis(p) = &err {
                    exc.setattr("rule", p.rule)?;
                    exc.setattr("path", p.path.clone())?;
                }
                Ok(exc)
            });
        match made {
            Ok(exc) => PyErr::from_value(exc),
            Err(e) => e,
        }
    })
}

/// `Result` with the core error, mapped on the way out.
pub trait IntoPy<T> {
    /// Maps the error to the package's exception.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPy<T> for Result<T, tracemark::Error> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py)
    }
}
