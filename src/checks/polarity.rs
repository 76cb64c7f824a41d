//! `polarity`: a negation the translation states where its source has none (`does not have`
//! for a source that says it has).
//!
//! ```toml
//! [rule.params]
//! cues = { en = "../bilingual/negation/en.txt", fr = "../bilingual/negation/fr.txt" }
//! ```
//!
//! `cues` names each language's negation cues, one per line: a word (matched whole, in lower
//! case), `prefix-` for words starting with it, `-suffix` for words ending with it, `~text` for
//! text found anywhere (languages written without spaces). `en` lists the cues a translation
//! states a negation with (`not`, `n't`, `never`, `no`, `without`…).
//!
//! Conservative by design, since a false alarm costs more than a miss: a segment is flagged
//! only when its source, in a language with a cue list, has no cue at all — the lists are
//! generous, with lexical negations (`refuser`, `ohne`, `拒`) and negative prefixes — and its
//! translation has one. A negation lost is not looked for: English says "failed", "lacks" or
//! "refused" where a source negates a verb, and no list of those is complete.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::Document;
use crate::text::script::{is_letter, is_letter_or_digit};

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "polarity",
    aliases: &[],
    summary: "bilingual: a negation the translation adds to its source",
    compile,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolarityParams {
    cues: HashMap<String, Spanned<String>>,
}

/// One language's negation cues.
#[derive(Debug, Default)]
struct Cues {
    words: HashSet<String>,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    anywhere: Vec<String>,
}

impl Cues {
    fn parse(text: &str) -> Cues {
        let mut cues = Cues::default();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let lower = line.to_lowercase();
            if let Some(text) = lower.strip_prefix('~') {
                cues.anywhere.push(text.to_owned());
            } else if let Some(prefix) = lower.strip_suffix('-').filter(|p| !p.is_empty()) {
                cues.prefixes.push(prefix.to_owned());
            } else if let Some(suffix) = lower.strip_prefix('-').filter(|s| !s.is_empty()) {
                cues.suffixes.push(suffix.to_owned());
            } else {
                cues.words.insert(lower);
            }
        }
        cues
    }

    /// Whether a lower-case word is a cue.
    fn word_is_cue(&self, word: &str) -> bool {
        self.words.contains(word)
            || self
                .prefixes
                .iter()
                .any(|p| word.len() > p.len() + 2 && word.starts_with(p.as_str()))
            || self
                .suffixes
                .iter()
                .any(|s| word.len() > s.len() + 2 && word.ends_with(s.as_str()))
    }

    /// Whether a text has any cue.
    fn any_in(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        self.anywhere.iter().any(|t| lower.contains(t.as_str()))
            || lower
                .split(|c: char| !is_letter_or_digit(c))
                .any(|word| !word.is_empty() && self.word_is_cue(word))
    }

    /// The byte spans of the cues of an English text: whole words, and `n't` after a verb.
    fn spans_in(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut spans = Vec::new();
        let mut start = None;
        // Each word in lower case with straight apostrophes, one buffer for all.
        let mut lower = String::new();
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let in_word = is_letter_or_digit(c) || c == '\'' || c == '’';
            match (start, in_word) {
                (None, true) => start = Some(i),
                (Some(from), false) => {
                    let word = text.get(from..i).unwrap_or_default();
                    lower.clear();
                    lower.extend(
                        word.chars()
                            .flat_map(char::to_lowercase)
                            .map(|c| if c == '’' { '\'' } else { c }),
                    );
                    let lower = lower.as_str();
                    let after = text.get(i..).unwrap_or_default();
                    let before = text.get(..from).unwrap_or_default();
                    let contraction = lower
                        .strip_suffix("n't")
                        .filter(|stem| !stem.is_empty() && self.words.contains("n't"));
                    if let Some(stem) = contraction {
                        if !is_idiom(lower, before, after) {
                            spans.push(from + stem.len()..i);
                        }
                    } else if self.words.contains(lower) {
                        // `No. 5` is a number.
                        let numbered = lower == "no" && after.starts_with('.');
                        // `Taira no Masakado`: the Japanese particle of a name, between
                        // capitals.
                        let capital_before = previous_word(before)
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase);
                        let capital_after = after
                            .trim_start()
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase);
                        let particle = word == "no" && capital_before && capital_after;
                        if !numbered && !particle && !is_idiom(lower, before, after) {
                            spans.push(from..i);
                        }
                    }
                    start = None;
                }
                _ => {}
            }
        }
        spans
    }
}

/// The last word of a text, punctuation included.
fn previous_word(before: &str) -> &str {
    before.split_whitespace().next_back().unwrap_or_default()
}

/// Whether a negation cue (`lower`, between `before` and `after`) is part of an idiom that
/// negates nothing a source states: `not only`, `no longer`, `no matter`, `not the only`, `in
/// no time`, `a no-decision`.
fn is_idiom(lower: &str, before: &str, after: &str) -> bool {
    let mut following = after.split_whitespace().map(|w| {
        w.chars()
            .take_while(|c| is_letter(*c))
            .flat_map(char::to_lowercase)
            .collect::<String>()
    });
    let next = following.next().unwrap_or_default();
    let second = following.next().unwrap_or_default();
    IDIOM_FOLLOWERS.contains(&next.as_str())
        || IDIOM_PAIRS.contains(&(next.as_str(), second.as_str()))
        || (previous_word(before).eq_ignore_ascii_case("in") && next == "time")
        // `a no-decision`, `no-show`: a noun, not a negation.
        || (lower == "no" && after.starts_with('-'))
}

/// Words after `not`, `no` or `never` that make an idiom rather than a negation a source
/// states (`not only`, `no longer`, `no matter`, `no less than`, `never mind`).
const IDIOM_FOLLOWERS: [&str; 13] = [
    "only", "just", "matter", "longer", "sooner", "less", "least", "more", "doubt", "wonder",
    "mind", "until", "but",
];

/// Two words after `not`, `no` or `never` that make a negation say something positive: `not
/// the only` (one of several), `no one more … than` (the most), `no sign of` (still going on),
/// `not to mention` (and also).
const IDIOM_PAIRS: [(&str, &str); 9] = [
    ("the", "only"),
    ("the", "first"),
    ("one", "more"),
    ("one", "better"),
    ("one", "else"),
    ("sign", "of"),
    ("signs", "of"),
    ("to", "mention"),
    ("other", "than"),
];

/// A compiled `polarity` rule.
#[derive(Debug)]
pub struct Polarity {
    english: Cues,
    sources: HashMap<String, Cues>,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: PolarityParams = params.parse()?;
    let mut sources = HashMap::new();
    for (lang, file) in &raw.cues {
        let text = params.read_file(file)?;
        sources.insert(lang.clone(), Cues::parse(&text));
    }
    let english = sources
        .remove("en")
        .ok_or_else(|| ParamError::new(0..0, "`cues` must name the English cues (`en`)"))?;
    Ok(Box::new(Polarity { english, sources }))
}

impl Detector for Polarity {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let Some(bitext) = doc.bitext() else {
            return;
        };
        let Some(cues) = bitext.lang().and_then(|lang| self.sources.get(lang)) else {
            return;
        };
        for pair in bitext.pairs() {
            let source = bitext.source_text(pair.source.clone());
            if source.trim().is_empty() || cues.any_in(source) {
                continue;
            }
            let target = doc.text().get(pair.target.clone()).unwrap_or_default();
            if let Some(first) = self.english.spans_in(target).first() {
                let at = pair.target.start;
                hits.push(
                    Hit::new(at + first.start..at + first.end).with_source(pair.source.clone()),
                );
            }
        }
    }
}
