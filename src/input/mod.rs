//! Readers: where documents come from (files, folders, stdin, JSON Lines records) and how their
//! bytes become text.

mod decode;
mod jsonl;
mod walk;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use decode::decode;
pub use jsonl::{JsonlFields, read_records};

/// How to read an input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// By extension: `.jsonl` is JSON Lines, `.md` and `.markdown` Markdown, `.html` and `.htm`
    /// HTML, anything else plain text.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// Markdown (CommonMark with GFM tables): only the prose is checked.
    Markdown,
    /// HTML: only the visible text is checked.
    Html,
    /// One JSON object per line, with an id and a text field.
    Jsonl,
}

/// How a document's text is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Markup {
    /// Plain text: all of it is prose.
    #[default]
    Plain,
    /// Markdown: the prose is extracted, findings point into the Markdown.
    Markdown,
    /// HTML: the visible text is extracted, findings point into the HTML.
    Html,
}

impl Markup {
    /// The markup a name stands for, as JSON Lines records give it: `text` (or `plain`),
    /// `markdown` (or `md`), `html`; case is ignored.
    pub fn from_name(name: &str) -> Option<Markup> {
        match name.to_ascii_lowercase().as_str() {
            "text" | "plain" => Some(Markup::Plain),
            "markdown" | "md" => Some(Markup::Markdown),
            "html" | "htm" => Some(Markup::Html),
            _ => None,
        }
    }
}

/// One document to check, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The path as given (`<stdin>` for standard input).
    pub name: String,
    /// The record id, for JSON Lines input.
    pub id: Option<String>,
    /// The document's text.
    pub text: String,
    /// How the text is written.
    pub markup: Markup,
    /// Problems met while reading that did not stop the document from being checked.
    pub warnings: Vec<String>,
}

/// An input that could not be read, or a JSON Lines record that could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InputError {
    /// The path as given.
    pub source: String,
    /// The 1-based line, for a bad JSON Lines record.
    pub line: Option<usize>,
    /// What went wrong.
    pub message: String,
}

/// Everything read from the inputs of a run, in input order.
#[derive(Debug, Default)]
pub struct Inputs {
    /// Documents to check.
    pub sources: Vec<Source>,
    /// Inputs that could not be read.
    pub errors: Vec<InputError>,
}

/// The name standard input gets in reports.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads every document named by `paths`: files, folders (recursive, `.gitignore`-aware, files
/// sorted, paths matching an `exclude` glob left out) and `-` for standard input.
pub fn read_inputs(
    paths: &[PathBuf],
    format: InputFormat,
    fields: &JsonlFields,
    exclude: &[String],
) -> Inputs {
    let mut inputs = Inputs::default();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            match std::io::stdin().lock().read_to_end(&mut bytes) {
                Ok(_) => add_bytes(&mut inputs, STDIN_NAME, &bytes, format, fields),
                Err(e) => inputs.errors.push(InputError {
                    source: STDIN_NAME.to_owned(),
                    line: None,
                    message: format!("cannot read standard input: {e}"),
                }),
            }
        } else if path.is_dir() {
            let (files, errors) = walk::files_in(path, format, exclude);
            inputs.errors.extend(errors);
            for file in files {
                add_file(&mut inputs, &file, format, fields);
            }
        } else {
            add_file(&mut inputs, path, format, fields);
        }
    }
    inputs
}

fn add_file(inputs: &mut Inputs, path: &Path, format: InputFormat, fields: &JsonlFields) {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => {
            let format = match format {
                InputFormat::Auto if walk::is_jsonl(path) => InputFormat::Jsonl,
                InputFormat::Auto if walk::is_markdown(path) => InputFormat::Markdown,
                InputFormat::Auto if walk::is_html(path) => InputFormat::Html,
                other => other,
            };
            add_bytes(inputs, &name, &bytes, format, fields);
        }
        Err(e) => inputs.errors.push(InputError {
            source: name,
            line: None,
            message: format!("cannot read: {e}"),
        }),
    }
}

fn add_bytes(
    inputs: &mut Inputs,
    name: &str,
    bytes: &[u8],
    format: InputFormat,
    fields: &JsonlFields,
) {
    let (text, warning) = decode(bytes);
    match format {
        InputFormat::Jsonl => {
            let (sources, errors) = read_records(name, &text, fields);
            inputs.sources.extend(sources);
            inputs.errors.extend(errors);
        }
        InputFormat::Auto | InputFormat::Text | InputFormat::Markdown | InputFormat::Html => {
            inputs.sources.push(Source {
                name: name.to_owned(),
                id: None,
                text,
                markup: match format {
                    InputFormat::Markdown => Markup::Markdown,
                    InputFormat::Html => Markup::Html,
                    _ => Markup::Plain,
                },
                warnings: warning.into_iter().collect(),
            });
        }
    }
}
