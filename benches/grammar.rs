//! Throughput of the grammar stage alone: split into words, tag and parse
//! every claim of a corpus built by repeating the bundled example articles
//! (1 and 4 MB of claims). Run with `cargo bench --bench grammar`; divan
//! prints the throughput in bytes of claim text per second.

use brief::grammar::{analyse_with, model::Model, words::words};
use brief::read::{parse, InputFormat, SourceText};

// Measured with the binary's allocator.
brief::global_allocator!();

fn claims(bytes: usize) -> Vec<String> {
    let articles = [
        include_str!("../examples/blinken-human-rights-report.md"),
        include_str!("../tests/corpus/bench-extra.md"),
    ];
    let mut out = Vec::new();
    let mut size = 0;
    'fill: loop {
        for a in articles {
            let doc =
                parse(SourceText::new("a.md", a), InputFormat::Markdown).expect("example parses");
            for c in brief::outline::build(&doc).claims {
                size += c.text.len();
                out.push(c.text);
                if size >= bytes {
                    break 'fill;
                }
            }
        }
    }
    out
}

#[divan::bench(args = [1, 4], sample_count = 5, sample_size = 1)]
fn tag_and_parse(bencher: divan::Bencher, mb: usize) {
    let claims = claims(mb * 1024 * 1024);
    let bytes: usize = claims.iter().map(String::len).sum();
    let model = Model::embedded().expect("the embedded model reads");
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            claims
                .iter()
                .map(|c| analyse_with(model, c, words(c)).words.len())
                .sum::<usize>()
        });
}

fn main() {
    divan::main();
}
