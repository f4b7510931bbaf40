//! The custody pass: records replayed in event-time order, to say where affected goods are now
//! and how much each location produced, received, passed on and still holds.
//!
//! Serialised goods are followed one by one (and move with the unit they are packed in); lot
//! and product quantities are followed as amounts per location and unit of measure. A quantity
//! left out of an event means "all of it": all that is on hand where the event happens, or all
//! that is in transit on the matched shipment. The trace decides *what* is affected; this pass
//! only keeps the books for it, over the whole history of those goods.

use std::collections::{BTreeMap, HashMap, HashSet};

use foldhash::fast::RandomState;

use super::packing::{Packing, class_key, members_listed, object_key};
use crate::graph::NodeKey;
use crate::ids::Gln;
use crate::record::{
    Body, Document, Event, Goods, QuantityElement, Record, RecordId, SignedRecord, Status, Uom,
};
use crate::time::Timestamp;
use crate::vocab::BizStep;

type Map<K, V> = HashMap<K, V, RandomState>;
type Keys = HashSet<NodeKey, RandomState>;

/// Where one serialised object (item or logistic unit) is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Place {
    /// Held at a location.
    At(NodeKey),
    /// On a shipment not yet received.
    Transit(RecordId),
    /// Left the chain with this status (sold, destroyed...), at this location when known.
    Out(Status, Option<NodeKey>),
    /// Consumed by a transformation at this location when known.
    Consumed(Option<NodeKey>),
}

/// Where an object is and which record put it there.
#[derive(Clone, Debug)]
pub(crate) struct Position {
    pub place: Place,
    pub since: Timestamp,
    pub record: RecordId,
}

/// The books of one holder for one kind of goods (a lot, or a product counted in trade items).
#[derive(Clone, Debug, Default)]
pub(crate) struct Counters {
    pub produced: f64,
    pub received: f64,
    pub shipped: f64,
    pub consumed: f64,
    pub sold: f64,
    pub destroyed: f64,
    pub returned: f64,
    pub removed: f64,
    pub on_hand: f64,
}

/// What is known of an affected shipment.
#[derive(Clone, Debug)]
pub(crate) struct ShipmentState {
    pub from: Option<NodeKey>,
    pub to: Vec<NodeKey>,
    pub shipped_at: Timestamp,
    pub received: Option<(Timestamp, NodeKey, RecordId)>,
    pub goods: Vec<NodeKey>,
}

/// What happens at a location, over all records: the basis of its role.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Activity {
    pub commissions: bool,
    pub transforms: bool,
    pub receives: bool,
    pub ships: bool,
    pub sells: bool,
}

/// A holder of affected goods: who it is and how the goods got there.
#[derive(Clone, Debug, Default)]
pub(crate) struct HolderBooks {
    pub party: Option<Gln>,
    pub first_received: Option<Timestamp>,
    pub evidence: Vec<RecordId>,
}

/// The result of the pass.
#[derive(Debug, Default)]
pub(crate) struct Ledger {
    /// (holder, goods class, unit) → books.
    pub books: BTreeMap<(NodeKey, NodeKey, Option<Uom>), Counters>,
    /// (shipment, goods class, unit) → amount still in transit.
    pub transit: BTreeMap<(RecordId, NodeKey, Option<Uom>), f64>,
    pub positions: Map<NodeKey, Position>,
    pub shipments: BTreeMap<RecordId, ShipmentState>,
    pub holders: BTreeMap<NodeKey, HolderBooks>,
    pub activity: Map<NodeKey, Activity>,
    /// Anything affected left the chain to consumers (sold or dispensed).
    pub reached_consumers: bool,
}

/// Mutable state of the pass that is not part of the result.
#[derive(Default)]
struct Replay<'a> {
    affected: Option<&'a Keys>,
    affected_shipments: Option<&'a Keys>,
    packing: Packing,
    by_document: Map<Document, RecordId>,
}

impl Ledger {
    /// Replays `records` in event-time order (ties in the given order), keeping the books of
    /// the `affected` goods and `shipments`.
    pub fn replay(records: &[SignedRecord], affected: &Keys, shipments: &Keys) -> Ledger {
        let mut ledger = Ledger::default();
        // Roles come from everything a location does, not only from the affected goods.
        for r in records {
            let record = r.unverified();
            if let Some(event) = record.event()
                && let Some(here) = where_of(record, event)
            {
                note_activity(
                    ledger.activity.entry(here).or_default(),
                    &record.body,
                    event,
                );
            }
        }
        let mut tracked = affected.clone();
        let order = super::packing::touching(records, &mut tracked);
        let mut replay = Replay {
            affected: Some(affected),
            affected_shipments: Some(shipments),
            ..Replay::default()
        };
        replay
            .packing
            .reserve_for(order.iter().map(|i| &records[*i]));
        for i in order {
            let signed = &records[i];
            ledger.apply(&mut replay, signed.id(), signed.unverified());
        }
        ledger
    }

    fn apply(&mut self, st: &mut Replay<'_>, id: RecordId, record: &Record) {
        let Some(event) = record.event() else { return };
        let t = event.time.at();
        let here = where_of(record, event);
        match &record.body {
            Body::Commission(c) => {
                st.packing.note_lots(&c.goods);
                if let Some(h) = &here {
                    self.arrive(st, &c.goods, h, t, id, record.party, Flow::Produced);
                }
            }
            Body::Aggregation(a) => st.packing.aggregate(a),
            Body::Shipping(s) => {
                let key = NodeKey::Shipment(id);
                for d in event.documents.iter() {
                    st.by_document.insert(d.clone(), id);
                }
                let tracked = st.affected_shipments.is_some_and(|s| s.contains(&key));
                if tracked {
                    self.shipments.insert(
                        id,
                        ShipmentState {
                            from: here.clone(),
                            to: event
                                .destinations
                                .iter()
                                .map(|d| NodeKey::of_party(&d.id))
                                .collect(),
                            shipped_at: t,
                            received: None,
                            goods: Vec::new(),
                        },
                    );
                }
                self.depart(st, &s.goods, here.as_ref(), t, id, Departure::Shipped(id));
            }
            Body::Receiving(s) => {
                let shipment = event
                    .documents
                    .iter()
                    .find_map(|d| st.by_document.get(d).copied());
                if let Some(h) = &here {
                    if let Some(ship) = shipment
                        && let Some(state) = self.shipments.get_mut(&ship)
                        && state.received.is_none()
                    {
                        state.received = Some((t, h.clone(), id));
                    }
                    self.arrive(
                        st,
                        &s.goods,
                        h,
                        t,
                        id,
                        record.party,
                        Flow::Received(shipment),
                    );
                }
            }
            Body::Transformation(x) => {
                st.packing.note_lots(&x.outputs);
                self.depart(st, &x.inputs, here.as_ref(), t, id, Departure::Consumed);
                if let Some(h) = &here {
                    self.arrive(st, &x.outputs, h, t, id, record.party, Flow::Produced);
                }
            }
            Body::StatusChange(s) => {
                match s.status {
                    Status::Returned => {
                        if let Some(h) = &here {
                            self.arrive(st, &s.goods, h, t, id, record.party, Flow::Returned);
                        }
                    }
                    // Expired goods are still physically held: the status changes nothing here.
                    Status::Expired => {}
                    status => {
                        self.depart(st, &s.goods, here.as_ref(), t, id, Departure::Out(status))
                    }
                }
            }
            _ => {}
        }
    }

    /// Goods come into a holder's custody: made, received or returned there.
    #[allow(clippy::too_many_arguments)]
    fn arrive(
        &mut self,
        st: &mut Replay<'_>,
        goods: &Goods,
        here: &NodeKey,
        t: Timestamp,
        id: RecordId,
        party: Option<Gln>,
        flow: Flow,
    ) {
        let mut any = false;
        for leaf in st.packing.objects_with_contents(goods) {
            if !st.is_affected(&leaf) {
                continue;
            }
            any = true;
            self.positions.insert(
                leaf.clone(),
                Position {
                    place: Place::At(here.clone()),
                    since: t,
                    record: id,
                },
            );
            if st.packing.is_leaf(&leaf) {
                let class = st.packing.class_of(&leaf);
                let c = self.counters(here, class, None);
                flow.add(c, 1.0);
                c.on_hand += 1.0;
                if let Flow::Received(Some(ship)) = flow {
                    self.unload(ship, &st.packing.class_of(&leaf), None, Some(1.0));
                }
            }
        }
        for q in goods.quantities.iter() {
            if members_listed(goods, q) {
                continue;
            }
            let class = class_key(q);
            if !st.is_affected(&class) {
                continue;
            }
            any = true;
            let moves = match flow {
                Flow::Received(Some(ship)) => self.unload(ship, &class, uom_of(q), amount_of(q)),
                _ => vec![(uom_of(q), amount_of(q).unwrap_or(0.0))],
            };
            for (uom, amount) in moves {
                let c = self.counters(here, class.clone(), uom);
                flow.add(c, amount);
                c.on_hand += amount;
            }
        }
        if any {
            let books = self.holders.entry(here.clone()).or_default();
            books.party = books.party.or(party);
            books.first_received = books.first_received.or(Some(t));
            if books.evidence.last() != Some(&id) {
                books.evidence.push(id);
            }
        }
    }

    /// Goods leave a holder: shipped, consumed, sold, destroyed...
    fn depart(
        &mut self,
        st: &mut Replay<'_>,
        goods: &Goods,
        here: Option<&NodeKey>,
        t: Timestamp,
        id: RecordId,
        how: Departure,
    ) {
        for object in goods.objects.iter() {
            let top = object_key(object);
            for leaf in st.packing.contents(&top) {
                if !st.is_affected(&leaf) {
                    continue;
                }
                let from = match self.positions.get(&leaf).map(|p| &p.place) {
                    Some(Place::At(h)) => Some(h.clone()),
                    _ => here.cloned(),
                };
                let place = match how {
                    Departure::Shipped(ship) => Place::Transit(ship),
                    Departure::Consumed => Place::Consumed(from.clone()),
                    Departure::Out(status) => Place::Out(status, from.clone()),
                };
                self.positions.insert(
                    leaf.clone(),
                    Position {
                        place,
                        since: t,
                        record: id,
                    },
                );
                if let Departure::Shipped(ship) = how
                    && let Some(s) = self.shipments.get_mut(&ship)
                    && leaf == top
                {
                    s.goods.push(leaf.clone());
                }
                if st.packing.is_leaf(&leaf) {
                    let class = st.packing.class_of(&leaf);
                    if let Some(from) = &from {
                        let c = self.counters(from, class.clone(), None);
                        how.add(c, 1.0);
                        c.on_hand -= 1.0;
                    }
                    if let Departure::Shipped(ship) = how {
                        *self.transit.entry((ship, class, None)).or_default() += 1.0;
                    }
                }
                if matches!(how, Departure::Out(Status::Sold | Status::Dispensed)) {
                    self.reached_consumers = true;
                }
            }
            // What leaves the chain leaves its container too.
            if !matches!(how, Departure::Shipped(_)) {
                st.packing.take_out(&top);
            }
        }
        for q in goods.quantities.iter() {
            if members_listed(goods, q) {
                continue;
            }
            let class = class_key(q);
            let Some(from) = here else { continue };
            if !st.is_affected(&class) {
                continue;
            }
            let moves = match amount_of(q) {
                Some(a) => vec![(uom_of(q), a)],
                None => self.on_hand_of(from, &class),
            };
            for (uom, amount) in moves {
                let c = self.counters(from, class.clone(), uom.clone());
                how.add(c, amount);
                c.on_hand -= amount;
                if let Departure::Shipped(ship) = how {
                    *self.transit.entry((ship, class.clone(), uom)).or_default() += amount;
                }
            }
            match how {
                Departure::Shipped(ship) => {
                    if let Some(s) = self.shipments.get_mut(&ship) {
                        s.goods.push(class);
                    }
                }
                Departure::Out(Status::Sold | Status::Dispensed) => self.reached_consumers = true,
                _ => {}
            }
        }
    }

    /// Every unit of measure of `class` that `holder` has on hand, with the amount.
    fn on_hand_of(&self, holder: &NodeKey, class: &NodeKey) -> Vec<(Option<Uom>, f64)> {
        self.books
            .range((holder.clone(), class.clone(), None)..)
            .take_while(|((h, c, _), _)| h == holder && c == class)
            .filter(|(_, c)| c.on_hand > 0.0)
            .map(|((_, _, u), c)| (u.clone(), c.on_hand))
            .collect()
    }

    /// Unloads `class` from `ship`: `amount` of `uom`, or with no amount everything of it still
    /// on board. Returns what arrives, by unit; a shipment never seen leaves the amount as given.
    fn unload(
        &mut self,
        ship: RecordId,
        class: &NodeKey,
        uom: Option<Uom>,
        amount: Option<f64>,
    ) -> Vec<(Option<Uom>, f64)> {
        match amount {
            Some(a) => {
                if let Some(left) = self.transit.get_mut(&(ship, class.clone(), uom.clone())) {
                    *left = (*left - a).max(0.0);
                }
                vec![(uom, a)]
            }
            None => {
                let keys: Vec<_> = self
                    .transit
                    .range((ship, class.clone(), None)..)
                    .take_while(|((s, c, _), _)| *s == ship && c == class)
                    .map(|(k, v)| (k.clone(), *v))
                    .collect();
                keys.into_iter()
                    .map(|(k, v)| {
                        self.transit.insert(k.clone(), 0.0);
                        (k.2, v)
                    })
                    .collect()
            }
        }
    }

    fn counters(&mut self, holder: &NodeKey, class: NodeKey, uom: Option<Uom>) -> &mut Counters {
        self.books.entry((holder.clone(), class, uom)).or_default()
    }
}

/// How goods arrive.
#[derive(Clone, Copy, Debug)]
enum Flow {
    Produced,
    Received(Option<RecordId>),
    Returned,
}

impl Flow {
    fn add(self, c: &mut Counters, amount: f64) {
        match self {
            Flow::Produced => c.produced += amount,
            Flow::Received(_) => c.received += amount,
            Flow::Returned => c.returned += amount,
        }
    }
}

/// How goods leave.
#[derive(Clone, Copy, Debug)]
enum Departure {
    Shipped(RecordId),
    Consumed,
    Out(Status),
}

impl Departure {
    fn add(self, c: &mut Counters, amount: f64) {
        match self {
            Departure::Shipped(_) => c.shipped += amount,
            Departure::Consumed => c.consumed += amount,
            Departure::Out(Status::Sold | Status::Dispensed) => c.sold += amount,
            Departure::Out(Status::Destroyed) => c.destroyed += amount,
            Departure::Out(_) => c.removed += amount,
        }
    }
}

impl Replay<'_> {
    fn is_affected(&self, key: &NodeKey) -> bool {
        self.affected.is_some_and(|a| a.contains(key))
    }
}

/// What a record says its location does.
fn note_activity(a: &mut Activity, body: &Body, event: &Event) {
    match body {
        Body::Commission(_) => a.commissions = true,
        Body::Shipping(_) => a.ships = true,
        Body::Receiving(_) => a.receives = true,
        Body::Transformation(_) => a.transforms = true,
        Body::StatusChange(s) => {
            let retail = matches!(
                event.biz_step,
                Some(BizStep::RetailSelling | BizStep::Dispensing)
            );
            if retail || matches!(s.status, Status::Sold | Status::Dispensed) {
                a.sells = true;
            }
        }
        _ => {}
    }
}

/// Where an event happens: its business location, else its read point, else the party that
/// recorded it.
fn where_of(record: &Record, event: &Event) -> Option<NodeKey> {
    event
        .biz_location
        .as_ref()
        .or(event.read_point.as_ref())
        .map(NodeKey::of_location)
        .or(record.party.map(NodeKey::Party))
}

fn uom_of(q: &QuantityElement) -> Option<Uom> {
    q.quantity.as_ref().and_then(|q| q.uom.clone())
}

fn amount_of(q: &QuantityElement) -> Option<f64> {
    q.quantity.as_ref().map(|q| q.value.to_f64())
}
