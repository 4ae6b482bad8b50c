//! The body fields a write accepts, as data, and their checks with Harvest's 422 wording:
//! every problem of a request in one comma-joined `message` ("Project can't be blank, Spent
//! date is not a valid date"). Fields a write does not list are ignored, as Rails does.

use serde_json::{Number, Value};

use super::calendar::{Date, Timestamp};
use super::reply::ApiError;
use super::store::Record;

#[derive(Clone, Copy, Debug)]
pub(crate) enum Ty {
    Text,
    Bool,
    Int,
    Decimal,
    Date,
    Datetime,
    /// `8:00am`, `8am`, `2:30 pm`, `14:30`: normalized to minutes after midnight.
    Time,
    Email,
    OneOf(&'static [&'static str]),
    /// An array of ids (numbers or digit strings, as forms send them).
    Ids,
    Texts,
    /// Checked by the write itself (line items, recipients, external references, files).
    Any,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Field {
    pub name: &'static str,
    pub ty: Ty,
    /// Required on create (an update never requires anything).
    pub required: bool,
}

pub(crate) const fn opt(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: false,
    }
}

pub(crate) const fn req(name: &'static str, ty: Ty) -> Field {
    Field {
        name,
        ty,
        required: true,
    }
}

/// `spent_date` → `Spent date`, `project_id` → `Project`, as Rails names attributes.
pub(crate) fn label(name: &str) -> String {
    let base = name.strip_suffix("_ids").map_or_else(
        || name.strip_suffix("_id").unwrap_or(name).to_owned(),
        |stem| format!("{stem}s"),
    );
    let spaced = base.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

fn as_decimal(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        _ => None,
    }
}

fn as_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Minutes after midnight of a Harvest time of day.
pub(crate) fn parse_time(text: &str) -> Option<i64> {
    let text = text.trim().to_ascii_lowercase().replace(' ', "");
    let (clock, meridiem) = if let Some(t) = text.strip_suffix("am") {
        (t, Some(false))
    } else if let Some(t) = text.strip_suffix("pm") {
        (t, Some(true))
    } else {
        (text.as_str(), None)
    };
    let (hours, minutes) = clock.split_once(':').unwrap_or((clock, "0"));
    let all_digits =
        |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(hours) || !all_digits(minutes) {
        return None;
    }
    let (mut hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
    if minutes > 59 {
        return None;
    }
    match meridiem {
        Some(pm) => {
            if !(1..=12).contains(&hours) {
                return None;
            }
            hours = hours % 12 + if pm { 12 } else { 0 };
        }
        None if hours > 23 => return None,
        None => {}
    }
    Some(hours * 60 + minutes)
}

/// Checks `body` against `fields`; returns the accepted fields, normalized (numbers as
/// numbers, booleans as booleans, times as minutes), or every problem in one 422.
pub(crate) fn check(body: &Record, fields: &[Field], creating: bool) -> Result<Record, ApiError> {
    let mut accepted = Record::new();
    let mut problems = Vec::new();
    for field in fields {
        let name = field.name;
        let value = body.get(name);
        let blank = value.is_none_or(is_blank);
        if blank && field.required && creating {
            problems.push(format!("{} can't be blank", label(name)));
            continue;
        }
        let Some(value) = value else { continue };
        if value.is_null() || (blank && !matches!(field.ty, Ty::Ids | Ty::Texts)) {
            accepted.insert(name.to_owned(), Value::Null);
            continue;
        }
        let normalized = match field.ty {
            Ty::Text => match value {
                Value::String(_) => Some(value.clone()),
                Value::Number(n) => Some(Value::String(n.to_string())),
                _ => None,
            },
            Ty::Bool => match value {
                Value::Bool(_) => Some(value.clone()),
                Value::String(s) => match s.trim() {
                    "true" | "1" => Some(Value::Bool(true)),
                    "false" | "0" => Some(Value::Bool(false)),
                    _ => None,
                },
                _ => None,
            },
            Ty::Int => as_int(value).map(Value::from),
            Ty::Decimal => as_decimal(value)
                .and_then(Number::from_f64)
                .map(Value::Number),
            Ty::Date => value
                .as_str()
                .and_then(Date::parse)
                .map(|d| Value::String(d.to_string())),
            Ty::Datetime => value
                .as_str()
                .and_then(Timestamp::parse_iso8601)
                .map(|t| Value::String(t.to_string())),
            Ty::Time => value.as_str().and_then(parse_time).map(Value::from),
            Ty::Email => value
                .as_str()
                .map(str::trim)
                .filter(|s| {
                    s.split_once('@')
                        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
                })
                .map(|s| Value::String(s.to_owned())),
            Ty::OneOf(options) => value
                .as_str()
                .filter(|s| options.contains(s))
                .map(|s| Value::String(s.to_owned())),
            Ty::Ids => value.as_array().and_then(|items| {
                items
                    .iter()
                    .map(|item| as_int(item).filter(|n| *n > 0).map(Value::from))
                    .collect::<Option<Vec<_>>>()
                    .map(Value::Array)
            }),
            Ty::Texts => value.as_array().and_then(|items| {
                items
                    .iter()
                    .map(|item| item.as_str().map(|s| Value::String(s.to_owned())))
                    .collect::<Option<Vec<_>>>()
                    .map(Value::Array)
            }),
            Ty::Any => Some(value.clone()),
        };
        match normalized {
            Some(v) => {
                accepted.insert(name.to_owned(), v);
            }
            None => problems.push(invalid(name, field.ty)),
        }
    }
    if problems.is_empty() {
        Ok(accepted)
    } else {
        Err(ApiError::unprocessable(problems.join(", ")))
    }
}

fn invalid(name: &str, ty: Ty) -> String {
    let what = label(name);
    match ty {
        Ty::Int | Ty::Decimal => format!("{what} is not a number"),
        Ty::Date => format!("{what} is not a valid date"),
        Ty::Datetime => format!("{what} is not a valid datetime"),
        Ty::Time => format!("{what} is not a valid time"),
        Ty::OneOf(_) => format!("{what} is not included in the list"),
        Ty::Bool => format!("{what} must be true or false"),
        _ => format!("{what} is invalid"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_times() {
        assert_eq!(label("spent_date"), "Spent date");
        assert_eq!(label("project_id"), "Project");
        assert_eq!(label("teammate_ids"), "Teammates");
        assert_eq!(parse_time("8:00am"), Some(480));
        assert_eq!(parse_time("12:15am"), Some(15));
        assert_eq!(parse_time("2:30 PM"), Some(870));
        assert_eq!(parse_time("14:05"), Some(845));
        assert_eq!(parse_time("9am"), Some(540));
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("13:00pm"), None);
    }

    #[test]
    fn every_problem_in_one_message() {
        let fields = [
            req("project_id", Ty::Int),
            req("spent_date", Ty::Date),
            opt("hours", Ty::Decimal),
        ];
        let body: Record =
            serde_json::from_str(r#"{"spent_date": "2024-02-30", "hours": "x"}"#).expect("json");
        let Err(ApiError::Unprocessable(message)) = check(&body, &fields, true) else {
            panic!("expected a 422");
        };
        assert_eq!(
            message,
            "Project can't be blank, Spent date is not a valid date, Hours is not a number"
        );
        let ok: Record = serde_json::from_str(r#"{"hours": "1.5"}"#).expect("json");
        assert_eq!(check(&ok, &fields, false).expect("ok")["hours"], 1.5);
    }
}
