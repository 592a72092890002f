//! Code-point offsets (what extraction counts in) turned into byte offsets of a text.

/// Byte offsets of code-point offsets (extraction counts in code points), from the byte
/// offset of every 64th code point: an eighth of a byte a character where a full table took
/// 8 (126 MB for a 15 MB article). ASCII text needs no table at all.
pub(super) struct CharOffsets<'t> {
    text: &'t str,
    /// Code points in the text.
    pub(super) chars: usize,
    /// Byte offset of code point 64 * i; `None` for ASCII text.
    every: Option<Vec<usize>>,
}

const EVERY: usize = 64;

impl<'t> CharOffsets<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        if text.is_ascii() {
            return CharOffsets {
                text,
                chars: text.len(),
                every: None,
            };
        }
        let mut every = Vec::new();
        let mut chars = 0;
        for (b, _) in text.char_indices() {
            if chars % EVERY == 0 {
                every.push(b);
            }
            chars += 1;
        }
        CharOffsets {
            text,
            chars,
            every: Some(every),
        }
    }

    /// The byte offset of code point `c` (the text's end past its last).
    pub(super) fn byte(&self, c: usize) -> usize {
        let c = c.min(self.chars);
        let Some(every) = &self.every else {
            return c;
        };
        let Some(&base) = every.get(c / EVERY) else {
            return self.text.len();
        };
        let rest = &self.text[base..];
        rest.char_indices()
            .nth(c % EVERY)
            .map_or(self.text.len(), |(b, _)| base + b)
    }

    /// Code points `start..end` of the text.
    pub(super) fn slice(&self, start: usize, end: usize) -> &'t str {
        &self.text[self.byte(start)..self.byte(end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_point_offsets_become_byte_offsets() {
        for text in [
            "",
            "plain ASCII text",
            "Séoul – “quoted” 東京 and 😀 more",
            &"é".repeat(300),
        ] {
            let o = CharOffsets::new(text);
            let table: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect();
            assert_eq!(o.chars + 1, table.len(), "{text}");
            for (c, &b) in table.iter().enumerate() {
                assert_eq!(o.byte(c), b, "{text} at {c}");
            }
            assert_eq!(o.byte(table.len() + 5), text.len(), "past the end");
        }
    }
}
