//! Cues and their sources read from the parse of a claim ([`crate::grammar`]):
//! a reporting verb of the lexicon whose subject names who speaks, wherever
//! the two stand (`X said`, `…, said X`, `…, X said`, `X, who said`,
//! `X met Y and said`), the agent of a passive (`was announced by X`), and
//! the object of `according to`.

use super::{lists, mention_from, Cue, Mention};
use crate::grammar::{self, Analysis};
use crate::outline::model::SourceKind;
use crate::outline::text::Token;
use std::ops::Range;

/// Labels whose words are no part of the name of who speaks: prepositions
/// and subordinators (`according to`), an apposition (`David Palmiter, a
/// professor …`), a relative clause, marks, clauses.
const NOT_IN_NAME: [&str; 10] = [
    "case",
    "mark",
    "appos",
    "acl",
    "acl:relcl",
    "punct",
    "parataxis",
    "advcl",
    "dep",
    "discourse",
];

/// The cues of a claim and their sources, from its parse. `mask` marks the
/// tokens inside quotation marks: a verb quoted is no cue. `tagged` is the
/// claim already tagged, where an earlier rule needed its tags.
pub(super) fn cues<'a>(
    text: &'a str,
    toks: &[Token],
    mask: &[bool],
    tagged: Option<grammar::Tagged<'a>>,
) -> Vec<Cue> {
    let l = lists();
    // A word the tagger's dictionary fixes as no verb is no cue, and that
    // needs no tagging to tell (`a plan`, `the like`).
    let maybe = toks.iter().enumerate().any(|(k, t)| {
        t.word && l.cue_shapes.may_be(t.text) && !mask.get(k).copied().unwrap_or(false) && {
            let w = t.text.to_lowercase();
            w == "according"
                || (l.cue_verb(&w) && grammar::fixed_upos(t.text).is_none_or(|u| u == "VERB"))
        }
    });
    if !maybe {
        return Vec::new();
    }
    let Some(tagged) = tagged.or_else(|| grammar::tag(text).ok()) else {
        return Vec::new();
    };
    let unquoted = |start: usize| !mask.get(token_at(toks, start)).copied().unwrap_or(false);
    // The parse is most of the work and only a cue verb or `according to`
    // outside quotation marks can give a cue, so the tags decide first
    // whether it is needed.
    let candidate = (0..tagged.len()).any(|i| {
        unquoted(tagged.ranges[i].start) && {
            let form = tagged.form(i).to_lowercase();
            (form == "according" && tagged.form(i + 1).eq_ignore_ascii_case("to"))
                || (tagged.upos(i) == "VERB" && l.cue_verb(&form))
        }
    });
    if !candidate {
        return Vec::new();
    }
    let a = tagged.parse();
    let kids = children(&a);
    let quoted = |w: usize| !unquoted(a.words[w].range.start);
    let mut out = Vec::new();
    let mut stances = Vec::new();
    for i in 0..a.len() {
        if quoted(i) {
            continue;
        }
        let form = a.form(i).to_lowercase();
        if form == "according" && a.form(i + 1).eq_ignore_ascii_case("to") {
            let Some(x) = a.words[i].head.filter(|&h| h > i) else {
                continue;
            };
            if let Some(m) = mention(text, toks, &a, &kids, x) {
                out.push(Cue {
                    range: a.words[i].range.start..a.words[i + 1].range.end,
                    mention: Some(m),
                    sentence_subject: false,
                    weak: false,
                });
            }
            continue;
        }
        if a.upos(i) != "VERB" {
            continue;
        }
        let Some(entries) = l.verbs.get(form.as_str()) else {
            if let Some(&(_, object)) = l.stances.get(form.as_str()) {
                stances.extend(stance(text, toks, &a, &kids, &quoted, i, object));
            }
            continue;
        };
        // the form alone, or with its particle (`laid out`)
        let mut matched = None;
        for (strong, particle) in entries {
            match particle {
                None => matched = matched.or(Some((*strong, i))),
                Some(p) => {
                    let n = p.split(' ').count();
                    let next: Vec<String> = (1..=n).map(|k| a.form(i + k).to_lowercase()).collect();
                    if next.join(" ") == *p {
                        matched = Some((*strong, i + n));
                    }
                }
            }
        }
        let Some((strong, last)) = matched else {
            // a verb listed with its particle alone (`call for`) may be a
            // stance without it (`called the plan a failure`)
            if let Some(&(_, object)) = l.stances.get(form.as_str()) {
                stances.extend(stance(text, toks, &a, &kids, &quoted, i, object));
            }
            continue;
        };
        // a participle modifying a noun reports nothing (`the actions
        // announced today`), nor does a verb with no report: `released its
        // report`, `accepted bribes`, `replied with photos` are acts
        if matches!(a.deprel(i), "acl" | "amod" | "compound" | "nmod" | "obl") {
            continue;
        }
        // a past participle with no auxiliary is no finite verb and has no
        // subject of its own (`the actions announced today sustain …`)
        if a.xpos(i) == "VBN"
            && !kids[i]
                .iter()
                .any(|&k| matches!(a.deprel(k), "aux" | "aux:pass"))
        {
            continue;
        }

        let of = |label: &str| kids[i].iter().copied().find(|&k| a.deprel(k) == label);
        // a negated verb reports that nothing was said
        if kids[i]
            .iter()
            .any(|&k| a.deprel(k) == "advmod" && matches!(a.lemma(k).as_str(), "not" | "never"))
        {
            continue;
        }
        let passive = kids[i]
            .iter()
            .any(|&k| matches!(a.deprel(k), "aux:pass" | "nsubj:pass"));
        let subject = if passive {
            // the agent speaks: `was announced by the ministry`
            of("obl:agent").or_else(|| {
                of("obl").filter(|&k| {
                    kids[k]
                        .iter()
                        .any(|&c| a.form(c).eq_ignore_ascii_case("by"))
                })
            })
        } else {
            // the subject nearest the verb: in `Practice kindness, says
            // David Palmiter` a misread imperative gives two
            nearest(&a, &kids, i, &["nsubj", "nsubj:outer"])
                .or_else(|| inherited_subject(&a, &kids, i))
                .or_else(|| inverted_subject(&a, &kids, i, last))
        };
        let Some(mut s) = subject else { continue };
        // `X, who said …`: the relative pronoun stands for the noun, its
        // head, or, where the parse has no relative clause, the noun right
        // before it
        if l.relative.contains(a.form(s).to_lowercase().as_str()) {
            let noun_before = (0..s)
                .rev()
                .find(|&p| a.upos(p) != "PUNCT")
                .filter(|&p| matches!(a.upos(p), "NOUN" | "PROPN"));
            match (a.deprel(i) == "acl:relcl")
                .then_some(a.words[i].head)
                .flatten()
                .or(noun_before)
            {
                Some(h) => s = h,
                None => continue,
            }
        }
        if quoted(s) {
            continue;
        }
        if !reports(&a, &kids, mask, i, last, s) {
            continue;
        }
        let Some(m) = mention(text, toks, &a, &kids, s) else {
            continue;
        };
        out.push(Cue {
            range: a.words[i].range.start..a.words[last].range.end,
            mention: Some(m),
            sentence_subject: false,
            weak: !strong,
        });
    }
    // a stance inside what is said is part of the report (`she said voters
    // want change`)
    if out.is_empty() {
        stances
    } else {
        out
    }
}

/// The cue a stance verb `v` makes (`Trump wants a wall`, `voters fear that
/// …`, `she hopes to win`): its subject holds the stance, which its
/// complement states, a clause or, for the verbs that take one, a noun
/// phrase. A modifier (`the expected result`), a participle with no
/// auxiliary and a passive (`is expected to`) hold none.
fn stance(
    text: &str,
    toks: &[Token],
    a: &Analysis<'_>,
    kids: &[Vec<usize>],
    quoted: &dyn Fn(usize) -> bool,
    v: usize,
    object: bool,
) -> Option<Cue> {
    // the stance is the claim's only when its verb heads the sentence (or
    // is joined to the verb that does): in `parties that backed De la
    // Cruz`, `because voters want change` the claim is about something else
    let main = |w: usize| a.deprel(w) == "root";
    let heads = main(v)
        || (matches!(a.deprel(v), "conj" | "parataxis") && a.words[v].head.is_some_and(main));
    if !heads {
        return None;
    }
    let has = |labels: &[&str]| kids[v].iter().any(|&k| labels.contains(&a.deprel(k)));
    if has(&["aux:pass", "nsubj:pass"]) || (a.xpos(v) == "VBN" && !has(&["aux"])) {
        return None;
    }
    let complement = has(&["ccomp", "xcomp", "csubj"])
        || (object && kids[v].iter().any(|&k| a.deprel(k) == "obj" && !quoted(k)));
    if !complement {
        return None;
    }
    let s = nearest(a, kids, v, &["nsubj"]).or_else(|| inherited_subject(a, kids, v))?;
    if quoted(s) {
        return None;
    }
    let m = mention(text, toks, a, kids, s)?;
    Some(Cue {
        range: a.words[v].range.clone(),
        mention: Some(m),
        sentence_subject: false,
        weak: false,
    })
}

/// Who a sentence is about: the subject of its main verb, named as a
/// source would be (`Democratic presidential front-runner Hillary Clinton
/// stretched the truth …` is about Hillary Clinton), outside quotation
/// marks.
pub(super) fn subject(text: &str, toks: &[Token], mask: &[bool]) -> Option<Mention> {
    let a = grammar::analyse(text).ok()?;
    let kids = children(&a);
    let root = (0..a.len()).find(|&i| a.deprel(i) == "root")?;
    let s = nearest(&a, &kids, root, &["nsubj", "nsubj:pass"])?;
    if mask
        .get(token_at(toks, a.words[s].range.start))
        .copied()
        .unwrap_or(false)
    {
        return None;
    }
    // a name after its description (`Democratic presidential front-runner
    // Hillary Clinton`): the name is who
    let w = name_words(&a, &kids, s);
    if a.upos(s) == "PROPN" {
        let mut run = s;
        while run > w.start && a.upos(run - 1) == "PROPN" {
            run -= 1;
        }
        let mut end = s + 1;
        while end < w.end && a.upos(end) == "PROPN" {
            end += 1;
        }
        if run > w.start {
            let ts = token_at(toks, a.words[run].range.start);
            let te = toks.partition_point(|t| t.start < a.words[end - 1].range.end);
            if let Some(m) = mention_from(text, toks, ts..te) {
                return Some(m);
            }
        }
    }
    mention(text, toks, &a, &kids, s)
}

/// Whether a cue verb `v` (ending at word `last`, with its subject `s`)
/// reports something: a clause it governs (`said the shelters would stay
/// open`, `urged them to leave`), a clause before it and a comma (`…, Mr.
/// Stumpf said`, `…, says David Palmiter`), a colon, or a quotation. A
/// reporting verb with a noun phrase alone is an act: `released its report`,
/// `accepted bribes`.
fn reports(
    a: &Analysis<'_>,
    kids: &[Vec<usize>],
    mask: &[bool],
    v: usize,
    last: usize,
    s: usize,
) -> bool {
    if kids[v]
        .iter()
        .any(|&k| matches!(a.deprel(k), "ccomp" | "parataxis" | "xcomp" | "csubj"))
    {
        return true;
    }
    if a.form(last + 1) == ":" || mask.iter().any(|&q| q) {
        return true;
    }
    // inverted: the report stands before the comma that opens `X said` or
    // `says X`
    let first = if s < v {
        name_words(a, kids, s).start
    } else {
        v
    };
    let Some(comma) = first.checked_sub(1) else {
        return false;
    };
    if !matches!(a.form(comma), "," | "”" | "\"" | "’" | "'" | "—" | "–") {
        return false;
    }
    kids[v].iter().any(|&k| k < comma)
        || (matches!(a.deprel(v), "parataxis" | "ccomp" | "conj" | "advcl")
            && a.words[v].head.is_some_and(|h| h < comma))
}

/// The child of `v` with one of `labels` nearest to it: of a misread
/// imperative's two subjects (`Practice kindness, says David Palmiter`),
/// or a description read as a second subject, the one by the verb.
fn nearest(a: &Analysis<'_>, kids: &[Vec<usize>], v: usize, labels: &[&str]) -> Option<usize> {
    kids[v]
        .iter()
        .copied()
        .filter(|&k| labels.contains(&a.deprel(k)))
        .min_by_key(|&k| k.abs_diff(v))
}

/// The subject a verb shares with the verb it is joined to (`met the envoy
/// and said`), found by walking up at most a few `conj` links.
fn inherited_subject(a: &Analysis<'_>, kids: &[Vec<usize>], mut v: usize) -> Option<usize> {
    for _ in 0..4 {
        if a.deprel(v) != "conj" {
            return None;
        }
        v = a.words[v].head?;
        if let Some(&s) = kids[v].iter().find(|&&k| a.deprel(k) == "nsubj") {
            return Some(s);
        }
    }
    None
}

/// The subject of an inverted cue after what it reports (`…,” said
/// another.`), which the parser may read as the verb's object: the phrase
/// right after the verb that ends the sentence, when a comma or a closing
/// quotation mark comes before the verb.
fn inverted_subject(a: &Analysis<'_>, kids: &[Vec<usize>], v: usize, last: usize) -> Option<usize> {
    let before = v.checked_sub(1).map(|p| a.form(p))?;
    if !matches!(before, "," | "”" | "\"" | "’" | "'") {
        return None;
    }
    let s = kids[v].iter().copied().find(|&k| {
        k > last
            && matches!(
                a.deprel(k),
                "obj" | "ccomp" | "dep" | "xcomp" | "iobj" | "obl:npmod"
            )
    })?;
    if !matches!(a.upos(s), "NOUN" | "PROPN" | "PRON" | "DET" | "NUM") {
        return None;
    }
    let w = name_words(a, kids, s);
    // the phrase ends the sentence, or an apposition follows it
    let next = a.form(w.end);
    matches!(next, "" | "." | "," | "!" | "?" | ";").then_some(s)
}

/// The children of every word, in order.
fn children(a: &Analysis<'_>) -> Vec<Vec<usize>> {
    let mut kids = vec![Vec::new(); a.len()];
    for (i, w) in a.words.iter().enumerate() {
        if let Some(h) = w.head {
            if let Some(k) = kids.get_mut(h) {
                k.push(i);
            }
        }
    }
    kids
}

/// The words of the noun phrase headed by `head` that name it: its
/// subtree without appositions, clauses and marks, cut to the unbroken run
/// of words around the head.
fn name_words(a: &Analysis<'_>, kids: &[Vec<usize>], head: usize) -> Range<usize> {
    let mut inside = vec![false; a.len()];
    let mut stack = vec![head];
    while let Some(w) = stack.pop() {
        inside[w] = true;
        for &k in &kids[w] {
            // an apposition with no mark before it is part of the name:
            // `Chief engineer Lena Marquez`
            let close = a.deprel(k) == "appos" && (w + 1..k).all(|m| a.upos(m) != "PUNCT") && k > w;
            if close || !NOT_IN_NAME.contains(&a.deprel(k)) {
                stack.push(k);
            }
        }
    }
    let mut s = head;
    while s > 0 && inside[s - 1] {
        s -= 1;
    }
    let mut e = head + 1;
    while e < a.len() && inside[e] {
        e += 1;
    }
    s..e
}

/// The mention a noun phrase makes, through the same naming rules as every
/// other source ([`mention_from`]).
fn mention(
    text: &str,
    toks: &[Token],
    a: &Analysis<'_>,
    kids: &[Vec<usize>],
    head: usize,
) -> Option<super::Mention> {
    let w = name_words(a, kids, head);
    let start = a.words.get(w.start)?.range.start;
    let end = a.words.get(w.end - 1)?.range.end;
    let ts = token_at(toks, start);
    let te = toks.partition_point(|t| t.start < end);
    if ts >= te {
        return None;
    }
    // a role before a name (`Chief engineer Lena Marquez`): the name speaks
    let mut run = w.end;
    while run > w.start && a.upos(run - 1) == "PROPN" {
        run -= 1;
    }
    if run > w.start && run < w.end && a.upos(head) != "PROPN" {
        let rs = token_at(toks, a.words[run].range.start);
        if let Some(m) = mention_from(text, toks, rs..te).filter(|m| m.kind == SourceKind::Person) {
            let role = a.text[start..a.words[run - 1].range.end].to_string();
            return Some(Mention {
                role: m.role.clone().or(Some(role)),
                surface: a.text[start..end].to_string(),
                range: start..end,
                ..m
            });
        }
    }
    mention_from(text, toks, ts..te).or_else(|| common_noun(a, w, head))
}

/// A source named by a common noun (`the investigator`, `another source`,
/// `sources`, `officials`) or a pronoun-like determiner (`said another`):
/// the parse says it is the subject of a reporting verb, which the naming
/// rules alone cannot tell. Plural nouns are groups, others people.
fn common_noun(a: &Analysis<'_>, w: Range<usize>, head: usize) -> Option<Mention> {
    let upos = a.upos(head);
    if !matches!(upos, "NOUN" | "DET" | "PRON") {
        return None;
    }
    // a common noun's name is its head and the words before it, without
    // determiners: `another source` is a `source`
    let mut s = w.start;
    let mut definite = false;
    while s < head && matches!(a.upos(s), "DET" | "PUNCT") {
        definite |= a.form(s).eq_ignore_ascii_case("the");
        s += 1;
    }
    let name_range = a.words[s].range.start..a.words[head].range.end;
    let full = a.words[w.start].range.start..a.words[w.end - 1].range.end;
    let name = a.text[name_range].to_lowercase();
    if name.is_empty() || !name.chars().any(char::is_alphabetic) {
        return None;
    }
    // plural by its tag (`officials`), or by the verb it agrees with
    // (`some are questioning`, `others have said`)
    let plural_verb = a.words[head].head.is_some_and(|v| {
        a.xpos(v) == "VBP"
            || (0..a.len()).any(|k| {
                a.words[k].head == Some(v)
                    && matches!(a.deprel(k), "aux" | "aux:pass")
                    && matches!(a.form(k).to_lowercase().as_str(), "are" | "were" | "have")
            })
    });
    let kind = if a.xpos(head) == "NNS" || (upos != "NOUN" && plural_verb) {
        SourceKind::Group
    } else {
        SourceKind::Person
    };
    // described by a role, not named: the role is all the name there is
    // (and no entity is made of it)
    Some(Mention {
        role: Some(name.clone()),
        name,
        surface: a.text[full.clone()].to_string(),
        range: full,
        kind,
        definite,
        pronoun: None,
    })
}

/// The index of the token that holds byte `at`.
pub(super) fn token_at(toks: &[Token], at: usize) -> usize {
    toks.partition_point(|t| t.end() <= at)
}
