//! Word tokens with byte spans.
//!
//! A word starts with a letter or digit and runs over letters, digits and combining marks. It also
//! runs over an apostrophe followed by a letter (`don’t`, `Moscow's`), a hyphen between letters or
//! digits (`e-mail`, `COVID-19`), and a point or comma between digits (`3.5`, `1,000`). Letters
//! each followed by a point make one word (`U.S.`, `a.m.`).

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

use crate::structures::byte_class::{ascii_alphanumeric_run, is_ascii_alphanumeric};

/// A word of the checked text. Its offsets take 32 bits each, so a document of many words
/// keeps its tokens in half the memory; a text is tokenized up to [`MAX_TEXT_BYTES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    start: u32,
    end: u32,
}

/// The longest text whose words get tokens: offsets beyond it do not fit a token. Readers
/// refuse larger documents.
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

impl Token {
    /// Byte offset of the first byte.
    pub fn start(self) -> usize {
        self.start as usize
    }

    /// Byte offset just past the last byte.
    pub fn end(self) -> usize {
        self.end as usize
    }

    /// The token's byte range.
    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }
}

/// The General Punctuation block: curly quotes, dashes and spaces of every width, frequent in
/// news text, and not one letter, digit or mark among them (a test holds this), so they are
/// told apart without a Unicode table lookup.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2000}'..='\u{206F}';

/// Whether a word may start with `c`: a letter or digit.
fn starts_word(c: char) -> bool {
    !GENERAL_PUNCTUATION.contains(&c) && c.is_alphanumeric()
}

/// Whether `c` continues a word by itself: a letter, digit or combining mark.
fn is_word_char(c: char) -> bool {
    !GENERAL_PUNCTUATION.contains(&c) && (c.is_alphanumeric() || is_combining_mark(c))
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Whether an ASCII byte may join two parts of a word (apostrophe, hyphen, point, comma); no
/// other ASCII byte that is not a letter or digit continues a word.
fn is_ascii_joiner(b: u8) -> bool {
    matches!(b, b'\'' | b'-' | b'.' | b',')
}

/// Splits `text` into word tokens.
///
/// ASCII is read byte by byte (letters and digits in a tight loop, other bytes skipped at
/// once); a character is decoded only where a byte is not ASCII or may join a word.
pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let first = if byte.is_ascii() {
            if !is_ascii_alphanumeric(byte) {
                at += 1;
                continue;
            }
            char::from(byte)
        } else {
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            if !starts_word(c) {
                at += c.len_utf8();
                continue;
            }
            c
        };
        let start = at;
        let after_first = start + first.len_utf8();
        // A dotted abbreviation has a point right after its first letter.
        let abbreviation = match bytes.get(after_first) {
            Some(b'.') => text.get(start..).and_then(dotted_abbreviation_len),
            _ => None,
        };
        let end = match abbreviation {
            Some(len) => start + len,
            None => word_end(text, after_first, first),
        };
        let (Ok(token_start), Ok(token_end)) = (u32::try_from(start), u32::try_from(end)) else {
            break;
        };
        tokens.push(Token {
            start: token_start,
            end: token_end,
        });
        at = end;
    }
    // The document keeps them while it is checked: no room left over.
    tokens.shrink_to_fit();
    tokens
}

/// The end of a word whose first character, `first`, ends at `end`.
fn word_end(text: &str, mut end: usize, first: char) -> usize {
    let bytes = text.as_bytes();
    let mut last = first;
    loop {
        let rest = bytes.get(end..).unwrap_or_default();
        let run = ascii_alphanumeric_run(rest);
        if let Some(&b) = run.checked_sub(1).and_then(|i| rest.get(i)) {
            last = char::from(b);
        }
        end += run;
        match bytes.get(end) {
            None => return end,
            Some(&b) if b.is_ascii() && !is_ascii_joiner(b) => return end,
            Some(_) => {}
        }
        let mut rest = text.get(end..).unwrap_or_default().chars();
        let Some(c) = rest.next() else {
            return end;
        };
        let joins = is_word_char(c)
            || match rest.next() {
                Some(n) if is_apostrophe(c) => n.is_alphabetic() && last.is_alphabetic(),
                Some(n) if is_hyphen(c) => n.is_alphanumeric() && last.is_alphanumeric(),
                Some(n) if c == '.' || c == ',' => n.is_ascii_digit() && last.is_ascii_digit(),
                _ => false,
            };
        if !joins {
            return end;
        }
        end += c.len_utf8();
        last = c;
    }
}

/// The length of a dotted abbreviation such as `U.S.` or `a.m.` at the start of `text`: two or
/// more single letters each followed by a point, not followed by a letter.
fn dotted_abbreviation_len(text: &str) -> Option<usize> {
    let mut len = 0;
    let mut letters = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_alphabetic() || chars.next() != Some('.') {
            break;
        }
        letters += 1;
        len += c.len_utf8() + 1;
        match chars.peek() {
            Some(n) if n.is_alphabetic() => {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek() != Some(&'.') {
                    return None;
                }
            }
            _ => break,
        }
    }
    (letters >= 2).then_some(len)
}

/// For each of `spans` (sentences or lines: in order, none overlapping), the indices of the
/// tokens inside it: those that start at or after its start and end at or before its end. Two
/// cursors walk the tokens forward once for all spans: two binary searches per span cost about
/// twenty branches the processor cannot predict.
pub fn token_ranges(
    tokens: &[Token],
    spans: impl IntoIterator<Item = Range<usize>>,
) -> impl Iterator<Item = Range<usize>> {
    let mut from = 0;
    let mut to = 0;
    spans.into_iter().map(move |span| {
        while tokens.get(from).is_some_and(|t| t.start() < span.start) {
            from += 1;
        }
        to = to.max(from);
        while tokens.get(to).is_some_and(|t| t.end() <= span.end) {
            to += 1;
        }
        from..to
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The tokens within each span are those two binary searches over the tokens find.
        #[test]
        fn token_ranges_are_those_binary_searches_find(
            text in r"([a-z’]{1,5}|[ .,\n]){0,50}",
            cuts in proptest::collection::vec(0usize..80, 0..12),
        ) {
            let tokens = tokenize(&text);
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(text.len())).collect();
            cuts.sort_unstable();
            // Spans in order, none overlapping, some empty, some between tokens' ends.
            let spans: Vec<Range<usize>> = cuts.chunks(2).filter_map(|pair| match pair {
                [a, b] => Some(*a..*b),
                _ => None,
            }).collect();
            let found: Vec<Range<usize>> = token_ranges(&tokens, spans.iter().cloned()).collect();
            prop_assert_eq!(found.len(), spans.len());
            for (span, found) in spans.iter().zip(found) {
                let from = tokens.partition_point(|t| t.start() < span.start);
                let to = tokens.partition_point(|t| t.end() <= span.end).max(from);
                prop_assert_eq!(found, from..to);
            }
        }
    }

    /// The tokenizer as first written, character by character: the oracle of the byte-wise one.
    fn tokenize_by_chars(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !c.is_alphanumeric() {
                continue;
            }
            let end = match dotted_abbreviation_len(&text[start..]) {
                Some(len) => start + len,
                None => {
                    let mut end = start + c.len_utf8();
                    let mut last = c;
                    while let Some(&(i, c)) = chars.peek() {
                        let next = text[i + c.len_utf8()..].chars().next();
                        let joins = c.is_alphanumeric()
                            || is_combining_mark(c)
                            || match next {
                                Some(n) if is_apostrophe(c) => {
                                    n.is_alphabetic() && last.is_alphabetic()
                                }
                                Some(n) if is_hyphen(c) => {
                                    n.is_alphanumeric() && last.is_alphanumeric()
                                }
                                Some(n) if c == '.' || c == ',' => {
                                    n.is_ascii_digit() && last.is_ascii_digit()
                                }
                                _ => false,
                            };
                        if !joins {
                            break;
                        }
                        chars.next();
                        end = i + c.len_utf8();
                        last = c;
                    }
                    end
                }
            };
            while chars.peek().is_some_and(|&(i, _)| i < end) {
                chars.next();
            }
            tokens.push(Token {
                start: start as u32,
                end: end as u32,
            });
        }
        tokens
    }

    #[test]
    fn general_punctuation_holds_no_word_character() {
        for c in GENERAL_PUNCTUATION {
            assert!(!c.is_alphanumeric() && !is_combining_mark(c), "{c:?}");
        }
    }

    proptest! {
        #[test]
        fn bytewise_tokens_equal_the_character_walk(
            parts in prop::collection::vec(
                prop::sample::select(vec![
                    "a", "Z", "7", "0", "é", "e\u{301}", "ß", "Ж", "中", "٣", " ", "\n", "\t",
                    "'", "’", "-", "‐", "‑", "—", ".", ",", "“", "”", "U.S.", "a.m.", "3.5",
                    "1,000", "don't", "e-mail", "_", "\u{a0}",
                ]),
                0..40,
            )
        ) {
            let text = parts.concat();
            prop_assert_eq!(tokenize(&text), tokenize_by_chars(&text));
        }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .into_iter()
            .map(|t| &text[t.range()])
            .collect()
    }

    #[test]
    fn keeps_contractions_abbreviations_and_compounds_whole() {
        assert_eq!(
            words("The U.S. team don’t e-mail at 9 a.m. about COVID-19."),
            [
                "The", "U.S.", "team", "don’t", "e-mail", "at", "9", "a.m.", "about", "COVID-19"
            ]
        );
    }

    #[test]
    fn splits_at_quotes_and_punctuation() {
        assert_eq!(
            words("“Frank and direct”, she said—twice."),
            ["Frank", "and", "direct", "she", "said", "twice"]
        );
        assert_eq!(words("'quoted' -dash"), ["quoted", "dash"]);
    }

    #[test]
    fn numbers_keep_their_separators() {
        assert_eq!(
            words("1,000 people, 3.5 percent."),
            ["1,000", "people", "3.5", "percent"]
        );
    }

    #[test]
    fn a_point_after_a_single_letter_alone_is_not_an_abbreviation() {
        assert_eq!(words("Plan B. Then"), ["Plan", "B", "Then"]);
        assert_eq!(words("e.gx"), ["e", "gx"]);
    }
}
