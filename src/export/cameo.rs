//! CAMEO root codes with their names (`16` -> `16 Reduce relations`), as the exports that
//! typed-guessing clients read write them: Gephi Lite and Gephi's spreadsheet importer take
//! a bare `04` for the number 4 and lose the code; with its name it stays text.

/// The 20 root event classes of the CAMEO codebook (Gerner, Schrodt et al., v1.1b3).
const ROOTS: [&str; 20] = [
    "Make public statement",
    "Appeal",
    "Express intent to cooperate",
    "Consult",
    "Engage in diplomatic cooperation",
    "Engage in material cooperation",
    "Provide aid",
    "Yield",
    "Investigate",
    "Demand",
    "Disapprove",
    "Reject",
    "Threaten",
    "Protest",
    "Exhibit force posture",
    "Reduce relations",
    "Coerce",
    "Assault",
    "Fight",
    "Use unconventional mass violence",
];

/// `code` followed by its root's name; a code that is not a CAMEO root stays as it is.
pub fn label(code: &str) -> String {
    let root = code
        .get(..2)
        .filter(|r| r.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|r| r.parse::<usize>().ok())
        .filter(|r| (1..=20).contains(r));
    match root {
        Some(r) => format!("{code} {}", ROOTS[r - 1]),
        None => code.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_keep_their_leading_zero_and_gain_a_name() {
        assert_eq!(label("01"), "01 Make public statement");
        assert_eq!(label("16"), "16 Reduce relations");
        assert_eq!(label("20"), "20 Use unconventional mass violence");
        assert_eq!(label("0211"), "0211 Appeal");
        assert_eq!(label("00"), "00");
        assert_eq!(label("x"), "x");
        assert_eq!(label(""), "");
    }
}
