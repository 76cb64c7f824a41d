//! Translations checked against their sources, end to end: XLIFF 1.2 and 2.x files and JSON Lines
//! records with a source field (the files in `tests/bilingual/`, written for these tests).

use assert_cmd::Command;
use predicates::prelude::*;

fn mtlint() -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env("NO_COLOR", "1");
    cmd
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

fn check(args: &[&str]) -> (Option<i32>, String, String) {
    let output = mtlint().arg("check").args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn json_findings(path: &str) -> Vec<serde_json::Value> {
    let (code, stdout, stderr) = check(&["--format", "json", "--no-fail", path]);
    assert_eq!(code, Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    report["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .clone()
}

fn rule_of(finding: &serde_json::Value) -> &str {
    finding["rule"].as_str().unwrap()
}

#[test]
fn xliff_1_2_findings_point_at_the_target_and_the_source_in_the_file() {
    let path = "tests/bilingual/ferry.xlf";
    let file = std::fs::read_to_string(path).unwrap();
    let findings = json_findings(path);
    let rules: Vec<&str> = findings.iter().map(rule_of).collect();
    assert_eq!(
        rules,
        [
            "number-mismatch",
            "inline-code-mismatch",
            "question-mismatch",
            "final-punctuation-lost"
        ]
    );
    let number = &findings[0];
    assert_eq!(
        (&number["line"], &number["column"]),
        (&7.into(), &45.into())
    );
    let (start, end) = (
        number["start"].as_u64().unwrap(),
        number["end"].as_u64().unwrap(),
    );
    assert_eq!(&file[start as usize..end as usize], "4,700");
    let source = &number["source"];
    assert_eq!(source["line"], 6);
    assert_eq!(source["text"], "4 200");
    let (start, end) = (
        source["start"].as_u64().unwrap(),
        source["end"].as_u64().unwrap(),
    );
    assert_eq!(&file[start as usize..end as usize], "4 200");
    // The unit marked translate="no" is not read, and entities are text.
    assert!(
        findings
            .iter()
            .all(|f| !f["text"].as_str().unwrap().contains("Méridionale"))
    );
}

#[test]
fn xliff_2_segments_are_checked_one_by_one() {
    let findings = json_findings("tests/bilingual/orchard.xliff");
    let rules: Vec<&str> = findings.iter().map(rule_of).collect();
    assert!(rules.contains(&"empty-translation"), "{rules:?}");
    assert!(rules.contains(&"unchanged-translation"), "{rules:?}");
    // The codes of the first segment match; nothing is said about them.
    assert!(!rules.contains(&"inline-code-mismatch"), "{rules:?}");
    let empty = findings
        .iter()
        .find(|f| rule_of(f) == "empty-translation")
        .unwrap();
    assert_eq!(empty["text"], ".");
    assert_eq!(empty["line"], 10);
    assert_eq!(
        empty["source"]["text"],
        "Der Verkauf beginnt am 3. Oktober."
    );
}

#[test]
fn a_malformed_xliff_file_names_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.xlf");
    std::fs::write(
        &path,
        "<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\"><source>Un</target>",
    )
    .unwrap();
    mtlint()
        .arg("check")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.xlf:2:"))
        .stderr(predicate::str::contains("expected `</source>`"));
    // A file whose root is not <xliff> is refused too.
    std::fs::write(&path, "<html><body>Hello</body></html>").unwrap();
    mtlint()
        .args(["check", "--input-format", "xliff"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "expected an `<xliff>` root element",
        ));
}

#[test]
fn json_lines_records_carry_their_source_in_fields_the_user_names() {
    let (code, stdout, stderr) = check(&[
        "--input-format",
        "jsonl",
        "--text-field",
        "body",
        "--id-field",
        "key",
        "--source-field",
        "orig",
        "--source-lang-field",
        "lang",
        "--source-lang",
        "fr",
        "--format",
        "json",
        "--no-fail",
        "tests/bilingual/pairs.jsonl",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let documents = report["documents"].as_array().unwrap();
    let rules = |i: usize| -> Vec<String> {
        documents[i]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| rule_of(f).to_owned())
            .collect()
    };
    assert_eq!(rules(0), ["number-mismatch"]);
    assert_eq!(documents[0]["findings"][0]["source"]["text"], "1984");
    assert_eq!(rules(1), ["negation-added"]);
    // Record c has a source and no language: `--source-lang` names it; record d has none
    // and is checked as English only.
    assert!(rules(2).is_empty());
    assert!(rules(3).is_empty());
    assert!(documents[3]["findings"].as_array().unwrap().is_empty());
}

#[test]
fn a_record_whose_source_is_not_a_string_is_an_error_on_its_line() {
    mtlint()
        .args(["check", "--input-format", "jsonl", "-"])
        .write_stdin(
            "{\"text\": \"Fine.\", \"source\": \"Bien.\"}\n{\"text\": \"Two.\", \"source\": 2}\n",
        )
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "<stdin>:2: the field `source` must be a string",
        ));
}

#[test]
fn human_report_over_the_bilingual_files() {
    let (_, stdout, _) = check(&[
        "--no-fail",
        "tests/bilingual/ferry.xlf",
        "tests/bilingual/orchard.xliff",
    ]);
    snapshot!("bilingual_human", stdout);
}

#[test]
fn json_report_over_the_bilingual_files() {
    let (_, stdout, _) = check(&[
        "--no-fail",
        "--format",
        "json",
        "tests/bilingual/ferry.xlf",
        "tests/bilingual/orchard.xliff",
    ]);
    snapshot!("bilingual_json", stdout);
}

#[test]
fn glossaries_in_tsv_and_tbx_check_the_terms_of_the_source() {
    let (code, stdout, stderr) = check(&[
        "--glossary",
        "tests/bilingual/terms.tsv",
        "--glossary",
        "tests/bilingual/terms.tbx",
        "--select",
        "glossary-term",
        "--format",
        "json",
        "--no-fail",
        "tests/bilingual/harbour.jsonl",
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let documents = report["documents"].as_array().unwrap();
    let findings = |i: usize| documents[i]["findings"].as_array().unwrap().clone();
    // A required translation missing: the finding names the preferred one.
    let missing = findings(0);
    assert_eq!(missing.len(), 1);
    assert!(
        missing[0]["message"]
            .as_str()
            .unwrap()
            .contains("harbour master's office")
    );
    assert_eq!(missing[0]["source"]["text"], "capitainerie");
    // A forbidden translation used: replaced with the preferred one; the required one is
    // missing too.
    let forbidden = findings(1);
    assert!(
        forbidden
            .iter()
            .any(|f| f["text"] == "ferryboat" && f["suggestions"][0] == "ferry")
    );
    // The glossary's translation is used: nothing.
    assert!(findings(2).is_empty());
    // TBX: a deprecated English term is forbidden.
    let tbx = findings(3);
    assert!(tbx.iter().any(|f| f["text"] == "fruit farmer"), "{tbx:?}");
}

#[test]
fn a_malformed_glossary_names_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("terms.tsv");
    std::fs::write(&path, "capitainerie\tport authority\nno tab on this line\n").unwrap();
    mtlint()
        .args(["check", "--glossary"])
        .arg(&path)
        .arg("tests/bilingual/harbour.jsonl")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "terms.tsv:2:20: expected `source term<TAB>translation`",
        ));
}

#[test]
fn an_xliff_source_language_with_a_region_or_none_at_all_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "<trans-unit id=\"1\"><source>Le pont a rouvert lundi.</source>\
                <target>The bridge did not reopen on Monday.</target></trans-unit>";
    let with_region = dir.path().join("region.xlf");
    std::fs::write(
        &with_region,
        format!("<xliff version=\"1.2\"><file source-language=\"fr-FR\"><body>{unit}</body></file></xliff>"),
    )
    .unwrap();
    let without = dir.path().join("none.xlf");
    std::fs::write(
        &without,
        format!("<xliff version=\"1.2\"><file><body>{unit}</body></file></xliff>"),
    )
    .unwrap();
    let rules_of = |args: &[&std::ffi::OsStr]| -> Vec<String> {
        let output = mtlint()
            .args([
                "check",
                "--format",
                "json",
                "--no-fail",
                "--select",
                "negation-added",
            ])
            .args(args)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        report["documents"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| rule_of(f).to_owned())
            .collect()
    };
    assert_eq!(rules_of(&[with_region.as_os_str()]), ["negation-added"]);
    // Without a language the negation cues of no language apply, until --source-lang names one.
    assert!(rules_of(&[without.as_os_str()]).is_empty());
    let lang = std::ffi::OsString::from("--source-lang");
    let fr = std::ffi::OsString::from("fr");
    assert_eq!(
        rules_of(&[lang.as_os_str(), fr.as_os_str(), without.as_os_str()]),
        ["negation-added"]
    );
}

#[test]
fn xliff_targets_shifted_by_one_unit_do_not_fit_their_sources() {
    let findings = json_findings("tests/bilingual/museum.xlf");
    let lines: Vec<u64> = findings
        .iter()
        .filter(|f| rule_of(f) == "misaligned-translation")
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    // The second and third targets were swapped; the first fits its source.
    assert_eq!(lines, [11, 15], "{findings:#?}");
}
