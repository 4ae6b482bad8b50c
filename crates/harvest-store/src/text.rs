//! The text operators (`like`, `fuzzy`, `keyword`) as the search applies them, and the word
//! index's tokens: how a record's words are written and how a query's words are looked up,
//! in one place so the two always agree.

use std::collections::HashSet;

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::Connection;

/// The words of a text as the search's `fuzzy` and `keyword` see them: runs of letters,
/// digits and `_`, lower-cased.
pub fn words(text: &str) -> Vec<String> {
    raw_words(text).map(str::to_lowercase).collect()
}

/// The words of a text as they are written (not yet lower-cased).
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// Append text path `n`'s tokens for the words of `text` to `out` (space-separated): the
/// tokens [`push_token`] makes of [`words`], without a string per word for the common
/// ASCII one.
pub fn push_words(out: &mut String, n: usize, text: &str) {
    for word in raw_words(text) {
        if word.is_ascii() {
            push_ascii_token(out, n, word);
        } else {
            push_token(out, n, Some(&word.to_lowercase()));
        }
    }
}

fn push_ascii_token(out: &mut String, n: usize, word: &str) {
    start_token(out, n);
    out.push('a');
    out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
}

fn start_token(out: &mut String, n: usize) {
    if !out.is_empty() {
        out.push(' ');
    }
    push_number(out, n);
}

/// `n` in decimal (a path number is small; `write!` would go through the formatter).
fn push_number(out: &mut String, n: usize) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Text path `n`'s token for one lower-cased word: `<n>a<word>` for an ASCII word and
/// `<n>h<hex of its UTF-8>` for another (each exactly one token of the `ascii` tokenizer,
/// so a token matches a word exactly), and `<n>o` (None) where the path holds something
/// else than text (its words are then not indexed: a search on the path always tests that
/// record).
pub fn push_token(out: &mut String, n: usize, word: Option<&str>) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match word {
        None => {
            start_token(out, n);
            out.push('o');
        }
        Some(word) if word.is_ascii() => push_ascii_token(out, n, word),
        Some(word) => {
            start_token(out, n);
            out.push('h');
            for byte in word.bytes() {
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 15)]));
            }
        }
    }
}

/// The word index query for `fuzzy` (every word) or `keyword` (any word) on text path `n`:
/// a superset of the records the exact test accepts (None: no query can narrow it down).
pub fn words_query(n: usize, operator: &str, text: &str) -> Option<String> {
    let tokens: Vec<String> = words(text)
        .iter()
        .map(|w| {
            let mut token = String::new();
            push_token(&mut token, n, Some(w));
            format!("\"{token}\"")
        })
        .collect();
    if tokens.is_empty() {
        return None;
    }
    let joined = tokens.join(if operator == "fuzzy" { " AND " } else { " OR " });
    Some(format!("({joined}) OR \"{n}o\""))
}

/// A field's value as text for the text operators (missing or null: None).
fn text_of(value: ValueRef<'_>) -> Option<String> {
    match value {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}

/// `like`: the whole text matches the pattern, `%` any run and `_` one character, case
/// insensitive.
pub fn like(text: &str, pattern: &str) -> bool {
    let text: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let pattern: Vec<char> = pattern.chars().flat_map(char::to_lowercase).collect();
    // Iterative wildcard matching with backtracking to the last `%`.
    let (mut t, mut p) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == '_' || pattern[p] == text[t]) {
            t += 1;
            p += 1;
        } else if p < pattern.len() && pattern[p] == '%' {
            star = Some((p, t));
            p += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '%')
}

/// `fuzzy`: every word of the query appears among the text's words, in order.
pub fn fuzzy(text: &str, query: &str) -> bool {
    let have = words(text);
    let mut at = 0;
    for word in words(query) {
        match have[at..].iter().position(|w| *w == word) {
            Some(found) => at += found + 1,
            None => return false,
        }
    }
    true
}

/// `keyword`: at least one word of the query is one of the text's words.
pub fn keyword(text: &str, query: &str) -> bool {
    let have: HashSet<String> = words(text).into_iter().collect();
    words(query).iter().any(|w| have.contains(w))
}

/// The text operators as SQL functions of a connection that searches.
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    type Test = fn(&str, &str) -> bool;
    let tests: [(&str, Test); 3] = [
        ("store_like", like),
        ("store_fuzzy", fuzzy),
        ("store_keyword", keyword),
    ];
    for (name, test) in tests {
        conn.create_scalar_function(name, 2, flags, move |ctx| {
            let text = text_of(ctx.get_raw(0));
            let query = text_of(ctx.get_raw(1)).unwrap_or_default();
            Ok(match (name, text) {
                ("store_like", None) => false,
                (_, None) => test("", &query),
                (_, Some(text)) => test(&text, &query),
            })
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_operators() {
        assert!(like("Ana.Rivera@Example.com", "%.r%@example.com"));
        assert!(!like("ana@example.com", "%.r%@example.com"));
        assert!(like("abc", "a_c") && !like("abcd", "a_c") && like("", "%"));
        assert!(fuzzy("sofia.lopez@example.com", "sofia example"));
        assert!(!fuzzy("sofia.lopez@example.com", "example sofia"));
        assert!(keyword("[\"Founder\"]", "founder legal"));
        assert!(!keyword("[\"Designer\"]", "founder legal"));
    }

    /// A record's tokens are the ones a query looks up, word for word, whatever the script
    /// (the Kelvin sign lower-cases to an ASCII `k`; `İ` to two characters).
    #[test]
    fn a_record_is_indexed_under_the_tokens_a_query_asks_for() {
        let text = "Zoë ÉCOLE_2 \u{212A}elvin İstanbul, a-B; ΣΑΣ x";
        let mut written = String::new();
        push_words(&mut written, 12, text);
        let mut asked = String::new();
        for word in words(text) {
            push_token(&mut asked, 12, Some(&word));
        }
        assert_eq!(written, asked);
        assert!(written.starts_with("12h7a6fc3ab 12h"), "{written}");
        assert!(
            written.contains(" 12akelvin ") && written.ends_with(" 12ax"),
            "{written}"
        );
        assert_eq!(
            words_query(3, "fuzzy", "A b"),
            Some("(\"3aa\" AND \"3ab\") OR \"3o\"".into())
        );
        assert_eq!(words_query(3, "keyword", " , "), None);
        let mut other = String::new();
        push_token(&mut other, 4, None);
        assert_eq!(other, "4o");
    }
}
