//! The fixed vocabulary every rule, report and score shares: MQM-aligned categories and severities.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An MQM-aligned error category. The vocabulary is fixed: reports, scoring, configuration and the
/// evaluation script all key on these names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    /// A word or phrase that says something the source did not (false friends, homographs).
    #[serde(rename = "accuracy/mistranslation")]
    AccuracyMistranslation,
    /// Source-language text left in the English output.
    #[serde(rename = "accuracy/untranslated")]
    AccuracyUntranslated,
    /// Something the source says that the translation leaves out (an empty segment, a lost
    /// name, an omitted sentence).
    #[serde(rename = "accuracy/omission")]
    AccuracyOmission,
    /// Something the translation says that the source does not.
    #[serde(rename = "accuracy/addition")]
    AccuracyAddition,
    /// Typos and misspellings.
    #[serde(rename = "fluency/spelling")]
    FluencySpelling,
    /// Capital letters where English wants lower case, and the reverse.
    #[serde(rename = "fluency/capitalization")]
    FluencyCapitalization,
    /// Ungrammatical constructions such as doubled negation.
    #[serde(rename = "fluency/grammar")]
    FluencyGrammar,
    /// Quotes, spacing around punctuation, stray marks.
    #[serde(rename = "fluency/punctuation")]
    FluencyPunctuation,
    /// Repeated words.
    #[serde(rename = "fluency/duplication")]
    FluencyDuplication,
    /// One thing written two ways in one document.
    #[serde(rename = "fluency/inconsistency")]
    FluencyInconsistency,
    /// A term that house style or current usage replaces.
    #[serde(rename = "terminology/wrong-term")]
    TerminologyWrongTerm,
    /// Locale conventions: dates, numbers, units.
    #[serde(rename = "locale/convention")]
    LocaleConvention,
    /// Page furniture a scraper dragged in.
    #[serde(rename = "design/boilerplate")]
    DesignBoilerplate,
    /// Text cut short, such as teasers ending in `...`.
    #[serde(rename = "design/truncation")]
    DesignTruncation,
    /// Markup lost, added or moved: an XLIFF target whose inline codes are not its source's.
    #[serde(rename = "design/markup")]
    DesignMarkup,
}

impl Category {
    /// Every category, in the order the design document lists them.
    pub const ALL: [Category; 15] = [
        Category::AccuracyMistranslation,
        Category::AccuracyUntranslated,
        Category::AccuracyOmission,
        Category::AccuracyAddition,
        Category::FluencySpelling,
        Category::FluencyCapitalization,
        Category::FluencyGrammar,
        Category::FluencyPunctuation,
        Category::FluencyDuplication,
        Category::FluencyInconsistency,
        Category::TerminologyWrongTerm,
        Category::LocaleConvention,
        Category::DesignBoilerplate,
        Category::DesignTruncation,
        Category::DesignMarkup,
    ];

    /// The category's name as it appears in rule files and reports, e.g. `fluency/spelling`.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::AccuracyMistranslation => "accuracy/mistranslation",
            Category::AccuracyUntranslated => "accuracy/untranslated",
            Category::AccuracyOmission => "accuracy/omission",
            Category::AccuracyAddition => "accuracy/addition",
            Category::FluencySpelling => "fluency/spelling",
            Category::FluencyCapitalization => "fluency/capitalization",
            Category::FluencyGrammar => "fluency/grammar",
            Category::FluencyPunctuation => "fluency/punctuation",
            Category::FluencyDuplication => "fluency/duplication",
            Category::FluencyInconsistency => "fluency/inconsistency",
            Category::TerminologyWrongTerm => "terminology/wrong-term",
            Category::LocaleConvention => "locale/convention",
            Category::DesignBoilerplate => "design/boilerplate",
            Category::DesignTruncation => "design/truncation",
            Category::DesignMarkup => "design/markup",
        }
    }

    /// Whether findings of this category correct the words they cover (fluency, terminology,
    /// locale), rather than saying what the text fails to carry over from its source or that
    /// it does not belong in the article.
    pub fn corrects_words(self) -> bool {
        match self {
            Category::FluencySpelling
            | Category::FluencyCapitalization
            | Category::FluencyGrammar
            | Category::FluencyPunctuation
            | Category::FluencyDuplication
            | Category::FluencyInconsistency
            | Category::TerminologyWrongTerm
            | Category::LocaleConvention => true,
            Category::AccuracyMistranslation
            | Category::AccuracyUntranslated
            | Category::AccuracyOmission
            | Category::AccuracyAddition
            | Category::DesignBoilerplate
            | Category::DesignTruncation
            | Category::DesignMarkup => false,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("unknown category `{s}`"))
    }
}

/// How much a finding hurts the article, from MQM: weights 0, 1, 5 and 25 by default.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth noting, costs nothing.
    Neutral,
    /// A reader stumbles but understands.
    Minor,
    /// The meaning suffers or the page is not fit to publish as it stands.
    Major,
    /// The text misleads or is unusable.
    Critical,
}

impl Severity {
    /// The severity's name as it appears in rule files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Neutral => "neutral",
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn category_names_round_trip_through_serde_and_from_str() {
        for category in Category::ALL {
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.as_str()));
            assert_eq!(category.as_str().parse::<Category>().unwrap(), category);
        }
        assert!("fluency/typo".parse::<Category>().is_err());
    }

    #[test]
    fn severities_are_ordered_from_neutral_to_critical() {
        assert!(Severity::Neutral < Severity::Minor);
        assert!(Severity::Minor < Severity::Major);
        assert!(Severity::Major < Severity::Critical);
    }
}
