//! The HTML brief and the HTML diff report, with their inline SVG figures,
//! load in headless Chromium (Debian's `chromium` package, installed by
//! `.ci/run`): a screenshot of each is written and is a real picture, the
//! page logs no console message (our pages have no scripts, so any
//! message is a fault), and the SVG is in the DOM Chromium built.

mod render_support;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use render_support::{have, root};

/// How long one Chromium run may take before the test fails.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Runs headless Chromium on a local page with extra arguments; returns
/// (stdout, stderr), failing the test on a timeout or a failed run.
fn chromium(page: &Path, extra: &[&str]) -> (String, String) {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.display());
    let mut child = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            // Containers often have a small /dev/shm, which crashes renderers.
            "--disable-dev-shm-usage",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // Both pipes are drained on threads so a chatty Chromium cannot block.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium took more than {TIMEOUT:?} on {url}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let (stdout, stderr) = (t_out.join().unwrap(), t_err.join().unwrap());
    assert!(status.success(), "chromium failed on {url}:\n{stderr}");
    (stdout, stderr)
}

/// Lines of Chromium's log that report something the page did wrong.
fn page_errors(log: &str) -> Vec<&str> {
    log.lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught"))
        .collect()
}

/// Loads a page, takes a screenshot and checks it, and returns the DOM.
fn load(page: &Path, shot: &Path) -> String {
    let (_, log) = chromium(
        page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1200,2000",
        ],
    );
    assert!(
        page_errors(&log).is_empty(),
        "{}: console messages:\n{}",
        page.display(),
        page_errors(&log).join("\n")
    );
    let png = std::fs::read(shot).expect("a screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    let (w, h) = (
        u32::from_be_bytes(png[16..20].try_into().unwrap()),
        u32::from_be_bytes(png[20..24].try_into().unwrap()),
    );
    assert_eq!((w, h), (1200, 2000));
    // A blank 1200x2000 page compresses to a few kilobytes; text and
    // coloured bars take far more.
    assert!(png.len() > 30_000, "the screenshot looks empty");

    let (dom, log) = chromium(page, &["--dump-dom"]);
    assert!(page_errors(&log).is_empty());
    dom
}

fn write_pages(dir: &Path) -> (PathBuf, PathBuf) {
    let brief = dir.join("brief.html");
    let report = dir.join("report.html");
    let article = root().join("examples/blinken-human-rights-report.md");
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .args(["render", article.to_str().unwrap(), "--to", "html", "-o"])
        .arg(&brief)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(env!("CARGO_BIN_EXE_brief"))
        .arg("diff")
        .args([
            root().join("examples/report-2023.md"),
            root().join("examples/report-2024.md"),
        ])
        .args(["-f", "html", "-o"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (brief, report)
}

#[test]
fn html_pages_with_figures_render_in_headless_chromium() {
    if !have("chromium") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (brief, report) = write_pages(dir.path());

    let dom = load(&brief, &dir.path().join("brief.png"));
    assert_eq!(
        dom.matches("<svg").count(),
        2,
        "the sources chart and timeline"
    );
    assert!(dom.contains("Claims per source"));
    assert!(dom.contains("Timeline of dated statements"));

    let dom = load(&report, &dir.path().join("report.png"));
    assert_eq!(dom.matches("<svg").count(), 1, "the chart of changes");
    assert!(dom.contains("Claims per section"));
    assert!(dom.contains("Overall similarity"));
    assert!(dom.contains("<ins>"));
}
