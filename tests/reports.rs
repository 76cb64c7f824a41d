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
