//! What the LaTeX reader does with each command it knows, and the small
//! conversions it needs: citations into pandoc's syntax, inline math into
//! readable text, and which `\input` paths it may follow.

use std::path::{Component, Path};

/// Metadata a command sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaKind {
    /// `\title`.
    Title,
    /// `\author`.
    Author,
    /// `\date`.
    Date,
}

/// How a citation command cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiteStyle {
    /// `\cite`, `\citep`, `\parencite`: `[@key]`.
    Paren,
    /// `\citet`, `\textcite`: `@key`.
    Narrative,
    /// `\citeyear`: `[-@key]`.
    Year,
}

/// What a command does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A sectioning command of this rank (`\part` 0 … `\subparagraph` 6).
    Heading(u8),
    /// `\title`, `\author`, `\date`.
    Meta(MetaKind),
    /// `\footnote`, `\footnotetext`: a block of its own after its paragraph.
    Footnote,
    /// `\caption`: the text of a float.
    Caption,
    /// A citation command; `true` when it takes several key groups (`\cites`).
    Cite(CiteStyle, bool),
    /// Nothing of its own: a declaration, or formatting whose argument is
    /// read as text (`\emph{…}` is the text of `{…}`).
    Nothing,
    /// Drops `n` arguments (after optional `[…]`), then reads on (`\href{url}{text}`
    /// drops the URL and keeps the text).
    Skip(u8),
    /// A URL or path: its argument as written.
    Url,
    /// Text.
    Symbol(&'static str),
    /// A space (`\quad`, `\newline`).
    Space,
    /// `\par`.
    Par,
    /// `\item`.
    Item,
    /// `\begin`.
    Begin,
    /// `\end`.
    End,
    /// `\input`, `\include`, `\subfile`; `true` for `\include` (always `.tex`).
    Input(bool),
    /// `\bibliography{a,b}` (`true`: names without `.bib`) and `\addbibresource{a.bib}`.
    Bibliography(bool),
    /// `\verb|…|`.
    Verb,
    /// An accent named by a letter (`\c{c}`, `\v s`).
    Accent(char),
    /// `\enquote{…}`: the text in curly quotes.
    Enquote,
    /// A macro definition (`\newcommand`, `\def`): the name and `n` bodies skipped.
    Define(u8),
    /// `\and` between authors.
    And,
    /// `\iffalse`: everything to its `\fi` is skipped.
    IfFalse,
    /// siunitx's `\SI{5}{\percent}`, `\qty`, `\num`, `\si`.
    Quantity,
}

/// The action of a control word, or `None` when brief does not know it.
pub fn action(name: &str) -> Option<Action> {
    use Action::*;
    Some(match name {
        "part" => Heading(0),
        "chapter" => Heading(1),
        "section" => Heading(2),
        "subsection" => Heading(3),
        "subsubsection" => Heading(4),
        "paragraph" => Heading(5),
        "subparagraph" => Heading(6),
        "title" => Meta(MetaKind::Title),
        "author" => Meta(MetaKind::Author),
        "date" => Meta(MetaKind::Date),
        "and" => And,
        "thanks" => Skip(1),
        "footnote" | "footnotetext" => Footnote,
        "caption" => Caption,
        "cite" | "citep" | "parencite" | "autocite" | "footcite" | "citealp" | "citealt"
        | "Cite" | "Citep" | "Parencite" | "Autocite" | "supercite" | "smartcite" => {
            Cite(CiteStyle::Paren, false)
        }
        "citet" | "textcite" | "Textcite" | "Citet" | "citeauthor" | "Citeauthor" => {
            Cite(CiteStyle::Narrative, false)
        }
        "citeyear" | "citeyearpar" | "citedate" => Cite(CiteStyle::Year, false),
        "cites" | "parencites" | "autocites" | "footcites" | "Cites" | "Parencites" => {
            Cite(CiteStyle::Paren, true)
        }
        "textcites" | "Textcites" => Cite(CiteStyle::Narrative, true),
        "iffalse" => IfFalse,
        "SI" | "qty" | "num" | "si" | "SIrange" => Quantity,
        "fi" | "else" | "xspace" => Nothing,
        "resizebox" => Skip(2),
        "scalebox" | "rotatebox" | "raisebox" => Skip(1),
        "begin" => Begin,
        "end" => End,
        "item" => Item,
        "par" => Par,
        "input" | "subfile" => Input(false),
        "include" => Input(true),
        "bibliography" => Bibliography(true),
        "addbibresource" | "addglobalbib" => Bibliography(false),
        "verb" | "lstinline" => Verb,
        "url" | "nolinkurl" | "path" => Url,
        "enquote" | "textquote" => Enquote,
        "c" | "v" | "u" | "H" | "r" | "k" | "d" | "b" | "t" => {
            Accent(name.chars().next().unwrap_or('c'))
        }
        "newcommand"
        | "renewcommand"
        | "providecommand"
        | "DeclareRobustCommand"
        | "def"
        | "gdef"
        | "edef"
        | "xdef"
        | "DeclareMathOperator"
        | "newtheorem" => Define(1),
        "newlength" | "let" => Define(0),
        "newenvironment"
        | "renewenvironment"
        | "NewDocumentCommand"
        | "RenewDocumentCommand"
        | "DeclareDocumentCommand" => Define(2),
        "NewDocumentEnvironment" | "RenewDocumentEnvironment" => Define(3),
        // formatting: the argument that follows is read as text
        "emph" | "textbf" | "textit" | "textsl" | "textsc" | "texttt" | "textrm" | "textsf"
        | "textup" | "textmd" | "textnormal" | "underline" | "uline" | "uuline" | "uwave"
        | "sout" | "xout" | "mbox" | "hbox" | "fbox" | "text" | "textsuperscript"
        | "textsubscript" | "MakeUppercase" | "MakeLowercase" | "MakeTextUppercase"
        | "uppercase" | "lowercase" | "ensuremath" | "makebox" | "framebox" | "acrshort"
        | "acrlong" | "acrfull" | "emphasis" | "strong" | "textls" | "hyperref" => Nothing,
        // declarations and layout that stand for no text
        "maketitle" | "tableofcontents" | "listoffigures" | "listoftables" | "noindent"
        | "indent" | "centering" | "raggedright" | "raggedleft" | "clearpage" | "newpage"
        | "cleardoublepage" | "pagebreak" | "nopagebreak" | "medskip" | "smallskip" | "bigskip"
        | "vfill" | "hfill" | "null" | "relax" | "protect" | "appendix" | "frontmatter"
        | "mainmatter" | "backmatter" | "small" | "footnotesize" | "scriptsize" | "tiny"
        | "large" | "Large" | "LARGE" | "huge" | "Huge" | "normalsize" | "bfseries" | "itshape"
        | "slshape" | "scshape" | "upshape" | "mdseries" | "rmfamily" | "sffamily" | "ttfamily"
        | "normalfont" | "em" | "bf" | "it" | "rm" | "sf" | "tt" | "sc" | "sl" | "selectfont"
        | "sloppy" | "fussy" | "phantomsection" | "printindex" | "hline" | "toprule"
        | "midrule" | "bottomrule" | "today" | "makeatletter" | "makeatother" | "ignorespaces"
        | "unskip" | "leavevmode" | "FloatBarrier" | "justifying" | "onecolumn" | "twocolumn"
        | "footnotemark" | "printglossaries" | "printbibliography" | "hypersetup" | "nobreak"
        | "allowbreak" | "strut" | "displaystyle" | "frenchspacing" | "nonfrenchspacing"
        | "normalcolor" | "centerline" | "item*" | "endinput" | "boldmath" | "unboldmath"
        | "label*" => Nothing,
        // commands whose arguments are not text
        "label" | "ref" | "eqref" | "pageref" | "autoref" | "cref" | "Cref" | "nameref"
        | "vref" | "index" | "glossary" | "nocite" | "bibliographystyle" | "pagestyle"
        | "thispagestyle" | "includegraphics" | "usepackage" | "RequirePackage"
        | "documentclass" | "geometry" | "graphicspath" | "color" | "pagenumbering"
        | "newcounter" | "captionsetup" | "lstset" | "setmainfont" | "setsansfont"
        | "setmonofont" | "usetikzlibrary" | "pgfplotsset" | "linespread" | "selectlanguage"
        | "markright" | "hyphenation" | "bibitem" | "includepdf" | "tikzset" | "sisetup"
        | "setcopyright" | "keywords" | "vspace" | "enlargethispage" | "addvspace"
        | "theoremstyle" | "newpagestyle" | "titleformat*" | "urlstyle" | "input@path"
        | "hyperlink" | "textcolor" | "foreignlanguage" | "colorbox" | "href" | "hspace" => Skip(1),
        "setlength" | "addtolength" | "setcounter" | "addtocounter" | "markboth"
        | "numberwithin" | "fontsize" | "fcolorbox" | "settowidth" => Skip(2),
        "addcontentsline" | "definecolor" | "titleformat" | "titlespacing" => Skip(3),
        "quad" | "qquad" | "enskip" | "enspace" | "newline" | "linebreak" | "space" | "hskip"
        | "vskip" => Space,
        "thinspace" => Symbol("\u{202f}"),
        "LaTeXe" => Symbol("LaTeX2ε"),
        "textbullet" => Symbol("•"),
        "textdagger" | "dag" => Symbol("†"),
        "textdaggerdbl" | "ddag" => Symbol("‡"),
        "textasciicircum" => Symbol("^"),
        "textunderscore" => Symbol("_"),
        "textbar" => Symbol("|"),
        "textless" => Symbol("<"),
        "textgreater" => Symbol(">"),
        "textperiodcentered" => Symbol("·"),
        "guillemotleft" | "guillemetleft" => Symbol("«"),
        "guillemotright" | "guillemetright" => Symbol("»"),
        "textpm" => Symbol("±"),
        "texttimes" => Symbol("×"),
        "textmu" => Symbol("µ"),
        "textonehalf" => Symbol("½"),
        "textquotesingle" => Symbol("'"),
        "textquotedbl" => Symbol("\""),
        "slash" => Symbol("/"),
        "nobreakspace" => Symbol(" "),
        "checkmark" => Symbol("✓"),
        "textpercent" => Symbol("%"),
        "textnumero" => Symbol("№"),
        "textdollar" => Symbol("$"),
        "textampersand" => Symbol("&"),
        "textsection" => Symbol("§"),
        "textparagraph" => Symbol("¶"),
        "textbraceleft" => Symbol("{"),
        "textbraceright" => Symbol("}"),
        "LuaLaTeX" => Symbol("LuaLaTeX"),
        "XeLaTeX" => Symbol("XeLaTeX"),
        "BibTeX" => Symbol("BibTeX"),
        other => return crate::cite::latex::symbol(other).map(Symbol),
    })
}

/// The arguments an environment takes after `\begin{name}`, which are
/// not text: `(optional [..] first, braced)`.
pub fn env_args(name: &str) -> (bool, u8) {
    match name {
        "minipage" | "subfigure" | "subtable" => (true, 1),
        "wrapfigure" | "wraptable" => (true, 2),
        "multicols" | "multicols*" | "adjustbox" | "otherlanguage" | "otherlanguage*" => (false, 1),
        _ => (true, 0),
    }
}

/// What an environment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvKind {
    /// `document`.
    Document,
    /// `quote`, `quotation`, `verse`: a block quotation.
    Quote,
    /// `itemize`, `enumerate`, `description` (`true`).
    List(bool),
    /// `figure`, `table` and their kind: only the caption is text.
    Float,
    /// Code kept as written, out of claims (`verbatim`, `lstlisting`).
    Code,
    /// Read to its `\end` and dropped (math, tables, pictures, comments).
    Dropped,
    /// Anything else: its text is read (`abstract`, `center`, theorems).
    Block,
    /// Text-level environments that do not break the paragraph.
    Inline,
}

/// The kind of an environment.
pub fn env_kind(name: &str) -> EnvKind {
    match name {
        "document" => EnvKind::Document,
        "quote" | "quotation" | "verse" | "displayquote" => EnvKind::Quote,
        "itemize" | "enumerate" | "compactitem" | "compactenum" | "inparaenum" | "asparaenum"
        | "asparaitem" => EnvKind::List(false),
        "description" | "compactdesc" | "asparadesc" => EnvKind::List(true),
        "figure" | "figure*" | "table" | "table*" | "wrapfigure" | "wraptable"
        | "sidewaysfigure" | "sidewaystable" | "SCfigure" | "subfigure" | "subtable"
        | "marginfigure" | "margintable" | "longtable" | "longtable*" => EnvKind::Float,
        "verbatim" | "verbatim*" | "Verbatim" | "lstlisting" | "minted" | "alltt" | "BVerbatim"
        | "LVerbatim" => EnvKind::Code,
        "equation" | "equation*" | "align" | "align*" | "gather" | "gather*" | "multline"
        | "multline*" | "eqnarray" | "eqnarray*" | "displaymath" | "math" | "flalign"
        | "flalign*" | "alignat" | "alignat*" | "split" | "tabular" | "tabular*" | "tabularx"
        | "tabulary" | "tabu" | "array" | "tikzpicture" | "pgfpicture" | "picture" | "axis"
        | "comment" | "thebibliography" | "filecontents" | "filecontents*" | "dmath"
        | "IEEEeqnarray" => EnvKind::Dropped,
        "small" | "footnotesize" | "large" | "em" | "bfseries" | "itshape" | "sffamily"
        | "ttfamily" | "scriptsize" | "normalsize" | "otherlanguage" | "otherlanguage*"
        | "samepage" => EnvKind::Inline,
        _ => EnvKind::Block,
    }
}

/// One group of keys of a citation command with its notes.
#[derive(Debug, Clone, Default)]
pub struct CiteGroup {
    /// The prenote (`see`).
    pub pre: String,
    /// The postnote (`p. 3`).
    pub post: String,
    /// The keys, in order.
    pub keys: Vec<String>,
}

/// A key as pandoc writes it: `@key`, or `@{key}` when it has characters
/// a bare key cannot hold or end with.
fn pandoc_key(key: &str) -> String {
    let bare = key
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || ":.#$%&-+?<>~/".contains(c))
        && key
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
    if bare {
        format!("@{key}")
    } else {
        format!("@{{{key}}}")
    }
}

/// A citation command in pandoc's syntax (`[see @a; @b, p. 3]`,
/// `@a [p. 3]`, `[-@a]`), for the citation finder that reads Markdown
/// claims; `None` when it names no key.
pub fn pandoc_citation(style: CiteStyle, groups: &[CiteGroup]) -> Option<String> {
    let mut items: Vec<String> = Vec::new();
    for g in groups {
        let keys: Vec<&String> = g.keys.iter().filter(|k| !k.is_empty()).collect();
        for (i, k) in keys.iter().enumerate() {
            let mut s = String::new();
            if i == 0 && !g.pre.is_empty() && style != CiteStyle::Narrative {
                s.push_str(&g.pre);
                s.push(' ');
            }
            if style == CiteStyle::Year {
                s.push('-');
            }
            s.push_str(&pandoc_key(k));
            if i + 1 == keys.len() && !g.post.is_empty() {
                if style == CiteStyle::Narrative {
                    s.push_str(&format!(" [{}]", g.post));
                } else {
                    s.push_str(", ");
                    s.push_str(&g.post);
                }
            }
            items.push(s);
        }
    }
    if items.is_empty() {
        return None;
    }
    Some(match style {
        CiteStyle::Narrative => {
            let pre = groups
                .first()
                .map(|g| g.pre.as_str())
                .filter(|p| !p.is_empty());
            let joined = items.join(" and ");
            match pre {
                Some(p) => format!("{p} {joined}"),
                None => joined,
            }
        }
        _ => format!("[{}]", items.join("; ")),
    })
}

/// A citation note (`p.~3`, `see \emph{also}`) as text: its markup
/// converted, no-break spaces made plain, and no brackets or semicolons
/// that would end the citation early.
pub fn note_text(raw: &str) -> String {
    crate::cite::latex::to_text(raw)
        .replace('\u{a0}', " ")
        .replace(['[', ']'], "")
        .replace(';', ",")
        .trim()
        .to_string()
}

/// Inline math as readable text: the source with `\%`, `\,` and the
/// commonest symbols turned into characters, braces dropped, spaces
/// folded; any other command stays as written.
pub fn math_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let b = raw.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let c = b[i];
        if c == b'\\' {
            let rest = &raw[i + 1..];
            let n = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
            if n == 0 {
                let Some(ch) = rest.chars().next() else {
                    break;
                };
                match ch {
                    ',' | ';' | ':' | ' ' | '!' => out.push(' '),
                    _ => out.push(ch),
                }
                i += 1 + ch.len_utf8();
                continue;
            }
            let name = &rest[..n];
            let sym = match name {
                "times" => "×",
                "pm" => "±",
                "le" | "leq" => "≤",
                "ge" | "geq" => "≥",
                "approx" => "≈",
                "sim" => "~",
                "neq" | "ne" => "≠",
                "cdot" => "·",
                "circ" | "degree" => "°",
                "mu" => "µ",
                "percent" => "%",
                "ldots" | "dots" | "cdots" => "…",
                "to" | "rightarrow" => "→",
                "infty" => "∞",
                "mathrm" | "text" | "mathit" | "mathbf" | "textrm" | "mathsf" | "mbox" => "",
                _ => {
                    out.push('\\');
                    name
                }
            };
            out.push_str(sym);
            i += 1 + n;
            continue;
        }
        match c {
            b'{' | b'}' => {}
            b'~' => out.push(' '),
            _ => {
                let ch = raw[i..].chars().next().unwrap_or(' ');
                if ch.is_whitespace() {
                    if !out.ends_with(' ') {
                        out.push(' ');
                    }
                } else {
                    out.push(ch);
                }
                i += ch.len_utf8();
                continue;
            }
        }
        i += 1;
    }
    out.replace("^°", "°").trim().to_string()
}

/// The text a macro defined without arguments stands for, when its body
/// is plain text (spacing commands such as `\@` and `\xspace` aside).
pub fn macro_text(body: &str) -> Option<String> {
    let xspace = body.trim_end().ends_with("\\xspace");
    let t = body.replace("\\xspace", "").replace("\\@", "");
    let t = t.trim();
    if t.is_empty() || t.len() > 200 || t.contains(['\\', '{', '}', '#', '$', '%', '~', '&']) {
        return None;
    }
    let t = crate::cite::latex::collapse_ws(t);
    Some(if xspace { format!("{t} ") } else { t })
}

/// A siunitx number or unit as text: `\percent` is `%`, `\kilo\metre`
/// `kilometre`, `\per` `/`.
pub fn unit_text(raw: &str) -> String {
    let mut out = String::new();
    for (i, part) in raw.split('\\').enumerate() {
        let word: String = part.chars().take_while(char::is_ascii_alphabetic).collect();
        let rest = &part[if i == 0 { 0 } else { word.len() }..];
        if i > 0 {
            out.push_str(match word.as_str() {
                "percent" => "%",
                "per" => "/",
                "degree" => "°",
                "celsius" => "°C",
                "squared" => "²",
                "cubed" => "³",
                "times" => "×",
                w => w,
            });
        }
        out.push_str(rest);
    }
    crate::cite::latex::collapse_ws(&out.replace(['{', '}', '~'], " "))
}

/// Why an `\input` path may not be followed, if it may not: brief reads
/// only files inside the document's folder, named by a relative path
/// without `..` (never a pipe, `|cmd`, which TeX would run).
pub fn refuse_path(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("an empty file name");
    }
    if name.starts_with('|') {
        return Some("a shell command, which brief never runs");
    }
    if name.starts_with('~') || name.contains('\0') {
        return Some("not a plain relative path");
    }
    let p = Path::new(name);
    for c in p.components() {
        match c {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => return Some("outside the document's folder (`..`)"),
            Component::RootDir | Component::Prefix(_) => {
                return Some("an absolute path, outside the document's folder")
            }
        }
    }
    None
}

/// Whether a dropped macro's braced argument reads as text (`Some words`,
/// `UN`) rather than a key, a size or an option (`fig:map`, `2cm`, `a=b`).
pub fn looks_like_text(arg: &str) -> bool {
    let t = arg.trim();
    if t.is_empty() {
        return false;
    }
    if t.contains(char::is_whitespace) {
        // `1.5 cm`, `width = 3pt`
        return !t.contains('=') && !is_dimension(&t.replace(' ', ""));
    }
    if is_dimension(t) || t.contains([':', '=', '_', '/', ',', '#', '@']) {
        return false;
    }
    // a bare command (`\textwidth`) or a number alone is not text either
    !t.starts_with('\\') && t.chars().any(char::is_alphabetic)
}

fn is_dimension(t: &str) -> bool {
    let num = t
        .trim_start_matches(['-', '+'])
        .bytes()
        .take_while(|c| c.is_ascii_digit() || *c == b'.')
        .count();
    let rest = &t.trim_start_matches(['-', '+'])[num..];
    num > 0
        && (rest.is_empty()
            || rest.starts_with('\\')
            || matches!(
                rest,
                "pt" | "cm" | "mm" | "em" | "ex" | "in" | "bp" | "sp" | "pc" | "dd" | "cc" | "mu"
            ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(pre: &str, post: &str, keys: &[&str]) -> CiteGroup {
        CiteGroup {
            pre: pre.into(),
            post: post.into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
        }
    }

    #[test]
    fn citations_in_pandoc_syntax() {
        let p = |s, gs: &[CiteGroup]| pandoc_citation(s, gs).unwrap();
        assert_eq!(p(CiteStyle::Paren, &[g("", "", &["a"])]), "[@a]");
        assert_eq!(
            p(CiteStyle::Paren, &[g("see", "p. 3", &["a", "b"])]),
            "[see @a; @b, p. 3]"
        );
        assert_eq!(
            p(CiteStyle::Narrative, &[g("", "p. 3", &["a"])]),
            "@a [p. 3]"
        );
        assert_eq!(p(CiteStyle::Year, &[g("", "", &["a"])]), "[-@a]");
        assert_eq!(p(CiteStyle::Paren, &[g("", "", &["x-"])]), "[@{x-}]");
        assert!(pandoc_citation(CiteStyle::Paren, &[g("", "", &[])]).is_none());
        // what the Markdown citation finder makes of it
        let found = crate::cite::syntax::find("x [see @a; @b, p. 3].");
        assert_eq!(found[0].items.len(), 2);
        assert_eq!(found[0].items[0].prefix, "see");
    }

    #[test]
    fn paths_outside_the_folder_are_refused() {
        assert!(refuse_path("chapters/intro").is_none());
        assert!(refuse_path("./a.tex").is_none());
        assert!(refuse_path("../a.tex").is_some());
        assert!(refuse_path("a/../../b").is_some());
        assert!(refuse_path("/etc/passwd").is_some());
        assert!(refuse_path("|ls").is_some());
        assert!(refuse_path("~/x").is_some());
    }

    #[test]
    fn text_like_arguments() {
        assert!(looks_like_text("United Nations"));
        assert!(looks_like_text("UN"));
        assert!(!looks_like_text("fig:map"));
        assert!(!looks_like_text("2cm"));
        assert!(!looks_like_text("0.5\\textwidth"));
        assert!(!looks_like_text("width=3cm"));
        assert!(!looks_like_text("12"));
    }

    #[test]
    fn math_reads_as_text() {
        assert_eq!(math_text("5\\,\\%"), "5 %");
        assert_eq!(math_text("x \\le 10^{6}"), "x ≤ 10^6");
        assert_eq!(math_text("\\alpha"), "\\alpha");
        assert_eq!(math_text("20^\\circ"), "20°");
    }

    #[test]
    fn units_and_macro_bodies() {
        assert_eq!(unit_text("\\percent"), "%");
        assert_eq!(unit_text("\\kilo\\metre\\per\\hour"), "kilometre/hour");
        assert_eq!(unit_text("5.2"), "5.2");
        assert_eq!(macro_text("i.e.\\@\\xspace").as_deref(), Some("i.e. "));
        assert_eq!(
            macro_text("Basin  Authority").as_deref(),
            Some("Basin Authority")
        );
        assert!(macro_text("\\textbf{#1}").is_none());
    }
}
