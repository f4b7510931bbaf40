//! An EPCIS event as the reference's node tree: keys expanded to `{namespace}local`, CBV terms
//! to their IRIs, lists wrapped as in the XML binding (`epcList` holding `epc` nodes), and the
//! element renames that make the JSON and XML forms of an event hash alike.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::vocabulary;

/// A field: its name, its value (empty for a structure), its sub-fields. `pair` marks the
/// `(type, identifier)` pairs of business transactions, sources and destinations, which keep
/// their order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Node {
    pub name: String,
    pub value: String,
    pub children: Vec<Node>,
    pub pair: bool,
}

impl Node {
    fn leaf(name: impl Into<String>, value: impl Into<String>) -> Node {
        Node {
            name: name.into(),
            value: value.into(),
            children: Vec::new(),
            pair: false,
        }
    }
}

/// Namespace prefixes: the well-known ones, then the document's context, then `gs1` again
/// (a document cannot redefine it).
pub(super) struct Namespaces(BTreeMap<String, String>);

impl Namespaces {
    pub fn of(document: &Value) -> Namespaces {
        let mut ns = BTreeMap::new();
        for (p, n) in WELL_KNOWN {
            ns.insert(p.to_owned(), n.to_owned());
        }
        let contexts = match document.get("@context") {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(other) => vec![other],
            None => Vec::new(),
        };
        for c in contexts {
            if let Value::Object(map) = c {
                for (k, v) in map {
                    if let Value::String(s) = v {
                        ns.insert(k.clone(), s.clone());
                    }
                }
            }
        }
        ns.insert("gs1".into(), "https://ref.gs1.org/voc/".into());
        Namespaces(ns)
    }

    /// `prefix:local` as `{namespace}local` when the prefix is known.
    fn key(&self, key: &str) -> String {
        match key.split_once(':') {
            Some((p, rest)) => match self.0.get(p) {
                Some(n) => format!("{{{n}}}{rest}"),
                None => key.to_owned(),
            },
            None => key.to_owned(),
        }
    }

    /// A CURIE value expanded, for GS1's own namespaces only.
    fn value(&self, value: &str) -> String {
        if let Some((p, rest)) = value.split_once(':')
            && let Some(n) = self.0.get(p)
            && (n.starts_with("https://ref.gs1.org") || n.starts_with("https://gs1.org"))
        {
            return format!("{n}{rest}");
        }
        value.to_owned()
    }
}

const WELL_KNOWN: [(&str, &str); 4] = [
    ("gs1", "https://ref.gs1.org/voc/"),
    ("cbv", "https://ref.gs1.org/cbv/"),
    ("epcis", "https://ref.gs1.org/epcis/"),
    ("cbvmda", "urn:epcglobal:cbv:mda"),
];

/// What the conversion needs: the namespaces, and the vocabulary IRIs the document uses by
/// every bare term they could stand for (what follows a `-` or `/` in them), with the number
/// of IRIs that term could be: a term expands only when it names exactly one.
pub(super) struct Converter<'a> {
    namespaces: &'a Namespaces,
    terms: HashMap<&'a str, (&'a str, usize)>,
}

impl<'a> Converter<'a> {
    pub fn new(namespaces: &'a Namespaces, iris: &'a [String]) -> Converter<'a> {
        let mut terms: HashMap<&str, (&str, usize)> = HashMap::new();
        for iri in iris {
            for (i, b) in iri.bytes().enumerate() {
                if matches!(b, b'-' | b'/') && i + 1 < iri.len() {
                    let entry = terms.entry(&iri[i + 1..]).or_insert((iri, 0));
                    entry.1 += 1;
                }
            }
        }
        Converter { namespaces, terms }
    }

    /// The bare term `v` as the one vocabulary IRI of the document that ends in `-v` or `/v`.
    fn bare(&self, v: &str) -> String {
        match self.terms.get(v) {
            Some((iri, 1)) => (*iri).to_owned(),
            _ => v.to_owned(),
        }
    }

    pub fn convert(&self, value: &Value) -> Node {
        match value {
            Value::Object(map) => {
                let name = match map.get("type") {
                    Some(Value::String(t)) => t.clone(),
                    _ => String::new(),
                };
                let mut children = Vec::new();
                for (k, v) in map {
                    if matches!(k.as_str(), "#text" | "rdfs:comment" | "comment")
                        || k.starts_with("@xmlns")
                    {
                        continue;
                    }
                    let key = self.namespaces.key(k);
                    let items: Vec<&Value> = match v {
                        Value::Array(a) => a.iter().collect(),
                        other => vec![other],
                    };
                    for item in items {
                        let c = self.convert(item);
                        children.push(Node {
                            name: key.clone(),
                            value: c.value,
                            children: c.children,
                            pair: false,
                        });
                    }
                }
                let paired = ["bizTransaction", "source", "destination"]
                    .iter()
                    .any(|k| map.contains_key(*k));
                if paired {
                    // A pair is the type and the identifier, in that order, as documents
                    // write them (member order is not kept here); the reference drops any
                    // further member.
                    children.retain(|c| {
                        matches!(
                            c.name.as_str(),
                            "type" | "bizTransaction" | "source" | "destination"
                        )
                    });
                    children.sort_by_key(|c| c.name != "type");
                    children.truncate(2);
                } else {
                    children.sort();
                }
                Node {
                    name,
                    value: String::new(),
                    children,
                    pair: false,
                }
            }
            Value::String(s) => Node::leaf("", self.namespaces.value(&self.bare(s))),
            Value::Number(n) => Node::leaf("", python_number(n)),
            Value::Bool(b) => Node::leaf("", if *b { "true" } else { "false" }),
            Value::Null => Node::leaf("", "None"),
            Value::Array(_) => Node::leaf("", ""),
        }
    }
}

/// A JSON number as Python prints it: integers exactly, others as the shortest round trip.
fn python_number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        // Python prints 452.0 where Rust prints 452; the canonical form drops the ".0"
        // either way. From 1e16 Python writes an exponent, which the canonical form keeps.
        let f = n.as_f64().unwrap_or(0.0);
        if f.abs() >= 1e16 {
            format!("{f:e}")
        } else {
            format!("{f}")
        }
    }
}

/// The XML binding's structure: `…List` members gathered under one list node (business
/// transactions, sources and destinations as pairs), `childEPCs` likewise, and the renames of
/// input/output EPCs and quantities.
pub(super) fn correct(node: &mut Node) {
    let mut lists: Vec<Node> = Vec::new();
    let mut list_index: HashMap<String, usize> = HashMap::new();
    let mut child_epcs: Option<usize> = None;
    let mut kept: Vec<Node> = Vec::with_capacity(node.children.len());
    for c in node.children.drain(..) {
        let list = c
            .name
            .strip_suffix("List")
            .filter(|_| !c.pair)
            .map(str::to_owned);
        match list {
            Some(item) => {
                let pairs = matches!(
                    c.name.as_str(),
                    "bizTransactionList" | "sourceList" | "destinationList"
                );
                let Node {
                    name: list_name,
                    value,
                    children,
                    ..
                } = c;
                let element = Node {
                    name: if pairs { String::new() } else { item },
                    value: if pairs { String::new() } else { value },
                    children,
                    pair: pairs,
                };
                match list_index.get(&list_name) {
                    Some(&l) => lists[l].children.push(element),
                    None => {
                        list_index.insert(list_name.clone(), lists.len());
                        lists.push(Node {
                            name: list_name,
                            value: String::new(),
                            children: vec![element],
                            pair: false,
                        });
                    }
                }
            }
            None if c.name == "childEPCs" => {
                let epc = Node::leaf("epc", c.value);
                match child_epcs {
                    Some(k) => kept[k].children.push(epc),
                    None => {
                        child_epcs = Some(kept.len());
                        kept.push(Node {
                            name: "childEPCs".into(),
                            value: String::new(),
                            children: vec![epc],
                            pair: false,
                        });
                    }
                }
            }
            None => kept.push(c),
        }
    }
    kept.extend(lists);
    node.children = kept;
    for c in node.children.iter_mut().filter(|c| !c.pair) {
        correct(c);
    }
    let renamed = match node.name.as_str() {
        "inputEPC" | "outputEPC" => Some("epc"),
        "inputQuantity" | "outputQuantity" | "childQuantity" => Some("quantityElement"),
        "quantity" if !node.children.is_empty() => Some("quantityElement"),
        _ => None,
    };
    if let Some(r) = renamed {
        node.name = r.to_owned();
    }
}

/// The vocabulary IRIs a document uses: the values at its vocabulary positions (bare terms,
/// CURIEs or IRIs), and every string that already is one.
pub(super) fn vocabulary_iris(events: &[&Value], namespaces: &Namespaces) -> Vec<String> {
    let mut iris = std::collections::BTreeSet::new();
    let mut add = |table: vocabulary::Table, v: Option<&Value>| {
        if let Some(Value::String(s)) = v {
            let iri = if s.contains(':') {
                namespaces.value(s)
            } else if table.terms.contains(&s.as_str()) {
                format!("{}{s}", table.prefix)
            } else {
                return;
            };
            if vocabulary::is_gs1(&iri) {
                iris.insert(iri);
            }
        }
    };
    fn each(v: Option<&Value>) -> &[Value] {
        match v {
            Some(Value::Array(a)) => a,
            Some(other) => std::slice::from_ref(other),
            None => &[],
        }
    }
    for e in events {
        add(vocabulary::BIZ_STEP, e.get("bizStep"));
        add(vocabulary::DISPOSITION, e.get("disposition"));
        if let Some(p) = e.get("persistentDisposition") {
            for v in each(p.get("set")).iter().chain(each(p.get("unset"))) {
                add(vocabulary::DISPOSITION, Some(v));
            }
        }
        for v in each(e.get("bizTransactionList")) {
            add(vocabulary::BIZ_TRANSACTION_TYPE, v.get("type"));
        }
        for list in ["sourceList", "destinationList"] {
            for v in each(e.get(list)) {
                add(vocabulary::SOURCE_DESTINATION_TYPE, v.get("type"));
            }
        }
        for element in each(e.get("sensorElementList")) {
            for report in each(element.get("sensorReport")) {
                add(vocabulary::SENSOR_TYPE, report.get("type"));
                add(vocabulary::SENSOR_EXCEPTION, report.get("exception"));
                add(vocabulary::COMPONENT, report.get("component"));
            }
        }
        add(
            vocabulary::ERROR_REASON,
            e.get("errorDeclaration").and_then(|d| d.get("reason")),
        );
    }
    for e in events {
        strings(e, &mut |s| {
            if vocabulary::is_gs1(s) && !iris.contains(s) {
                iris.insert(s.to_owned());
            }
        });
    }
    iris.into_iter().collect()
}

fn strings(v: &Value, f: &mut impl FnMut(&str)) {
    match v {
        Value::String(s) => f(s),
        Value::Array(a) => a.iter().for_each(|x| strings(x, f)),
        Value::Object(m) => m.values().for_each(|x| strings(x, f)),
        _ => {}
    }
}
