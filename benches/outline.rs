//! Throughput of `outline`: read and outline a corpus built by repeating the
//! bundled example articles, at 1, 4 and 16 MB, to check that time grows
//! linearly with size. Run with `cargo bench --bench outline`; divan prints
//! the throughput in bytes per second.

use brief::read::{parse, InputFormat, SourceText};

// Measured with the binary's allocator.
brief::global_allocator!();

fn corpus(bytes: usize) -> String {
    let articles = [
        include_str!("../examples/blinken-human-rights-report.md"),
        include_str!("../tests/corpus/bench-extra.md"),
    ];
    let mut out = String::from("---\ntitle: Benchmark corpus\n---\n\n");
    'fill: loop {
        for a in articles {
            // drop each article's own front matter
            let body = a.splitn(3, "---\n").nth(2).unwrap_or(a);
            out.push_str(body);
            out.push_str("\n\n");
            if out.len() >= bytes {
                break 'fill;
            }
        }
    }
    out
}

#[divan::bench(args = [1, 4, 16], sample_count = 6, sample_size = 1)]
fn outline(bencher: divan::Bencher, mb: usize) {
    let text = corpus(mb * 1024 * 1024);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            let doc = parse(SourceText::new("corpus.md", &text), InputFormat::Markdown)
                .expect("corpus parses");
            brief::outline::build(&doc)
        });
}

fn main() {
    divan::main();
}
