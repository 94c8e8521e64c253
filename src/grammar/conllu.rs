//! CoNLL-U: the treebanks the model is trained and tested on are read from
//! it, and `brief outline --format conllu` writes analyses in it.

/// A word of a treebank sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// FORM.
    pub form: String,
    /// LEMMA.
    pub lemma: String,
    /// UPOS.
    pub upos: String,
    /// XPOS.
    pub xpos: String,
    /// HEAD: `None` for the root.
    pub head: Option<usize>,
    /// DEPREL.
    pub deprel: String,
}

/// A treebank sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The `# sent_id` comment, if any.
    pub id: String,
    /// The `# text` comment, if any.
    pub text: String,
    /// Its syntactic words (multi-word token lines and empty nodes are
    /// left out: the model works on syntactic words).
    pub rows: Vec<Row>,
}

/// Reads every sentence of a CoNLL-U file. Lines that are not ten tab-separated
/// fields are skipped, as are sentences whose heads are not numbers.
pub fn read(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut ok = true;
    let flush = |cur: &mut Sentence, ok: &mut bool, out: &mut Vec<Sentence>| {
        if !cur.rows.is_empty()
            && *ok
            && cur
                .rows
                .iter()
                .all(|r| r.head.is_none_or(|h| h < cur.rows.len()))
        {
            out.push(std::mem::take(cur));
        }
        *cur = Sentence::default();
        *ok = true;
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut cur, &mut ok, &mut out);
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if let Some(v) = c.strip_prefix("sent_id =") {
                cur.id = v.trim().to_string();
            } else if let Some(v) = c.strip_prefix("text =") {
                cur.text = v.trim().to_string();
            }
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 10 || f[0].contains(['-', '.']) {
            continue;
        }
        let head = match f[6].parse::<usize>() {
            Ok(0) => None,
            Ok(h) => Some(h - 1),
            Err(_) => {
                ok = false;
                None
            }
        };
        cur.rows.push(Row {
            form: f[1].to_string(),
            lemma: f[2].to_string(),
            upos: f[3].to_string(),
            xpos: f[4].to_string(),
            head,
            deprel: f[7].to_string(),
        });
    }
    flush(&mut cur, &mut ok, &mut out);
    out
}

/// The analysis of every claim of an outline as CoNLL-U: a sentence per
/// claim, its `sent_id` the claim's id, a `# newpar` line where a new
/// paragraph starts, and a `# span` line with the claim's byte range in the
/// input (each word's `TokenRange` is its range in the claim's text).
pub fn outline(o: &crate::outline::Outline) -> Result<String, super::GrammarError> {
    let model = super::model::Model::embedded()?;
    let mut out = String::new();
    let mut paragraph = None;
    for c in &o.claims {
        if paragraph != Some(c.paragraph) {
            out.push_str(&format!("# newpar id = p{}\n", c.paragraph + 1));
            paragraph = Some(c.paragraph);
        }
        out.push_str(&format!("# span = {}-{}\n", c.span.start, c.span.end));
        let a = super::analyse_with(model, &c.text, super::words::words(&c.text));
        a.write_conllu(&c.id, &mut out);
    }
    Ok(out)
}

/// A CoNLL-U field: empty values are `_`, and tabs and line breaks (which
/// would break the line) become spaces.
pub fn field(s: &str) -> String {
    if s.is_empty() {
        return "_".to_string();
    }
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_skips_ranges() {
        let t = "# sent_id = a\n# text = It's done.\n1-2\tIt's\t_\t_\t_\t_\t_\t_\t_\t_\n1\tIt\tit\tPRON\tPRP\t_\t3\tnsubj:pass\t_\t_\n2\t's\tbe\tAUX\tVBZ\t_\t3\taux:pass\t_\t_\n3\tdone\tdo\tVERB\tVBN\t_\t0\troot\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let s = read(t);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].id, "a");
        assert_eq!(s[0].rows.len(), 4);
        assert_eq!(s[0].rows[2].head, None);
        assert_eq!(s[0].rows[0].head, Some(2));
        assert_eq!(field(""), "_");
        assert_eq!(field("a\tb"), "a b");
    }
}
