//! `mtlint check`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use rayon::prelude::*;

use mtlint::baseline::{self, Baseline};
use mtlint::checks::CheckSettings;
use mtlint::config::{self, CommandLine, Config};
use mtlint::engine::Engine;
use mtlint::input::{JsonlFields, STDIN_NAME, Source, read_inputs};
use mtlint::linter::Linter;
use mtlint::report::{DocumentReport, HumanOptions, Report, RuleInfo, render};
use mtlint::rules::{RuleOptions, RuleSet};
use mtlint::vocabulary::Vocabulary;
use mtlint::{atomic, fix};

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
    let baseline = match &args.baseline {
        Some(path) => match Baseline::read(path) {
            Ok(baseline) => baseline,
            Err(message) => {
                print_error(&message);
                return EXIT_ERROR;
            }
        },
        None => Baseline::default(),
    };
    let linter = Linter {
        engine: Engine::new(rules),
        vocabulary,
        weights: config.weights.value.clone(),
        gate: config.gate(),
        baseline,
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
    let fixing = args.fix || args.diff;
    if args.fix && inputs.sources.iter().any(|s| s.name == STDIN_NAME) {
        print_error("--fix rewrites files and cannot rewrite standard input: use --diff");
        return EXIT_ERROR;
    }
    let results: Vec<Checked> = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool.install(|| {
            inputs
                .sources
                .into_par_iter()
                .map(|source| check_one(&linter, source, fixing, args.unsafe_fixes))
                .collect()
        }),
        Err(e) => {
            print_error(&format!("cannot start the worker threads: {e}"));
            return EXIT_ERROR;
        }
    };
    if args.diff {
        return print_diffs(&results, !inputs.errors.is_empty());
    }
    let mut run_failed = !inputs.errors.is_empty();
    if args.fix {
        run_failed |= !write_fixes(&results);
    }
    let documents: Vec<_> = results.into_iter().map(|r| r.report).collect();
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
    if let Some(path) = &args.write_baseline {
        let entries = baseline::entries_of(&report.documents);
        if let Err(e) = baseline::write(path, &entries) {
            print_error(&format!(
                "{}: cannot write the baseline: {e}",
                path.display()
            ));
            return EXIT_ERROR;
        }
        eprintln!(
            "mtlint: wrote {} accepted finding(s) to {}",
            entries.len(),
            path.display()
        );
        return if run_failed { EXIT_ERROR } else { EXIT_OK };
    }
    if run_failed {
        EXIT_ERROR
    } else if !args.no_fail && report.documents.iter().any(|d| !d.pass) {
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}

/// One checked document, and what fixing changed.
struct Checked {
    report: DocumentReport,
    /// The original text and the fixed one, when fixing changed the document.
    change: Option<(String, String)>,
    /// Fixes applied.
    applied: usize,
}

/// Checks one document, fixing it first when asked and when it is a whole file (or standard
/// input, for --diff) whose text was read without loss.
fn check_one(linter: &Linter, source: Source, fixing: bool, unsafe_fixes: bool) -> Checked {
    let fixable = fixing && source.id.is_none() && source.warnings.is_empty();
    if !fixable {
        return Checked {
            report: linter.lint(source),
            change: None,
            applied: 0,
        };
    }
    let original = source.text.clone();
    let fixed = fix::fix(linter, source, unsafe_fixes);
    Checked {
        report: fixed.report,
        change: fixed.text.map(|text| (original, text)),
        applied: fixed.applied,
    }
}

/// Prints the fixes as unified diffs; exit 1 if there is any, 2 if the run failed.
fn print_diffs(results: &[Checked], run_failed: bool) -> u8 {
    let mut out = anstream::stdout().lock();
    let mut files = 0;
    let mut applied = 0;
    for result in results {
        let Some((old, new)) = &result.change else {
            continue;
        };
        let name = &result.report.source;
        let diff = similar::TextDiff::from_lines(old, new);
        let text = diff
            .unified_diff()
            .context_radius(2)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string();
        if write!(out, "{text}").is_err() {
            return EXIT_ERROR;
        }
        files += 1;
        applied += result.applied;
    }
    eprintln!("mtlint: {applied} fix(es) would change {files} file(s)");
    if run_failed {
        EXIT_ERROR
    } else if files > 0 {
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}

/// Writes the fixed files atomically; false if one could not be written. Symbolic links are
/// not rewritten (the fix would land outside the paths given).
fn write_fixes(results: &[Checked]) -> bool {
    let mut ok = true;
    let mut files = 0;
    let mut applied = 0;
    for result in results {
        let Some((_, new)) = &result.change else {
            continue;
        };
        let path = Path::new(&result.report.source);
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link {
            print_error(&format!(
                "{}: not fixed: a symbolic link (fix the file it points to)",
                path.display()
            ));
            ok = false;
            continue;
        }
        match atomic::write(path, new.as_bytes()) {
            Ok(()) => {
                files += 1;
                applied += result.applied;
            }
            Err(e) => {
                print_error(&format!("{}: cannot write the fixes: {e}", path.display()));
                ok = false;
            }
        }
    }
    eprintln!("mtlint: applied {applied} fix(es) to {files} file(s)");
    ok
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
