//! JSON as the store reads it, borrowed from the response body: one value, an object's
//! members in order, and a list page's records, split from the body in one pass (each
//! record's members found as the page is read, not by reading every record again).

use std::borrow::Cow;
use std::fmt;

use serde::de::{
    DeserializeSeed, Deserializer, Error as _, IgnoredAny, MapAccess, SeqAccess, Unexpected,
    Visitor,
};
use serde::Deserialize;
use serde_json::value::RawValue;

use harvest_core::json_scan::Key;

use super::schema::JsonType;

/// One JSON value as received, borrowed from the body where it can be.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
    /// Its JSON text, as received.
    Array(&'a str),
    Object(&'a str),
    /// A number SQLite cannot hold as it is (an integer past 64 bits, an overflowing float):
    /// kept as its JSON text.
    Number(&'a str),
}

impl<'a> Json<'a> {
    pub fn parse(raw: &'a RawValue) -> Result<Json<'a>, String> {
        let text = raw.get();
        Ok(match text.as_bytes().first() {
            Some(b'n') => Json::Null,
            Some(b't') => Json::Bool(true),
            Some(b'f') => Json::Bool(false),
            Some(b'"') if !text.contains('\\') => {
                Json::Text(Cow::Borrowed(&text[1..text.len() - 1]))
            }
            Some(b'"') => Json::Text(Cow::Owned(
                serde_json::from_str::<String>(text).map_err(|e| e.to_string())?,
            )),
            Some(b'[') => Json::Array(text),
            Some(b'{') => Json::Object(text),
            _ if text.contains(['.', 'e', 'E']) => match text.parse::<f64>() {
                Ok(f) if f.is_finite() => Json::Real(f),
                _ => Json::Number(text),
            },
            _ => text.parse::<i64>().map_or(Json::Number(text), Json::Int),
        })
    }

    pub fn ty(&self) -> JsonType {
        match self {
            Json::Null => JsonType::Null,
            Json::Bool(_) => JsonType::Bool,
            Json::Int(_) => JsonType::Integer,
            Json::Real(_) | Json::Number(_) => JsonType::Real,
            Json::Text(_) => JsonType::Text,
            Json::Array(_) => JsonType::Array,
            Json::Object(_) => JsonType::Object,
        }
    }
}

/// An object's members in order, keys borrowed where they need no unescaping.
#[derive(Debug, Default)]
pub struct Members<'a>(pub Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'a> Members<'a> {
    /// The members of the object `json` (an object's text, already checked as JSON).
    pub fn of(json: &'a str) -> Result<Members<'a>, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    /// The first member named `key`, as SQLite's JSON functions read a repeated one.
    pub fn get(&self, key: &str) -> Option<&'a RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, raw)| *raw)
    }
}

fn members<'de, A: MapAccess<'de>>(mut map: A) -> Result<Members<'de>, A::Error> {
    let mut members = Vec::with_capacity(map.size_hint().unwrap_or(32));
    while let Some((Key(key), value)) = map.next_entry::<Key, &RawValue>()? {
        members.push((key, value));
    }
    Ok(Members(members))
}

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Members<'de>, A::Error> {
                members(map)
            }
        }
        d.deserialize_map(MembersVisitor)
    }
}

/// One element of a page's list: a record's members, or why it is not a record (kept, not
/// raised at once, so the error can say which element it was).
pub type Record<'a> = Result<Members<'a>, String>;

/// One list body: its records (under `record_key`) and Harvest's `total_entries` (how many
/// the listing holds), when it says.
pub struct Page<'a> {
    pub records: Vec<Record<'a>>,
    pub total_entries: Option<u64>,
}

/// Split a list body into its records, in one pass.
pub fn page_records<'a>(body: &'a [u8], record_key: &str) -> Result<Page<'a>, String> {
    let text = std::str::from_utf8(body).map_err(|e| e.to_string())?;
    let mut reader = serde_json::Deserializer::from_str(text);
    let page = PageSeed { record_key }
        .deserialize(&mut reader)
        .map_err(|e| e.to_string())?;
    reader.end().map_err(|e| e.to_string())?;
    Ok(page)
}

struct PageSeed<'k> {
    record_key: &'k str,
}

impl<'de> DeserializeSeed<'de> for PageSeed<'_> {
    type Value = Page<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Page<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PageSeed<'_> {
    type Value = Page<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<'de>, A::Error> {
        let mut page = Page {
            records: Vec::new(),
            total_entries: None,
        };
        let (mut records_seen, mut total_seen) = (false, false);
        while let Some(Key(key)) = map.next_key::<Key>()? {
            if key == self.record_key && !records_seen {
                records_seen = true;
                page.records = map.next_value_seed(RecordsSeed)?.ok_or_else(|| {
                    A::Error::custom(format!("{} is not a list", self.record_key))
                })?;
            } else if key == "total_entries" && !total_seen {
                total_seen = true;
                let raw: &RawValue = map.next_value()?;
                page.total_entries = raw.get().parse::<u64>().ok();
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(page)
    }
}

/// A page's list of records: None for a value that is not a list (`null` is an empty one).
struct RecordsSeed;

impl<'de> DeserializeSeed<'de> for RecordsSeed {
    type Value = Option<Vec<Record<'de>>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed {
    type Value = Option<Vec<Record<'de>>>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut records = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(RecordItem(record)) = seq.next_element()? {
            records.push(record);
        }
        Ok(Some(records))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }
    // `null` is an empty list; any other scalar is not a list.
    harvest_core::visit_other_scalars!(|what| Ok(
        (what == Unexpected::Other("null")).then(Vec::new)
    ));
}

/// One element of the list: an object's members, or what else it was.
struct RecordItem<'de>(Record<'de>);

fn not_a_record<'de>(what: Unexpected<'_>) -> RecordItem<'de> {
    RecordItem(Err(format!("invalid type: {what}, expected an object")))
}

impl<'de> Deserialize<'de> for RecordItem<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = RecordItem<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Ok(RecordItem(Ok(members(map)?)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(not_a_record(Unexpected::Seq))
            }
            harvest_core::visit_other_scalars!(|what| Ok(not_a_record(what)));
        }
        d.deserialize_any(ItemVisitor)
    }
}

/// The integer `id` of the object `json` (as `json_extract(json, '$.id')` reads it). Harvest
/// puts `id` first: that is read without splitting the object (an assignment's ~160 bytes
/// are read only for it); anything else is split.
pub fn object_id(json: &str) -> Option<i64> {
    if let Some(digits) = harvest_core::json_scan::leading_id(json) {
        return digits.parse().ok();
    }
    let raw = Members::of(json).ok()?.get("id")?;
    match Json::parse(raw).ok()? {
        Json::Int(id) => Some(id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_their_json_type() {
        let raw = |t: &'static str| -> &'static RawValue { serde_json::from_str(t).unwrap() };
        assert_eq!(Json::parse(raw("2.0")).unwrap(), Json::Real(2.0));
        assert_eq!(Json::parse(raw("2")).unwrap(), Json::Int(2));
        assert_eq!(Json::parse(raw("1e2")).unwrap(), Json::Real(100.0));
        let big = "123456789012345678901234";
        assert_eq!(Json::parse(raw(big)).unwrap(), Json::Number(big));
        assert_eq!(
            Json::parse(raw(r#""a\"b""#)).unwrap(),
            Json::Text(Cow::Owned("a\"b".into()))
        );
        assert!(matches!(
            Json::parse(raw(r#""ab""#)).unwrap(),
            Json::Text(Cow::Borrowed("ab"))
        ));
    }

    #[test]
    fn a_page_splits_into_records_in_one_pass() {
        let body = br#"{"users":[{"id":1,"a":{"b":[1]}},7,[1,{}],null,"x",{"id":2}],
            "total_entries":6,"users":[],"next":{"users":5}}"#;
        let page = page_records(body, "users").unwrap();
        assert_eq!(page.total_entries, Some(6));
        let got: Vec<Result<Vec<String>, String>> = page
            .records
            .iter()
            .map(|r| {
                r.as_ref()
                    .map(|m| {
                        m.0.iter()
                            .map(|(k, v)| format!("{k}={}", v.get()))
                            .collect()
                    })
                    .map_err(Clone::clone)
            })
            .collect();
        let not = |what: &str| Err(format!("invalid type: {what}, expected an object"));
        assert_eq!(
            got,
            vec![
                Ok(vec!["id=1".to_string(), r#"a={"b":[1]}"#.to_string()]),
                not("integer `7`"),
                not("sequence"),
                not("null"),
                not("string \"x\""),
                Ok(vec!["id=2".to_string()]),
            ]
        );
        let empty = page_records(br#"{"users":null}"#, "users").unwrap();
        assert!(empty.records.is_empty() && empty.total_entries.is_none());
        for bad in [&br#"{"users":{"id":1}}"#[..], br#"{"users":3}"#] {
            let err = page_records(bad, "users").err().unwrap();
            assert!(err.starts_with("users is not a list"), "{err}");
        }
        assert!(page_records(br#"{"users":[]} x"#, "users").is_err());
        assert!(page_records(br#"[1]"#, "users").is_err());
    }

    #[test]
    fn an_object_id_is_read_as_sqlite_would() {
        assert_eq!(object_id(r#"{"id":42,"name":"A"}"#), Some(42));
        assert_eq!(object_id(r#"{"id":42}"#), Some(42));
        assert_eq!(object_id(r#"{"name":"A","id":7}"#), Some(7));
        assert_eq!(object_id(r#"{"id":-3,"x":1}"#), Some(-3));
        assert_eq!(object_id(r#"{"id":1.5}"#), None);
        assert_eq!(object_id(r#"{"id":"9"}"#), None);
        assert_eq!(object_id(r#"{"id":99999999999999999999}"#), None);
        assert_eq!(object_id(r#"{"id":1,"id":2}"#), Some(1));
        assert_eq!(object_id(r#"{ "id" : 5 }"#), Some(5));
    }
}
