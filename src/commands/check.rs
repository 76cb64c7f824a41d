//! `mtlint check`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::mem::ManuallyDrop;
use std::sync::OnceLock;
use std::sync::mpsc::Receiver;

use mtlint::baseline::{self, Baseline};
use mtlint::checks::CheckSettings;
use mtlint::config::{self, CommandLine, Config};
use mtlint::engine::Engine;
use mtlint::input::{InputError, InputStream, JsonlFields};
use mtlint::linter::Linter;
use mtlint::report::{Emitter, Format, HumanOptions, RuleInfo};
use mtlint::rules::{RuleOptions, RuleSet};
use mtlint::vocabulary::Vocabulary;

use super::fixing::FixTally;
use super::pipeline::{self, Checking, Event};
use super::progress::Progress;
use super::statistics::Statistics;
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
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            print_error(&format!("cannot start the worker threads: {e}"));
            return EXIT_ERROR;
        }
    };
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
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    if args.fix && paths.iter().any(|p| p.as_os_str() == "-") {
        print_error("--fix rewrites files and cannot rewrite standard input: use --diff");
        return EXIT_ERROR;
    }
    let fields = JsonlFields {
        text: args.text_field.clone(),
        id: args.id_field.clone(),
        format: args.format_field.clone(),
    };
    // The rules are left to the end of the process rather than dropped: freeing their tables
    // piece by piece would delay the exit by milliseconds.
    let slot = ManuallyDrop::new(OnceLock::new());
    // The rules load on one thread while the folders are walked and the first documents read
    // and built on the others.
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let _unblock = SetOnDrop(&slot);
            let loaded = load_linter(&options, &config, &pool).map(|engine| Linter {
                engine,
                vocabulary,
                weights: config.weights.value.clone(),
                gate: config.gate(),
                baseline,
            });
            let _ = slot.set(loaded);
        });
        let inputs = InputStream::new(&paths, args.input_format, &fields, &config.exclude.value);
        // Sizing the inputs reads every file's metadata: only for a bar that may show.
        let total_bytes = if Progress::wanted() {
            inputs.total_bytes()
        } else {
            0
        };
        let checking = Checking {
            linter: &slot,
            pool: &pool,
            fixing: args.fix || args.diff,
            unsafe_fixes: args.unsafe_fixes,
        };
        let events = pipeline::start(scope, checking, inputs);
        let Some(linter) = slot.wait() else {
            return EXIT_ERROR;
        };
        let outcome = match open_output(args) {
            Ok(mut out) => run_batches(args, linter, events, total_bytes, &mut *out),
            Err(e) => Err(e),
        };
        match outcome {
            Ok(outcome) => outcome.exit_code(args),
            // A closed pipe (`mtlint check … | head`) is the reader's choice, not a failure.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
            Err(e) => {
                print_error(&format!("cannot write the report: {e}"));
                EXIT_ERROR
            }
        }
    })
}

/// Compiles the rules of the run on `pool` and applies the configuration's rule settings, or
/// prints why they cannot be loaded.
fn load_linter(options: &RuleOptions, config: &Config, pool: &rayon::ThreadPool) -> Option<Engine> {
    let mut rules = match pool.install(|| RuleSet::load(options)) {
        Ok(rules) => rules,
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            return None;
        }
    };
    if let Err(diagnostic) = config.apply_rules(&mut rules) {
        print_diagnostics(&mtlint::rules::Diagnostics(vec![diagnostic]));
        return None;
    }
    Some(Engine::new(rules))
}

/// Sets the run's linter to "could not be loaded" when the loading thread ends without setting
/// it (a panic), so that no thread waits for it forever.
struct SetOnDrop<'a>(&'a OnceLock<Option<Linter>>);

impl Drop for SetOnDrop<'_> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// What a run found, for its exit code.
struct Outcome {
    failed_documents: usize,
    run_failed: bool,
    diffs: usize,
}

impl Outcome {
    fn exit_code(&self, args: &CheckArgs) -> u8 {
        if self.run_failed {
            EXIT_ERROR
        } else if args.diff {
            if self.diffs > 0 { EXIT_FAILED } else { EXIT_OK }
        } else if args.write_baseline.is_some() || args.no_fail || self.failed_documents == 0 {
            EXIT_OK
        } else {
            EXIT_FAILED
        }
    }
}

/// Where the report goes: the file of `-o`, else standard output (through anstream, which
/// strips colours where they do not belong, for the human format only).
fn open_output(args: &CheckArgs) -> std::io::Result<Box<dyn Write>> {
    Ok(match &args.output {
        Some(path) => Box::new(BufWriter::new(File::create(path)?)),
        None if args.format == Format::Human => Box::new(BufWriter::new(anstream::stdout().lock())),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}

/// Reads, checks and reports the documents batch by batch, in input order: the report of one
/// batch is written while the next is checked.
fn run_batches(
    args: &CheckArgs,
    linter: &Linter,
    events: Receiver<Vec<Event>>,
    total_bytes: u64,
    out: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let color = args.output.is_none();
    let mut emitter = (!args.diff).then(|| {
        Emitter::new(
            args.format,
            HumanOptions { color },
            rule_infos(linter),
            &mut *out,
        )
    });
    let mut progress = Progress::new(total_bytes);
    let mut errors = Vec::new();
    let mut tally = FixTally::default();
    let mut statistics = Statistics::default();
    let mut accepted = Vec::new();
    let mut failed_documents = 0;
    let mut diffs = Vec::new();
    let mut consume = |event| -> std::io::Result<()> {
        let checked = match event {
            Event::Checked(checked) => checked,
            Event::Unreadable(error) => {
                print_input_error(&error);
                errors.push(error);
                return Ok(());
            }
            Event::Skipped { source, reason } => {
                eprintln!("mtlint: skipped {source}: not text ({reason})");
                return Ok(());
            }
        };
        progress.advance(checked.bytes);
        if args.diff {
            return tally.diff(&checked, &mut diffs);
        }
        if args.fix {
            tally.write(&checked);
        }
        let doc = checked.report;
        if args.write_baseline.is_some() {
            accepted.extend(baseline::entries_of(&doc));
        }
        if args.statistics {
            statistics.add(&doc);
        }
        failed_documents += usize::from(!doc.pass);
        if let Some(emitter) = &mut emitter {
            emitter.document(doc)?;
        }
        Ok(())
    };
    for event in events.into_iter().flatten() {
        consume(event)?;
    }
    progress.finish();
    if let Some(emitter) = emitter {
        emitter.finish(&errors)?;
    }
    if args.diff {
        out.write_all(&diffs)?;
        out.flush()?;
        eprintln!(
            "mtlint: {} fix(es) would change {} file(s)",
            tally.applied, tally.files
        );
    } else if args.fix {
        eprintln!(
            "mtlint: applied {} fix(es) to {} file(s)",
            tally.applied, tally.files
        );
    }
    if args.statistics {
        if args.format == Format::Human && args.output.is_none() {
            statistics.render(out)?;
            out.flush()?;
        } else {
            statistics.render(&mut anstream::stderr())?;
        }
    }
    let mut run_failed = !errors.is_empty() || tally.failed;
    if let Some(path) = &args.write_baseline {
        accepted.sort();
        match baseline::write(path, &accepted) {
            Ok(()) => eprintln!(
                "mtlint: wrote {} accepted finding(s) to {}",
                accepted.len(),
                path.display()
            ),
            Err(e) => {
                print_error(&format!(
                    "{}: cannot write the baseline: {e}",
                    path.display()
                ));
                run_failed = true;
            }
        }
    }
    Ok(Outcome {
        failed_documents,
        run_failed,
        diffs: tally.files,
    })
}

fn print_input_error(error: &InputError) {
    match error.line {
        Some(line) => print_error(&format!("{}:{line}: {}", error.source, error.message)),
        None => print_error(&format!("{}: {}", error.source, error.message)),
    }
}

/// What the report says about each rule of the run.
fn rule_infos(linter: &Linter) -> Vec<RuleInfo> {
    linter
        .engine
        .rules()
        .rules()
        .iter()
        .map(|rule| RuleInfo {
            id: rule.id.to_string(),
            message: rule.message.to_string(),
            explain: rule.explain.clone(),
            category: rule.category,
            severity: rule.severity,
        })
        .collect()
}
