//! UAX #29 sentence breaks for the characters of most English news lines, without a table
//! lookup per character: ASCII, the curly quotation marks, the en and em dashes, and the
//! letters of Latin-1 and Latin Extended-A. A line with any other character is left to the
//! full segmenter ([`breaks`] answers `false`).
//!
//! Within these characters no rule about paragraph separators, extenders, format characters
//! or other letters (`OLetter`) can apply, so the rules left are SB6 to SB11 of UAX #29
//! (<https://www.unicode.org/reports/tr29/#Sentence_Boundary_Rules>).

/// The sentence break property of a character, for the characters this module knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// White space: space and tab.
    Sp,
    Lower,
    Upper,
    Numeric,
    /// The full stop.
    ATerm,
    /// `!` and `?`.
    STerm,
    /// Brackets and quotation marks.
    Close,
    /// `,`, `-`, `:`, `;` and the en and em dashes.
    SContinue,
    /// Any other character of the set: symbols and the rest of ASCII's punctuation.
    Other,
}

/// The class of `c`, or `None` for a character outside the set this module handles.
fn class(c: char) -> Option<Class> {
    Some(match c {
        ' ' | '\t' => Class::Sp,
        'a'..='z' => Class::Lower,
        'A'..='Z' => Class::Upper,
        '0'..='9' => Class::Numeric,
        '.' => Class::ATerm,
        '!' | '?' => Class::STerm,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' | '‘' | '’' | '“' | '”' | '«' | '»' => {
            Class::Close
        }
        ',' | '-' | ':' | ';' | '–' | '—' => Class::SContinue,
        '!'..='~' => Class::Other,
        'À'..='ſ' if c != '×' && c != '÷' => {
            if c.is_lowercase() {
                Class::Lower
            } else if c.is_uppercase() {
                Class::Upper
            } else {
                return None;
            }
        }
        _ => return None,
    })
}

/// The sentence breaks of `line` (a line without line terminators), from `0` to its length
/// included, as the full UAX #29 segmenter finds them, written over `out`; `false` (and `out`
/// left as it was) when the line holds a character outside the set handled here.
///
/// Only the end of a terminator's run (`SATerm Close* Sp*`) can be a break here, so the line
/// is searched for terminators rather than walked character by character.
pub fn breaks(line: &str, out: &mut Vec<usize>) -> bool {
    if !all_known(line) {
        return false;
    }
    out.clear();
    out.push(0);
    if line.is_empty() {
        return true;
    }
    let bytes = line.as_bytes();
    for term_at in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let full_stop = bytes.get(term_at) == Some(&b'.');
        // The run of closing marks, then of white space, after the terminator: no break
        // inside it (SB9, SB10).
        let rest = &line[term_at + 1..];
        let after_closes = rest.trim_start_matches(|c| class(c) == Some(Class::Close));
        let after_spaces = after_closes.trim_start_matches([' ', '\t']);
        let end = line.len() - after_spaces.len();
        let Some(next) = after_spaces.chars().next() else {
            continue;
        };
        let next_class = class(next);
        let bare = end == term_at + 1;
        let keep_together =
            // SB8a: a continuation or another terminator.
            matches!(next_class, Some(Class::SContinue | Class::ATerm | Class::STerm))
            // SB6: a full stop before a digit (`3.5`).
            || (full_stop && bare && next_class == Some(Class::Numeric))
            // SB7: a full stop between two letters, the second a capital (`U.S`).
            || (full_stop
                && bare
                && next_class == Some(Class::Upper)
                && matches!(
                    line[..term_at].chars().next_back().and_then(class),
                    Some(Class::Upper | Class::Lower)
                ))
            // SB8: a full stop followed, before any letter or terminator, by a lower-case
            // letter (`etc. and`).
            || (full_stop && lower_case_comes_first(after_spaces));
        if !keep_together {
            out.push(end);
        }
    }
    out.push(line.len());
    true
}

/// Whether every character of `line` has a class here. ASCII is checked byte by byte; only the
/// other characters (a curly quote in a line of ASCII) are decoded.
fn all_known(line: &str) -> bool {
    let mut rest = line;
    loop {
        let Some(stop) = first_unusual(rest.as_bytes()) else {
            return true;
        };
        // The byte at `stop` is ASCII or starts a character: a character boundary.
        let Some(c) = rest.get(stop..).and_then(|tail| tail.chars().next()) else {
            return true;
        };
        if c.is_ascii() || class(c).is_none() {
            return false;
        }
        rest = rest.get(stop + c.len_utf8()..).unwrap_or_default();
    }
}

/// Where the first byte of `bytes` that is neither printable ASCII nor a tab is. Eight bytes
/// are tested at a time (a line is mostly printable ASCII, and testing it byte by byte was
/// half the time of finding sentences); a block with a candidate is read byte by byte.
fn first_unusual(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let unusual = |b: &u8| !matches!(b, b' '..=b'~' | b'\t');
    let mut at = 0;
    while let Some(block) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(block.try_into().unwrap_or_default());
        // The high bit of a byte below 0x20 or above 0x7E, or of one after it (a carry or a
        // borrow): a block without one holds printable ASCII only.
        let below = word.wrapping_sub(ONES * 0x20) & !word;
        let above = word.wrapping_add(ONES) | word;
        if (below | above) & HIGH != 0
            && let Some(i) = block.iter().position(unusual)
        {
            return Some(at + i);
        }
        at += 8;
    }
    let tail = bytes.get(at..).unwrap_or_default();
    tail.iter().position(unusual).map(|i| at + i)
}

/// Whether a lower-case letter comes before any other letter or terminator in `rest`.
fn lower_case_comes_first(rest: &str) -> bool {
    rest.chars().filter_map(class).find(|class| {
        matches!(
            class,
            Class::Lower | Class::Upper | Class::ATerm | Class::STerm
        )
    }) == Some(Class::Lower)
}

#[cfg(test)]
mod tests {
    use icu_segmenter::SentenceSegmenter;
    use icu_segmenter::options::SentenceBreakInvariantOptions;
    use proptest::prelude::*;

    use super::*;

    fn fast(line: &str) -> Option<Vec<usize>> {
        let mut out = Vec::new();
        breaks(line, &mut out).then_some(out)
    }

    fn icu(line: &str) -> Vec<usize> {
        SentenceSegmenter::new(SentenceBreakInvariantOptions::default())
            .segment_str(line)
            .collect()
    }

    #[test]
    fn news_sentences_break_after_their_terminators() {
        let line =
            "He paid $3.50 at 9 a.m. in the U.S. (on Monday). “Why?” she asked! Then — silence.";
        assert_eq!(fast(line), Some(icu(line)));
        assert_eq!(
            fast("One. Two? “Three!” Four"),
            Some(vec![0, 5, 10, 23, 27])
        );
    }

    #[test]
    fn other_characters_are_left_to_the_full_segmenter() {
        assert_eq!(fast("Tokyo 東京. Next."), None);
        assert_eq!(fast("a\u{a0}b."), None);
        assert_eq!(fast("e\u{301}."), None);
        assert_eq!(fast(""), Some(vec![0]));
    }

    proptest! {
        /// Eight bytes at a time, the first unusual byte is the one a search byte by byte
        /// finds.
        #[test]
        fn the_first_unusual_byte_is_found_by_blocks(bytes in prop::collection::vec(prop_oneof![
            6 => 0x20u8..=0x7E,
            1 => any::<u8>(),
            1 => prop::sample::select(vec![b'\t', 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0xFF, 0]),
        ], 0..40)) {
            let expected = bytes.iter().position(|b| !matches!(b, b' '..=b'~' | b'\t'));
            prop_assert_eq!(first_unusual(&bytes), expected);
        }

        /// The breaks are those of ICU4X's full segmenter, for any line of the characters
        /// handled here (weighted towards terminators, quotes and spaces).
        #[test]
        fn breaks_match_the_full_segmenter(
            line in "([a-cA-CxX09 .!?,;:\\-\"'()\\[\\]{}‘’“”«»–—$%&*/<=>@_~\tÀéßÿĀſłŁ]){0,40}"
        ) {
            prop_assert_eq!(fast(&line), Some(icu(&line)));
        }

        /// The byte-wise check of a line's characters agrees with classing each character.
        #[test]
        fn known_lines_are_those_of_known_characters(
            line in "([aZ9 .\t\n\u{7f}\u{1}’“À×÷ſƀ東\u{a0}\u{301}]){0,20}"
        ) {
            prop_assert_eq!(all_known(&line), line.chars().all(|c| class(c).is_some()));
        }
    }
}
