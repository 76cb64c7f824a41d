//! Per-path rule settings: `[[overrides]]` in `mtlint.toml`, for the documents under some paths
//! (a legal section that quotes contracts, a folder of transcripts).
//!
//! ```toml
//! [[overrides]]
//! files = ["legal/**"]
//! rules = { "quote-capital" = "off", "fluency/spelling" = "neutral" }
//! ```
//!
//! A document matches when its path, relative to the configuration file's folder, matches one
//! of the globs; its findings then follow the settings (a rule id, a category or a family;
//! `off` drops the findings, a severity replaces theirs), later overrides over earlier ones.

use std::path::{Path, PathBuf};

use globset::GlobSet;

use crate::finding::Finding;
use crate::input::relative_path;
use crate::taxonomy::Severity;

/// One `[[overrides]]` table.
#[derive(Clone, Debug)]
pub struct Override {
    /// The paths it applies to.
    pub files: GlobSet,
    /// Rule ids, categories or families, and what they are set to (`None`: off).
    pub rules: Vec<(String, Option<Severity>)>,
}

/// Every override of the configuration, and the folder paths are relative to.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// The configuration file's folder, absolute.
    root: PathBuf,
    entries: Vec<Override>,
}

impl Overrides {
    /// The overrides of a configuration file in the folder `root`.
    pub fn new(root: &Path, entries: Vec<Override>) -> Overrides {
        Overrides {
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            entries,
        }
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Applies the overrides that match the document read from `source` to its findings.
    pub fn apply(&self, source: &str, findings: &mut Vec<Finding>) {
        if self.entries.is_empty() {
            return;
        }
        let Ok(absolute) = std::fs::canonicalize(source) else {
            return;
        };
        let path = relative_path(&absolute, &self.root);
        let matching: Vec<&Override> = self
            .entries
            .iter()
            .filter(|o| o.files.is_match(&path))
            .collect();
        if matching.is_empty() {
            return;
        }
        findings.retain_mut(|finding| {
            let category = finding.category.as_str();
            let family = category.split_once('/').map_or(category, |(f, _)| f);
            // The last override that names the rule, its category or its family decides; within
            // one, the rule id is the most specific.
            let setting = matching.iter().rev().find_map(|o| {
                [&*finding.rule, category, family].iter().find_map(|name| {
                    o.rules
                        .iter()
                        .find(|(key, _)| key == name)
                        .map(|(_, setting)| *setting)
                })
            });
            match setting {
                Some(None) => false,
                Some(Some(severity)) => {
                    finding.severity = severity;
                    true
                }
                None => true,
            }
        });
    }
}
