//! A list result's records as the text `json.dumps(..., ensure_ascii=False)` writes for the
//! Python objects they would become, computed from the response bytes without building those
//! objects.
//!
//! A tool that returns `execute`'s result unchanged has its result measured (and, when too
//! large for the model, quoted) before any framework sees it; that text is all the model
//! reads of a refused page. So a call made inside a tool reads its page once here, on a
//! runtime thread: the pass checks the body as strictly as building it would (the same
//! parser, every string decoded), reads the pagination facts, and measures the records'
//! text. The records themselves are built later, only if `.data` is read.
//!
//! The text must be exactly the one the built objects give. Building makes the same serde
//! visits as this pass does (same integers, same floats, same decoded strings), and a dict
//! keeps one entry per key: an object with a repeated key would need that rule reproduced,
//! so the pass gives up on it and the result is built as usual (Harvest never sends one).

use std::collections::HashSet;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write as _;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use harvest_core::client::Outcome;
use harvest_core::error::Error;
use harvest_core::json_scan::Key;
use harvest_core::pagination::OutcomeMeta;
use harvest_core::projection::{Keep, View};

use super::json_build::{read_envelope, ReadError, Select, GAVE_UP, NOT_A_LIST};
use super::json_text::{escape_into, python_float};

/// How much of the records' text is kept for previews, in characters.
pub const PREVIEW_KEEP: usize = 1024;

/// What the pass found: the call's meta and the records' text (`rec, rec, ...`), measured.
pub struct PageText {
    pub meta: OutcomeMeta,
    /// Characters (code points, as Python counts them) of the records' text.
    pub chars: usize,
    /// Its first [`PREVIEW_KEEP`] characters (all of it, when shorter).
    pub preview: String,
}

/// The outcome of the pass over a finished call.
pub enum Prepared {
    Text(PageText),
    /// The body is not a valid list envelope: the call's error, as building would report it.
    Invalid(Error),
    /// Not a list, or a body the pass does not reproduce: build the result as usual.
    Build,
}

/// Read `outcome`'s records as text (with `view` applied), if it is a list.
pub fn prepare(outcome: &Outcome, view: Option<View<'_>>) -> Prepared {
    let mut text = Text::default();
    let meta = match outcome {
        Outcome::Page(page) => {
            let read = read_envelope(
                &page.body,
                page.record_key,
                Records {
                    text: &mut text,
                    select: Select::After(page.skip),
                    view,
                },
            );
            match read {
                Ok(meta) => page.finish(&meta),
                Err(error) => return failed(error, &page.target),
            }
        }
        Outcome::List(list) => {
            for part in &list.parts {
                let read = read_envelope(
                    &part.body,
                    list.record_key,
                    Records {
                        text: &mut text,
                        select: Select::Kept(&part.keep),
                        view,
                    },
                );
                if let Err(error) = read {
                    return failed(error, &list.target);
                }
            }
            list.meta.clone()
        }
        Outcome::Object(_) | Outcome::Deleted(_) => return Prepared::Build,
    };
    let out = text.out;
    // Python counts code points: every UTF-8 byte that does not continue a character.
    let chars = out.iter().filter(|b| (**b & 0xC0) != 0x80).count();
    let Ok(all) = std::str::from_utf8(&out) else {
        return Prepared::Build; // only whole strings are written: cannot happen
    };
    let end = all
        .char_indices()
        .nth(PREVIEW_KEEP)
        .map_or(all.len(), |(at, _)| at);
    Prepared::Text(PageText {
        meta,
        chars,
        preview: all[..end].to_string(),
    })
}

fn failed(error: ReadError, target: &harvest_core::error::Target) -> Prepared {
    match error {
        ReadError::Body(reason) => Prepared::Invalid(Error::InvalidResponse {
            target: target.clone(),
            reason,
        }),
        ReadError::GaveUp | ReadError::Python(_) => Prepared::Build,
    }
}

/// The text written so far, and the key sequences of the objects being written (to find a
/// repeated key).
#[derive(Default)]
struct Text {
    out: Vec<u8>,
    /// The keys of every open object, each as its length and bytes; an object's keys start
    /// where its parent's stood when it opened.
    keys: Vec<u8>,
    /// Key sequences already checked to hold no repeat (records share a few shapes, so each
    /// is checked once).
    unique: HashSet<Box<[u8]>, BuildHasherDefault<WordHasher>>,
    /// Whether a record has been written (the next one is preceded by `, `).
    any: bool,
}

/// Most key sequences seen are remembered; past this many, each object is checked anew.
const SHAPES_KEPT: usize = 256;

impl Text {
    /// Whether the keys written since `start` are all different.
    fn keys_unique(&mut self, start: usize) -> bool {
        let sequence = &self.keys[start..];
        if self.unique.contains(sequence) {
            return true;
        }
        let mut names: Vec<&[u8]> = Vec::new();
        let mut at = 0;
        while at + 4 <= sequence.len() {
            let mut len = [0u8; 4];
            len.copy_from_slice(&sequence[at..at + 4]);
            let len = u32::from_le_bytes(len) as usize;
            names.push(&sequence[at + 4..at + 4 + len]);
            at += 4 + len;
        }
        names.sort_unstable();
        if names.windows(2).any(|pair| pair[0] == pair[1]) {
            return false;
        }
        if self.unique.len() < SHAPES_KEPT {
            self.unique.insert(sequence.into());
        }
        true
    }

    fn push_key(&mut self, key: &str) {
        self.keys
            .extend_from_slice(&(key.len() as u32).to_le_bytes());
        self.keys.extend_from_slice(key.as_bytes());
    }
}

/// Hashes key sequences a word at a time: they are short and come from one response.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*byte)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The sequence of records: the wanted ones written, `, ` between them.
struct Records<'a, 'v> {
    text: &'a mut Text,
    select: Select<'v>,
    view: Option<View<'v>>,
}

impl<'de> DeserializeSeed<'de> for Records<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Records<'_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(NOT_A_LIST)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            if self.select.wants(index) {
                let before = self.text.out.len();
                if self.text.any {
                    self.text.out.extend_from_slice(b", ");
                }
                let text = &mut *self.text;
                let record = match self.view {
                    None => seq.next_element_seed(ValueText { text })?,
                    Some(view) => seq.next_element_seed(ProjectedText { text, view })?,
                };
                if record.is_none() {
                    self.text.out.truncate(before);
                    return Ok(());
                }
                self.text.any = true;
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            index += 1;
        }
    }
}

/// Writes one object's members through `member`, which writes the value of a key (or skips
/// it, returning false); gives up on a repeated key.
fn write_object<'de, A, F>(text: &mut Text, mut map: A, mut member: F) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    F: FnMut(&mut Text, &str, &mut A) -> Result<bool, A::Error>,
{
    let start = text.keys.len();
    text.out.push(b'{');
    let mut first = true;
    while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
        let before = text.out.len();
        if !first {
            text.out.extend_from_slice(b", ");
        }
        escape_into(&mut text.out, &key);
        text.out.extend_from_slice(b": ");
        if member(text, &key, &mut map)? {
            text.push_key(&key);
            first = false;
        } else {
            text.out.truncate(before);
        }
    }
    text.out.push(b'}');
    let unique = text.keys_unique(start);
    text.keys.truncate(start);
    if unique {
        Ok(())
    } else {
        Err(serde::de::Error::custom(GAVE_UP))
    }
}

/// Writes any JSON value.
struct ValueText<'a> {
    text: &'a mut Text,
}

impl<'de> DeserializeSeed<'de> for ValueText<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueText<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<(), E> {
        self.text
            .out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<(), E> {
        let _ = write!(self.text.out, "{v}");
        Ok(())
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<(), E> {
        let _ = write!(self.text.out, "{v}");
        Ok(())
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<(), E> {
        python_float(&mut self.text.out, v);
        Ok(())
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        escape_into(&mut self.text.out, v);
        Ok(())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.text.out.extend_from_slice(b"null");
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        write_list(self.text, seq, None)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        write_object(self.text, map, |text, _, map| {
            map.next_value_seed(ValueText { text })?;
            Ok(true)
        })
    }
}

fn write_list<'de, A: SeqAccess<'de>>(
    text: &mut Text,
    mut seq: A,
    view: Option<View<'_>>,
) -> Result<(), A::Error> {
    text.out.push(b'[');
    let mut first = true;
    loop {
        let before = text.out.len();
        if !first {
            text.out.extend_from_slice(b", ");
        }
        let item = match view {
            None => seq.next_element_seed(ValueText { text: &mut *text })?,
            Some(view) => seq.next_element_seed(ProjectedText {
                text: &mut *text,
                view,
            })?,
        };
        if item.is_none() {
            text.out.truncate(before);
            break;
        }
        first = false;
    }
    text.out.push(b']');
    Ok(())
}

/// Writes a JSON value with a projection applied, as `json_build::ProjectedSeed` builds it:
/// an object keeps the members the view keeps, a list applies the view to each item.
struct ProjectedText<'a, 'v> {
    text: &'a mut Text,
    view: View<'v>,
}

impl<'de> DeserializeSeed<'de> for ProjectedText<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ProjectedText<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<(), E> {
        ValueText { text: self.text }.visit_bool(v)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<(), E> {
        ValueText { text: self.text }.visit_i64(v)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<(), E> {
        ValueText { text: self.text }.visit_u64(v)
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<(), E> {
        ValueText { text: self.text }.visit_f64(v)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
        ValueText { text: self.text }.visit_str(v)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        ValueText { text: self.text }.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        write_list(self.text, seq, Some(self.view))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let view = self.view;
        write_object(self.text, map, |text, key, map| match view.member(key) {
            Keep::Skip => {
                map.next_value::<IgnoredAny>()?;
                Ok(false)
            }
            Keep::Whole => {
                map.next_value_seed(ValueText { text })?;
                Ok(true)
            }
            Keep::Nested(view) => {
                map.next_value_seed(ProjectedText { text, view })?;
                Ok(true)
            }
        })
    }
}
