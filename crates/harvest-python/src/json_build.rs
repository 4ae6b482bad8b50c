//! JSON bytes -> Python objects in one pass: the serde_json parser drives a visitor that builds
//! dicts, lists and scalars directly, without an intermediate `serde_json::Value`.
//!
//! Where the time goes on a page of records (2,000 time entries, 2.2 MB): mostly in CPython,
//! allocating, filling and later freeing the objects; so the builder makes fewer of them.
//! Object keys repeat on every record, and so do most short string values (statuses,
//! currencies, names, dates): both go through small caches, so each distinct one becomes one
//! Python string, shared. A body that is valid UTF-8 (checked once, fast) is parsed as `&str`,
//! which spares serde_json a UTF-8 check per string.

use std::fmt;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyFloat, PyList, PyString};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use harvest_core::projection::{Keep, View};
use harvest_core::response::{
    invalid_json as response_invalid_json, read_meta_member, records_not_a_list, ListMeta,
};

/// Strings up to this many bytes are cached (longer keys and values are built each time).
const CACHED_LEN: usize = 24;

/// A short string as its length and three words that together hold every byte (overlapping
/// loads, see [`ShortKey::new`]): comparing two is a few integer compares, no call to memcmp.
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortKey {
    len: usize,
    words: [u64; 3],
}

#[inline(always)]
fn word(bytes: &[u8], at: usize) -> u64 {
    let mut buf = [0u8; 8];
    buf.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(buf)
}

#[inline(always)]
fn half(bytes: &[u8], at: usize) -> u64 {
    let mut buf = [0u8; 4];
    buf.copy_from_slice(&bytes[at..at + 4]);
    u64::from(u32::from_le_bytes(buf))
}

impl ShortKey {
    /// `None` past `CACHED_LEN` bytes. With the length known, the (possibly overlapping)
    /// loads below determine every byte, so equal keys mean equal strings.
    #[inline]
    fn new(bytes: &[u8]) -> Option<ShortKey> {
        let len = bytes.len();
        let words = match len {
            0 => [0, 0, 0],
            1..=3 => [
                u64::from(bytes[0])
                    | u64::from(bytes[len / 2]) << 8
                    | u64::from(bytes[len - 1]) << 16,
                0,
                0,
            ],
            4..=7 => [half(bytes, 0) | half(bytes, len - 4) << 32, 0, 0],
            8..=16 => [word(bytes, 0), word(bytes, len - 8), 0],
            17..=CACHED_LEN => [word(bytes, 0), word(bytes, 8), word(bytes, len - 8)],
            _ => return None,
        };
        Some(ShortKey { len, words })
    }

    /// Fx-style mixing; flooding is harmless, as the cache is bounded and a collision only
    /// costs a rebuilt string.
    #[inline]
    fn hash(&self) -> usize {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut hash = (self.len as u64).wrapping_mul(K);
        for word in self.words {
            hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
        }
        (hash ^ (hash >> 32)) as usize
    }
}

struct Slot<'py> {
    key: ShortKey,
    string: Bound<'py, PyString>,
}

/// A bounded cache of short strings: two ways per set, least recently used out, so memory and
/// the cost of a miss stay constant however many distinct strings a hostile body holds.
struct StringCache<'py> {
    slots: Vec<Option<Slot<'py>>>,
    mask: usize,
}

impl<'py> StringCache<'py> {
    /// `sets` must be a power of two.
    fn new(sets: usize) -> Self {
        let mut slots = Vec::new();
        slots.resize_with(sets * 2, || None);
        StringCache {
            slots,
            mask: sets - 1,
        }
    }

    #[inline]
    fn get(&mut self, py: Python<'py>, text: &str) -> Bound<'py, PyString> {
        let Some(key) = ShortKey::new(text.as_bytes()) else {
            return PyString::new(py, text);
        };
        let set = (key.hash() & self.mask) * 2;
        if let Some(slot) = &self.slots[set] {
            if slot.key == key {
                return slot.string.clone();
            }
        }
        if let Some(slot) = &self.slots[set + 1] {
            if slot.key == key {
                let string = slot.string.clone();
                self.slots.swap(set, set + 1); // most recently used first
                return string;
            }
        }
        let string = PyString::new(py, text);
        // Least recently used out, the new string first.
        self.slots[set + 1] = self.slots[set].take();
        self.slots[set] = Some(Slot {
            key,
            string: string.clone(),
        });
        string
    }
}

/// Dicts of at most this many entries fit CPython's smallest table and are built directly.
const SMALL_DICT: usize = 5;

/// Records of a page share their keys, in the same order. Building such a dict key by key
/// grows its table three times on the way to ~30 entries; copying an earlier dict with the
/// same keys (one memcpy of its table) and then replacing every value does not. A shape seen
/// once costs one small Vec; a dict whose keys differ from the remembered ones is built
/// directly, so the result is the same dict either way.
struct Shapes<'py> {
    /// Direct-mapped by the identities of the (cached, shared) key strings.
    slots: Vec<Option<Shape<'py>>>,
}

struct Shape<'py> {
    keys: Vec<Bound<'py, PyString>>,
    /// The first dict built with these keys, in this order, and its values: a copy already
    /// holds those, so a value that is the very same object (None, a bool, a cached string)
    /// needs no insert. (Nothing else runs while a document is built, so the first dict is
    /// still as it was built.)
    dict: Bound<'py, PyDict>,
    values: Vec<Bound<'py, PyAny>>,
}

impl<'py> Shapes<'py> {
    const SLOTS: usize = 64;

    fn new() -> Self {
        let mut slots = Vec::new();
        slots.resize_with(Self::SLOTS, || None);
        Shapes { slots }
    }

    fn build(&mut self, py: Python<'py>, entries: &[Entry<'py>]) -> PyResult<Bound<'py, PyDict>> {
        if entries.len() <= SMALL_DICT {
            return fill(PyDict::new(py), entries);
        }
        let mut hash = entries.len() as u64;
        for (key, _) in entries {
            hash = (hash.rotate_left(5) ^ key.as_ptr() as u64).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
        let slot = (hash ^ (hash >> 32)) as usize % Self::SLOTS;
        if let Some(shape) = &self.slots[slot] {
            let same = shape.keys.len() == entries.len()
                && shape.keys.iter().zip(entries).all(|(a, (b, _))| a.is(b));
            if same {
                let dict = shape.dict.copy()?;
                for ((key, value), first) in entries.iter().zip(&shape.values) {
                    if !value.is(first) {
                        dict.set_item(key, value)?;
                    }
                }
                return Ok(dict);
            }
        }
        let dict = fill(PyDict::new(py), entries)?;
        self.slots[slot] = Some(Shape {
            keys: entries.iter().map(|(key, _)| key.clone()).collect(),
            dict: dict.clone(),
            values: entries.iter().map(|(_, value)| value.clone()).collect(),
        });
        Ok(dict)
    }
}

type Entry<'py> = (Bound<'py, PyString>, Bound<'py, PyAny>);

fn fill<'py>(dict: Bound<'py, PyDict>, entries: &[Entry<'py>]) -> PyResult<Bound<'py, PyDict>> {
    for (key, value) in entries {
        dict.set_item(key, value)?;
    }
    Ok(dict)
}

/// What building one document keeps: keys and short values cached apart (so that many
/// distinct values cannot evict the keys every record repeats), the dict shapes, and one
/// stack of the entries of the objects being parsed (an object's entries sit above those of
/// the objects that contain it).
struct Builder<'py> {
    keys: StringCache<'py>,
    values: StringCache<'py>,
    shapes: Shapes<'py>,
    entries: Vec<Entry<'py>>,
}

impl Builder<'_> {
    /// Caches sized to the document: a small `get` body should not pay for a page's tables.
    fn for_body(body: &[u8]) -> Self {
        let sets = (body.len() / 64).next_power_of_two().clamp(8, 512);
        Builder {
            keys: StringCache::new(sets),
            values: StringCache::new(sets),
            shapes: Shapes::new(),
            entries: Vec::new(),
        }
    }
}

/// Builds any JSON value.
struct ValueSeed<'a, 'py> {
    py: Python<'py>,
    builder: &'a mut Builder<'py>,
}

impl<'de, 'py> DeserializeSeed<'de> for ValueSeed<'_, 'py> {
    type Value = Bound<'py, PyAny>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

fn py_error<E: serde::de::Error>(err: PyErr) -> E {
    E::custom(format!("{BUILD_FAILED}: {err}"))
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
        Ok(self.builder.values.get(self.py, v).into_any())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.py.None().into_bound(self.py))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(ValueSeed {
            py: self.py,
            builder: &mut *self.builder,
        })? {
            items.push(item);
        }
        PyList::new(self.py, items)
            .map(Bound::into_any)
            .map_err(py_error)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let start = self.builder.entries.len();
        while let Some(key) = map.next_key_seed(KeySeed {
            py: self.py,
            builder: &mut *self.builder,
        })? {
            let value = map.next_value_seed(ValueSeed {
                py: self.py,
                builder: &mut *self.builder,
            })?;
            self.builder.entries.push((key, value));
        }
        let builder = &mut *self.builder;
        let dict = builder
            .shapes
            .build(self.py, &builder.entries[start..])
            .map_err(py_error)?;
        builder.entries.truncate(start);
        Ok(dict.into_any())
    }
}

/// Builds an object key through the cache.
struct KeySeed<'a, 'py> {
    py: Python<'py>,
    builder: &'a mut Builder<'py>,
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
        Ok(self.builder.keys.get(self.py, v))
    }
}

/// Builds a JSON value with a projection applied: an object keeps only the members the view
/// keeps (the others are skipped unbuilt), a list applies the view to each item, and a
/// scalar is built as usual.
struct ProjectedSeed<'a, 'v, 'py> {
    py: Python<'py>,
    builder: &'a mut Builder<'py>,
    view: View<'v>,
}

impl<'de, 'py> DeserializeSeed<'de> for ProjectedSeed<'_, '_, 'py> {
    type Value = Bound<'py, PyAny>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, 'py> Visitor<'de> for ProjectedSeed<'_, '_, 'py> {
    type Value = Bound<'py, PyAny>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.plain().visit_bool(v)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.plain().visit_i64(v)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.plain().visit_u64(v)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.plain().visit_f64(v)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.plain().visit_str(v)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.plain().visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(ProjectedSeed {
            py: self.py,
            builder: &mut *self.builder,
            view: self.view,
        })? {
            items.push(item);
        }
        PyList::new(self.py, items)
            .map(Bound::into_any)
            .map_err(py_error)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let start = self.builder.entries.len();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            let value = match self.view.member(&key) {
                Keep::Skip => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
                Keep::Whole => map.next_value_seed(ValueSeed {
                    py: self.py,
                    builder: &mut *self.builder,
                })?,
                Keep::Nested(view) => map.next_value_seed(ProjectedSeed {
                    py: self.py,
                    builder: &mut *self.builder,
                    view,
                })?,
            };
            let key = self.builder.keys.get(self.py, &key);
            self.builder.entries.push((key, value));
        }
        let builder = &mut *self.builder;
        let dict = builder
            .shapes
            .build(self.py, &builder.entries[start..])
            .map_err(py_error)?;
        builder.entries.truncate(start);
        Ok(dict.into_any())
    }
}

impl<'a, 'py> ProjectedSeed<'a, '_, 'py> {
    fn plain(self) -> ValueSeed<'a, 'py> {
        ValueSeed {
            py: self.py,
            builder: self.builder,
        }
    }
}

fn invalid_json(err: serde_json::Error) -> PyErr {
    pyo3::exceptions::PyValueError::new_err(format!("invalid JSON: {err}"))
}

/// Run `parse` on a deserializer over `body`: over `&str` when the body is valid UTF-8 (one
/// fast check instead of one per string), else over the bytes, where serde_json reports
/// exactly where the invalid text is.
macro_rules! with_deserializer {
    ($body:expr, |$de:ident| $parse:expr) => {
        match std::str::from_utf8($body) {
            Ok(text) => {
                let $de = &mut serde_json::Deserializer::from_str(text);
                $parse
            }
            Err(_) => {
                let $de = &mut serde_json::Deserializer::from_slice($body);
                $parse
            }
        }
    };
}

/// Parse a whole JSON document into Python objects (with `view` applied to it, if any).
pub fn parse_value<'py>(
    py: Python<'py>,
    body: &[u8],
    view: Option<View<'_>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut builder = Builder::for_body(body);
    with_deserializer!(body, |de| {
        match view {
            None => ValueSeed {
                py,
                builder: &mut builder,
            }
            .deserialize(&mut *de),
            Some(view) => ProjectedSeed {
                py,
                builder: &mut builder,
                view,
            }
            .deserialize(&mut *de),
        }
        .and_then(|v| de.end().map(|()| v))
        .map_err(invalid_json)
    })
}

/// Which records of a page go into the result.
#[derive(Clone, Copy)]
pub enum Select<'a> {
    /// Every record after the first `n` (already returned by an earlier call).
    After(usize),
    /// Per record: keep it? (A `limit` walk's choice; records past the end are dropped.)
    Kept(&'a [bool]),
}

impl Select<'_> {
    pub fn wants(self, index: usize) -> bool {
        match self {
            Select::After(skip) => index >= skip,
            Select::Kept(keep) => keep.get(index).copied().unwrap_or(false),
        }
    }
}

/// Why a page could not be read.
pub enum ReadError {
    /// The body is not a list envelope: the reason, for an `InvalidResponseError`.
    Body(String),
    /// The interpreter failed (out of memory, say) while the objects were built.
    Python(PyErr),
    /// The records seed declined the body (see [`GAVE_UP`]): the body may be fine.
    GaveUp,
}

const BUILD_FAILED: &str = "could not build a Python value";
/// Also what a records seed's `expecting` must say, so that a body whose records are not a
/// list is reported the same way whichever seed read it.
pub const NOT_A_LIST: &str = "a list of records";
/// The message of a records seed that stops without judging the body (the text writer of
/// `page_text`, on an object with a repeated key).
pub const GAVE_UP: &str = "the records seed gave up";

/// Read a list envelope in one pass: the value under `record_key` goes to `records` (a seed
/// that reads a sequence), every other member is skipped, or read when it is one of the
/// pagination facts, which are returned. A missing `record_key` holds no records.
pub fn read_envelope<S>(body: &[u8], record_key: &str, records: S) -> Result<ListMeta, ReadError>
where
    S: for<'de> DeserializeSeed<'de, Value = ()>,
{
    struct Envelope<'k, S> {
        records: S,
        record_key: &'k str,
    }
    impl<'de, S: DeserializeSeed<'de, Value = ()>> Visitor<'de> for Envelope<'_, S> {
        type Value = ListMeta;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list envelope object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ListMeta, A::Error> {
            let mut records = Some(self.records);
            let mut meta = ListMeta::default();
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if let Some(seed) = records.take_if(|_| key == self.record_key) {
                    map.next_value_seed(seed)?;
                } else if !read_meta_member(&mut meta, &key, &mut map)? {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(meta)
        }
    }
    if body.is_empty() {
        return Ok(ListMeta::default());
    }
    with_deserializer!(body, |de| {
        de.deserialize_map(Envelope {
            records,
            record_key,
        })
        .and_then(|meta| de.end().map(|()| meta))
        .map_err(|e| {
            let text = e.to_string();
            if text.starts_with(BUILD_FAILED) {
                ReadError::Python(pyo3::exceptions::PyRuntimeError::new_err(text))
            } else if text.starts_with(GAVE_UP) {
                ReadError::GaveUp
            } else if text.contains(NOT_A_LIST) {
                ReadError::Body(records_not_a_list(record_key))
            } else {
                ReadError::Body(response_invalid_json(&e))
            }
        })
    })
}

/// Read a list envelope in one pass: the records under `record_key` that `select` wants are
/// built (with `view` applied, if any) and appended to `out` (the others, and every other
/// member, are skipped without being built), and the pagination facts are returned.
pub fn read_page<'py>(
    py: Python<'py>,
    body: &[u8],
    record_key: &str,
    select: Select<'_>,
    view: Option<View<'_>>,
    out: &Bound<'py, PyList>,
) -> Result<ListMeta, ReadError> {
    struct Records<'a, 'k, 'py> {
        py: Python<'py>,
        builder: &'a mut Builder<'py>,
        select: Select<'k>,
        view: Option<View<'k>>,
        out: &'a Bound<'py, PyList>,
    }
    impl<'de> DeserializeSeed<'de> for Records<'_, '_, '_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
            deserializer.deserialize_seq(self)
        }
    }
    impl<'de> Visitor<'de> for Records<'_, '_, '_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(NOT_A_LIST)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut index = 0;
            loop {
                if self.select.wants(index) {
                    let record = match self.view {
                        None => seq.next_element_seed(ValueSeed {
                            py: self.py,
                            builder: &mut *self.builder,
                        })?,
                        Some(view) => seq.next_element_seed(ProjectedSeed {
                            py: self.py,
                            builder: &mut *self.builder,
                            view,
                        })?,
                    };
                    match record {
                        Some(record) => self.out.append(record).map_err(py_error)?,
                        None => return Ok(()),
                    }
                } else if seq.next_element::<IgnoredAny>()?.is_none() {
                    return Ok(());
                }
                index += 1;
            }
        }
    }
    let mut builder = Builder::for_body(body);
    read_envelope(
        body,
        record_key,
        Records {
            py,
            builder: &mut builder,
            select,
            view,
            out,
        },
    )
}
