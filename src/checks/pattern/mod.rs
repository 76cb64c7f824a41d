//! `pattern`: a regular expression over a scope, with anti-patterns and a suggestion template.
//!
//! ```toml
//! [rule.params]
//! pattern = '[ \t]+([,;:!?])'   # regex crate syntax: linear time, no backtracking
//! scope = "line"                # sentence | line | paragraph | document
//! unless = ['\d :\d']           # a match overlapping a match of any of these is dropped
//! flag_group = 0                # the capture group flagged (0: the whole match); a list
//!                               # flags the first of its groups that took part in the match
//! suggest = "$1"                # replacement for the flagged text; $1, ${name} expand captures
//! bilingual = true              # only in a translation checked against its source
//! ```

use std::sync::Arc;

use regex::{Captures, Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use case_change::CaseChange;
use literals::{LiteralSearch, required_literals};

use super::{CheckKind, Detector, Hit, ParamError, Params, Scope};
use crate::document::{Document, SharedKey};

pub mod case_change;
pub mod literals;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "pattern",
    aliases: &[],
    summary: "a regular expression over sentences, lines, paragraphs or the document",
    compile,
};

/// One capture group, or several of which the first that took part is flagged.
#[derive(Deserialize)]
#[serde(untagged, expecting = "a group number or a list of group numbers")]
enum GroupChoice {
    One(usize),
    FirstOf(Vec<usize>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternParams {
    pattern: Spanned<String>,
    #[serde(default)]
    scope: Scope,
    #[serde(default)]
    unless: Vec<Spanned<String>>,
    #[serde(default)]
    flag_group: Option<Spanned<GroupChoice>>,
    #[serde(default)]
    suggest: Option<Spanned<String>>,
    #[serde(default)]
    bilingual: bool,
}

/// A compiled `pattern` rule.
#[derive(Debug)]
pub struct Pattern {
    regex: Regex,
    /// Literals one of which every match contains, when the pattern has a set worth searching
    /// for: one search over the document finds the few units worth running the pattern on.
    prefilter: Option<LiteralSearch>,
    /// For line scope without a prefilter or absolute anchors: whether `regex` is first run
    /// over the whole text (line scope compiles it with `^` and `$` at line ends). A line can
    /// only match if a match over the whole text overlaps it, so one scan of the document
    /// picks the few lines worth a search with captures.
    scan_whole_text: bool,
    /// For such a pattern, whether every match needs a lower-case letter right before a
    /// capital: the lines that have one are found by a byte scan instead.
    case_change: Option<Arc<CaseChange>>,
    scope: Scope,
    unless: Vec<Regex>,
    flag_groups: Vec<usize>,
    suggest: Option<String>,
    /// Whether the rule runs only on a translation checked against its source (a trace the
    /// English alone cannot tell from a style).
    bilingual: bool,
}

/// Compiles a pattern; `line_ends` puts `^` and `$` at every line end (`\n`, `\r\n` or
/// `\r`), which changes nothing on a single line, as lines hold no terminator.
fn compile_regex(source: &Spanned<String>, line_ends: bool) -> Result<Regex, ParamError> {
    RegexBuilder::new(source.get_ref())
        .multi_line(line_ends)
        .crlf(line_ends)
        .build()
        .map_err(|e| {
            ParamError::new(
                source.span(),
                format!("invalid regular expression: {}", one_line(&e.to_string())),
            )
        })
}

/// Whether a line-scope pattern anchors at the very start or end of its haystack (`\A`, `\z`,
/// or `^` and `$` with multi-line mode turned off inside it): on a line searched alone they
/// hold at the line's ends, but in a scan of the whole text only at the document's, so such a
/// pattern cannot pick its candidate lines by that scan.
fn anchors_at_text_ends(pattern: &str) -> bool {
    use regex_syntax::hir::Look;
    regex_syntax::ParserBuilder::new()
        .multi_line(true)
        .crlf(true)
        .build()
        .parse(pattern)
        .map_or(true, |hir| {
            let looks = hir.properties().look_set();
            looks.contains(Look::Start) || looks.contains(Look::End)
        })
}

/// The regex crate's errors draw their own caret over several lines; keep the last line, which
/// says what is wrong.
fn one_line(message: &str) -> String {
    message
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or(message)
        .trim()
        .trim_start_matches("error: ")
        .to_owned()
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: PatternParams = params.parse()?;
    let regex = compile_regex(&raw.pattern, raw.scope == Scope::Line)?;
    let unless = raw
        .unless
        .iter()
        .map(|source| compile_regex(source, false))
        .collect::<Result<Vec<_>, _>>()?;
    let flag_groups = match &raw.flag_group {
        Some(choice) => {
            let groups = match choice.get_ref() {
                GroupChoice::One(group) => vec![*group],
                GroupChoice::FirstOf(groups) => groups.clone(),
            };
            if let Some(missing) = groups.iter().find(|&&g| g >= regex.captures_len()) {
                return Err(ParamError::new(
                    choice.span(),
                    format!(
                        "flag_group {missing} does not exist: the pattern has {} capture group(s)",
                        regex.captures_len() - 1
                    ),
                ));
            }
            if groups.is_empty() {
                return Err(ParamError::new(choice.span(), "flag_group lists no group"));
            }
            groups
        }
        None => vec![0],
    };
    if let Some(template) = &raw.suggest {
        validate_template(template, &regex)?;
    }
    let prefilter =
        required_literals(raw.pattern.get_ref()).and_then(|literals| LiteralSearch::new(&literals));
    let scan_whole_text = raw.scope == Scope::Line
        && prefilter.is_none()
        && !anchors_at_text_ends(raw.pattern.get_ref());
    let case_change = scan_whole_text
        .then(|| CaseChange::shared_of_pattern(raw.pattern.get_ref()))
        .flatten();
    Ok(Box::new(Pattern {
        regex,
        prefilter,
        scan_whole_text,
        case_change,
        scope: raw.scope,
        unless,
        flag_groups,
        suggest: raw.suggest.map(Spanned::into_inner),
        bilingual: raw.bilingual,
    }))
}

/// Rejects `$N` and `${name}` references to groups the pattern does not have.
fn validate_template(template: &Spanned<String>, regex: &Regex) -> Result<(), ParamError> {
    let text = template.get_ref();
    let mut rest = text.as_str();
    while let Some(at) = rest.find('$') {
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('$') {
            rest = after;
            continue;
        }
        let name: &str = if let Some(braced) = rest.strip_prefix('{') {
            braced.split('}').next().unwrap_or("")
        } else {
            let len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..len]
        };
        let exists = match name.parse::<usize>() {
            Ok(n) => n < regex.captures_len(),
            Err(_) => regex.capture_names().flatten().any(|n| n == name),
        };
        if !exists {
            return Err(ParamError::new(
                template.span(),
                format!("suggest refers to `${name}`, which is not a group of the pattern"),
            ));
        }
    }
    Ok(())
}

impl Pattern {
    fn hit(&self, caps: &Captures<'_>, offset: usize) -> Option<Hit> {
        let flagged = self.flag_groups.iter().find_map(|&g| caps.get(g))?;
        let span = offset + flagged.start()..offset + flagged.end();
        let suggestions = self
            .suggest
            .iter()
            .map(|template| {
                let mut out = String::new();
                caps.expand(template, &mut out);
                out
            })
            .collect();
        Some(Hit {
            span,
            suggestions,
            message: None,
            source: None,
        })
    }
}

impl Pattern {
    /// The units worth searching: those holding one of the prefilter's literals, or for line
    /// scope the lines a document-wide match overlaps, or else all of them.
    fn candidate_units<'d>(
        &'d self,
        doc: &'d Document,
    ) -> Box<dyn Iterator<Item = std::ops::Range<usize>> + 'd> {
        let text = doc.text();
        if let Some(prefilter) = &self.prefilter {
            let Some(units) = self.scope.segments(doc) else {
                let whole = prefilter.is_match(text).then_some(0..text.len());
                return Box::new(whole.into_iter());
            };
            // The leftmost literal from `at`; a unit that holds one is searched no further. No
            // literal holds another (see `required_literals`), so only one can start at a
            // given byte, and a literal straddling two units hides nothing after its start.
            let mut wanted: Vec<usize> = Vec::new();
            let mut at = 0;
            let mut search = prefilter.cursor(text);
            while let Some(m) = search.find_from(at) {
                let index = units.partition_point(|u| u.end < m.end);
                match units.get(index) {
                    Some(unit) if unit.start <= m.start => {
                        wanted.push(index);
                        at = unit.end;
                    }
                    _ => at = m.start + 1,
                }
                if at >= text.len() {
                    break;
                }
            }
            return Box::new(wanted.into_iter().filter_map(|i| units.get(i).cloned()));
        }
        if !self.scan_whole_text {
            return self.scope.units(doc);
        }
        let lines = doc.lines();
        if let Some(change) = &self.case_change {
            // Which lines hold the pair: found once for every rule that needs the same one.
            let marked = doc.shared(CaseChangeLines(Arc::clone(change)), || {
                lines
                    .iter()
                    .map(|line| change.in_line(&text[line.clone()]))
                    .collect::<Vec<bool>>()
            });
            return Box::new(
                lines
                    .iter()
                    .enumerate()
                    .filter(move |(i, _)| marked.get(*i) == Some(&true))
                    .map(|(_, line)| line.clone()),
            );
        }
        let mut wanted: Vec<usize> = Vec::new();
        for m in self.regex.find_iter(text) {
            let first = lines.partition_point(|l| l.end < m.start());
            let last = lines.partition_point(|l| l.start <= m.end());
            let from = wanted.last().map_or(first, |&w| first.max(w + 1));
            wanted.extend(from..last);
        }
        Box::new(wanted.into_iter().filter_map(|i| lines.get(i).cloned()))
    }
}

/// Which lines hold the lower-case-then-capital pair a prefilter looks for: shared by the rules
/// built with the same prefilter (compared by address).
struct CaseChangeLines(Arc<CaseChange>);

impl PartialEq for CaseChangeLines {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl SharedKey for CaseChangeLines {
    type Value = Vec<bool>;
}

impl Detector for Pattern {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        if self.bilingual && doc.bitext().is_none() {
            return;
        }
        let text = doc.text();
        for unit in self.candidate_units(doc) {
            let slice = &text[unit.clone()];
            let mut exceptions: Option<Vec<std::ops::Range<usize>>> = None;
            for caps in self.regex.captures_iter(slice) {
                let Some(hit) = self.hit(&caps, unit.start) else {
                    continue;
                };
                if hit.span.is_empty() {
                    continue;
                }
                let exceptions = exceptions.get_or_insert_with(|| {
                    self.unless
                        .iter()
                        .flat_map(|re| re.find_iter(slice))
                        .map(|m| unit.start + m.start()..unit.start + m.end())
                        .collect()
                });
                if exceptions
                    .iter()
                    .any(|e| e.start < hit.span.end && hit.span.start < e.end)
                {
                    continue;
                }
                hits.push(hit);
            }
        }
    }
}
