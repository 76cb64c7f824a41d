//! `quotes`: quotation marks paired per paragraph, and the pairs that are wrong.
//!
//! ```toml
//! [rule.params]
//! artifact = "reversed"   # reversed | spaced | unbalanced | guillemets | mixed
//! ```
//!
//! Each pair gets at most one artifact, in this order: guillemets (`« »` in English), reversed
//! (`” word “`), spaced inside (`“ word ”`). `unbalanced` flags a mark that opens and never
//! closes in its paragraph, or closes with nothing open; a mark right after a digit with no
//! quotation open is an inch or second sign ([`crate::text::quotes::group`] skips it). A
//! quotation running over several paragraphs, each opened but only the last closed (the
//! English convention), is not unbalanced; nor, in input of one segment per document (a
//! record of one paragraph, XLIFF units), a quotation left open at the segment's end or closed
//! at its start (it spans segments); nor a quotation a teaser's ellipsis cuts at the end of its
//! paragraph (`he said: “We are…`). `mixed` flags a pair opened in one style and closed in the
//! other (`“word"`). Paragraphs written mostly in another script are skipped: their quotation
//! marks follow their own language.
//! The suggestion rewrites the pair as `“…”`.

use std::ops::Range;

use serde::Deserialize;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::Document;
use crate::text::quotes::{Glyph, Group, Mark};
use crate::text::words;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "quotes",
    aliases: &[],
    summary: "quotation marks paired per paragraph: reversed, spaced, unbalanced, guillemets, mixed",
    compile,
};

/// Which artifact a rule reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Artifact {
    Reversed,
    Spaced,
    Unbalanced,
    Guillemets,
    Mixed,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuotesParams {
    artifact: Artifact,
}

/// A compiled `quotes` rule.
#[derive(Debug)]
pub struct Quotes {
    artifact: Artifact,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: QuotesParams = params.parse()?;
    Ok(Box::new(Quotes {
        artifact: raw.artifact,
    }))
}

/// The one artifact of a pair, if any.
fn classify(text: &str, open: &Mark, close: &Mark) -> Option<Artifact> {
    let inner = &text[open.range(text).end..close.at];
    if open.glyph.is_guillemet() || close.glyph.is_guillemet() {
        Some(Artifact::Guillemets)
    } else if open.glyph.closes() || close.glyph.opens() {
        Some(Artifact::Reversed)
    } else if (open.glyph == Glyph::Straight) != (close.glyph == Glyph::Straight) {
        Some(Artifact::Mixed)
    } else if inner.starts_with(char::is_whitespace) || inner.ends_with(char::is_whitespace) {
        Some(Artifact::Spaced)
    } else {
        None
    }
}

/// The pair rewritten with curly quotes and no space inside.
fn repaired(text: &str, open: &Mark, close: &Mark) -> String {
    let inner = text[open.range(text).end..close.at].trim();
    format!("“{inner}”")
}

fn pair_span(text: &str, open: &Mark, close: &Mark) -> Range<usize> {
    open.at..close.range(text).end
}

/// Whether a closing mark with nothing open ends a quotation that began in an earlier segment:
/// it sits against the quotation's last punctuation (`years,”`, `moment”,`), and nothing
/// follows it, or its attribution does (`said the mayor`, `he added`, `Ann Lee, a teacher`) —
/// not a mark dropped between two words (`cared" for`), nor one before more of the sentence
/// (`Best Director," Best Film`, `food," drink`).
fn closes_a_quotation(text: &str, mark: &Mark) -> bool {
    let range = mark.range(text);
    let before = text
        .get(..range.start)
        .unwrap_or_default()
        .trim_end_matches(' ');
    let after = text.get(range.end..).unwrap_or_default();
    let punctuated = |t: &str| t.ends_with([',', '.', '?', '!', '…']);
    if !punctuated(before) && !after.starts_with([',', '.']) {
        return false;
    }
    let line = after.lines().next().unwrap_or_default();
    let line = line.trim_start_matches([',', '.', ' ']);
    if line.is_empty() {
        return true;
    }
    // The attribution runs to the end of its sentence: `," the coach, who also led Fiorentina
    // in the past, said.`
    let sentence = line
        .find(['.', '!', '?', ';'])
        .map_or(line, |end| line.get(..end).unwrap_or(line));
    let words: Vec<String> = sentence
        .split_whitespace()
        .take(30)
        .map(|w| w.trim_end_matches([',', '.', ';', ':']).to_lowercase())
        .collect();
    let speech = words
        .iter()
        .any(|w| words::SPEECH_VERBS.contains(&w.as_str()));
    let pronoun = words
        .first()
        .is_some_and(|w| ["he", "she", "they", "according"].contains(&w.as_str()));
    // `Petr Novák, one of the readers`: a name, a comma, and a phrase about the speaker.
    let parts: Vec<&str> = line.split_whitespace().take(5).collect();
    let named = parts.windows(2).take(3).any(|pair| {
        matches!(pair, [name, next] if name.ends_with(',') && next.starts_with(char::is_lowercase))
    }) && parts
        .iter()
        .position(|w| w.ends_with(','))
        .and_then(|comma| parts.get(..=comma))
        .is_some_and(|name| name.iter().all(|w| w.starts_with(char::is_uppercase)));
    speech || pronoun || named
}

/// Whether a mark left open at a segment's end stands where a quotation opens: after a space,
/// a colon or a dash (or at the start), right before a word (`said: “We`), so the quotation
/// may go on in the next segment.
fn opens_a_quotation(text: &str, mark: &Mark) -> bool {
    let range = mark.range(text);
    let before = text.get(..range.start).and_then(|b| b.chars().next_back());
    let after = text.get(range.end..).and_then(|a| a.chars().next());
    before.is_none_or(|c| c.is_whitespace() || matches!(c, ':' | '(' | '—' | '–'))
        && after.is_some_and(char::is_alphanumeric)
}

impl Detector for Quotes {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text();
        let paragraphs = doc.paragraphs();
        // Input that is one segment per document (a JSON Lines record of one paragraph, XLIFF
        // units): a quotation may open in one segment and close in a later one.
        let segments =
            paragraphs.len() == 1 || doc.bitext().is_some_and(|b| b.alignment().is_none());
        // Whether the paragraph before left a quotation open (continued or broken).
        let mut carried = false;
        for index in 0..paragraphs.len() {
            let groups = doc.quote_groups().get(index).map_or(&[][..], Vec::as_slice);
            // A paragraph without quotation marks, or in another script, has nothing to
            // report and leaves no quotation open.
            let in_foreign = || {
                paragraphs
                    .get(index)
                    .is_some_and(|p| doc.in_foreign_paragraph(p.start))
            };
            if groups.is_empty() || in_foreign() {
                carried = false;
                continue;
            }
            let continues = |p: Option<&std::ops::Range<usize>>| {
                p.is_some_and(|p| {
                    text[p.clone()]
                        .trim_start()
                        .starts_with(['“', '"', '„', '«'])
                })
            };
            let next_opens = continues(paragraphs.get(index + 1));
            // A teaser cut with an ellipsis cuts its quotation too (`he said: “We are…`).
            let cut = paragraphs.get(index).is_some_and(|p| {
                let end = text[p.clone()].trim_end();
                end.ends_with("...") || end.ends_with('…')
            });
            let was_carried = std::mem::replace(
                &mut carried,
                matches!(groups.last(), Some(Group::Unclosed(_))),
            );
            for (position, g) in groups.iter().copied().enumerate() {
                let legitimate = match g {
                    Group::Unclosed(mark) => {
                        position + 1 == groups.len()
                            && (next_opens || cut || segments && opens_a_quotation(text, &mark))
                    }
                    Group::Unopened(mark) => {
                        position == 0
                            && (was_carried || segments && closes_a_quotation(text, &mark))
                    }
                    Group::Pair(..) => false,
                };
                if legitimate {
                    continue;
                }
                match g {
                    Group::Pair(open, close) => match classify(text, &open, &close) {
                        Some(artifact) if artifact == self.artifact => {
                            hits.push(Hit::with_suggestion(
                                pair_span(text, &open, &close),
                                repaired(text, &open, &close),
                            ))
                        }
                        _ => {}
                    },
                    Group::Unclosed(mark) | Group::Unopened(mark) => {
                        if self.artifact == Artifact::Unbalanced {
                            hits.push(Hit::with_suggestion(mark.range(text), ""));
                        }
                    }
                }
            }
        }
    }
}
