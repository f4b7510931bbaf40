//! The GS1 identifiers a record mentions, with their role, as the store indexes them.

use crate::ids::{ClassId, ObjectId};
use crate::record::{Body, Goods, Record};

/// One identifier a record mentions.
pub struct Mention {
    pub role: &'static str,
    pub gtin: Option<String>,
    pub lot: Option<String>,
    pub serial: Option<String>,
    pub sscc: Option<String>,
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

/// Every identifier `record` mentions.
pub fn of(record: &Record) -> Vec<Mention> {
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
        Body::KeyCertificate(_) | Body::KeyRevocation(_) => {}
    }
    out
}
