//! An EPCIS event as the reference's node tree: keys expanded to `{namespace}local`, CBV terms
//! to their IRIs, lists wrapped as in the XML binding (`epcList` holding `epc` nodes), and the
//! element renames that make the JSON and XML forms of an event hash alike.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use super::json::Json;
use super::vocabulary;

/// A field: its name, its value (empty for a structure), its sub-fields. `pair` marks the
/// `(type, identifier)` pairs of business transactions, sources and destinations, which keep
/// their order. Names and values borrow from the parsed document where they can: most are
/// copied unchanged, and an allocation per field was most of the hash's time.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Node<'a> {
    pub name: Cow<'a, str>,
    pub value: Cow<'a, str>,
    pub children: Vec<Node<'a>>,
    pub pair: bool,
}

impl<'a> Node<'a> {
    fn leaf(name: impl Into<Cow<'a, str>>, value: impl Into<Cow<'a, str>>) -> Node<'a> {
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
    pub fn of(document: &Json) -> Namespaces {
        Namespaces::of_context(document.get("@context"))
    }

    /// The namespaces of a document whose `@context` is `context`.
    pub fn of_context(context: Option<&Json>) -> Namespaces {
        let mut ns = BTreeMap::new();
        for (p, n) in WELL_KNOWN {
            ns.insert(p.to_owned(), n.to_owned());
        }
        for c in context.map_or(&[][..], Json::items) {
            if let Json::Object(map) = c {
                for (k, v) in map {
                    if let Json::String(s) = v {
                        ns.insert(k.to_string(), s.to_string());
                    }
                }
            }
        }
        ns.insert("gs1".into(), "https://ref.gs1.org/voc/".into());
        Namespaces(ns)
    }

    /// `prefix:local` as `{namespace}local` when the prefix is known.
    fn key<'k>(&self, key: &'k str) -> Cow<'k, str> {
        match key.split_once(':') {
            Some((p, rest)) => match self.0.get(p) {
                Some(n) => Cow::Owned(format!("{{{n}}}{rest}")),
                None => Cow::Borrowed(key),
            },
            None => Cow::Borrowed(key),
        }
    }

    /// A CURIE value expanded, for GS1's own namespaces only.
    fn value<'v>(&self, value: &'v str) -> Cow<'v, str> {
        if let Some((p, rest)) = value.split_once(':')
            && let Some(n) = self.0.get(p)
            && (n.starts_with("https://ref.gs1.org") || n.starts_with("https://gs1.org"))
        {
            return Cow::Owned(format!("{n}{rest}"));
        }
        Cow::Borrowed(value)
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
    iris: &'a [String],
    /// Only for many IRIs (a whole document's): an event uses a handful, which a scan finds
    /// sooner than a map is built.
    terms: Option<HashMap<&'a str, (&'a str, usize), foldhash::fast::RandomState>>,
}

/// Up to this many IRIs, bare terms are looked up by a scan.
const SCANNED_IRIS: usize = 16;

impl<'a> Converter<'a> {
    pub fn new(namespaces: &'a Namespaces, iris: &'a [String]) -> Converter<'a> {
        if iris.len() <= SCANNED_IRIS {
            return Converter {
                namespaces,
                iris,
                terms: None,
            };
        }
        let mut terms: HashMap<&str, (&str, usize), _> = HashMap::default();
        for iri in iris {
            for (i, b) in iri.bytes().enumerate() {
                if matches!(b, b'-' | b'/') && i + 1 < iri.len() {
                    let entry = terms.entry(&iri[i + 1..]).or_insert((iri, 0));
                    entry.1 += 1;
                }
            }
        }
        Converter {
            namespaces,
            iris,
            terms: Some(terms),
        }
    }

    /// The bare term `v` as the one vocabulary IRI of the document that ends in `-v` or `/v`.
    fn bare<'v>(&self, v: &'v str) -> &'v str
    where
        'a: 'v,
    {
        let Some(terms) = &self.terms else {
            // The IRIs that end in `-v` or `/v`: the term stands for one only if there is one.
            let mut found = self.iris.iter().filter(|iri| {
                !v.is_empty()
                    && iri.len() > v.len()
                    && iri.ends_with(v)
                    && matches!(iri.as_bytes()[iri.len() - v.len() - 1], b'-' | b'/')
            });
            return match (found.next(), found.next()) {
                (Some(iri), None) => iri,
                _ => v,
            };
        };
        match terms.get(v) {
            Some((iri, 1)) => iri,
            _ => v,
        }
    }

    pub fn convert<'v>(&self, value: &'v Json<'v>) -> Node<'v>
    where
        'a: 'v,
    {
        match value {
            Json::Object(map) => {
                let mut name = Cow::Borrowed("");
                let mut paired = false;
                let mut children = Vec::with_capacity(map.len());
                for (k, v) in map {
                    match (&**k, v) {
                        ("type", Json::String(t)) => name = Cow::Borrowed(&**t),
                        ("bizTransaction" | "source" | "destination", _) => paired = true,
                        _ => {}
                    }
                    if matches!(&**k, "#text" | "rdfs:comment" | "comment")
                        || k.starts_with("@xmlns")
                    {
                        continue;
                    }
                    let key = self.namespaces.key(k);
                    for item in v.items() {
                        let c = self.convert(item);
                        children.push(Node {
                            name: key.clone(),
                            value: c.value,
                            children: c.children,
                            pair: false,
                        });
                    }
                }
                if paired {
                    // A pair is the type and the identifier, in that order, as documents
                    // write them (member order is not kept here); the reference drops any
                    // further member.
                    children.retain(|c| {
                        matches!(
                            &*c.name,
                            "type" | "bizTransaction" | "source" | "destination"
                        )
                    });
                    children.sort_by_key(|c| c.name != "type");
                    children.truncate(2);
                } else if !children.is_sorted() {
                    children.sort_unstable();
                }
                Node {
                    name,
                    value: Cow::Borrowed(""),
                    children,
                    pair: false,
                }
            }
            Json::String(s) => Node::leaf("", self.namespaces.value(self.bare(s))),
            Json::Number(n) => Node::leaf("", python_number(n)),
            Json::Bool(b) => Node::leaf("", if *b { "true" } else { "false" }),
            Json::Null => Node::leaf("", "None"),
            Json::Array(_) => Node::leaf("", ""),
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
pub(super) fn correct(node: &mut Node<'_>) {
    let mut lists: Vec<Node> = Vec::new();
    let mut child_epcs: Option<usize> = None;
    let mut kept: Vec<Node> = Vec::with_capacity(node.children.len());
    for c in node.children.drain(..) {
        if !c.pair && c.name.ends_with("List") {
            let pairs = matches!(
                &*c.name,
                "bizTransactionList" | "sourceList" | "destinationList"
            );
            let Node {
                name: list_name,
                value,
                children,
                ..
            } = c;
            let item = match &list_name {
                Cow::Borrowed(n) => Cow::Borrowed(&n[..n.len() - 4]),
                Cow::Owned(n) => Cow::Owned(n[..n.len() - 4].to_owned()),
            };
            let element = Node {
                name: if pairs { Cow::Borrowed("") } else { item },
                value: if pairs { Cow::Borrowed("") } else { value },
                children,
                pair: pairs,
            };
            // An event has a handful of lists: a scan beats a map.
            match lists.iter_mut().find(|l| l.name == list_name) {
                Some(l) => l.children.push(element),
                None => lists.push(Node {
                    name: list_name,
                    value: Cow::Borrowed(""),
                    children: vec![element],
                    pair: false,
                }),
            }
        } else if c.name == "childEPCs" {
            let epc = Node::leaf("epc", c.value);
            match child_epcs {
                Some(k) => kept[k].children.push(epc),
                None => {
                    child_epcs = Some(kept.len());
                    kept.push(Node {
                        name: Cow::Borrowed("childEPCs"),
                        value: Cow::Borrowed(""),
                        children: vec![epc],
                        pair: false,
                    });
                }
            }
        } else {
            kept.push(c);
        }
    }
    kept.extend(lists);
    node.children = kept;
    for c in node.children.iter_mut().filter(|c| !c.pair) {
        correct(c);
    }
    let renamed = match &*node.name {
        "inputEPC" | "outputEPC" => Some("epc"),
        "inputQuantity" | "outputQuantity" | "childQuantity" => Some("quantityElement"),
        "quantity" if !node.children.is_empty() => Some("quantityElement"),
        _ => None,
    };
    if let Some(r) = renamed {
        node.name = Cow::Borrowed(r);
    }
}

/// The vocabulary IRIs a document uses: the values at its vocabulary positions (bare terms,
/// CURIEs or IRIs), and every string that already is one.
pub(super) fn vocabulary_iris(events: &[Json], namespaces: &Namespaces) -> Vec<String> {
    let mut iris = std::collections::BTreeSet::new();
    let mut add = |table: vocabulary::Table, v: Option<&Json>| {
        if let Some(Json::String(s)) = v {
            let iri = if s.contains(':') {
                namespaces.value(s).into_owned()
            } else if table.terms.contains(&&**s) {
                format!("{}{s}", table.prefix)
            } else {
                return;
            };
            if vocabulary::is_gs1(&iri) {
                iris.insert(iri);
            }
        }
    };
    fn each<'j, 'a>(v: Option<&'j Json<'a>>) -> &'j [Json<'a>] {
        v.map_or(&[], Json::items)
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

fn strings(v: &Json, f: &mut impl FnMut(&str)) {
    match v {
        Json::String(s) => f(s),
        Json::Array(a) => a.iter().for_each(|x| strings(x, f)),
        Json::Object(m) => m.iter().for_each(|(_, x)| strings(x, f)),
        _ => {}
    }
}
