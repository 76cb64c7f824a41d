//! One module per subcommand; each returns the process exit code.

pub mod check;
pub mod config;
mod fixing;
mod pipeline;
mod progress;
pub mod rules;
mod statistics;

use std::io::Write;

use annotate_snippets::Renderer;
use mtlint::rules::Diagnostics;

/// The run completed and every document passed.
pub const EXIT_OK: u8 = 0;
/// A document failed the gate (or a rule test failed).
pub const EXIT_FAILED: u8 = 1;
/// The run itself failed: bad arguments, configuration, rule file or unreadable input.
pub const EXIT_ERROR: u8 = 2;

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
