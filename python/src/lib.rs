//! `mtlint._mtlint`: the library as a Python extension module, a thin layer over it. The
//! Python package (`python/mtlint/`) wraps it: it turns each report line into a dict and adds
//! the code-point offsets.
//!
//! A document's result is the line `mtlint check --format jsonl` writes for it, so that the
//! two cannot drift apart, with the start and end of each finding in code points.

// No panics by construction, as in the library.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

// The command line, compiled into the module for `python -m mtlint`: the same source files as
// the binary's.
#[allow(dead_code)]
#[path = "../../src/cli.rs"]
mod cli;
#[allow(dead_code)]
#[path = "../../src/commands/mod.rs"]
mod commands;

use crossbeam_channel::Receiver;
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyList, PyString};
use rayon::prelude::*;

use mtlint::config::{self, CommandLine};
use mtlint::input::{Markup, Source, SourceText};
use mtlint::linter::LoadError;
use mtlint::report::DocumentReport;

create_exception!(
    _mtlint,
    MtlintError,
    PyException,
    "Base class of mtlint's errors."
);
create_exception!(
    _mtlint,
    ConfigError,
    MtlintError,
    "A mistake in a configuration file or option, or a file it names that cannot be used."
);
create_exception!(
    _mtlint,
    RuleError,
    MtlintError,
    "A mistake in a rule file, or a rule name that does not exist."
);

/// How many bytes of text one batch of `check_many` holds at most: the memory it uses does not
/// grow with the input.
const BATCH_BYTES: usize = 4 << 20;
/// How many documents one batch holds at most, per worker thread.
const BATCH_DOCUMENTS_PER_THREAD: usize = 256;

/// One document's report and each finding's start and end in code points.
type Checked = (DocumentReport, Vec<(usize, usize)>);

/// Thread pools by their number of threads.
type Pools = Vec<(usize, Arc<rayon::ThreadPool>)>;

/// The rules, loaded once, and the settings of the documents they check.
#[pyclass(frozen, module = "mtlint._mtlint")]
#[derive(Clone)]
struct Linter {
    linter: Arc<mtlint::linter::Linter>,
    source_lang: Option<String>,
    /// The thread pools started so far, by number of threads (0: one per core): Spark calls
    /// `check_columns` once per Arrow batch, and each call must not start threads anew.
    pools: Arc<Mutex<Pools>>,
}

#[pymethods]
impl Linter {
    #[new]
    #[pyo3(signature = (config=None, rules=None, dialect=None, min_score=None, fail_on=None,
        select=None, ignore=None, vocab=None, glossary=None, source_lang=None, baseline=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        config: Option<PathBuf>,
        rules: Option<Vec<PathBuf>>,
        dialect: Option<String>,
        min_score: Option<f64>,
        fail_on: Option<String>,
        select: Option<Vec<String>>,
        ignore: Option<Vec<String>>,
        vocab: Option<Vec<PathBuf>>,
        glossary: Option<Vec<PathBuf>>,
        source_lang: Option<String>,
        baseline: Option<PathBuf>,
    ) -> PyResult<Linter> {
        let cli = CommandLine {
            rules_dirs: rules.unwrap_or_default(),
            vocab: vocab.unwrap_or_default(),
            glossary: glossary.unwrap_or_default(),
            source_lang: source_lang.clone(),
            dialect: dialect.map(|d| named("dialect", &d)).transpose()?,
            min_score,
            fail_on: fail_on.map(|f| named("fail_on", &f)).transpose()?,
            ..CommandLine::default()
        };
        let start = std::env::current_dir().unwrap_or_default();
        let config = config::load(config.as_deref(), &start, &cli)
            .map_err(|e| load_error(LoadError::Config(e)))?;
        let selection = (
            select.as_deref().unwrap_or_default(),
            ignore.as_deref().unwrap_or_default(),
        );
        let linter = mtlint::linter::Linter::from_config(&config, selection, baseline.as_deref())
            .map_err(load_error)?;
        Ok(Linter {
            linter: Arc::new(linter),
            source_lang: config.source_lang.value,
            pools: Arc::default(),
        })
    }

    /// Checks one document; returns its result as the JSON report's document, with
    /// `start_char` and `end_char` on each finding.
    #[pyo3(signature = (text, format="text", source=None, source_lang=None, id=None))]
    fn check<'py>(
        &self,
        py: Python<'py>,
        text: String,
        format: &str,
        source: Option<String>,
        source_lang: Option<String>,
        id: Option<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let document = self.document(text, format, source, source_lang, id)?;
        let linter = Arc::clone(&self.linter);
        let checked = py.detach(|| check(&linter, document));
        to_python(py, &checked)
    }

    /// Checks the documents of `documents` (strings, or dicts with `text` and optionally
    /// `format`, `source`, `source_lang`, `id`) on `jobs` threads (all cores by default) and
    /// yields their results in order, a bounded batch at a time.
    #[pyo3(signature = (documents, jobs=None))]
    fn check_many(&self, documents: &Bound<'_, PyAny>, jobs: Option<usize>) -> PyResult<CheckMany> {
        let pool = self.pool(jobs)?;
        Ok(CheckMany {
            linter: self.clone(),
            documents: documents.try_iter()?.unbind(),
            batch: (pool.current_num_threads() * BATCH_DOCUMENTS_PER_THREAD).max(1),
            pool,
            ready: VecDeque::new(),
            in_flight: VecDeque::new(),
            exhausted: false,
            taken: 0,
        })
    }

    /// Checks the documents of parallel columns (`texts`, and when given their `sources`,
    /// `source_langs` and `ids`; a `None` text is empty) on `jobs` threads and returns
    /// columns: the scores, the verdicts, and the findings as JSON Lines (one
    /// `{"findings": […]}` a document, each finding with the fields of
    /// `mtlint.spark.FINDING_FIELDS`), which Arrow's JSON reader turns into a column.
    #[pyo3(signature = (texts, sources=None, source_langs=None, ids=None, format="text", jobs=None))]
    #[allow(clippy::too_many_arguments)]
    fn check_columns<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<Option<String>>,
        sources: Option<Vec<Option<String>>>,
        source_langs: Option<Vec<Option<String>>>,
        ids: Option<Vec<Option<String>>>,
        format: &str,
        jobs: Option<usize>,
    ) -> PyResult<(Vec<f64>, Vec<bool>, Bound<'py, PyBytes>)> {
        let rows = texts.len();
        let column = |values: Option<Vec<Option<String>>>, name: &str| match values {
            None => Ok(vec![None; rows]),
            Some(values) if values.len() == rows => Ok(values),
            Some(values) => Err(PyValueError::new_err(format!(
                "{name} has {} values for {rows} texts",
                values.len()
            ))),
        };
        let (sources, langs, ids) = (
            column(sources, "sources")?,
            column(source_langs, "source_langs")?,
            column(ids, "ids")?,
        );
        let mut documents = Vec::with_capacity(rows);
        for (((text, source), lang), id) in texts.into_iter().zip(sources).zip(langs).zip(ids) {
            documents.push(self.document(text.unwrap_or_default(), format, source, lang, id)?);
        }
        let pool = self.pool(jobs)?;
        let linter = Arc::clone(&self.linter);
        let rendered: Vec<(f64, bool, Vec<u8>)> = py.detach(|| {
            pool.install(|| {
                documents
                    .into_par_iter()
                    .map(|document| {
                        let (report, offsets) = check(&linter, document);
                        (report.score, report.pass, findings_line(&report, &offsets))
                    })
                    .collect()
            })
        });
        let mut scores = Vec::with_capacity(rows);
        let mut passes = Vec::with_capacity(rows);
        let mut lines = Vec::with_capacity(rendered.iter().map(|(_, _, l)| l.len()).sum());
        for (score, pass, line) in rendered {
            scores.push(score);
            passes.push(pass);
            lines.extend_from_slice(&line);
        }
        Ok((scores, passes, PyBytes::new(py, &lines)))
    }

    /// The ids of the rules this linter runs.
    fn rules(&self) -> Vec<String> {
        let rules = self.linter.engine.rules().rules();
        rules.iter().map(|rule| rule.id.to_string()).collect()
    }
}

impl Linter {
    /// The pool of `jobs` threads (one per core without a number), started on first use.
    fn pool(&self, jobs: Option<usize>) -> PyResult<Arc<rayon::ThreadPool>> {
        let threads = jobs.unwrap_or(0);
        let mut pools = self.pools.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, pool)) = pools.iter().find(|(n, _)| *n == threads) {
            return Ok(Arc::clone(pool));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| PyValueError::new_err(format!("cannot start the threads: {e}")))?;
        let pool = Arc::new(pool);
        pools.push((threads, Arc::clone(&pool)));
        Ok(pool)
    }

    fn document(
        &self,
        text: String,
        format: &str,
        source: Option<String>,
        source_lang: Option<String>,
        id: Option<String>,
    ) -> PyResult<Source> {
        let markup = Markup::from_name(format).ok_or_else(|| {
            PyValueError::new_err(format!(
                "format {format:?} is not one of \"text\", \"markdown\", \"html\", \"xliff\""
            ))
        })?;
        let default_lang = self.source_lang.clone();
        let lang = source_lang.or_else(|| default_lang.clone());
        Ok(Source {
            name: "<python>".to_owned(),
            id,
            text,
            markup,
            source_text: source.map(|source| SourceText::new(source, lang.as_deref())),
            default_source_lang: default_lang,
            ..Source::default()
        })
    }

    /// The document an item of `check_many` stands for.
    fn item(&self, item: &Bound<'_, PyAny>, index: usize) -> PyResult<Source> {
        if let Ok(text) = item.cast::<PyString>() {
            return self.document(text.extract::<String>()?, "text", None, None, None);
        }
        let Ok(dict) = item.cast::<PyDict>() else {
            return Err(PyTypeError::new_err(format!(
                "document {index}: expected a str or a dict with a \"text\" key, got {}",
                item.get_type().name()?
            )));
        };
        let field = |key: &str| -> PyResult<Option<String>> {
            match dict.get_item(key)? {
                Some(value) if !value.is_none() => {
                    value.extract::<String>().map(Some).map_err(|_| {
                        PyTypeError::new_err(format!("document {index}: \"{key}\" must be a str"))
                    })
                }
                _ => Ok(None),
            }
        };
        let text = field("text")?.ok_or_else(|| {
            PyTypeError::new_err(format!("document {index}: the dict has no \"text\""))
        })?;
        let format = field("format")?.unwrap_or_else(|| "text".to_owned());
        self.document(
            text,
            &format,
            field("source")?,
            field("source_lang")?,
            field("id")?,
        )
    }
}

/// How many batches are being checked while the interpreter takes the next documents and
/// hands out the results of the last batch.
const IN_FLIGHT: usize = 2;

/// The iterator `Linter.check_many` returns.
#[pyclass(module = "mtlint._mtlint")]
struct CheckMany {
    linter: Linter,
    documents: Py<PyIterator>,
    pool: Arc<rayon::ThreadPool>,
    batch: usize,
    /// Results checked, not yet handed out.
    ready: VecDeque<Checked>,
    /// Batches being checked, in input order.
    in_flight: VecDeque<Receiver<Vec<Checked>>>,
    /// Whether the input has no more documents.
    exhausted: bool,
    /// Documents taken from the input so far.
    taken: usize,
}

#[pymethods]
impl CheckMany {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        loop {
            self.start_batches(py)?;
            if let Some(checked) = self.ready.pop_front() {
                return to_python(py, &checked).map(Some);
            }
            let Some(batch) = self.in_flight.pop_front() else {
                return Ok(None);
            };
            let checked = py
                .detach(|| batch.recv())
                .map_err(|_| PyRuntimeError::new_err("a worker thread of mtlint ended"))?;
            self.ready.extend(checked);
        }
    }
}

impl CheckMany {
    /// Takes batches of documents from the input and starts checking them, until
    /// [`IN_FLIGHT`] are being checked or the input ends.
    fn start_batches(&mut self, py: Python<'_>) -> PyResult<()> {
        while !self.exhausted && self.in_flight.len() < IN_FLIGHT {
            let documents = self.take_batch(py)?;
            if documents.is_empty() {
                self.exhausted = true;
                break;
            }
            let (done, result) = crossbeam_channel::bounded(1);
            let linter = Arc::clone(&self.linter.linter);
            self.pool.spawn(move || {
                let checked = documents
                    .into_par_iter()
                    .map(|document| check(&linter, document))
                    .collect();
                let _ = done.send(checked);
            });
            self.in_flight.push_back(result);
        }
        Ok(())
    }

    /// The next batch of documents of the input: at most `batch` documents and about
    /// [`BATCH_BYTES`] of text.
    fn take_batch(&mut self, py: Python<'_>) -> PyResult<Vec<Source>> {
        let mut documents = Vec::new();
        let mut bytes = 0;
        let mut iterator = self.documents.bind(py).clone();
        while documents.len() < self.batch && bytes < BATCH_BYTES {
            let Some(item) = iterator.next() else {
                break;
            };
            let document = self.linter.item(&item?, self.taken)?;
            self.taken += 1;
            bytes += document.text.len();
            documents.push(document);
        }
        Ok(documents)
    }
}

/// Checks `document`, and counts its findings' offsets in code points.
fn check(linter: &mtlint::linter::Linter, document: Source) -> Checked {
    let report = linter.lint(document);
    let offsets = char_offsets(&report.text, &report.findings);
    (report, offsets)
}

/// A report as the JSON report's document (the same serialization), with `start_char` and
/// `end_char` added to each finding.
fn to_python<'py>(py: Python<'py>, (report, offsets): &Checked) -> PyResult<Bound<'py, PyDict>> {
    let document = pythonize::pythonize(py, report)?.cast_into::<PyDict>()?;
    if let Some(findings) = document.get_item(intern!(py, "findings"))? {
        let findings = findings.cast_into::<PyList>()?;
        for (finding, (start, end)) in findings.iter().zip(offsets) {
            let finding = finding.cast_into::<PyDict>()?;
            finding.set_item(intern!(py, "start_char"), start)?;
            finding.set_item(intern!(py, "end_char"), end)?;
        }
    }
    Ok(document)
}

/// One finding as a row of the findings column.
#[derive(serde::Serialize)]
struct FindingRow<'a> {
    rule: &'a str,
    category: &'a str,
    severity: &'a str,
    message: &'a str,
    start: usize,
    end: usize,
    start_char: usize,
    end_char: usize,
    line: usize,
    column: usize,
    text: &'a str,
    suggestions: &'a [String],
}

/// A report's findings as one JSON line, `{"findings": […]}`.
fn findings_line(report: &DocumentReport, offsets: &[(usize, usize)]) -> Vec<u8> {
    let rows: Vec<FindingRow> = report
        .findings
        .iter()
        .zip(offsets)
        .map(|(finding, &(start_char, end_char))| FindingRow {
            rule: &finding.rule,
            category: finding.category.as_str(),
            severity: finding.severity.as_str(),
            message: &finding.message,
            start: finding.start,
            end: finding.end,
            start_char,
            end_char,
            line: finding.line,
            column: finding.column,
            text: &finding.text,
            suggestions: &finding.suggestions,
        })
        .collect();
    let mut line = b"{\"findings\":".to_vec();
    // Writing into a vector cannot fail, nor can serializing these fields.
    let _ = serde_json::to_writer(&mut line, &rows);
    line.extend_from_slice(b"}\n");
    line
}

/// Each finding's start and end in code points of `text` (findings are sorted by start, so
/// one pass counts them all; ends are counted from their start).
fn char_offsets(text: &str, findings: &[mtlint::finding::Finding]) -> Vec<(usize, usize)> {
    let (mut at_byte, mut at_char) = (0, 0);
    findings
        .iter()
        .map(|finding| {
            let count =
                |from: usize, to: usize| text.get(from..to).map_or(0, |s| s.chars().count());
            if finding.start >= at_byte {
                at_char += count(at_byte, finding.start);
                at_byte = finding.start;
                (at_char, at_char + count(finding.start, finding.end))
            } else {
                let start = count(0, finding.start);
                (start, start + count(finding.start, finding.end))
            }
        })
        .collect()
}

/// A setting's value as mtlint names it (`"gb"`, `"major"`).
fn named<T: serde::de::DeserializeOwned>(setting: &str, value: &str) -> PyResult<T> {
    serde_json::from_value(serde_json::Value::String(value.to_owned()))
        .map_err(|e| ConfigError::new_err(format!("{setting}: {e}")))
}

/// A load error as the Python exception of its kind, with `file`, `line` and `column`
/// attributes where it has a place.
fn load_error(error: LoadError) -> PyErr {
    let message = error.to_string();
    let (file, place) = match &error {
        LoadError::Config(d) => (Some(d.path.clone()), Some(d.line_column())),
        LoadError::Rules(d) => match d.0.first() {
            Some(first) => (Some(first.path.clone()), Some(first.line_column())),
            None => (None, None),
        },
        LoadError::UnknownRule(_) => (None, None),
        LoadError::File(e) => (Some(e.path.display().to_string()), e.place),
    };
    let err = match error {
        LoadError::Rules(_) | LoadError::UnknownRule(_) => RuleError::new_err(message),
        LoadError::Config(_) | LoadError::File(_) => ConfigError::new_err(message),
    };
    Python::attach(|py| {
        let value = err.value(py);
        let _ = value.setattr("file", file);
        let _ = value.setattr("line", place.map(|(line, _)| line));
        let _ = value.setattr("column", place.map(|(_, column)| column));
    });
    err
}

/// Runs the command line with `argv` (its first item the program's name) and returns the exit
/// code: what `python -m mtlint` runs.
#[pyfunction]
fn main(py: Python<'_>, argv: Vec<String>) -> u8 {
    use clap::Parser;
    let parsed = cli::Cli::try_parse_from(argv);
    py.detach(|| match parsed {
        Ok(cli) => commands::run(cli.command),
        Err(error) => {
            let _ = error.print();
            if error.use_stderr() { 2 } else { 0 }
        }
    })
}

#[pymodule]
fn _mtlint(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Linter>()?;
    m.add_class::<CheckMany>()?;
    m.add_function(wrap_pyfunction!(main, m)?)?;
    m.add("MtlintError", m.py().get_type::<MtlintError>())?;
    m.add("ConfigError", m.py().get_type::<ConfigError>())?;
    m.add("RuleError", m.py().get_type::<RuleError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
