//! The report model's unit: one finding, located in the original text.

use serde::Serialize;

use crate::taxonomy::{Category, Severity};

/// One artifact found in a document. Spans are byte offsets into the original text (for a JSON
/// Lines record: into the value of its text field); lines and columns are 1-based and columns
/// count Unicode scalar values. `end_column` is the column just past the span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's id.
    pub rule: String,
    /// The rule's category.
    pub category: Category,
    /// The severity in effect.
    pub severity: Severity,
    /// The rule's message.
    pub message: String,
    /// Byte offset of the span's start in the original text.
    pub start: usize,
    /// Byte offset just past the span in the original text.
    pub end: usize,
    /// Line of `start`.
    pub line: usize,
    /// Column of `start`.
    pub column: usize,
    /// Line of `end`.
    pub end_line: usize,
    /// Column of `end`.
    pub end_column: usize,
    /// The flagged original text.
    pub text: String,
    /// Replacements for the span, best first.
    pub suggestions: Vec<String>,
}
