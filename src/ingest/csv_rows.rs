//! Cutting CSV input into rows, line by line, so that an unclosed quote cannot swallow the
//! rest of the file: a quoted field may span lines, but not more than [`MAX_ROW_LINES`] of
//! them, nor past the end of the input, nor over the 16 MiB record limit.
//!
//! Rows are found by following the quoting rules of RFC 4180 (as the csv crate reads them:
//! a quote opens a field only at its start, `""` inside one is a quote) over whole lines,
//! kept in a window, so the reader can step back after a bad row and try again one line
//! further on.

use super::lines::{read_line, Line};
use super::MAX_RECORD_BYTES;
use std::collections::VecDeque;
use std::io::{self, BufRead};

/// Most lines one row may span: far beyond any article in a CSV field, and small enough
/// that an unclosed quote is found before it has read a large file.
pub const MAX_ROW_LINES: usize = 10_000;

/// What starts at the current line.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A row of `lines` lines (their bytes joined by `\n`).
    Row {
        line: u64,
        lines: usize,
        bytes: Vec<u8>,
    },
    /// A quoted field opened on `line` is not closed within the limits; `lines` were looked at.
    Unclosed {
        line: u64,
        lines: usize,
    },
    /// The row starting at `line` is over the size limit; `lines` lines make it up.
    TooLong {
        line: u64,
        lines: usize,
    },
    Eof,
}

/// Lines of one CSV input, with a window of lines read ahead.
pub struct Rows<'a> {
    input: Box<dyn BufRead + 'a>,
    /// Lines read and not yet consumed: `None` for a line over the size limit.
    window: VecDeque<Option<Vec<u8>>>,
    /// Number of the window's first line (1-based).
    first: u64,
    eof: bool,
}

impl<'a> Rows<'a> {
    pub fn new(input: Box<dyn BufRead + 'a>) -> Self {
        Rows {
            input,
            window: VecDeque::new(),
            first: 1,
            eof: false,
        }
    }

    /// The number of the current line.
    pub fn line(&self) -> u64 {
        self.first
    }

    /// Make line `i` of the window available; false at the end of the input.
    fn fill(&mut self, i: usize) -> io::Result<bool> {
        let mut buf = Vec::new();
        while self.window.len() <= i {
            if self.eof {
                return Ok(false);
            }
            match read_line(&mut *self.input, &mut buf, MAX_RECORD_BYTES)? {
                Line::Ok => self.window.push_back(Some(std::mem::take(&mut buf))),
                Line::TooLong(_) => self.window.push_back(None),
                Line::Eof => self.eof = true,
            }
        }
        Ok(true)
    }

    /// The row starting at the current line, without consuming it.
    pub fn peek(&mut self) -> io::Result<Frame> {
        let line = self.first;
        let mut quoted = false;
        let mut size = 0usize;
        let mut i = 0;
        loop {
            if !self.fill(i)? {
                return Ok(match i {
                    0 => Frame::Eof,
                    lines => Frame::Unclosed { line, lines },
                });
            }
            let Some(text) = &self.window[i] else {
                return Ok(Frame::TooLong { line, lines: i + 1 });
            };
            size += text.len() + 1;
            quoted = ends_quoted(text, quoted);
            i += 1;
            if size > MAX_RECORD_BYTES {
                return Ok(match quoted {
                    true => Frame::Unclosed { line, lines: i },
                    false => Frame::TooLong { line, lines: i },
                });
            }
            if !quoted {
                let mut bytes = Vec::with_capacity(size);
                for (k, l) in self.window.iter().take(i).enumerate() {
                    if k > 0 {
                        bytes.push(b'\n');
                    }
                    bytes.extend_from_slice(l.as_deref().unwrap_or_default());
                }
                return Ok(Frame::Row {
                    line,
                    lines: i,
                    bytes,
                });
            }
            if i >= MAX_ROW_LINES {
                return Ok(Frame::Unclosed { line, lines: i });
            }
        }
    }

    /// Move past `n` lines.
    pub fn advance(&mut self, n: usize) {
        let n = n.min(self.window.len());
        self.window.drain(..n);
        self.first += n as u64;
    }
}

/// Quoting state at the end of `line`, given the state at its start: is a quoted field
/// still open (so the row goes on to the next line)?
fn ends_quoted(line: &[u8], quoted_at_start: bool) -> bool {
    #[derive(Clone, Copy)]
    enum S {
        FieldStart,
        Unquoted,
        Quoted,
        /// A quote inside a quoted field: its end, or the first of `""`.
        Quote,
    }
    let mut s = if quoted_at_start {
        S::Quoted
    } else {
        S::FieldStart
    };
    for &b in line {
        s = match (s, b) {
            (S::FieldStart, b'"') => S::Quoted,
            (S::FieldStart | S::Unquoted | S::Quote, b',') => S::FieldStart,
            (S::FieldStart | S::Unquoted, _) => S::Unquoted,
            (S::Quoted, b'"') => S::Quote,
            (S::Quoted, _) => S::Quoted,
            (S::Quote, b'"') => S::Quoted,
            (S::Quote, _) => S::Unquoted,
        };
    }
    matches!(s, S::Quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(data: &str) -> Vec<Frame> {
        let mut r = Rows::new(Box::new(data.as_bytes()));
        let mut out = Vec::new();
        loop {
            match r.peek().unwrap() {
                Frame::Eof => return out,
                f => {
                    let n = match &f {
                        Frame::Row { lines, .. } => *lines,
                        _ => 1,
                    };
                    r.advance(n);
                    out.push(f);
                }
            }
        }
    }

    #[test]
    fn quoted_fields_span_lines_and_quotes_elsewhere_are_text() {
        assert!(ends_quoted(b"1,\"open", false));
        assert!(!ends_quoted(b"1,\"closed\",x", false));
        assert!(
            !ends_quoted(b"1,5\" screen,x", false),
            "a quote inside a field"
        );
        assert!(ends_quoted(b"said \"\"hi\"\" and", true), "doubled quotes");
        assert!(!ends_quoted(b"end.\",2020", true));
        let got = frames("a,b\n1,\"x\ny\"\n2,z\n");
        assert_eq!(
            got,
            [
                Frame::Row {
                    line: 1,
                    lines: 1,
                    bytes: b"a,b".to_vec()
                },
                Frame::Row {
                    line: 2,
                    lines: 2,
                    bytes: b"1,\"x\ny\"".to_vec()
                },
                Frame::Row {
                    line: 4,
                    lines: 1,
                    bytes: b"2,z".to_vec()
                },
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_is_found_at_the_end_or_the_line_limit() {
        let got = frames("a,b\n1,\"x\n2,y\n");
        assert_eq!(got[1], Frame::Unclosed { line: 2, lines: 2 });
        assert!(matches!(got[2], Frame::Row { line: 3, .. }));
        let long = format!("1,\"x\n{}", "2,y\n".repeat(MAX_ROW_LINES + 5));
        let mut r = Rows::new(Box::new(long.as_bytes()));
        assert_eq!(
            r.peek().unwrap(),
            Frame::Unclosed {
                line: 1,
                lines: MAX_ROW_LINES
            }
        );
    }
}
