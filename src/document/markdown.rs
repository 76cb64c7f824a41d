//! Markdown (CommonMark with GFM tables, strikethrough and task lists): the prose of headings,
//! paragraphs, list items, block quotes and table cells, with an offset map back to the `.md`.
//!
//! Left out: code blocks, inline code, HTML, link destinations, autolinks, image text and YAML
//! front matter. Soft line breaks inside a paragraph become spaces (Markdown paragraphs are
//! often wrapped), blocks are separated by a blank line, the cells of a table row share a
//! line (` | ` between them), inline HTML tags vanish, and inline
//! code and autolinks leave an invisible word joiner so the words around them stay apart. Text that pulldown-cmark rewrote (entities, escapes) maps onto
//! its whole source range.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::OffsetMap;

/// What stands for inline code and addresses: a word joiner, invisible, neither a word nor
/// white space, so `see `x`.` does not read as `see .` to the punctuation checks.
const PLACEHOLDER: &str = "\u{2060}";

/// The prose of `markdown` and the map from it back to `markdown`.
pub fn extract(markdown: &str) -> (String, OffsetMap) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut prose = Prose::default();
    let mut skipped = 0usize;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::Image { .. },
            ) => {
                skipped += 1;
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                if skipped == 0 {
                    prose.rewritten(PLACEHOLDER, range);
                }
                skipped += 1;
            }
            Event::End(
                TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) | TagEnd::Image,
            ) => {
                skipped = skipped.saturating_sub(1);
                prose.end_block(range.end);
            }
            Event::End(TagEnd::Link) if skipped > 0 => skipped -= 1,
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition,
            ) => prose.end_block(range.end),
            // Cells of a row stay on one line, apart: they are not sentences.
            Event::End(TagEnd::TableCell) => prose.rewritten(" | ", range.end..range.end),
            Event::Text(text) if skipped == 0 => prose.text(markdown, &text, range),
            Event::Code(_) | Event::InlineMath(_) if skipped == 0 => {
                prose.rewritten(PLACEHOLDER, range);
            }
            Event::SoftBreak if skipped == 0 => prose.rewritten(" ", range),
            Event::HardBreak if skipped == 0 => prose.rewritten("\n", range),
            _ => {}
        }
    }
    (prose.text, prose.map)
}

/// The prose being built.
#[derive(Default)]
struct Prose {
    text: String,
    map: OffsetMap,
}

impl Prose {
    fn text(&mut self, source: &str, text: &str, range: std::ops::Range<usize>) {
        if source.get(range.clone()) == Some(text) {
            self.text.push_str(text);
            self.map.push_verbatim(range.start, text.len());
        } else {
            self.rewritten(text, range);
        }
    }

    fn rewritten(&mut self, text: &str, range: std::ops::Range<usize>) {
        self.text.push_str(text);
        self.map.push_rewritten(range, text.len());
    }

    /// Ends a block with a blank line, once.
    fn end_block(&mut self, at: usize) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            let missing = if self.text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            self.text.push_str(missing);
            self.map.push_rewritten(at..at, missing.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_prose_and_drops_code_html_and_addresses() {
        let md = "---\ntitle: x\n---\n# Talks *resume*\n\nThe `the the` minister\nsaid <b>no</b> [here](http://x.org) and <http://y.org>.\n\n```\ncode code\n```\n\n- one\n- two\n";
        let (prose, map) = extract(md);
        assert_eq!(
            prose,
            "Talks resume\n\nThe \u{2060} minister said no here and \u{2060}.\n\none\n\ntwo\n\n"
        );
        let minister = prose.find("minister").unwrap();
        let span = map.to_original(minister..minister + 8);
        assert_eq!(&md[span], "minister");
        assert!(!prose.contains("code") && !prose.contains("title"));
    }

    #[test]
    fn entities_map_onto_their_source() {
        let md = "Caf&eacute; au lait";
        let (prose, map) = extract(md);
        assert_eq!(prose, "Café au lait\n\n");
        let span = map.to_original(0..prose.find(' ').unwrap());
        assert_eq!(&md[span], "Caf&eacute;");
    }
}
