//! Wire-service article conventions: headline, byline, dateline, and page furniture removed.
//!
//! Applied to every article whatever its format, so a JSONL record holding a copied web page
//! is cleaned the same way as a plain-text file.

use super::dates;
use crate::model::Article;
use regex::Regex;
use std::sync::LazyLock;

/// `By Elizabeth Shim`, `By JOHN SMITH, Reuters`, `By Jane Doe and Tom Roe`
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by)\s+(\p{Lu}[\p{L}.'\-]*(?:\s+(?:(?:and|de|van|von|da|del|al)\s+)?\p{Lu}[\p{L}.'\-]*){0,5})\s*(?:,.*)?$").unwrap()
});

/// `Feb. 21 (UPI) --`, `SEOUL, Feb. 21, 2018 (Yonhap) --`, `March 3 (Reuters) -`
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[\p{Lu}][\p{L} .'\-]{0,40},\s+)?(\p{L}{3,9})\.?\s+(\d{1,2})(?:,\s+(\d{4}))?\s+\(([^()]{2,40})\)\s+(?:--|-|\x{2014}|\x{2013})\s").unwrap()
});

/// Photo credits at the end of a line: `File Photo by Yonhap`, `Photo courtesy of KCNA`.
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:(?:UPI\s+)?File\s+)?Photo\s+(?:by|courtesy\s+of)\s+\p{Lu}[\p{L}/'.\-]*(?:\s+\p{Lu}[\p{L}/'.\-]*){0,4}\s*$").unwrap()
});

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20\d\d)\b").unwrap());

/// Whole lines that are page furniture, not article text.
fn is_furniture(line: &str) -> bool {
    const EXACT: [&str; 12] = [
        "latest headlines",
        "follow us",
        "advertisement",
        "share this article",
        "share",
        "related articles",
        "related",
        "read more",
        "trending stories",
        "most popular",
        "sign up for our newsletter",
        "skip to main content",
    ];
    let t = line.trim();
    let lower = t.to_lowercase();
    EXACT.contains(&lower.as_str())
        || t.starts_with("RELATED ")
        || t.starts_with("READ MORE:")
        || t.starts_with("Related:")
}

/// Clean an article in place: fill title, author, date and source from the text's own
/// conventions where the input did not give them, drop furniture and repeated headlines, and
/// make sure the stored text starts with the headline. `year` is the fallback for datelines
/// that omit it.
pub fn clean(a: &mut Article, year: Option<i32>) {
    let text = a.text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = text.lines().collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    // Without a given title, a first line followed by more text is the headline.
    let more = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .nth(1)
        .is_some();
    if a.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        a.title = first.filter(|_| more).map(|i| lines[i].trim().to_string());
    }
    let title = a.title.clone().unwrap_or_default();
    let title = title.trim();

    let mut out: Vec<String> = Vec::with_capacity(lines.len() + 2);
    let starts_with_title = !title.is_empty() && first.is_some_and(|i| lines[i].trim() == title);
    if !title.is_empty() && !starts_with_title {
        out.push(title.to_string());
        out.push(String::new());
    }
    let mut seen_title = !title.is_empty() && !starts_with_title;
    let mut dateline: Option<(u32, u32, Option<i32>, String)> = None;
    for (i, line) in lines.drain(..).enumerate() {
        let t = line.trim();
        if !title.is_empty() && t == title {
            if seen_title {
                continue; // a repeated headline
            }
            seen_title = true;
        }
        if is_furniture(line) {
            continue;
        }
        if a.author.is_none() && i < 8 {
            if let Some(c) = BYLINE.captures(t) {
                a.author = Some(c[1].to_string());
            }
        }
        if dateline.is_none() && i < 20 {
            if let Some(c) = DATELINE.captures(t) {
                if let (Some(m), Ok(d)) = (dates::month(&c[1]), c[2].parse::<u32>()) {
                    let y = c.get(3).and_then(|y| y.as_str().parse().ok());
                    dateline = Some((m, d, y, c[4].trim().to_string()));
                }
            }
        }
        let kept = PHOTO_CREDIT.replace(line, "");
        if kept.trim().is_empty() && !line.trim().is_empty() {
            continue;
        }
        if kept.trim().is_empty() && out.last().is_some_and(|l| l.trim().is_empty()) {
            continue; // collapse runs of blank lines left by removed furniture
        }
        out.push(kept.trim_end().to_string());
    }
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    a.text = out.join("\n");

    if let Some((m, d, y, src)) = dateline {
        if a.source.is_none() {
            a.source = Some(src);
        }
        if a.published.is_none() {
            let y = y.or_else(|| latest_year(&a.text)).or(year);
            a.published = y.and_then(|y| dates::from_parts(y, m, d));
        }
    }
}

/// The latest year (1950-2099) the text names, if any.
fn latest_year(text: &str) -> Option<i32> {
    YEAR.find_iter(text)
        .filter_map(|m| m.as_str().parse().ok())
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> Article {
        let mut a = Article {
            text: text.into(),
            ..Default::default()
        };
        clean(&mut a, None);
        a
    }

    #[test]
    fn wire_article_metadata_and_furniture() {
        let a = cleaned(
            "Mine hit by sanctions\n\nBy Jane Roe\nMine hit by sanctions\nThe mine is idle. File Photo by Yonhap\n\n\
             Feb. 21 (UPI) -- Workers left in 2018.\n\nRELATED Other story here\n\nLatest Headlines\n\nFollow Us",
        );
        assert_eq!(a.title.as_deref(), Some("Mine hit by sanctions"));
        assert_eq!(a.author.as_deref(), Some("Jane Roe"));
        assert_eq!(a.source.as_deref(), Some("UPI"));
        assert_eq!(a.published.as_deref(), Some("2018-02-21"));
        assert_eq!(a.text.matches("Mine hit by sanctions").count(), 1);
        for gone in ["File Photo", "RELATED", "Latest Headlines", "Follow Us"] {
            assert!(!a.text.contains(gone), "{gone} left in {:?}", a.text);
        }
        assert!(a.text.contains("The mine is idle."));
        assert!(
            a.text.contains("By Jane Roe"),
            "the byline stays: it names a person"
        );
    }

    #[test]
    fn dateline_without_any_year_leaves_date_empty_unless_given() {
        assert_eq!(
            cleaned("T\n\nMarch 3 (Reuters) - Oil rose.").published,
            None
        );
        let mut a = Article {
            text: "T\n\nMarch 3 (Reuters) - Oil rose.".into(),
            ..Default::default()
        };
        clean(&mut a, Some(1987));
        assert_eq!(a.published.as_deref(), Some("1987-03-03"));
        assert_eq!(a.source.as_deref(), Some("Reuters"));
    }

    #[test]
    fn given_title_is_prepended_once() {
        let mut a = Article {
            title: Some("BRITAIN WARNS TOKYO".into()),
            text: "A minister said so.".into(),
            published: Some("1987-04-11".into()),
            ..Default::default()
        };
        clean(&mut a, None);
        assert_eq!(a.text, "BRITAIN WARNS TOKYO\n\nA minister said so.");
        assert_eq!(a.published.as_deref(), Some("1987-04-11"));
    }

    #[test]
    fn ordinary_lines_are_not_furniture() {
        let a = cleaned(
            "Title\n\nBy the end of the year, exports fell.\nRelated companies said nothing.",
        );
        assert_eq!(a.author, None);
        assert!(a.text.contains("Related companies said nothing."));
    }
}
