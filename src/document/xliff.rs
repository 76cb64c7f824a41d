//! XLIFF 1.2 and 2.x, the exchange format of translation tools: each translation unit's (1.2)
//! or segment's (2.x) source and target are one segment pair. The targets are the prose the
//! checks read, mapped back onto the file; the sources are the text they are compared with.
//! Units marked `translate="no"` are skipped, and so are alternatives, notes and the other
//! elements that are not a unit's own source or target. Inline codes (`<g>`, `<x/>`, `<bx/>`,
//! `<ex/>`, `<ph>`, `<bpt>`, `<ept>`, `<it>`, `<pc>`, `<sc/>`, `<ec/>`) are not text: what they
//! wrap is (`<g>`, `<pc>`), what they hold is not (`<ph>`, `<bpt>`, `<ept>`, `<it>`); each pair
//! keeps the codes of both sides, in order, for the check that compares them. `<mrk>` marks
//! text and is read through.

use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::bitext::{InlineCodes, SegmentPair};
use super::prose::{Extracted, ProseBuilder};

/// What an XLIFF file holds for the checks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct XliffDocument {
    /// The targets, blocks separated by blank lines, mapped onto the file.
    pub targets: Extracted,
    /// The sources, separated the same way and mapped onto the file.
    pub sources: Extracted,
    /// The source language (`srcLang`, `source-language`), when the file says.
    pub lang: Option<String>,
    /// Each unit's or segment's source and target.
    pub pairs: Vec<SegmentPair>,
}

/// A file that is not XLIFF this reader understands: where (a byte offset of the file) and
/// what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct XliffError {
    /// Byte offset of the file.
    pub offset: usize,
    /// What is wrong, and what was expected.
    pub message: String,
}

/// Inline codes whose content is native code, not text.
const CODE_WITH_CONTENT: [&str; 4] = ["bpt", "ept", "it", "ph"];
/// Inline codes that wrap text.
const CODE_AROUND_TEXT: [&str; 3] = ["g", "pc", "sub"];
/// Inline codes without content.
const CODE_EMPTY: [&str; 6] = ["x", "bx", "ex", "sc", "ec", "ph"];

/// Which side of a pair is being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    Source,
    Target,
}

/// The prose of one side, of the sources' and the targets'.
fn prose_of(sides: &mut [ProseBuilder; 2], which: Side) -> &mut ProseBuilder {
    let [source, target] = sides;
    match which {
        Side::Source => source,
        Side::Target => target,
    }
}

/// The pair being read.
#[derive(Debug, Default)]
struct OpenPair {
    source: Option<Range<usize>>,
    target: Option<Range<usize>>,
    codes: InlineCodes,
}

/// Reads an XLIFF file.
///
/// # Errors
///
/// A file that is not well-formed XML, or whose root is not `<xliff>`.
pub fn read(text: &str) -> Result<XliffDocument, XliffError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut doc = XliffDocument::default();
    // The prose of each side: `[source, target]`.
    let mut sides = [ProseBuilder::default(), ProseBuilder::default()];
    // Element names from the root; the depth at which content is skipped (a unit not to be
    // translated, an alternative, native code), if any.
    let mut stack: Vec<String> = Vec::new();
    let mut skip_from: Option<usize> = None;
    let mut root_seen = false;
    let mut pair: Option<OpenPair> = None;
    // The side being read and where its text starts in that side's prose.
    let mut side: Option<(Side, usize)> = None;
    loop {
        let before = position(&reader);
        let event = reader.read_event().map_err(|e| XliffError {
            offset: usize::try_from(reader.error_position()).unwrap_or(0),
            message: format!("not well-formed XML: {e}"),
        })?;
        let after = position(&reader);
        let element = match &event {
            Event::Start(start) | Event::Empty(start) => Some(start),
            _ => None,
        };
        if let Some(start) = element
            && !root_seen
        {
            check_root(&local_name(start), before)?;
            root_seen = true;
            read_language(start, &mut doc.lang);
        }
        match event {
            Event::Empty(start) => {
                let name = local_name(&start);
                if skip_from.is_some() {
                    continue;
                }
                if name == "file" {
                    read_language(&start, &mut doc.lang);
                }
                if let (Some((which, _)), Some(open)) = (side, pair.as_mut())
                    && CODE_EMPTY.contains(&name.as_str())
                {
                    open.codes.push(which, code_name(&name, &start));
                }
            }
            Event::Start(start) => {
                let name = local_name(&start);
                stack.push(name.clone());
                let depth = stack.len();
                if skip_from.is_some() {
                    continue;
                }
                let parent = stack.iter().rev().nth(1).map(String::as_str);
                match name.as_str() {
                    "file" => read_language(&start, &mut doc.lang),
                    "trans-unit" | "unit"
                        if attribute(&start, "translate").as_deref() == Some("no") =>
                    {
                        skip_from = Some(depth);
                    }
                    "alt-trans" | "note" | "notes" | "context-group" | "seg-source"
                    | "originalData" | "ignorable" | "header" | "mtc:matches" | "matches" => {
                        skip_from = Some(depth);
                    }
                    "trans-unit" | "segment" => pair = Some(OpenPair::default()),
                    "source" | "target"
                        if matches!(parent, Some("trans-unit" | "segment")) && pair.is_some() =>
                    {
                        let which = if name == "source" {
                            Side::Source
                        } else {
                            Side::Target
                        };
                        let prose = prose_of(&mut sides, which);
                        prose.end_block(before);
                        side = Some((which, prose.prose().len()));
                    }
                    code if side.is_some()
                        && (CODE_WITH_CONTENT.contains(&code)
                            || CODE_AROUND_TEXT.contains(&code)) =>
                    {
                        if let (Some((which, _)), Some(open)) = (side, pair.as_mut()) {
                            open.codes.push(which, code_name(code, &start));
                        }
                        if CODE_WITH_CONTENT.contains(&code) {
                            skip_from = Some(depth);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(end) => {
                let name = end.local_name().as_ref().to_owned();
                let depth = stack.len();
                stack.pop();
                if let Some(from) = skip_from {
                    if depth == from {
                        skip_from = None;
                    }
                    continue;
                }
                match name.as_str() {
                    "source" | "target" => {
                        if let (Some((which, at)), Some(open)) = (side.take(), pair.as_mut()) {
                            let range = at..prose_of(&mut sides, which).prose().len();
                            match which {
                                Side::Source => open.source = Some(range),
                                Side::Target => open.target = Some(range),
                            }
                        }
                    }
                    "trans-unit" | "segment" => {
                        if let Some(OpenPair {
                            source: Some(source),
                            target: Some(target),
                            codes,
                        }) = pair.take()
                        {
                            doc.pairs.push(SegmentPair {
                                source,
                                target,
                                codes: Some(codes),
                            });
                        }
                    }
                    _ => {}
                }
            }
            // Text, CDATA and references go to the side being read, where they sit in the file.
            Event::Text(content) if skip_from.is_none() => {
                if let Some((which, _)) = side {
                    prose_of(&mut sides, which).verbatim(&content, before);
                }
            }
            Event::CData(content) if skip_from.is_none() => {
                if let Some((which, _)) = side {
                    prose_of(&mut sides, which).verbatim(&content, before + "<![CDATA[".len());
                }
            }
            Event::GeneralRef(reference) if skip_from.is_none() => {
                if let Some((which, _)) = side {
                    let name: &str = &reference;
                    let Some(character) = resolve_reference(name) else {
                        return Err(XliffError {
                            offset: before,
                            message: format!(
                                "unknown entity `&{name};`: expected one of &lt; &gt; &amp; &quot; &apos; or a character reference"
                            ),
                        });
                    };
                    let mut buffer = [0; 4];
                    prose_of(&mut sides, which)
                        .rewritten(character.encode_utf8(&mut buffer), before..after);
                }
            }
            Event::Eof => {
                if !root_seen {
                    return Err(XliffError {
                        offset: 0,
                        message: "expected an `<xliff>` root element, found no element".to_owned(),
                    });
                }
                if let Some(open) = stack.last() {
                    return Err(XliffError {
                        offset: text.len(),
                        message: format!("expected `</{open}>` before the end of the file"),
                    });
                }
                break;
            }
            _ => {}
        }
    }
    let [sources, targets] = sides;
    doc.sources = sources.finish();
    doc.targets = targets.finish();
    Ok(doc)
}

/// The reader's position, as a byte offset of the text.
fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// An element's name without its namespace prefix.
fn local_name(start: &BytesStart<'_>) -> String {
    start.local_name().as_ref().to_owned()
}

fn check_root(name: &str, at: usize) -> Result<(), XliffError> {
    if name == "xliff" {
        Ok(())
    } else {
        Err(XliffError {
            offset: at,
            message: format!("expected an `<xliff>` root element, found `<{name}>`"),
        })
    }
}

/// The value of an attribute, by its local name, as written (the values read here, ids and
/// language codes, have nothing to escape).
fn attribute(start: &BytesStart<'_>, name: &str) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find_map(|a| (a.key.local_name().as_ref() == name).then(|| a.value.to_string()))
}

/// Reads the source language from `srcLang` (2.x, on the root) or `source-language` (1.2, on
/// `<file>`); the first one found is kept.
fn read_language(start: &BytesStart<'_>, lang: &mut Option<String>) {
    if lang.is_none() {
        *lang = attribute(start, "srcLang").or_else(|| attribute(start, "source-language"));
    }
}

/// How an inline code is told apart from the others: its element and its `id`.
fn code_name(element: &str, start: &BytesStart<'_>) -> String {
    match attribute(start, "id") {
        Some(id) => format!("<{element} id=\"{id}\">"),
        None => format!("<{element}>"),
    }
}

/// The character an XML reference stands for.
fn resolve_reference(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="fr-FR" target-language="en" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="1">
        <source>Le pont a rouvert en <g id="1">mai</g>.</source>
        <target>The bridge reopened in <g id="1">May</g>.</target>
        <alt-trans><target>Ignored alternative.</target></alt-trans>
      </trans-unit>
      <trans-unit id="2" translate="no">
        <source>ACME</source>
        <target>ACME</target>
      </trans-unit>
      <trans-unit id="3">
        <source>Prix&#160;: 5 &amp; 6<x id="2"/></source>
        <target>Price: 5 &amp; 6</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"#;

    const V20: &str = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="en">
 <file id="f1">
  <unit id="u1">
   <segment><source>Die Sitzung <pc id="1">endete</pc> um <ph id="2"/>17 Uhr.</source><target>The meeting <pc id="1">ended</pc> at <ph id="2"/>5 pm.</target></segment>
   <ignorable><source> </source></ignorable>
   <segment><source>Danke.</source><target>Thanks.</target></segment>
  </unit>
 </file>
</xliff>"#;

    #[test]
    fn xliff_1_2_units_become_pairs_mapped_onto_the_file() {
        let doc = read(V12).unwrap();
        assert_eq!(doc.lang.as_deref(), Some("fr-FR"));
        assert_eq!(doc.pairs.len(), 2);
        let prose = &doc.targets.prose;
        let first = &doc.pairs[0];
        assert_eq!(&prose[first.target.clone()], "The bridge reopened in May.");
        assert_eq!(
            &doc.sources.prose[first.source.clone()],
            "Le pont a rouvert en mai."
        );
        let second = &doc.pairs[1];
        assert_eq!(&prose[second.target.clone()], "Price: 5 & 6");
        assert_eq!(
            &doc.sources.prose[second.source.clone()],
            "Prix\u{a0}: 5 & 6"
        );
        // `May` maps back onto the file.
        let at = prose.find("May").unwrap();
        let original = doc.targets.map.to_original(at..at + 3);
        assert_eq!(&V12[original], "May");
        let codes = first.codes.as_ref().unwrap();
        assert_eq!(codes.source, codes.target);
        let codes = second.codes.as_ref().unwrap();
        assert_eq!(codes.source, vec!["<x id=\"2\">".to_owned()]);
        assert!(codes.target.is_empty());
    }

    #[test]
    fn xliff_2_segments_become_pairs() {
        let doc = read(V20).unwrap();
        assert_eq!(doc.lang.as_deref(), Some("de"));
        let targets: Vec<&str> = doc
            .pairs
            .iter()
            .map(|p| &doc.targets.prose[p.target.clone()])
            .collect();
        assert_eq!(targets, ["The meeting ended at 5 pm.", "Thanks."]);
        let codes = doc.pairs[0].codes.as_ref().unwrap();
        assert_eq!(codes.target, ["<pc id=\"1\">", "<ph id=\"2\">"]);
    }

    #[test]
    fn a_malformed_file_says_where_and_what_was_expected() {
        let error =
            read("<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a</target>")
                .unwrap_err();
        assert!(error.message.contains("not well-formed"), "{error:?}");
        assert!(error.offset > 0);
        let error = read("<html><body/></html>").unwrap_err();
        assert!(error.message.contains("`<xliff>`"), "{error:?}");
        let error = read("<xliff version=\"2.0\"><file>").unwrap_err();
        assert!(error.message.contains("</file>"), "{error:?}");
    }
}
