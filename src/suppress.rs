//! Inline suppressions: comments in Markdown and HTML that silence findings.
//!
//! - `<!-- mtlint-disable RULE… -->` silences the named rules (ids, categories such as
//!   `fluency/spelling`, or a category's first part such as `fluency`) from the comment on;
//!   without names, every rule.
//! - `<!-- mtlint-enable RULE… -->` ends the disables of the named rules; without names, every
//!   disable.
//! - `<!-- mtlint-disable-next-line RULE… -->` silences findings that start on the line after
//!   the comment's last line.
//!
//! Names are separated by commas or spaces. Suppressed findings are counted, not scored.

use std::ops::Range;

use crate::document::prose::Comment;
use crate::finding::Finding;

/// Which rules a directive names.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Selector {
    /// No names: every rule.
    Every,
    /// Rule ids, categories or category families.
    Names(Vec<String>),
}

impl Selector {
    fn matches(&self, finding: &Finding) -> bool {
        match self {
            Selector::Every => true,
            Selector::Names(names) => names.iter().any(|name| names_finding(name, finding)),
        }
    }
}

/// Whether `name` is the finding's rule id, its category, or its category's family.
fn names_finding(name: &str, finding: &Finding) -> bool {
    let category = finding.category.as_str();
    name == &*finding.rule
        || name == category
        || category
            .split_once('/')
            .is_some_and(|(family, _)| family == name)
}

/// The suppressions of one document, read from its comments.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    /// Byte ranges of the original where the selector's rules are off.
    regions: Vec<(Selector, Range<usize>)>,
    /// Lines (1-based) where the selector's rules are off.
    lines: Vec<(Selector, usize)>,
}

impl Suppressions {
    /// Reads the directives among `comments` (in document order). `place_of` gives the 1-based
    /// line and column of an original byte offset and `is_known` says whether a name is a rule
    /// id or a category; a directive that names something unknown or misuses `enable` yields a
    /// warning starting with the directive's `line:column: `, returned beside the suppressions.
    pub fn read(
        comments: &[Comment],
        place_of: impl Fn(usize) -> (usize, usize),
        is_known: impl Fn(&str) -> bool,
    ) -> (Suppressions, Vec<String>) {
        let line_of = |offset| place_of(offset).0;
        let mut suppressions = Suppressions::default();
        let mut warnings = Vec::new();
        let mut open: Vec<(Selector, usize)> = Vec::new();
        for comment in comments {
            let Some((directive, mut selector)) = parse(&comment.text) else {
                continue;
            };
            let (line, column) = place_of(comment.range.start);
            if let Selector::Names(names) = &mut selector {
                for name in names.iter().filter(|n| !is_known(n)) {
                    warnings.push(format!(
                        "{line}:{column}: `{directive}` names `{name}`, which is neither a rule nor a category"
                    ));
                }
                // A rule's former id: said once here, then read as its current id.
                for name in names.iter_mut() {
                    if let Some(notice) = crate::rules::renamed_notice(name) {
                        warnings.push(format!("{line}:{column}: {notice}"));
                        *name = crate::rules::current_rule_id(name).to_owned();
                    }
                }
            }
            match directive {
                Directive::Disable => open.push((selector, comment.range.end)),
                Directive::DisableNextLine => {
                    let last_line = line_of(comment.range.end.saturating_sub(1));
                    suppressions.lines.push((selector, last_line + 1));
                }
                Directive::Enable => {
                    let closed = close(&mut open, &selector, comment.range.start);
                    if closed.is_empty() {
                        warnings.push(format!(
                            "{line}:{column}: `mtlint-enable` without a matching `mtlint-disable` \
                             (a disable of every rule ends only with a bare `mtlint-enable`)"
                        ));
                    }
                    suppressions.regions.extend(closed);
                }
            }
        }
        suppressions.regions.extend(
            open.into_iter()
                .map(|(selector, start)| (selector, start..usize::MAX)),
        );
        (suppressions, warnings)
    }

    /// Whether no directive was read.
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty() && self.lines.is_empty()
    }

    /// Whether `finding` is silenced.
    pub fn suppresses(&self, finding: &Finding) -> bool {
        self.regions
            .iter()
            .any(|(selector, range)| range.contains(&finding.start) && selector.matches(finding))
            || self
                .lines
                .iter()
                .any(|(selector, line)| *line == finding.line && selector.matches(finding))
    }
}

/// Ends the open disables that `selector` names at offset `at`, returning the closed regions.
/// A bare enable ends them all; named ones end those names, keeping the rest of a disable open.
fn close(
    open: &mut Vec<(Selector, usize)>,
    selector: &Selector,
    at: usize,
) -> Vec<(Selector, Range<usize>)> {
    let mut closed = Vec::new();
    let Selector::Names(ending) = selector else {
        closed.extend(open.drain(..).map(|(s, start)| (s, start..at)));
        return closed;
    };
    for (disabled, start) in open.iter_mut() {
        let Selector::Names(names) = disabled else {
            continue;
        };
        let (ended, kept): (Vec<String>, Vec<String>) =
            names.drain(..).partition(|n| ending.contains(n));
        *names = kept;
        if !ended.is_empty() {
            closed.push((Selector::Names(ended), *start..at));
        }
    }
    open.retain(|(s, _)| !matches!(s, Selector::Names(names) if names.is_empty()));
    closed
}

/// The kinds of directive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Directive {
    Disable,
    DisableNextLine,
    Enable,
}

impl std::fmt::Display for Directive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Directive::Disable => "mtlint-disable",
            Directive::DisableNextLine => "mtlint-disable-next-line",
            Directive::Enable => "mtlint-enable",
        })
    }
}

/// The directive in a comment's text, if it holds one.
/// The directive lines of a plain-text document: a line holding only a directive, bare
/// (`mtlint-disable-next-line repeated-word`) or in an HTML comment as in Markdown, as a
/// comment whose range is the whole line.
pub fn plain_text_directives(text: &str) -> Vec<Comment> {
    // Most documents hold none: one search of the text decides.
    if memchr::memmem::find(text.as_bytes(), b"mtlint-").is_none() {
        return Vec::new();
    }
    crate::document::line_ranges(text)
        .filter_map(|range| {
            let line = text.get(range.clone())?.trim();
            let inner = match line.strip_prefix("<!--") {
                Some(rest) => rest.strip_suffix("-->")?,
                None => line,
            };
            parse(inner)?;
            Some(Comment {
                text: inner.to_owned(),
                range,
            })
        })
        .collect()
}

fn parse(comment: &str) -> Option<(Directive, Selector)> {
    let text = comment.trim();
    let (directive, rest) = [
        Directive::DisableNextLine,
        Directive::Disable,
        Directive::Enable,
    ]
    .into_iter()
    .find_map(|d| {
        let rest = text.strip_prefix(&d.to_string())?;
        (rest.is_empty() || rest.starts_with(char::is_whitespace)).then_some((d, rest))
    })?;
    let names: Vec<String> = rest
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect();
    let selector = if names.is_empty() {
        Selector::Every
    } else {
        Selector::Names(names)
    };
    Some((directive, selector))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::{Category, Severity};

    fn finding(rule: &str, category: Category, start: usize, line: usize) -> Finding {
        Finding {
            rule: rule.into(),
            category,
            severity: Severity::Minor,
            message: "".into(),
            start,
            end: start + 1,
            line,
            column: 1,
            end_line: line,
            end_column: 2,
            text: String::new(),
            suggestions: Vec::new(),
            source: None,
            block: false,
        }
    }

    fn comment(text: &str, range: Range<usize>) -> Comment {
        Comment {
            text: text.to_owned(),
            range,
        }
    }

    /// Lines are ten bytes long in these tests.
    fn read(comments: &[Comment]) -> (Suppressions, Vec<String>) {
        Suppressions::read(
            comments,
            |offset| (offset / 10 + 1, offset % 10 + 1),
            |name| name != "nonsense",
        )
    }

    #[test]
    fn plain_text_reads_directive_lines_bare_or_in_comments() {
        let text = "One.\nmtlint-disable-next-line repeated-word\nthe the\n  <!-- mtlint-disable -->\nsee mtlint-disable in prose\n";
        let lines: Vec<&str> = plain_text_directives(text)
            .iter()
            .map(|c| &text[c.range.clone()])
            .collect();
        assert_eq!(
            lines,
            [
                "mtlint-disable-next-line repeated-word",
                "  <!-- mtlint-disable -->"
            ]
        );
        assert!(plain_text_directives("No directives here.\n").is_empty());
    }

    #[test]
    fn disable_and_enable_bound_a_region() {
        let (s, warnings) = read(&[
            comment(" mtlint-disable repeated-word ", 10..20),
            comment(" mtlint-enable repeated-word ", 50..60),
        ]);
        assert!(warnings.is_empty());
        let dup = Category::FluencyDuplication;
        assert!(!s.suppresses(&finding("repeated-word", dup, 5, 1)));
        assert!(s.suppresses(&finding("repeated-word", dup, 25, 3)));
        assert!(!s.suppresses(&finding("quote-capital", dup, 25, 3)));
        assert!(!s.suppresses(&finding("repeated-word", dup, 65, 7)));
    }

    #[test]
    fn bare_disable_silences_every_rule_to_the_end() {
        let (s, _) = read(&[comment("mtlint-disable", 0..10)]);
        assert!(s.suppresses(&finding("anything", Category::FluencySpelling, 1_000, 100)));
    }

    #[test]
    fn categories_and_families_are_names_too() {
        let (s, _) = read(&[comment("mtlint-disable-next-line fluency", 0..9)]);
        assert!(s.suppresses(&finding("typo", Category::FluencySpelling, 12, 2)));
        assert!(!s.suppresses(&finding("typo", Category::FluencySpelling, 25, 3)));
        let (s, _) = read(&[comment("mtlint-disable-next-line fluency/spelling", 0..9)]);
        assert!(!s.suppresses(&finding("x", Category::FluencyGrammar, 12, 2)));
    }

    #[test]
    fn named_enable_keeps_the_other_names_disabled() {
        let (s, _) = read(&[
            comment("mtlint-disable a, b", 0..10),
            comment("mtlint-enable a", 30..40),
        ]);
        let cat = Category::FluencyGrammar;
        assert!(!s.suppresses(&finding("a", cat, 45, 5)));
        assert!(s.suppresses(&finding("b", cat, 45, 5)));
    }

    #[test]
    fn unknown_names_and_unmatched_enables_warn() {
        let (s, warnings) = read(&[
            comment("mtlint-disable nonsense", 0..10),
            comment("mtlint-enable other", 30..40),
            comment("mtlint-disabled is not a directive", 50..60),
        ]);
        assert!(!s.is_empty());
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("`nonsense`"));
        assert!(warnings[0].starts_with("1:1: "), "{warnings:?}");
        assert!(warnings[1].starts_with("4:1: "), "{warnings:?}");
    }
}
