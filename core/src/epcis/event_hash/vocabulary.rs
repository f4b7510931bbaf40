//! The CBV and GS1 vocabularies whose bare terms the EPCIS 2.0 JSON-LD context expands: each
//! with the IRI prefix its terms take. BizStep, Disp, BTT and SDT terms are those of
//! [`crate::vocab`]; the sensor vocabularies and error reasons are those of [`crate::epcis::terms`].

use crate::epcis::terms;
use crate::vocab::{BizStep, Disposition, DocumentType, SourceDestType};

/// A vocabulary: the IRI prefix and the bare terms.
#[derive(Clone, Copy)]
pub(super) struct Table {
    pub prefix: &'static str,
    pub terms: &'static [&'static str],
}

pub(super) const BIZ_STEP: Table = Table {
    prefix: "https://ref.gs1.org/cbv/BizStep-",
    terms: BizStep::TERMS,
};
pub(super) const DISPOSITION: Table = Table {
    prefix: "https://ref.gs1.org/cbv/Disp-",
    terms: Disposition::TERMS,
};
pub(super) const BIZ_TRANSACTION_TYPE: Table = Table {
    prefix: "https://ref.gs1.org/cbv/BTT-",
    terms: DocumentType::TERMS,
};
pub(super) const SOURCE_DESTINATION_TYPE: Table = Table {
    prefix: "https://ref.gs1.org/cbv/SDT-",
    terms: SourceDestType::TERMS,
};
pub(super) const SENSOR_TYPE: Table = Table {
    prefix: "https://ref.gs1.org/voc/",
    terms: terms::MEASUREMENT_TYPE.words,
};
pub(super) const SENSOR_EXCEPTION: Table = Table {
    prefix: "https://ref.gs1.org/voc/",
    terms: terms::SENSOR_ALERT.words,
};
pub(super) const COMPONENT: Table = Table {
    prefix: "https://ref.gs1.org/cbv/Comp-",
    terms: terms::COMPONENT.words,
};
pub(super) const ERROR_REASON: Table = Table {
    prefix: "https://ref.gs1.org/cbv/ER-",
    terms: terms::ERROR_REASON.words,
};

/// Whether `iri` is in one of GS1's vocabulary namespaces.
pub(super) fn is_gs1(iri: &str) -> bool {
    [
        "https://ref.gs1.org/cbv",
        "https://gs1.org/voc",
        "https://ref.gs1.org/voc",
    ]
    .iter()
    .any(|p| iri.starts_with(p))
}
