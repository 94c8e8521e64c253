//! The command line: argument parsing, dispatch to the stages, and error
//! reporting. `main` calls [`run`]; nothing below it exits the process.

pub mod args;
pub mod batch;
pub mod cite;
pub mod config;
pub mod depfile;
pub mod diff;
pub mod exit;
pub mod global;
pub mod output;
pub mod render;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::error::Error;
use args::{Cli, Command, OutlineArgs, OutlineFormat};

/// Parses the command line, runs the command and reports errors on stderr.
pub fn main() -> ExitCode {
    output::note_run_start();
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let color = match global::color_from_args(&argv) {
        args::ColorWhen::Always => clap::ColorChoice::Always,
        args::ColorWhen::Never => clap::ColorChoice::Never,
        args::ColorWhen::Auto => clap::ColorChoice::Auto,
    };
    let parsed = Cli::command()
        .color(color)
        .try_get_matches_from(argv)
        .and_then(|m| Cli::from_arg_matches(&m).map(|c| (c, m)));
    let (mut cli, matches) = match parsed {
        Ok(p) => p,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::TROUBLE
            } else {
                exit::SUCCESS
            };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    global::set(&cli.global);
    if let Command::Diff(d) = &mut cli.command {
        d.color = cli.global.color;
    }
    // Only the commands that read articles take defaults from a config, so
    // a broken brief.toml never stops `brief man` or `brief completions`.
    let configured = match cli.command {
        Command::Outline(_) | Command::Render(_) | Command::Cite(_) | Command::Diff(_) => {
            config::load_for(cli.global.config.as_deref())
                .inspect(|cfg| config::apply(&mut cli, &matches, cfg))
        }
        _ => Ok(config::Config::default()),
    };
    let result = configured
        .map_err(Error::from)
        .and_then(|cfg| run_with(&cli, cfg.path.as_deref()));
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => ExitCode::from(exit::SUCCESS),
        Err(e) => {
            report(&e);
            ExitCode::from(e.exit_code())
        }
    }
}

/// Reads an article and prints the reader's warnings (what a LaTeX
/// document held that brief passed over) on standard error.
pub fn read_article(
    origin: &crate::read::Origin,
    from: Option<crate::read::InputFormat>,
    max_size: u64,
) -> Result<crate::read::Document, Error> {
    let doc = crate::read::read(origin, from, max_size)?;
    warn_read(&doc);
    Ok(doc)
}

/// Prints a document's read warnings.
pub fn warn_read(doc: &crate::read::Document) {
    for w in &doc.warnings {
        global::warn(w);
    }
}

/// Prints `error: …` and an optional hint to standard error.
pub fn report(e: &Error) {
    global::error(&e.to_string(), e.hint().as_deref());
}

/// Runs a parsed command line with no config file; returns the exit code on
/// success.
pub fn run(cli: &Cli) -> Result<u8, Error> {
    run_with(cli, None)
}

/// Runs a parsed command line whose defaults came from the config file
/// `config` (listed in the depfile); returns the exit code on success.
pub fn run_with(cli: &Cli, config: Option<&Path>) -> Result<u8, Error> {
    let depfile = cli.global.depfile.as_deref();
    if depfile.is_some() && output_of(&cli.command).is_none() {
        return Err(Error::Usage {
            message: "--depfile needs an output file: Make rules need a target".into(),
            hint: Some("give -o FILE (or --out-dir DIR for a batch)".into()),
        });
    }
    // Each stage checks its output against the article; the style files,
    // bibliographies and config are inputs too.
    if let Some(out) = output_of(&cli.command) {
        let read: Vec<PathBuf> = inputs_of(&cli.command)
            .into_iter()
            .chain(config.map(Path::to_path_buf))
            .collect();
        let read: Vec<&Path> = read.iter().map(PathBuf::as_path).collect();
        output::check_not_input(out, &read)?;
        if let Some(dep) = depfile {
            output::check_not_input(dep, &read)?;
            output::check_depfile_not_output(dep, out)?;
        }
    }
    if let Command::Render(a) = &cli.command {
        if a.input == "-" && a.bib.iter().any(|b| b.as_os_str() == "-") {
            return Err(Error::Usage {
                message: "the article and a bibliography cannot both be standard input".into(),
                hint: Some("save one of them to a file first".into()),
            });
        }
    }
    let (code, rules) = match &cli.command {
        Command::Outline(a) if a.out_dir.is_some() || !a.more.is_empty() => outline_batch(a)?,
        Command::Outline(a) => {
            let (code, read) = outline(a)?;
            (code, with_deps(single_rule(&cli.command), read))
        }
        Command::Render(a) if a.out_dir.is_some() || !a.more.is_empty() => render_batch(a)?,
        Command::Render(a) => {
            let (code, read) = render::run_reading(a)?;
            (code, with_deps(single_rule(&cli.command), read))
        }
        Command::Cite(a) => {
            if a.bib.is_empty() {
                return Err(Error::Usage {
                    message: "`brief cite` needs a bibliography".into(),
                    hint: Some(format!(
                        "give --bib FILE, or set `bibliography = [\"refs.bib\"]` in {}",
                        config::FILE_NAME
                    )),
                });
            }
            (cite::run(a)?, single_rule(&cli.command))
        }
        Command::Diff(a) => {
            let (code, read) = diff::run_reading(a)?;
            (code, with_deps(single_rule(&cli.command), read))
        }
        Command::Styles(a) => (styles(a)?, Vec::new()),
        Command::Completions(a) => {
            let target = output::Target::from_option(a.output.as_deref());
            output::write(&target, &global::completions(a.shell), &[])?;
            (exit::SUCCESS, Vec::new())
        }
        Command::Man(a) => {
            let page = global::man_page().map_err(|e| output::OutputError::Io {
                file: "<man>".into(),
                source: e,
            })?;
            let target = output::Target::from_option(a.output.as_deref());
            output::write(&target, &page, &[])?;
            (exit::SUCCESS, Vec::new())
        }
    };
    if let Some(dep) = depfile {
        let rules: Vec<depfile::Rule> = rules
            .into_iter()
            .map(|r| {
                depfile::Rule::new(
                    r.target,
                    r.deps.into_iter().chain(config.map(Path::to_path_buf)),
                )
            })
            .collect();
        let inputs: Vec<&Path> = rules
            .iter()
            .flat_map(|r| r.deps.iter().map(PathBuf::as_path))
            .collect();
        // A batch's outputs are known only now; none may be the depfile.
        for r in &rules {
            output::check_depfile_not_output(dep, &r.target)?;
        }
        output::write(
            &output::Target::File(dep.to_path_buf()),
            depfile::render(&rules).as_bytes(),
            &inputs,
        )?;
    }
    Ok(code)
}

/// The `-o` file (or `--out-dir`) of a command, if it writes one.
fn output_of(c: &Command) -> Option<&Path> {
    let o = match c {
        Command::Outline(a) => a.out_dir.as_deref().or(a.output.as_deref()),
        Command::Render(a) => a.out_dir.as_deref().or(a.output.as_deref()),
        Command::Cite(a) => a.output.as_deref(),
        Command::Diff(a) => a.output.as_deref(),
        _ => None,
    };
    o.filter(|p| p.as_os_str() != "-")
}

/// The files a single (non-batch) command read, besides the config.
fn inputs_of(c: &Command) -> Vec<PathBuf> {
    let file = |s: &str| (s != "-").then(|| PathBuf::from(s));
    match c {
        Command::Outline(a) => file(&a.input).into_iter().collect(),
        Command::Render(a) => file(&a.input)
            .into_iter()
            .chain(
                a.style
                    .as_deref()
                    .map(depfile::style_files)
                    .unwrap_or_default(),
            )
            .chain(a.bib.iter().filter(|b| b.as_os_str() != "-").cloned())
            .collect(),
        Command::Cite(a) => depfile::style_files(&a.style)
            .into_iter()
            .chain(a.bib.iter().filter(|b| b.as_os_str() != "-").cloned())
            .collect(),
        Command::Diff(a) => file(&a.old).into_iter().chain(file(&a.new)).collect(),
        _ => Vec::new(),
    }
}

/// Adds the files an article was read from besides itself (`\\input`
/// files, a bibliography it names) to its rule.
fn with_deps(rules: Vec<depfile::Rule>, read: Vec<PathBuf>) -> Vec<depfile::Rule> {
    rules
        .into_iter()
        .map(|r| depfile::Rule::new(r.target, r.deps.into_iter().chain(read.iter().cloned())))
        .collect()
}

fn single_rule(c: &Command) -> Vec<depfile::Rule> {
    output_of(c)
        .map(|o| depfile::Rule::new(o.to_path_buf(), inputs_of(c)))
        .into_iter()
        .collect()
}

fn render_batch(a: &args::RenderArgs) -> Result<(u8, Vec<depfile::Rule>), Error> {
    let Some(dir) = a.out_dir.as_deref() else {
        return Err(Error::Usage {
            message: "several inputs need --out-dir DIR".into(),
            hint: Some("give --out-dir DIR to write one brief per input there".into()),
        });
    };
    let format = a.to.unwrap_or(crate::render::Format::Markdown);
    let inputs: Vec<String> = std::iter::once(a.input.clone())
        .chain(a.more.iter().cloned())
        .collect();
    let jobs = batch::plan(&inputs, dir, format.extension())?;
    // The style and bibliographies are the same for every input: load them
    // once so a bad style is one error, not one per input.
    crate::style::Style::load(a.style.as_deref().unwrap_or(render::DEFAULT_STYLE))?;
    crate::cite::load_bibliographies(&a.bib)?;
    let (code, done) = batch::run(dir, jobs, |job| {
        let mut one = a.clone();
        one.input.clone_from(&job.input);
        one.more.clear();
        one.out_dir = None;
        one.output = Some(job.output.clone());
        one.to = Some(format);
        render::run_reading(&one).map(|(_, read)| read)
    })?;
    let common: Vec<PathBuf> = a
        .style
        .as_deref()
        .map(depfile::style_files)
        .unwrap_or_default()
        .into_iter()
        .chain(a.bib.iter().filter(|b| b.as_os_str() != "-").cloned())
        .collect();
    let rules = done
        .into_iter()
        .map(|(j, read)| {
            depfile::Rule::new(
                j.output,
                std::iter::once(PathBuf::from(j.input))
                    .chain(common.iter().cloned())
                    .chain(read),
            )
        })
        .collect();
    Ok((code, rules))
}

fn outline_batch(a: &OutlineArgs) -> Result<(u8, Vec<depfile::Rule>), Error> {
    let Some(dir) = a.out_dir.as_deref() else {
        return Err(Error::Usage {
            message: "several inputs need --out-dir DIR".into(),
            hint: Some("give --out-dir DIR to write one outline per input there".into()),
        });
    };
    let suffix = match a.format {
        OutlineFormat::Json => "outline.json",
        OutlineFormat::Toml => "outline.toml",
        OutlineFormat::Markdown => "outline.md",
        OutlineFormat::Conllu => "outline.conllu",
    };
    let inputs: Vec<String> = std::iter::once(a.input.clone())
        .chain(a.more.iter().cloned())
        .collect();
    let jobs = batch::plan(&inputs, dir, suffix)?;
    let (code, done) = batch::run(dir, jobs, |job| {
        let mut one = a.clone();
        one.input.clone_from(&job.input);
        one.more.clear();
        one.out_dir = None;
        one.output = Some(job.output.clone());
        outline(&one).map(|(_, read)| read)
    })?;
    let rules = done
        .into_iter()
        .map(|(j, read)| {
            depfile::Rule::new(
                j.output,
                std::iter::once(PathBuf::from(j.input)).chain(read),
            )
        })
        .collect();
    Ok((code, rules))
}

/// Runs `brief outline` on one input; returns the exit code and the files
/// read besides the input.
fn outline(a: &OutlineArgs) -> Result<(u8, Vec<PathBuf>), Error> {
    let origin = crate::read::Origin::from_arg(&a.input);
    let doc = read_article(&origin, a.from, a.max_input_size)?;
    let outline = crate::outline::build(&doc);
    let target = output::Target::from_option(a.output.as_deref());
    let inputs: Vec<&std::path::Path> = origin
        .path()
        .into_iter()
        .chain(doc.includes.iter().map(PathBuf::as_path))
        .collect();
    match a.format {
        OutlineFormat::Json => output::write_with(&target, &inputs, |w| {
            crate::render::outline::write_json(&outline, w)
        })?,
        OutlineFormat::Toml => {
            let text = crate::render::outline::to_toml(&outline);
            output::write(&target, text.as_bytes(), &inputs)?;
        }
        OutlineFormat::Markdown => {
            let text = crate::render::outline::to_markdown(&outline);
            output::write(&target, text.as_bytes(), &inputs)?;
        }
        OutlineFormat::Conllu => {
            let text = crate::grammar::conllu::outline(&outline)?;
            output::write(&target, text.as_bytes(), &inputs)?;
        }
    }
    let read = doc.includes.clone();
    crate::alloc::dispose((doc, outline));
    Ok((exit::SUCCESS, read))
}

fn styles(a: &args::StylesArgs) -> Result<u8, Error> {
    let text = match &a.action {
        Some(args::StylesAction::Show { name }) => match crate::style::builtin(name) {
            Some(b) => b.toml.to_string(),
            None => {
                return Err(crate::style::StyleError::UnknownStyle {
                    name: name.clone(),
                    valid: crate::style::BUILTIN
                        .iter()
                        .map(|b| b.name.to_string())
                        .collect(),
                }
                .into())
            }
        },
        None if a.csl => crate::style::csl_style_names().join("\n") + "\n",
        None => crate::style::list(),
    };
    output::write_stdout(text.as_bytes())?;
    Ok(exit::SUCCESS)
}
