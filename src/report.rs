//! Lines on stderr that can neither fail the run nor be forged by the names they carry.
//!
//! `eprintln!` panics when stderr cannot be written (a closed pipe: `2>&1 | head`; a full
//! device: `2>/dev/full`), which stopped an ingest mid-way. Reports are not the work: a line
//! that cannot be written is dropped. Control characters (a newline or an ESC in a file
//! name) and bidirectional overrides are escaped, so a name cannot start a report line of
//! its own or drive the terminal.

use std::io::Write;

/// Print `newsgraph: ...`-style report text as one line on stderr, ignoring write errors.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::report::line(&format!($($arg)*))
    };
}

/// Write `text` as one line on stderr, escaped; a failed write is ignored.
pub fn line(text: &str) {
    let mut s = escape(text);
    s.push('\n');
    crate::progress::above(|| {
        let _ = std::io::stderr().lock().write_all(s.as_bytes());
    });
}

/// Write `text`, lines of our own making (a list of suggestions), as lines on stderr, each
/// escaped as [`line`] escapes; a failed write is ignored.
pub fn lines(text: &str) {
    let mut s = String::with_capacity(text.len() + 8);
    for l in text.split('\n') {
        s.push_str(&escape(l));
        s.push('\n');
    }
    crate::progress::above(|| {
        let _ = std::io::stderr().lock().write_all(s.as_bytes());
    });
}

/// `text` with control characters and bidirectional overrides written as escapes (`\n`,
/// `\x1b`, `\u{202e}`); everything else as it is.
pub fn escape(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn control_characters_and_overrides_are_escaped() {
        assert_eq!(escape("plain £ name.txt"), "plain £ name.txt");
        assert_eq!(
            escape("a\nnewsgraph: forged\x1b[31m\r\t\u{9b}\u{202e}z"),
            "a\\nnewsgraph: forged\\x1b[31m\\r\\t\\u{9b}\\u{202e}z"
        );
    }
}
