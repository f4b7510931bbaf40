//! JSON-LD contexts as EPCIS documents use them: prefixes that turn compact IRIs
//! (`example:temperature`) into full ones, declared on the document and on any event.
//!
//! Only what EPCIS 2.0 needs of JSON-LD is read: prefix definitions (`"ext": "https://…/"` or
//! `"ext": {"@id": "https://…/"}`) and context URLs. A context URL is never fetched; the
//! prefixes of GS1's standard context are built in, so a document that only names it needs
//! no network. Other `@` keywords (`@vocab`, `@protected`) are ignored.

use std::collections::BTreeMap;

use serde_json::Value;

use super::problem::Problem;

/// The prefixes GS1's EPCIS 2.0 context defines that events use, always in scope.
pub(crate) const STANDARD_PREFIXES: [(&str, &str); 4] = [
    ("gs1", "https://gs1.org/voc/"),
    ("cbv", "https://ref.gs1.org/cbv/"),
    ("epcis", "https://ref.gs1.org/epcis/"),
    ("cbvmda", "urn:epcglobal:cbv:mda:"),
];

/// The URL of GS1's EPCIS 2.0 JSON-LD context, which an exported document names first.
pub const EPCIS_CONTEXT: &str = "https://ref.gs1.org/standards/epcis/epcis-context.jsonld";

/// Prefixes in scope: the standard ones, then the document's, then an event's own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Namespaces {
    prefixes: BTreeMap<String, String>,
}

impl Namespaces {
    /// The standard prefixes only.
    pub fn standard() -> Namespaces {
        let mut ns = Namespaces::default();
        for (p, iri) in STANDARD_PREFIXES {
            ns.prefixes.insert(p.to_owned(), iri.to_owned());
        }
        ns
    }

    /// Declares `prefix` for `iri`, replacing an earlier declaration (as a nested context does).
    pub fn declare(&mut self, prefix: &str, iri: &str) {
        self.prefixes.insert(prefix.to_owned(), iri.to_owned());
    }

    /// The declared prefixes, in prefix order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.prefixes.iter().map(|(p, i)| (p.as_str(), i.as_str()))
    }

    /// The prefixes declared by the user, leaving out the standard ones (which the standard
    /// context declares).
    pub fn declared(&self) -> impl Iterator<Item = (&str, &str)> {
        self.iter()
            .filter(|(p, i)| !STANDARD_PREFIXES.iter().any(|(sp, si)| sp == p && si == i))
    }

    /// These namespaces with the `@context` value at `path` added. A context is a URL, an
    /// object of definitions, or an array of both.
    pub(crate) fn with_context(&self, context: &Value, path: &str) -> Result<Namespaces, Problem> {
        let mut ns = self.clone();
        let items: &[Value] = match context {
            Value::Array(items) => items,
            other => std::slice::from_ref(other),
        };
        for (i, item) in items.iter().enumerate() {
            let at = || match context {
                Value::Array(_) => format!("{path}[{i}]"),
                _ => path.to_owned(),
            };
            match item {
                Value::String(url) if is_uri(url) => {}
                Value::Object(map) => {
                    for (prefix, def) in map {
                        if prefix.starts_with('@') {
                            continue;
                        }
                        let iri = match def {
                            Value::String(iri) => iri,
                            Value::Object(d) => match d.get("@id") {
                                Some(Value::String(iri)) => iri,
                                _ => continue,
                            },
                            Value::Null => continue,
                            _ => {
                                return Err(Problem::new(
                                    format!("{}.{prefix}", at()),
                                    "invalid_context",
                                    "a prefix is defined by an IRI string",
                                ));
                            }
                        };
                        if !is_uri(iri) {
                            return Err(Problem::new(
                                format!("{}.{prefix}", at()),
                                "invalid_context",
                                format!("prefix {prefix:?} is defined as {iri:?}, not an IRI"),
                            ));
                        }
                        ns.declare(prefix, iri);
                    }
                }
                _ => {
                    return Err(Problem::new(
                        at(),
                        "invalid_context",
                        "a context is a URL, an object or an array of them",
                    ));
                }
            }
        }
        Ok(ns)
    }

    /// The full IRI of a key. A compact IRI with a declared prefix is expanded; anything else
    /// with a colon is already an absolute IRI; `None` for a bare term, which names nothing
    /// outside the standard's own fields.
    pub(crate) fn expand_key(&self, key: &str) -> Option<String> {
        let (prefix, local) = key.split_once(':')?;
        if prefix.is_empty() {
            return None;
        }
        Some(match self.prefixes.get(prefix) {
            // `https://…` is an IRI even if someone declared a prefix `https`: JSON-LD only
            // expands when the suffix does not start with `//`.
            Some(iri) if !local.starts_with("//") => format!("{iri}{local}"),
            _ => key.to_owned(),
        })
    }

    /// A compact IRI value (`gs1:ALARM_CONDITION`) expanded; other values as they are.
    pub(crate) fn expand_value(&self, value: &str) -> String {
        self.expand_key(value).unwrap_or_else(|| value.to_owned())
    }

    /// The shortest compact form of an IRI with a declared prefix (the longest namespace
    /// wins), or the IRI itself when none fits or the compact form would be read back as
    /// something else.
    pub(crate) fn compact(&self, iri: &str) -> String {
        let best = self
            .prefixes
            .iter()
            .filter(|(_, ns)| iri.len() > ns.len() && iri.starts_with(ns.as_str()))
            .max_by_key(|(_, ns)| ns.len());
        match best {
            Some((prefix, ns)) => {
                let local = &iri[ns.len()..];
                let compact = format!("{prefix}:{local}");
                if self.expand_key(&compact).as_deref() == Some(iri) {
                    compact
                } else {
                    iri.to_owned()
                }
            }
            None => iri.to_owned(),
        }
    }

    /// A key as an export writes it: an IRI compacted, a standard field name as it is.
    pub(crate) fn compact_key(&self, key: &str) -> String {
        if key.contains(':') {
            self.compact(key)
        } else {
            key.to_owned()
        }
    }

    /// Declares a prefix for every namespace of `iris` that none covers: the part up to the last `/`
    /// or `#`, named `ns1`, `ns2`… (skipping names in use and IRI schemes of the keys).
    pub fn cover<'a>(&mut self, iris: impl Iterator<Item = &'a str>) {
        let mut schemes: Vec<String> = Vec::new();
        let mut missing: Vec<String> = Vec::new();
        for iri in iris {
            if let Some((scheme, _)) = iri.split_once(':') {
                schemes.push(scheme.to_owned());
            }
            if self.compact(iri) != iri {
                continue;
            }
            if let Some(cut) = iri.rfind(['/', '#']).filter(|&c| c + 1 < iri.len())
                && iri[..cut].contains("://")
            {
                let ns = &iri[..=cut];
                if !missing.iter().any(|m| m == ns) {
                    missing.push(ns.to_owned());
                }
            }
        }
        let mut n = 0;
        for ns in missing {
            let prefix = loop {
                n += 1;
                let p = format!("ns{n}");
                if !self.prefixes.contains_key(&p) && !schemes.contains(&p) {
                    break p;
                }
            };
            self.declare(&prefix, &ns);
        }
    }
}

/// Whether `text` is an absolute URI as the record model reads one ([`crate::vocab::Uri`]),
/// without `<`, `>` or `"`, which the EPCIS schema's `uri` format also refuses.
pub(crate) fn is_uri(text: &str) -> bool {
    crate::vocab::uri_problem(text).is_none() && !text.contains(['<', '>', '"'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_expand_with_the_prefixes_in_scope() {
        let ns = Namespaces::standard()
            .with_context(
                &serde_json::json!([EPCIS_CONTEXT, {"ext1": "http://example.com/ext1/"}]),
                "$.@context",
            )
            .unwrap();
        assert_eq!(
            ns.expand_key("ext1:float").as_deref(),
            Some("http://example.com/ext1/float")
        );
        assert_eq!(
            ns.expand_key("cbvmda:lotNumber").as_deref(),
            Some("urn:epcglobal:cbv:mda:lotNumber")
        );
        assert_eq!(
            ns.expand_key("example:x").as_deref(),
            Some("example:x"),
            "an undeclared prefix is an IRI scheme"
        );
        assert_eq!(ns.expand_key("materialType"), None);
        assert_eq!(ns.compact("http://example.com/ext1/float"), "ext1:float");
        assert_eq!(ns.compact("urn:x:y"), "urn:x:y");
    }

    #[test]
    fn bad_contexts_say_where() {
        let err = Namespaces::standard()
            .with_context(&serde_json::json!([{"a": 5}]), "$.@context")
            .unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.rule),
            ("$.@context[0].a", "invalid_context")
        );
        assert!(
            Namespaces::standard()
                .with_context(&serde_json::json!(7), "$")
                .is_err()
        );
    }

    #[test]
    fn cover_names_each_new_namespace_once() {
        let mut ns = Namespaces::standard();
        ns.cover(
            ["http://a.example/x/one", "http://a.example/x/two", "ns1:k"]
                .iter()
                .copied(),
        );
        assert_eq!(ns.compact("http://a.example/x/two"), "ns2:two");
        assert_eq!(ns.compact("ns1:k"), "ns1:k");
    }

    #[test]
    fn uris() {
        for ok in [
            "urn:epc:id:sgtin:1.2.3",
            "https://id.gs1.org/01/1",
            "geo:1,2",
        ] {
            assert!(is_uri(ok), "{ok}");
        }
        for bad in ["", "plain", ":x", "1a:b", "a b:c", "x:"] {
            assert!(!is_uri(bad), "{bad}");
        }
    }
}
