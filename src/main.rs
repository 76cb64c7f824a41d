//! The `mtlint` binary: parse the command line, call the library, map the outcome to an exit
//! code (0 every document passed, 1 a document failed the gate, 2 the run itself failed).

// No panics by construction: user input never meets an unwrap or an unchecked index.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

mod allocator;
mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

use cli::Cli;

fn main() -> ExitCode {
    allocator::tune();
    let cli = Cli::parse();
    let code = commands::run(cli.command);
    ExitCode::from(code)
}
