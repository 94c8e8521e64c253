//! A small XML well-formedness check that reports where a CSL file breaks
//! (the XML parser behind citationberg gives no position).

/// The byte offset and message of the first well-formedness error, if any.
pub fn check(xml: &str) -> Option<(usize, String)> {
    let b = xml.as_bytes();
    let mut stack: Vec<(&str, usize)> = Vec::new();
    let mut i = 0;
    let mut seen_root = false;
    while i < b.len() {
        if b[i] != b'<' {
            if stack.is_empty() && !b[i].is_ascii_whitespace() {
                return Some((i, "text outside the root element".into()));
            }
            i += 1;
            continue;
        }
        let rest = &xml[i..];
        let skip = |end: &str, what: &str| -> Result<usize, (usize, String)> {
            rest.find(end)
                .map(|e| e + end.len())
                .ok_or((i, format!("unclosed {what}")))
        };
        let step = if rest.starts_with("<!--") {
            skip("-->", "comment")
        } else if rest.starts_with("<![CDATA[") {
            skip("]]>", "CDATA section")
        } else if rest.starts_with("<?") {
            skip("?>", "processing instruction")
        } else if rest.starts_with("<!") {
            skip(">", "declaration")
        } else {
            let Some(end) = find_tag_end(rest) else {
                return Some((i, "unclosed tag".into()));
            };
            let inner = &rest[1..end];
            if let Some(name) = inner.strip_prefix('/') {
                let name = name.trim();
                match stack.pop() {
                    Some((open, _)) if open == name => {}
                    Some((open, at)) => {
                        let _ = at;
                        return Some((i, format!("closing tag </{name}> does not match <{open}>")));
                    }
                    None => {
                        return Some((i, format!("closing tag </{name}> without an opening tag")))
                    }
                }
            } else {
                let self_closing = inner.ends_with('/');
                let name = inner
                    .trim_end_matches('/')
                    .split(|c: char| c.is_whitespace())
                    .next()
                    .unwrap_or("");
                if name.is_empty() {
                    return Some((i, "a tag without a name".into()));
                }
                if stack.is_empty() && seen_root {
                    return Some((i, "a second root element".into()));
                }
                if !self_closing {
                    stack.push((name, i));
                }
                seen_root = true;
            }
            Ok(end + 1)
        };
        match step {
            Ok(n) => i += n,
            Err(e) => return Some(e),
        }
    }
    if let Some((name, at)) = stack.pop() {
        return Some((at, format!("element <{name}> is never closed")));
    }
    if !seen_root {
        return Some((0, "no XML element: not a CSL style".into()));
    }
    None
}

/// The index of the `>` that ends the tag starting at `s[0] == '<'`,
/// skipping quoted attribute values.
fn find_tag_end(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"') | (None, '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn finds_mismatch() {
        let (at, msg) = check("<style>\n  <info></style>").unwrap();
        assert_eq!(at, 16);
        assert!(msg.contains("does not match"));
        assert!(check("<?xml version=\"1.0\"?><a x=\"1>2\"><b/></a>").is_none());
    }
}
