//! Request bodies of writes, as Harvest (Rails) accepts them: JSON, form-encoded
//! (`a=1&ids[]=2&item[name]=x`) or `multipart/form-data` (expense receipts). All become one
//! JSON object; a file part becomes `{"file_name", "content_type", "file_size"}`.

use serde_json::{Map, Value};

use super::reply::ApiError;
use super::store::Record;

pub(crate) fn parse(content_type: Option<&str>, body: &[u8]) -> Result<Record, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Record::new());
    }
    let mime = content_type
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match mime.as_str() {
        "application/x-www-form-urlencoded" => Ok(form(body)),
        "multipart/form-data" => multipart(content_type.unwrap_or(""), body),
        // JSON is what Harvest documents; a missing type is tried as JSON too.
        _ => match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(ApiError::BadRequest(
                "The request body must be a JSON object.".to_owned(),
            )),
            Err(err) => Err(ApiError::BadRequest(format!(
                "The request body is not valid JSON: {err}"
            ))),
        },
    }
}

/// Puts `value` at a Rails parameter name: `name`, `name[]` (appends), `name[key]`.
fn put(target: &mut Record, name: &str, value: Value) {
    match name.split_once('[') {
        None => {
            target.insert(name.to_owned(), value);
        }
        Some((base, rest)) => {
            let inner = rest.strip_suffix(']').unwrap_or(rest);
            if inner.is_empty() {
                let slot = target
                    .entry(base.to_owned())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(items) = slot {
                    items.push(value);
                }
            } else {
                let slot = target
                    .entry(base.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(map) = slot {
                    let inner = inner.replacen("][", "[", 1);
                    put(map, &inner, value);
                }
            }
        }
    }
}

fn form(body: &[u8]) -> Record {
    let mut record = Record::new();
    for (name, value) in url::form_urlencoded::parse(body) {
        put(&mut record, &name, Value::String(value.into_owned()));
    }
    record
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len().max(1))
        .position(|window| window == needle)
}

/// The value of `key="..."` (or `key=token`) in a header's parameters.
fn header_param(header: &str, key: &str) -> Option<String> {
    header.split(';').skip(1).find_map(|param| {
        let (name, value) = param.trim().split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case(key)
            .then(|| value.trim().trim_matches('"').to_owned())
    })
}

fn multipart(content_type: &str, body: &[u8]) -> Result<Record, ApiError> {
    let malformed = || ApiError::BadRequest("Malformed multipart/form-data body.".to_owned());
    let boundary = header_param(content_type, "boundary").ok_or_else(malformed)?;
    let delimiter = format!("--{boundary}");
    let mut record = Record::new();
    let mut rest = &body[find(body, delimiter.as_bytes()).ok_or_else(malformed)?..];
    loop {
        rest = &rest[delimiter.len()..];
        if rest.starts_with(b"--") {
            return Ok(record);
        }
        let rest_of_part = rest.strip_prefix(b"\r\n").ok_or_else(malformed)?;
        let headers_end = find(rest_of_part, b"\r\n\r\n").ok_or_else(malformed)?;
        let headers = String::from_utf8_lossy(&rest_of_part[..headers_end]).into_owned();
        let content = &rest_of_part[headers_end + 4..];
        let next = find(content, format!("\r\n{delimiter}").as_bytes()).ok_or_else(malformed)?;
        let value = &content[..next];
        let mut name = None;
        let mut file_name = None;
        let mut part_type = "application/octet-stream".to_owned();
        for line in headers.split("\r\n") {
            let Some((header, text)) = line.split_once(':') else {
                continue;
            };
            if header.trim().eq_ignore_ascii_case("content-disposition") {
                name = header_param(text, "name");
                file_name = header_param(text, "filename");
            } else if header.trim().eq_ignore_ascii_case("content-type") {
                part_type = text.trim().to_owned();
            }
        }
        let name = name.ok_or_else(malformed)?;
        let value = match file_name {
            Some(file_name) => serde_json::json!({
                "file_name": file_name,
                "content_type": part_type,
                "file_size": value.len(),
            }),
            None => Value::String(String::from_utf8_lossy(value).into_owned()),
        };
        put(&mut record, &name, value);
        rest = &content[next + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_names_nest_like_rails() {
        let record = form(b"name=A&ids[]=1&ids[]=2&item[kind]=Service");
        assert_eq!(record["name"], "A");
        assert_eq!(record["ids"], serde_json::json!(["1", "2"]));
        assert_eq!(record["item"]["kind"], "Service");
    }

    #[test]
    fn multipart_fields_and_files() {
        let body = b"--XX\r\nContent-Disposition: form-data; name=\"notes\"\r\n\r\nTaxi\r\n--XX\r\nContent-Disposition: form-data; name=\"receipt\"; filename=\"r.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1\r\n--XX--\r\n";
        let record = multipart("multipart/form-data; boundary=XX", body).expect("parses");
        assert_eq!(record["notes"], "Taxi");
        assert_eq!(record["receipt"]["file_name"], "r.pdf");
        assert_eq!(record["receipt"]["file_size"], 6);
        assert!(multipart("multipart/form-data; boundary=XX", b"junk").is_err());
    }
}
