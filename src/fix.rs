//! Fixes: applying the first suggestion of findings to the original text, without letting
//! overlapping edits corrupt it.

use crate::edit::apply_counting;
pub use crate::edit::{Edit, apply};
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
/// is not fixed: removing or adding a space there can open or close emphasis or code; nor is
/// one at the start of a line, where an edit can make a list item or a heading.
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
        .filter(|f| {
            markup != Markup::Markdown
                || !(beside_delimiter(&report.text, f.start, f.end)
                    || opens_line(&report.text, f.start))
        })
        .filter_map(|f| {
            let suggestion = f.suggestions.first().filter(|s| **s != f.text)?;
            let replacement = match markup {
                Markup::Html | Markup::Xliff => html_escape::encode_text(suggestion).into_owned(),
                Markup::Plain | Markup::Markdown => suggestion.clone(),
            };
            Some(Edit {
                span: f.start..f.end,
                replacement,
            })
        })
        .collect()
}

/// Whether only spaces stand between the start of its line and byte `start` of the Markdown
/// `text`: an edit there can make the line a list item, a quote or a heading.
fn opens_line(text: &str, start: usize) -> bool {
    text.get(..start)
        .unwrap_or_default()
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .all(|c| c == ' ' || c == '\t')
}

/// Whether the span `start..end` of the Markdown `text` starts right after or ends right before
/// a character of an emphasis or code delimiter.
fn beside_delimiter(text: &str, start: usize, end: usize) -> bool {
    let delimiter = |c: char| matches!(c, '*' | '_' | '~' | '`');
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    before.is_some_and(delimiter) || after.is_some_and(delimiter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_spans_beside_a_delimiter_are_told() {
        let text = "`code`* , - `*";
        let comma = text.find(" ,").unwrap();
        assert!(beside_delimiter(text, comma, comma + 2));
        assert!(!beside_delimiter("said , then", 4, 6));
    }

    #[test]
    fn markdown_spans_that_open_a_line_are_told() {
        let text = "Item one\n , - next";
        assert!(opens_line(text, text.find(',').unwrap() - 1));
        assert!(!opens_line(text, text.find('-').unwrap()));
    }
}
