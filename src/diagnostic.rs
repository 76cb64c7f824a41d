//! Load errors in rule and configuration files: a message at a place, drawn with a caret.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::document::LineIndex;

/// A mistake in a rule or configuration file, with the file, the span and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it, or `builtin:…` for embedded rules.
    pub path: String,
    /// The file's text, shared by its diagnostics; empty when the file could not be read.
    pub source: Arc<str>,
    /// Byte span of the mistake in `source`.
    pub span: Range<usize>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at `span` of `source`.
    pub fn new(
        path: impl Into<String>,
        source: Arc<str>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let span = clamp_to_char_boundaries(&source, span);
        Diagnostic {
            path: path.into(),
            source,
            span,
            message: message.into(),
        }
    }

    /// A diagnostic about a whole file (it could not be read, or is not UTF-8).
    pub fn file(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::new(path, Arc::from(""), 0..0, message)
    }

    /// The 1-based line and column where the mistake starts.
    pub fn line_column(&self) -> (usize, usize) {
        let position = LineIndex::new(&self.source).line_column(&self.source, self.span.start);
        (position.line, position.column)
    }

    /// Renders the diagnostic rustc-style, with the source line and a caret under the span.
    pub fn render(&self, renderer: &Renderer) -> String {
        if self.source.is_empty() {
            let title = format!("{}: {}", self.path, self.message);
            let report = [Group::with_title(Level::ERROR.primary_title(title))];
            return renderer.render(&report).to_string();
        }
        let report = [Level::ERROR.primary_title(self.message.as_str()).element(
            Snippet::source(&*self.source)
                .path(self.path.as_str())
                .fold(true)
                .annotation(AnnotationKind::Primary.span(self.span.clone())),
        )];
        renderer.render(&report).to_string()
    }
}

fn clamp_to_char_boundaries(source: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&Renderer::plain()))
    }
}

impl std::error::Error for Diagnostic {}

/// One or more diagnostics: loading stops at the first bad rule of each file but reports every
/// file's mistakes at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_path_line_column_and_caret() {
        let source: Arc<str> = Arc::from("[[rule]]\nid = \"x\"\ncheck = \"patern\"\n");
        let start = source.find("\"patern\"").unwrap();
        let d = Diagnostic::new("my.toml", source, start..start + 8, "unknown check kind");
        assert_eq!(d.line_column(), (3, 9));
        let text = d.to_string();
        assert!(text.contains("error: unknown check kind"), "{text}");
        assert!(text.contains("my.toml:3:9"), "{text}");
        assert!(text.contains("^^^^^^^^"), "{text}");
    }
}
