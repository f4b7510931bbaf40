//! What is packed in what, replayed in event-time order: the state both the custody books and
//! the FSMA 204 spreadsheet need to say which trade items a pallet or case stands for.

use std::collections::{HashMap, HashSet};

use foldhash::fast::RandomState;

use crate::graph::NodeKey;
use crate::ids::{ClassId, Lgtin, ObjectId, Sgtin, Sscc};
use crate::record::{Aggregation, AggregationAction, Body, Goods, QuantityElement, SignedRecord};

/// Containers and their contents at the current point of a replay, and the lot of every item
/// whose lot is known.
///
/// Objects are numbered on first sight and the state is kept in arrays by number: a replay of
/// a million records touches each identifier's string once per event, not once per lookup,
/// clone and comparison.
#[derive(Debug, Default)]
pub(crate) struct Packing {
    items: HashMap<Sgtin, u32, RandomState>,
    units: HashMap<Sscc, u32, RandomState>,
    keys: Vec<NodeKey>,
    /// By object: the object it is packed in, or `NONE`.
    parent: Vec<u32>,
    /// By object: what is packed in it.
    children: Vec<Vec<u32>>,
    /// By object: its lot (an index into `lots`), or `NONE`.
    lot: Vec<u32>,
    lots: Vec<Lgtin>,
    lot_ids: HashMap<Lgtin, u32, RandomState>,
}

const NONE: u32 = u32::MAX;

impl Packing {
    fn add(&mut self, key: NodeKey) -> u32 {
        let id = self.keys.len() as u32;
        self.keys.push(key);
        self.parent.push(NONE);
        self.children.push(Vec::new());
        self.lot.push(NONE);
        id
    }

    /// The number of an object, given one on first sight.
    fn intern(&mut self, object: &ObjectId) -> u32 {
        let known = match object {
            ObjectId::Item(i) => self.items.get(i),
            ObjectId::Unit(u) => self.units.get(u),
        };
        if let Some(id) = known {
            return *id;
        }
        let id = self.add(object_key(object));
        match object {
            ObjectId::Item(i) => self.items.insert(i.clone(), id),
            ObjectId::Unit(u) => self.units.insert(*u, id),
        };
        id
    }

    fn find(&self, key: &NodeKey) -> Option<u32> {
        match key {
            NodeKey::Item(i) => self.items.get(i).copied(),
            NodeKey::Unit(u) => self.units.get(u).copied(),
            _ => None,
        }
    }

    fn find_object(&self, object: &ObjectId) -> Option<u32> {
        match object {
            ObjectId::Item(i) => self.items.get(i).copied(),
            ObjectId::Unit(u) => self.units.get(u).copied(),
        }
    }

    /// Packs children into their parent or takes them out (all of them when none are listed).
    pub fn aggregate(&mut self, a: &Aggregation) {
        let parent = self.intern(&a.parent);
        match a.action {
            AggregationAction::Pack => {
                for c in a.children.objects.iter() {
                    let c = self.intern(c);
                    self.take_out_id(c);
                    self.parent[c as usize] = parent;
                    self.children[parent as usize].push(c);
                }
            }
            AggregationAction::Unpack if a.children.objects.is_empty() => {
                for c in std::mem::take(&mut self.children[parent as usize]) {
                    self.parent[c as usize] = NONE;
                }
            }
            AggregationAction::Unpack => {
                for c in a.children.objects.iter() {
                    if let Some(c) = self.find_object(c) {
                        self.take_out_id(c);
                    }
                }
            }
        }
    }

    fn take_out_id(&mut self, id: u32) {
        let p = std::mem::replace(&mut self.parent[id as usize], NONE);
        if p != NONE {
            self.children[p as usize].retain(|k| *k != id);
        }
    }

    /// Takes `object` out of whatever contains it (it was sold, consumed, moved...).
    pub fn take_out(&mut self, object: &NodeKey) {
        if let Some(id) = self.find(object) {
            self.take_out_id(id);
        }
    }

    /// Whether nothing is packed in `key`.
    pub fn is_leaf(&self, key: &NodeKey) -> bool {
        self.find(key)
            .is_none_or(|id| self.children[id as usize].is_empty())
    }

    /// Items made together with a lot of their GTIN belong to it.
    pub fn note_lots(&mut self, goods: &Goods) {
        for q in goods.quantities.iter() {
            let ClassId::Lot(lot) = &q.class else {
                continue;
            };
            let mut index = None;
            for o in goods.objects.iter() {
                if let ObjectId::Item(item) = o
                    && item.gtin == lot.gtin
                {
                    let l = match index {
                        Some(l) => l,
                        None => {
                            let l = self.lot_index(lot);
                            index = Some(l);
                            l
                        }
                    };
                    let id = self.intern(o);
                    self.lot[id as usize] = l;
                }
            }
        }
    }

    fn lot_index(&mut self, lot: &Lgtin) -> u32 {
        if let Some(l) = self.lot_ids.get(lot) {
            return *l;
        }
        let l = self.lots.len() as u32;
        self.lots.push(lot.clone());
        self.lot_ids.insert(lot.clone(), l);
        l
    }

    /// The lot of an item, when known.
    pub fn lot_of(&self, item: &Sgtin) -> Option<&Lgtin> {
        let id = *self.items.get(item)?;
        self.lots.get(self.lot[id as usize] as usize)
    }

    /// The class a serialised leaf is counted under: its lot when known, else its product; a
    /// logistic unit with nothing known inside counts as itself.
    pub fn class_of(&self, leaf: &NodeKey) -> NodeKey {
        match leaf {
            NodeKey::Item(item) => match self.lot_of(item) {
                Some(lot) => NodeKey::Lot(lot.clone()),
                None => NodeKey::Product(item.gtin),
            },
            other => other.clone(),
        }
    }

    /// Every object packed in `top` at any depth, `top` first, by number. An object is in one
    /// container at a time, so the walk meets each once; the bound guards a cycle of units
    /// packed in each other.
    fn walk(&self, top: u32, out: &mut Vec<u32>) {
        let first = out.len();
        out.push(top);
        let mut i = first;
        while i < out.len() && out.len() - first <= self.keys.len() {
            let at = out[i] as usize;
            for k in &self.children[at] {
                if *k != top {
                    out.push(*k);
                }
            }
            i += 1;
        }
    }

    /// An object and everything packed in it, at any depth, the object first.
    pub fn contents(&self, top: &NodeKey) -> Vec<NodeKey> {
        let Some(id) = self.find(top) else {
            return vec![top.clone()];
        };
        let mut ids = Vec::new();
        self.walk(id, &mut ids);
        ids.iter().map(|i| self.keys[*i as usize].clone()).collect()
    }

    /// The listed objects with everything packed in them.
    pub fn objects_with_contents(&self, goods: &Goods) -> Vec<NodeKey> {
        goods
            .objects
            .iter()
            .flat_map(|o| self.contents(&object_key(o)))
            .collect()
    }

    /// Calls `f` with the lot of every item among the listed objects and their contents, at
    /// any depth (items of unknown lot are skipped): counting lots without building keys.
    pub fn lots_within<'s>(&'s self, goods: &Goods, mut f: impl FnMut(&'s Lgtin)) {
        let mut ids = Vec::new();
        for o in goods.objects.iter() {
            if let Some(id) = self.find_object(o) {
                self.walk(id, &mut ids);
            }
        }
        for id in ids {
            if let Some(lot) = self.lots.get(self.lot[id as usize] as usize) {
                f(lot);
            }
        }
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
