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

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;

use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyString};
use rayon::prelude::*;

use mtlint::config::{self, CommandLine};
use mtlint::error::LoadError;
use mtlint::input::{Markup, Source, SourceText};
use mtlint::report::render_json_line;

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

/// One document's result: its report line and each finding's start and end in code points.
type Checked = (String, Vec<(usize, usize)>);

/// The rules, loaded once, and the settings of the documents they check.
#[pyclass(frozen, module = "mtlint._mtlint")]
struct Linter {
    linter: Arc<mtlint::linter::Linter>,
    source_lang: Option<String>,
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
        })
    }

    /// Checks one document; returns its report line and the code-point offsets of its
    /// findings.
    #[pyo3(signature = (text, format="text", source=None, source_lang=None, id=None))]
    fn check(
        &self,
        py: Python<'_>,
        text: String,
        format: &str,
        source: Option<String>,
        source_lang: Option<String>,
        id: Option<String>,
    ) -> PyResult<Checked> {
        let document = self.document(text, format, source, source_lang, id)?;
        let linter = Arc::clone(&self.linter);
        py.detach(|| check(&linter, document))
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// Checks the documents of `documents` (strings, or dicts with `text` and optionally
    /// `format`, `source`, `source_lang`, `id`) on `jobs` threads (all cores by default) and
    /// yields their results in order, a bounded batch at a time.
    #[pyo3(signature = (documents, jobs=None))]
    fn check_many(&self, documents: &Bound<'_, PyAny>, jobs: Option<usize>) -> PyResult<CheckMany> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.unwrap_or(0))
            .build()
            .map_err(|e| PyValueError::new_err(format!("cannot start the threads: {e}")))?;
        Ok(CheckMany {
            linter: Linter {
                linter: Arc::clone(&self.linter),
                source_lang: self.source_lang.clone(),
            },
            documents: documents.try_iter()?.unbind(),
            batch: (pool.current_num_threads() * BATCH_DOCUMENTS_PER_THREAD).max(1),
            pool,
            ready: VecDeque::new(),
            taken: 0,
        })
    }

    /// The ids of the rules this linter runs.
    fn rules(&self) -> Vec<String> {
        let rules = self.linter.engine.rules().rules();
        rules.iter().map(|rule| rule.id.to_string()).collect()
    }
}

impl Linter {
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

/// The iterator `Linter.check_many` returns.
#[pyclass(module = "mtlint._mtlint")]
struct CheckMany {
    linter: Linter,
    documents: Py<PyIterator>,
    pool: rayon::ThreadPool,
    batch: usize,
    ready: VecDeque<Checked>,
    /// Documents taken from the input so far.
    taken: usize,
}

#[pymethods]
impl CheckMany {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Checked>> {
        if self.ready.is_empty() {
            self.fill(py)?;
        }
        Ok(self.ready.pop_front())
    }
}

impl CheckMany {
    /// Takes the next batch of documents from the input and checks it, the interpreter free
    /// while the threads work.
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
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
        let linter = &self.linter.linter;
        let pool = &self.pool;
        let checked: Result<Vec<Checked>, std::io::Error> = py.detach(|| {
            pool.install(|| {
                documents
                    .into_par_iter()
                    .map(|document| check(linter, document))
                    .collect()
            })
        });
        self.ready
            .extend(checked.map_err(|e| PyValueError::new_err(e.to_string()))?);
        Ok(())
    }
}

/// Checks `document` and renders its report line.
fn check(linter: &mtlint::linter::Linter, document: Source) -> std::io::Result<Checked> {
    let mut report = linter.lint(document);
    let offsets = char_offsets(&report.text, &report.findings);
    let mut line = Vec::with_capacity(256 + report.findings.len() * 400);
    render_json_line(&mut report, &mut line)?;
    line.pop();
    let line = String::from_utf8(line).map_err(std::io::Error::other)?;
    Ok((line, offsets))
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
