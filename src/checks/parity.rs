//! `parity`: what every segment's translation keeps of its source, compared segment pair by
//! segment pair: text at all, the source's own words, a question, an exclamation, the final
//! punctuation.
//!
//! ```toml
//! [rule.params]
//! compare = "question"    # empty | unchanged | question | exclamation | final-punctuation
//! ```
//!
//! - `empty`: a translation with no letter or digit where the source has words.
//! - `unchanged`: a translation identical to its source (spacing and case aside) where the
//!   source is not English and has at least three words: nothing was translated.
//! - `question`: a question mark on one side only (`?`, `？`, `؟`, `;` in Greek is not read);
//!   a Japanese or Chinese sentence ending on a question particle (`か。`, `吗。`) asks too.
//! - `exclamation`: an exclamation mark in the source and none in the translation (not
//!   looked for in Chinese and Japanese sources, whose headlines exclaim for emphasis).
//! - `final-punctuation`: the source ends its last sentence with a full stop, a question or
//!   an exclamation mark (closing quotes and brackets aside) and the translation ends on a
//!   letter or digit; the suggestion adds the source's mark, the English way.

use serde::Deserialize;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::{Bitext, Document, SegmentPair};

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "parity",
    aliases: &[],
    summary: "bilingual: empty, unchanged, question, exclamation and final punctuation of each segment",
    compile,
};

/// What a rule compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Compare {
    Empty,
    Unchanged,
    Question,
    Exclamation,
    FinalPunctuation,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParityParams {
    compare: Compare,
}

/// A compiled `parity` rule.
#[derive(Debug)]
pub struct Parity {
    compare: Compare,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: ParityParams = params.parse()?;
    Ok(Box::new(Parity {
        compare: raw.compare,
    }))
}

/// Question marks of every script the packs know.
const QUESTION_MARKS: [char; 4] = ['?', '？', '؟', '¿'];
/// Exclamation marks.
const EXCLAMATION_MARKS: [char; 3] = ['!', '！', '¡'];
/// Marks that end a sentence, with the English mark for each.
const FINAL_MARKS: [(char, char); 10] = [
    ('.', '.'),
    ('?', '?'),
    ('!', '!'),
    ('。', '.'),
    ('？', '?'),
    ('！', '!'),
    ('।', '.'),
    ('॥', '.'),
    ('…', '…'),
    ('؟', '?'),
];

/// Closing quotes and brackets, which may follow a sentence's final mark.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '«' | '」' | '』' | ')' | '）' | ']' | '›' | '“'
    )
}

/// The text without closing quotes, brackets and spaces at its end.
fn trim_closing(text: &str) -> &str {
    text.trim_end_matches(|c: char| c.is_whitespace() || is_closing(c))
}

/// Whether a text has a word: a letter or a digit.
fn has_word(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// The words of a text (runs of letters and digits).
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Whether two texts have the same words in the same order, whatever their case and the
/// punctuation between them.
fn same_words(a: &str, b: &str) -> bool {
    let lower = |w: &str| {
        w.chars()
            .flat_map(char::to_lowercase)
            .collect::<Vec<char>>()
    };
    let (mut a, mut b) = (words_of(a), words_of(b));
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y || lower(x) == lower(y) => {}
            _ => return false,
        }
    }
}

impl Parity {
    fn compare_pair(&self, bitext: &Bitext, text: &str, pair: &SegmentPair, hits: &mut Vec<Hit>) {
        let source = bitext.source_text(pair.source.clone());
        let target = text.get(pair.target.clone()).unwrap_or_default();
        let whole = pair.trimmed_target(text);
        let source_span = pair.source.clone();
        if !has_word(source) {
            return;
        }
        match self.compare {
            Compare::Empty if !has_word(target) => {
                hits.push(Hit::new(whole).with_source(source_span));
            }
            Compare::Empty => {}
            Compare::Unchanged => {
                let english = bitext.lang().is_none_or(|lang| lang == "en");
                let letters = || words_of(source).filter(|w| w.chars().any(char::is_alphabetic));
                if !english && same_words(source, target) && letters().count() >= 3 {
                    hits.push(Hit::new(whole).with_source(source_span));
                }
            }
            Compare::Question => {
                let asks = |t: &str| t.contains(QUESTION_MARKS);
                let source_marks = asks(source);
                match (source_marks, asks(target)) {
                    (true, false) if has_word(target) => {
                        hits.push(
                            Hit::new(last_sentence(text, pair))
                                .with_message(
                                    "The source asks a question; the translation does not",
                                )
                                .with_source(source_span),
                        );
                    }
                    (false, true) if !asks_by_particle(source) => {
                        let at = target.rfind(QUESTION_MARKS).unwrap_or(0);
                        let mark = pair.target.start + at;
                        let length = target[at..].chars().next().map_or(1, char::len_utf8);
                        hits.push(
                            Hit::new(mark..mark + length)
                                .with_message("A question the source does not ask")
                                .with_source(source_span),
                        );
                    }
                    _ => {}
                }
            }
            Compare::Exclamation => {
                let exclaims = |t: &str| t.contains(EXCLAMATION_MARKS);
                // Chinese and Japanese headlines and captions exclaim for emphasis, which
                // English news leaves out.
                let emphatic = bitext
                    .lang()
                    .is_some_and(|lang| matches!(lang, "ja" | "zh"));
                if !emphatic && exclaims(source) && !exclaims(target) && has_word(target) {
                    hits.push(Hit::new(last_sentence(text, pair)).with_source(source_span));
                }
            }
            Compare::FinalPunctuation => {
                let Some(mark) = trim_closing(source).chars().next_back() else {
                    return;
                };
                let Some(&(_, english)) = FINAL_MARKS.iter().find(|(m, _)| *m == mark) else {
                    return;
                };
                let ending = trim_closing(target);
                if !ending.ends_with(char::is_alphanumeric) {
                    return;
                }
                // The last word of the translation, with the mark added after it.
                let word_start = ending.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
                    i + ending[i..].chars().next().map_or(1, char::len_utf8)
                });
                let from = pair.target.start + word_start;
                let to = pair.target.start + ending.len();
                let word = &ending[word_start..];
                let mark_end = pair.source.start + trim_closing(source).len();
                hits.push(
                    Hit::with_suggestion(from..to, format!("{word}{english}"))
                        .with_source(mark_end - mark.len_utf8()..mark_end),
                );
            }
        }
    }
}

/// Whether a Japanese or Chinese source asks a question with a final particle and a full stop
/// (`何だったのか。`, `你去吗。`), as those languages often do without a question mark.
fn asks_by_particle(source: &str) -> bool {
    source
        .split_inclusive(['。', '\n'])
        .map(|sentence| {
            sentence
                .trim_end()
                .trim_end_matches(['。', '」', '』', '）'])
        })
        .any(|sentence| sentence.ends_with(['か', '吗', '嗎', '呢']))
}

/// The span of the last sentence of a pair's translation, or of the whole translation.
fn last_sentence(text: &str, pair: &SegmentPair) -> std::ops::Range<usize> {
    let target = text.get(pair.target.clone()).unwrap_or_default();
    let trimmed = target.trim_end();
    let body = trim_closing(trimmed);
    let cut = body
        .trim_end_matches(|c: char| FINAL_MARKS.iter().any(|(m, _)| *m == c))
        .rfind(['.', '!', '?'])
        .map_or(0, |i| i + 1);
    let lead = target[cut..].len() - target[cut..].trim_start().len();
    pair.target.start + cut + lead..pair.target.start + trimmed.len()
}

impl Detector for Parity {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let Some(bitext) = doc.bitext() else {
            return;
        };
        for pair in bitext.pairs() {
            self.compare_pair(bitext, doc.text(), pair, hits);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_words_ignore_case_and_punctuation_only() {
        assert!(same_words("Hola, Mundo!", "hola mundo"));
        assert!(same_words("Été ÉTÉ", "été été"));
        assert!(!same_words("hola mundo", "hola"));
        assert!(!same_words("hola", "hola mundo"));
        assert!(!same_words("hola mundo", "hola mando"));
    }
}
