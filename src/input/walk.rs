//! Folder walking: recursive, `.gitignore`-aware, files sorted by path.

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;

use super::{InputError, InputFormat};

const TEXT_EXTENSIONS: &[&str] = &["txt", "text"];
const JSONL_EXTENSIONS: &[&str] = &["jsonl"];
const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown"];
const HTML_EXTENSIONS: &[&str] = &["html", "htm"];
const XLIFF_EXTENSIONS: &[&str] = &["xlf", "xliff"];

/// Whether `path` names an HTML file.
pub fn is_html(path: &Path) -> bool {
    has_extension(path, HTML_EXTENSIONS)
}

/// Whether `path` names a Markdown file.
pub fn is_markdown(path: &Path) -> bool {
    has_extension(path, MARKDOWN_EXTENSIONS)
}

/// Whether `path` names an XLIFF file.
pub fn is_xliff(path: &Path) -> bool {
    has_extension(path, XLIFF_EXTENSIONS)
}

/// Whether `path` names a JSON Lines file.
pub fn is_jsonl(path: &Path) -> bool {
    has_extension(path, JSONL_EXTENSIONS)
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// The files under `dir` that `format` reads, that an `include` glob matches (when there is
/// one) and no `exclude` glob matches, and the entries that could not be read.
pub fn files_in(
    dir: &Path,
    format: InputFormat,
    include: &[String],
    exclude: &[String],
) -> (Vec<PathBuf>, Vec<InputError>) {
    let wanted = |path: &Path| match format {
        InputFormat::Auto => {
            has_extension(path, TEXT_EXTENSIONS)
                || is_jsonl(path)
                || is_markdown(path)
                || is_html(path)
                || is_xliff(path)
        }
        InputFormat::Text => has_extension(path, TEXT_EXTENSIONS),
        InputFormat::Markdown => is_markdown(path),
        InputFormat::Html => is_html(path),
        InputFormat::Jsonl => is_jsonl(path),
        InputFormat::Xliff => is_xliff(path),
    };
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut overrides = OverrideBuilder::new(dir);
    // A glob keeps the paths it matches; `!glob` leaves them out.
    let globs = include
        .iter()
        .map(|glob| (glob, glob.clone(), "include"))
        .chain(
            exclude
                .iter()
                .map(|glob| (glob, format!("!{glob}"), "exclude")),
        );
    for (glob, pattern, kind) in globs {
        if let Err(e) = overrides.add(&pattern) {
            errors.push(InputError {
                source: glob.clone(),
                line: None,
                column: None,
                message: format!("not a valid {kind} glob: {e}"),
            });
        }
    }
    let mut walker = WalkBuilder::new(dir);
    walker.sort_by_file_name(|a, b| a.cmp(b));
    match overrides.build() {
        Ok(overrides) => {
            walker.overrides(overrides);
        }
        Err(e) => errors.push(InputError {
            source: dir.display().to_string(),
            line: None,
            column: None,
            message: format!("bad exclude globs: {e}"),
        }),
    }
    for entry in walker.build() {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                if is_file && wanted(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            Err(e) => errors.push(InputError {
                source: dir.display().to_string(),
                line: None,
                column: None,
                message: format!("cannot walk the folder: {e}"),
            }),
        }
    }
    (files, errors)
}
