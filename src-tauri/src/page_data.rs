//! Data the app writes into scripts it runs in the page (the start-up answers, a pushed hand-off).

use serde::Serialize;

/// `value` as JSON, written as an ASCII-only JavaScript string literal for `JSON.parse`: as data, not an object
/// literal, so a `__proto__` key among a user's settings stays a key. JSON's string syntax is JavaScript's,
/// and other characters are written as `\u` escapes (WebKit keeps an all-ASCII script as its bytes; one "ü"
/// in a name would make it keep a copy of two bytes per character). The text is run as a script, not placed
/// in HTML. `None` if `value` cannot be written as JSON.
pub fn json_string_literal(value: &impl Serialize) -> Option<String> {
    let json = serde_json::to_string(value).ok()?;
    let quoted = serde_json::to_string(&json).ok()?;
    let mut ascii = String::with_capacity(quoted.len());
    for c in quoted.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                ascii.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    Some(ascii)
}
