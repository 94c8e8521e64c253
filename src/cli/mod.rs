//! The command line: argument parsing, dispatch to the stages, and error
//! reporting. `main` calls [`run`]; nothing below it exits the process.

pub mod args;
pub mod cite;
pub mod diff;
pub mod exit;
pub mod output;
pub mod render;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::error::Error;
use args::{Cli, Command, OutlineArgs, OutlineFormat};

/// Parses the command line, runs the command and reports errors on stderr.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
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
    match run(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if e.is_broken_pipe() => ExitCode::from(exit::SUCCESS),
        Err(e) => {
            report(&e);
            ExitCode::from(e.exit_code())
        }
    }
}

/// Prints `error: …` and an optional hint to standard error.
pub fn report(e: &Error) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "error: {e}");
    if let Some(hint) = e.hint() {
        let _ = writeln!(err, "hint: {hint}");
    }
}

/// Runs a parsed command line; returns the exit code on success.
pub fn run(cli: &Cli) -> Result<u8, Error> {
    match &cli.command {
        Command::Outline(a) => outline(a),
        Command::Render(a) => render::run(a),
        Command::Cite(a) => cite::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Styles(a) => styles(a),
    }
}

fn outline(a: &OutlineArgs) -> Result<u8, Error> {
    let origin = crate::read::Origin::from_arg(&a.input);
    let doc = crate::read::read(&origin, a.from, a.max_input_size)?;
    let outline = crate::outline::build(&doc);
    let text = match a.format {
        OutlineFormat::Json => crate::render::outline::to_json(&outline),
        OutlineFormat::Toml => crate::render::outline::to_toml(&outline),
        OutlineFormat::Markdown => crate::render::outline::to_markdown(&outline),
    };
    let target = output::Target::from_option(a.output.as_deref());
    let inputs: Vec<&std::path::Path> = origin.path().into_iter().collect();
    output::write(&target, text.as_bytes(), &inputs)?;
    Ok(exit::SUCCESS)
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
