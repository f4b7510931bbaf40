//! The impact's rows as column tables (see [`crate::table`]).

use super::rows::RecallImpact;
use crate::table::{Table, boolean, float, joined, text};

impl RecallImpact {
    /// Affected goods: `kind, id, reached_at, state, location, since, last_record, evidence`.
    pub fn goods_table(&self) -> Table {
        let g = &self.goods;
        let mut t = Table::new();
        t.push("kind", text(g, |r| Some(r.goods.kind().as_str().into())));
        t.push("id", text(g, |r| Some(r.goods.to_string())));
        t.push(
            "reached_at",
            text(g, |r| r.reached_at.map(|t| t.to_string())),
        );
        t.push("state", text(g, |r| Some(r.state.as_str().into())));
        t.push(
            "location",
            text(g, |r| r.location.as_ref().map(|l| l.to_string())),
        );
        t.push("since", text(g, |r| r.since.map(|t| t.to_string())));
        t.push(
            "last_record",
            text(g, |r| r.last_record.map(|t| t.to_string())),
        );
        t.push("evidence", text(g, |r| Some(joined(&r.evidence))));
        t
    }

    /// Affected shipments: `shipment, from, to, shipped_at, received_at, received_by,
    /// receipt, goods, evidence`.
    pub fn shipments_table(&self) -> Table {
        let s = &self.shipments;
        let mut t = Table::new();
        t.push("shipment", text(s, |r| Some(r.shipment.to_string())));
        t.push("from", text(s, |r| r.from.as_ref().map(|l| l.to_string())));
        t.push("to", text(s, |r| Some(joined(&r.to))));
        t.push(
            "shipped_at",
            text(s, |r| r.shipped_at.map(|t| t.to_string())),
        );
        t.push(
            "received_at",
            text(s, |r| r.received_at.map(|t| t.to_string())),
        );
        t.push(
            "received_by",
            text(s, |r| r.received_by.as_ref().map(|l| l.to_string())),
        );
        t.push("receipt", text(s, |r| r.receipt.map(|t| t.to_string())));
        t.push("goods", text(s, |r| Some(joined(&r.goods))));
        t.push("evidence", text(s, |r| Some(joined(&r.evidence))));
        t
    }

    /// Locations to notify: `location, party, role, first_received, holds_stock, evidence`.
    pub fn holders_table(&self) -> Table {
        let h = &self.holders;
        let mut t = Table::new();
        t.push("location", text(h, |r| Some(r.location.to_string())));
        t.push("party", text(h, |r| r.party.map(|p| p.to_string())));
        t.push("role", text(h, |r| Some(r.role.as_str().into())));
        t.push(
            "first_received",
            text(h, |r| r.first_received.map(|t| t.to_string())),
        );
        t.push("holds_stock", boolean(h, |r| r.holds_stock));
        t.push("evidence", text(h, |r| Some(joined(&r.evidence))));
        t
    }

    /// Per holder and lot: `holder, goods, uom, produced, received, returned, shipped,
    /// consumed, sold, destroyed, removed, on_hand` (`uom` null: a count of trade items).
    pub fn holdings_table(&self) -> Table {
        let h = &self.holdings;
        let mut t = Table::new();
        t.push("holder", text(h, |r| Some(r.holder.to_string())));
        t.push("goods", text(h, |r| Some(r.goods.to_string())));
        t.push("uom", text(h, |r| r.uom.as_ref().map(|u| u.to_string())));
        t.push("produced", float(h, |r| Some(r.produced)));
        t.push("received", float(h, |r| Some(r.received)));
        t.push("returned", float(h, |r| Some(r.returned)));
        t.push("shipped", float(h, |r| Some(r.shipped)));
        t.push("consumed", float(h, |r| Some(r.consumed)));
        t.push("sold", float(h, |r| Some(r.sold)));
        t.push("destroyed", float(h, |r| Some(r.destroyed)));
        t.push("removed", float(h, |r| Some(r.removed)));
        t.push("on_hand", float(h, |r| Some(r.on_hand)));
        t
    }

    /// Mass balance per lot: `goods, uom, produced, shipped, received, in_transit, on_hand,
    /// consumed, sold, destroyed, returned, removed`.
    pub fn balances_table(&self) -> Table {
        let b = &self.balances;
        let mut t = Table::new();
        t.push("goods", text(b, |r| Some(r.goods.to_string())));
        t.push("uom", text(b, |r| r.uom.as_ref().map(|u| u.to_string())));
        t.push("produced", float(b, |r| Some(r.produced)));
        t.push("shipped", float(b, |r| Some(r.shipped)));
        t.push("received", float(b, |r| Some(r.received)));
        t.push("in_transit", float(b, |r| Some(r.in_transit)));
        t.push("on_hand", float(b, |r| Some(r.on_hand)));
        t.push("consumed", float(b, |r| Some(r.consumed)));
        t.push("sold", float(b, |r| Some(r.sold)));
        t.push("destroyed", float(b, |r| Some(r.destroyed)));
        t.push("returned", float(b, |r| Some(r.returned)));
        t.push("removed", float(b, |r| Some(r.removed)));
        t
    }
}
