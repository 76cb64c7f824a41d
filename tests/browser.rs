//! The HTML report in a real browser (headless Chromium): highlights match the JSON report,
//! the keyboard drives the review, the export is a baseline the CLI reads, and a hostile
//! article runs no script.
//!
//! Needs Chromium (`apt-get install chromium`; `.ci/run` installs it) or a browser named by
//! `MTLINT_CHROMIUM`. Where there is none, the tests skip with a notice on the terminal; where
//! `CI` is set, a missing browser is a failure. `MTLINT_SKIP_BROWSER=1` skips them anywhere.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use tempfile::TempDir;

mod support;
use support::Tool;

fn mtlint() -> Command {
    let mut cmd = Command::cargo_bin("mtlint").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn chromium() -> Option<PathBuf> {
    Tool {
        tests: "browser test",
        name: "Chromium",
        executables: &["chromium", "chromium-browser", "google-chrome"],
        package: "chromium",
        path_var: "MTLINT_CHROMIUM",
        skip_var: "MTLINT_SKIP_BROWSER",
    }
    .find()
}

/// Runs headless Chromium on `page` and returns the DOM after the page loaded.
fn dump_dom(browser: &Path, page: &Path) -> String {
    let output = Process::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
            "--dump-dom",
        ])
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A page that loads `report.html` in a frame, counts its highlights, presses `j a j j a`,
/// reads the exported baseline, presses `x` (the third finding: to fix, no longer accepted),
/// reads the exported review and the hostile sentinel, and writes all that as JSON.
const HARNESS: &str = r#"<!DOCTYPE html>
<html><body><iframe id="report" src="report.html"></iframe><pre id="out">not run</pre>
<script>
window.addEventListener("load", function () {
  var frame = document.getElementById("report");
  var w = frame.contentWindow, d = frame.contentDocument;
  var ids = {};
  d.querySelectorAll("mark.hl").forEach(function (m) {
    m.dataset.f.split(" ").forEach(function (id) { ids[id] = true; });
  });
  function press(key) { d.dispatchEvent(new KeyboardEvent("keydown", { key: key, bubbles: true })); }
  ["j", "a", "j", "j", "a"].forEach(press);
  var accepted = d.querySelectorAll("aside.findings li.accepted").length;
  var current = d.querySelector("aside.findings li.current");
  var focused = d.activeElement ? d.activeElement.dataset.f : null;
  var announced = d.getElementById("announce").textContent;
  press("Enter");
  var opened = d.activeElement && d.activeElement.tagName === "MARK" ? d.activeElement.dataset.f : null;
  var rule = d.getElementById("filter-rule");
  rule.value = rule.options[1].value;
  rule.dispatchEvent(new Event("change"));
  var filtered = d.querySelectorAll("mark.hl.filtered").length;
  var kept = d.querySelectorAll("mark.hl:not(.filtered)").length;
  var baseline = d.getElementById("baseline-text").value;
  press("x");
  document.getElementById("out").textContent = JSON.stringify({
    highlighted: Object.keys(ids).length,
    items: d.querySelectorAll("aside.findings li").length,
    accepted: accepted,
    current: current ? current.dataset.f : null,
    focused: focused,
    announced: announced,
    opened: opened,
    filtered: filtered,
    kept: kept,
    baseline: baseline,
    review: JSON.parse(d.getElementById("review-text").value),
    fixes: d.getElementById("fix-count").textContent,
    pwned: w.pwned === undefined ? null : String(w.pwned),
    text: d.body.textContent
  });
});
</script></body></html>
"#;

fn run_harness(browser: &Path, dir: &Path) -> serde_json::Value {
    std::fs::write(dir.join("harness.html"), HARNESS).unwrap();
    let dom = dump_dom(browser, &dir.join("harness.html"));
    let start = dom.find("<pre id=\"out\">").unwrap() + "<pre id=\"out\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

#[test]
fn the_report_highlights_every_finding_and_the_keyboard_exports_a_baseline() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = TempDir::new().unwrap();
    let article = dir.path().join("article.txt");
    std::fs::write(
        &article,
        "The port reopened on Monday , after the the strike.\n\nThe mayor spoke of “Historic \
         change” and of “Better days”.\n\nThe teh unions agreed.\n",
    )
    .unwrap();
    let json_report = mtlint()
        .args(["check", "--no-fail", "--format", "json"])
        .arg(&article)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json_report.stdout).unwrap();
    let findings = json["documents"][0]["findings"].as_array().unwrap().len();
    assert!(findings >= 4, "the article should have several findings");
    mtlint()
        .args(["check", "--no-fail", "--format", "html", "-o"])
        .arg(dir.path().join("report.html"))
        .arg(&article)
        .assert()
        .success();
    let result = run_harness(&browser, dir.path());
    assert_eq!(result["highlighted"], findings, "{result}");
    assert_eq!(result["items"], findings);
    assert_eq!(
        result["accepted"], 2,
        "j a j j a accepts the first and third"
    );
    assert_eq!(result["current"], "0-2");
    // Focus follows j/k, a live region says which finding is current, Enter goes to the text.
    assert_eq!(result["focused"], "0-2", "{result}");
    assert!(
        result["announced"]
            .as_str()
            .unwrap()
            .starts_with("Finding 3 of "),
        "{result}"
    );
    assert!(
        result["opened"].as_str().unwrap().contains("0-2"),
        "{result}"
    );
    // A filter on one rule hides the other rules' highlights, and keeps its own.
    assert!(result["filtered"].as_u64().unwrap() >= 1, "{result}");
    assert!(result["kept"].as_u64().unwrap() >= 1, "{result}");
    // The exported baseline silences exactly the two accepted findings.
    let baseline = dir.path().join("baseline.json");
    std::fs::write(&baseline, result["baseline"].as_str().unwrap()).unwrap();
    let after = mtlint()
        .args(["check", "--no-fail", "--format", "json", "--baseline"])
        .arg(&baseline)
        .arg(&article)
        .output()
        .unwrap();
    assert!(
        after.status.success(),
        "{}",
        String::from_utf8_lossy(&after.stderr)
    );
    let after: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    assert_eq!(after["documents"][0]["suppressed"], 2);
    assert_eq!(
        after["documents"][0]["findings"].as_array().unwrap().len(),
        findings - 2
    );
    // The review export holds both decisions: the first finding accepted, the third to fix.
    let review = &result["review"];
    assert_eq!(review["schema"], "mtlint-review/1");
    assert_eq!(result["fixes"], "1");
    let first = &json["documents"][0]["findings"][0];
    let third = &json["documents"][0]["findings"][2];
    assert_eq!(review["accepted"].as_array().unwrap().len(), 1, "{review}");
    assert_eq!(review["accepted"][0]["rule"], first["rule"]);
    assert_eq!(review["to_fix"].as_array().unwrap().len(), 1, "{review}");
    assert_eq!(review["to_fix"][0]["rule"], third["rule"]);
    assert_eq!(review["to_fix"][0]["line"], third["line"]);
    assert_eq!(review["to_fix"][0]["text"], third["text"]);
}

#[test]
fn a_hostile_article_runs_no_script_and_shows_its_markup_as_text() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = TempDir::new().unwrap();
    let article = dir.path().join("hostile.txt");
    let hostile = "The the page said <script>window.pwned = 1</script> and \
         <img src=x onerror=\"window.pwned = 2\"> , then “</script><script>window.pwned = 3</script>”.\n";
    std::fs::write(&article, hostile).unwrap();
    mtlint()
        .args(["check", "--no-fail", "--format", "html", "-o"])
        .arg(dir.path().join("report.html"))
        .arg(&article)
        .assert()
        .success();
    let result = run_harness(&browser, dir.path());
    assert_eq!(result["pwned"], serde_json::Value::Null, "{result}");
    let text = result["text"].as_str().unwrap();
    assert!(text.contains("<script>window.pwned = 1</script>"), "{text}");
    assert!(text.contains("<img src=x onerror=\"window.pwned = 2\">"));
    assert!(result["highlighted"].as_u64().unwrap() >= 1);
}

/// A page that loads `report.html` in a frame, reads the side-by-side rows of a translation
/// and its source, presses `j` then `Enter`, and writes what it saw as JSON.
const SIDE_BY_SIDE_HARNESS: &str = r#"<!DOCTYPE html>
<html><body><iframe id="report" src="report.html"></iframe><pre id="out">not run</pre>
<script>
window.addEventListener("load", function () {
  var d = document.getElementById("report").contentDocument;
  function press(key) { d.dispatchEvent(new KeyboardEvent("keydown", { key: key, bubbles: true })); }
  var rows = Array.from(d.querySelectorAll(".pairs .row")).map(function (row) {
    return [row.querySelector(".source-text").textContent, row.querySelector(".text").textContent];
  });
  var gaps = Array.from(d.querySelectorAll(".text mark.hl.gap")).map(function (m) { return m.textContent; });
  var sourceMarks = Array.from(d.querySelectorAll(".source-text mark.hl")).map(function (m) { return m.textContent; });
  press("j");
  var current = Array.from(d.querySelectorAll("mark.hl.current"));
  press("Enter");
  var focused = d.activeElement;
  document.getElementById("out").textContent = JSON.stringify({
    rows: rows,
    gaps: gaps,
    source_marks: sourceMarks,
    current_on_both_sides: current.some(function (m) { return m.closest(".pairs .text") !== null; })
      && current.some(function (m) { return m.closest(".source-text") !== null; }),
    focused_in_translation: focused !== null && focused.tagName === "MARK" && focused.closest(".pairs .text") !== null
  });
});
</script></body></html>
"#;

#[test]
fn a_translation_stands_beside_its_source_with_gaps_marked() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = TempDir::new().unwrap();
    let source = dir.path().join("source.txt");
    let translation = dir.path().join("translation.txt");
    std::fs::write(
        &source,
        "La piscine municipale rouvrira le 3 mai après des travaux.\n\nLe chantier a coûté \
         2,5 millions d'euros. La toiture, qui fuyait depuis des années, a été entièrement \
         refaite avec des panneaux solaires. Les horaires restent les mêmes.\n",
    )
    .unwrap();
    std::fs::write(
        &translation,
        "The municipal pool will reopen on 8 May after renovation work.\n\nThe work cost 2.5 \
         million euros. Opening hours stay the same.\n",
    )
    .unwrap();
    mtlint()
        .args([
            "check",
            "--no-fail",
            "--source-lang",
            "fr",
            "--format",
            "html",
            "--source",
        ])
        .arg(&source)
        .arg("-o")
        .arg(dir.path().join("report.html"))
        .arg(&translation)
        .assert()
        .success();
    std::fs::write(dir.path().join("harness.html"), SIDE_BY_SIDE_HARNESS).unwrap();
    let dom = dump_dom(&browser, &dir.path().join("harness.html"));
    let start = dom.find("<pre id=\"out\">").unwrap() + "<pre id=\"out\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let result: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    // One row per paragraph, each source paragraph beside its translation.
    let rows = result["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{result}");
    assert!(
        rows[0][0].as_str().unwrap().starts_with("La piscine"),
        "{result}"
    );
    assert!(
        rows[0][1]
            .as_str()
            .unwrap()
            .starts_with("The municipal pool"),
        "{result}"
    );
    // The dropped sentence is a marked gap quoting it, in the translation's column.
    let gaps = result["gaps"].as_array().unwrap();
    assert_eq!(gaps.len(), 1, "{result}");
    assert!(
        gaps[0].as_str().unwrap().contains("La toiture, qui fuyait"),
        "{result}"
    );
    // Bilingual findings are marked in the source too: the changed date's number.
    let marked = result["source_marks"].as_array().unwrap();
    assert!(marked.iter().any(|m| m == "3"), "{result}");
    // The current finding is marked on both sides; Enter goes to the translation's mark.
    assert_eq!(result["current_on_both_sides"], true, "{result}");
    assert_eq!(result["focused_in_translation"], true, "{result}");
}
