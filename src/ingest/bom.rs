//! Byte-order marks at the start of an input: UTF-8's is dropped (it would make the first
//! JSON line invalid and rename the first CSV column), UTF-16's says how to decode the
//! stream, which is then read as UTF-8 by every reader.

use std::io::{self, BufRead, BufReader, Read};

/// `input` with a leading byte-order mark handled: dropped for UTF-8, decoded for UTF-16
/// (little- or big-endian). Without a mark the stream is passed on as it is.
pub fn unmark<'a>(mut input: Box<dyn BufRead + 'a>) -> Box<dyn BufRead + 'a> {
    let head = match input.fill_buf() {
        Ok(h) => h,
        Err(_) => return input, // the reader reports it
    };
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        input.consume(3);
        return input;
    }
    let big_endian = match head {
        [0xFF, 0xFE, ..] => false,
        [0xFE, 0xFF, ..] => true,
        _ => return input,
    };
    input.consume(2);
    Box::new(BufReader::with_capacity(
        1 << 16,
        Utf16 {
            inner: input,
            big_endian,
            odd: None,
            high: None,
            out: Vec::new(),
            pos: 0,
        },
    ))
}

/// UTF-16 bytes in, UTF-8 bytes out; unpaired surrogates become U+FFFD.
struct Utf16<'a> {
    inner: Box<dyn BufRead + 'a>,
    big_endian: bool,
    /// A byte of a code unit split across reads.
    odd: Option<u8>,
    /// A high surrogate waiting for its low half.
    high: Option<u16>,
    /// Decoded bytes not yet handed out.
    out: Vec<u8>,
    pos: usize,
}

impl Utf16<'_> {
    fn push(&mut self, c: char) {
        let mut b = [0u8; 4];
        self.out.extend_from_slice(c.encode_utf8(&mut b).as_bytes());
    }

    fn unit(&mut self, u: u16) {
        match (self.high.take(), u) {
            (Some(h), 0xDC00..=0xDFFF) => {
                let c = 0x10000 + ((h as u32 - 0xD800) << 10) + (u as u32 - 0xDC00);
                self.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
            }
            (h, _) => {
                if h.is_some() {
                    self.push('\u{FFFD}');
                }
                match u {
                    0xD800..=0xDBFF => self.high = Some(u),
                    0xDC00..=0xDFFF => self.push('\u{FFFD}'),
                    _ => self.push(char::from_u32(u as u32).unwrap_or('\u{FFFD}')),
                }
            }
        }
    }

    /// Decode the next chunk of input into `out`; false at the end of the input.
    fn refill(&mut self) -> io::Result<bool> {
        self.out.clear();
        self.pos = 0;
        let chunk = self.inner.fill_buf()?.to_vec();
        if chunk.is_empty() {
            if self.high.take().is_some() || self.odd.take().is_some() {
                self.push('\u{FFFD}');
            }
            return Ok(!self.out.is_empty());
        }
        self.inner.consume(chunk.len());
        let mut bytes = chunk.as_slice();
        if let Some(first) = self.odd.take() {
            self.unit(self.pair(first, bytes[0]));
            bytes = &bytes[1..];
        }
        let mut pairs = bytes.chunks_exact(2);
        for p in &mut pairs {
            self.unit(self.pair(p[0], p[1]));
        }
        self.odd = pairs.remainder().first().copied();
        Ok(true)
    }

    fn pair(&self, a: u8, b: u8) -> u16 {
        if self.big_endian {
            u16::from_be_bytes([a, b])
        } else {
            u16::from_le_bytes([a, b])
        }
    }
}

impl Read for Utf16<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.out.len() {
            if !self.refill()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: Vec<u8>, chunk: usize) -> String {
        let r = BufReader::with_capacity(chunk, io::Cursor::new(bytes));
        let mut s = String::new();
        unmark(Box::new(r)).read_to_string(&mut s).unwrap();
        s
    }

    #[test]
    fn marks_are_dropped_or_decoded_across_any_split() {
        let text = "Café 😀 talks\nsecond line";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        for chunk in [3, 5, 7, 64] {
            assert_eq!(read_all(le.clone(), chunk), text);
            assert_eq!(read_all(be.clone(), chunk), text);
        }
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend_from_slice(text.as_bytes());
        assert_eq!(read_all(utf8, 64), text);
        assert_eq!(read_all(text.as_bytes().to_vec(), 64), text);
        // An unpaired surrogate and a lone last byte are replaced, not an error.
        assert_eq!(
            read_all(vec![0xFF, 0xFE, 0x00, 0xD8, b'a', 0, 7], 64),
            "\u{FFFD}a\u{FFFD}"
        );
    }
}
