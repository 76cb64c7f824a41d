//! `sentence-case`: a sentence that starts with a lower-case letter.
//!
//! ```toml
//! [rule.params]
//! except = ["e.g.", "iPhone"]   # words that may start a sentence in lower case
//! ```
//!
//! A line that continues a line without sentence-final punctuation (hard-wrapped text, list
//! items after a colon) is not a sentence start, and a few words without final punctuation are
//! a label (a menu item, a tag, a section name), not a sentence; nor is a line after a colon,
//! even across a blank line (a list), nor a verb of speech before its speaker (`said Li Run.`:
//! input of one sentence per record leaves it the end of a quotation an earlier record
//! holds), nor a byline (`by Ann Lee`). Words with an inner capital (`eBay`), web addresses
//! and words of three letters or fewer English knows in neither case (`msn`, `pv magazine`: a
//! brand written in lower case; longer unknown words are mostly names) are left alone. The
//! suggestion capitalizes the word.

use std::collections::HashSet;

use serde::Deserialize;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::{Document, token_ranges};
use crate::text::case::{capitalize, has_inner_capital, starts_lowercase};
use crate::text::lexicon::{Dialect, Lexicon};
use crate::text::words::SPEECH_VERBS;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "sentence-case",
    aliases: &[],
    summary: "a sentence starting with a lower-case letter",
    compile,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SentenceCaseParams {
    #[serde(default)]
    except: Vec<String>,
}

/// A compiled `sentence-case` rule.
#[derive(Debug)]
pub struct SentenceCase {
    except: HashSet<String>,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: SentenceCaseParams = params.parse()?;
    Ok(Box::new(SentenceCase {
        except: raw.except.into_iter().collect(),
    }))
}

/// Whether English knows `word`, lower-case or capitalized (a name: `wu` is `Wu`), in
/// American or British spelling.
fn is_english(word: &str) -> bool {
    let capitalized = capitalize(word);
    [Dialect::Us, Dialect::Gb].into_iter().any(|dialect| {
        let lexicon = Lexicon::get(dialect);
        lexicon.knows(word) || lexicon.knows(&capitalized)
    })
}

/// Whether the text before a line ends a sentence, so that the line starts a new one. A
/// colon never does, even before a blank line: the items of a list follow it.
fn line_starts_fresh(text: &str, line_start: usize) -> bool {
    let before = text[..line_start].trim_end();
    if before.ends_with(':') {
        return false;
    }
    if before.is_empty() || text[before.len()..line_start].matches('\n').count() >= 2 {
        return true;
    }
    let before = before.trim_end_matches(['”', '"', '’', '\'', ')', '»']);
    before.ends_with(['.', '!', '?'])
}

/// Whether a sentence opens on a verb of speech and its speaker (`said Li Run, an
/// engineer.`): the end of a sentence whose quotation a segment before holds, as input of one
/// sentence per record splits it.
fn continues_a_quotation(text: &str, first: crate::document::Token) -> bool {
    SPEECH_VERBS.contains(&&text[first.range()])
        && text[first.end()..]
            .strip_prefix(' ')
            .is_some_and(|rest| rest.starts_with(char::is_uppercase))
}

/// Whether a sentence is a byline, `by` and a name of two capitalized words or more (`by
/// Ann Lee`, `by India Post News`), which pages write in lower case.
fn is_byline(text: &str, first: crate::document::Token) -> bool {
    &text[first.range()] == "by"
        && text[first.end()..]
            .split_whitespace()
            .take(2)
            .filter(|w| w.starts_with(char::is_uppercase))
            .count()
            == 2
}

/// The most words a label has.
const LABEL_WORDS: usize = 5;

/// Whether `sentence`, whose first token is `tokens[first]`, is a short run of words without
/// sentence-final punctuation.
fn is_label(
    text: &str,
    sentence: &std::ops::Range<usize>,
    tokens: &[crate::document::Token],
    first: usize,
) -> bool {
    let ending = text[sentence.clone()]
        .trim_end()
        .trim_end_matches(['”', '"', '’', '\'', ')', '»']);
    if ending.ends_with(['.', '!', '?', ':', ';', ',']) {
        return false;
    }
    tokens
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|t| t.end() <= sentence.end)
        .count()
        <= LABEL_WORDS
}

impl Detector for SentenceCase {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text();
        let tokens = doc.tokens();
        let lines = doc.lines();
        for (sentence, range) in doc
            .sentences()
            .iter()
            .zip(token_ranges(tokens, doc.sentences().iter().cloned()))
        {
            let index = range.start;
            let Some(first) = tokens.get(range).and_then(<[_]>::first) else {
                continue;
            };
            let lead = &text[sentence.start..first.start()];
            if !lead
                .chars()
                .all(|c| matches!(c, '“' | '"' | '‘' | '(' | '«' | ' '))
            {
                continue;
            }
            let word = &text[first.range()];
            let rest = &text[first.end()..sentence.end];
            let web = rest.starts_with(['.', '@', '/', ':']) && !rest.starts_with(". ");
            if !starts_lowercase(word)
                || has_inner_capital(word)
                || web
                || self.except.contains(word)
            {
                continue;
            }
            if is_label(text, sentence, tokens, index)
                || continues_a_quotation(text, *first)
                || is_byline(text, *first)
                || word.chars().count() <= 3 && !is_english(word)
            {
                continue;
            }
            let line = lines.partition_point(|l| l.end < sentence.start);
            let line_start = lines.get(line).map_or(0, |l| l.start);
            let first_in_line = text[line_start..sentence.start].trim().is_empty();
            if first_in_line && !line_starts_fresh(text, line_start) {
                continue;
            }
            hits.push(Hit::with_suggestion(first.range(), capitalize(word)));
        }
    }
}
