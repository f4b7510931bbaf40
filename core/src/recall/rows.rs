//! The rows of a recall impact: flat, typed, one table each.

use std::collections::BTreeMap;

use serde::Serialize;

use super::custody::{Activity, Ledger, Place};
use crate::graph::{NodeId, NodeKey, NodeKind, Trace, TraceGraph};
use crate::ids::Gln;
use crate::record::{RecordId, Status, Uom};
use crate::time::Timestamp;

/// What a recall reaches and who must act.
#[derive(Clone, Debug, Serialize)]
pub struct RecallImpact {
    /// The nodes the scope named.
    pub starts: Vec<NodeKey>,
    /// Parts of the scope that matched nothing in the graph, in words.
    pub unmatched: Vec<String>,
    /// Every affected item, lot, product and logistic unit.
    pub goods: Vec<AffectedGoods>,
    /// Every shipment that carried affected goods.
    pub shipments: Vec<AffectedShipment>,
    /// Every location that made, received or holds affected goods: who to notify.
    pub holders: Vec<Holder>,
    /// Per holder and kind of goods: what it received and what it still holds.
    pub holdings: Vec<Holding>,
    /// Mass balance per lot (or product, for serialised goods with no lot).
    pub balances: Vec<LotBalance>,
    /// How far the goods got; `None` when nothing left its maker.
    pub depth: Option<DistributionDepth>,
}

/// Where an affected unit of goods is now.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GoodsState {
    /// On hand at a location.
    Held,
    /// On a shipment not yet received.
    InTransit,
    /// Sold or dispensed: with consumers.
    Sold,
    /// Destroyed.
    Destroyed,
    /// Used up by a transformation (what it became is affected in turn).
    Consumed,
    /// Stolen, exported or taken as a sample.
    Removed,
    /// No custody record says.
    Unknown,
}

impl GoodsState {
    /// The snake_case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            GoodsState::Held => "held",
            GoodsState::InTransit => "in_transit",
            GoodsState::Sold => "sold",
            GoodsState::Destroyed => "destroyed",
            GoodsState::Consumed => "consumed",
            GoodsState::Removed => "removed",
            GoodsState::Unknown => "unknown",
        }
    }
}

/// An affected item, lot, product or logistic unit.
#[derive(Clone, Debug, Serialize)]
pub struct AffectedGoods {
    /// What.
    pub goods: NodeKey,
    /// When the recalled goods first reached it (`None`: a start, or from the beginning).
    pub reached_at: Option<Timestamp>,
    /// Where it is now.
    pub state: GoodsState,
    /// The location it is at (held), left from (sold, destroyed...) or was consumed at.
    pub location: Option<NodeKey>,
    /// Since when.
    pub since: Option<Timestamp>,
    /// The record that put it there (serialised goods).
    pub last_record: Option<RecordId>,
    /// The records linking it to a recalled start, start side first.
    pub evidence: Vec<RecordId>,
}

/// A shipment that carried affected goods.
#[derive(Clone, Debug, Serialize)]
pub struct AffectedShipment {
    /// The shipping record.
    pub shipment: RecordId,
    /// Where it left from.
    pub from: Option<NodeKey>,
    /// Whom it was for.
    pub to: Vec<NodeKey>,
    /// When it left.
    pub shipped_at: Option<Timestamp>,
    /// Where and when it was received, and the receiving record.
    pub received_at: Option<Timestamp>,
    /// The receiving location.
    pub received_by: Option<NodeKey>,
    /// The receiving record.
    pub receipt: Option<RecordId>,
    /// The affected goods it carried, as listed on it.
    pub goods: Vec<NodeKey>,
    /// The records linking it to a recalled start.
    pub evidence: Vec<RecordId>,
}

/// What a location does in the chain, from all its records.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HolderRole {
    /// Commissions goods (a farm, a manufacturer).
    Producer,
    /// Transforms goods (a packer, a processor).
    Processor,
    /// Receives and ships on (a wholesaler, a distribution centre).
    Distributor,
    /// Sells or dispenses to consumers.
    Retailer,
    /// Receives, with nothing else recorded.
    Receiver,
}

impl HolderRole {
    /// The snake_case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            HolderRole::Producer => "producer",
            HolderRole::Processor => "processor",
            HolderRole::Distributor => "distributor",
            HolderRole::Retailer => "retailer",
            HolderRole::Receiver => "receiver",
        }
    }

    fn of(activity: Activity) -> HolderRole {
        if activity.sells {
            HolderRole::Retailer
        } else if activity.transforms {
            HolderRole::Processor
        } else if activity.commissions {
            HolderRole::Producer
        } else if activity.receives && activity.ships {
            HolderRole::Distributor
        } else {
            HolderRole::Receiver
        }
    }
}

/// How far recalled goods got: the recall's depth in the FDA's terms.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DistributionDepth {
    /// Still with makers and processors.
    Manufacturing,
    /// At wholesalers or distribution centres.
    Wholesale,
    /// At retailers.
    Retail,
    /// Sold or dispensed to consumers.
    Consumer,
}

impl DistributionDepth {
    /// The snake_case name.
    pub fn as_str(&self) -> &'static str {
        match self {
            DistributionDepth::Manufacturing => "manufacturing",
            DistributionDepth::Wholesale => "wholesale",
            DistributionDepth::Retail => "retail",
            DistributionDepth::Consumer => "consumer",
        }
    }
}

/// A location to notify.
#[derive(Clone, Debug, Serialize)]
pub struct Holder {
    /// Where.
    pub location: NodeKey,
    /// The party whose records put goods there.
    pub party: Option<Gln>,
    /// What it does.
    pub role: HolderRole,
    /// When affected goods first arrived (made there or received).
    pub first_received: Option<Timestamp>,
    /// Whether it still has any affected goods on hand.
    pub holds_stock: bool,
    /// The records that brought affected goods there.
    pub evidence: Vec<RecordId>,
}

/// One holder's books for one kind of affected goods: a lot, or a product counted in trade
/// items. Amounts are in `uom` (none: a count of trade items).
#[derive(Clone, Debug, Serialize)]
#[allow(missing_docs)]
pub struct Holding {
    pub holder: NodeKey,
    pub goods: NodeKey,
    pub uom: Option<Uom>,
    pub produced: f64,
    pub received: f64,
    pub returned: f64,
    pub shipped: f64,
    pub consumed: f64,
    pub sold: f64,
    pub destroyed: f64,
    pub removed: f64,
    /// Produced + received + returned − everything that left.
    pub on_hand: f64,
}

/// The mass balance of one affected lot over every holder: where all of it went.
#[derive(Clone, Debug, Serialize)]
#[allow(missing_docs)]
pub struct LotBalance {
    pub goods: NodeKey,
    pub uom: Option<Uom>,
    pub produced: f64,
    pub shipped: f64,
    pub received: f64,
    pub in_transit: f64,
    pub on_hand: f64,
    pub consumed: f64,
    pub sold: f64,
    pub destroyed: f64,
    pub returned: f64,
    pub removed: f64,
}

pub(super) fn build(
    graph: &TraceGraph,
    trace: &Trace,
    ledger: &Ledger,
    starts: Vec<NodeId>,
    unmatched: Vec<String>,
) -> RecallImpact {
    let holdings: Vec<Holding> = ledger
        .books
        .iter()
        .map(|((holder, goods, uom), c)| Holding {
            holder: holder.clone(),
            goods: goods.clone(),
            uom: uom.clone(),
            produced: c.produced,
            received: c.received,
            returned: c.returned,
            shipped: c.shipped,
            consumed: c.consumed,
            sold: c.sold,
            destroyed: c.destroyed,
            removed: c.removed,
            on_hand: c.on_hand,
        })
        .collect();
    let balances = balances(&holdings, ledger);
    let mut goods = Vec::new();
    let mut shipments = Vec::new();
    for (i, r) in trace.reached().iter().enumerate() {
        let key = graph.key_of(r.node);
        let evidence = trace.path(i).unwrap_or_default();
        match key.kind() {
            NodeKind::Item | NodeKind::Unit | NodeKind::Lot | NodeKind::Product => {
                let (state, location, since) = state_of(&key, ledger, &holdings, &balances);
                let last_record = ledger.positions.get(&key).map(|p| p.record);
                goods.push(AffectedGoods {
                    goods: key,
                    reached_at: r.at,
                    state,
                    location,
                    since,
                    last_record,
                    evidence,
                });
            }
            NodeKind::Shipment => {
                let NodeKey::Shipment(id) = key else { continue };
                let s = ledger.shipments.get(&id);
                shipments.push(AffectedShipment {
                    shipment: id,
                    from: s.and_then(|s| s.from.clone()),
                    to: s.map(|s| s.to.clone()).unwrap_or_default(),
                    shipped_at: s.map(|s| s.shipped_at),
                    received_at: s.and_then(|s| s.received.as_ref().map(|r| r.0)),
                    received_by: s.and_then(|s| s.received.as_ref().map(|r| r.1.clone())),
                    receipt: s.and_then(|s| s.received.as_ref().map(|r| r.2)),
                    goods: s.map(|s| s.goods.clone()).unwrap_or_default(),
                    evidence,
                });
            }
            _ => {}
        }
    }
    let mut holders = Vec::new();
    let mut depth: Option<DistributionDepth> = None;
    for (location, books) in &ledger.holders {
        let role = HolderRole::of(ledger.activity.get(location).copied().unwrap_or_default());
        let received = holdings
            .iter()
            .any(|h| h.holder == *location && (h.received > 0.0 || h.returned > 0.0));
        let reach = match role {
            HolderRole::Retailer => DistributionDepth::Retail,
            _ if received => DistributionDepth::Wholesale,
            _ => DistributionDepth::Manufacturing,
        };
        depth = depth.max(Some(reach));
        holders.push(Holder {
            location: location.clone(),
            party: books.party,
            role,
            first_received: books.first_received,
            holds_stock: holdings
                .iter()
                .any(|h| h.holder == *location && h.on_hand > 0.0),
            evidence: books.evidence.clone(),
        });
    }
    if ledger.reached_consumers {
        depth = Some(DistributionDepth::Consumer);
    }
    RecallImpact {
        starts: starts.into_iter().map(|n| graph.key_of(n)).collect(),
        unmatched,
        goods,
        shipments,
        holders,
        holdings,
        balances,
        depth,
    }
}

fn balances(holdings: &[Holding], ledger: &Ledger) -> Vec<LotBalance> {
    let mut out: BTreeMap<(NodeKey, Option<Uom>), LotBalance> = BTreeMap::new();
    let blank = |goods: &NodeKey, uom: &Option<Uom>| LotBalance {
        goods: goods.clone(),
        uom: uom.clone(),
        produced: 0.0,
        shipped: 0.0,
        received: 0.0,
        in_transit: 0.0,
        on_hand: 0.0,
        consumed: 0.0,
        sold: 0.0,
        destroyed: 0.0,
        returned: 0.0,
        removed: 0.0,
    };
    for h in holdings {
        let b = out
            .entry((h.goods.clone(), h.uom.clone()))
            .or_insert_with(|| blank(&h.goods, &h.uom));
        b.produced += h.produced;
        b.shipped += h.shipped;
        b.received += h.received;
        b.on_hand += h.on_hand;
        b.consumed += h.consumed;
        b.sold += h.sold;
        b.destroyed += h.destroyed;
        b.returned += h.returned;
        b.removed += h.removed;
    }
    for ((_, goods, uom), amount) in &ledger.transit {
        out.entry((goods.clone(), uom.clone()))
            .or_insert_with(|| blank(goods, uom))
            .in_transit += amount;
    }
    out.into_values().collect()
}

fn state_of(
    key: &NodeKey,
    ledger: &Ledger,
    holdings: &[Holding],
    balances: &[LotBalance],
) -> (GoodsState, Option<NodeKey>, Option<Timestamp>) {
    if let Some(p) = ledger.positions.get(key) {
        let (state, location) = match &p.place {
            Place::At(h) => (GoodsState::Held, Some(h.clone())),
            Place::Transit(_) => (GoodsState::InTransit, None),
            Place::Out(Status::Sold | Status::Dispensed, h) => (GoodsState::Sold, h.clone()),
            Place::Out(Status::Destroyed, h) => (GoodsState::Destroyed, h.clone()),
            Place::Out(_, h) => (GoodsState::Removed, h.clone()),
            Place::Consumed(h) => (GoodsState::Consumed, h.clone()),
        };
        return (state, location, Some(p.since));
    }
    // Quantities: the state of the bulk of it.
    let held: Vec<&Holding> = holdings
        .iter()
        .filter(|h| h.goods == *key && h.on_hand > 0.0)
        .collect();
    if !held.is_empty() {
        let location = (held.len() == 1).then(|| held[0].holder.clone());
        return (GoodsState::Held, location, None);
    }
    let mine = balances.iter().filter(|b| b.goods == *key);
    let (mut transit, mut consumed, mut sold, mut destroyed, mut removed) =
        (0.0, 0.0, 0.0, 0.0, 0.0);
    let mut any = false;
    for b in mine {
        any = true;
        transit += b.in_transit;
        consumed += b.consumed;
        sold += b.sold;
        destroyed += b.destroyed;
        removed += b.removed;
    }
    let state = if !any {
        GoodsState::Unknown
    } else if transit > 0.0 {
        GoodsState::InTransit
    } else {
        let most = [
            (consumed, GoodsState::Consumed),
            (sold, GoodsState::Sold),
            (destroyed, GoodsState::Destroyed),
            (removed, GoodsState::Removed),
        ]
        .into_iter()
        .fold(
            (0.0, GoodsState::Unknown),
            |a, b| if b.0 > a.0 { b } else { a },
        );
        most.1
    };
    (state, None, None)
}
