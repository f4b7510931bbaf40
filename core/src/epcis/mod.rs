//! EPCIS 2.0, the GS1 standard traceability systems exchange events in: reading documents
//! into checked events ([`import`], [`import_reader`]), writing them back
//! ([`export`]), and the GS1 event hash, which lets two parties match the same event
//! whatever the form it was written in ([`event_hashes`]).
//!
//! An imported event is an [`EpcisEvent`]: every rule of the EPCIS 2.0.1 JSON schema holds,
//! and it is kept in a normal form that survives a round trip (prefixes and CURIEs
//! expanded, standard terms as bare words, everything else as written). A problem names the
//! JSON path, the rule and what is wrong ([`Problem`]); one bad event in a million is
//! reported as that event, and the caller chooses between all-or-nothing and keeping the rest
//! ([`ImportMode`]).

mod context;
mod document;
mod event;
mod event_hash;
mod export;
mod normal;
mod problem;
mod query;
mod shapes;
mod terms;
#[cfg(not(target_arch = "wasm32"))]
mod workers;

pub use context::{EPCIS_CONTEXT, Namespaces};
pub use document::{
    DocumentHeader, DocumentKind, EpcisImport, ImportMode, ImportedEvent, RejectedEvent, import,
    import_on, import_reader,
};
pub use event::{EpcisEvent, IdentifierRole};
pub use event_hash::{CbvVersion, EventHash, document_event_hashes, event_hashes, event_hashes_on};
pub use export::{ExportWriter, export};
pub use problem::Problem;
pub use query::EventQuery;
pub use shapes::EVENT_TYPES;
