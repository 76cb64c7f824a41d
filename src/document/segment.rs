//! Paragraphs and sentences.
//!
//! A paragraph is a run of non-blank lines. Sentences follow UAX #29 within each line (a line
//! break always ends a sentence: news text puts one paragraph on a line), then a merge pass joins
//! what UAX #29 splits wrongly in English: after titles (`Mr.`, `Dr.`), dotted abbreviations
//! before a name (`U.S. officials`), month abbreviations before a day (`Jan. 10`), a question
//! mark inside a word (`/p?id=2`), and a quoted question or exclamation followed by its speech
//! verb (`“Why?” she asked`).

use std::ops::Range;

use icu_segmenter::SentenceSegmenter;
use icu_segmenter::options::SentenceBreakInvariantOptions;

use super::lines::line_ranges;
use super::sentence_breaks;
use crate::text::words::is_initial;

/// Abbreviations that never end a sentence in news prose.
const TITLES: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "St.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.",
    "Sgt.", "Capt.", "Cmdr.", "Adm.", "Maj.", "Rev.", "Hon.", "Pres.", "Mt.", "Ft.", "No.", "vs.",
    "Gens.", "Sens.", "Reps.", "Messrs.", "Supt.", "Insp.", "Brig.",
];

/// Month abbreviations: a sentence goes on when a day number follows.
const MONTHS: &[&str] = &[
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
];

/// Capitalized words that usually start a new sentence after a dotted abbreviation.
const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "An",
    "And",
    "As",
    "At",
    "But",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "Now",
    "On",
    "Our",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "We",
    "What",
    "When",
    "While",
    "Yet",
    "You",
];

/// The byte ranges of the paragraphs of `text`, whose lines are `lines`: maximal runs of
/// non-blank lines.
pub fn paragraphs(text: &str, lines: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in lines.iter().cloned() {
        if text[line.clone()].trim().is_empty() {
            out.extend(current.take());
        } else {
            match current.as_mut() {
                Some(paragraph) => paragraph.end = line.end,
                None => current = Some(line),
            }
        }
    }
    out.extend(current);
    out
}

/// The byte ranges of the sentences of `text`, trimmed of surrounding white space.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut breaks = Vec::new();
    for line in line_ranges(text) {
        let first_of_line = out.len();
        let line_text = &text[line.clone()];
        sentence_breaks(line_text, &mut breaks);
        for pair in breaks.windows(2) {
            let &[from, to] = pair else { continue };
            let piece = line_text.get(from..to).unwrap_or_default();
            let Some(span) = trimmed(piece, line.start + from) else {
                continue;
            };
            let merge = out.len() > first_of_line
                && out.last().is_some_and(|prev| continues(text, prev, &span));
            match out.last_mut() {
                Some(prev) if merge => prev.end = span.end,
                _ => out.push(span),
            }
        }
    }
    // The document keeps them while it is checked: no room left over.
    out.shrink_to_fit();
    out
}

/// The UAX #29 sentence breaks of `line`, from `0` to its length, into `breaks`. Lines of the
/// characters most news text uses are broken by [`sentence_breaks::breaks`] without a table
/// lookup per character; others by ICU4X's segmenter, which runs the rules on compiled
/// property tables: four times as fast as unicode-segmentation's on news text, with the same
/// breaks (a test holds them equal).
fn sentence_breaks(line: &str, breaks: &mut Vec<usize>) {
    if !sentence_breaks::breaks(line, breaks) {
        breaks.clear();
        breaks.extend(
            SentenceSegmenter::new(SentenceBreakInvariantOptions::default()).segment_str(line),
        );
    }
}

/// The range of `piece` (starting at `offset`) without surrounding white space, if any is left.
fn trimmed(piece: &str, offset: usize) -> Option<Range<usize>> {
    let start = offset + (piece.len() - piece.trim_start().len());
    let end = offset + piece.trim_end().len();
    (start < end).then_some(start..end)
}

/// Whether the sentence `next` continues the sentence `prev` rather than starting a new one.
fn continues(text: &str, prev: &Range<usize>, next: &Range<usize>) -> bool {
    let prev_text = &text[prev.clone()];
    let next_text = &text[next.clone()];
    let Some(first) = next_text.chars().next() else {
        return false;
    };
    let last_word = prev_text
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or(prev_text);
    let last_word = last_word.trim_start_matches(['(', '“', '"', '‘', '\'']);
    if TITLES.contains(&last_word) {
        return true;
    }
    // `list?page=2`: a question mark or exclamation between ASCII letters or digits, the next
    // one lower-case (a web address's query), ends no sentence; Chinese and Japanese, written
    // without spaces, end sentences so (`好!今天`), and `Why?Because` is a missing space.
    let glued = next.start == prev.end
        && (first.is_ascii_lowercase() || first.is_ascii_digit())
        && prev_text
            .strip_suffix(['?', '!'])
            .and_then(|head| head.chars().next_back())
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if glued {
        return true;
    }
    if MONTHS.contains(&last_word) {
        return first.is_ascii_digit();
    }
    if is_dotted_abbreviation(last_word) || last_word.strip_suffix('.').is_some_and(is_initial) {
        let next_word: String = next_text
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        return first.is_lowercase()
            || first.is_ascii_digit()
            || !SENTENCE_STARTERS.contains(&next_word.as_str());
    }
    let quoted_question = prev_text
        .trim_end_matches(['”', '"', '’', '\'', '»'])
        .ends_with(['?', '!']);
    let ends_in_quote = prev_text.ends_with(['”', '"', '’', '\'', '»']);
    quoted_question && ends_in_quote && first.is_lowercase()
}

/// `U.S.`, `a.m.`: single letters each followed by a point, at least two of them.
fn is_dotted_abbreviation(word: &str) -> bool {
    let mut letters = 0;
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        if !c.is_alphabetic() || chars.next() != Some('.') {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    use super::*;

    proptest! {
        /// The fast segmenter breaks where unicode-segmentation's reference one does: on the
        /// punctuation, quotes and letters of news text, and on any characters at all.
        #[test]
        fn sentence_breaks_match_the_reference_segmenter(
            line in "([a-zA-Z0-9 .!?,;:\"'“”‘’()«»…–ÉéßłŁ\t\u{85}\u{2028}\u{2029}]|\\PC){0,48}"
        ) {
            let mut breaks = Vec::new();
            sentence_breaks(&line, &mut breaks);
            let fast: Vec<(usize, &str)> = breaks
                .windows(2)
                .map(|pair| (pair[0], &line[pair[0]..pair[1]]))
                .collect();
            let reference: Vec<(usize, &str)> = line.split_sentence_bound_indices().collect();
            prop_assert_eq!(fast, reference);
        }
    }

    fn sentence_texts(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn titles_and_abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentence_texts(
                "Mr. Lamb met Dr. Okafor at 9 a.m. on Jan. 12 in the city. Then they left."
            ),
            [
                "Mr. Lamb met Dr. Okafor at 9 a.m. on Jan. 12 in the city.",
                "Then they left."
            ]
        );
    }

    #[test]
    fn an_initial_before_a_name_continues_but_before_a_starter_ends() {
        assert_eq!(
            sentence_texts(
                "Then M. Ferrand and J. R. Okoye spoke. They chose plan B. The rest left."
            ),
            [
                "Then M. Ferrand and J. R. Okoye spoke.",
                "They chose plan B.",
                "The rest left."
            ]
        );
    }

    #[test]
    fn dotted_abbreviation_before_a_name_continues_but_before_a_starter_ends() {
        assert_eq!(
            sentence_texts("The U.S. Navy sailed. It came back to the U.S. The crew rested."),
            [
                "The U.S. Navy sailed.",
                "It came back to the U.S.",
                "The crew rested."
            ]
        );
    }

    #[test]
    fn quoted_question_followed_by_speech_verb_is_one_sentence() {
        assert_eq!(
            sentence_texts("“Why now?” she asked. “Because!” He laughed."),
            ["“Why now?” she asked.", "“Because!”", "He laughed."]
        );
    }

    #[test]
    fn a_question_mark_inside_a_word_ends_no_sentence() {
        assert_eq!(
            sentence_texts("See example.org/list?page=2 for more. Why? Nobody knows."),
            [
                "See example.org/list?page=2 for more.",
                "Why?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn line_breaks_end_sentences_and_blank_lines_end_paragraphs() {
        let text = "First line\nsecond line.\n\n  \nThird.";
        assert_eq!(
            sentence_texts(text),
            ["First line", "second line.", "Third."]
        );
        let lines: Vec<Range<usize>> = line_ranges(text).collect();
        let paras: Vec<&str> = paragraphs(text, &lines)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(paras, ["First line\nsecond line.", "Third."]);
    }
}
