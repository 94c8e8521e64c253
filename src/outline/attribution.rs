//! Attribution: who each claim comes from.
//!
//! For every claim we look for **cues** outside quotations:
//! - a reporting verb (`said`, `notes`, `focuses on`, from
//!   `data/reporting_verbs.txt`) with its subject before it (`The report
//!   notes`), or after it when the verb follows a quotation (`“…,” said X`);
//! - `according to X`;
//! - `X: “…”` and a participle after a comma (`…, saying:`), whose source is
//!   the sentence's subject;
//! - a speaker label opening a paragraph of a transcript (`MODERATOR:`, `Q`).
//!
//! The words naming the source (the *mention*) are resolved to a source:
//! titles and roles are split off (`Secretary of State Antony Blinken`),
//! short names match longer ones (`Blinken`), pronouns go to the nearest
//! compatible source, definite descriptions (`the report`) to the last source
//! of that kind. When a claim has two cues (`According to the report, Human
//! Rights Watch said`), the inner one is the source and the outer one `via`.
//!
//! Paragraph rules then carry attribution on: a quotation standing alone
//! after an attributed one keeps its speaker; block quotations introduced by
//! `X says:` are X's; a translation following a foreign-language quotation is
//! the quoted speaker's; in a transcript every sentence is the current
//! speaker's until the next label.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use super::lexicon;
use super::model::{Claim, Cue as CueMark, CueKind, Marked, Quote, Source, SourceKind};
use super::names;
use super::segment::{is_close_double, is_open_double};
use super::text::{self, possessive_stem, tokens, Lower, Token};
use super::Draft;
use crate::read::Document;

mod syntax;

// ---------------------------------------------------------------------------
// Word lists

struct Lists {
    /// verb form (lower case) -> (strong, particle after it, if phrasal)
    verbs: HashMap<String, Vec<(bool, Option<String>)>>,
    /// verb form (lower case) -> the kind of cue it makes, where that is not
    /// speech (`shows`: evidence, `believes`: belief)
    kinds: HashMap<String, CueKind>,
    /// stance verb form (lower case) -> (kind, takes a noun phrase as its
    /// complement): cues through the parse only
    stances: HashMap<String, (CueKind, bool)>,
    doc_nouns: HashSet<String>,
    org_words: HashSet<String>,
    org_lower: HashSet<String>,
    group_nouns: HashSet<String>,
    /// `the authors`: the writers of the document last named, who speak for it
    author_nouns: HashSet<String>,
    /// Abbreviated titles before a name (`Dr`, `Gen`).
    title_abbrevs: HashSet<String>,
    /// speaker labels of a transcript's host (`MODERATOR`)
    hosts: HashSet<String>,
    aux: HashSet<String>,
    infinitive: HashSet<String>,
    stop: HashSet<String>,
    det: HashSet<String>,
    connectors: HashSet<String>,
    /// words after a noun phrase's head (`survivors of the camps`)
    head_boundary: HashSet<String>,
    known_orgs: HashSet<String>,
    places: HashSet<String>,
    not_name: HashSet<String>,
    /// frequent short English words: few of them means another language
    english: HashSet<String>,
    cue_shapes: CueShapes,
    /// relative pronouns (`who`), which stand for the noun before them
    relative: HashSet<String>,
    /// past forms of the reporting verbs (`said`, `reported`): never nouns
    past: HashSet<String>,
    /// forms of verbs that are cues only where the parse shows a report
    report_only: HashSet<String>,
}

impl Lists {
    /// Whether a lower-case word can be a cue's verb: a reporting or a
    /// stance verb.
    fn cue_verb(&self, w: &str) -> bool {
        self.verbs.contains_key(w) || self.stances.contains_key(w)
    }
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        let rv = lexicon::reporting_verbs();
        let mut verbs: HashMap<String, Vec<(bool, Option<String>)>> = HashMap::default();
        for (group, strong) in [("verbs", true), ("phrasal", true), ("weak", false)] {
            for line in rv.get(group) {
                for form in line.split('|') {
                    let form = form.trim().to_lowercase();
                    let mut parts = form.splitn(2, ' ');
                    let head = parts.next().unwrap_or("").to_string();
                    let particle = parts.next().map(str::to_string);
                    let entry = verbs.entry(head).or_default();
                    if !entry.contains(&(strong, particle.clone())) {
                        entry.push((strong, particle));
                    }
                }
            }
        }
        // per line of forms (lemma first): the past forms (after the lemma
        // and third person), which are never nouns as a lemma, `-s` or
        // `-ing` form may be, and the kind of an evidence verb
        let evidence = lexicon::evidence_verbs().set("");
        let mut past = HashSet::default();
        let mut kinds: HashMap<String, CueKind> = HashMap::default();
        for group in ["verbs", "phrasal", "weak"] {
            for line in rv.get(group) {
                let lemma = line.split('|').next().unwrap_or("").trim().to_lowercase();
                let heads: Vec<String> = line
                    .split('|')
                    .map(|f| f.trim().split(' ').next().unwrap_or("").to_lowercase())
                    .collect();
                for f in heads.iter().skip(2) {
                    if !f.ends_with("ing") && !heads[..2].contains(f) {
                        past.insert(f.clone());
                    }
                }
                if evidence.contains(&lemma) {
                    for head in &heads {
                        kinds.insert(head.clone(), CueKind::Evidence);
                    }
                }
            }
        }
        let sv = lexicon::stance_verbs();
        let mut stances: HashMap<String, (CueKind, bool)> = HashMap::default();
        for (group, kind, object) in [
            ("belief", CueKind::Belief, false),
            ("belief-object", CueKind::Belief, true),
            ("intention", CueKind::Intention, false),
            ("intention-object", CueKind::Intention, true),
        ] {
            for line in sv.get(group) {
                for form in line.split('|') {
                    let form = form.trim().to_lowercase();
                    // a strong reporting verb keeps its kind (`promised` is
                    // said), but not one listed with a particle only: `called
                    // for` is said, `called the plan a failure` a stance
                    let strong = verbs
                        .get(&form)
                        .is_some_and(|e| e.iter().any(|(s, p)| *s && p.is_none()));
                    if !strong {
                        kinds.insert(form.clone(), kind);
                    }
                    stances.insert(form, (kind, object));
                }
            }
        }
        let sn = lexicon::source_nouns();
        let fw = lexicon::function_words();
        let places = lexicon::places();
        let mut place_set = HashSet::default();
        for g in places.names() {
            place_set.extend(places.get(g).iter().cloned());
        }
        let orgs = lexicon::organizations();
        let mut known_orgs = HashSet::default();
        for g in orgs.names() {
            known_orgs.extend(orgs.get(g).iter().map(|s| s.to_lowercase()));
        }
        let l = Lists {
            verbs,
            kinds,
            stances,
            doc_nouns: sn.lower_set("document"),
            org_words: sn.set("organization"),
            org_lower: sn.lower_set("organization-lower"),
            group_nouns: sn.lower_set("group"),
            author_nouns: sn.lower_set("author"),
            title_abbrevs: super::lexicon::abbreviations().set("title"),
            hosts: sn.lower_set("host"),
            aux: fw.lower_set("aux"),
            infinitive: fw.lower_set("infinitive-carrier"),
            stop: fw.lower_set("stop"),
            det: fw.lower_set("determiner"),
            connectors: fw.lower_set("connector"),
            head_boundary: fw.lower_set("head-boundary"),
            known_orgs,
            places: place_set,
            not_name: lexicon::entity_words().set("not-name"),
            english: fw.lower_set("english-marker"),
            cue_shapes: CueShapes::default(),
            relative: lexicon::pronouns().lower_set("relative"),
            past,
            report_only: rv
                .get("report-only")
                .iter()
                .flat_map(|l| l.split('|').map(|f| f.trim().to_lowercase()))
                .collect(),
        };
        let mut shapes = CueShapes::default();
        for w in l
            .verbs
            .keys()
            .chain(l.stances.keys())
            .map(String::as_str)
            .chain(["according"])
        {
            shapes.add(w);
        }
        Lists {
            cue_shapes: shapes,
            ..l
        }
    })
}

/// The first two letters and the lengths of the words that can open a cue
/// (the reporting verbs and `according`): most words of a claim are told
/// apart from all of them by these alone, without lower-casing them and
/// looking them up.
#[derive(Debug, Default)]
struct CueShapes {
    /// Bit `n` of entry `slot(a, b)`: a cue word of `n` bytes may start
    /// with the bytes `a`, `b` (slots are shared, which only lets more
    /// words through).
    bits: Vec<u64>,
}

impl CueShapes {
    const SLOTS: usize = 1024;

    /// The bit standing for a length (all lengths from 63 on share one).
    fn bit(len: usize) -> u64 {
        1 << len.min(63)
    }

    /// The slot of a word starting with ASCII-lower-cased bytes `a`, `b`
    /// (`b` is 0 for a one-byte word).
    fn slot(w: &[u8]) -> usize {
        let a = usize::from(w.first().map_or(0, u8::to_ascii_lowercase));
        let b = usize::from(w.get(1).map_or(0, u8::to_ascii_lowercase));
        (a * 31 + b) % Self::SLOTS
    }

    fn add(&mut self, w: &str) {
        if self.bits.is_empty() {
            self.bits = vec![0; Self::SLOTS];
        }
        self.bits[Self::slot(w.as_bytes())] |= Self::bit(w.len());
    }

    /// Whether the word, lower-cased, may be a cue word (never false for one).
    fn may_be(&self, word: &str) -> bool {
        // lower-casing may change the bytes of text other than ASCII
        !word.is_ascii()
            || self
                .bits
                .get(Self::slot(word.as_bytes()))
                .is_some_and(|&bits| bits & Self::bit(word.len()) != 0)
    }
}

// ---------------------------------------------------------------------------
// Source registry

/// Gender of a person source, when a pronoun told us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    kind: SourceKind,
    role: Option<String>,
    aliases: Vec<String>,
    gender: Option<Gender>,
    claims: usize,
    /// `name_key` of the name and of every alias, kept so lookups do not
    /// recompute them.
    keys: Vec<String>,
}

#[derive(Debug, Default)]
struct Registry {
    entries: Vec<Entry>,
    /// name key -> the latest source using it
    exact: HashMap<String, usize>,
    /// a word of a person's name -> the people whose name has it
    person_words: HashMap<String, Vec<usize>>,
    /// The source last used of each kind, and when (a count of uses), for
    /// the nearest of several kinds.
    last_by_kind: HashMap<SourceKindKey, (u64, usize)>,
    uses: u64,
    last_person: Option<usize>,
    last_any: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum SourceKindKey {
    Person,
    Organization,
    Document,
    Group,
}

fn key(k: SourceKind) -> SourceKindKey {
    match k {
        SourceKind::Person => SourceKindKey::Person,
        SourceKind::Organization => SourceKindKey::Organization,
        SourceKind::Document => SourceKindKey::Document,
        SourceKind::Group => SourceKindKey::Group,
    }
}

/// Lower-cases and drops punctuation and a leading article, for comparing names.
pub fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    name_key_into(s, &mut out);
    out
}

/// [`name_key`] into a buffer (cleared first), so that a loop can reuse one.
pub fn name_key_into(s: &str, out: &mut String) {
    out.clear();
    // curly apostrophes count as straight ones
    let s = ["'s", "’s", "‘s"]
        .iter()
        .find_map(|p| s.strip_suffix(p))
        .unwrap_or(s);
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    // only spaces separate the words, and only spaces are trimmed
    let end = out.trim_end_matches(' ').len();
    out.truncate(end);
    let lead = out.len() - out.trim_start_matches(' ').len();
    let t = &out[lead..];
    let article = ["the ", "a ", "an "]
        .iter()
        .find(|a| t.starts_with(*a))
        .map_or(0, |a| a.len());
    out.drain(..lead + article);
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) && !s.contains(' ')
}

/// Drops `U.S.`, `US` and similar national prefixes when comparing organisation names.
fn org_core(k: &str) -> String {
    let mut s = k.to_string();
    for p in ["u s ", "us ", "united states ", "uk ", "u k "] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.to_string();
        }
    }
    s
}

impl Registry {
    /// Finds the source a new mention names, if any.
    fn find(&self, name: &str, kind: SourceKind) -> Option<usize> {
        let k = name_key(name);
        if k.is_empty() {
            return None;
        }
        if let Some(&i) = self.exact.get(&k) {
            return Some(i);
        }
        match kind {
            SourceKind::Person => {
                let words: Vec<&str> = k.split(' ').collect();
                // only people sharing a word of the name can match
                let mut cands: Vec<usize> = words
                    .iter()
                    .filter_map(|w| self.person_words.get(*w))
                    .flatten()
                    .copied()
                    .collect();
                cands.sort_unstable();
                cands.dedup();
                for &i in cands.iter().rev() {
                    let e = &self.entries[i];
                    if e.kind != SourceKind::Person {
                        continue;
                    }
                    let ek = &e.keys[0];
                    let ew: Vec<&str> = ek.split(' ').collect();
                    // a short name: one word that is a word of the full name
                    if words.len() == 1 && ew.contains(&words[0]) {
                        return Some(i);
                    }
                    // a full name whose last word matches a short name seen first
                    if ew.len() == 1 && words.contains(&ew[0]) {
                        return Some(i);
                    }
                    if words.len() > 1
                        && ew.len() > 1
                        && words.last() == ew.last()
                        && words[0] == ew[0]
                    {
                        return Some(i);
                    }
                }
                None
            }
            SourceKind::Organization | SourceKind::Group => {
                let core = org_core(&k);
                let acr = is_acronym(name).then(|| {
                    name.chars()
                        .filter(|c| c.is_alphabetic())
                        .collect::<String>()
                        .to_lowercase()
                });
                for (i, e) in self.entries.iter().enumerate().rev() {
                    if e.kind != SourceKind::Organization && e.kind != SourceKind::Group {
                        continue;
                    }
                    for (alias, ak) in e.aliases.iter().zip(&e.keys) {
                        let acore = org_core(ak);
                        if acore == core
                            || (core.len() > 3 && acore.ends_with(&format!(" {core}")))
                            || (acore.len() > 3 && core.ends_with(&format!(" {acore}")))
                        {
                            return Some(i);
                        }
                        if let Some(a) = &acr {
                            if names::initials(alias) == *a
                                || org_core(&names::initials(alias)) == org_core(a)
                            {
                                return Some(i);
                            }
                        }
                        if is_acronym(alias) && names::initials(name) == ak.replace(' ', "") {
                            return Some(i);
                        }
                    }
                }
                None
            }
            SourceKind::Document => {
                // "the report" matches the last document whose name holds "report"
                let head = k.split(' ').next_back().unwrap_or("");
                for (i, e) in self.entries.iter().enumerate().rev() {
                    if e.kind != SourceKind::Document {
                        continue;
                    }
                    let ek = &e.keys[0];
                    if *ek == k
                        || ek.ends_with(&format!(" {k}"))
                        || k.ends_with(&format!(" {ek}"))
                        || ek
                            .split(' ')
                            .any(|w| w == head || w == head.trim_end_matches('s'))
                    {
                        return Some(i);
                    }
                }
                None
            }
        }
    }

    fn add(&mut self, name: &str, kind: SourceKind, role: Option<String>) -> usize {
        let k = name_key(name);
        self.entries.push(Entry {
            name: name.to_string(),
            kind,
            role,
            aliases: vec![name.to_string()],
            gender: None,
            claims: 0,
            keys: vec![k.clone()],
        });
        let idx = self.entries.len() - 1;
        if kind == SourceKind::Person {
            self.index_person_words(idx);
        }
        self.exact.insert(k, idx);
        idx
    }

    fn index_person_words(&mut self, idx: usize) {
        for w in self.entries[idx].keys[0].split(' ') {
            let v = self.person_words.entry(w.to_string()).or_default();
            if !v.contains(&idx) {
                v.push(idx);
            }
        }
    }

    /// Records another name for a source. The first alias stays the name's
    /// key, so `keys[0]` is always the key of the name the source had first.
    fn add_alias(&mut self, idx: usize, alias: &str) {
        let alias = alias.trim();
        let e = &mut self.entries[idx];
        if alias.is_empty() || e.aliases.iter().any(|x| x == alias) {
            return;
        }
        let k = name_key(alias);
        e.aliases.push(alias.to_string());
        e.keys.push(k.clone());
        if !k.is_empty() {
            self.exact.insert(k, idx);
        }
    }

    /// Renames a source to a fuller name, keeping the old one as an alias.
    fn rename(&mut self, idx: usize, name: &str) {
        let k = name_key(name);
        let e = &mut self.entries[idx];
        if let Some(p) = e.aliases.iter().skip(1).position(|a| a == name) {
            e.aliases.remove(p + 1);
            e.keys.remove(p + 1);
        }
        let old = std::mem::replace(&mut e.aliases[0], name.to_string());
        let old_k = std::mem::replace(&mut e.keys[0], k.clone());
        e.name = name.to_string();
        if !e.aliases.contains(&old) {
            e.aliases.push(old);
            e.keys.push(old_k);
        }
        if e.kind == SourceKind::Person {
            self.index_person_words(idx);
        }
        if !k.is_empty() {
            self.exact.insert(k, idx);
        }
    }

    /// Resolves a mention to a source, creating it when new.
    fn resolve(&mut self, m: &Mention) -> usize {
        let idx = match self.find(&m.name, m.kind) {
            Some(i) => {
                let e = &self.entries[i];
                // keep the fullest name
                if e.kind == m.kind
                    && m.name.split_whitespace().count() > e.name.split_whitespace().count()
                    && !m.definite
                {
                    self.rename(i, &m.name);
                }
                let e = &mut self.entries[i];
                if e.role.is_none() {
                    e.role = m.role.clone();
                }
                i
            }
            None => self.add(&m.name, m.kind, m.role.clone()),
        };
        self.add_alias(idx, &m.name);
        self.add_alias(idx, &m.surface);
        idx
    }

    fn touch(&mut self, idx: usize) {
        let kind = self.entries[idx].kind;
        self.uses += 1;
        self.last_by_kind.insert(key(kind), (self.uses, idx));
        if kind == SourceKind::Person {
            self.last_person = Some(idx);
        }
        self.last_any = Some(idx);
    }

    /// The source last used among those of `kinds`.
    fn latest_of(&self, kinds: &[SourceKindKey]) -> Option<usize> {
        kinds
            .iter()
            .filter_map(|k| self.last_by_kind.get(k))
            .max_by_key(|(used, _)| *used)
            .map(|&(_, i)| i)
    }
}

// ---------------------------------------------------------------------------
// Mentions and cues within one claim

/// A source named in a claim.
#[derive(Debug, Clone)]
struct Mention {
    /// The name to register (title split off, article dropped).
    name: String,
    /// The words as written.
    surface: String,
    range: Range<usize>,
    kind: SourceKind,
    role: Option<String>,
    /// `the report`, `the ministry`: resolved to the last source of its kind.
    definite: bool,
    pronoun: Option<Pronoun>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pronoun {
    He,
    She,
    They,
    It,
    We,
    I,
    You,
}

#[derive(Debug, Clone)]
struct Cue {
    range: Range<usize>,
    mention: Option<Mention>,
    /// The source is the subject of the sentence (participles: `…, saying`).
    sentence_subject: bool,
    /// A weak verb (`continues`, `believes`): a cue only with a known or named source.
    weak: bool,
}

/// A resolved cue: (source, cue range, mention range, is `according to`).
type Resolved = (usize, Range<usize>, Option<Range<usize>>, bool);

/// The first word of a cue (its verb, or `according`).
fn cue_head<'t>(text: &'t str, c: &Cue) -> &'t str {
    text[c.range.clone()].split(' ').next().unwrap_or("")
}

/// The kind of a cue, from its verb's lemma (data/evidence_verbs.txt,
/// data/stance_verbs.txt): speech unless a word of it is listed there.
fn cue_kind(cue: &str) -> CueKind {
    let l = lists();
    // a verb that is a stance alone may say with its particle (`called for`)
    if let Some((head, rest)) = cue.split_once(' ') {
        let (head, rest) = (head.to_lowercase(), rest.to_lowercase());
        let said = l.verbs.get(head.as_str()).is_some_and(|e| {
            e.iter()
                .any(|(strong, p)| *strong && p.as_deref() == Some(rest.as_str()))
        });
        if said
            && matches!(
                l.kinds.get(head.as_str()),
                Some(CueKind::Belief | CueKind::Intention)
            )
        {
            return CueKind::default();
        }
    }
    cue.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .find_map(|w| l.kinds.get(w.to_lowercase().as_str()).copied())
        .unwrap_or_default()
}

fn word_lower<'a>(t: &Token<'a>) -> super::text::Lower<'a> {
    super::text::lower(t.text)
}

fn is_cap(t: &Token) -> bool {
    t.word && t.is_capitalized()
}

/// Marks tokens inside double quotations (curly or straight).
fn quote_mask(toks: &[Token]) -> Vec<bool> {
    let mut mask = Vec::new();
    quote_mask_into(toks, &mut mask);
    mask
}

/// [`quote_mask`] into a buffer, reused claim after claim.
fn quote_mask_into(toks: &[Token], mask: &mut Vec<bool>) {
    mask.clear();
    mask.resize(toks.len(), false);
    let mut depth = 0usize;
    let mut straight = false;
    for (i, t) in toks.iter().enumerate() {
        let c = t.text.chars().next().unwrap_or(' ');
        if !t.word && is_open_double(c) {
            depth += 1;
            mask[i] = true;
            continue;
        }
        if !t.word && is_close_double(c) {
            mask[i] = true;
            depth = depth.saturating_sub(1);
            continue;
        }
        if !t.word && c == '"' {
            mask[i] = true;
            straight = !straight;
            continue;
        }
        mask[i] = depth > 0 || straight;
    }
}

/// Finds the cues in one claim.
fn find_cues(text: &str, toks: &[Token], mask: &[bool]) -> Vec<Cue> {
    let l = lists();
    let mut cues = Vec::new();
    let n = toks.len();
    let mut i = 0;
    while i < n {
        if mask[i] || !toks[i].word {
            i += 1;
            continue;
        }
        let cue_word = l.cue_shapes.may_be(toks[i].text);
        let w = if cue_word {
            word_lower(&toks[i])
        } else {
            Lower::default()
        };
        // according to X
        if cue_word && w == "according" && i + 1 < n && word_lower(&toks[i + 1]) == "to" {
            let np = forward_np(text, toks, mask, i + 2);
            if let Some(m) = np.and_then(|r| mention_from(text, toks, r)) {
                cues.push(Cue {
                    range: toks[i].start..toks[i + 1].end(),
                    mention: Some(m),
                    sentence_subject: false,
                    weak: false,
                });
            }
            i += 2;
            continue;
        }
        if let Some(forms) = l.verbs.get(&*w).filter(|_| cue_word) {
            // phrasal verbs need their particle
            let mut matched: Option<(bool, usize)> = None;
            for (strong, particle) in forms {
                match particle {
                    None => {
                        if matched.is_none() {
                            matched = Some((*strong, i));
                        }
                    }
                    Some(p) => {
                        let pw: Vec<&str> = p.split(' ').collect();
                        if pw.iter().enumerate().all(|(k, pw)| {
                            toks.get(i + 1 + k)
                                .is_some_and(|t| t.word && t.text.eq_ignore_ascii_case(pw))
                        }) {
                            matched = Some((*strong, i + pw.len()));
                        }
                    }
                }
            }
            let Some((strong, last)) = matched else {
                i += 1;
                continue;
            };
            // a verb form capitalised mid-sentence is a name (`Said`, `Report`);
            // after a determiner it is a noun (`the report`, `any questions`)
            // (or a possessive: `Aamer’s question`, `the party's claims`)
            let after_det = i > 0
                && (l.det.contains(&*word_lower(&toks[i - 1]))
                    || possessive_stem(toks[i - 1].text).is_some());
            if (toks[i].is_capitalized() && i > 0) || after_det {
                i += 1;
                continue;
            }
            let range = toks[i].start..toks[last].end();
            // `replied with photos`, `responded by closing`: an act, not words
            if toks
                .get(last + 1)
                .is_some_and(|t| matches!(t.text, "with" | "by"))
                && !mask.get(last + 2).copied().unwrap_or(false)
            {
                i = last + 1;
                continue;
            }
            // a negated verb reports that nothing was said (`has not commented`)
            if negated(toks, i) {
                i = last + 1;
                continue;
            }
            // `a petition calling for`: an -ing form needs `is`/`are`/… or a comma
            if w.ends_with("ing") && i > 0 && toks[i - 1].text != "," && !progressive(toks, i) {
                i = last + 1;
                continue;
            }
            // participle after a comma: `…, saying:`
            if w.ends_with("ing") && i > 0 && toks[i - 1].text == "," {
                cues.push(Cue {
                    range,
                    mention: None,
                    sentence_subject: true,
                    weak: !strong,
                });
                i = last + 1;
                continue;
            }
            // `The pipeline was proposed by …`: the subject of a passive
            // is what was said, not who said it (but `X was quoted as saying`)
            if passive(toks, i) && !toks.get(last + 1).is_some_and(|t| word_lower(t) == "as") {
                i = last + 1;
                continue;
            }
            // `Good question.`: subject and verb alone, with nothing said
            // before or after them, report nothing
            let bare = |m: &Mention| {
                toks.get(last + 1)
                    .is_none_or(|t| matches!(t.text, "." | "!" | "?"))
                    && toks
                        .partition_point(|t| t.start < m.range.start)
                        .checked_sub(1)
                        .and_then(|k| toks.get(k))
                        .is_none_or(|t| matches!(t.text, "." | "!" | "?" | ":"))
                    && !mask.iter().any(|&q| q)
            };
            let subject = subject_before(text, toks, mask, i)
                .filter(|m| !reduced_relative(toks, &w, last, m.range.start) && !bare(m));
            if let Some(m) = subject {
                cues.push(Cue {
                    range,
                    mention: Some(m),
                    sentence_subject: false,
                    weak: !strong,
                });
            } else if let Some(m) = inverted_subject(text, toks, mask, i, last) {
                cues.push(Cue {
                    range,
                    mention: Some(m),
                    sentence_subject: false,
                    weak: !strong,
                });
            } else if coordinated(toks, i) && !(w.ends_with("ed") && passive_before(toks, i)) {
                cues.push(Cue {
                    range,
                    mention: None,
                    sentence_subject: true,
                    weak: !strong,
                });
            }
            i = last + 1;
            continue;
        }
        // X: “…”
        if i + 2 < n && toks[i + 1].text == ":" && mask[i + 2] {
            if let Some(m) = subject_before(text, toks, mask, i + 1) {
                cues.push(Cue {
                    range: toks[i + 1].start..toks[i + 1].end(),
                    mention: Some(m),
                    sentence_subject: false,
                    weak: false,
                });
            }
        }
        i += 1;
    }
    cues
}

/// Whether a claim has a word that can be a cue (a reporting verb's form or
/// `according`), outside what it quotes or not: only such claims are parsed.
fn has_cue_word(toks: &[Token]) -> bool {
    let l = lists();
    toks.iter().any(|t| {
        t.word && l.cue_shapes.may_be(t.text) && {
            let w = word_lower(t);
            &*w == "according" || l.cue_verb(&w)
        }
    })
}

/// Whether a participle with its subject before it modifies a noun inside a
/// phrase rather than reports: `… from the transcript and the documents
/// submitted to the committee`. The subject follows `and`, `or` or a
/// preposition, and the `-ed` form a preposition.
fn reduced_relative(toks: &[Token], verb: &str, last: usize, subject_start: usize) -> bool {
    let l = lists();
    if !verb.ends_with("ed") {
        return false;
    }
    let after = toks
        .get(last + 1)
        .is_some_and(|t| t.word && l.head_boundary.contains(&*word_lower(t)));
    // the token before the subject found by halving, not by a walk from
    // the start of a long claim
    let before = syntax::token_at(toks, subject_start)
        .checked_sub(1)
        .and_then(|k| toks.get(k))
        .is_some_and(|t| {
            t.word && {
                let w = word_lower(t);
                matches!(&*w, "and" | "or") || l.head_boundary.contains(&*w)
            }
        });
    after && before
}

/// Whether the words between the subject and the verb at `i` negate it.
fn negated(toks: &[Token], i: usize) -> bool {
    let l = lists();
    toks[..i]
        .iter()
        .rev()
        .take_while(|t| {
            t.word && (l.aux.contains(&*word_lower(t)) || word_lower(t).ends_with("ly"))
        })
        .any(|t| {
            let w = word_lower(t);
            w == "not" || w == "never" || w.ends_with("n't") || w.ends_with("n’t") || w == "cannot"
        })
}

/// Whether the -ing form at `i` follows a form of `be` (`are asking`).
fn progressive(toks: &[Token], i: usize) -> bool {
    let l = lists();
    toks[..i]
        .iter()
        .rev()
        .take_while(|t| {
            t.word && (l.aux.contains(&*word_lower(t)) || word_lower(t).ends_with("ly"))
        })
        .any(|t| {
            let w = word_lower(t).replace('’', "'");
            matches!(
                w.as_str(),
                "is" | "are" | "was" | "were" | "be" | "been" | "am" | "being"
            ) || w.ends_with("'m")
                || w.ends_with("'re")
                || w.ends_with("'s")
        })
        || i > 0 && {
            let w = word_lower(&toks[i - 1]).replace('’', "'");
            w.ends_with("'m") || w.ends_with("'re") || w.ends_with("'s")
        }
}

/// Whether the verb at `i` is coordinated with an earlier one (`… and continues`),
/// so its subject is the sentence's.
fn coordinated(toks: &[Token], i: usize) -> bool {
    let l = lists();
    let mut j = i;
    while j > 0 {
        j -= 1;
        let w = word_lower(&toks[j]);
        if l.aux.contains(&*w) || (w.ends_with("ly") && toks[j].word && !toks[j].is_capitalized()) {
            continue;
        }
        return w == "and";
    }
    false
}

/// Whether the verb at `i` is a participle after a form of `be` (one
/// adverb may stand between): `was proposed`, `is widely expected`.
fn passive(toks: &[Token], i: usize) -> bool {
    let v = word_lower(&toks[i]);
    if !(v.ends_with("ed")
        || v.ends_with("en")
        || matches!(&*v, "said" | "told" | "thought" | "found"))
    {
        return false;
    }
    let mut j = i;
    let mut adverbs = 0;
    while j > 0 {
        j -= 1;
        let t = &toks[j];
        if !t.word {
            return false;
        }
        let w = word_lower(t);
        if w.ends_with("ly") && adverbs == 0 && !t.is_capitalized() {
            adverbs += 1;
            continue;
        }
        return matches!(&*w, "is" | "are" | "was" | "were" | "be" | "been" | "being");
    }
    false
}

/// Whether a passive verb (`were detained`, `was illegally held`) comes
/// before token `i`: a participle coordinated with it (`were detained, …
/// and denied the right to appeal`) is passive too, and reports nothing.
fn passive_before(toks: &[Token], i: usize) -> bool {
    let words: Vec<&Token> = toks[..i].iter().filter(|t| t.word).collect();
    (0..words.len()).any(|k| {
        // the participle, after one adverb at most
        let mut p = k + 1;
        if words.get(p).is_some_and(|t| t.text.ends_with("ly")) {
            p += 1;
        }
        matches!(
            word_lower(words[k]).as_ref(),
            "was" | "were" | "been" | "being"
        ) && words
            .get(p)
            .is_some_and(|t| t.text.ends_with("ed") || t.text.ends_with("en"))
    })
}

/// The subject noun phrase ending just before the verb at `verb`, after
/// skipping auxiliaries and adverbs, and comma-delimited asides
/// (`Wang Lin, a law professor, said`).
fn subject_before(text: &str, toks: &[Token], mask: &[bool], verb: usize) -> Option<Mention> {
    let l = lists();
    let mut end = verb;
    let mut saw_to = false;
    while end > 0 {
        let t = &toks[end - 1];
        let w = word_lower(t);
        if !t.word || mask[end - 1] {
            break;
        }
        if w == "to" {
            saw_to = true;
            end -= 1;
            continue;
        }
        if saw_to && !l.infinitive.contains(&*w) && !l.aux.contains(&*w) {
            // `… to speak out`: an infinitive, not a report
            return None;
        }
        if l.aux.contains(&*w) || (w.ends_with("ly") && w.len() > 4 && !t.is_capitalized()) {
            if l.infinitive.contains(&*w) {
                saw_to = false;
            }
            end -= 1;
        } else {
            break;
        }
    }
    if saw_to {
        return None;
    }
    // a pronoun right before the verb is the whole subject
    if end > 0 && toks[end - 1].word && pronoun_of(&word_lower(&toks[end - 1])).is_some() {
        return mention_from(text, toks, end - 1..end);
    }
    let mut from_start = false;
    for _ in 0..3 {
        let start = np_start(toks, mask, end);
        // a subject before all the asides must open the claim and name someone
        if from_start && (toks[..start].iter().any(|t| t.word) || start == end) {
            return None;
        }
        if start < end {
            let before = if start > 0 {
                Some(&toks[start - 1])
            } else {
                None
            };
            if let Some(m) = mention_from(text, toks, start..end) {
                // a bare handle must open its clause: `fulue highlighted`, not `will begin to find`
                let opens_clause = before.is_none_or(|b| {
                    !b.word || matches!(word_lower(b).as_ref(), "by" | "as" | "and" | "but")
                });
                let bare = m.pronoun.is_none()
                    && !m.definite
                    && m.kind == SourceKind::Person
                    && m.name.chars().next().is_some_and(char::is_lowercase);
                // `to prevent public protests`: after `to`, a bare lower-case
                // phrase is a verb and its object, not a subject
                let infinitive = before.is_some_and(|b| word_lower(b) == "to")
                    && toks[start].text.starts_with(char::is_lowercase)
                    && !l.det.contains(&*word_lower(&toks[start]));
                if infinitive {
                    return None;
                }
                // `Ruiz, 61, a former minister, said`: a role set off by a
                // comma describes the subject before it
                let appositive = before.is_some_and(|b| b.text == ",")
                    && l.det.contains(&*word_lower(&toks[start]))
                    && m.pronoun.is_none()
                    && m.kind == SourceKind::Person
                    && m.name.starts_with(char::is_lowercase);
                // before all the asides, a name, not `In a statement`
                let named = !from_start
                    || (matches!(m.kind, SourceKind::Person | SourceKind::Organization)
                        && m.pronoun.is_none()
                        && !l.stop.contains(&*word_lower(&toks[start]))
                        && !l.head_boundary.contains(&*word_lower(&toks[start]))
                        && toks[start..end].iter().all(|t| {
                            !t.word || is_cap(t) || l.connectors.contains(&*word_lower(t))
                        }));
                if (!bare || opens_clause) && !appositive && named {
                    return Some(m);
                }
                if from_start {
                    return None;
                }
            }
        }
        // `its coordinator, Rui Tembe, says`: a proper name set off by commas is the speaker
        if end >= 3 && toks[end - 1].text == "," {
            let mut a = np_start(toks, mask, end - 1);
            // `the lead author, Dr. Hanna Lindqvist, said`
            if a >= 3 && toks[a - 1].text == "." && l.title_abbrevs.contains(toks[a - 2].text) {
                a -= 2;
            }
            if a < end - 1
                && a > 0
                && toks[a - 1].text == ","
                && toks[a..end - 1].iter().all(|t| is_cap(t) || t.text == ".")
                && end - 1 - a <= 4
            {
                if let Some(m) = mention_from(text, toks, a..end - 1) {
                    if m.kind == SourceKind::Person && m.pronoun.is_none() {
                        return Some(m);
                    }
                }
            }
        }
        // an aside before the verb: `X, a law professor, said`, `X, in Y, said`, `X, in Y pointed out`
        let comma_end = if end > 0 && toks[end - 1].text == "," {
            Some(end - 1)
        } else if start >= 2
            && start < end
            && toks[start - 2].text == ","
            && matches!(
                word_lower(&toks[start - 1]).as_ref(),
                "in" | "at" | "on" | "upon"
            )
        {
            Some(start - 2)
        } else if start > 0 && start < end && toks[start - 1].text == "," {
            Some(start - 1)
        } else {
            None
        };
        let c = comma_end?;
        // find the comma opening the aside (a relative clause may be long:
        // `A spokesman, who asked not to be named because …, said`)
        let mut k = c;
        let mut open = None;
        while k > 0 && c - k < 40 {
            k -= 1;
            if mask[k] || matches!(toks[k].text, "." | ";" | ":" | "?" | "!") {
                break;
            }
            // the comma inside a date is no edge of the aside
            // (`The report, published on Thursday, 12 November, found`)
            if toks[k].text == ","
                && !toks
                    .get(k + 1)
                    .is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()))
            {
                open = Some(k);
                break;
            }
        }
        match open {
            Some(o) => end = o,
            // `Ruiz, 61, a teacher, said`: the asides follow a subject that
            // opens the claim
            None if k == 0 && !from_start => {
                end = c;
                from_start = true;
            }
            None => {
                // the aside opened the sentence: `Upon testing it, X said`
                return None;
            }
        }
    }
    None
}

/// Where the noun phrase ending at `end` starts, walking back over words that
/// can belong to a name or noun phrase.
fn np_start(toks: &[Token], mask: &[bool], end: usize) -> usize {
    let l = lists();
    let mut start = end;
    while start > 0 {
        let t = &toks[start - 1];
        if mask[start - 1] {
            break;
        }
        if !t.word {
            // emphasis, `&`, hyphens and a bracketed tag (`[es]`, `(USPS)`) stay inside
            if matches!(t.text, "*" | "_" | "&" | "-") {
                start -= 1;
                continue;
            }
            // a plural possessive inside a name: `the Gothenburg Tenants' Union`
            if matches!(t.text, "'" | "’")
                && start >= 2
                && start < end
                && toks[start - 2].word
                && toks[start - 2].end() == t.start
                && toks[start - 2].text.ends_with('s')
                && is_cap(&toks[start - 2])
                && is_cap(&toks[start])
            {
                start -= 1;
                continue;
            }
            if matches!(t.text, "]" | ")") {
                let open = if t.text == "]" { "[" } else { "(" };
                if let Some(o) = toks[..start - 1].iter().rposition(|x| x.text == open) {
                    if start - 1 - o <= 4 {
                        start = o;
                        continue;
                    }
                }
            }
            break;
        }
        let w = word_lower(t);
        let between_caps = l.connectors.contains(&*w)
            && start >= 2
            && is_cap(&toks[start - 2])
            && start < end
            && is_cap(&toks[start]);
        // `The runner-up in Sunday's election`: a possessive after a
        // preposition goes on like a determiner
        if possessive_stem(t.text).is_some()
            && start < end
            && start >= 2
            && l.head_boundary.contains(&*word_lower(&toks[start - 2]))
        {
            start -= 2;
            continue;
        }
        if l.det.contains(&*w) {
            start -= 1;
            // `Simon Romero of the New York Times`, `Farmers at the tail end of the
            // canal system`: a determiner after a preposition goes on
            if start > 0 && l.head_boundary.contains(&*word_lower(&toks[start - 1])) {
                start -= 1;
                continue;
            }
            break;
        }
        if (l.stop.contains(&*w) || pronoun_of(&w).is_some())
            && !between_caps
            && w != "of"
            && w != "for"
        {
            break;
        }
        if (w == "of" || w == "for") && start == end {
            break;
        }
        start -= 1;
    }
    // never start on `of`/`for`
    while start < end && matches!(word_lower(&toks[start]).as_ref(), "of" | "for") {
        start += 1;
    }
    start
}

/// `“…,” said X` and `said X` after a quotation: the subject follows the verb.
fn inverted_subject(
    text: &str,
    toks: &[Token],
    mask: &[bool],
    verb: usize,
    last: usize,
) -> Option<Mention> {
    // the verb must follow a quotation (possibly with a comma and emphasis in between)
    let mut j = verb;
    let mut after_quote = false;
    while j > 0 {
        let t = &toks[j - 1];
        if matches!(t.text, "," | "*" | "_") {
            j -= 1;
            continue;
        }
        after_quote = mask[j - 1];
        break;
    }
    if !after_quote {
        return None;
    }
    let mut start = last + 1;
    while start < toks.len() && matches!(toks[start].text, "*" | "_") {
        start += 1;
    }
    let r = forward_np(text, toks, mask, start)?;
    let mut m = mention_from(text, toks, r.clone())?;
    // `said John Podesta, Senior Advisor to the President`
    let mut k = r.end;
    while k < toks.len() && matches!(toks[k].text, "*" | "_") {
        k += 1;
    }
    if m.kind == SourceKind::Person && m.role.is_none() && k < toks.len() && toks[k].text == "," {
        let mut e = k + 1;
        while e < toks.len() && !matches!(toks[e].text, "," | "." | ";" | "“" | "\"" | "*") {
            e += 1;
        }
        if e > k + 1 && e - k <= 10 {
            let role = text[toks[k + 1].start..toks[e - 1].end()].trim();
            if role.chars().next().is_some_and(char::is_uppercase) {
                m.role = Some(role.to_string());
            }
        }
    }
    Some(m)
}

/// The noun phrase starting at `start`, up to a comma, clause word or verb.
fn forward_np(_text: &str, toks: &[Token], mask: &[bool], start: usize) -> Option<Range<usize>> {
    let l = lists();
    let mut end = start;
    while end < toks.len() {
        let t = &toks[end];
        if mask[end] {
            break;
        }
        if !t.word {
            if matches!(t.text, "*" | "_" | "&" | "-")
                || (t.text == "."
                    && end > start
                    && toks[end - 1].word
                    && toks[end - 1].text.len() <= 3
                    && toks[end - 1].is_capitalized())
            {
                end += 1;
                continue;
            }
            break;
        }
        // a handle ends a name: `the user @voz_do_buzi posted …`
        if end > start && toks[end - 1].text.starts_with('@') {
            break;
        }
        let w = word_lower(t);
        let connects = end > start
            && l.connectors.contains(&*w)
            && end + 1 < toks.len()
            && is_cap(&toks[end + 1])
            && is_cap(&toks[end - 1]);
        if end > start && l.stop.contains(&*w) {
            let of_phrase = w == "of" && !is_cap(&toks[end - 1]);
            if !(connects || of_phrase) {
                break;
            }
        }
        if end > start && !connects && l.aux.contains(&*w) && !l.det.contains(&*w) && w != "of" {
            break;
        }
        if end > start
            && !is_cap(t)
            && l.verbs.contains_key(&*w)
            && !l.det.contains(&*word_lower(&toks[end - 1]))
            && !l.doc_nouns.contains(&*w)
            && !l.group_nouns.contains(&*w)
        {
            break;
        }
        // a lower-case word before a determiner, other than a preposition,
        // is a verb: `The ministry met the envoy and denied …`
        if end > start
            && !is_cap(t)
            && !l.head_boundary.contains(&*w)
            && !l.connectors.contains(&*w)
            && !l.det.contains(&*w)
            && toks
                .get(end + 1)
                .is_some_and(|n| n.word && l.det.contains(&*word_lower(n)))
        {
            break;
        }
        // after a capitalised name, a lower-case word other than a connector
        // ends it (a capitalised determiner opening the sentence is no name)
        if end > start
            && !is_cap(t)
            && is_cap(&toks[end - 1])
            && !l.det.contains(&*word_lower(&toks[end - 1]))
            && !l.connectors.contains(&*w)
            && !l.group_nouns.contains(&*w)
            && !l.doc_nouns.contains(&*w)
        {
            break;
        }
        end += 1;
    }
    // trim trailing emphasis and connectors
    while end > start
        && (!toks[end - 1].word || l.connectors.contains(&*word_lower(&toks[end - 1])))
    {
        if toks[end - 1].text == "." && end >= 2 && toks[end - 2].word {
            break;
        }
        end -= 1;
    }
    (end > start).then_some(start..end)
}

fn pronoun_of(w: &str) -> Option<Pronoun> {
    let w = w.replace('’', "'");
    let w = ["'ve", "'re", "'m", "'ll", "'d"]
        .iter()
        .find_map(|c| w.strip_suffix(c))
        .unwrap_or(&w);
    match w {
        "he" => Some(Pronoun::He),
        "she" => Some(Pronoun::She),
        "they" => Some(Pronoun::They),
        "it" => Some(Pronoun::It),
        "we" => Some(Pronoun::We),
        "i" => Some(Pronoun::I),
        "you" => Some(Pronoun::You),
        _ => None,
    }
}

/// Builds a mention from a noun phrase (token range), or `None` when the
/// phrase cannot name a source.
fn mention_from(text: &str, toks: &[Token], r: Range<usize>) -> Option<Mention> {
    let l = lists();
    let mut s = r.start;
    let mut e = r.end;
    // trim marks and determiners
    while s < e && !toks[s].word {
        s += 1;
    }
    while e > s && !toks[e - 1].word && toks[e - 1].text != "." {
        e -= 1;
    }
    if s >= e {
        return None;
    }
    let surface_all = text[toks[s].start..toks[e - 1].end()].to_string();
    if e - s == 1 {
        if let Some(p) = pronoun_of(&word_lower(&toks[s])) {
            return Some(Mention {
                name: String::new(),
                surface: String::new(),
                range: toks[s].start..toks[s].end(),
                kind: SourceKind::Person,
                role: None,
                definite: false,
                pronoun: Some(p),
            });
        }
    }
    // `writer Lídia Macuácua`, `coordinator Rui Tembe`: a role in lower case before a name
    if !is_cap(&toks[s]) && toks[s].word {
        let ws: Vec<&Token> = toks[s..e].iter().filter(|t| t.word).collect();
        if let Some(k) = (1..ws.len()).find(|&k| is_cap(ws[k]) && ws[k..].iter().all(|t| is_cap(t)))
        {
            let lower_role = ws[..k].iter().all(|t| !is_cap(t)) && k <= 4;
            if lower_role
                && names::titles().ending(ws[k - 1].text).any(|r| {
                    r.lower
                        && r.words.len() <= k
                        && r.words
                            .iter()
                            .rev()
                            .zip(ws[..k].iter().rev())
                            .all(|(a, b)| a.eq_ignore_ascii_case(b.text))
                })
            {
                let a = index_of(toks, ws[k]);
                if let Some(m) = mention_from(text, toks, a..e) {
                    if m.kind == SourceKind::Person {
                        let role = text[ws[0].start..ws[k - 1].end()].to_string();
                        return Some(Mention {
                            surface: surface_all,
                            role: m.role.or(Some(role)),
                            ..m
                        });
                    }
                }
            }
        }
    }
    let mut definite = false;
    let mut had_det = false;
    while s < e && l.det.contains(&*word_lower(&toks[s])) {
        had_det = true;
        if word_lower(&toks[s]) == "the"
            || word_lower(&toks[s]).ends_with('s')
            || word_lower(&toks[s]) == "its"
        {
            definite = true;
        }
        s += 1;
    }
    if s >= e {
        return None;
    }
    // words, leaving out bracketed tags (`[es]`, `(USPS)`)
    let mut words: Vec<&Token> = Vec::new();
    let mut bracket = 0usize;
    for t in &toks[s..e] {
        match t.text {
            "[" | "(" => bracket += 1,
            "]" | ")" => bracket = bracket.saturating_sub(1),
            _ if t.word && bracket == 0 => words.push(t),
            _ => {}
        }
    }
    if words.is_empty() {
        return None;
    }
    // a handle names its speaker: `the user @voz_do_buzi`, `blogger @fulue`
    if let Some(h) = words
        .last()
        .filter(|t| t.text.len() > 1 && t.text.starts_with('@'))
    {
        let role = (words.len() > 1)
            .then(|| text[words[0].start..words[words.len() - 2].end()].to_string());
        return Some(Mention {
            name: h.text.to_string(),
            surface: surface_all,
            range: toks[r.start].start..toks[r.end - 1].end(),
            kind: SourceKind::Person,
            role,
            definite: false,
            pronoun: None,
        });
    }
    // possessive document: `X's report`, `the State Department’s newly released Annual Report`
    if let Some(pi) = words
        .iter()
        .rposition(|t| possessive_stem(t.text).is_some())
    {
        if pi + 1 < words.len() {
            let rest: Vec<&Token> = words[pi + 1..].to_vec();
            let head = word_lower(rest.last().unwrap_or(&words[0]));
            let is_doc = l.doc_nouns.contains(&*head)
                || rest.iter().any(|t| l.doc_nouns.contains(&*word_lower(t)));
            // `the government's National Institute for Disaster Risk Management`
            // (but `UN Children's Fund`, `People's Party` are names whole)
            let whole_name = words.iter().all(|t| is_cap(t));
            if !is_doc && !whole_name && rest.first().is_some_and(|t| is_cap(t)) {
                let a = index_of(toks, rest[0]);
                let b = index_of(toks, rest[rest.len() - 1]) + 1;
                if let Some(m) = mention_from(text, toks, a..b) {
                    return Some(Mention {
                        surface: surface_all,
                        ..m
                    });
                }
            }
            if is_doc {
                // prefer the capitalised title after the possessive
                let caps: Vec<&Token> = rest.iter().skip_while(|t| !is_cap(t)).copied().collect();
                let name_toks = if caps.len() >= 2 { caps } else { rest.clone() };
                let name =
                    text[name_toks[0].start..name_toks[name_toks.len() - 1].end()].to_string();
                return Some(Mention {
                    name,
                    surface: surface_all,
                    range: toks[r.start].start..toks[r.end - 1].end(),
                    kind: SourceKind::Document,
                    role: None,
                    definite: false,
                    pronoun: None,
                });
            }
        }
    }
    // the head: the last word before `of`/`for`, else the last word
    let of_pos = words.iter().enumerate().position(|(k, t)| {
        l.head_boundary.contains(&*word_lower(t))
            && !is_cap(t)
            && !(k > 0 && k + 1 < words.len() && is_cap(words[k - 1]) && is_cap(words[k + 1]))
    });
    let head_words: &[&Token] = match of_pos {
        Some(p) if p > 0 => &words[..p],
        _ => &words[..],
    };
    let head = head_words[head_words.len() - 1];
    let head_l = word_lower(head);
    let all_caps_name = head_words.iter().all(|t| {
        is_cap(t)
            || l.connectors.contains(&*word_lower(t))
            || t.text.chars().all(|c| c.is_ascii_digit())
    });
    let first_cap = is_cap(head_words[0]);
    let range = toks[r.start].start..toks[r.end - 1].end();
    let phrase = |ws: &[&Token]| match (ws.first(), ws.last()) {
        (Some(a), Some(b)) => text[a.start..b.end()].to_string(),
        _ => String::new(),
    };

    // `a commentary written by Wang Lin`: the author speaks
    if let Some(b) = words.iter().position(|t| word_lower(t) == "by") {
        let by_author = b >= 1
            && matches!(
                word_lower(words[b - 1]).as_ref(),
                "written"
                    | "authored"
                    | "published"
                    | "posted"
                    | "penned"
                    | "edited"
                    | "compiled"
                    | "signed"
            );
        if by_author
            && b + 1 < words.len()
            && is_cap(words[b + 1])
            && l.doc_nouns
                .iter()
                .any(|d| words[..b].iter().any(|t| *word_lower(t) == **d))
        {
            let mut e2 = b + 1;
            while e2 < words.len() && is_cap(words[e2]) {
                e2 += 1;
            }
            let sr = index_of(toks, words[b + 1])..index_of(toks, words[e2 - 1]) + 1;
            if let Some(m) = mention_from(text, toks, sr) {
                return Some(Mention {
                    surface: surface_all,
                    ..m
                });
            }
        }
    }
    // a document: `the report`, `the 2019 report`, `Annual Human Rights Report`
    if l.doc_nouns.contains(&*head_l) {
        let name = if all_caps_name {
            phrase(head_words)
        } else {
            head_l.to_string()
        };
        // the name as written ends at its head: `preliminary results`, not
        // `preliminary results published`
        let surface = if of_pos.is_some_and(|p| p > 0) && !all_caps_name {
            phrase(head_words)
        } else {
            surface_all
        };
        return Some(Mention {
            name,
            surface,
            range,
            kind: SourceKind::Document,
            role: None,
            definite: definite || !all_caps_name,
            pronoun: None,
        });
    }
    // `the authors write`, `its authors estimate`: the document speaks
    if definite && !first_cap && l.author_nouns.contains(&*head_l) {
        return Some(Mention {
            name: head_l.to_string(),
            surface: surface_all,
            range,
            kind: SourceKind::Document,
            role: None,
            definite: true,
            pronoun: Some(Pronoun::It),
        });
    }
    // a group: `survivors of the detention camps`, `many people`, `Many`
    if l.group_nouns.contains(&*head_l) && !(all_caps_name && head_words.len() > 1) {
        let name = text[words[0].start..words[words.len() - 1].end()].to_string();
        return Some(Mention {
            name,
            surface: surface_all,
            range,
            kind: SourceKind::Group,
            role: None,
            definite: false,
            pronoun: None,
        });
    }
    // `the ministry`, `the newspaper`
    if !first_cap && l.org_lower.contains(&*head_l) {
        return Some(Mention {
            name: head_l.to_string(),
            surface: surface_all,
            range,
            kind: SourceKind::Organization,
            role: None,
            definite: true,
            pronoun: None,
        });
    }
    // `A spokesman for the CNU`, `the runner-up in Sunday's election`: a
    // person by a role in lower case (titles' [lower] list)
    if !first_cap
        && had_det
        && names::titles()
            .ending(head.text)
            .any(|t| t.lower && t.words.len() == 1)
    {
        return Some(Mention {
            name: phrase(head_words).to_lowercase(),
            surface: surface_all,
            range,
            kind: SourceKind::Person,
            role: None,
            definite,
            pronoun: None,
        });
    }
    // `the section of the report`: the source is in the of-phrase
    if !first_cap {
        if let Some(p) = of_pos {
            if let Some(k) = words[p + 1..]
                .iter()
                .position(|t| l.doc_nouns.contains(&*word_lower(t)))
            {
                let sub = &words[p + 1..p + 2 + k];
                let sr = index_of(toks, sub[0])..index_of(toks, sub[sub.len() - 1]) + 1;
                if let Some(m) = mention_from(text, toks, sr) {
                    return Some(m);
                }
            }
        }
        // a bare lower-case handle (`fulue`) directly before the verb
        if !had_det
            && words.len() == 1
            && head_l.chars().all(|c| c.is_alphanumeric())
            && head_l.len() > 2
            && !l.stop.contains(&*head_l)
            && !l.aux.contains(&*head_l)
            && l.known_orgs.contains(&*head_l)
        {
            return Some(Mention {
                name: head.text.to_string(),
                surface: surface_all,
                range,
                kind: SourceKind::Organization,
                role: None,
                definite: false,
                pronoun: None,
            });
        }
        if !had_det
            && words.len() == 1
            && head_l.len() > 2
            && head_l.chars().all(|c| c.is_alphabetic())
            && !l.stop.contains(&*head_l)
            && !l.aux.contains(&*head_l)
            && !l.det.contains(&*head_l)
        {
            return Some(Mention {
                name: head.text.to_string(),
                surface: surface_all,
                range,
                kind: SourceKind::Person,
                role: None,
                definite: false,
                pronoun: None,
            });
        }
        return None;
    }
    // A capitalised name: its head must be a name too (`the State Department
    // collects` is no subject), unless it is a handle in sentence case.
    if !is_cap(head) && (had_det || head_words.len() > 4) {
        return None;
    }
    // A capitalised name. Split a title or role off the front.
    let name_toks: Vec<&Token> = head_words.to_vec();
    let (mut role, mut rest) = split_title(text, &name_toks);
    // a title further in: `Council on Environmental Quality Chair Brenda Mallory`,
    // `the President’s National Climate Adviser Ali Zaidi`
    if role.is_none() {
        if let Some(k) = last_title_end(&rest) {
            if k < rest.len() && rest.len() - k <= 3 && rest[k..].iter().all(|t| is_cap(t)) {
                role = Some(text[rest[0].start..rest[k - 1].end()].to_string());
                rest = rest[k..].to_vec();
            }
        }
    }
    // `Silvio Rendón of Gran Combo Club`: a person of an organisation
    if let Some(k) = rest
        .iter()
        .position(|t| matches!(t.text, "of" | "from" | "at"))
    {
        let left = &rest[..k];
        let left_org = left.iter().any(|t| l.org_words.contains(t.text))
            || l.known_orgs.contains(&phrase(left).to_lowercase())
            || l.places.contains(&phrase(left));
        if !left.is_empty()
            && left.len() <= 3
            && !left_org
            && left.iter().all(|t| is_cap(t))
            && !names::titles()
                .starting(left[left.len() - 1].text)
                .any(|t| {
                    !t.lower
                        && t.words.len() == 1
                        && t.words[0].eq_ignore_ascii_case(left[left.len() - 1].text)
                })
        {
            rest = left.to_vec();
        }
    }
    if rest.is_empty() {
        // a title alone: `the Secretary`, `MODERATOR`
        let name = phrase(&name_toks);
        return Some(Mention {
            name,
            surface: surface_all,
            range,
            kind: SourceKind::Person,
            role: None,
            definite,
            pronoun: None,
        });
    }
    let name = phrase(&rest);
    let lname = name.to_lowercase();
    let is_org = rest.iter().any(|t| {
        l.org_words
            .contains(t.text.trim_end_matches(['.', '’', '\'']))
    }) || l.known_orgs.contains(&lname)
        || (is_acronym(&name) && role.is_none());
    let is_place = l.places.contains(&name);
    let kind = if is_org || is_place {
        SourceKind::Organization
    } else if l.group_nouns.contains(&*head_l) {
        SourceKind::Group
    } else {
        SourceKind::Person
    };
    if kind == SourceKind::Person {
        // a person is named by capitalised words only
        if !rest
            .iter()
            .all(|t| is_cap(t) || l.connectors.contains(&*word_lower(t)))
        {
            // `Deep blue sea`: a handle in sentence case
            if !(rest.len() <= 4 && is_cap(rest[0]) && !had_det) {
                return None;
            }
        }
        if l.not_name.contains(&name) {
            return None;
        }
    }
    Some(Mention {
        name,
        surface: surface_all,
        range,
        kind,
        role,
        definite: false,
        pronoun: None,
    })
}

fn index_of(toks: &[Token], t: &Token) -> usize {
    toks.iter().position(|x| x.start == t.start).unwrap_or(0)
}

/// Where the last title in a run of words ends (`… Quality Chair| Brenda Mallory`).
fn last_title_end(ws: &[&Token]) -> Option<usize> {
    let titles = names::titles();
    let words: Vec<&str> = ws.iter().map(|t| t.text).collect();
    (1..words.len())
        .filter_map(|at| titles.longest_at(&words[at..], false).map(|n| at + n))
        .max()
}

/// Splits a leading title (`Secretary of State`, `Mr.`) off a name.
fn split_title<'a>(text: &str, ws: &[&'a Token<'a>]) -> (Option<String>, Vec<&'a Token<'a>>) {
    let titles = names::titles();
    let words: Vec<&str> = ws.iter().map(|t| t.text).collect();
    let mut at = 0;
    let mut role_end = None;
    loop {
        let best = titles.longest_at(&words[at..], true).unwrap_or(0);
        if best == 0 {
            break;
        }
        at += best;
        role_end = Some(at);
        // `Secretary of State`: the loop also takes a following title
        if at >= ws.len() {
            break;
        }
    }
    match role_end {
        Some(k) if k < ws.len() => {
            let role = text[ws[0].start..ws[k - 1].end()]
                .trim_end_matches('.')
                .to_string();
            (Some(role), ws[k..].to_vec())
        }
        Some(_) => (None, Vec::new()),
        None => (None, ws.to_vec()),
    }
}

/// The subject noun phrase at the start of a sentence.
/// The subject of the claim before claim `ci`, worked out only when a
/// pronoun needs it.
fn previous_subject(claims: &[Claim], ci: usize) -> Option<Mention> {
    let pt = &claims[ci.checked_sub(1)?].text;
    let ptoks = tokens(pt);
    let pmask = quote_mask(&ptoks);
    sentence_subject(pt, &ptoks, &pmask)
}

fn sentence_subject(text: &str, toks: &[Token], mask: &[bool]) -> Option<Mention> {
    let mut s = 0;
    // skip a leading adverbial: `In May, …` `At the briefing, …`
    if let Some(c) = toks.iter().take(8).position(|t| t.text == ",") {
        let first = toks.first().map(word_lower).unwrap_or_default();
        if matches!(
            first.as_ref(),
            "in" | "at"
                | "on"
                | "after"
                | "before"
                | "during"
                | "today"
                | "however"
                | "but"
                | "and"
                | "so"
        ) {
            s = c + 1;
        }
    }
    let r = forward_np(text, toks, mask, s)?;
    // `the opposition's energy spokesperson, Mark Delaney, called …`: a
    // name set off by commas after a description is the subject
    let e = r.end;
    if toks.get(e).is_some_and(|t| t.text == ",") {
        let n = toks[e + 1..]
            .iter()
            .take_while(|t| is_cap(t))
            .take(5)
            .count();
        if (1..=4).contains(&n) && toks.get(e + 1 + n).is_some_and(|t| t.text == ",") {
            if let Some(m) = mention_from(text, toks, e + 1..e + 1 + n) {
                if m.kind == SourceKind::Person && m.pronoun.is_none() {
                    return Some(m);
                }
            }
        }
    }
    mention_from(text, toks, r)
}

// ---------------------------------------------------------------------------
// Quotations

/// Direct quotations of four words or more in a claim: ranges inside the marks.
fn find_quotes(text: &str, toks: &[Token], open_at_start: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // (start offset after the mark, curly)
    let mut open: Option<(usize, bool)> = open_at_start.then_some((0, true));
    let mut depth = usize::from(open_at_start);
    for t in toks {
        if t.word {
            continue;
        }
        let c = t.text.chars().next().unwrap_or(' ');
        if is_open_double(c) {
            if depth == 0 {
                open = Some((t.end(), true));
            }
            depth += 1;
        } else if is_close_double(c) {
            if depth == 1 {
                if let Some((s, _)) = open.take() {
                    out.push(s..t.start);
                }
            }
            depth = depth.saturating_sub(1);
        } else if c == '"' {
            match open {
                Some((s, false)) if depth == 1 => {
                    out.push(s..t.start);
                    open = None;
                    depth = 0;
                }
                None if depth == 0 => {
                    open = Some((t.end(), false));
                    depth = 1;
                }
                _ => {}
            }
        }
    }
    if let Some((s, _)) = open {
        // a quotation running on past the claim
        out.push(s..text.len());
    }
    out.into_iter()
        .filter(|r| is_quotation(&text[r.clone()]))
        .collect()
}

/// Four words or more, and not a title in capitals (`“Green Dam Youth Escort”`).
fn is_quotation(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let cjk = s.chars().filter(|c| is_cjk(*c)).count();
    if cjk >= 4 {
        return true;
    }
    if words.len() < 4 {
        return false;
    }
    let l = lists();
    let title_case = words.iter().all(|w| {
        let c = w
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .chars()
            .next()
            .unwrap_or('a');
        c.is_uppercase() || c.is_ascii_digit() || l.connectors.contains(&w.to_lowercase())
    });
    !title_case
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

/// Whether a text is in a language other than English (CJK, or few English
/// function words), as block quotations before a translation are.
fn is_foreign(s: &str) -> bool {
    // the opening of a paragraph tells its language; long ones need no more
    let mut end = s.len().min(2000);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let s = &s[..end];
    let ascii = s.is_ascii();
    if !ascii {
        let (mut cjk, mut letters) = (0usize, 0usize);
        for c in s.chars() {
            if c.is_alphabetic() {
                letters += 1;
                cjk += usize::from(is_cjk(c));
            }
        }
        if cjk * 3 > letters.max(1) {
            return true;
        }
    }
    let markers = &lists().english;
    let (mut words, mut en) = (0usize, 0usize);
    let mut buf = [0u8; 4];
    for w in s.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphabetic());
        if w.is_empty() {
            continue;
        }
        words += 1;
        if w.len() <= 4 {
            // Marker words are short: lower-case them on the stack.
            let known = if w.is_ascii() {
                let b = &mut buf[..w.len()];
                b.copy_from_slice(w.as_bytes());
                b.make_ascii_lowercase();
                std::str::from_utf8(b).is_ok_and(|l| markers.contains(l))
            } else {
                markers.contains(&*super::text::lower(w))
            };
            en += usize::from(known);
        }
    }
    words >= 6 && (en as f32) / (words as f32) < 0.12
}

// ---------------------------------------------------------------------------
// Transcripts

/// A speaker label opening a paragraph: `MODERATOR:`, `SENIOR ADMINISTRATION OFFICIAL:`,
/// `MR. PRICE:`, `**MINISTER KAUR:**`. Returns the label and its range in `text`.
fn speaker_label(text: &str) -> Option<(String, Range<usize>)> {
    // the label may be set in bold: `**MINISTER KAUR:**`, `**Q**:`
    let lead = text.len() - text.trim_start_matches(['*', '_']).len();
    let rest = &text[lead..];
    // a label is short: no need to look for the colon further on
    let colon = memchr::memchr(b':', &rest.as_bytes()[..rest.len().min(61)])?;
    let label = rest[..colon].trim_end_matches(['*', '_']);
    if label.is_empty() {
        return None;
    }
    let letters: Vec<char> = label.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || !letters.iter().all(|c| c.is_uppercase()) {
        return None;
    }
    if !label
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'' | '’' | '-'))
    {
        return None;
    }
    let start = lead + (label.len() - label.trim_start().len());
    Some((
        label.trim().to_string(),
        start..lead + label.trim_end().len(),
    ))
}

/// A `Q` label opening a transcript turn (`Q:`, `Q.`, `Q ` or `**Q:**`):
/// the range of the `Q`.
fn q_label(text: &str) -> Option<Range<usize>> {
    let lead = text.len() - text.trim_start_matches(['*', '_']).len();
    let mut cs = text[lead..].chars();
    (cs.next() == Some('Q')
        && cs
            .next()
            .is_some_and(|c| c.is_whitespace() || matches!(c, ':' | '.' | '*' | '_')))
    .then(|| lead..lead + 1)
}

/// The source of a `Q` turn: the reporter the host's turn (`host`) just
/// called, else the last one. Names in an answer call no one.
fn q_speaker(reg: &mut Registry, host: Option<&str>, last: Option<usize>) -> Option<usize> {
    match host.and_then(called_name) {
        Some(n) => Some(reg.resolve(&Mention {
            name: n.clone(),
            surface: n,
            range: 0..0,
            kind: SourceKind::Person,
            role: None,
            definite: false,
            pronoun: None,
        })),
        None => last,
    }
}

/// The text of each block that holds claims, in order.
fn claimed_blocks<'a>(doc: &'a Document, drafts: &'a [Draft]) -> impl Iterator<Item = &'a str> {
    drafts
        .iter()
        .enumerate()
        .filter(|(i, d)| *i == 0 || drafts[i - 1].block != d.block)
        .map(|(_, d)| doc.blocks[d.block].text.as_str())
}

/// The interviewer of a transcript whose `Q` no host introduces: an answer
/// right after a `Q` that greets someone by a first name (`Good morning,
/// Joel.`), with that name written in full elsewhere (`Joel Pearce`).
fn greeted_interviewer(doc: &Document, drafts: &[Draft]) -> Option<String> {
    let mut paras = claimed_blocks(doc, drafts);
    let mut prev_q = false;
    let first = paras.find_map(|text| {
        let is_q = q_label(text).is_some();
        let greeting = if prev_q && !is_q {
            speaker_label(text).and_then(|(_, at)| vocative(&text[at.end..]))
        } else {
            None
        };
        prev_q = is_q;
        greeting
    })?;
    doc.blocks.iter().find_map(|b| {
        let toks = tokens(&b.text);
        toks.windows(2).find_map(|w| {
            (w[0].text == first && is_cap(&w[1]) && w[1].start == w[0].end() + 1)
                .then(|| b.text[w[0].start..w[1].end()].to_string())
        })
    })
}

/// The first name a turn's first sentence ends on after a comma: `Good
/// morning, Joel.`, `Thanks, Joel!`.
fn vocative(turn: &str) -> Option<&str> {
    let body = turn.trim_start_matches([':', '*', '_', ' ']);
    let end = body.find(['.', '!', '?'])?;
    let (before, name) = body[..end].rsplit_once(", ")?;
    let short = before.split_whitespace().count() <= 3;
    (short
        && name.chars().count() >= 2
        && name.starts_with(char::is_uppercase)
        && name.chars().all(char::is_alphabetic))
    .then_some(name)
}

/// The reporter a moderator hands the floor to: the first capitalised name
/// after `to`/`from` in the turn, else the last name in it.
fn called_name(text: &str) -> Option<String> {
    let l = lists();
    let toks = tokens(text);
    let mut names: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if is_cap(&toks[i])
            && !l.not_name.contains(toks[i].text)
            && !l.stop.contains(&*word_lower(&toks[i]))
            && !l.det.contains(&*word_lower(&toks[i]))
        {
            let s = i;
            while i < toks.len() && is_cap(&toks[i]) {
                i += 1;
            }
            let name = text[toks[s].start..toks[i - 1].end()].to_string();
            let sentence_start = s == 0 || matches!(toks[s - 1].text, "." | "?" | "!");
            let skip = is_acronym(&name)
                || l.known_orgs.contains(&name.to_lowercase())
                || l.places.contains(&name)
                || (sentence_start && i - s == 1 && i < toks.len() && toks[i].text != ",");
            if !skip {
                names.push((s, name));
            }
        } else {
            i += 1;
        }
    }
    for (s, n) in &names {
        if *s > 0 && matches!(word_lower(&toks[s - 1]).as_ref(), "to" | "from") {
            return Some(n.clone());
        }
    }
    names.last().map(|(_, n)| n.clone())
}

// ---------------------------------------------------------------------------
// The pass over the document

/// Attributes claims to sources; fills `source`, `cue`, `mention`, `via` and
/// `quotes` of each claim and returns the sources. Adds the words the claims
/// write in lower case to `lower_words`, for the entities, since it reads
/// every word anyway.
pub fn attribute<'a>(
    doc: &'a Document,
    drafts: &[Draft],
    claims: &mut [Claim],
    lower_words: &mut text::LowerWords<'a>,
) -> Vec<Source> {
    let mut reg = Registry::default();
    let mut assigned: Vec<Option<usize>> = vec![None; claims.len()];
    let mut vias: Vec<Option<usize>> = vec![None; claims.len()];

    // Transcript: two or more paragraphs open with a speaker label.
    let labelled = claimed_blocks(doc, drafts)
        .filter(|text| speaker_label(text).is_some())
        .count();
    let transcript = labelled >= 2;

    let mut speaker: Option<usize> = None; // transcript turn
    let mut reporter: Option<usize> = None; // the last `Q`
    let mut answerer: Option<usize> = None; // the last speaker neither `Q` nor host
    let mut turn_text = String::new(); // text of the current turn, for `Q`
    let mut host_turn = false; // whether the current turn is the host's
                               // an interviewer no host calls by name: the one the first answer greets
    if transcript {
        if let Some(name) = greeted_interviewer(doc, drafts) {
            reporter = Some(reg.resolve(&Mention {
                name: name.clone(),
                surface: name,
                range: 0..0,
                kind: SourceKind::Person,
                role: None,
                definite: false,
                pronoun: None,
            }));
        }
    }
    // Quotation runs: block quotes (or foreign passages after `X asked:`)
    // spoken by `intro`, then as many translated paragraphs as there were
    // foreign ones.
    let mut intro: Option<usize> = None;
    let mut in_run = false;
    let mut run_foreign: usize = 0;
    let mut translation: Option<(usize, usize)> = None; // (source, paragraphs left)
    let mut para_carried: Option<usize> = None; // the carried source of this paragraph
    let mut last_quote_src: Option<(usize, usize)> = None; // (source, paragraph)
    let mut last_block_quote_src: Option<(usize, usize)> = None;
    let mut prev_para: Option<usize> = None;
    let mut para_src: Option<usize> = None; // last source attributed in the current paragraph
    let mut mask: Vec<bool> = Vec::new(); // the claim's quote mask
    let mut toks_buf: Vec<Token> = Vec::new(); // the claim's tokens

    for ci in 0..claims.len() {
        let d = &drafts[ci];
        let block = &doc.blocks[d.block];
        let text = &block.text[d.range.clone()];
        let new_para = prev_para != Some(d.paragraph);
        let first_in_para = new_para;
        if new_para {
            let (prev_colon, prev_bq) = match ci.checked_sub(1).map(|p| &claims[p]) {
                Some(c) => {
                    let t = c.text.trim_end().trim_end_matches(['*', '_']);
                    (t.ends_with(':'), c.block_quote)
                }
                None => (false, false),
            };
            let colon_src = if prev_colon && !prev_bq {
                para_src.or_else(|| {
                    last_block_quote_src
                        .filter(|(_, lp)| d.paragraph.saturating_sub(*lp) <= 4)
                        .map(|(s, _)| s)
                })
            } else {
                None
            };
            let is_bq = block.quote_depth > 0;
            // Telling the language scans the paragraph: only done where it matters.
            let foreign = || is_foreign(&block.text);
            para_carried = None;
            if is_bq {
                if !in_run {
                    intro = colon_src.or_else(|| ci.checked_sub(1).and_then(|p| assigned[p]));
                    run_foreign = 0;
                    translation = None;
                }
                in_run = true;
                run_foreign += usize::from(foreign());
                para_carried = intro;
            } else if (colon_src.is_some() || (in_run && intro.is_some())) && foreign() {
                // a foreign passage after `X asked:` that is not a block quote
                if !in_run {
                    intro = colon_src;
                    run_foreign = 0;
                }
                in_run = true;
                run_foreign += 1;
                para_carried = intro;
            } else {
                if in_run && run_foreign > 0 {
                    translation = intro.map(|s| (s, run_foreign));
                }
                in_run = false;
                intro = None;
                run_foreign = 0;
                if let Some((s, n)) = translation {
                    para_carried = Some(s);
                    translation = (n > 1).then_some((s, n - 1));
                }
            }
            para_src = None;
            // a heading ends the turn: what follows it is the article's again
            if ci > 0 && drafts[ci - 1].section != d.section {
                speaker = None;
            }
        }
        text::tokens_into(text, &mut toks_buf);
        lower_words.add(&toks_buf);
        let toks: &[Token] = &toks_buf;
        quote_mask_into(toks, &mut mask);
        let mut cues = find_cues(text, toks, &mask);
        // the tags of the claim, kept for the parse's rules below once a
        // rule has needed them
        let mut tagged = None;
        // a cue word the tagger reads as a noun inside a noun phrase, after
        // a determiner, adjective or possessive, is none (`its annual
        // report on Friday`, `the new states`); a noun tag alone is not
        // enough, as the tagger reads some verbs in -s as plurals (`The
        // Committee concludes`), nor one after a number (`Report 2020
        // focuses`). A past form is never a noun, and the tagger's
        // dictionary tells of other words that they are verbs everywhere,
        // so only the rest need the sentence tagged.
        if cues.iter().any(|c| {
            !c.sentence_subject && {
                let w = cue_head(text, c);
                !lists().past.contains(&w.to_lowercase())
                    && crate::grammar::fixed_upos(w).is_none_or(|u| u == "NOUN")
            }
        }) {
            tagged = crate::grammar::tag(text).ok();
            if let Some(tagged) = &tagged {
                cues.retain(|c| {
                    let i = tagged.ranges.partition_point(|r| r.start < c.range.start);
                    let at_word = tagged
                        .ranges
                        .get(i)
                        .is_some_and(|r| r.start == c.range.start);
                    let in_phrase = i > 0
                        && (matches!(tagged.upos(i - 1), "DET" | "ADJ")
                            || tagged.xpos(i - 1) == "PRP$");
                    c.sentence_subject || !at_word || tagged.upos(i) != "NOUN" || !in_phrase
                });
            }
        }
        // `she said the figures showed …`: a weak verb inside what a strong
        // cue reports is part of the report, not a source relaying it
        if let Some(first) = cues
            .iter()
            .filter(|c| !c.weak && !text[c.range.clone()].eq_ignore_ascii_case("according to"))
            .map(|c| c.range.start)
            .min()
        {
            cues.retain(|c| !c.weak || c.range.start < first);
        }
        // a verb with a sense that says nothing (`the bill would add 1,500
        // officers`) is a cue as the shapes find it only where its report
        // is marked (`added that`, `adds:`, `…,” he added`); otherwise the
        // parse tells whether it reports
        cues.retain(|c| {
            if !lists()
                .report_only
                .contains(&cue_head(text, c).to_lowercase())
            {
                return true;
            }
            let after = toks.partition_point(|t| t.start < c.range.end);
            let before = syntax::token_at(toks, c.range.start);
            let mark = |t: Option<&Token>| {
                t.is_some_and(|t| {
                    t.text.eq_ignore_ascii_case("that")
                        || matches!(t.text, ":" | "," | "“" | "”" | "\"" | "—")
                })
            };
            let inverted = c
                .mention
                .as_ref()
                .is_some_and(|m| m.range.start >= c.range.end);
            mark(toks.get(after))
                || toks
                    .get(after)
                    .is_none_or(|t| matches!(t.text, "." | "!" | "?"))
                || inverted
                || before
                    .checked_sub(1)
                    .is_some_and(|b| matches!(toks[b].text, "," | "”" | "\""))
        });
        // a relative pronoun names no one (`The governor, who said …`): the
        // parse finds its noun
        let relative = &lists().relative;
        cues.retain(|c| {
            c.mention
                .as_ref()
                .is_none_or(|m| !relative.contains(&m.name.to_lowercase()))
        });
        // Where the shapes find no source, the parse may: `…, Mr. Stumpf
        // said.`, `said another`, `…, sources said.`
        // A coordinated verb's subject the shapes cannot name (`The senator
        // criticized the plan and said …`) is no source found either.
        let subject_named = |c: &Cue| {
            c.sentence_subject
                && sentence_subject(text, toks, &mask).is_some_and(|m| {
                    m.kind != SourceKind::Group || reg.find(&m.name, m.kind).is_some()
                })
        };
        if !cues.iter().any(|c| c.mention.is_some() || subject_named(c)) && has_cue_word(toks) {
            cues = syntax::cues(text, toks, &mask, tagged.take());
        }

        // transcript labels
        let mut label_cue: Option<(Range<usize>, usize)> = None;
        if transcript && first_in_para {
            if let Some((label, at)) = speaker_label(text) {
                if label == "Q" {
                    speaker = q_speaker(&mut reg, host_turn.then_some(&*turn_text), reporter);
                    reporter = speaker;
                    host_turn = false;
                } else {
                    let m = Mention {
                        name: label.clone(),
                        surface: label.clone(),
                        range: at.clone(),
                        kind: SourceKind::Person,
                        role: None,
                        definite: false,
                        pronoun: None,
                    };
                    speaker = Some(reg.resolve(&m));
                    host_turn = lists().hosts.contains(&label.to_lowercase());
                    if !host_turn {
                        answerer = speaker;
                    }
                }
                label_cue = speaker.map(|s| (at, s));
                turn_text.clear();
            } else if let Some(at) = q_label(text) {
                speaker = q_speaker(&mut reg, host_turn.then_some(&*turn_text), reporter);
                reporter = speaker;
                host_turn = false;
                label_cue = speaker.map(|s| (at, s));
                turn_text.clear();
            }
        }
        if transcript {
            turn_text.push_str(text);
            turn_text.push(' ');
        }

        // resolve cue mentions
        // (source, cue, mention, is `according to`)
        let mut resolved: Vec<Resolved> = Vec::new();
        let mut cue_pronoun: Vec<bool> = Vec::new();
        // a stance inside carried speech is the speaker's words
        let mut cue_stance: Vec<bool> = Vec::new();
        // `you` in a reporter's question: it names the one answering
        let mut cue_addressee: Vec<bool> = Vec::new();
        for cue in cues.drain(..) {
            let m = if cue.sentence_subject {
                // a group as the subject of a coordinated verb is more often
                // its patient (`lawyers were detained … and denied`)
                sentence_subject(text, toks, &mask)
                    .filter(|m| m.kind != SourceKind::Group || reg.find(&m.name, m.kind).is_some())
            } else {
                cue.mention.clone()
            };
            let Some(m) = m else { continue };
            let idx = match m.pronoun {
                Some(Pronoun::He) | Some(Pronoun::She) => {
                    let want = if m.pronoun == Some(Pronoun::He) {
                        Gender::Male
                    } else {
                        Gender::Female
                    };
                    let found = reg
                        .entries
                        .iter()
                        .enumerate()
                        .rev()
                        .find(|(i, e)| {
                            e.kind == SourceKind::Person
                                && e.gender.is_none_or(|g| g == want)
                                && Some(*i) == reg.last_person
                        })
                        .map(|(i, _)| i)
                        .or(reg.last_person)
                        .or_else(|| {
                            // no one named yet: the person this sentence or
                            // the one before is about (`Hillary Clinton
                            // stretched the truth when she claimed …`)
                            let person = |p: &Mention| {
                                p.kind == SourceKind::Person
                                    && p.pronoun.is_none()
                                    && p.name.starts_with(char::is_uppercase)
                            };
                            syntax::subject(text, toks, &mask)
                                .filter(|p| person(p) && p.range.end <= m.range.start)
                                .or_else(|| {
                                    let pt = &claims[ci.checked_sub(1)?].text;
                                    let ptoks = tokens(pt);
                                    let pmask = quote_mask(&ptoks);
                                    syntax::subject(pt, &ptoks, &pmask).filter(person)
                                })
                                .map(|p| reg.resolve(&p))
                        });
                    if let Some(i) = found {
                        reg.entries[i].gender.get_or_insert(want);
                    }
                    found
                }
                Some(Pronoun::They) => {
                    let prev_subject = previous_subject(claims, ci);
                    let from_prev = prev_subject.as_ref().filter(|p| {
                        p.pronoun.is_none()
                            && matches!(
                                p.kind,
                                SourceKind::Group | SourceKind::Organization | SourceKind::Document
                            )
                    });
                    match from_prev {
                        Some(p) => Some(reg.resolve(p)),
                        None => reg.latest_of(&[SourceKindKey::Group, SourceKindKey::Organization]),
                    }
                }
                // the nearest document or organization
                // `the authors` stand for a document only
                Some(Pronoun::It) if m.kind == SourceKind::Document => {
                    reg.latest_of(&[SourceKindKey::Document])
                }
                Some(Pronoun::It) => {
                    // the organization or document the sentence before was about
                    let prev_subject = previous_subject(claims, ci).filter(|p| {
                        p.pronoun.is_none()
                            && matches!(p.kind, SourceKind::Organization | SourceKind::Document)
                    });
                    match prev_subject {
                        Some(p) => Some(reg.resolve(&p)),
                        None => {
                            reg.latest_of(&[SourceKindKey::Document, SourceKindKey::Organization])
                        }
                    }
                }
                Some(Pronoun::I) | Some(Pronoun::We) => {
                    if transcript {
                        speaker
                    } else {
                        None
                    }
                }
                // in a reporter's turn, `you said …` reports the one answering
                // (`how would you characterize …?` asks, and reports nothing)
                Some(Pronoun::You)
                    if transcript
                        && reporter.is_some()
                        && speaker == reporter
                        && !text.trim_end().ends_with('?') =>
                {
                    answerer
                }
                Some(Pronoun::You) => None,
                None => {
                    if m.definite {
                        match reg.find(&m.name, m.kind) {
                            Some(i) => {
                                let surface = m
                                    .surface
                                    .trim_start_matches("the ")
                                    .trim_start_matches("The ");
                                reg.add_alias(i, surface);
                                Some(i)
                            }
                            None => Some(reg.resolve(&m)),
                        }
                    } else if cue.weak
                        && reg.find(&m.name, m.kind).is_none()
                        && m.kind != SourceKind::Person
                        && m.kind != SourceKind::Document
                    {
                        None
                    } else {
                        Some(reg.resolve(&m))
                    }
                }
            };
            if let Some(i) = idx {
                let mention = if m.range.is_empty() {
                    None
                } else {
                    Some(m.range.clone())
                };
                let according = text[cue.range.clone()].eq_ignore_ascii_case("according to");
                resolved.push((i, cue.range.clone(), mention, according));
                cue_pronoun.push(m.pronoun.is_some());
                cue_stance.push(cue_kind(&text[cue.range.clone()]).is_stance());
                cue_addressee.push(m.pronoun == Some(Pronoun::You));
            }
        }
        // Nested attribution: `According to the report, HRW said` and `The
        // report states that according to survivors`: the inner one is the
        // source, the outer one relays it. Otherwise the first cue stands.
        resolved.sort_by_key(|(_, r, _, _)| r.start);
        let mut source = None;
        let mut via = None;
        let mut cue_range = None;
        let mut mention_range = None;
        let pick = if resolved.len() >= 2 && resolved[0].3 {
            Some(1)
        } else if resolved.len() >= 2 {
            resolved
                .iter()
                .skip(1)
                .position(|x| x.3)
                .map(|p| p + 1)
                .or(Some(0))
        } else if resolved.len() == 1 {
            Some(0)
        } else {
            None
        };
        if let Some(k) = pick {
            let (s, r, m, _) = resolved[k].clone();
            source = Some(s);
            cue_range = Some(r);
            mention_range = m;
            if let Some((v, _, _, _)) = resolved.iter().find(|(v, _, _, _)| *v != s) {
                via = Some(*v);
            }
        }
        // a cue naming someone by a proper name, or `according to`, may nest
        // inside carried speech; a pronoun or common noun there is the speaker's own
        let named_cue = pick.is_some_and(|k| {
            !cue_stance[k]
                && (resolved[k].3
                    || cue_addressee[k]
                    || (!cue_pronoun[k]
                        && resolved[k].2.as_ref().is_some_and(|m| {
                            text[m.clone()]
                                .trim_start_matches(['*', '_'])
                                .starts_with(char::is_uppercase)
                        })))
        });

        let own_quotes = find_quotes(text, toks, d.quote_open);
        let starts_with_quote = text
            .trim_start_matches(['*', '_', '>', ' '])
            .chars()
            .next()
            .is_some_and(|c| is_open_double(c) || c == '"');

        // Carry attribution on: the speaker of a block quotation, a
        // translation, a transcript turn, or a quotation standing alone.
        let carried = if let Some((_, s)) = label_cue.clone() {
            cue_range = label_cue.as_ref().map(|(r, _)| r.clone());
            mention_range = cue_range.clone();
            source = None;
            via = None;
            Some(s)
        } else if para_carried.is_some() {
            para_carried
        } else if transcript && speaker.is_some() {
            speaker
        } else if source.is_none() && starts_with_quote && !own_quotes.is_empty() {
            last_quote_src
                .filter(|(_, p)| d.paragraph == *p || d.paragraph == p + 1)
                .map(|(s, _)| s)
        } else {
            None
        };
        if let Some(c) = carried {
            if source.is_some() && named_cue && source != Some(c) {
                // a nested report inside the carried speech
                via = Some(c);
            } else {
                source = Some(c);
                via = None;
                if label_cue.is_none() {
                    cue_range = None;
                    mention_range = None;
                }
            }
        }
        // quotations
        let mut quotes = Vec::new();
        if block.quote_depth > 0 {
            let inner = text.trim_matches(|c: char| {
                is_open_double(c) || is_close_double(c) || c == '"' || c.is_whitespace()
            });
            if is_quotation(inner) {
                let off = text.find(inner).unwrap_or(0);
                quotes.push(off..off + inner.len());
            }
            // quotations inside the quoted text
            quotes.extend(own_quotes.iter().filter(|r| r.len() < inner.len()).cloned());
        } else {
            quotes = own_quotes.clone();
        }
        claims[ci].quotes = quotes
            .into_iter()
            .map(|r| {
                let inner = text[r.clone()].trim();
                let off = r.start + (text[r.clone()].len() - text[r.clone()].trim_start().len());
                Quote {
                    text: inner.to_string(),
                    span: block.source_span(d.range.start + off..d.range.start + off + inner.len()),
                    speaker: None,
                }
            })
            .collect();

        // A person named anywhere in the sentence, outside quotations, is the
        // nearest antecedent for a following `he` or `she` (`For Lídia
        // Macuácua, that is not soon enough. … she writes`).
        if let Some(p) = toks
            .iter()
            .zip(&mask)
            .rev()
            .filter(|(t, q)| !**q && is_cap(t))
            .filter_map(|(t, _)| {
                reg.person_words
                    .get(&*word_lower(t))
                    .and_then(|v| v.last().copied())
            })
            .next()
        {
            reg.last_person = Some(p);
        }
        if let Some(s) = source {
            reg.touch(s);
            para_src = Some(s);
            if !claims[ci].quotes.is_empty() {
                last_quote_src = Some((s, d.paragraph));
                if block.quote_depth > 0 {
                    last_block_quote_src = Some((s, d.paragraph));
                }
            }
        }
        assigned[ci] = source;
        vias[ci] = via;
        let to_span =
            |r: &Range<usize>| block.source_span(d.range.start + r.start..d.range.start + r.end);
        claims[ci].cue = cue_range.as_ref().map(|r| CueMark {
            text: text[r.clone()].to_string(),
            span: to_span(r),
            kind: cue_kind(&text[r.clone()]),
        });
        claims[ci].mention = mention_range.as_ref().map(|r| Marked {
            text: text[r.clone()].to_string(),
            span: to_span(r),
        });
        prev_para = Some(d.paragraph);
    }

    // number sources in order of first attribution (as source, then as via)
    let mut first: HashMap<usize, (usize, u8)> = HashMap::default();
    for ci in 0..claims.len() {
        if let Some(s) = assigned[ci] {
            first.entry(s).or_insert((ci, 0));
        }
        if let Some(v) = vias[ci] {
            first.entry(v).or_insert((ci, 1));
        }
    }
    let mut first_seen: Vec<((usize, u8), usize)> =
        first.into_iter().map(|(s, at)| (at, s)).collect();
    first_seen.sort_unstable();
    let ids: HashMap<usize, String> = first_seen
        .iter()
        .enumerate()
        .map(|(n, &(_, s))| (s, format!("src{}", n + 1)))
        .collect();
    for (ci, c) in claims.iter_mut().enumerate() {
        c.source = assigned[ci].and_then(|s| ids.get(&s).cloned());
        c.via = vias[ci].and_then(|s| ids.get(&s).cloned());
        if c.source.is_some() {
            if let Some(s) = assigned[ci] {
                reg.entries[s].claims += 1;
            }
        }
        let src = c.source.clone();
        for q in &mut c.quotes {
            q.speaker = src.clone();
        }
    }
    first_seen
        .iter()
        .map(|&(_, s)| {
            let e = &reg.entries[s];
            let mut aliases: Vec<String> = Vec::new();
            for a in std::iter::once(&e.name).chain(e.aliases.iter()) {
                let a = a.trim().trim_matches(['*', '_']).to_string();
                if !a.is_empty() && !aliases.contains(&a) {
                    aliases.push(a);
                }
            }
            Source {
                id: ids[&s].clone(),
                name: e.name.clone(),
                kind: e.kind,
                role: e.role.clone(),
                aliases,
                claims: e.claims,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue_names(s: &str) -> Vec<String> {
        let toks = tokens(s);
        let mask = quote_mask(&toks);
        find_cues(s, &toks, &mask)
            .into_iter()
            .filter_map(|c| {
                c.mention.map(|m| {
                    if m.name.is_empty() {
                        format!("{:?}", m.pronoun)
                    } else {
                        m.name
                    }
                })
            })
            .collect()
    }

    #[test]
    fn subject_cues() {
        assert_eq!(
            cue_names("The report also finds that the party did it."),
            vec!["report"]
        );
        assert_eq!(
            cue_names("Secretary of State Antony Blinken said at a briefing, “We will act now.”"),
            vec!["Antony Blinken"]
        );
        assert_eq!(
            cue_names("He said that allies had worked with us."),
            vec!["Some(He)"]
        );
        assert_eq!(
            cue_names("According to the report, Human Rights Watch said the ministry worked."),
            vec!["report", "Human Rights Watch"]
        );
        assert_eq!(
            cue_names("Bian Lichao remained in detention, according to the report."),
            vec!["report"]
        );
        // after `to`, a bare phrase is a verb and its object
        assert_eq!(
            cue_names("Police used detention to prevent public protests."),
            Vec::<String>::new()
        );
    }

    /// The source name of each claim of a plain-text article.
    fn claim_sources(body: &str) -> Vec<Option<String>> {
        use crate::read::{parse, InputFormat, SourceText};
        let doc = parse(
            SourceText::new("t", &format!("Title\n\n{body}\n")),
            InputFormat::Plain,
        )
        .expect("parses");
        let o = crate::outline::build(&doc);
        o.claims
            .iter()
            .map(|c| {
                let id = c.source.as_ref()?;
                o.sources
                    .iter()
                    .find(|s| &s.id == id)
                    .map(|s| s.name.clone())
            })
            .collect()
    }

    #[test]
    fn typewriter_quotes_and_coordinated_verbs() {
        let got = claim_sources(
            "''The levee held through the night,'' said Omar Haddad, the county engineer. \
             ''We were lucky this time around.''\n\n\
             The inspector toured the dam and said it was safe.",
        );
        let names: Vec<Option<&str>> = got.iter().map(|s| s.as_deref()).collect();
        assert_eq!(
            names,
            vec![Some("Omar Haddad"), Some("Omar Haddad"), Some("inspector")]
        );
    }

    #[test]
    fn a_heading_ends_a_transcript_turn() {
        let got = claim_sources(
            "BERGES: Can you confirm it?\n\nRUIZ: I can confirm it.\n\n\
             BERGES: We will hold you to that.\n\nOther evidence\n\n\
             Speaking for the association, Lucía Gracia said that villages were cut off. \
             “For a pensioner, the bus is the health service,” she said.\n\n\
             The committee's report, published on Thursday, 12 November, found that spending fell.\n\n\
             This summary was prepared from the transcript and the documents submitted to the committee.",
        );
        let names: Vec<Option<&str>> = got.iter().map(|s| s.as_deref()).collect();
        assert_eq!(
            names,
            vec![
                Some("BERGES"),
                Some("RUIZ"),
                Some("BERGES"),
                Some("Lucía Gracia"),
                Some("Lucía Gracia"),
                Some("report"),
                None,
            ]
        );
    }

    #[test]
    fn the_greeted_interviewer_asks_and_names_in_answers_call_no_one() {
        let got = claim_sources(
            "Minister Simran Kaur joined Joel Pearce on the radio.\n\n\
             Q: Minister, good morning. Is the pipeline legal?\n\n\
             MINISTER KAUR: Good morning, Joel. It is, and Tanami Energy knows that.\n\n\
             Q: Will you negotiate?\n\n\
             MINISTER KAUR: We will.\n\n\
             Background\n\n\
             The pipeline was proposed in 2021 by Tanami Energy. In April, the opposition's \
             spokesperson, Mark Delaney, called it a failure and said it would be reviewed.",
        );
        let names: Vec<Option<&str>> = got.iter().map(|s| s.as_deref()).collect();
        assert_eq!(
            names,
            vec![
                None,
                Some("Joel Pearce"),
                Some("Joel Pearce"),
                Some("MINISTER KAUR"),
                Some("MINISTER KAUR"),
                Some("Joel Pearce"),
                Some("MINISTER KAUR"),
                None,
                Some("Mark Delaney"),
            ]
        );
    }

    #[test]
    fn subjects_before_asides_and_roles() {
        let got = claim_sources(
            "De la Cruz, 61, a former agriculture minister, told reporters that ballots were altered. \
             The runner-up in Sunday's election, in the south, said on Tuesday that he would appeal. \
             A spokesman for the CNU, who asked not to be named because he was not authorised to \
             speak to the press, said the coalition had filed claims. \
             In a statement, the registry said the count was provisional. \
             According to the study, factory managers said that fans were provided. \
             More schools were damaged, the UN Children's Fund (UNICEF) says.",
        );
        let names: Vec<Option<&str>> = got.iter().map(|s| s.as_deref()).collect();
        assert_eq!(
            names,
            vec![
                Some("De la Cruz"),
                Some("runner-up"),
                Some("spokesman"),
                Some("registry"),
                Some("factory managers"),
                Some("UN Children's Fund"),
            ]
        );
        let got = claim_sources(
            "The Gothenburg Tenants' Union said rents rose. \
             Ximena Córdoba won, according to preliminary results published by the registry. \
             Córdoba said she won. On Monday she dismissed the allegations as complaints.",
        );
        let names: Vec<Option<&str>> = got.iter().map(|s| s.as_deref()).collect();
        assert_eq!(
            names,
            vec![
                Some("Gothenburg Tenants' Union"),
                Some("results"),
                Some("Córdoba"),
                Some("Córdoba"),
            ]
        );
    }

    #[test]
    fn a_weak_verb_inside_a_report_relays_nothing() {
        use crate::read::{parse, InputFormat, SourceText};
        let doc = parse(
            SourceText::new(
                "t",
                "Title\n\nThe study's lead author, Dr. Hanna Lindqvist, said the figures showed a split.\n",
            ),
            InputFormat::Plain,
        )
        .expect("parses");
        let o = crate::outline::build(&doc);
        let names: Vec<&str> = o.sources.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, vec!["Hanna Lindqvist"]);
        assert_eq!(o.claims[0].via, None);
    }

    #[test]
    fn it_is_the_nearest_document_or_organization() {
        let got = claim_sources(
            "The report finds that wages fell. \
             The Garment Makers Association, which represents the factories, said that it obeyed the law. \
             It added that overtime was paid.",
        );
        let association = Some("Garment Makers Association".to_string());
        assert_eq!(
            got,
            vec![Some("report".into()), association.clone(), association]
        );
    }

    #[test]
    fn heads_handles_and_participles() {
        let got = claim_sources(
            "As the water recedes, bloggers across Mozambique are asking where the aid went. \
             On Twitter, the user @voz_do_buzi posted photos of sacks, and says that aid is sold. \
             Workers go unpaid, according to a report released Tuesday by the Labour Rights Monitor. \
             It also calls on brands to pay for cooling.",
        );
        let want = [
            "bloggers across Mozambique",
            "@voz_do_buzi",
            "report",
            "report",
        ];
        assert_eq!(got, want.map(|w| Some(w.to_string())));
    }

    #[test]
    fn passive_coordination_reports_nothing() {
        let got = claim_sources(
            "Several lawyers were illegally detained, tortured, and denied the right to appeal. \
             Maria Lopes visited the camp and denied that aid was sold. \
             The ministry met the envoy and said that talks had failed.",
        );
        let want = [None, Some("Maria Lopes"), Some("ministry")];
        assert_eq!(got, want.map(|w| w.map(str::to_string)));
    }

    #[test]
    fn you_in_a_question_is_the_one_answering() {
        let got = claim_sources(
            "MODERATOR: Our first question goes to Priya Raman of Reuters.\n\n\
             MS. OYELARAN: Thank you. We reopened the road last week.\n\n\
             MODERATOR: Priya, go ahead.\n\n\
             Q Thanks. Ambassador, you said the road would stay open. Has it?",
        );
        let you_said = got
            .iter()
            .rev()
            .nth(1)
            .cloned()
            .flatten()
            .unwrap_or_default();
        assert!(you_said.to_uppercase().contains("OYELARAN"), "{got:?}");
    }

    #[test]
    fn a_cue_word_after_a_possessive_is_a_noun() {
        let got = claim_sources("I want to go back to Aamer’s question and ask a specific thing.");
        assert_eq!(got, vec![None]);
    }

    #[test]
    fn inverted_cue() {
        let n = cue_names("“We commend the U.S. Postal Service,” said John Podesta, Senior Advisor to the President.");
        assert_eq!(n, vec!["John Podesta"]);
    }

    #[test]
    fn titles_split() {
        let s = "Secretary of State Antony Blinken";
        let toks = tokens(s);
        let ws: Vec<&Token> = toks.iter().collect();
        let (role, rest) = split_title(s, &ws);
        assert_eq!(role.as_deref(), Some("Secretary of State"));
        assert_eq!(rest.len(), 2);
    }

    #[test]
    fn no_cue_in_own_voice() {
        assert!(
            cue_names("The USPS actions announced today sustain reliable mail service.").is_empty()
        );
        assert!(
            cue_names("In accordance with the Act, the State Department collects reports.")
                .is_empty()
        );
    }

    #[test]
    fn speaker_labels() {
        assert_eq!(
            speaker_label("MODERATOR: All right."),
            Some(("MODERATOR".into(), 0..9))
        );
        assert!(speaker_label("Mil-mil communications: We have").is_none());
        assert!(q_label("Q Can you hear me?").is_some());
        assert_eq!(q_label("**Q:** Minister, good morning."), Some(2..3));
        assert_eq!(
            speaker_label("**MINISTER KAUR:** Good morning, Joel."),
            Some(("MINISTER KAUR".to_string(), 2..15))
        );
        assert!(speaker_label("**Note:** this is edited.").is_none());
    }

    #[test]
    fn quotes_need_four_words() {
        let t = "It sent “Uyghur alerts” and a “mass automated voice recognition system” out.";
        let q = find_quotes(t, &tokens(t), false);
        assert_eq!(q.len(), 1);
        assert_eq!(&t[q[0].clone()], "mass automated voice recognition system");
    }
}
