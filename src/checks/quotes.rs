//! `quotes`: quotation marks paired per paragraph, and the pairs that are wrong.
//!
//! ```toml
//! [rule.params]
//! artifact = "reversed"   # reversed | spaced | unbalanced | guillemets | mixed
//! ```
//!
//! Each pair gets at most one artifact, in this order: guillemets (`« »` in English), reversed
//! (`” word “`), spaced inside (`“ word ”`). `unbalanced` flags a mark that opens and never
//! closes in its paragraph, or closes with nothing open; a straight mark right after a digit is
//! an inch or second sign and is skipped. A quotation running over several paragraphs, each
//! opened but only the last closed (the English convention), is not unbalanced. `mixed` flags
//! a pair opened in one style and closed in the other (`“word"`). Paragraphs written mostly in
//! another script are skipped: their quotation marks follow their own language. `mixed` flags the pairs of the minority style when a
//! The suggestion rewrites the pair as `“…”`.

use std::ops::Range;

use serde::Deserialize;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::{Document, SharedKey};
use crate::text::quotes::{Glyph, Group, Mark};
use crate::text::script::mostly_foreign_script;

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

fn is_inch_sign(text: &str, mark: &Mark) -> bool {
    mark.glyph == Glyph::Straight
        && text[..mark.at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit())
}

/// Which paragraphs with quotation marks are in another script: shared by the quotation rules.
#[derive(PartialEq)]
struct ForeignParagraphs;

impl SharedKey for ForeignParagraphs {
    type Value = Vec<bool>;
}

impl Detector for Quotes {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let text = doc.text();
        let paragraphs = doc.paragraphs();
        // Which paragraphs with quotation marks are in another script: read once for every
        // quotation rule, and only where it matters.
        let foreign = doc.shared(ForeignParagraphs, || {
            paragraphs
                .iter()
                .zip(doc.quote_groups())
                .map(|(p, groups)| !groups.is_empty() && mostly_foreign_script(&text[p.clone()]))
                .collect::<Vec<bool>>()
        });
        // Whether the paragraph before left a quotation open (continued or broken).
        let mut carried = false;
        for index in 0..paragraphs.len() {
            let groups = doc.quote_groups().get(index).map_or(&[][..], Vec::as_slice);
            // A paragraph without quotation marks, or in another script, has nothing to
            // report and leaves no quotation open.
            if groups.is_empty() || foreign.get(index) == Some(&true) {
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
            let was_carried = std::mem::replace(
                &mut carried,
                matches!(groups.last(), Some(Group::Unclosed(_))),
            );
            for (position, g) in groups.iter().copied().enumerate() {
                let legitimate = match g {
                    Group::Unclosed(_) => position + 1 == groups.len() && next_opens,
                    Group::Unopened(_) => position == 0 && was_carried,
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
                        if self.artifact == Artifact::Unbalanced && !is_inch_sign(text, &mark) {
                            hits.push(Hit::with_suggestion(mark.range(text), ""));
                        }
                    }
                }
            }
        }
    }
}
