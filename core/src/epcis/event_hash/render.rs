//! The canonical pre-hash string of one event's node tree.
//!
//! Everything is written into one growing string: a field's values are rendered in place and,
//! where the algorithm sorts siblings, the rendered pieces are reordered there. A string per
//! field and per value was most of the hash's allocations.

use std::cell::RefCell;
use std::collections::HashMap;

use super::tree::Node;
use super::{CbvVersion, Field, ORDER, canon};

/// Fields never hashed.
fn ignored(n: &Node) -> bool {
    matches!(
        &*n.name,
        "recordTime" | "eventID" | "type" | "errorDeclaration" | "certificationInfo"
    )
}

/// A user extension inside a standard field: a namespaced name whose namespace ends in `/`.
fn is_extension(n: &Node) -> bool {
    !n.pair && n.name.contains('{') && n.name.contains("/}")
}

/// A field whose value is a timestamp: its name mentions a time and is not an offset (the
/// reference lower-cases the name to decide).
fn is_time_field(name: &str) -> bool {
    let has = |needle: &str| {
        name.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    has("time") && !has("offset")
}

/// How many canonical values a document's rendering remembers.
const MEMO_ENTRIES: usize = 4096;

/// Pieces of `out` from `start` on, written one after another as `ends`, put in sorted order.
fn sort_pieces(out: &mut String, start: usize, ends: &[usize]) {
    if ends.len() < 2 {
        return;
    }
    let mut pieces: Vec<(usize, usize)> = Vec::with_capacity(ends.len());
    let mut from = start;
    for &end in ends {
        pieces.push((from, end));
        from = end;
    }
    if pieces
        .windows(2)
        .all(|w| out[w[0].0..w[0].1] <= out[w[1].0..w[1].1])
    {
        return;
    }
    let written = out[start..].to_owned();
    let piece = |&(a, b): &(usize, usize)| &written[a - start..b - start];
    pieces.sort_by(|x, y| piece(x).cmp(piece(y)));
    out.truncate(start);
    for p in &pieces {
        out.push_str(piece(p));
    }
}

/// Renders events of one document; canonical values are remembered, as a document repeats
/// its locations, parties and vocabulary in event after event.
pub(super) struct Render {
    version: CbvVersion,
    memo: RefCell<HashMap<String, String, foldhash::fast::RandomState>>,
}

impl Render {
    pub fn new(version: CbvVersion) -> Render {
        Render {
            version,
            memo: RefCell::new(HashMap::default()),
        }
    }

    fn canon(&self, v: &str, out: &mut String) {
        // Serialised items and logistic units are mostly new in each event: written straight
        // out, not remembered (which would cost more than working them out).
        if canon::plain_epc_link(v, out) {
            return;
        }
        if let Some(c) = self.memo.borrow().get(v) {
            out.push_str(c);
            return;
        }
        let c = canon::canon(v);
        out.push_str(&c);
        let mut memo = self.memo.borrow_mut();
        // Bounded: long values are not kept, and a full memo starts again, so that a long
        // stream's unique EPCs do not crowd out the values it keeps repeating.
        if c.len() <= 256 {
            if memo.len() >= MEMO_ENTRIES {
                memo.clear();
            }
            memo.insert(v.to_owned(), c);
        }
    }

    pub fn prehash(&self, event: Node) -> String {
        let mut out = String::with_capacity(1024);
        out.push_str("eventType=");
        out.push_str(&event.name);
        let mut children = event.children;
        self.ordered(&mut children, ORDER, &mut out);
        match self.version {
            CbvVersion::Cbv21 => {
                let rest: Vec<Node> = children.into_iter().filter(|c| !ignored(c)).collect();
                self.generic(&rest, &mut out);
            }
            CbvVersion::Cbv20 => {
                let (ilmd, mut rest): (Vec<Node>, Vec<Node>) =
                    children.into_iter().partition(|c| c.name == "ilmd");
                self.generic(&ilmd, &mut out);
                for f in ORDER {
                    let Some(sub) = f.sub else { continue };
                    let mut i = 0;
                    while i < rest.len() {
                        if rest[i].name == f.name {
                            let inner = self.field_extensions(&rest[i].children, sub);
                            if !inner.is_empty() {
                                if f.name != "sensorElementList" {
                                    out.push_str(f.name);
                                }
                                out.push_str(&inner);
                                rest.remove(i);
                                continue;
                            }
                        }
                        i += 1;
                    }
                }
                let rest: Vec<Node> = rest.into_iter().filter(|c| !ignored(c)).collect();
                self.generic(&rest, &mut out);
            }
        }
        out
    }

    /// The fields of `list` that `order` names, in its order, each field's values sorted; what a
    /// field renders completely is removed, what is left (extensions) stays.
    fn ordered(&self, list: &mut Vec<Node>, order: &[Field], out: &mut String) {
        let mut extensions = Vec::new();
        if self.version == CbvVersion::Cbv21
            && list.len() >= 2
            && !list
                .iter()
                .any(|n| n.name.contains("eventTime") || n.name.contains("action"))
        {
            let (ext, keep): (Vec<Node>, Vec<Node>) = list.drain(..).partition(is_extension);
            *list = keep;
            extensions = ext;
        }
        let mut ends = Vec::new();
        for f in order {
            let start = out.len();
            ends.clear();
            // What a field renders completely goes; fields with extensions left stay.
            list.retain_mut(|n| {
                if n.name != f.name {
                    return true;
                }
                self.field(n, f.sub, out);
                if out.len() > ends.last().copied().unwrap_or(start) {
                    ends.push(out.len());
                }
                !n.children.is_empty()
            });
            sort_pieces(out, start, &ends);
        }
        if !extensions.is_empty() {
            self.generic(&extensions, out);
        }
    }

    /// `name=value` and the sub-fields, or nothing when the field has neither.
    fn field(&self, n: &mut Node, sub: Option<&[Field]>, out: &mut String) {
        let start = out.len();
        if !(n.name == "sensorElementList" && self.version == CbvVersion::Cbv20) {
            out.push_str(&n.name);
        }
        let named = out.len();
        let v = n.value.trim();
        if !v.is_empty() {
            out.push('=');
            if is_time_field(&n.name) {
                out.push_str(&canon::timestamp(v));
            } else {
                self.canon(v, out);
            }
            if out.len() == named + 1 {
                out.truncate(named);
            }
        }
        let valued = out.len() > named;
        let before_inner = out.len();
        if let Some(sub) = sub {
            if !n.children.is_empty() && n.children.iter().all(|c| c.pair) {
                self.generic(&n.children, out);
                n.children.clear();
            } else {
                self.ordered(&mut n.children, sub, out);
            }
        }
        if !valued && out.len() == before_inner {
            out.truncate(start);
        }
    }

    /// Pairs, ilmd and extensions: `name=value` and sub-fields, siblings sorted (except the two
    /// members of a pair), no timestamp normalisation.
    fn generic(&self, nodes: &[Node], out: &mut String) {
        let start = out.len();
        let mut ends = Vec::with_capacity(nodes.len());
        for n in nodes {
            if !n.pair {
                out.push_str(&n.name);
                let v = n.value.trim();
                if !v.is_empty() {
                    out.push('=');
                    self.canon(v, out);
                }
            }
            self.generic(&n.children, out);
            ends.push(out.len());
        }
        let in_pair = nodes
            .iter()
            .any(|n| !n.pair && matches!(&*n.name, "bizTransaction" | "source" | "destination"));
        if !in_pair {
            sort_pieces(out, start, &ends);
        }
    }

    /// CBV 2.0: the extensions left inside standard fields, with the path of fields to them.
    fn field_extensions(&self, children: &[Node], order: &[Field]) -> String {
        let mut parts = String::new();
        for f in order {
            let Some(sub) = f.sub else { continue };
            for n in children.iter().filter(|n| n.name == f.name) {
                let inner = self.field_extensions(&n.children, sub);
                if !inner.is_empty() {
                    if f.name != "sensorElementList" {
                        parts.push_str(f.name);
                    }
                    parts.push_str(&inner);
                }
            }
        }
        let direct: Vec<Node> = children
            .iter()
            .filter(|c| is_extension(c))
            .cloned()
            .collect();
        self.generic(&direct, &mut parts);
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_sorted_in_place() {
        let mut out = String::from("head:c:a:b");
        sort_pieces(&mut out, 4, &[6, 8, 10]);
        assert_eq!(out, "head:a:b:c");
    }

    #[test]
    fn time_fields_are_found_whatever_the_case() {
        assert!(is_time_field("eventTime"));
        assert!(is_time_field("{https://ns.example.com/}startTIME"));
        assert!(!is_time_field("eventTimeZoneOffset"));
        assert!(!is_time_field("bizStep"));
    }
}
