//! # tracemark
//!
//! Signed product-traceability records, counterfeit detection and recall propagation.
//!
//! A supply chain is a set of **records**: facts such as "these 500 litres of milk were
//! produced", "these 12 cups went into this case", "this case was shipped to that shop", each
//! signed by the party that did it. Records have one canonical encoding, a BLAKE3 content id
//! and an Ed25519 signature ([`record`]); each signer numbers its records and links each to
//! the previous one, so a missing, reordered or forked record shows ([`chain`]). Whether a key
//! may speak for a company is decided by certificates from trust anchors ([`trust`]), and
//! verification always returns a report with a verdict and findings ([`verify`]).
//!
//! ## Signing and verifying
//!
//! ```
//! use tracemark::verify::{verify_record, Verdict};
//! let demo = tracemark::sample::SupplyChain::build()?;
//! let bytes = demo.records[2].bytes().to_vec();            // as received from a partner
//! let record = tracemark::record::SignedRecord::decode(&bytes)?; // Err only if unreadable
//! let verification = verify_record(record, &demo.trust);
//! assert_eq!(verification.report.verdict, Verdict::Valid);
//! let verified = verification.verified().expect("valid");
//! println!("{} signed {}", verified.record().signer, verified.id());
//! # Ok::<(), tracemark::Error>(())
//! ```
//!
//! ## Identifiers
//!
//! GS1 keys are types that only hold valid values ([`ids`]): a [`ids::Gtin`] has a correct
//! check digit, a [`ids::Serial`] is 1 to 20 characters of GS1 CSET 82.
//!
//! The byte-level format is specified in `spec/SPEC.md`, with test vectors in `spec/vectors/`.

pub mod chain;
mod codec;
pub mod epcis;
pub mod error;
pub mod fsma;
#[doc(hidden)]
pub mod fuzz;
pub mod graph;
pub mod ids;
pub mod keys;
pub mod outbreak;
pub mod recall;
pub mod record;
pub mod sample;
#[cfg(feature = "sqlite")]
pub mod store;
pub mod synth;
pub mod table;
pub mod time;
pub mod trust;
pub mod verify;
pub mod vocab;

pub use codec::{MAX_EXTENSION_DEPTH, MAX_ITEMS, MAX_RECORD_BYTES, MAX_TEXT_BYTES, Set, Text};
pub use error::{Error, Result};
pub use rand_core;

/// The README's examples, compiled and run as doctests so they cannot drift.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
