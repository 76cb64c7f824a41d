//! `negation`: two negators in one clause — `did not never`, `does not threaten no one` — the
//! trace of a French *ne … jamais* or *ne … personne* translated word for word.
//!
//! ```toml
//! [rule.params]
//! first = ["not", "n't", "never", "cannot"]      # negators that open the pair
//! second = ["never", "nobody", "no one"]         # negators that close it
//! boundaries = ["and", "but", "that", "which"]   # words that start a new clause
//! clause_verbs = ["is", "was", "will"]           # finite verbs that may start one
//! exceptions = ["not only", "not for nothing"]  # phrases that are not doubled negation
//! window = 5                                     # at most this many words apart
//! ```
//!
//! Punctuation other than quotation marks also ends a clause, so `never ever, it should not`
//! is two clauses. A clause verb at least two words after the first negator starts a clause
//! whose subject stands between them, the object clause of a verb of thinking or saying
//! (`doesn't mean the plan is no longer needed`, `did not know he was never there`), while
//! one right after it does not (`nobody has never`, `nobody there has never`). Multi-word
//! negators (`no one`) are written with a space. The hit spans from the first negator to the
//! end of the second.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::Deserialize;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::{Document, Token, token_ranges};
use crate::structures::byte_class::Tail;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "negation",
    aliases: &[],
    summary: "two negators in one clause",
    compile,
};

fn default_window() -> usize {
    5
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NegationParams {
    first: Vec<String>,
    second: Vec<String>,
    #[serde(default)]
    boundaries: Vec<String>,
    #[serde(default)]
    clause_verbs: Vec<String>,
    #[serde(default)]
    exceptions: Vec<String>,
    #[serde(default = "default_window")]
    window: usize,
}

/// A compiled `negation` rule.
#[derive(Debug)]
pub struct Negation {
    first: Vec<Vec<String>>,
    second: Vec<Vec<String>>,
    boundaries: HashSet<String>,
    /// Finite verbs that start a clause when a subject stands between them and the negator.
    clause_verbs: HashSet<String>,
    exceptions: Vec<Vec<String>>,
    window: usize,
    /// The bytes a word opening a first negator can start with, in either ASCII case: most
    /// words are told apart by their first byte.
    first_bytes: [bool; 256],
    /// The same for second negators and for boundaries.
    second_bytes: [bool; 256],
    boundary_bytes: [bool; 256],
}

fn split(phrases: Vec<String>) -> Vec<Vec<String>> {
    phrases
        .into_iter()
        .map(|p| {
            p.split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .filter(|words| !words.is_empty())
        .collect()
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: NegationParams = params.parse()?;
    let first = split(raw.first);
    let second = split(raw.second);
    let boundaries: Vec<Vec<String>> = raw
        .boundaries
        .iter()
        .map(|w| vec![w.to_lowercase()])
        .collect();
    Ok(Box::new(Negation {
        first_bytes: opening_bytes(&first),
        second_bytes: opening_bytes(&second),
        boundary_bytes: opening_bytes(&boundaries),
        first,
        second,
        boundaries: boundaries.into_iter().flatten().collect(),
        clause_verbs: raw.clause_verbs.iter().map(|w| w.to_lowercase()).collect(),
        exceptions: split(raw.exceptions),
        window: raw.window,
    }))
}

/// The bytes the first words of `phrases` start with, in both ASCII cases.
fn opening_bytes(phrases: &[Vec<String>]) -> [bool; 256] {
    let mut bytes = [false; 256];
    for byte in phrases.iter().filter_map(|p| p.first()?.bytes().next()) {
        for case in [byte.to_ascii_lowercase(), byte.to_ascii_uppercase()] {
            if let Some(slot) = bytes.get_mut(usize::from(case)) {
                *slot = true;
            }
        }
    }
    bytes
}

/// The lower-cased words of a sentence, with `n't` split off (`didn't` → `did`, `n't`).
/// Words already lower-case ASCII (most of them) are borrowed from the text.
struct Words<'t> {
    words: Vec<Cow<'t, str>>,
    spans: Vec<(usize, usize)>,
    /// Whether a clause boundary (punctuation) precedes each word.
    punct_before: Vec<bool>,
}

/// `token` lower-cased, with curly apostrophes made straight.
fn lower_word(token: &str) -> Cow<'_, str> {
    if token
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(token)
    } else {
        Cow::Owned(token.replace('’', "'").to_lowercase())
    }
}

/// Whether `word` starts with a byte of `bytes` (from [`opening_bytes`]): a word that does
/// not cannot open any of the phrases.
fn may_open(bytes: &[bool; 256], word: &str) -> bool {
    word.bytes()
        .next()
        .is_some_and(|b| bytes.get(usize::from(b)) == Some(&true))
}

/// Fills `out` with the words of a sentence's `tokens` (its vectors are reused from sentence
/// to sentence).
fn words_of<'t>(text: &'t str, tokens: &[Token], out: &mut Words<'t>) {
    out.words.clear();
    out.spans.clear();
    out.punct_before.clear();
    let mut previous_end: Option<usize> = None;
    for token in tokens {
        let word = lower_word(&text[token.range()]);
        let gap = previous_end.map_or("", |end| &text[end..token.start()]);
        let punct = gap.chars().any(|c| {
            !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '«' | '»')
        });
        previous_end = Some(token.end());
        if let Some(stem) = word.strip_suffix("n't").filter(|s| !s.is_empty()) {
            let split_at =
                token.end() - "n't".len() - usize::from(text[token.range()].contains('’')) * 2;
            let stem = match &word {
                Cow::Borrowed(word) => Cow::Borrowed(&word[..stem.len()]),
                Cow::Owned(_) => Cow::Owned(stem.to_owned()),
            };
            out.words.push(stem);
            out.spans.push((token.start(), split_at));
            out.punct_before.push(punct);
            out.words.push(Cow::Borrowed("n't"));
            out.spans.push((split_at, token.end()));
            out.punct_before.push(false);
        } else {
            out.words.push(word);
            out.spans.push((token.start(), token.end()));
            out.punct_before.push(punct);
        }
    }
}

/// The fewest words between a first negator and a clause verb for the verb to start a clause
/// of its own: a subject and the verb that takes the clause (`mean the plan is`).
const SUBJECT_GAP: usize = 2;

/// The length of the phrase of `phrases` that starts at word `at`, if any.
fn phrase_at(words: &[Cow<'_, str>], at: usize, phrases: &[Vec<String>]) -> Option<usize> {
    phrases
        .iter()
        .filter(|p| {
            words
                .get(at..at + p.len())
                .is_some_and(|w| w.iter().zip(p.iter()).all(|(a, b)| a == b))
        })
        .map(Vec::len)
        .max()
}

impl Negation {
    fn in_exception(&self, words: &[Cow<'_, str>], first: usize, second_end: usize) -> bool {
        (first.saturating_sub(2)..second_end).any(|start| {
            phrase_at(words, start, &self.exceptions)
                .is_some_and(|len| start + len > first && start < second_end)
        })
    }
}

impl Negation {
    /// Whether a token can start a first negation: most sentences have none, and are skipped
    /// before their words are lower-cased.
    fn may_negate(&self, text: &str, token: Token) -> bool {
        let tail = Tail::of(text, token.range());
        let apostrophe_t = tail.ends_with("n't") || tail.ends_with("n’t");
        let token = &text[token.range()];
        let opens = may_open(&self.first_bytes, token);
        apostrophe_t
            || opens
                && self
                    .first
                    .iter()
                    .filter_map(|phrase| phrase.first())
                    .any(|word| word.eq_ignore_ascii_case(token))
    }
}

impl Detector for Negation {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text();
        let tokens = doc.tokens();
        let mut words = Words {
            words: Vec::new(),
            spans: Vec::new(),
            punct_before: Vec::new(),
        };
        for range in token_ranges(tokens, doc.sentences().iter().cloned()) {
            let sentence_tokens = tokens.get(range).unwrap_or_default();
            if !sentence_tokens.iter().any(|&t| self.may_negate(text, t)) {
                continue;
            }
            words_of(text, sentence_tokens, &mut words);
            let w = &words.words;
            // The first negator waiting for a second: where it starts and ends.
            let mut open: Option<(usize, usize)> = None;
            let mut i = 0;
            while let Some(word) = w.get(i) {
                let punct_before = words.punct_before.get(i).copied().unwrap_or(false);
                // A word's first byte rules out most lists before they are searched.
                if punct_before
                    || may_open(&self.boundary_bytes, word)
                        && self.boundaries.contains(word.as_ref())
                {
                    open = None;
                }
                if open.is_some_and(|(_, end)| i >= end + SUBJECT_GAP)
                    && self.clause_verbs.contains(word.as_ref())
                {
                    open = None;
                }
                if let Some((first, _)) = open
                    && i - first <= self.window
                    && may_open(&self.second_bytes, word)
                    && let Some(len) = phrase_at(w, i, &self.second)
                    && !self.in_exception(w, first, i + len)
                {
                    if let (Some(&(start, _)), Some(&(_, end))) =
                        (words.spans.get(first), words.spans.get(i + len - 1))
                    {
                        hits.push(Hit::new(start..end));
                    }
                    open = None;
                    i += len;
                    continue;
                }
                if may_open(&self.first_bytes, word)
                    && let Some(len) = phrase_at(w, i, &self.first)
                {
                    open = Some((i, i + len));
                    i += len;
                    continue;
                }
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(first: &[&str]) -> Negation {
        let first = split(first.iter().map(|p| (*p).to_owned()).collect());
        Negation {
            first_bytes: opening_bytes(&first),
            second_bytes: [false; 256],
            boundary_bytes: [false; 256],
            first,
            second: Vec::new(),
            boundaries: HashSet::new(),
            clause_verbs: HashSet::new(),
            exceptions: Vec::new(),
            window: 5,
        }
    }

    #[test]
    fn an_opening_negator_is_seen_in_any_case_and_other_words_are_not() {
        let rule = rule(&["not", "never", "no one"]);
        let may_negate = |word: &str| {
            let tokens = crate::document::tokenize(word);
            assert_eq!(tokens.len(), 1, "{word}");
            tokens
                .first()
                .is_some_and(|&token| rule.may_negate(word, token))
        };
        for word in ["not", "Not", "NOT", "Never", "no", "No", "didn't", "isn’t"] {
            assert!(may_negate(word), "{word}");
        }
        for word in ["note", "nothing", "Knot", "ever", "ñot"] {
            assert!(!may_negate(word), "{word}");
        }
    }
}
