//! `phrases`: a list of words or phrases, all matched by one Aho-Corasick automaton.
//!
//! ```toml
//! [rule.params]
//! phrases = ["Kiev => Kyiv", "Kharkov => Kharkiv"]  # `phrase` or `phrase => replacement`
//! list = "boilerplate-lines.txt"     # or/and a file beside the rule: one entry a line, `#` comments
//! case = "smart"             # exact | insensitive | smart (lower-case entries also match
//!                            # capitalized; entries with capitals match exactly)
//! whole_word = true          # no letter or digit may touch the match
//! position = "anywhere"      # anywhere | line-start | whole-line
//! flag = "match"             # match | line: flag the phrase or the whole line it is on
//! except = ["Chicken Kiev"]  # a match inside one of these is not flagged
//! ```

use std::ops::Range;

use aho_corasick::automaton::OverlappingState;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use serde::Deserialize;
use toml::Spanned;

use super::{CheckKind, Detector, Hit, ParamError, Params, is_whole_word};
use crate::document::Document;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "phrases",
    aliases: &[],
    summary: "a list of words or phrases matched by one automaton, with optional replacements",
    compile,
};

/// How letter case must agree between an entry and the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum CaseMode {
    /// The text must match the entry exactly.
    Exact,
    /// Any case matches (ASCII letters).
    Insensitive,
    /// Lower-case entries also match with a capital first letter; others match exactly.
    #[default]
    Smart,
}

/// Where on its line a match must stand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Position {
    #[default]
    Anywhere,
    LineStart,
    WholeLine,
}

/// What a hit covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum FlagExtent {
    #[default]
    Match,
    Line,
}

fn default_true() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhrasesParams {
    #[serde(default)]
    phrases: Vec<Spanned<String>>,
    #[serde(default)]
    list: Option<Spanned<String>>,
    #[serde(default)]
    case: CaseMode,
    #[serde(default = "default_true")]
    whole_word: bool,
    #[serde(default)]
    position: Position,
    #[serde(default)]
    flag: FlagExtent,
    #[serde(default)]
    except: Vec<String>,
}

#[derive(Debug)]
struct Entry {
    phrase: String,
    replacement: Option<String>,
}

/// Finds the next byte where some phrase starts, by a leftmost search that skips ahead.
#[derive(Debug)]
enum Locator {
    /// Any set of phrases: aho-corasick, with its prefilter.
    Automaton(AhoCorasick),
    /// One ASCII phrase in any ASCII case: the regex crate's lazy DFA. The automaton's
    /// prefilter can only look for the phrase's letters in both cases, which are common: over
    /// the 10 MB benchmark file `the cold war` took 21.7 ms with it and 10.3 ms with the DFA
    /// (ten phrases took 16.6 ms with it and 32.8 ms with a DFA, so sets stay with it).
    Phrase(regex::bytes::Regex),
}

impl Locator {
    /// For `phrases`, in any ASCII case when `ignore_case`: the DFA for one ASCII phrase in
    /// any case, else the automaton `automaton` builds (only then).
    fn new<E>(
        phrases: &[&str],
        ignore_case: bool,
        automaton: impl FnOnce() -> Result<AhoCorasick, E>,
    ) -> Result<Locator, E> {
        let dfa = match phrases {
            [phrase] if ignore_case && phrase.is_ascii() => {
                regex::bytes::RegexBuilder::new(&regex::escape(phrase))
                    .unicode(false)
                    .case_insensitive(true)
                    .build()
                    .ok()
            }
            _ => None,
        };
        match dfa {
            Some(regex) => Ok(Locator::Phrase(regex)),
            None => automaton().map(Locator::Automaton),
        }
    }

    /// Where the first phrase starting at `at` or later starts.
    fn find_from(&self, text: &str, at: usize) -> Option<usize> {
        match self {
            Locator::Automaton(automaton) => automaton
                .find(Input::new(text).span(at..text.len()))
                .map(|m| m.start()),
            Locator::Phrase(regex) => regex.find_at(text.as_bytes(), at).map(|m| m.start()),
        }
    }
}

/// A compiled `phrases` rule.
#[derive(Debug)]
pub struct Phrases {
    /// Finds the next byte where some phrase starts; not needed when phrases must open their
    /// line.
    locator: Option<Locator>,
    /// Every phrase starting at a given byte (anchored, overlapping).
    automaton: AhoCorasick,
    /// The length of the longest phrase, in bytes.
    longest: usize,
    entries: Vec<Entry>,
    exceptions: Option<AhoCorasick>,
    case: CaseMode,
    whole_word: bool,
    position: Position,
    flag: FlagExtent,
}

/// Parses `phrase` or `phrase => replacement`.
fn parse_entry(line: &str) -> Result<Entry, String> {
    let (phrase, replacement) = match line.split_once("=>") {
        Some((p, r)) => (p.trim(), Some(r.trim().to_owned())),
        None => (line.trim(), None),
    };
    if phrase.is_empty() {
        return Err(format!("entry `{line}` has no phrase before `=>`"));
    }
    Ok(Entry {
        phrase: phrase.to_owned(),
        replacement,
    })
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: PhrasesParams = params.parse()?;
    let mut entries = Vec::new();
    for item in &raw.phrases {
        entries.push(parse_entry(item.get_ref()).map_err(|e| ParamError::new(item.span(), e))?);
    }
    if let Some(list) = &raw.list {
        let text = params.read_file(list)?;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let entry = parse_entry(line).map_err(|e| {
                ParamError::new(
                    list.span(),
                    format!("{}, line {}: {e}", list.get_ref(), number + 1),
                )
            })?;
            entries.push(entry);
        }
    }
    if entries.is_empty() {
        return Err(ParamError::new(
            raw.list.as_ref().map_or_else(|| 0..0, |l| l.span()),
            "the phrase list is empty: give `phrases = [...]` or a non-empty `list` file",
        ));
    }
    let build = |kind: MatchKind, start: StartKind| {
        AhoCorasickBuilder::new()
            .match_kind(kind)
            .start_kind(start)
            .ascii_case_insensitive(raw.case != CaseMode::Exact)
            .build(entries.iter().map(|e| e.phrase.as_str()))
            .map_err(|e| ParamError::new(0..0, format!("cannot build the phrase automaton: {e}")))
    };
    let locator = match raw.position {
        Position::Anywhere => {
            let phrases: Vec<&str> = entries.iter().map(|e| e.phrase.as_str()).collect();
            Some(Locator::new(&phrases, raw.case != CaseMode::Exact, || {
                build(MatchKind::LeftmostFirst, StartKind::Unanchored)
            })?)
        }
        Position::LineStart | Position::WholeLine => None,
    };
    let automaton = build(MatchKind::Standard, StartKind::Anchored)?;
    let longest = entries.iter().map(|e| e.phrase.len()).max().unwrap_or(0);
    let exceptions = if raw.except.is_empty() {
        None
    } else {
        Some(
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                .build(&raw.except)
                .map_err(|e| ParamError::new(0..0, format!("cannot build the exceptions: {e}")))?,
        )
    };
    Ok(Box::new(Phrases {
        locator,
        automaton,
        longest,
        entries,
        exceptions,
        case: raw.case,
        whole_word: raw.whole_word,
        position: raw.position,
        flag: raw.flag,
    }))
}

/// Whether `found` (text) agrees with `entry` under `mode`.
fn case_agrees(mode: CaseMode, entry: &str, found: &str) -> bool {
    match mode {
        CaseMode::Exact => entry == found,
        CaseMode::Insensitive => entry.eq_ignore_ascii_case(found),
        CaseMode::Smart => {
            if entry == found {
                return true;
            }
            let mut entry_chars = entry.chars();
            let mut found_chars = found.chars();
            match (entry_chars.next(), found_chars.next()) {
                (Some(e), Some(f)) if e.is_lowercase() => {
                    f.to_lowercase().eq(std::iter::once(e)) && entry_chars.eq(found_chars)
                }
                _ => false,
            }
        }
    }
}

/// Gives `replacement` a capital first letter when the text had one and the entry did not.
fn match_case(replacement: &str, entry: &str, found: &str) -> String {
    let entry_lower = entry.chars().next().is_some_and(char::is_lowercase);
    let found_upper = found.chars().next().is_some_and(char::is_uppercase);
    if entry_lower && found_upper {
        let mut chars = replacement.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        replacement.to_owned()
    }
}

impl Phrases {
    fn line_of(doc: &Document, offset: usize) -> Range<usize> {
        let lines = doc.lines();
        let index = lines.partition_point(|l| l.end < offset);
        lines.get(index).cloned().unwrap_or(offset..offset)
    }

    fn position_holds(&self, doc: &Document, span: &Range<usize>) -> bool {
        let text = doc.text();
        let line = Self::line_of(doc, span.start);
        let before = &text[line.start..span.start];
        let after = &text[span.end..line.end.max(span.end)];
        match self.position {
            Position::Anywhere => true,
            Position::LineStart => before.trim().is_empty(),
            Position::WholeLine => before.trim().is_empty() && after.trim().is_empty(),
        }
    }

    fn candidates(&self, doc: &Document) -> Vec<(Range<usize>, usize)> {
        let text = doc.text();
        // Every occurrence of every phrase: the bytes where one may start, then all those
        // starting there. A phrase that must open its line can only start at the first
        // character of a line that is not white space (entries never start with one).
        let mut occurrences = Vec::new();
        let mut add_starting_at = |start: usize| {
            let window = Input::new(text)
                .span(start..text.len().min(start + self.longest))
                .anchored(Anchored::Yes);
            // Stepwise, as the overlapping iterator refuses anchored searches; the automaton
            // is built for them, so a step cannot fail.
            let mut state = OverlappingState::start();
            while self
                .automaton
                .try_find_overlapping(window.clone(), &mut state)
                .is_ok()
                && let Some(m) = state.get_match()
            {
                occurrences.push((m.range(), m.pattern().as_usize()));
            }
        };
        match &self.locator {
            Some(locator) => {
                let mut at = 0;
                while let Some(start) = locator.find_from(text, at) {
                    add_starting_at(start);
                    at = start + 1;
                }
            }
            None => {
                for line in doc.lines() {
                    let content = &text[line.clone()];
                    let blank = content.len() - content.trim_start().len();
                    if blank < content.len() {
                        add_starting_at(line.start + blank);
                    }
                }
            }
        }
        // The exceptions, searched for only in a document where some phrase occurs.
        let exceptions: Vec<Range<usize>> = match &self.exceptions {
            Some(ac) if !occurrences.is_empty() => ac.find_iter(text).map(|m| m.range()).collect(),
            _ => Vec::new(),
        };
        let mut found: Vec<(Range<usize>, usize)> = occurrences
            .into_iter()
            .filter(|(span, index)| {
                let Some(entry) = self.entries.get(*index) else {
                    return false;
                };
                text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end)
                    && case_agrees(self.case, &entry.phrase, &text[span.clone()])
                    && (!self.whole_word || is_whole_word(text, span))
                    && !exceptions
                        .iter()
                        .any(|e| e.start <= span.start && span.end <= e.end)
                    && self.position_holds(doc, span)
            })
            .collect();
        // Leftmost-longest without overlaps; of equal spans, the phrase listed first.
        found.sort_by(|a, b| {
            (a.0.start, std::cmp::Reverse(a.0.end), a.1).cmp(&(
                b.0.start,
                std::cmp::Reverse(b.0.end),
                b.1,
            ))
        });
        let mut chosen: Vec<(Range<usize>, usize)> = Vec::with_capacity(found.len());
        for candidate in found {
            if chosen
                .last()
                .is_none_or(|last| last.0.end <= candidate.0.start)
            {
                chosen.push(candidate);
            }
        }
        chosen
    }
}

impl Detector for Phrases {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text();
        let mut last_line: Option<Range<usize>> = None;
        for (span, index) in self.candidates(doc) {
            let Some(entry) = self.entries.get(index) else {
                continue;
            };
            match self.flag {
                FlagExtent::Match => {
                    let found = &text[span.clone()];
                    let suggestions = entry
                        .replacement
                        .iter()
                        .map(|r| match_case(r, &entry.phrase, found))
                        .collect();
                    hits.push(Hit {
                        span,
                        suggestions,
                        message: None,
                        source: None,
                    });
                }
                FlagExtent::Line => {
                    let line = Self::line_of(doc, span.start);
                    let content = &text[line.clone()];
                    let start = line.start + (content.len() - content.trim_start().len());
                    let end = line.start + content.trim_end().len();
                    if last_line.as_ref() == Some(&line) || start >= end {
                        continue;
                    }
                    last_line = Some(line);
                    hits.push(Hit::new(start..end));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// One phrase in any case: the DFA finds the same starts as the automaton.
        #[test]
        fn one_phrase_is_found_where_the_automaton_finds_it(
            phrase in "[a-cA-C ]{1,4}",
            text in "[a-cA-C \né]{0,40}",
            at in 0usize..40,
        ) {
            let automaton = AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostFirst)
                .ascii_case_insensitive(true)
                .build([phrase.as_str()])
                .unwrap();
            let dfa = Locator::new(&[phrase.as_str()], true, || {
                Ok::<_, ()>(automaton.clone())
            })
            .unwrap();
            prop_assert!(matches!(dfa, Locator::Phrase(_)));
            let at = (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            prop_assert_eq!(
                dfa.find_from(&text, at),
                Locator::Automaton(automaton).find_from(&text, at)
            );
        }
    }

    #[test]
    fn smart_case_lets_lower_case_entries_start_a_sentence() {
        assert!(case_agrees(CaseMode::Smart, "read also", "Read also"));
        assert!(case_agrees(CaseMode::Smart, "read also", "read also"));
        assert!(!case_agrees(CaseMode::Smart, "read also", "READ ALSO"));
        assert!(!case_agrees(CaseMode::Smart, "Kiev", "kiev"));
        assert!(case_agrees(CaseMode::Insensitive, "Kiev", "KIEV"));
    }

    #[test]
    fn replacements_follow_a_capital_in_the_text() {
        assert_eq!(
            match_case("the Cold War", "the cold war", "The cold war"),
            "The Cold War"
        );
        assert_eq!(match_case("Kyiv", "Kiev", "Kiev"), "Kyiv");
    }

    #[test]
    fn entries_parse_with_and_without_replacement() {
        let entry = parse_entry(" Kiev => Kyiv ").unwrap();
        assert_eq!(entry.phrase, "Kiev");
        assert_eq!(entry.replacement.as_deref(), Some("Kyiv"));
        assert!(parse_entry("=> Kyiv").is_err());
    }
}
