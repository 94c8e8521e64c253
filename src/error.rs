//! The top-level error type: one variant per stage, each with its own typed
//! error, and the exit code each maps to (defined in [`crate::cli::exit`]).

use thiserror::Error;

use crate::cli::exit;

/// Any error brief reports.
#[derive(Debug, Error)]
pub enum Error {
    /// Reading an article failed.
    #[error(transparent)]
    Read(#[from] crate::read::ReadError),
    /// Loading a style failed.
    #[error(transparent)]
    Style(#[from] crate::style::StyleError),
    /// Reading a bibliography or formatting citations failed.
    #[error(transparent)]
    Cite(#[from] crate::cite::CiteError),
    /// Comparing two versions failed.
    #[error(transparent)]
    Diff(#[from] crate::diff::DiffError),
    /// The config file (`brief.toml`) is unreadable or invalid.
    #[error(transparent)]
    Config(#[from] crate::cli::config::ConfigError),
    /// Writing an output failed or was refused.
    #[error(transparent)]
    Output(#[from] crate::cli::output::OutputError),
    /// The grammar stage cannot run.
    #[error(transparent)]
    Grammar(#[from] crate::grammar::GrammarError),
    /// Rendering a brief failed.
    #[error(transparent)]
    Render(#[from] crate::render::RenderError),
    /// The command line asks for something that cannot be done.
    #[error("{message}")]
    Usage {
        /// What is wrong.
        message: String,
        /// A hint on what to do instead.
        hint: Option<String>,
    },
    /// A subcommand that this version of brief does not provide yet.
    #[error("`brief {0}` is not available in this version yet")]
    NotYet(&'static str),
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Read(_)
            | Error::Output(_)
            | Error::Render(_)
            | Error::Grammar(_)
            | Error::Usage { .. }
            | Error::NotYet(_) => exit::TROUBLE,
            Error::Style(_) | Error::Cite(_) => exit::TROUBLE,
            Error::Diff(_) | Error::Config(_) => exit::TROUBLE,
        }
    }

    /// A hint to print after the error, if there is one.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Usage { hint, .. } => hint.clone(),
            Error::Style(e) => e.hint(),
            Error::Cite(e) => e.hint(),
            Error::Config(e) => e.hint(),
            Error::Read(crate::read::ReadError::Binary { .. }) => {
                Some("brief reads Markdown, LaTeX and plain-text articles".into())
            }
            Error::Read(crate::read::ReadError::InvalidUtf8 { .. }) => Some(
                "convert the file to UTF-8 first, for example with `iconv -f latin1 -t utf-8`"
                    .into(),
            ),
            Error::Read(crate::read::ReadError::TooLarge { .. }) => {
                Some("raise the limit with --max-input-size".into())
            }
            Error::Diff(crate::diff::DiffError::BothStdin) => {
                Some("save one version to a file first".into())
            }
            Error::Output(crate::cli::output::OutputError::WouldOverwriteInput { .. }) => {
                Some("choose another output file with -o".into())
            }
            Error::Output(crate::cli::output::OutputError::DepfileIsOutput { .. }) => {
                Some("name the depfile after the output, for example --depfile OUTPUT.d".into())
            }
            _ => None,
        }
    }

    /// Whether the error is a closed standard output (a broken pipe), which
    /// ends the program quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(
            self,
            Error::Output(crate::cli::output::OutputError::BrokenPipe)
        )
    }
}
