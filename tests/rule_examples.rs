//! Every example of every built-in rule runs here, and every rule keeps the examples discipline.

use std::collections::HashSet;
use std::path::Path;

use mtlint::checks;
use mtlint::rules::{FixSafety, RuleSet, run_example};

/// Every rule of every built-in pack, each pack loaded on its own so that rules a
/// source-language pack overrides are tested too.
fn builtin() -> Vec<RuleSet> {
    RuleSet::builtin_packs()
        .unwrap_or_else(|e| panic!("built-in rules do not load:\n{e}"))
        .into_iter()
        .map(|(_, set)| set)
        .collect()
}

#[test]
fn the_french_pack_exists_and_loads_over_the_english_rules() {
    let packs: Vec<&str> = RuleSet::builtin_packs()
        .unwrap()
        .iter()
        .map(|(p, _)| *p)
        .collect();
    assert_eq!(packs, ["en", "fr-en"]);
    let options = mtlint::rules::RuleOptions {
        source_lang: Some("fr".into()),
        ..Default::default()
    };
    let set = RuleSet::load(&options).unwrap();
    assert!(set.get("born-for-ne").is_some());
    assert_eq!(
        set.get("untranslated-words").unwrap().origin,
        "builtin:rules/fr-en/untranslated.toml"
    );
    // A language without a pack names the sources' language and loads the English rules.
    let without_pack = mtlint::rules::RuleOptions {
        source_lang: Some("ja".into()),
        ..Default::default()
    };
    assert!(
        RuleSet::load(&without_pack)
            .unwrap()
            .get("born-for-ne")
            .is_none()
    );
    let not_a_code = mtlint::rules::RuleOptions {
        source_lang: Some("French".into()),
        ..Default::default()
    };
    assert!(
        RuleSet::load(&not_a_code)
            .unwrap_err()
            .to_string()
            .contains("rule packs: fr")
    );
}

#[test]
fn every_example_of_every_rule_holds() {
    let mut failures = Vec::new();
    for rule in builtin().iter().flat_map(RuleSet::rules) {
        for (index, example) in rule.examples.iter().enumerate() {
            if let Err(problem) = run_example(rule, example).verdict(example) {
                failures.push(format!(
                    "rule `{}` example {} ({:?}): {problem}",
                    rule.id,
                    index + 1,
                    example.text
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_two_firing_examples_and_two_near_misses() {
    let packs = builtin();
    assert!(packs.iter().all(|set| !set.rules().is_empty()));
    for rule in packs.iter().flat_map(RuleSet::rules) {
        let firing = rule.examples.iter().filter(|e| e.fires()).count();
        let quiet = rule.examples.len() - firing;
        assert!(
            firing >= 2 && quiet >= 2,
            "rule `{}` has {firing} firing and {quiet} non-firing examples; it needs 2 of each",
            rule.id
        );
    }
}

#[test]
fn every_explanation_has_the_fixed_headings() {
    let headings = [
        "## What it does",
        "## Why is it a translation artifact?",
        "## Example",
        "## Use instead",
        "## Fix safety",
    ];
    for rule in builtin().iter().flat_map(RuleSet::rules) {
        for heading in headings {
            assert!(
                rule.explain.contains(heading),
                "rule `{}` explain lacks `{heading}`",
                rule.id
            );
        }
    }
}

#[test]
fn fix_safety_field_agrees_with_the_explanation() {
    for rule in builtin().iter().flat_map(RuleSet::rules) {
        let section = rule.explain.split("## Fix safety").nth(1).unwrap_or("");
        let says_safe = section.trim_start().starts_with("Safe");
        assert_eq!(
            rule.fix_safety == FixSafety::Safe,
            says_safe,
            "rule `{}`: `fix-safety` and the explanation's Fix safety section disagree",
            rule.id
        );
    }
}

#[test]
fn every_rule_uses_a_registered_check_kind() {
    let kinds: HashSet<&str> = checks::REGISTRY.iter().map(|k| k.name).collect();
    for rule in builtin().iter().flat_map(RuleSet::rules) {
        assert!(
            kinds.contains(rule.kind),
            "rule `{}`: kind {}",
            rule.id,
            rule.kind
        );
    }
}

/// Word lists are data: sorted (ignoring case) and without duplicates, so diffs stay readable;
/// frequency lists keep their rank order and are only checked for duplicates.
#[test]
fn word_lists_are_sorted_and_unique() {
    let mut pending = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")];
    let mut checked = 0;
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "txt") || is_licence(&path) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let entries: Vec<&str> = text
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .collect();
            if is_ranked(&path) {
                // Ranked lists keep their order (most frequent first); words stay unique.
                let mut words: Vec<&str> = entries
                    .iter()
                    .filter_map(|l| l.split_whitespace().next())
                    .collect();
                let count = words.len();
                words.sort_unstable();
                words.dedup();
                assert_eq!(words.len(), count, "{}: duplicate words", path.display());
                checked += 1;
                continue;
            }
            for pair in entries.windows(2) {
                let key = |s: &str| (s.to_lowercase(), s.to_owned());
                assert!(
                    key(pair[0]) < key(pair[1]),
                    "{}: `{}` should come after `{}` (sorted, unique)",
                    path.display(),
                    pair[0],
                    pair[1]
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no word lists found");
}

fn is_ranked(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("frequency"))
}

fn is_licence(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_uppercase().contains("LICEN"))
}

#[test]
fn the_rules_reference_in_docs_is_current() {
    let output = assert_cmd::Command::cargo_bin("mtlint")
        .unwrap()
        .args(["rules", "docs"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let generated = String::from_utf8(output.stdout).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    // Every rule has its entry, under the heading the SARIF report and the table link to.
    for set in builtin() {
        for rule in set.rules() {
            assert!(
                generated.contains(&format!("\n### {}\n", rule.id)),
                "{}",
                rule.id
            );
        }
    }
    assert!(
        committed == generated,
        "docs/rules.md is out of date: run `cargo run -- rules docs > docs/rules.md`"
    );
}
