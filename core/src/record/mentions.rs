//! The GS1 identifiers a record mentions, with their role: what the store indexes, and what
//! a page checks before it shows a record as being about the item in hand.

use crate::ids::{ClassId, ObjectId};
use crate::record::{Body, Goods, Record};

/// One identifier a record mentions: a serialised item (GTIN + serial), a lot or product
/// class (GTIN, with a lot or not), or a logistic unit (SSCC).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// What the identifier is to the record: `object` or `quantity` (the goods of a
    /// commission, shipment, receipt or status change), `parent` or `child` (an aggregation),
    /// `input` or `output` (a transformation), `recall` (a recall notice's scope).
    pub role: &'static str,
    /// The GTIN, 14 digits.
    pub gtin: Option<String>,
    /// The lot (AI 10).
    pub lot: Option<String>,
    /// The serial (AI 21).
    pub serial: Option<String>,
    /// The SSCC, 18 digits.
    pub sscc: Option<String>,
}

impl Mention {
    /// The identifier as one text key, in the form of a GS1 Digital Link path without the
    /// domain: `01/{gtin}`, `01/{gtin}/10/{lot}`, `01/{gtin}/21/{serial}` or `00/{sscc}`. The
    /// store indexes mentions by it; a GTIN's mentions share the prefix `01/{gtin}/`.
    ///
    /// ```
    /// # let demo = tracemark::sample::SupplyChain::build()?;
    /// let keys: Vec<String> = demo.records[2].unverified().mentions().iter().map(|m| m.key()).collect();
    /// assert_eq!(keys, ["01/08930000010018/10/M2603A"]); // a commission of lot M2603A
    /// # Ok::<(), tracemark::Error>(())
    /// ```
    pub fn key(&self) -> String {
        match (&self.sscc, &self.gtin, &self.lot, &self.serial) {
            (Some(sscc), ..) => format!("00/{sscc}"),
            (None, Some(gtin), Some(lot), _) => format!("01/{gtin}/10/{lot}"),
            (None, Some(gtin), None, Some(serial)) => format!("01/{gtin}/21/{serial}"),
            (None, Some(gtin), None, None) => format!("01/{gtin}"),
            (None, None, ..) => String::new(),
        }
    }
}

fn object(role: &'static str, o: &ObjectId) -> Mention {
    match o {
        ObjectId::Item(i) => Mention {
            role,
            gtin: Some(i.gtin.to_string()),
            lot: None,
            serial: Some(i.serial.to_string()),
            sscc: None,
        },
        ObjectId::Unit(u) => Mention {
            role,
            gtin: None,
            lot: None,
            serial: None,
            sscc: Some(u.to_string()),
        },
    }
}

fn class(role: &'static str, c: &ClassId) -> Mention {
    let lot = match c {
        ClassId::Lot(l) => Some(l.lot.to_string()),
        ClassId::Product(_) => None,
    };
    Mention {
        role,
        gtin: Some(c.gtin().to_string()),
        lot,
        serial: None,
        sscc: None,
    }
}

fn goods(out: &mut Vec<Mention>, objects: &'static str, quantities: &'static str, g: &Goods) {
    out.extend(g.objects.iter().map(|o| object(objects, o)));
    out.extend(g.quantities.iter().map(|q| class(quantities, &q.class)));
}

impl Record {
    /// Every GS1 identifier the record mentions, in the order the record names them. For an
    /// `epcis_event` record: the GTINs, lots, serials and SSCCs its event names in EPC URI or
    /// Digital Link form (none if the event does not read).
    pub fn mentions(&self) -> Vec<Mention> {
        let mut out = self.field_mentions();
        if let Body::EpcisEvent(r) = &self.body
            && let Ok(event) = r.event()
        {
            epcis(&mut out, &event);
        }
        out
    }

    /// The identifiers of the record's typed fields: [`Record::mentions`] without reading
    /// the identifiers inside an EPCIS event. Those are text that takes the GS1 tables and
    /// the EPCIS reader to read, which a build that only checks records (the browser's lite
    /// build) leaves out.
    pub fn field_mentions(&self) -> Vec<Mention> {
        mentions_of(self)
    }
}

fn mentions_of(record: &Record) -> Vec<Mention> {
    let mut out = Vec::new();
    match &record.body {
        Body::Commission(c) => goods(&mut out, "object", "quantity", &c.goods),
        Body::Aggregation(a) => {
            out.push(object("parent", &a.parent));
            goods(&mut out, "child", "child", &a.children);
        }
        Body::Shipping(t) | Body::Receiving(t) => goods(&mut out, "object", "quantity", &t.goods),
        Body::Transformation(t) => {
            goods(&mut out, "input", "input", &t.inputs);
            goods(&mut out, "output", "output", &t.outputs);
        }
        Body::StatusChange(s) => goods(&mut out, "object", "quantity", &s.goods),
        Body::RecallNotice(n) => {
            let s = &n.scope;
            out.extend(
                s.products
                    .iter()
                    .map(|g| class("recall", &ClassId::Product(*g))),
            );
            out.extend(
                s.lots
                    .iter()
                    .chain(&s.input_lots)
                    .map(|l| class("recall", &ClassId::Lot(l.clone()))),
            );
            out.extend(
                s.serial_ranges
                    .iter()
                    .map(|r| class("recall", &ClassId::Product(r.gtin))),
            );
            out.extend(
                s.date_windows
                    .iter()
                    .map(|w| class("recall", &ClassId::Product(w.gtin))),
            );
        }
        Body::EpcisEvent(_) | Body::KeyCertificate(_) | Body::KeyRevocation(_) => {}
    }
    out
}

/// The GS1 keys an EPCIS event names, in EPC URI or Digital Link form. Identifiers that hold
/// no key tracemark indexes (a GRAI, a GIAI, a pattern) are left out; the event keeps them.
fn epcis(out: &mut Vec<Mention>, event: &crate::epcis::EpcisEvent) {
    use crate::epcis::IdentifierRole as R;
    for (role, objects, classes) in [
        (R::Epc, "object", "quantity"),
        (R::Parent, "parent", "parent"),
        (R::Child, "child", "child"),
        (R::Input, "input", "input"),
        (R::Output, "output", "output"),
    ] {
        for id in event.identifiers(role) {
            match key_of(id) {
                Some(Key::Object(o)) => out.push(object(objects, &o)),
                Some(Key::Class(c)) => out.push(class(objects, &c)),
                None => {}
            }
        }
        for (class_id, _, _) in event.quantities(role) {
            match key_of(class_id) {
                Some(Key::Class(c)) => out.push(class(classes, &c)),
                Some(Key::Object(o)) => out.push(object(classes, &o)),
                None => {}
            }
        }
    }
}

enum Key {
    Object(ObjectId),
    Class(ClassId),
}

fn key_of(id: &str) -> Option<Key> {
    if id.starts_with("urn:epc:") {
        let epc = crate::ids::EpcUri::parse(id).ok()?;
        return match epc.object_id() {
            Some(o) => Some(Key::Object(o)),
            None => epc.class_id().map(Key::Class),
        };
    }
    let link = crate::ids::DigitalLink::parse(id).ok()?;
    if let Some(s) = link.sgtin() {
        Some(Key::Object(ObjectId::Item(s)))
    } else if let Some(s) = link.sscc() {
        Some(Key::Object(ObjectId::Unit(s)))
    } else if let Some(l) = link.lgtin() {
        Some(Key::Class(ClassId::Lot(l)))
    } else {
        link.gtin().map(|g| Key::Class(ClassId::Product(g)))
    }
}
