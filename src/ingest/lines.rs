//! Reading lines with a size limit, so one 100 MB line cannot take the memory.

use std::io::{self, BufRead};

/// What one call to [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// A line (without its newline) is in the buffer.
    Ok,
    /// The line was longer than the limit; it was skipped to its end.
    TooLong(usize),
    Eof,
}

/// Read the next `\n`-terminated line into `buf` (cleared first), keeping at most `limit`
/// bytes; a longer line is consumed and reported as `TooLong` with its length.
pub fn read_line(r: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if total + take <= limit {
            buf.extend_from_slice(&chunk[..take]);
        }
        total += take;
        r.consume(take + done as usize);
        if done {
            break;
        }
    }
    if !any {
        return Ok(Line::Eof);
    }
    if total > limit {
        buf.clear();
        return Ok(Line::TooLong(total));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Line::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_and_the_next_one_read() {
        let data = format!("short\n{}\nafter\r\nlast", "x".repeat(100));
        let mut r = io::BufReader::with_capacity(7, data.as_bytes());
        let mut buf = Vec::new();
        assert_eq!(read_line(&mut r, &mut buf, 10).unwrap(), Line::Ok);
        assert_eq!(buf, b"short");
        assert_eq!(read_line(&mut r, &mut buf, 10).unwrap(), Line::TooLong(100));
        assert_eq!(read_line(&mut r, &mut buf, 10).unwrap(), Line::Ok);
        assert_eq!(buf, b"after");
        assert_eq!(read_line(&mut r, &mut buf, 10).unwrap(), Line::Ok);
        assert_eq!(buf, b"last");
        assert_eq!(read_line(&mut r, &mut buf, 10).unwrap(), Line::Eof);
    }
}
