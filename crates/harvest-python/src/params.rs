//! Python params -> `serde_json::Value`, refusing what JSON cannot carry faithfully.
//! `serde_json::Value` silently turns NaN and infinities into null, which would make
//! `{"per_page": nan}` look like "not given"; this visitor refuses them instead.
//! `datetime.date` and `datetime.datetime` values become ISO-8601 text first, so the core
//! validates them like the strings an LLM sends.

use std::fmt;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyMapping, PyString};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use harvest_core::error::Error;

/// The name of a Python value's type, for messages.
pub fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}

/// Text of a `str`, or a description of what was given instead.
pub fn text_or_description(value: &Bound<'_, PyAny>) -> Result<String, String> {
    match value.cast::<PyString>() {
        Ok(s) => Ok(s
            .to_cow()
            .map(|c| c.into_owned())
            .unwrap_or_else(|_| "<invalid text>".to_string())),
        Err(_) => Err(format!("<{}> (must be a string)", type_name(value))),
    }
}

/// A Python mapping (or None) as JSON: dates and date-times as ISO text, and whatever JSON
/// cannot carry refused. `what` names the argument in messages.
pub fn json_value(value: &Bound<'_, PyAny>, what: &str) -> Result<Value, Error> {
    if value.is_none() {
        return Ok(Value::Null);
    }
    if value.cast::<PyDict>().is_err() && value.cast::<PyMapping>().is_err() {
        return Err(Error::InvalidParams {
            reason: format!(
                "{what} must be a mapping of names to values (or None), got {}",
                type_name(value)
            ),
        });
    }
    let value = dates_as_text(value)?;
    pythonize::depythonize::<StrictValue>(&value)
        .map(|v| v.0)
        .map_err(|e| {
            let e = e.to_string();
            let reason = match e.find(TOO_LARGE) {
                Some(at) => format!("{what} hold {}", &e[at..]),
                // Beyond 128 bits, the int never reaches the visitor: Python's own overflow.
                None if e.contains("OverflowError") => {
                    format!("{what} hold {}", too_large("beyond 2**128"))
                }
                None => format!(
                    "{what} hold a value that cannot be sent ({e}); use str, int, float, bool, \
                     None, datetime.date, datetime.datetime, lists and dicts"
                ),
            };
            Error::InvalidParams { reason }
        })
}

/// `(entity, action, params)` of a call as owned Rust data; nothing Python survives past it.
pub fn call_inputs(
    entity: &Bound<'_, PyAny>,
    action: &Bound<'_, PyAny>,
    params: &Bound<'_, PyAny>,
) -> Result<(String, String, Value), Error> {
    let entity = text_or_description(entity).map_err(|described| Error::UnknownEntity {
        entity: described,
        valid: harvest_core::catalog::entity_names(),
    })?;
    let action = text_or_description(action).unwrap_or_else(|described| described);
    Ok((entity, action, json_value(params, "params")?))
}

/// `(datetime.date, datetime.datetime, datetime.timezone.utc)`.
static DATETIME: PyOnceLock<(Py<PyAny>, Py<PyAny>, Py<PyAny>)> = PyOnceLock::new();
/// `(decimal.Decimal, os.PathLike)`, imported at the first value that is neither a plain JSON
/// value nor a date.
static OTHER_TYPES: PyOnceLock<(Py<PyAny>, Py<PyAny>)> = PyOnceLock::new();

/// A top-level value JSON cannot carry as is, in the form the core reads: a `Decimal` as its
/// text, a path as a string, `bytes` (or `(filename, bytes)`) as an upload mapping. None when
/// the value needs no conversion.
fn converted_value<'py>(
    key: &str,
    value: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    use pyo3::types::{PyByteArray, PyBytes, PyTuple};
    let py = value.py();
    let upload = |filename: &str, bytes: &[u8]| -> PyResult<Bound<'py, PyAny>> {
        let dict = PyDict::new(py);
        dict.set_item("filename", filename)?;
        dict.set_item("content", harvest_core::pagination::base64url_encode(bytes))?;
        Ok(dict.into_any())
    };
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return upload(key, bytes.as_bytes()).map(Some);
    }
    if let Ok(bytes) = value.cast::<PyByteArray>() {
        return upload(key, &bytes.to_vec()).map(Some);
    }
    if let Ok(pair) = value.cast::<PyTuple>() {
        if pair.len() == 2 {
            let name = pair.get_item(0)?;
            let content = pair.get_item(1)?;
            if let (Ok(name), Ok(bytes)) = (name.extract::<String>(), content.cast::<PyBytes>()) {
                return upload(&name, bytes.as_bytes()).map(Some);
            }
        }
        return Ok(None);
    }
    if value.is_instance_of::<PyString>()
        || value.is_instance_of::<pyo3::types::PyInt>()
        || value.is_instance_of::<pyo3::types::PyFloat>()
        || value.is_instance_of::<PyDict>()
        || value.is_instance_of::<pyo3::types::PyList>()
        || value.is_none()
    {
        return Ok(None);
    }
    let types = OTHER_TYPES.get_or_try_init(py, || -> PyResult<_> {
        Ok((
            py.import("decimal")?.getattr("Decimal")?.unbind(),
            py.import("os")?.getattr("PathLike")?.unbind(),
        ))
    })?;
    if value.is_instance(types.0.bind(py))? {
        return Ok(Some(value.str()?.into_any()));
    }
    if value.is_instance(types.1.bind(py))? {
        return Ok(Some(py.import("os")?.call_method1("fspath", (value,))?));
    }
    Ok(None)
}

/// The params mapping with every top-level `date` as `YYYY-MM-DD` and every `datetime` as
/// ISO-8601 in UTC (a naive one is taken as UTC, an aware one converted). Returns the mapping
/// itself when it holds neither.
pub fn dates_as_text<'py>(params: &Bound<'py, PyAny>) -> Result<Bound<'py, PyAny>, Error> {
    let py = params.py();
    let failed = |what: &str, e: PyErr| Error::InvalidParams {
        reason: format!("{what}: {e}"),
    };
    let types = DATETIME
        .get_or_try_init(py, || -> PyResult<_> {
            let module = py.import("datetime")?;
            let utc = module.getattr("timezone")?.getattr("utc")?;
            Ok((
                module.getattr("date")?.unbind(),
                module.getattr("datetime")?.unbind(),
                utc.unbind(),
            ))
        })
        .map_err(|e| failed("datetime is unavailable", e))?;
    let (date, datetime, utc) = (types.0.bind(py), types.1.bind(py), types.2.bind(py));
    let dict = match params.cast::<PyDict>() {
        Ok(dict) => dict.clone(),
        Err(_) => {
            let copy = PyDict::new(py);
            let mapping = params
                .cast::<PyMapping>()
                .map_err(|e| failed("params", e.into()))?;
            copy.update(mapping).map_err(|e| failed("params", e))?;
            copy
        }
    };
    let mut converted: Option<Bound<'py, PyDict>> = None;
    for (key, value) in dict.iter() {
        let is_date = value.is_instance(date).unwrap_or(false);
        let name = key.str().map(|k| k.to_string()).unwrap_or_default();
        if is_oversized_int(&value) {
            let mut digits = value.str().map(|s| s.to_string()).unwrap_or_default();
            if digits.len() > 40 {
                digits = format!("{}... ({} digits)", &digits[..20], digits.len());
            }
            return Err(Error::InvalidParams {
                reason: format!("'{name}' holds {}", too_large(digits)),
            });
        }
        let text = if is_date {
            if value.is_instance(datetime).unwrap_or(false) {
                in_utc(&value, utc)
            } else {
                value.call_method0("isoformat")
            }
            .map_err(|e| failed(&format!("'{name}' cannot be converted"), e))?
        } else {
            match converted_value(&name, &value)
                .map_err(|e| failed(&format!("'{name}' cannot be converted"), e))?
            {
                Some(converted) => converted,
                None => continue,
            }
        };
        let out = match &converted {
            Some(out) => out.clone(),
            None => {
                let copy = dict.copy().map_err(|e| failed("params", e))?;
                converted = Some(copy.clone());
                copy
            }
        };
        out.set_item(key, text)
            .map_err(|e| failed(&format!("'{name}'"), e))?;
    }
    Ok(converted.map_or(dict.into_any(), Bound::into_any))
}

/// An `int` (not a `bool`) that fits neither i64 nor u64: no Harvest value is that large.
fn is_oversized_int(value: &Bound<'_, PyAny>) -> bool {
    value.is_exact_instance_of::<pyo3::types::PyInt>()
        && value.extract::<i64>().is_err()
        && value.extract::<u64>().is_err()
}

fn in_utc<'py>(value: &Bound<'py, PyAny>, utc: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let aware = if value.call_method0("utcoffset")?.is_none() {
        let kwargs = PyDict::new(value.py());
        kwargs.set_item("tzinfo", utc)?;
        value.call_method("replace", (), Some(&kwargs))?
    } else {
        value.call_method1("astimezone", (utc,))?
    };
    aware.call_method0("isoformat")
}

/// Start of the message for an integer too large to send (see [`json_value`]).
const TOO_LARGE: &str = "an integer too large to send";

fn too_large(v: impl fmt::Display) -> String {
    format!(
        "{TOO_LARGE} ({v}): an id or a count is a positive integer up to {}",
        i64::MAX
    )
}

pub struct StrictValue(pub Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON-compatible value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    // Python ints beyond 64 bits: JSON numbers here are 64-bit, and no Harvest value is larger.
    fn visit_i128<E: serde::de::Error>(self, v: i128) -> Result<Value, E> {
        Err(E::custom(too_large(v)))
    }

    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<Value, E> {
        Err(E::custom(too_large(v)))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom(format!("{v} is not a finite number")))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            // Name the key, so the error says which parameter holds the bad value.
            let StrictValue(value) = map
                .next_value()
                .map_err(|e: A::Error| serde::de::Error::custom(format!("'{key}': {e}")))?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// `select_fields` / `exclude_fields`: None, or a list (or tuple) of field names. A lone
/// string is refused rather than read as its characters.
pub fn field_list(
    value: Option<&Bound<'_, PyAny>>,
    option: &str,
) -> Result<Option<Vec<String>>, Error> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    let refuse = |got: String| Error::InvalidParams {
        reason: format!(
            "{option} must be a list of field names, dotted for nested fields \
             (e.g. [\"id\", \"project.name\"]), got {got}"
        ),
    };
    if value.cast::<PyString>().is_ok() {
        return Err(refuse(format!(
            "the string {:?}",
            text_or_description(value).unwrap_or_default()
        )));
    }
    let items = match value.cast::<pyo3::types::PyList>() {
        Ok(list) => list.iter().collect::<Vec<_>>(),
        Err(_) => match value.cast::<pyo3::types::PyTuple>() {
            Ok(tuple) => tuple.iter().collect(),
            Err(_) => return Err(refuse(type_name(value))),
        },
    };
    items
        .iter()
        .map(|item| text_or_description(item).map_err(refuse))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}
