//! Readers: where documents come from (files, folders, stdin, JSON Lines records) and how their
//! bytes become text.

mod decode;
mod jsonl;
mod record_place;
mod source_article;
mod walk;

pub use source_article::SourcePairing;

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::time::SystemTime;

use crate::document::MAX_TEXT_BYTES;

pub use decode::{ByteMap, Decoded, binary_reason, decode, decode_input, decode_owned};
pub use jsonl::{JsonlFields, Records};
pub use record_place::{FilePlace, RecordPlace};

/// How to read an input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// By extension: `.jsonl` is JSON Lines, `.md` and `.markdown` Markdown, `.html` and `.htm`
    /// HTML, `.xlf` and `.xliff` XLIFF, anything else plain text.
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
    /// XLIFF 1.2 or 2.x: each unit's target is checked against its source.
    Xliff,
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
    /// XLIFF: the targets are extracted and compared with their sources, findings point into
    /// the XLIFF file.
    Xliff,
}

/// `path` relative to `root` (both absolute and free of links), `/` between the parts, with
/// `..` where it lies outside `root`.
pub fn relative_path(path: &std::path::Path, root: &std::path::Path) -> String {
    use std::path::Component;
    let path: Vec<Component> = path.components().collect();
    let root: Vec<Component> = root.components().collect();
    let common = path.iter().zip(&root).take_while(|(a, b)| a == b).count();
    let ups = root.len().saturating_sub(common);
    let mut parts: Vec<String> = vec!["..".to_owned(); ups];
    parts.extend(
        path.iter()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
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
            "xliff" | "xlf" => Some(Markup::Xliff),
            _ => None,
        }
    }
}

/// One document to check, with where it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// The path as given, for reports (`<stdin>` for standard input).
    pub name: String,
    /// The record id, for JSON Lines input.
    pub id: Option<String>,
    /// The document's text.
    pub text: String,
    /// How the text is written.
    pub markup: Markup,
    /// Problems met while reading that did not stop the document from being checked.
    pub warnings: Vec<String>,
    /// The file the whole document was read from (not for standard input or a record): where
    /// `--fix` writes.
    pub file: Option<FileOrigin>,
    /// Offsets in `text` to offsets in the input's bytes, when decoding changed them.
    pub byte_map: ByteMap,
    /// For a JSON Lines record read for a report that locates findings in the file (SARIF,
    /// GitHub, rdjson): where its text sits in the file.
    pub record: Option<Box<RecordPlace>>,
    /// The text this document translates, when the input carries it: the document is then
    /// checked against it as well.
    pub source_text: Option<SourceText>,
    /// The language of a source that does not say its own (`--source-lang`), for inputs that
    /// carry their sources inside (XLIFF).
    pub default_source_lang: Option<String>,
    /// An XLIFF document as read when the input was (`None`: read when it is checked).
    pub xliff: Option<Box<crate::document::xliff::XliffDocument>>,
}

/// The source of a translation: its text and, when known, its language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceText {
    /// The source text, as read.
    pub text: String,
    /// Its language, an ISO 639-1 code in lower case (`fr`), when the input or `--source-lang`
    /// says.
    pub lang: Option<String>,
    /// For a source read from a Markdown or HTML file: the file, which `text` was taken from.
    pub file: Option<Box<SourceFile>>,
}

/// The file a source's prose was taken from, for placing the source's spans in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The file's text.
    pub original: String,
    /// The prose onto the file.
    pub map: crate::document::OffsetMap,
}

impl SourceText {
    /// A source text in `lang`, the code normalized: lower case, a region or script dropped
    /// (`fr-CA`, `zh_Hant` → `fr`, `zh`); an empty code is no language.
    pub fn new(text: String, lang: Option<&str>) -> SourceText {
        SourceText {
            text,
            lang: lang.and_then(crate::document::language_code),
            file: None,
        }
    }
}

/// The file a document was read from, as it was when read: `--fix` rewrites it only if it is
/// still so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileOrigin {
    /// The path, as given or found (never through a lossy string).
    pub path: PathBuf,
    /// Its size when read.
    pub len: u64,
    /// Its modification time when read, where the file system keeps one.
    pub modified: Option<SystemTime>,
}

/// The default of `--max-document-size`: 256 MiB.
pub const DEFAULT_MAX_DOCUMENT_SIZE: u64 = 256 << 20;

/// What reading an input gives.
#[derive(Debug)]
pub enum Input {
    /// A document to check.
    Document(Source),
    /// An input that could not be read: reported, and the run fails.
    Unreadable(InputError),
    /// A file found in a folder that is not text (detected by content): skipped with a notice.
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
    /// The 1-based line, for a bad JSON Lines record or a malformed XLIFF file.
    pub line: Option<usize>,
    /// The 1-based column (in chars), where the line alone does not say where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What went wrong.
    pub message: String,
}

impl InputError {
    /// Where the error is, as reports print it after the path: `:line:column`, `:line` or
    /// nothing.
    pub fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => format!(":{line}:{column}"),
            (Some(line), None) => format!(":{line}"),
            _ => String::new(),
        }
    }
}

/// The error for a document of `len` bytes (or more, when `at_least`) when it is larger than
/// `limit` (`--max-document-size`, at most the 4 GiB word offsets can address).
fn too_large(
    source: &str,
    line: Option<usize>,
    len: u64,
    limit: u64,
    at_least: bool,
) -> Option<InputError> {
    let hard = u64::try_from(MAX_TEXT_BYTES).unwrap_or(u64::MAX);
    let limit = limit.min(hard);
    let size = if at_least {
        format!("more than {limit} bytes")
    } else {
        format!("{len} bytes")
    };
    (len > limit).then(|| InputError {
        source: source.to_owned(),
        line,
        column: None,
        message: format!(
            "the document is {size} long: larger than the limit of {limit} bytes \
             (--max-document-size; mtlint reads at most {hard}); not checked"
        ),
    })
}

/// The name standard input gets in reports.
pub const STDIN_NAME: &str = "<stdin>";

/// One input of a run, in order.
enum Entry {
    Stdin,
    /// A file, and the folder it was found in (`None`: named on the command line, always
    /// checked; a file found in a folder is skipped when it is not text).
    File(PathBuf, Option<PathBuf>),
    Unreadable(InputError),
}

/// How the inputs of a run are read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// How to read them.
    pub format: InputFormat,
    /// The field names of JSON Lines records.
    pub fields: JsonlFields,
    /// Globs of the paths to keep when walking folders (empty: every path).
    pub include: Vec<String>,
    /// Globs of paths to leave out when walking folders.
    pub exclude: Vec<String>,
    /// The largest document read, in bytes: larger ones are refused with an error.
    pub max_document_size: u64,
    /// The name standard input is reported under, whose extension chooses how it is read.
    pub stdin_name: Option<PathBuf>,
    /// Whether JSON Lines records keep where their text sits in the file, for reports that
    /// place findings on the file's lines.
    pub record_places: bool,
    /// Files never read as documents when found in a folder (the report being written, the
    /// vocabulary and baseline files of the configuration).
    pub not_inputs: Vec<PathBuf>,
    /// Where the source articles of the translations are (`--source`), when they are files
    /// of their own.
    pub source: Option<SourcePairing>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            format: InputFormat::Auto,
            fields: JsonlFields::default(),
            include: Vec::new(),
            exclude: Vec::new(),
            max_document_size: DEFAULT_MAX_DOCUMENT_SIZE,
            stdin_name: None,
            record_places: false,
            not_inputs: Vec::new(),
            source: None,
        }
    }
}

/// The documents of a run, read one at a time in input order: files, folders (recursive,
/// `.gitignore`-aware, files sorted, paths matching an `exclude` glob left out) and `-` for
/// standard input. JSON Lines inputs are read a record at a time, so memory holds one document,
/// not the corpus. Inputs that cannot be read come out as errors in their place.
pub struct InputStream {
    entries: std::vec::IntoIter<Entry>,
    records: Option<Records>,
    options: ReadOptions,
    /// Folders given whose walk found no file to read.
    empty_folders: Vec<PathBuf>,
}

impl InputStream {
    /// The inputs named by `paths`. A file named twice (by two paths, or by a path and a
    /// folder holding it) is read once, at its first place.
    pub fn new(paths: &[PathBuf], options: &ReadOptions) -> InputStream {
        let mut entries = Vec::new();
        let mut seen: HashSet<PathBuf> = HashSet::new();
        let not_inputs: HashSet<PathBuf> = options
            .not_inputs
            .iter()
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect();
        let wanted = |file: &PathBuf| {
            not_inputs.is_empty()
                || std::fs::canonicalize(file).map_or(true, |c| !not_inputs.contains(&c))
        };
        let mut empty_folders = Vec::new();
        // A path that cannot be resolved (missing) keeps its place; its error comes on opening.
        // One path alone names each file once (a folder walk yields a file once): no need to
        // resolve thousands of them.
        let single = paths.len() == 1;
        let mut first_time = |path: &PathBuf| {
            single
                || match std::fs::canonicalize(path) {
                    Ok(canonical) => seen.insert(canonical),
                    Err(_) => true,
                }
        };
        for path in paths {
            if path.as_os_str() == "-" {
                entries.push(Entry::Stdin);
            } else if path.is_dir() {
                let (files, errors) =
                    walk::files_in(path, options.format, &options.include, &options.exclude);
                if files.is_empty() && errors.is_empty() {
                    empty_folders.push(path.clone());
                }
                entries.extend(errors.into_iter().map(Entry::Unreadable));
                entries.extend(
                    files
                        .into_iter()
                        .filter(|file| wanted(file) && first_time(file))
                        .map(|file| Entry::File(file, Some(path.clone()))),
                );
            } else if first_time(path) {
                entries.push(Entry::File(path.clone(), None));
            }
        }
        InputStream {
            entries: entries.into_iter(),
            records: None,
            options: options.clone(),
            empty_folders,
        }
    }

    /// The folders given whose walk found no file mtlint reads (all excluded, ignored or of
    /// other kinds).
    pub fn empty_folders(&self) -> &[PathBuf] {
        &self.empty_folders
    }

    /// The size of the files still to read, in bytes (standard input not counted): it reads
    /// the metadata of each.
    pub fn total_bytes(&self) -> u64 {
        self.entries
            .as_slice()
            .iter()
            .filter_map(|e| match e {
                Entry::File(path, _) => std::fs::metadata(path).ok().map(|m| m.len()),
                _ => None,
            })
            .sum()
    }

    fn open(&mut self, entry: Entry) -> Option<Input> {
        let (name, path, root) = match entry {
            Entry::Unreadable(error) => return Some(Input::Unreadable(error)),
            Entry::Stdin => (
                self.options
                    .stdin_name
                    .as_ref()
                    .map_or_else(|| STDIN_NAME.to_owned(), |n| n.display().to_string()),
                None,
                None,
            ),
            Entry::File(path, root) => (path.display().to_string(), Some(path), root),
        };
        let named = root.is_none();
        // Standard input is read by the extension of the name it was given, if any.
        let named_as = path.as_ref().or(self.options.stdin_name.as_ref());
        let format = match (self.options.format, named_as) {
            (InputFormat::Auto, Some(path)) if walk::is_jsonl(path) => InputFormat::Jsonl,
            (InputFormat::Auto, Some(path)) if walk::is_markdown(path) => InputFormat::Markdown,
            (InputFormat::Auto, Some(path)) if walk::is_html(path) => InputFormat::Html,
            (InputFormat::Auto, Some(path)) if walk::is_xliff(path) => InputFormat::Xliff,
            (other, _) => other,
        };
        let limit = self.options.max_document_size;
        let cannot = |what: &str, e: std::io::Error| InputError {
            source: name.clone(),
            line: None,
            column: None,
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
            let mut records = Records::new(name, reader, self.options.fields.clone(), limit);
            records.keep_places(self.options.record_places);
            self.records = Some(records);
            return None;
        }
        let mut stamp = None;
        let bytes = match &path {
            None => read_bounded(std::io::stdin().lock(), 0, limit)
                .map_err(|e| cannot("cannot read standard input", e)),
            // One open file gives both the size (refused before reading when too large) and
            // the text: a file costs one metadata call, not two.
            Some(path) => match File::open(path).and_then(|file| Ok((file.metadata()?, file))) {
                Ok((metadata, _))
                    if let Some(error) = too_large(&name, None, metadata.len(), limit, false) =>
                {
                    return Some(Input::Unreadable(error));
                }
                Ok((metadata, file)) => {
                    stamp = Some((metadata.len(), metadata.modified().ok()));
                    read_bounded(file, metadata.len(), limit).map_err(|e| cannot("cannot read", e))
                }
                Err(e) => Err(cannot("cannot read", e)),
            },
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(error) => return Some(Input::Unreadable(error)),
        };
        // A file that grew after its size was read, or standard input, stops at the limit.
        if let Some(error) = too_large(&name, None, bytes.len() as u64, limit, true) {
            return Some(Input::Unreadable(error));
        }
        let utf16 = matches!(bytes.get(..2), Some([0xff, 0xfe] | [0xfe, 0xff]));
        let binary = if utf16 { None } else { binary_reason(&bytes) };
        if let Some(reason) = binary
            && !named
        {
            return Some(Input::Skipped {
                source: name,
                reason,
            });
        }
        let decoded = decode_input(bytes);
        let mut warnings: Vec<String> = binary
            .map(|reason| {
                format!("does not look like text ({reason}); checked as text because it was named")
            })
            .into_iter()
            .collect();
        warnings.extend(decoded.warning);
        // An XLIFF file is read here, once: a malformed one is an input error, not a document.
        let xliff = match format {
            InputFormat::Xliff => match crate::document::xliff::read(&decoded.text) {
                Ok(read) => Some(Box::new(read)),
                Err(error) => {
                    return Some(Input::Unreadable(xliff_error(name, &decoded.text, error)));
                }
            },
            _ => None,
        };
        let source_text = match (&self.options.source, format) {
            (
                Some(pairing),
                InputFormat::Auto | InputFormat::Text | InputFormat::Markdown | InputFormat::Html,
            ) => {
                let translation = path.clone().unwrap_or_else(|| PathBuf::from(&name));
                let source_path = pairing.source_of(&translation, root.as_deref());
                match pairing.read(&source_path, &name) {
                    Ok(source) => Some(source),
                    Err(error) => return Some(Input::Unreadable(error)),
                }
            }
            _ => None,
        };
        let file = match (path, stamp) {
            (Some(path), Some((len, modified))) => Some(FileOrigin {
                path,
                len,
                modified,
            }),
            _ => None,
        };
        Some(Input::Document(Source {
            name,
            id: None,
            text: decoded.text,
            markup: match format {
                InputFormat::Markdown => Markup::Markdown,
                InputFormat::Html => Markup::Html,
                InputFormat::Xliff => Markup::Xliff,
                _ => Markup::Plain,
            },
            warnings,
            file,
            byte_map: decoded.byte_map,
            record: None,
            source_text,
            default_source_lang: self.options.fields.default_source_lang.clone(),
            xliff,
        }))
    }
}

/// Reads `reader` to its end, or to one byte past `limit` (so that an endless input such as
/// `/dev/urandom` stops there), with room for `expected` bytes made at once.
fn read_bounded(reader: impl Read, expected: u64, limit: u64) -> std::io::Result<Vec<u8>> {
    let capacity = expected.min(limit.saturating_add(1));
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
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

/// The input error of a malformed XLIFF file, at its line and column.
fn xliff_error(name: String, text: &str, error: crate::document::xliff::XliffError) -> InputError {
    let offset = crate::document::floor_char_boundary(text, error.offset);
    let place = crate::document::LineIndex::new(text).line_column(text, offset);
    InputError {
        source: name,
        line: Some(place.line),
        column: Some(place.column),
        message: error.message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_up_to_the_token_limit_are_read_and_larger_ones_refused() {
        let limit = MAX_TEXT_BYTES as u64;
        assert_eq!(too_large("a.txt", None, limit, u64::MAX, false), None);
        let error = too_large("a.jsonl", Some(3), limit + 1, u64::MAX, false).unwrap();
        assert_eq!((error.source.as_str(), error.line), ("a.jsonl", Some(3)));
        assert!(
            error.message.contains("limit of 4294967295 bytes"),
            "{}",
            error.message
        );
        let error = too_large("-", None, 11, 10, true).unwrap();
        assert!(
            error.message.contains("more than 10 bytes"),
            "{}",
            error.message
        );
    }
}
