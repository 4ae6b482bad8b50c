//! JSON bytes -> Python objects in one pass: the serde_json parser drives a visitor that builds
//! dicts, lists and scalars directly, without an intermediate `serde_json::Value`. Object keys
//! repeat on every record of a page, so each distinct key becomes one Python string, shared.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// FNV-1a: keys are short, and SipHash's DoS resistance is not needed for a bounded cache.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// Distinct keys kept at most; past it keys are still built, just not shared (hostile input
/// with millions of unique keys cannot grow memory without bound).
const KEY_CACHE_LIMIT: usize = 4096;

pub struct KeyCache<'py> {
    keys: HashMap<Box<str>, Bound<'py, PyString>, BuildHasherDefault<Fnv>>,
}

impl<'py> KeyCache<'py> {
    pub fn new() -> Self {
        KeyCache {
            keys: HashMap::default(),
        }
    }

    fn get(&mut self, py: Python<'py>, key: &str) -> Bound<'py, PyString> {
        if let Some(found) = self.keys.get(key) {
            return found.clone();
        }
        let made = PyString::new(py, key);
        if self.keys.len() < KEY_CACHE_LIMIT {
            self.keys.insert(key.into(), made.clone());
        }
        made
    }
}

/// Builds any JSON value.
struct ValueSeed<'a, 'py> {
    py: Python<'py>,
    keys: &'a mut KeyCache<'py>,
}

impl<'de, 'py> DeserializeSeed<'de> for ValueSeed<'_, 'py> {
    type Value = Bound<'py, PyAny>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn py_error<E: serde::de::Error>(err: PyErr) -> E {
    E::custom(format!("could not build a Python value: {err}"))
}

impl<'de, 'py> Visitor<'de> for ValueSeed<'_, 'py> {
    type Value = Bound<'py, PyAny>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(pyo3::types::PyBool::new(self.py, v).to_owned().into_any())
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        v.into_pyobject(self.py)
            .map(Bound::into_any)
            .map_err(|e| match e {})
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        v.into_pyobject(self.py)
            .map(Bound::into_any)
            .map_err(|e| match e {})
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(PyFloat::new(self.py, v).into_any())
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(PyString::new(self.py, v).into_any())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.py.None().into_bound(self.py))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(ValueSeed {
            py: self.py,
            keys: &mut *self.keys,
        })? {
            items.push(item);
        }
        PyList::new(self.py, items)
            .map(Bound::into_any)
            .map_err(py_error)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let dict = PyDict::new(self.py);
        while let Some(key) = map.next_key_seed(KeySeed {
            py: self.py,
            keys: &mut *self.keys,
        })? {
            let value = map.next_value_seed(ValueSeed {
                py: self.py,
                keys: &mut *self.keys,
            })?;
            dict.set_item(key, value).map_err(py_error)?;
        }
        Ok(dict.into_any())
    }
}

/// Builds an object key through the cache.
struct KeySeed<'a, 'py> {
    py: Python<'py>,
    keys: &'a mut KeyCache<'py>,
}

impl<'de, 'py> DeserializeSeed<'de> for KeySeed<'_, 'py> {
    type Value = Bound<'py, PyString>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, 'py> Visitor<'de> for KeySeed<'_, 'py> {
    type Value = Bound<'py, PyString>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self.keys.get(self.py, v))
    }
}

/// Parse a whole JSON document into Python objects.
pub fn parse_value<'py>(py: Python<'py>, body: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let mut keys = KeyCache::new();
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = ValueSeed {
        py,
        keys: &mut keys,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v))
    .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("invalid JSON: {e}")))?;
    Ok(value)
}

/// Parse only the array under `record_key` of a list envelope into a Python list, skipping
/// every other member without building it. A missing key gives an empty list.
pub fn parse_records<'py>(
    py: Python<'py>,
    body: &[u8],
    record_key: &str,
) -> PyResult<Bound<'py, PyAny>> {
    struct Envelope<'a, 'k, 'py> {
        py: Python<'py>,
        keys: &'a mut KeyCache<'py>,
        record_key: &'k str,
    }
    impl<'de, 'py> Visitor<'de> for Envelope<'_, '_, 'py> {
        type Value = Option<Bound<'py, PyAny>>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list envelope object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut records = None;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == self.record_key {
                    records = Some(map.next_value_seed(ValueSeed {
                        py: self.py,
                        keys: &mut *self.keys,
                    })?);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(records)
        }
    }
    if body.is_empty() {
        return Ok(PyList::empty(py).into_any());
    }
    let mut keys = KeyCache::new();
    let mut de = serde_json::Deserializer::from_slice(body);
    let records = de
        .deserialize_map(Envelope {
            py,
            keys: &mut keys,
            record_key,
        })
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(format!("invalid JSON: {e}")))?;
    Ok(records.unwrap_or_else(|| PyList::empty(py).into_any()))
}
