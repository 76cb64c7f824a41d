//! `mtlint check`.

use std::fs::File;
use std::io::{BufWriter, Write};

use rayon::prelude::*;

use mtlint::checks::CheckSettings;
use mtlint::engine::Engine;
use mtlint::input::{JsonlFields, read_inputs};
use mtlint::linter::Linter;
use mtlint::report::{HumanOptions, Report, RuleInfo, render};
use mtlint::rules::{RuleOptions, RuleSet};
use mtlint::score::{Gate, Weights};
use mtlint::vocabulary::Vocabulary;

use super::{EXIT_ERROR, EXIT_FAILED, EXIT_OK, print_diagnostics, print_error};
use crate::cli::CheckArgs;

/// Runs `mtlint check`.
pub fn run(args: &CheckArgs) -> u8 {
    let options = RuleOptions {
        dirs: args.rules.clone(),
        source_lang: args.source_lang.clone(),
        settings: CheckSettings {
            dialect: args.dialect.unwrap_or_default(),
            strict_dialect: args.dialect.is_some(),
        },
    };
    let vocabulary = match Vocabulary::from_files(&args.vocab) {
        Ok(vocabulary) => vocabulary,
        Err(message) => {
            print_error(&message);
            return EXIT_ERROR;
        }
    };
    let rules = match RuleSet::load(&options) {
        Ok(rules) => rules,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return EXIT_ERROR;
        }
    };
    let linter = Linter {
        engine: Engine::new(rules),
        vocabulary,
        weights: Weights::default(),
        gate: Gate {
            min_score: args.min_score,
            fail_on: args.fail_on.severity(),
        },
    };
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    let fields = JsonlFields {
        text: args.text_field.clone(),
        id: args.id_field.clone(),
    };
    let inputs = read_inputs(&paths, args.input_format, &fields);
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
