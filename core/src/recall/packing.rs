//! What is packed in what, replayed in event-time order: the state both the custody books and
//! the FSMA 204 spreadsheet need to say which trade items a pallet or case stands for.

use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState;

use crate::graph::NodeKey;
use crate::ids::{ClassId, Lgtin, ObjectId, Sgtin};
use crate::record::{Aggregation, AggregationAction, Body, Goods, QuantityElement, SignedRecord};

/// Containers and their contents at the current point of a replay, and the lot of every item
/// whose lot is known.
#[derive(Debug, Default)]
pub(crate) struct Packing {
    children: HashMap<NodeKey, Vec<NodeKey>, RandomState>,
    parent: HashMap<NodeKey, NodeKey, RandomState>,
    item_lot: HashMap<Sgtin, Lgtin, RandomState>,
}

impl Packing {
    /// Packs children into their parent or takes them out (all of them when none are listed).
    pub fn aggregate(&mut self, a: &Aggregation) {
        let parent = object_key(&a.parent);
        match a.action {
            AggregationAction::Pack => {
                for c in a.children.objects.iter() {
                    let c = object_key(c);
                    self.take_out(&c);
                    self.parent.insert(c.clone(), parent.clone());
                    self.children.entry(parent.clone()).or_default().push(c);
                }
            }
            AggregationAction::Unpack if a.children.objects.is_empty() => {
                for c in self.children.remove(&parent).unwrap_or_default() {
                    self.parent.remove(&c);
                }
            }
            AggregationAction::Unpack => {
                for c in a.children.objects.iter() {
                    self.take_out(&object_key(c));
                }
            }
        }
    }

    /// Takes `object` out of whatever contains it (it was sold, consumed, moved...).
    pub fn take_out(&mut self, object: &NodeKey) {
        if let Some(p) = self.parent.remove(object)
            && let Some(kids) = self.children.get_mut(&p)
        {
            kids.retain(|k| k != object);
        }
    }

    /// Whether nothing is packed in `key`.
    pub fn is_leaf(&self, key: &NodeKey) -> bool {
        self.children.get(key).is_none_or(|k| k.is_empty())
    }

    /// Items made together with a lot of their GTIN belong to it.
    pub fn note_lots(&mut self, goods: &Goods) {
        for q in goods.quantities.iter() {
            if let ClassId::Lot(lot) = &q.class {
                for o in goods.objects.iter() {
                    if let ObjectId::Item(item) = o
                        && item.gtin == lot.gtin
                    {
                        self.item_lot.insert(item.clone(), lot.clone());
                    }
                }
            }
        }
    }

    /// The lot of an item, when known.
    pub fn lot_of(&self, item: &Sgtin) -> Option<&Lgtin> {
        self.item_lot.get(item)
    }

    /// The class a serialised leaf is counted under: its lot when known, else its product; a
    /// logistic unit with nothing known inside counts as itself.
    pub fn class_of(&self, leaf: &NodeKey) -> NodeKey {
        match leaf {
            NodeKey::Item(item) => match self.item_lot.get(item) {
                Some(lot) => NodeKey::Lot(lot.clone()),
                None => NodeKey::Product(item.gtin),
            },
            other => other.clone(),
        }
    }

    /// An object and everything packed in it, at any depth, the object first.
    pub fn contents(&self, top: &NodeKey) -> Vec<NodeKey> {
        let mut out = vec![top.clone()];
        if self.is_leaf(top) {
            return out;
        }
        let mut seen: HashSet<NodeKey, RandomState> = HashSet::default();
        seen.insert(top.clone());
        let mut i = 0;
        while i < out.len() {
            if let Some(kids) = self.children.get(&out[i]) {
                for k in kids {
                    if seen.insert(k.clone()) {
                        out.push(k.clone());
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// The listed objects with everything packed in them.
    pub fn objects_with_contents(&self, goods: &Goods) -> Vec<NodeKey> {
        goods
            .objects
            .iter()
            .flat_map(|o| self.contents(&object_key(o)))
            .collect()
    }
}

/// A lot listed with items of its GTIN names their lot (see [`Packing::note_lots`]); the items
/// are counted one by one under it, so the lot line itself is not counted again.
pub(crate) fn members_listed(goods: &Goods, q: &QuantityElement) -> bool {
    match &q.class {
        ClassId::Lot(lot) => goods
            .objects
            .iter()
            .any(|o| matches!(o, ObjectId::Item(i) if i.gtin == lot.gtin)),
        ClassId::Product(_) => false,
    }
}

pub(crate) fn object_key(object: &ObjectId) -> NodeKey {
    match object {
        ObjectId::Item(i) => NodeKey::Item(i.clone()),
        ObjectId::Unit(u) => NodeKey::Unit(*u),
    }
}

pub(crate) fn class_key(q: &QuantityElement) -> NodeKey {
    match &q.class {
        ClassId::Lot(l) => NodeKey::Lot(l.clone()),
        ClassId::Product(g) => NodeKey::Product(*g),
    }
}

/// The records (indices, in event-time order) that touch `tracked` goods, after adding to it
/// every unit that ever held one of them, at any depth: what a replay for those goods needs.
/// A full replay of a large store for a handful of lots would spend nearly all its time on
/// goods nobody asked about.
pub(crate) fn touching(
    records: &[SignedRecord],
    tracked: &mut HashSet<NodeKey, RandomState>,
) -> Vec<usize> {
    let packs: Vec<&Aggregation> = records
        .iter()
        .filter_map(|r| match &r.unverified().body {
            Body::Aggregation(a) => Some(a),
            _ => None,
        })
        .collect();
    // Units in units in units: a few rounds reach the fixpoint; the bound guards cycles.
    for _ in 0..16 {
        let mut grew = false;
        for a in &packs {
            let parent = object_key(&a.parent);
            if !tracked.contains(&parent)
                && a.children
                    .objects
                    .iter()
                    .any(|c| tracked.contains(&object_key(c)))
            {
                tracked.insert(parent);
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let touches = |g: &Goods| {
        g.objects.iter().any(|o| tracked.contains(&object_key(o)))
            || g.quantities.iter().any(|q| tracked.contains(&class_key(q)))
    };
    let mut order: Vec<(i64, usize)> = records
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let record = r.unverified();
            let t = record.event()?.time.at().unix_millis();
            let hit = match &record.body {
                Body::Commission(c) => touches(&c.goods),
                Body::Aggregation(a) => {
                    tracked.contains(&object_key(&a.parent)) || touches(&a.children)
                }
                Body::Shipping(x) | Body::Receiving(x) => touches(&x.goods),
                Body::Transformation(x) => touches(&x.inputs) || touches(&x.outputs),
                Body::StatusChange(x) => touches(&x.goods),
                _ => false,
            };
            hit.then_some((t, i))
        })
        .collect();
    order.sort_unstable();
    order.into_iter().map(|(_, i)| i).collect()
}
