//! Checking an extraction before it is written: every reference it makes points at something
//! that exists. This stands in for SQLite's foreign keys, which the writer does not pay for.

use crate::fxhash::FxSet;
use crate::model::Extraction;

/// Every reference of an extraction points at something that exists: sentence, entity and
/// offsets in range (`chars` code points of text), relation types known to the store.
pub(super) fn check(
    x: &Extraction,
    chars: usize,
    types: &FxSet<String>,
) -> std::result::Result<(), String> {
    let (ns, ne) = (x.sentences.len(), x.entities.len());
    if let Some(s) = x
        .sentences
        .iter()
        .find(|s| s.start > s.end || s.end > chars)
    {
        return Err(format!("sentence {}..{} outside the text", s.start, s.end));
    }
    if let Some(m) = x
        .mentions
        .iter()
        .find(|m| m.entity >= ne || m.sentence >= ns || m.start > m.end || m.end > chars)
    {
        return Err(format!(
            "mention {}..{} has a bad reference",
            m.start, m.end
        ));
    }
    for r in &x.relations {
        if r.source >= ne || r.target >= ne || r.sentence >= ns {
            return Err(format!("relation {} has a bad reference", r.kind));
        }
        if !types.contains(&r.kind) {
            return Err(format!("unknown relation type `{}`", r.kind));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Relation, SentenceSpan};

    #[test]
    fn references_out_of_range_and_unknown_types_are_named() {
        let types: FxSet<String> = ["bans".to_string()].into_iter().collect();
        let mut x = Extraction {
            sentences: vec![SentenceSpan { start: 0, end: 10 }],
            ..Default::default()
        };
        assert_eq!(check(&x, 10, &types), Ok(()));
        assert!(check(&x, 9, &types)
            .unwrap_err()
            .contains("outside the text"));
        x.relations.push(Relation {
            source: 0,
            target: 1,
            kind: "bans".into(),
            negated: false,
            confidence: 0.5,
            sentence: 0,
            trigger: "banned".into(),
            rule: "test".into(),
        });
        assert!(check(&x, 10, &types).unwrap_err().contains("bad reference"));
        x.relations[0].kind = "invents".into();
        x.relations[0].target = 0;
        x.entities.push(crate::model::EntityRef {
            name: "China".into(),
            kind: crate::model::EntityType::Country,
            aliases: Vec::new(),
        });
        assert_eq!(
            check(&x, 10, &types).unwrap_err(),
            "unknown relation type `invents`"
        );
    }
}
