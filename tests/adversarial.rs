//! Hard inputs over the real binary: every article here was written to break
//! a reader, a renderer or a TeX run. Each goes through every format of
//! `outline`, `render` and `diff`; none may crash, hang or leave anything
//! but a clean one-line error. The LaTeX of the worst ones is compiled with
//! pdflatex and xelatex, with shell escape off and as TeX Live ships it, and
//! must show the injected text literally without reading or writing any
//! other file. Big inputs are generated here rather than committed.

mod render_support;

use std::path::Path;
use std::process::{Command, Output};

use render_support::{have, squash};

/// TeX that tries to run or read something, and every LaTeX special.
const TEX_ATTACK: &str = "The minister said the plan costs $5 & rises 10% for item #3. \
He typed \\input{/etc/passwd} and \\write18{touch pwned-a} then \
\\immediate\\write18{touch pwned-b} and \\catcode`\\^=7 with \\def\\x{oops}\\x \
and \\csname relax\\endcsname and ^^5cinput{/etc/passwd} as well as \
# $ % & ~ _ ^ \\ { } and \\end{document} \\verb|x| \\openin5=/etc/passwd.\n";

/// The articles of the corpus: name and content.
fn corpus() -> Vec<(&'static str, String)> {
    let mut v: Vec<(&'static str, String)> = vec![
        (
            "quotes.md",
            "He said \"it is \u{201c}nested \u{2018}deep\u{2019} and \"unbalanced.\n\n\
             \u{201c}Open never closed. She said \u{ab}x\u{bb} \u{201e}wrong\u{201c} and \"\"\"\"\".\n\n\
             'Single \u{2019}quote' he said. \u{201d}Closing first\u{201c}.\n"
                .to_string(),
        ),
        ("tex.txt", TEX_ATTACK.to_string()),
        ("tex.md", format!("# Title \\input{{/etc/passwd}}\n\n{TEX_ATTACK}")),
        (
            "scripts.md",
            "# \u{645}\u{631}\u{62d}\u{628}\u{627}\n\n\
             \u{5e9}\u{5dc}\u{5d5}\u{5dd} \u{5e2}\u{5d5}\u{5dc}\u{5dd}, said the envoy. \
             \u{4f60}\u{597d}\u{4e16}\u{754c}\u{3002}\u{65e5}\u{672c}\u{8a9e}\u{306e}\u{6587}\u{7ae0}\u{3002} \
             A \u{202e}reversed\u{202c} word and isolate \u{2067}x\u{2069}.\n\n\
             Cafe\u{301} e\u{301}\u{301}\u{301}\u{301} Z\u{351}\u{352}\u{353} and \
             \u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} \u{1F1EF}\u{1F1F5} \u{1F600} said Ann.\n"
                .to_string(),
        ),
        (
            "control.txt",
            "Ctrl \u{1}\u{2}\u{7}\u{8}\u{b}\u{c}\u{1b}[31m red\u{7f} and \u{85} \u{2028} \u{2029} \
             zero\u{200b}width \u{feff}inner said Bo.\n"
                .to_string(),
        ),
        // Generated big and deep inputs.
        ("paragraph.txt", "word and more words, ".repeat(50_000)),
        (
            "headings.md",
            (0..10_000)
                .map(|i| format!("# Heading {i}\n\nClaim {i} was made.\n\n"))
                .collect(),
        ),
        ("quote-nest.md", format!("{}deep.\n", "> ".repeat(20_000))),
        ("list-nest.md", format!("{}x\n", "- ".repeat(20_000))),
        (
            "list-indent.md",
            (0..400)
                .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
                .collect(),
        ),
        (
            "brackets.md",
            format!(
                "{}x{}\n\n{}\n\n{}\n",
                "[".repeat(20_000),
                "]".repeat(20_000),
                "*a ".repeat(20_000),
                "[a](".repeat(10_000)
            ),
        ),
    ];
    v.sort_by_key(|(n, _)| *n);
    v
}

fn brief_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the brief binary runs")
}

fn write_corpus(dir: &Path) {
    for (name, text) in corpus() {
        std::fs::write(dir.join(name), text).expect("writable");
    }
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("readable")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Every format of every command succeeds on every article (diff exits 0 or
/// 1), and nothing besides the named outputs appears in the folder.
#[test]
fn every_command_and_format_survives() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_corpus(dir.path());
    let before = listing(dir.path());
    let names: Vec<&str> = corpus().iter().map(|(n, _)| *n).collect();
    for name in &names {
        for f in ["json", "toml", "markdown"] {
            let out = brief_in(dir.path(), &["outline", name, "-f", f]);
            assert!(
                out.status.success(),
                "outline {name} -f {f}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        for t in ["markdown", "latex", "plain", "html"] {
            let out = brief_in(dir.path(), &["render", name, "--to", t]);
            assert!(
                out.status.success(),
                "render {name} --to {t}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let s = String::from_utf8_lossy(&out.stdout);
            assert!(!s.contains("root:x:0"), "{name}: /etc/passwd leaked");
        }
        for f in ["plain", "json", "markdown", "latex"] {
            let out = brief_in(dir.path(), &["diff", "quotes.md", name, "-f", f]);
            let code = out.status.code();
            assert!(
                code == Some(0) || code == Some(1),
                "diff quotes.md {name} -f {f}: {code:?} {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert_eq!(
        listing(dir.path()),
        before,
        "brief wrote files it was not asked to"
    );
}

/// A NUL byte marks a binary file: a one-line error and exit 2, never a panic.
#[test]
fn nul_byte_is_a_clean_error() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("nul.txt"), b"Null\0byte said Al.\n").expect("writable");
    std::fs::write(dir.path().join("ok.txt"), b"Fine said Al.\n").expect("writable");
    for args in [
        &["outline", "nul.txt"][..],
        &["render", "nul.txt", "--to", "latex"],
        &["diff", "ok.txt", "nul.txt"],
    ] {
        let out = brief_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

/// Every command that reads articles refuses one beyond `--max-input-size`
/// with a clear error, before doing any work.
#[test]
fn max_input_size_on_every_reading_command() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("big.txt"), "Words said Al. ".repeat(100)).expect("writable");
    std::fs::write(dir.path().join("ok.txt"), "Fine said Al.\n").expect("writable");
    for args in [
        &["outline", "big.txt", "--max-input-size", "100"][..],
        &["render", "big.txt", "--max-input-size", "100"],
        &["diff", "ok.txt", "big.txt", "--max-input-size", "100"],
    ] {
        let out = brief_in(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error: big.txt"), "{args:?}: {err}");
        assert!(err.contains("100"), "{args:?}: {err}");
    }
}

/// The LaTeX of the attack articles compiles with pdflatex and xelatex, with
/// shell escape off and at TeX Live's default (restricted), shows the attack
/// text literally, runs nothing and reads nothing outside the folder.
#[test]
fn latex_compiles_and_shows_attacks_literally() {
    let engines: Vec<&str> = ["pdflatex", "xelatex"]
        .into_iter()
        .filter(|e| have(e))
        .collect();
    if engines.is_empty() || !have("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_corpus(dir.path());
    let docs = [
        ("render-tex.tex", vec!["render", "tex.txt", "--to", "latex"]),
        (
            "render-quotes.tex",
            vec!["render", "quotes.md", "--to", "latex"],
        ),
        (
            "diff-tex.tex",
            vec!["diff", "quotes.md", "tex.txt", "-f", "latex"],
        ),
    ];
    for (out_name, args) in &docs {
        let mut a = args.clone();
        a.extend(["-o", out_name]);
        let out = brief_in(dir.path(), &a);
        assert!(
            out.status.code() == Some(0) || out.status.code() == Some(1),
            "{a:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let passwd_line = passwd.lines().next().unwrap_or("root:x:0:0").to_string();
    for engine in engines {
        for shell in ["-no-shell-escape", "-interaction=nonstopmode"] {
            for (tex, _) in &docs {
                let job = format!("{}-{engine}{shell}", tex.trim_end_matches(".tex"));
                let before = listing(dir.path());
                let out = Command::new(engine)
                    .args([
                        shell,
                        "-interaction=nonstopmode",
                        "-halt-on-error",
                        &format!("-jobname={job}"),
                        tex,
                    ])
                    .current_dir(dir.path())
                    .output()
                    .expect("TeX runs");
                let log = String::from_utf8_lossy(&out.stdout);
                assert!(out.status.success(), "{engine} {shell} {tex}:\n{log}");
                let mut after = listing(dir.path());
                after.retain(|f| !before.contains(f) && !f.starts_with(&job));
                assert!(after.is_empty(), "{engine} {tex} wrote {after:?}");
                assert!(!dir.path().join("pwned-a").exists());
                let text = Command::new("pdftotext")
                    .args([&format!("{job}.pdf"), "-"])
                    .current_dir(dir.path())
                    .output()
                    .expect("pdftotext runs");
                let text = String::from_utf8_lossy(&text.stdout);
                assert!(
                    !text.contains(&passwd_line),
                    "{engine} {tex}: /etc/passwd read"
                );
                if tex.contains("-tex.") {
                    let got = squash(&text);
                    for lit in [
                        "\\input{/etc/passwd}",
                        "\\write18{touchpwneda}",
                        "\\immediate\\write18{touchpwnedb}",
                        "\\catcode`\\^=7",
                        "\\def\\x{oops}\\x",
                        "\\csnamerelax\\endcsname",
                        "^^5cinput{/etc/passwd}",
                        "#$%&~_^\\{}",
                    ] {
                        assert!(
                            got.contains(&squash(lit)),
                            "{engine} {shell} {tex}: {lit} missing from\n{text}"
                        );
                    }
                }
            }
        }
    }
}

/// Runs brief in `dir`, killing it and failing the test when it takes
/// longer than `secs` seconds: a hang or a quadratic blow-up shows as a
/// failure, not as a test that never ends.
fn brief_within(dir: &Path, args: &[&str], secs: u64) -> Output {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the brief binary runs");
    // Drain the pipes meanwhile, so a large output cannot block the child.
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut v).map(|_| v)
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut stderr, &mut v).map(|_| v)
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waitable") {
            break status;
        }
        if start.elapsed() > std::time::Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("brief {args:?} took more than {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().expect("joined").expect("read"),
        stderr: err.join().expect("joined").expect("read"),
    }
}

/// A one-line error with exit code 2 and no panic or crash.
fn assert_clean_error(out: &Output, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert!(err.starts_with("error: "), "{what}: {err}");
    assert!(err.lines().count() <= 2, "{what}: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("overflow"),
        "{what}: {err}"
    );
}

/// Braces nested 50,000 deep in a BibTeX field overflowed the stack of the
/// LaTeX conversion (SIGABRT); they are read in linear time.
#[test]
fn deeply_nested_bibtex_braces_are_read() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let depth = 50_000;
    let bib = format!(
        "@article{{a,title={}x{},year=2020}}\n@article{{b,title={{{}y{}}},year=2021}}\n",
        "{".repeat(depth),
        "}".repeat(depth),
        "\\textbf{".repeat(depth),
        "}".repeat(depth)
    );
    std::fs::write(dir.path().join("d.bib"), bib).expect("writable");
    std::fs::write(
        dir.path().join("a.md"),
        "# T\n\nThe report notes costs rose [@a].\n",
    )
    .expect("writable");
    let out = brief_within(dir.path(), &["cite", "--bib", "d.bib", "--all"], 20);
    assert!(
        out.status.success(),
        "cite: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("x. (2020)"));
    let out = brief_within(dir.path(), &["render", "a.md", "--bib", "d.bib"], 20);
    assert!(
        out.status.success(),
        "render: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The size limit holds for inputs that are not regular files (a device, a
/// pipe): they are read no further than the limit, never to the end of
/// memory. Every file brief reads is bounded: articles, bibliographies,
/// styles, config files.
#[test]
fn size_limit_holds_for_devices_and_pipes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("ok.txt"), "Fine said Al.\n").expect("writable");
    for args in [
        &["outline", "/dev/zero"][..],
        &["outline", "/dev/zero", "--max-input-size", "1000"],
        &["render", "/dev/zero", "--max-input-size", "1000"],
        &["diff", "ok.txt", "/dev/zero", "--max-input-size", "1000"],
        &["cite", "--bib", "/dev/zero", "--all"],
        &["render", "ok.txt", "--style", "/dev/zero"],
        &["outline", "ok.txt", "--config", "/dev/zero"],
    ] {
        let out = brief_within(dir.path(), args, 20);
        assert_clean_error(&out, &format!("{args:?}"));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("/dev/zero"), "{args:?}: {err}");
        assert!(err.contains("limit"), "{args:?}: {err}");
    }
    // A pipe that never ends, as `brief outline <(yes x)` gives.
    let mut yes = Command::new("sh")
        .args(["-c", "while :; do echo x; done"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("sh runs");
    let pipe = yes.stdout.take().expect("piped");
    let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["outline", "/dev/stdin", "--max-input-size", "100000"])
        .stdin(pipe)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the brief binary runs");
    let start = std::time::Instant::now();
    while child.try_wait().expect("waitable").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            let _ = yes.kill();
            panic!("brief read the endless pipe past its limit");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let _ = yes.kill();
    let _ = yes.wait();
    let out = child.wait_with_output().expect("waited");
    assert_clean_error(&out, "endless pipe");
    assert!(String::from_utf8_lossy(&out.stderr).contains("over the limit of 100000 bytes"));
}

/// One sentence listing 40,000 names (600 KB): splitting the capitalised
/// sequence into names scanned the rest of it at every `and`, and every
/// name found before at every name, which took over half a minute; it is
/// linear now.
#[test]
fn a_sentence_of_forty_thousand_names_is_linear() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let given = ["Alice", "Bob", "Carol", "David", "Emma", "Frank", "Grace"];
    let family = ["Smith", "Jones", "Brown", "Clark", "Davis", "Evans"];
    let names: Vec<String> = (0..40_000)
        .map(|i| format!("{} {}", given[i % 7], family[(i / 7) % 6]))
        .collect();
    let text = format!("Title\n\nThe report thanks {}.\n", names.join(" and "));
    std::fs::write(dir.path().join("names.txt"), text).expect("writable");
    // Organisations and laws in a list: `of`, titles and a longer name
    // around a shorter one take the other paths.
    let orgs = "Alice Smith of the Ministry of Finance and United Nations Universal \
                Declaration of Human Rights and Tangshan City and Assistant Secretary \
                of State James Steinberg and ";
    let text = format!("Title\n\nThe report thanks {}.\n", orgs.repeat(3_000));
    std::fs::write(dir.path().join("orgs.txt"), text).expect("writable");
    for name in ["names.txt", "orgs.txt"] {
        let out = brief_within(dir.path(), &["outline", name], 15);
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The characters no text output may hold: C0 controls but the line feed,
/// DEL, C1 controls and bidirectional overrides and isolates.
fn unsafe_chars(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

/// ESC, BEL, BS, NUL, C1 controls and U+202E in an article or a
/// bibliography reached the terminal raw through `outline --format
/// markdown`, `cite --to plain` and `diff` (U+202E); every text output now
/// shows them as pictures or drops them.
#[test]
fn control_and_bidi_characters_never_reach_a_text_output() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let nasty = "\u{1b}]0;PWNED\u{7} \u{1b}[31mred\u{8}\u{8} \u{85}\u{9b}2J \u{202e}desrever\u{202c} \u{2067}iso\u{2069}";
    // A NUL after the first 8 KiB is text, not the mark of a binary file.
    let article = format!(
        "# Title {nasty}\n\nThe minister said costs rose {nasty} sharply.\n\n{}\n\nLater \u{0} here, said Al.\n",
        "Filler words said Bo. ".repeat(400)
    );
    std::fs::write(dir.path().join("a.md"), &article).expect("writable");
    std::fs::write(dir.path().join("a.txt"), &article).expect("writable");
    std::fs::write(
        dir.path().join("ok.md"),
        "# Title\n\nThe minister said costs rose.\n",
    )
    .expect("writable");
    std::fs::write(
        dir.path().join("r.bib"),
        format!("@article{{k,title={{Bad {nasty} title}},author={{Smith, Ann}},journal={{J {nasty}}},year=2020}}\n"),
    )
    .expect("writable");
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for input in ["a.md", "a.txt"] {
        runs.push(vec!["outline", input, "-f", "markdown"]);
        for to in ["markdown", "plain", "html", "latex"] {
            runs.push(vec!["render", input, "--to", to, "--bib", "r.bib"]);
        }
        for f in ["plain", "markdown", "latex"] {
            runs.push(vec!["diff", "ok.md", input, "-f", f]);
        }
    }
    for to in ["plain", "markdown", "html", "latex"] {
        runs.push(vec!["cite", "--bib", "r.bib", "--all", "--to", to]);
    }
    for args in &runs {
        let out = brief_within(dir.path(), args, 30);
        let code = out.status.code();
        assert!(
            code == Some(0) || (args[0] == "diff" && code == Some(1)),
            "{args:?}: {code:?} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("UTF-8 output");
        let bad = unsafe_chars(&text);
        assert!(bad.is_empty(), "{args:?} wrote {bad:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(unsafe_chars(&err).is_empty(), "{args:?}: stderr {err:?}");
    }
}

/// A 10 MB style name or value gave a 10 MB "one-line" error; the error
/// quotes an excerpt and stays short.
#[test]
fn errors_quote_an_excerpt_of_a_huge_value() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let huge = "x".repeat(10_000_000);
    std::fs::write(
        dir.path().join("a.md"),
        "# T\n\nThe report notes costs rose.\n",
    )
    .expect("writable");
    std::fs::write(
        dir.path().join("value.toml"),
        format!("[summary]\norder = \"{huge}\"\n"),
    )
    .expect("writable");
    std::fs::write(dir.path().join("key.toml"), format!("{huge} = 1\n")).expect("writable");
    std::fs::write(
        dir.path().join("brief.toml"),
        format!("style = \"apa\"\noutline-format = \"{huge}\"\n"),
    )
    .expect("writable");
    let long_name = "y".repeat(100_000);
    for args in [
        &["render", "a.md", "--style", "value.toml"][..],
        &["render", "a.md", "--style", "key.toml"],
        &["outline", "a.md", "--config", "brief.toml"],
        &["render", "a.md", "--style", &long_name],
    ] {
        let out = brief_within(dir.path(), args, 30);
        assert_clean_error(&out, &args[..3].join(" "));
        assert!(
            out.stderr.len() < 1_000,
            "{:?}: {} bytes of error",
            &args[..3],
            out.stderr.len()
        );
    }
}

/// YAML front matter and CSL-YAML nested 100,000 deep took a minute before
/// the parser's own limit stopped them; they are refused at once.
#[test]
fn deeply_nested_yaml_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let depth = 100_000;
    let nest = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    std::fs::write(
        dir.path().join("a.md"),
        format!("---\ntitle: T\nx: {nest}\n---\n\nThe report notes costs rose.\n"),
    )
    .expect("writable");
    std::fs::write(dir.path().join("r.yaml"), format!("- id: a\n  x: {nest}\n")).expect("writable");
    for args in [
        &["outline", "a.md"][..],
        &["render", "a.md"],
        &["cite", "--bib", "r.yaml", "--all"],
    ] {
        let out = brief_within(dir.path(), args, 10);
        assert_clean_error(&out, &args.join(" "));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("nested more than 128 levels deep"),
            "{args:?}: {err}"
        );
        let line = if args.contains(&"r.yaml") {
            ":2:"
        } else {
            ":3:"
        };
        assert!(err.contains(line), "{args:?}: located on its line: {err}");
    }
}

/// Every LaTeX output stays far below TeX's 200,000-byte input line, and
/// holds no U+FFFD (LuaTeX reads it as invalid UTF-8 and stops).
fn assert_tex_readable(tex: &str, what: &str) {
    let longest = tex.lines().map(str::len).max().unwrap_or(0);
    assert!(longest <= 8_193, "{what}: a line of {longest} bytes");
    assert!(!tex.contains('\u{FFFD}'), "{what}: a raw U+FFFD");
}

/// A 288 KB sentence was one 288 KB line of LaTeX, which pdfLaTeX and
/// LuaLaTeX refuse ("Unable to read an entire line"); U+FFFD, C1 controls
/// and U+202E (made U+FFFD) stopped LuaLaTeX with "String contains an
/// invalid utf-8 sequence". The brief and the diff compile now.
#[test]
fn long_claims_and_replacement_characters_compile() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let long = format!(
        "T\n\nThe report notes that {} rose.\n\nA word {} ends it, said Al.\n",
        "costs and prices and wages ".repeat(10_700),
        "x".repeat(250_000)
    );
    std::fs::write(dir.path().join("long.txt"), &long).expect("writable");
    std::fs::write(
        dir.path().join("fffd.txt"),
        "T\n\nThe report notes costs rose \u{FFFD} and \u{85} and \u{202E}x\u{202C}.\n",
    )
    .expect("writable");
    std::fs::write(
        dir.path().join("ok.txt"),
        "T\n\nThe report notes costs fell.\n",
    )
    .expect("writable");
    let mut docs = Vec::new();
    for input in ["long.txt", "fffd.txt"] {
        let name = input.trim_end_matches(".txt");
        for (kind, args) in [
            ("render", vec!["render", input, "--to", "latex"]),
            ("diff", vec!["diff", "ok.txt", input, "-f", "latex"]),
        ] {
            let out = brief_within(dir.path(), &args, 60);
            let code = out.status.code();
            assert!(
                code == Some(0) || (kind == "diff" && code == Some(1)),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let tex = String::from_utf8(out.stdout).expect("UTF-8");
            assert_tex_readable(&tex, &format!("{args:?}"));
            let file = format!("{kind}-{name}.tex");
            std::fs::write(dir.path().join(&file), tex).expect("writable");
            docs.push(file);
        }
    }
    for engine in ["pdflatex", "lualatex"].into_iter().filter(|e| have(e)) {
        for tex in &docs {
            let out = Command::new(engine)
                .args([
                    "-no-shell-escape",
                    "-interaction=nonstopmode",
                    "-halt-on-error",
                ])
                .arg(format!(
                    "-jobname={}-{engine}",
                    tex.trim_end_matches(".tex")
                ))
                .arg(tex)
                .current_dir(dir.path())
                .output()
                .expect("TeX runs");
            let log = String::from_utf8_lossy(&out.stdout);
            let tail: String = log.lines().rev().take(30).collect::<Vec<_>>().join("\n");
            assert!(out.status.success(), "{engine} {tex}:\n{tail}");
        }
    }
}
