//! Calendar arithmetic for the sandbox: dates are days since 1970-01-01 and
//! timestamps are whole seconds since the Unix epoch, both UTC. Harvest sends
//! dates as `YYYY-MM-DD` and datetimes as `YYYY-MM-DDTHH:MM:SSZ`.

use std::fmt;

use serde::{Serialize, Serializer};

pub(crate) const SECONDS_PER_DAY: i64 = 86_400;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// well-known "days from civil" construction).
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = if year >= 0 { year } else { year - 399 } / 400;
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Inverse of [`days_from_civil`]: (year, month, day).
pub(crate) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both values are small by construction (1..=12, 1..=31).
    (year, month as u32, day as u32)
}

fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Parses a fixed-width run of ASCII digits; `None` for anything else.
fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A calendar date (days since 1970-01-01).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date(pub i64);

impl Date {
    pub(crate) fn from_ymd(year: i64, month: u32, day: u32) -> Date {
        Date(days_from_civil(year, month, day))
    }

    /// Accepts `YYYY-MM-DD` and the compact `YYYYMMDD` used by Harvest's report docs.
    pub(crate) fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let (year, month, day) = match text.len() {
            10 if text.as_bytes().get(4) == Some(&b'-')
                && text.as_bytes().get(7) == Some(&b'-') =>
            {
                (text.get(0..4)?, text.get(5..7)?, text.get(8..10)?)
            }
            8 => (text.get(0..4)?, text.get(4..6)?, text.get(6..8)?),
            _ => return None,
        };
        let (year, month, day) = (i64::from(digits(year)?), digits(month)?, digits(day)?);
        if year == 0 || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date::from_ymd(year, month, day))
    }

    pub(crate) fn add_days(self, days: i64) -> Date {
        Date(self.0 + days)
    }

    /// Midnight UTC of this date.
    pub(crate) fn at_midnight(self) -> Timestamp {
        Timestamp(self.0 * SECONDS_PER_DAY)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = civil_from_days(self.0);
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A UTC instant with second precision (seconds since the Unix epoch).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Timestamp(pub i64);

impl Timestamp {
    pub(crate) fn plus_seconds(self, seconds: i64) -> Timestamp {
        Timestamp(self.0 + seconds)
    }

    pub(crate) fn date(self) -> Date {
        Date(self.0.div_euclid(SECONDS_PER_DAY))
    }

    /// ISO-8601 as Harvest documents it for `updated_since`:
    /// `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z`, `±HH:MM`,
    /// `±HHMM` or nothing (UTC). A space instead of `T` is rejected, like the
    /// real API does (airbyte#35296).
    pub(crate) fn parse_iso8601(text: &str) -> Option<Timestamp> {
        let text = text.trim();
        let date = Date::parse(text.get(0..10)?)?;
        if text.as_bytes().get(4) != Some(&b'-') {
            return None;
        }
        let rest = &text[10..];
        if rest.is_empty() {
            return Some(date.at_midnight());
        }
        let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix('t'))?;
        let hour = digits(rest.get(0..2)?)?;
        if rest.as_bytes().get(2) != Some(&b':') {
            return None;
        }
        let minute = digits(rest.get(3..5)?)?;
        let mut rest = rest.get(5..)?;
        let mut second = 0;
        if let Some(after_colon) = rest.strip_prefix(':') {
            second = digits(after_colon.get(0..2)?)?;
            rest = after_colon.get(2..)?;
            if let Some(fraction) = rest.strip_prefix('.') {
                let fraction_len = fraction.bytes().take_while(u8::is_ascii_digit).count();
                if fraction_len == 0 {
                    return None;
                }
                rest = &fraction[fraction_len..];
            }
        }
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let offset_seconds = match rest {
            "" | "Z" | "z" => 0,
            _ => {
                let sign = match rest.as_bytes().first() {
                    Some(b'+') => 1,
                    Some(b'-') => -1,
                    _ => return None,
                };
                let zone = &rest[1..];
                let (zone_hours, zone_minutes) = match zone.len() {
                    5 if zone.as_bytes().get(2) == Some(&b':') => {
                        (zone.get(0..2)?, zone.get(3..5)?)
                    }
                    4 => (zone.get(0..2)?, zone.get(2..4)?),
                    2 => (zone.get(0..2)?, "00"),
                    _ => return None,
                };
                let (zone_hours, zone_minutes) = (digits(zone_hours)?, digits(zone_minutes)?);
                if zone_hours > 23 || zone_minutes > 59 {
                    return None;
                }
                sign * i64::from(zone_hours * 3600 + zone_minutes * 60)
            }
        };
        let local = date.at_midnight().0
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second);
        Some(Timestamp(local - offset_seconds))
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds_of_day = self.0.rem_euclid(SECONDS_PER_DAY);
        write!(
            f,
            "{}T{:02}:{:02}:{:02}Z",
            self.date(),
            seconds_of_day / 3600,
            seconds_of_day % 3600 / 60,
            seconds_of_day % 60
        )
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 1, 59, 60, 19_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(Date::from_ymd(2024, 2, 29).to_string(), "2024-02-29");
        assert_eq!(Date::from_ymd(1970, 1, 1).0, 0);
    }

    #[test]
    fn parses_dates_in_both_forms() {
        assert_eq!(Date::parse("20170101"), Date::parse("2017-01-01"));
        assert!(Date::parse("2017-01-01").is_some());
        for bad in [
            "2017-02-30",
            "20171301",
            "2017-1-01",
            "abcdefgh",
            "",
            "0000-01-01",
            "+2017-01-1",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn parses_iso8601_datetimes() {
        let base = Timestamp::parse_iso8601("2017-01-25T00:00:00Z");
        assert_eq!(
            base.map(|t| t.to_string()),
            Some("2017-01-25T00:00:00Z".into())
        );
        assert_eq!(Timestamp::parse_iso8601("2017-01-25"), base);
        assert_eq!(Timestamp::parse_iso8601("2017-01-25T01:00:00+01:00"), base);
        assert_eq!(
            Timestamp::parse_iso8601("2017-01-24T19:00:00.123-05:00"),
            base
        );
        assert_eq!(Timestamp::parse_iso8601("2017-01-25T00:00"), base);
        for bad in [
            "2010-01-01 00:00:00+00:00",
            "2017-01-25T25:00:00Z",
            "2017-01-25T00:00:00+",
            "x",
        ] {
            assert_eq!(Timestamp::parse_iso8601(bad), None, "{bad}");
        }
    }
}
