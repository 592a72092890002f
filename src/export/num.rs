//! Number formatting for the writers without `core::fmt`: the exact text `Display` gives
//! (`12` for 12.0, `0.5`, never an exponent), from `itoa` and `ryu` on the fast path.

use std::io::{self, Write};

/// Write `v` exactly as `format!("{v}")` would.
pub fn write_f64<W: Write>(w: &mut W, v: f64) -> io::Result<()> {
    if v.fract() == 0.0 && v.abs() < 1e15 && v != 0.0 {
        return w.write_all(itoa::Buffer::new().format(v as i64).as_bytes());
    }
    if v.is_finite() {
        let mut buf = ryu::Buffer::new();
        let s = buf.format_finite(v);
        // ryu switches to an exponent for very small or large values; Display never does.
        if !s.contains('e') {
            let s = s.strip_suffix(".0").unwrap_or(s);
            return w.write_all(s.as_bytes());
        }
    }
    write!(w, "{v}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_as_display() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            12.0,
            0.5,
            0.123456,
            1e-6,
            1.5e-7,
            8.3333e-6,
            1e15,
            1e16,
            2.5e20,
            -3.25,
            0.1 + 0.2,
            1.0 / 3.0,
            5.0,
            50.0,
            27.123,
            f64::NAN,
            f64::INFINITY,
        ];
        let mut x = 0.123_456_789f64;
        for _ in 0..10_000 {
            x = (x * 7.77 + 0.31).fract();
            values.push(x);
            values.push(x / 1000.0);
            values.push((x * 1e6).round() / 1e6);
            values.push(x * 1e5);
        }
        for v in values {
            let mut out = Vec::new();
            write_f64(&mut out, v).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), format!("{v}"), "{v:e}");
        }
    }
}
