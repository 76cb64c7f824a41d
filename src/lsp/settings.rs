//! The settings a client passes: in `initializationOptions`, and again in
//! `workspace/didChangeConfiguration` (either bare or under an `mtlint` key).

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;

use crate::text::lexicon::Dialect;

/// The debounce when the client sets none: long enough to skip the keystrokes of a word.
const DEFAULT_DEBOUNCE_MS: u64 = 150;

/// What the client may set; every field has a default, and unknown fields are ignored (a
/// client's settings object often holds other tools' keys).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Rules, categories or families to keep (as `--select`; empty: all).
    pub select: Vec<String>,
    /// Rules, categories or families to leave out (as `--ignore`).
    pub ignore: Vec<String>,
    /// The dialect (as `--dialect`).
    pub dialect: Option<Dialect>,
    /// The lowest passing score (as `--min-score`).
    pub min_score: Option<f64>,
    /// A configuration file to use instead of the nearest `mtlint.toml`.
    pub config: Option<PathBuf>,
    /// The baseline file: its accepted findings are not shown, and "accept into the
    /// baseline" writes to it. Relative to the configuration file's folder (or the workspace
    /// folder); default `mtlint-baseline.json` there.
    pub baseline: Option<PathBuf>,
    /// How long to wait after a change before checking, in milliseconds.
    pub debounce_ms: u64,
    /// Whether to show the document's score and verdict as a diagnostic on its first line.
    pub show_score: bool,
    /// Where `docs/rules.md` is published (a URL; each rule's entry is its `#id`): the link
    /// of each diagnostic's code. Default: the repository `Cargo.toml` names, at this version.
    pub rules_docs_url: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            select: Vec::new(),
            ignore: Vec::new(),
            dialect: None,
            min_score: None,
            config: None,
            baseline: None,
            debounce_ms: DEFAULT_DEBOUNCE_MS,
            show_score: false,
            rules_docs_url: None,
        }
    }
}

impl Settings {
    /// The settings in a client's value: the object itself, or its `mtlint` key; null or
    /// absent is the defaults. A value that is not settings is an error naming the mistake.
    pub fn from_value(value: Option<serde_json::Value>) -> Result<Settings, String> {
        let value = match value {
            None | Some(serde_json::Value::Null) => return Ok(Settings::default()),
            Some(serde_json::Value::Object(mut object)) => match object.remove("mtlint") {
                Some(inner) => inner,
                None => serde_json::Value::Object(object),
            },
            Some(other) => other,
        };
        serde_json::from_value(value).map_err(|e| format!("mtlint settings: {e}"))
    }

    /// The debounce.
    pub fn debounce(&self) -> Duration {
        Duration::from_millis(self.debounce_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn settings_are_read_bare_or_under_their_key() {
        let bare = Settings::from_value(Some(json!({"select": ["fluency"], "debounceMs": 0})));
        assert_eq!(bare.as_ref().map(|s| s.debounce_ms), Ok(0));
        let nested = Settings::from_value(Some(json!({"mtlint": {"dialect": "gb"}})));
        assert_eq!(nested.map(|s| s.dialect), Ok(Some(Dialect::Gb)));
        assert_eq!(Settings::from_value(None), Ok(Settings::default()));
        let wrong = Settings::from_value(Some(json!({"minScore": "high"})));
        assert!(wrong.is_err_and(|e| e.contains("minScore") || e.contains("invalid type")));
    }
}
