//! `--format html`: one self-contained page to review the findings of one or many documents.
//!
//! For each document: its score, verdict and counts by severity; its text with every finding
//! highlighted in place (overlapping findings split the text into segments, each marked with
//! every finding covering it); the list of findings beside it. Filters by rule, category and
//! severity; `j`/`k` move between findings, `a` accepts one and `x` marks it to fix; the accepted
//! ones export as a baseline file for `--baseline`, and both lists as a review file. An HTML
//! document shows as its reader sees it: its text, not its markup.
//!
//! The page is written as it is built, 64 KB at a time, each document's findings in a block of
//! JSON after its section. Every piece of document text is HTML-escaped, the data for the script
//! is JSON with `<`, `>` and `&` escaped, and a Content Security Policy allows only the page's own script (by hash)
//! and no network request of any kind: an article holding `<script>` shows it as text.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::OnceLock;

use base64::Engine as _;
use serde::Serialize;
use sha2::{Digest, Sha256};

use std::ops::Range;

use super::side_by_side::SideBySide;
use super::{DocumentReport, Report};
use crate::input::Markup;
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
    line: usize,
    column: usize,
    message: &'a str,
    text: &'a str,
    suggestion: Option<&'a str>,
    fingerprint: String,
}

#[derive(Serialize)]
struct PageData<'a> {
    findings: Vec<FindingData<'a>>,
}

/// The page being written: gathered 64 KB at a time, then passed on, so memory never holds the
/// page of a large document whole. The first write error is kept and returned at the end.
struct Page<'w> {
    buffer: Vec<u8>,
    out: &'w mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl Page<'_> {
    const CHUNK: usize = 64 << 10;

    fn push_str(&mut self, text: &str) {
        self.push_bytes(text.as_bytes());
    }

    fn push_bytes(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= Self::CHUNK {
            self.pass_on();
        }
    }

    /// Writes `value` as JSON safe inside a `<script>` element: `<`, `>` and `&` escaped, so
    /// nothing in it can end the element or open a comment.
    fn push_script_json(&mut self, value: &impl Serialize) -> std::io::Result<()> {
        serde_json::to_writer(ScriptJson(self), value).map_err(std::io::Error::other)
    }

    fn pass_on(&mut self) {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(&self.buffer)
        {
            self.error = Some(e);
        }
        self.buffer.clear();
    }

    fn finish(mut self) -> std::io::Result<()> {
        self.pass_on();
        self.error.map_or(Ok(()), Err)
    }
}

/// JSON bytes going into a page, escaped for a `<script>` element on the way.
struct ScriptJson<'p, 'w>(&'p mut Page<'w>);

impl std::io::Write for ScriptJson<'_, '_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        for piece in bytes.split_inclusive(|b| matches!(b, b'<' | b'>' | b'&')) {
            match piece.split_last() {
                Some((b'<', rest)) => {
                    self.0.push_bytes(rest);
                    self.0.push_bytes(b"\\u003c");
                }
                Some((b'>', rest)) => {
                    self.0.push_bytes(rest);
                    self.0.push_bytes(b"\\u003e");
                }
                Some((b'&', rest)) => {
                    self.0.push_bytes(rest);
                    self.0.push_bytes(b"\\u0026");
                }
                _ => self.0.push_bytes(piece),
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl std::fmt::Write for Page<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.push_str(text);
        Ok(())
    }
}

/// Writes the HTML report.
pub fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let summary = report.summary();
    let mut page = Page {
        buffer: Vec::with_capacity(Page::CHUNK * 2),
        out,
        error: None,
    };
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
    let filter_bar = filters(report);
    page.push_str(&filter_bar);
    page.push_str(
        "<span class=\"keys\"><kbd>j</kbd>/<kbd>k</kbd> next/previous, <kbd>Enter</kbd> go to \
         the text, <kbd>a</kbd> accept, <kbd>x</kbd> mark to fix</span>\n<button id=\"export\" \
         type=\"button\">Export baseline (<span id=\"accepted-count\">0</span> accepted)</button>\n\
         <button id=\"export-review\" type=\"button\">Export review (<span id=\"fix-count\">0\
         </span> to fix)</button>\n\
         <p id=\"announce\" class=\"announce\" aria-live=\"polite\"></p>\n</header>\n<main>\n",
    );
    for (index, doc) in report.documents.iter().enumerate() {
        render_document(&mut page, index, doc)?;
    }
    for error in &report.errors {
        let _ = writeln!(
            page,
            "<p class=\"error\">Not read: {}{}: {}</p>",
            escape(&error.source),
            error.place(),
            escape(&error.message)
        );
    }
    page.push_str(
        "<details class=\"export\"><summary>Baseline of the accepted findings</summary>\
         <textarea id=\"baseline-text\" class=\"baseline\" readonly></textarea></details>\n\
         <details class=\"export\"><summary>Review: the accepted findings and those to fix\
         </summary><textarea id=\"review-text\" class=\"baseline\" readonly></textarea>\
         </details>\n</main>\n",
    );
    let _ = write!(page, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    page.finish()
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

/// Writes one document's section, then its findings as data for the page's script.
fn render_document(page: &mut Page<'_>, index: usize, doc: &DocumentReport) -> std::io::Result<()> {
    let mut data = PageData {
        findings: Vec::with_capacity(doc.findings.len()),
    };
    // The exported baseline names files by absolute path, which the baseline reader makes
    // relative to the folder it is saved in, wherever that is.
    let exported = match std::fs::canonicalize(&doc.source) {
        Ok(path) => crate::input::display_name(&path.to_string_lossy(), doc.id.as_deref()),
        Err(_) => doc.display_name(),
    };
    let name = doc.display_name();
    let id_of = |i: usize| format!("{index}-{i}");
    let _ = write!(
        page,
        "<section class=\"doc\" id=\"doc-{index}\">\n<h2>{}</h2>\n<p class=\"verdict\">\
         <span class=\"badge {}\">{}</span> score {:.1} · {} {} · penalty {}",
        escape(&name),
        if doc.pass { "pass" } else { "fail" },
        if doc.pass { "PASS" } else { "FAIL" },
        doc.score,
        doc.words,
        if doc.words == 1 { "word" } else { "words" },
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
    page.push_str("</p>\n<div class=\"layout\">\n");
    // An HTML page shows as its reader sees it, an XLIFF file as its targets: the text, with
    // the findings mapped onto it.
    let view = match doc.markup {
        Markup::Xliff => Some(
            crate::document::xliff::read(&doc.text)
                .unwrap_or_default()
                .targets,
        ),
        Markup::Html => Some(crate::document::html::extract(&doc.text)),
        Markup::Plain | Markup::Markdown => None,
    };
    let to_shown = |span: Range<usize>| match &view {
        Some(view) => view.map.to_text(span),
        None => span,
    };
    let shown = view
        .as_ref()
        .map_or(doc.text.as_str(), |v| v.prose.as_str());
    let spans: Vec<Range<usize>> = doc
        .findings
        .iter()
        .map(|f| to_shown(f.start..f.end))
        .collect();
    match doc.side_by_side.as_deref() {
        Some(pair) => side_by_side(page, doc, pair, shown, &spans, &to_shown, &id_of),
        None => {
            page.push_str("<pre class=\"text\">");
            highlighted(page, doc, shown, &spans, &id_of, &|_| String::new());
            page.push_str("</pre>\n");
        }
    }
    page.push_str("<aside class=\"findings\"><ol>\n");
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
        // A bilingual finding shows the source beside the flagged translation.
        let pair = f.source.as_ref().map_or(String::new(), |source| {
            format!(
                "<span class=\"pair\"><span class=\"source-side\" title=\"source, line {}\">{}</span>\
                 <span class=\"target-side\">{}</span></span>",
                source.line,
                escape(&source.text),
                if f.text.trim().is_empty() {
                    "(not in the translation)".to_owned()
                } else {
                    escape(&f.text)
                }
            )
        });
        let _ = writeln!(
            page,
            "<li class=\"sev-{sev}\" tabindex=\"0\" data-f=\"{id}\" data-rule=\"{rule}\" \
             data-category=\"{cat}\" data-severity=\"{sev}\"><span class=\"where\">{line}:{col} \
             {sev}</span> <span class=\"rule\">{rule}</span><span class=\"state\"></span><br>{msg} \
             <span class=\"flagged\">{text}</span>{suggestion}{pair}</li>",
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
            source: exported.clone(),
            rule: &f.rule,
            category: f.category.as_str(),
            severity: f.severity.as_str(),
            line: f.line,
            column: f.column,
            message: &f.message,
            text: &f.text,
            suggestion: f.suggestions.first().map(String::as_str),
            fingerprint: f.fingerprint(&doc.text),
        });
    }
    page.push_str("</ol></aside>\n</div>\n</section>\n");
    page.push_str("<script type=\"application/json\" class=\"mtlint-data\">");
    page.push_script_json(&data)?;
    page.push_str("</script>\n");
    Ok(())
}

/// `text`, escaped, with a `<mark>` around every stretch that findings cover (`spans[j]` is where
/// finding `j` lies in `text`); a stretch covered by several findings names them all, and an
/// empty finding is a point mark. One sweep over the cuts (finding starts and ends), keeping
/// the findings open at each.
fn highlighted(
    page: &mut Page<'_>,
    doc: &DocumentReport,
    text: &str,
    spans: &[Range<usize>],
    id_of: &dyn Fn(usize) -> String,
    point_label: &dyn Fn(usize) -> String,
) {
    let clamp = |offset: usize| offset.min(text.len());
    let mut opening: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut closing: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut points: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (j, span) in spans.iter().enumerate() {
        // Not in this text (a side-by-side row shows one stretch of the document).
        if span.start == NOT_HERE {
            continue;
        }
        let (start, end) = (clamp(span.start), clamp(span.end));
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
    for (i, &at) in cuts.iter().enumerate() {
        for j in closing.get(&at).into_iter().flatten() {
            open.remove(j);
        }
        open.extend(opening.get(&at).into_iter().flatten());
        for &j in points.get(&at).into_iter().flatten() {
            let label = point_label(j);
            let class = if label.is_empty() { " point" } else { " gap" };
            page.push_str(&mark(doc, &[j], &label, id_of, class));
        }
        let Some(segment) = cuts.get(i + 1).and_then(|&end| text.get(at..end)) else {
            continue;
        };
        if open.is_empty() {
            page.push_str(&escape(segment));
        } else {
            let covering: Vec<usize> = open.iter().copied().collect();
            page.push_str(&mark(doc, &covering, segment, id_of, ""));
        }
    }
}

/// The start of a span that lies outside the text being highlighted.
const NOT_HERE: usize = usize::MAX;

/// The rows of a translation beside its source: each source paragraph beside the translated
/// paragraphs that render it, findings marked on both sides (a bilingual finding on the
/// source too), an omission shown as a marked gap quoting what is missing.
fn side_by_side(
    page: &mut Page<'_>,
    doc: &DocumentReport,
    pair: &SideBySide,
    shown: &str,
    spans: &[Range<usize>],
    to_shown: &dyn Fn(Range<usize>) -> Range<usize>,
    id_of: &dyn Fn(usize) -> String,
) {
    // An omission sits on the white space where the sentence is missing.
    let is_gap = |j: usize| {
        doc.findings.get(j).is_some_and(|f| {
            f.category.as_str() == "accuracy/omission"
                && f.source.is_some()
                && spans
                    .get(j)
                    .and_then(|span| shown.get(span.clone()))
                    .is_some_and(|t| t.trim().is_empty())
        })
    };
    let gap_label = |j: usize| {
        let missing = doc
            .findings
            .get(j)
            .and_then(|f| f.source.as_ref())
            .map_or(String::new(), |s| {
                s.text.split_whitespace().collect::<Vec<_>>().join(" ")
            });
        if is_gap(j) {
            format!(" missing: “{missing}” ")
        } else {
            String::new()
        }
    };
    let source_spans: Vec<Range<usize>> = doc
        .findings
        .iter()
        .map(|f| match &f.source {
            Some(s) if !s.text.is_empty() => pair.source_span(s.start..s.end),
            _ => NOT_HERE..NOT_HERE,
        })
        .collect();
    let rows: Vec<(Range<usize>, Range<usize>)> = pair
        .rows
        .iter()
        .map(|row| (row.source.clone(), to_shown(row.target.clone())))
        .collect();
    page.push_str("<div class=\"pairs\">\n");
    for (i, (source, target)) in rows.iter().enumerate() {
        // A gap after a row's last sentence, up to the next row, is shown in this row.
        let edge = rows
            .get(i + 1)
            .map_or(shown.len(), |(_, next)| next.start)
            .max(target.end);
        let local =
            |spans: &[Range<usize>], range: &Range<usize>, gaps: bool| -> Vec<Range<usize>> {
                spans
                    .iter()
                    .enumerate()
                    .map(|(j, span)| {
                        let gap = gaps && is_gap(j);
                        let inside = span.start != NOT_HERE
                            && span.start >= range.start
                            && (span.end <= range.end || (gap && span.start < edge));
                        if !inside {
                            NOT_HERE..NOT_HERE
                        } else if gap {
                            let at = span.start.min(range.end) - range.start;
                            at..at
                        } else {
                            span.start - range.start..span.end.min(range.end) - range.start
                        }
                    })
                    .collect()
            };
        page.push_str("<div class=\"row\"><pre class=\"source-text\">");
        let source_text = pair.source.get(source.clone()).unwrap_or_default();
        let no_label = |_: usize| String::new();
        highlighted(
            page,
            doc,
            source_text,
            &local(&source_spans, source, false),
            id_of,
            &no_label,
        );
        page.push_str("</pre><pre class=\"text\">");
        let target_text = shown.get(target.clone()).unwrap_or_default();
        highlighted(
            page,
            doc,
            target_text,
            &local(spans, target, true),
            id_of,
            &gap_label,
        );
        page.push_str("</pre></div>\n");
    }
    page.push_str("</div>\n");
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
        let mut out = Vec::new();
        let mut page = Page {
            buffer: Vec::new(),
            out: &mut out,
            error: None,
        };
        page.push_script_json(&"</script><!-- & -->").unwrap();
        page.finish().unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"\\u003c/script\\u003e\\u003c!-- \\u0026 --\\u003e\""
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
