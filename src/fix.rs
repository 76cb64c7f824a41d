//! Fixes: applying the first suggestion of findings to the original text, without letting
//! overlapping edits corrupt it.

use std::ops::Range;

use crate::input::{Markup, Source};
use crate::linter::Linter;
use crate::report::DocumentReport;
use crate::rules::FixSafety;

/// The most rounds of fixing one document: a fix can reveal a finding (or free a fix that
/// overlapped another), so fixing repeats until nothing changes.
const MAX_ROUNDS: usize = 8;

/// A document after fixing.
#[derive(Debug)]
pub struct Fixed {
    /// The report on the fixed text.
    pub report: DocumentReport,
    /// The fixed text, when it differs from the original.
    pub text: Option<String>,
    /// How many fixes were applied.
    pub applied: usize,
}

/// Fixes `source` with `linter`'s rules: the first suggestion of every finding whose rule's fix
/// is safe (and of every finding with a suggestion, with `unsafe_fixes`), round after round
/// until no fix applies.
pub fn fix(linter: &Linter, source: Source, unsafe_fixes: bool) -> Fixed {
    let original = source.text.clone();
    let markup = source.markup;
    let mut current = source;
    let mut applied = 0;
    for _ in 0..MAX_ROUNDS {
        let report = linter.lint(current.clone());
        let edits = edits_for(linter, &report, markup, unsafe_fixes);
        let (fixed, count) = apply_counting(&current.text, &edits);
        if count == 0 || fixed == current.text {
            return finish(report, original, applied);
        }
        applied += count;
        current.text = fixed;
    }
    let report = linter.lint(current);
    finish(report, original, applied)
}

fn finish(report: DocumentReport, original: String, applied: usize) -> Fixed {
    let text = (report.text != original).then(|| report.text.clone());
    Fixed {
        report,
        text,
        applied,
    }
}

/// The edits the fixable findings of `report` ask for (the first suggestion of each finding of
/// a rule whose fix is safe, or of every finding with `unsafe_fixes`). In HTML the replacement
/// is escaped. In Markdown, a finding right beside a delimiter run (`*`, `_`, `~`, a backtick)
/// is not fixed: removing or adding a space there can open or close emphasis or code.
pub fn edits_for(
    linter: &Linter,
    report: &DocumentReport,
    markup: Markup,
    unsafe_fixes: bool,
) -> Vec<Edit> {
    let rules = linter.engine.rules();
    report
        .findings
        .iter()
        .filter(|f| {
            unsafe_fixes
                || rules
                    .get(&f.rule)
                    .is_some_and(|rule| rule.fix_safety == FixSafety::Safe)
        })
        .filter(|f| markup != Markup::Markdown || !beside_delimiter(&report.text, f.start, f.end))
        .filter_map(|f| {
            let suggestion = f.suggestions.first().filter(|s| **s != f.text)?;
            let replacement = match markup {
                Markup::Html => html_escape::encode_text(suggestion).into_owned(),
                Markup::Plain | Markup::Markdown => suggestion.clone(),
            };
            Some(Edit {
                span: f.start..f.end,
                replacement,
            })
        })
        .collect()
}

/// Whether the span `start..end` of the Markdown `text` starts right after or ends right before
/// a character of an emphasis or code delimiter.
fn beside_delimiter(text: &str, start: usize, end: usize) -> bool {
    let delimiter = |c: char| matches!(c, '*' | '_' | '~' | '`');
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    before.is_some_and(delimiter) || after.is_some_and(delimiter)
}

/// One replacement of a byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    /// The byte span replaced.
    pub span: Range<usize>,
    /// What replaces it.
    pub replacement: String,
}

/// Applies `edits` to `text`. Edits are taken in order of position; one that overlaps an edit
/// already taken is skipped, so the result is always well formed. Spans off char boundaries or
/// outside the text are skipped too.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    apply_counting(text, edits).0
}

/// [`apply`], also counting the edits applied.
fn apply_counting(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut applied = 0;
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in sorted {
        let Range { start, end } = edit.span;
        let valid = start >= cursor
            && start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        if !valid {
            continue;
        }
        out.push_str(&text[cursor..start]);
        out.push_str(&edit.replacement);
        cursor = end;
        applied += 1;
    }
    out.push_str(&text[cursor..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(span: Range<usize>, replacement: &str) -> Edit {
        Edit {
            span,
            replacement: replacement.to_owned(),
        }
    }

    #[test]
    fn applies_edits_in_position_order() {
        let text = "the the cat sat .";
        let edits = [edit(15..17, "."), edit(0..4, "")];
        assert_eq!(apply(text, &edits), "the cat sat.");
    }

    #[test]
    fn overlapping_edits_keep_the_first() {
        assert_eq!(apply("abcdef", &[edit(1..4, "X"), edit(2..5, "Y")]), "aXef");
    }

    #[test]
    fn markdown_spans_beside_a_delimiter_are_told() {
        let text = "`code`* , - `*";
        let comma = text.find(" ,").unwrap();
        assert!(beside_delimiter(text, comma, comma + 2));
        assert!(!beside_delimiter("said , then", 4, 6));
    }

    #[test]
    fn edits_off_char_boundaries_are_skipped() {
        assert_eq!(apply("“a”", &[edit(1..2, "x")]), "“a”");
    }
}
