//! Python values -> the exact text of `json.dumps(value, default=str, ensure_ascii=False)`,
//! for the JSON-shaped values a call returns (dicts with string keys, lists, tuples, strings,
//! integers, floats, booleans, None; exact types only). A tool measures its result this way
//! before the framework sees it (`max_output_chars`), and `json.dumps` spends most of its time
//! on Python-level dispatch: here it is one walk in Rust.
//!
//! Anything else (another type, a subclass, a key that is not a string, an integer beyond 64
//! bits, a string Python cannot encode as UTF-8, deeper nesting than any Harvest answer) makes
//! the walk give up and return None: the caller then runs `json.dumps` itself, so the text is
//! the same either way, errors included.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write as _;
use std::ops::Range;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

/// Deeper than this, `json.dumps` decides (a cycle, or a RecursionError).
const MAX_DEPTH: usize = 200;

extern "C" {
    // In the stable ABI from 3.10 (and in every CPython 3 before that, outside it); pyo3
    // declares it only for a 3.10 baseline, and the wheel's baseline is 3.9. Called only on
    // 3.10 or later.
    fn PyUnicode_AsUTF8AndSize(
        unicode: *mut pyo3::ffi::PyObject,
        size: *mut pyo3::ffi::Py_ssize_t,
    ) -> *const std::os::raw::c_char;
}

/// The UTF-8 text CPython keeps in the string object itself (an ASCII string's own bytes), or
/// None when it cannot be encoded (a lone surrogate).
fn utf8_in_place<'a>(string: &'a Bound<'_, PyString>) -> Option<&'a str> {
    let mut size: pyo3::ffi::Py_ssize_t = 0;
    // SAFETY: `string` is a live str object; the pointer returned stays valid as long as the
    // object does, which `'a` ties it to.
    let data = unsafe { PyUnicode_AsUTF8AndSize(string.as_ptr(), &mut size) };
    if data.is_null() {
        drop(PyErr::take(string.py())); // the UnicodeEncodeError: json.dumps will decide
        return None;
    }
    let length = usize::try_from(size).ok()?;
    // SAFETY: CPython returned `size` readable bytes at `data`.
    let bytes = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), length) };
    std::str::from_utf8(bytes).ok()
}

struct Writer {
    /// Whether `PyUnicode_AsUTF8AndSize` may be called (Python 3.10 or later).
    in_place: bool,
    out: Vec<u8>,
    /// Strings already written, by object identity: keys and the builder's cached values are
    /// shared objects, so most strings are encoded once and copied after that. The value
    /// being walked keeps every one of them alive, so an address cannot be reused meanwhile.
    written: HashMap<usize, Range<usize>, BuildHasherDefault<AddressHasher>>,
}

/// Object addresses are distinct and 16-byte aligned: one multiply spreads them well enough,
/// where SipHash would cost more than the copy it saves.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x100_0000_01b3);
        }
    }

    fn write_usize(&mut self, address: usize) {
        self.0 = ((address as u64) >> 4).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Gave up: `json.dumps` takes over.
struct Unsupported;

type Step = Result<(), Unsupported>;

impl Writer {
    fn value(&mut self, value: &Bound<'_, PyAny>, depth: usize) -> Step {
        if depth > MAX_DEPTH {
            return Err(Unsupported);
        }
        if value.is_none() {
            self.out.extend_from_slice(b"null");
        } else if let Ok(string) = value.cast_exact::<PyString>() {
            self.string(string)?;
        } else if let Ok(dict) = value.cast_exact::<PyDict>() {
            self.dict(dict, depth)?;
        } else if let Ok(list) = value.cast_exact::<PyList>() {
            self.sequence(list.iter(), depth)?;
        } else if let Ok(truth) = value.cast_exact::<PyBool>() {
            let text: &[u8] = if truth.is_true() { b"true" } else { b"false" };
            self.out.extend_from_slice(text);
        } else if value.is_exact_instance_of::<PyInt>() {
            if let Ok(small) = value.extract::<i64>() {
                let _ = write!(self.out, "{small}");
            } else {
                let big = value.extract::<u64>().map_err(|_| Unsupported)?;
                let _ = write!(self.out, "{big}");
            }
        } else if let Ok(float) = value.cast_exact::<PyFloat>() {
            python_float(&mut self.out, float.value());
        } else if let Ok(tuple) = value.cast_exact::<PyTuple>() {
            self.sequence(tuple.iter(), depth)?;
        } else {
            return Err(Unsupported);
        }
        Ok(())
    }

    fn dict(&mut self, dict: &Bound<'_, PyDict>, depth: usize) -> Step {
        self.out.push(b'{');
        for (n, (key, value)) in dict.iter().enumerate() {
            if n > 0 {
                self.out.extend_from_slice(b", ");
            }
            // json.dumps turns int, float, bool and None keys into strings: rare enough to
            // leave to it.
            let key = key.cast_exact::<PyString>().map_err(|_| Unsupported)?;
            self.string(key)?;
            self.out.extend_from_slice(b": ");
            self.value(&value, depth + 1)?;
        }
        self.out.push(b'}');
        Ok(())
    }

    fn sequence<'py>(
        &mut self,
        items: impl Iterator<Item = Bound<'py, PyAny>>,
        depth: usize,
    ) -> Step {
        self.out.push(b'[');
        for (n, item) in items.enumerate() {
            if n > 0 {
                self.out.extend_from_slice(b", ");
            }
            self.value(&item, depth + 1)?;
        }
        self.out.push(b']');
        Ok(())
    }

    fn string(&mut self, string: &Bound<'_, PyString>) -> Step {
        let identity = string.as_ptr() as usize;
        if let Some(range) = self.written.get(&identity) {
            let range = range.clone();
            self.out.extend_from_within(range);
            return Ok(());
        }
        // A lone surrogate cannot be encoded: json.dumps writes it, so it decides.
        let start = self.out.len();
        if self.in_place {
            let text = utf8_in_place(string).ok_or(Unsupported)?;
            escape_into(&mut self.out, text);
        } else {
            let text = string.to_cow().map_err(|_| Unsupported)?;
            escape_into(&mut self.out, &text);
        }
        self.written.insert(identity, start..self.out.len());
        Ok(())
    }
}

/// A JSON string as `json.dumps(..., ensure_ascii=False)` writes it: quotes, backslashes and
/// control characters escaped (`\n`-style where JSON has one, else `\u00xx`), the rest as is.
pub(crate) fn escape_into(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let mut plain = 0;
    for (at, byte) in text.bytes().enumerate() {
        let escaped = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.extend_from_slice(&text.as_bytes()[plain..at]);
        if escaped.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.extend_from_slice(escaped.as_bytes());
        }
        plain = at + 1;
    }
    out.extend_from_slice(&text.as_bytes()[plain..]);
    out.push(b'"');
}

/// `repr(float)`, which `json.dumps` uses: the shortest digits that read back as the same
/// float (Rust's `{:e}` finds the same ones), in fixed notation unless the exponent is below
/// -4 or above 15 (`1e-05`, `1e+16`), and `NaN` / `Infinity` as `json.dumps` writes them.
pub(crate) fn python_float(out: &mut Vec<u8>, value: f64) {
    if value.is_nan() {
        out.extend_from_slice(b"NaN");
        return;
    }
    if value.is_infinite() {
        out.extend_from_slice(if value > 0.0 {
            b"Infinity" as &[u8]
        } else {
            b"-Infinity"
        });
        return;
    }
    if value.is_sign_negative() {
        out.push(b'-');
    }
    // `{:e}` of a finite f64 is at most 17 digits, a point, `e-324`: well within 32 bytes,
    // written on the stack (a page has thousands of floats).
    let mut shortest = [0u8; 32];
    let mut cursor = std::io::Cursor::new(&mut shortest[..]);
    let _ = write!(cursor, "{:e}", value.abs());
    let written = usize::try_from(cursor.position()).unwrap_or(0);
    let shortest = &shortest[..written];
    let at_e = shortest.iter().position(|b| *b == b'e').unwrap_or(written);
    let exponent: i32 = std::str::from_utf8(&shortest[(at_e + 1).min(written)..])
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(0);
    let mut digits = [0u8; 24];
    let mut count = 0;
    for byte in shortest[..at_e].iter().filter(|b| **b != b'.') {
        digits[count] = *byte;
        count += 1;
    }
    let digits = &digits[..count];
    if !(-5 < exponent && exponent < 16) {
        out.push(digits[0]);
        if count > 1 {
            out.push(b'.');
            out.extend_from_slice(&digits[1..]);
        }
        let _ = write!(
            out,
            "e{}{:02}",
            if exponent < 0 { '-' } else { '+' },
            exponent.abs()
        );
        return;
    }
    // The decimal point goes after `point` digits (0.00ddd when it is not positive).
    let point = exponent + 1;
    let count = count as i32;
    if point <= 0 {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', (-point) as usize));
        out.extend_from_slice(digits);
    } else if point >= count {
        out.extend_from_slice(digits);
        out.extend(std::iter::repeat_n(b'0', (point - count) as usize));
        out.extend_from_slice(b".0");
    } else {
        out.extend_from_slice(&digits[..point as usize]);
        out.push(b'.');
        out.extend_from_slice(&digits[point as usize..]);
    }
}

pub(crate) fn write(py: Python<'_>, value: &Bound<'_, PyAny>) -> Option<Vec<u8>> {
    let mut writer = Writer {
        in_place: py.version_info() >= (3, 10),
        out: Vec::with_capacity(1 << 16),
        written: HashMap::default(),
    };
    writer.value(value, 0).ok()?;
    Some(writer.out)
}

/// `json.dumps(value, default=str, ensure_ascii=False)` of a JSON-shaped value, or None when
/// the value holds anything else (then call `json.dumps`: the text is the same either way).
#[pyfunction]
pub fn dumps_json(py: Python<'_>, value: &Bound<'_, PyAny>) -> Option<Py<PyString>> {
    let out = write(py, value)?;
    // Only whole UTF-8 strings and ASCII were written.
    let text = std::str::from_utf8(&out).ok()?;
    Some(PyString::new(py, text).unbind())
}

/// `(len(text), text[:preview])` of that text, without making the whole of it a Python
/// string (what a tool's size check needs of a page it will refuse), or None as above.
#[pyfunction]
pub fn json_size(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    preview: usize,
) -> Option<(usize, Py<PyString>)> {
    let out = write(py, value)?;
    let text = std::str::from_utf8(&out).ok()?;
    // Python counts code points: every UTF-8 byte that does not continue a character.
    let length = out.iter().filter(|b| (**b & 0xC0) != 0x80).count();
    let end = text
        .char_indices()
        .nth(preview)
        .map_or(text.len(), |(at, _)| at);
    Some((length, PyString::new(py, &text[..end]).unbind()))
}
