//! What the attribution and entity rules share about names: the titles and
//! roles that come before a name (`Secretary of State`, `Dr.`, `coordinator`)
//! and the initials a name abbreviates to (`Human Rights Watch` -> `hrw`).

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use super::lexicon;

/// A title or role from `titles.txt`, as words.
#[derive(Debug, Clone)]
pub struct Title {
    /// Its words (`["Secretary", "of", "State"]`).
    pub words: Vec<String>,
    /// Whether it is a role written in lower case (`coordinator`), from the
    /// `[lower]` group, rather than a title (`[title]`).
    pub lower: bool,
}

impl Title {
    /// Whether the title's words are `ws` (case aside; a title word's final
    /// dot may be missing in the text: `Mr` for `Mr.`).
    pub fn matches<'w>(&self, ws: impl IntoIterator<Item = &'w str>) -> bool {
        let mut n = 0;
        for (tw, w) in ws.into_iter().zip(&self.words) {
            if !(tw.eq_ignore_ascii_case(w) || tw.eq_ignore_ascii_case(w.trim_end_matches('.'))) {
                return false;
            }
            n += 1;
        }
        n == self.words.len()
    }
}

/// Every title, indexed by its first and its last word.
#[derive(Debug)]
pub struct Titles {
    all: Vec<Title>,
    by_first: HashMap<String, Vec<usize>>,
    by_last: HashMap<String, Vec<usize>>,
}

/// The key a word is indexed under: ASCII lower case, final dots dropped.
fn key(w: &str) -> String {
    w.trim_end_matches('.').to_ascii_lowercase()
}

/// Calls `f` with the key of `w`, built on the stack: titles are looked up
/// for nearly every capitalised word.
fn with_key<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let w = w.trim_end_matches('.');
    let mut buf = [0u8; 48];
    if let Some(b) = buf.get_mut(..w.len()) {
        b.copy_from_slice(w.as_bytes());
        // lower-casing ASCII letters keeps UTF-8 valid
        b.make_ascii_lowercase();
        if let Ok(k) = std::str::from_utf8(b) {
            return f(k);
        }
    }
    f(&key(w))
}

impl Titles {
    /// Titles whose first word may be `word`, longest first.
    pub fn starting<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Title> + 'a {
        let ids = with_key(word, |k| self.by_first.get(k)).map_or(&[][..], Vec::as_slice);
        ids.iter().map(|&i| &self.all[i])
    }

    /// Titles whose last word may be `word`, longest first.
    pub fn ending<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Title> + 'a {
        let ids = with_key(word, |k| self.by_last.get(k)).map_or(&[][..], Vec::as_slice);
        ids.iter().map(|&i| &self.all[i])
    }

    /// The length in words of the longest title (of the `[lower]` roles
    /// too when `roles`) that `ws` starts with.
    pub fn longest_at(&self, ws: &[&str], roles: bool) -> Option<usize> {
        let first = ws.first()?;
        self.starting(first)
            .filter(|t| (roles || !t.lower) && t.words.len() <= ws.len())
            .find(|t| t.matches(ws.iter().copied()))
            .map(|t| t.words.len())
    }
}

/// The titles of `titles.txt`.
pub fn titles() -> &'static Titles {
    static T: OnceLock<Titles> = OnceLock::new();
    T.get_or_init(|| {
        let t = lexicon::titles();
        let mut all: Vec<Title> = Vec::new();
        for (group, lower) in [("title", false), ("lower", true)] {
            for line in t.get(group) {
                let words: Vec<String> = line.split_whitespace().map(str::to_string).collect();
                if !words.is_empty() {
                    all.push(Title { words, lower });
                }
            }
        }
        // Longest first, so that the first match is the longest.
        all.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::default();
        let mut by_last: HashMap<String, Vec<usize>> = HashMap::default();
        for (i, t) in all.iter().enumerate() {
            if let (Some(f), Some(l)) = (t.words.first(), t.words.last()) {
                by_first.entry(key(f)).or_default().push(i);
                by_last.entry(key(l)).or_default().push(i);
            }
        }
        Titles {
            all,
            by_first,
            by_last,
        }
    })
}

/// The initials of a name, lower case: the first letter of each capitalised
/// word, every letter of a dotted abbreviation (`U.S.` -> `us`).
pub fn initials(name: &str) -> String {
    let mut out = String::new();
    for w in name.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.contains('.') {
            out.extend(
                w.chars()
                    .filter(|c| c.is_alphabetic())
                    .flat_map(char::to_lowercase),
            );
        } else if w.chars().next().is_some_and(char::is_uppercase) {
            out.extend(w.chars().next().into_iter().flat_map(char::to_lowercase));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_title_first() {
        let t = titles();
        assert_eq!(
            t.longest_at(&["Secretary", "of", "State", "Antony"], false),
            Some(3)
        );
        assert_eq!(t.longest_at(&["Mr", "Smith"], false), Some(1));
        assert_eq!(t.longest_at(&["Antony", "Blinken"], true), None);
    }

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Human Rights Watch"), "hrw");
        assert_eq!(initials("the U.S. Department of State"), "usds");
    }
}
