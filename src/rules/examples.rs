//! Rule examples as tests: run one rule over an example and compare with what it must flag.

use super::{Example, Rule};
use crate::document::Document;
use crate::edit::{Edit, apply};

/// What a rule did on an example text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleOutcome {
    /// The texts the rule flagged, in order.
    pub flagged: Vec<String>,
    /// The example text with the first suggestion of every hit applied.
    pub fixed: String,
}

/// Runs `rule` alone over the text of `example`.
pub fn run_example(rule: &Rule, example: &Example) -> ExampleOutcome {
    let mut doc = if example.xliff {
        Document::from_xliff(example.text.clone(), None, None)
    } else {
        Document::new(example.text.as_str())
    };
    if let Some(source) = &example.source {
        doc = doc.aligned_with(source.text.clone(), source.lang.as_deref(), None);
    }
    let mut hits = Vec::new();
    rule.detect(&doc, &mut hits);
    hits.sort_by_key(|h| (h.span.start, h.span.end));
    let flagged = hits
        .iter()
        .map(|h| doc.original()[doc.to_original(h.span.clone())].to_owned())
        .collect();
    let edits: Vec<Edit> = hits
        .iter()
        .filter_map(|h| {
            h.suggestions.first().map(|s| Edit {
                span: doc.to_original(h.span.clone()),
                replacement: s.clone(),
            })
        })
        .collect();
    ExampleOutcome {
        flagged,
        fixed: apply(doc.original(), &edits),
    }
}

impl ExampleOutcome {
    /// `Ok` when the outcome is what `example` says, else what differs.
    pub fn verdict(&self, example: &Example) -> Result<(), String> {
        if self.flagged != example.flag {
            return Err(format!(
                "expected to flag {:?}, flagged {:?}",
                example.flag, self.flagged
            ));
        }
        match &example.fix {
            Some(fix) if *fix != self.fixed => Err(format!(
                "expected the fix to give {fix:?}, it gave {:?}",
                self.fixed
            )),
            _ => Ok(()),
        }
    }
}
