//! The FSMA 204 electronic sortable spreadsheet: one row per critical tracking event (CTE)
//! and traceability lot, with its key data elements, for the foods and dates (or lot codes)
//! the FDA asks about (21 CFR 1.1455(c)(3)(ii): due within 24 hours of the request).
//!
//! The traceability lot code (TLC) is the GS1 lot of a GTIN, `(01)…(10)…`, as the Produce
//! Traceability Initiative maps it. Serialised items count under their lot when an event
//! listed them with it; a case or pallet stands for the items packed in it at the time of the
//! event. Product classes without a lot have no TLC and give no row.
//!
//! Columns, in order ([`COLUMNS`]); dates are ISO 8601 with the event's UTC offset:
//!
//! | column | content |
//! |---|---|
//! | `cte_type` | `harvesting`, `cooling`, `initial_packing`, `first_land_based_receiving`, `shipping`, `receiving`, `transformation` |
//! | `event_time` | when the event happened |
//! | `traceability_lot_code` | the TLC, `(01)GTIN(10)LOT` |
//! | `product_gtin` | the GTIN: the product description as GS1 master data names it |
//! | `quantity` | exact decimal; for serialised goods, the count of items |
//! | `unit_of_measure` | UN/ECE Rec 20 code; `EA` for counted items; empty when the event gave no quantity |
//! | `location` | where the event happened (GLN element string) |
//! | `tlc_source_location` | where the TLC was assigned (initial packing or transformation) |
//! | `immediate_previous_source` | receiving: who shipped it |
//! | `immediate_subsequent_recipient` | shipping: whom it went to |
//! | `reference_document_type` | e.g. `desadv`, `po`; several are joined by `; ` |
//! | `reference_document_number` | the numbers, in the same order |
//! | `input_lots` | transformation: the input TLCs, joined by `; ` |
//! | `record_id` | the signed record behind the row |
//!
//! ```
//! use tracemark::fsma::{spreadsheet, Selection, COLUMNS};
//! let chain = tracemark::synth::generate(&tracemark::synth::Params::small())?;
//! let rows = spreadsheet(&chain.records, &Selection::default());
//! let mut csv = Vec::new();
//! tracemark::fsma::write_csv(&rows, &mut csv)?;
//! let text = String::from_utf8(csv).unwrap();
//! assert!(text.starts_with(&COLUMNS.join(",")));
//! assert_eq!(text.lines().count(), rows.len() + 1);
//! # Ok::<(), tracemark::Error>(())
//! ```

mod write;

use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState;
use serde::Serialize;

use crate::graph::{NodeKey, TimeWindow};
use crate::ids::{ClassId, Gtin, Lgtin};
use crate::recall::packing::{Packing, members_listed};
use crate::record::{Body, Decimal, Document, Event, Goods, Record, RecordId, SignedRecord};
use crate::time::EventTime;
use crate::vocab::{BizStep, Uri};

#[cfg(feature = "xlsx")]
pub use write::write_xlsx;
pub use write::{COLUMNS, table, write_csv, write_csv_of};

/// A critical tracking event of the FSMA 204 rule.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CteType {
    /// §1.1325(a).
    Harvesting,
    /// §1.1325(b).
    Cooling,
    /// §1.1330: a TLC is assigned.
    InitialPacking,
    /// §1.1335: a TLC is assigned.
    FirstLandBasedReceiving,
    /// §1.1340.
    Shipping,
    /// §1.1345.
    Receiving,
    /// §1.1350: a new TLC is assigned.
    Transformation,
}

impl CteType {
    /// The snake_case name used in the spreadsheet.
    pub fn as_str(&self) -> &'static str {
        match self {
            CteType::Harvesting => "harvesting",
            CteType::Cooling => "cooling",
            CteType::InitialPacking => "initial_packing",
            CteType::FirstLandBasedReceiving => "first_land_based_receiving",
            CteType::Shipping => "shipping",
            CteType::Receiving => "receiving",
            CteType::Transformation => "transformation",
        }
    }
}

/// One row: one CTE for one traceability lot (and unit of measure).
#[derive(Clone, Debug, Serialize)]
#[allow(missing_docs)]
pub struct CteRow {
    pub cte: CteType,
    pub event_time: EventTime,
    pub traceability_lot_code: Lgtin,
    pub quantity: Option<Decimal>,
    /// `None` with a quantity: a count of items (`EA`).
    pub unit_of_measure: Option<String>,
    pub location: Option<NodeKey>,
    pub tlc_source_location: Option<NodeKey>,
    pub immediate_previous_source: Vec<NodeKey>,
    pub immediate_subsequent_recipient: Vec<NodeKey>,
    pub reference_documents: Vec<Document>,
    pub input_lots: Vec<Lgtin>,
    pub record_id: RecordId,
}

/// Which rows the FDA asked for: foods (GTINs) or lot codes, within event times. Empty lists
/// select everything; a row is selected if its TLC (or, for a transformation, one of its input
/// TLCs) is named.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    /// The foods.
    pub products: Vec<Gtin>,
    /// The traceability lot codes.
    pub lots: Vec<Lgtin>,
    /// The date range.
    pub window: TimeWindow,
}

impl Selection {
    fn names(&self, lot: &Lgtin) -> bool {
        self.products.contains(&lot.gtin) || self.lots.contains(lot)
    }

    fn selects(&self, row: &CteRow) -> bool {
        let t = row.event_time.at();
        if self.window.from.is_some_and(|f| t < f) || self.window.until.is_some_and(|u| t > u) {
            return false;
        }
        (self.products.is_empty() && self.lots.is_empty())
            || self.names(&row.traceability_lot_code)
            || row.input_lots.iter().any(|l| self.names(l))
    }
}

/// The spreadsheet rows for `selection`, in event-time order (ties in record order).
pub fn spreadsheet(records: &[SignedRecord], selection: &Selection) -> Vec<CteRow> {
    let mut rows = Vec::new();
    for_each_row(records, selection, |row| rows.push(row));
    rows
}

/// Calls `emit` with each row of [`spreadsheet`], in the same order, without keeping them:
/// a million rows held at once are a few hundred megabytes that a writer does not need.
pub fn for_each_row(records: &[SignedRecord], selection: &Selection, mut emit: impl FnMut(CteRow)) {
    let order: Vec<usize> = if selection.products.is_empty() && selection.lots.is_empty() {
        let mut order: Vec<(i64, usize)> = records
            .iter()
            .enumerate()
            .filter_map(|(i, r)| Some((r.unverified().event()?.time.at().unix_millis(), i)))
            .collect();
        order.sort_unstable();
        order.into_iter().map(|(_, i)| i).collect()
    } else {
        // Only the records of the selected lots, their items and the units that held them.
        let mut tracked = HashSet::default();
        for r in records {
            let goods: &[&Goods] = match &r.unverified().body {
                Body::Commission(c) => &[&c.goods],
                Body::Transformation(x) => &[&x.inputs, &x.outputs],
                Body::Shipping(x) | Body::Receiving(x) => &[&x.goods],
                _ => &[],
            };
            for g in goods {
                for q in g.quantities.iter() {
                    let ClassId::Lot(lot) = &q.class else {
                        continue;
                    };
                    if !selection.names(lot) {
                        continue;
                    }
                    tracked.insert(NodeKey::Lot(lot.clone()));
                    for o in g.objects.iter() {
                        if matches!(o, crate::ids::ObjectId::Item(i) if i.gtin == lot.gtin) {
                            tracked.insert(crate::recall::packing::object_key(o));
                        }
                    }
                }
            }
        }
        crate::recall::packing::touching(records, &mut tracked)
    };
    let mut state = Replay::default();
    state
        .packing
        .reserve_for(order.iter().map(|i| &records[*i]));
    for i in order {
        let signed = &records[i];
        state.rows(signed.id(), signed.unverified(), &mut |row| {
            if selection.selects(&row) {
                emit(row);
            }
        });
    }
}

#[derive(Default)]
struct Replay<'r> {
    packing: Packing,
    tlc_source: HashMap<Lgtin, NodeKey, RandomState>,
    /// Documents borrowed from the records: a replay clones no document to remember it.
    shipped_from: HashMap<&'r Document, Vec<NodeKey>, RandomState>,
}

impl<'r> Replay<'r> {
    fn rows(&mut self, id: RecordId, record: &'r Record, emit: &mut impl FnMut(CteRow)) {
        let Some(event) = record.event() else { return };
        // Packing changes give no row: they are most of the records, so they skip the row
        // context below.
        match &record.body {
            Body::Aggregation(a) => return self.packing.aggregate(a),
            Body::StatusChange(s) => {
                for o in s.goods.objects.iter() {
                    self.packing.take_out_object(o);
                }
                return;
            }
            _ => {}
        }
        let here = event
            .biz_location
            .as_ref()
            .or(event.read_point.as_ref())
            .map(NodeKey::of_location);
        let row = |cte, (lot, unit, quantity): (Lgtin, Option<String>, Option<Decimal>)| CteRow {
            cte,
            event_time: event.time,
            traceability_lot_code: lot,
            quantity,
            unit_of_measure: unit,
            location: here.clone(),
            tlc_source_location: None,
            immediate_previous_source: Vec::new(),
            immediate_subsequent_recipient: Vec::new(),
            reference_documents: event.documents.iter().cloned().collect(),
            input_lots: Vec::new(),
            record_id: id,
        };
        match &record.body {
            Body::Commission(c) => {
                self.packing.note_lots(&c.goods);
                let cte = creation_step(event);
                for line in self.lot_lines(&c.goods) {
                    self.assign(&line.0, &here);
                    emit(self.sourced(row(cte, line)));
                }
            }
            Body::Transformation(x) => {
                self.packing.note_lots(&x.outputs);
                let inputs: Vec<Lgtin> =
                    self.lot_lines(&x.inputs).into_iter().map(|l| l.0).collect();
                for line in self.lot_lines(&x.outputs) {
                    self.assign(&line.0, &here);
                    let mut r = row(CteType::Transformation, line);
                    r.input_lots = inputs.clone();
                    emit(self.sourced(r));
                }
            }
            Body::Shipping(s) => {
                if let Some(h) = &here {
                    for d in event.documents.iter() {
                        self.shipped_from.entry(d).or_default().push(h.clone());
                    }
                }
                let to: Vec<NodeKey> = event
                    .destinations
                    .iter()
                    .map(|d| NodeKey::of_party(&d.id))
                    .collect();
                for line in self.lot_lines(&s.goods) {
                    let mut r = row(CteType::Shipping, line);
                    r.immediate_subsequent_recipient = to.clone();
                    emit(self.sourced(r));
                }
            }
            Body::Receiving(s) => {
                let mut from: Vec<NodeKey> = event
                    .sources
                    .iter()
                    .map(|d| NodeKey::of_party(&d.id))
                    .collect();
                if from.is_empty() {
                    from = event
                        .documents
                        .iter()
                        .find_map(|d| self.shipped_from.get(d).cloned())
                        .unwrap_or_default();
                }
                let first_land = event.biz_step.as_ref().is_some_and(|s| {
                    matches!(s, BizStep::Other(uri) if term_of(uri) == "first_land_based_receiving")
                });
                let cte = if first_land {
                    CteType::FirstLandBasedReceiving
                } else {
                    CteType::Receiving
                };
                for line in self.lot_lines(&s.goods) {
                    if first_land {
                        self.assign(&line.0, &here);
                    }
                    let mut r = row(cte, line);
                    r.immediate_previous_source = from.clone();
                    emit(self.sourced(r));
                }
            }
            _ => {}
        }
    }

    /// The first place that assigned a TLC is its source.
    fn assign(&mut self, lot: &Lgtin, here: &Option<NodeKey>) {
        if let Some(h) = here {
            self.tlc_source
                .entry(lot.clone())
                .or_insert_with(|| h.clone());
        }
    }

    fn sourced(&self, mut row: CteRow) -> CteRow {
        row.tlc_source_location = self.tlc_source.get(&row.traceability_lot_code).cloned();
        row
    }

    /// The lots in `goods`, with their unit and quantity: lot lines as given, and serialised
    /// items (also those packed in listed units) counted under their lots.
    fn lot_lines(&self, goods: &Goods) -> Vec<(Lgtin, Option<String>, Option<Decimal>)> {
        // Few lots per event: a short list beats a map. Sums that overflow become `None`.
        type Line<'g> = (&'g Lgtin, Option<&'g str>, Option<Decimal>);
        fn add<'g>(
            lines: &mut Vec<Line<'g>>,
            lot: &'g Lgtin,
            unit: Option<&'g str>,
            q: Option<Decimal>,
        ) {
            match lines.iter_mut().find(|(l, u, _)| *l == lot && *u == unit) {
                Some((_, _, sum)) => *sum = sum.zip(q).and_then(|(s, q)| s.checked_add(q)),
                None => lines.push((lot, unit, q)),
            }
        }
        let mut lines: Vec<Line<'_>> = Vec::new();
        for q in goods.quantities.iter() {
            let ClassId::Lot(lot) = &q.class else {
                continue;
            };
            if members_listed(goods, q) {
                continue;
            }
            let unit = q
                .quantity
                .as_ref()
                .map(|q| q.uom.as_ref().map_or("EA", |u| u.as_str()));
            add(&mut lines, lot, unit, q.quantity.as_ref().map(|q| q.value));
        }
        let mut counts: Vec<(&Lgtin, i64)> = Vec::new();
        self.packing.lots_within(goods, |lot| {
            match counts.iter_mut().find(|(l, _)| *l == lot) {
                Some((_, n)) => *n += 1,
                None => counts.push((lot, 1)),
            }
        });
        for (lot, n) in counts {
            add(&mut lines, lot, Some("EA"), Decimal::from_i64(n).ok());
        }
        lines.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        lines
            .into_iter()
            .map(|(lot, unit, q)| match q {
                Some(q) => (lot.clone(), unit.map(str::to_owned), Some(q)),
                None => (lot.clone(), None, None),
            })
            .collect()
    }
}

/// Which CTE a commissioning is: harvesting or cooling when the business step says so (a
/// URI ending in that word), otherwise the initial packing that assigns the TLC.
fn creation_step(event: &Event) -> CteType {
    match &event.biz_step {
        Some(BizStep::Other(uri)) => match term_of(uri) {
            "harvesting" => CteType::Harvesting,
            "cooling" => CteType::Cooling,
            "first_land_based_receiving" => CteType::FirstLandBasedReceiving,
            _ => CteType::InitialPacking,
        },
        _ => CteType::InitialPacking,
    }
}

/// The last word of a URI: `https://example.com/bizstep/harvesting` → `harvesting`.
fn term_of(uri: &Uri) -> &str {
    let s = uri.as_str();
    s.rsplit(['/', ':', '#', '-']).next().unwrap_or(s)
}

#[cfg(test)]
mod tests;
