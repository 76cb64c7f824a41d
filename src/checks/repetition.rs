//! `repetition`: the same word twice or more in a row (`the the`, `food food food`), across letter
//! case and line breaks, but not across punctuation or a blank line; a line that starts with a
//! capital after a line break is a new item or heading (`… in the case` / `Case sold separately`
//! in a list), not a repeat.
//!
//! ```toml
//! [rule.params]
//! allow = ["had had", "that that"]   # doublings English allows (any case)
//! ```
//!
//! Two copies of a Chinese given name written alike (`Mei Mei`, `Bao Bao`: one syllable of
//! pinyin with a capital, no English word in lower case unless inside a sentence, as in
//! `the pianist Long Long`) are a doubled name, not a repeat.
//!
//! Words are compared as written between spaces, without surrounding punctuation, so numbers
//! (`60 60`) and compounds (`water/swamp water/swamp`) repeat too. The hit covers the repeated
//! copies with the space before them, and the suggestion deletes them, so the first copy stays.

use std::collections::HashSet;

use serde::Deserialize;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::Document;
use crate::structures::byte_class::{ascii_non_space_run, is_ascii_alphanumeric, is_ascii_space};
use crate::text::case::{eq_ignore_case, has_inner_capital, is_capitalized};
use crate::text::lexicon::{Dialect, Lexicon};
use crate::text::{pinyin, words};

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "repetition",
    aliases: &[],
    summary: "the same word repeated in a row, with allowed doublings",
    compile,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RepetitionParams {
    #[serde(default)]
    allow: Vec<String>,
}

/// A compiled `repetition` rule.
#[derive(Debug)]
pub struct Repetition {
    /// Allowed words, lower-cased: `had had` allows `had` repeated.
    allowed: HashSet<String>,
    /// The English words, which a doubled given name is not.
    lexicon: &'static Lexicon,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: RepetitionParams = params.parse()?;
    let allowed = raw
        .allow
        .iter()
        .filter_map(|pair| pair.split_whitespace().next())
        .map(str::to_lowercase)
        .collect();
    Ok(Box::new(Repetition {
        allowed,
        lexicon: Lexicon::get(Dialect::Us),
    }))
}

/// A run of non-space characters, and the part of it compared: without opening quotes or
/// brackets before and punctuation after.
struct Chunk {
    start: usize,
    core: std::ops::Range<usize>,
    end: usize,
    /// Whether the chunk is all ASCII, so its core compares byte by byte.
    ascii: bool,
}

/// The chunks of `text` in order, found as they are read (a corpus in one file has millions).
/// An ASCII chunk is found by one byte scan and its core by a scan from each end; a chunk with
/// another character is read again by characters.
fn chunks(text: &str) -> impl Iterator<Item = Chunk> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            // ASCII white space is skipped byte by byte; another character is decoded.
            let rest = bytes.get(at..).unwrap_or_default();
            let start = match rest.iter().position(|&b| !is_ascii_space(b)) {
                Some(offset) if rest.get(offset).is_some_and(u8::is_ascii) => at + offset,
                Some(offset) => skip(text, at + offset, true),
                None => return None,
            };
            if start >= text.len() {
                return None;
            }
            // An ASCII chunk ends at ASCII white space; a chunk with another character is read
            // again by characters.
            let rest = bytes.get(start..).unwrap_or_default();
            let length = ascii_non_space_run(rest);
            let (end, core, ascii) = if rest.get(length).is_some_and(|b| !b.is_ascii()) {
                let end = skip(text, start, false);
                let core = core_of(&text[start..end]);
                // The character met may be white space ending an ASCII chunk.
                let ascii = text[start..end].is_ascii();
                (end, start + core.start..start + core.end, ascii)
            } else {
                let chunk = rest.get(..length).unwrap_or_default();
                let core = match chunk.iter().position(|&b| is_ascii_alphanumeric(b)) {
                    Some(first) => {
                        let last = chunk.iter().rposition(|&b| is_ascii_alphanumeric(b));
                        start + first..start + last.map_or(first, |l| l + 1)
                    }
                    None => start..start,
                };
                (start + length, core, true)
            };
            at = end;
            if core.start < core.end {
                return Some(Chunk {
                    start,
                    core,
                    end,
                    ascii,
                });
            }
        }
    })
}

/// The part of a chunk compared, relative to it: without the characters other than letters
/// and digits at either end. ASCII ends are read as bytes; an end with another character is
/// trimmed by characters.
fn core_of(chunk: &str) -> std::ops::Range<usize> {
    let bytes = chunk.as_bytes();
    let lead = match bytes
        .iter()
        .position(|b| !b.is_ascii() || b.is_ascii_alphanumeric())
    {
        Some(i) if bytes.get(i).is_some_and(u8::is_ascii) => i,
        _ => {
            chunk.len()
                - chunk
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .len()
        }
    };
    let trail = match bytes
        .iter()
        .rposition(|b| !b.is_ascii() || b.is_ascii_alphanumeric())
    {
        Some(i) if bytes.get(i).is_some_and(u8::is_ascii) => i + 1,
        _ => chunk.trim_end_matches(|c: char| !c.is_alphanumeric()).len(),
    };
    lead..trail.max(lead)
}

/// The first byte from `from` that is not white space (`space` true) or that is (false):
/// runs of ASCII bytes are tested directly, other characters decoded.
fn skip(text: &str, from: usize, space: bool) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        let ascii_run = bytes
            .get(i..)
            .unwrap_or_default()
            .iter()
            .position(|&b| !b.is_ascii() || is_ascii_space(b) != space);
        let Some(offset) = ascii_run else {
            return bytes.len();
        };
        i += offset;
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            return bytes.len();
        };
        if c.is_ascii() || c.is_whitespace() != space {
            return i;
        }
        i += c.len_utf8();
    }
}

/// Whether only white space, with at most one line break, separates two chunks, and a copy
/// after a line break does not start with a capital. A sign between them (`AirPods &
/// AirPods`, `0 : 0`) joins two copies on purpose.
fn adjacent(gap: &str, next: &str) -> bool {
    if !gap.chars().all(char::is_whitespace) {
        return false;
    }
    let breaks = gap.chars().filter(|&c| c == '\n' || c == '\r').count();
    match breaks {
        0 => true,
        1 => !next.starts_with(char::is_uppercase),
        _ => gap == "\r\n" && !next.starts_with(char::is_uppercase),
    }
}

impl Repetition {
    /// Flags the copies after `first` up to `last`, unless the word is an allowed doubling.
    fn flag(&self, text: &str, first: &Chunk, last: &Chunk, hits: &mut Vec<Hit>) {
        let word = &text[first.core.clone()];
        if self.allowed.contains(&word.to_lowercase()) {
            return;
        }
        // A doubled Chinese given name (`Mei Mei`, `Bao Bao`): two copies of one syllable of
        // pinyin written alike with a capital, a word English does not have in lower case, or
        // one it has inside a sentence (`conductor Yang Yang`), where an English word would not
        // take capitals. A longer name doubled (`Texas Texas`) is a slip.
        let doubled = text
            .get(first.end..last.start)
            .is_some_and(|gap| gap == " ");
        let inside_sentence = || {
            let before = text[..first.start].trim_end();
            let previous = before
                .rsplit(char::is_whitespace)
                .next()
                .unwrap_or_default()
                .to_lowercase();
            word.len() >= 3
                && before
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_lowercase() || c == ',')
                && !words::DETERMINERS.contains(&previous.as_str())
        };
        let name = doubled
            && text[last.core.clone()] == *word
            && is_capitalized(word)
            && !has_inner_capital(word)
            && pinyin::is_syllable(&word.to_lowercase())
            && (!self.lexicon.knows_lowercase(word) || inside_sentence());
        if !name {
            hits.push(Hit::with_suggestion(first.core.end..last.core.end, ""));
        }
    }
}

impl Detector for Repetition {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text();
        let bytes = text.as_bytes();
        let mut chunks = chunks(text);
        let Some(mut first) = chunks.next() else {
            return;
        };
        // The last copy of `first` so far, when there is one.
        let mut last: Option<Chunk> = None;
        for next in chunks {
            let previous = last.as_ref().unwrap_or(&first);
            // A copy followed by punctuation ends a clause: `end. The end` is not repeated;
            // one that opens a bracket the word did not starts an aside (`games (games you
            // bought)`, `2:0 (2:0)`), while a loop copies the word whole (`"isle "isle`).
            let opener = &text[next.start..next.core.start];
            let runs_on = previous.core.end == previous.end
                && (opener.is_empty() || *opener == text[first.start..first.core.start]);
            // Two ASCII cores compare as bytes, most told apart by their lengths.
            let same = runs_on
                && if first.ascii && next.ascii {
                    let word = bytes.get(first.core.clone()).unwrap_or_default();
                    let copy = bytes.get(next.core.clone()).unwrap_or_default();
                    word.len() == copy.len() && word.eq_ignore_ascii_case(copy)
                } else {
                    eq_ignore_case(&text[first.core.clone()], &text[next.core.clone()])
                };
            if same && adjacent(&text[previous.end..next.start], &text[next.core.clone()]) {
                last = Some(next);
                continue;
            }
            if let Some(last) = last.take() {
                self.flag(text, &first, &last, hits);
            }
            first = next;
        }
        if let Some(last) = last {
            self.flag(text, &first, &last, hits);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The compared part read by bytes is the part trimmed by characters.
        #[test]
        fn core_is_the_chunk_trimmed_of_characters_other_than_letters_and_digits(
            chunk in r"[a-zA-Z0-9.,;:!?'\x22()\[\]«»“”’\-é…ß²\u{300}]{0,12}",
        ) {
            let lead = chunk.len() - chunk.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
            let trail = chunk.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
            let core = core_of(&chunk);
            if lead < trail {
                prop_assert_eq!(core, lead..trail);
            } else {
                prop_assert!(core.is_empty());
            }
        }

        /// Chunks are the runs between Unicode white space, whatever the bytes around them,
        /// with the core their text trimmed by characters, and marked ASCII when they are.
        #[test]
        fn chunks_are_the_runs_between_white_space(text in r"(\PC|[ \t\n\r\u{B}\u{C}\u{85}\u{A0}\u{2003}\u{3000}]|[a-z.,'()]{1,4}){0,60}") {
            let found: Vec<Chunk> = chunks(&text).collect();
            for chunk in &found {
                let raw = &text[chunk.start..chunk.end];
                let core = core_of(raw);
                prop_assert_eq!(chunk.core.clone(), chunk.start + core.start..chunk.start + core.end);
                prop_assert_eq!(chunk.ascii, raw.is_ascii());
            }
            let found: Vec<(usize, usize)> = found.iter().map(|c| (c.start, c.end)).collect();
            let mut runs = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (c.is_whitespace(), start) {
                    (false, None) => start = Some(i),
                    (true, Some(s)) => {
                        let raw = &text[s..i];
                        if raw.chars().any(char::is_alphanumeric) {
                            runs.push((s, i));
                        }
                        start = None;
                    }
                    _ => {}
                }
            }
            prop_assert_eq!(found, runs);
        }
    }
}
