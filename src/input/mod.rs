//! Readers: where documents come from (files, folders, stdin, JSON Lines records) and how their
//! bytes become text.

mod decode;
mod jsonl;
mod walk;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;

use crate::document::MAX_TEXT_BYTES;

pub use decode::{binary_reason, decode, decode_owned};
pub use jsonl::{JsonlFields, Records};

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

/// How reports name a document: its path `source`, and `#id` for a JSON Lines record.
pub fn display_name(source: &str, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{source}#{id}"),
        None => source.to_owned(),
    }
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

/// What reading an input gives.
#[derive(Debug)]
pub enum Input {
    /// A document to check.
    Document(Source),
    /// An input that could not be read: reported, and the run fails.
    Unreadable(InputError),
    /// A file that is not text (detected by content): skipped with a notice.
    Skipped {
        /// The path.
        source: String,
        /// Why it is not text.
        reason: &'static str,
    },
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

/// The error for a document of `len` bytes when it is too large to check (its word offsets
/// would not fit [`MAX_TEXT_BYTES`]).
fn too_large(source: &str, line: Option<usize>, len: u64) -> Option<InputError> {
    let limit = u64::try_from(MAX_TEXT_BYTES).unwrap_or(u64::MAX);
    (len > limit).then(|| InputError {
        source: source.to_owned(),
        line,
        message: format!(
            "the document is {len} bytes long: mtlint checks documents of up to {limit} bytes \
             (4 GiB); split it"
        ),
    })
}

/// The name standard input gets in reports.
pub const STDIN_NAME: &str = "<stdin>";

/// One input of a run, in order.
enum Entry {
    Stdin,
    File(PathBuf),
    Unreadable(InputError),
}

/// The documents of a run, read one at a time in input order: files, folders (recursive,
/// `.gitignore`-aware, files sorted, paths matching an `exclude` glob left out) and `-` for
/// standard input. JSON Lines inputs are read a record at a time, so memory holds one document,
/// not the corpus. Inputs that cannot be read come out as errors in their place.
pub struct InputStream {
    entries: std::vec::IntoIter<Entry>,
    records: Option<Records>,
    format: InputFormat,
    fields: JsonlFields,
}

impl InputStream {
    /// The inputs named by `paths`.
    pub fn new(
        paths: &[PathBuf],
        format: InputFormat,
        fields: &JsonlFields,
        exclude: &[String],
    ) -> InputStream {
        let mut entries = Vec::new();
        for path in paths {
            if path.as_os_str() == "-" {
                entries.push(Entry::Stdin);
            } else if path.is_dir() {
                let (files, errors) = walk::files_in(path, format, exclude);
                entries.extend(errors.into_iter().map(Entry::Unreadable));
                entries.extend(files.into_iter().map(Entry::File));
            } else {
                entries.push(Entry::File(path.clone()));
            }
        }
        InputStream {
            entries: entries.into_iter(),
            records: None,
            format,
            fields: fields.clone(),
        }
    }

    /// The size of the files still to read, in bytes (standard input not counted): it reads
    /// the metadata of each.
    pub fn total_bytes(&self) -> u64 {
        self.entries
            .as_slice()
            .iter()
            .filter_map(|e| match e {
                Entry::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
                _ => None,
            })
            .sum()
    }

    fn open(&mut self, entry: Entry) -> Option<Input> {
        let (name, path) = match entry {
            Entry::Unreadable(error) => return Some(Input::Unreadable(error)),
            Entry::Stdin => (STDIN_NAME.to_owned(), None),
            Entry::File(path) => (path.display().to_string(), Some(path)),
        };
        let format = match (self.format, &path) {
            (InputFormat::Auto, Some(path)) if walk::is_jsonl(path) => InputFormat::Jsonl,
            (InputFormat::Auto, Some(path)) if walk::is_markdown(path) => InputFormat::Markdown,
            (InputFormat::Auto, Some(path)) if walk::is_html(path) => InputFormat::Html,
            (other, _) => other,
        };
        let cannot = |what: &str, e: std::io::Error| InputError {
            source: name.clone(),
            line: None,
            message: format!("{what}: {e}"),
        };
        if format == InputFormat::Jsonl {
            let reader: Box<dyn BufRead + Send> = match &path {
                None => Box::new(BufReader::new(std::io::stdin())),
                Some(path) => match File::open(path) {
                    Ok(file) => Box::new(BufReader::new(file)),
                    Err(e) => return Some(Input::Unreadable(cannot("cannot read", e))),
                },
            };
            self.records = Some(Records::new(name, reader, self.fields.clone()));
            return None;
        }
        let bytes = match &path {
            None => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .map(|_| bytes)
                    .map_err(|e| cannot("cannot read standard input", e))
            }
            // One open file gives both the size (refused before reading when too large) and
            // the text: a file costs one metadata call, not two.
            Some(path) => {
                match File::open(path).and_then(|file| Ok((file.metadata()?.len(), file))) {
                    Ok((len, _)) if let Some(error) = too_large(&name, None, len) => {
                        return Some(Input::Unreadable(error));
                    }
                    Ok((len, file)) => {
                        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
                        // Through `take`, reading does not ask the file its size again.
                        file.take(u64::MAX)
                            .read_to_end(&mut bytes)
                            .map(|_| bytes)
                            .map_err(|e| cannot("cannot read", e))
                    }
                    Err(e) => Err(cannot("cannot read", e)),
                }
            }
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(error) => return Some(Input::Unreadable(error)),
        };
        if let Some(error) = too_large(&name, None, bytes.len() as u64) {
            return Some(Input::Unreadable(error));
        }
        if let Some(reason) = binary_reason(&bytes) {
            return Some(Input::Skipped {
                source: name,
                reason,
            });
        }
        let (text, warning) = decode_owned(bytes);
        Some(Input::Document(Source {
            name,
            id: None,
            text,
            markup: match format {
                InputFormat::Markdown => Markup::Markdown,
                InputFormat::Html => Markup::Html,
                _ => Markup::Plain,
            },
            warnings: warning.into_iter().collect(),
        }))
    }
}

impl Iterator for InputStream {
    type Item = Input;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(records) = &mut self.records {
                match records.next() {
                    Some(Ok(source)) => return Some(Input::Document(source)),
                    Some(Err(error)) => return Some(Input::Unreadable(error)),
                    None => self.records = None,
                }
            }
            let entry = self.entries.next()?;
            if let Some(item) = self.open(entry) {
                return Some(item);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_up_to_the_token_limit_are_read_and_larger_ones_refused() {
        let limit = MAX_TEXT_BYTES as u64;
        assert_eq!(too_large("a.txt", None, limit), None);
        let error = too_large("a.jsonl", Some(3), limit + 1).unwrap();
        assert_eq!((error.source.as_str(), error.line), ("a.jsonl", Some(3)));
        assert!(
            error.message.contains("up to 4294967295 bytes"),
            "{}",
            error.message
        );
    }
}
