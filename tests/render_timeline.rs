//! The timeline without the article's date: the lead's partial date is the
//! news peg, so later months of the text are placed in the year before it
//! rather than after it; and the strip says whether it is to scale.

mod render_support;

use render_support::brief_ok;

fn timeline(plain: &str) -> String {
    plain
        .split("\nTimeline\n")
        .nth(1)
        .and_then(|t| t.split("\nReferences\n").next())
        .unwrap_or_default()
        .to_string()
}

#[test]
fn partial_dates_without_the_article_date_follow_the_peg() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Ministry Releases Its Annual Rights Report\n\n\
         The ministry released its annual rights report on March 30. \
         In May, police detained two lawyers in the capital. \
         In August, a court revoked the licence of a third lawyer. \
         On Dec. 31, 2019, censors removed posts about the outbreak.\n",
    )
    .unwrap();
    let style = dir.path().join("whole.toml");
    std::fs::write(
        &style,
        "name = \"whole\"\nextends = \"full\"\n[brief]\nmax-length = 0\n",
    )
    .unwrap();
    let args = |to: &'static str| {
        vec![
            "render".to_string(),
            article.to_str().unwrap().to_string(),
            "--style".into(),
            style.to_str().unwrap().to_string(),
            "--to".into(),
            to.to_string(),
        ]
    };
    let run = |to: &'static str| {
        let a = args(to);
        brief_ok(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let t = timeline(&run("plain"));
    let at = |s: &str| t.find(s).unwrap_or_else(|| panic!("{s} missing:\n{t}"));
    assert!(at("2019-12-31") < at("In May"), "{t}");
    assert!(at("In May") < at("In August"), "{t}");
    assert!(
        at("In August") < at("March 30"),
        "May and August are before the peg of March 30:\n{t}"
    );
    let html = run("html");
    assert!(
        html.contains("Timeline of dated statements (to scale, but for the last 3: no year given)"),
        "the strip says what is not to scale"
    );
}
