//! `--format junit`: JUnit XML. One test suite per input (a file, or a JSON Lines file with
//! its records), one test case per document; a document that fails the gate is a failed test
//! case whose text gives the score and the findings.

use super::{DocumentReport, Report};

/// Escapes text for XML content and attribute values; characters XML 1.0 cannot hold become
/// U+FFFD.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no way to write most control characters, nor U+FFFE and U+FFFF.
            c if (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                || matches!(c, '\u{fffe}' | '\u{ffff}') =>
            {
                out.push('\u{fffd}')
            }
            c => out.push(c),
        }
    }
    out
}

fn failure_text(doc: &DocumentReport) -> String {
    let mut text = format!(
        "score {:.1}, {} {}, penalty {}\n",
        doc.score,
        doc.words,
        if doc.words == 1 { "word" } else { "words" },
        doc.penalty
    );
    for f in &doc.findings {
        text.push_str(&format!(
            "{}:{}: {} [{}] {}: {}\n",
            f.line, f.column, f.severity, f.rule, f.message, f.text
        ));
    }
    text
}

/// Writes the JUnit report.
pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let summary = report.summary();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="mtlint" tests="{}" failures="{}" errors="{}">"#,
        summary.documents, summary.failed, summary.errors
    )?;
    let mut sources: Vec<&str> = Vec::new();
    for doc in &report.documents {
        if !sources.contains(&doc.source.as_str()) {
            sources.push(&doc.source);
        }
    }
    for source in sources {
        let docs: Vec<&DocumentReport> = report
            .documents
            .iter()
            .filter(|d| d.source == source)
            .collect();
        let failures = docs.iter().filter(|d| !d.pass).count();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{failures}">"#,
            escape(source),
            docs.len()
        )?;
        for doc in docs {
            write!(
                out,
                r#"    <testcase name="{}" classname="mtlint">"#,
                escape(&doc.display_name())
            )?;
            if doc.pass {
                writeln!(out, "</testcase>")?;
            } else {
                writeln!(out)?;
                writeln!(
                    out,
                    r#"      <failure message="score {:.1}, {} finding(s)" type="gate">{}</failure>"#,
                    doc.score,
                    doc.findings.len(),
                    escape(&failure_text(doc))
                )?;
                writeln!(out, "    </testcase>")?;
            }
        }
        writeln!(out, "  </testsuite>")?;
    }
    for error in &report.errors {
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="1" errors="1"><testcase name="{}" classname="mtlint"><error message="{}"/></testcase></testsuite>"#,
            escape(&error.source),
            escape(&error.source),
            escape(&error.message)
        )?;
    }
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{fffd}"
        );
        assert_eq!(
            escape("a\u{fffe}b\u{ffff}\u{0}"),
            "a\u{fffd}b\u{fffd}\u{fffd}"
        );
    }
}
