//! Word tokens with byte spans.
//!
//! A word starts with a letter or digit and runs over letters, digits and combining marks. It also
//! runs over an apostrophe followed by a letter (`don’t`, `Moscow's`), a hyphen between letters or
//! digits (`e-mail`, `COVID-19`), and a point or comma between digits (`3.5`, `1,000`). Letters
//! each followed by a point make one word (`U.S.`, `a.m.`).

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;

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

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// Splits `text` into word tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let end = match dotted_abbreviation_len(&text[start..]) {
            Some(len) => {
                let end = start + len;
                while chars.peek().is_some_and(|&(i, _)| i < end) {
                    chars.next();
                }
                end
            }
            None => word_end(text, start, c, &mut chars),
        };
        let (Ok(start), Ok(end)) = (u32::try_from(start), u32::try_from(end)) else {
            break;
        };
        tokens.push(Token { start, end });
    }
    tokens
}

/// Consumes the rest of a word that started with `first` at `start`; returns its end.
fn word_end(
    text: &str,
    start: usize,
    first: char,
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
) -> usize {
    let mut end = start + first.len_utf8();
    let mut last = first;
    while let Some(&(i, c)) = chars.peek() {
        let joins = if is_word_char(c) {
            true
        } else {
            let next = text[i + c.len_utf8()..].chars().next();
            match next {
                Some(n) if is_apostrophe(c) => n.is_alphabetic() && last.is_alphabetic(),
                Some(n) if is_hyphen(c) => n.is_alphanumeric() && last.is_alphanumeric(),
                Some(n) if c == '.' || c == ',' => n.is_ascii_digit() && last.is_ascii_digit(),
                _ => false,
            }
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

#[cfg(test)]
mod tests {
    use super::*;

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
