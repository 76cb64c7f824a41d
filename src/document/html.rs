//! HTML: the visible text of a page, block by block, with an offset map back to the HTML bytes.
//!
//! The page is tokenized by lol_html (a WHATWG-conformant streaming parser). Left out: the text
//! of `script`, `style`, `title`, `textarea` and the like (by the parser's text type), and of
//! `noscript`, `template`, `svg`, `math`, `object` and hidden elements (`hidden`,
//! `aria-hidden="true"`, an inline `display: none` or `visibility: hidden`). Block elements
//! (`p`, `div`, `ul`, headings, tables…) end a block with a blank line; list items, table rows
//! and `br` end a line, so a menu or a teaser list is one block of short lines, as in a text dump
//! of the page. White space collapses as a
//! browser shows it; entities are decoded, each mapping onto its whole source text.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use lol_html::html_content::{Element, TextType};
use lol_html::{HtmlRewriter, Settings, doc_comments, doc_text, element};

use super::prose::{Extracted, ProseBuilder};

/// Elements whose content is never shown as text.
#[rustfmt::skip]
const SKIPPED: &[&str] = &[
    "noscript", "template", "svg", "math", "object", "select", "canvas", "video", "audio",
    "iframe",
];

/// Elements that start and end a block of text.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "caption", "center", "details",
    "dialog", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "main", "menu", "nav", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "ul",
];

/// Elements whose text is code, typed input or program output: checked, never fixed.
const CODE: &[&str] = &["code", "pre", "kbd", "samp", "tt", "var"];

/// Elements that sit on lines of their own inside a block: the items of a list (a menu, a list
/// of teasers) and the rows of a table stay one block, one line each, as in a text dump of the
/// page; a button's label never runs on into the text beside it.
const LINES: &[&str] = &["li", "dt", "dd", "tr", "button"];

/// The visible prose of `html`, the map from it back to `html`, and its comments.
pub fn extract(html: &str) -> Extracted {
    let state = Rc::new(RefCell::new(Reader::default()));
    let on_element = Rc::clone(&state);
    let on_text = Rc::clone(&state);
    let on_comment = Rc::clone(&state);
    let settings = Settings::new()
        .with_strict(false)
        .append_element_content_handler(element!("*", move |el| {
            Reader::element(&on_element, el);
            Ok(())
        }))
        .append_document_content_handler(doc_text!(move |chunk| {
            let visible = chunk.text_type() == TextType::Data;
            on_text.borrow_mut().text_chunk(
                visible,
                chunk.as_str(),
                chunk.source_location().bytes(),
                chunk.last_in_text_node(),
            );
            Ok(())
        }))
        .append_document_content_handler(doc_comments!(move |comment| {
            let range = comment.source_location().bytes();
            on_comment
                .borrow_mut()
                .prose
                .comment(&comment.text(), range);
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // Errors only come from handlers (ours never fail) or memory limits (unbounded here); the
    // text read up to an error is still the best account of the page.
    let _ = rewriter
        .write(html.as_bytes())
        .and_then(|()| rewriter.end());
    let reader = std::mem::take(&mut *state.borrow_mut());
    reader.prose.finish()
}

/// The reader's state across parser events.
#[derive(Default)]
struct Reader {
    prose: ProseBuilder,
    /// Inside a skipped or hidden element: its content is not read.
    skipping: bool,
    /// How many code elements (see [`CODE`]) the text being read is inside.
    code_depth: usize,
    /// The raw text of the current text node so far, and where it starts.
    node: String,
    node_start: Option<usize>,
    /// White space seen after the last word of the block, shown as one space if more text follows.
    pending_space: Option<Range<usize>>,
    /// Whether that white space breaks the source's line: the page's indentation, which a
    /// browser shows as a space but nobody typed before a comma or after a bracket.
    pending_break: bool,
}

impl Reader {
    fn element(state: &Rc<RefCell<Reader>>, el: &mut Element) {
        let name = el.tag_name();
        let location = el.source_location().bytes();
        let mut reader = state.borrow_mut();
        if reader.skipping {
            return;
        }
        if is_hidden(el, &name) {
            if el.can_have_content() {
                reader.skipping = true;
                let state = Rc::clone(state);
                // Only elements that can have content get here, so this cannot fail.
                let _ = el.on_end_tag(Box::new(move |_| {
                    state.borrow_mut().skipping = false;
                    Ok(())
                }));
            }
            return;
        }
        if CODE.contains(&name.as_str()) && el.can_have_content() {
            reader.code_depth += 1;
            let state = Rc::clone(state);
            let _ = el.on_end_tag(Box::new(move |_| {
                let mut reader = state.borrow_mut();
                reader.code_depth = reader.code_depth.saturating_sub(1);
                Ok(())
            }));
        }
        let separator = if name == "br" {
            reader.pending_space = None;
            reader.prose.rewritten("\n", location.start..location.start);
            return;
        } else if BLOCKS.contains(&name.as_str()) {
            Reader::end_block
        } else if LINES.contains(&name.as_str()) {
            Reader::end_line
        } else {
            return;
        };
        separator(&mut reader, location.start);
        if el.can_have_content() {
            let state = Rc::clone(state);
            let _ = el.on_end_tag(Box::new(move |end| {
                separator(&mut state.borrow_mut(), end.source_location().bytes().start);
                Ok(())
            }));
        }
    }

    /// Ends the block being read (no-op at the start of a block).
    fn end_block(&mut self, at: usize) {
        self.pending_space = None;
        self.prose.end_block(at);
    }

    /// Ends the line being read (no-op at the start of a line).
    fn end_line(&mut self, at: usize) {
        self.pending_space = None;
        let prose = self.prose.prose();
        if !prose.is_empty() && !prose.ends_with('\n') {
            self.prose.rewritten("\n", at..at);
        }
    }

    /// Collects the chunks of one text node; the node is read when its last chunk arrives
    /// (entities may straddle chunks).
    fn text_chunk(&mut self, visible: bool, raw: &str, location: Range<usize>, last: bool) {
        if visible && !self.skipping {
            self.node_start.get_or_insert(location.start);
            self.node.push_str(raw);
        }
        if last && let Some(start) = self.node_start.take() {
            let node = std::mem::take(&mut self.node);
            if self.code_depth > 0 {
                self.prose.code(start..start + node.len());
            }
            self.read_text(&node, start);
        }
    }

    /// Appends the text of a node whose raw source `raw` starts at `start`.
    fn read_text(&mut self, raw: &str, start: usize) {
        let mut rest = raw;
        let mut at = start;
        while let Some(c) = rest.chars().next() {
            let len = if is_html_space(c) {
                let len = rest.find(|c| !is_html_space(c)).unwrap_or(rest.len());
                if !self.prose.prose().is_empty() && !self.prose.prose().ends_with('\n') {
                    self.pending_space = Some(at..at + len);
                    self.pending_break = rest[..len].contains(['\n', '\r']);
                }
                len
            } else if let Some((decoded, len)) = entity(rest) {
                self.flush_space();
                self.prose.rewritten(&decoded, at..at + len);
                len
            } else {
                let len = rest
                    .find(|c| is_html_space(c) || c == '&')
                    .unwrap_or(rest.len())
                    .max(c.len_utf8());
                if self.pending_break && self.indentation_only(rest) {
                    self.pending_space = None;
                }
                self.flush_space();
                self.prose.verbatim(&rest[..len], at);
                len
            };
            rest = &rest[len..];
            at += len;
        }
    }

    /// Whether a line break of the source before `next` is only the page's indentation: it
    /// separates a word from the punctuation after it (`china</a>⏎<span>, </span>`) or an
    /// opening bracket from its word.
    fn indentation_only(&self, next: &str) -> bool {
        next.starts_with([',', '.', ';', ':', ')', ']', '!', '?'])
            || self.prose.prose().ends_with(['(', '['])
    }

    fn flush_space(&mut self) {
        if let Some(space) = self.pending_space.take() {
            if space.len() == 1 {
                self.prose.verbatim(" ", space.start);
            } else {
                self.prose.rewritten(" ", space);
            }
        }
    }
}

/// Whether the page never shows `el`'s text.
fn is_hidden(el: &Element, name: &str) -> bool {
    if SKIPPED.contains(&name) || el.has_attribute("hidden") {
        return true;
    }
    if el
        .get_attribute("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    el.get_attribute("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// HTML's ASCII white space.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}')
}

/// The character reference at the start of `text` (`&amp;`, `&#8217;`, `&#x2019;`), decoded,
/// and its length; `None` when `text` does not start with one.
fn entity(text: &str) -> Option<(String, usize)> {
    const LONGEST: usize = 40;
    let body = text.strip_prefix('&')?;
    let end = body
        .char_indices()
        .take(LONGEST)
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'))
        .filter(|&(_, c)| c == ';')?
        .0;
    let reference = &text[..end + 2];
    let decoded = html_escape::decode_html_entities(reference);
    (decoded != reference).then(|| (decoded.into_owned(), reference.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(html: &str) -> String {
        extract(html).prose
    }

    #[test]
    fn blocks_become_paragraphs_and_white_space_collapses() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\n<nav><ul><li><a href=/>Home</a></li><li>World</li></ul></nav>\n<p>The   minister\n  <b>said</b> no.</p><p>Second<br>line</p></body></html>";
        assert_eq!(
            prose(html),
            "Home\nWorld\n\nThe minister said no.\n\nSecond\nline\n\n"
        );
    }

    #[test]
    fn indentation_before_punctuation_and_after_a_bracket_is_dropped() {
        let html = "<p>Tags: <a>rail</a>\n    <span>, </span>\n    <a>ports</a> (\n  <b>two</b>\n) and a typed space , kept.</p>";
        assert_eq!(
            prose(html),
            "Tags: rail, ports (two) and a typed space , kept.\n\n"
        );
    }

    #[test]
    fn a_button_label_is_a_line_of_its_own() {
        let html = "<form><label>Type a word</label> <button>Go</button></form>";
        assert_eq!(prose(html), "Type a word\nGo\n\n");
    }

    #[test]
    fn scripts_hidden_elements_and_templates_are_left_out() {
        let html = "<p>Shown</p><script>var the = 'the';</script><div hidden>Gone</div><div style=\"display: none\">Gone</div><span aria-hidden=\"true\">Gone</span><template><p>Gone</p></template><noscript>Gone</noscript><svg><text>Gone</text></svg><p>Also shown</p>";
        assert_eq!(prose(html), "Shown\n\nAlso shown\n\n");
    }

    #[test]
    fn text_inside_code_is_read_and_its_place_kept() {
        let html = "<p>Run <code>ls -l</code> now.</p><pre>a  b</pre><p>after</p>";
        let extracted = extract(html);
        assert!(extracted.prose.contains("ls -l"));
        let code: Vec<&str> = extracted.code.iter().map(|r| &html[r.clone()]).collect();
        assert_eq!(code, ["ls -l", "a  b"]);
    }

    #[test]
    fn entities_decode_and_map_onto_their_source() {
        let html = "<p>Caf&eacute; &amp; &#8220;tea&#x201D; &bogus; a&b</p>";
        let extracted = extract(html);
        assert_eq!(extracted.prose, "Café & “tea” &bogus; a&b\n\n");
        let cafe = extracted.map.to_original(0..5);
        assert_eq!(&html[cafe], "Caf&eacute;");
    }

    #[test]
    fn words_map_back_to_the_html_bytes() {
        let html = "<div>\n  <p>Talks <em>resume</em> today.</p>\n</div>";
        let extracted = extract(html);
        let at = extracted.prose.find("resume").unwrap();
        let span = extracted.map.to_original(at..at + 6);
        assert_eq!(&html[span], "resume");
    }

    #[test]
    fn comments_are_collected() {
        let html = "<p>One</p><!-- mtlint-disable-next-line quotes --><p>Two</p>";
        let comments = extract(html).comments;
        assert_eq!(comments.len(), 1);
        assert_eq!(comments[0].text, " mtlint-disable-next-line quotes ");
        assert_eq!(
            &html[comments[0].range.clone()],
            "<!-- mtlint-disable-next-line quotes -->"
        );
    }
}
