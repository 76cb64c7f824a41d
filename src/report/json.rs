//! `--format json`: the report contract of the design document.
//!
//! ```json
//! {"schema": "mtlint-report/1", "tool": {"name": "mtlint", "version": "…"},
//!  "documents": [{"source", "id", "words", "penalty", "penalty_per_1000_words", "score",
//!                 "pass", "findings": [{"rule", "category", "severity", "message", "start",
//!                 "end", "line", "column", "end_line", "end_column", "text", "suggestions"}],
//!                 "suppressed", "warnings"?}],
//!  "errors": [{"source", "line", "message"}],
//!  "summary": {"documents", "passed", "failed", "findings", "suppressed", "errors"}}
//! ```

use std::io::{BufWriter, Write};

use rayon::prelude::*;
use serde::Serialize;

use super::{DocumentReport, Summary};
use crate::input::InputError;

/// The schema string; it changes when a field changes meaning.
pub const SCHEMA: &str = "mtlint-report/1";

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

/// A pretty-printed JSON value with one array written element by element, as serde_json would
/// write the whole value: memory holds one element, not the array (SARIF's results, rdjson's
/// diagnostics).
pub(super) struct StreamedArray {
    /// The value's bytes from the array's closing bracket on.
    tail: Vec<u8>,
    /// The elements' depth in the value.
    depth: usize,
    /// No element written yet.
    empty: bool,
}

impl StreamedArray {
    /// Writes `shell` (a value whose array at `key`, `depth - 1` levels deep, is empty) up to
    /// the array's opening bracket.
    pub(super) fn start(
        out: &mut dyn Write,
        shell: &impl Serialize,
        key: &str,
        depth: usize,
    ) -> std::io::Result<StreamedArray> {
        let bytes = serde_json::to_vec_pretty(shell).map_err(std::io::Error::other)?;
        let marker = format!("\"{key}\": []");
        let at = memchr::memmem::find(&bytes, marker.as_bytes())
            .ok_or_else(|| std::io::Error::other(format!("no empty array `{key}` to stream")))?;
        let (head, tail) = bytes.split_at(at + marker.len() - 1);
        out.write_all(head)?;
        Ok(StreamedArray {
            tail: tail.to_vec(),
            depth,
            empty: true,
        })
    }

    /// Writes the next element.
    pub(super) fn element(
        &mut self,
        out: &mut dyn Write,
        value: &impl Serialize,
    ) -> std::io::Result<()> {
        out.write_all(if self.empty { b"\n" } else { b",\n" })?;
        out.write_all(&b" ".repeat(2 * self.depth))?;
        write_nested(out, value, self.depth)?;
        self.empty = false;
        Ok(())
    }

    /// Closes the array and writes the rest of the value, and a line break.
    pub(super) fn finish(self, out: &mut dyn Write) -> std::io::Result<()> {
        if !self.empty {
            out.write_all(b"\n")?;
            out.write_all(&b" ".repeat(2 * (self.depth - 1)))?;
        }
        out.write_all(&self.tail)?;
        out.write_all(b"\n")
    }
}

/// Writes a value pretty-printed as it appears `depth` levels deep in the report. serde_json
/// writes a few bytes at a time; they are gathered 32 KB at a time in front of `out`, a
/// `dyn Write` that each small write would otherwise go through.
fn write_nested(out: &mut dyn Write, value: &impl Serialize, depth: usize) -> std::io::Result<()> {
    let mut buffered = BufWriter::with_capacity(32 << 10, out);
    serialize_nested(&mut buffered, value, depth)?;
    // Passes the rest on without flushing `out`, which its owner does once at the end.
    buffered.into_inner().map_err(|e| e.into_error())?;
    Ok(())
}

/// Serializes a value pretty-printed as it appears `depth` levels deep in the report.
fn serialize_nested(
    out: &mut impl Write,
    value: &impl Serialize,
    depth: usize,
) -> std::io::Result<()> {
    let formatter = Nested {
        depth,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(out, formatter);
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::other)
}

/// serde_json's pretty layout (two spaces a level) starting `depth` levels in, so a document
/// can be written on its own inside the report's array.
struct Nested {
    depth: usize,
    has_value: bool,
}

impl Nested {
    fn new_line<W: ?Sized + Write>(&self, out: &mut W, comma: bool) -> std::io::Result<()> {
        const SPACES: [u8; 64] = [b' '; 64];
        out.write_all(if comma { b",\n" } else { b"\n" })?;
        let mut left = self.depth * 2;
        while left > 0 {
            let n = left.min(SPACES.len());
            out.write_all(SPACES.get(..n).unwrap_or_default())?;
            left -= n;
        }
        Ok(())
    }

    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.new_line(out, false)?;
        }
        out.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.new_line(out, !first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.open(out, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        self.close(out, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        out: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.new_line(out, !first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> std::io::Result<()> {
        out.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes the start of the report, up to the opening of the documents array. The report is
/// written document by document, so its size never has to fit in memory.
pub fn render_start(out: &mut dyn Write) -> std::io::Result<()> {
    write!(out, "{{\n  \"schema\": \"{SCHEMA}\",\n  \"tool\": ")?;
    let tool = Tool {
        name: env!("CARGO_PKG_NAME"),
        version: env!("CARGO_PKG_VERSION"),
    };
    write_nested(out, &tool, 1)?;
    out.write_all(b",\n  \"documents\": [")
}

/// From this many findings on, a document's findings are rendered on every core: a corpus
/// in one file has a hundred thousand of them, which one thread takes tens of milliseconds
/// to write.
const PARALLEL_FINDINGS: usize = 8192;

/// Writes one document of the array; `first` for the first one.
pub fn render_document(
    doc: &mut DocumentReport,
    first: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    render_document_from(doc, first, out, PARALLEL_FINDINGS)
}

/// [`render_document`], rendering the findings in parallel from `parallel_from` of them.
fn render_document_from(
    doc: &mut DocumentReport,
    first: bool,
    out: &mut dyn Write,
    parallel_from: usize,
) -> std::io::Result<()> {
    out.write_all(if first { b"\n    " } else { b",\n    " })?;
    if doc.findings.is_empty() {
        return write_nested(out, &*doc, 2);
    }
    // The document without its findings, written as usual, is cut where its empty findings
    // array stands (a raw line break is never inside a JSON string), and the findings go in
    // between.
    let findings = std::mem::take(&mut doc.findings);
    let mut shell = Vec::new();
    let written = write_nested(&mut shell, &*doc, 2);
    doc.findings = findings;
    written?;
    const EMPTY_FINDINGS: &[u8] = b"\n      \"findings\": []";
    let Some(at) = memchr::memmem::find(&shell, EMPTY_FINDINGS) else {
        return write_nested(out, &*doc, 2);
    };
    // Up to the `[` and from the `]`.
    let (head, tail) = shell.split_at(at + EMPTY_FINDINGS.len() - 1);
    out.write_all(head)?;
    if doc.findings.len() < parallel_from {
        let mut bytes = Vec::with_capacity(doc.findings.len() * 512);
        render_findings(&doc.findings, true, &PRETTY, &mut bytes);
        out.write_all(&bytes)?;
    } else {
        write_findings_in_parallel(&doc.findings, out)?;
    }
    out.write_all(b"\n      ")?;
    out.write_all(tail)
}

/// Writes findings as the elements of the findings array of a document of the report, a few
/// slices per core rendered at a time and written in order, so memory holds a few hundred
/// kilobytes of output, not the whole array.
fn write_findings_in_parallel(
    findings: &[crate::finding::Finding],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    // A slice's output (about 450 bytes a finding) stays below the size glibc maps on its
    // own (see `allocator.rs`): a mapped block would cost page faults each time.
    const PER_SLICE: usize = 128;
    let window = PER_SLICE * 2 * rayon::current_num_threads().max(1);
    for (w, group) in findings.chunks(window).enumerate() {
        let rendered: Vec<Vec<u8>> = group
            .par_chunks(PER_SLICE)
            .enumerate()
            .map(|(s, slice)| {
                let mut bytes = Vec::with_capacity(PER_SLICE * 512);
                render_findings(slice, w == 0 && s == 0, &PRETTY, &mut bytes);
                bytes
            })
            .collect();
        for bytes in rendered {
            out.write_all(&bytes)?;
        }
    }
    Ok(())
}

/// The bytes around a finding's values in one layout of the report.
struct Layout {
    /// Before the first finding of an array, through the `rule` key.
    first: &'static [u8],
    /// Before a later finding, through the `rule` key.
    next: &'static [u8],
    /// Before the values of `category`, `severity` and `message`.
    texts: [&'static [u8]; 3],
    /// Before the values of `start`, `end`, `line`, `column`, `end_line` and `end_column`.
    numbers: [&'static [u8]; 6],
    /// Before the value of `text`.
    text: &'static [u8],
    /// Before the suggestions: the key and the opening bracket.
    suggestions: &'static [u8],
    /// Before the first suggestion and before a later one.
    first_suggestion: &'static [u8],
    next_suggestion: &'static [u8],
    /// After the last suggestion, when there is one.
    after_suggestions: &'static [u8],
    /// The closing bracket and brace.
    end: &'static [u8],
    /// For a bilingual finding, in place of `end`: the closing bracket and the `source` key
    /// through the value of its `start`.
    source_start: &'static [u8],
    /// Before the values of the source's `end`, `line`, `column` and `text`.
    source_keys: [&'static [u8]; 4],
    /// The source object's closing brace and the finding's.
    source_end: &'static [u8],
}

/// serde_json's pretty layout, four levels in: the findings of `--format json`.
const PRETTY: Layout = Layout {
    first: b"\n        {\n          \"rule\": ",
    next: b",\n        {\n          \"rule\": ",
    texts: [
        b",\n          \"category\": ",
        b",\n          \"severity\": ",
        b",\n          \"message\": ",
    ],
    numbers: [
        b",\n          \"start\": ",
        b",\n          \"end\": ",
        b",\n          \"line\": ",
        b",\n          \"column\": ",
        b",\n          \"end_line\": ",
        b",\n          \"end_column\": ",
    ],
    text: b",\n          \"text\": ",
    suggestions: b",\n          \"suggestions\": [",
    first_suggestion: b"\n            ",
    next_suggestion: b",\n            ",
    after_suggestions: b"\n          ",
    end: b"]\n        }",
    source_start: b"],\n          \"source\": {\n            \"start\": ",
    source_keys: [
        b",\n            \"end\": ",
        b",\n            \"line\": ",
        b",\n            \"column\": ",
        b",\n            \"text\": ",
    ],
    source_end: b"\n          }\n        }",
};

/// serde_json's compact layout: the findings of `--format jsonl`.
const COMPACT: Layout = Layout {
    first: b"{\"rule\":",
    next: b",{\"rule\":",
    texts: [b",\"category\":", b",\"severity\":", b",\"message\":"],
    numbers: [
        b",\"start\":",
        b",\"end\":",
        b",\"line\":",
        b",\"column\":",
        b",\"end_line\":",
        b",\"end_column\":",
    ],
    text: b",\"text\":",
    suggestions: b",\"suggestions\":[",
    first_suggestion: b"",
    next_suggestion: b",",
    after_suggestions: b"",
    end: b"]}",
    source_start: b"],\"source\":{\"start\":",
    source_keys: [b",\"end\":", b",\"line\":", b",\"column\":", b",\"text\":"],
    source_end: b"}}",
};

/// Appends findings as elements of a document's findings array, in `layout`, after a comma
/// (none before the array's `first`). Written directly: a report holds a hundred thousand
/// findings, and serde_json's serializer, a few bytes at a time, spent several thousand
/// instructions on each. Tests hold the bytes to serde_json's in both layouts.
fn render_findings(
    findings: &[crate::finding::Finding],
    first: bool,
    layout: &Layout,
    out: &mut Vec<u8>,
) {
    let mut numbers = itoa::Buffer::new();
    for (i, finding) in findings.iter().enumerate() {
        out.extend_from_slice(if first && i == 0 {
            layout.first
        } else {
            layout.next
        });
        push_json_string(out, &finding.rule);
        let texts = [
            finding.category.as_str(),
            finding.severity.as_str(),
            &finding.message,
        ];
        for (key, value) in layout.texts.iter().zip(texts) {
            out.extend_from_slice(key);
            push_json_string(out, value);
        }
        let values = [
            finding.start,
            finding.end,
            finding.line,
            finding.column,
            finding.end_line,
            finding.end_column,
        ];
        for (key, value) in layout.numbers.iter().zip(values) {
            out.extend_from_slice(key);
            out.extend_from_slice(numbers.format(value).as_bytes());
        }
        out.extend_from_slice(layout.text);
        push_json_string(out, &finding.text);
        out.extend_from_slice(layout.suggestions);
        for (k, suggestion) in finding.suggestions.iter().enumerate() {
            out.extend_from_slice(if k == 0 {
                layout.first_suggestion
            } else {
                layout.next_suggestion
            });
            push_json_string(out, suggestion);
        }
        if !finding.suggestions.is_empty() {
            out.extend_from_slice(layout.after_suggestions);
        }
        let Some(source) = &finding.source else {
            out.extend_from_slice(layout.end);
            continue;
        };
        out.extend_from_slice(layout.source_start);
        out.extend_from_slice(numbers.format(source.start).as_bytes());
        let [end, line, column, text] = layout.source_keys;
        for (key, value) in [
            (end, source.end),
            (line, source.line),
            (column, source.column),
        ] {
            out.extend_from_slice(key);
            out.extend_from_slice(numbers.format(value).as_bytes());
        }
        out.extend_from_slice(text);
        push_json_string(out, &source.text);
        out.extend_from_slice(layout.source_end);
    }
}

/// Writes one document as a line of `--format jsonl`: serde_json's compact layout, the
/// findings written directly.
pub fn render_line(doc: &mut DocumentReport, out: &mut dyn Write) -> std::io::Result<()> {
    // The document without its findings is cut where its empty findings array stands: a
    // quote inside a string is escaped, so only the key can be followed by `":[]`.
    const EMPTY_FINDINGS: &[u8] = b"\"findings\":[]";
    let findings = std::mem::take(&mut doc.findings);
    let shell = serde_json::to_vec(&*doc).map_err(std::io::Error::other);
    doc.findings = findings;
    let shell = shell?;
    match memchr::memmem::find(&shell, EMPTY_FINDINGS) {
        Some(at) if !doc.findings.is_empty() => {
            // Up to the `[` and from the `]`.
            let (head, tail) = shell.split_at(at + EMPTY_FINDINGS.len() - 1);
            let mut bytes = Vec::with_capacity(head.len() + tail.len() + doc.findings.len() * 400);
            bytes.extend_from_slice(head);
            render_findings(&doc.findings, true, &COMPACT, &mut bytes);
            bytes.extend_from_slice(tail);
            bytes.push(b'\n');
            out.write_all(&bytes)
        }
        _ => {
            out.write_all(&shell)?;
            out.write_all(b"\n")
        }
    }
}

/// Appends `text` as a JSON string. Most strings need no escape and are copied as they are;
/// the others are escaped by serde_json.
fn push_json_string(out: &mut Vec<u8>, text: &str) {
    // Without an early exit the check runs many bytes at a time.
    let escapes = text.bytes().fold(false, |escapes, b| {
        escapes | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if !escapes {
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        // Writing into a vector cannot fail, nor can serializing a string.
        let _ = serde_json::to_writer(&mut *out, text);
    }
}

/// Writes the end of the report: the errors and the summary. `any` says whether a document was
/// written.
pub fn render_end(
    summary: &Summary,
    errors: &[InputError],
    any: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    out.write_all(if any {
        b"\n  ],\n  \"errors\": "
    } else {
        b"],\n  \"errors\": "
    })?;
    write_nested(out, &errors, 1)?;
    out.write_all(b",\n  \"summary\": ")?;
    write_nested(out, summary, 1)?;
    out.write_all(b"\n}\n")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use proptest::prelude::*;

    use super::*;
    use crate::finding::Finding;
    use crate::taxonomy::{Category, Severity};

    fn finding(i: usize) -> Finding {
        Finding {
            rule: Arc::from(if i.is_multiple_of(3) {
                "spaced-punctuation"
            } else {
                "quote-capital"
            }),
            category: Category::FluencyPunctuation,
            severity: Severity::Minor,
            message: Arc::from("A \"quoted\" message\twith a tab"),
            start: i * 10,
            end: i * 10 + 3,
            line: i + 1,
            column: 4,
            end_line: i + 1,
            end_column: 7,
            text: format!("«{i}»\n"),
            suggestions: (0..i % 3).map(|k| format!("s{k}")).collect(),
            source: None,
            block: false,
        }
    }

    fn report(findings: usize, warnings: Vec<String>) -> DocumentReport {
        DocumentReport {
            byte_map: crate::input::ByteMap::Identity,
            record: None,
            markup: crate::input::Markup::Plain,
            source: "a \"findings\": [] b.txt".to_owned(),
            id: Some("7".to_owned()),
            words: 120,
            penalty: 3.0,
            penalty_per_1000_words: 25.0,
            score: 97.5,
            pass: true,
            findings: (0..findings).map(finding).collect(),
            suppressed: 2,
            baselined: Vec::new(),
            warnings,
            text: String::new(),
            side_by_side: None,
        }
    }

    proptest! {
        /// A finding written directly is the bytes serde_json writes for it four levels in,
        /// whatever its strings hold (quotes, backslashes, control characters, any script).
        #[test]
        fn findings_render_as_serde_json_writes_them(
            rule in "[a-z\"\\\\-]{1,12}",
            message in "[ -~\t\n\u{1}\u{7f}é“]{0,20}",
            text in "(.|\n|\r|\u{0}|\u{1f}|\u{2028}){0,12}",
            suggestions in prop::collection::vec("(.|\n){0,6}", 0..3),
            numbers in prop::array::uniform6(0usize..usize::MAX),
            first in any::<bool>(),
            source in prop::option::of(("(.|\n|\u{0}){0,8}", prop::array::uniform4(0usize..usize::MAX))),
        ) {
            let finding = Finding {
                rule: Arc::from(rule.as_str()),
                category: Category::DesignTruncation,
                severity: Severity::Critical,
                message: Arc::from(message.as_str()),
                start: numbers[0],
                end: numbers[1],
                line: numbers[2],
                column: numbers[3],
                end_line: numbers[4],
                end_column: numbers[5],
                text,
                suggestions,
                source: source.map(|(text, at)| crate::finding::SourcePlace {
                    start: at[0],
                    end: at[1],
                    line: at[2],
                    column: at[3],
                    text,
                    sentence: None,
                }),
                block: false,
            };
            let mut direct = Vec::new();
            render_findings(std::slice::from_ref(&finding), first, &PRETTY, &mut direct);
            let mut serialized = if first { b"\n        ".to_vec() } else { b",\n        ".to_vec() };
            serialize_nested(&mut serialized, &finding, 4).unwrap();
            prop_assert_eq!(String::from_utf8(direct).unwrap(), String::from_utf8(serialized).unwrap());
            // And in the compact layout of JSON Lines.
            let mut direct = Vec::new();
            render_findings(std::slice::from_ref(&finding), first, &COMPACT, &mut direct);
            let mut serialized = if first { Vec::new() } else { b",".to_vec() };
            serde_json::to_writer(&mut serialized, &finding).unwrap();
            prop_assert_eq!(String::from_utf8(direct).unwrap(), String::from_utf8(serialized).unwrap());
        }
    }

    /// A document whose findings are written directly, one after the other or side by side
    /// slice by slice, is the bytes serde_json writes for it, for any number of findings
    /// around the slice and window sizes, with and without the fields after the findings.
    #[test]
    fn documents_render_as_serde_json_writes_them() {
        for count in [0, 1, 2, 511, 512, 513, 1500, 2049, 4100] {
            for warnings in [Vec::new(), vec!["a warning".to_owned()]] {
                for first in [true, false] {
                    let mut doc = report(count, warnings.clone());
                    let mut serialized = if first {
                        b"\n    ".to_vec()
                    } else {
                        b",\n    ".to_vec()
                    };
                    write_nested(&mut serialized, &doc, 2).unwrap();
                    let serialized = String::from_utf8(serialized).unwrap();
                    for parallel_from in [usize::MAX, 0] {
                        let mut rendered = Vec::new();
                        render_document_from(&mut doc, first, &mut rendered, parallel_from)
                            .unwrap();
                        assert_eq!(
                            String::from_utf8(rendered).unwrap(),
                            serialized,
                            "{count} findings, parallel from {parallel_from}"
                        );
                    }
                    assert_eq!(doc.findings.len(), count);
                }
            }
        }
    }

    /// A line of JSON Lines whose findings are written directly is the bytes serde_json
    /// writes for the document, and a line end.
    #[test]
    fn lines_render_as_serde_json_writes_them() {
        for count in [0, 1, 2, 513] {
            for warnings in [Vec::new(), vec!["a \"findings\":[] warning".to_owned()]] {
                let mut doc = report(count, warnings);
                doc.source = "x\"findings\":[]y.jsonl".to_owned();
                let mut serialized = serde_json::to_vec(&doc).unwrap();
                serialized.push(b'\n');
                let mut rendered = Vec::new();
                render_line(&mut doc, &mut rendered).unwrap();
                assert_eq!(
                    String::from_utf8(rendered).unwrap(),
                    String::from_utf8(serialized).unwrap(),
                    "{count} findings"
                );
                assert_eq!(doc.findings.len(), count);
            }
        }
    }
}
