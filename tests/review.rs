//! The review workflow end to end: `--fix`, `--unsafe-fixes`, `--diff`, `--baseline` and
//! `--write-baseline`.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use tempfile::TempDir;

fn mtlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    cmd.current_dir(dir);
    cmd.env("NO_COLOR", "1");
    cmd
}

const ARTICLE: &str = "The ferry left on Monday , and the the crew spoke of “Huge waves” at sea.\nThe teh harbour was calm.\n";

fn article_in(dir: &TempDir) -> std::path::PathBuf {
    let path = dir.path().join("article.txt");
    std::fs::write(&path, ARTICLE).unwrap();
    path
}

fn json_of(cmd: &mut Command) -> serde_json::Value {
    let output = cmd.output().unwrap();
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stderr)))
}

#[test]
fn fix_applies_safe_fixes_only_and_a_second_run_changes_nothing() {
    let dir = TempDir::new().unwrap();
    let path = article_in(&dir);
    mtlint(dir.path())
        .args(["check", "--fix", "--no-fail", "article.txt"])
        .assert()
        .success()
        .stderr(predicate::str::contains("applied 3 fix(es) to 1 file(s)"));
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        "The ferry left on Monday, and the crew spoke of “huge waves” at sea.\nThe teh harbour was calm.\n",
        "the typo's fix is unsafe and stays"
    );
    mtlint(dir.path())
        .args(["check", "--fix", "--no-fail", "article.txt"])
        .assert()
        .success()
        .stderr(predicate::str::contains("applied 0 fix(es) to 0 file(s)"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
}

#[test]
fn unsafe_fixes_also_apply_typo_suggestions_and_the_report_shows_what_is_left() {
    let dir = TempDir::new().unwrap();
    let path = article_in(&dir);
    let report = json_of(mtlint(dir.path()).args([
        "check",
        "--fix",
        "--unsafe-fixes",
        "--no-fail",
        "--format",
        "json",
        "article.txt",
    ]));
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert!(fixed.ends_with("The harbour was calm.\n"), "{fixed}");
    assert_eq!(report["documents"][0]["findings"], serde_json::json!([]));
}

#[test]
fn diff_prints_the_fixes_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let path = article_in(&dir);
    mtlint(dir.path())
        .args(["check", "--diff", "article.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "--- a/article.txt\n+++ b/article.txt\n",
        ))
        .stdout(predicate::str::contains(
            "+The ferry left on Monday, and the crew spoke of “huge waves” at sea.",
        ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), ARTICLE);
    std::fs::write(&path, "The ferry left on time.\n").unwrap();
    mtlint(dir.path())
        .args(["check", "--diff", "article.txt"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn a_plain_check_never_writes() {
    let dir = TempDir::new().unwrap();
    let path = article_in(&dir);
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    mtlint(dir.path())
        .args(["check", "--no-fail", "article.txt"])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), ARTICLE);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        before
    );
}

#[cfg(unix)]
#[test]
fn fixing_is_atomic_keeps_permissions_and_leaves_no_temporary_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let path = article_in(&dir);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    mtlint(dir.path())
        .args(["check", "--fix", "--no-fail", "article.txt"])
        .assert()
        .success();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["article.txt"]);
}

#[cfg(unix)]
#[test]
fn fix_does_not_write_through_a_symbolic_link() {
    let outside = TempDir::new().unwrap();
    let target = article_in(&outside);
    let dir = TempDir::new().unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("link.txt")).unwrap();
    mtlint(dir.path())
        .args(["check", "--fix", "--no-fail", "link.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "link.txt: not fixed: a symbolic link",
        ));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), ARTICLE);
}

#[test]
fn fix_on_standard_input_prints_the_fixed_text_and_diff_reads_it() {
    let dir = TempDir::new().unwrap();
    // The fixed text on standard output, the report on standard error: an editor's filter.
    let output = mtlint(dir.path())
        .args(["check", "--fix", "--stdin-filename", "note.md", "-"])
        .write_stdin("The board met on Monday , and left.\n\n`keep , this`\n")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "The board met on Monday, and left.\n\n`keep , this`\n"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("note.md: "), "{stderr}");
    assert!(stderr.contains("applied 1 fix(es)"), "{stderr}");
    mtlint(dir.path())
        .args(["check", "--fix", "-", "other.txt"])
        .write_stdin(ARTICLE)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give `-` alone"));
    mtlint(dir.path())
        .args(["check", "--diff", "-"])
        .write_stdin(ARTICLE)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("+++ b/<stdin>"));
}

#[test]
fn html_fixes_stay_inside_the_text_and_are_escaped() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("page.html");
    std::fs::write(
        &path,
        "<p>Rates rose on <b>Monday</b> , and the <i>the</i> bank spoke of &ldquo;Big steps&rdquo;.</p>\n",
    )
    .unwrap();
    mtlint(dir.path())
        .args(["check", "--fix", "--no-fail", "page.html"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "<p>Rates rose on <b>Monday</b>, and the <i>the</i> bank spoke of &ldquo;big steps&rdquo;.</p>\n",
        "the repeat across tags has no safe span to delete and is left to the editor"
    );
}

#[test]
fn overlapping_fixes_never_corrupt_the_text() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a.txt");
    std::fs::write(
        &path,
        "He said ” the the “ and left , then “ Yes ” , twice .\n",
    )
    .unwrap();
    mtlint(dir.path())
        .args(["check", "--fix", "--no-fail", "a.txt"])
        .assert()
        .success();
    let once = std::fs::read_to_string(&path).unwrap();
    assert!(!once.contains(" ,") && !once.contains("the the"), "{once}");
    assert!(once.contains("“the”") || once.contains("“ the ”"), "{once}");
    mtlint(dir.path())
        .args(["check", "--fix", "--no-fail", "a.txt"])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), once);
}

#[test]
fn a_baseline_survives_edits_elsewhere_but_not_to_the_flagged_text() {
    let dir = TempDir::new().unwrap();
    let path = article_in(&dir);
    mtlint(dir.path())
        .args(["check", "--write-baseline", "accepted.json", "article.txt"])
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote 4 accepted finding(s)"));
    let baseline = std::fs::read_to_string(dir.path().join("accepted.json")).unwrap();
    assert!(baseline.starts_with("{\n  \"schema\": \"mtlint-baseline/1\",\n  \"findings\": [\n"));
    assert_eq!(
        baseline.lines().filter(|l| l.contains("\"rule\"")).count(),
        4
    );

    std::fs::write(&path, format!("A new first paragraph.\n\n{ARTICLE}")).unwrap();
    let report = json_of(mtlint(dir.path()).args([
        "check",
        "--format",
        "json",
        "--baseline",
        "accepted.json",
        "article.txt",
    ]));
    assert_eq!(report["documents"][0]["findings"], serde_json::json!([]));
    assert_eq!(report["summary"]["suppressed"], 4);

    std::fs::write(&path, ARTICLE.replace("The teh", "The tehh")).unwrap();
    let report = json_of(mtlint(dir.path()).args([
        "check",
        "--format",
        "json",
        "--no-fail",
        "--baseline",
        "./accepted.json",
        "./article.txt",
    ]));
    let rules: Vec<&str> = report["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["misspelled-word"],
        "only the changed finding comes back"
    );
}

#[test]
fn baselines_are_written_sorted_and_stable() {
    let dir = TempDir::new().unwrap();
    article_in(&dir);
    std::fs::write(dir.path().join("b.txt"), "Rain fell on Sunday , late.\n").unwrap();
    for name in ["one.json", "two.json"] {
        mtlint(dir.path())
            .args(["check", "--write-baseline", name, "b.txt", "article.txt"])
            .assert()
            .success();
    }
    let one = std::fs::read_to_string(dir.path().join("one.json")).unwrap();
    assert_eq!(
        one,
        std::fs::read_to_string(dir.path().join("two.json")).unwrap()
    );
    let value: serde_json::Value = serde_json::from_str(&one).unwrap();
    let keys: Vec<(String, String)> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["source"].to_string(), e["rule"].to_string()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(keys.first().unwrap().0, "\"article.txt\"");
}

#[test]
fn a_broken_baseline_is_a_run_error_naming_file_line_and_column() {
    let dir = TempDir::new().unwrap();
    article_in(&dir);
    std::fs::write(
        dir.path().join("bad.json"),
        "{\"schema\": \"mtlint-baseline/1\",\n \"findings\": [{\"source\": 1}]}",
    )
    .unwrap();
    mtlint(dir.path())
        .args(["check", "--baseline", "bad.json", "article.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.json:2:"))
        .stderr(predicate::str::contains("expected a string"));
}
