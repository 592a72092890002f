//! Parsing the many ways articles write their dates into ISO-8601 `YYYY-MM-DD`.

/// Month number for an English month name or abbreviation (`Feb`, `Feb.`, `February`, `FEB`).
pub fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    NAMES
        .iter()
        .position(|n| n.starts_with(&w) && (w.len() == 3 || w.len() == n.len() || w == "sept"))
        .or_else(|| (w == "sept").then_some(8))
        .map(|i| i as u32 + 1)
}

fn valid(y: i32, m: u32, d: u32) -> Option<String> {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    ((1000..=9999).contains(&y) && (1..=days).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Parse a date as found in metadata: ISO (`2018-02-21`, `2018-02-21T10:00:00Z`, `2018/02/21`),
/// `21 February 2018`, `February 21, 2018`, RFC 2822 (`Wed, 21 Feb 2018 10:00:00 +0000`) and
/// Reuters' `26-FEB-1987 15:01:01.79`. Returns `None` for anything else.
pub fn parse(s: &str) -> Option<String> {
    let s = s.trim();
    let head: String = s.chars().take(10).collect();
    let b = head.as_bytes();
    if b.len() == 10 && (b[4] == b'-' || b[4] == b'/') && b[7] == b[4] {
        let y = head[..4].parse().ok()?;
        return valid(y, head[5..7].parse().ok()?, head[8..10].parse().ok()?);
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    // Skip a leading weekday (RFC 2822).
    let words: &[&str] = match words.first() {
        Some(w)
            if w.len() >= 3
                && month(w).is_none()
                && w.chars().all(|c| c.is_alphabetic() || c == '.') =>
        {
            &words[1..]
        }
        _ => &words[..],
    };
    match words {
        [d, m, y, ..] if d.parse::<u32>().is_ok() && month(m).is_some() => {
            valid(y.parse().ok()?, month(m)?, d.parse().ok()?)
        }
        [m, d, y, ..] if month(m).is_some() => valid(y.parse().ok()?, month(m)?, d.parse().ok()?),
        _ => None,
    }
}

/// Build a date from a month, a day and a year.
pub fn from_parts(year: i32, month: u32, day: u32) -> Option<String> {
    valid(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_common_forms() {
        for (s, want) in [
            ("2018-02-21", "2018-02-21"),
            ("2018-02-21T10:11:12Z", "2018-02-21"),
            ("2018/02/21", "2018-02-21"),
            ("21 February 2018", "2018-02-21"),
            ("February 21, 2018", "2018-02-21"),
            ("Feb. 21, 2018", "2018-02-21"),
            ("Wed, 21 Feb 2018 10:00:00 +0000", "2018-02-21"),
            ("26-FEB-1987 15:01:01.79", "1987-02-26"),
            ("Sept. 3, 2001", "2001-09-03"),
        ] {
            assert_eq!(parse(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "",
            "yesterday",
            "2018-02-30",
            "2018-13-01",
            "Feb 30, 2018",
            "May",
            "12345",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }

    #[test]
    fn month_names() {
        assert_eq!(month("Feb."), Some(2));
        assert_eq!(month("SEPT"), Some(9));
        assert_eq!(month("Ma"), None);
        assert_eq!(month("Mayo"), None);
    }
}
