//! Parsing and compiling rule files.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::builtin::{self, EmbeddedFiles};
use super::examples::run_example;
use super::{Diagnostic, Diagnostics, Example, ExampleSource, FixSafety, Rule, SpanKind};
use crate::checks::{self, CheckSettings, Params, RuleFiles};
use crate::taxonomy::{Category, Severity};

/// Whether loading runs the rules' examples. User rules always do; the built-in rules' examples
/// run in `cargo test` and `mtlint rules test`, so a check does not pay for them at startup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Examples {
    /// Run every example; one that does not hold is a load error.
    Verify,
    /// Keep the examples without running them.
    Trust,
}

/// A rule with where its id stands, for duplicate-id errors.
pub struct LoadedRule {
    pub rule: Rule,
    pub source: Arc<str>,
    pub id_span: Range<usize>,
}

impl LoadedRule {
    /// A diagnostic-shaped location of the rule's id.
    pub fn id_location(&self) -> Diagnostic {
        Diagnostic::new(
            self.rule.origin.clone(),
            Arc::clone(&self.source),
            self.id_span.clone(),
            "",
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: Spanned<String>,
    check: Spanned<String>,
    category: Category,
    severity: Severity,
    message: String,
    explain: String,
    #[serde(default, rename = "fix-safety")]
    fix_safety: FixSafety,
    #[serde(default)]
    span: SpanKind,
    #[serde(default, rename = "example")]
    examples: Vec<RawExample>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    text: Spanned<String>,
    flag: Vec<String>,
    #[serde(default)]
    fix: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default, rename = "source-lang")]
    source_lang: Option<String>,
    #[serde(default)]
    format: ExampleFormat,
}

/// How an example's text is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum ExampleFormat {
    #[default]
    Text,
    Xliff,
}

/// Reads files a user rule refers to, relative to the rule file's folder.
struct FolderFiles<'a> {
    folder: &'a Path,
}

impl RuleFiles for FolderFiles<'_> {
    fn read(&self, name: &str) -> Result<std::borrow::Cow<'static, str>, String> {
        let path = self.folder.join(name);
        std::fs::read_to_string(&path)
            .map(std::borrow::Cow::Owned)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))
    }
}

/// Loads the embedded pack `folder`.
pub fn load_builtin(
    folder: &'static str,
    settings: CheckSettings,
    examples: Examples,
) -> Result<Vec<LoadedRule>, Diagnostics> {
    let files = EmbeddedFiles { folder };
    let parsed: Vec<_> = builtin::rule_files(folder)
        .into_par_iter()
        .map(|file| {
            let path = format!("builtin:rules/{}", file.path().display());
            let Some(source) = file.contents_utf8() else {
                return Err(vec![Diagnostic::file(path, "the rule file is not UTF-8")]);
            };
            parse(&path, source, &files, settings, examples)
        })
        .collect();
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for result in parsed {
        match result {
            Ok(mut loaded) => rules.append(&mut loaded),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(Diagnostics(errors))
    }
}

/// The `glossary-term` rule over the glossary files given (`--glossary`, `glossary = [...]`):
/// a rule of the `glossary` kind, written here and loaded like any other.
pub fn load_glossary_rule(
    files: &[PathBuf],
    settings: CheckSettings,
) -> Result<Vec<LoadedRule>, Diagnostics> {
    let names: Vec<String> = files
        .iter()
        .map(|f| toml::Value::String(f.display().to_string()).to_string())
        .collect();
    let source = format!(
        r#"[[rule]]
id = "glossary-term"
check = "glossary"
category = "terminology/wrong-term"
severity = "major"
message = "A glossary term translated otherwise"
explain = """
## What it does
Checks each translation against the glossaries given with `--glossary` or `glossary = [...]`:
where a source term occurs, one of its translations must, and a forbidden translation must not.

## Why is it a translation artifact?
Machine translation picks its own word for a term the client or the newsroom has fixed.

## Example
    (glossary: Bundestag → Bundestag) Der Bundestag tagt.  →  The Federal Diet meets.

## Use instead
    The Bundestag meets.

## Fix safety
No automatic fix where the translation is missing; a forbidden translation is replaced with
the preferred one only with `--unsafe-fixes`.
"""

[rule.params]
files = [{}]
"#,
        names.join(", ")
    );
    parse(
        "glossary",
        &source,
        &FolderFiles {
            folder: Path::new(""),
        },
        settings,
        Examples::Trust,
    )
    .map_err(Diagnostics)
}

/// Loads one rule file from disk.
pub fn load_file(path: &PathBuf, settings: CheckSettings) -> Result<Vec<LoadedRule>, Diagnostics> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostics(vec![Diagnostic::file(
            display.clone(),
            format!("cannot read the rule file: {e}"),
        )])
    })?;
    let source = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(e.as_bytes()).into_owned();
        Diagnostics(vec![Diagnostic::new(
            display.clone(),
            Arc::from(valid),
            offset..offset,
            "the rule file is not valid UTF-8 here: rule files must be UTF-8",
        )])
    })?;
    let folder = path.parent().unwrap_or(Path::new("."));
    parse(
        &display,
        &source,
        &FolderFiles { folder },
        settings,
        Examples::Verify,
    )
    .map_err(Diagnostics)
}

/// Parses, compiles and verifies every rule of one file.
fn parse(
    path: &str,
    source: &str,
    files: &dyn RuleFiles,
    settings: CheckSettings,
    examples: Examples,
) -> Result<Vec<LoadedRule>, Vec<Diagnostic>> {
    let shared: Arc<str> = Arc::from(source);
    let error = |span: Range<usize>, message: String| {
        Diagnostic::new(path, Arc::clone(&shared), span, message)
    };
    let root = DeTable::parse(source)
        .map_err(|e| vec![error(e.span().unwrap_or(0..0), e.message().to_owned())])?;
    let root_span = root.span();
    let mut root = root.into_inner();
    if let Some((key, _)) = root.iter().find(|(k, _)| k.get_ref() != "rule") {
        return Err(vec![error(
            key.span(),
            format!(
                "unknown key `{}`: a rule file holds only `[[rule]]` tables",
                key.get_ref()
            ),
        )]);
    }
    let Some(rules) = root.remove("rule") else {
        return Err(vec![error(
            root_span.start..root_span.start,
            "no rules: expected one or more `[[rule]]` tables".to_owned(),
        )]);
    };
    let rules_span = rules.span();
    let DeValue::Array(items) = rules.into_inner() else {
        return Err(vec![error(
            rules_span,
            "expected `[[rule]]` tables, found a single value".to_owned(),
        )]);
    };
    // Rules compile in parallel (a dictionary or a word list can take tens of milliseconds);
    // the results keep the file's order.
    let compiled: Vec<_> = items
        .par_iter()
        .map(|item| compile_rule(path, &shared, item.clone(), files, settings, examples))
        .collect();
    let mut loaded = Vec::new();
    let mut errors = Vec::new();
    for result in compiled {
        match result {
            Ok(rule) => loaded.push(rule),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(loaded)
    } else {
        Err(errors)
    }
}

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn compile_rule(
    path: &str,
    source: &Arc<str>,
    item: Spanned<DeValue<'_>>,
    files: &dyn RuleFiles,
    settings: CheckSettings,
    examples: Examples,
) -> Result<LoadedRule, Diagnostic> {
    let error = |span: Range<usize>, message: String| {
        Diagnostic::new(path, Arc::clone(source), span, message)
    };
    let span = item.span();
    let DeValue::Table(mut table) = item.into_inner() else {
        return Err(error(span, "expected a `[[rule]]` table".to_owned()));
    };
    let params = table.remove("params");
    let raw = RawRule::deserialize(ValueDeserializer::from(Spanned::new(
        span.clone(),
        DeValue::Table(table),
    )))
    .map_err(|e| {
        let span = e.span().unwrap_or_else(|| span.clone());
        error(span, e.message().to_owned())
    })?;
    let id = raw.id.get_ref().clone();
    if !is_kebab_case(&id) {
        return Err(error(
            raw.id.span(),
            format!("rule id `{id}` is not kebab-case: expected lower-case words joined by `-`"),
        ));
    }
    let kind = checks::kind(raw.check.get_ref()).ok_or_else(|| {
        error(
            raw.check.span(),
            format!(
                "unknown check kind `{}`: expected one of {}",
                raw.check.get_ref(),
                checks::kind_names().join(", ")
            ),
        )
    })?;
    for (field, value) in [("message", &raw.message), ("explain", &raw.explain)] {
        if value.trim().is_empty() {
            return Err(error(
                span.clone(),
                format!("rule `{id}` has an empty `{field}`"),
            ));
        }
    }
    let mut params = Params::new(params, span.clone(), files, settings);
    let check = (kind.compile)(&mut params).map_err(|e| {
        let span = if e.span.is_empty() && e.span.start == 0 {
            span.clone()
        } else {
            e.span
        };
        error(span, e.message)
    })?;
    let mut rule = Rule {
        id: id.into(),
        kind: kind.name,
        category: raw.category,
        severity: raw.severity,
        message: raw.message.into(),
        explain: raw.explain,
        fix_safety: raw.fix_safety,
        span: raw.span,
        examples: Vec::new(),
        origin: path.to_owned(),
        detector: check,
    };
    for example in raw.examples {
        let example_span = example.text.span();
        let example = Example {
            text: example.text.into_inner(),
            flag: example.flag,
            fix: example.fix,
            source: example.source.map(|text| ExampleSource {
                text,
                lang: example.source_lang,
            }),
            xliff: example.format == ExampleFormat::Xliff,
        };
        // Examples are written for the default settings (American spelling): under others
        // they are not checked; `rules test` and `cargo test` always use the defaults.
        let checked = examples == Examples::Verify && settings == CheckSettings::default();
        let verdict = if checked {
            run_example(&rule, &example).verdict(&example)
        } else {
            Ok(())
        };
        if let Err(problem) = verdict {
            return Err(error(
                example_span,
                format!("example of rule `{}` does not hold: {problem}", rule.id),
            ));
        }
        rule.examples.push(example);
    }
    Ok(LoadedRule {
        rule,
        source: Arc::clone(source),
        id_span: raw.id.span(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoFiles;

    impl RuleFiles for NoFiles {
        fn read(&self, name: &str) -> Result<std::borrow::Cow<'static, str>, String> {
            Err(format!("no file {name}"))
        }
    }

    fn first_error(source: &str) -> Diagnostic {
        match parse(
            "test.toml",
            source,
            &NoFiles,
            CheckSettings::default(),
            Examples::Verify,
        ) {
            Ok(_) => panic!("expected an error"),
            Err(errors) => errors.into_iter().next().unwrap(),
        }
    }

    const GOOD: &str = r#"
[[rule]]
id = "spaced-comma"
check = "pattern"
category = "fluency/punctuation"
severity = "minor"
message = "Space before a comma"
explain = "A space before a comma."

[rule.params]
pattern = ' +,'
suggest = ","

[[rule.example]]
text = "Yes , no."
flag = [" ,"]
fix = "Yes, no."
"#;

    #[test]
    fn a_good_rule_loads_with_its_examples() {
        let rules = parse(
            "test.toml",
            GOOD,
            &NoFiles,
            CheckSettings::default(),
            Examples::Verify,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(rules.len(), 1);
        assert_eq!(&*rules[0].rule.id, "spaced-comma");
        assert_eq!(rules[0].rule.examples.len(), 1);
    }

    #[test]
    fn unknown_rule_key_points_at_the_key() {
        let source = GOOD.replace("message =", "mesage =");
        let e = first_error(&source);
        assert!(
            e.message.contains("unknown field `mesage`"),
            "{}",
            e.message
        );
        assert_eq!(&source[e.span.clone()], "mesage");
    }

    #[test]
    fn unknown_check_kind_lists_the_known_ones() {
        let source = GOOD.replace("check = \"pattern\"", "check = \"patern\"");
        let e = first_error(&source);
        assert!(
            e.message.contains("unknown check kind `patern`"),
            "{}",
            e.message
        );
        assert!(e.message.contains("phrases"), "{}", e.message);
        assert_eq!(&source[e.span.clone()], "\"patern\"");
    }

    #[test]
    fn unknown_category_is_an_error_at_its_value() {
        let source = GOOD.replace("fluency/punctuation", "fluency/typo");
        let e = first_error(&source);
        assert!(e.message.contains("fluency/typo"), "{}", e.message);
        assert_eq!(&source[e.span.clone()], "\"fluency/typo\"");
    }

    #[test]
    fn bad_regex_points_at_the_pattern() {
        let source = GOOD.replace("pattern = ' +,'", "pattern = ' +(,'");
        let e = first_error(&source);
        assert!(
            e.message.starts_with("invalid regular expression"),
            "{}",
            e.message
        );
        assert_eq!(&source[e.span.clone()], "' +(,'");
    }

    #[test]
    fn unknown_param_key_points_at_the_key() {
        let source = GOOD.replace("suggest = \",\"", "sugest = \",\"");
        let e = first_error(&source);
        assert!(
            e.message.contains("unknown field `sugest`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn an_example_that_does_not_hold_is_a_load_error() {
        let source = GOOD.replace("flag = [\" ,\"]", "flag = [\"Yes\"]");
        let e = first_error(&source);
        assert!(e.message.contains("does not hold"), "{}", e.message);
        assert!(source[e.span.clone()].contains("Yes , no."));
    }

    #[test]
    fn ids_must_be_kebab_case() {
        let e = first_error(&GOOD.replace("spaced-comma", "Spaced_Comma"));
        assert!(e.message.contains("kebab-case"), "{}", e.message);
    }

    #[test]
    fn syntax_errors_carry_a_span() {
        let e = first_error("[[rule]\nid = 1");
        assert!(e.line_column().0 >= 1);
        assert!(!e.message.is_empty());
    }
}
