//! Word lists, embedded at build time from `src/outline/data/`.
//!
//! Each list is a text file: one entry per line, `#` starts a comment, and a
//! line `[name]` starts a named group. Rules read these lists; they never
//! spell words out in code.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// A word list split into named groups (the unnamed group is `""`).
#[derive(Debug, Default)]
pub struct Groups {
    groups: HashMap<String, Vec<String>>,
}

impl Groups {
    /// Parses a list file.
    pub fn parse(text: &str) -> Groups {
        let mut groups: HashMap<String, Vec<String>> = HashMap::default();
        let mut current = String::new();
        for line in text.lines() {
            let line = line.split(" #").next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('[') && line.ends_with(']') {
                current = line[1..line.len() - 1].to_string();
                continue;
            }
            groups
                .entry(current.clone())
                .or_default()
                .push(line.to_string());
        }
        Groups { groups }
    }

    /// The entries of one group, in file order.
    pub fn get(&self, name: &str) -> &[String] {
        self.groups.get(name).map_or(&[], |v| v.as_slice())
    }

    /// The entries of one group as a set.
    pub fn set(&self, name: &str) -> HashSet<String> {
        self.get(name).iter().cloned().collect()
    }

    /// The entries of one group as a lower-cased set.
    pub fn lower_set(&self, name: &str) -> HashSet<String> {
        self.get(name).iter().map(|s| s.to_lowercase()).collect()
    }

    /// The names of the groups, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.groups.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }
}

macro_rules! list {
    ($fn:ident, $file:literal) => {
        #[doc = concat!("The embedded list `", $file, "`.")]
        pub fn $fn() -> &'static Groups {
            static CELL: OnceLock<Groups> = OnceLock::new();
            CELL.get_or_init(|| Groups::parse(include_str!(concat!("data/", $file))))
        }
    };
}

list!(abbreviations, "abbreviations.txt");
list!(sentence_openers, "sentence_openers.txt");
list!(reporting_verbs, "reporting_verbs.txt");
list!(stance_verbs, "stance_verbs.txt");
list!(evidence_verbs, "evidence_verbs.txt");
list!(titles, "titles.txt");
list!(source_nouns, "source_nouns.txt");
list!(pronouns, "pronouns.txt");
list!(function_words, "function_words.txt");
list!(places, "places.txt");
list!(organizations, "organizations.txt");
list!(entity_words, "entity_words.txt");
list!(common_words, "common_words.txt");
list!(given_names, "given_names.txt");
