//! What is packed in what, replayed in event-time order: the state both the custody books and
//! the FSMA 204 spreadsheet need to say which trade items a pallet or case stands for.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use foldhash::fast::RandomState;
use hashbrown::HashTable;

use crate::graph::NodeKey;
use crate::ids::{ClassId, Gtin, Lgtin, ObjectId, Serial, Sgtin, Sscc};
use crate::record::{Aggregation, AggregationAction, Body, Goods, QuantityElement, SignedRecord};

/// Containers and their contents at the current point of a replay, and the lot of every item
/// whose lot is known.
///
/// Objects are numbered on first sight and the state is kept in arrays by number. Serial
/// numbers are copied once into one arena and the index holds only numbers: a replay of a
/// million records makes no allocation per item, and hashes each identifier's string once per
/// mention.
#[derive(Debug, Default)]
pub(crate) struct Packing {
    hasher: RandomState,
    /// Object numbers, hashed by their [`Name`].
    index: HashTable<u32>,
    objects: Vec<Object>,
    /// The serial numbers of the items, end to end.
    serials: String,
    /// By object: the object it is packed in, or `NONE`.
    parent: Vec<u32>,
    /// By object: what is packed in it.
    children: Vec<Vec<u32>>,
    /// By object: its lot (an index into `lots`), or `NONE`.
    lot: Vec<u32>,
    lots: Vec<Lgtin>,
    lot_ids: HashMap<Lgtin, u32, RandomState>,
}

/// An object as the arena keeps it: an item's serial is `serials[at..at + len]`.
#[derive(Clone, Copy, Debug)]
enum Object {
    Item { gtin: Gtin, at: u32, len: u32 },
    Unit(Sscc),
}

impl Object {
    /// Its name, with the serial read from `arena`.
    fn name(self, arena: &str) -> Name<'_> {
        match self {
            Object::Item { gtin, at, len } => {
                Name::Item(gtin, &arena[at as usize..(at + len) as usize])
            }
            Object::Unit(u) => Name::Unit(u),
        }
    }
}

/// An object named by the caller, borrowed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Name<'a> {
    Item(Gtin, &'a str),
    Unit(Sscc),
}

impl<'a> Name<'a> {
    fn of_object(object: &'a ObjectId) -> Name<'a> {
        match object {
            ObjectId::Item(i) => Name::Item(i.gtin, i.serial.as_str()),
            ObjectId::Unit(u) => Name::Unit(*u),
        }
    }

    fn of_key(key: &'a NodeKey) -> Option<Name<'a>> {
        match key {
            NodeKey::Item(i) => Some(Name::Item(i.gtin, i.serial.as_str())),
            NodeKey::Unit(u) => Some(Name::Unit(*u)),
            _ => None,
        }
    }
}

const NONE: u32 = u32::MAX;

fn name_hash(hasher: &RandomState, name: Name<'_>) -> u64 {
    match name {
        Name::Item(gtin, serial) => hasher.hash_one((gtin, serial)),
        Name::Unit(sscc) => hasher.hash_one(sscc),
    }
}

/// The hash of a known object: its name's, as the index needs when it grows.
fn rehash(hasher: &RandomState, serials: &str, object: Object) -> u64 {
    name_hash(hasher, object.name(serials))
}

impl Packing {
    fn hash(&self, name: Name<'_>) -> u64 {
        name_hash(&self.hasher, name)
    }

    fn is(&self, id: u32, name: Name<'_>) -> bool {
        self.objects[id as usize].name(&self.serials) == name
    }

    fn lookup(&self, name: Name<'_>) -> Option<u32> {
        self.index
            .find(self.hash(name), |id| self.is(*id, name))
            .copied()
    }

    /// Room for the objects `records` create (commissioned and transformed goods, the units
    /// they are packed in), so that a replay does not grow its tables as it goes.
    pub fn reserve_for<'r>(&mut self, records: impl Iterator<Item = &'r SignedRecord>) {
        // Serial numbers are mostly short: 12 bytes each is a guess, not a bound.
        let mut objects = 0;
        for r in records {
            objects += match &r.unverified().body {
                Body::Commission(c) => c.goods.objects.len(),
                Body::Transformation(x) => x.outputs.objects.len(),
                Body::Aggregation(a) if a.action == AggregationAction::Pack => 1,
                _ => 0,
            };
        }
        let serials = objects * 12;
        let (known, arena, hasher) = (&self.objects, &self.serials, &self.hasher);
        self.index
            .reserve(objects, |id| rehash(hasher, arena, known[*id as usize]));
        self.objects.reserve(objects);
        self.serials.reserve(serials);
        self.parent.reserve(objects);
        self.children.reserve(objects);
        self.lot.reserve(objects);
    }

    /// The number of an object, given one on first sight.
    fn intern_name(&mut self, name: Name<'_>) -> u32 {
        let hash = self.hash(name);
        if let Some(id) = self.index.find(hash, |id| self.is(*id, name)) {
            return *id;
        }
        let id = self.objects.len() as u32;
        self.objects.push(match name {
            Name::Item(gtin, serial) => {
                let at = self.serials.len() as u32;
                self.serials.push_str(serial);
                Object::Item {
                    gtin,
                    at,
                    len: serial.len() as u32,
                }
            }
            Name::Unit(u) => Object::Unit(u),
        });
        self.parent.push(NONE);
        self.children.push(Vec::new());
        self.lot.push(NONE);
        let (objects, serials, hasher) = (&self.objects, &self.serials, &self.hasher);
        self.index.insert_unique(hash, id, |id| {
            rehash(hasher, serials, objects[*id as usize])
        });
        id
    }

    fn intern(&mut self, object: &ObjectId) -> u32 {
        self.intern_name(Name::of_object(object))
    }

    fn find(&self, key: &NodeKey) -> Option<u32> {
        self.lookup(Name::of_key(key)?)
    }

    fn find_object(&self, object: &ObjectId) -> Option<u32> {
        self.lookup(Name::of_object(object))
    }

    /// The key of object `id`.
    fn key(&self, id: u32) -> NodeKey {
        match self.objects[id as usize].name(&self.serials) {
            Name::Item(gtin, serial) => NodeKey::Item(Sgtin {
                gtin,
                serial: Serial::from_checked(serial),
            }),
            Name::Unit(u) => NodeKey::Unit(u),
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

    /// [`Packing::take_out`] by the identifier a record lists.
    pub fn take_out_object(&mut self, object: &ObjectId) {
        if let Some(id) = self.find_object(object) {
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
        let id = self.lookup(Name::Item(item.gtin, item.serial.as_str()))?;
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
        while i < out.len() && out.len() - first <= self.objects.len() {
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
