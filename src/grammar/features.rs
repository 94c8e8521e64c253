//! Hashed features, shared by the tagger and the parser, at run time and in
//! training (`train/`): a feature is a template number mixed with the hashes
//! of the values it joins, so that no feature string is ever built.

/// Mixes a value into a hash (a multiply-xorshift step; deterministic on
/// every platform, which keeps the model and its output reproducible).
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    let x = (h ^ v.rotate_left(23)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// The hash of a string (FNV-1a over its bytes, then one [`mix`]).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h, s.len() as u64)
}

/// A feature of template `t` over one value.
#[inline]
pub fn f1(t: u64, a: u64) -> u64 {
    mix(mix(t.wrapping_mul(0x1000_0001), a), 1)
}

/// A feature of template `t` over two values.
#[inline]
pub fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(mix(mix(t.wrapping_mul(0x1000_0001), a), b), 2)
}

/// A feature of template `t` over three values.
#[inline]
pub fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(mix(t.wrapping_mul(0x1000_0001), a), b), c), 3)
}

/// What the tagger and parser know of a word's spelling, hashed once per
/// word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lex {
    /// The normalised form: lower case, digits as `0`.
    pub norm: u64,
    /// The last three characters of the normalised form.
    pub suf3: u64,
    /// The last four characters, or the form when it is shorter.
    pub suf4: u64,
    /// The first character.
    pub pre1: u64,
    /// The shape: `Xxxx`, `dd`, `X.X.`, runs of a class cut at four.
    pub shape: u64,
}

impl Lex {
    /// The features of one word form.
    pub fn new(form: &str) -> Lex {
        let mut norm = String::with_capacity(form.len());
        let mut shape = String::with_capacity(8);
        let mut last = '\0';
        let mut run = 0;
        for c in form.chars() {
            let (n, s) = if c.is_ascii_digit() {
                ('0', 'd')
            } else if c.is_uppercase() {
                (c.to_lowercase().next().unwrap_or(c), 'X')
            } else if c.is_lowercase() {
                (c, 'x')
            } else {
                (normal_mark(c), normal_mark(c))
            };
            // Long numbers say no more than their first digits.
            if !(n == '0' && run >= 4 && last == 'd') {
                norm.push(n);
            }
            if s == last {
                run += 1;
            } else {
                run = 1;
                last = s;
            }
            if run <= 4 {
                shape.push(s);
            }
        }
        let chars: Vec<char> = norm.chars().collect();
        let tail = |k: usize| -> String { chars[chars.len().saturating_sub(k)..].iter().collect() };
        Lex {
            norm: hash_str(&norm),
            suf3: hash_str(&tail(3)),
            suf4: hash_str(&tail(4)),
            pre1: hash_str(&chars.iter().take(1).collect::<String>()),
            shape: hash_str(&shape),
        }
    }

    /// A word that is not there (before the first or after the last).
    pub const NONE: Lex = Lex {
        norm: 0x5EED_0000_0001,
        suf3: 0x5EED_0000_0002,
        suf4: 0x5EED_0000_0003,
        pre1: 0x5EED_0000_0004,
        shape: 0x5EED_0000_0005,
    };
}

/// Marks that are written in several ways, as one: curly and straight
/// quotes and apostrophes, dashes.
fn normal_mark(c: char) -> char {
    match c {
        '’' | '‘' | '`' | '´' => '\'',
        '“' | '”' | '„' | '«' | '»' => '"',
        '–' | '—' | '‒' | '―' => '—',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_variants_share_features() {
        assert_eq!(Lex::new("Said").norm, Lex::new("said").norm);
        assert_ne!(Lex::new("Said").shape, Lex::new("said").shape);
        assert_eq!(Lex::new("’s").norm, Lex::new("'s").norm);
        assert_eq!(Lex::new("1999").shape, Lex::new("2024").shape);
        assert_eq!(Lex::new("1999").norm, Lex::new("2024").norm);
        assert_eq!(Lex::new("123456789").norm, Lex::new("12345").norm);
        assert_ne!(f2(1, 2, 3), f2(1, 3, 2));
    }
}
