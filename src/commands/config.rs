//! `mtlint config`.

use std::io::Write;

use mtlint::config::CommandLine;

use super::check::load_config;
use super::{EXIT_OK, exit_code};
use crate::cli::ConfigArgs;

/// Prints the effective configuration and where each value comes from.
pub fn run(args: &ConfigArgs) -> u8 {
    exit_code(
        load_config(args.file.as_deref(), &CommandLine::default()).map(|config| {
            let _ = write!(anstream::stdout().lock(), "{}", config.describe());
            EXIT_OK
        }),
    )
}
