//! The linters of the GS1 Barcode Syntax Dictionary, with the semantics, error names and error
//! positions of GS1's reference implementation (gs1/gs1-syntax-engine, `lint_*.c`). Each gets
//! one component's bytes and reports the first problem at a position inside them.

use super::codes::{
    CHECK_PAIR_PRIMES, ISO3166_ALPHA2, ISO3166_NUMERIC, ISO4217_NUMERIC, PACKAGE_TYPES,
};
use super::{CharSet, Linter, ValueError};

type Lint = Result<(), ValueError>;

fn err(rule: &'static str, position: usize, length: usize) -> Lint {
    Err(ValueError::new(rule, position, length))
}

/// The dictionary's name of a linter.
pub(super) fn name(l: Linter) -> &'static str {
    use Linter::*;
    match l {
        CouponCode => "couponcode",
        CouponPosOffer => "couponposoffer",
        Csum => "csum",
        CsumAlpha => "csumalpha",
        GcpPos1 => "gcppos1",
        GcpPos2 => "gcppos2",
        HasNonDigit => "hasnondigit",
        Hh => "hh",
        Hhmi => "hhmi",
        Hyphen => "hyphen",
        Iban => "iban",
        ImporterIdx => "importeridx",
        Iso3166 => "iso3166",
        Iso3166999 => "iso3166999",
        Iso3166Alpha2 => "iso3166alpha2",
        Iso4217 => "iso4217",
        Iso5218 => "iso5218",
        Latitude => "latitude",
        Longitude => "longitude",
        MediaType => "mediatype",
        Mi => "mi",
        NonZero => "nonzero",
        NoZeroPrefix => "nozeroprefix",
        PackageType => "packagetype",
        Pcenc => "pcenc",
        PieceOfTotal => "pieceoftotal",
        PosInSeqSlash => "posinseqslash",
        Ss => "ss",
        Winding => "winding",
        YesNo => "yesno",
        Yymmd0 => "yymmd0",
        Yymmdd => "yymmdd",
        Yyyymmdd => "yyyymmdd",
        Zero => "zero",
    }
}

pub(super) fn run(l: Linter, d: &[u8]) -> Lint {
    use Linter::*;
    match l {
        CouponCode => super::coupon::code(d),
        CouponPosOffer => super::coupon::positive_offer(d),
        Csum => csum(d),
        CsumAlpha => csumalpha(d),
        GcpPos1 => gcppos1(d),
        GcpPos2 => gcppos2(d),
        HasNonDigit => {
            if d.iter().all(u8::is_ascii_digit) {
                err("requires_non_digit_character", 0, d.len())
            } else {
                Ok(())
            }
        }
        Hh => two_digits(d, 23, "hour_too_short", "hour_too_long", "illegal_hour"),
        Mi => two_digits(
            d,
            59,
            "minute_too_short",
            "minute_too_long",
            "illegal_minute",
        ),
        Ss => two_digits(
            d,
            59,
            "second_too_short",
            "second_too_long",
            "illegal_second",
        ),
        Hhmi => hhmi(d),
        Hyphen => {
            if d.is_empty() || d.iter().any(|&b| b != b'-') {
                err("not_hyphen", 0, d.len())
            } else {
                Ok(())
            }
        }
        Iban => iban(d),
        ImporterIdx => importer_index(d),
        Iso3166 => iso3166(d),
        Iso3166999 => match d {
            b"999" => Ok(()),
            _ => iso3166(d).or_else(|e| err("not_iso3166_or_999", e.position, e.length)),
        },
        Iso3166Alpha2 => iso3166_alpha2(d),
        Iso4217 => match number(d, 3) {
            Some(n) if ISO4217_NUMERIC.binary_search(&n).is_ok() => Ok(()),
            _ => err("not_iso4217", 0, d.len()),
        },
        Iso5218 => match d {
            [b'0' | b'1' | b'2' | b'9'] => Ok(()),
            [_] => err("invalid_biological_sex_code", 0, 1),
            _ => err("invalid_biological_sex_code", 0, d.len()),
        },
        Latitude => coordinate(
            d,
            1_800_000_000,
            ["latitude_invalid_length", "invalid_latitude"],
        ),
        Longitude => coordinate(
            d,
            3_600_000_000,
            ["longitude_invalid_length", "invalid_longitude"],
        ),
        MediaType => match number(d, 2) {
            Some(1..=10 | 80..=99) => Ok(()),
            _ => err("invalid_media_type", 0, d.len()),
        },
        NonZero => {
            digits(d)?;
            if d.iter().all(|&b| b == b'0') {
                err("illegal_zero_value", 0, d.len())
            } else {
                Ok(())
            }
        }
        NoZeroPrefix => {
            if d.first() == Some(&b'0') {
                return err("illegal_zero_prefix", 0, 1);
            }
            digits(d)
        }
        PackageType => {
            if PACKAGE_TYPES
                .binary_search_by(|p| p.as_bytes().cmp(d))
                .is_ok()
            {
                Ok(())
            } else {
                err("invalid_package_type", 0, d.len())
            }
        }
        Pcenc => pcenc(d),
        PieceOfTotal => piece_of_total(d),
        PosInSeqSlash => position_in_sequence(d),
        Winding => match d {
            [b'0' | b'1' | b'9'] => Ok(()),
            [_] => err("invalid_winding_direction", 0, 1),
            _ => err("invalid_winding_direction", 0, d.len()),
        },
        YesNo => match d {
            [b'0' | b'1'] => Ok(()),
            [_] => err("not_zero_or_one", 0, 1),
            _ => err("not_zero_or_one", 0, d.len()),
        },
        Yymmd0 => yymmd0(d),
        Yymmdd => yymmdd(d),
        Yyyymmdd => yyyymmdd(d),
        Zero => {
            if d.is_empty() || d.iter().any(|&b| b != b'0') {
                err("not_zero", 0, d.len())
            } else {
                Ok(())
            }
        }
    }
}

/// The character-set check every component gets before its linters.
pub(super) fn charset(cset: CharSet, d: &[u8]) -> Lint {
    match cset {
        CharSet::Numeric => digits(d),
        CharSet::Cset82 => match d.iter().position(|&b| !crate::ids::is_cset82(b)) {
            Some(i) => err("invalid_cset82_character", i, 1),
            None => Ok(()),
        },
        CharSet::Cset39 => {
            match d
                .iter()
                .position(|&b| !matches!(b, b'#' | b'-' | b'/' | b'0'..=b'9' | b'A'..=b'Z'))
            {
                Some(i) => err("invalid_cset39_character", i, 1),
                None => Ok(()),
            }
        }
        CharSet::Cset64 => cset64(d),
    }
}

pub(super) fn digits(d: &[u8]) -> Lint {
    match d.iter().position(|b| !b.is_ascii_digit()) {
        Some(i) => err("non_digit_character", i, 1),
        None => Ok(()),
    }
}

fn is_base64url(b: u8) -> bool {
    matches!(b, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_')
}

fn cset64(d: &[u8]) -> Lint {
    let pads = d.iter().rev().take_while(|&&b| b == b'=').count();
    let body = &d[..d.len() - pads];
    if let Some(i) = body.iter().position(|&b| !is_base64url(b)) {
        return err("invalid_cset64_character", i, 1);
    }
    if pads > 2 || (pads > 0 && !d.len().is_multiple_of(3)) {
        return err("invalid_cset64_padding", d.len() - pads, pads);
    }
    Ok(())
}

/// The value of `d` when it is exactly `len` digits.
fn number(d: &[u8], len: usize) -> Option<u16> {
    (d.len() == len && d.iter().all(u8::is_ascii_digit))
        .then(|| d.iter().fold(0u16, |n, b| n * 10 + u16::from(b - b'0')))
}

fn csum(d: &[u8]) -> Lint {
    let Some((&check, body)) = d.split_last() else {
        return err("too_short_for_check_digit", 0, 0);
    };
    digits(body)?;
    if !check.is_ascii_digit() {
        return err("non_digit_character", d.len() - 1, 1);
    }
    if crate::ids::check_digit(body) != check - b'0' {
        return err("incorrect_check_digit", d.len() - 1, 1);
    }
    Ok(())
}

const CSET32: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

fn csumalpha(d: &[u8]) -> Lint {
    if d.len() > CHECK_PAIR_PRIMES.len() + 2 {
        return err("too_long_for_check_pair_implementation", 0, d.len());
    }
    if d.len() < 2 {
        return err("too_short_for_check_pair", 0, d.len());
    }
    let (body, pair) = d.split_at(d.len() - 2);
    let mut sum: u32 = 0;
    for (i, &b) in body.iter().enumerate() {
        let Some(value) = crate::ids::CSET82.bytes().position(|c| c == b) else {
            return err("invalid_cset82_character", i, 1);
        };
        let prime = CHECK_PAIR_PRIMES[body.len() - 1 - i];
        sum += value as u32 * u32::from(prime);
    }
    let sum = (sum % 1021) as usize;
    if pair != [CSET32[sum >> 5], CSET32[sum & 31]] {
        return err("incorrect_check_pair", d.len() - 2, 2);
    }
    Ok(())
}

pub(super) fn gcppos1(d: &[u8]) -> Lint {
    if d.len() < 4 {
        return err("too_short_for_gcp", 0, d.len());
    }
    match d[..4].iter().position(|b| !b.is_ascii_digit()) {
        Some(i) => err("invalid_gcp_prefix", i, 1),
        None => Ok(()),
    }
}

fn gcppos2(d: &[u8]) -> Lint {
    if d.len() < 2 {
        return err("too_short_for_gcp", 0, d.len());
    }
    gcppos1(&d[1..]).map_err(|e| e.shifted(1))
}

fn two_digits(
    d: &[u8],
    max: u16,
    short: &'static str,
    long: &'static str,
    illegal: &'static str,
) -> Lint {
    match d.len() {
        0 | 1 => return err(short, 0, d.len()),
        2 => {}
        _ => return err(long, 0, d.len()),
    }
    digits(d)?;
    match number(d, 2) {
        Some(n) if n <= max => Ok(()),
        _ => err(illegal, 0, 2),
    }
}

fn hhmi(d: &[u8]) -> Lint {
    match d.len() {
        0..=3 => return err("hour_with_minute_too_short", 0, d.len()),
        4 => {}
        _ => return err("hour_with_minute_too_long", 0, d.len()),
    }
    run(Linter::Hh, &d[..2])?;
    run(Linter::Mi, &d[2..]).map_err(|e| e.shifted(2))
}

fn is_leap(year: u32) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

/// `YYYYMMDD` with day `00` allowed: the core of every date linter.
fn yyyymmd0(d: &[u8]) -> Lint {
    match d.len() {
        0..=7 => return err("date_too_short", 0, d.len()),
        8 => {}
        _ => return err("date_too_long", 0, d.len()),
    }
    digits(d)?;
    let n = |r: std::ops::Range<usize>| d[r].iter().fold(0u32, |n, b| n * 10 + u32::from(b - b'0'));
    let (year, month, day) = (n(0..4), n(4..6), n(6..8));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => return err("illegal_month", 4, 2),
    };
    if day > days {
        return err("illegal_day", 6, 2);
    }
    Ok(())
}

/// `YYMMDD`, day `00` allowed. The century only decides leap years; like the reference, years
/// 00 to 71 are taken as 20YY and 72 to 99 as 19YY, so February 29 is valid when YY % 4 == 0.
fn yymmd0(d: &[u8]) -> Lint {
    match d.len() {
        0..=5 => return err("date_too_short", 0, d.len()),
        6 => {}
        _ => return err("date_too_long", 0, d.len()),
    }
    digits(d)?;
    let century: &[u8] = if (d[0] - b'0') * 10 + (d[1] - b'0') >= 72 {
        b"19"
    } else {
        b"20"
    };
    let mut full = [0u8; 8];
    full[..2].copy_from_slice(century);
    full[2..].copy_from_slice(d);
    yyyymmd0(&full).map_err(|mut e| {
        e.position -= 2;
        e
    })
}

fn yymmdd(d: &[u8]) -> Lint {
    yymmd0(d)?;
    if &d[4..6] == b"00" {
        return err("illegal_day", 4, 2);
    }
    Ok(())
}

fn yyyymmdd(d: &[u8]) -> Lint {
    yyyymmd0(d)?;
    if &d[6..8] == b"00" {
        return err("illegal_day", 6, 2);
    }
    Ok(())
}

fn iso3166(d: &[u8]) -> Lint {
    match number(d, 3) {
        Some(n) if ISO3166_NUMERIC.binary_search(&n).is_ok() => Ok(()),
        _ => err("not_iso3166", 0, d.len()),
    }
}

fn iso3166_alpha2(d: &[u8]) -> Lint {
    if d.len() == 2
        && ISO3166_ALPHA2
            .binary_search_by(|c| c.as_bytes().cmp(d))
            .is_ok()
    {
        Ok(())
    } else {
        err("not_iso3166_alpha2", 0, d.len())
    }
}

fn pcenc(d: &[u8]) -> Lint {
    let mut i = 0;
    while i < d.len() {
        if d[i] == b'%' {
            if i + 2 >= d.len() {
                return err("invalid_percent_sequence", i, d.len() - i);
            }
            if !d[i + 1].is_ascii_hexdigit() || !d[i + 2].is_ascii_hexdigit() {
                return err("invalid_percent_sequence", i, 3);
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    Ok(())
}

/// Ten digits up to `max`; `rules` name the wrong length and the value out of range.
fn coordinate(d: &[u8], max: u64, rules: [&'static str; 2]) -> Lint {
    let [length, invalid] = rules;
    if d.len() != 10 {
        return err(length, 0, d.len());
    }
    digits(d)?;
    let value = d.iter().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    if value > max {
        return err(invalid, 0, 10);
    }
    Ok(())
}

fn importer_index(d: &[u8]) -> Lint {
    match d {
        [b] if is_base64url(*b) => Ok(()),
        [_] => err("invalid_import_idx_character", 0, 1),
        _ => err("importer_idx_must_be_one_character", 0, d.len()),
    }
}

fn iban(d: &[u8]) -> Lint {
    if d.len() < 4 {
        return err("iban_too_short", 0, d.len());
    }
    if iso3166_alpha2(&d[..2]).is_err() {
        return err("illegal_iban_country_code", 0, 2);
    }
    if d.len() > 34 {
        return err("iban_too_long", 0, d.len());
    }
    if d.len() <= 10 {
        return err("iban_too_short", 0, d.len());
    }
    // Mod 97 over the account part, then the country code and check digits.
    let mut sum: u32 = 0;
    for i in (4..d.len()).chain(0..4) {
        sum = match d[i] {
            b @ b'0'..=b'9' => (sum * 10 + u32::from(b - b'0')) % 97,
            b @ b'A'..=b'Z' => (sum * 100 + u32::from(b - b'A') + 10) % 97,
            _ => return err("invalid_iban_character", i, 1),
        };
    }
    if sum != 1 {
        return err("incorrect_iban_checksum", 2, 2);
    }
    Ok(())
}

fn piece_of_total(d: &[u8]) -> Lint {
    digits(d)?;
    if d.is_empty() || !d.len().is_multiple_of(2) {
        return err("invalid_length_for_piece_of_total", 0, d.len());
    }
    let (piece, total) = d.split_at(d.len() / 2);
    if piece.iter().all(|&b| b == b'0') {
        return err("zero_piece_number", 0, piece.len());
    }
    if total.iter().all(|&b| b == b'0') {
        return err("zero_total_pieces", piece.len(), total.len());
    }
    if piece > total {
        return err("piece_number_exceeds_total", 0, d.len());
    }
    Ok(())
}

fn position_in_sequence(d: &[u8]) -> Lint {
    let Some(slash) = d.iter().position(|&b| b == b'/') else {
        return err("position_in_sequence_malformed", 0, d.len());
    };
    let (position, end) = (&d[..slash], &d[slash + 1..]);
    let well_formed = |p: &[u8]| !p.is_empty() && p.iter().all(u8::is_ascii_digit);
    if !well_formed(position) || !well_formed(end) {
        return err("position_in_sequence_malformed", 0, d.len());
    }
    if position[0] == b'0' {
        return err("illegal_zero_prefix", 0, slash);
    }
    if end[0] == b'0' {
        return err("illegal_zero_prefix", slash + 1, end.len());
    }
    // No leading zeros, so the longer number is the larger.
    if (position.len(), position) > (end.len(), end) {
        return err("position_exceeds_end", 0, d.len());
    }
    Ok(())
}

/// A sentence for each rule, for error messages.
pub(super) fn describe(rule: &str) -> &'static str {
    match rule {
        "ai_data_is_empty" => "the value is empty",
        "ai_value_is_too_short" => "the value is too short",
        "ai_value_is_too_long" => "the value is too long",
        "ai_data_has_incorrect_length" => "a component of the value has the wrong length",
        "non_digit_character" => "a character that should be a digit is not",
        "invalid_cset82_character" => "a character is not in GS1 character set 82",
        "invalid_cset39_character" => "a character is not in GS1 character set 39",
        "invalid_cset64_character" => "a character is not in the URL-safe base64 alphabet",
        "invalid_cset64_padding" => "the base64 padding is wrong",
        "incorrect_check_digit" => "the check digit is wrong",
        "too_short_for_check_digit" => "too short to have a check digit",
        "incorrect_check_pair" => "the check character pair is wrong",
        "too_short_for_check_pair" => "too short to have a check character pair",
        "too_long_for_check_pair_implementation" => "too long for a check character pair",
        "too_short_for_gcp" => "too short to hold a GS1 company prefix",
        "invalid_gcp_prefix" => "the GS1 company prefix does not start with four digits",
        "importer_idx_must_be_one_character" => "the importer index is one character",
        "invalid_import_idx_character" => "the importer index is not a base64url character",
        "illegal_zero_value" => "zero is not allowed",
        "not_zero" => "only zero is allowed",
        "illegal_zero_prefix" => "a leading zero is not allowed",
        "not_zero_or_one" => "the flag is 0 or 1",
        "invalid_winding_direction" => "the winding direction is 0, 1 or 9",
        "not_iso3166" => "not an ISO 3166 numeric country code",
        "not_iso3166_or_999" => "not an ISO 3166 numeric country code or 999",
        "not_iso3166_alpha2" => "not an ISO 3166 alpha-2 country code",
        "not_iso4217" => "not an ISO 4217 numeric currency code",
        "iban_too_short" => "too short for an IBAN",
        "iban_too_long" => "too long for an IBAN",
        "invalid_iban_character" => "a character not allowed in an IBAN",
        "illegal_iban_country_code" => "the IBAN's country code is not ISO 3166 alpha-2",
        "incorrect_iban_checksum" => "the IBAN's check digits are wrong",
        "date_too_short" => "the date is too short",
        "date_too_long" => "the date is too long",
        "illegal_month" => "the month is not 01 to 12",
        "illegal_day" => "the day does not exist in that month",
        "hour_with_minute_too_short" => "the time (HHMM) is too short",
        "hour_with_minute_too_long" => "the time (HHMM) is too long",
        "hour_too_short" | "minute_too_short" | "second_too_short" => "the time part is too short",
        "hour_too_long" | "minute_too_long" | "second_too_long" => "the time part is too long",
        "illegal_hour" => "the hour is not 00 to 23",
        "illegal_minute" => "the minute is not 00 to 59",
        "illegal_second" => "the second is not 00 to 59",
        "invalid_length_for_piece_of_total" => "piece and total need an even length",
        "zero_piece_number" => "the piece number is zero",
        "zero_total_pieces" => "the total number of pieces is zero",
        "piece_number_exceeds_total" => "the piece number exceeds the total",
        "invalid_percent_sequence" => "a % is not followed by two hexadecimal digits",
        "not_hyphen" => "only a hyphen is allowed",
        "invalid_package_type" => "not a known package type code",
        "invalid_media_type" => "not a known AIDC media type",
        "latitude_invalid_length" | "longitude_invalid_length" => "a coordinate has 10 digits",
        "invalid_latitude" => "the latitude is out of range",
        "invalid_longitude" => "the longitude is out of range",
        "invalid_biological_sex_code" => "the biological sex code is 0, 1, 2 or 9",
        "position_in_sequence_malformed" => "a position in sequence is N/M",
        "position_exceeds_end" => "the position exceeds the end of the sequence",
        "requires_non_digit_character" => "at least one character must not be a digit",
        rule if rule.starts_with("coupon_") => super::coupon::describe(rule),
        _ => "the value breaks a rule of its AI",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Linter::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn rule(l: Linter, d: &str) -> Option<(&'static str, usize)> {
        run(l, d.as_bytes()).err().map(|e| (e.rule, e.position))
    }

    #[test]
    fn code_lists_are_sorted_for_binary_search() {
        assert!(ISO3166_NUMERIC.windows(2).all(|w| w[0] < w[1]));
        assert!(ISO4217_NUMERIC.windows(2).all(|w| w[0] < w[1]));
        assert!(ISO3166_ALPHA2.windows(2).all(|w| w[0] < w[1]));
        assert!(
            PACKAGE_TYPES
                .windows(2)
                .all(|w| w[0].as_bytes() < w[1].as_bytes())
        );
    }

    #[test]
    fn check_digits_and_pairs_follow_the_reference_vectors() {
        for ok in [
            "02345673",
            "416000336108",
            "1234567890128",
            "123456789012345675",
            "0",
        ] {
            assert_eq!(rule(Csum, ok), None, "{ok}");
        }
        assert_eq!(
            rule(Csum, "12345678901232"),
            Some(("incorrect_check_digit", 13))
        );
        assert_eq!(rule(Csum, ""), Some(("too_short_for_check_digit", 0)));
        for ok in [
            "1987654Ad4X4bL5ttr2310c2K",
            "12345678901234567890123NT",
            "00000!HV",
            "99999zzzzzzzzzzzzzzzzzzT2",
            "22",
        ] {
            assert_eq!(rule(CsumAlpha, ok), None, "{ok}");
        }
        assert_eq!(rule(CsumAlpha, "33"), Some(("incorrect_check_pair", 0)));
        assert_eq!(
            rule(CsumAlpha, "1987654Ad4X4bL5ttr2310c2A"),
            Some(("incorrect_check_pair", 23))
        );
    }

    #[test]
    fn dates_times_and_ranges() {
        assert_eq!(rule(Yymmd0, "000229"), None); // 2000 is a leap year
        assert_eq!(rule(Yymmd0, "010229"), Some(("illegal_day", 4)));
        assert_eq!(rule(Yymmd0, "271200"), None);
        assert_eq!(rule(Yymmdd, "271200"), Some(("illegal_day", 4)));
        assert_eq!(rule(Yymmd0, "271301"), Some(("illegal_month", 2)));
        assert_eq!(rule(Yyyymmdd, "19000229"), Some(("illegal_day", 6)));
        assert_eq!(rule(Yyyymmdd, "20000229"), None);
        assert_eq!(rule(Hhmi, "2400"), Some(("illegal_hour", 0)));
        assert_eq!(rule(Hhmi, "2360"), Some(("illegal_minute", 2)));
        assert_eq!(rule(Ss, "60"), Some(("illegal_second", 0)));
        assert_eq!(rule(Latitude, "1800000000"), None);
        assert_eq!(rule(Latitude, "1800000001"), Some(("invalid_latitude", 0)));
        assert_eq!(rule(Longitude, "3600000000"), None);
    }

    #[test]
    fn code_lists_and_flags() {
        assert_eq!(rule(Iso3166, "276"), None);
        assert_eq!(rule(Iso3166, "000"), Some(("not_iso3166", 0)));
        assert_eq!(rule(Iso3166999, "999"), None);
        assert_eq!(rule(Iso3166Alpha2, "DE"), None);
        assert_eq!(rule(Iso3166Alpha2, "de"), Some(("not_iso3166_alpha2", 0)));
        assert_eq!(rule(Iso4217, "978"), None);
        assert_eq!(rule(Iso4217, "000"), Some(("not_iso4217", 0)));
        assert_eq!(rule(PackageType, "1A"), None);
        assert_eq!(rule(PackageType, "ZZZZ"), Some(("invalid_package_type", 0)));
        assert_eq!(rule(MediaType, "80"), None);
        assert_eq!(rule(MediaType, "11"), Some(("invalid_media_type", 0)));
        assert_eq!(rule(YesNo, "2"), Some(("not_zero_or_one", 0)));
        assert_eq!(rule(Winding, "9"), None);
        assert_eq!(rule(Iso5218, "3"), Some(("invalid_biological_sex_code", 0)));
    }

    #[test]
    fn structured_values() {
        assert_eq!(rule(Iban, "GB82WEST12345698765432"), None);
        assert_eq!(
            rule(Iban, "GB83WEST12345698765432"),
            Some(("incorrect_iban_checksum", 2))
        );
        assert_eq!(
            rule(Iban, "XX82WEST12345698765432"),
            Some(("illegal_iban_country_code", 0))
        );
        assert_eq!(rule(PieceOfTotal, "0203"), None);
        assert_eq!(
            rule(PieceOfTotal, "0302"),
            Some(("piece_number_exceeds_total", 0))
        );
        assert_eq!(rule(PieceOfTotal, "0002"), Some(("zero_piece_number", 0)));
        assert_eq!(rule(PosInSeqSlash, "1/3"), None);
        assert_eq!(
            rule(PosInSeqSlash, "4/3"),
            Some(("position_exceeds_end", 0))
        );
        assert_eq!(rule(PosInSeqSlash, "0/3"), Some(("illegal_zero_prefix", 0)));
        assert_eq!(rule(Pcenc, "a%2Fb"), None);
        assert_eq!(rule(Pcenc, "a%2"), Some(("invalid_percent_sequence", 1)));
        assert_eq!(rule(Pcenc, "a%zz"), Some(("invalid_percent_sequence", 1)));
        assert_eq!(rule(GcpPos2, "1234"), Some(("too_short_for_gcp", 1)));
        assert_eq!(rule(GcpPos1, "12A4"), Some(("invalid_gcp_prefix", 2)));
        assert_eq!(
            rule(ImporterIdx, "="),
            Some(("invalid_import_idx_character", 0))
        );
        assert_eq!(rule(NoZeroPrefix, "0"), Some(("illegal_zero_prefix", 0)));
        assert_eq!(
            rule(HasNonDigit, "123"),
            Some(("requires_non_digit_character", 0))
        );
        assert_eq!(charset(CharSet::Cset64, b"12=").err().map(|e| e.rule), None);
        assert_eq!(
            charset(CharSet::Cset64, b"123=").err().map(|e| e.rule),
            Some("invalid_cset64_padding")
        );
    }
}
