//! Whether a capital stands for its country's government (`Pyongyang said`, `London's
//! decision`) or is a place (`talks in London`, `born in Lewisham, London,`).

use super::doc::Doc;
use super::resolve::PLACE_PREPS;

const AUX: [&str; 22] = [
    "said", "says", "has", "have", "had", "is", "was", "will", "would", "could", "can", "may",
    "might", "must", "should", "did", "does", "do", "wants", "believes", "thinks", "also",
];

/// Whether a capital at tokens `i..=j` stands for its government.
pub(super) fn acts(doc: &Doc, i: usize, j: usize) -> bool {
    let toks = &doc.tokens;
    let s = toks[i].sentence;
    let prev = (i > 0 && toks[i - 1].sentence == s).then(|| toks[i - 1].lower.as_str());
    if prev.is_some_and(|p| PLACE_PREPS.contains(&p)) || in_address(doc, i) {
        return false;
    }
    let Some(next) = toks.get(j + 1).filter(|t| t.sentence == s) else {
        return true;
    };
    if next.is_possessive() || !next.is_word() {
        return true;
    }
    let w = next.lower.as_str();
    AUX.contains(&w) || w.ends_with("ed") || (w.ends_with('s') && !w.ends_with("ss"))
}

/// Does the name at token `i` follow a comma after a place named with a preposition (`born
/// in Lewisham, London,`): the second part of an address, a place?
fn in_address(doc: &Doc, i: usize) -> bool {
    let toks = &doc.tokens;
    let s = toks[i].sentence;
    if i < 3 || toks[i - 1].lower != "," {
        return false;
    }
    // the name before the comma: capitalised words, at most four
    let mut k = i - 1;
    while k > 0 && i - 1 - k < 4 && toks[k - 1].sentence == s {
        let t = &toks[k - 1];
        if !t.text.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        k -= 1;
    }
    k < i - 1
        && k > 0
        && toks[k - 1].sentence == s
        && PLACE_PREPS.contains(&toks[k - 1].lower.as_str())
}
