//! Throughput of `render`: build the brief of an outline (salience,
//! citations through the CSL processor, timeline) and lay it out in every
//! format, for the bundled example and for 0.25, 1 and 4 MB corpora made by
//! repeating the bundled articles, to check that time grows linearly with
//! size. Run with `cargo bench --bench render`.

use brief::read::{parse, InputFormat, SourceText};
use brief::render::{render, Format, Layout};

// Measured with the binary's allocator.
brief::global_allocator!();

fn corpus(bytes: usize) -> String {
    let articles = [
        include_str!("../examples/blinken-human-rights-report.md"),
        include_str!("../tests/corpus/bench-extra.md"),
    ];
    let mut out = String::from("---\ntitle: Benchmark corpus\ndate: 2021-03-31\n---\n\n");
    'fill: loop {
        for a in articles {
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

/// Kilobytes of article: 0 is the bundled example as it is.
#[divan::bench(args = [0, 256, 1024, 4096], sample_count = 3, sample_size = 1)]
fn brief_in_every_format(bencher: divan::Bencher, kb: usize) {
    let text = if kb == 0 {
        include_str!("../examples/blinken-human-rights-report.md").to_string()
    } else {
        corpus(kb * 1024)
    };
    let doc = parse(SourceText::new("corpus.md", &text), InputFormat::Markdown).expect("parses");
    let outline = brief::outline::build(&doc);
    let style = brief::style::Style::load("full").expect("built-in style");
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| {
            let b = brief::cli::render::brief_of(&outline, &style, &[]).expect("brief");
            for f in [Format::Markdown, Format::Latex, Format::Plain, Format::Html] {
                divan::black_box(render(&b, f, &Layout::default()).expect("renders"));
            }
        });
}

fn main() {
    divan::main();
}
