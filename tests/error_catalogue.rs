//! The catalogue of mistakes in rule files and `mtlint.toml`: each one stops the run (exit 2)
//! with a message naming the file, the line and the column, and saying what was expected.
//! All the messages are kept in one snapshot, `snapshots/error_catalogue.snap`.

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

/// A rule that loads, with `{params}` and `{examples}` to vary.
const RULE: &str = r#"[[rule]]
id = "spaced-comma"
check = "pattern"
category = "fluency/punctuation"
severity = "minor"
message = "Space before a comma"
explain = "A space before a comma."

[rule.params]
pattern = '\S( ,)'
flag_group = 1
suggest = ","

[[rule.example]]
text = "Rain fell , then stopped."
flag = [" ,"]

[[rule.example]]
text = "Rain fell, then stopped."
flag = []
"#;

/// Mistakes in rule files: (what, the rule file).
fn rule_mistakes() -> Vec<(&'static str, String)> {
    let edit = |from: &str, to: &str| {
        assert!(RULE.contains(from), "{from}");
        RULE.replacen(from, to, 1)
    };
    vec![
        (
            "TOML syntax: an unclosed string",
            edit("\"Space before a comma\"", "\"Space before a comma"),
        ),
        ("a misspelt key", edit("message =", "mesage =")),
        (
            "a missing key",
            edit("message = \"Space before a comma\"\n", ""),
        ),
        (
            "a severity of the wrong type",
            edit("severity = \"minor\"", "severity = 3"),
        ),
        (
            "an unknown severity",
            edit("severity = \"minor\"", "severity = \"high\""),
        ),
        (
            "an unknown category",
            edit("fluency/punctuation", "fluency/typo"),
        ),
        (
            "an unknown check kind",
            edit("check = \"pattern\"", "check = \"patern\""),
        ),
        (
            "an id that is not kebab-case",
            edit("id = \"spaced-comma\"", "id = \"Spaced_Comma\""),
        ),
        (
            "an empty message",
            edit("message = \"Space before a comma\"", "message = \"\""),
        ),
        (
            "an unknown fix safety",
            edit(
                "severity = \"minor\"",
                "severity = \"minor\"\nfix-safety = \"maybe\"",
            ),
        ),
        (
            "a regular expression that does not compile",
            edit(r"'\S( ,)'", r"'\S( ,'"),
        ),
        (
            "an unknown parameter of the kind",
            edit("flag_group = 1", "flag_grup = 1"),
        ),
        (
            "a parameter of the wrong type",
            edit("flag_group = 1", "flag_group = \"one\""),
        ),
        (
            "a scope that does not exist",
            edit("flag_group = 1", "flag_group = 1\nscope = \"page\""),
        ),
        (
            "a flag group the pattern lacks",
            edit("flag_group = 1", "flag_group = 2"),
        ),
        (
            "a suggestion naming a missing group",
            edit("suggest = \",\"", "suggest = \"$3\""),
        ),
        (
            "an example that does not fire",
            edit("flag = [\" ,\"]", "flag = [\" ;\"]"),
        ),
        (
            "a near miss that fires",
            edit(
                "text = \"Rain fell, then stopped.\"",
                "text = \"Rain fell , then stopped.\"",
            ),
        ),
        (
            "an example whose fix does not hold",
            edit(
                "flag = [\" ,\"]",
                "flag = [\" ,\"]\nfix = \"Rain fell; then stopped.\"",
            ),
        ),
        (
            "an example with an unknown key",
            edit("flag = []", "flag = []\nflags = []"),
        ),
        ("two rules with one id", format!("{RULE}\n{RULE}")),
        (
            "a phrase list that is empty",
            edit("check = \"pattern\"", "check = \"phrases\"").replace(
                "pattern = '\\S( ,)'\nflag_group = 1\nsuggest = \",\"",
                "phrases = []",
            ),
        ),
        (
            "a word list file that does not exist",
            edit("check = \"pattern\"", "check = \"untranslated\"").replace(
                "pattern = '\\S( ,)'\nflag_group = 1\nsuggest = \",\"",
                "unit = \"words\"\nlanguages = { fr = \"missing-fr.txt\" }\nenglish = []",
            ),
        ),
    ]
}

/// Mistakes in `mtlint.toml`: (what, the file).
fn config_mistakes() -> Vec<(&'static str, String)> {
    vec![
        (
            "TOML syntax: a key without a value",
            "dialect =\n".to_owned(),
        ),
        ("a misspelt key", "min_score = 90\n".to_owned()),
        (
            "a negative weight",
            "[score]\nweights = { major = -5 }\n".to_owned(),
        ),
        (
            "an invalid exclude glob",
            "exclude = [\"a/{b\"]\n".to_owned(),
        ),
        (
            "an unknown source language",
            "source-lang = \"xx-YY1\"\n".to_owned(),
        ),
        (
            "a score of the wrong type",
            "[score]\nmin-score = \"high\"\n".to_owned(),
        ),
        (
            "a score out of range",
            "[score]\nmin-score = 140\n".to_owned(),
        ),
        ("an unknown dialect", "dialect = \"au\"\n".to_owned()),
        (
            "an unknown rule in [rules]",
            "[rules]\nquote-capitol = \"off\"\n".to_owned(),
        ),
        (
            "an unknown setting for a rule",
            "[rules]\nquote-capital = \"loud\"\n".to_owned(),
        ),
        (
            "an unknown fail-on level",
            "[score]\nfail-on = \"fatal\"\n".to_owned(),
        ),
        (
            "a rules folder that does not exist",
            "rules-dirs = [\"no-such-folder\"]\n".to_owned(),
        ),
    ]
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    let stderr =
        String::from_utf8_lossy(&output.stderr).replace(&dir.display().to_string(), "<dir>");
    (output.status.code(), stderr)
}

#[test]
fn every_mistake_names_file_line_and_column() {
    let mut catalogue = String::new();
    let mut count = 0;
    for (what, rule) in rule_mistakes() {
        let dir = TempDir::new().unwrap();
        std::fs::create_dir(dir.path().join("rules")).unwrap();
        std::fs::write(dir.path().join("rules/bad.toml"), &rule).unwrap();
        std::fs::write(dir.path().join("article.txt"), "Fine.\n").unwrap();
        let (code, stderr) = run(dir.path(), &["check", "--rules", "rules", "article.txt"]);
        assert_eq!(code, Some(2), "{what}: {stderr}");
        assert!(
            stderr.contains("rules/bad.toml:"),
            "{what}: no file:line:column in {stderr}"
        );
        let _ = writeln!(catalogue, "=== rule file: {what}\n{}", stderr.trim_end());
        count += 1;
    }
    let not_utf8 = TempDir::new().unwrap();
    std::fs::create_dir(not_utf8.path().join("rules")).unwrap();
    std::fs::write(
        not_utf8.path().join("rules/bad.toml"),
        b"id = \"caf\xe9\"\n",
    )
    .unwrap();
    let (code, stderr) = run(not_utf8.path(), &["rules", "test", "rules"]);
    assert_eq!(code, Some(2), "{stderr}");
    let _ = writeln!(catalogue, "=== rule file: not UTF-8\n{}", stderr.trim_end());
    count += 1;
    for (what, config) in config_mistakes() {
        let dir = TempDir::new().unwrap();
        std::fs::write(dir.path().join("mtlint.toml"), &config).unwrap();
        std::fs::write(dir.path().join("article.txt"), "Fine.\n").unwrap();
        let (code, stderr) = run(dir.path(), &["check", "article.txt"]);
        assert_eq!(code, Some(2), "{what}: {stderr}");
        assert!(
            stderr.contains("mtlint.toml:"),
            "{what}: no file:line:column in {stderr}"
        );
        let _ = writeln!(catalogue, "=== mtlint.toml: {what}\n{}", stderr.trim_end());
        count += 1;
    }
    assert!(count >= 20, "the catalogue holds {count} mistakes");
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("error_catalogue", catalogue);
    });
}
