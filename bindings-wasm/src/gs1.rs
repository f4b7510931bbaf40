//! The GS1 syntaxes: element strings, Digital Link and EPC URIs, and the conversions between
//! them (full build only: the AI table does not fit the lite build's size budget). Errors
//! carry the core's `rule`, `ai` and `position`.

use js_sys::Array;
use tracemark::ids::{self, ParseOptions};
use wasm_bindgen::prelude::*;

use crate::errors::{IntoJs, to_js};

fn options(associations: Option<bool>, zero_suppressed_gtin: Option<bool>) -> ParseOptions {
    ParseOptions {
        associations: associations.unwrap_or(true),
        zero_suppressed_gtin: zero_suppressed_gtin.unwrap_or(false),
    }
}

/// `[[ai, value], …]`.
fn pairs(elements: &[ids::Element]) -> Array {
    elements
        .iter()
        .map(|e| Array::of2(&e.ai().into(), &e.value().into()))
        .collect()
}

/// AIs with their values, as a barcode holds them.
#[wasm_bindgen]
#[derive(Clone)]
pub struct ElementStrings(ids::ElementStrings);

#[wasm_bindgen]
impl ElementStrings {
    /// Reads bracketed `(01)…(10)…` (a `(` in a value written `\(`) or unbracketed element
    /// strings as a scanner sends them (`\x1d` separators, symbology identifier `]d2`…).
    pub fn parse(text: &str, associations: Option<bool>) -> Result<ElementStrings, JsValue> {
        ids::ElementStrings::parse_with(text, options(associations, None))
            .js()
            .map(ElementStrings)
    }

    /// Element strings from `[[ai, value], …]`, each checked.
    #[wasm_bindgen(js_name = fromPairs)]
    pub fn from_pairs(pairs: Vec<JsValue>) -> Result<ElementStrings, JsValue> {
        let mut owned = Vec::with_capacity(pairs.len());
        for p in pairs {
            let p = Array::from(&p);
            match (p.get(0).as_string(), p.get(1).as_string()) {
                (Some(ai), Some(value)) if p.length() == 2 => owned.push((ai, value)),
                _ => {
                    return Err(to_js(tracemark::Error::InvalidJson(
                        "each pair is [ai, value], two strings".into(),
                    )));
                }
            }
        }
        ids::ElementStrings::from_pairs(owned.iter().map(|(a, v)| (a.as_str(), v.as_str())))
            .js()
            .map(ElementStrings)
    }

    /// `[[ai, value], …]` in the order read.
    pub fn elements(&self) -> Array {
        pairs(self.0.elements())
    }

    /// The value of the first element with `ai`.
    pub fn get(&self, ai: &str) -> Option<String> {
        self.0.get(ai).map(str::to_owned)
    }

    /// The GTIN (01), 14 digits, if present.
    pub fn gtin(&self) -> Option<String> {
        self.0.gtin().map(|g| g.to_string())
    }

    /// The SSCC (00), if present.
    pub fn sscc(&self) -> Option<String> {
        self.0.sscc().map(|s| s.to_string())
    }

    /// `(01)09506000134352(10)ABC`.
    #[wasm_bindgen(js_name = toBracketed)]
    pub fn to_bracketed(&self) -> String {
        self.0.to_bracketed()
    }

    /// The form a barcode encodes, `\x1d` after variable-length values.
    #[wasm_bindgen(js_name = toUnbracketed)]
    pub fn to_unbracketed(&self) -> String {
        self.0.to_unbracketed()
    }

    /// The bracketed form.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.to_bracketed()
    }

    /// Number of elements.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.0.len()
    }
}

/// A GS1 Digital Link URI, checked as GS1's reference implementation does.
#[wasm_bindgen]
#[derive(Clone)]
pub struct DigitalLink(ids::DigitalLink);

#[wasm_bindgen]
impl DigitalLink {
    /// Parses a Digital Link on any domain.
    pub fn parse(
        uri: &str,
        associations: Option<bool>,
        zero_suppressed_gtin: Option<bool>,
    ) -> Result<DigitalLink, JsValue> {
        ids::DigitalLink::parse_with(uri, options(associations, zero_suppressed_gtin))
            .js()
            .map(DigitalLink)
    }

    /// The link of element strings on `stem` (default `https://id.gs1.org`).
    #[wasm_bindgen(js_name = fromElementStrings)]
    pub fn from_element_strings(
        data: &ElementStrings,
        stem: Option<String>,
    ) -> Result<DigitalLink, JsValue> {
        ids::DigitalLink::from_element_strings(&data.0, stem.as_deref())
            .js()
            .map(DigitalLink)
    }

    /// Scheme, domain and any custom path before the primary key.
    #[wasm_bindgen(getter)]
    pub fn stem(&self) -> String {
        self.0.stem().to_owned()
    }

    /// The primary key, `[ai, value]`.
    #[wasm_bindgen(getter)]
    pub fn key(&self) -> Array {
        pairs(std::slice::from_ref(self.0.key())).get(0).into()
    }

    /// Key qualifiers in the path, `[[ai, value], …]`.
    #[wasm_bindgen(getter)]
    pub fn qualifiers(&self) -> Array {
        pairs(self.0.qualifiers())
    }

    /// Data attributes of the query string, `[[ai, value], …]`.
    #[wasm_bindgen(getter)]
    pub fn attributes(&self) -> Array {
        pairs(self.0.attributes())
    }

    /// Query parameters that are not AIs, as written: `[[name, value or null], …]`.
    #[wasm_bindgen(getter, js_name = otherParams)]
    pub fn other_params(&self) -> Array {
        self.0
            .other_params()
            .iter()
            .map(|(n, v)| {
                let v = v.as_deref().map_or(JsValue::NULL, JsValue::from);
                Array::of2(&n.into(), &v)
            })
            .collect()
    }

    /// All AIs: key, qualifiers, attributes.
    #[wasm_bindgen(js_name = elementStrings)]
    pub fn element_strings(&self) -> ElementStrings {
        ElementStrings(self.0.element_strings().clone())
    }

    /// The URI on its own stem, encoded as GS1's generator does.
    #[wasm_bindgen(js_name = toUri)]
    pub fn to_uri(&self) -> String {
        self.0.to_uri()
    }

    /// Key and qualifiers alone on `https://id.gs1.org`: the identifier EPCIS uses.
    #[wasm_bindgen(js_name = toCanonicalUri)]
    pub fn to_canonical_uri(&self) -> String {
        self.0.to_canonical_uri()
    }

    /// The same link on another stem.
    #[wasm_bindgen(js_name = withStem)]
    pub fn with_stem(&self, stem: &str) -> Result<DigitalLink, JsValue> {
        self.0.with_stem(stem).js().map(DigitalLink)
    }

    /// The URI.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.to_uri()
    }
}

/// A GS1 company prefix length table (GS1's gcpprefixformatlist): longest prefix wins.
#[wasm_bindgen]
#[derive(Clone, Default)]
pub struct PrefixLengths(ids::PrefixLengths);

#[wasm_bindgen]
impl PrefixLengths {
    /// An empty table.
    #[wasm_bindgen(constructor)]
    pub fn new() -> PrefixLengths {
        PrefixLengths::default()
    }

    /// GS1's table in its JSON form.
    #[wasm_bindgen(js_name = fromGs1Json)]
    pub fn from_gs1_json(text: &str) -> Result<PrefixLengths, JsValue> {
        ids::PrefixLengths::from_gs1_json(text)
            .js()
            .map(PrefixLengths)
    }

    /// Adds or replaces an entry.
    pub fn insert(&mut self, prefix: &str, length: usize) -> Result<(), JsValue> {
        self.0.insert(prefix, length).js()
    }

    /// Number of entries.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.0.len()
    }
}

/// An EPC pure identity, class or pattern URI.
#[wasm_bindgen]
#[derive(Clone)]
pub struct EpcUri(ids::EpcUri);

#[wasm_bindgen]
impl EpcUri {
    /// Parses `urn:epc:id:…`, `urn:epc:class:lgtin:…` or `urn:epc:idpat:…`.
    pub fn parse(uri: &str) -> Result<EpcUri, JsValue> {
        ids::EpcUri::parse(uri).js().map(EpcUri)
    }

    /// The EPC URI of element strings, the company prefix `length` digits long.
    #[wasm_bindgen(js_name = fromElementStrings)]
    pub fn from_element_strings(data: &ElementStrings, length: usize) -> Result<EpcUri, JsValue> {
        ids::EpcUri::from_element_strings(&data.0, &length)
            .js()
            .map(EpcUri)
    }

    /// The EPC URI of element strings, the company prefix length from a table; a key the
    /// table does not cover throws `company_prefix_length_unknown`.
    #[wasm_bindgen(js_name = fromElementStringsWithTable)]
    pub fn from_element_strings_with_table(
        data: &ElementStrings,
        table: &PrefixLengths,
    ) -> Result<EpcUri, JsValue> {
        ids::EpcUri::from_element_strings(&data.0, &table.0)
            .js()
            .map(EpcUri)
    }

    /// The EPC URI of a Digital Link's key and qualifiers, the company prefix `length` digits
    /// long.
    #[wasm_bindgen(js_name = fromDigitalLink)]
    pub fn from_digital_link(link: &DigitalLink, length: usize) -> Result<EpcUri, JsValue> {
        ids::EpcUri::from_digital_link(&link.0, &length)
            .js()
            .map(EpcUri)
    }

    /// The EPC URI of a Digital Link's key and qualifiers, the company prefix length from a
    /// table.
    #[wasm_bindgen(js_name = fromDigitalLinkWithTable)]
    pub fn from_digital_link_with_table(
        link: &DigitalLink,
        table: &PrefixLengths,
    ) -> Result<EpcUri, JsValue> {
        ids::EpcUri::from_digital_link(&link.0, &table.0)
            .js()
            .map(EpcUri)
    }

    /// Whether a component is `*`: a pattern over more than one identity.
    #[wasm_bindgen(getter, js_name = hasWildcards)]
    pub fn has_wildcards(&self) -> bool {
        self.0.has_wildcards()
    }

    /// `"id"`, `"class"` or `"pattern"`.
    #[wasm_bindgen(getter)]
    pub fn kind(&self) -> String {
        match self.0.kind() {
            ids::EpcKind::Id => "id",
            ids::EpcKind::Class => "class",
            ids::EpcKind::Pattern => "pattern",
        }
        .to_owned()
    }

    /// The scheme, e.g. `"sgtin"`.
    #[wasm_bindgen(getter)]
    pub fn scheme(&self) -> String {
        self.0.scheme().to_owned()
    }

    /// The company prefix, `undefined` when it is `*`.
    #[wasm_bindgen(getter, js_name = companyPrefix)]
    pub fn company_prefix(&self) -> Option<String> {
        self.0.company_prefix().map(str::to_owned)
    }

    /// The AIs it names; `undefined` for a pattern wider than one key.
    #[wasm_bindgen(js_name = elementStrings)]
    pub fn element_strings(&self) -> Option<ElementStrings> {
        self.0.element_strings().map(ElementStrings)
    }

    /// Its Digital Link on `https://id.gs1.org`.
    #[wasm_bindgen(js_name = digitalLink)]
    pub fn digital_link(&self) -> Option<DigitalLink> {
        self.0.digital_link().map(DigitalLink)
    }

    /// The URI.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        self.0.to_string()
    }
}

/// Reads element strings, a Digital Link or an EPC URI, whichever `text` is.
#[wasm_bindgen(js_name = parseIdentifier)]
pub fn parse_identifier(
    text: &str,
    associations: Option<bool>,
    zero_suppressed_gtin: Option<bool>,
) -> Result<JsValue, JsValue> {
    Ok(
        match ids::Identifier::parse_with(text, options(associations, zero_suppressed_gtin)).js()? {
            ids::Identifier::ElementStrings(e) => ElementStrings(e).into(),
            ids::Identifier::DigitalLink(l) => DigitalLink(l).into(),
            ids::Identifier::Epc(e) => EpcUri(e).into(),
        },
    )
}
