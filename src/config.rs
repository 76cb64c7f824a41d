//! `mtlint.toml`: found upward from the current folder (or named with `--config`), merged with
//! the command line, every effective value remembering where it came from.
//!
//! ```toml
//! extends = "../shared/mtlint.toml" # a configuration this one builds on (relative to this file)
//! rules-dirs = ["house-rules"]       # extra rule folders (relative to this file)
//! vocab = ["house-words.txt"]        # accepted words
//! glossary = ["terms.tsv"]           # source terms and their required translations (TSV, TBX)
//! source = "../fr"                   # the source articles: a file, or a folder mirroring the inputs
//! source-lang = "fr"
//! dialect = "gb"
//! include = ["articles/**"]          # when walking folders, only paths these globs match
//! exclude = ["drafts/**"]            # globs of paths left out when walking folders
//!
//! [rules]                            # per rule id or whole category
//! "quote-style-mixed" = "off"
//! "fluency/spelling" = "major"
//!
//! [[overrides]]                     # rule settings for some paths (relative to this file)
//! files = ["legal/**"]
//! rules = { "quote-capital" = "off" }
//!
//! [score]
//! min-score = 97
//! fail-on = "critical"               # neutral | minor | major | critical | none
//! weights = { neutral = 0, minor = 1, major = 5, critical = 25 }
//! minor-punctuation = 0.1
//! ```
//!
//! Precedence: the command line, then the file, then the files it `extends` (nearest first), then
//! the defaults. A value set in a file replaces the one it extends; `[rules]` merge key by key
//! and `[[overrides]]` add up (the extending file's last, so they win). Paths are relative to the
//! file that names them; globs match paths as they do in the extending file. Unknown keys,
//! values of the wrong type and unknown rule ids or categories are errors with the file, line
//! and column.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::overrides::{Override, Overrides};
use toml::Spanned;

use crate::checks::CheckSettings;
use crate::diagnostic::Diagnostic;
use crate::rules::{RuleOptions, RuleSet};
use crate::score::{DEFAULT_MIN_SCORE, FailOn, Gate, Weights};
use crate::taxonomy::Severity;
use crate::text::lexicon::Dialect;

/// The file name searched for.
pub const FILE_NAME: &str = "mtlint.toml";

/// What a rule or category is set to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    /// The rule does not run.
    Off,
    /// Neutral severity.
    Neutral,
    /// Minor severity.
    Minor,
    /// Major severity.
    Major,
    /// Critical severity.
    Critical,
}

impl RuleSetting {
    /// The severity, unless the setting turns the rule off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleSetting::Off => None,
            RuleSetting::Neutral => Some(Severity::Neutral),
            RuleSetting::Minor => Some(Severity::Minor),
            RuleSetting::Major => Some(Severity::Major),
            RuleSetting::Critical => Some(Severity::Critical),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            RuleSetting::Off => "off",
            RuleSetting::Neutral => "neutral",
            RuleSetting::Minor => "minor",
            RuleSetting::Major => "major",
            RuleSetting::Critical => "critical",
        }
    }
}

/// Severity weights as the file writes them.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightsFile {
    neutral: Option<Spanned<f64>>,
    minor: Option<Spanned<f64>>,
    major: Option<Spanned<f64>>,
    critical: Option<Spanned<f64>>,
}

/// One `[[overrides]]` table as the file writes it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideFile {
    files: Vec<Spanned<String>>,
    rules: BTreeMap<String, Spanned<RuleSetting>>,
}

/// A rule, category or family setting and the file that wrote it.
#[derive(Clone, Debug, PartialEq)]
pub struct RuleEntry {
    /// The rule id, category or family.
    pub key: String,
    /// What it is set to, with its place in the file.
    pub setting: Spanned<RuleSetting>,
    /// The index in [`Config::files`] of the file that wrote it.
    file: usize,
}

/// One `[[overrides]]` table: the globs of the paths it applies to, and its rule settings.
#[derive(Clone, Debug, PartialEq)]
pub struct OverrideSettings {
    /// Globs of the paths it applies to.
    pub files: Vec<Spanned<String>>,
    /// Its rule settings.
    pub rules: Vec<RuleEntry>,
}

/// One configuration file as read: where it is, what it says, and its text for errors.
#[derive(Clone, Debug)]
pub struct Layer {
    /// The file's path.
    pub path: PathBuf,
    /// Its values.
    pub file: ConfigFile,
    /// Its text.
    pub source: Arc<str>,
}

/// The `[score]` table.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ScoreFile {
    min_score: Option<Spanned<f64>>,
    fail_on: Option<FailOn>,
    weights: Option<WeightsFile>,
    minor_punctuation: Option<Spanned<f64>>,
}

/// The file, as written: every key optional.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConfigFile {
    extends: Option<Spanned<PathBuf>>,
    rules_dirs: Option<Vec<Spanned<PathBuf>>>,
    vocab: Option<Vec<Spanned<PathBuf>>>,
    glossary: Option<Vec<Spanned<PathBuf>>>,
    source: Option<Spanned<PathBuf>>,
    source_lang: Option<Spanned<String>>,
    dialect: Option<Dialect>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    rules: Option<BTreeMap<String, Spanned<RuleSetting>>>,
    overrides: Option<Vec<OverrideFile>>,
    score: Option<ScoreFile>,
}

/// Where an effective value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Built in.
    Default,
    /// The configuration file at this path.
    File(PathBuf),
    /// The command line.
    CommandLine,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::CommandLine => f.write_str("command line"),
        }
    }
}

/// A value and its origin.
#[derive(Clone, Debug, PartialEq)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub origin: Origin,
}

/// What the command line says; `None` and empty lists leave the file or the default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommandLine {
    /// `--rules`.
    pub rules_dirs: Vec<PathBuf>,
    /// `--vocab`.
    pub vocab: Vec<PathBuf>,
    /// `--glossary`.
    pub glossary: Vec<PathBuf>,
    /// `--source`.
    pub source: Option<PathBuf>,
    /// `--source-lang`.
    pub source_lang: Option<String>,
    /// `--dialect`.
    pub dialect: Option<Dialect>,
    /// `--exclude`.
    pub exclude: Vec<String>,
    /// `--min-score`.
    pub min_score: Option<f64>,
    /// `--fail-on`.
    pub fail_on: Option<FailOn>,
}

/// The effective configuration of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The configuration file read, if any.
    pub file: Option<PathBuf>,
    /// Extra rule folders.
    pub rules_dirs: Sourced<Vec<PathBuf>>,
    /// Vocabulary files.
    pub vocab: Sourced<Vec<PathBuf>>,
    /// Glossary files.
    pub glossary: Sourced<Vec<PathBuf>>,
    /// The source articles of the translations: a file, or a folder mirroring theirs.
    pub source: Sourced<Option<PathBuf>>,
    /// The source language.
    pub source_lang: Sourced<Option<String>>,
    /// The dialect, when one is asked for strictly.
    pub dialect: Sourced<Option<Dialect>>,
    /// Globs of the paths folder walks keep (empty: every path).
    pub include: Sourced<Vec<String>>,
    /// Globs of paths left out of folder walks.
    pub exclude: Sourced<Vec<String>>,
    /// The lowest passing score.
    pub min_score: Sourced<f64>,
    /// The severity that fails a document.
    pub fail_on: Sourced<FailOn>,
    /// Penalty weights.
    pub weights: Sourced<Weights>,
    /// Settings of rules and categories, with their place in the file, sorted by key.
    pub rules: Vec<RuleEntry>,
    /// The `[[overrides]]` tables: their globs, their rule settings.
    pub overrides: Vec<OverrideSettings>,
    /// Every file read, the ones extended first, with its text for errors about `[rules]`.
    files: Vec<(PathBuf, Arc<str>)>,
    /// What the user should know about the files: rules named by a former id.
    pub notices: Vec<String>,
}

impl Config {
    /// What the rules are loaded with: the rule folders, the source language's pack, the
    /// dialect and the glossaries.
    pub fn rule_options(&self) -> RuleOptions {
        RuleOptions {
            dirs: self.rules_dirs.value.clone(),
            source_lang: self.source_lang.value.clone(),
            settings: CheckSettings {
                dialect: self.dialect.value.unwrap_or_default(),
                strict_dialect: self.dialect.value.is_some(),
            },
            glossaries: self.glossary.value.clone(),
        }
    }

    /// Every configuration file read: the one found or named, and those it extends.
    pub fn files_read(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|(path, _)| path.as_path())
    }

    /// The gate.
    pub fn gate(&self) -> Gate {
        Gate {
            min_score: self.min_score.value,
            fail_on: self.fail_on.value.severity(),
        }
    }

    /// Checks the `[rules]` keys against `set` and applies them: rules turned off are removed,
    /// severities overridden (a rule's own setting wins over its category's).
    pub fn apply_rules(&self, set: &mut RuleSet) -> Result<(), Diagnostic> {
        let override_rules = self.overrides.iter().flat_map(|o| &o.rules);
        for RuleEntry { key, setting, file } in self.rules.iter().chain(override_rules) {
            if !set.knows(key) {
                let (path, text) = self
                    .files
                    .get(*file)
                    .map_or((FILE_NAME.into(), Arc::from("")), |(p, t)| {
                        (p.display().to_string(), Arc::clone(t))
                    });
                return Err(Diagnostic::new(
                    path,
                    text,
                    setting.span(),
                    format!(
                        "unknown rule, category or family `{key}` (`mtlint rules list` shows the rules){}",
                        closest_rule(set, key)
                            .map_or(String::new(), |id| format!("; did you mean `{id}`?"))
                    ),
                ));
            }
        }
        let lookup = |key: &str| {
            self.rules
                .iter()
                .find(|r| r.key == key)
                .map(|r| *r.setting.get_ref())
        };
        set.configure(|id, category| {
            let category = category.as_str();
            let family = category.split_once('/').map_or(category, |(f, _)| f);
            lookup(id)
                .or_else(|| lookup(category))
                .or_else(|| lookup(family))
                .map(RuleSetting::severity)
        });
        Ok(())
    }

    /// The `[[overrides]]` tables, ready to apply (their globs were checked when the file was
    /// read).
    pub fn overrides(&self) -> Overrides {
        let entries = self
            .overrides
            .iter()
            .map(|OverrideSettings { files, rules }| {
                let mut builder = globset::GlobSetBuilder::new();
                for glob in files {
                    if let Ok(glob) = globset::Glob::new(glob.get_ref()) {
                        builder.add(glob);
                    }
                }
                Override {
                    files: builder
                        .build()
                        .unwrap_or_else(|_| globset::GlobSet::empty()),
                    rules: rules
                        .iter()
                        .map(|r| (r.key.clone(), r.setting.get_ref().severity()))
                        .collect(),
                }
            })
            .collect();
        let folder = self
            .file
            .as_ref()
            .and_then(|p| p.parent())
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Overrides::new(&folder, entries)
    }

    /// The configuration as `mtlint config` prints it: TOML, each value with its origin.
    pub fn describe(&self) -> String {
        let list = |v: &[PathBuf]| {
            let items: Vec<String> = v
                .iter()
                .map(|p| format!("{:?}", p.display().to_string()))
                .collect();
            format!("[{}]", items.join(", "))
        };
        let strings = |v: &[String]| {
            let items: Vec<String> = v.iter().map(|s| format!("{s:?}")).collect();
            format!("[{}]", items.join(", "))
        };
        let mut out = String::new();
        match &self.file {
            Some(path) => out.push_str(&format!("# configuration file: {}\n", path.display())),
            None => out.push_str("# no configuration file found\n"),
        }
        for (path, _) in self.files.iter().rev().skip(1) {
            out.push_str(&format!("# extends: {}\n", path.display()));
        }
        out.push_str(&format!(
            "rules-dirs = {}  # {}\n",
            list(&self.rules_dirs.value),
            self.rules_dirs.origin
        ));
        out.push_str(&format!(
            "vocab = {}  # {}\n",
            list(&self.vocab.value),
            self.vocab.origin
        ));
        out.push_str(&format!(
            "glossary = {}  # {}\n",
            list(&self.glossary.value),
            self.glossary.origin
        ));
        match &self.source.value {
            Some(path) => out.push_str(&format!(
                "source = {:?}  # {}\n",
                path.display().to_string(),
                self.source.origin
            )),
            None => out.push_str(&format!("# source: none  # {}\n", self.source.origin)),
        }
        match &self.source_lang.value {
            Some(lang) => out.push_str(&format!(
                "source-lang = {lang:?}  # {}\n",
                self.source_lang.origin
            )),
            None => out.push_str(&format!(
                "# source-lang: none  # {}\n",
                self.source_lang.origin
            )),
        }
        match self.dialect.value {
            Some(d) => out.push_str(&format!(
                "dialect = {:?}  # {}\n",
                dialect_name(d),
                self.dialect.origin
            )),
            None => out.push_str(&format!(
                "# dialect: American suggestions, both spellings accepted  # {}\n",
                self.dialect.origin
            )),
        }
        out.push_str(&format!(
            "include = {}  # {}\n",
            strings(&self.include.value),
            self.include.origin
        ));
        out.push_str(&format!(
            "exclude = {}  # {}\n",
            strings(&self.exclude.value),
            self.exclude.origin
        ));
        out.push_str("\n[rules]\n");
        if self.rules.is_empty() {
            out.push_str("# every rule at its own severity  # default\n");
        }
        for RuleEntry { key, setting, file } in &self.rules {
            let origin = self
                .files
                .get(*file)
                .map_or_else(|| FILE_NAME.to_owned(), |(p, _)| p.display().to_string());
            out.push_str(&format!(
                "{key:?} = {:?}  # {origin}\n",
                setting.get_ref().as_str(),
            ));
        }
        let w = &self.weights.value;
        out.push_str("\n[score]\n");
        out.push_str(&format!(
            "min-score = {}  # {}\n",
            self.min_score.value, self.min_score.origin
        ));
        out.push_str(&format!(
            "fail-on = {:?}  # {}\n",
            self.fail_on.value.as_str(),
            self.fail_on.origin
        ));
        out.push_str(&format!(
            "weights = {{ neutral = {}, minor = {}, major = {}, critical = {} }}  # {}\n",
            w.neutral, w.minor, w.major, w.critical, self.weights.origin
        ));
        out.push_str(&format!(
            "minor-punctuation = {}  # {}\n",
            w.minor_punctuation, self.weights.origin
        ));
        out
    }
}

fn dialect_name(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Us => "us",
        Dialect::Gb => "gb",
    }
}

/// The nearest `mtlint.toml` in `start` or a folder above it.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|path| path.is_file())
}

/// Reads and parses a configuration file; mistakes are diagnostics with line and column.
pub fn read(path: &Path) -> Result<(ConfigFile, Arc<str>), Diagnostic> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        Diagnostic::file(
            display.clone(),
            format!("cannot read the configuration file: {e}"),
        )
    })?;
    let source: Arc<str> = Arc::from(text.as_str());
    let file: ConfigFile = toml::from_str(&text).map_err(|e| {
        Diagnostic::new(
            display.clone(),
            Arc::clone(&source),
            e.span().unwrap_or(0..0),
            e.message().to_owned(),
        )
    })?;
    let folder = path.parent().unwrap_or(Path::new(""));
    let source_article = file.source.clone().map(|path| vec![path]);
    let listed = [
        ("rule folder", &file.rules_dirs),
        ("vocabulary file", &file.vocab),
        ("glossary", &file.glossary),
        ("source article or folder", &source_article),
    ];
    for (what, paths) in listed {
        for entry in paths.iter().flatten() {
            if !folder.join(entry.get_ref()).exists() {
                return Err(Diagnostic::new(
                    display,
                    Arc::clone(&source),
                    entry.span(),
                    format!(
                        "{what} `{}` does not exist (paths are relative to this file)",
                        entry.get_ref().display()
                    ),
                ));
            }
        }
    }
    if let Some(min) = file.score.as_ref().and_then(|s| s.min_score.as_ref())
        && !(0.0..=100.0).contains(min.get_ref())
    {
        return Err(Diagnostic::new(
            display,
            Arc::clone(&source),
            min.span(),
            "min-score must be between 0 and 100",
        ));
    }
    if let Some(lang) = &file.source_lang
        && !crate::rules::is_language_code(lang.get_ref())
    {
        return Err(Diagnostic::new(
            display,
            Arc::clone(&source),
            lang.span(),
            format!(
                "`{}` is not a language code: expected an ISO 639 code such as `fr` or `ja` \
                 (rule packs: {})",
                lang.get_ref(),
                crate::rules::source_languages().join(", ")
            ),
        ));
    }
    let override_globs = file.overrides.iter().flatten().flat_map(|o| &o.files);
    for glob in file
        .include
        .iter()
        .chain(&file.exclude)
        .flatten()
        .chain(override_globs)
    {
        if let Err(e) = ignore::overrides::OverrideBuilder::new(folder)
            .add(glob.get_ref())
            .and_then(|builder| builder.build())
        {
            return Err(Diagnostic::new(
                display,
                Arc::clone(&source),
                glob.span(),
                format!("`{}` is not a valid glob: {e}", glob.get_ref()),
            ));
        }
    }
    if let Some(score) = &file.score {
        let weights = score.weights.as_ref();
        let named = [
            ("weights.neutral", weights.and_then(|w| w.neutral.as_ref())),
            ("weights.minor", weights.and_then(|w| w.minor.as_ref())),
            ("weights.major", weights.and_then(|w| w.major.as_ref())),
            (
                "weights.critical",
                weights.and_then(|w| w.critical.as_ref()),
            ),
            ("minor-punctuation", score.minor_punctuation.as_ref()),
        ];
        for (name, weight) in named {
            if let Some(weight) = weight
                && !(weight.get_ref().is_finite() && *weight.get_ref() >= 0.0)
            {
                return Err(Diagnostic::new(
                    display,
                    Arc::clone(&source),
                    weight.span(),
                    format!(
                        "{name} must be a finite number of at least 0, not {}",
                        weight.get_ref()
                    ),
                ));
            }
        }
    }
    Ok((file, source))
}

/// The value of the nearest file (the extending one first) that sets it, with that file.
fn nearest<'a, T>(
    layers: &'a [Layer],
    get: impl Fn(&'a ConfigFile) -> Option<T>,
) -> Option<(&'a Layer, T)> {
    layers
        .iter()
        .rev()
        .find_map(|layer| get(&layer.file).map(|value| (layer, value)))
}

/// The folder of a layer's file: its paths are relative to it.
fn folder_of(layer: &Layer) -> &Path {
    layer.path.parent().unwrap_or(Path::new(""))
}

/// Merges the command line over the files over the defaults. `layers` come as [`read_layers`]
/// gives them: the files extended first, the extending file last.
pub fn resolve(layers: Vec<Layer>, cli: &CommandLine) -> Config {
    let origin = |layer: &Layer| Origin::File(layer.path.clone());
    fn with_origin<T>(found: Option<(&Layer, T)>) -> Option<(T, Origin)> {
        found.map(|(layer, value)| (value, Origin::File(layer.path.clone())))
    }
    let pick_list =
        |cli_value: &Vec<PathBuf>, get: &dyn Fn(&ConfigFile) -> Option<&Vec<Spanned<PathBuf>>>| {
            let in_file = nearest(&layers, get).map(|(layer, paths)| {
                let folder = folder_of(layer);
                let paths: Vec<PathBuf> = paths.iter().map(|p| folder.join(p.get_ref())).collect();
                (paths, origin(layer))
            });
            let cli_value = (!cli_value.is_empty()).then(|| cli_value.clone());
            pick(cli_value, in_file, Vec::new())
        };
    let globs = |get: &dyn Fn(&ConfigFile) -> Option<&Vec<Spanned<String>>>| {
        with_origin(nearest(&layers, get)).map(|(globs, origin)| {
            let globs: Vec<String> = globs.iter().map(|g| g.get_ref().clone()).collect();
            (globs, origin)
        })
    };
    let score = |file: &ConfigFile| file.score.clone();
    let weight = |get: fn(&WeightsFile) -> Option<&Spanned<f64>>, default: f64| {
        nearest(&layers, |f| {
            score(f)?.weights.as_ref().and_then(get).cloned()
        })
        .map_or(default, |(_, w)| w.into_inner())
    };
    let d = Weights::default();
    let weights_origin = nearest(&layers, |f| {
        score(f).filter(|s| s.weights.is_some() || s.minor_punctuation.is_some())
    })
    .map_or(Origin::Default, |(layer, _)| origin(layer));
    let weights = Sourced {
        value: Weights {
            neutral: weight(|w| w.neutral.as_ref(), d.neutral),
            minor: weight(|w| w.minor.as_ref(), d.minor),
            major: weight(|w| w.major.as_ref(), d.major),
            critical: weight(|w| w.critical.as_ref(), d.critical),
            minor_punctuation: nearest(&layers, |f| score(f)?.minor_punctuation)
                .map_or(d.minor_punctuation, |(_, w)| w.into_inner()),
        },
        origin: weights_origin,
    };
    let mut rules: Vec<RuleEntry> = Vec::new();
    let mut overrides: Vec<OverrideSettings> = Vec::new();
    let mut notices = Vec::new();
    for (i, layer) in layers.iter().enumerate() {
        for entry in layer
            .file
            .rules
            .as_ref()
            .map(|table| rule_entries(layer, i, table, &mut notices))
            .unwrap_or_default()
        {
            rules.retain(|r| r.key != entry.key);
            rules.push(entry);
        }
        for table in layer.file.overrides.iter().flatten() {
            overrides.push(OverrideSettings {
                files: table.files.clone(),
                rules: rule_entries(layer, i, &table.rules, &mut notices),
            });
        }
    }
    rules.sort_by(|a, b| a.key.cmp(&b.key));
    Config {
        rules_dirs: pick_list(&cli.rules_dirs, &|f| f.rules_dirs.as_ref()),
        vocab: pick_list(&cli.vocab, &|f| f.vocab.as_ref()),
        glossary: pick_list(&cli.glossary, &|f| f.glossary.as_ref()),
        source: pick(
            cli.source.clone().map(Some),
            nearest(&layers, |f| f.source.as_ref())
                .map(|(layer, path)| (Some(folder_of(layer).join(path.get_ref())), origin(layer))),
            None,
        ),
        source_lang: pick(
            cli.source_lang.clone().map(Some),
            with_origin(nearest(&layers, |f| f.source_lang.as_ref()))
                .map(|(lang, origin)| (Some(lang.get_ref().clone()), origin)),
            None,
        ),
        dialect: pick(
            cli.dialect.map(Some),
            with_origin(nearest(&layers, |f| f.dialect)).map(|(d, origin)| (Some(d), origin)),
            None,
        ),
        include: pick(None, globs(&|f| f.include.as_ref()), Vec::new()),
        exclude: pick(
            (!cli.exclude.is_empty()).then(|| cli.exclude.clone()),
            globs(&|f| f.exclude.as_ref()),
            Vec::new(),
        ),
        min_score: pick(
            cli.min_score,
            with_origin(nearest(&layers, |f| score(f)?.min_score))
                .map(|(min, origin)| (min.into_inner(), origin)),
            DEFAULT_MIN_SCORE,
        ),
        fail_on: pick(
            cli.fail_on,
            with_origin(nearest(&layers, |f| score(f)?.fail_on)),
            FailOn::Critical,
        ),
        weights,
        rules,
        overrides,
        notices,
        file: layers.last().map(|l| l.path.clone()),
        files: layers.into_iter().map(|l| (l.path, l.source)).collect(),
    }
}

/// The settings of `table`, the `[rules]` of layer `file` (or of one of its `[[overrides]]`),
/// keyed by the rules' current ids; a former id adds a notice naming its place.
fn rule_entries(
    layer: &Layer,
    file: usize,
    table: &BTreeMap<String, Spanned<RuleSetting>>,
    notices: &mut Vec<String>,
) -> Vec<RuleEntry> {
    table
        .iter()
        .map(|(key, setting)| {
            if let Some(notice) = crate::rules::renamed_notice(key) {
                let line = layer
                    .source
                    .get(..setting.span().start)
                    .map_or(1, |before| before.matches('\n').count() + 1);
                notices.push(format!("{}:{line}: {notice}", layer.path.display()));
            }
            RuleEntry {
                key: crate::rules::current_rule_id(key).to_owned(),
                setting: setting.clone(),
                file,
            }
        })
        .collect()
}

/// The command line's value, else the files' (with the file that set it), else the default.
fn pick<T>(cli: Option<T>, file: Option<(T, Origin)>, default: T) -> Sourced<T> {
    match (cli, file) {
        (Some(value), _) => Sourced {
            value,
            origin: Origin::CommandLine,
        },
        (None, Some((value, origin))) => Sourced { value, origin },
        (None, None) => Sourced {
            value: default,
            origin: Origin::Default,
        },
    }
}

/// Reads the configuration file at `path` and every file it `extends`, the ones extended first;
/// a file that cannot be read or a circle of `extends` is an error at the `extends` key.
pub fn read_layers(path: &Path) -> Result<Vec<Layer>, Diagnostic> {
    let mut layers: Vec<Layer> = Vec::new();
    let mut seen: Vec<PathBuf> = vec![std::fs::canonicalize(path).unwrap_or(path.to_path_buf())];
    let mut next = Some(path.to_path_buf());
    while let Some(path) = next.take() {
        let (file, source) = read(&path)?;
        if let Some(extends) = &file.extends {
            let base = folder_of_path(&path).join(extends.get_ref());
            let error = |message: String| {
                Diagnostic::new(
                    path.display().to_string(),
                    Arc::clone(&source),
                    extends.span(),
                    message,
                )
            };
            let canonical = std::fs::canonicalize(&base).map_err(|e| {
                error(format!(
                    "cannot read `{}`, the configuration this file extends: {e} (paths are \
                     relative to this file)",
                    extends.get_ref().display()
                ))
            })?;
            if seen.contains(&canonical) {
                return Err(error(format!(
                    "`extends` goes round in a circle: `{}` is already extended",
                    base.display()
                )));
            }
            seen.push(canonical);
            next = Some(base);
        }
        layers.push(Layer { path, file, source });
    }
    layers.reverse();
    Ok(layers)
}

fn folder_of_path(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

/// Finds and reads the configuration (`explicit` first, else the nearest `mtlint.toml` above
/// `start`) and the files it extends, then merges `cli` over them.
pub fn load(
    explicit: Option<&Path>,
    start: &Path,
    cli: &CommandLine,
) -> Result<Config, Diagnostic> {
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => discover(start),
    };
    let layers = match path {
        Some(path) => read_layers(&path)?,
        None => Vec::new(),
    };
    Ok(resolve(layers, cli))
}

/// The rule id of `set` closest to a mistyped `name`, if one is close.
fn closest_rule<'s>(set: &'s RuleSet, name: &str) -> Option<&'s str> {
    set.rules()
        .iter()
        .map(|r| (strsim::levenshtein(&r.id, name), &*r.id))
        .filter(|&(distance, _)| distance <= 3)
        .min()
        .map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostic> {
        let dir = tempfile_dir();
        let path = dir.join(FILE_NAME);
        std::fs::write(&path, text).map_err(|e| Diagnostic::file("x", e.to_string()))?;
        Ok(resolve(read_layers(&path)?, &CommandLine::default()))
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "mtlint-config-test-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::create_dir_all(&dir);
        dir
    }

    #[test]
    fn file_values_apply_and_the_command_line_wins() {
        let config =
            parse("source-lang = \"fr\"\n[score]\nmin-score = 90\nfail-on = \"major\"\n").unwrap();
        assert_eq!(config.min_score.value, 90.0);
        assert!(matches!(config.min_score.origin, Origin::File(_)));
        assert_eq!(config.fail_on.value, FailOn::Major);
        assert_eq!(config.source_lang.value.as_deref(), Some("fr"));
        let cli = CommandLine {
            min_score: Some(80.0),
            ..CommandLine::default()
        };
        let merged = resolve(Vec::new(), &cli);
        assert_eq!(merged.min_score.value, 80.0);
        assert_eq!(merged.min_score.origin, Origin::CommandLine);
        assert_eq!(merged.fail_on.origin, Origin::Default);
    }

    #[test]
    fn an_extended_file_gives_what_the_extending_file_leaves_unset() {
        let dir = tempfile_dir().join("extends");
        std::fs::create_dir_all(dir.join("shared/words")).unwrap();
        std::fs::write(dir.join("shared/words/house.txt"), "quayside\n").unwrap();
        std::fs::write(
            dir.join("shared/base.toml"),
            "vocab = [\"words/house.txt\"]\ndialect = \"gb\"\n[rules]\n\"quote-capital\" = \"off\"\n\
             \"repeated-word\" = \"major\"\n[score]\nmin-score = 90\nfail-on = \"major\"\n",
        )
        .unwrap();
        let top = dir.join(FILE_NAME);
        std::fs::write(
            &top,
            "extends = \"shared/base.toml\"\n[rules]\n\"repeated-word\" = \"minor\"\n\
             [score]\nmin-score = 95\n",
        )
        .unwrap();
        let config = resolve(read_layers(&top).unwrap(), &CommandLine::default());
        assert_eq!(config.min_score.value, 95.0);
        assert_eq!(config.min_score.origin, Origin::File(top.clone()));
        assert_eq!(config.fail_on.value, FailOn::Major);
        assert_eq!(
            config.fail_on.origin,
            Origin::File(dir.join("shared/base.toml"))
        );
        // Paths are relative to the file that names them.
        assert_eq!(config.vocab.value, [dir.join("shared/words/house.txt")]);
        assert_eq!(config.dialect.value, Some(Dialect::Gb));
        let rules: Vec<(&str, RuleSetting)> = config
            .rules
            .iter()
            .map(|r| (r.key.as_str(), *r.setting.get_ref()))
            .collect();
        assert_eq!(
            rules,
            [
                ("quote-capital", RuleSetting::Off),
                ("repeated-word", RuleSetting::Minor)
            ]
        );
        assert!(
            config.describe().contains("# extends: "),
            "{}",
            config.describe()
        );
    }

    #[test]
    fn extends_that_is_missing_or_goes_round_is_an_error_at_the_key() {
        let dir = tempfile_dir().join("extends-bad");
        std::fs::create_dir_all(&dir).unwrap();
        let a = dir.join("a.toml");
        std::fs::write(&a, "# shared\nextends = \"missing.toml\"\n").unwrap();
        let e = read_layers(&a).unwrap_err();
        assert!(
            e.message.contains("cannot read `missing.toml`"),
            "{}",
            e.message
        );
        assert_eq!(e.line_column(), (2, 11));
        std::fs::write(&a, "extends = \"b.toml\"\n").unwrap();
        std::fs::write(dir.join("b.toml"), "\nextends = \"a.toml\"\n").unwrap();
        let e = read_layers(&a).unwrap_err();
        assert!(
            e.message.contains("goes round in a circle"),
            "{}",
            e.message
        );
        assert!(e.path.ends_with("b.toml"), "{}", e.path);
        assert_eq!(e.line_column(), (2, 11));
    }

    #[test]
    fn unknown_keys_are_errors_with_their_place() {
        let e = parse("[score]\nmin-scor = 90\n").unwrap_err();
        assert!(
            e.message.contains("unknown field `min-scor`"),
            "{}",
            e.message
        );
        assert_eq!(e.line_column(), (2, 1));
        let e = parse("[score]\nmin-score = 120\n").unwrap_err();
        assert!(e.message.contains("between 0 and 100"));
        for bad in ["-5", "nan", "inf", "-inf"] {
            let e = parse(&format!("[score]\nweights = {{ major = {bad} }}\n")).unwrap_err();
            assert!(
                e.message.contains("weights.major must be a finite number"),
                "{}",
                e.message
            );
            assert_eq!(e.line_column(), (2, 21));
        }
        let e = parse("[score]\nminor-punctuation = -0.1\n").unwrap_err();
        assert!(
            e.message.contains("minor-punctuation must be"),
            "{}",
            e.message
        );
        let e = parse("exclude = [\"ok/**\", \"a/{b\"]\n").unwrap_err();
        assert!(
            e.message.contains("`a/{b` is not a valid glob"),
            "{}",
            e.message
        );
        assert_eq!(e.line_column(), (1, 21));
        let e = parse("\nsource-lang = \"xx-YY1\"\n").unwrap_err();
        assert!(
            e.message.contains("`xx-YY1` is not a language code"),
            "{}",
            e.message
        );
        assert_eq!(e.line_column(), (2, 15));
        let e = parse("[rules]\n\"quote-capital\" = \"loud\"\n").unwrap_err();
        assert!(
            e.message.contains("unknown variant `loud`"),
            "{}",
            e.message
        );
    }
}
