//! What a CI gate and an in-place fixer must keep, whatever the input, the file system or the
//! reader of the report does: a failing article never passes, a fix never loses a byte or a
//! file's metadata, and no report runs or misstates what an article says. One test (or more)
//! per defect, each of which failed before its fix.

use std::path::Path;
use std::process::{Output, Stdio};

use assert_cmd::Command;
use tempfile::TempDir;

fn mtlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    cmd.current_dir(dir);
    cmd.env("NO_COLOR", "1");
    cmd.timeout(std::time::Duration::from_secs(300));
    cmd
}

fn stderr_of(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

/// An article that fails the default gate (page furniture is major, spaced punctuation minor).
const FAILING: &str =
    "The harbour board met on Tuesday , and voted to keep the ferry.\nComments are closed.\n";

/// The files of `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// 1. A few NUL bytes or a UTF-16 file must not make an article disappear.

#[test]
fn a_utf16_article_is_decoded_and_fails_the_gate() {
    let dir = TempDir::new().unwrap();
    let le: Vec<u8> = format!("\u{feff}{FAILING}")
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let be: Vec<u8> = format!("\u{feff}{FAILING}")
        .encode_utf16()
        .flat_map(u16::to_be_bytes)
        .collect();
    std::fs::write(dir.path().join("le.txt"), &le).unwrap();
    std::fs::write(dir.path().join("be.txt"), &be).unwrap();
    for name in ["le.txt", "be.txt"] {
        let output = mtlint(dir.path())
            .args(["check", "--format", "json", name])
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(1),
            "{name}: {}",
            stderr_of(&output)
        );
        let report = json(&output);
        let doc = &report["documents"][0];
        assert_eq!(doc["pass"], false);
        assert!(doc["warnings"][0].as_str().unwrap().contains("UTF-16"));
        // Offsets count the file's bytes: two a character here, after the two-byte mark.
        let comma = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "spaced-punctuation")
            .unwrap();
        let in_text = FAILING.find(" ,").unwrap();
        assert_eq!(comma["start"], 2 + 2 * in_text, "{name}");
        assert_eq!(
            comma["column"],
            in_text + 2,
            "{name}: the mark counts as a column"
        );
    }
}

#[test]
fn a_named_file_with_nul_bytes_is_checked_with_a_warning() {
    let dir = TempDir::new().unwrap();
    let mut bytes = FAILING.as_bytes().to_vec();
    bytes.extend([0u8; 40]);
    std::fs::write(dir.path().join("nul.txt"), &bytes).unwrap();
    let output = mtlint(dir.path())
        .args(["check", "--format", "json", "nul.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let doc = &json(&output)["documents"][0];
    assert!(
        doc["warnings"][0]
            .as_str()
            .unwrap()
            .contains("does not look like text (NUL bytes)"),
        "{doc}"
    );
    // Found in a folder, the same file is skipped, and the skip is said.
    let output = mtlint(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("skipped ./nul.txt: not text (NUL bytes)"),
        "{stderr}"
    );
    assert!(stderr.contains("no document was checked"), "{stderr}");
    assert_eq!(output.status.code(), Some(2));
}

// 2. A closed output pipe must not turn a failure into exit 0.

#[cfg(unix)]
#[test]
fn a_closed_pipe_fails_the_run_and_fix_still_writes_every_file() {
    let dir = TempDir::new().unwrap();
    for i in 0..3 {
        std::fs::write(dir.path().join(format!("a{i}.txt")), FAILING).unwrap();
    }
    for format in [
        "human", "json", "jsonl", "sarif", "github", "junit", "rdjson", "html",
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("mtlint"))
            .current_dir(dir.path())
            .args(["check", "--format", format, "."])
            .stdout(Stdio::from(writer))
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{format}: {stderr}");
        assert!(
            stderr.contains("cannot write the report"),
            "{format}: {stderr}"
        );
    }
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("mtlint"))
        .current_dir(dir.path())
        .args(["check", "--fix", "."])
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("applied 3 fix(es) to 3 file(s)"),
        "{stderr}"
    );
    for i in 0..3 {
        let text = std::fs::read_to_string(dir.path().join(format!("a{i}.txt"))).unwrap();
        assert!(text.contains("Tuesday, and"), "{text}");
    }
}

// 3. Score weights must be finite and at least 0.

#[test]
fn negative_or_nan_weights_are_a_configuration_error_with_their_place() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("a.txt"), FAILING).unwrap();
    for weight in ["-25", "nan", "inf"] {
        std::fs::write(
            dir.path().join("mtlint.toml"),
            format!("[score]\nweights = {{ critical = 25, major = {weight} }}\n"),
        )
        .unwrap();
        let output = mtlint(dir.path())
            .args(["check", "a.txt"])
            .output()
            .unwrap();
        let stderr = stderr_of(&output);
        assert_eq!(output.status.code(), Some(2), "{weight}: {stderr}");
        assert!(
            stderr.contains("weights.major must be a finite number"),
            "{stderr}"
        );
        assert!(stderr.contains("mtlint.toml:2:36"), "{stderr}");
    }
}

// 5. Offsets of a file that is not valid UTF-8 count its bytes.

#[test]
fn offsets_of_invalid_utf8_point_into_the_file() {
    let dir = TempDir::new().unwrap();
    // Two invalid bytes, each replaced by three bytes of U+FFFD in the checked text.
    let mut bytes = b"Caf\xe9 cr\xe8me.".to_vec();
    bytes.extend(b" The board met on Tuesday , late.\n");
    std::fs::write(dir.path().join("latin1.txt"), &bytes).unwrap();
    let expected = bytes.windows(2).position(|w| w == b" ,").unwrap();
    let report = json(
        &mtlint(dir.path())
            .args(["check", "--format", "json", "--no-fail", "latin1.txt"])
            .output()
            .unwrap(),
    );
    let finding = report["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "spaced-punctuation")
        .unwrap()
        .clone();
    assert_eq!(finding["start"], expected);
    assert_eq!(finding["end"], expected + 2);
    let rdjson = json(
        &mtlint(dir.path())
            .args(["check", "--format", "rdjson", "--no-fail", "latin1.txt"])
            .output()
            .unwrap(),
    );
    let diagnostic = rdjson["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"]["value"] == "spaced-punctuation")
        .unwrap()
        .clone();
    assert_eq!(
        diagnostic["location"]["range"]["start"]["column"],
        expected + 1
    );
}

// 6. --fix writes to the file it read, whatever its name.

#[cfg(target_os = "linux")]
#[test]
fn a_file_name_that_is_not_utf8_is_fixed_in_place_and_no_other_file_is_touched() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = TempDir::new().unwrap();
    let odd = OsStr::from_bytes(b"caf\xe9.txt");
    let lossy = "caf\u{fffd}.txt";
    std::fs::write(dir.path().join(odd), FAILING).unwrap();
    std::fs::write(dir.path().join(lossy), "Someone else's file.\n").unwrap();
    let output = mtlint(dir.path())
        .args(["check", "--fix"])
        .arg(odd)
        .output()
        .unwrap();
    stderr_of(&output);
    let fixed = std::fs::read_to_string(dir.path().join(odd)).unwrap();
    assert!(fixed.contains("Tuesday, and"), "{fixed}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join(lossy)).unwrap(),
        "Someone else's file.\n"
    );
}

// 7. A file edited during the run is not overwritten.

#[test]
fn a_file_that_changes_before_the_rename_is_left_alone_with_exit_2() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("a.txt");
    // Large enough that the run is still checking when the file changes.
    let article = FAILING.repeat(20_000);
    std::fs::write(&path, &article).unwrap();
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mtlint"))
        .current_dir(dir.path())
        .args(["check", "--fix", "--format", "json", "a.txt"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let edited = format!("An editor's new first line.\n{article}");
    std::thread::sleep(std::time::Duration::from_millis(100));
    std::fs::write(&path, &edited).unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = stderr_of(&output);
    if std::fs::read_to_string(&path).unwrap() == edited {
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("the file changed while mtlint checked it"),
            "{stderr}"
        );
    } else {
        // The run finished before the edit (a fast machine): the edit came after the fix.
        panic!("the run ended before the edit; make the article longer: {stderr}");
    }
}

// 9. Metadata is kept; read-only and hard-linked files are not rewritten without --force.

#[cfg(unix)]
#[test]
fn read_only_and_hard_linked_files_are_refused_unless_forced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    let locked = dir.path().join("locked.txt");
    std::fs::write(&locked, FAILING).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
    let linked = dir.path().join("linked.txt");
    std::fs::write(&linked, FAILING).unwrap();
    std::fs::hard_link(&linked, dir.path().join("other-name.txt")).unwrap();
    let output = mtlint(dir.path())
        .args(["check", "--fix", "locked.txt", "linked.txt"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("locked.txt: not fixed: the file is read-only"),
        "{stderr}"
    );
    assert!(
        stderr.contains("linked.txt: not fixed: the file has 2 hard links"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 file(s) with fixes left unchanged"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&locked).unwrap(), FAILING);
    assert_eq!(std::fs::read_to_string(&linked).unwrap(), FAILING);
    let output = mtlint(dir.path())
        .args(["check", "--fix", "--force", "locked.txt", "linked.txt"])
        .output()
        .unwrap();
    stderr_of(&output);
    assert!(
        std::fs::read_to_string(&locked)
            .unwrap()
            .contains("Tuesday, and")
    );
    let mode = std::fs::metadata(&locked).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "the mode is kept");
}

// 10. Temporary files do not survive; the report never overwrites an input.

#[test]
fn the_report_cannot_overwrite_an_input_and_is_written_whole() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("a.txt"), FAILING).unwrap();
    let output = mtlint(dir.path())
        .args(["check", "-o", "a.txt", "a.txt"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("the report would overwrite an input"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.txt")).unwrap(),
        FAILING
    );
    // Written into the folder being checked, the report is not read as an article.
    let output = mtlint(dir.path())
        .args(["check", "--format", "json", "-o", "report.txt", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let output = mtlint(dir.path())
        .args(["check", "--format", "json", "-o", "report.txt", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.txt")).unwrap())
            .unwrap();
    assert_eq!(report["summary"]["documents"], 1);
    assert_eq!(names_in(dir.path()), ["a.txt", "report.txt"]);
}

#[cfg(target_os = "linux")]
#[test]
fn stale_temporaries_of_a_killed_run_are_removed_by_the_next_fix() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("a.txt"), FAILING).unwrap();
    // Left by a process that no longer runs (pid 4194304 is above Linux's largest).
    std::fs::write(dir.path().join(".mtlint-4194304-a1B2c3.tmp"), "partial").unwrap();
    std::fs::write(dir.path().join(".mtlint-notes.tmp"), "not ours").unwrap();
    let output = mtlint(dir.path())
        .args(["check", "--fix", "a.txt"])
        .output()
        .unwrap();
    stderr_of(&output);
    assert_eq!(names_in(dir.path()), [".mtlint-notes.tmp", "a.txt"]);
}

#[cfg(target_os = "linux")]
#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    let dir = TempDir::new().unwrap();
    // Standard input never ends: the run waits with its report's temporary file open.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("mtlint"))
        .current_dir(dir.path())
        .args(["check", "-o", "report.json", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !names_in(dir.path())
        .iter()
        .any(|n| n.starts_with(".mtlint-"))
    {
        assert!(
            std::time::Instant::now() < deadline,
            "no temporary file appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    // `wait` closes standard input first: held open, the run cannot end at its input's end
    // (and pass) before the signal is handled.
    let stdin = child.stdin.take();
    let status = child.wait().unwrap();
    drop(stdin);
    assert!(!status.success());
    assert_eq!(names_in(dir.path()), Vec::<String>::new());
}

// 12. Documents over --max-document-size are refused; endless input stops there.

#[test]
fn a_document_over_the_size_limit_is_an_error_and_the_rest_is_checked() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("big.txt"), "word ".repeat(1000)).unwrap();
    std::fs::write(dir.path().join("small.txt"), "The ferry left.\n").unwrap();
    let output = mtlint(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--max-document-size",
            "1K",
            "big.txt",
            "small.txt",
        ])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("big.txt: the document is 5000 bytes long"),
        "{stderr}"
    );
    assert_eq!(json(&output)["summary"]["documents"], 1);
}

#[cfg(target_os = "linux")]
#[test]
fn endless_input_stops_at_the_limit() {
    let dir = TempDir::new().unwrap();
    let output = mtlint(dir.path())
        .args(["check", "--max-document-size", "64K", "/dev/zero"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("more than 65536 bytes"), "{stderr}");
}

// 13. An absurd --jobs is capped.

#[test]
fn a_huge_jobs_count_is_capped_with_a_notice() {
    let dir = TempDir::new().unwrap();
    let output = mtlint(dir.path())
        .args(["check", "-j", "100000", "-"])
        .write_stdin("The ferry left on time.\n")
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("--jobs 100000 is more than 256: using 256"),
        "{stderr}"
    );
}

// 14. Smaller ones.

#[test]
fn a_file_named_three_times_is_checked_and_fixed_once() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("a.txt"), FAILING).unwrap();
    let output = mtlint(dir.path())
        .args([
            "check", "--fix", "--format", "json", "a.txt", "./a.txt", ".",
        ])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert!(
        stderr.contains("applied 1 fix(es) to 1 file(s)"),
        "{stderr}"
    );
    assert_eq!(json(&output)["summary"]["documents"], 1);
}

#[test]
fn a_folder_with_nothing_to_check_is_said_and_exits_2() {
    let dir = TempDir::new().unwrap();
    std::fs::create_dir(dir.path().join("drafts")).unwrap();
    std::fs::write(dir.path().join("drafts/notes.csv"), "a,b\n").unwrap();
    let output = mtlint(dir.path())
        .args(["check", "drafts"])
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("drafts: no file to check in this folder"),
        "{stderr}"
    );
}

// 4. No field of any format can write raw lines, terminal controls or invalid XML.

/// A JSON Lines record whose id tries to write workflow commands and whose text holds a NUL,
/// an ANSI escape, a right-to-left override and a non-character.
const HOSTILE_RECORD: &str = "{\"id\": \"r1\\n::stop-commands::x\\r\\n::error::owned\\uffff\", \"text\": \"The board met on Tuesday , late.\\u0000 \\u001b[2J\\u202eevil\\uffff Comments are closed.\"}\n";

fn report_of(dir: &Path, format: &str) -> String {
    let output = mtlint(dir)
        .args(["check", "--no-fail", "--format", format, "hostile.jsonl"])
        .output()
        .unwrap();
    stderr_of(&output);
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn hostile_ids_and_text_cannot_write_commands_or_controls() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("hostile.jsonl"), HOSTILE_RECORD).unwrap();
    let github = report_of(dir.path(), "github");
    for line in github.lines() {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice ")
                || line.starts_with("mtlint: "),
            "a line mtlint did not mean to write: {line:?}"
        );
    }
    assert!(
        !github.contains('\u{1b}') && !github.contains('\u{0}'),
        "{github:?}"
    );
    let human = report_of(dir.path(), "human");
    for control in ['\u{0}', '\u{1b}', '\u{202e}', '\r'] {
        assert!(!human.contains(control), "{control:?} in {human:?}");
    }
    assert!(!human.lines().any(|l| l.starts_with("::")), "{human}");
    assert!(human.contains("\u{27e8}U+202E\u{27e9}"), "{human}");
    let html = report_of(dir.path(), "html");
    for control in ['\u{0}', '\u{202e}', '\u{1b}'] {
        assert!(!html.contains(control), "{control:?} in the HTML report");
    }
    assert!(html.contains("\u{2400}"), "NUL shows as a visible stand-in");
}

#[test]
fn junit_of_hostile_text_is_well_formed_xml() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("hostile.jsonl"), HOSTILE_RECORD).unwrap();
    let output = mtlint(dir.path())
        .args([
            "check",
            "--fail-on",
            "minor",
            "--format",
            "junit",
            "hostile.jsonl",
        ])
        .output()
        .unwrap();
    stderr_of(&output);
    let junit = String::from_utf8(output.stdout).unwrap();
    let invalid = junit.chars().find(|&c| {
        !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
    });
    assert_eq!(invalid, None, "{junit}");
    assert!(junit.contains("<failure"), "{junit}");
}

#[test]
fn sarif_uris_are_percent_encoded() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("a b%.txt"), FAILING).unwrap();
    let output = mtlint(dir.path())
        .args(["check", "--format", "sarif", "a b%.txt"])
        .output()
        .unwrap();
    let sarif = json(&output);
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(uri, "a%20b%25.txt");
}

// 8. A fix applies inside one text run of the reader: never across markup, never in code.

#[test]
fn fixes_keep_tags_delimiters_code_and_inline_images() {
    let dir = TempDir::new().unwrap();
    let html = "<p>The story ran in the paper<b>NYT</b> on Monday and the board met again .</p>\n\
                <pre>the the output , here</pre>\n<p>Type <code>ls , -l</code> to list.</p>\n";
    let markdown = "The story ran in the paper**NYT** on Monday and the board met .\n\n\
                    Look at ![a chart](c.png) which shows the figures.\n";
    std::fs::write(dir.path().join("a.html"), html).unwrap();
    std::fs::write(dir.path().join("a.md"), markdown).unwrap();
    let output = mtlint(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "a.html", "a.md"])
        .output()
        .unwrap();
    stderr_of(&output);
    let fixed_html = std::fs::read_to_string(dir.path().join("a.html")).unwrap();
    assert_eq!(fixed_html, html.replace("again .", "again."));
    let fixed_md = std::fs::read_to_string(dir.path().join("a.md")).unwrap();
    assert_eq!(fixed_md, markdown.replace("met .", "met."));
}

// 14. Markdown: a nested list's items are apart from their parent's text.

#[test]
fn nested_list_items_are_not_glued_to_their_parent() {
    let dir = TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("list.md"),
        "- Harbour services\n  - Services run daily , weekly in winter\n",
    )
    .unwrap();
    let output = mtlint(dir.path())
        .args(["check", "--format", "json", "--no-fail", "list.md"])
        .output()
        .unwrap();
    let report = json(&output);
    let rules: Vec<&str> = report["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["spaced-punctuation"],
        "no repeated word across the items"
    );
}

// 13. Rule folders with symbolic link loops load once and end.

#[cfg(unix)]
#[test]
fn a_rule_folder_with_a_link_loop_loads_each_rule_once() {
    let dir = TempDir::new().unwrap();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(
        rules.join("house.toml"),
        r#"[[rule]]
id = "house-harbour"
check = "phrases"
category = "terminology/wrong-term"
severity = "minor"
message = "House style: harbor"
explain = "The house style writes harbor."
[rule.params]
phrases = ["harbour"]
[[rule.example]]
text = "The harbour opened."
flag = ["harbour"]
[[rule.example]]
text = "The harbor opened."
flag = []
[[rule.example]]
text = "Harbours opened."
flag = []
[[rule.example]]
text = "A harbour master spoke."
flag = ["harbour"]
"#,
    )
    .unwrap();
    std::os::unix::fs::symlink(&rules, rules.join("loop")).unwrap();
    std::os::unix::fs::symlink(rules.join("house.toml"), rules.join("again.toml")).unwrap();
    let output = mtlint(dir.path())
        .args([
            "check",
            "--rules",
            "rules",
            "--rules",
            "rules",
            "--format",
            "json",
            "--no-fail",
            "-",
        ])
        .write_stdin("The harbour opened on Monday.\n")
        .output()
        .unwrap();
    let stderr = stderr_of(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let findings = json(&output)["documents"][0]["findings"].clone();
    assert_eq!(findings[0]["rule"], "house-harbour", "{findings}");
}

/// The line and 1-based column (in chars) of byte `offset` of `text`, whose lines start at
/// `line_starts`.
fn place_of(text: &str, line_starts: &[usize], offset: usize) -> (u64, u64) {
    let line = line_starts.partition_point(|&s| s <= offset);
    let start = line_starts[line - 1];
    (line as u64, text[start..offset].chars().count() as u64 + 1)
}

#[test]
fn a_corpus_in_one_file_is_checked_block_by_block_with_every_finding_in_place() {
    let dir = TempDir::new().unwrap();
    // Over a megabyte: paragraphs with two artifacts each, then one line of 300 KB that must
    // be cut inside, ending with an artifact, then more paragraphs.
    let paragraph = "The ferry left on Monday , and the the crew waited on the quay, as every \
         evening since the storm that closed the harbour for a week in the spring.\n\n";
    let mut text = paragraph.repeat(3_000);
    // English with a letter outside ASCII, so that the cut must fall between characters (a
    // lone `é` would read as a Portuguese word).
    text.push_str(&"Harbour café news ".repeat(20_000));
    text.push_str("the end came , at last.\n\n");
    text.push_str(&paragraph.repeat(2_000));
    assert!(text.len() > 1 << 20);
    std::fs::write(dir.path().join("corpus.txt"), &text).unwrap();
    let output = mtlint(dir.path())
        .args(["check", "--no-fail", "--format", "json", "corpus.txt"])
        .output()
        .unwrap();
    let report = json(&output);
    let findings = report["documents"][0]["findings"].as_array().unwrap();
    let count = |rule: &str| findings.iter().filter(|f| f["rule"] == rule).count();
    // A paragraph repeated where a block of the corpus starts reads as a headline repeated
    // (page furniture): its words are not corrected. Each other one has its two findings.
    let furniture = findings
        .iter()
        .filter(|f| f["category"] == "design/boilerplate")
        .count();
    assert!(furniture < 10, "{furniture}");
    assert_eq!(count("repeated-word"), 5_000 - furniture);
    assert_eq!(count("spaced-punctuation"), 5_001 - furniture);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    for f in findings {
        let (start, end) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text[start..end], *f["text"].as_str().unwrap(), "{f}");
        let (line, column) = place_of(&text, &line_starts, start);
        assert_eq!(
            (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()),
            (line, column),
            "{f}"
        );
        let (end_line, end_column) = place_of(&text, &line_starts, end);
        assert_eq!(
            (
                f["end_line"].as_u64().unwrap(),
                f["end_column"].as_u64().unwrap()
            ),
            (end_line, end_column),
            "{f}"
        );
    }
    // A baseline written from it accepts every finding again, block after block.
    mtlint(dir.path())
        .args(["check", "--write-baseline", "base.json", "corpus.txt"])
        .assert()
        .success();
    let again = mtlint(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--baseline",
            "base.json",
            "corpus.txt",
        ])
        .output()
        .unwrap();
    let again = json(&again);
    assert_eq!(again["documents"][0]["findings"], serde_json::json!([]));
    assert_eq!(
        again["documents"][0]["suppressed"].as_u64().unwrap() as usize,
        findings.len()
    );
}
