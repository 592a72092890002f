//! XML text escaping shared by GraphML and GEXF: markup characters become entities,
//! whitespace controls become character references (so attribute values keep them), and the
//! characters XML 1.0 forbids become U+FFFD.

use std::io::{self, Write};

/// Write `s` escaped for XML 1.0 element content or a double-quoted attribute value.
pub fn escape<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    // Most strings need nothing: one byte scan, one copy. 0xEF leads U+FFFE and U+FFFF.
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0..=0x1f | 0xef);
    if !s.as_bytes().iter().any(special) {
        return w.write_all(s.as_bytes());
    }
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let rep: &str = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            '\t' => "&#9;",
            '\n' => "&#10;",
            '\r' => "&#13;",
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => "\u{fffd}",
            _ => continue,
        };
        w.write_all(&s.as_bytes()[start..i])?;
        w.write_all(rep.as_bytes())?;
        start = i + c.len_utf8();
    }
    w.write_all(&s.as_bytes()[start..])
}

/// `escape` into a `String`, for tests.
#[cfg(test)]
pub fn escaped(s: &str) -> String {
    let mut v = Vec::with_capacity(s.len());
    escape(&mut v, s).expect("writing to a Vec");
    String::from_utf8(v).expect("escaping keeps UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_are_escaped() {
        assert_eq!(
            escaped("A&B <C> \"q\" 'a'"),
            "A&amp;B &lt;C&gt; &quot;q&quot; &apos;a&apos;"
        );
        assert_eq!(escaped("a\nb\tc\rd"), "a&#10;b&#9;c&#13;d");
        assert_eq!(
            escaped("x\u{0}y\u{1b}z\u{ffff}"),
            "x\u{fffd}y\u{fffd}z\u{fffd}"
        );
        assert_eq!(escaped("Kōbe 北朝鮮"), "Kōbe 北朝鮮");
    }
}
