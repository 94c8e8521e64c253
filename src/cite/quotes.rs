//! Quotation marks nested as citeproc nests them: the outermost pair
//! double (“…”), the next single (‘…’), and so on. A title quoted inside a
//! quoted title (`“China: “Like We Were Enemies”…”`) gets single marks, a
//! single-quoted title standing alone gets double ones.

/// `s` with every pair of curly quotation marks re-nested from depth 0. An
/// apostrophe (`China’s`: a letter on both sides) is not a mark; a mark
/// closes only a pair opened by its own kind (as written), so a possessive
/// `’` inside a double-quoted title stays.
pub fn nest(s: &str) -> String {
    if !s.contains(['“', '‘']) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    // The kind each open pair was written with: true for double.
    let mut open: Vec<bool> = Vec::new();
    let mut out = String::with_capacity(s.len());
    let glyph = |depth: usize, opening: bool| match (depth.is_multiple_of(2), opening) {
        (true, true) => '“',
        (true, false) => '”',
        (false, true) => '‘',
        (false, false) => '’',
    };
    for (i, &c) in chars.iter().enumerate() {
        let prev_alnum = i > 0 && chars[i - 1].is_alphanumeric();
        let next_alnum = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        match c {
            '“' => {
                out.push(glyph(open.len(), true));
                open.push(true);
            }
            '‘' if !prev_alnum => {
                out.push(glyph(open.len(), true));
                open.push(false);
            }
            '”' if open.last() == Some(&true) => {
                open.pop();
                out.push(glyph(open.len(), false));
            }
            '’' if open.last() == Some(&false) && !(prev_alnum && next_alnum) => {
                open.pop();
                out.push(glyph(open.len(), false));
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::nest;

    #[test]
    fn nests_like_citeproc() {
        assert_eq!(
            nest("“China: “Like We Were Enemies in a War”: China’s Mass Internment.”"),
            "“China: ‘Like We Were Enemies in a War’: China’s Mass Internment.”"
        );
        assert_eq!(
            nest("‘Absolutely No Mercy’: Leaked Files"),
            "“Absolutely No Mercy”: Leaked Files"
        );
        assert_eq!(
            nest("“‘Thoroughly Reforming Them’: China’s Campaign.”"),
            "“‘Thoroughly Reforming Them’: China’s Campaign.”"
        );
        assert_eq!(nest("“The Uyghurs’ Land”"), "“The Uyghurs’ Land”");
        assert_eq!(nest("no quotes’ here”"), "no quotes’ here”");
    }
}
