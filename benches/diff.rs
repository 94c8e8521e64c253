//! Time of `diff::compare` (alignment, word diffs, sections, names) on two
//! generated versions of a report at 1, 4 and 10 MB, outlines built
//! beforehand; of what `brief diff` runs (`diff::compare_documents`: read
//! both, outline only what differs) at 1, 4 and 10 MB; and of full outlines
//! of both then the comparison at 1 MB. Run with `cargo bench --bench diff`. The end-to-end comparison
//! with `git diff --word-diff` on a 10 MB pair is benches/diff-vs-git.sh.

use brief::diff::{compare, Options};
use brief::outline::Outline;
use brief::read::{parse, InputFormat, SourceText};

// Measured with the binary's allocator.
brief::global_allocator!();

/// A small deterministic generator (xorshift), so the bench needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        v[self.below(v.len())]
    }
}

const SUBJECTS: &[&str] = &[
    "The ministry",
    "The committee",
    "The agency",
    "Regional officials",
    "The auditors",
    "The board",
];
const VERBS: &[&str] = &[
    "reported",
    "estimated",
    "recorded",
    "documented",
    "counted",
    "confirmed",
];
const OBJECTS: &[&str] = &[
    "new cases of detention",
    "complaints about working conditions",
    "inspections of facilities",
    "grants to community groups",
    "kilometres of new roads",
    "hospital beds in rural districts",
];
const PLACES: &[&str] = &[
    "in the northern province",
    "across the capital region",
    "in coastal districts",
    "along the river valley",
];
const WORDS: &[&str] = &[
    "careful",
    "limited",
    "substantial",
    "notable",
    "gradual",
    "uneven",
    "modest",
    "sharp",
];

fn sentence(r: &mut Rng, i: usize) -> String {
    if r.below(25) == 0 {
        return "Figures for the period remain provisional.".into();
    }
    format!(
        "{} {} {} {} {}, a {} shift noted in entry {i}.",
        r.pick(SUBJECTS),
        r.pick(VERBS),
        r.below(99_999),
        r.pick(OBJECTS),
        r.pick(PLACES),
        r.pick(WORDS)
    )
}

/// Old and new versions of about `bytes` each: about 2% of sentences
/// removed, added and edited, some paragraphs moved, every paragraph
/// wrapped at another width in the new version.
fn pair(bytes: usize) -> (String, String) {
    let mut r = Rng(0x9E37_79B9_7F4A_7C15);
    let mut sections: Vec<Vec<Vec<String>>> = Vec::new();
    let (mut size, mut i) = (0, 0);
    while size < bytes {
        let mut paras = Vec::new();
        for _ in 0..4 + r.below(8) {
            let mut p = Vec::new();
            for _ in 0..2 + r.below(5) {
                i += 1;
                let s = sentence(&mut r, i);
                size += s.len() + 1;
                p.push(s);
            }
            paras.push(p);
        }
        sections.push(paras);
    }
    let render = |secs: &[Vec<Vec<String>>], width: usize| {
        let mut out = String::from("---\ntitle: Annual report\n---\n\n");
        for (k, paras) in secs.iter().enumerate() {
            out.push_str(&format!("## Part {}\n\n", k + 1));
            for p in paras {
                let mut line = 0;
                for w in p.join(" ").split(' ') {
                    if line > 0 && line + w.len() > width {
                        out.push('\n');
                        line = 0;
                    } else if line > 0 {
                        out.push(' ');
                        line += 1;
                    }
                    out.push_str(w);
                    line += w.len();
                }
                out.push_str("\n\n");
            }
        }
        out
    };
    let old = render(&sections, 78);
    for paras in &mut sections {
        for p in paras.iter_mut() {
            for k in (0..p.len()).rev() {
                match r.below(150) {
                    0 => {
                        p.remove(k);
                    }
                    1 => {
                        i += 1;
                        p.insert(k + 1, sentence(&mut r, i));
                    }
                    2 => p[k] = p[k].replacen(" a ", " a fairly ", 1),
                    _ => {}
                }
            }
        }
        if r.below(20) == 0 && paras.len() > 3 {
            let from = r.below(paras.len());
            let moved = paras.remove(from);
            paras.insert(r.below(paras.len()), moved);
        }
    }
    (old, render(&sections, 64))
}

fn outline(text: &str) -> Outline {
    let doc = parse(SourceText::new("bench.md", text), InputFormat::Markdown).expect("parses");
    brief::outline::build(&doc)
}

#[divan::bench(args = [1, 4, 10], sample_count = 5, sample_size = 1)]
fn compare_outlines(bencher: divan::Bencher, mb: usize) {
    let (old, new) = pair(mb * 1_000_000);
    let (a, b) = (outline(&old), outline(&new));
    bencher
        .counter(divan::counter::BytesCount::new(old.len() + new.len()))
        .bench(|| compare(&a, &b, &Options::default()));
}

/// What `brief diff` does: read both versions, then outline only what
/// differs (`diff::compare_documents`).
#[divan::bench(args = [1, 4, 10], sample_count = 5, sample_size = 1)]
fn compare_documents(bencher: divan::Bencher, mb: usize) {
    let (old, new) = pair(mb * 1_000_000);
    bencher
        .counter(divan::counter::BytesCount::new(old.len() + new.len()))
        .bench(|| {
            let read = |t: &str| parse(SourceText::new("bench.md", t), InputFormat::Markdown);
            let (a, b) = (read(&old).expect("parses"), read(&new).expect("parses"));
            brief::diff::compare_documents(&a, &b, &Options::default())
        });
}

/// Full outlines of both versions, then the comparison.
#[divan::bench(args = [1], sample_count = 3, sample_size = 1)]
fn read_outline_compare(bencher: divan::Bencher, mb: usize) {
    let (old, new) = pair(mb * 1_000_000);
    bencher
        .counter(divan::counter::BytesCount::new(old.len() + new.len()))
        .bench(|| compare(&outline(&old), &outline(&new), &Options::default()));
}

fn main() {
    divan::main();
}
