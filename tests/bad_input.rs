//! Whatever a scraper or a CMS produced, mtlint keeps working: every case exits as DESIGN.md
//! says, names the input on stderr when something is wrong, never panics or hangs, and every
//! readable document appears in the report.

use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn mtlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    cmd.current_dir(dir);
    cmd.env("NO_COLOR", "1");
    cmd.timeout(std::time::Duration::from_secs(300));
    cmd
}

/// Runs `check --format json --no-fail` on `args` in `dir`: (exit code, report, stderr).
fn check(dir: &Path, args: &[&str]) -> (i32, serde_json::Value, String) {
    let output = mtlint(dir)
        .args(["check", "--format", "json", "--no-fail"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let report = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)));
    (output.status.code().unwrap(), report, stderr)
}

/// The rule ids of a document's findings.
fn rules_of(doc: &serde_json::Value) -> Vec<&str> {
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect()
}

fn sources(report: &serde_json::Value) -> Vec<String> {
    report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn invalid_utf8_is_checked_with_a_warning_on_that_document() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("latin1.txt"),
        b"The caf\xe9 opened on Monday , late.\n",
    )
    .unwrap();
    let (code, report, _) = check(dir.path(), &["latin1.txt"]);
    assert_eq!(code, 0);
    let doc = &report["documents"][0];
    assert!(
        doc["warnings"][0]
            .as_str()
            .unwrap()
            .contains("invalid UTF-8 at byte 7")
    );
    let rules = rules_of(doc);
    assert!(rules.contains(&"spaced-punctuation"), "{rules:?}");
}

#[test]
fn binary_files_are_skipped_with_a_notice_and_the_rest_checked() {
    let dir = TempDir::new().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 2000));
    std::fs::write(dir.path().join("photo.txt"), png).unwrap();
    std::fs::write(dir.path().join("article.txt"), "The ferry left on time.\n").unwrap();
    let (code, report, stderr) = check(dir.path(), &["."]);
    assert_eq!(code, 0, "a skipped binary file is not a failed run");
    assert!(
        stderr.contains("skipped ./photo.txt: not text (NUL bytes)"),
        "{stderr}"
    );
    assert_eq!(sources(&report), ["./article.txt"]);
}

#[test]
fn empty_files_are_documents_without_words() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("empty.md"), "").unwrap();
    std::fs::write(dir.path().join("empty.html"), "").unwrap();
    let (code, report, _) = check(dir.path(), &["empty.txt", "empty.md", "empty.html"]);
    assert_eq!(code, 0);
    for doc in report["documents"].as_array().unwrap() {
        assert_eq!(doc["words"], 0);
        assert_eq!(doc["pass"], true);
    }
    assert_eq!(report["summary"]["documents"], 3);
}

#[test]
fn a_50_mb_single_line_is_checked() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("line.txt");
    let mut line = "x".repeat(50 * 1024 * 1024);
    line.push_str(" teh end ,");
    std::fs::write(&path, line).unwrap();
    let (code, report, _) = check(dir.path(), &["line.txt"]);
    assert_eq!(code, 0);
    let rules = rules_of(&report["documents"][0]);
    assert!(rules.contains(&"spaced-punctuation"), "{rules:?}");
}

#[test]
fn byte_order_marks_and_every_line_end_keep_lines_and_columns() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("ends.txt"),
        "\u{feff}First line , here.\r\nSecond line , here.\rThird line , here.\nFourth.\n",
    )
    .unwrap();
    let (_, report, _) = check(dir.path(), &["ends.txt"]);
    let places: Vec<(u64, u64)> = report["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect();
    // Columns count the characters of the original line, the byte order mark included.
    assert_eq!(places, [(1, 12), (2, 12), (3, 11)]);
}

#[test]
fn nul_bytes_inside_text_do_not_stop_the_check() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("nul.txt"),
        "The council met on Monday and the the mayor spoke.\0 The budget passed.\n",
    )
    .unwrap();
    let (code, report, _) = check(dir.path(), &["nul.txt"]);
    assert_eq!(code, 0);
    assert_eq!(
        report["documents"][0]["findings"][0]["rule"],
        "repeated-word"
    );
}

#[test]
fn deeply_nested_markdown_and_html_are_read() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("deep.md"),
        format!(
            "{} the the quote\n\n{}link{}\n",
            ">".repeat(5000),
            "[".repeat(5000),
            "]".repeat(5000)
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("deep.html"),
        format!(
            "{}<p>The the text.</p>{}",
            "<div>".repeat(40_000),
            "</div>".repeat(40_000)
        ),
    )
    .unwrap();
    let (code, report, _) = check(dir.path(), &["deep.md", "deep.html"]);
    assert_eq!(code, 0);
    for doc in report["documents"].as_array().unwrap() {
        let rules = rules_of(doc);
        assert!(
            rules.contains(&"repeated-word"),
            "{}: {rules:?}",
            doc["source"]
        );
    }
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_reported_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "Hidden.\n").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("inner.txt"), "Inner.\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::write(dir.path().join("open.txt"), "The ferry left on time.\n").unwrap();
    // A privileged user (root in a container) reads through permissions: nothing to test.
    let privileged = std::fs::read(&secret).is_ok();
    let (code, report, stderr) = check(dir.path(), &["."]);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    if privileged {
        assert_eq!(code, 0);
        return;
    }
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("secret.txt: cannot read"), "{stderr}");
    assert!(stderr.contains("locked"), "{stderr}");
    assert!(sources(&report).contains(&"./open.txt".to_owned()));
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_end_the_walk_and_a_looping_path_is_an_error() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("article.txt"), "The ferry left on time.\n").unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("again")).unwrap();
    std::os::unix::fs::symlink("loop.txt", dir.path().join("loop.txt")).unwrap();
    let (code, report, _) = check(dir.path(), &["."]);
    assert_eq!(code, 0, "folders do not follow links, so the walk ends");
    assert_eq!(sources(&report), ["./article.txt"]);
    let (code, report, stderr) = check(dir.path(), &["loop.txt", "article.txt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("loop.txt: cannot read"), "{stderr}");
    assert_eq!(sources(&report), ["article.txt"]);
}

#[test]
fn a_file_over_4_gib_is_a_run_error_naming_it_and_is_not_read() {
    let dir = TempDir::new().unwrap();
    // Sparse: four gibibytes and one byte of length, no data written.
    let huge = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    huge.set_len((4 << 30) + 1).unwrap();
    std::fs::write(dir.path().join("small.txt"), "The ferry left on time.\n").unwrap();
    let (code, report, stderr) = check(dir.path(), &["huge.txt", "small.txt"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("huge.txt: the document is 4294967297 bytes long"),
        "{stderr}"
    );
    assert_eq!(sources(&report), ["small.txt"]);
}

#[test]
fn a_missing_path_is_a_run_error_naming_it() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("here.txt"), "Fine.\n").unwrap();
    let (code, report, stderr) = check(dir.path(), &["not-there.txt", "here.txt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not-there.txt: cannot read"), "{stderr}");
    assert_eq!(sources(&report), ["here.txt"]);
}

#[test]
fn malformed_json_lines_are_reported_by_line_and_good_ones_checked() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("records.jsonl"),
        "{\"id\": 1, \"text\": \"Good , one.\"}\n{broken\n[1, 2]\n{\"id\": 4}\n{\"id\": 5, \"text\": \"Good.\"}\n",
    )
    .unwrap();
    let (code, report, stderr) = check(dir.path(), &["records.jsonl"]);
    assert_eq!(code, 2);
    for line in [2, 3, 4] {
        assert!(
            stderr.contains(&format!("records.jsonl:{line}:")),
            "{stderr}"
        );
    }
    let ids: Vec<&str> = report["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["1", "5"]);
}
