//! Sentence segmentation.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis (with any closing quotation
//! marks and brackets after it) followed by white space and a character that
//! can open a sentence, or at a CJK full stop. It does not end:
//! - inside a double quotation (rule 1 of the annotation guidelines: a
//!   quotation opened in a sentence belongs to it until it closes);
//! - after a title (`Mr.`, `Dr.`), an initial (`J. R. R.`), a number
//!   abbreviation before a digit (`No. 5`, `Dec. 31`), or an ambiguous
//!   abbreviation (`U.S.`, `a.m.`, `Inc.`) unless a typical sentence opener
//!   follows (`The`, `He`, …);
//! - inside a decimal number or before a lower-case word.
//!
//! We wrote this rather than take a crate: the candidates (sentencex among
//! them) split inside quotations, which the annotation rules forbid, and do
//! not know the abbreviation classes above.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use super::lexicon;

struct Rules {
    title: HashSet<String>,
    number: HashSet<String>,
    flex: HashSet<String>,
    openers: HashSet<String>,
}

fn rules() -> &'static Rules {
    static R: OnceLock<Rules> = OnceLock::new();
    R.get_or_init(|| {
        let a = lexicon::abbreviations();
        Rules {
            title: a.lower_set("title"),
            number: a.set("number"),
            flex: a.set("flex"),
            openers: lexicon::sentence_openers().set(""),
        }
    })
}

/// Whether `c` is an opening double quotation mark.
pub fn is_open_double(c: char) -> bool {
    matches!(c, '“' | '„' | '«' | '「' | '『')
}

/// Whether `c` is a closing double quotation mark.
pub fn is_close_double(c: char) -> bool {
    matches!(c, '”' | '»' | '」' | '』')
}

/// `text` with typewriter double quotation marks written as the marks the
/// rest of the outline reads: ` `` ` and an opening `''` as `«`, a closing
/// `''` as `»`, each two bytes for two, so every offset holds. `None` when
/// there is none. Newspapers set in ASCII (the New York Times among them)
/// open and close quotations with two apostrophes; TeX opens with two
/// backticks. An `''` opens where it follows white space, an opening
/// bracket, a dash or the start and a word follows; it closes where it
/// follows a word or punctuation. An `''` between spaces is left alone.
pub fn typewriter_quotes(text: &str) -> Option<String> {
    let b = text.as_bytes();
    if memchr::memmem::find(b, b"''").is_none() && memchr::memmem::find(b, b"``").is_none() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        let pair = (b[i], b[i + 1]);
        if pair != (b'\'', b'\'') && pair != (b'`', b'`') {
            i += 1;
            continue;
        }
        let run = b[i..].iter().take_while(|&&c| c == pair.0).count();
        let prev = text[..i].chars().next_back();
        let opening =
            prev.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-'));
        // Three apostrophes are a single mark inside a double one, which
        // opens first or closes last; more are no marks of ours.
        if run > 3 || (run == 3 && pair.0 == b'`') {
            i += run;
            continue;
        }
        if run == 3 && !opening {
            i += 1;
        }
        let next = text[i + 2..].chars().next();
        let word_next = next.is_some_and(|c| !c.is_whitespace());
        let mark = if pair.0 == b'`' || opening {
            word_next.then_some('«')
        } else {
            Some('»')
        };
        if let Some(m) = mark {
            out.push_str(&text[last..i]);
            out.push(m);
            last = i + 2;
        }
        i += if run == 3 && opening { 3 } else { 2 };
    }
    if last == 0 {
        return None;
    }
    out.push_str(&text[last..]);
    Some(out)
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？')
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '’' | ')' | ']' | '”' | '»' | '」' | '』' | '*' | '_'
    )
}

fn can_open_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || is_open_double(c)
        || matches!(
            c,
            '"' | '\''
                | '‘'
                | '('
                | '['
                | '¿'
                | '¡'
                | '…'
                | '*'
                | '_'
                | '—'
                | '-'
                | '$'
                | '#'
                | '@'
        )
        || (c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase())
}

/// Splits `text` into sentences; returns their byte ranges, trimmed.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    sentences_in(text, false).0
}

/// Splits `text` into sentences, starting inside a quotation when `open` (a
/// quotation left open at the end of the paragraph before). Returns the
/// ranges and whether a quotation is still open at the end.
pub fn sentences_in(text: &str, open: bool) -> (Vec<Range<usize>>, bool) {
    let rules = rules();
    let mut cuts = Vec::new();
    let mut depth = usize::from(open); // curly double quotes
    let mut straight_open = false;
    let n = text.len();
    let bytes = text.as_bytes();
    // Positions are byte offsets at character boundaries.
    let at = |p: usize| text[p..].chars().next().unwrap_or(' ');
    let after = |p: usize| p + at(p).len_utf8();
    let mut i = 0;
    while i < n {
        // Only quotation marks and sentence punctuation matter here; every
        // other ASCII byte is skipped without decoding.
        let byte = bytes[i];
        if byte < 0x80 && !matches!(byte, b'"' | b'.' | b'!' | b'?') {
            i += 1;
            continue;
        }
        let c = at(i);
        if is_open_double(c) {
            depth += 1;
        } else if is_close_double(c) {
            depth = depth.saturating_sub(1);
        } else if c == '"' {
            let prev = text[..i].chars().next_back().unwrap_or(' ');
            if straight_open {
                straight_open = false;
            } else if prev.is_whitespace() || matches!(prev, '(' | '[' | '—' | '-' | ':') || i == 0
            {
                straight_open = true;
            }
        }
        let quoted = depth > 0 || straight_open;
        if !quoted && is_cjk_terminal(c) {
            // consume closers
            let mut j = after(i);
            while j < n && (is_closer(at(j)) || is_cjk_terminal(at(j))) {
                j = after(j);
            }
            if j < n {
                cuts.push(j);
            }
            i = j;
            continue;
        }
        if is_terminal(c) {
            // Find the end of the punctuation run (terminals and closers);
            // `j` is the start of its last character.
            let mut j = i;
            let mut d = depth;
            let mut so = straight_open;
            loop {
                let nx = after(j);
                if nx >= n {
                    break;
                }
                let nc = at(nx);
                if is_terminal(nc) {
                    j = nx;
                } else if is_close_double(nc) {
                    d = d.saturating_sub(1);
                    j = nx;
                } else if nc == '"' && so {
                    so = false;
                    j = nx;
                } else if is_closer(nc) && nc != '"' {
                    j = nx;
                } else {
                    break;
                }
            }
            let run_end = after(j);
            let still_quoted = d > 0 || so;
            // Commit quote-state changes of the closers we consumed.
            depth = d;
            straight_open = so;
            if still_quoted {
                i = run_end;
                continue;
            }
            // Need white space then a sentence opener.
            let mut k = run_end;
            if k >= n || !at(k).is_whitespace() {
                i = run_end;
                continue;
            }
            while k < n && at(k).is_whitespace() {
                k = after(k);
            }
            if k >= n {
                break;
            }
            let next = at(k);
            if !can_open_sentence(next) {
                i = run_end;
                continue;
            }
            let run = &text[i..run_end];
            let dots = run.bytes().filter(|&x| x == b'.').count();
            let only_full_stop =
                c == '.' && dots == 1 && run.chars().all(|x| x == '.' || is_closer(x));
            if only_full_stop {
                let word = word_before(text, i);
                let next_word = word_at(text, k);
                if !abbreviation_allows_break(rules, word, next_word, next) {
                    i = run_end;
                    continue;
                }
            }
            cuts.push(k);
            i = k;
            continue;
        }
        i = after(i);
    }
    // A pandoc citation is one token: its locator (`chap.`, `n.`, `p.`) or
    // suffix never ends a sentence.
    if memchr::memchr(b'@', bytes).is_some() {
        let spans: Vec<Range<usize>> = crate::cite::syntax::find(text)
            .into_iter()
            .map(|c| c.span)
            .collect();
        // Cuts and spans are both in order: one pass over each.
        let mut next = 0;
        cuts.retain(|&k| {
            while next < spans.len() && spans[next].end <= k {
                next += 1;
            }
            spans.get(next).is_none_or(|s| k <= s.start)
        });
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let mut pending: Option<usize> = None;
    for cut in cuts.into_iter().chain(std::iter::once(text.len())) {
        let piece = &text[start..cut];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if piece.trim().chars().any(|c| c.is_alphanumeric()) {
            out.push(pending.take().unwrap_or(start + lead)..cut - trail);
        } else if piece
            .trim()
            .starts_with(|c: char| c == '…' || is_open_double(c))
            && cut < text.len()
        {
            // An ellipsis or opening mark standing alone opens the next sentence.
            pending.get_or_insert(start + lead);
        } else if let Some(last) = out.last_mut() {
            // A lone closing mark (`”`, `*`) belongs to the sentence before.
            last.end = cut - trail;
        }
        start = cut;
    }
    (out, depth > 0 || straight_open)
}

/// The word (letters, digits, inner dots and apostrophes) ending just before `at`.
fn word_before(text: &str, at: usize) -> &str {
    let before = &text[..at];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '\'' || c == '’'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[start..]
}

fn word_at(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

fn abbreviation_allows_break(r: &Rules, word: &str, next_word: &str, next: char) -> bool {
    if word.is_empty() {
        return true;
    }
    let opener = r.openers.contains(next_word);
    // Inner dots: U.S, a.m, e.g, D.C
    if word.contains('.') {
        let parts: Vec<&str> = word.split('.').collect();
        if parts.iter().all(|p| p.chars().count() <= 2) {
            return opener;
        }
        return true;
    }
    let mut cs = word.chars();
    let first = cs.next().unwrap_or(' ');
    if cs.next().is_none() && first.is_uppercase() {
        // An initial (J. R. R. Tolkien); a single capital before a sentence opener may end one.
        return opener
            && !next_word
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() && next_word.len() == 1);
    }
    // titles in any case: `Mr.`, `MR.` (transcript labels such as `MS. SMITH:`)
    if r.title.contains(&*super::text::lower(word)) {
        return false;
    }
    if r.number.contains(word) {
        return !next.is_ascii_digit();
    }
    if r.flex.contains(word) {
        return opener;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("One here. Two there! Three?"),
            vec!["One here.", "Two there!", "Three?"]
        );
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            split("The U.S. State Department spoke. It ended on Dec. 31, 2019. Mr. Smith agreed."),
            vec![
                "The U.S. State Department spoke.",
                "It ended on Dec. 31, 2019.",
                "Mr. Smith agreed."
            ]
        );
        assert_eq!(
            split("He lives in the U.S. The rest is history."),
            vec!["He lives in the U.S.", "The rest is history."]
        );
        assert_eq!(
            split("See No. 5 for more. Done."),
            vec!["See No. 5 for more.", "Done."]
        );
        assert_eq!(
            split("Written by J. R. R. Tolkien. Read it."),
            vec!["Written by J. R. R. Tolkien.", "Read it."]
        );
        assert_eq!(
            split("At 9:00 a.m. Eastern Time it starts."),
            vec!["At 9:00 a.m. Eastern Time it starts."]
        );
    }

    #[test]
    fn decimals_and_ellipses() {
        assert_eq!(
            split("It rose 3.5 percent. Then fell."),
            vec!["It rose 3.5 percent.", "Then fell."]
        );
        assert_eq!(
            split("Wait … and see. Yes."),
            vec!["Wait … and see.", "Yes."]
        );
        assert_eq!(
            split("lives …… and more. End …. Next one."),
            vec!["lives …… and more.", "End ….", "Next one."]
        );
    }

    #[test]
    fn citations_never_split_a_sentence() {
        assert_eq!(
            split("It grew [see @zenz2019, chap. 2]. Officials denied it [@z, n. 4]. Next [@a, p. 3. And @b, p. 4]."),
            [
                "It grew [see @zenz2019, chap. 2].",
                "Officials denied it [@z, n. 4].",
                "Next [@a, p. 3. And @b, p. 4]."
            ]
        );
    }

    #[test]
    fn quotations_hold_sentences_together() {
        let t = "He said, “A is so. B is too.” “C follows.” Then D.";
        assert_eq!(
            split(t),
            vec!["He said, “A is so. B is too.”", "“C follows.”", "Then D."]
        );
        let t = "She said \"One. Two.\" Next.";
        assert_eq!(split(t), vec!["She said \"One. Two.\"", "Next."]);
    }

    #[test]
    fn cjk_and_spanish() {
        assert_eq!(
            split("第一句。第二句？第三句！"),
            vec!["第一句。", "第二句？", "第三句！"]
        );
        assert_eq!(
            split("¿Consulta a los nativos? No. Modificaciones."),
            vec!["¿Consulta a los nativos?", "No.", "Modificaciones."]
        );
    }

    #[test]
    fn upper_case_titles() {
        assert_eq!(
            split("MS. OYELARAN: Thanks, Daniel."),
            vec!["MS. OYELARAN: Thanks, Daniel."]
        );
    }

    #[test]
    fn lone_ellipsis_opens_the_next_sentence() {
        assert_eq!(
            split("Ha firmado. … Pero lo importante."),
            vec!["Ha firmado.", "… Pero lo importante."]
        );
    }

    #[test]
    fn open_quotation_carries_into_the_paragraph() {
        let (r, open) = sentences_in("One. Two.” Three.", true);
        assert_eq!(r.len(), 2);
        assert!(!open);
        let (_, open) = sentences_in("He said, “One. Two.", false);
        assert!(open);
    }

    #[test]
    fn typewriter_quotes_keep_offsets() {
        let t = "''We stay,'' she said. ``Go on,'' he said, ''now.''";
        let q = typewriter_quotes(t).expect("marks found");
        assert_eq!(q.len(), t.len());
        assert_eq!(q, "«We stay,» she said. «Go on,» he said, «now.»");
        assert_eq!(typewriter_quotes("It's a rock 'n' roll ' '' ' band."), None);
        assert_eq!(typewriter_quotes("No marks at all."), None);
        assert_eq!(
            typewriter_quotes("''He said, 'Go,''' she said.").as_deref(),
            Some("«He said, 'Go,'» she said.")
        );
        assert_eq!(
            typewriter_quotes("'''Go' was all he said.''").as_deref(),
            Some("«'Go' was all he said.»")
        );
        let (r, _) = sentences_in(&q, false);
        assert_eq!(r.len(), 2);
    }

    #[test]
    fn unbalanced_quote_stays_in_paragraph() {
        let t = "He said “open. More. End";
        assert_eq!(split(t).len(), 1);
    }
}
