//! Word lists, embedded at build time from `src/outline/data/`.
//!
//! Each list is a text file: one entry per line, `#` starts a comment, and a
//! line `[name]` starts a named group. Rules read these lists; they never
//! spell words out in code.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A word list split into named groups (the unnamed group is `""`).
#[derive(Debug, Default)]
pub struct Groups {
    groups: HashMap<String, Vec<String>>,
}

impl Groups {
    /// Parses a list file.
    pub fn parse(text: &str) -> Groups {
        let mut groups: HashMap<String, Vec<String>> = HashMap::new();
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

    /// Every entry of every group, with its group name.
    pub fn all(&self) -> impl Iterator<Item = (&str, &str)> {
        let mut names: Vec<&String> = self.groups.keys().collect();
        names.sort();
        names
            .into_iter()
            .flat_map(move |g| self.groups[g].iter().map(move |e| (g.as_str(), e.as_str())))
    }
}

macro_rules! list {
    ($fn:ident, $file:literal) => {
        /// The embedded list `
        #[doc = $file]
        /// `.
        pub fn $fn() -> &'static Groups {
            static CELL: OnceLock<Groups> = OnceLock::new();
            CELL.get_or_init(|| Groups::parse(include_str!(concat!("data/", $file))))
        }
    };
}

list!(abbreviations, "abbreviations.txt");
list!(sentence_openers, "sentence_openers.txt");
