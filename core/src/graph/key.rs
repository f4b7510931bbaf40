//! What a node of the trace graph is: the key that names it outside the graph.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::codec::Text;
use crate::ids::{Gln, Gtin, Lgtin, Sgln, Sgtin, Sscc};
use crate::record::{Location, RecordId};

/// The identity of a node.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum NodeKey {
    /// A serialised item.
    Item(Sgtin),
    /// A lot of a trade item.
    Lot(Lgtin),
    /// A trade item counted without lot.
    Product(Gtin),
    /// A logistic unit: case or pallet.
    Unit(Sscc),
    /// A shipment: the shipping record that sent it.
    Shipment(RecordId),
    /// A transformation: by its transformation id, or the record when it has none.
    Transformation(TransformationKey),
    /// A party (owner or possessor), by GLN.
    Party(Gln),
    /// A location: a GLN with optional extension.
    Location(Sgln),
    /// A location named by another URI (a `geo:` point, a partner's own URI).
    Place(String),
    /// A node loaded from columns, by its number.
    Number(u64),
}

/// How a transformation is named.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransformationKey {
    /// The EPCIS transformation id, shared by the records of one transformation.
    Id(Text),
    /// The one record of a transformation without an id.
    Record(RecordId),
}

/// The kind of a node.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub enum NodeKind {
    /// [`NodeKey::Item`].
    Item,
    /// [`NodeKey::Lot`].
    Lot,
    /// [`NodeKey::Product`].
    Product,
    /// [`NodeKey::Unit`].
    Unit,
    /// [`NodeKey::Shipment`].
    Shipment,
    /// [`NodeKey::Transformation`].
    Transformation,
    /// [`NodeKey::Party`].
    Party,
    /// [`NodeKey::Location`] and [`NodeKey::Place`].
    Location,
    /// [`NodeKey::Number`].
    Number,
}

impl NodeKind {
    /// The stable name used in reports and bindings.
    pub fn as_str(&self) -> &'static str {
        match self {
            NodeKind::Item => "item",
            NodeKind::Lot => "lot",
            NodeKind::Product => "product",
            NodeKind::Unit => "unit",
            NodeKind::Shipment => "shipment",
            NodeKind::Transformation => "transformation",
            NodeKind::Party => "party",
            NodeKind::Location => "location",
            NodeKind::Number => "number",
        }
    }
}

impl NodeKey {
    /// The kind of node.
    pub fn kind(&self) -> NodeKind {
        match self {
            NodeKey::Item(_) => NodeKind::Item,
            NodeKey::Lot(_) => NodeKind::Lot,
            NodeKey::Product(_) => NodeKind::Product,
            NodeKey::Unit(_) => NodeKind::Unit,
            NodeKey::Shipment(_) => NodeKind::Shipment,
            NodeKey::Transformation(_) => NodeKind::Transformation,
            NodeKey::Party(_) => NodeKind::Party,
            NodeKey::Location(_) | NodeKey::Place(_) => NodeKind::Location,
            NodeKey::Number(_) => NodeKind::Number,
        }
    }

    /// The node of an event location.
    pub fn of_location(location: &Location) -> NodeKey {
        match location {
            Location::Gln(sgln) => NodeKey::Location(sgln.clone()),
            Location::Uri(uri) => NodeKey::Place(uri.as_str().to_owned()),
        }
    }

    /// The node of a party or place in a source or destination list: GLNs without
    /// extension name parties.
    pub fn of_party(location: &Location) -> NodeKey {
        match location {
            Location::Gln(sgln) if sgln.extension.is_none() => NodeKey::Party(sgln.gln),
            other => NodeKey::of_location(other),
        }
    }

    /// The GTIN of goods nodes (items, lots, products).
    pub fn gtin(&self) -> Option<&Gtin> {
        match self {
            NodeKey::Item(i) => Some(&i.gtin),
            NodeKey::Lot(l) => Some(&l.gtin),
            NodeKey::Product(g) => Some(g),
            _ => None,
        }
    }
}

impl NodeKey {
    /// Reads what a person or a scanner names a node by: a record id (`rec:…`, a shipment),
    /// or any GS1 identifier ([`Identifier::parse`](crate::ids::Identifier::parse): element
    /// strings, Digital Link, EPC URI) of an item `(01)(21)`, a lot `(01)(10)`, a product
    /// `(01)`, a logistic unit `(00)`, a location `(414)` or a party `(417)`.
    ///
    /// ```
    /// use tracemark::graph::NodeKey;
    /// let lot = NodeKey::parse("(01)09506000134352(10)L1")?;
    /// assert_eq!(lot.kind().as_str(), "lot");
    /// assert_eq!(NodeKey::parse(&lot.to_string())?, lot);
    /// let item = NodeKey::parse("https://id.gs1.org/01/09506000134352/21/A1")?;
    /// assert_eq!(item.to_string(), "(01)09506000134352(21)A1");
    /// assert!(NodeKey::parse("hello").is_err());
    /// # Ok::<(), tracemark::Error>(())
    /// ```
    pub fn parse(text: &str) -> crate::Result<NodeKey> {
        if text.starts_with("rec:") {
            return Ok(NodeKey::Shipment(text.parse()?));
        }
        let ids = crate::ids::Identifier::parse(text)?
            .element_strings()
            .ok_or_else(|| {
                crate::Error::InvalidValue(format!("{text:?} names more than one thing"))
            })?;
        if let Some(item) = ids.sgtin() {
            return Ok(NodeKey::Item(item));
        }
        if let Some(lot) = ids.lgtin() {
            return Ok(NodeKey::Lot(lot));
        }
        if let Some(unit) = ids.sscc() {
            return Ok(NodeKey::Unit(unit));
        }
        if let Some(place) = ids.sgln() {
            return Ok(NodeKey::Location(place));
        }
        if let Some(party) = ids.get("417") {
            return Ok(NodeKey::Party(party.parse()?));
        }
        if let Some(gtin) = ids.gtin() {
            return Ok(NodeKey::Product(gtin));
        }
        Err(crate::Error::InvalidValue(format!(
            "{text:?} names no item, lot, product, unit, location, party or shipment"
        )))
    }
}

impl std::str::FromStr for NodeKey {
    type Err = crate::Error;
    fn from_str(text: &str) -> crate::Result<NodeKey> {
        NodeKey::parse(text)
    }
}

impl fmt::Display for NodeKey {
    /// GS1 element strings for GS1 keys (`(01)…(21)…`, `(00)…`, `(414)…`), `rec:` ids for
    /// shipments, and the transformation id as it is.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeKey::Item(i) => i.fmt(f),
            NodeKey::Lot(l) => l.fmt(f),
            NodeKey::Product(g) => write!(f, "(01){g}"),
            NodeKey::Unit(u) => write!(f, "(00){u}"),
            NodeKey::Shipment(r) => r.fmt(f),
            NodeKey::Transformation(TransformationKey::Id(t)) => f.write_str(t.as_str()),
            NodeKey::Transformation(TransformationKey::Record(r)) => r.fmt(f),
            NodeKey::Party(g) => write!(f, "(417){g}"),
            NodeKey::Location(l) => l.fmt(f),
            NodeKey::Place(p) => f.write_str(p),
            NodeKey::Number(n) => n.fmt(f),
        }
    }
}
