//! `mtlint check`.

use std::io::{BufWriter, Write};
use std::mem::ManuallyDrop;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::mpsc::Receiver;

use mtlint::atomic::{self, Temporary};
use mtlint::baseline::{self, Baseline};
use mtlint::config::{self, CommandLine, Config};
use mtlint::input::{InputError, InputStream, JsonlFields, ReadOptions, SourcePairing};
use mtlint::linter::Linter;
use mtlint::report::{Emitter, Format, HumanOptions, RuleInfo};

use super::fixing::FixTally;
use super::pipeline::{self, Checking, Event};
use super::progress::Progress;
use super::statistics::Statistics;
use super::{CommandError, EXIT_ERROR, EXIT_FAILED, EXIT_OK, exit_code, print_error};
use crate::cli::CheckArgs;

/// The command line's part of the configuration.
pub fn command_line(args: &CheckArgs) -> CommandLine {
    CommandLine {
        rules_dirs: args.rules.clone(),
        vocab: args.vocab.clone(),
        glossary: args.glossary.clone(),
        source: args.source.clone(),
        source_lang: args.source_lang.clone(),
        dialect: args.dialect,
        exclude: args.exclude.clone(),
        min_score: args.min_score,
        fail_on: args.fail_on,
    }
}

/// Loads the configuration.
pub fn load_config(
    file: Option<&std::path::Path>,
    cli: &CommandLine,
) -> Result<Config, CommandError> {
    let start = std::env::current_dir().unwrap_or_default();
    Ok(config::load(file, &start, cli)?)
}

/// Runs `mtlint check`.
pub fn run(args: &CheckArgs) -> u8 {
    exit_code(check(args))
}

fn check(args: &CheckArgs) -> Result<u8, CommandError> {
    let config = load_config(args.config.file.as_deref(), &command_line(args))?;
    let renamed = (args.select.iter().chain(&args.ignore))
        .filter_map(|name| mtlint::rules::renamed_notice(name))
        .map(|notice| format!("--select/--ignore: {notice}"));
    for notice in config.notices.iter().cloned().chain(renamed) {
        eprintln!("mtlint: warning: {notice}");
    }
    let jobs = match args.jobs {
        Some(jobs) if jobs > MAX_JOBS => {
            eprintln!("mtlint: --jobs {jobs} is more than {MAX_JOBS}: using {MAX_JOBS}");
            MAX_JOBS
        }
        jobs => jobs.unwrap_or(0),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| format!("cannot start the worker threads: {e}"))?;
    let baseline = match &args.baseline {
        Some(path) => Baseline::read(path)?,
        None => Baseline::default(),
    };
    let paths = if args.paths.is_empty() {
        vec![".".into()]
    } else {
        args.paths.clone()
    };
    if args.fix
        && paths.iter().any(|p| p.as_os_str() == "-")
        && (paths.len() > 1 || args.input_format == mtlint::input::InputFormat::Jsonl)
    {
        return Err(CommandError::Message(
            "--fix on standard input writes the fixed text to standard output: give `-` alone, \
             and not JSON Lines"
                .to_owned(),
        ));
    }
    if let Some(output) = &args.output
        && let Some(input) = paths.iter().find(|p| same_file(p, output))
    {
        return Err(CommandError::Message(format!(
            "{}: the report would overwrite an input ({}): write it elsewhere",
            output.display(),
            input.display()
        )));
    }
    atomic::clean_up_on_signals().map_err(|e| format!("cannot watch for interruptions: {e}"))?;
    let read_options = ReadOptions {
        format: args.input_format,
        fields: JsonlFields {
            text: args.text_field.clone(),
            id: args.id_field.clone(),
            format: args.format_field.clone(),
            source: args.source_field.clone(),
            source_lang: args.source_lang_field.clone(),
            default_source_lang: config.source_lang.value.clone(),
        },
        include: config.include.value.clone(),
        exclude: config.exclude.value.clone(),
        max_document_size: args.max_document_size,
        stdin_name: args.stdin_filename.clone(),
        record_places: matches!(
            args.format,
            Format::Sarif | Format::Github | Format::Rdjson | Format::Gitlab | Format::Checkstyle
        ),
        // The tool's own files are not articles: a check of `.` leaves them out.
        not_inputs: args
            .output
            .iter()
            .chain(&args.baseline)
            .chain(&args.write_baseline)
            .chain(&config.vocab.value)
            .chain(&config.glossary.value)
            .chain(&config.source.value)
            .cloned()
            .collect(),
        source: config.source.value.clone().map(|path| SourcePairing {
            path,
            lang: config.source_lang.value.clone(),
        }),
    };
    // The rules are left to the end of the process rather than dropped: freeing their tables
    // piece by piece would delay the exit by milliseconds.
    let slot = ManuallyDrop::new(OnceLock::new());
    // The rules load on one thread while the folders are walked and the first documents read
    // and built on the others.
    Ok(std::thread::scope(|scope| {
        scope.spawn(|| {
            let _unblock = SetOnDrop(&slot);
            let selection = (args.select.as_slice(), args.ignore.as_slice());
            let loaded = match pool.install(|| Linter::from_config(&config, selection, None)) {
                Ok(mut linter) => {
                    linter.baseline = baseline;
                    linter.side_by_side = args.format == Format::Html;
                    Some(linter)
                }
                // Printed here, where the rules failed to load; the run then ends.
                Err(error) => {
                    exit_code(Err(error.into()));
                    None
                }
            };
            let _ = slot.set(loaded);
        });
        let inputs = InputStream::new(&paths, &read_options);
        for folder in inputs.empty_folders() {
            eprintln!(
                "mtlint: {}: no file to check in this folder (none of .txt, .text, .md, \
                 .markdown, .html, .htm, .jsonl outside the ignored and excluded paths)",
                folder.display()
            );
        }
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
        let mut output = match Output::open(args) {
            Ok(output) => output,
            Err(e) => {
                // Nothing can be reported; the files are still fixed if asked.
                print_error(&format!("cannot write the report: {e}"));
                let mut sink = std::io::sink();
                let _ = run_batches(
                    args,
                    config.file.as_deref(),
                    linter,
                    events,
                    total_bytes,
                    &mut sink,
                );
                return EXIT_ERROR;
            }
        };
        let outcome = run_batches(
            args,
            config.file.as_deref(),
            linter,
            events,
            total_bytes,
            output.writer(),
        );
        let written = match &outcome.write_error {
            None => output.finish(),
            Some(e) => Err(std::io::Error::new(e.kind(), e.to_string())),
        };
        let mut code = outcome.exit_code(args);
        if outcome.documents == 0 && !args.paths.is_empty() && outcome.write_error.is_none() {
            print_error("no document was checked: the paths given hold nothing mtlint reads");
            code = EXIT_ERROR;
        }
        if let Err(e) = written {
            // After the verdict: a report that could not be written fails the run whatever
            // the documents' verdict (`mtlint check … | head -1` must not pass a failing gate).
            let verdict = match code {
                EXIT_OK => "every document passed",
                EXIT_FAILED => "a document failed the gate",
                _ => "the run failed",
            };
            print_error(&format!("cannot write the report ({verdict}): {e}"));
            code = EXIT_ERROR;
        }
        code
    }))
}

/// The folder reports name files relative to: the one holding the configuration file (the
/// repository's root, as a rule), else the working directory.
fn report_root(config_file: Option<&Path>) -> Option<std::path::PathBuf> {
    let folder = match config_file.and_then(Path::parent) {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::env::current_dir().ok()?,
    };
    std::fs::canonicalize(folder).ok()
}

/// Whether the run fixes standard input, printing the fixed text.
fn fixes_stdin(args: &CheckArgs) -> bool {
    args.fix && args.paths.len() == 1 && args.paths.iter().all(|p| p.as_os_str() == "-")
}

/// The most worker threads a run starts.
const MAX_JOBS: usize = 256;

/// Whether `a` and `b` name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
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
    documents: usize,
    failed_documents: usize,
    run_failed: bool,
    diffs: usize,
    /// The first error writing the report: the run went on without the report.
    write_error: Option<std::io::Error>,
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

/// Where the report goes: the file of `-o`, written to a temporary file that replaces it once
/// the report is whole, else standard output (through anstream, which strips colours where they
/// do not belong, for the human format only).
enum Output {
    Stdout(Box<dyn Write>),
    File(BufWriter<Temporary>),
}

impl Output {
    fn open(args: &CheckArgs) -> std::io::Result<Output> {
        Ok(match &args.output {
            Some(path) => Output::File(BufWriter::new(Temporary::beside(path)?)),
            // Standard output carries the fixed text: the report goes to standard error.
            None if fixes_stdin(args) => Output::Stdout(Box::new(anstream::stderr())),
            None if args.format == Format::Human => {
                Output::Stdout(Box::new(BufWriter::new(anstream::stdout().lock())))
            }
            None => Output::Stdout(Box::new(BufWriter::new(std::io::stdout().lock()))),
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Stdout(out) => out,
            Output::File(out) => out,
        }
    }

    /// Flushes the report and, for a file, puts it in place.
    fn finish(self) -> std::io::Result<()> {
        match self {
            Output::Stdout(mut out) => out.flush(),
            Output::File(out) => {
                let temporary = out.into_inner().map_err(|e| e.into_error())?;
                Ok(temporary.commit(None)?)
            }
        }
    }
}

/// Keeps the first write error of a report and stops writing after it, so that the run goes
/// on (files are still fixed, the verdict still decided) when the reader has gone.
struct Guarded<'w> {
    out: &'w mut dyn Write,
    error: Option<std::io::Error>,
}

impl Guarded<'_> {
    /// Runs `write` on the report unless an earlier write failed; keeps the first error.
    fn guard<T>(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<T>,
    ) -> std::io::Result<T> {
        let copy = |e: &std::io::Error| std::io::Error::new(e.kind(), e.to_string());
        if let Some(e) = &self.error {
            return Err(copy(e));
        }
        write(&mut *self.out).inspect_err(|e| self.error = Some(copy(e)))
    }
}

impl Write for Guarded<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.guard(|out| out.write(buf))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.guard(|out| out.flush())
    }
}

/// Reads, checks and reports the documents batch by batch, in input order: the report of one
/// batch is written while the next is checked. A report that cannot be written stops the
/// report, not the run: every document is still checked (and fixed, when asked).
fn run_batches(
    args: &CheckArgs,
    config_file: Option<&Path>,
    linter: &Linter,
    events: Receiver<Vec<Event>>,
    total_bytes: u64,
    out: &mut dyn Write,
) -> Outcome {
    let mut out = Guarded { out, error: None };
    let color = args.output.is_none();
    let mut emitter = (!args.diff).then(|| {
        Emitter::new(
            args.format,
            HumanOptions { color },
            rule_infos(linter),
            &mut out,
        )
        .with_root(report_root(config_file))
    });
    let mut progress = Progress::new(total_bytes);
    let mut errors = Vec::new();
    let mut tally = FixTally::new(args.force);
    let mut statistics = Statistics::default();
    let mut accepted = Vec::new();
    let baseline_root = args.write_baseline.as_deref().and_then(baseline::folder_of);
    let (mut documents, mut failed_documents) = (0, 0);
    let mut diffs = Vec::new();
    for event in events.into_iter().flatten() {
        let checked = match event {
            Event::Checked(checked) => *checked,
            Event::Unreadable(error) => {
                print_input_error(&error);
                errors.push(error);
                continue;
            }
            Event::Skipped { source, reason } => {
                eprintln!("mtlint: skipped {source}: not text ({reason})");
                continue;
            }
        };
        progress.advance(checked.bytes);
        documents += 1;
        if args.diff {
            tally.diff(&checked, &mut diffs);
            continue;
        }
        if fixes_stdin(args) {
            tally.print_to_stdout(&checked);
        } else if args.fix {
            tally.write(&checked);
        }
        let doc = checked.report;
        if args.write_baseline.is_some() {
            accepted.extend(baseline::entries_of(&doc, baseline_root.as_deref()));
        }
        if args.statistics {
            statistics.add(&doc);
        }
        failed_documents += usize::from(!doc.pass);
        if let Some(emitter) = &mut emitter {
            // An error is kept by the guard; the report stops there.
            let _ = emitter.document(doc);
        }
    }
    progress.finish();
    if let Some(emitter) = emitter {
        let _ = emitter.finish(&errors);
    }
    if args.diff {
        let _ = out.write_all(&diffs).and_then(|()| out.flush());
        eprintln!(
            "mtlint: {} fix(es) would change {} file(s)",
            tally.applied, tally.files
        );
    } else if args.fix {
        tally.print_summary();
    }
    if args.statistics {
        if args.format == Format::Human && args.output.is_none() {
            let _ = statistics.render(&mut out).and_then(|()| out.flush());
        } else {
            let _ = statistics.render(&mut anstream::stderr());
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
    Outcome {
        documents,
        failed_documents,
        run_failed,
        diffs: tally.files,
        write_error: out.error,
    }
}

fn print_input_error(error: &InputError) {
    print_error(&format!(
        "{}{}: {}",
        error.source,
        error.place(),
        error.message
    ));
}

/// What the report says about each rule of the run.
fn rule_infos(linter: &Linter) -> Vec<RuleInfo> {
    linter
        .engine
        .rules()
        .rules()
        .iter()
        .map(RuleInfo::from)
        .collect()
}
