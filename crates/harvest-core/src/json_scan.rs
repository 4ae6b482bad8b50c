//! serde pieces for reading JSON bodies as they lie in memory, without a value tree: shared
//! by the core's own response checks, the binding's page readers and the local store.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Visitor};

#[doc(hidden)]
pub use serde::de::{Error as DeError, Unexpected};

/// An object key, borrowed from the body when it holds no escape (serde's own `Cow<str>`
/// always copies).
pub struct Key<'de>(pub Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// The digits of the non-negative integer `id` an object's JSON text starts with
/// (`{"id":123,...`), or None when it starts otherwise. Harvest puts `id` first, so its
/// records' and nested objects' ids are read without splitting them; a caller falls back to
/// splitting for None. The first `id` member is the one that counts (as SQLite's JSON
/// functions read a repeated key), so a later one does not change this answer. `json` must
/// already be known to be valid JSON (e.g. a `RawValue`): this only looks at its start.
pub fn leading_id(json: &str) -> Option<&str> {
    let rest = json.strip_prefix("{\"id\":")?;
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    let digits = &rest[..end];
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// The `Visitor` arms of the scalar values (null, booleans, numbers, strings) for a visitor
/// that takes them as "something else than what it reads": each arm evaluates `$body` with
/// `$what` bound to the value's [`Unexpected`] (for a message that says what was found).
#[macro_export]
macro_rules! visit_other_scalars {
    (|$what:ident| $body:expr) => {
        fn visit_unit<E: $crate::json_scan::DeError>(self) -> Result<Self::Value, E> {
            #[allow(unused_variables)]
            let $what = $crate::json_scan::Unexpected::Other("null");
            $body
        }
        fn visit_bool<E: $crate::json_scan::DeError>(self, v: bool) -> Result<Self::Value, E> {
            #[allow(unused_variables)]
            let $what = $crate::json_scan::Unexpected::Bool(v);
            $body
        }
        fn visit_i64<E: $crate::json_scan::DeError>(self, v: i64) -> Result<Self::Value, E> {
            #[allow(unused_variables)]
            let $what = $crate::json_scan::Unexpected::Signed(v);
            $body
        }
        fn visit_u64<E: $crate::json_scan::DeError>(self, v: u64) -> Result<Self::Value, E> {
            #[allow(unused_variables)]
            let $what = $crate::json_scan::Unexpected::Unsigned(v);
            $body
        }
        fn visit_f64<E: $crate::json_scan::DeError>(self, v: f64) -> Result<Self::Value, E> {
            #[allow(unused_variables)]
            let $what = $crate::json_scan::Unexpected::Float(v);
            $body
        }
        fn visit_str<E: $crate::json_scan::DeError>(self, v: &str) -> Result<Self::Value, E> {
            #[allow(unused_variables)]
            let $what = $crate::json_scan::Unexpected::Str(v);
            $body
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::{IgnoredAny, MapAccess};

    /// What a value is, as the arms name it (objects by their first key, borrowed or not).
    struct Shape(String);

    impl<'de> Deserialize<'de> for Shape {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct ShapeVisitor;
            impl<'de> Visitor<'de> for ShapeVisitor {
                type Value = Shape;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("anything")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
                    let key = match map.next_key::<Key>()? {
                        Some(Key(Cow::Borrowed(k))) => format!("borrowed {k}"),
                        Some(Key(Cow::Owned(k))) => format!("owned {k}"),
                        None => String::new(),
                    };
                    map.next_value::<IgnoredAny>()?;
                    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                    Ok(Shape(key))
                }
                crate::visit_other_scalars!(|what| Ok(Shape(what.to_string())));
            }
            d.deserialize_any(ShapeVisitor)
        }
    }

    #[test]
    fn a_leading_id_is_read_from_the_start_only() {
        assert_eq!(
            leading_id(r#"{"id":2380504951,"x":{"id":1}}"#),
            Some("2380504951")
        );
        assert_eq!(leading_id(r#"{"id":7}"#), Some("7"));
        for other in [
            r#"{"name":"x","id":1}"#,
            r#"{ "id":1}"#,
            r#"{"id":-3}"#,
            r#"{"id":"7"}"#,
            r#"{"id":1.5}"#,
            r#"{"id":null}"#,
            r#"[1]"#,
        ] {
            assert_eq!(leading_id(other), None, "{other}");
        }
    }

    #[test]
    fn keys_borrow_and_scalars_say_what_they_are() {
        let shapes: Vec<String> =
            serde_json::from_str::<Vec<Shape>>(r#"[{"a":1},{"b\n":2},null,true,-3,4,1.5,"x"]"#)
                .unwrap()
                .into_iter()
                .map(|s| s.0)
                .collect();
        assert_eq!(
            shapes,
            [
                "borrowed a",
                "owned b\n",
                "null",
                "boolean `true`",
                "integer `-3`",
                "integer `4`",
                "floating point `1.5`",
                "string \"x\""
            ]
        );
    }
}
