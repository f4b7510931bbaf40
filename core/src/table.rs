//! Column tables: how traces, recall impacts, spreadsheets and outbreak scores leave Rust for
//! Arrow, pandas or JavaScript. Each column has one type; identifiers are text in their GS1
//! element-string (or `rec:`) form, times are ISO 8601 text, amounts are floats.
//!
//! ```
//! use tracemark::table::{Column, Table};
//! let mut t = Table::new();
//! t.push("id", Column::Text(vec![Some("(01)09506000134352(10)L1".into())]));
//! t.push("score", Column::Float(vec![Some(1.0)]));
//! assert_eq!(t.len(), 1);
//! assert_eq!(t.to_json()["score"][0], 1.0);
//! ```

use serde::Serialize;
use serde_json::{Value, json};

/// One column's values; `None` is a null.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Column {
    /// UTF-8 text.
    Text(Vec<Option<String>>),
    /// 64-bit floats.
    Float(Vec<Option<f64>>),
    /// Unsigned integers.
    UInt(Vec<Option<u64>>),
    /// Booleans.
    Bool(Vec<Option<bool>>),
}

impl Column {
    /// Number of values.
    pub fn len(&self) -> usize {
        match self {
            Column::Text(v) => v.len(),
            Column::Float(v) => v.len(),
            Column::UInt(v) => v.len(),
            Column::Bool(v) => v.len(),
        }
    }

    /// Whether it has no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The Arrow type name: `utf8`, `float64`, `uint64`, `bool`.
    pub fn arrow_type(&self) -> &'static str {
        match self {
            Column::Text(_) => "utf8",
            Column::Float(_) => "float64",
            Column::UInt(_) => "uint64",
            Column::Bool(_) => "bool",
        }
    }
}

/// Named columns of equal length, in order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Table {
    /// The columns.
    pub columns: Vec<(&'static str, Column)>,
}

impl Table {
    /// An empty table.
    pub fn new() -> Table {
        Table::default()
    }

    /// Appends a column.
    pub fn push(&mut self, name: &'static str, column: Column) {
        self.columns.push((name, column));
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.columns.first().map_or(0, |(_, c)| c.len())
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| c)
    }

    /// `{"column": [values…], …}`: what `pandas.DataFrame` and `pyarrow.table` take.
    pub fn to_json(&self) -> Value {
        let mut map = serde_json::Map::new();
        for (name, column) in &self.columns {
            map.insert((*name).to_owned(), json!(column));
        }
        Value::Object(map)
    }

    /// `{"column": "arrow type", …}`, so that empty tables keep their types.
    pub fn schema(&self) -> Value {
        let mut map = serde_json::Map::new();
        for (name, column) in &self.columns {
            map.insert((*name).to_owned(), json!(column.arrow_type()));
        }
        Value::Object(map)
    }
}

/// Builds a text column from rows.
pub(crate) fn text<T>(rows: &[T], f: impl Fn(&T) -> Option<String>) -> Column {
    Column::Text(rows.iter().map(f).collect())
}

/// Builds a float column from rows.
pub(crate) fn float<T>(rows: &[T], f: impl Fn(&T) -> Option<f64>) -> Column {
    Column::Float(rows.iter().map(f).collect())
}

/// Builds an integer column from rows.
pub(crate) fn uint<T>(rows: &[T], f: impl Fn(&T) -> Option<u64>) -> Column {
    Column::UInt(rows.iter().map(f).collect())
}

/// Builds a boolean column from rows.
pub(crate) fn boolean<T>(rows: &[T], f: impl Fn(&T) -> bool) -> Column {
    Column::Bool(rows.iter().map(|r| Some(f(r))).collect())
}

/// Ids joined by `; ` (paths, evidence, lists of parties).
pub(crate) fn joined<I: std::fmt::Display>(items: impl IntoIterator<Item = I>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&item.to_string());
    }
    out
}
