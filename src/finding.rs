//! The report model's unit: one finding, located in the original text.

use std::sync::Arc;

use serde::Serialize;

use crate::taxonomy::{Category, Severity};

/// One artifact found in a document. Spans are byte offsets into the original text (for a JSON
/// Lines record: into the value of its text field); lines and columns are 1-based and columns
/// count Unicode scalar values. `end_column` is the column just past the span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's id (shared with the rule and its other findings).
    pub rule: Arc<str>,
    /// The rule's category.
    pub category: Category,
    /// The severity in effect.
    pub severity: Severity,
    /// The rule's message, or the hit's own (shared with the rule when it is the rule's).
    pub message: Arc<str>,
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
    /// For a finding that compares the document with its source: where it is in the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourcePlace>,
    /// Whether the finding covers a whole block of page furniture (its rule's `span = "block"`).
    #[serde(skip)]
    pub block: bool,
}

/// Where a bilingual finding is in the source text: byte offsets into the source (for a JSON
/// Lines record, into the value of its source field), its 1-based line and column (in chars),
/// and the source text of the span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourcePlace {
    /// Byte offset of the span's start in the source.
    pub start: usize,
    /// Byte offset just past the span in the source.
    pub end: usize,
    /// Line of `start`.
    pub line: usize,
    /// Column of `start`.
    pub column: usize,
    /// The source text of the span.
    pub text: String,
    /// The source sentence (or segment) the span is in, when it is more than the span: what
    /// the human report quotes under the finding.
    #[serde(skip)]
    pub sentence: Option<String>,
}

impl Finding {
    /// A finding's fingerprint, stable across runs and across edits elsewhere in the document: the
    /// rule, the flagged text and a few letters of normalized context on each side within its
    /// line — never its line number or offset. `text` is the document's original text. Hex of
    /// a 64-bit FNV-1a hash.
    pub fn fingerprint(&self, text: &str) -> String {
        self.fingerprint_as(&self.rule, text)
    }

    /// The fingerprint the finding would have if its rule were called `rule` (a baseline
    /// written before a rule was renamed holds fingerprints of its former id).
    pub fn fingerprint_as(&self, rule: &str, text: &str) -> String {
        const CONTEXT: usize = 24;
        // Context stops at the line's ends, and never looks further than this many bytes.
        const REACH: usize = 256;
        let mut from = self.start.saturating_sub(REACH);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let line_start = text
            .get(from..self.start)
            .and_then(|b| b.rfind(['\n', '\r']))
            .map_or(from, |i| from + i + 1);
        let mut to = self.end.saturating_add(REACH).min(text.len());
        while !text.is_char_boundary(to) {
            to += 1;
        }
        let line_end = text
            .get(self.end..to)
            .and_then(|a| a.find(['\n', '\r']))
            .map_or(to, |i| self.end + i);
        let normalize = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let before: String = normalize(text.get(line_start..self.start).unwrap_or(""))
            .chars()
            .rev()
            .take(CONTEXT)
            .collect();
        let after: String = normalize(text.get(self.end..line_end).unwrap_or(""))
            .chars()
            .take(CONTEXT)
            .collect();
        let key = format!("{rule}\u{0}{}\u{0}{before}\u{0}{after}", self.text);
        let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
        format!("{hash:016x}")
    }
}
