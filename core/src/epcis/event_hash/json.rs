//! A parsed JSON document that borrows its strings from the text it was read from.
//!
//! The hash reads every string of a document once and keeps none of them, so a string per
//! value and a tree of maps (what `serde_json::Value` builds) were a third of its time.
//! Objects are lists of members sorted by key, the last of duplicate keys kept, which is how
//! `serde_json::Value` sees them too.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Number, Value};

/// A JSON value (see the module comment).
#[derive(Debug, Default)]
pub(super) enum Json<'a> {
    #[default]
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// A `serde_json::Value`, borrowed.
    pub fn from_value(value: &'a Value) -> Json<'a> {
        match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(Cow::Borrowed(s)),
            Value::Array(a) => Json::Array(a.iter().map(Json::from_value).collect()),
            // A map iterates in key order with unique keys: already as `Object` wants.
            Value::Object(m) => Json::Object(
                m.iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Json::from_value(v)))
                    .collect(),
            ),
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members
                .binary_search_by(|(k, _)| (**k).cmp(key))
                .ok()
                .map(|i| &members[i].1),
            _ => None,
        }
    }

    /// The member `key` of an object, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Json<'a>> {
        match self {
            Json::Object(members) => members
                .binary_search_by(|(k, _)| (**k).cmp(key))
                .ok()
                .map(|i| &mut members[i].1),
            _ => None,
        }
    }

    /// The value itself, or each item when it is an array (EPCIS fields may be either).
    pub fn items(&self) -> &[Json<'a>] {
        match self {
            Json::Array(a) => a,
            other => std::slice::from_ref(other),
        }
    }
}

/// A string that borrows from the input when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text<'de>, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(TextVisitor)
    }
}

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Json<'de>, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Json<'de>, E> {
        Ok(Json::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json<'de>, E> {
        Ok(Json::Bool(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json<'de>, E> {
        Ok(Json::Number(v.into()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json<'de>, E> {
        Ok(Json::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json<'de>, E> {
        // JSON text cannot hold NaN or infinity; serde_json maps overflow to an error.
        Ok(Number::from_f64(v).map_or(Json::Null, Json::Number))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Json<'de>, E> {
        Ok(Json::String(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json<'de>, A::Error> {
        let mut members: Vec<(Cow<'de, str>, Json<'de>)> = Vec::new();
        while let Some(Text(key)) = map.next_key()? {
            members.push((key, map.next_value()?));
        }
        if !members.windows(2).all(|w| w[0].0 < w[1].0) {
            // Stable, so the last of equal keys stays last; keep that one.
            members.sort_by(|a, b| a.0.cmp(&b.0));
            members.reverse();
            members.dedup_by(|later, earlier| later.0 == earlier.0);
            members.reverse();
        }
        Ok(Json::Object(members))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_read_as_serde_json_reads_them() {
        let text = r#"{"b": 1, "a": [true, null, "x\"y"], "b": 2.5, "c": {"z": 1, "y": 2}}"#;
        let json: Json = serde_json::from_str(text).unwrap();
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            format!("{json:?}"),
            format!("{:?}", Json::from_value(&value))
        );
        assert_eq!(
            json.get("b").map(|b| format!("{b:?}")),
            Some("Number(Number(2.5))".into())
        );
        assert!(matches!(
            json.get("a").map(Json::items),
            Some([Json::Bool(true), ..])
        ));
        assert!(matches!(
            &json.get("a").unwrap().items()[2],
            Json::String(Cow::Owned(_))
        ));
        assert_eq!(
            json.get("c")
                .and_then(|c| c.get("y"))
                .map(|y| format!("{y:?}")),
            Some("Number(Number(2))".into())
        );
    }

    #[test]
    fn deep_documents_are_an_error() {
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(serde_json::from_str::<Json>(&text).is_err());
    }
}
