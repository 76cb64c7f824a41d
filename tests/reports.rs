//! Snapshots of the human and JSON reports over the articles in `tests/corpus/`.

use assert_cmd::Command;

fn mtlint() -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn report(format: &str) -> String {
    let output = mtlint()
        .args(["check", "--no-fail", "--format", format, "tests/corpus"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn human_report_over_the_corpus() {
    snapshot!("corpus_human", report("human"));
}

#[test]
fn json_report_over_the_corpus() {
    let json = report("json");
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["schema"], "mtlint-report/1");
    snapshot!("corpus_json", json);
}

#[test]
fn json_spans_point_at_the_flagged_text_and_its_columns() {
    let value: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let mut checked = 0;
    for doc in value["documents"].as_array().unwrap() {
        if !doc["id"].is_null() {
            continue;
        }
        let text =
            std::fs::read_to_string(format!("{root}/{}", doc["source"].as_str().unwrap())).unwrap();
        for finding in doc["findings"].as_array().unwrap() {
            let start = finding["start"].as_u64().unwrap() as usize;
            let end = finding["end"].as_u64().unwrap() as usize;
            assert_eq!(&text[start..end], finding["text"].as_str().unwrap());
            let line = finding["line"].as_u64().unwrap() as usize;
            let column = finding["column"].as_u64().unwrap() as usize;
            let line_text = text.split('\n').nth(line - 1).unwrap();
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            assert_eq!(text[line_start..start].chars().count() + 1, column);
            assert!(line_text.contains(finding["text"].as_str().unwrap().lines().next().unwrap()));
            checked += 1;
        }
    }
    assert!(checked > 5, "too few findings checked: {checked}");
}

#[test]
fn sarif_report_over_the_corpus_is_valid_sarif_2_1_0() {
    let sarif = report("sarif");
    let log: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let schema_text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/schemas/sarif-schema-2.1.0.json"
    ))
    .unwrap();
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert!(
        !run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    for result in run["results"].as_array().unwrap() {
        let location = &result["locations"][0]["physicalLocation"];
        assert!(location["region"]["startColumn"].as_u64().unwrap() >= 1);
        assert!(result["partialFingerprints"]["mtlintFinding/v1"].is_string());
        // Relative to the stated root, never `../x` or a bare absolute path.
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(
            uri.starts_with("tests/corpus/") && !uri.contains('#'),
            "{uri}"
        );
    }
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );
    let fixes: Vec<&serde_json::Value> = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r.get("fixes"))
        .collect();
    assert!(!fixes.is_empty(), "safe suggestions are SARIF fixes");
    // The root is where the checkout is: the same in the snapshot on every machine.
    snapshot!("corpus_sarif", sarif.replace(root, "file:///<root>/"));
}

#[test]
fn github_report_over_the_corpus() {
    snapshot!("corpus_github", report("github"));
}

#[test]
fn junit_report_over_the_corpus() {
    snapshot!("corpus_junit", report("junit"));
}

#[test]
fn rdjson_report_over_the_corpus() {
    let rdjson = report("rdjson");
    let value: serde_json::Value = serde_json::from_str(&rdjson).unwrap();
    assert!(!value["diagnostics"].as_array().unwrap().is_empty());
    snapshot!("corpus_rdjson", rdjson);
}

fn sarif_of_stdin(input: &str) -> serde_json::Value {
    let output = mtlint()
        .args(["check", "--no-fail", "--format", "sarif", "-"])
        .write_stdin(input.to_owned())
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn sarif_fingerprints_survive_edits_elsewhere_but_not_to_the_flagged_text() {
    // The second finding is far enough from the first that its context does not hold it.
    let article = "The ministry gave no responnse to the letter. Officials in the northern harbour town said they would write again , on Monday.\n";
    let fingerprints = |log: &serde_json::Value| -> Vec<(String, String)> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_owned(),
                    r["partialFingerprints"]["mtlintFinding/v1"]
                        .as_str()
                        .unwrap()
                        .to_owned(),
                )
            })
            .collect()
    };
    let before = fingerprints(&sarif_of_stdin(article));
    assert_eq!(before.len(), 2, "{before:?}");
    let shifted = format!("A new first paragraph about the weather arrived.\n\n{article}");
    assert_eq!(fingerprints(&sarif_of_stdin(&shifted)), before);
    let changed = article.replace("responnse", "responce");
    let after = fingerprints(&sarif_of_stdin(&changed));
    assert_ne!(after[0].1, before[0].1);
    assert_eq!(after[1], before[1]);
}

/// The HTML report without its style sheet, its script and the script's hash, which have
/// their own tests: what remains is the markup generated from the documents.
fn normalize_html(html: &str) -> String {
    let cut = |text: &str, open: &str, close: &str, with: &str| -> String {
        let start = text.find(open).unwrap() + open.len();
        let end = start + text[start..].find(close).unwrap();
        format!("{}{with}{}", &text[..start], &text[end..])
    };
    let html = cut(html, "<style>", "</style>", "…");
    let html = cut(&html, "<script>", "</script>", "…");
    // The exported baseline names files by absolute path: where the checkout is.
    let root = std::fs::canonicalize(env!("CARGO_MANIFEST_DIR")).unwrap();
    let html = html.replace(&format!("{}/", root.display()), "<root>/");
    cut(&html, "script-src 'sha256-", "'", "…")
}

#[test]
fn html_report_over_the_corpus() {
    let html = report("html");
    // Document text is escaped, so every `<` opens a tag of the report itself.
    for tag in html.split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        for reference in ["src=", "href=", "url(", "@import"] {
            assert!(
                !tag.contains(reference),
                "the report must load nothing: <{tag}>"
            );
        }
    }
    snapshot!("corpus_html", normalize_html(&html));
}

#[test]
fn the_review_page_shows_an_html_article_as_its_reader_sees_it() {
    let dir = tempfile::TempDir::new().unwrap();
    let page = dir.path().join("story.html");
    std::fs::write(
        &page,
        "<html><body>\n  <h1>Harbour news</h1>\n  <p class=\"lead\">The ferry left on Sunday , \
         after the the storm &amp; the <em>teh</em> delays.</p>\n</body></html>\n",
    )
    .unwrap();
    let output = mtlint()
        .args(["check", "--no-fail", "--format", "html"])
        .arg(&page)
        .output()
        .unwrap();
    let html = String::from_utf8(output.stdout).unwrap();
    let start = html.find("<pre class=\"text\">").unwrap();
    let end = start + html[start..].find("</pre>").unwrap();
    let shown = &html[start..end];
    assert!(!shown.contains("&lt;p"), "markup shown as text: {shown}");
    assert!(!shown.contains("class=&quot;lead"), "{shown}");
    assert!(shown.contains("Harbour news\n\nThe ferry left"), "{shown}");
    assert!(
        shown.contains("storm &amp; the"),
        "the entity reads as `&`: {shown}"
    );
    // Each finding is highlighted on the words it flags, not on the tags around them.
    let marked: Vec<&str> = shown
        .split("<mark ")
        .skip(1)
        .map(|m| {
            let text = &m[m.find('>').unwrap() + 1..];
            &text[..text.find("</mark>").unwrap()]
        })
        .collect();
    assert_eq!(marked, [" ,", " the", "teh"], "{shown}");
}

#[test]
fn gitlab_report_over_the_corpus() {
    let gitlab = report("gitlab");
    let issues: Vec<serde_json::Value> = serde_json::from_str(&gitlab).unwrap();
    let json: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    assert_eq!(
        issues.len() as u64,
        json["summary"]["findings"].as_u64().unwrap()
    );
    let mut fingerprints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    fingerprints.sort_unstable();
    fingerprints.dedup();
    assert_eq!(fingerprints.len(), issues.len(), "fingerprints are unique");
    for issue in &issues {
        for key in ["description", "check_name", "severity"] {
            assert!(issue[key].is_string(), "{key} in {issue}");
        }
        assert!(
            issue["location"]["path"]
                .as_str()
                .unwrap()
                .starts_with("tests/corpus/")
        );
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    snapshot!("corpus_gitlab", gitlab);
}

#[test]
fn checkstyle_report_over_the_corpus() {
    let checkstyle = report("checkstyle");
    assert!(checkstyle.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle"));
    assert!(checkstyle.trim_end().ends_with("</checkstyle>"));
    let json: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    assert_eq!(
        checkstyle.matches("<error ").count() as u64,
        json["summary"]["findings"].as_u64().unwrap()
    );
    assert_eq!(
        checkstyle.matches("<file ").count(),
        checkstyle.matches("</file>").count()
    );
    snapshot!("corpus_checkstyle", checkstyle);
}
