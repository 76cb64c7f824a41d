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
//! Words are compared as written between spaces, without surrounding punctuation, so numbers
//! (`60 60`) and compounds (`water/swamp water/swamp`) repeat too. The hit covers the repeated
//! copies with the space before them, and the suggestion deletes them, so the first copy stays.

use std::collections::HashSet;

use serde::Deserialize;

use super::{Check, CheckKind, Hit, ParamError, Params};
use crate::document::Document;
use crate::text::case::eq_ignore_case;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "repetition",
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
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Check>, ParamError> {
    let raw: RepetitionParams = params.parse()?;
    let allowed = raw
        .allow
        .iter()
        .filter_map(|pair| pair.split_whitespace().next())
        .map(str::to_lowercase)
        .collect();
    Ok(Box::new(Repetition { allowed }))
}

/// A run of non-space characters, and the part of it compared: without opening quotes or
/// brackets before and punctuation after.
struct Chunk {
    start: usize,
    core: std::ops::Range<usize>,
    end: usize,
}

/// The chunks of `text` in order, found as they are read (a corpus in one file has millions).
fn chunks(text: &str) -> impl Iterator<Item = Chunk> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let start = skip(text, at, true);
            if start >= text.len() {
                return None;
            }
            let end = skip(text, start, false);
            at = end;
            let core = core_of(&text[start..end]);
            if core.start < core.end {
                return Some(Chunk {
                    start,
                    core: start + core.start..start + core.end,
                    end,
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
            .position(|&b| !b.is_ascii() || matches!(b, b' ' | b'\t'..=b'\r') != space);
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
/// after a line break does not start with a capital.
fn adjacent(gap: &str, next: &str) -> bool {
    let breaks = gap.chars().filter(|&c| c == '\n' || c == '\r').count();
    match breaks {
        0 => true,
        1 => !next.starts_with(char::is_uppercase),
        _ => gap == "\r\n" && !next.starts_with(char::is_uppercase),
    }
}

impl Check for Repetition {
    fn check(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text();
        let mut chunks = chunks(text).peekable();
        while let Some(first) = chunks.next() {
            let word = &text[first.core.clone()];
            let first_end = first.core.end;
            let mut copies = 0;
            let mut previous = first;
            while let Some(next) = chunks.peek() {
                // A copy followed by punctuation ends a clause: `end. The end` is not repeated.
                let runs_on = previous.core.end == previous.end;
                let copy = &text[next.core.clone()];
                if !runs_on
                    || !eq_ignore_case(word, copy)
                    || !adjacent(&text[previous.end..next.start], copy)
                {
                    break;
                }
                copies += 1;
                previous = chunks.next().unwrap_or(previous);
            }
            if copies > 0 && !self.allowed.contains(&word.to_lowercase()) {
                hits.push(Hit::with_suggestion(first_end..previous.core.end, ""));
            }
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

        /// Chunks are the runs between Unicode white space, whatever the bytes around them.
        #[test]
        fn chunks_are_the_runs_between_white_space(text in r"(\PC|[ \t\n\r\u{B}\u{C}\u{85}\u{A0}\u{2003}\u{3000}]){0,60}") {
            let found: Vec<(usize, usize)> = chunks(&text).map(|c| (c.start, c.end)).collect();
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
