//! `inline-codes`: a translation whose inline codes (XLIFF's `<g>`, `<x/>`, `<ph>`, `<pc>`…)
//! are not its source's — a code lost, added, or moved before another.
//!
//! ```toml
//! [rule.params]
//! ```
//!
//! Codes are told apart by element and `id`. The finding covers the segment's translation and
//! names what differs; segments without codes on either side, and inputs without codes (JSON
//! Lines), give nothing.

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::{Document, InlineCodes};

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "inline-codes",
    aliases: &[],
    summary: "bilingual: inline codes a translation loses, adds or reorders (XLIFF)",
    compile,
};

/// A compiled `inline-codes` rule.
#[derive(Debug)]
pub struct InlineCodesCheck;

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    params.parse_none()?;
    Ok(Box::new(InlineCodesCheck))
}

/// The codes of one side that the other lacks.
fn missing<'a>(from: &'a [String], other: &[String]) -> Vec<&'a str> {
    from.iter()
        .filter(|c| !other.contains(c))
        .map(String::as_str)
        .collect()
}

/// What differs between the codes of the two sides, if anything.
fn difference(codes: &InlineCodes) -> Option<String> {
    if codes.source == codes.target {
        return None;
    }
    let lost = missing(&codes.source, &codes.target);
    let added = missing(&codes.target, &codes.source);
    let message = match (lost.is_empty(), added.is_empty()) {
        (false, true) => format!("The translation loses the inline code {}", lost.join(", ")),
        (true, false) => format!("The translation adds the inline code {}", added.join(", ")),
        (false, false) => format!(
            "The translation loses the inline code {} and adds {}",
            lost.join(", "),
            added.join(", ")
        ),
        // Same codes, another order (or another count of one of them).
        (true, true) => format!(
            "The inline codes are not in the source's order: {} where the source has {}",
            codes.target.join(" "),
            codes.source.join(" ")
        ),
    };
    Some(message)
}

impl Detector for InlineCodesCheck {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let Some(bitext) = doc.bitext() else {
            return;
        };
        for pair in bitext.pairs() {
            let Some(message) = pair.codes.as_ref().and_then(difference) else {
                continue;
            };
            hits.push(
                Hit::new(pair.trimmed_target(doc.text()))
                    .with_message(message)
                    .with_source(pair.source.clone()),
            );
        }
    }
}
