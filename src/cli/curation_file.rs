//! The curation file of `curation export` and `apply`: plain TSV a team can review in git.
//! One correction a line, `op name type [arg [arg2]]`, entities by the name and type they had
//! when curated; `#` starts a comment; tab, newline, carriage return and backslash inside a
//! field are written `\t`, `\n`, `\r`, `\\`.

use crate::error::{Error, Result};
use crate::store::Recorded;

pub const HEADER: &str = "# newsgraph curations: op\tname\ttype\targ\targ2 (merge: from-name from-type into-name into-type)";

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

/// The lines of one recorded correction (a merge of several entities: one line each).
pub fn lines(r: &Recorded) -> Result<Vec<String>> {
    let join = |fields: &[&str]| {
        fields
            .iter()
            .map(|f| escape(f))
            .collect::<Vec<_>>()
            .join("\t")
    };
    if r.op == "merge" {
        let names = crate::store::curation::merged_names(r.arg.as_deref().unwrap_or("[]"))?;
        return Ok(names
            .iter()
            .map(|(n, t)| join(&["merge", n, t, &r.name, &r.kind]))
            .collect());
    }
    let mut f = vec![r.op.as_str(), &r.name, &r.kind];
    f.extend(r.arg.as_deref());
    f.extend(r.arg2.as_deref());
    Ok(vec![join(&f)])
}

/// One line of a curation file, read: (op, fields after the op), or `None` for a comment or
/// a blank line.
pub fn parse(line: &str, path: &str, n: u64) -> Result<Option<(String, Vec<String>)>> {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.trim().is_empty() || line.starts_with('#') {
        return Ok(None);
    }
    let mut fields = line.split('\t').map(unescape);
    let op = fields.next().unwrap_or_default();
    let rest: Vec<String> = fields.collect();
    let want = match op.as_str() {
        "drop" => 2..=2,
        "rename" | "retype" | "alias-add" | "alias-remove" => 3..=3,
        "split" => 3..=4,
        "merge" => 4..=4,
        _ => {
            return Err(Error::Record {
                path: path.into(),
                line: n,
                reason: format!(
                    "unknown operation {op:?} (merge, rename, retype, split, drop, alias-add, alias-remove)"
                ),
            })
        }
    };
    if !want.contains(&rest.len()) {
        return Err(Error::Record {
            path: path.into(),
            line: n,
            reason: format!(
                "{op} takes {} fields after it, not {}",
                want.end(),
                rest.len()
            ),
        });
    }
    Ok(Some((op, rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_with_tabs_and_newlines_survive_a_round_trip() {
        let r = Recorded {
            op: "rename".into(),
            name: "Smith\t& Sons\nLtd \\ Co".into(),
            kind: "organization".into(),
            arg: Some("Smith".into()),
            arg2: None,
        };
        let l = lines(&r).unwrap();
        assert_eq!(l.len(), 1);
        assert!(!l[0].contains('\n'));
        let (op, f) = parse(&l[0], "f", 1).unwrap().unwrap();
        assert_eq!(op, "rename");
        assert_eq!(f, vec![r.name.clone(), r.kind.clone(), "Smith".to_string()]);
    }

    #[test]
    fn a_merge_of_two_is_two_lines_and_bad_lines_are_refused() {
        let r = Recorded {
            op: "merge".into(),
            name: "George W. Bush".into(),
            kind: "person".into(),
            arg: Some(r#"[["Bush","person"],["G. Bush","person"]]"#.into()),
            arg2: None,
        };
        let l = lines(&r).unwrap();
        assert_eq!(
            l,
            [
                "merge\tBush\tperson\tGeorge W. Bush\tperson",
                "merge\tG. Bush\tperson\tGeorge W. Bush\tperson"
            ]
        );
        assert!(parse("# comment", "f", 1).unwrap().is_none());
        assert!(parse("", "f", 1).unwrap().is_none());
        let e = parse("drop\tX", "f", 7).unwrap_err().to_string();
        assert!(e.contains("f:7:") && e.contains("drop takes 2"), "{e}");
        assert!(parse("explode\tX\tperson", "f", 2).is_err());
    }
}
