//! FoodChain-Lab's JSON exchange format (BfR FCL, schema v1), and its older flat form.
//!
//! v1: `data.stations`, `data.deliveries` and `data.deliveryRelations` are tables
//! (`columnProperties` and `data`, each row a list of `{id, value}` cells; the columns read
//! here are `ID`, `Name`, `type of business`; `ID`, `from`, `to`, `Name`, `Lot Number`,
//! `Date Delivery`, `Date Delivery Arrival`, `Amount`; `from`, `to`), and `tracing` carries
//! the flags per station (`nodes`) and delivery: `weight`, `crossContamination`,
//! `killContamination`, `observed`, with `enforceTemporalOrder`. The flat form has top-level
//! `stations` (`id`, `name`, `type`), `deliveries` (`id`, `source`, `target`) and
//! `deliveriesRelations` (`source`, `target`). Other columns are ignored.
//!
//! In the trace graph a station is a place, a delivery a node of its own, and a delivery
//! relation (goods of an incoming delivery went into an outgoing one) a step performed at the
//! station, so that a kill step there stops it. A station passes nothing on except along its
//! relations, unless it is cross-contaminating; then, with temporal order enforced, an
//! incoming delivery reaches the outgoing ones that left on or after the day it arrived.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use super::{Case, Outbreak, score_with};
use crate::codec::Text;
use crate::error::{Error, Result};
use crate::graph::{EdgeKind, GraphBuilder, NodeKey, Rules, TraceGraph, TransformationKey};
use crate::time::Date;

const DAY_MS: i64 = 86_400_000;

/// A business or person in an FCL network, with its tracing flags.
#[derive(Clone, Debug, Default, Serialize)]
#[allow(missing_docs)]
pub struct FclStation {
    pub id: String,
    pub name: Option<String>,
    /// `type of business`.
    pub kind: Option<String>,
    /// Case weight: above zero marks an outbreak station.
    pub weight: f64,
    pub cross_contamination: bool,
    pub kill_contamination: bool,
    pub observed: bool,
}

/// One lot moving from a station to another, with its tracing flags.
#[derive(Clone, Debug, Default, Serialize)]
#[allow(missing_docs)]
pub struct FclDelivery {
    pub id: String,
    /// Index into [`FclNetwork::stations`].
    pub source: usize,
    /// Index into [`FclNetwork::stations`].
    pub target: usize,
    pub name: Option<String>,
    pub lot: Option<String>,
    pub shipped: Option<Date>,
    pub arrived: Option<Date>,
    pub amount: Option<String>,
    pub weight: f64,
    pub kill_contamination: bool,
    pub observed: bool,
}

/// A FoodChain-Lab network.
#[derive(Clone, Debug, Default, Serialize)]
pub struct FclNetwork {
    /// The stations.
    pub stations: Vec<FclStation>,
    /// The deliveries.
    pub deliveries: Vec<FclDelivery>,
    /// Delivery relations: (incoming, outgoing) delivery indices at the same station.
    pub relations: Vec<(usize, usize)>,
    /// Cross-contamination only from earlier arrivals to later departures.
    pub enforce_temporal_order: bool,
    /// Dates present but not of the form `YYYY-MM-DD` (left open, as FCL leaves them).
    pub unreadable_dates: usize,
}

/// Scores of an FCL network's stations and deliveries, ranked.
#[derive(Clone, Debug, Serialize)]
pub struct FclScores {
    /// Stations, best first.
    pub stations: Vec<FclScore>,
    /// Deliveries, best first.
    pub deliveries: Vec<FclScore>,
    /// The scores on the graph, for the rest.
    pub outbreak: Outbreak,
}

/// One station's or delivery's score.
#[derive(Clone, Debug, Serialize)]
#[allow(missing_docs)]
pub struct FclScore {
    /// The FCL id.
    pub id: String,
    pub name: Option<String>,
    pub score: f64,
    pub common_link: bool,
    pub is_case: bool,
}

fn bad(path: &str, why: impl std::fmt::Display) -> Error {
    Error::InvalidJson(format!("FoodChain-Lab JSON at {path}: {why}"))
}

impl FclNetwork {
    /// Reads either form of the format. Errors name the JSON path and what is wrong.
    pub fn from_json(text: &str) -> Result<FclNetwork> {
        let root: Value = serde_json::from_str(text).map_err(|e| bad("$", e))?;
        let mut net = if let Some(data) = root.get("data").filter(|d| d.is_object()) {
            FclNetwork::from_tables(data)?
        } else if root.get("stations").is_some_and(Value::is_array) {
            FclNetwork::from_flat(&root)?
        } else {
            return Err(bad(
                "$",
                "neither `data` tables (schema v1) nor a `stations` array",
            ));
        };
        if let Some(tracing) = root.get("tracing").filter(|t| !t.is_null()) {
            net.read_tracing(tracing)?;
        }
        Ok(net)
    }

    fn from_tables(data: &Value) -> Result<FclNetwork> {
        let mut net = FclNetwork {
            enforce_temporal_order: true,
            ..FclNetwork::default()
        };
        let stations = rows(data, "stations")?;
        let mut index = HashMap::new();
        for (i, row) in stations.iter().enumerate() {
            let path = format!("$.data.stations.data[{i}]");
            let id = required(row, "ID", &path)?;
            if index.insert(id.clone(), net.stations.len()).is_some() {
                return Err(bad(&path, format!("station ID {id:?} appears twice")));
            }
            net.stations.push(FclStation {
                id,
                name: text(row, "Name"),
                kind: text(row, "type of business"),
                ..FclStation::default()
            });
        }
        let mut by_id = HashMap::new();
        for (i, row) in rows(data, "deliveries")?.iter().enumerate() {
            let path = format!("$.data.deliveries.data[{i}]");
            let id = required(row, "ID", &path)?;
            let station = |col: &str| -> Result<usize> {
                let s = required(row, col, &path)?;
                index
                    .get(&s)
                    .copied()
                    .ok_or_else(|| bad(&path, format!("`{col}` names no station: {s:?}")))
            };
            let (source, target) = (station("from")?, station("to")?);
            let shipped = net.date(text(row, "Date Delivery"));
            let arrived = net.date(text(row, "Date Delivery Arrival"));
            if by_id.insert(id.clone(), net.deliveries.len()).is_some() {
                return Err(bad(&path, format!("delivery ID {id:?} appears twice")));
            }
            net.deliveries.push(FclDelivery {
                id,
                source,
                target,
                name: text(row, "Name"),
                lot: text(row, "Lot Number"),
                shipped,
                arrived,
                amount: text(row, "Amount"),
                ..FclDelivery::default()
            });
        }
        for (i, row) in rows(data, "deliveryRelations")?.iter().enumerate() {
            let path = format!("$.data.deliveryRelations.data[{i}]");
            net.relate(
                &by_id,
                &required(row, "from", &path)?,
                &required(row, "to", &path)?,
                &path,
            )?;
        }
        Ok(net)
    }

    fn from_flat(root: &Value) -> Result<FclNetwork> {
        let mut net = FclNetwork {
            enforce_temporal_order: true,
            ..FclNetwork::default()
        };
        let list = |key: &str| -> Result<&Vec<Value>> {
            match root.get(key) {
                Some(Value::Array(a)) => Ok(a),
                None => Ok(const { &Vec::new() }),
                Some(_) => Err(bad(&format!("$.{key}"), "not an array")),
            }
        };
        let mut index = HashMap::new();
        for (i, s) in list("stations")?.iter().enumerate() {
            let path = format!("$.stations[{i}]");
            let id = field(s, "id", &path)?;
            if index.insert(id.clone(), net.stations.len()).is_some() {
                return Err(bad(&path, format!("station id {id:?} appears twice")));
            }
            net.stations.push(FclStation {
                id,
                name: s.get("name").and_then(scalar),
                kind: s.get("type").and_then(scalar),
                ..FclStation::default()
            });
        }
        let mut by_id = HashMap::new();
        for (i, d) in list("deliveries")?.iter().enumerate() {
            let path = format!("$.deliveries[{i}]");
            let id = field(d, "id", &path)?;
            let station = |key: &str| -> Result<usize> {
                let s = field(d, key, &path)?;
                index
                    .get(&s)
                    .copied()
                    .ok_or_else(|| bad(&path, format!("`{key}` names no station: {s:?}")))
            };
            let (source, target) = (station("source")?, station("target")?);
            if by_id.insert(id.clone(), net.deliveries.len()).is_some() {
                return Err(bad(&path, format!("delivery id {id:?} appears twice")));
            }
            net.deliveries.push(FclDelivery {
                id,
                source,
                target,
                ..FclDelivery::default()
            });
        }
        for (i, r) in list("deliveriesRelations")?.iter().enumerate() {
            let path = format!("$.deliveriesRelations[{i}]");
            net.relate(
                &by_id,
                &field(r, "source", &path)?,
                &field(r, "target", &path)?,
                &path,
            )?;
        }
        Ok(net)
    }

    fn relate(
        &mut self,
        by_id: &HashMap<String, usize>,
        from: &str,
        to: &str,
        path: &str,
    ) -> Result<()> {
        let get = |id: &str| {
            by_id
                .get(id)
                .copied()
                .ok_or_else(|| bad(path, format!("names no delivery: {id:?}")))
        };
        let (a, b) = (get(from)?, get(to)?);
        if self.deliveries[a].target != self.deliveries[b].source {
            return Err(bad(
                path,
                format!("delivery {from:?} does not arrive where {to:?} leaves from"),
            ));
        }
        self.relations.push((a, b));
        Ok(())
    }

    fn date(&mut self, text: Option<String>) -> Option<Date> {
        let t = text?;
        match t.parse::<Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                self.unreadable_dates += 1;
                None
            }
        }
    }

    fn read_tracing(&mut self, tracing: &Value) -> Result<()> {
        if let Some(b) = tracing.get("enforceTemporalOrder").and_then(Value::as_bool) {
            self.enforce_temporal_order = b;
        }
        let stations: HashMap<String, usize> = self
            .stations
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        let deliveries: HashMap<String, usize> = self
            .deliveries
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        for (key, is_station) in [("nodes", true), ("deliveries", false)] {
            let Some(list) = tracing.get(key).filter(|v| !v.is_null()) else {
                continue;
            };
            let Value::Array(list) = list else {
                return Err(bad(&format!("$.tracing.{key}"), "not an array"));
            };
            for (i, t) in list.iter().enumerate() {
                let path = format!("$.tracing.{key}[{i}]");
                let id = field(t, "id", &path)?;
                let flag = |k: &str| t.get(k).and_then(Value::as_bool).unwrap_or(false);
                let weight = match t.get("weight") {
                    None | Some(Value::Null) => 0.0,
                    Some(w) => w
                        .as_f64()
                        .filter(|w| w.is_finite() && *w >= 0.0)
                        .ok_or_else(|| bad(&path, "`weight` is not a number of zero or more"))?,
                };
                if is_station {
                    let s = stations
                        .get(&id)
                        .ok_or_else(|| bad(&path, format!("names no station: {id:?}")))?;
                    let s = &mut self.stations[*s];
                    s.weight = weight;
                    s.cross_contamination = flag("crossContamination");
                    s.kill_contamination = flag("killContamination");
                    s.observed = flag("observed");
                } else {
                    let d = deliveries
                        .get(&id)
                        .ok_or_else(|| bad(&path, format!("names no delivery: {id:?}")))?;
                    let d = &mut self.deliveries[*d];
                    d.weight = weight;
                    d.kill_contamination = flag("killContamination");
                    d.observed = flag("observed");
                }
            }
        }
        Ok(())
    }

    /// The node of station `i` in [`FclNetwork::graph`].
    pub fn station_key(&self, i: usize) -> NodeKey {
        NodeKey::Place(format!("fcl:station:{}", self.stations[i].id))
    }

    /// The node of delivery `i` in [`FclNetwork::graph`].
    pub fn delivery_key(&self, i: usize) -> NodeKey {
        NodeKey::Number(i as u64)
    }

    /// The trace graph of the network, with its cross-contamination and kill flags applied.
    pub fn graph(&self) -> Result<TraceGraph> {
        let mut b = GraphBuilder::new();
        let ms = |d: Option<Date>| d.map(|d| i64::from(d.days_since_epoch()) * DAY_MS);
        // Every station is a node, delivered to or not.
        for i in 0..self.stations.len() {
            b.ensure(self.station_key(i))?;
        }
        for (i, d) in self.deliveries.iter().enumerate() {
            let shipped = ms(d.shipped.or(d.arrived));
            let arrived = ms(d.arrived.or(d.shipped));
            let key = self.delivery_key(i);
            b.link(
                self.station_key(d.source),
                key.clone(),
                shipped,
                shipped,
                EdgeKind::Left,
            )?;
            b.link(
                key,
                self.station_key(d.target),
                arrived,
                arrived,
                EdgeKind::Arrived,
            )?;
        }
        for (n, &(a, o)) in self.relations.iter().enumerate() {
            let step = NodeKey::Transformation(TransformationKey::Id(Text::new(format!(
                "fcl:relation:{n}"
            ))?));
            // A relation is asserted by the investigators: it carries no date of its own.
            b.link(
                self.delivery_key(a),
                step.clone(),
                None,
                None,
                EdgeKind::Input,
            )?;
            b.link(
                step.clone(),
                self.delivery_key(o),
                None,
                None,
                EdgeKind::Output,
            )?;
            b.perform_at(step, self.station_key(self.deliveries[o].source))?;
        }
        let mut graph = b.finish()?;
        let rules = Rules {
            cross_contamination: (0..self.stations.len())
                .filter(|&i| self.stations[i].cross_contamination)
                .map(|i| self.station_key(i))
                .collect(),
            kill: (0..self.stations.len())
                .filter(|&i| self.stations[i].kill_contamination)
                .map(|i| self.station_key(i))
                .chain(
                    (0..self.deliveries.len())
                        .filter(|&i| self.deliveries[i].kill_contamination)
                        .map(|i| self.delivery_key(i)),
                )
                .collect(),
        };
        graph.apply_rules(&rules);
        Ok(graph)
    }

    /// FoodChain-Lab's scores, with the stations and deliveries of weight above zero as the
    /// cases. Without any, an [`Error::InvalidValue`].
    pub fn scores(&self) -> Result<FclScores> {
        let graph = self.graph()?;
        let node = |key: &NodeKey| {
            graph
                .node(key)
                .ok_or_else(|| Error::InvalidValue(format!("{key} is not in the graph")))
        };
        let mut cases = Vec::new();
        for (i, s) in self.stations.iter().enumerate() {
            if s.weight > 0.0 {
                cases.push(Case {
                    node: node(&self.station_key(i))?,
                    weight: s.weight,
                });
            }
        }
        for (i, d) in self.deliveries.iter().enumerate() {
            if d.weight > 0.0 {
                cases.push(Case {
                    node: node(&self.delivery_key(i))?,
                    weight: d.weight,
                });
            }
        }
        if cases.is_empty() {
            return Err(Error::InvalidValue(
                "no station or delivery has a case weight above zero".into(),
            ));
        }
        let outbreak = score_with(&graph, &cases, None, self.enforce_temporal_order)?;
        let station_of: HashMap<NodeKey, usize> = (0..self.stations.len())
            .map(|i| (self.station_key(i), i))
            .collect();
        let (mut stations, mut deliveries) = (Vec::new(), Vec::new());
        for s in &outbreak.scores {
            let row = |id: &str, name: &Option<String>| FclScore {
                id: id.to_owned(),
                name: name.clone(),
                score: s.score,
                common_link: s.common_link,
                is_case: s.is_case,
            };
            match &s.key {
                NodeKey::Number(i) => {
                    let d = &self.deliveries[*i as usize];
                    deliveries.push(row(&d.id, &d.name));
                }
                key => {
                    if let Some(&i) = station_of.get(key) {
                        let st = &self.stations[i];
                        stations.push(row(&st.id, &st.name));
                    }
                }
            }
        }
        Ok(FclScores {
            stations,
            deliveries,
            outbreak,
        })
    }
}

/// The rows of a v1 table: lists of `{id, value}` cells.
fn rows<'a>(data: &'a Value, table: &str) -> Result<Vec<&'a Vec<Value>>> {
    let path = format!("$.data.{table}");
    let t = data
        .get(table)
        .ok_or_else(|| bad(&path, "missing (the format requires it)"))?;
    let list = match t.get("data") {
        Some(Value::Array(a)) => a,
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(_) => return Err(bad(&format!("{path}.data"), "not an array of rows")),
    };
    list.iter()
        .enumerate()
        .map(|(i, row)| match row {
            Value::Array(cells) => Ok(cells),
            _ => Err(bad(
                &format!("{path}.data[{i}]"),
                "a row is not a list of cells",
            )),
        })
        .collect()
}

/// The value of column `col` in a v1 row, as text.
fn text(row: &[Value], col: &str) -> Option<String> {
    row.iter()
        .find(|c| c.get("id").and_then(Value::as_str) == Some(col))
        .and_then(|c| c.get("value"))
        .and_then(scalar)
}

fn required(row: &[Value], col: &str, path: &str) -> Result<String> {
    text(row, col).ok_or_else(|| bad(path, format!("no `{col}` cell")))
}

fn field(v: &Value, key: &str, path: &str) -> Result<String> {
    v.get(key)
        .and_then(scalar)
        .ok_or_else(|| bad(path, format!("no `{key}`")))
}

/// Strings as they are, numbers and booleans as written; empty strings are no value.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}
