//! One module per subcommand; each returns the process exit code.

pub mod align;
pub mod check;
pub mod config;
mod fixing;
pub mod lsp;
mod pipeline;
mod progress;
pub mod rules;
mod statistics;

use std::io::Write;

use annotate_snippets::Renderer;
use mtlint::diagnostic::{Diagnostic, Diagnostics};

/// The run completed and every document passed.
pub const EXIT_OK: u8 = 0;
/// A document failed the gate (or a rule test failed).
pub const EXIT_FAILED: u8 = 1;
/// The run itself failed: bad arguments, configuration, rule file or unreadable input.
pub const EXIT_ERROR: u8 = 2;

/// Runs `command` and returns the process exit code.
pub fn run(command: crate::cli::Command) -> u8 {
    use crate::cli::Command;
    match command {
        Command::Check(args) => check::run(&args),
        Command::Config(args) => config::run(&args),
        Command::Rules(command) => rules::run(&command),
        Command::Align(args) => align::run(&args),
        Command::Lsp => lsp::run(),
    }
}

/// Prints rule-loading diagnostics on stderr, in colour where stderr allows it.
pub fn print_diagnostics(diagnostics: &Diagnostics) {
    let renderer = Renderer::styled();
    let mut err = anstream::stderr();
    for d in &diagnostics.0 {
        let _ = writeln!(err, "{}\n", d.render(&renderer));
    }
}

/// Prints a one-line error on stderr.
pub fn print_error(message: &str) {
    let _ = writeln!(anstream::stderr(), "error: {message}");
}

/// Why a command could not run: a file's mistakes drawn at their places, or one message.
#[derive(Debug)]
pub enum CommandError {
    /// Mistakes in rule or configuration files.
    Diagnostics(Diagnostics),
    /// Anything else, as one line.
    Message(String),
}

impl From<Diagnostics> for CommandError {
    fn from(diagnostics: Diagnostics) -> Self {
        CommandError::Diagnostics(diagnostics)
    }
}

impl From<Diagnostic> for CommandError {
    fn from(diagnostic: Diagnostic) -> Self {
        CommandError::Diagnostics(Diagnostics(vec![diagnostic]))
    }
}

impl From<mtlint::error::FileError> for CommandError {
    fn from(error: mtlint::error::FileError) -> Self {
        CommandError::Message(error.to_string())
    }
}

impl From<mtlint::error::UnknownRule> for CommandError {
    fn from(error: mtlint::error::UnknownRule) -> Self {
        CommandError::Message(error.to_string())
    }
}

impl From<mtlint::linter::LoadError> for CommandError {
    fn from(error: mtlint::linter::LoadError) -> Self {
        use mtlint::linter::LoadError;
        match error {
            LoadError::Config(diagnostic) => diagnostic.into(),
            LoadError::Rules(diagnostics) => diagnostics.into(),
            LoadError::UnknownRule(error) => error.into(),
            LoadError::File(error) => error.into(),
        }
    }
}

impl From<String> for CommandError {
    fn from(message: String) -> Self {
        CommandError::Message(message)
    }
}

/// The exit code of a command's outcome: its own code, or the error printed on stderr and
/// [`EXIT_ERROR`]. The one place a command's failure to run is reported.
pub fn exit_code(outcome: Result<u8, CommandError>) -> u8 {
    match outcome {
        Ok(code) => code,
        Err(CommandError::Diagnostics(diagnostics)) => {
            print_diagnostics(&diagnostics);
            EXIT_ERROR
        }
        Err(CommandError::Message(message)) => {
            print_error(&message);
            EXIT_ERROR
        }
    }
}
