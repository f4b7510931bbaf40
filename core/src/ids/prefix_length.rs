//! Where the length of a GS1 Company Prefix comes from, for turning a key into an EPC URI:
//! a fixed length, the brand's own prefix, or GS1's prefix-length table.

use std::collections::BTreeMap;

use super::{CompanyPrefix, all_digits};
use crate::error::{Error, Result};

/// Where the length of a GS1 Company Prefix comes from.
pub trait CompanyPrefixLength {
    /// The length of the company prefix that `digits` (a key from where its prefix starts,
    /// e.g. a GTIN-14 without the indicator) begins with, if known.
    fn company_prefix_length(&self, digits: &str) -> Option<usize>;
}

/// One length for every key.
impl CompanyPrefixLength for usize {
    fn company_prefix_length(&self, _: &str) -> Option<usize> {
        Some(*self)
    }
}

/// The brand's own prefix: known for its keys only. A 4- or 5-digit prefix takes 6 digits in
/// an EPC, as the Tag Data Standard says.
impl CompanyPrefixLength for CompanyPrefix {
    fn company_prefix_length(&self, digits: &str) -> Option<usize> {
        digits
            .starts_with(self.as_str())
            .then(|| self.as_str().len().max(6))
    }
}

/// A prefix-length table: longest matching prefix wins, as in GS1's GCP length table
/// (`gcpprefixformatlist.json`, <https://www.gs1.org/standards/bc-epc-interop>).
///
/// ```
/// use tracemark::ids::{CompanyPrefixLength, PrefixLengths};
/// let table = PrefixLengths::from_gs1_json(
///     r#"{"GCPPrefixFormatList":{"entry":[{"prefix":"061","gcpLength":7},{"prefix":"0614","gcpLength":9}]}}"#)?;
/// assert_eq!(table.company_prefix_length("0614141123452"), Some(9));
/// assert_eq!(table.company_prefix_length("0619999999999"), Some(7));
/// assert_eq!(table.company_prefix_length("4000000000000"), None);
/// # Ok::<(), tracemark::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrefixLengths {
    entries: BTreeMap<String, usize>,
}

impl PrefixLengths {
    /// An empty table.
    pub fn new() -> PrefixLengths {
        PrefixLengths::default()
    }

    /// Adds or replaces the length for keys starting with `prefix` (1 to 12 digits).
    pub fn insert(&mut self, prefix: &str, length: usize) -> Result<()> {
        if prefix.is_empty()
            || prefix.len() > 12
            || !all_digits(prefix)
            || !(1..=12).contains(&length)
        {
            return Err(Error::InvalidCompanyPrefix(format!(
                "prefix-length entry {prefix:?} → {length}: 1 to 12 digits, length 1 to 12"
            )));
        }
        self.entries.insert(prefix.to_owned(), length);
        Ok(())
    }

    /// Reads GS1's table in its JSON form: `{"GCPPrefixFormatList": {"entry": [{"prefix":
    /// "…", "gcpLength": n}, …]}}`.
    pub fn from_gs1_json(text: &str) -> Result<PrefixLengths> {
        #[derive(serde::Deserialize)]
        struct Doc {
            #[serde(rename = "GCPPrefixFormatList")]
            list: List,
        }
        #[derive(serde::Deserialize)]
        struct List {
            entry: Vec<Entry>,
        }
        #[derive(serde::Deserialize)]
        struct Entry {
            prefix: String,
            #[serde(rename = "gcpLength")]
            length: usize,
        }
        let doc: Doc = serde_json::from_str(text)
            .map_err(|e| Error::InvalidJson(format!("GS1 prefix-length table: {e}")))?;
        let mut table = PrefixLengths::new();
        for e in doc.list.entry {
            table.insert(&e.prefix, e.length)?;
        }
        Ok(table)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it has none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl CompanyPrefixLength for PrefixLengths {
    fn company_prefix_length(&self, digits: &str) -> Option<usize> {
        (1..=digits.len().min(12))
            .rev()
            .find_map(|n| digits.get(..n).and_then(|p| self.entries.get(p)).copied())
    }
}
