//! Check kinds: the code side of rules.
//!
//! A rule names a check kind and gives it parameters; the kind compiles them once at load time
//! into a [`Detector`] that then runs on every document. Adding a kind means one file in this folder
//! and one line in [`REGISTRY`].

pub mod alignment;
pub mod boilerplate;
pub mod consistency;
pub mod fit;
pub mod glossary;
pub mod inline_codes;
pub mod language;
pub mod names;
pub mod negation;
pub mod numbers;
mod params;
pub mod parity;
pub mod pattern;
pub mod phrases;
pub mod polarity;
pub mod quote_case;
pub mod quotes;
pub mod repetition;
mod scope;
pub mod segment_consistency;
pub mod sentence_case;
pub mod spelling;
pub mod untranslated;

use std::fmt;
use std::ops::Range;

use crate::document::Document;

pub use params::{CheckSettings, ParamError, Params, RuleFiles};
pub use scope::Scope;

/// A compiled rule body, what a check kind makes of a rule's parameters: finds the rule's
/// artifact in a document.
pub trait Detector: Send + Sync + fmt::Debug {
    /// Appends the rule's hits in `doc` to `hits`, as byte spans of the checked text.
    fn detect(&self, doc: &Document, hits: &mut Vec<Hit>);
}

/// One place a check fired, before the engine turns it into a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Byte span of the checked text ([`Document::text`]).
    pub span: Range<usize>,
    /// Replacements for the span, best first.
    pub suggestions: Vec<String>,
    /// A message for this hit in place of the rule's, when the hit knows more (the other
    /// spelling of a name, say).
    pub message: Option<String>,
    /// For a check that compares the document with its source: the byte span of the source
    /// text ([`crate::document::Bitext::source`]) the hit is about.
    pub source: Option<Range<usize>>,
}

impl Hit {
    /// A hit without suggestions.
    pub fn new(span: Range<usize>) -> Self {
        Hit {
            span,
            suggestions: Vec::new(),
            message: None,
            source: None,
        }
    }

    /// A hit with one suggested replacement.
    pub fn with_suggestion(span: Range<usize>, suggestion: impl Into<String>) -> Self {
        Hit {
            span,
            suggestions: vec![suggestion.into()],
            message: None,
            source: None,
        }
    }

    /// The same hit with its own message.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// The same hit, about `span` of the source text.
    pub fn with_source(mut self, span: Range<usize>) -> Self {
        self.source = Some(span);
        self
    }
}

/// A check kind as the registry knows it.
pub struct CheckKind {
    /// The name rules use in `check = "…"`.
    pub name: &'static str,
    /// Former names, still read (a rule file written before a rename keeps working).
    pub aliases: &'static [&'static str],
    /// One line on what the kind does, for `mtlint rules list`.
    pub summary: &'static str,
    /// Validates the rule's `[rule.params]` and compiles them.
    pub compile: fn(&mut Params<'_>) -> Result<Box<dyn Detector>, ParamError>,
}

/// Every check kind, by name.
pub static REGISTRY: &[CheckKind] = &[
    pattern::KIND,
    phrases::KIND,
    repetition::KIND,
    sentence_case::KIND,
    quotes::KIND,
    quote_case::KIND,
    negation::KIND,
    consistency::KIND,
    untranslated::KIND,
    boilerplate::KIND,
    spelling::KIND,
    numbers::KIND,
    parity::KIND,
    polarity::KIND,
    names::KIND,
    inline_codes::KIND,
    glossary::KIND,
    segment_consistency::KIND,
    alignment::KIND,
    fit::KIND,
    language::KIND,
];

/// The check kind called `name`.
pub fn kind(name: &str) -> Option<&'static CheckKind> {
    REGISTRY
        .iter()
        .find(|k| k.name == name || k.aliases.contains(&name))
}

/// The names of all check kinds, for error messages.
pub fn kind_names() -> Vec<&'static str> {
    REGISTRY.iter().map(|k| k.name).collect()
}

/// Whether the characters around `span` of `text` leave it a whole word: no letter or digit
/// touches it on either side. Quotes, curly or straight, are boundaries.
pub fn is_whole_word(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let first = text[span.clone()].chars().next();
    let last = text[span.clone()].chars().next_back();
    let joins = |outside: Option<char>, inside: Option<char>| matches!((outside, inside), (Some(o), Some(i)) if o.is_alphanumeric() && i.is_alphanumeric());
    !joins(before, first) && !joins(after, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_renamed_kind_is_found_by_its_former_name() {
        assert_eq!(kind("leftovers").map(|k| k.name), Some("untranslated"));
        assert!(!kind_names().contains(&"leftovers"));
    }

    #[test]
    fn registry_names_are_unique() {
        let mut names = kind_names();
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn whole_words_stop_at_quotes_but_not_at_letters() {
        let text = "“Kiev” and Kievan";
        let kiev = text.find("Kiev").unwrap();
        assert!(is_whole_word(text, &(kiev..kiev + 4)));
        let kievan = text.rfind("Kiev").unwrap();
        assert!(!is_whole_word(text, &(kievan..kievan + 4)));
    }
}
