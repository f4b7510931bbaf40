//! The supply-chain facts: commissioning, packing, transfers, transformations, status changes.

use bincode::{Decode, Encode};
use serde::{Deserialize, Serialize};

use crate::codec::{Ctx, Text};
use crate::ids::ObjectId;
use crate::record::event::Event;
use crate::record::goods::Goods;
use crate::time::Date;

/// Items, lots or logistic units come into existence (EPCIS ObjectEvent ADD, `commissioning`).
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct Commission {
    /// What was made: serialised items, SSCCs, or quantities of a lot.
    pub goods: Goods,
    /// When it was produced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub production_date: Option<Date>,
    /// When it expires.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<Date>,
    /// When, where and how.
    pub event: Event,
}

/// Whether children go into a parent or come out of it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AggregationAction {
    /// Children packed into the parent (EPCIS ADD).
    Pack,
    /// Children taken out of the parent (EPCIS DELETE); no children listed means all of them.
    Unpack,
}

/// Children packed into or out of a parent: items into a case, cases onto a pallet.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct Aggregation {
    /// Pack or unpack.
    pub action: AggregationAction,
    /// The container.
    pub parent: ObjectId,
    /// What went in or came out.
    pub children: Goods,
    /// When, where and how.
    pub event: Event,
}

/// Goods leaving one party for another (`Shipping`) or arriving (`Receiving`). Who from and who
/// to are the event's sources and destinations; the documents are despatch advice, invoice...
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct Transfer {
    /// What moved.
    pub goods: Goods,
    /// When, where, from whom to whom, under which documents.
    pub event: Event,
}

/// Inputs consumed to make outputs: milling, mixing, repacking (EPCIS TransformationEvent).
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct Transformation {
    /// Links transformations that are recorded in several parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transformation_id: Option<Text>,
    /// What went in.
    pub inputs: Goods,
    /// What came out.
    pub outputs: Goods,
    /// When, where and how.
    pub event: Event,
}

/// The end of a product's life in the chain, or another change of its status.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Sold to a consumer.
    Sold,
    /// Dispensed to a patient.
    Dispensed,
    /// Destroyed.
    Destroyed,
    /// Reported stolen.
    Stolen,
    /// Past its expiry and taken out of sale.
    Expired,
    /// Returned by a customer.
    Returned,
    /// Exported out of the market.
    Exported,
    /// Taken as a sample (inspection, testing).
    Sample,
}

impl Status {
    /// The snake_case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Sold => "sold",
            Status::Dispensed => "dispensed",
            Status::Destroyed => "destroyed",
            Status::Stolen => "stolen",
            Status::Expired => "expired",
            Status::Returned => "returned",
            Status::Exported => "exported",
            Status::Sample => "sample",
        }
    }
}

/// A status change of goods: sold, destroyed, stolen...
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct StatusChange {
    /// The new status.
    pub status: Status,
    /// Of what.
    pub goods: Goods,
    /// When, where and how.
    pub event: Event,
}
