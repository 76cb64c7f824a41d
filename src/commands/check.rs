//! `mtlint check`.

use std::fs::File;
use std::io::{BufWriter, Write};

use rayon::prelude::*;

use mtlint::checks::CheckSettings;
use mtlint::config::{self, CommandLine, Config};
use mtlint::engine::Engine;
use mtlint::input::{JsonlFields, read_inputs};
use mtlint::linter::Linter;
use mtlint::report::{HumanOptions, Report, RuleInfo, render};
use mtlint::rules::{RuleOptions, RuleSet};
use mtlint::vocabulary::Vocabulary;

use super::{EXIT_ERROR, EXIT_FAILED, EXIT_OK, print_diagnostics, print_error};
use crate::cli::CheckArgs;

/// The command line's part of the configuration.
pub fn command_line(args: &CheckArgs) -> CommandLine {
    CommandLine {
        rules_dirs: args.rules.clone(),
        vocab: args.vocab.clone(),
        source_lang: args.source_lang.clone(),
        dialect: args.dialect,
        exclude: args.exclude.clone(),
        min_score: args.min_score,
        fail_on: args.fail_on,
    }
}

/// Loads the configuration, or prints why it cannot be loaded.
pub fn load_config(file: Option<&std::path::Path>, cli: &CommandLine) -> Option<Config> {
    let start = std::env::current_dir().unwrap_or_default();
    match config::load(file, &start, cli) {
        Ok(config) => Some(config),
        Err(diagnostic) => {
            print_diagnostics(&mtlint::rules::Diagnostics(vec![diagnostic]));
            None
        }
    }
}

/// Runs `mtlint check`.
pub fn run(args: &CheckArgs) -> u8 {
    let Some(config) = load_config(args.config.file.as_deref(), &command_line(args)) else {
        return EXIT_ERROR;
    };
    let options = RuleOptions {
        dirs: config.rules_dirs.value.clone(),
        source_lang: config.source_lang.value.clone(),
        settings: CheckSettings {
            dialect: config.dialect.value.unwrap_or_default(),
            strict_dialect: config.dialect.value.is_some(),
        },
    };
    let vocabulary = match Vocabulary::from_files(&config.vocab.value) {
        Ok(vocabulary) => vocabulary,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    let mut rules = match RuleSet::load(&options) {
        Ok(rules) => rules,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return EXIT_ERROR;
        }
    };
    if let Err(diagnostic) = config.apply_rules(&mut rules) {
        print_diagnostics(&mtlint::rules::Diagnostics(vec![diagnostic]));
        return EXIT_ERROR;
    }
    let linter = Linter {
        engine: Engine::new(rules),
        vocabulary,
        weights: config.weights.value.clone(),
        gate: config.gate(),
    };
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    let fields = JsonlFields {
        text: args.text_field.clone(),
        id: args.id_field.clone(),
        format: args.format_field.clone(),
    };
    let inputs = read_inputs(&paths, args.input_format, &fields, &config.exclude.value);
    let documents = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool.install(|| {
            inputs
                .sources
                .into_par_iter()
                .map(|source| linter.lint(source))
                .collect()
        }),
        Err(e) => {
            print_error(&format!("cannot start the worker threads: {e}"));
            return EXIT_ERROR;
        }
    };
    let rules = linter
        .engine
        .rules()
        .rules()
        .iter()
        .map(|rule| RuleInfo {
            id: rule.id.clone(),
            message: rule.message.clone(),
            explain: rule.explain.clone(),
            category: rule.category,
            severity: rule.severity,
        })
        .collect();
    let report = Report {
        documents,
        errors: inputs.errors,
        rules,
    };
    for error in &report.errors {
        match error.line {
            Some(line) => print_error(&format!("{}:{line}: {}", error.source, error.message)),
            None => print_error(&format!("{}: {}", error.source, error.message)),
        }
    }
    match write_report(args, &report) {
        // A closed pipe (`mtlint check … | head`) is the reader's choice, not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => {
            print_error(&format!("cannot write the report: {e}"));
            return EXIT_ERROR;
        }
        Ok(()) => {}
    }
    if !report.errors.is_empty() {
        EXIT_ERROR
    } else if !args.no_fail && report.documents.iter().any(|d| !d.pass) {
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}

fn write_report(args: &CheckArgs, report: &Report) -> std::io::Result<()> {
    match &args.output {
        Some(path) => {
            let mut out = BufWriter::new(File::create(path)?);
            render(
                report,
                args.format,
                &HumanOptions { color: false },
                &mut out,
            )?;
            out.flush()
        }
        None => {
            let mut out = anstream::stdout().lock();
            render(report, args.format, &HumanOptions { color: true }, &mut out)?;
            out.flush()
        }
    }
}
