//! What is packed in what, replayed in event-time order: the state both the custody books and
//! the FSMA 204 spreadsheet need to say which trade items a pallet or case stands for.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

use crate::graph::NodeKey;
use crate::ids::{ClassId, Lgtin, ObjectId, Sgtin};
use crate::record::{Aggregation, AggregationAction, Body, Goods, QuantityElement, SignedRecord};

/// Containers and their contents at the current point of a replay, and the lot of every item
/// whose lot is known.
///
/// Objects are numbered on first sight and the state is kept in arrays by number. A replay
/// is bound by memory latency (a million records mention ten million objects), so the index
/// is small (numbers only; names are inline in one array, with no heap text), and contents
/// are lists threaded through the object array: packing and unpacking allocate nothing and
/// take an item out in constant time.
#[derive(Debug, Default)]
pub(crate) struct Packing {
    hasher: RandomState,
    /// Object numbers, hashed by their names.
    index: HashTable<u32>,
    /// By object number.
    nodes: Vec<Node>,
    /// By object number.
    names: Vec<ObjectId>,
    lots: Vec<Lgtin>,
    lot_ids: HashMap<Lgtin, u32, RandomState>,
}

/// Where an object is: the container it is packed in, its place among that container's
/// contents (a doubly linked list, oldest first), what it contains, and its lot.
#[derive(Clone, Copy, Debug)]
struct Node {
    parent: u32,
    prev: u32,
    next: u32,
    first_child: u32,
    last_child: u32,
    /// An index into `lots`, or `NONE`.
    lot: u32,
}

const NONE: u32 = u32::MAX;

impl Node {
    const FREE: Node = Node {
        parent: NONE,
        prev: NONE,
        next: NONE,
        first_child: NONE,
        last_child: NONE,
        lot: NONE,
    };
}

impl Packing {
    fn hash(&self, object: &ObjectId) -> u64 {
        self.hasher.hash_one(object)
    }

    fn find_object(&self, object: &ObjectId) -> Option<u32> {
        self.index
            .find(self.hash(object), |id| self.names[*id as usize] == *object)
            .copied()
    }

    fn find(&self, key: &NodeKey) -> Option<u32> {
        match key {
            NodeKey::Item(i) => self.find_object(&ObjectId::Item(i.clone())),
            NodeKey::Unit(u) => self.find_object(&ObjectId::Unit(*u)),
            _ => None,
        }
    }

    /// Room for the objects `records` create (commissioned and transformed goods, the units
    /// they are packed in), so that a replay does not grow its tables as it goes.
    pub fn reserve_for<'r>(&mut self, records: impl Iterator<Item = &'r SignedRecord>) {
        let mut objects = 0;
        for r in records {
            objects += match &r.unverified().body {
                Body::Commission(c) => c.goods.objects.len(),
                Body::Transformation(x) => x.outputs.objects.len(),
                Body::Aggregation(a) if a.action == AggregationAction::Pack => 1,
                _ => 0,
            };
        }
        let (hasher, names) = (&self.hasher, &self.names);
        self.index
            .reserve(objects, |id| hasher.hash_one(&names[*id as usize]));
        self.nodes.reserve(objects);
        self.names.reserve(objects);
    }

    /// The number of an object, given one on first sight.
    fn intern(&mut self, object: &ObjectId) -> u32 {
        let hash = self.hash(object);
        if let Some(id) = self
            .index
            .find(hash, |id| self.names[*id as usize] == *object)
        {
            return *id;
        }
        let id = self.nodes.len() as u32;
        self.nodes.push(Node::FREE);
        self.names.push(object.clone());
        let (hasher, names) = (&self.hasher, &self.names);
        self.index
            .insert_unique(hash, id, |id| hasher.hash_one(&names[*id as usize]));
        id
    }

    /// The key of object `id`.
    fn key(&self, id: u32) -> NodeKey {
        object_key(&self.names[id as usize])
    }

    fn node(&mut self, id: u32) -> &mut Node {
        &mut self.nodes[id as usize]
    }

    /// Packs `child` (already out of any container) last into `parent`.
    fn put_in(&mut self, child: u32, parent: u32) {
        let last = self.nodes[parent as usize].last_child;
        *self.node(child) = Node {
            parent,
            prev: last,
            next: NONE,
            ..self.nodes[child as usize]
        };
        match last {
            NONE => self.node(parent).first_child = child,
            l => self.node(l).next = child,
        }
        self.node(parent).last_child = child;
    }

    /// Packs children into their parent or takes them out (all of them when none are listed).
    pub fn aggregate(&mut self, a: &Aggregation) {
        let parent = self.intern(&a.parent);
        match a.action {
            AggregationAction::Pack => {
                for c in a.children.objects.iter() {
                    let c = self.intern(c);
                    self.take_out_id(c);
                    // A unit packed in itself would make its contents a cycle.
                    if c != parent {
                        self.put_in(c, parent);
                    }
                }
            }
            AggregationAction::Unpack if a.children.objects.is_empty() => {
                let mut c = self.nodes[parent as usize].first_child;
                while c != NONE {
                    let n = self.node(c);
                    let next = n.next;
                    (n.parent, n.prev, n.next) = (NONE, NONE, NONE);
                    c = next;
                }
                let p = self.node(parent);
                (p.first_child, p.last_child) = (NONE, NONE);
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
        let Node {
            parent, prev, next, ..
        } = self.nodes[id as usize];
        if parent == NONE {
            return;
        }
        match prev {
            NONE => self.node(parent).first_child = next,
            p => self.node(p).next = next,
        }
        match next {
            NONE => self.node(parent).last_child = prev,
            n => self.node(n).prev = prev,
        }
        let n = self.node(id);
        (n.parent, n.prev, n.next) = (NONE, NONE, NONE);
    }

    /// Takes `object` out of whatever contains it (it was sold, consumed, moved...).
    pub fn take_out(&mut self, object: &NodeKey) {
        if let Some(id) = self.find(object) {
            self.take_out_id(id);
        }
    }

    /// [`Packing::take_out`] by the identifier a record lists.
    pub fn take_out_object(&mut self, object: &ObjectId) {
        if let Some(id) = self.find_object(object) {
            self.take_out_id(id);
        }
    }

    /// Whether nothing is packed in `key`.
    pub fn is_leaf(&self, key: &NodeKey) -> bool {
        self.find(key)
            .is_none_or(|id| self.nodes[id as usize].first_child == NONE)
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
                    self.node(id).lot = l;
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
        let id = self.find_object(&ObjectId::Item(item.clone()))?;
        self.lots.get(self.nodes[id as usize].lot as usize)
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

    /// Every object packed in `top` at any depth, `top` first, by number, breadth first. An
    /// object is in one container at a time and never in itself, so the walk meets each once;
    /// the bound guards a cycle of units packed in each other.
    fn walk(&self, top: u32, out: &mut Vec<u32>) {
        let first = out.len();
        out.push(top);
        let mut i = first;
        while i < out.len() && out.len() - first <= self.nodes.len() {
            let mut c = self.nodes[out[i] as usize].first_child;
            while c != NONE {
                if c != top {
                    out.push(c);
                }
                c = self.nodes[c as usize].next;
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
        ids.iter().map(|i| self.key(*i)).collect()
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
            if let Some(lot) = self.lots.get(self.nodes[id as usize].lot as usize) {
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
