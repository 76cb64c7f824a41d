//! The parts of mtlint's rule-file format that are read both when mtlint is built (`build.rs`
//! prebuilds each shipped spelling rule's suggestion table) and when rules load: one definition,
//! so that renaming a parameter changes both readers and cannot leave a shipped rule without its
//! prebuilt table.

// No panics by construction, as in the library.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![cfg_attr(
    test,
    allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// The name of the spelling check kind, as rule files write it in `check = "…"`.
pub const SPELLING_KIND: &str = "spelling";

/// The parameters of a `spelling` rule (`[rule.params]`); what each one means is documented on
/// the spelling kind.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpellingParams {
    /// The ranked word list: `word count` lines, most frequent first.
    pub frequency: Spanned<String>,
    /// `misspelling => correction` lines.
    #[serde(default)]
    pub misspellings: Option<Spanned<String>>,
    /// More words that are not typos.
    #[serde(default)]
    pub allow: Vec<Spanned<String>>,
    /// Large word lists of rare words, names and new words.
    #[serde(default)]
    pub corpus_words: Vec<Spanned<String>>,
    /// How many of the most frequent words count as common.
    #[serde(default = "default_common_words")]
    pub common_words: usize,
    /// Word-forming prefixes.
    #[serde(default)]
    pub prefixes: Vec<String>,
    /// A word used this many times in a document is deliberate.
    #[serde(default = "default_deliberate")]
    pub deliberate: usize,
    /// Suggestions come from this many of the most frequent words.
    #[serde(default = "default_index_words")]
    pub index_words: usize,
    /// At most this many suggestions per finding.
    #[serde(default = "default_max_suggestions")]
    pub max_suggestions: usize,
}

fn default_index_words() -> usize {
    mtlint_tables::deletion_table::DEFAULT_INDEX_WORDS
}

fn default_max_suggestions() -> usize {
    3
}

fn default_common_words() -> usize {
    5_000
}

fn default_deliberate() -> usize {
    3
}

/// The parameters of every spelling rule in a rule file's text, in the file's order. The text
/// is read as the loader reads it (`toml`'s document tables, which keep each value's place),
/// so the parameters deserialize exactly as they do when the rule loads.
///
/// # Errors
///
/// When the text is not TOML, or a spelling rule's parameters are not those of
/// [`SpellingParams`] (an unknown or misspelled key, a missing `frequency`, a wrong type).
pub fn spelling_rules(text: &str) -> Result<Vec<SpellingParams>, toml::de::Error> {
    let root = DeTable::parse(text)?.into_inner();
    let Some(DeValue::Array(rules)) = root.get("rule").map(|rules| rules.get_ref()) else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    for rule in rules {
        let DeValue::Table(table) = rule.get_ref() else {
            continue;
        };
        let kind = table.get("check").map(|check| check.get_ref());
        if !matches!(kind, Some(DeValue::String(name)) if name == SPELLING_KIND) {
            continue;
        }
        let params = table
            .get("params")
            .cloned()
            .unwrap_or_else(|| Spanned::new(rule.span(), DeValue::Table(DeTable::new())));
        found.push(SpellingParams::deserialize(ValueDeserializer::from(
            params,
        ))?);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spelling_rule_gets_its_parameters_and_the_defaults() {
        let text = r#"
            [[rule]]
            id = "other"
            check = "pattern"
            [rule.params]
            pattern = "x"

            [[rule]]
            id = "typos"
            check = "spelling"
            [rule.params]
            frequency = "ranked.txt"
            index_words = 12
        "#;
        let rules = spelling_rules(text).unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0].frequency.get_ref(), "ranked.txt");
        assert_eq!(rules[0].index_words, 12);
        assert_eq!(rules[0].max_suggestions, 3);
    }

    #[test]
    fn a_renamed_parameter_is_an_error_not_a_default() {
        let text = r#"
            [[rule]]
            check = "spelling"
            [rule.params]
            frequency = "ranked.txt"
            index_word = 12
        "#;
        let error = spelling_rules(text).unwrap_err();
        assert!(error.message().contains("index_word"), "{error}");
    }

    #[test]
    fn a_spelling_rule_without_its_word_list_is_an_error() {
        let text = "[[rule]]\ncheck = \"spelling\"\n";
        let error = spelling_rules(text).unwrap_err();
        assert!(error.message().contains("frequency"), "{error}");
    }
}
