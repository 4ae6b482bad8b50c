//! Parameter values: parsing and checking ids, dates, date-times and text, and the wire form
//! Harvest receives. Below both the request builder and pagination (a cursor's values are
//! checked with the same rules as a caller's), so neither needs the other for this.

use serde_json::{Map, Value};

use crate::catalog::ParamType;
use crate::error::{Error, Result};

/// Whether `wire` (as found in a link or cursor) is a well-formed value of `ty`, as this
/// module would have sent it.
pub fn check_wire(ty: ParamType, wire: &str) -> bool {
    match ty {
        ParamType::Id => parse_id_string(wire).is_some(),
        ParamType::Integer { min, max } => {
            wire.len() <= 19
                && wire.bytes().all(|b| b.is_ascii_digit())
                && wire.parse::<i64>().is_ok_and(|n| (min..=max).contains(&n))
        }
        ParamType::Bool => wire == "true" || wire == "false",
        ParamType::Enum(values) => values.contains(&wire),
        ParamType::Date => parse_iso_date(wire).is_some(),
        ParamType::ReportDate => parse_date(wire).is_some(),
        ParamType::DateTime => parse_datetime(wire).is_some(),
        ParamType::Text { max_len } => is_text(wire, max_len),
        // Body types never travel in a link or a cursor.
        _ => false,
    }
}

/// Check one scalar value against its type and return what Harvest receives: a JSON number
/// for ids, integers and decimals, a boolean, or a string in Harvest's format. The error is
/// the reason, for the caller to wrap with the parameter's name (nested types, files, `limit`
/// and `cursor` are the callers' business and refused here).
pub fn normalise_scalar(ty: ParamType, value: &Value) -> std::result::Result<Value, String> {
    let got = || format!("got {}", preview(value));
    // String types name the kind of a non-string value (`got a number`).
    let kind = || format!("got {}", json_kind(value));
    let text = |check: &dyn Fn(&str) -> Option<Value>| match value {
        Value::String(s) => check(s).ok_or_else(got),
        _ => Err(kind()),
    };
    match ty {
        ParamType::Id => match value {
            Value::Number(n) => match n.as_i64() {
                Some(id) if id > 0 => Ok(Value::from(id)),
                _ => Err(got()),
            },
            Value::String(s) => parse_id_string(s)
                .and_then(|id| id.parse::<i64>().ok())
                .map(Value::from)
                .ok_or_else(got),
            _ => Err(got()),
        },
        ParamType::Integer { min, max } => match value.as_i64() {
            Some(n) if value.is_i64() || value.is_u64() => {
                if (min..=max).contains(&n) {
                    Ok(Value::from(n))
                } else {
                    Err(format!("{n} is out of range"))
                }
            }
            _ => Err(got()),
        },
        ParamType::Bool => match value {
            Value::Bool(b) => Ok(Value::Bool(*b)),
            _ => Err(got()),
        },
        ParamType::Enum(values) => text(&|s| {
            values
                .iter()
                .find(|v| v.eq_ignore_ascii_case(s))
                .map(|v| Value::String(v.to_string()))
        }),
        ParamType::Date => text(&|s| parse_iso_date(s).map(|d| Value::String(iso(d)))),
        ParamType::ReportDate => {
            text(&|s| parse_date(s).map(|(y, m, d)| Value::String(format!("{y:04}{m:02}{d:02}"))))
        }
        ParamType::DateTime => match value {
            Value::String(s) => parse_datetime(s).map(Value::String).ok_or_else(|| {
                let hint = if parse_iso_date(s).is_some() {
                    " (a date alone: add a time and zone, e.g. T00:00:00Z)"
                } else if looks_zoneless(s) {
                    " (no zone: add Z for UTC or an offset like +02:00)"
                } else {
                    ""
                };
                format!("{}{hint}", got())
            }),
            _ => Err(kind()),
        },
        ParamType::Text { max_len } => {
            text(&|s| is_text(s, max_len).then(|| Value::String(s.to_string())))
        }
        ParamType::Multiline { max_len } => text(&|s| {
            let ok = s.chars().count() <= max_len
                && !s
                    .chars()
                    .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
            ok.then(|| Value::String(s.to_string()))
        }),
        ParamType::Decimal { non_negative } => {
            let number = match value {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => parse_decimal(s),
                _ => return Err(got()),
            };
            match number {
                Some(n) if non_negative && n < 0.0 => Err(format!("{n} is negative")),
                Some(n) => serde_json::Number::from_f64(n)
                    .map(Value::Number)
                    .ok_or_else(got),
                None => Err(got()),
            }
        }
        ParamType::TimeOfDay => {
            text(&|s| parse_time_of_day(s).map(|(h, m)| Value::String(harvest_time(h, m))))
        }
        ParamType::Email => text(&|s| is_email(s).then(|| Value::String(s.to_string()))),
        ParamType::Currency => text(&|s| {
            (s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphabetic()))
                .then(|| Value::String(s.to_ascii_uppercase()))
        }),
        ParamType::List(_)
        | ParamType::Object(_)
        | ParamType::Items(_)
        | ParamType::File
        | ParamType::Limit
        | ParamType::Cursor => Err(got()),
    }
}

/// `12`, `-3.5`, `0.125`: a plain decimal (no exponent, at most 15 digits before the point and
/// 10 after), as money and hours are written.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = (1..=15).contains(&whole.len())
        && fraction.len() <= 10
        && (fraction.is_empty() != digits.contains('.'))
        && whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit());
    plain.then(|| s.parse().ok()).flatten()
}

/// `8:00am`, `8:00 AM`, `12:30pm`, `17:30`, `08:05`: hours and minutes of a 24-hour day.
pub fn parse_time_of_day(s: &str) -> Option<(u32, u32)> {
    let lower = s.trim().to_ascii_lowercase();
    let (clock, meridiem) = match lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("pm"))
    {
        Some(clock) => (clock.trim_end(), Some(lower.ends_with("pm"))),
        None => (lower.as_str(), None),
    };
    let (h, m) = clock.split_once(':')?;
    let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
        (n.contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let (hour, minute) = (digits(h, 1..=2)?, digits(m, 2..=2)?);
    if minute > 59 {
        return None;
    }
    match meridiem {
        None if hour <= 23 => Some((hour, minute)),
        Some(pm) if (1..=12).contains(&hour) => Some((hour % 12 + if pm { 12 } else { 0 }, minute)),
        _ => None,
    }
}

/// Harvest's own way of writing a time of day: `8:00am`, `12:30pm`, `12:00am` for midnight.
pub fn harvest_time(hour: u32, minute: u32) -> String {
    let twelve = if hour % 12 == 0 { 12 } else { hour % 12 };
    format!(
        "{twelve}:{minute:02}{}",
        if hour < 12 { "am" } else { "pm" }
    )
}

/// A plausible email address: one `@`, a local part, a domain with a dot, no spaces or
/// control characters, at most 254 characters.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    s.len() <= 254
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

pub fn is_text(s: &str, max_len: usize) -> bool {
    let count = s.chars().count();
    (1..=max_len).contains(&count) && !s.chars().any(char::is_control)
}

/// Harvest ids are positive and fit in i64; a string id must be ASCII digits only, so nothing
/// but digits can ever reach a URL path.
pub fn parse_id_string(s: &str) -> Option<String> {
    if s.is_empty() || s.len() > 19 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.parse::<i64>() {
        Ok(id) if id > 0 => Some(id.to_string()),
        _ => None,
    }
}

/// `YYYY-MM-DD` only.
pub fn parse_iso_date(s: &str) -> Option<(u32, u32, u32)> {
    if s.len() == 10 {
        parse_date(s)
    } else {
        None
    }
}

/// `YYYY-MM-DD` or `YYYYMMDD`, ASCII digits, a real calendar date.
pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let bytes = s.as_bytes();
    let digits: Vec<u8> = match bytes.len() {
        8 => bytes.to_vec(),
        10 if bytes[4] == b'-' && bytes[7] == b'-' => {
            [&bytes[0..4], &bytes[5..7], &bytes[8..10]].concat()
        }
        _ => return None,
    };
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        digits[range]
            .iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
    };
    let (year, month, day) = (number(0..4), number(4..6), number(6..8));
    (year >= 1 && (1..=days_in_month(year, month)).contains(&day)).then_some((year, month, day))
}

pub fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

pub fn iso((y, m, d): (u32, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil((year, month, day): (u32, u32, u32)) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01.
pub fn civil_from_days(days: i64) -> (u32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year.clamp(0, 99_999) as u32, month as u32, day as u32)
}

/// An ISO-8601 date-time with a zone, as UTC `YYYY-MM-DDTHH:MM:SSZ` (fractions of a second
/// are dropped, which only widens an `updated_since` window). Accepts `T`, `t` or a space
/// between date and time, seconds optional, `Z`, `±HH:MM`, `±HHMM` or `±HH` zones.
pub fn parse_datetime(s: &str) -> Option<String> {
    if !s.is_ascii() || s.len() < 17 || s.len() > 40 {
        return None;
    }
    let date = parse_iso_date(&s[..10])?;
    if !matches!(s.as_bytes()[10], b'T' | b't' | b' ') {
        return None;
    }
    let two = |text: &str| -> Option<i64> {
        (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    let hour = two(&s[11..13])?;
    if s.as_bytes()[13] != b':' {
        return None;
    }
    let minute = two(&s[14..16])?;
    let mut rest = &s[16..];
    let mut second = 0;
    if let Some(after) = rest.strip_prefix(':') {
        second = two(after.get(..2)?)?;
        rest = &after[2..];
        if let Some(fraction) = rest.strip_prefix(['.', ',']) {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if !(1..=9).contains(&digits) {
                return None;
            }
            rest = &fraction[digits..];
        }
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let offset = match rest.as_bytes().first()? {
        b'Z' | b'z' if rest.len() == 1 => 0,
        sign @ (b'+' | b'-') => {
            let zone = &rest[1..];
            let (h, m) = match zone.len() {
                2 => (two(zone)?, 0),
                4 => (two(&zone[..2])?, two(&zone[2..])?),
                5 if zone.as_bytes()[2] == b':' => (two(&zone[..2])?, two(&zone[3..])?),
                _ => return None,
            };
            if h > 23 || m > 59 {
                return None;
            }
            let seconds = h * 3600 + m * 60;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let total = days_from_civil(date) * 86_400 + hour * 3600 + minute * 60 + second - offset;
    let (y, mo, d) = civil_from_days(total.div_euclid(86_400));
    let clock = total.rem_euclid(86_400);
    if !(1..=9999).contains(&y) {
        return None;
    }
    Some(format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}Z",
        clock / 3600,
        clock % 3600 / 60,
        clock % 60
    ))
}

/// `2024-01-01T10:00` or `2024-01-01T10:00:00.5`: a date-time that only lacks its zone.
pub fn looks_zoneless(s: &str) -> bool {
    ["Z", "+00:00"]
        .iter()
        .any(|zone| parse_datetime(&format!("{s}{zone}")).is_some())
}

/// A call's `params` as the mapping of parameter names to values it must be (None: no params).
pub fn params_object(params: &Value) -> Result<&Map<String, Value>> {
    static NONE: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);
    match params {
        Value::Null => Ok(&NONE),
        Value::Object(map) => Ok(map),
        other => Err(Error::InvalidParams {
            reason: format!(
                "params must be a mapping of parameter names to values (or None), got {}",
                json_kind(other)
            ),
        }),
    }
}

/// What kind of JSON value this is, for messages about the caller's input ("a string", "a
/// list", "a mapping": the Python names).
pub fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// A short, safe rendering of a bad value for an error message.
pub fn preview(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{:?}", truncate(s, 40)),
        Value::Number(n) => n.to_string(),
        other => json_kind(other).to_string(),
    }
}

pub fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let head: String = s.chars().take(max_chars).collect();
        format!("{head}…")
    }
}
