//! `language`: a document written mostly in another language than English — a page or an
//! article nobody translated, or translated into the wrong language.
//!
//! The document's words are sampled as [`Document::is_mostly_english`] does (texts of fewer
//! than about sixty words count as English); when fewer than half of them are English, the
//! document gets this one finding, on its first sentence as a finding about a whole file sits
//! at its start, instead of a finding per word; and the engine drops its fluency findings, as
//! it does in a paragraph of another script. Documents read beside their source are left to
//! the bilingual checks, which say what was left untranslated segment by segment. The kind
//! takes no parameters.

use super::{CheckKind, Detector, Hit, ParamError, Params};
use crate::document::Document;

/// The registry entry.
pub const KIND: CheckKind = CheckKind {
    name: "language",
    aliases: &[],
    summary: "a document mostly in another language than English",
    compile,
};

/// A compiled `language` rule.
#[derive(Debug)]
pub struct Language;

fn compile(params: &mut Params<'_>) -> Result<Box<dyn Detector>, ParamError> {
    params.parse_none()?;
    Ok(Box::new(Language))
}

impl Detector for Language {
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        if doc.bitext().is_some() || doc.is_mostly_english() {
            return;
        }
        if let Some(first) = doc.sentences().first() {
            hits.push(Hit::new(first.clone()));
        }
    }
}
