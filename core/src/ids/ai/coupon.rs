//! The North American coupon codes of AIs 8110 (`couponcode`) and 8112 (`couponposoffer`):
//! digit fields with variable-length indicators, read as GS1's reference linters read them.
//! Error positions follow the reference: a missing field is reported over the whole value, an
//! invalid digit at that digit, a truncated field from its start to the end.

use super::ValueError;
use super::lint::{digits, gcppos1};

type Lint = Result<(), ValueError>;

struct Fields<'a> {
    d: &'a [u8],
    at: usize,
}

impl<'a> Fields<'a> {
    fn fail(&self, rule: &'static str, position: usize, length: usize) -> ValueError {
        ValueError::new(rule, position, length)
    }

    /// One digit, which must satisfy `ok`.
    fn indicator(
        &mut self,
        missing: &'static str,
        invalid: &'static str,
        ok: impl Fn(u8) -> bool,
    ) -> Result<u8, ValueError> {
        let Some(&b) = self.d.get(self.at) else {
            return Err(self.fail(missing, 0, self.d.len()));
        };
        let digit = b - b'0';
        if !ok(digit) {
            return Err(self.fail(invalid, self.at, 1));
        }
        self.at += 1;
        Ok(digit)
    }

    /// `len` digits.
    fn take(&mut self, len: usize, truncated: &'static str) -> Result<&'a [u8], ValueError> {
        if self.d.len() - self.at < len {
            return Err(if self.at == self.d.len() {
                self.fail(truncated, 0, self.d.len())
            } else {
                self.fail(truncated, self.at, self.d.len() - self.at)
            });
        }
        let field = &self.d[self.at..self.at + len];
        self.at += len;
        Ok(field)
    }

    /// A company prefix of `len` digits, checked as `gcppos1` checks it.
    fn prefix(&mut self, len: usize, truncated: &'static str) -> Lint {
        let start = self.at;
        let gcp = self.take(len, truncated)?;
        gcppos1(gcp).map_err(|mut e| {
            e.position += start;
            e
        })
    }

    /// A purchase requirement: length indicator 1-5, the requirement, its code (0-4 or 9) and
    /// a 3-digit family code. `n` names the requirement in the error codes.
    fn purchase(&mut self, rules: [&'static str; 6]) -> Lint {
        let [
            missing_vli,
            invalid_length,
            truncated,
            missing_code,
            invalid_code,
            family,
        ] = rules;
        let len = self.indicator(missing_vli, invalid_length, |v| (1..=5).contains(&v))?;
        self.take(usize::from(len), truncated)?;
        self.indicator(missing_code, invalid_code, |v| v <= 4 || v == 9)?;
        self.take(3, family)?;
        Ok(())
    }

    /// A further purchase's company prefix: indicator 0-6 (a prefix of 6 + n digits follows)
    /// or 9 (none follows).
    fn purchase_prefix(&mut self, rules: [&'static str; 3]) -> Lint {
        let [missing, invalid, truncated] = rules;
        let vli = self.indicator(missing, invalid, |v| v <= 6 || v == 9)?;
        if vli != 9 {
            self.prefix(usize::from(vli) + 6, truncated)?;
        }
        Ok(())
    }

    fn date(&mut self, short: &'static str, invalid: &'static str) -> Result<&'a [u8], ValueError> {
        let start = self.at;
        let date = self.take(6, short)?;
        super::lint::run(super::Linter::Yymmdd, date).map_err(|_| self.fail(invalid, start, 6))?;
        Ok(date)
    }
}

/// AI 8110.
pub(super) fn code(d: &[u8]) -> Lint {
    digits(d)?;
    let mut f = Fields { d, at: 0 };
    let vli = f.indicator("coupon_missing_gcp_vli", "coupon_invalid_gcp_length", |v| {
        v <= 6
    })?;
    f.prefix(usize::from(vli) + 6, "coupon_truncated_gcp")?;
    f.take(6, "coupon_truncated_offer_code")?;
    let save = f.indicator(
        "coupon_missing_save_value_vli",
        "coupon_invalid_save_value_length",
        |v| (1..=5).contains(&v),
    )?;
    f.take(usize::from(save), "coupon_truncated_save_value")?;
    f.purchase([
        "coupon_missing_1st_purchase_requirement_vli",
        "coupon_invalid_1st_purchase_requirement_length",
        "coupon_truncated_1st_purchase_requirement",
        "coupon_missing_1st_purchase_requirement_code",
        "coupon_invalid_1st_purchase_requirement_code",
        "coupon_truncated_1st_purchase_family_code",
    ])?;
    // Optional fields, each at most once and in increasing order of their indicator.
    let mut last = 0;
    let mut expiry: Option<&[u8]> = None;
    while let Some(&b) = d.get(f.at) {
        let field = b - b'0';
        if field <= last || !matches!(field, 1..=6 | 9) {
            return Err(f.fail("coupon_excess_data", f.at, d.len() - f.at));
        }
        last = field;
        f.at += 1;
        match field {
            1 => {
                f.indicator(
                    "coupon_missing_additional_purchase_rules_code",
                    "coupon_invalid_additional_purchase_rules_code",
                    |v| v <= 3,
                )?;
                f.purchase([
                    "coupon_missing_2nd_purchase_requirement_vli",
                    "coupon_invalid_2nd_purchase_requirement_length",
                    "coupon_truncated_2nd_purchase_requirement",
                    "coupon_missing_2nd_purchase_requirement_code",
                    "coupon_invalid_2nd_purchase_requirement_code",
                    "coupon_truncated_2nd_purchase_family_code",
                ])?;
                f.purchase_prefix([
                    "coupon_missing_2nd_purchase_gcp_vli",
                    "coupon_invalid_2nd_purchase_gcp_length",
                    "coupon_truncated_2nd_purchase_gcp",
                ])?;
            }
            2 => {
                f.purchase([
                    "coupon_missing_3rd_purchase_requirement_vli",
                    "coupon_invalid_3rd_purchase_requirement_length",
                    "coupon_truncated_3rd_purchase_requirement",
                    "coupon_missing_3rd_purchase_requirement_code",
                    "coupon_invalid_3rd_purchase_requirement_code",
                    "coupon_truncated_3rd_purchase_family_code",
                ])?;
                f.purchase_prefix([
                    "coupon_missing_3rd_purchase_gcp_vli",
                    "coupon_invalid_3rd_purchase_gcp_length",
                    "coupon_truncated_3rd_purchase_gcp",
                ])?;
            }
            3 => {
                expiry = Some(f.date(
                    "coupon_too_short_for_expiration_date",
                    "coupon_invalid_exipiration_date", // sic, the reference's name
                )?);
            }
            4 => {
                let start = f.at;
                let begins = f.date(
                    "coupon_too_short_for_start_date",
                    "coupon_invalid_start_date",
                )?;
                if expiry.is_some_and(|e| begins > e) {
                    return Err(f.fail("coupon_expiration_before_start", start - 8, 14));
                }
            }
            5 => {
                let len = f.indicator("coupon_missing_serial_number_vli", "", |_| true)?;
                f.take(usize::from(len) + 6, "coupon_truncated_serial_number")?;
            }
            6 => {
                let len = f.indicator(
                    "coupon_missing_retailer_gcp_or_gln_vli",
                    "coupon_invalid_retailer_gcp_or_gln_length",
                    |v| (1..=7).contains(&v),
                )?;
                f.prefix(usize::from(len) + 6, "coupon_truncated_retailer_gcp_or_gln")?;
            }
            _ => {
                f.indicator(
                    "coupon_missing_save_value_code",
                    "coupon_invalid_save_value_code",
                    |v| matches!(v, 0 | 1 | 2 | 5 | 6),
                )?;
                f.indicator(
                    "coupon_missing_save_value_applies_to_item",
                    "coupon_invalid_save_value_applies_to_item",
                    |v| v <= 2,
                )?;
                f.indicator("coupon_missing_store_coupon_flag", "", |_| true)?;
                f.indicator(
                    "coupon_missing_dont_multiply_flag",
                    "coupon_invalid_dont_multiply_flag",
                    |v| v <= 1,
                )?;
            }
        }
    }
    Ok(())
}

/// AI 8112.
pub(super) fn positive_offer(d: &[u8]) -> Lint {
    digits(d)?;
    let mut f = Fields { d, at: 0 };
    f.indicator(
        "coupon_missing_format_code",
        "coupon_invalid_format_code",
        |v| v <= 1,
    )?;
    let funder = f.indicator(
        "coupon_missing_funder_vli",
        "coupon_invalid_funder_length",
        |v| v <= 6,
    )?;
    f.take(usize::from(funder) + 6, "coupon_truncated_funder")?;
    f.take(6, "coupon_truncated_offer_code")?;
    let serial = f.indicator("coupon_missing_serial_number_vli", "", |_| true)?;
    f.take(usize::from(serial) + 6, "coupon_truncated_serial_number")?;
    if f.at < d.len() {
        return Err(f.fail("coupon_excess_data", f.at, d.len() - f.at));
    }
    Ok(())
}

/// A sentence for a coupon rule.
pub(super) fn describe(rule: &str) -> &'static str {
    if rule.contains("missing") {
        "a field of the coupon code is missing"
    } else if rule.contains("truncated") || rule.contains("too_short") {
        "a field of the coupon code is cut short"
    } else if rule == "coupon_excess_data" {
        "the coupon code has data after its last field"
    } else if rule == "coupon_expiration_before_start" {
        "the coupon expires before it starts"
    } else {
        "a field of the coupon code has a value not allowed there"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn rule(f: fn(&[u8]) -> Lint, d: &str) -> Option<&'static str> {
        f(d.as_bytes()).err().map(|e| e.rule)
    }

    #[test]
    fn coupon_codes_follow_the_reference_examples() {
        assert_eq!(rule(code, "012345612345611110123"), None);
        // With an expiry (3), a start date (4) and a serial (5).
        assert_eq!(
            rule(code, "0123456123456111101233271231426010150123456"),
            None
        );
        assert_eq!(
            rule(code, "012345612345611110123426010131271231"),
            Some("coupon_excess_data") // a start before the expiry is out of order
        );
        assert_eq!(
            rule(code, "01234561234561111012332612314270101"),
            Some("coupon_expiration_before_start")
        );
        assert_eq!(rule(code, ""), Some("coupon_missing_gcp_vli"));
        assert_eq!(rule(code, "7123456"), Some("coupon_invalid_gcp_length"));
        assert_eq!(rule(code, "01234"), Some("coupon_truncated_gcp"));
        assert_eq!(
            rule(code, "01234561234561111012"),
            Some("coupon_truncated_1st_purchase_family_code")
        );
        for ok in [
            "001234561234560123456",
            "101234561234560123456",
            "061234567890121234569123456789012345",
        ] {
            assert_eq!(rule(positive_offer, ok), None, "{ok}");
        }
        assert_eq!(
            rule(positive_offer, "201234561234560123456"),
            Some("coupon_invalid_format_code")
        );
        assert_eq!(
            rule(positive_offer, "0012345612345601234567"),
            Some("coupon_excess_data")
        );
    }
}
