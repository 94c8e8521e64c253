//! Shared helpers of the render tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The built-in styles.
pub const STYLES: [&str; 6] = ["apa", "chicago", "mla", "ieee", "executive", "full"];

/// The bundled example articles.
pub const ARTICLES: [&str; 3] = [
    "examples/blinken-human-rights-report.md",
    "examples/blinken-human-rights-report.txt",
    "examples/river-basin-water-report.tex",
];

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the brief binary in the repository root.
pub fn brief(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the brief binary runs")
}

/// Runs brief and returns its standard output, failing the test on error.
pub fn brief_ok(args: &[&str]) -> String {
    let out = brief(args);
    assert!(
        out.status.success(),
        "brief {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Whether an external program is on PATH. When it is missing, a test
/// fails under CI (`CI=true`) and otherwise skips with a note.
pub fn have(program: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()));
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{program} is needed by this test and is missing (CI=true)");
        }
        eprintln!("note: {program} not found; skipping (set CI=true to make this a failure)");
    }
    found
}

/// The output name of an example rendered in a style and format.
pub fn example_name(article: &str, ext: &str) -> String {
    let p = Path::new(article);
    let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("article");
    let from = p.extension().and_then(|s| s.to_str()).unwrap_or("txt");
    format!("{stem}.from-{from}.{ext}")
}

/// Removes whitespace and hyphens and unfolds ligatures, so text can be
/// compared with what pdftotext extracts from a typeset page.
pub fn squash(s: &str) -> String {
    s.replace('\u{2026}', "...")
        .replace('\u{FB01}', "fi")
        .replace('\u{FB02}', "fl")
        .replace('\u{FB00}', "ff")
        .replace('\u{FB03}', "ffi")
        .replace('\u{FB04}', "ffl")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{2010}' && *c != '\u{AD}')
        .collect()
}

/// Runs one small LuaLaTeX document before any other in this test binary:
/// the first run on a machine builds luaotfload's font database, and
/// several runs building it at once could trip over each other.
pub fn warm_up(engine: &str) {
    static LUA: std::sync::Once = std::sync::Once::new();
    if engine != "lualatex" {
        return;
    }
    LUA.call_once(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let doc = "\\documentclass{article}\\usepackage{fontspec}\n\\IfFontExistsTF{Noto Serif CJK SC}{}{}\\IfFontExistsTF{DejaVu Serif}{}{}\n\\begin{document}x\\end{document}\n";
        std::fs::write(dir.path().join("warm.tex"), doc).expect("writable");
        let _ = Command::new("lualatex")
            .args(["-no-shell-escape", "-interaction=nonstopmode", "warm.tex"])
            .current_dir(dir.path())
            .output();
    });
}
