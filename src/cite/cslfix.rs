//! Changes to a CSL style that make hayagriva render it as the CSL
//! specification (and citeproc) does.
//!
//! A `cs:group` is suppressed when it calls variables and all of them are
//! empty, counting the variables of nested groups. hayagriva lets a nested
//! group that holds only a term (IEEE's `[Online]`) keep its parent alive,
//! so `[Online].` appears in references without an access date. A group
//! with such a child is wrapped in `<choose><if variable="…" match="any">`
//! over the variables it calls, which is what the specification means.

use hayagriva::citationberg::taxonomy::Variable;
use hayagriva::citationberg::{
    Choose, ChooseBranch, ChooseMatch, CslMacro, IndependentStyle, LayoutRenderingElement as El,
    TextTarget,
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
                if term_only_child {
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
