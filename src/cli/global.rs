//! Options every subcommand takes (`--config`, `--depfile`, `--color`, `-q`,
//! `-v`), how messages reach standard error, and `brief completions` /
//! `brief man`.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use clap::{Args, CommandFactory, ValueEnum};

use super::args::{Cli, ColorWhen};

/// The options shared by every subcommand.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Read defaults from this config file (else $BRIEF_CONFIG, else the
    /// nearest brief.toml in this folder or above it).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Also write a Make depfile listing every file the output was built
    /// from (needs -o or --out-dir).
    #[arg(long, global = true, value_name = "FILE")]
    pub depfile: Option<PathBuf>,
    /// Colour messages (and `diff` output): auto means on a terminal when
    /// NO_COLOR is unset.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "auto",
        value_name = "WHEN"
    )]
    pub color: ColorWhen,
    /// Print nothing but errors: no warnings, no progress bar.
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say more on standard error: which config file is used, what is written.
    #[arg(long, short = 'v', global = true)]
    pub verbose: bool,
}

/// Arguments of `brief completions`.
#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

/// Arguments of `brief man`.
#[derive(Debug, Clone, Args)]
pub struct ManArgs {
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

static QUIET: AtomicBool = AtomicBool::new(false);
static VERBOSE: AtomicBool = AtomicBool::new(false);
/// 0 auto, 1 always, 2 never.
static COLOR: AtomicU8 = AtomicU8::new(0);

/// Records the global options for [`warn`], [`info`] and error reports.
pub fn set(g: &GlobalArgs) {
    QUIET.store(g.quiet, Ordering::Relaxed);
    VERBOSE.store(g.verbose, Ordering::Relaxed);
    COLOR.store(
        match g.color {
            ColorWhen::Auto => 0,
            ColorWhen::Always => 1,
            ColorWhen::Never => 2,
        },
        Ordering::Relaxed,
    );
}

/// Whether `-q` was given.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Whether `-v` was given.
pub fn verbose() -> bool {
    VERBOSE.load(Ordering::Relaxed)
}

/// The colour choice for a stream, from `--color` (auto honours NO_COLOR,
/// CLICOLOR_FORCE and whether the stream is a terminal).
pub fn color_choice(stream: &impl anstream::stream::RawStream) -> anstream::ColorChoice {
    match COLOR.load(Ordering::Relaxed) {
        1 => anstream::ColorChoice::Always,
        2 => anstream::ColorChoice::Never,
        _ => anstream::AutoStream::choice(stream),
    }
}

/// Standard error, coloured or not as `--color` says.
pub fn stderr() -> anstream::AutoStream<std::io::Stderr> {
    let raw = std::io::stderr();
    let choice = color_choice(&raw);
    anstream::AutoStream::new(raw, choice)
}

const ERROR: anstyle::Style = anstyle::AnsiColor::Red.on_default().bold();
const WARNING: anstyle::Style = anstyle::AnsiColor::Yellow.on_default().bold();
const HINT: anstyle::Style = anstyle::AnsiColor::Cyan.on_default().bold();

fn message(label: &str, style: anstyle::Style, msg: &str) {
    let msg = shown(msg);
    let mut err = stderr().lock();
    let _ = writeln!(err, "{style}{label}:{style:#} {msg}");
}

/// The longest value quoted in a message, in characters; a longer one is
/// cut to its first [`EXCERPT`] characters.
const MAX_QUOTED: usize = 60;
/// How much of a long quoted value a message shows.
const EXCERPT: usize = 40;
/// The longest line a message prints, in characters.
const MAX_LINE: usize = 400;

/// A message as it is printed: one short readable line whatever the input
/// held. A value quoted in backticks (a style name, a key, a bad value) can
/// be megabytes long, so only an excerpt of it is shown, with its size;
/// control characters become their pictures (an ESC in a file name cannot
/// drive the terminal) and a line still too long is cut in the middle.
fn shown(msg: &str) -> String {
    let msg = crate::render::escape::sanitize(msg);
    let parts: Vec<&str> = msg.split('`').collect();
    let mut out = String::with_capacity(msg.len().min(2 * MAX_LINE));
    for (j, part) in parts.iter().enumerate() {
        // Odd parts lie between backticks, when a closing one follows.
        let quoted = j % 2 == 1 && j + 1 < parts.len();
        if j % 2 == 1 {
            out.push('`');
        }
        if quoted && part.chars().count() > MAX_QUOTED {
            out.extend(part.chars().take(EXCERPT));
            out.push_str(&format!("…` ({} bytes)", part.len()));
        } else {
            out.push_str(part);
            if quoted {
                out.push('`');
            }
        }
    }
    if out.chars().count() <= MAX_LINE {
        return out;
    }
    let head: String = out.chars().take(MAX_LINE / 2).collect();
    let tail: Vec<char> = out.chars().rev().take(MAX_LINE / 2).collect();
    let tail: String = tail.into_iter().rev().collect();
    format!("{head} … {tail}")
}

/// Prints `error: MSG` and an optional `hint: …` on standard error.
pub fn error(msg: &str, hint: Option<&str>) {
    message("error", ERROR, msg);
    if let Some(h) = hint {
        message("hint", HINT, h);
    }
}

/// Prints `warning: MSG` on standard error unless `-q`.
pub fn warn(msg: &str) {
    if !quiet() {
        message("warning", WARNING, msg);
    }
}

/// Prints `brief: MSG` on standard error when `-v`.
pub fn info(msg: &str) {
    if verbose() {
        let _ = writeln!(std::io::stderr().lock(), "brief: {msg}");
    }
}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "brief", &mut out);
    out
}

/// The man page (roff), with the subcommands and exit codes.
pub fn man_page() -> Result<Vec<u8>, std::io::Error> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    man.render_subcommands_section(&mut out)?;
    // Each subcommand's options and examples, so `man brief` is complete.
    for sub in cmd.get_subcommands() {
        if sub.is_hide_set() {
            continue;
        }
        let mut sub = sub.clone().bin_name(format!("brief {}", sub.get_name()));
        sub.build();
        out.extend_from_slice(
            format!(".SH \"BRIEF {}\"\n", sub.get_name().to_uppercase()).as_bytes(),
        );
        let sub_man = clap_mangen::Man::new(sub.clone());
        let mut body = Vec::new();
        sub_man.render_synopsis_section(&mut body)?;
        sub_man.render_description_section(&mut body)?;
        sub_man.render_options_section(&mut body)?;
        sub_man.render_extra_section(&mut body)?;
        // Sections of the sub page become subsections here.
        let body = String::from_utf8_lossy(&body).replace(".SH ", ".SS ");
        out.extend_from_slice(body.as_bytes());
    }
    man.render_extra_section(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// Parses `--color` ahead of clap, so clap's own errors and help honour it.
pub fn color_from_args(args: &[std::ffi::OsString]) -> ColorWhen {
    let mut it = args.iter().map(|a| a.to_string_lossy());
    let mut when = ColorWhen::Auto;
    while let Some(a) = it.next() {
        let v = if let Some(v) = a.strip_prefix("--color=") {
            Some(v.to_string())
        } else if a == "--color" {
            it.next().map(|v| v.into_owned())
        } else {
            None
        };
        if let Some(w) = v.and_then(|v| ColorWhen::from_str(&v, true).ok()) {
            when = w;
        }
    }
    when
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn long_quoted_values_are_excerpts() {
        let long = "x".repeat(10_000);
        let msg =
            format!("s.toml:2:9: unknown value `{long}` in [summary]; valid values: `a`, `b`");
        let got = shown(&msg);
        assert_eq!(
            got,
            format!(
                "s.toml:2:9: unknown value `{}…` (10000 bytes) in [summary]; valid values: `a`, `b`",
                "x".repeat(40)
            )
        );
        assert_eq!(
            shown("plain `short` and `unclosed"),
            "plain `short` and `unclosed"
        );
    }

    #[test]
    fn messages_are_one_short_line_without_controls() {
        let got = shown(&format!("f\u{1b}]0;PWNED\u{7}: {}", "y ".repeat(100_000)));
        assert!(got.chars().count() <= super::MAX_LINE + 3, "{}", got.len());
        assert!(got.starts_with("f\u{241b}]0;PWNED\u{2407}: "), "{got}");
        assert!(!got.chars().any(char::is_control));
    }
}
