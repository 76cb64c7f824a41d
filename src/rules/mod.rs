//! Rules: TOML data that picks a check kind, gives it parameters, and carries its own examples.
//!
//! Built-in packs are embedded from `rules/`; `--rules DIR` adds folders whose rules override
//! built-ins of the same id. Loading validates everything — keys, categories, check kinds,
//! parameters, regular expressions, duplicate ids, and the examples of user rules — so a
//! loaded rule never fails at run time. The built-in rules' examples run in `cargo test` and
//! `mtlint rules test` ([`RuleSet::builtin_packs`]), not at every start.

mod builtin;
mod examples;
mod loader;

use loader::Examples;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::checks::{CheckSettings, Detector, Hit};
use crate::document::Document;
use crate::error::UnknownRule;
use crate::taxonomy::{Category, Severity};

pub use crate::assets::{SUGGESTION_TABLES, WORD_LIST_FILES, WORD_TABLE, builtin_text};
pub use crate::diagnostic::{Diagnostic, Diagnostics};
pub use examples::{ExampleOutcome, run_example};

/// A loaded, compiled rule.
#[derive(Debug)]
pub struct Rule {
    /// Unique kebab-case id, used in reports, configuration and suppressions.
    pub id: Arc<str>,
    /// The check kind's name.
    pub kind: &'static str,
    /// The MQM category.
    pub category: Category,
    /// The default severity.
    pub severity: Severity,
    /// The one-line message of every finding.
    pub message: Arc<str>,
    /// The user documentation: what it does, why it is a translation artifact, examples.
    pub explain: String,
    /// Whether `--fix` may apply the rule's first suggestion without `--unsafe-fixes`.
    pub fix_safety: FixSafety,
    /// What the rule's findings cover in the original: their text, or a whole block.
    pub span: SpanKind,
    /// Examples that must fire and near misses that must not.
    pub examples: Vec<Example>,
    /// The file the rule came from.
    pub origin: String,
    detector: Box<dyn Detector>,
}

impl Rule {
    /// Finds the rule's hits in `doc`.
    pub fn detect(&self, doc: &Document, hits: &mut Vec<Hit>) {
        self.detector.detect(doc, hits);
    }

    /// What `mtlint rules explain` prints: the rule's category, severity, kind and fix safety,
    /// its message and explanation, its examples, and the file that defines it.
    pub fn explanation(&self) -> String {
        let rule = self;
        let mut text = format!(
            "{} ({}, {}, check kind `{}`, {} fix)\n{}\n\n{}\n",
            rule.id,
            rule.category,
            rule.severity,
            rule.kind,
            match rule.fix_safety {
                FixSafety::Safe => "safe",
                FixSafety::Unsafe => "unsafe",
            },
            rule.message,
            rule.explain.trim_end()
        );
        text.push_str("\nExamples:\n");
        for example in &rule.examples {
            if example.fires() {
                text.push_str(&format!(
                    "  flags {:?} in: {}\n",
                    example.flag,
                    example.describe()
                ));
            } else {
                text.push_str(&format!("  leaves alone:  {}\n", example.describe()));
            }
        }
        text.push_str(&format!("\nDefined in {}\n", rule.origin));
        text
    }
}

/// Rule ids that were renamed, each with the id it has now. An old id keeps working wherever a
/// user names a rule (`mtlint.toml`, `--select`, `--ignore`, suppression comments, baselines,
/// `rules explain`), with a notice that it will be removed.
pub const RENAMED_RULES: &[(&str, &str)] = &[
    ("furniture-line", "boilerplate-line"),
    ("furniture-lead", "boilerplate-lead"),
    ("trailing-furniture", "trailing-boilerplate"),
];

/// The id the rule named `name` has now: its new id if `name` is a former one, else `name`.
pub fn current_rule_id(name: &str) -> &str {
    RENAMED_RULES
        .iter()
        .find(|(old, _)| *old == name)
        .map_or(name, |(_, new)| new)
}

/// The former id of the rule `id`, if it was renamed.
pub fn former_rule_id(id: &str) -> Option<&'static str> {
    RENAMED_RULES
        .iter()
        .find(|(_, new)| *new == id)
        .map(|(old, _)| *old)
}

/// The notice for a user who names a rule by its former id, or None for a current name.
pub fn renamed_notice(name: &str) -> Option<String> {
    let current = current_rule_id(name);
    (current != name).then(|| {
        format!("`{name}` is now called `{current}`; the old id still works but will be removed")
    })
}

/// What a rule's findings cover in the original text (`span = "text" | "block"` in the rule).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    /// The flagged text only, never markup: a finding cut short by a tag keeps its longest
    /// stretch of text and loses its suggestions.
    #[default]
    Text,
    /// A whole block of page furniture, markup inside it included: its words are not counted
    /// as the article's, and no block or correction (a typo, spaced punctuation) inside it is
    /// reported.
    Block,
}

/// Whether a rule's suggestion can be applied without a person confirming it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixSafety {
    /// The suggestion is right whenever the rule fires: `--fix` applies it.
    Safe,
    /// The suggestion needs a reader's judgement: only `--fix --unsafe-fixes` applies it.
    #[default]
    Unsafe,
}

/// One example of a rule: a text and what the rule must flag in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// The example text.
    pub text: String,
    /// The flagged texts, in order; empty for a near miss that must not fire.
    pub flag: Vec<String>,
    /// The text after applying the first suggestion of every finding, if given.
    pub fix: Option<String>,
    /// For a rule that compares a translation with its source: the source text the example
    /// translates, and its language.
    pub source: Option<ExampleSource>,
    /// Whether `text` is an XLIFF file (`format = "xliff"`), whose targets are checked against
    /// its sources.
    pub xliff: bool,
}

/// The source text of a bilingual rule's example (`source` and `source-lang`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExampleSource {
    /// The source text.
    pub text: String,
    /// Its language, an ISO 639-1 code.
    pub lang: Option<String>,
}

impl Example {
    /// The example's text, and its source beside it when it has one, for listings.
    pub fn describe(&self) -> String {
        match &self.source {
            Some(source) => format!(
                "{} (translating {}: {})",
                self.text.trim(),
                source.lang.as_deref().unwrap_or("the source"),
                source.text.trim()
            ),
            None => self.text.trim().to_owned(),
        }
    }

    /// Whether the example must fire.
    pub fn fires(&self) -> bool {
        !self.flag.is_empty()
    }
}

/// The rules of one run, in load order, ids unique.
#[derive(Debug, Default)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl RuleSet {
    /// The built-in English rules.
    pub fn builtin() -> Result<RuleSet, Diagnostics> {
        RuleSet::builtin_with(CheckSettings::default())
    }

    fn builtin_with(settings: CheckSettings) -> Result<RuleSet, Diagnostics> {
        let mut set = RuleSet::default();
        set.add_layer(loader::load_builtin(
            builtin::ENGLISH_PACK,
            settings,
            Examples::Trust,
        )?)?;
        Ok(set)
    }

    /// Every built-in pack on its own (`en`, then each source-language pack), for testing
    /// every rule's examples, including rules a pack overrides.
    pub fn builtin_packs() -> Result<Vec<(&'static str, RuleSet)>, Diagnostics> {
        let mut packs = Vec::new();
        for folder in builtin::packs() {
            let mut set = RuleSet::default();
            set.add_layer(loader::load_builtin(
                folder,
                CheckSettings::default(),
                Examples::Verify,
            )?)?;
            packs.push((folder, set));
        }
        Ok(packs)
    }

    /// The built-in rules, overridden and extended by the rules in `dirs`.
    pub fn with_dirs(dirs: &[PathBuf]) -> Result<RuleSet, Diagnostics> {
        RuleSet::load(&RuleOptions {
            dirs: dirs.to_vec(),
            ..RuleOptions::default()
        })
    }

    /// The built-in English rules, then the pack of the source language (`rules/fr-en/` for
    /// `fr`, overriding English rules of the same id), then the user's folders.
    pub fn load(options: &RuleOptions) -> Result<RuleSet, Diagnostics> {
        let settings = options.settings;
        let mut set = RuleSet::builtin_with(settings)?;
        // A language without a pack still names the sources' language for the bilingual
        // checks; a pack, where there is one, adds its rules.
        if let Some(lang) = &options.source_lang {
            check_language_code(lang)?;
            if let Some(folder) = source_pack(lang) {
                set.add_layer(loader::load_builtin(folder, settings, Examples::Trust)?)?;
            }
        }
        set.add_layer(load_dirs(&options.dirs, settings)?)?;
        if !options.glossaries.is_empty() {
            set.add_layer(loader::load_glossary_rule(&options.glossaries, settings)?)?;
        }
        Ok(set)
    }

    /// Only the rules in `dirs`, for `mtlint rules test DIR`.
    pub fn from_dirs(dirs: &[PathBuf]) -> Result<RuleSet, Diagnostics> {
        let mut set = RuleSet::default();
        set.add_layer(load_dirs(dirs, CheckSettings::default())?)?;
        Ok(set)
    }

    /// Adds a layer of rules: ids must be unique within the layer; a rule whose id the set
    /// already has replaces it in place.
    fn add_layer(&mut self, layer: Vec<loader::LoadedRule>) -> Result<(), Diagnostics> {
        let mut seen: HashMap<&str, &loader::LoadedRule> = HashMap::new();
        let mut errors = Vec::new();
        for loaded in &layer {
            if let Some(first) = seen.get(&*loaded.rule.id) {
                let (line, column) = first.id_location().line_column();
                errors.push(Diagnostic::new(
                    loaded.rule.origin.clone(),
                    Arc::clone(&loaded.source),
                    loaded.id_span.clone(),
                    format!(
                        "duplicate rule id `{}`: already defined at {}:{line}:{column}",
                        loaded.rule.id, first.rule.origin
                    ),
                ));
            } else {
                seen.insert(&loaded.rule.id, loaded);
            }
        }
        if !errors.is_empty() {
            return Err(Diagnostics(errors));
        }
        for loaded in layer {
            match self.rules.iter_mut().find(|r| r.id == loaded.rule.id) {
                Some(existing) => *existing = loaded.rule,
                None => self.rules.push(loaded.rule),
            }
        }
        Ok(())
    }

    /// Applies per-rule settings: `setting(id, category)` returns `Some(None)` to turn a rule
    /// off, `Some(Some(severity))` to change its severity, `None` to leave it.
    pub fn configure(&mut self, setting: impl Fn(&str, Category) -> Option<Option<Severity>>) {
        self.rules
            .retain_mut(|rule| match setting(&rule.id, rule.category) {
                Some(None) => false,
                Some(Some(severity)) => {
                    rule.severity = severity;
                    true
                }
                None => true,
            });
    }

    /// The rules, in load order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The rule with id `id`.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        let id = current_rule_id(id);
        self.rules.iter().find(|r| &*r.id == id)
    }

    /// Keeps the rules that `select` names (all when it is empty) and that `ignore` does not;
    /// each name is a rule id, a category or a family. An unknown name is an error, with the
    /// closest rule id when one is close.
    pub fn select(&mut self, select: &[String], ignore: &[String]) -> Result<(), UnknownRule> {
        for name in select.iter().chain(ignore) {
            if !self.knows(name) {
                let closest = self
                    .rules
                    .iter()
                    .map(|r| (strsim::levenshtein(&r.id, name), &*r.id))
                    .filter(|&(distance, _)| distance <= 3)
                    .min()
                    .map(|(_, id)| id.to_owned());
                return Err(UnknownRule {
                    name: name.clone(),
                    closest,
                });
            }
        }
        let names = |rule: &Rule, names: &[String]| {
            let category = rule.category.as_str();
            let family = category.split_once('/').map_or(category, |(f, _)| f);
            names
                .iter()
                .any(|n| current_rule_id(n) == &*rule.id || n == category || n == family)
        };
        self.rules
            .retain(|rule| (select.is_empty() || names(rule, select)) && !names(rule, ignore));
        Ok(())
    }

    /// Whether `name` is a rule id of the set, a category, or a category's family (`fluency`):
    /// the names suppressions and configuration accept.
    pub fn knows(&self, name: &str) -> bool {
        self.get(name).is_some()
            || Category::ALL.iter().any(|c| {
                let category = c.as_str();
                category == name || category.split_once('/').is_some_and(|(f, _)| f == name)
            })
    }
}

/// What to load besides the built-in English rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleOptions {
    /// User rule folders or files, in order; later ones override earlier ones by id.
    pub dirs: Vec<PathBuf>,
    /// The source language (`fr`, `de`…), whose built-in pack is loaded.
    pub source_lang: Option<String>,
    /// Settings the checks compile in (the dialect).
    pub settings: CheckSettings,
    /// Glossary files (TSV or TBX): a `glossary-term` rule checks translations against them.
    pub glossaries: Vec<PathBuf>,
}

/// The source languages that have a built-in pack.
pub fn source_languages() -> Vec<&'static str> {
    builtin::packs()
        .into_iter()
        .filter_map(|pack| pack.strip_suffix("-en"))
        .collect()
}

/// The embedded folder of the pack for `lang`, if it has one.
fn source_pack(lang: &str) -> Option<&'static str> {
    builtin::packs()
        .into_iter()
        .find(|pack| pack.strip_suffix("-en") == Some(lang))
}

/// Refuses a `--source-lang` that is not an ISO 639 code (two or three lower-case letters).
fn check_language_code(lang: &str) -> Result<(), Diagnostics> {
    if is_language_code(lang) {
        return Ok(());
    }
    Err(Diagnostics(vec![Diagnostic::file(
        "--source-lang",
        format!(
            "`{lang}` is not a language code: expected an ISO 639 code such as `fr` or `ja` \
             (rule packs: {})",
            source_languages().join(", ")
        ),
    )]))
}

/// Whether `lang` is written as an ISO 639-1 or 639-3 code: two or three lower-case letters.
pub fn is_language_code(lang: &str) -> bool {
    (2..=3).contains(&lang.len()) && lang.bytes().all(|b| b.is_ascii_lowercase())
}

/// Loads every `*.toml` rule file under `dirs` (recursively, sorted by path).
fn load_dirs(
    dirs: &[PathBuf],
    settings: CheckSettings,
) -> Result<Vec<loader::LoadedRule>, Diagnostics> {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    // A file reached twice (through a link, or a folder given twice) is read once.
    let mut seen = std::collections::HashSet::new();
    for dir in dirs {
        let files = match rule_files_in(dir) {
            Ok(files) => files,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        for file in files {
            if !seen.insert(std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone())) {
                continue;
            }
            match loader::load_file(&file, settings) {
                Ok(mut loaded) => rules.append(&mut loaded),
                Err(mut e) => errors.append(&mut e.0),
            }
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(Diagnostics(errors))
    }
}

/// The `*.toml` files under `dir`, sorted; a folder reached again through a symbolic link (a
/// loop, or a second way in) is read once.
fn rule_files_in(dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let display = dir.display().to_string();
    if dir.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut files = Vec::new();
    let mut visited = std::collections::HashSet::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let key = std::fs::canonicalize(&folder).unwrap_or_else(|_| folder.clone());
        if !visited.insert(key) {
            continue;
        }
        let entries = std::fs::read_dir(&folder).map_err(|e| {
            Diagnostic::file(
                folder.display().to_string(),
                format!("cannot read the rule folder: {e}"),
            )
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    if files.is_empty() {
        return Err(Diagnostic::file(
            display,
            "no rule files (*.toml) in this folder",
        ));
    }
    files.sort();
    Ok(files)
}
