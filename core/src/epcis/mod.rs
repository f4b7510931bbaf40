//! EPCIS 2.0, the GS1 standard traceability systems exchange events in. For now: the event
//! hash, which lets two parties match the same event whatever the form it was written in.

mod event_hash;

pub use event_hash::{CbvVersion, EventHash, document_event_hashes, event_hashes, event_hashes_on};
