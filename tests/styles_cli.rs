//! CLI tests of `brief styles`.

use std::process::Command;

fn brief(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .output()
        .expect("run brief");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn lists_builtin_styles() {
    let (out, err, code) = brief(&["styles"]);
    assert_eq!(code, 0, "{err}");
    for name in ["apa", "chicago", "mla", "ieee", "executive", "full"] {
        assert!(
            out.lines().any(|l| l.starts_with(name)),
            "{name} missing in {out}"
        );
    }
}

#[test]
fn show_prints_loadable_toml() {
    let (out, err, code) = brief(&["styles", "show", "executive"]);
    assert_eq!(code, 0, "{err}");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("mine.toml");
    std::fs::write(&p, out).unwrap();
    let s = brief::style::Style::load(p.to_str().unwrap()).unwrap();
    assert_eq!(s.summary.claims, 3);
}

#[test]
fn show_unknown_style_hints() {
    let (out, err, code) = brief(&["styles", "show", "chicgo"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.starts_with("error: unknown style `chicgo`"), "{err}");
    assert!(err.contains("hint: did you mean \"chicago\"?"), "{err}");
}

#[test]
fn lists_csl_styles() {
    let (out, _, code) = brief(&["styles", "--csl"]);
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l == "chicago-author-date"));
}

#[test]
fn a_negative_brief_length_is_refused_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let style = dir.path().join("short.toml");
    std::fs::write(&style, "extends = \"full\"\n\n[brief]\nmax-length = -0.5\n").unwrap();
    let article = dir.path().join("a.md");
    std::fs::write(&article, "# T\n\nThe ministry said costs rose.\n").unwrap();
    let (out, err, code) = brief(&[
        "render",
        article.to_str().unwrap(),
        "--style",
        style.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("short.toml:4:"), "{err}");
    assert!(
        err.contains("max-length must be a share of 0 or more"),
        "{err}"
    );
}
