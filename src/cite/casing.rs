//! Title case into sentence case, as pandoc does when it reads English
//! BibTeX titles: CSL data holds titles in sentence case, and styles that
//! want title case put it back. `{Protected}` words keep their case.

use super::latex::Piece;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    StartSentence,
    Normal,
}

/// Whether a word is capitalised: an upper-case letter, then lower-case
/// letters only.
fn is_capitalized(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => chars.all(|c| c.is_lowercase()),
        _ => false,
    }
}

fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Sentence case of pieces: a capitalised word is lowered unless it starts
/// the title or follows `. `, `: `, `? `, `! ` and is not the last word
/// (citeproc's `BeforeLastWord`: `Roe v. wade`, `Populism: introduction`,
/// but `Brown v. Board of education`); protected pieces stay.
pub fn untitlecase(pieces: &[Piece]) -> String {
    // Where the last word starts: (piece, char index); none when it is protected.
    let mut last_word: Option<(usize, usize)> = None;
    for (pi, piece) in pieces.iter().enumerate() {
        let mut prev_alnum = false;
        for (ci, c) in piece.text.chars().enumerate() {
            if c.is_alphanumeric() && !prev_alnum {
                last_word = (!piece.protected).then_some((pi, ci));
            }
            prev_alnum = c.is_alphanumeric();
        }
    }
    let mut out = String::new();
    let mut state = State::Start;
    for (pi, piece) in pieces.iter().enumerate() {
        if piece.protected {
            out.push_str(&piece.text);
            if piece.text.chars().any(char::is_alphanumeric) {
                state = State::Normal;
            }
            continue;
        }
        let chars: Vec<char> = piece.text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_alphanumeric() {
                let start = i;
                while i < chars.len() && chars[i].is_alphanumeric() {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if state == State::StartSentence && last_word == Some((pi, start)) {
                    state = State::Normal;
                }
                if state == State::Normal && is_capitalized(&word) {
                    out.push_str(&lower_first(&word));
                } else {
                    out.push_str(&word);
                }
                state = State::Normal;
            } else {
                let c = chars[i];
                out.push(c);
                if c.is_whitespace() {
                    // Sentence end: `.`, `:`, `?`, `!` then a space.
                    let prev = out.trim_end().chars().next_back();
                    if matches!(prev, Some('.' | ':' | '?' | '!')) && state != State::Start {
                        state = State::StartSentence;
                    }
                }
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::latex::to_pieces;

    fn s(raw: &str) -> String {
        untitlecase(&to_pieces(raw))
    }

    #[test]
    fn like_pandoc() {
        assert_eq!(
            s("V-Dem Country-Year Dataset v13"),
            "V-dem country-year dataset v13"
        );
        assert_eq!(
            s("U.N. Security Council Demands Immediate Ceasefire in Gaza"),
            "U.n. Security council demands immediate ceasefire in gaza"
        );
        assert_eq!(
            s("Why Nations Fail: The Origins of Power"),
            "Why nations fail: The origins of power"
        );
        assert_eq!(
            s("Coronavirus Disease ({COVID}-19) Advice"),
            "Coronavirus disease (COVID-19) advice"
        );
        assert_eq!(s("{CHIPS} and Science Act"), "CHIPS and science act");
        assert_eq!(s("Obergefell v. Hodges"), "Obergefell v. hodges");
        assert_eq!(
            s("Brown v. Board of Education"),
            "Brown v. Board of education"
        );
        assert_eq!(s("Populism: Introduction."), "Populism: introduction.");
        assert_eq!(s("Roe v. Wade (1973)"), "Roe v. Wade (1973)");
        assert_eq!(s("Roe v. {Wade}"), "Roe v. Wade");
        assert_eq!(s("Convergence"), "Convergence");
    }
}
