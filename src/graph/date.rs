//! A compact calendar date (`YYYY-MM-DD`), the time axis of dynamic exports.

use std::fmt;
use std::num::NonZeroU32;

/// A date packed as `yyyymmdd`, so it orders like the ISO string and costs four bytes; never
/// zero, so `Option<Date>` costs four bytes too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NonZeroU32);

impl Date {
    /// Parse the date at the start of an ISO-8601 string (`2018-02-21`, `2018-02-21T10:00Z`).
    /// Anything else (a bare year, free text) is `None`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.trim().as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        if b.len() > 10 && !matches!(b[10], b'T' | b' ' | b't') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        NonZeroU32::new(y * 10000 + m * 100 + d).map(Date)
    }

    /// Parse a comma-separated list of dates, sorted and without duplicates; bad ones skipped.
    pub fn parse_list(s: &str) -> Vec<Date> {
        let mut v: Vec<Date> = s.split(',').filter_map(Date::parse).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

impl Date {
    /// The `YYYY-MM-DD` text, without `core::fmt` (years past 9999 are not dates here).
    pub fn iso(self) -> [u8; 10] {
        let d = self.0.get();
        let (y, m, day) = (d / 10000 % 10000, d / 100 % 100, d % 100);
        let digit = |v: u32| b'0' + v as u8;
        [
            digit(y / 1000),
            digit(y / 100 % 10),
            digit(y / 10 % 10),
            digit(y % 10),
            b'-',
            digit(m / 10),
            digit(m % 10),
            b'-',
            digit(day / 10),
            digit(day % 10),
        ]
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(std::str::from_utf8(&self.iso()).expect("ASCII digits"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_dates_and_rejects_others() {
        assert_eq!(Date::parse("2018-02-21").unwrap().to_string(), "2018-02-21");
        assert_eq!(
            Date::parse("2018-02-21T10:00:00Z").unwrap().to_string(),
            "2018-02-21"
        );
        for bad in [
            "2018",
            "2018-02",
            "2018-13-01",
            "21/02/2018",
            "2018-02-21x",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        let l = Date::parse_list("2018-03-01,2018-02-21,2018-03-01,bad");
        let s: Vec<String> = l.iter().map(|d| d.to_string()).collect();
        assert_eq!(s, ["2018-02-21", "2018-03-01"]);
    }
}
