//! BibTeX and BibLaTeX: a parser with line and column errors, and the
//! conversion of entries into CSL-JSON items the way pandoc converts them
//! (sentence-cased titles with `{Protected}` words, institutions and
//! organisations as publishers, `entrysubtype = newspaper`, `@legislation`,
//! `@report`, `@online`, editors, DOIs, URLs and access dates).

use std::collections::BTreeMap;

use hayagriva::citationberg::json::{Item, LiteralName, NameItem, NameValue, Value};

use super::casing::untitlecase;
use super::csljson::{date_value, parse_date_text};
use super::latex::{collapse_ws, to_pieces, to_text};
use super::{CiteError, CslItem};

/// A parsed entry: type, key and raw field values (braces kept).
#[derive(Debug, Clone)]
pub struct Entry {
    /// Entry type, lower-case (`article`).
    pub kind: String,
    /// Citation key.
    pub key: String,
    /// Fields, lower-case names, in order.
    pub fields: Vec<(String, String)>,
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    file: &'a str,
    strings: BTreeMap<String, String>,
}

impl<'a> Parser<'a> {
    fn err(&self, at: usize, message: impl Into<String>) -> CiteError {
        let (line, column) = crate::style::line_col(self.text, at);
        CiteError::Syntax {
            file: self.file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }

    fn skip_ws(&mut self) {
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if c.is_ascii_whitespace() {
                self.i += 1;
            } else if c == b'%' {
                while self.i < self.b.len() && self.b[self.i] != b'\n' {
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    fn ident(&mut self) -> &'a str {
        let start = self.i;
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if c.is_ascii_alphanumeric() || b"_-:./+'!?*&$<>".contains(&c) || c >= 0x80 {
                self.i += 1;
            } else {
                break;
            }
        }
        &self.text[start..self.i]
    }

    fn expect(&mut self, c: u8, what: &str) -> Result<(), CiteError> {
        self.skip_ws();
        if self.b.get(self.i) == Some(&c) {
            self.i += 1;
            Ok(())
        } else {
            let found = self.text[self.i..]
                .chars()
                .next()
                .map_or("the end of the file".to_string(), |c| format!("`{c}`"));
            Err(self.err(self.i, format!("expected {what}, found {found}")))
        }
    }

    /// A `{...}` value from `self.i` (at `{`), braces of the outer pair
    /// dropped.
    fn braced(&mut self) -> Result<String, CiteError> {
        let open = self.i;
        let mut depth = 0usize;
        // Whether the line holds only white space so far: an `@` there
        // starts the next entry. Kept as the value is read, since looking
        // back to the start of the line at every `@` was quadratic on a
        // long line of them.
        let mut line_blank = false;
        while self.i < self.b.len() {
            let c = self.b[self.i];
            match c {
                b'\\' => {
                    self.i += 1;
                    line_blank = self.b.get(self.i) == Some(&b'\n');
                }
                b'{' => depth += 1,
                b'}' => {
                    depth -= 1;
                    if depth == 0 {
                        self.i += 1;
                        return Ok(self.text[open + 1..self.i - 1].to_string());
                    }
                }
                b'@' if depth == 1 && line_blank => {
                    return Err(self.err(open, "unbalanced braces: this `{` is never closed"));
                }
                _ => {}
            }
            line_blank = match c {
                b'\\' => line_blank,
                b'\n' => true,
                _ if c.is_ascii() => line_blank && char::from(c).is_whitespace(),
                // a multi-byte character: white space such as U+3000 too
                _ if c & 0xC0 == 0xC0 => {
                    line_blank
                        && self.text[self.i..]
                            .chars()
                            .next()
                            .is_some_and(char::is_whitespace)
                }
                _ => line_blank,
            };
            self.i += 1;
        }
        Err(self.err(open, "unbalanced braces: this `{` is never closed"))
    }

    fn quoted(&mut self) -> Result<String, CiteError> {
        let open = self.i;
        self.i += 1;
        let mut depth = 0usize;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'\\' => self.i += 1,
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                b'"' if depth == 0 => {
                    self.i += 1;
                    return Ok(self.text[open + 1..self.i - 1].to_string());
                }
                _ => {}
            }
            self.i += 1;
        }
        Err(self.err(open, "unterminated quoted value"))
    }

    /// A field value: parts joined by `#`.
    fn value(&mut self) -> Result<String, CiteError> {
        let mut out = String::new();
        loop {
            self.skip_ws();
            let at = self.i;
            match self.b.get(self.i) {
                Some(b'{') => {
                    let v = self.braced()?;
                    // Keep the braces of a whole-value protection `{{X}}`.
                    out.push_str(&v);
                }
                Some(b'"') => out.push_str(&self.quoted()?),
                Some(c) if c.is_ascii_digit() => {
                    let start = self.i;
                    while self.i < self.b.len() && self.b[self.i].is_ascii_digit() {
                        self.i += 1;
                    }
                    out.push_str(&self.text[start..self.i]);
                }
                Some(c) if c.is_ascii_alphabetic() => {
                    let name = self.ident().to_lowercase();
                    match self.strings.get(&name) {
                        Some(v) => out.push_str(v),
                        None => match month_number(&name) {
                            Some(m) => out.push_str(&m.to_string()),
                            None => {
                                return Err(self.err(
                                    at,
                                    format!("undefined string `{name}` (define it with @string or put the value in braces)"),
                                ))
                            }
                        },
                    }
                }
                _ => {
                    return Err(self.err(
                        at,
                        "expected a field value: `{…}`, `\"…\"`, a number or a @string name",
                    ))
                }
            }
            self.skip_ws();
            if self.b.get(self.i) == Some(&b'#') {
                self.i += 1;
            } else {
                return Ok(out);
            }
        }
    }

    fn entries(&mut self) -> Result<Vec<Entry>, CiteError> {
        let mut out = Vec::new();
        loop {
            // Anything outside entries is a comment.
            match self.text[self.i..].find('@') {
                Some(off) => self.i += off,
                None => return Ok(out),
            }
            let at = self.i;
            self.i += 1;
            self.skip_ws();
            let kind = self.ident().to_lowercase();
            if kind.is_empty() {
                return Err(self.err(at, "expected an entry type after `@`"));
            }
            self.skip_ws();
            let close = match self.b.get(self.i) {
                Some(b'{') => b'}',
                Some(b'(') => b')',
                _ => {
                    return Err(self.err(self.i, format!("expected `{{` after `@{kind}`")));
                }
            };
            if kind == "comment" {
                if close == b'}' {
                    self.braced()?;
                } else {
                    self.i += 1;
                }
                continue;
            }
            self.i += 1;
            if kind == "preamble" {
                self.value()?;
                self.expect(close, "the end of @preamble")?;
                continue;
            }
            if kind == "string" {
                self.skip_ws();
                let name = self.ident().to_lowercase();
                self.expect(b'=', "`=` in @string")?;
                let v = self.value()?;
                self.strings.insert(name, v);
                self.expect(close, "the end of @string")?;
                continue;
            }
            self.skip_ws();
            let key_at = self.i;
            let key_start = self.i;
            while self.i < self.b.len() {
                let c = self.b[self.i];
                if c == b',' || c.is_ascii_whitespace() || c == close {
                    break;
                }
                self.i += 1;
            }
            let key = self.text[key_start..self.i].to_string();
            if key.is_empty() {
                return Err(self.err(key_at, format!("`@{kind}` entry has no key")));
            }
            let mut fields = Vec::new();
            loop {
                self.skip_ws();
                match self.b.get(self.i) {
                    Some(b',') => {
                        self.i += 1;
                        self.skip_ws();
                        if self.b.get(self.i) == Some(&close) {
                            self.i += 1;
                            break;
                        }
                        let name_at = self.i;
                        let name = self.ident().to_lowercase();
                        if name.is_empty() {
                            return Err(self
                                .err(name_at, format!("expected a field name in entry `{key}`")));
                        }
                        self.expect(b'=', &format!("`=` after field `{name}`"))?;
                        let v = self.value()?;
                        fields.push((name, v));
                    }
                    Some(&c) if c == close => {
                        self.i += 1;
                        break;
                    }
                    Some(_) => {
                        return Err(self.err(
                            self.i,
                            format!("expected `,` or the end of entry `{key}` (a missing comma?)"),
                        ))
                    }
                    None => return Err(self.err(at, format!("entry `{key}` is never closed"))),
                }
            }
            out.push(Entry { kind, key, fields });
        }
    }
}

fn month_number(name: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let n = name.get(..3)?;
    MONTHS.iter().position(|m| *m == n).map(|p| p as u32 + 1)
}

/// Parses BibTeX text into raw entries.
pub fn parse_entries(text: &str, file: &str) -> Result<Vec<Entry>, CiteError> {
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        i: 0,
        file,
        strings: BTreeMap::new(),
    };
    p.entries()
}

/// Parses BibTeX text into CSL-JSON items.
pub fn parse(text: &str, file: &str) -> Result<Vec<CslItem>, CiteError> {
    Ok(parse_entries(text, file)?.iter().map(to_item).collect())
}

fn s(v: &str) -> Value {
    Value::String(v.to_string())
}

/// Splits on ` and ` at brace depth 0.
fn split_names(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let b = raw.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' => depth += 1,
            b'}' => depth -= 1,
            c if depth == 0 && c.is_ascii_whitespace() => {
                let rest = &raw[i..];
                let t = rest.trim_start();
                if t.len() >= 4
                    && t.as_bytes()[..3].eq_ignore_ascii_case(b"and")
                    && t.get(3..)
                        .is_some_and(|r| r.starts_with(char::is_whitespace))
                {
                    out.push(raw[start..i].trim().to_string());
                    let skip = rest.len() - t.len() + 3;
                    i += skip;
                    start = i;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out.push(raw[start..].trim().to_string());
    out.retain(|n| !n.is_empty());
    out
}

/// Splits at commas at brace depth 0.
fn split_commas(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in raw.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(std::mem::take(&mut cur).trim().to_string());
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur.trim().to_string());
    out
}

fn words_depth0(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for c in raw.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if c.is_whitespace() && depth == 0 => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_particle(word: &str) -> bool {
    to_text(word)
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
        && !word.starts_with('{')
}

fn name(raw: &str) -> NameValue {
    let raw = raw.trim();
    // `{World Bank}`: one literal name.
    if raw.starts_with('{')
        && raw.ends_with('}')
        && split_commas(raw).len() == 1
        && words_depth0(raw).len() == 1
    {
        return NameValue::Literal(LiteralName {
            literal: to_text(raw),
        });
    }
    let parts = split_commas(raw);
    let (given, last_part, suffix) = match parts.len() {
        1 => {
            let words = words_depth0(&parts[0]);
            if words.len() == 1 {
                return NameValue::Literal(LiteralName {
                    literal: to_text(&words[0]),
                });
            }
            // First von Last: the last word, and lower-case words before it.
            let mut split = words.len() - 1;
            while split > 0 && is_particle(&words[split - 1]) {
                split -= 1;
            }
            let first_particle = words[..words.len() - 1].iter().position(|w| is_particle(w));
            let given_end = first_particle.unwrap_or(split).min(split);
            (
                words[..given_end].join(" "),
                words[given_end..].join(" "),
                String::new(),
            )
        }
        2 => (parts[1].clone(), parts[0].clone(), String::new()),
        _ => (parts[2].clone(), parts[0].clone(), parts[1].clone()),
    };
    // Particles at the start of the last part: `von Neumann`, `de la Cruz`.
    let lw = words_depth0(&last_part);
    let mut k = 0;
    while k + 1 < lw.len() && is_particle(&lw[k]) {
        k += 1;
    }
    let particle = (k > 0).then(|| to_text(&lw[..k].join(" ")));
    let family = to_text(&lw[k..].join(" "));
    NameValue::Item(NameItem {
        family,
        given: Some(to_text(&given)).filter(|g| !g.is_empty()),
        // pandoc reads every BibTeX particle (`van der Berg, Jan`, `Ludwig
        // van Beethoven`) as a dropping one: `Berg, J. van der`.
        non_dropping_particle: None,
        dropping_particle: particle,
        suffix: Some(to_text(&suffix)).filter(|s| !s.is_empty()),
        comma_suffix: None,
    })
}

fn names(raw: &str) -> Value {
    Value::Names(split_names(raw).iter().map(|n| name(n)).collect())
}

/// An ISO-like date (`2021-12-15`, `2021-12`, `2021`, ranges keep the start).
fn date(raw: &str) -> Option<Value> {
    let t = to_text(raw);
    let start = t.split('/').next().unwrap_or(&t);
    parse_date_text(start).map(|p| date_value(&p))
}

/// The BCP 47 tag pandoc gives a biblatex language name (`french` →
/// `fr-FR`); a name not in the table is kept as written.
fn language_tag(name: &str) -> String {
    const TABLE: &str = include_str!("data/languages.txt");
    let key = name.trim().to_lowercase();
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .find(|(n, _)| *n == key)
        .map_or_else(|| name.to_string(), |(_, tag)| tag.to_string())
}

/// Converts an entry to a CSL-JSON item.
pub fn to_item(e: &Entry) -> CslItem {
    let f: BTreeMap<&str, &str> = e
        .fields
        .iter()
        .rev()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let get = |k: &str| f.get(k).copied();
    let text = |k: &str| get(k).map(to_text).filter(|t| !t.is_empty());
    let english = get("langid")
        .or(get("language"))
        .map(|l| {
            let l = to_text(l).to_lowercase();
            l.starts_with("en") || l.contains("english") || l.is_empty()
        })
        .unwrap_or(true);
    let title_of = |raw: &str| -> String {
        let t = if english {
            untitlecase(&to_pieces(raw))
        } else {
            to_pieces(raw).into_iter().map(|p| p.text).collect()
        };
        super::quotes::nest(&collapse_ws(&t))
    };
    let subtype = text("entrysubtype").unwrap_or_default().to_lowercase();
    let kind = e.kind.as_str();
    let csl_type = match kind {
        "article" => match subtype.as_str() {
            "newspaper" => "article-newspaper",
            "magazine" => "article-magazine",
            _ => "article-journal",
        },
        "book" | "mvbook" | "collection" | "mvcollection" | "proceedings" | "mvproceedings"
        | "manual" | "bookinbook" => "book",
        "inbook" | "incollection" | "inreference" | "suppbook" | "suppcollection" => "chapter",
        "inproceedings" | "conference" => "paper-conference",
        "report" | "techreport" => "report",
        "thesis" | "phdthesis" | "mastersthesis" => "thesis",
        "online" | "electronic" | "www" => "webpage",
        "dataset" => "dataset",
        "legislation" | "legal" => "legislation",
        "jurisdiction" => "legal_case",
        "unpublished" => "manuscript",
        "patent" => "patent",
        "periodical" => "periodical",
        "booklet" => "pamphlet",
        "software" => "software",
        "letter" => "personal_communication",
        "review" => "review",
        "video" | "movie" => "motion_picture",
        "audio" => "song",
        _ => "",
    };
    let mut m: BTreeMap<String, Value> = BTreeMap::new();
    m.insert("id".into(), s(&e.key));
    m.insert("type".into(), s(csl_type));
    let generic = include_str!("data/generic-types.txt")
        .lines()
        .any(|t| t == kind);
    if csl_type.is_empty() && !generic {
        m.insert(super::UNKNOWN_TYPE.into(), s(kind));
    }

    // Title: title + subtitle + titleaddon.
    if let Some(raw) = get("title") {
        let mut t = title_of(raw);
        if let Some(sub) = get("subtitle") {
            t = format!("{t}: {}", title_of(sub));
        }
        if let Some(add) = get("titleaddon") {
            t = format!("{t}. {}", title_of(add));
        }
        if let Some(short) = get("shorttitle") {
            m.insert("title-short".into(), s(&title_of(short)));
        } else if let Some((before, _)) = t.split_once(": ") {
            m.insert("title-short".into(), s(before));
        }
        m.insert("title".into(), s(&t));
    }
    // The words titles protect, for title case.
    let mut protected: Vec<String> = Vec::new();
    for k in [
        "title",
        "subtitle",
        "titleaddon",
        "shorttitle",
        "booktitle",
        "maintitle",
        "journaltitle",
        "journal",
    ] {
        for p in get(k).map(to_pieces).unwrap_or_default() {
            if p.protected {
                for w in p
                    .text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                {
                    if !protected.iter().any(|x| x == w) {
                        protected.push(w.to_string());
                    }
                }
            }
        }
    }
    if !protected.is_empty() {
        m.insert(super::PROTECTED.into(), s(&protected.join(" ")));
    }
    // Container title.
    let contribution = matches!(
        kind,
        "inbook" | "incollection" | "inreference" | "suppbook" | "suppcollection"
    );
    let container = if contribution {
        get("maintitle").or(get("booktitle")).map(title_of)
    } else {
        get("journaltitle")
            .or(get("journal"))
            .map(to_text)
            .or_else(|| get("booktitle").map(title_of))
    };
    if let Some(c) = container.filter(|c| !c.is_empty()) {
        m.insert("container-title".into(), s(&c));
    }
    if let Some(a) = get("author") {
        m.insert("author".into(), names(a));
    }
    if let Some(ed) = get("editor") {
        m.insert("editor".into(), names(ed));
    }
    if let Some(tr) = get("translator") {
        m.insert("translator".into(), names(tr));
    }
    // Dates.
    let issued = get("date").and_then(date).or_else(|| {
        let y = text("year")?;
        let y: i64 = y.trim().parse().ok()?;
        let mut parts = vec![y];
        if let Some(mo) = text("month") {
            let mo = mo.trim().to_lowercase();
            if let Some(n) = mo
                .parse::<i64>()
                .ok()
                .or_else(|| month_number(&mo).map(i64::from))
            {
                parts.push(n);
                if let Some(d) = text("day").and_then(|d| d.trim().parse().ok()) {
                    parts.push(d);
                }
            }
        }
        Some(date_value(&parts))
    });
    if let Some(d) = issued {
        m.insert("issued".into(), d);
    }
    if let Some(d) = get("origdate").and_then(date) {
        m.insert("original-date".into(), d);
    }
    if let Some(d) = get("urldate").and_then(date) {
        m.insert("accessed".into(), d);
    }
    if let Some(d) = get("eventdate").and_then(date) {
        m.insert("event-date".into(), d);
    }
    // Publisher: school, institution, organization, howpublished, publisher.
    let pubs: Vec<String> = [
        "school",
        "institution",
        "organization",
        "howpublished",
        "publisher",
    ]
    .iter()
    .filter_map(|k| get(k))
    // A list of publishers is joined with ` and `, as names are.
    .flat_map(|raw| split_names(raw).into_iter().map(|p| to_text(&p)))
    .filter(|p| !p.is_empty() && !p.starts_with("http"))
    .collect();
    if !pubs.is_empty() {
        m.insert("publisher".into(), s(&pubs.join("; ")));
    }
    if let Some(place) = text("location").or_else(|| text("address")) {
        m.insert("publisher-place".into(), s(&place));
    }
    // Numbers.
    if let Some(v) = text("volume") {
        m.insert("volume".into(), s(&v));
    }
    if let Some(n) = text("number") {
        let key = if matches!(
            csl_type,
            "article-journal" | "article-magazine" | "article-newspaper" | "periodical"
        ) {
            "issue"
        } else if get("series").is_some()
            && matches!(csl_type, "book" | "chapter" | "paper-conference")
        {
            "collection-number"
        } else {
            "number"
        };
        m.insert(key.into(), s(&n));
    }
    if let Some(i) = text("issue") {
        m.insert("issue".into(), s(&i));
    }
    if let Some(p) = text("pages") {
        m.insert("page".into(), s(&p.replace(['–', '—'], "-")));
    }
    if let Some(v) = text("edition") {
        m.insert("edition".into(), s(&v));
    }
    if let Some(v) = text("series") {
        m.insert("collection-title".into(), s(&v));
    }
    if let Some(v) = text("volumes") {
        m.insert("number-of-volumes".into(), s(&v));
    }
    // Genre: thesis kinds and report types.
    let genre = match kind {
        "phdthesis" => Some("PhD thesis".to_string()),
        "mastersthesis" => Some("Master’s thesis".to_string()),
        _ => text("type").map(|t| match t.to_lowercase().as_str() {
            "phdthesis" => "PhD thesis".to_string(),
            "mathesis" | "mastersthesis" => "Master’s thesis".to_string(),
            _ => t,
        }),
    };
    if let Some(g) = genre {
        m.insert("genre".into(), s(&g));
    }
    // Identifiers and links.
    if let Some(doi) = text("doi") {
        let doi = doi
            .trim_start_matches("https://doi.org/")
            .trim_start_matches("http://dx.doi.org/")
            .trim_start_matches("doi:")
            .to_string();
        m.insert("DOI".into(), s(&doi));
    }
    if let Some(url) = get("url") {
        // URLs are verbatim: no LaTeX conversion except escaped specials.
        let url = url
            .replace("\\_", "_")
            .replace("\\%", "%")
            .replace("\\#", "#")
            .replace("\\&", "&");
        m.insert("URL".into(), s(url.trim()));
    }
    for (k, csl) in [
        ("isbn", "ISBN"),
        ("issn", "ISSN"),
        ("note", "note"),
        ("addendum", "note"),
        ("version", "version"),
        ("eventtitle", "event-title"),
        ("venue", "event-place"),
    ] {
        if let Some(v) = text(k) {
            m.entry(csl.into()).or_insert_with(|| s(&v));
        }
    }
    if let Some(l) = text("langid").or_else(|| text("language")) {
        m.insert("language".into(), s(&language_tag(&l)));
    }
    Item(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(src: &str) -> CslItem {
        parse(src, "t.bib").unwrap().remove(0)
    }

    #[test]
    fn names_and_literals() {
        let it = item("@book{k, author = {{World Bank} and van der Berg, Jan and Ludwig van Beethoven and Smith, Jr., John}, title={T}}");
        let json = serde_json::to_string(&it).unwrap();
        assert!(json.contains("{\"literal\":\"World Bank\"}"), "{json}");
        assert!(json.contains("\"family\":\"Berg\""), "{json}");
        assert!(json.contains("\"dropping-particle\":\"van der\""), "{json}");
        assert!(
            json.contains("\"family\":\"Beethoven\",\"given\":\"Ludwig\""),
            "{json}"
        );
        assert!(json.contains("\"suffix\":\"Jr.\""), "{json}");
    }

    #[test]
    fn an_at_sign_starting_a_line_ends_an_unclosed_value() {
        let unclosed = |value: &str| {
            parse(&format!("@misc{{a, title = {value}}}\n"), "x.bib")
                .err()
                .is_some_and(|e| e.to_string().contains("unbalanced braces"))
        };
        assert!(!unclosed("{a @b}"));
        assert!(!unclosed("{a \\@b}"));
        assert!(!unclosed("{a\n x@b}"));
        assert!(
            !unclosed("{a {\n@b}}"),
            "deeper than the value's own braces"
        );
        assert!(unclosed("{a\n@b}"));
        assert!(unclosed("{a\n \t\u{b}\u{3000}\u{85}@b}"));
        assert!(unclosed("{a\\\n@b}"), "a backslash before the line break");
        // A long line of them is linear (it was quadratic).
        let many = format!("{{{}}}", "x @".repeat(400_000));
        let start = std::time::Instant::now();
        assert!(!unclosed(&many));
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn errors_have_locations() {
        let e = parse(
            "@article{a,\n  title = {Open\n}\n@book{b, title = {x}}\n",
            "x.bib",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("x.bib:"), "{e}");
        let e = parse("@article{a,\n  title = {A}\n  year = 2000\n}\n", "x.bib").unwrap_err();
        assert!(e.to_string().starts_with("x.bib:3:3:"), "{e}");
        let e = parse("@article{a, journal = jnl}\n", "x.bib").unwrap_err();
        assert!(e.to_string().contains("undefined string `jnl`"), "{e}");
    }

    #[test]
    fn strings_and_concatenation() {
        let it = item("@string{pre = \"Journal of \"}\n@article{k, journal = pre # {Things}, month = mar, year = 2001}");
        assert_eq!(it.0.get("container-title"), Some(&s("Journal of Things")));
    }
}
