//! The bodies of writes: nested values (lists, mappings, line items), the rules across fields
//! of one action, files to upload and the `multipart/form-data` they travel in. Scalars are
//! checked by [`crate::values`]; [`crate::request`] calls this for every body member.

use bytes::Bytes;
use serde_json::{Map, Value};

use crate::catalog::{Action, Entity, Location, Param, ParamType, Rule};
use crate::error::{Error, Result};
use crate::pagination::base64url_decode;
use crate::values::{json_kind, normalise_scalar, preview};

/// The most entries a list in a body may hold (line items, ids): far above any real invoice,
/// low enough that a runaway agent cannot build a megabyte body by mistake.
pub const MAX_ITEMS: usize = 1000;
/// The largest file an upload reads (Harvest documents no limit; receipts are scans).
pub const MAX_UPLOAD_BYTES: u64 = 25 * 1024 * 1024;

/// A file attached to a write, sent as one part of a `multipart/form-data` body.
#[derive(Debug, Clone)]
pub struct Upload {
    pub field: &'static str,
    pub filename: String,
    pub content_type: &'static str,
    pub bytes: Bytes,
}

impl Upload {
    /// What a preview shows in the file's place.
    pub fn summary(&self) -> Value {
        serde_json::json!({
            "filename": self.filename,
            "content_type": self.content_type,
            "size": self.bytes.len(),
        })
    }
}

/// Why a value is refused: the reason (with the path of a nested part) and what is expected.
pub struct Refusal {
    pub reason: String,
    pub expected: String,
}

fn refuse(at: &str, reason: String, expected: String) -> Refusal {
    Refusal {
        reason: if at.is_empty() {
            reason
        } else {
            format!("{at}: {reason}")
        },
        expected,
    }
}

/// Check a body value of any type but `File`. `at` names a nested value in messages (empty at
/// the top, where the parameter is named already); `path` is where children are found
/// (`line_items[0].unit_price`).
pub fn normalise(
    ty: ParamType,
    at: &str,
    path: &str,
    value: &Value,
) -> std::result::Result<Value, Refusal> {
    let not = |what: &str| {
        refuse(
            at,
            format!("got {} where {what} belongs", json_kind(value)),
            ty.describe(),
        )
    };
    match ty {
        ParamType::List(item) => {
            let Value::Array(values) = value else {
                return Err(not("a list"));
            };
            too_many(at, values.len(), ty)?;
            values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let child = format!("{path}[{i}]");
                    normalise(*item, &child, &child, v)
                })
                .collect::<std::result::Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        ParamType::Object(fields) => {
            let Value::Object(map) = value else {
                return Err(not("a mapping"));
            };
            mapping(fields, at, path, map, true).map(Value::Object)
        }
        ParamType::Items(shape) => {
            let Value::Array(items) = value else {
                return Err(not("a list of mappings"));
            };
            too_many(at, items.len(), ty)?;
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let child = format!("{path}[{i}]");
                let Value::Object(map) = item else {
                    return Err(refuse(
                        &child,
                        format!("got {}", json_kind(item)),
                        ty.describe(),
                    ));
                };
                let has = |key: &str| map.get(key).is_some_and(|v| !v.is_null());
                let existing = shape.updates_by_id && has("id");
                let destroy = map.get("_destroy") == Some(&Value::Bool(true));
                if destroy && !existing {
                    return Err(refuse(
                        &child,
                        "_destroy: true needs the id of the line item to remove".to_string(),
                        "{id: <line item id>, _destroy: true}".to_string(),
                    ));
                }
                if existing && !destroy && map.iter().all(|(k, v)| k == "id" || v.is_null()) {
                    return Err(refuse(
                        &child,
                        "an id alone changes nothing".to_string(),
                        "the fields to change with the id, or _destroy: true to remove the item"
                            .to_string(),
                    ));
                }
                out.push(Value::Object(mapping(
                    shape.fields,
                    &child,
                    &child,
                    map,
                    !existing,
                )?));
            }
            Ok(Value::Array(out))
        }
        _ => normalise_scalar(ty, value).map_err(|reason| refuse(at, reason, ty.describe())),
    }
}

fn too_many(at: &str, len: usize, ty: ParamType) -> std::result::Result<(), Refusal> {
    if len > MAX_ITEMS {
        return Err(refuse(
            at,
            format!("{len} entries, more than {MAX_ITEMS}"),
            ty.describe(),
        ));
    }
    Ok(())
}

/// A nested mapping: known fields only, each checked, required ones present (unless the item
/// names an existing record, which keeps what is not given).
fn mapping(
    fields: &'static [Param],
    at: &str,
    path: &str,
    map: &Map<String, Value>,
    enforce_required: bool,
) -> std::result::Result<Map<String, Value>, Refusal> {
    let names = || {
        fields
            .iter()
            .map(|f| format!("{}{}", f.name, if f.required { "*" } else { "" }))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = Map::new();
    for (key, value) in map {
        let Some(field) = fields.iter().find(|f| f.name == key) else {
            return Err(refuse(
                if at.is_empty() { path } else { at },
                format!("unknown field {}", preview(&Value::String(key.clone()))),
                format!("only the fields {} (* = required)", names()),
            ));
        };
        if value.is_null() {
            continue;
        }
        let child = format!("{path}.{key}");
        out.insert(key.clone(), normalise(field.ty, &child, &child, value)?);
    }
    if enforce_required {
        if let Some(missing) = fields
            .iter()
            .find(|f| f.required && !out.contains_key(f.name))
        {
            return Err(refuse(
                if at.is_empty() { path } else { at },
                format!("{} is missing", missing.name),
                format!("the fields {} (* = required)", names()),
            ));
        }
    }
    Ok(out)
}

/// A file to upload: a path, or `{"filename": ..., "content": <base64url>}` (how the binding
/// passes Python bytes).
pub fn upload(field: &'static str, value: &Value) -> std::result::Result<Upload, Refusal> {
    let expected = || ParamType::File.describe();
    let (filename, bytes) = match value {
        Value::String(path) => {
            let path = std::path::Path::new(path);
            let meta = std::fs::metadata(path).map_err(|e| {
                refuse(
                    "",
                    format!("cannot read {}: {e}", preview(value)),
                    expected(),
                )
            })?;
            if !meta.is_file() {
                return Err(refuse(
                    "",
                    format!("{} is not a file", preview(value)),
                    expected(),
                ));
            }
            if meta.len() > MAX_UPLOAD_BYTES {
                return Err(refuse(
                    "",
                    format!(
                        "the file has {} bytes, more than {MAX_UPLOAD_BYTES}",
                        meta.len()
                    ),
                    expected(),
                ));
            }
            let bytes = std::fs::read(path).map_err(|e| {
                refuse(
                    "",
                    format!("cannot read {}: {e}", preview(value)),
                    expected(),
                )
            })?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| field.to_string());
            (name, bytes)
        }
        Value::Object(map) => {
            let filename = map.get("filename").and_then(Value::as_str);
            let content = map
                .get("content")
                .and_then(Value::as_str)
                .and_then(base64url_decode);
            match (filename, content) {
                (Some(name), Some(bytes)) if !name.is_empty() => (name.to_string(), bytes),
                _ => return Err(refuse("", "got a mapping".to_string(), expected())),
            }
        }
        other => return Err(refuse("", format!("got {}", json_kind(other)), expected())),
    };
    if bytes.len() as u64 > MAX_UPLOAD_BYTES {
        return Err(refuse(
            "",
            format!("{} bytes, more than {MAX_UPLOAD_BYTES}", bytes.len()),
            expected(),
        ));
    }
    Ok(Upload {
        field,
        content_type: content_type(&filename),
        filename,
        bytes: Bytes::from(bytes),
    })
}

fn content_type(filename: &str) -> &'static str {
    let extension = filename
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "tif" | "tiff" => "image/tiff",
        _ => "application/octet-stream",
    }
}

/// `multipart/form-data` of a write with a file: each body member as a text part, then the
/// file. Returns the body and its content type (with the boundary).
pub fn multipart(body: &Map<String, Value>, upload: &Upload) -> (Vec<u8>, String) {
    // A boundary that cannot occur in the parts: long, and checked against the file.
    let mut boundary = String::from("harvest-agent-connector-boundary");
    let mut salt = 0u32;
    while upload
        .bytes
        .windows(boundary.len())
        .any(|w| w == boundary.as_bytes())
    {
        salt += 1;
        boundary = format!("harvest-agent-connector-boundary-{salt}");
    }
    let safe = |text: &str| text.replace(['"', '\r', '\n'], "_");
    let mut out = Vec::with_capacity(upload.bytes.len() + 512);
    for (name, value) in body {
        if name == upload.field {
            continue;
        }
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        out.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"\r\n\r\n{text}\r\n",
                safe(name)
            )
            .as_bytes(),
        );
    }
    out.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
            safe(upload.field),
            safe(&upload.filename),
            upload.content_type
        )
        .as_bytes(),
    );
    out.extend_from_slice(&upload.bytes);
    out.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (out, format!("multipart/form-data; boundary={boundary}"))
}

/// Given with something to say: not null, not `false`, not an empty list.
fn meaningful(body: &Map<String, Value>, name: &str) -> bool {
    match body.get(name) {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Array(items)) => !items.is_empty(),
        Some(_) => true,
    }
}

/// The action's rules across fields, and the rule every update shares: something to change.
pub fn check_rules(
    entity: &'static Entity,
    action: &'static Action,
    body: &Map<String, Value>,
) -> Result<()> {
    let body_params = || {
        action
            .params
            .iter()
            .filter(|p| p.location == Location::Body)
            .map(|p| p.name)
            .collect::<Vec<_>>()
    };
    if action.method == crate::catalog::Method::Patch && action.takes_body() && body.is_empty() {
        return Err(Error::NeedsOneOf {
            entity: entity.name,
            action: action.name,
            accepted: body_params(),
            why: "an update with nothing to change is refused",
        });
    }
    for rule in action.rules {
        match *rule {
            Rule::Exclusive(groups) => exclusive(entity, action, groups, body)?,
            Rule::TimeForm {
                duration,
                timestamps,
            } => exclusive(entity, action, &[&[duration], timestamps], body)?,
            Rule::AnyOf(names) => {
                if !names.iter().any(|n| meaningful(body, n)) {
                    return Err(Error::NeedsOneOf {
                        entity: entity.name,
                        action: action.name,
                        accepted: names.to_vec(),
                        why: "Harvest refuses the request without one (false or an empty list \
                              does not count)",
                    });
                }
            }
        }
    }
    Ok(())
}

fn exclusive(
    entity: &'static Entity,
    action: &'static Action,
    groups: &[&[&'static str]],
    body: &Map<String, Value>,
) -> Result<()> {
    let given: Vec<(usize, &'static str)> = groups
        .iter()
        .enumerate()
        .flat_map(|(i, group)| group.iter().map(move |name| (i, *name)))
        .filter(|(_, name)| body.contains_key(*name))
        .collect();
    let Some(&(first_group, first)) = given.first() else {
        return Ok(());
    };
    if let Some(&(_, other)) = given.iter().find(|(g, _)| *g != first_group) {
        let param = action.param(other).map(|p| p.name).unwrap_or("params");
        return Err(Error::InvalidParameter {
            entity: entity.name,
            action: action.name,
            param,
            reason: format!("cannot be combined with {first}"),
            expected: format!(
                "either {}, not both",
                groups
                    .iter()
                    .map(|g| g.join("/"))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        });
    }
    Ok(())
}

/// The account-wide rule of logging time: the form the account does not use is refused
/// (Harvest would silently ignore it, or answer with a 422 the agent cannot act on).
pub fn check_time_form(
    entity: &'static Entity,
    action: &'static Action,
    body: Option<&Value>,
    wants_timestamp_timers: bool,
) -> Result<()> {
    let Some(Rule::TimeForm {
        duration,
        timestamps,
    }) = action
        .rules
        .iter()
        .find(|r| matches!(r, Rule::TimeForm { .. }))
        .copied()
    else {
        return Ok(());
    };
    let has = |name: &str| body.is_some_and(|b| b.get(name).is_some());
    let (param, reason, expected) = if wants_timestamp_timers {
        if !has(duration) {
            return Ok(());
        }
        (
            duration,
            "this Harvest account tracks time with start and end times \
             (company.wants_timestamp_timers is true), not durations"
                .to_string(),
            format!(
                "{} (e.g. 9:00am and 10:30am) instead of {duration}; leave {} out to start a timer",
                timestamps.join(" and "),
                timestamps.last().unwrap_or(&"ended_time")
            ),
        )
    } else {
        let Some(given) = timestamps.iter().find(|t| has(t)) else {
            return Ok(());
        };
        (
            *given,
            "this Harvest account tracks time as durations \
             (company.wants_timestamp_timers is false), not start and end times"
                .to_string(),
            format!("{duration} (e.g. 1.5) instead; leave {duration} out to start a timer"),
        )
    };
    let param = action.param(param).map_or("params", |p| p.name);
    Err(Error::InvalidParameter {
        entity: entity.name,
        action: action.name,
        param,
        reason,
        expected,
    })
}
