//! Recall notices: what is recalled, why, how serious, and what holders must do.

use bincode::{Decode, Encode};
use serde::{Deserialize, Serialize};

use crate::codec::{Ctx, Set, Text};
use crate::ids::{Gtin, Lgtin, Serial};
use crate::record::RecordId;
use crate::time::Date;

/// An inclusive range of serial numbers of one GTIN. Serials compare as numbers when both are
/// all digits (`9` < `10`; leading zeros ignored, ties broken by the digits as written),
/// otherwise by their bytes.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct SerialRange {
    /// The trade item.
    pub gtin: Gtin,
    /// First serial in the range.
    pub first: Serial,
    /// Last serial in the range.
    pub last: Serial,
}

impl SerialRange {
    /// Whether `serial` of `gtin` falls within the range.
    pub fn contains(&self, gtin: &Gtin, serial: &Serial) -> bool {
        *gtin == self.gtin
            && serial_order(&self.first, serial).is_le()
            && serial_order(serial, &self.last).is_le()
    }
}

/// The order of serial numbers used by ranges.
pub fn serial_order(a: &Serial, b: &Serial) -> std::cmp::Ordering {
    let (a, b) = (a.as_str(), b.as_str());
    let numeric = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    if numeric(a) && numeric(b) {
        let (ta, tb) = (a.trim_start_matches('0'), b.trim_start_matches('0'));
        ta.len()
            .cmp(&tb.len())
            .then_with(|| ta.cmp(tb))
            .then_with(|| a.cmp(b))
    } else {
        a.as_bytes().cmp(b.as_bytes())
    }
}

/// Which date of a product a recall window applies to.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateField {
    /// The production date.
    Production,
    /// The expiry date.
    Expiry,
}

/// Products of `gtin` whose production or expiry date falls within `from..=until`.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct DateWindow {
    /// The trade item.
    pub gtin: Gtin,
    /// Which date.
    pub field: DateField,
    /// First day, inclusive.
    pub from: Date,
    /// Last day, inclusive.
    pub until: Date,
}

/// What a recall covers. A product is in scope if any part matches.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Default, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct RecallScope {
    /// Every unit of these products.
    #[serde(default, skip_serializing_if = "Set::is_empty")]
    pub products: Set<Gtin>,
    /// These lots.
    #[serde(default, skip_serializing_if = "Set::is_empty")]
    pub lots: Set<Lgtin>,
    /// These serial ranges.
    #[serde(default, skip_serializing_if = "Set::is_empty")]
    pub serial_ranges: Set<SerialRange>,
    /// Products made or expiring within these windows.
    #[serde(default, skip_serializing_if = "Set::is_empty")]
    pub date_windows: Set<DateWindow>,
    /// Everything made from these input lots (traced through transformations).
    #[serde(default, skip_serializing_if = "Set::is_empty")]
    pub input_lots: Set<Lgtin>,
}

impl RecallScope {
    /// Whether the scope names nothing.
    pub fn is_empty(&self) -> bool {
        self.products.is_empty()
            && self.lots.is_empty()
            && self.serial_ranges.is_empty()
            && self.date_windows.is_empty()
            && self.input_lots.is_empty()
    }
}

/// How serious a recall is, in the terms of US FDA classes, which other regulators map onto.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecallClass {
    /// Reasonable probability of serious harm or death.
    ClassI,
    /// Temporary or reversible harm, or remote probability of serious harm.
    ClassII,
    /// Not likely to cause harm.
    ClassIII,
    /// Not (yet) classified.
    Unclassified,
}

/// What holders of recalled goods must do.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
#[serde(rename_all = "snake_case")]
pub enum RecallAction {
    /// Stop selling or dispensing.
    StopSale,
    /// Set aside, pending instructions.
    Quarantine,
    /// Send back to the supplier.
    ReturnToSupplier,
    /// Destroy, with a record of it.
    Destroy,
    /// Tell the customers who bought it.
    NotifyCustomers,
    /// Inspect and report.
    Inspect,
    /// Anything else, in words.
    Other(Text),
}

/// Whether a notice is in force.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeStatus {
    /// In force.
    Active,
    /// Withdrawn: the recall is over or was issued in error.
    Withdrawn,
}

/// A recall notice from a brand or an authority. An update or withdrawal is a new notice with
/// the same `notice_id`, a higher `revision`, and `supersedes` naming the record it replaces.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Encode, Decode, Serialize, Deserialize)]
#[bincode(decode_context = "Ctx")]
pub struct RecallNotice {
    /// The issuer's reference for the recall.
    pub notice_id: Text,
    /// 0 for the first notice, then 1, 2...
    pub revision: u32,
    /// In force or withdrawn.
    pub status: NoticeStatus,
    /// The notice this one replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<RecordId>,
    /// What is recalled.
    pub scope: RecallScope,
    /// Why, in words.
    pub reason: Text,
    /// How serious.
    pub classification: RecallClass,
    /// What holders must do.
    #[serde(default, skip_serializing_if = "Set::is_empty")]
    pub actions: Set<RecallAction>,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn serial_ranges_compare_numbers_as_numbers() {
        let s = |t: &str| t.parse::<Serial>().unwrap();
        let gtin: Gtin = "09506000134352".parse().unwrap();
        let range = SerialRange {
            gtin,
            first: s("9"),
            last: s("120"),
        };
        assert!(range.contains(&gtin, &s("10")));
        assert!(range.contains(&gtin, &s("0099")));
        assert!(!range.contains(&gtin, &s("121")));
        assert!(!range.contains(&gtin, &s("A10")));
        let letters = SerialRange {
            gtin,
            first: s("AB100"),
            last: s("AB199"),
        };
        assert!(letters.contains(&gtin, &s("AB150")));
        assert!(!letters.contains(&gtin, &s("AB2")));
    }
}
