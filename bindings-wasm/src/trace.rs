//! The trace graph, recall impact, FSMA 204 spreadsheet and outbreak scores (core modules
//! `graph`, `recall`, `fsma`, `outbreak`), with results as column tables: objects of arrays.

use wasm_bindgen::prelude::*;

use crate::errors::IntoJs;
use crate::record::SignedRecord;
use crate::trust::TrustStore;
use tracemark::graph::{NodeKey, TimeWindow, TraceQuery};
use tracemark::table::{Column, Table};

fn get(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn flag(options: &JsValue, key: &str) -> bool {
    get(options, key).as_bool().unwrap_or(false)
}

/// An optional list of strings: absent is empty, anything else but strings is an error.
fn strings(value: &JsValue, what: &str) -> Result<Vec<String>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    let bad = || {
        crate::errors::to_js(tracemark::Error::InvalidValue(format!(
            "{what} must be a list of strings"
        )))
    };
    if !js_sys::Array::is_array(value) {
        return Err(bad());
    }
    js_sys::Array::from(value)
        .iter()
        .map(|v| v.as_string().ok_or_else(bad))
        .collect()
}

fn window(options: &JsValue) -> Result<TimeWindow, JsValue> {
    let at = |k: &str| {
        get(options, k)
            .as_string()
            .map(|t| t.parse::<tracemark::time::Timestamp>().js())
            .transpose()
    };
    Ok(TimeWindow {
        from: at("since")?,
        until: at("until")?,
    })
}

/// A column table as `{column: [values…]}`, columns in order.
fn table(t: &Table) -> Result<JsValue, JsValue> {
    let out = js_sys::Object::new();
    for (name, column) in &t.columns {
        let array = js_sys::Array::new();
        match column {
            Column::Text(v) => v.iter().for_each(|x| {
                array.push(&x.as_deref().map_or(JsValue::NULL, JsValue::from_str));
            }),
            Column::Float(v) => v.iter().for_each(|x| {
                array.push(&x.map_or(JsValue::NULL, JsValue::from_f64));
            }),
            Column::UInt(v) => v.iter().for_each(|x| {
                array.push(&x.map_or(JsValue::NULL, |n| JsValue::from_f64(n as f64)));
            }),
            Column::Bool(v) => v.iter().for_each(|x| {
                array.push(&x.map_or(JsValue::NULL, JsValue::from_bool));
            }),
        }
        js_sys::Reflect::set(&out, &JsValue::from_str(name), &array)?;
    }
    Ok(out.into())
}

fn json_of(value: &JsValue) -> Result<String, JsValue> {
    match value.as_string() {
        Some(text) => Ok(text),
        None => js_sys::JSON::stringify(value)?
            .as_string()
            .ok_or_else(|| JsValue::from_str("not JSON")),
    }
}

fn keys(ids: &[String]) -> Result<Vec<NodeKey>, JsValue> {
    ids.iter().map(|t| NodeKey::parse(t).js()).collect()
}

/// Node names from JavaScript: GS1 identifiers or `rec:` ids as strings, or the numbers of
/// the nodes of a graph built from columns.
fn node_keys(ids: &JsValue) -> Result<Vec<NodeKey>, JsValue> {
    if !js_sys::Array::is_array(ids) {
        return Err(crate::errors::to_js(tracemark::Error::InvalidValue(
            "node ids must be a list of strings or numbers".into(),
        )));
    }
    js_sys::Array::from(ids)
        .iter()
        .map(|v| match (v.as_string(), v.as_f64()) {
            (Some(t), _) => NodeKey::parse(&t).js(),
            (None, Some(n)) if n >= 0.0 && n.fract() == 0.0 && n < 9.0e15 => {
                Ok(NodeKey::Number(n as u64))
            }
            _ => Err(crate::errors::to_js(tracemark::Error::InvalidValue(
                format!("{v:?} is not a node id"),
            ))),
        })
        .collect()
}

/// The trace graph of a set of records.
#[wasm_bindgen]
pub struct TraceGraph(tracemark::graph::TraceGraph);

/// The graph of `records` (taken as they are: verify them first). The package's
/// `traceGraph(records)` passes copies.
#[wasm_bindgen(js_name = traceGraphOf)]
pub fn trace_graph_of(records: Vec<SignedRecord>) -> Result<TraceGraph, JsValue> {
    tracemark::graph::TraceGraph::from_records(records.iter().map(|r| &r.0))
        .js()
        .map(TraceGraph)
}

/// A graph of numbered nodes `0..nodes` from edge columns: `Uint32Array`s of sources and
/// targets, and optionally `BigInt64Array`s of when each edge opens and closes (Unix
/// milliseconds; `-(2n**63n)` and `2n**63n - 1n` for open ends).
#[wasm_bindgen(js_name = traceGraphFromColumns)]
pub fn trace_graph_from_columns(
    nodes: u32,
    sources: Vec<u32>,
    targets: Vec<u32>,
    opens: Option<Vec<i64>>,
    closes: Option<Vec<i64>>,
) -> Result<TraceGraph, JsValue> {
    let columns = tracemark::graph::EdgeColumns {
        sources: &sources,
        targets: &targets,
        from: opens.as_deref(),
        until: closes.as_deref(),
    };
    tracemark::graph::TraceGraph::from_columns(nodes, &columns)
        .js()
        .map(TraceGraph)
}

#[wasm_bindgen]
impl TraceGraph {
    /// Number of nodes.
    #[wasm_bindgen(getter, js_name = nodeCount)]
    pub fn node_count(&self) -> usize {
        self.0.node_count()
    }

    /// Number of edges.
    #[wasm_bindgen(getter, js_name = edgeCount)]
    pub fn edge_count(&self) -> usize {
        self.0.edge_count()
    }

    /// Whether the node `id` (a GS1 identifier or `rec:` id, or a node number) is in the graph.
    pub fn has(&self, id: JsValue) -> Result<bool, JsValue> {
        let key = node_keys(&js_sys::Array::of1(&id).into())?;
        Ok(key.first().and_then(|k| self.0.node(k)).is_some())
    }

    /// A copy where `kill` nodes (ids or numbers) pass nothing on: kill steps, or the
    /// locations of a graph built from columns.
    #[wasm_bindgen(js_name = withKills)]
    pub fn with_kills(&self, kill: JsValue) -> Result<TraceGraph, JsValue> {
        let mut g = self.0.clone();
        g.apply_rules(&tracemark::graph::Rules {
            kill: node_keys(&kill)?,
            ..Default::default()
        });
        Ok(TraceGraph(g))
    }

    /// A trace from `starts`: `{kind, id, at, hops, path}` columns. Options: `backward`,
    /// `since`, `until` (RFC 3339), `untimed`, `hops`, `paths`.
    pub fn trace(&self, starts: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
        let nodes: Vec<_> = node_keys(&starts)?
            .iter()
            .filter_map(|k| self.0.node(k))
            .collect();
        let mut q = if flag(&options, "backward") {
            TraceQuery::backward(nodes)
        } else {
            TraceQuery::forward(nodes)
        }
        .within(window(&options)?);
        if flag(&options, "untimed") {
            q = q.untimed();
        }
        if let Some(h) = get(&options, "hops").as_f64() {
            q = q.hops(h as u32);
        }
        if flag(&options, "paths") {
            q = q.with_paths();
        }
        table(&self.0.trace(&q).table(&self.0))
    }
}

/// The impact of a recall with `scope` (an object or JSON text: `products`, `lots`,
/// `serial_ranges`, `date_windows`, `input_lots`): `{depth, unmatched, starts, goods,
/// shipments, holders, holdings, balances}`, the last five as column tables. The package's
/// `assessRecall(graph, records, scope, options)` passes copies.
#[wasm_bindgen(js_name = assessRecallOf)]
pub fn assess_recall_of(
    graph: &TraceGraph,
    records: Vec<SignedRecord>,
    scope: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let scope: tracemark::record::RecallScope = serde_json::from_str(&json_of(&scope)?)
        .map_err(|e| crate::errors::to_js(tracemark::Error::InvalidJson(e.to_string())))?;
    let records: Vec<_> = records.into_iter().map(|r| r.0).collect();
    let impact = tracemark::recall::assess(&graph.0, &records, &scope, Some(window(&options)?));
    let out = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&out, &JsValue::from_str(k), v);
    set(
        "depth",
        &impact
            .depth
            .map_or(JsValue::NULL, |d| JsValue::from_str(d.as_str())),
    )?;
    let list = |items: Vec<String>| {
        items
            .iter()
            .map(|s| JsValue::from_str(s))
            .collect::<js_sys::Array>()
    };
    set("unmatched", &list(impact.unmatched.clone()))?;
    set(
        "starts",
        &list(impact.starts.iter().map(|k| k.to_string()).collect()),
    )?;
    set("goods", &table(&impact.goods_table())?)?;
    set("shipments", &table(&impact.shipments_table())?)?;
    set("holders", &table(&impact.holders_table())?)?;
    set("holdings", &table(&impact.holdings_table())?)?;
    set("balances", &table(&impact.balances_table())?)?;
    Ok(out.into())
}

fn selection(options: &JsValue) -> Result<tracemark::fsma::Selection, JsValue> {
    let products = strings(&get(options, "products"), "products")?
        .iter()
        .map(|p| p.trim_start_matches("(01)").parse().js())
        .collect::<Result<Vec<_>, _>>()?;
    let lots = keys(&strings(&get(options, "lots"), "lots")?)?
        .into_iter()
        .map(|k| match k {
            NodeKey::Lot(l) => Ok(l),
            other => Err(crate::errors::to_js(tracemark::Error::InvalidLot(format!(
                "{other} is not a lot code (01)…(10)…"
            )))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(tracemark::fsma::Selection {
        products,
        lots,
        window: window(options)?,
    })
}

/// The FSMA 204 sortable spreadsheet as column tables (`asCsv`: as CSV text). Options:
/// `products`, `lots`, `since`, `until`, `asCsv`. The package's `fsmaSpreadsheet` passes
/// copies.
#[wasm_bindgen(js_name = fsmaSpreadsheetOf)]
pub fn fsma_spreadsheet_of(
    records: Vec<SignedRecord>,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let records: Vec<_> = records.into_iter().map(|r| r.0).collect();
    let rows = tracemark::fsma::spreadsheet(&records, &selection(&options)?);
    if flag(&options, "asCsv") {
        let mut out = Vec::new();
        tracemark::fsma::write_csv(&rows, &mut out).js()?;
        return Ok(JsValue::from_str(&String::from_utf8_lossy(&out)));
    }
    table(&tracemark::fsma::table(&rows))
}

/// FoodChain-Lab scores of `cases` on `graph`: ids (weight 1) or `[id, weight]` pairs; a table
/// `{kind, id, score, cases, common_link, is_case, mean_hops}`, best first.
#[wasm_bindgen(js_name = outbreakScores)]
pub fn outbreak_scores(graph: &TraceGraph, cases: js_sys::Array) -> Result<JsValue, JsValue> {
    let mut read = Vec::new();
    for c in cases.iter() {
        let (id, weight) = match c.as_string() {
            Some(id) => (id, 1.0),
            None => {
                let pair = js_sys::Array::from(&c);
                (
                    pair.get(0).as_string().unwrap_or_default(),
                    pair.get(1).as_f64().unwrap_or(f64::NAN),
                )
            }
        };
        let key = NodeKey::parse(&id).js()?;
        let node = graph.0.node(&key).ok_or_else(|| {
            crate::errors::to_js(tracemark::Error::InvalidValue(format!(
                "case {key} is not in the graph"
            )))
        })?;
        read.push(tracemark::outbreak::Case { node, weight });
    }
    let outbreak = tracemark::outbreak::score(&graph.0, &read, None).js()?;
    table(&outbreak.table())
}

/// FoodChain-Lab's scores of a network in its JSON format: `{stations, deliveries}`, each a
/// list of `{id, name, score, common_link, is_case}`, best first.
#[wasm_bindgen(js_name = fclScores)]
pub fn fcl_scores(text: &str) -> Result<JsValue, JsValue> {
    let net = tracemark::outbreak::FclNetwork::from_json(text).js()?;
    let s = net.scores().js()?;
    let json = serde_json::json!({"stations": s.stations, "deliveries": s.deliveries}).to_string();
    js_sys::JSON::parse(&json)
}

/// A seeded synthetic supply chain (`"small"`: a few hundred records; `"demo"`: ~100,000):
/// `{records, trust}`.
#[wasm_bindgen(js_name = syntheticSupplyChain)]
pub fn synthetic_supply_chain(size: &str) -> Result<JsValue, JsValue> {
    let params = match size {
        "small" => tracemark::synth::Params::small(),
        "demo" => tracemark::synth::Params::demo(),
        other => {
            return Err(crate::errors::to_js(tracemark::Error::InvalidValue(
                format!("{other:?} is not a size: small or demo"),
            )));
        }
    };
    let chain = tracemark::synth::generate(&params).js()?;
    let records: js_sys::Array = chain
        .records
        .into_iter()
        .map(|r| JsValue::from(SignedRecord(r)))
        .collect();
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &JsValue::from_str("records"), &records)?;
    js_sys::Reflect::set(
        &out,
        &JsValue::from_str("trust"),
        &JsValue::from(TrustStore(chain.trust)),
    )?;
    Ok(out.into())
}
