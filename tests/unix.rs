//! brief as a Unix tool, over the real binary: standard input and output,
//! atomic `-o`, refusing to overwrite an input, depfiles, config discovery,
//! batch runs, completions, the man page, colour, determinism, and the
//! examples' Makefile run twice.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(name: &str) -> String {
    root().join("examples").join(name).display().to_string()
}

/// brief with no config from the environment, run in `dir`.
fn brief_in(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_brief"));
    c.current_dir(dir)
        .env_remove("BRIEF_CONFIG")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    c
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    brief_in(dir).args(args).output().expect("brief runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

// 1. Files and streams.

#[test]
fn dash_reads_standard_input_and_data_goes_to_stdout() {
    let article = std::fs::read(example("report-2023.md")).unwrap();
    for args in [
        &["outline", "-", "--from", "markdown"][..],
        &["render", "-", "--from", "markdown", "--to", "plain"][..],
    ] {
        let d = tmp();
        let mut child = brief_in(d.path())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&article).unwrap();
        let out = child.wait_with_output().unwrap();
        let text = ok(&out);
        assert!(!text.is_empty(), "{args:?}: data on stdout");
        assert!(out.stderr.is_empty(), "{args:?}: nothing on stderr");
        // The same as reading the file.
        let mut from_file: Vec<&str> = args.to_vec();
        let path = example("report-2023.md");
        from_file[1] = &path;
        assert_eq!(ok(&run_in(d.path(), &from_file)), text, "{args:?}");
    }
}

#[test]
fn bibliography_from_standard_input() {
    let d = tmp();
    let bib = root().join("tests/fixtures/cite/refs.bib");
    let mut child = brief_in(d.path())
        .args(["cite", "--bib", "-", "--all"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(&bib).unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let from_file = run_in(d.path(), &["cite", "--bib", bib.to_str().unwrap(), "--all"]);
    assert_eq!(ok(&out), ok(&from_file));
}

#[test]
fn outputs_go_to_the_o_file_and_nothing_to_stdout() {
    let d = tmp();
    let out = run_in(
        d.path(),
        &["outline", &example("report-2023.md"), "-o", "x.json"],
    );
    assert_eq!(ok(&out), "");
    assert!(std::fs::read_to_string(d.path().join("x.json"))
        .unwrap()
        .contains("brief.outline/1"));
    assert_eq!(files_in(d.path()), ["x.json"]);
}

#[test]
fn a_failed_run_leaves_the_old_output_intact() {
    let d = tmp();
    let out_file = d.path().join("brief.md");
    std::fs::write(&out_file, "old\n").unwrap();
    // The style cannot be resolved: the run fails, the old file stays.
    let out = run_in(
        d.path(),
        &[
            "render",
            &example("report-2023.md"),
            "--style",
            "no-such-style",
            "-o",
            "brief.md",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), "old\n");
    assert_eq!(files_in(d.path()), ["brief.md"], "no temporary file left");
}

#[test]
fn a_failed_rename_leaves_no_temporary_file() {
    // The temporary file is written in full, then the rename onto a
    // non-empty folder fails: the folder and its content stay, and the
    // temporary file is removed.
    let d = tmp();
    std::fs::create_dir(d.path().join("out.json")).unwrap();
    std::fs::write(d.path().join("out.json/keep"), "old").unwrap();
    let out = run_in(
        d.path(),
        &["outline", &example("report-2023.md"), "-o", "out.json"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("error: out.json: cannot write"));
    assert_eq!(files_in(d.path()), ["out.json"]);
    assert_eq!(
        std::fs::read_to_string(d.path().join("out.json/keep")).unwrap(),
        "old"
    );
}

#[test]
fn a_failing_input_in_a_batch_keeps_its_old_output() {
    let d = tmp();
    std::fs::write(d.path().join("good.md"), "# Good\n\nThe report said so.\n").unwrap();
    std::fs::write(d.path().join("bad.md"), [0u8, 159, 146, 150, 0]).unwrap();
    std::fs::create_dir(d.path().join("out")).unwrap();
    std::fs::write(d.path().join("out/bad.outline.json"), "old").unwrap();
    let out = run_in(
        d.path(),
        &["outline", "good.md", "bad.md", "--out-dir", "out"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(d.path().join("out/bad.outline.json")).unwrap(),
        "old"
    );
    assert_eq!(
        files_in(&d.path().join("out")),
        ["bad.outline.json", "good.outline.json"]
    );
}

#[test]
fn refuses_to_overwrite_an_input() {
    let d = tmp();
    let text = "# A\n\nThe minister said it.\n";
    std::fs::write(d.path().join("a.md"), text).unwrap();
    let bib = std::fs::read_to_string(root().join("tests/fixtures/cite/refs.bib")).unwrap();
    std::fs::write(d.path().join("refs.bib"), &bib).unwrap();
    std::fs::write(d.path().join("brief.toml"), "").unwrap();
    for args in [
        &["outline", "a.md", "-o", "a.md"][..],
        &["outline", "a.md", "-o", "./a.md"][..],
        &["render", "a.md", "--to", "markdown", "-o", "a.md"][..],
        &["diff", "a.md", "a.md", "-o", "a.md"][..],
        &["render", "a.md", "--bib", "refs.bib", "-o", "refs.bib"][..],
        &["cite", "--bib", "refs.bib", "--all", "-o", "refs.bib"][..],
        &["outline", "a.md", "-o", "a.json", "--depfile", "a.md"][..],
        &[
            "outline",
            "a.md",
            "--config",
            "brief.toml",
            "-o",
            "brief.toml",
        ][..],
    ] {
        let out = run_in(d.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("error: ") && err.contains("refusing to write over an input file"),
            "{args:?}: {err}"
        );
        assert_eq!(
            std::fs::read_to_string(d.path().join("a.md")).unwrap(),
            text
        );
        assert_eq!(
            std::fs::read_to_string(d.path().join("refs.bib")).unwrap(),
            bib
        );
        assert_eq!(
            std::fs::read_to_string(d.path().join("brief.toml")).unwrap(),
            ""
        );
    }
}

// 2. Depfiles.

#[test]
fn depfile_lists_every_file_escaped_for_make() {
    let d = tmp();
    let p = d.path();
    std::fs::create_dir(p.join("my styles")).unwrap();
    std::fs::write(
        p.join("my styles/base.toml"),
        "extends = \"apa\"\n[render.plain]\nwidth = 60\n",
    )
    .unwrap();
    std::fs::write(
        p.join("my styles/house#1.toml"),
        "extends = \"base.toml\"\n",
    )
    .unwrap();
    std::fs::copy(
        root().join("tests/fixtures/cite/refs.bib"),
        p.join("refs$.bib"),
    )
    .unwrap();
    std::fs::copy(example("report-2023.md"), p.join("report 2023.md")).unwrap();
    std::fs::write(p.join("brief.toml"), "render-format = \"plain\"\n").unwrap();
    let out = run_in(
        p,
        &[
            "render",
            "report 2023.md",
            "--style",
            "my styles/house#1.toml",
            "--bib",
            "refs$.bib",
            "-o",
            "out/brief.txt",
            "--depfile",
            "out/brief.txt.d",
        ],
    );
    // -o does not create folders.
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    std::fs::create_dir(p.join("out")).unwrap();
    let out = run_in(
        p,
        &[
            "render",
            "report 2023.md",
            "--style",
            "my styles/house#1.toml",
            "--bib",
            "refs$.bib",
            "-o",
            "out/brief.txt",
            "--depfile",
            "out/brief.txt.d",
        ],
    );
    ok(&out);
    let dep = std::fs::read_to_string(p.join("out/brief.txt.d")).unwrap();
    assert_eq!(
        dep,
        "out/brief.txt: \\\n  report\\ 2023.md \\\n  my\\ styles/house\\#1.toml \\\n  my\\ styles/base.toml \\\n  refs$$.bib \\\n  brief.toml\n\
         \nreport\\ 2023.md:\n\nmy\\ styles/house\\#1.toml:\n\nmy\\ styles/base.toml:\n\nrefs$$.bib:\n\nbrief.toml:\n"
    );
    // The style's plain width (60) was used: the style file was read.
    let text = std::fs::read_to_string(p.join("out/brief.txt")).unwrap();
    assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
}

#[test]
fn depfile_of_outline_diff_cite_and_batch() {
    let d = tmp();
    let p = d.path();
    std::fs::copy(example("report-2023.md"), p.join("a.md")).unwrap();
    std::fs::copy(example("report-2024.md"), p.join("b.md")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/cite/refs.bib"),
        p.join("refs.bib"),
    )
    .unwrap();
    let dep = |name: &str| std::fs::read_to_string(p.join(name)).unwrap();

    ok(&run_in(
        p,
        &["outline", "a.md", "-o", "a.json", "--depfile", "a.d"],
    ));
    assert_eq!(dep("a.d"), "a.json: \\\n  a.md\n\na.md:\n");

    let out = run_in(
        p,
        &["diff", "a.md", "b.md", "-o", "d.txt", "--depfile", "d.d"],
    );
    assert_eq!(out.status.code(), Some(1), "the versions differ");
    assert_eq!(
        dep("d.d"),
        "d.txt: \\\n  a.md \\\n  b.md\n\na.md:\n\nb.md:\n"
    );

    ok(&run_in(
        p,
        &[
            "cite",
            "--bib",
            "refs.bib",
            "--all",
            "-o",
            "c.txt",
            "--depfile",
            "c.d",
        ],
    ));
    assert_eq!(dep("c.d"), "c.txt: \\\n  refs.bib\n\nrefs.bib:\n");

    ok(&run_in(
        p,
        &[
            "outline",
            "a.md",
            "b.md",
            "--out-dir",
            "o",
            "--depfile",
            "o.d",
        ],
    ));
    assert_eq!(
        dep("o.d"),
        "o/a.outline.json: \\\n  a.md\no/b.outline.json: \\\n  b.md\n\na.md:\n\nb.md:\n"
    );

    // Without an output there is no target to name.
    let out = run_in(p, &["outline", "a.md", "--depfile", "x.d"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--depfile needs an output file"));
}

// 3. Config discovery.

#[test]
fn config_discovery_order_and_verbose_messages() {
    let d = tmp();
    let p = d.path();
    let sub = p.join("project/deep/er");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        p.join("project/brief.toml"),
        "outline-format = \"markdown\"\n",
    )
    .unwrap();
    std::fs::write(p.join("env.toml"), "outline-format = \"toml\"\n").unwrap();
    std::fs::write(p.join("flag.toml"), "outline-format = \"json\"\n").unwrap();
    let art = example("report-2023.md");

    // Nearest brief.toml, walking up.
    let out = run_in(&sub, &["outline", &art, "-v"]);
    assert!(ok(&out).starts_with("# "), "markdown outline");
    assert!(
        stderr(&out).contains("config ../../brief.toml (found in this folder or above)"),
        "{}",
        stderr(&out)
    );

    // BRIEF_CONFIG beats brief.toml.
    let out = brief_in(&sub)
        .args(["outline", &art, "-v"])
        .env("BRIEF_CONFIG", p.join("env.toml"))
        .output()
        .unwrap();
    assert!(ok(&out).starts_with("schema = "), "toml outline");
    assert!(
        stderr(&out).contains("(from $BRIEF_CONFIG)"),
        "{}",
        stderr(&out)
    );

    // --config beats both.
    let flag = p.join("flag.toml").display().to_string();
    let out = brief_in(&sub)
        .args(["outline", &art, "-v", "--config", &flag])
        .env("BRIEF_CONFIG", p.join("env.toml"))
        .output()
        .unwrap();
    assert!(ok(&out).starts_with('{'), "json outline");
    assert!(stderr(&out).contains("(from --config)"), "{}", stderr(&out));

    // The command line beats the config.
    let out = run_in(&sub, &["outline", &art, "--format", "json"]);
    assert!(ok(&out).starts_with('{'));
    assert!(out.stderr.is_empty(), "no message without -v");

    // No file anywhere: built-in defaults.
    let out = run_in(p, &["outline", &art, "-v"]);
    assert!(ok(&out).starts_with('{'));
    assert!(
        stderr(&out).contains("built-in defaults"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn config_sets_style_bibliography_and_formats() {
    let d = tmp();
    let p = d.path();
    std::fs::create_dir(p.join("conf")).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/cite/refs.bib"),
        p.join("conf/refs.bib"),
    )
    .unwrap();
    std::fs::write(
        p.join("conf/brief.toml"),
        "style = \"ieee\"\nbibliography = [\"refs.bib\"]\ncite-format = \"html\"\n",
    )
    .unwrap();
    let with_config = ok(&run_in(
        p,
        &["cite", "--config", "conf/brief.toml", "sen1999"],
    ));
    let explicit = ok(&run_in(
        p,
        &[
            "cite",
            "--bib",
            "conf/refs.bib",
            "--style",
            "ieee",
            "--to",
            "html",
            "sen1999",
        ],
    ));
    assert_eq!(with_config, explicit);
    // No bibliography at all is a usage error with a hint.
    let out = run_in(p, &["cite", "sen1999"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("hint: give --bib FILE"));
}

#[test]
fn config_errors_are_located_with_a_hint() {
    let d = tmp();
    std::fs::write(
        d.path().join("brief.toml"),
        "style = \"apa\"\nbibliografy = [\"refs.bib\"]\n",
    )
    .unwrap();
    let out = run_in(d.path(), &["outline", &example("report-2023.md")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: brief.toml:2:1: unknown key `bibliografy`"),
        "{err}"
    );
    assert!(err.contains("valid keys: `style`, `bibliography`"), "{err}");
    assert!(
        err.contains("hint: did you mean \"bibliography\"?"),
        "{err}"
    );

    std::fs::write(d.path().join("brief.toml"), "render-format = \"htm\"\n").unwrap();
    let err = stderr(&run_in(d.path(), &["outline", &example("report-2023.md")]));
    assert!(
        err.starts_with("error: brief.toml:1:17: unknown value `htm` for `render-format`"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean \"html\"?"), "{err}");
    // Commands that take no defaults do not read it.
    ok(&run_in(d.path(), &["completions", "bash"]));
}

#[test]
fn style_errors_are_located_with_a_hint() {
    let d = tmp();
    std::fs::write(
        d.path().join("mine.toml"),
        "extends = \"apa\"\n[citation]\nstyl = \"ieee\"\n",
    )
    .unwrap();
    let out = run_in(
        d.path(),
        &["render", &example("report-2023.md"), "--style", "mine.toml"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: mine.toml:3:1: unknown key `styl` in [citation]"),
        "{err}"
    );
    assert!(err.contains("hint: did you mean \"style\"?"), "{err}");
}

// 4. Batch.

#[test]
fn batch_reports_a_bad_input_and_writes_the_good_ones() {
    let d = tmp();
    let p = d.path();
    std::fs::copy(example("report-2023.md"), p.join("a.md")).unwrap();
    std::fs::copy(example("report-2024.md"), p.join("b.md")).unwrap();
    for (cmd, ext) in [("outline", "outline.json"), ("render", "html")] {
        let dir = format!("out-{cmd}");
        let mut args = vec![cmd, "a.md", "missing.md", "b.md", "--out-dir", &dir];
        if cmd == "render" {
            args.extend(["--to", "html"]);
        }
        let out = run_in(p, &args);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("error: missing.md: no such file"), "{err}");
        assert!(err.contains("1 of 3 inputs failed"), "{err}");
        assert!(out.stdout.is_empty());
        assert_eq!(
            files_in(&p.join(&dir)),
            [format!("a.{ext}"), format!("b.{ext}")]
        );
        // Each batch output is what a single run writes.
        let single = ok(&run_in(
            p,
            &args[..2]
                .iter()
                .chain(&args[6..])
                .copied()
                .collect::<Vec<_>>(),
        ));
        assert_eq!(
            std::fs::read_to_string(p.join(&dir).join(format!("a.{ext}"))).unwrap(),
            single
        );
    }
    // All good: exit 0.
    let out = run_in(p, &["outline", "a.md", "b.md", "--out-dir", "o2", "-q"]);
    ok(&out);
    assert!(out.stderr.is_empty());
}

#[test]
fn batch_refuses_colliding_outputs_and_stdin() {
    let d = tmp();
    let p = d.path();
    std::fs::copy(example("blinken-human-rights-report.md"), p.join("x.md")).unwrap();
    std::fs::copy(example("blinken-human-rights-report.txt"), p.join("x.txt")).unwrap();
    let out = run_in(p, &["outline", "x.md", "x.txt", "--out-dir", "o"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("would both be written to"));
    let out = run_in(p, &["outline", "x.md", "-", "--out-dir", "o"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run_in(p, &["outline", "x.md", "x.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--out-dir"));
}

// 5. Help and shell.

#[test]
fn completions_for_every_shell() {
    let d = tmp();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let text = ok(&run_in(d.path(), &["completions", shell]));
        assert!(text.contains("brief"), "{shell}");
        for word in ["outline", "render", "cite", "diff", "depfile"] {
            assert!(text.contains(word), "{shell} completes {word}");
        }
    }
}

#[test]
fn man_page() {
    let d = tmp();
    let text = ok(&run_in(d.path(), &["man"]));
    assert!(text.contains(".TH brief 1"), "{text}");
    for section in ["BRIEF OUTLINE", "BRIEF RENDER", "BRIEF CITE", "BRIEF DIFF"] {
        assert!(text.contains(section), "{section}");
    }
    assert!(text.contains("Exit codes"));
    ok(&run_in(d.path(), &["man", "-o", "brief.1"]));
    assert_eq!(
        std::fs::read_to_string(d.path().join("brief.1")).unwrap(),
        text
    );
}

#[test]
fn help_has_examples_and_exit_codes() {
    let d = tmp();
    let top = ok(&run_in(d.path(), &["--help"]));
    assert!(top.contains("Exit codes:"));
    for sub in [
        "outline",
        "render",
        "cite",
        "diff",
        "styles",
        "completions",
        "man",
    ] {
        let text = ok(&run_in(d.path(), &[sub, "--help"]));
        assert!(text.contains("Examples:"), "{sub} --help has examples");
    }
}

#[test]
fn colour_follows_color_and_no_color() {
    let d = tmp();
    let has_escape = |o: &Output| o.stderr.contains(&0x1b);
    let args = ["outline", "missing.md"];
    assert!(!has_escape(&run_in(d.path(), &args)), "not a terminal");
    assert!(has_escape(&run_in(
        d.path(),
        &["outline", "missing.md", "--color", "always"]
    )));
    assert!(!has_escape(&run_in(
        d.path(),
        &["--color=never", "outline", "missing.md"]
    )));
    let forced = brief_in(d.path())
        .args(args)
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(has_escape(&forced));
    let no_color = brief_in(d.path())
        .args(args)
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!has_escape(&no_color), "NO_COLOR wins");
    assert_eq!(
        String::from_utf8_lossy(&no_color.stderr),
        "error: missing.md: no such file\n"
    );
    // diff's plain output follows the global --color too.
    let (a, b) = (example("report-2023.md"), example("report-2024.md"));
    let out = run_in(d.path(), &["diff", &a, &b, "--color", "always"]);
    assert!(out.stdout.contains(&0x1b));
    let out = brief_in(d.path())
        .args(["diff", &a, &b])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b));
}

#[test]
fn quiet_silences_warnings() {
    let d = tmp();
    let bib = root()
        .join("tests/fixtures/cite/refs.bib")
        .display()
        .to_string();
    let out = run_in(d.path(), &["cite", "--bib", &bib, "nosuchkey"]);
    assert!(stderr(&out).contains("warning:"));
    let out = run_in(d.path(), &["cite", "--bib", &bib, "nosuchkey", "-q"]);
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

// 6. Determinism.

#[test]
fn same_inputs_give_identical_bytes() {
    let d = tmp();
    let (a, b) = (example("report-2023.md"), example("report-2024.md"));
    let bib = root()
        .join("tests/fixtures/cite/refs.bib")
        .display()
        .to_string();
    let runs: Vec<Vec<&str>> = vec![
        vec!["outline", &a],
        vec!["outline", &a, "--format", "toml"],
        vec!["outline", &a, "--format", "markdown"],
        vec!["render", &a, "--to", "markdown"],
        vec!["render", &a, "--to", "latex", "--bib", &bib],
        vec!["render", &a, "--to", "plain"],
        vec!["render", &a, "--to", "html"],
        vec!["cite", "--bib", &bib, "--all"],
        vec!["cite", "--bib", &bib, "--csl-json"],
        vec!["diff", &a, &b, "--format", "json"],
        vec!["diff", &a, &b, "--format", "latex"],
    ];
    for args in runs {
        let first = run_in(d.path(), &args);
        let second = run_in(&root(), &args);
        assert!(!first.stdout.is_empty(), "{args:?}");
        assert_eq!(first.stdout, second.stdout, "{args:?}");
        let text = String::from_utf8_lossy(&first.stdout);
        let here = root().display().to_string();
        assert!(!text.contains(&here), "{args:?}: no absolute path");
    }
    // A batch is the same however the work is spread over the cores.
    let p = d.path();
    ok(&run_in(p, &["outline", &a, &b, "--out-dir", "one"]));
    ok(&run_in(p, &["outline", &b, &a, "--out-dir", "two"]));
    for f in ["report-2023.outline.json", "report-2024.outline.json"] {
        assert_eq!(
            std::fs::read(p.join("one").join(f)).unwrap(),
            std::fs::read(p.join("two").join(f)).unwrap()
        );
    }
}

// The examples' Makefile: a first `make` builds everything, a second does
// nothing, and touching a file named only in a depfile rebuilds.

fn have_make() -> bool {
    let found = Command::new("make")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "make is missing and CI=true"
        );
        eprintln!("note: make is not installed; skipping the Makefile test");
    }
    found
}

fn make(dir: &Path, extra: &[&str]) -> Output {
    Command::new("make")
        .arg("-C")
        .arg(dir)
        .arg(format!("BRIEF={}", env!("CARGO_BIN_EXE_brief")))
        .args(extra)
        .env_remove("BRIEF_CONFIG")
        .env_remove("MAKEFLAGS")
        .output()
        .unwrap()
}

#[test]
fn examples_makefile_builds_once() {
    if !have_make() {
        return;
    }
    let d = tmp();
    let ex = d.path().join("examples");
    std::fs::create_dir(&ex).unwrap();
    for e in std::fs::read_dir(root().join("examples")).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), ex.join(e.file_name())).unwrap();
        }
    }
    let first = make(&ex, &[]);
    assert!(
        first.status.success(),
        "make: {}{}",
        String::from_utf8_lossy(&first.stdout),
        String::from_utf8_lossy(&first.stderr)
    );
    let built = files_in(&ex.join("build"));
    for f in [
        "blinken-human-rights-report.md",
        "blinken-human-rights-report.tex",
        "blinken-human-rights-report.txt",
        "blinken-human-rights-report.html",
        "blinken-human-rights-report.outline.json",
        "blinken-human-rights-report.outline.md",
        "report-2023-to-2024.diff.md",
        "report-2023-to-2024.diff.md.d",
    ] {
        assert!(built.iter().any(|b| b == f), "{f} built: {built:?}");
    }
    let dep = std::fs::read_to_string(ex.join("build/blinken-human-rights-report.html.d")).unwrap();
    assert!(dep.contains("brief.toml"), "{dep}");

    let second = make(&ex, &[]);
    assert!(second.status.success());
    let said = String::from_utf8_lossy(&second.stdout);
    assert!(said.contains("Nothing to be done"), "second make: {said}");
    assert!(!said.contains(env!("CARGO_BIN_EXE_brief")), "{said}");
    assert_eq!(make(&ex, &["-q"]).status.code(), Some(0), "up to date");

    // brief.toml is not a prerequisite in the Makefile: only the depfiles
    // name it.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .append(true)
        .open(ex.join("brief.toml"))
        .unwrap()
        .set_modified(later)
        .unwrap();
    assert_eq!(make(&ex, &["-q"]).status.code(), Some(1), "out of date");
}

/// `-o` naming a pipe or a device writes into it: renaming a temporary file
/// over it, as for a regular file, would replace `/dev/null` with a file.
#[cfg(target_os = "linux")]
#[test]
fn output_to_a_named_pipe_writes_into_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tmp();
    let fifo = dir.path().join("out.pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).expect("the pipe reads"))
    };
    let input = example("report-2024.md");
    let out = run_in(dir.path(), &["outline", &input, "-o", "out.pipe"]);
    ok(&out);
    // Checked before waiting for the reader, which a replaced pipe would
    // leave waiting for ever.
    let kind = std::fs::metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced by a file");
    assert_eq!(files_in(dir.path()), vec!["out.pipe".to_string()]);
    let read = reader.join().expect("the reader ends");
    let direct = ok(&run_in(dir.path(), &["outline", &input]));
    assert_eq!(read, direct);
}

// 7. Files like a Unix tool: modes, depfiles, temporary files.

/// brief run in `dir` through `sh` with `umask` set first.
fn run_with_umask(dir: &Path, umask: &str, args: &[&str]) -> Output {
    let mut c = Command::new("sh");
    c.current_dir(dir)
        .env_remove("BRIEF_CONFIG")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_brief"))
        .args(args);
    c.output().expect("sh runs")
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn new_files_honour_the_umask_and_replaced_files_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let d = tmp();
    let p = d.path();
    std::fs::copy(example("report-2023.md"), p.join("a.md")).unwrap();
    for (umask, want) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let out = run_with_umask(
            p,
            umask,
            &["render", "a.md", "-o", "new.html", "--depfile", "new.d"],
        );
        ok(&out);
        assert_eq!(mode(&p.join("new.html")), want, "umask {umask}");
        assert_eq!(mode(&p.join("new.d")), want, "umask {umask}: depfile");
        std::fs::remove_file(p.join("new.html")).unwrap();
        std::fs::remove_file(p.join("new.d")).unwrap();
    }
    std::fs::write(p.join("old.json"), "{}").unwrap();
    std::fs::set_permissions(p.join("old.json"), std::fs::Permissions::from_mode(0o640)).unwrap();
    ok(&run_with_umask(
        p,
        "077",
        &["outline", "a.md", "-o", "old.json"],
    ));
    assert_eq!(
        mode(&p.join("old.json")),
        0o640,
        "an overwritten file keeps its mode"
    );
    assert!(std::fs::read_to_string(p.join("old.json"))
        .unwrap()
        .contains("brief.outline/1"));
}

#[test]
fn depfile_naming_the_output_is_refused() {
    let d = tmp();
    let p = d.path();
    std::fs::copy(example("report-2023.md"), p.join("a.md")).unwrap();
    // The output does not exist yet, then it does, then by another spelling.
    for (depfile, exists) in [("o.html", false), ("o.html", true), ("./o.html", true)] {
        if exists {
            std::fs::write(p.join("o.html"), "old\n").unwrap();
        }
        let out = run_in(p, &["render", "a.md", "-o", "o.html", "--depfile", depfile]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("error: {depfile}: --depfile names the output")),
            "{err}"
        );
        assert_eq!(err.lines().count(), 2, "one error line and a hint: {err}");
        let now = std::fs::read_to_string(p.join("o.html")).ok();
        assert_eq!(now, exists.then(|| "old\n".to_string()), "output untouched");
    }
    // A batch: the depfile may not be one of the outputs either.
    std::fs::create_dir(p.join("out")).unwrap();
    let out = run_in(
        p,
        &[
            "outline",
            "a.md",
            "--out-dir",
            "out",
            "--depfile",
            "out/a.outline.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let json = std::fs::read_to_string(p.join("out/a.outline.json")).unwrap();
    assert!(
        json.contains("brief.outline/1"),
        "the outline is kept: {json}"
    );
    // The depfile naming an input is refused as before.
    let out = run_in(p, &["render", "a.md", "-o", "x.html", "--depfile", "a.md"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn stale_temporary_files_of_a_killed_run_are_removed() {
    let d = tmp();
    let p = d.path();
    std::fs::copy(example("report-2023.md"), p.join("a.md")).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    // Left by a run killed while writing `out.html` (the shape tempfile and
    // brief give them), and files that are not ours to remove.
    for name in [
        ".out.html.Ab3xY9.tmp",
        ".other.html.Ab3xY9.tmp",
        ".out.html.tmp",
        "notes.tmp",
    ] {
        let f = std::fs::File::create(p.join(name)).unwrap();
        f.set_modified(old).unwrap();
    }
    ok(&run_in(p, &["render", "a.md", "-o", "out.html"]));
    assert_eq!(
        files_in(p),
        [
            ".other.html.Ab3xY9.tmp",
            ".out.html.tmp",
            "a.md",
            "notes.tmp",
            "out.html"
        ]
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_run_killed_while_writing_leaves_no_temporary_file() {
    // An outline of a big article takes long enough to write to be watched
    // and killed in the middle: the file being written has no name, so
    // nothing is left behind.
    let d = tmp();
    let p = d.path();
    let article = std::fs::read_to_string(example("report-2023.md")).unwrap();
    let mut big = String::new();
    while big.len() < 6_000_000 {
        big.push_str(&article);
        big.push_str("\n\n");
    }
    std::fs::write(p.join("big.md"), &big).unwrap();
    let mut child = brief_in(p)
        .args(["outline", "big.md", "-o", "big.json"])
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    let mut saw_temporary = false;
    // Kill it as soon as its output is being written (or give up after 60 s).
    while start.elapsed() < std::time::Duration::from_secs(60) {
        let names = files_in(p);
        if names.iter().any(|n| n.ends_with(".tmp")) {
            saw_temporary = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(!saw_temporary, "a named temporary file appeared");
    let left: Vec<String> = files_in(p)
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
