//! Named entities: people, organisations, places, laws and dates.
//!
//! Two sources of names:
//! - gazetteers kept as data (`data/places.txt`, `data/organizations.txt`),
//!   matched with aho-corasick, case-sensitively except for the names listed
//!   under `[any-case]` (`huawei`);
//! - capitalised word sequences, classified by rules over word lists: a law
//!   word (`Act`, `Declaration`) makes a law, an organisation word
//!   (`Ministry`, `Party`) an organisation, a place suffix (`City`,
//!   `Province`) a place, a title before it (`attorney`, `Secretary`) a
//!   person; two or three capitalised words none of which the article also
//!   uses in lower case make a person.
//!
//! Anything else capitalised is kept as `other`. Mentions of one entity under
//! several names (`Blinken`, `Antony Blinken`; `CCP`, `Chinese Communist
//! Party`) are merged.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};

use super::attribution::{name_key, name_key_into};
use super::lexicon;
use super::model::{Claim, Entity, EntityKind, Marked, Source, SourceKind, Span};
use super::names;
use super::text::{self, lower, possessive_stem, to_lower, LowerWords, Token};
use super::{draft_text, Draft};
use crate::read::Document;

/// A list of names, searched for leftmost longest and without overlaps, as
/// whole words: the automaton is tried only where a word starts and at a
/// pair of bytes that begins a name. Most bytes of a claim begin no name,
/// and walking the automaton over every byte was the costliest part of
/// finding entities.
struct NameList {
    /// The names, for anchored searches.
    ac: AhoCorasick,
    /// Bit `a * 256 + b`: some name starts with the bytes `a`, `b`.
    pairs: Vec<u64>,
    /// Byte `a` is a name of its own.
    single: Vec<bool>,
}

impl NameList {
    fn new(names: &[String], any_case: bool) -> NameList {
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(any_case)
            .start_kind(StartKind::Anchored)
            .build(names)
            .expect("gazetteer patterns are valid");
        let mut pairs = vec![0u64; 256 * 256 / 64];
        let mut single = vec![false; 256];
        let cases = |b: u8| {
            if any_case {
                [b.to_ascii_lowercase(), b.to_ascii_uppercase()]
            } else {
                [b, b]
            }
        };
        for n in names {
            match *n.as_bytes() {
                [] => {}
                [a] => {
                    for a in cases(a) {
                        single[usize::from(a)] = true;
                        for b in 0..=255u8 {
                            let k = usize::from(a) * 256 + usize::from(b);
                            pairs[k / 64] |= 1 << (k % 64);
                        }
                    }
                }
                [a, b, ..] => {
                    for a in cases(a) {
                        for b in cases(b) {
                            let k = usize::from(a) * 256 + usize::from(b);
                            pairs[k / 64] |= 1 << (k % 64);
                        }
                    }
                }
            }
        }
        NameList { ac, pairs, single }
    }

    /// The names in `text` that start at one of `starts` (its
    /// [`word_starts`]), each from where the last one ended.
    fn find_iter<'t>(
        &'t self,
        text: &'t str,
        starts: &'t [usize],
    ) -> impl Iterator<Item = aho_corasick::Match> + 't {
        let bytes = text.as_bytes();
        let mut starts = starts.iter();
        let mut end = 0;
        std::iter::from_fn(move || {
            for &pos in starts.by_ref() {
                if pos < end {
                    continue;
                }
                let Some(&a) = bytes.get(pos) else { break };
                let start = match bytes.get(pos + 1) {
                    Some(&b) => {
                        let k = usize::from(a) * 256 + usize::from(b);
                        self.pairs[k / 64] & (1 << (k % 64)) != 0
                    }
                    None => self.single[usize::from(a)],
                };
                if start {
                    let input = Input::new(text).range(pos..).anchored(Anchored::Yes);
                    // names are never empty, so every match moves on
                    if let Some(m) = self
                        .ac
                        .try_find(input)
                        .ok()
                        .flatten()
                        .filter(|m| !m.is_empty())
                    {
                        end = m.end();
                        return Some(m);
                    }
                }
            }
            None
        })
    }
}

/// Where words start in `text`: the offsets of the characters that follow
/// no letter or digit, white space left out (no name starts with it). Both
/// name lists are searched from these, found once per claim.
fn word_starts(text: &str, out: &mut Vec<usize>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut after_alnum = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            if !after_alnum {
                out.push(i);
            }
            // the rest of the run starts nothing
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            after_alnum = true;
        } else if b.is_ascii() {
            if !after_alnum && !b.is_ascii_whitespace() {
                out.push(i);
            }
            after_alnum = false;
            i += 1;
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            if !after_alnum && !c.is_whitespace() {
                out.push(i);
            }
            after_alnum = c.is_alphanumeric();
            i += c.len_utf8();
        }
    }
}

struct Gazetteer {
    exact: NameList,
    exact_kinds: Vec<EntityKind>,
    any_case: NameList,
    any_case_names: Vec<String>,
    law: HashSet<String>,
    place_suffix: HashSet<String>,
    /// Words opening a place's name (`Mount Isa`).
    place_prefix: HashSet<String>,
    /// Acronyms of things, never organisations (`AI`, `GDP`).
    common_acronyms: HashSet<String>,
    not_name: HashSet<String>,
    event: HashSet<String>,
    origin_suffix: Vec<String>,
    demonym: HashSet<String>,
    org_words: HashSet<String>,
    /// Lower-case nouns for organisations (`broadcaster`, `operator`).
    org_nouns: HashSet<String>,
    doc_nouns: HashSet<String>,
    connectors: HashSet<String>,
    openers: HashSet<String>,
    function: HashSet<String>,
    months: HashMap<String, u8>,
    /// Bit `c - 'a'`: a month name starts with the ASCII letter `c`.
    month_initials: u32,
    common: HashSet<String>,
    given: HashSet<String>,
    place_preps: HashSet<String>,
    place_nouns: HashSet<String>,
    /// Abbreviations always followed by a name (`Dr`, `Gen`).
    title_abbrevs: HashSet<String>,
    /// Words a number may follow inside a name: `Law No. 10/2020`,
    /// `EPA Region 5`.
    numbered: HashSet<String>,
    /// The words for `number` before one: `No.`, `nº`.
    number_words: HashSet<String>,
    /// Parts of a law (`Article`, `Section`), numbered.
    law_part: HashSet<String>,
    /// Law words that name a law alone (`Constitution`).
    law_alone: HashSet<String>,
}

fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(|| {
        let mut names = Vec::new();
        let mut kinds = Vec::new();
        let places = lexicon::places();
        for g in places.names() {
            for n in places.get(g) {
                names.push(n.clone());
                kinds.push(EntityKind::Place);
            }
        }
        let orgs = lexicon::organizations();
        for n in orgs.get("name") {
            names.push(n.clone());
            kinds.push(EntityKind::Organization);
        }
        let any: Vec<String> = orgs.get("any-case").to_vec();
        let build = NameList::new;
        let ew = lexicon::entity_words();
        let fw = lexicon::function_words();
        let mut function = HashSet::default();
        for g in fw.names() {
            function.extend(fw.lower_set(g));
        }
        let months = [
            ("january", 1),
            ("jan", 1),
            ("february", 2),
            ("feb", 2),
            ("march", 3),
            ("mar", 3),
            ("april", 4),
            ("apr", 4),
            ("may", 5),
            ("june", 6),
            ("jun", 6),
            ("july", 7),
            ("jul", 7),
            ("august", 8),
            ("aug", 8),
            ("september", 9),
            ("sep", 9),
            ("sept", 9),
            ("october", 10),
            ("oct", 10),
            ("november", 11),
            ("nov", 11),
            ("december", 12),
            ("dec", 12),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect::<HashMap<String, u8>>();
        let month_initials = months
            .keys()
            .filter_map(|k| k.bytes().next())
            .fold(0, |bits, b| bits | 1 << (b - b'a'));
        Gazetteer {
            exact: build(&names, false),
            exact_kinds: kinds,
            any_case: build(&any, true),
            any_case_names: any,
            law: ew.set("law"),
            place_suffix: ew.set("place-suffix"),
            place_prefix: ew.set("place-prefix"),
            common_acronyms: ew.set("common-acronym"),
            not_name: ew.set("not-name"),
            event: ew.set("event"),
            origin_suffix: ew.get("origin-suffix").to_vec(),
            demonym: ew.set("demonym"),
            org_words: lexicon::source_nouns().set("organization"),
            org_nouns: lexicon::source_nouns().lower_set("organization-lower"),
            doc_nouns: lexicon::source_nouns().lower_set("document"),
            // `in` joins handles (`John in Condition Yellow`) but splits places (`Tangshan City in China`)
            connectors: fw
                .lower_set("connector")
                .into_iter()
                .filter(|w| w != "in")
                .collect(),
            openers: lexicon::sentence_openers().set(""),
            function,
            months,
            month_initials,
            common: lexicon::common_words().set(""),
            given: lexicon::given_names().set(""),
            place_preps: ew.lower_set("place-preposition"),
            place_nouns: ew.lower_set("place-noun"),
            title_abbrevs: lexicon::abbreviations().set("title"),
            numbered: ew
                .set("numbered")
                .union(&ew.set("law-part"))
                .cloned()
                .collect(),
            law_part: ew.set("law-part"),
            law_alone: ew.set("law-alone"),
            number_words: ew.set("number-word"),
        }
    })
}

/// Names of people the article cites, for telling names from other capitalised words.
struct KnownPeople {
    names: HashSet<String>,
    last_names: HashSet<String>,
}

/// A name found in one claim, before merging.
#[derive(Debug, Clone)]
struct Found {
    claim: usize,
    name: String,
    kind: EntityKind,
    /// Range in the claim text.
    range: Range<usize>,
}

fn is_word_boundary(text: &str, at: usize, before: bool) -> bool {
    let c = if before {
        text[..at].chars().next_back()
    } else {
        text[at..].chars().next()
    };
    c.is_none_or(|c| !c.is_alphanumeric())
}

fn is_name_word(t: &Token) -> bool {
    t.word && t.text.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whether a currency sign follows at `at`: `US$214 million`, `A$2.4
/// billion` name a currency, not a place.
fn currency_after(text: &str, at: usize) -> bool {
    text[at..].starts_with(['$', '€', '£'])
}

/// Strips a possessive from a name (`Biden’s` → `Biden`).
fn strip_possessive(s: &str) -> &str {
    possessive_stem(s).unwrap_or(s)
}

/// The words the claims write in lower case (see [`LowerWords`]): such words
/// are not names.
pub fn lower_words<'a>(doc: &'a Document, drafts: &[Draft]) -> LowerWords<'a> {
    let mut set = LowerWords::default();
    let mut toks: Vec<Token> = Vec::new();
    for d in drafts {
        text::tokens_into(draft_text(doc, d), &mut toks);
        set.add(&toks);
    }
    set
}

/// Finds entities in the claims; fills `claims[].entities` and returns them.
/// `lower_words` are the words the claims write in lower case
/// ([`lower_words`]; attribution gathers them as it reads the claims).
pub fn extract(
    doc: &Document,
    drafts: &[Draft],
    claims: &mut [Claim],
    sources: &[Source],
    lower_words: &LowerWords,
) -> Vec<Entity> {
    let g = gazetteer();
    let mut toks: Vec<Token> = Vec::new();
    let known_names: Vec<String> = sources
        .iter()
        .filter(|s| s.kind == SourceKind::Person)
        .flat_map(|s| s.aliases.iter().cloned())
        .filter(|n| {
            n.chars().any(char::is_lowercase) || n.split_whitespace().count() == 1 && n.len() <= 5
        })
        .collect();
    let known_people = KnownPeople {
        last_names: known_names
            .iter()
            .filter(|k| k.split_whitespace().count() >= 2)
            .filter_map(|k| k.split_whitespace().next_back().map(str::to_string))
            .collect(),
        names: known_names.into_iter().collect(),
    };

    let mut found: Vec<Found> = Vec::new();
    // names of one claim (a longer name replaces shorter ones inside it) and
    // the ranges they take; the buffers serve every claim in turn
    let mut local: Vec<Found> = Vec::new();
    let mut taken = Taken::default();
    let mut starts: Vec<usize> = Vec::new();
    for (ci, c) in claims.iter().enumerate() {
        let text = c.text.as_str();
        word_starts(text, &mut starts);
        text::tokens_into(draft_text(doc, &drafts[ci]), &mut toks);
        taken.reset(&starts, &toks);
        // gazetteer, case-sensitive
        for m in g.exact.find_iter(text, &starts) {
            // a name that is also a title, before a capitalised name, is the
            // title (`Economist Tomás Mandlate`)
            let title_before_name = || {
                let next = text[m.end()..].trim_start_matches([' ', '*', '_']);
                next.len() < text.len() - m.end()
                    && next.starts_with(char::is_uppercase)
                    && names::titles()
                        .starting(&text[m.range()])
                        .any(|t| t.words.len() == 1)
            };
            let currency = currency_after(text, m.end());
            // `Sofia Nyberg`: a place that is also a given name, before a
            // capitalised word, is the person's
            let given_name = || {
                g.exact_kinds[m.pattern().as_usize()] == EntityKind::Place
                    && g.given.contains(&text[m.range()])
                    && text[m.end()..]
                        .strip_prefix(' ')
                        .is_some_and(|r| r.starts_with(char::is_uppercase))
            };
            if is_word_boundary(text, m.end(), false)
                && !title_before_name()
                && !currency
                && !given_name()
            {
                taken.push(m.start()..m.end());
                local.push(Found {
                    claim: ci,
                    name: text[m.start()..m.end()].to_string(),
                    kind: g.exact_kinds[m.pattern().as_usize()],
                    range: m.start()..m.end(),
                });
            }
        }
        for m in g.any_case.find_iter(text, &starts) {
            if taken.overlaps(&(m.start()..m.end())) {
                continue;
            }
            if is_word_boundary(text, m.end(), false) {
                taken.push(m.start()..m.end());
                local.push(Found {
                    claim: ci,
                    name: g.any_case_names[m.pattern().as_usize()].clone(),
                    kind: EntityKind::Organization,
                    range: m.start()..m.end(),
                });
            }
        }
        chunks(
            text,
            &toks,
            ci,
            lower_words,
            &known_people,
            &mut taken,
            &mut local,
        );
        dates(text, &toks, ci, &mut local);
        // `Jan` of `Jan. 5, 2026` is the date's, no name of its own
        let date_ranges: Vec<Range<usize>> = local
            .iter()
            .filter(|f| f.kind == EntityKind::Date)
            .map(|f| f.range.clone())
            .collect();
        if !date_ranges.is_empty() {
            local.retain(|f| {
                f.kind == EntityKind::Date
                    || !date_ranges
                        .iter()
                        .any(|r| r.start <= f.range.start && f.range.end <= r.end)
            });
        }
        // sorted claim by claim, the sort of all names below finds them in order
        local.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
        found.append(&mut local);
    }
    // people named as sources in lower case or as handles (`fulue`, `Jzyg`)
    let mut wanted: Vec<&str> = Vec::new();
    for s in sources.iter().filter(|s| s.kind == SourceKind::Person) {
        let name = s.name.trim();
        let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.is_empty() || letters.iter().all(|c| c.is_uppercase()) {
            continue; // a speaker label such as MODERATOR
        }
        // handles and blog names (`Deep blue sea`, `LiberateLaura`, `John in Condition Yellow`)
        let ws: Vec<&str> = name.split_whitespace().collect();
        let handle = ws.len() > 1
            && ws
                .iter()
                .any(|w| w.chars().next().is_some_and(char::is_lowercase))
            || ws
                .iter()
                .any(|w| w.chars().skip(1).any(char::is_uppercase) && !w.contains('-'));
        // a handle (`@voz_do_buzi`) names a source but is no person's name
        // a role in lower case (`spokesman`, `runner-up`) names no one
        let role = names::titles()
            .ending(name)
            .any(|t| t.words.len() == 1 && (t.lower || t.words[0] == name));
        // a source described only by a role (`the investigator`) names no one
        let described = s.role.as_deref() == Some(name);
        if ws.len() > 3
            || handle
            || role
            || described
            || name.starts_with('@')
            || g.not_name.contains(name)
        {
            continue;
        }
        wanted.push(name);
    }
    // The first claim naming each, found in one pass over the claims.
    let mut first: Vec<Option<(usize, usize)>> = vec![None; wanted.len()];
    if !wanted.is_empty() {
        if let Ok(ac) = AhoCorasick::new(&wanted) {
            let mut left = wanted.len();
            'claims: for (ci, c) in claims.iter().enumerate() {
                for m in ac.find_overlapping_iter(c.text.as_str()) {
                    let k = m.pattern().as_usize();
                    if first[k].is_none() {
                        first[k] = Some((ci, m.start()));
                        left -= 1;
                        if left == 0 {
                            break 'claims;
                        }
                    }
                }
            }
        }
    }
    for (name, at) in wanted.iter().zip(first) {
        if let Some((ci, at)) = at {
            found.push(Found {
                claim: ci,
                name: name.to_string(),
                kind: EntityKind::Person,
                range: at..at + name.len(),
            });
        }
    }
    found.sort_by_key(|f| (f.claim, f.range.start, std::cmp::Reverse(f.range.end)));
    reclassify(&mut found);
    merge(drafts, doc, claims, found)
}

/// The byte ranges of one claim that names (and words that are no names)
/// already take.
///
/// A claim can hold tens of thousands of names (a list of signatories, a
/// paragraph with no full stop), and every capitalised sequence asks
/// whether a taken range overlaps or holds it; scanning them all made that
/// quadratic. The largest end of the ranges starting at or before each
/// position is kept in a Fenwick tree over the positions ranges can start
/// at (word and token starts), so each question takes logarithmic time.
#[derive(Default)]
struct Taken {
    /// Sorted positions a range may start at.
    starts: Vec<usize>,
    /// Fenwick tree over `starts`: one more than the largest end of the
    /// ranges starting there (0 for none), so a prefix gives the largest
    /// end of every range starting at or before a position.
    ends: Vec<usize>,
    /// Ranges starting anywhere else, scanned (none are expected).
    other: Vec<Range<usize>>,
}

impl Taken {
    /// Empties the set for a claim with these word starts and tokens.
    fn reset(&mut self, words: &[usize], toks: &[Token]) {
        self.starts.clear();
        self.other.clear();
        let (mut w, mut t) = (
            words.iter().peekable(),
            toks.iter().map(|t| t.start).peekable(),
        );
        loop {
            let next = match (w.peek(), t.peek()) {
                (Some(&&a), Some(&b)) if a <= b => w.next().copied(),
                (Some(_), Some(_)) | (None, Some(_)) => t.next(),
                (Some(_), None) => w.next().copied(),
                (None, None) => break,
            };
            let Some(at) = next else { break };
            if self.starts.last() != Some(&at) {
                self.starts.push(at);
            }
        }
        self.ends.clear();
        self.ends.resize(self.starts.len(), 0);
    }

    fn push(&mut self, r: Range<usize>) {
        match self.starts.binary_search(&r.start) {
            Ok(i) => {
                let mut k = i + 1;
                while k <= self.ends.len() {
                    self.ends[k - 1] = self.ends[k - 1].max(r.end + 1);
                    k += k & k.wrapping_neg();
                }
            }
            Err(_) => self.other.push(r),
        }
    }

    /// One more than the largest end of the ranges among the first `count`
    /// starts (0 for none).
    fn max_end(&self, count: usize) -> usize {
        let (mut k, mut m) = (count, 0);
        while k > 0 {
            m = m.max(self.ends[k - 1]);
            k -= k & k.wrapping_neg();
        }
        m
    }

    /// Whether a taken range overlaps `r`.
    fn overlaps(&self, r: &Range<usize>) -> bool {
        let before_end = self.starts.partition_point(|&a| a < r.end);
        self.max_end(before_end) > r.start + 1
            || self
                .other
                .iter()
                .any(|t| t.start < r.end && r.start < t.end)
    }

    /// Whether a taken range holds all of `r`.
    fn holds(&self, r: &Range<usize>) -> bool {
        let from_start = self.starts.partition_point(|&a| a <= r.start);
        self.max_end(from_start) > r.end
            || self
                .other
                .iter()
                .any(|t| t.start <= r.start && r.end <= t.end)
    }
}

/// The names found in one claim while its capitalised sequences are
/// classified, indexed by where they start: a longer name drops the names
/// inside it, and a law's name looks for an organization starting where it
/// starts, without going through every name found before (see [`Taken`]).
struct ClaimNames<'a> {
    found: &'a mut Vec<Found>,
    /// Whether `found[i]` was dropped; dropped names are removed at the end.
    dropped: Vec<bool>,
    /// Indexes into `found` by the start of their range.
    by_start: BTreeMap<usize, Vec<usize>>,
}

impl<'a> ClaimNames<'a> {
    fn new(found: &'a mut Vec<Found>) -> ClaimNames<'a> {
        let mut by_start: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, f) in found.iter().enumerate() {
            by_start.entry(f.range.start).or_default().push(i);
        }
        ClaimNames {
            dropped: vec![false; found.len()],
            found,
            by_start,
        }
    }

    fn add(&mut self, f: Found) {
        self.by_start
            .entry(f.range.start)
            .or_default()
            .push(self.found.len());
        self.dropped.push(false);
        self.found.push(f);
    }

    /// Drops the names of claim `ci` inside `range`, dates aside.
    fn drop_inside(&mut self, ci: usize, range: &Range<usize>) {
        if range.start > range.end {
            return;
        }
        for ids in self.by_start.range(range.start..=range.end).map(|(_, v)| v) {
            for &i in ids {
                let f = &self.found[i];
                if f.claim == ci && f.range.end <= range.end && f.kind != EntityKind::Date {
                    self.dropped[i] = true;
                }
            }
        }
    }

    /// The names (not dropped) whose range starts at `at`.
    fn starting_at(&self, at: usize) -> impl Iterator<Item = &Found> + '_ {
        self.by_start
            .get(&at)
            .into_iter()
            .flatten()
            .filter(|&&i| !self.dropped[i])
            .map(|&i| &self.found[i])
    }

    /// Removes the dropped names, keeping the others in the order found.
    fn finish(self) {
        let mut i = 0;
        self.found.retain(|_| {
            i += 1;
            !self.dropped[i - 1]
        });
    }
}

/// Capitalised sequences in one claim.
fn chunks(
    text: &str,
    toks: &[Token],
    ci: usize,
    lower_words: &LowerWords,
    known_people: &KnownPeople,
    taken: &mut Taken,
    found: &mut Vec<Found>,
) {
    let g = gazetteer();
    let n = toks.len();
    let mut names = ClaimNames::new(found);
    let mut i = 0;
    while i < n {
        if !is_name_word(&toks[i]) || currency_after(text, toks[i].end()) {
            i += 1;
            continue;
        }
        let s = i;
        let mut e = i + 1;
        loop {
            // a possessive ends a name: `CCP’s Ministry of State Security`
            // (but `the Attorney General's Office`, `People's Party`)
            if possessive_stem(toks[e - 1].text).is_some() {
                // (not after an organisation: `CCP’s Ministry`)
                let owner_org = toks[s..e].iter().any(|t| {
                    g.org_words
                        .contains(possessive_stem(t.text).unwrap_or(t.text))
                        || possessive_stem(t.text)
                            .unwrap_or(t.text)
                            .chars()
                            .all(|c| c.is_uppercase() || !c.is_alphabetic())
                });
                if e < n && g.org_words.contains(toks[e].text) && !owner_org {
                    e += 1;
                    continue;
                }
                break;
            }
            if e < n && is_name_word(&toks[e]) {
                e += 1;
                continue;
            }
            // connectors between names: `Ministry of State Security`, `Office of the Foreign Affairs Commission`
            let is_conn = |t: &Token| {
                // a word all in lower case is its own lower case
                t.word && t.text.chars().all(char::is_lowercase) && g.connectors.contains(t.text)
            };
            // (not before a day or month: `the Court on Thursday`)
            if e + 1 < n
                && is_conn(&toks[e])
                && is_name_word(&toks[e + 1])
                && !g.not_name.contains(toks[e + 1].text)
            {
                e += 2;
                continue;
            }
            // two particles: `José María de la Cruz`, `Ursula von der Leyen`
            if e + 2 < n
                && is_conn(&toks[e])
                && is_conn(&toks[e + 1])
                && !matches!(toks[e].text, "of" | "for" | "and" | "the" | "on" | "in")
                && is_name_word(&toks[e + 2])
            {
                e += 3;
                continue;
            }
            // a plural possessive inside a name: `Citizens' Privacy Initiative`
            if e + 1 < n
                && matches!(toks[e].text, "'" | "’")
                && toks[e].start == toks[e - 1].end()
                && toks[e - 1].text.ends_with('s')
                && is_name_word(&toks[e + 1])
            {
                e += 2;
                continue;
            }
            // `Office for the Coordination of …`, `Commission on the Status of …`
            if e + 2 < n
                && matches!(toks[e].text, "of" | "for" | "on")
                && toks[e + 1].text == "the"
                && is_name_word(&toks[e + 2])
                && !g.not_name.contains(toks[e + 2].text)
            {
                e += 3;
                continue;
            }
            // `Act of 1961`
            if e + 1 < n
                && g.law.contains(toks[e - 1].text)
                && toks[e].text == "of"
                && toks[e + 1].text.len() == 4
                && toks[e + 1].text.chars().all(|c| c.is_ascii_digit())
            {
                e += 2;
                continue;
            }
            // `Decree 1090`, `Law No. 10/2020`, `Convenio OIT nº 169`, `EPA Region 5`
            if let Some(k) = number_after(toks, s, e) {
                e = k;
                continue;
            }
            break;
        }
        let range = toks[s].start..toks[e - 1].end();
        i = e;
        if taken.holds(&range) {
            continue;
        }
        for (ps, pe) in split_chunk(toks, s, e) {
            classify(
                text,
                toks,
                ps,
                pe,
                ci,
                lower_words,
                known_people,
                taken,
                &mut names,
            );
        }
    }
    names.finish();
}

/// The end of a number that goes on the name `toks[s..e]`: after a law word
/// or a word such as `Region` (`Decree 1090`, `EPA Region 5`), or after a
/// word for `number` in a law's name (`Law No. 10/2020`, `Convenio OIT nº
/// 169`). The number may hold `/`, `-` or `.` between digits, and
/// capitals after `/` (`Directive 2006/24/EC`).
fn number_after(toks: &[Token], s: usize, e: usize) -> Option<usize> {
    let g = gazetteer();
    let n = toks.len();
    let mut k = e;
    let numbered = |t: &Token| g.law.contains(t.text) || g.numbered.contains(t.text);
    let law_in = || toks[s..k].iter().any(|t| g.law.contains(t.text));
    let joined = |a: usize| toks[a].start == toks[a - 1].end();
    if g.number_words.contains(toks[k - 1].text) && k - 1 > s {
        // `Law No` so far: the number word is in the name already
        if !law_in() {
            return None;
        }
    } else if k < n && g.number_words.contains(toks[k].text) {
        if !law_in() {
            return None;
        }
        k += 1;
    } else if !numbered(&toks[k - 1]) {
        return None;
    }
    if k < n && toks[k].text == "." && g.number_words.contains(toks[k - 1].text) && joined(k) {
        k += 1;
    }
    if !toks
        .get(k)
        .is_some_and(|t| t.word && t.text.starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    k += 1;
    // `10/2020`, `2006/24/EC`
    while k + 1 < n
        && matches!(toks[k].text, "/" | "-" | ".")
        && joined(k)
        && joined(k + 1)
        && (toks[k + 1].text.starts_with(|c: char| c.is_ascii_digit())
            || (toks[k].text == "/"
                && toks[k + 1].text.len() <= 4
                && toks[k + 1].text.bytes().all(|b| b.is_ascii_uppercase())))
    {
        k += 2;
    }
    Some(k)
}

/// Splits a capitalised sequence into the names it lists: at `and` between
/// names that each stand alone (`Zhang Zhan and Fang Bin`, `Ministry of
/// Finance and State Council`), and before a title followed by a name
/// (`Council on Environmental Quality Chair Brenda Mallory`).
fn split_chunk(toks: &[Token], s: usize, e: usize) -> Vec<(usize, usize)> {
    let g = gazetteer();
    // Counts of head words and law words in `toks[s..i]`, at `i - s`: a
    // chunk can be a whole paragraph of names, and asking "is there a head
    // word in this range" by scanning made splitting it quadratic.
    let mut head_count = Vec::with_capacity(e - s + 1);
    let mut law_count = Vec::with_capacity(e - s + 1);
    let (mut heads_so_far, mut laws_so_far) = (0usize, 0usize);
    head_count.push(0);
    law_count.push(0);
    for t in &toks[s..e] {
        let law = g.law.contains(t.text);
        heads_so_far +=
            usize::from(g.org_words.contains(t.text) || law || g.place_suffix.contains(t.text));
        laws_so_far += usize::from(law);
        head_count.push(heads_so_far);
        law_count.push(laws_so_far);
    }
    let heads = |a: usize, b: usize| head_count[b - s] > head_count[a - s];
    let law_in = |a: usize, b: usize| law_count[b - s] > law_count[a - s];
    // the longest title at token `k`, in tokens, not past `e`
    let title_at = |k: usize, e: usize| {
        names::titles()
            .starting(toks[k].text)
            .map(|t| &t.words)
            .filter(|tw| {
                tw.len() <= e - k
                    && tw.iter().enumerate().all(|(j, w)| {
                        toks[k + j]
                            .text
                            .eq_ignore_ascii_case(w.trim_end_matches('.'))
                            || toks[k + j].text.eq_ignore_ascii_case(w)
                    })
            })
            .map(Vec::len)
            .max()
    };
    let mut parts = Vec::new();
    let mut start = s;
    // How far the titles starting in `start..scanned` reach (the largest
    // `j + length`), kept as `k` moves on so that each token's titles are
    // looked up once rather than once per later connector.
    let (mut scanned, mut reach) = (s, 0usize);
    for k in s..e {
        if toks[k].text == "and" && k > start && k + 1 < e {
            let left = heads(start, k);
            let right = heads(k + 1, e);
            if left == right || (!right && g.given.contains(toks[k + 1].text)) {
                parts.push((start, k));
                start = k + 1;
            }
        }
        // `Simon Romero of the New York Times`, `Director of the Office of …`,
        // `Regional Administrator for EPA Region 5`
        // (but not inside a title: `Assistant Secretary of State James Steinberg`)
        let mut in_title = || {
            if scanned < start {
                (scanned, reach) = (start, 0);
            }
            while scanned < k {
                if let Some(n) = title_at(scanned, e) {
                    reach = reach.max(scanned + n);
                }
                scanned += 1;
            }
            reach > k + 1
        };
        if matches!(toks[k].text, "of" | "for" | "on")
            && k > start
            // `Article 8 of the European Convention` is one name
            && !(toks[k - 1].text.starts_with(|c: char| c.is_ascii_digit())
                && law_in(k + 1, e))
            && k + 1 < e
            && !heads(start, k)
            && heads(k + 1, e)
            && !in_title()
        {
            parts.push((start, k));
            start = if toks[k + 1].text == "the" {
                k + 2
            } else {
                k + 1
            };
        }
    }
    parts.push((start, e));
    let mut out = Vec::new();
    for (a, b) in parts {
        // a title inside: split before it when a name follows
        // (not after `of`: `Court of Justice of the European Union`)
        let cut = (a + 1..b).find(|&k| {
            toks[k - 1].text != "of"
                && title_at(k, b).is_some_and(|len| {
                    k + len < b
                        && toks[k].text.chars().next().is_some_and(char::is_uppercase)
                        && heads(a, k)
                })
        });
        match cut {
            Some(k) => {
                out.push((a, k));
                out.push((k, b));
            }
            None => out.push((a, b)),
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn classify(
    text: &str,
    toks: &[Token],
    mut s: usize,
    e: usize,
    ci: usize,
    lower_words: &LowerWords,
    known_people: &KnownPeople,
    taken: &mut Taken,
    found: &mut ClaimNames,
) {
    let g = gazetteer();
    let at_sentence_start = |k: usize| sentence_start(toks, k);
    // drop sentence openers and demonyms at the front (a demonym stays
    // right before an organization or law word: `European Court of Human
    // Rights`, but not `American Current TV`)
    let head_after = |k: usize| {
        toks[k + 1..e]
            .first()
            .is_some_and(|t| g.org_words.contains(t.text) || g.law.contains(t.text))
    };
    while s < e
        && ((at_sentence_start(s)
            && (g.openers.contains(toks[s].text) || g.function.contains(&*to_lower(toks[s].text))))
            || (g.demonym.contains(toks[s].text) && !head_after(s))
            || g.not_name.contains(strip_possessive(toks[s].text)))
    {
        s += 1;
    }
    // and connectors left at the front (`As the IEA`) or the end
    while s < e
        && toks[s].text.chars().all(char::is_lowercase)
        && g.connectors.contains(toks[s].text)
    {
        s += 1;
    }
    let mut e = e;
    while e > s
        && toks[e - 1].text.chars().all(char::is_lowercase)
        && g.connectors.contains(toks[e - 1].text)
    {
        e -= 1;
    }
    // `Geneva-based Labour Rights Monitor`: a place, then the name (and
    // `a Darwin-based company`: the place alone)
    if e > s {
        let t = &toks[s];
        let place = g
            .origin_suffix
            .iter()
            .find_map(|x| t.text.strip_suffix(x.as_str()))
            .filter(|p| p.starts_with(char::is_uppercase) && !p.contains('-'));
        if let Some(p) = place {
            let r = t.start..t.start + p.len();
            taken.push(r.clone());
            found.add(Found {
                claim: ci,
                name: p.to_string(),
                kind: EntityKind::Place,
                range: r,
            });
            s += 1;
        }
    }
    // an event (`Cyclone Ezra`) is no entity, nor is the name in it
    if s >= e || (e - s > 1 && g.event.contains(toks[s].text)) {
        if s < e {
            taken.push(toks[s].start..toks[e - 1].end());
        }
        return;
    }
    let words: Vec<&str> = toks[s..e]
        .iter()
        .filter(|t| t.word)
        .map(|t| strip_possessive(t.text))
        .collect();
    let name_end = toks[e - 1].start + strip_possessive(toks[e - 1].text).len();
    let range = toks[s].start..name_end;
    let name = text[range.clone()].to_string();
    let overlaps = taken.overlaps(&range);
    // `United Nations Universal Declaration of Human Rights`: an organization
    // of the gazetteer in front is no part of a law's name (a place is:
    // `Hong Kong Bill of Rights`)
    let law_start = found
        .starting_at(range.start)
        .filter(|f| f.claim == ci && f.kind == EntityKind::Organization)
        .map(|f| &f.range)
        .filter(|r| r.end < range.end)
        .map(|r| {
            // the first token after the organization's name
            let k = toks.partition_point(|t| t.start <= r.end);
            if k < toks.len() {
                k
            } else {
                s
            }
        })
        .max()
        .unwrap_or(s);
    let org_in_front = law_start > s;
    // a longer name wins over gazetteer names inside it (`Tangshan City`)
    let mut push = |name: String, kind: EntityKind, range: Range<usize>| {
        found.drop_inside(ci, &range);
        taken.push(range.clone());
        found.add(Found {
            claim: ci,
            name,
            kind,
            range,
        });
    };
    let has = |set: &HashSet<String>| words.iter().any(|w| set.contains(*w));
    // a law, treaty or declaration
    // a document noun that is no law word after the last law word names a
    // document (`Rights Report`, not `Declaration`; `Data Protection Act` is a law)
    let last_law = words.iter().rposition(|w| g.law.contains(*w));
    let doc_after_law = last_law.is_some_and(|l| {
        words[l + 1..]
            .iter()
            .any(|w| !g.law.contains(*w) && g.doc_nouns.contains(&*to_lower(w)))
    });
    // `Section 7008`: a numbered part of a law
    let law_part = words.len() >= 2
        && g.law_part.contains(words[0])
        && words[1].starts_with(|c: char| c.is_ascii_digit());
    // `the Act` alone points back to a law named before: no name of its own
    if words.len() == 1 && g.law.contains(words[0]) && !g.law_alone.contains(words[0]) {
        taken.push(range);
        return;
    }
    if law_part || (last_law.is_some() && !has(&g.org_words) && !doc_after_law) {
        // `United Nations Universal Declaration of Human Rights`: a gazetteer name in front
        let r2 = toks[law_start].start..name_end;
        push(text[r2.clone()].to_string(), EntityKind::Law, r2);
        return;
    }
    if has(&g.org_words) {
        // a trailing title is no part of it: `Communist Party Politburo Member`
        let mut k = e;
        while k > s + 1
            && names::titles()
                .starting(toks[k - 1].text)
                .any(|t| t.words.len() == 1)
            && !g.org_words.contains(toks[k - 1].text)
            && !g.connectors.contains(toks[k - 2].text)
        {
            k -= 1;
        }
        let r = toks[s].start..toks[k - 1].end();
        push(text[r.clone()].to_string(), EntityKind::Organization, r);
        return;
    }
    if (g.place_suffix.contains(words[words.len() - 1]) || g.place_prefix.contains(words[0]))
        && words.len() >= 2
    {
        push(name, EntityKind::Place, range);
        return;
    }
    if overlaps {
        // `EPA Region 5`: a numbered part of a known organization
        if org_in_front && words.iter().any(|w| g.numbered.contains(*w)) {
            push(name, EntityKind::Organization, range);
        }
        return;
    }
    // a title or role before it: `attorney Qin Yongpei`, `Secretary Blinken`
    let titled = || {
        // (a colon or comma between them ends it: `MINISTER KAUR: Good`)
        let before: Vec<&str> = toks[..s]
            .iter()
            .rev()
            .take_while(|t| t.word || matches!(t.text, "." | "(" | ")"))
            .take(4)
            .filter(|t| t.word)
            .map(|t| t.text)
            .collect();
        before.first().is_some_and(|w| {
            names::titles().ending(w).any(|t| {
                t.words.len() <= before.len()
                    && t.words.iter().rev().zip(before.iter()).all(|(a, b)| {
                        a.eq_ignore_ascii_case(b.trim_end_matches('.'))
                            || a.trim_end_matches('.').eq_ignore_ascii_case(b)
                    })
            })
        })
    };
    let (title_len, whole_title) = split_leading_title(&words);
    if whole_title {
        return; // `Senior Advisor`: a title alone names no one
    }
    let person_words = &words[title_len..];
    if person_words.is_empty() {
        return;
    }
    // the name's own words, without particles (`de la`, `von der`)
    let core: Vec<&str> = person_words
        .iter()
        .copied()
        .filter(|w| {
            !(w.chars().all(char::is_lowercase)
                && g.connectors.contains(*w)
                && !matches!(*w, "of" | "for" | "and" | "the" | "on" | "in"))
        })
        .collect();
    if core.is_empty() {
        return;
    }
    let all_caps = core.iter().all(|w| {
        w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    });
    let common = core.iter().any(|w| lower_words.contains(&lower(w)));
    // The tests below are worked out only when the cheaper ones leave the
    // question open: most capitalised words are settled before.
    let known = || {
        let joined = person_words.join(" ");
        known_people.names.contains(&joined) || known_people.last_names.contains(&joined)
    };
    let person_range = if title_len > 0 {
        let k = toks[s..e]
            .iter()
            .filter(|t| t.word)
            .nth(title_len)
            .map(|t| t.start)
            .unwrap_or(range.start);
        k..range.end
    } else {
        range.clone()
    };
    let dictionary = || {
        core.iter().all(|w| g.common.contains(&*to_lower(w)))
            || (g.common.contains(&*to_lower(core[core.len() - 1])) && !g.given.contains(core[0]))
    };
    let looks_like_name = || (2..=3).contains(&core.len()) && !dictionary();
    let numbered = person_words
        .iter()
        .any(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    if !all_caps
        && !common
        && !numbered
        && (title_len > 0 || titled() || known() || looks_like_name())
        && !person_words.iter().any(|w| g.not_name.contains(*w))
    {
        push(
            text[person_range.clone()].to_string(),
            EntityKind::Person,
            person_range,
        );
        return;
    }
    // a lone given name (`Thanks, Kate.`) is a person
    if words.len() == 1
        && !all_caps
        && !common
        && !at_sentence_start(s)
        && g.given.contains(words[0])
        && !g.not_name.contains(words[0])
        && !g.common.contains(&*to_lower(words[0]))
    {
        push(name, EntityKind::Person, range);
        return;
    }
    // `in Bamako`, `from Tillabéri`: a lone unknown name after a preposition of place
    // `in Bamako`, `in Beira and Dondo`, `the provinces of Kandal and Takeo`,
    // `the Buzi district`
    let place_list = |k: usize| {
        let mut k = k;
        // back over names joined by `and` or commas: `of Irbid, Zarqa and Balqa`
        while k >= 2 && matches!(toks[k - 1].text, "and" | ",") && is_name_word(&toks[k - 2]) {
            k -= 2;
            while k > 0 && is_name_word(&toks[k - 1]) {
                k -= 1;
            }
        }
        (k >= 1 && toks[k - 1].word && g.place_preps.contains(&*lower(toks[k - 1].text)))
            || (k >= 2 && toks[k - 1].text == "of" && g.place_nouns.contains(toks[k - 2].text))
    };
    let place_prep = (s > 0 && place_list(s))
        || toks
            .get(e)
            .is_some_and(|t| t.word && g.place_nouns.contains(t.text));
    if place_prep
        && words.len() == 1
        && !all_caps
        && !common
        && !g.not_name.contains(words[0])
        && !g.demonym.contains(words[0])
        && !g.org_words.contains(words[0])
    {
        push(name, EntityKind::Place, range);
        return;
    }
    // an acronym after `the` or an organisation noun: `the IEA`, `the
    // market operator, AEMO`, `the state broadcaster TVM`
    let acronym = words.len() == 1
        && (2..=6).contains(&words[0].len())
        && words[0].bytes().all(|b| b.is_ascii_uppercase())
        && !g.common_acronyms.contains(words[0]);
    if acronym && s > 0 {
        let mut k = s - 1;
        if toks[k].text == "," && k > 0 {
            k -= 1;
        }
        let w = lower(toks[k].text);
        if toks[k].word && (w == "the" || g.org_nouns.contains(&*w)) {
            push(name, EntityKind::Organization, range);
            return;
        }
    }
    if !at_sentence_start(s) || words.len() > 1 {
        push(name, EntityKind::Other, range);
    }
}

/// Whether token `k` opens a sentence: nothing but marks before it, or a
/// sentence end (`.`, `?`, `!`, `…`), a colon or an opening quotation mark between it
/// and the word before. A claim may hold several sentences of a quotation
/// (`“We have the tools. What we need …”`), whose first words are no names.
fn sentence_start(toks: &[Token], k: usize) -> bool {
    let g = gazetteer();
    let mut j = k;
    while j > 0 && !toks[j - 1].word {
        j -= 1;
        match toks[j].text {
            "?" | "!" | "…" | ":" | "“" | "\"" | "«" | "„" | "‘" => return true,
            // not after a title's dot: `Dr. Howard Okafor`
            "." => return j == 0 || !g.title_abbrevs.contains(toks[j - 1].text),
            _ => {}
        }
    }
    j == 0
}

/// How many words at the front are a title (`Secretary of State`, `President`),
/// and whether the words are a title and nothing else.
fn split_leading_title(words: &[&str]) -> (usize, bool) {
    // the cover with most words wins: `Deputy` + `Secretary of State`
    fn cover(words: &[&str], at: usize, depth: usize) -> usize {
        if depth > 4 || at >= words.len() {
            return 0;
        }
        names::titles()
            .starting(words[at])
            .map(|t| &t.words)
            .filter(|t| {
                t.len() <= words.len() - at
                    && t.iter().enumerate().all(|(k, w)| {
                        w.trim_end_matches('.')
                            .eq_ignore_ascii_case(words[at + k].trim_end_matches('.'))
                    })
            })
            .map(|t| t.len() + cover(words, at + t.len(), depth + 1))
            .max()
            .unwrap_or(0)
    }
    let n = cover(words, 0, 0);
    (n.min(words.len()), n >= words.len())
}

/// The length of the longest month name (`september`).
const MONTH_LEN: usize = 9;

/// Dates: `March 30`, `Dec. 31, 2019`, `May 2023`, `In May`, ISO `2024-08-23`.
fn dates(text: &str, toks: &[Token], ci: usize, found: &mut Vec<Found>) {
    let g = gazetteer();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // Month names are short ASCII words, and no other word lower-cases
        // to one (no non-ASCII letter lower-cases to an ASCII month letter):
        // most words are ruled out by length and initial before any
        // lower-casing or look-up.
        let initial = t.text.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
        let may_be_month =
            t.word && initial.is_ascii_lowercase() && g.month_initials & 1 << (initial - b'a') != 0;
        let word = if may_be_month {
            t.text.trim_end_matches('.')
        } else {
            ""
        };
        let key =
            if may_be_month && word.len() <= MONTH_LEN && word.is_ascii() && t.is_capitalized() {
                to_lower(word)
            } else {
                Default::default()
            };
        let is_month = !key.is_empty()
            && g.months.contains_key(&*key)
            && (key != "may"
                || i + 1 < toks.len() && toks[i + 1].text.chars().all(|c| c.is_ascii_digit())
                || i > 0 && toks[i - 1].text.eq_ignore_ascii_case("in"));
        if is_month {
            let mut e = i + 1;
            // `Jan. 5`: the dot of an abbreviation, kept only before a number
            if e + 1 < toks.len()
                && toks[e].text == "."
                && toks[e + 1].text.starts_with(|c: char| c.is_ascii_digit())
            {
                e += 1;
            }
            if e < toks.len()
                && toks[e].text.chars().all(|c| c.is_ascii_digit())
                && toks[e].text.len() <= 2
            {
                e += 1;
                if e < toks.len()
                    && toks[e].word
                    && matches!(toks[e].text, "st" | "nd" | "rd" | "th")
                {
                    e += 1;
                }
            }
            if e + 1 < toks.len()
                && toks[e].text == ","
                && toks[e + 1].text.len() == 4
                && toks[e + 1].text.chars().all(|c| c.is_ascii_digit())
            {
                e += 2;
            } else if e < toks.len()
                && toks[e].text.len() == 4
                && toks[e].text.chars().all(|c| c.is_ascii_digit())
            {
                e += 1;
            }
            let end = if e > i + 1 {
                toks[e - 1].end()
            } else {
                t.end()
            };
            found.push(Found {
                claim: ci,
                name: text[t.start..end].to_string(),
                kind: EntityKind::Date,
                range: t.start..end,
            });
            i = e.max(i + 1);
            continue;
        }
        // ISO dates and bare years after a preposition
        let iso = t.text.len() == 10
            && t.text.as_bytes().get(4) == Some(&b'-')
            && t.text.chars().filter(|c| c.is_ascii_digit()).count() == 8;
        let year = t.text.len() == 4
            && t.text.chars().all(|c| c.is_ascii_digit())
            && (t.text.starts_with("19") || t.text.starts_with("20"))
            && i > 0
            && matches!(
                toks[i - 1].text.to_lowercase().as_str(),
                "in" | "since" | "by" | "until" | "of" | "from" | "during"
            );
        if t.word && (iso || year) {
            found.push(Found {
                claim: ci,
                name: t.text.to_string(),
                kind: EntityKind::Date,
                range: t.start..t.end(),
            });
        }
        i += 1;
    }
}

/// A single word that is a word of a person's name is that person
/// (`Laura` after `Laura Ling`); an acronym whose letters are an
/// organisation's initials is that organisation (`CEQ`).
fn reclassify(found: &mut [Found]) {
    let person_words: HashSet<String> = found
        .iter()
        .filter(|f| f.kind == EntityKind::Person && f.name.contains(' '))
        .flat_map(|f| {
            f.name
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let org_initials: HashSet<String> = found
        .iter()
        .filter(|f| f.kind == EntityKind::Organization && f.name.contains(' '))
        .map(|f| names::initials(&f.name))
        .collect();
    for f in found
        .iter_mut()
        .filter(|f| f.kind == EntityKind::Other && !f.name.contains(' '))
    {
        let letters: String = f.name.chars().filter(|c| c.is_alphabetic()).collect();
        if person_words.contains(&f.name) {
            f.kind = EntityKind::Person;
        } else if letters.len() >= 2
            && letters.chars().all(char::is_uppercase)
            && org_initials.contains(&letters.to_lowercase())
        {
            f.kind = EntityKind::Organization;
        }
    }
}

/// Whether `long` ends with the words of `short` (`long` == `... short`).
fn ends_with_words(long: &str, short: &str) -> bool {
    long.len() > short.len()
        && long.ends_with(short)
        && long.as_bytes()[long.len() - short.len() - 1] == b' '
}

/// Merges names that stand for one entity and numbers the entities.
fn merge(drafts: &[Draft], doc: &Document, claims: &mut [Claim], found: Vec<Found>) -> Vec<Entity> {
    struct Acc {
        name: String,
        /// `name_key` of the name, and its initials and number of words,
        /// kept with it: every mention is compared with them.
        key: String,
        initials: String,
        words: usize,
        kind: EntityKind,
        aliases: Vec<String>,
        mentions: Vec<(usize, Span, String)>,
    }
    impl Acc {
        fn set_name(&mut self, name: String) -> String {
            self.key = name_key(&name);
            self.initials = names::initials(&name);
            self.words = name.split_whitespace().count();
            std::mem::replace(&mut self.name, name)
        }
    }
    let mut accs: Vec<Acc> = Vec::new();
    // name key -> the entity of each kind last found under it
    let mut by_key: HashMap<String, Vec<(EntityKind, usize)>> = HashMap::default();
    let mut person_words: HashMap<String, Vec<usize>> = HashMap::default();
    let mut k = String::new();
    for f in found {
        name_key_into(&f.name, &mut k);
        if k.is_empty() {
            continue;
        }
        let known = by_key
            .get(k.as_str())
            .and_then(|v| v.iter().find(|(kind, _)| *kind == f.kind))
            .map(|&(_, i)| i);
        let idx = known.or_else(|| match f.kind {
            EntityKind::Person => {
                // only people sharing a word can be the same person
                let words: Vec<&str> = k.split(' ').collect();
                let mut cands: Vec<usize> = words
                    .iter()
                    .filter_map(|w| person_words.get(*w))
                    .flatten()
                    .copied()
                    .collect();
                cands.sort_unstable();
                cands.into_iter().find(|&i| {
                    let a = &accs[i];
                    a.kind == EntityKind::Person && {
                        let aw: Vec<&str> = a.key.split(' ').collect();
                        (words.len() == 1 && aw.len() > 1 && aw.contains(&words[0]))
                            || (aw.len() == 1 && words.len() > 1 && words.contains(&aw[0]))
                    }
                })
            }
            EntityKind::Organization => {
                let acr: String = f.name.chars().filter(|c| c.is_alphabetic()).collect();
                let is_acr =
                    acr.len() >= 2 && acr.chars().all(char::is_uppercase) && !f.name.contains(' ');
                let acr = acr.to_lowercase();
                fn strip(s: &str) -> &str {
                    s.trim_start_matches("u s ").trim_start_matches("us ")
                }
                let core = strip(&k);
                accs.iter().position(|a| {
                    a.kind == EntityKind::Organization && {
                        let ak = a.key.as_str();
                        strip(ak) == core
                            || (is_acr && a.initials == acr)
                            || (k.len() > 4 && ends_with_words(ak, &k))
                            || (ak.len() > 4 && ends_with_words(&k, ak))
                    }
                })
            }
            _ => None,
        });
        let idx = match idx {
            Some(i) => i,
            None => {
                accs.push(Acc {
                    name: f.name.clone(),
                    key: k.clone(),
                    initials: names::initials(&f.name),
                    words: f.name.split_whitespace().count(),
                    kind: f.kind,
                    aliases: Vec::new(),
                    mentions: Vec::new(),
                });
                accs.len() - 1
            }
        };
        if known.is_none() {
            match by_key.get_mut(k.as_str()) {
                Some(v) => match v.iter_mut().find(|(kind, _)| *kind == f.kind) {
                    Some(e) => e.1 = idx,
                    None => v.push((f.kind, idx)),
                },
                None => {
                    by_key.insert(k.clone(), vec![(f.kind, idx)]);
                }
            }
        }
        let a = &mut accs[idx];
        let mut renamed = false;
        if f.name.split_whitespace().count() > a.words && f.kind != EntityKind::Date {
            renamed = true;
            let old = a.set_name(f.name.clone());
            if !a.aliases.contains(&old) {
                a.aliases.push(old);
            }
        } else if f.name != a.name && !a.aliases.contains(&f.name) {
            a.aliases.push(f.name.clone());
        }
        // spans are mapped here, in document order, rather than entity by entity
        let d = &drafts[f.claim];
        let span = doc.blocks[d.block]
            .source_span(d.range.start + f.range.start..d.range.start + f.range.end);
        a.mentions.push((f.claim, span, f.name));
        // A person found under a known key, and not renamed, has the words
        // of its name and of that key indexed already.
        if f.kind == EntityKind::Person && (known.is_none() || renamed) {
            for w in a.key.split(' ').chain(k.split(' ')) {
                match person_words.get_mut(w) {
                    Some(v) => {
                        if !v.contains(&idx) {
                            v.push(idx);
                        }
                    }
                    None => {
                        person_words.insert(w.to_string(), vec![idx]);
                    }
                }
            }
        }
    }
    let mut out = Vec::with_capacity(accs.len());
    for (i, a) in accs.into_iter().enumerate() {
        let id = format!("e{}", i + 1);
        let mut mentions = Vec::with_capacity(a.mentions.len());
        for (ci, span, text) in a.mentions {
            if !claims[ci].entities.contains(&id) {
                claims[ci].entities.push(id.clone());
            }
            mentions.push(Marked { text, span });
        }
        let aliases = a.aliases.into_iter().filter(|x| *x != a.name).collect();
        out.push(Entity {
            id,
            name: a.name,
            kind: a.kind,
            aliases,
            mentions,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{parse, InputFormat, SourceText};

    fn ents(text: &str) -> Vec<(EntityKind, String)> {
        let doc = parse(
            SourceText::new("t", &format!("Title\n\n{text}\n")),
            InputFormat::Plain,
        )
        .unwrap();
        let o = crate::outline::build(&doc);
        o.entities.into_iter().map(|e| (e.kind, e.name)).collect()
    }

    #[test]
    fn laws_places_people() {
        let e = ents("In accordance with the Foreign Assistance Act of 1961, attorney Qin Yongpei went to Tangshan City in China.");
        assert!(
            e.contains(&(EntityKind::Law, "Foreign Assistance Act of 1961".into())),
            "{e:?}"
        );
        assert!(
            e.contains(&(EntityKind::Person, "Qin Yongpei".into())),
            "{e:?}"
        );
        assert!(
            e.contains(&(EntityKind::Place, "Tangshan City".into())),
            "{e:?}"
        );
        assert!(e.contains(&(EntityKind::Place, "China".into())), "{e:?}");
    }

    #[test]
    fn origins_events_titles_and_handles() {
        let e = ents(
            "A report by the Geneva-based Labour Rights Monitor was read after Cyclone Ezra. \
             Economist Tomás Mandlate said so, and the user @voz_do_buzi says so too.",
        );
        for want in [
            (EntityKind::Place, "Geneva"),
            (EntityKind::Organization, "Labour Rights Monitor"),
            (EntityKind::Person, "Tomás Mandlate"),
        ] {
            assert!(e.contains(&(want.0, want.1.into())), "{want:?} in {e:?}");
        }
        for (_, name) in &e {
            assert!(
                !["Cyclone Ezra", "Ezra", "Economist", "@voz_do_buzi"].contains(&name.as_str())
                    && !name.contains("-based"),
                "{name} in {e:?}"
            );
        }
    }

    #[test]
    fn declarations_and_titles_across_of() {
        let e = ents(
            "Rights set forth in the United Nations Universal Declaration of Human Rights and the \
             Hong Kong Bill of Rights were cited by Assistant Secretary of State James Steinberg.",
        );
        for want in [
            (EntityKind::Law, "Universal Declaration of Human Rights"),
            (EntityKind::Law, "Hong Kong Bill of Rights"),
            (EntityKind::Person, "James Steinberg"),
        ] {
            assert!(e.contains(&(want.0, want.1.into())), "{want:?} in {e:?}");
        }
    }

    #[test]
    fn names_listed_after_a_place_noun_are_places() {
        let e = ents(
            "The audit covers canals in the governorates of Irbid, Zarqa and Balqa. \
             The road east of Ayorou is closed, as are markets in Beira and Dondo and the Buzi district.",
        );
        for p in ["Irbid", "Zarqa", "Balqa", "Ayorou", "Dondo", "Buzi"] {
            assert!(e.contains(&(EntityKind::Place, p.into())), "{p} in {e:?}");
        }
    }

    #[test]
    fn numbers_inside_names() {
        let e = ents(
            "The Disaster Law (Law No. 10/2020) and Convenio OIT nº 169 apply, and Decree 1090 \
             fell, said Dr. Howard Okafor, Regional Administrator for EPA Region 5.",
        );
        for want in [
            (EntityKind::Law, "Law No. 10/2020"),
            (EntityKind::Law, "Convenio OIT nº 169"),
            (EntityKind::Law, "Decree 1090"),
            (EntityKind::Person, "Howard Okafor"),
        ] {
            assert!(e.contains(&(want.0, want.1.into())), "{want:?} in {e:?}");
        }
        assert!(e.iter().any(|(_, n)| n == "EPA Region 5"), "{e:?}");
        assert!(!e.iter().any(|(_, n)| n.contains("Administrator")), "{e:?}");
    }

    #[test]
    fn court_and_law_names() {
        let e = ents(
            "The Constitutional Court on Thursday cited the Citizens' Privacy Initiative, the \
             Court of Justice of the European Union, Directive 2006/24/EC, the General Data \
             Protection Regulation and Article 8 of the European Convention on Human Rights, \
             as did the European Court of Human Rights.",
        );
        for want in [
            (EntityKind::Organization, "Constitutional Court"),
            (EntityKind::Organization, "Citizens' Privacy Initiative"),
            (
                EntityKind::Organization,
                "Court of Justice of the European Union",
            ),
            (EntityKind::Law, "Directive 2006/24/EC"),
            (EntityKind::Law, "General Data Protection Regulation"),
            (
                EntityKind::Law,
                "Article 8 of the European Convention on Human Rights",
            ),
            (EntityKind::Organization, "European Court of Human Rights"),
        ] {
            assert!(e.contains(&(want.0, want.1.into())), "{want:?} in {e:?}");
        }
    }

    #[test]
    fn places_acronyms_and_currencies() {
        let e = ents(
            "Kaur joined Joel Pearce on Harbour Radio. MINISTER KAUR: Good question. \
             Gas goes from a Darwin-based firm to Mount Isa in Queensland, near Tennant Creek, \
             as the IEA and the market operator, AEMO, and the United Nations Office for the \
             Coordination of Humanitarian Affairs said, for US$214 million.",
        );
        for want in [
            (EntityKind::Person, "Joel Pearce"),
            (EntityKind::Organization, "Harbour Radio"),
            (EntityKind::Place, "Darwin"),
            (EntityKind::Place, "Mount Isa"),
            (EntityKind::Place, "Queensland"),
            (EntityKind::Place, "Tennant Creek"),
            (EntityKind::Organization, "IEA"),
            (EntityKind::Organization, "AEMO"),
        ] {
            assert!(e.contains(&(want.0, want.1.into())), "{want:?} in {e:?}");
        }
        assert!(
            e.iter()
                .any(|(_, n)| n.ends_with("Coordination of Humanitarian Affairs")),
            "{e:?}"
        );
        for (k, n) in &e {
            assert!(!["US", "Good"].contains(&n.as_str()), "{k:?} {n} in {e:?}");
        }
    }

    #[test]
    fn particles_possessive_offices_and_given_place_names() {
        let e = ents(
            "José María de la Cruz asked the Attorney General's Office and the Rent Tribunal, \
             said Sofia Nyberg in the Plaza de Nariño, and the CCP’s Ministry of State Security agreed.",
        );
        for want in [
            (EntityKind::Person, "José María de la Cruz"),
            (EntityKind::Organization, "Attorney General's Office"),
            (EntityKind::Organization, "Rent Tribunal"),
            (EntityKind::Person, "Sofia Nyberg"),
            (EntityKind::Place, "Plaza de Nariño"),
            (EntityKind::Organization, "Ministry of State Security"),
        ] {
            assert!(e.contains(&(want.0, want.1.into())), "{want:?} in {e:?}");
        }
        assert!(!e.iter().any(|(_, n)| n == "Sofia"), "{e:?}");
    }

    #[test]
    fn a_law_word_alone_points_back() {
        let e = ents(
            "The Public Procurement Regulations 2016 apply. The provisions of the Act were used, \
             the Auditor-General reported, and the Constitution was amended.",
        );
        assert!(
            e.contains(&(
                EntityKind::Law,
                "Public Procurement Regulations 2016".into()
            )),
            "{e:?}"
        );
        assert!(
            e.contains(&(EntityKind::Law, "Constitution".into())),
            "{e:?}"
        );
        for (k, n) in &e {
            assert!(
                !["Act", "Auditor-General"].contains(&n.as_str()),
                "{k:?} {n} in {e:?}"
            );
        }
    }

    #[test]
    fn lone_given_names_and_sentence_starts() {
        let e = ents(
            "“Thanks, Kate. We have the tools. What we need is time,” he said on Jan. 5, 2026 \
             of the Lead and Copper Rule Improvements, praising the activist Fang Bin in March.",
        );
        for want in [
            (EntityKind::Person, "Kate"),
            (EntityKind::Person, "Fang Bin"),
            (EntityKind::Law, "Lead and Copper Rule Improvements"),
            (EntityKind::Date, "March"),
        ] {
            assert!(e.contains(&(want.0, want.1.into())), "{want:?} in {e:?}");
        }
        for (k, n) in &e {
            assert!(
                !["We", "What", "Jan"].contains(&n.as_str()),
                "{k:?} {n} in {e:?}"
            );
        }
    }

    #[test]
    fn lower_case_known_names_and_acronyms_merge() {
        let e =
            ents("Companies such as huawei helped the Chinese Communist Party. The CCP denied it.");
        assert!(
            e.contains(&(EntityKind::Organization, "Huawei".into())),
            "{e:?}"
        );
        assert_eq!(
            e.iter()
                .filter(|(k, n)| *k == EntityKind::Organization && n.contains("Communist"))
                .count(),
            1,
            "{e:?}"
        );
    }

    #[test]
    fn name_lists_find_whole_word_names() {
        let g = gazetteer();
        let places = lexicon::places();
        let orgs = lexicon::organizations();
        let mut all: Vec<String> = Vec::new();
        for gr in places.names() {
            all.extend(places.get(gr).iter().cloned());
        }
        all.extend(orgs.get("name").iter().cloned());
        let any: Vec<String> = orgs.get("any-case").to_vec();
        let plain = |pats: &[String], ci: bool| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(ci)
                .start_kind(StartKind::Both)
                .build(pats)
                .unwrap()
        };
        // the longest name at each word start, from where the last ended
        let by_words = |ac: &AhoCorasick, text: &str| {
            let mut out = Vec::new();
            let mut pos = 0;
            while pos < text.len() {
                if text.is_char_boundary(pos) && is_word_boundary(text, pos, true) {
                    let input = Input::new(text).range(pos..).anchored(Anchored::Yes);
                    if let Some(m) = ac.find(input) {
                        out.push((m.start(), m.end(), m.pattern()));
                        pos = m.end();
                        continue;
                    }
                }
                pos += 1;
            }
            out
        };
        let (exact, any_case) = (plain(&all, false), plain(&any, true));
        // texts made of names, pieces of names and other words, run together
        let mut pieces: Vec<String> = all.iter().chain(&any).take(400).cloned().collect();
        pieces.extend(
            all.iter()
                .take(200)
                .map(|n| n.chars().take(n.chars().count() / 2).collect::<String>()),
        );
        pieces.extend(any.iter().map(|n| n.to_uppercase()));
        pieces.extend(["a", "l", "-", " ", "the ", "é", "ÜN", "s"].map(String::from));
        let mut seed = 7u64;
        let mut seen = 0;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(&pieces[(seed >> 33) as usize % pieces.len()]);
            }
            let spans = |it: &mut dyn Iterator<Item = aho_corasick::Match>| {
                it.map(|m| (m.start(), m.end(), m.pattern()))
                    .collect::<Vec<_>>()
            };
            let mut starts = Vec::new();
            word_starts(&text, &mut starts);
            let found = spans(&mut g.exact.find_iter(&text, &starts));
            seen += found.len();
            assert_eq!(found, by_words(&exact, &text), "{text}");
            assert_eq!(
                spans(&mut g.any_case.find_iter(&text, &starts)),
                by_words(&any_case, &text),
                "{text}"
            );
        }
        assert!(seen > 2000, "{seen}");
    }

    #[test]
    fn month_names_fit() {
        let g = gazetteer();
        assert!(g.months.keys().all(|k| k.len() <= MONTH_LEN));
        // the initials filter reads them as lower-case ASCII
        assert!(g
            .months
            .keys()
            .all(|k| k.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn dates_found() {
        let e = ents("The report came out on March 30, and on Dec. 31, 2019 the rules changed.");
        assert!(
            e.iter()
                .any(|(k, n)| *k == EntityKind::Date && n == "March 30"),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|(k, n)| *k == EntityKind::Date && n == "Dec. 31, 2019"),
            "{e:?}"
        );
    }
}
