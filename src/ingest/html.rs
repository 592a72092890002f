//! HTML articles: title, metadata and body text, with scripts, styles and navigation dropped.

use super::{finish, read_whole, Item, ReadOptions};
use crate::model::Article;
use std::io::BufRead;

pub fn read(
    input: Box<dyn BufRead + '_>,
    path: &str,
    opts: &ReadOptions,
    sink: &mut dyn FnMut(Item) -> bool,
) {
    if let Some(html) = read_whole(input, path, sink) {
        let mut a = parse(&html);
        a.path = path.to_string();
        sink(finish(a, opts, path, 1));
    }
}

/// Elements whose content is never article text.
const SKIP: [&str; 13] = [
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "svg",
    "iframe",
    "template",
    "button",
    "figcaption",
];
/// Elements that end a paragraph.
const BLOCK: [&str; 22] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "section",
    "article",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "main",
];

/// Extract an article from HTML. Text comes from `<article>` (or `<main>`) when the page has
/// one, else from `<body>`.
pub fn parse(html: &str) -> Article {
    let mut a = Article::default();
    let mut title = String::new();
    let mut h1 = String::new();
    let mut body = String::new(); // text outside <article>/<main>
    let mut article = String::new();
    let mut skip_depth = 0usize;
    let (mut in_title, mut in_h1, mut in_article) = (false, false, 0usize);
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(
                rest,
                skip_depth,
                in_article,
                in_title,
                in_h1,
                &mut [&mut title, &mut h1, &mut body, &mut article],
            );
            break;
        };
        push_text(
            &rest[..lt],
            skip_depth,
            in_article,
            in_title,
            in_h1,
            &mut [&mut title, &mut h1, &mut body, &mut article],
        );
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |i| &rest[i + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else { break };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name == "script" || name == "style" {
            if !closing {
                // Raw text: skip to the matching close tag without parsing what is inside.
                let close = format!("</{name}");
                let lower = rest.to_ascii_lowercase();
                rest = lower.find(&close).map_or("", |i| &rest[i..]);
            }
            continue;
        }
        if SKIP.contains(&name.as_str()) && !tag.ends_with('/') {
            if closing {
                skip_depth = skip_depth.saturating_sub(1);
            } else {
                skip_depth += 1;
            }
            continue;
        }
        match (name.as_str(), closing) {
            ("title", c) => in_title = !c,
            ("h1", c) => in_h1 = !c,
            ("article" | "main", false) => in_article += 1,
            ("article" | "main", true) => in_article = in_article.saturating_sub(1),
            ("meta", false) => meta(tag, &mut a),
            ("link", false) if attr(tag, "rel").as_deref() == Some("canonical") => {
                a.url = a.url.take().or_else(|| attr(tag, "href"));
            }
            _ => {}
        }
        if BLOCK.contains(&name.as_str()) {
            let target = if in_article > 0 || (name == "article" || name == "main") && closing {
                &mut article
            } else {
                &mut body
            };
            target.push_str(if name == "br" { "\n" } else { "\n\n" });
        }
    }
    let text = if article.trim().is_empty() {
        body
    } else {
        article
    };
    a.text = tidy(&text);
    let title = tidy(&title);
    let h1 = tidy(&h1);
    a.title = a
        .title
        .take()
        .or(Some(if h1.is_empty() { title } else { h1 }))
        .filter(|t| !t.is_empty());
    a
}

fn push_text(
    raw: &str,
    skip: usize,
    in_article: usize,
    in_title: bool,
    in_h1: bool,
    out: &mut [&mut String; 4],
) {
    if raw.is_empty() {
        return;
    }
    let t = decode_entities(raw);
    if in_title {
        out[0].push_str(&t);
        return;
    }
    if skip > 0 {
        return;
    }
    if in_h1 {
        out[1].push_str(&t);
    }
    out[if in_article > 0 { 3 } else { 2 }].push_str(&t);
}

fn meta(tag: &str, a: &mut Article) {
    let key = attr(tag, "property")
        .or_else(|| attr(tag, "name"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let Some(v) = attr(tag, "content").map(|v| decode_entities(&v)) else {
        return;
    };
    let slot = match key.as_str() {
        "og:title" | "twitter:title" => &mut a.title,
        "author" | "article:author" => &mut a.author,
        "og:site_name" => &mut a.source,
        "article:published_time" | "date" | "pubdate" | "dc.date" => &mut a.published,
        "og:url" => &mut a.url,
        _ => return,
    };
    if slot.is_none() && !v.trim().is_empty() {
        *slot = Some(v.trim().to_string());
    }
}

/// The value of attribute `name` in a tag's source, quoted or not.
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before_ok = at > 0 && lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = tag.len() - rest.len() + 1;
        let v = tag[vstart..].trim_start();
        return Some(match v.chars().next() {
            Some(q @ ('"' | '\'')) => v[1..].split(q).next().unwrap_or("").to_string(),
            _ => v
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("")
                .to_string(),
        });
    }
    None
}

/// Decode character references: named ones news pages use, and numeric ones.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| c == ';' || c == '&' || c.is_whitespace())
            .map(|j| j + 1);
        let decoded = end
            .filter(|&e| rest.as_bytes().get(e) == Some(&b';'))
            .and_then(|e| {
                let name = &rest[1..e];
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some(' '),
                    "mdash" => Some('\u{2014}'),
                    "ndash" => Some('\u{2013}'),
                    "lsquo" => Some('\u{2018}'),
                    "rsquo" => Some('\u{2019}'),
                    "ldquo" => Some('\u{201C}'),
                    "rdquo" => Some('\u{201D}'),
                    "hellip" => Some('\u{2026}'),
                    "pound" => Some('£'),
                    "euro" => Some('€'),
                    "eacute" => Some('é'),
                    _ => name
                        .strip_prefix("#x")
                        .or_else(|| name.strip_prefix("#X"))
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32)
                        .filter(|c| *c != '\0'),
                };
                c.map(|c| (c, e + 1))
            });
        match decoded {
            Some((c, n)) => {
                out.push(c);
                rest = &rest[n..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Collapse whitespace inside paragraphs and keep one blank line between them.
fn tidy(s: &str) -> String {
    let mut paras: Vec<String> = Vec::new();
    for block in s.split("\n\n") {
        let lines: Vec<String> = block
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            paras.push(lines.join("\n"));
        }
    }
    paras.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_body_title_and_metadata() {
        let html = r#"<!doctype html><html><head><title>Site | Mine hit</title>
            <meta name="author" content="Jane Roe"><meta property="article:published_time" content="2018-02-21T09:00:00Z">
            <meta property="og:site_name" content="Example News"><link rel="canonical" href="https://example.org/a">
            <script>var x = "<p>not text</p>";</script><style>p{}</style></head>
            <body><nav><a href="/">Home</a> Follow Us</nav><header>Menu</header>
            <article><h1>Mine hit by sanctions</h1><p>China &amp; Russia <b>banned</b> ore&nbsp;exports.</p>
            <!-- comment --><p>Second &#8220;para&#x201D;.</p><aside>Related stories</aside></article>
            <footer>Copyright</footer></body></html>"#;
        let a = parse(html);
        assert_eq!(a.title.as_deref(), Some("Mine hit by sanctions"));
        assert_eq!(a.author.as_deref(), Some("Jane Roe"));
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.published.as_deref(), Some("2018-02-21T09:00:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.text, "Mine hit by sanctions\n\nChina & Russia banned ore exports.\n\nSecond \u{201C}para\u{201D}.");
    }

    #[test]
    fn body_text_when_no_article_element() {
        let a = parse("<html><body><div>One.</div><div>Two<br>three</div></body></html>");
        assert_eq!(a.text, "One.\n\nTwo\nthree");
        assert_eq!(a.title, None);
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in [
            "<",
            "<p",
            "&",
            "&#xZZ;",
            "<script>never closed",
            "<a href='x>t</a>",
            "é<é>&é;",
        ] {
            let _ = parse(s);
        }
        assert_eq!(
            decode_entities("a &amp b &lt; &#0; &#x41;"),
            "a &amp b < &#0; A"
        );
    }
}
