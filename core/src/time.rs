//! Instants, event times with their UTC offset, and calendar dates.
//!
//! Milliseconds since the Unix epoch, because that is the precision the GS1 event hash keeps
//! and what every language can represent exactly. Years 1970 to 9999 only: a supply-chain
//! record from before 1970 or after 9999 is a data error, and a closed range keeps every
//! implementation's date arithmetic exact.

use std::fmt;

use bincode::de::Decoder;
use bincode::enc::Encoder;
use bincode::error::{DecodeError, EncodeError};
use bincode::{Decode, Encode};
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, UtcOffset};

use crate::codec::{Ctx, fail};
use crate::error::{Error, Result};

/// Last millisecond of 9999-12-31 UTC.
const MAX_MILLIS: i64 = 253_402_300_799_999;
/// 9999-12-31 as days since 1970-01-01.
const MAX_DAYS: i32 = 2_932_896;
/// Largest UTC offset in minutes (±14:00, as EPCIS allows).
const MAX_OFFSET_MINUTES: i16 = 14 * 60;

/// An instant in UTC, to the millisecond.
///
/// ```
/// use tracemark::time::Timestamp;
/// let t: Timestamp = "2026-03-01T08:30:00.250+01:00".parse()?;
/// assert_eq!(t.to_string(), "2026-03-01T07:30:00.250Z");
/// # Ok::<(), tracemark::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The instant `millis` milliseconds after 1970-01-01T00:00:00Z.
    pub fn from_unix_millis(millis: i64) -> Result<Timestamp> {
        if !(0..=MAX_MILLIS).contains(&millis) {
            return Err(Error::InvalidTime(format!(
                "{millis} ms since the epoch is outside 1970-01-01 to 9999-12-31"
            )));
        }
        Ok(Timestamp(millis))
    }

    /// Milliseconds since the Unix epoch.
    pub fn unix_millis(&self) -> i64 {
        self.0
    }

    fn to_datetime(self, offset: UtcOffset) -> OffsetDateTime {
        // In range by construction, so the conversion cannot fail; fall back to the epoch
        // rather than panic if that invariant were ever broken.
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(self.0) * 1_000_000)
            .map(|t| t.to_offset(offset))
            .unwrap_or(OffsetDateTime::UNIX_EPOCH)
    }
}

/// Writes `t` as RFC 3339 with milliseconds, a zero offset as `zero` (`Z` or `+00:00`).
/// Digits go through a stack buffer: spreadsheets and exports write millions of these.
pub(crate) fn write_millis(
    t: OffsetDateTime,
    zero: &str,
    out: &mut impl fmt::Write,
) -> fmt::Result {
    fn put(buf: &mut [u8], mut n: u32) {
        for b in buf.iter_mut().rev() {
            *b = b'0' + (n % 10) as u8;
            n /= 10;
        }
    }
    let year = t.year();
    let Ok(y @ 0..=9999) = u32::try_from(year) else {
        // Past 9999-12-31: a local time of the last day under a positive offset, or a
        // timestamp rounded up to the next millisecond. Written as is, with more digits.
        write!(
            out,
            "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}",
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second(),
            t.millisecond()
        )?;
        return write_zone(t.offset().whole_minutes(), zero, out);
    };
    let mut b = *b"0000-00-00T00:00:00.000";
    put(&mut b[0..4], y);
    put(&mut b[5..7], u8::from(t.month()).into());
    put(&mut b[8..10], t.day().into());
    put(&mut b[11..13], t.hour().into());
    put(&mut b[14..16], t.minute().into());
    put(&mut b[17..19], t.second().into());
    put(&mut b[20..23], t.millisecond().into());
    out.write_str(std::str::from_utf8(&b).map_err(|_| fmt::Error)?)?;
    write_zone(t.offset().whole_minutes(), zero, out)
}

fn write_zone(minutes: i16, zero: &str, out: &mut impl fmt::Write) -> fmt::Result {
    if minutes == 0 {
        return out.write_str(zero);
    }
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    write!(out, "{sign}{:02}:{:02}", m / 60, m % 60)
}

fn parse_rfc3339(text: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339)
        .map_err(|e| Error::InvalidTime(format!("{text:?} is not an RFC 3339 date-time: {e}")))
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_millis(self.to_datetime(UtcOffset::UTC), "Z", f)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl std::str::FromStr for Timestamp {
    type Err = Error;
    /// RFC 3339 with any offset; sub-millisecond digits must be zero (no silent rounding).
    fn from_str(text: &str) -> Result<Timestamp> {
        let t = parse_rfc3339(text)?;
        let nanos = t.unix_timestamp_nanos();
        if nanos % 1_000_000 != 0 {
            return Err(Error::InvalidTime(format!(
                "{text:?} is finer than a millisecond, which records cannot hold"
            )));
        }
        let millis = i64::try_from(nanos / 1_000_000)
            .map_err(|_| Error::InvalidTime(format!("{text:?} is out of range")))?;
        Timestamp::from_unix_millis(millis)
    }
}

impl Encode for Timestamp {
    fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
        self.0.encode(e)
    }
}

impl Decode<Ctx> for Timestamp {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        let millis = i64::decode(d)?;
        Timestamp::from_unix_millis(millis).map_err(|e| fail(d, e))
    }
}
bincode::impl_borrow_decode_with_context!(Timestamp, Ctx);
crate::keys::serde_via_text!(Timestamp);

/// When an event happened, and the UTC offset of the place where it happened (EPCIS
/// `eventTime` and `eventTimeZoneOffset`).
///
/// ```
/// use tracemark::time::EventTime;
/// let t: EventTime = "2026-03-01T08:30:00.000+07:00".parse()?;
/// assert_eq!(t.offset_minutes(), 420);
/// assert_eq!(t.to_string(), "2026-03-01T08:30:00.000+07:00");
/// # Ok::<(), tracemark::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventTime {
    at: Timestamp,
    offset_minutes: i16,
}

impl EventTime {
    /// An event time from the instant and the local UTC offset in minutes (±840 at most).
    pub fn new(at: Timestamp, offset_minutes: i16) -> Result<EventTime> {
        if !(-MAX_OFFSET_MINUTES..=MAX_OFFSET_MINUTES).contains(&offset_minutes) {
            return Err(Error::InvalidTime(format!(
                "UTC offset of {offset_minutes} minutes is beyond ±14:00"
            )));
        }
        Ok(EventTime { at, offset_minutes })
    }

    /// The instant.
    pub fn at(&self) -> Timestamp {
        self.at
    }

    /// The local UTC offset, in minutes.
    pub fn offset_minutes(&self) -> i16 {
        self.offset_minutes
    }

    /// The offset as EPCIS writes it, `+HH:MM` or `-HH:MM`.
    pub fn offset_text(&self) -> String {
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let abs = self.offset_minutes.unsigned_abs();
        format!("{sign}{:02}:{:02}", abs / 60, abs % 60)
    }
}

impl fmt::Display for EventTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let offset = UtcOffset::from_whole_seconds(i32::from(self.offset_minutes) * 60)
            .unwrap_or(UtcOffset::UTC);
        // RFC 3339 writes a zero offset as Z; EPCIS keeps "+00:00" in the offset field, and so
        // do we in the combined form, so the offset survives a round trip as given.
        write_millis(self.at.to_datetime(offset), "+00:00", f)
    }
}

impl fmt::Debug for EventTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EventTime({self})")
    }
}

impl std::str::FromStr for EventTime {
    type Err = Error;
    fn from_str(text: &str) -> Result<EventTime> {
        let at: Timestamp = text.parse()?;
        let offset = parse_rfc3339(text)?.offset().whole_minutes();
        EventTime::new(at, offset)
    }
}

impl Encode for EventTime {
    fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
        self.at.encode(e)?;
        self.offset_minutes.encode(e)
    }
}

impl Decode<Ctx> for EventTime {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        let at = Timestamp::decode(d)?;
        let offset = i16::decode(d)?;
        EventTime::new(at, offset).map_err(|e| fail(d, e))
    }
}
bincode::impl_borrow_decode_with_context!(EventTime, Ctx);
crate::keys::serde_via_text!(EventTime);

/// A calendar date (production date, expiry date), without time of day or zone.
///
/// ```
/// use tracemark::time::Date;
/// let d: Date = "2027-12-31".parse()?;
/// assert_eq!(d.to_string(), "2027-12-31");
/// # Ok::<(), tracemark::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

impl Date {
    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i32) -> Result<Date> {
        if !(0..=MAX_DAYS).contains(&days) {
            return Err(Error::InvalidTime(format!(
                "day {days} is outside 1970-01-01 to 9999-12-31"
            )));
        }
        Ok(Date(days))
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(&self) -> i32 {
        self.0
    }

    /// The date from year, month (1 to 12) and day.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Result<Date> {
        let month = time::Month::try_from(month)
            .map_err(|_| Error::InvalidTime(format!("month {month} does not exist")))?;
        let date = time::Date::from_calendar_date(year, month, day)
            .map_err(|e| Error::InvalidTime(format!("{year}-{month}-{day}: {e}")))?;
        Date::from_days_since_epoch(date.to_julian_day() - EPOCH_JULIAN_DAY)
    }
}

/// Julian day number of 1970-01-01.
const EPOCH_JULIAN_DAY: i32 = 2_440_588;

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match time::Date::from_julian_day(self.0 + EPOCH_JULIAN_DAY) {
            Ok(d) => write!(
                f,
                "{:04}-{:02}-{:02}",
                d.year(),
                u8::from(d.month()),
                d.day()
            ),
            Err(_) => write!(f, "day {}", self.0),
        }
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Date({self})")
    }
}

impl std::str::FromStr for Date {
    type Err = Error;
    /// `YYYY-MM-DD`.
    fn from_str(text: &str) -> Result<Date> {
        let bad = || Error::InvalidTime(format!("{text:?} is not a date of the form YYYY-MM-DD"));
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let num = |r: std::ops::Range<usize>| -> Result<i32> {
            let part = &text[r];
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            part.parse().map_err(|_| bad())
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        Date::from_ymd(
            y,
            u8::try_from(m).map_err(|_| bad())?,
            u8::try_from(d).map_err(|_| bad())?,
        )
    }
}

impl Encode for Date {
    fn encode<E: Encoder>(&self, e: &mut E) -> std::result::Result<(), EncodeError> {
        self.0.encode(e)
    }
}

impl Decode<Ctx> for Date {
    fn decode<D: Decoder<Context = Ctx>>(d: &mut D) -> std::result::Result<Self, DecodeError> {
        let days = i32::decode(d)?;
        Date::from_days_since_epoch(days).map_err(|e| fail(d, e))
    }
}
bincode::impl_borrow_decode_with_context!(Date, Ctx);
crate::keys::serde_via_text!(Date);

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn bounds_and_text_forms() {
        assert_eq!(
            Timestamp::from_unix_millis(0).unwrap().to_string(),
            "1970-01-01T00:00:00.000Z"
        );
        let last = Timestamp::from_unix_millis(MAX_MILLIS).unwrap();
        assert_eq!(last.to_string(), "9999-12-31T23:59:59.999Z");
        assert!(Timestamp::from_unix_millis(MAX_MILLIS + 1).is_err());
        assert!(Timestamp::from_unix_millis(-1).is_err());
        assert_eq!(
            "9999-12-31".parse::<Date>().unwrap().days_since_epoch(),
            MAX_DAYS
        );
        assert_eq!("1970-01-01".parse::<Date>().unwrap().days_since_epoch(), 0);
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "26-01-01",
            "1969-12-31",
            "2026-1-01",
            "+026-01-01",
        ] {
            assert_eq!(
                bad.parse::<Date>().unwrap_err().code(),
                "invalid_time",
                "{bad}"
            );
        }
        assert!("2026-01-01T00:00:00.0001Z".parse::<Timestamp>().is_err());
        assert!("2026-01-01T00:00:00+14:01".parse::<EventTime>().is_err());
        let t: EventTime = "2026-01-01T00:00:00Z".parse().unwrap();
        assert_eq!(t.to_string(), "2026-01-01T00:00:00.000+00:00");
        let t: EventTime = "2026-01-01T00:00:00-03:30".parse().unwrap();
        assert_eq!(
            (t.offset_minutes(), t.offset_text()),
            (-210, "-03:30".to_owned())
        );
        // The local wall time with its offset; the instant in UTC.
        assert_eq!(t.to_string(), "2026-01-01T00:00:00.000-03:30");
        assert_eq!(t.at().to_string(), "2026-01-01T03:30:00.000Z");
        let t: EventTime = "2026-02-28T23:59:59.5+14:00".parse().unwrap();
        assert_eq!(t.to_string(), "2026-02-28T23:59:59.500+14:00");
        assert_eq!(t.at().to_string(), "2026-02-28T09:59:59.500Z");
    }
}
