//! `segment-consistency`: segments of one document that a translator's tool would translate
//! alike — one source translated two ways, or two sources translated identically (the two
//! inconsistency checks of translation QA tools).
//!
//! ```toml
//! [rule.params]
//! compare = "same-source"    # same-source: one source, two translations;
//!                            # same-target: two sources, one translation
//! min_words = 2              # segments shorter than this are left alone
//! ```
//!
//! Segments are compared with their white space collapsed; case counts. The finding is on the
//! later segment's translation and names the earlier one. Documents of one segment pair (a
//! JSON Lines record) give nothing.

use std::collections::HashMap;

use serde::Deserialize;

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::Document;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "segment-consistency",
    aliases: &[],
    summary: "bilingual: one source translated two ways, or two sources translated alike",
    compile,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Compare {
    SameSource,
    SameTarget,
}

fn default_min_words() -> usize {
    2
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsistencyParams {
    compare: Compare,
    #[serde(default = "default_min_words")]
    min_words: usize,
}

/// A compiled `segment-consistency` rule.
#[derive(Debug)]
pub struct SegmentConsistency {
    compare: Compare,
    min_words: usize,
}

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    let raw: ConsistencyParams = params.parse()?;
    Ok(Box::new(SegmentConsistency {
        compare: raw.compare,
        min_words: raw.min_words,
    }))
}

/// A segment's text with its white space collapsed.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Detector for SegmentConsistency {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        let Some(bitext) = doc.bitext() else {
            return;
        };
        if bitext.pairs().len() < 2 {
            return;
        }
        // The first segment seen with each key, by the other side's text.
        let mut seen: HashMap<String, (usize, String)> = HashMap::new();
        for (index, pair) in bitext.pairs().iter().enumerate() {
            let source = collapsed(bitext.source_text(pair.source.clone()));
            let target_text = doc.text().get(pair.target.clone()).unwrap_or_default();
            let target = collapsed(target_text);
            if source.split(' ').count() < self.min_words
                || target.split(' ').count() < self.min_words
            {
                continue;
            }
            let (key, other) = match self.compare {
                Compare::SameSource => (source, target),
                Compare::SameTarget => (target, source),
            };
            match seen.get(&key) {
                Some((first, earlier)) if *earlier != other => {
                    let message = match self.compare {
                        Compare::SameSource => format!(
                            "The same source is translated otherwise in segment {}: “{earlier}”",
                            first + 1
                        ),
                        Compare::SameTarget => format!(
                            "The same translation is given to another source in segment {}: “{earlier}”",
                            first + 1
                        ),
                    };
                    hits.push(
                        Hit::new(pair.trimmed_target(doc.text()))
                            .with_message(message)
                            .with_source(pair.source.clone()),
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(key, (index, other));
                }
            }
        }
    }
}
