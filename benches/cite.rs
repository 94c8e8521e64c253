//! Formatting a bibliography of 2,000 generated entries in APA: parsing the
//! BibTeX into CSL-JSON items, and formatting the reference list.
//! `scripts/bench-cite.sh` times the same against `pandoc --citeproc`.

use brief::cite::{self, Format, Processor};
use brief::style::CitationConfig;

// Measured with the binary's allocator.
brief::global_allocator!();

fn main() {
    divan::main();
}

const FAMILIES: &[&str] = &[
    "Adams", "Baker", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hansen", "Ito", "Jensen",
    "Khan", "Larsen", "Moreau", "Novak", "Ortiz", "Park", "Quinn", "Rossi", "Silva", "Tanaka",
];
const GIVEN: &[&str] = &[
    "Alice", "Brian", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Irene", "Jonas",
];
const WORDS: &[&str] = &[
    "Policy",
    "Trade",
    "Climate",
    "Security",
    "Governance",
    "Reform",
    "Growth",
    "Health",
    "Energy",
    "Migration",
    "Conflict",
    "Data",
    "Media",
    "Trust",
    "Water",
];

/// A deterministic bibliography of `n` entries of six kinds.
fn generate(n: usize) -> String {
    let mut seed: u64 = 7;
    let mut next = |m: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m
    };
    let mut out = String::new();
    for i in 0..n {
        let authors: Vec<String> = (0..1 + next(3))
            .map(|_| {
                format!(
                    "{}, {}",
                    FAMILIES[next(FAMILIES.len())],
                    GIVEN[next(GIVEN.len())]
                )
            })
            .collect();
        let authors = authors.join(" and ");
        let title: Vec<&str> = (0..5).map(|_| WORDS[next(WORDS.len())]).collect();
        let title = title.join(" ");
        let year = 1990 + next(35);
        let entry = match i % 6 {
            0 => format!("@article{{k{i}, author = {{{authors}}}, title = {{{title}}}, journal = {{Journal of {}}}, year = {year}, volume = {}, number = {}, pages = {{1--20}}, doi = {{10.1000/x{i}}}}}\n", WORDS[next(WORDS.len())], 1 + next(90), 1 + next(12)),
            1 => format!("@book{{k{i}, author = {{{authors}}}, title = {{{title}}}, publisher = {{{} Press}}, address = {{London}}, year = {year}}}\n", FAMILIES[next(FAMILIES.len())]),
            2 => format!("@report{{k{i}, author = {{{{{} Institute}}}}, title = {{{title}}}, institution = {{Some Institute}}, number = {{R-{i}}}, year = {year}}}\n", WORDS[next(WORDS.len())]),
            3 => format!("@incollection{{k{i}, author = {{{authors}}}, title = {{{title}}}, booktitle = {{Handbook of {}}}, editor = {{Reus-Smit, Christian}}, publisher = {{Oxford University Press}}, year = {year}, pages = {{1--20}}}}\n", WORDS[next(WORDS.len())]),
            4 => format!("@online{{k{i}, author = {{{authors}}}, title = {{{title}}}, date = {{{year}-05-1{}}}, url = {{https://example.org/{i}}}, urldate = {{2024-01-02}}}}\n", next(10)),
            _ => format!("@article{{k{i}, author = {{{authors}}}, title = {{{title}}}, journaltitle = {{The Daily {}}}, entrysubtype = {{newspaper}}, date = {{{year}-03-2{}}}}}\n", WORDS[next(WORDS.len())], next(9)),
        };
        out.push_str(&entry);
    }
    out
}

#[divan::bench(sample_count = 5)]
fn parse_2000_bibtex(bencher: divan::Bencher) {
    let text = generate(2000);
    bencher.bench(|| {
        cite::parse_bibliography(divan::black_box(&text), "bib", "gen.bib").map(|v| v.len())
    });
}

#[divan::bench(sample_count = 5)]
fn format_2000_references_apa(bencher: divan::Bencher) {
    let items = cite::parse_bibliography(&generate(2000), "bib", "gen.bib").unwrap_or_default();
    let processor = Processor::new(&CitationConfig::default(), None).ok();
    bencher.bench(|| {
        processor
            .as_ref()
            .map(|p| p.references(divan::black_box(&items), Format::Plain).len())
    });
}
