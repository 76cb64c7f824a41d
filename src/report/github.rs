//! `--format github`: GitHub Actions workflow commands, which GitHub shows as annotations.
//!
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` for critical and major
//! findings, `::warning` for minor ones, `::notice` for neutral ones; the worst first, at most
//! ten per level (GitHub shows no more per step), then one notice counting the rest, then a
//! summary line per document. Every field is escaped by GitHub's rules, and summary lines start
//! with `mtlint:`, so no path or record id can write a workflow command of its own.

use super::Report;
use crate::finding::Finding;
use crate::taxonomy::Severity;

/// GitHub shows at most this many annotations of each level per step.
const PER_LEVEL: usize = 10;

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical | Severity::Major => "error",
        Severity::Minor => "warning",
        Severity::Neutral => "notice",
    }
}

/// Escapes the message of a workflow command (GitHub's rules: `%`, CR and LF), other controls
/// made visible.
fn escape_data(text: &str) -> String {
    super::visible(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Writes the workflow commands.
pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut all: Vec<(&str, &Finding)> = report
        .documents
        .iter()
        .flat_map(|d| d.findings.iter().map(move |f| (d.source.as_str(), f)))
        .collect();
    // The worst first; otherwise in report order (the sort is stable).
    all.sort_by_key(|(_, f)| std::cmp::Reverse(f.severity));
    let mut shown = (0usize, 0usize, 0usize);
    let mut hidden = 0usize;
    for (source, finding) in all {
        let kind = command(finding.severity);
        let slot = match kind {
            "error" => &mut shown.0,
            "warning" => &mut shown.1,
            _ => &mut shown.2,
        };
        if *slot >= PER_LEVEL {
            hidden += 1;
            continue;
        }
        *slot += 1;
        let title = format!("mtlint {} ({})", finding.rule, finding.severity);
        let message = super::message_with_suggestion(finding);
        writeln!(
            out,
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(source),
            finding.line,
            finding.column,
            finding.end_line,
            finding.end_column,
            escape_property(&title),
            escape_data(&message)
        )?;
    }
    if hidden > 0 {
        writeln!(
            out,
            "::notice title=mtlint::{hidden} more finding(s) not shown as annotations; run mtlint locally or use --format sarif"
        )?;
    }
    for doc in &report.documents {
        let verdict = if doc.pass { "pass" } else { "FAIL" };
        writeln!(
            out,
            "mtlint: {}: {} {}, {} finding(s), score {:.1}: {verdict}",
            super::visible_line(&doc.display_name()),
            doc.words,
            if doc.words == 1 { "word" } else { "words" },
            doc.findings.len(),
            doc.score
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_escape_their_parts() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a,b:c"), "a%2Cb%3Ac");
        assert_eq!(
            escape_property("x\r\n::stop-commands::t"),
            "x%0D%0A%3A%3Astop-commands%3A%3At"
        );
        assert_eq!(escape_data("bell\u{7}"), "bell\u{2407}");
    }
}
