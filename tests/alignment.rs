//! Whole articles checked against their source articles (`--source`), aligned by mtlint: a
//! dropped sentence or paragraph, an added sentence, French and Japanese sources, a folder
//! mirroring the translations, a missing source, and `mtlint align` (the articles in
//! `tests/articles/`, written for these tests).

use assert_cmd::Command;

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

/// The JSON report of `mtlint check` with `args`, and its exit code.
fn report(args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let output = mtlint()
        .arg("check")
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let json = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"));
    (output.status.code(), json, stderr)
}

/// The findings of the document whose path ends with `name`, as (rule, flagged text).
fn findings_of(report: &serde_json::Value, name: &str) -> Vec<serde_json::Value> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["source"].as_str().unwrap_or_default().ends_with(name))
        .unwrap_or_else(|| panic!("no document {name} in {report}"))["findings"]
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn a_folder_of_sources_mirrors_the_translations_and_a_lost_paragraph_fails_the_gate() {
    let (code, report, stderr) = report(&[
        "--source",
        "tests/articles/fr",
        "--source-lang",
        "fr",
        "tests/articles/en",
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    let market = findings_of(&report, "market.txt");
    let lost: Vec<_> = market
        .iter()
        .filter(|f| f["rule"] == "omitted-paragraph")
        .collect();
    assert_eq!(lost.len(), 1, "{market:?}");
    assert_eq!(lost[0]["severity"], "critical");
    assert_eq!(lost[0]["category"], "accuracy/omission");
    // Between the second and the last paragraph of the translation, quoting the source.
    assert_eq!(lost[0]["line"], 5);
    assert!(
        lost[0]["source"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Quarante-deux commerçants"),
        "{}",
        lost[0]
    );
    assert_eq!(lost[0]["source"]["line"], 7);
    let market_doc = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["source"].as_str().unwrap().ends_with("market.txt"))
        .unwrap();
    assert_eq!(market_doc["pass"], false);
}

#[test]
fn a_dropped_sentence_is_found_where_it_is_missing_and_its_numbers_are_not_counted_twice() {
    let (_, report, stderr) = report(&[
        "--no-fail",
        "--source",
        "tests/articles/fr/harbour.md",
        "--source-lang",
        "fr",
        "tests/articles/en/harbour.md",
    ]);
    let findings = findings_of(&report, "harbour.md");
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["omitted-sentence"], "{findings:?}\n{stderr}");
    let gap = &findings[0];
    assert_eq!(
        (gap["line"].as_u64(), gap["column"].as_u64()),
        (Some(3), Some(99))
    );
    assert!(
        gap["message"]
            .as_str()
            .unwrap()
            .contains("Chacun pourra transporter 180 passagers et 40 voitures."),
        "{gap}"
    );
}

#[test]
fn a_japanese_source_is_split_into_sentences_and_an_added_sentence_is_flagged() {
    let (_, report, stderr) = report(&[
        "--no-fail",
        "--source",
        "tests/articles/ja/station.txt",
        "--source-lang",
        "ja",
        "tests/articles/ja-en/station.txt",
    ]);
    let findings = findings_of(&report, "station.txt");
    let added: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "added-sentence")
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(added.len(), 1, "{findings:?}\n{stderr}");
    assert!(
        added[0].starts_with("Elsewhere in the country"),
        "{added:?}"
    );
    assert!(
        findings.iter().all(|f| f["rule"] != "omitted-sentence"),
        "{findings:?}"
    );
}

#[test]
fn a_translation_without_its_source_is_an_error_naming_both_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("fr");
    let translations = dir.path().join("en");
    std::fs::create_dir_all(&sources).unwrap();
    std::fs::create_dir_all(&translations).unwrap();
    std::fs::write(sources.join("a.txt"), "Le pont est fermé.\n").unwrap();
    std::fs::write(translations.join("a.txt"), "The bridge is closed.\n").unwrap();
    std::fs::write(translations.join("b.txt"), "The road is open.\n").unwrap();
    let output = mtlint()
        .args(["check", "--format", "json", "--source"])
        .arg(&sources)
        .arg(&translations)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let missing = sources.join("b.txt");
    assert!(stderr.contains("b.txt"), "{stderr}");
    assert!(stderr.contains(&missing.display().to_string()), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let paths: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap())
        .collect();
    assert!(paths.iter().any(|p| p.ends_with("a.txt")), "{paths:?}");
}

#[test]
fn the_configuration_names_the_source_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
    std::fs::write(
        dir.path().join("mtlint.toml"),
        format!(
            "source = {:?}\nsource-lang = \"fr\"\n",
            root.join("fr").display().to_string()
        ),
    )
    .unwrap();
    let output = mtlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--no-fail"])
        .arg(root.join("en/harbour.md"))
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = findings_of(&report, "harbour.md");
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["omitted-sentence"]);
}

#[test]
fn align_prints_the_links_and_their_places() {
    let output = mtlint()
        .args([
            "align",
            "--source-lang",
            "fr",
            "tests/articles/fr/harbour.md",
            "tests/articles/en/harbour.md",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    snapshot!("align_human", String::from_utf8(output.stdout).unwrap());
    let output = mtlint()
        .args([
            "align",
            "--format",
            "json",
            "--source-lang",
            "ja",
            "tests/articles/ja/station.txt",
            "tests/articles/ja-en/station.txt",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let kinds: Vec<&str> = json["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["pair", "pair", "pair", "pair", "added", "pair"]);
}

#[test]
fn align_refuses_a_missing_source_with_both_paths() {
    mtlint()
        .args([
            "align",
            "tests/articles/fr/none.txt",
            "tests/articles/en/market.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("tests/articles/fr/none.txt"))
        .stderr(predicates::str::contains("tests/articles/en/market.txt"));
}
