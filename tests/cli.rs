//! The command line end to end: exit codes, inputs, formats and errors.

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn mtlint() -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn json(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).unwrap()
}

/// The findings of the first document when `input` is checked with `args`, as JSON.
fn findings_of<I, S>(args: I, input: &str) -> Vec<serde_json::Value>
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output = mtlint()
        .args(["check", "--format", "json", "--no-fail"])
        .args(args)
        .arg("-")
        .write_stdin(input.to_owned())
        .output()
        .unwrap();
    json(&output.stdout)["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .clone()
}

const CLEAN: &str = "The council met on Monday and approved the budget for the coming year.\n";
const FLAWED: &str =
    "The council met in Kharkov on Monday , and approved the budget .\nComments are closed.\n";

#[test]
fn a_clean_article_passes_with_exit_0() {
    mtlint()
        .args(["check", "-"])
        .write_stdin(CLEAN)
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "<stdin>: 13 words, no findings, penalty 0 (0 per 1,000 words), score 100.0: pass",
        ));
}

#[test]
fn a_flawed_article_fails_with_exit_1_and_no_fail_turns_it_to_0() {
    mtlint()
        .args(["check", "-"])
        .write_stdin(FLAWED)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("warning[spaced-punctuation]"))
        .stdout(predicate::str::contains("--> <stdin>:1:37"))
        .stdout(predicate::str::contains("FAIL"));
    mtlint()
        .args(["check", "--no-fail", "-"])
        .write_stdin(FLAWED)
        .assert()
        .code(0);
}

#[test]
fn the_gate_follows_min_score_and_fail_on() {
    mtlint()
        .args(["check", "--min-score", "0", "-"])
        .write_stdin(FLAWED)
        .assert()
        .code(0);
    mtlint()
        .args(["check", "--min-score", "0", "--fail-on", "major", "-"])
        .write_stdin(FLAWED)
        .assert()
        .code(1);
    mtlint()
        .args(["check", "--min-score", "120", "-"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not between 0 and 100"));
}

#[test]
fn an_unreadable_path_exits_2_but_the_others_are_still_reported() {
    let output = mtlint()
        .args([
            "check",
            "--format",
            "json",
            "no/such/file.txt",
            "tests/corpus/clean-report.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no/such/file.txt"), "{stderr}");
    let report = json(&output.stdout);
    assert_eq!(report["summary"]["documents"], 1);
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["errors"][0]["source"], "no/such/file.txt");
}

#[test]
fn json_lines_records_keep_their_ids_and_offsets() {
    let input = "{\"doc\": \"a\", \"body\": \"Fine text here.\"}\n{\"doc\": \"b\", \"body\": \"Bad text here .\"}\n";
    let output = mtlint()
        .args([
            "check",
            "--input-format",
            "jsonl",
            "--format",
            "json",
            "--no-fail",
            "--id-field",
            "doc",
            "--text-field",
            "body",
            "-",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report = json(&output.stdout);
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["id"], "a");
    assert_eq!(docs[1]["id"], "b");
    let finding = &docs[1]["findings"][0];
    assert_eq!(finding["rule"], "spaced-punctuation");
    assert_eq!(
        (finding["start"].as_u64(), finding["end"].as_u64()),
        (Some(13), Some(15))
    );
}

#[test]
fn a_bad_json_lines_record_is_reported_with_its_line_and_the_rest_checked() {
    let input = "{\"id\": \"a\", \"text\": \"One sentence.\"}\n{broken\n{\"id\": \"c\", \"text\": \"Another one.\"}\n";
    let output = mtlint()
        .args(["check", "--input-format", "jsonl", "--format", "json", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("<stdin>:2: not valid JSON"));
    let report = json(&output.stdout);
    assert_eq!(report["summary"]["documents"], 2);
    assert_eq!(report["errors"][0]["line"], 2);
}

#[test]
fn folders_are_walked_in_sorted_order_and_jsonl_files_read_as_records() {
    let output = mtlint()
        .args(["check", "--format", "json", "--no-fail", "tests/corpus"])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    let sources: Vec<String> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap().to_owned())
        .collect();
    let mut files = sources.clone();
    files.dedup();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    // The three records of the JSON Lines file, in file order.
    let ids: Vec<&serde_json::Value> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["source"] == "tests/corpus/records.jsonl")
        .map(|d| &d["id"])
        .collect();
    assert_eq!(ids, ["r1", "r2", "3"]);
}

#[test]
fn a_bad_rule_file_exits_2_with_file_line_column_and_caret() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("mine.toml"),
        "[[rule]]\nid = \"my-rule\"\ncheck = \"regex\"\ncategory = \"fluency/grammar\"\nseverity = \"minor\"\nmessage = \"m\"\nexplain = \"e\"\n",
    )
    .unwrap();
    // Documents are read while the rules load: a rule that cannot load still stops the run
    // before any report is written, whether to standard output or to a file.
    let report = dir.path().join("report.json");
    mtlint()
        .args(["check", "--format", "json", "--rules"])
        .arg(dir.path())
        .arg("-o")
        .arg(&report)
        .args(["tests/corpus/clean-report.txt", "tests/corpus"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("unknown check kind `regex`"))
        .stderr(predicate::str::contains("mine.toml:3:9"))
        .stderr(predicate::str::contains("^^^^^^^"));
    assert!(
        !report.exists(),
        "no report file for a run that could not load its rules"
    );
    mtlint()
        .args(["check", "--format", "json", "--rules"])
        .arg(dir.path())
        .arg("tests/corpus")
        .assert()
        .code(2)
        .stdout("");
}

const USER_RULE: &str = r#"
[[rule]]
id = "spaced-punctuation"
check = "phrases"
category = "fluency/grammar"
severity = "major"
message = "Says 'whom' where 'who' is needed"
explain = "House rule."

[rule.params]
phrases = ["whom is => who is"]

[[rule.example]]
text = "The man whom is here."
flag = ["whom is"]
fix = "The man who is here."

[[rule.example]]
text = "Whom did you see?"
flag = []
"#;

#[test]
fn user_rules_override_built_ins_and_run_their_examples() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("house.toml"), USER_RULE).unwrap();
    let findings = findings_of(
        [std::ffi::OsStr::new("--rules"), dir.path().as_os_str()],
        "The editor whom is late wrote this , twice.",
    );
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["category"], "fluency/grammar");
    assert_eq!(findings[0]["suggestions"][0], "who is");

    // Only one example of each kind: `rules test` holds it to the discipline.
    mtlint()
        .args(["rules", "test"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("FAIL spaced-punctuation"))
        .stdout(predicate::str::contains("0 passed, 1 failed"));
}

/// Two house rules that flag the same words, one over their text, one over their block.
fn house_furniture_rule(id: &str, span: &str) -> String {
    format!(
        r#"
[[rule]]
id = "{id}"
check = "phrases"
category = "design/boilerplate"
severity = "major"
message = "House teaser"
explain = "House rule."
{span}

[rule.params]
phrases = ["more from the harbour"]

[[rule.example]]
text = "Read more from the harbour."
flag = ["more from the harbour"]

[[rule.example]]
text = "More boats came."
flag = []
"#
    )
}

#[test]
fn a_rules_span_is_what_it_says_not_what_its_category_implies() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("house.toml"),
        house_furniture_rule("house-text", "")
            + &house_furniture_rule("house-block", "span = \"block\""),
    )
    .unwrap();
    let findings = findings_of(
        [
            std::ffi::OsStr::new("--input-format"),
            std::ffi::OsStr::new("html"),
            std::ffi::OsStr::new("--select"),
            std::ffi::OsStr::new("house-text,house-block"),
            std::ffi::OsStr::new("--rules"),
            dir.path().as_os_str(),
        ],
        "<p>Read more from <b>the harbour</b> today.</p>\n",
    );
    let text_of = |id: &str| {
        findings
            .iter()
            .find(|f| f["rule"] == id)
            .map(|f| f["text"].as_str().unwrap().to_owned())
    };
    // Filed under page furniture, but a text rule: its finding never covers the tag (it keeps
    // its longest stretch of text), and it is not taken for a block inside the other one.
    assert_eq!(
        text_of("house-text").as_deref(),
        Some("the harbour"),
        "{findings:?}"
    );
    assert_eq!(
        text_of("house-block").as_deref(),
        Some("more from <b>the harbour"),
        "{findings:?}"
    );
}

#[test]
fn rules_test_list_and_explain_work_on_the_built_ins() {
    mtlint()
        .args(["rules", "test"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(" 0 failed"));
    let listed = mtlint()
        .args(["rules", "list"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("boilerplate-line"))
        .stdout(predicate::str::contains("design/boilerplate"))
        .get_output()
        .stdout
        .clone();
    let listed = String::from_utf8(listed).unwrap();
    let mut lines = listed.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("RULE "), "{header}");
    // Every column starts where its header does.
    for column in ["KIND", "CATEGORY", "SEVERITY", "MESSAGE"] {
        let at = header.find(column).unwrap();
        for line in listed.lines().skip(1) {
            let before: String = line.chars().take(at).collect();
            assert!(before.ends_with("  "), "{column} misaligned in {line:?}");
        }
    }
    mtlint()
        .args(["rules", "explain", "spaced-punctuation"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "## Why is it a translation artifact?",
        ))
        .stdout(predicate::str::contains("Examples:"));
    mtlint()
        .args(["rules", "explain", "spaced-punctuatio"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `spaced-punctuation`",
        ));
}

#[test]
fn the_report_can_go_to_a_file() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("report.json");
    mtlint()
        .args(["check", "--format", "json", "-o"])
        .arg(&out)
        .arg("-")
        .write_stdin(CLEAN)
        .assert()
        .code(0)
        .stdout(predicate::str::is_empty());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(report["summary"]["passed"], 1);
}

#[test]
fn bad_arguments_exit_2() {
    mtlint()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
    mtlint().args(["frobnicate"]).assert().code(2);
}

#[test]
fn duplicate_rule_ids_are_load_errors_naming_both_places() {
    let dir = TempDir::new().unwrap();
    let rule = USER_RULE.replace("spaced-punctuation", "house-whom");
    std::fs::write(dir.path().join("a.toml"), &rule).unwrap();
    std::fs::write(dir.path().join("b.toml"), &rule).unwrap();
    mtlint()
        .args(["rules", "test"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("duplicate rule id `house-whom`"))
        .stderr(predicate::str::contains("a.toml:3:6"))
        .stderr(predicate::str::contains("b.toml:3:6"));
}

#[test]
fn decomposed_accents_are_reported_at_their_original_bytes() {
    // "Kharkov" after a word with a combining accent: NFC shortens the text before it.
    let input = "Cafe\u{301}s in Kharkov reopened.";
    let findings = findings_of([] as [&str; 0], input);
    let finding = &findings[0];
    let (start, end) = (
        finding["start"].as_u64().unwrap() as usize,
        finding["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&input[start..end], "Kharkov");
    // Columns count the scalar values of the original: the combining accent is one.
    assert_eq!(finding["column"], 11);
}

#[test]
fn source_lang_loads_the_french_pack_and_rejects_unknown_languages() {
    let input = "The envoy said Rome “wants calm”, born “seeks no quarrel”, and left.";
    let rules_of = |args: &[&str]| -> Vec<String> { rule_ids(&findings_of(args, input)) };
    assert!(!rules_of(&[]).contains(&"born-for-ne".to_owned()));
    assert!(rules_of(&["--source-lang", "fr"]).contains(&"born-for-ne".to_owned()));
    mtlint()
        .args(["check", "--source-lang", "French", "-"])
        .write_stdin(input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`French` is not a language code"));
    // A language without a pack still names the sources' language.
    mtlint()
        .args(["check", "--no-fail", "--source-lang", "ja", "-"])
        .write_stdin(input)
        .assert()
        .code(0);
}

#[test]
fn vocabulary_files_accept_words_and_dialect_makes_spelling_strict() {
    let dir = TempDir::new().unwrap();
    let vocab = dir.path().join("house.txt");
    std::fs::write(&vocab, "# house words\nresponnse\n").unwrap();
    let spelling_of = |args: &[&std::ffi::OsStr], input: &str| -> Vec<String> {
        findings_of(args, input)
            .iter()
            .filter(|f| f["category"] == "fluency/spelling")
            .map(|f| f["text"].as_str().unwrap().to_owned())
            .collect()
    };
    let typo = "The ministry gave no responnse to the letter.";
    assert_eq!(spelling_of(&[], typo), ["responnse"]);
    assert!(spelling_of(&["--vocab".as_ref(), vocab.as_os_str()], typo).is_empty());

    let british = "The colour of the harbour changed.";
    assert!(spelling_of(&[], british).is_empty());
    assert!(spelling_of(&["--dialect".as_ref(), "gb".as_ref()], british).is_empty());
    assert_eq!(
        spelling_of(&["--dialect".as_ref(), "us".as_ref()], british),
        ["colour", "harbour"]
    );

    mtlint()
        .args(["check", "--vocab", "no/such/vocab.txt", "-"])
        .write_stdin(typo)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/vocab.txt"));
}

#[test]
fn mtlint_toml_is_found_upward_applied_and_described() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "exclude = [\"drafts/**\"]\n\n[rules]\n\"fluency/punctuation\" = \"off\"\n\"boilerplate-line\" = \"critical\"\n\n[score]\nmin-score = 50\n",
    )
    .unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(articles.join("drafts")).unwrap();
    std::fs::write(
        articles.join("a.txt"),
        "Talks resumed , the minister said.\nComments are closed.\n",
    )
    .unwrap();
    std::fs::write(articles.join("drafts/b.txt"), "Draft text here .\n").unwrap();
    let output = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(&articles)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output.stdout);
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 1, "drafts/ is excluded: {docs:?}");
    let findings = docs[0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "punctuation is off: {findings:?}");
    assert_eq!(findings[0]["severity"], "critical");

    // The command line wins over the file, and `mtlint config` says where values come from.
    Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(&articles)
        .args(["check", "--fail-on", "none", "--min-score", "0", "."])
        .assert()
        .code(0);
    Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(&articles)
        .arg("config")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("min-score = 50  # "))
        .stdout(predicate::str::contains("mtlint.toml"))
        .stdout(predicate::str::contains(
            "fail-on = \"critical\"  # default",
        ));
}

#[test]
fn configuration_mistakes_name_file_line_and_column() {
    let dir = TempDir::new().unwrap();
    let config = dir.path().join("mtlint.toml");
    std::fs::write(&config, "[score]\nmin-scor = 50\n").unwrap();
    mtlint()
        .args(["check", "--config"])
        .arg(&config)
        .arg("-")
        .write_stdin(CLEAN)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `min-scor`"))
        .stderr(predicate::str::contains("mtlint.toml:2:1"));
    std::fs::write(&config, "[rules]\n\"quote-capitals\" = \"off\"\n").unwrap();
    mtlint()
        .args(["check", "--config"])
        .arg(&config)
        .arg("-")
        .write_stdin(CLEAN)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule, category or family `quote-capitals`",
        ))
        .stderr(predicate::str::contains("mtlint.toml:2:"));
}

#[test]
fn a_configuration_extends_a_shared_one_and_its_mistakes_name_the_shared_file() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("house")).unwrap();
    let shared = dir.path().join("house/shared.toml");
    std::fs::write(&shared, "[rules]\n\"repeated-word\" = \"off\"\n").unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "extends = \"house/shared.toml\"\n[score]\nmin-score = 99\n",
    )
    .unwrap();
    // The shared file turns the repetition off; the local one keeps its own gate.
    let output = mtlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "-"])
        .write_stdin("The the harbour was calm that morning.\n")
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["documents"][0]["findings"], serde_json::json!([]));
    mtlint()
        .current_dir(dir.path())
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::contains("# extends: "))
        .stdout(predicate::str::contains("min-score = 99"));
    std::fs::write(&shared, "\n[rules]\n\"repeated-wrod\" = \"off\"\n").unwrap();
    mtlint()
        .current_dir(dir.path())
        .args(["check", "-"])
        .write_stdin(CLEAN)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown rule, category or family `repeated-wrod`",
        ))
        .stderr(predicate::str::contains("shared.toml:3:"));
}

#[test]
fn a_former_rule_id_still_works_everywhere_with_a_notice() {
    let notice = "`furniture-line` is now called `boilerplate-line`";
    let rules_in = |output: &std::process::Output| -> Vec<String> {
        rule_ids(
            json(&output.stdout)["documents"][0]["findings"]
                .as_array()
                .unwrap(),
        )
    };
    // --select by the former id.
    let output = mtlint()
        .args([
            "check",
            "--format",
            "json",
            "--no-fail",
            "--select",
            "furniture-line",
            "-",
        ])
        .write_stdin(FLAWED)
        .output()
        .unwrap();
    assert_eq!(rules_in(&output), ["boilerplate-line"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains(notice));
    // mtlint.toml by the former id.
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "[rules]\n\"furniture-line\" = \"off\"\n",
    )
    .unwrap();
    let output = mtlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--no-fail", "-"])
        .write_stdin(FLAWED)
        .output()
        .unwrap();
    assert!(!rules_in(&output).contains(&"boilerplate-line".to_owned()));
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        stderr.contains("mtlint.toml:2: ") && stderr.contains(notice),
        "{stderr}"
    );
    // A suppression comment by the former id, with the notice as the document's warning.
    let output = mtlint()
        .args(["check", "--format", "json", "--no-fail", "-"])
        .write_stdin(format!("mtlint-disable furniture-line\n{FLAWED}"))
        .output()
        .unwrap();
    assert!(!rules_in(&output).contains(&"boilerplate-line".to_owned()));
    let warnings = json(&output.stdout)["documents"][0]["warnings"].to_string();
    assert!(warnings.contains(notice), "{warnings}");
}

#[test]
fn markdown_is_read_as_prose_with_findings_in_the_markdown() {
    let findings = findings_of(
        ["--input-format", "markdown"],
        "# Title\n\nThe the port reopened.\n\n```\nteh teh code\n```\n\nSee `teh teh` and <http://teh.example>.\n",
    );
    let rules: Vec<(&str, u64)> = findings
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        rules,
        [("repeated-word", 3)],
        "code, inline code and addresses are not prose"
    );
}

/// The rule ids of `findings`, in order.
fn rule_ids(findings: &[serde_json::Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_owned())
        .collect()
}

/// The rule ids and 1-based lines and columns of `findings`.
fn rules_and_places(findings: &[serde_json::Value]) -> Vec<(String, u64, u64)> {
    findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn html_is_read_as_visible_text_with_findings_in_the_html() {
    let html = "<html><head><title>The the title</title><script>var a = 'teh teh';</script></head>\n<body><p>Boats left the port on Sunday , &ldquo;Early&rdquo; in the morning.</p>\n<div style=\"display:none\">hidden the the text</div><p>They <b>sailed</b> north.</p></body></html>\n";
    let findings = findings_of(["--input-format", "html"], html);
    assert_eq!(
        rules_and_places(&findings),
        [
            ("spaced-punctuation".to_owned(), 2, 39),
            ("quote-capital".to_owned(), 2, 49),
        ]
    );
    assert_eq!(findings[1]["text"], "Early");
}

#[test]
fn html_files_are_read_by_extension_and_walked_in_folders() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("page.htm"),
        "<p>The the ferry left.</p><!-- teh teh -->",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "The ferry left.\n").unwrap();
    let output = mtlint()
        .args(["check", "--format", "json", "--no-fail"])
        .arg(dir.path())
        .output()
        .unwrap();
    let report = json(&output.stdout);
    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    let page = docs
        .iter()
        .find(|d| d["source"].as_str().unwrap().ends_with("page.htm"))
        .unwrap();
    assert_eq!(
        rules_and_places(page["findings"].as_array().unwrap()),
        [("repeated-word".to_owned(), 1, 7)]
    );
}

#[test]
fn inline_suppressions_silence_findings_and_are_counted() {
    let md = "Ships docked on Monday , late.\n\n<!-- mtlint-disable-next-line spaced-punctuation -->\nShips docked on Tuesday , late.\n\n<!-- mtlint-disable fluency/duplication -->\nThe the crews rested.\n\nThe the cargo waited.\n<!-- mtlint-enable -->\n\nThe the port closed , at night.\n";
    let output = mtlint()
        .args([
            "check",
            "--format",
            "json",
            "--no-fail",
            "--input-format",
            "markdown",
            "-",
        ])
        .write_stdin(md)
        .output()
        .unwrap();
    let report = json(&output.stdout);
    let doc = &report["documents"][0];
    assert_eq!(
        rules_and_places(doc["findings"].as_array().unwrap()),
        [
            ("spaced-punctuation".to_owned(), 1, 23),
            ("repeated-word".to_owned(), 12, 4),
            ("spaced-punctuation".to_owned(), 12, 20),
        ]
    );
    assert_eq!(doc["suppressed"], 3);
    assert_eq!(report["summary"]["suppressed"], 3);
}

#[test]
fn a_suppression_naming_an_unknown_rule_warns_on_that_document() {
    mtlint()
        .args(["check", "--no-fail", "--input-format", "html", "-"])
        .write_stdin("<!-- mtlint-disable no-such-rule -->\n<p>Fine text.</p>\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "warning: <stdin>:1:1: `mtlint-disable` names `no-such-rule`",
        ));
}

#[test]
fn json_lines_records_can_name_their_format() {
    let records = concat!(
        "{\"id\": \"h\", \"kind\": \"html\", \"text\": \"<p>The the boat.</p>\"}\n",
        "{\"id\": \"m\", \"kind\": \"markdown\", \"text\": \"`the the` boat.\"}\n",
        "{\"id\": \"t\", \"text\": \"`the the` boat.\"}\n",
        "{\"id\": \"x\", \"kind\": \"pdf\", \"text\": \"boat\"}\n",
    );
    let output = mtlint()
        .args([
            "check",
            "--format",
            "json",
            "--no-fail",
            "--input-format",
            "jsonl",
        ])
        .args(["--format-field", "kind", "-"])
        .write_stdin(records)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "a bad record is a run error");
    let report = json(&output.stdout);
    let counts: Vec<(&str, usize)> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap(),
                d["findings"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(counts, [("h", 1), ("m", 0), ("t", 1)]);
    assert_eq!(report["errors"][0]["line"], 4);
}

#[test]
fn jsonl_output_is_one_document_object_per_line() {
    let output = mtlint()
        .args([
            "check",
            "--format",
            "jsonl",
            "--no-fail",
            "tests/corpus/records.jsonl",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["r1", "r2", "3"]);
    assert!(
        lines
            .iter()
            .all(|d| d["findings"].is_array() && d["score"].is_number())
    );
}

#[test]
fn statistics_count_findings_per_rule_and_category_and_pipes_get_no_progress_bar() {
    let output = mtlint()
        .args(["check", "--statistics", "--no-fail", "-"])
        .write_stdin(FLAWED)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("  count  rule"), "{stdout}");
    assert!(
        stdout.contains("      2  spaced-punctuation           fluency/punctuation"),
        "{stdout}"
    );
    assert!(stdout.contains("      1  design/boilerplate"), "{stdout}");
    assert!(output.stderr.is_empty(), "no progress bar in a pipe");
    let json = mtlint()
        .args([
            "check",
            "--statistics",
            "--format",
            "json",
            "--no-fail",
            "-",
        ])
        .write_stdin(FLAWED)
        .output()
        .unwrap();
    serde_json::from_slice::<serde_json::Value>(&json.stdout).expect("the JSON report stays clean");
    assert!(
        String::from_utf8(json.stderr)
            .unwrap()
            .contains("spaced-punctuation")
    );
}

#[test]
fn records_across_many_batches_keep_input_order_and_any_thread_count_gives_one_report() {
    // More records than a batch holds, bad lines among them, and one record large enough to
    // have its rules run in parallel.
    let mut input = String::new();
    for i in 0..2_600 {
        if i % 500 == 7 {
            input.push_str("{not json\n");
        }
        let text = if i == 1_300 {
            FLAWED.repeat(4_000)
        } else {
            format!("Report {i}. {FLAWED}")
        };
        let record = serde_json::json!({ "id": i.to_string(), "text": text });
        input.push_str(&format!("{record}\n"));
    }
    let run = |jobs: &str| {
        mtlint()
            .args(["check", "--input-format", "jsonl", "--format", "jsonl"])
            .args(["--no-fail", "--jobs", jobs, "-"])
            .write_stdin(input.clone())
            .output()
            .unwrap()
    };
    let one = run("1");
    let two = run("2");
    assert_eq!(one.status.code(), Some(2), "bad records make the run fail");
    assert_eq!(
        one.stdout, two.stdout,
        "the report does not depend on threads"
    );
    let text = String::from_utf8(one.stdout).unwrap();
    let docs: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<String> = docs
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect();
    let expected: Vec<String> = (0..2_600).map(|i: usize| i.to_string()).collect();
    assert_eq!(ids, expected);
    let big = docs[1_300]["findings"].as_array().unwrap();
    let alone = findings_of(["--jobs", "2"], &FLAWED.repeat(4_000));
    assert!(alone.len() >= 4_000 * 4, "each copy has four findings");
    assert_eq!(
        big.len(),
        alone.len(),
        "a record is checked as the same text alone"
    );
    let stderr = String::from_utf8(one.stderr).unwrap();
    assert_eq!(stderr.matches("not valid JSON").count(), 6, "{stderr}");
    assert!(stderr.contains("<stdin>:8: not valid JSON"), "{stderr}");
}

/// The pre-commit hook's `files` and `exclude` patterns (Python's `re`, which these patterns
/// read the same in the regex crate): the formats mtlint reads, less text files that are not
/// prose.
#[test]
fn the_pre_commit_hook_matches_articles_and_leaves_other_text_files() {
    let hooks = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    let pattern = |key: &str| {
        let line = hooks
            .lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .unwrap_or_else(|| panic!("no {key} in the hook"));
        regex::Regex::new(line.trim()).unwrap()
    };
    let (files, exclude) = (pattern("files:"), pattern("exclude:"));
    let hooked = |path: &str| files.is_match(path) && !exclude.is_match(path);
    for path in [
        "articles/a.txt",
        "news/story.md",
        "page.html",
        "old/page.htm",
        "c.jsonl",
        "vocabulary-of-war.md",
    ] {
        assert!(hooked(path), "{path} should be checked");
    }
    for path in [
        "requirements.txt",
        "requirements-dev.txt",
        "CMakeLists.txt",
        "LICENSE.txt",
        "docs/CHANGELOG.md",
        "robots.txt",
        "src/main.rs",
        "mtlint-vocab.txt",
        "vocabulary.txt",
    ] {
        assert!(!hooked(path), "{path} should be left alone");
    }
}

/// A baseline names documents relative to its own folder: the same file matches whatever the
/// working directory.
#[test]
fn a_baseline_matches_from_any_working_directory() {
    let dir = TempDir::new().unwrap();
    let sub = dir.path().join("news");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("a.txt"), FLAWED).unwrap();
    std::fs::write(
        sub.join("b.jsonl"),
        "{\"id\": \"r1\", \"text\": \"Comments are closed.\"}\n",
    )
    .unwrap();
    let run = |cwd: &std::path::Path, args: &[&str]| {
        let output = Command::cargo_bin("mtlint")
            .unwrap()
            .current_dir(cwd)
            .env("NO_COLOR", "1")
            .args(["check", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        (output.status.code(), json(&output.stdout))
    };
    let (code, _) = run(dir.path(), &["--write-baseline", "base.json", "news"]);
    assert_eq!(code, Some(0));
    let written = std::fs::read_to_string(dir.path().join("base.json")).unwrap();
    assert!(written.contains("\"source\":\"news/a.txt\""), "{written}");
    assert!(
        written.contains("\"source\":\"news/b.jsonl#r1\""),
        "{written}"
    );
    for (cwd, baseline, path) in [
        (dir.path().to_path_buf(), "base.json", "news"),
        (sub.clone(), "../base.json", "."),
        (sub.clone(), "../base.json", "a.txt"),
    ] {
        let (code, report) = run(&cwd, &["--baseline", baseline, path]);
        assert_eq!(code, Some(0), "{cwd:?} {path}: {report}");
        assert_eq!(report["summary"]["findings"], 0, "{cwd:?} {path}: {report}");
    }
}

/// A check of `.` checks the articles, not the tool's own data: the vocabulary, the baseline
/// and the report are left out, and `include` keeps a walk to the paths it names.
#[test]
fn a_check_of_the_folder_leaves_out_the_tools_own_files() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("articles/2026")).unwrap();
    std::fs::write(dir.path().join("articles/2026/a.txt"), CLEAN).unwrap();
    std::fs::write(dir.path().join("notes.txt"), FLAWED).unwrap();
    std::fs::write(dir.path().join("house-words.txt"), "Kharkov\nresponnse\n").unwrap();
    std::fs::write(
        dir.path().join("accepted.json"),
        "{\"schema\": \"mtlint-baseline/1\", \"findings\": []}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "vocab = [\"house-words.txt\"]\n",
    )
    .unwrap();
    let sources = |args: &[&str]| {
        let output = Command::cargo_bin("mtlint")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--no-fail"])
            .args(args)
            .output()
            .unwrap();
        let report = json(&output.stdout);
        let mut names: Vec<String> = report["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["source"].as_str().unwrap().to_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(
        sources(&["--baseline", "accepted.json"]),
        ["./articles/2026/a.txt", "./notes.txt"]
    );
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "vocab = [\"house-words.txt\"]\ninclude = [\"articles/**\"]\n",
    )
    .unwrap();
    assert_eq!(sources(&[]), ["./articles/2026/a.txt"]);
}

/// In the formats that annotate files (github, sarif, rdjson), a JSON Lines record's finding
/// lands on the record's own line of the file, at the column of its text there, escapes
/// counted.
#[test]
fn json_lines_findings_land_on_the_files_own_line_and_column() {
    let dir = TempDir::new().unwrap();
    let lines = [
        "{\"id\": \"r1\", \"text\": \"The council met on Monday.\"}",
        "{\"id\": \"r2\", \"text\": \"A \\\"quoted\\\" word\\nand a second line , here.\"}",
        "{\"id\": \"r3\", \"text\": \"Caf\\u00e9 owners met , too.\"}",
    ];
    std::fs::write(dir.path().join("r.jsonl"), lines.join("\n") + "\n").unwrap();
    // The file's 1-based line and byte column of the ` ,` in each of records 2 and 3.
    let expected: Vec<(usize, usize, usize)> = [1usize, 2]
        .iter()
        .map(|&i| {
            let at = lines[i].find(" ,").unwrap();
            (i + 1, lines[i][..at].chars().count() + 1, at + 1)
        })
        .collect();
    let run = |format: &str| {
        let output = Command::cargo_bin("mtlint")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--no-fail", "--format", format, "r.jsonl"])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let github = run("github");
    for &(line, column, _) in &expected {
        let annotation = format!("file=r.jsonl,line={line},col={column},");
        assert!(github.contains(&annotation), "{annotation} in {github}");
    }
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let regions: Vec<(u64, u64)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "spaced-punctuation")
        .map(|r| {
            let region = &r["locations"][0]["physicalLocation"]["region"];
            (
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    let wanted: Vec<(u64, u64)> = expected
        .iter()
        .map(|&(l, c, _)| (l as u64, c as u64))
        .collect();
    assert_eq!(regions, wanted);
    let rdjson: serde_json::Value = serde_json::from_str(&run("rdjson")).unwrap();
    let ranges: Vec<(u64, u64)> = rdjson["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"]["value"] == "spaced-punctuation")
        .map(|d| {
            assert_eq!(d["location"]["path"], "r.jsonl");
            let start = &d["location"]["range"]["start"];
            (
                start["line"].as_u64().unwrap(),
                start["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let wanted: Vec<(u64, u64)> = expected
        .iter()
        .map(|&(l, _, b)| (l as u64, b as u64))
        .collect();
    assert_eq!(ranges, wanted);
}

/// The GitHub Action's file selection: the articles a branch changed since its base (added,
/// modified, renamed), in the formats mtlint reads; nothing when nothing changed.
#[test]
fn the_action_selects_the_changed_articles() {
    let git_works = std::process::Command::new("git")
        .arg("--version")
        .output()
        .is_ok();
    if !git_works {
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            b"notice: action script test skipped: no git\n",
        );
        return;
    }
    let dir = TempDir::new().unwrap();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(dir.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    git(&["init", "-q", "-b", "main"]);
    for name in ["news/a.txt", "news/old.txt", "gone.md", "keep.html"] {
        write(name, "The council met.\n");
    }
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    git(&["checkout", "-q", "-b", "work"]);
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("action/changed-articles.sh");
    let run = |args: &[&str]| {
        let output = std::process::Command::new("bash")
            .arg(&script)
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(run(&["main"]), "", "nothing changed: nothing to check");
    write("news/a.txt", "The council met again.\n");
    write("news/b.md", "# New\n");
    write("src/tool.rs", "fn main() {}\n");
    write("page.HTM", "<p>Hi</p>\n");
    git(&["mv", "news/old.txt", "news/renamed.txt"]);
    git(&["rm", "-q", "gone.md"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "work"]);
    let selected = format!(
        "all:\n{}under news:\n{}no base:\n{}",
        run(&["main"]),
        run(&["main", "news"]),
        run(&["", "news", "page.HTM"])
    );
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("action_changed_articles", selected);
    });
}

/// `--select` keeps only the rules, categories or families it names; `--ignore` leaves them
/// out; an unknown name is an error with the closest rule.
#[test]
fn select_and_ignore_choose_the_rules_of_a_run() {
    let rules_of = |args: &[&str]| -> Vec<String> {
        let mut rules = rule_ids(&findings_of(args.iter().copied(), FLAWED));
        rules.sort();
        rules.dedup();
        rules
    };
    let all = rules_of(&[]);
    assert!(all.len() >= 3, "{all:?}");
    assert_eq!(
        rules_of(&["--select", "spaced-punctuation"]),
        ["spaced-punctuation"]
    );
    assert_eq!(rules_of(&["--select", "design"]), ["boilerplate-line"]);
    let without = rules_of(&["--ignore", "fluency/punctuation,design/boilerplate"]);
    assert!(
        !without
            .iter()
            .any(|r| r == "spaced-punctuation" || r == "boilerplate-line")
    );
    assert!(!without.is_empty(), "{without:?}");
    mtlint()
        .args(["check", "--select", "spaced-punctuatio", "-"])
        .write_stdin(CLEAN)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `spaced-punctuation`",
        ));
}

/// Plain text takes suppression lines too: a line holding only a directive.
#[test]
fn plain_text_suppression_lines_silence_the_next_line() {
    let text = "The council met on Monday , and left.\nmtlint-disable-next-line spaced-punctuation\nThe board met on Tuesday , and stayed.\n";
    let output = mtlint()
        .args(["check", "--format", "json", "--no-fail", "-"])
        .write_stdin(text)
        .output()
        .unwrap();
    let report = json(&output.stdout);
    let doc = &report["documents"][0];
    let lines: Vec<u64> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [1], "{doc}");
    assert_eq!(doc["suppressed"], 1);
}

/// `[[overrides]]` in mtlint.toml set rules for the documents under some paths only.
#[test]
fn overrides_set_rules_for_some_paths() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir_all(dir.path().join("legal")).unwrap();
    std::fs::write(dir.path().join("legal/terms.txt"), FLAWED).unwrap();
    std::fs::write(dir.path().join("news.txt"), FLAWED).unwrap();
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "[[overrides]]\nfiles = [\"legal/**\"]\nrules = { \"spaced-punctuation\" = \"off\", \"design\" = \"neutral\" }\n",
    )
    .unwrap();
    let output = Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir.path().join("legal"))
        .args(["check", "--format", "json", "--no-fail", "..", "terms.txt"])
        .output()
        .unwrap();
    let report = json(&output.stdout);
    let docs = report["documents"].as_array().unwrap();
    let by_source = |suffix: &str| {
        docs.iter()
            .find(|d| d["source"].as_str().unwrap().ends_with(suffix))
            .unwrap()["findings"]
            .as_array()
            .unwrap()
            .clone()
    };
    let legal = by_source("terms.txt");
    assert!(
        !legal.iter().any(|f| f["rule"] == "spaced-punctuation"),
        "{legal:?}"
    );
    let furniture = legal
        .iter()
        .find(|f| f["rule"] == "boilerplate-line")
        .unwrap();
    assert_eq!(furniture["severity"], "neutral");
    let news = by_source("news.txt");
    assert!(news.iter().any(|f| f["rule"] == "spaced-punctuation"));
    std::fs::write(
        dir.path().join("mtlint.toml"),
        "[[overrides]]\nfiles = [\"legal/**\"]\nrules = { \"spaced-punctuatio\" = \"off\" }\n",
    )
    .unwrap();
    Command::cargo_bin("mtlint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "news.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `spaced-punctuation`",
        ));
}

#[test]
fn a_word_repeated_across_html_elements_is_no_repetition() {
    let page = "<html><body><p>The council met in in the hall.</p>\
                <p><a href=\"/d\">Donate</a> <a href=\"/e\">Donate</a></p></body></html>";
    let found: Vec<(String, String)> = findings_of(["--input-format", "html"], page)
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(found, [("repeated-word".to_owned(), " in".to_owned())]);
}
