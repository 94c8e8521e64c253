//! Changes to a CSL style that make hayagriva render it as the CSL
//! specification (and citeproc) does.
//!
//! A `cs:group` is suppressed when it calls variables and all of them are
//! empty, counting the variables of nested groups. hayagriva lets a nested
//! group that holds only a term (IEEE's `[Online]`) keep its parent alive,
//! so `[Online].` appears in references without an access date. A group
//! with such a child is wrapped in `<choose><if variable="…" match="any">`
//! over the variables it calls, which is what the specification means.

use hayagriva::citationberg::taxonomy::Kind;
use hayagriva::citationberg::taxonomy::Variable;
use hayagriva::citationberg::{
    Choose, ChooseBranch, ChooseMatch, CslMacro, FontStyle, IndependentStyle,
    LayoutRenderingElement as El, Text, TextCase, TextTarget,
};

/// Applies the fixes to a style.
pub fn fix(style: &mut IndependentStyle) {
    let macros = style.macros.clone();
    walk(&mut style.citation.layout.elements, &macros);
    if let Some(b) = style.bibliography.as_mut() {
        walk(&mut b.layout.elements, &macros);
    }
    for m in style.macros.iter_mut() {
        walk(&mut m.children, &macros);
    }
}

fn walk(elems: &mut [El], macros: &[CslMacro]) {
    for e in elems.iter_mut() {
        match e {
            El::Group(g) => {
                walk(&mut g.children, macros);
                let term_only_child = g.children.iter().any(|c| {
                    matches!(c, El::Group(inner) if unconditional_vars(&inner.children, macros, 0).is_empty())
                });
                // Only where some variable is called whichever branch is
                // taken: APA's `date-bib` calls its variables in choose
                // branches only, and its `n.d.` branch must print.
                if term_only_child && !vars_outside_choose(&g.children, macros, 0).is_empty() {
                    let vars = vars_of(&g.children, macros, 0);
                    if !vars.is_empty() {
                        let group = std::mem::replace(e, El::Choose(empty_choose()));
                        *e = El::Choose(Choose {
                            if_: ChooseBranch {
                                disambiguate: None,
                                is_numeric: None,
                                is_uncertain_date: None,
                                locator: None,
                                position: None,
                                type_: None,
                                variable: Some(vars),
                                match_: ChooseMatch::Any,
                                children: vec![group],
                            },
                            else_if: Vec::new(),
                            otherwise: None,
                        });
                    }
                }
            }
            El::Choose(c) => {
                walk(&mut c.if_.children, macros);
                for b in c.else_if.iter_mut() {
                    walk(&mut b.children, macros);
                }
                if let Some(o) = c.otherwise.as_mut() {
                    walk(&mut o.children, macros);
                }
            }
            _ => {}
        }
    }
}

fn empty_choose() -> Choose {
    Choose {
        if_: ChooseBranch {
            disambiguate: None,
            is_numeric: None,
            is_uncertain_date: None,
            locator: None,
            position: None,
            type_: None,
            variable: None,
            match_: ChooseMatch::All,
            children: Vec::new(),
        },
        else_if: Vec::new(),
        otherwise: None,
    }
}

/// The variables `elems` call outside choose branches: none means the
/// group can render from terms alone.
fn unconditional_vars(elems: &[El], macros: &[CslMacro], depth: usize) -> Vec<Variable> {
    let plain: Vec<El> = elems
        .iter()
        .filter(|e| !matches!(e, El::Choose(_)))
        .cloned()
        .collect();
    vars_of(&plain, macros, depth)
}

/// The variables `elems` call outside every choose element, at any depth.
fn vars_outside_choose(elems: &[El], macros: &[CslMacro], depth: usize) -> Vec<Variable> {
    let mut out = Vec::new();
    if depth > 16 {
        return out;
    }
    for e in elems {
        match e {
            El::Text(t) => match &t.target {
                TextTarget::Variable { var, .. } => out.push(*var),
                TextTarget::Macro { name } => {
                    if let Some(m) = macros.iter().find(|m| &m.name == name) {
                        out.extend(vars_outside_choose(&m.children, macros, depth + 1));
                    }
                }
                _ => {}
            },
            El::Number(n) => out.push(n.variable.into()),
            El::Date(d) => {
                if let Some(v) = d.variable {
                    out.push(v.into());
                }
            }
            El::Names(n) => out.extend(n.variable.iter().map(|v| Variable::from(*v))),
            El::Group(g) => out.extend(vars_outside_choose(&g.children, macros, depth + 1)),
            El::Choose(_) | El::Label(_) => {}
        }
    }
    out
}

/// The variables that `elems` call (directly, through groups, choose
/// branches and macros; not in conditions).
fn vars_of(elems: &[El], macros: &[CslMacro], depth: usize) -> Vec<Variable> {
    let mut out = Vec::new();
    if depth > 16 {
        return out;
    }
    for e in elems {
        match e {
            El::Text(t) => match &t.target {
                TextTarget::Variable { var, .. } => out.push(*var),
                TextTarget::Macro { name } => {
                    if let Some(m) = macros.iter().find(|m| &m.name == name) {
                        out.extend(vars_of(&m.children, macros, depth + 1));
                    }
                }
                _ => {}
            },
            El::Number(n) => out.push(n.variable.into()),
            El::Date(d) => {
                if let Some(v) = d.variable {
                    out.push(v.into());
                }
            }
            El::Names(n) => out.extend(n.variable.iter().map(|v| Variable::from(*v))),
            El::Group(g) => out.extend(vars_of(&g.children, macros, depth + 1)),
            El::Choose(c) => {
                for b in c.branches() {
                    out.extend(vars_of(&b.children, macros, depth + 1));
                }
                if let Some(o) = &c.otherwise {
                    out.extend(vars_of(&o.children, macros, depth + 1));
                }
            }
            El::Label(_) => {}
        }
    }
    out.sort_by_key(|v| format!("{v:?}"));
    out.dedup();
    out
}

/// A variable brief title-cases itself, except in items of some types.
#[derive(Debug, Clone)]
pub struct TitleCased {
    /// The CSL variable (`title`).
    pub var: String,
    /// Item types the style prints it as written for (Chicago's
    /// `legal_case`): their value is left as it is.
    pub except: Vec<Kind>,
    /// Whether it is printed in italics, for every type (`None`) or for
    /// these: citeproc does not capitalise a last stop word in italics
    /// (`Bringing the State Back in`).
    pub italic: Option<Vec<Kind>>,
}

/// Takes `text-case="title"` off every `cs:text` of a variable that the
/// style prints in title case wherever it prints it (but in branches for
/// some types only), and returns those variables: brief title-cases their
/// values itself ([`super::casing::title_case`], citeproc's rules), since
/// hayagriva's title case differs (`across`, `And` after a comma,
/// `SDGs` → `Sdgs`, protected words). A variable printed both ways for
/// any type stays with hayagriva.
pub fn own_title_case(style: &mut IndependentStyle) -> Vec<TitleCased> {
    use std::collections::BTreeMap;
    // Per variable: None once printed as written for every type, else the
    // types it is printed as written for.
    let mut seen: BTreeMap<String, Option<Vec<Kind>>> = BTreeMap::new();
    let mut italic: BTreeMap<String, Option<Vec<Kind>>> = BTreeMap::new();
    visit_texts(style, &mut |t, types| {
        if let TextTarget::Variable { var, .. } = &t.target {
            if t.formatting.font_style == Some(FontStyle::Italic) {
                let it = italic.entry(var.to_string()).or_insert(Some(Vec::new()));
                match (it.as_mut(), types) {
                    (Some(list), Some(types)) => list.extend(types.iter().copied()),
                    _ => *it = None,
                }
            }
            let entry = seen.entry(var.to_string()).or_insert(Some(Vec::new()));
            if t.text_case != Some(TextCase::TitleCase) {
                match (entry.as_mut(), types) {
                    (Some(except), Some(types)) => except.extend(types.iter().copied()),
                    _ => *entry = None,
                }
            }
        }
    });
    let out: Vec<TitleCased> = seen
        .into_iter()
        .filter_map(|(var, except)| {
            let italic = italic.get(&var).cloned().unwrap_or(Some(Vec::new()));
            Some(TitleCased {
                except: except?,
                italic,
                var,
            })
        })
        .collect();
    visit_texts(style, &mut |t, _| {
        if let TextTarget::Variable { var, .. } = &t.target {
            if t.text_case == Some(TextCase::TitleCase)
                && out.iter().any(|o| o.var == var.to_string())
            {
                t.text_case = None;
            }
        }
    });
    out
}

/// Calls `f` on every `cs:text` of the style's layouts and macros, with the
/// item types the innermost `type` condition around it admits (`None`:
/// any type).
fn visit_texts(style: &mut IndependentStyle, f: &mut dyn FnMut(&mut Text, Option<&[Kind]>)) {
    visit_in(&mut style.citation.layout.elements, f);
    if let Some(b) = style.bibliography.as_mut() {
        visit_in(&mut b.layout.elements, f);
    }
    for m in style.macros.iter_mut() {
        visit_in(&mut m.children, f);
    }
}

/// Walks nested groups and choose branches with a work list, not recursion:
/// a style file is input and may nest deeply.
fn visit_in(elems: &mut [El], f: &mut dyn FnMut(&mut Text, Option<&[Kind]>)) {
    let mut todo: Vec<(&mut El, Option<Vec<Kind>>)> = elems.iter_mut().map(|e| (e, None)).collect();
    while let Some((e, types)) = todo.pop() {
        match e {
            El::Text(t) => f(t, types.as_deref()),
            El::Group(g) => todo.extend(g.children.iter_mut().map(|c| (c, types.clone()))),
            El::Choose(c) => {
                let narrow = |b: &ChooseBranch| match (&b.type_, b.match_) {
                    (Some(t), ChooseMatch::Any) if b.variable.is_none() => Some(t.clone()),
                    _ => types.clone(),
                };
                let t_if = narrow(&c.if_);
                let mut more: Vec<(&mut El, Option<Vec<Kind>>)> = Vec::new();
                more.extend(c.if_.children.iter_mut().map(|x| (x, t_if.clone())));
                for b in c.else_if.iter_mut() {
                    let t = narrow(b);
                    more.extend(b.children.iter_mut().map(|x| (x, t.clone())));
                }
                if let Some(o) = c.otherwise.as_mut() {
                    more.extend(o.children.iter_mut().map(|x| (x, types.clone())));
                }
                todo.extend(more);
            }
            _ => {}
        }
    }
}
