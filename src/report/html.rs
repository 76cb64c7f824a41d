//! `--format html`: one self-contained page to review the findings of one or many documents.
//!
//! For each document: its score, verdict and counts by severity; its text with every finding
//! highlighted in place (overlapping findings split the text into segments, each marked with
//! every finding covering it); the list of findings beside it. Filters by rule, category and
//! severity; `j`/`k` move between findings, `a` accepts and `x` rejects one; the accepted ones
//! export as a baseline file for `--baseline`.
//!
//! Every piece of document text is HTML-escaped, the data for the script is JSON with `<`, `>`
//! and `&` escaped, and a Content Security Policy allows only the page's own script (by hash)
//! and no network request of any kind: an article holding `<script>` shows it as text.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::OnceLock;

use base64::Engine as _;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{DocumentReport, Report};
use crate::taxonomy::Severity;

const STYLE: &str = include_str!("html/report.css");
const SCRIPT: &str = include_str!("html/report.js");

/// The Content Security Policy: nothing from the network, inline style, and only the report's
/// script, named by its hash.
fn content_security_policy() -> &'static str {
    static POLICY: OnceLock<String> = OnceLock::new();
    POLICY.get_or_init(|| {
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT));
        format!(
            "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{hash}'; \
             img-src data: blob:; base-uri 'none'; form-action 'none'"
        )
    })
}

/// One finding as the page's script sees it.
#[derive(Serialize)]
struct FindingData<'a> {
    id: String,
    source: String,
    rule: &'a str,
    category: &'a str,
    severity: &'a str,
    text: &'a str,
    fingerprint: String,
}

#[derive(Serialize)]
struct PageData<'a> {
    findings: Vec<FindingData<'a>>,
}

/// Writes the HTML report.
pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let summary = report.summary();
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>mtlint report</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        content_security_policy()
    );
    let _ = write!(
        page,
        "<header class=\"run\">\n<h1>mtlint: {} document(s), {} passed, {} failed, {} finding(s), {} suppressed</h1>\n",
        summary.documents, summary.passed, summary.failed, summary.findings, summary.suppressed
    );
    page.push_str(&filters(report));
    page.push_str(
        "<span class=\"keys\"><kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>a</kbd> accept, \
         <kbd>x</kbd> reject</span>\n<button id=\"export\" type=\"button\">Export baseline \
         (<span id=\"accepted-count\">0</span> accepted)</button>\n</header>\n<main>\n",
    );
    let mut data = PageData {
        findings: Vec::new(),
    };
    for (index, doc) in report.documents.iter().enumerate() {
        render_document(&mut page, &mut data, index, doc);
    }
    for error in &report.errors {
        let _ = writeln!(
            page,
            "<p class=\"error\">Not read: {}{}: {}</p>",
            escape(&error.source),
            error.line.map_or(String::new(), |l| format!(":{l}")),
            escape(&error.message)
        );
    }
    page.push_str(
        "<details class=\"export\"><summary>Baseline of the accepted findings</summary>\
         <textarea id=\"baseline-text\" class=\"baseline\" readonly></textarea></details>\n</main>\n",
    );
    let json = serde_json::to_string(&data).map_err(std::io::Error::other)?;
    let _ = write!(
        page,
        "<script type=\"application/json\" id=\"mtlint-data\">{}</script>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        escape_json_for_script(&json)
    );
    out.write_all(page.as_bytes())
}

/// The filter bar: every rule, category and severity that occurs.
fn filters(report: &Report) -> String {
    let findings = || report.documents.iter().flat_map(|d| &d.findings);
    let rules: BTreeSet<&str> = findings().map(|f| &*f.rule).collect();
    let categories: BTreeSet<&str> = findings().map(|f| f.category.as_str()).collect();
    let severities: BTreeSet<Severity> = findings().map(|f| f.severity).collect();
    let select = |id: &str, label: &str, values: Vec<&str>| {
        let mut html =
            format!("<label>{label} <select id=\"{id}\"><option value=\"\">all</option>");
        for value in values {
            let value = escape(value);
            let _ = write!(html, "<option value=\"{value}\">{value}</option>");
        }
        html.push_str("</select></label>");
        html
    };
    format!(
        "<div class=\"filters\">{}{}{}</div>\n",
        select("filter-rule", "Rule", rules.into_iter().collect()),
        select(
            "filter-category",
            "Category",
            categories.into_iter().collect()
        ),
        select(
            "filter-severity",
            "Severity",
            severities.into_iter().rev().map(Severity::as_str).collect()
        ),
    )
}

fn render_document<'a>(
    page: &mut String,
    data: &mut PageData<'a>,
    index: usize,
    doc: &'a DocumentReport,
) {
    let name = doc.display_name();
    let id_of = |i: usize| format!("{index}-{i}");
    let _ = write!(
        page,
        "<section class=\"doc\" id=\"doc-{index}\">\n<h2>{}</h2>\n<p class=\"verdict\">\
         <span class=\"badge {}\">{}</span> score {:.1} · {} words · penalty {}",
        escape(&name),
        if doc.pass { "pass" } else { "fail" },
        if doc.pass { "PASS" } else { "FAIL" },
        doc.score,
        doc.words,
        doc.penalty
    );
    for severity in [
        Severity::Critical,
        Severity::Major,
        Severity::Minor,
        Severity::Neutral,
    ] {
        let count = doc
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .count();
        if count > 0 {
            let _ = write!(
                page,
                "<span class=\"count sev-{s}\">{count} {s}</span>",
                s = severity.as_str()
            );
        }
    }
    if doc.suppressed > 0 {
        let _ = write!(
            page,
            "<span class=\"count\">{} suppressed</span>",
            doc.suppressed
        );
    }
    for warning in &doc.warnings {
        let _ = write!(
            page,
            "<br><span class=\"warning\">{}</span>",
            escape(warning)
        );
    }
    page.push_str("</p>\n<div class=\"layout\">\n<pre class=\"text\">");
    page.push_str(&highlighted(doc, &id_of));
    page.push_str("</pre>\n<aside class=\"findings\"><ol>\n");
    for (i, f) in doc.findings.iter().enumerate() {
        let id = id_of(i);
        let suggestion = f.suggestions.first().map_or(String::new(), |s| {
            format!(
                " → <span class=\"suggestion\">{}</span>",
                if s.is_empty() {
                    "delete".to_owned()
                } else {
                    escape(s)
                }
            )
        });
        let _ = writeln!(
            page,
            "<li class=\"sev-{sev}\" tabindex=\"0\" data-f=\"{id}\" data-rule=\"{rule}\" \
             data-category=\"{cat}\" data-severity=\"{sev}\"><span class=\"where\">{line}:{col} \
             {sev}</span> <span class=\"rule\">{rule}</span><span class=\"state\"></span><br>{msg} \
             <span class=\"flagged\">{text}</span>{suggestion}</li>",
            sev = f.severity.as_str(),
            rule = escape(&f.rule),
            cat = f.category.as_str(),
            line = f.line,
            col = f.column,
            msg = escape(&f.message),
            text = escape(&f.text),
        );
        data.findings.push(FindingData {
            id,
            source: name.clone(),
            rule: &f.rule,
            category: f.category.as_str(),
            severity: f.severity.as_str(),
            text: &f.text,
            fingerprint: f.fingerprint(&doc.text),
        });
    }
    page.push_str("</ol></aside>\n</div>\n</section>\n");
}

/// The document text, escaped, with a `<mark>` around every stretch that findings cover; a
/// stretch covered by several findings names them all, and an empty finding is a point mark.
/// One sweep over the cuts (finding starts and ends), keeping the findings open at each.
fn highlighted(doc: &DocumentReport, id_of: &dyn Fn(usize) -> String) -> String {
    let text = doc.text.as_str();
    let clamp = |offset: usize| offset.min(text.len());
    let mut opening: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut closing: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut points: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (j, f) in doc.findings.iter().enumerate() {
        let (start, end) = (clamp(f.start), clamp(f.end));
        if start < end {
            opening.entry(start).or_default().push(j);
            closing.entry(end).or_default().push(j);
        } else {
            points.entry(start).or_default().push(j);
        }
    }
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    cuts.extend(opening.keys().chain(closing.keys()).chain(points.keys()));
    let cuts: Vec<usize> = cuts
        .into_iter()
        .filter(|&c| text.is_char_boundary(c))
        .collect();
    let mut open: BTreeSet<usize> = BTreeSet::new();
    let mut html = String::with_capacity(text.len() * 2);
    for (i, &at) in cuts.iter().enumerate() {
        for j in closing.get(&at).into_iter().flatten() {
            open.remove(j);
        }
        open.extend(opening.get(&at).into_iter().flatten());
        for &j in points.get(&at).into_iter().flatten() {
            html.push_str(&mark(doc, &[j], "", id_of, " point"));
        }
        let Some(segment) = cuts.get(i + 1).and_then(|&end| text.get(at..end)) else {
            continue;
        };
        if open.is_empty() {
            html.push_str(&escape(segment));
        } else {
            let covering: Vec<usize> = open.iter().copied().collect();
            html.push_str(&mark(doc, &covering, segment, id_of, ""));
        }
    }
    html
}

fn mark(
    doc: &DocumentReport,
    findings: &[usize],
    segment: &str,
    id_of: &dyn Fn(usize) -> String,
    class: &str,
) -> String {
    let covering = || findings.iter().filter_map(|&j| doc.findings.get(j));
    let severity = covering()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Severity::Minor);
    let ids: Vec<String> = findings.iter().map(|&j| id_of(j)).collect();
    let tip: Vec<String> = covering()
        .map(|f| format!("{} ({}): {}", f.rule, f.severity.as_str(), f.message))
        .collect();
    format!(
        "<mark class=\"hl sev-{}{class}\" tabindex=\"0\" data-f=\"{}\" data-tip=\"{}\">{}</mark>",
        severity.as_str(),
        ids.join(" "),
        escape(&tip.join("\n")),
        escape(segment)
    )
}

/// Escapes text for HTML content and attribute values; NUL, other controls and bidirectional
/// overrides show as visible stand-ins, so no article can hide or reorder what the page shows.
fn escape(text: &str) -> String {
    html_escape::encode_double_quoted_attribute(&super::visible(text)).replace('\'', "&#39;")
}

/// JSON made safe inside a `<script>` element: no `<`, `>` or `&` can end it or open a comment.
fn escape_json_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_script_closers() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & 'y'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(
            escape("a\u{0}b\u{202e}c"),
            "a\u{2400}b\u{27e8}U+202E\u{27e9}c"
        );
        assert_eq!(
            escape_json_for_script("\"</script>\""),
            "\"\\u003c/script\\u003e\""
        );
    }

    #[test]
    fn the_policy_names_the_script_by_hash_and_allows_no_network() {
        let policy = content_security_policy();
        assert!(policy.starts_with("default-src 'none';"));
        assert!(policy.contains("script-src 'sha256-"));
        let script = policy
            .split(';')
            .find(|d| d.trim_start().starts_with("script-src"))
            .unwrap();
        assert!(!script.contains("unsafe") && !policy.contains("http"));
    }
}
