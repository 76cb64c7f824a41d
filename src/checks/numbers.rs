//! `numbers`: a number of the translation that is not the source's, where the source has a
//! number the translation lacks (`opened in 1995` for `ouvert en 1985`).
//!
//! ```toml
//! [rule.params]
//! words = { en = "../bilingual/numbers/en.txt", fr = "../bilingual/numbers/fr.txt" }
//! ```
//!
//! `words` names each language's number words (`word value` lines, a scale as `word *value`, a
//! word that only matches as `word =value`):
//! `en` for the translation, the others for sources in those languages. Numbers are compared
//! by value across conventions ([`crate::text::numbers`]): grouping and decimal marks, other
//! scripts' digits, Chinese and Japanese numerals and units, scale words, number words, times
//! and two-digit years. A translation's number in digits is flagged when no number of its
//! source agrees with it and the source has a number in digits that no number of the
//! translation accounts for, written the same way (digits or words) and within a factor of ten
//! of it or one digit apart. Months agree only with months. Digits and cardinal words from two up count (`seven`, `trois`);
//! ordinals, months, articles and Chinese or Japanese numerals only match. A number written
//! out, converted or left out alone is not a finding: translators do that on purpose.

use std::collections::HashMap;

use serde::Deserialize;
use toml::Spanned;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::Document;
use crate::text::numbers::{NumberMention, NumberWords, numbers};

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "numbers",
    aliases: &[],
    summary: "bilingual: numbers of the translation that are not the source's",
    compile,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersParams {
    words: HashMap<String, Spanned<String>>,
}

/// A compiled `numbers` rule.
#[derive(Debug)]
pub struct Numbers {
    english: NumberWords,
    /// Number words by source language.
    sources: HashMap<String, NumberWords>,
    /// For a source of unknown language.
    none: NumberWords,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: NumbersParams = params.parse()?;
    let mut sources = HashMap::new();
    for (lang, file) in &raw.words {
        let text = params.read_file(file)?;
        let words = NumberWords::parse(&text).map_err(|e| {
            ParamError::new(
                file.span(),
                format!("{}, line {}: {}", file.get_ref(), e.line, e.message),
            )
        })?;
        sources.insert(lang.clone(), words);
    }
    let english = sources.get("en").cloned().ok_or_else(|| {
        ParamError::new(0..0, "`words` must name the English number words (`en`)")
    })?;
    Ok(Box::new(Numbers {
        english,
        sources,
        none: NumberWords::default(),
    }))
}

/// Whether one number may have been put for the other: within a factor of ten of each other
/// (zero of nothing), or written one digit apart (`21` for `1`, `1995` for `1985`).
fn comparable(a: &NumberMention, b: &NumberMention, a_text: &str, b_text: &str) -> bool {
    let close = a.values.iter().any(|x| {
        b.values.iter().any(|y| {
            let (low, high) = (x.abs().min(y.abs()), x.abs().max(y.abs()));
            low > 0.0 && high <= 10.0 * low
        })
    });
    let digits = |text: &str| -> String { text.chars().filter(char::is_ascii_digit).collect() };
    let (a_digits, b_digits) = (digits(a_text), digits(b_text));
    close || (!a_digits.is_empty() && strsim::levenshtein(&a_digits, &b_digits) == 1)
}

/// The numbers of codes of the translation that the source writes with the same letters and
/// other digits (`Covid-89` for `Covid-19`), each with the source's: a code is copied in
/// translation, so its number is too.
fn changed_codes<'a>(
    source: &'a [NumberMention],
    target: &'a [NumberMention],
) -> Vec<(&'a NumberMention, &'a NumberMention)> {
    let unmatched = |mention: &NumberMention, others: &[NumberMention]| {
        !others
            .iter()
            .any(|o| same_code(o, mention) && o.agrees_with(mention))
    };
    target
        .iter()
        .filter(|t| t.code.is_some() && unmatched(t, source))
        .filter_map(|t| {
            let instead = source
                .iter()
                .find(|s| same_code(s, t) && unmatched(s, target))?;
            Some((t, instead))
        })
        .collect()
}

/// Whether two mentions are numbers of one code: the same letters, or one's the other's with
/// an inflection (`covidu-19` in Czech for `covid-19`).
fn same_code(a: &NumberMention, b: &NumberMention) -> bool {
    match (&a.code, &b.code) {
        (Some(a), Some(b)) => {
            let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            short == long || (short.len() >= 3 && long.starts_with(short.as_str()))
        }
        _ => false,
    }
}

/// How a number is quoted in a message.
fn quoted(text: &str, mention: &NumberMention, offset: usize) -> String {
    let span = mention.span.start - offset..mention.span.end - offset;
    format!("`{}`", text.get(span).unwrap_or_default())
}

impl Detector for Numbers {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let Some(bitext) = doc.bitext() else {
            return;
        };
        let source_words = bitext
            .lang()
            .and_then(|lang| self.sources.get(lang))
            .unwrap_or(&self.none);
        for pair in bitext.pairs() {
            let source_text = bitext.source_text(pair.source.clone());
            let target_text = doc.text().get(pair.target.clone()).unwrap_or_default();
            // A translation without a number stated firmly, or in a code, has nothing to flag.
            let target = numbers(target_text, &self.english);
            let firm = target.iter().any(|t| t.firm);
            if !firm && target.iter().all(|t| t.code.is_none()) {
                continue;
            }
            let source = numbers(source_text, source_words);
            // A code's number changed (`Covid-19` → `Covid-89`): same letters, other digits.
            for (wrong, instead) in changed_codes(&source, &target) {
                let message = format!(
                    "The number {} is not the source's, which has {} here",
                    quoted(target_text, wrong, 0),
                    quoted(source_text, instead, 0)
                );
                let (at, from) = (pair.target.start, pair.source.start);
                hits.push(
                    Hit::new(at + wrong.span.start..at + wrong.span.end)
                        .with_message(message)
                        .with_source(from + instead.span.start..from + instead.span.end),
                );
            }
            if !firm {
                continue;
            }
            // A number the source states twice is lost when the translation states it once
            // (`iPhone 6 and 6 Plus` → `6 and 7 Plus`): each number of the translation
            // accounts for one of the source's.
            // Of the translation's mentions that agree, the one at the nearest place (relative
            // to each side's count) is taken: `18 … 15` translated `15 … 15` leaves the first
            // `15` over, where the `18` was.
            let mut used = vec![false; target.len()];
            let mut lost: Vec<&NumberMention> = Vec::new();
            let place = |i: usize, n: usize| i as f64 / n.max(1) as f64;
            // Numbers stated firmly claim theirs first: `二三` (a range, read as words) must not
            // take the `23` of `23℃`.
            let mut order: Vec<usize> = (0..source.len()).collect();
            order.sort_by_key(|&i| source.get(i).is_none_or(|m| !m.firm));
            for (i, mention) in order.iter().filter_map(|&i| Some((i, source.get(i)?))) {
                let matched = target
                    .iter()
                    .enumerate()
                    .filter(|&(j, t)| {
                        !used.get(j).copied().unwrap_or(true) && t.agrees_with(mention)
                    })
                    .min_by(|(a, _), (b, _)| {
                        let distance =
                            |j: usize| (place(j, target.len()) - place(i, source.len())).abs();
                        distance(*a).total_cmp(&distance(*b))
                    })
                    .map(|(j, _)| j);
                match matched {
                    Some(j) => {
                        if let Some(slot) = used.get_mut(j) {
                            *slot = true;
                        }
                    }
                    None if mention.firm => lost.push(mention),
                    None => {}
                }
            }
            if lost.is_empty() {
                continue;
            }
            // A number of the translation left over: one the source lacks, or one it states
            // fewer times, when each of the source's that it agrees with has one reading (not
            // a time or a date, whose parts the translation may write apart).
            let unknown = target
                .iter()
                .zip(&used)
                .filter(|(t, used)| {
                    t.firm
                        && !**used
                        && source
                            .iter()
                            .filter(|s| s.agrees_with(t))
                            .all(|s| s.firm && s.values.len() == 1)
                })
                .map(|(t, _)| t);
            for wrong in unknown {
                // A number replaces one written the same way (digits for digits, words for
                // words), of a size within a factor of ten: a year added beside a lost minute
                // (`19:00 of July 6, 2020` for `7月6日19时54分`) is no substitution.
                let text_of = |text: &str, m: &NumberMention| -> String {
                    text.get(m.span.clone()).unwrap_or_default().to_owned()
                };
                let wrong_text = text_of(target_text, wrong);
                let Some(instead) = lost.iter().copied().find(|s| {
                    s.digits == wrong.digits
                        && comparable(s, wrong, &text_of(source_text, s), &wrong_text)
                }) else {
                    continue;
                };
                let message = format!(
                    "The number {} is not the source's, which has {} here",
                    quoted(target_text, wrong, 0),
                    quoted(source_text, instead, 0)
                );
                let at = pair.target.start;
                let from = pair.source.start;
                hits.push(
                    Hit::new(at + wrong.span.start..at + wrong.span.end)
                        .with_message(message)
                        .with_source(from + instead.span.start..from + instead.span.end),
                );
            }
        }
    }
}
