//! Markdown (CommonMark with GFM tables, strikethrough and task lists): the prose of headings,
//! paragraphs, list items, block quotes and table cells, with an offset map back to the `.md`.
//!
//! Left out: code blocks, inline code, HTML, link destinations, autolinks, image text and YAML
//! front matter. Soft line breaks inside a paragraph become spaces (Markdown paragraphs are
//! often wrapped), blocks are separated by a blank line, the cells of a table row share a line
//! (` | ` between them), and inline HTML tags vanish. Inline code and autolinks leave an
//! invisible word joiner, mapped to an empty range where the code starts (so no finding covers
//! code), to keep the words around them apart. Text that pulldown-cmark rewrote (entities,
//! escapes) maps onto its whole source range. HTML comments are collected for suppressions.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::prose::{Extracted, ProseBuilder};

/// What stands for inline code and addresses: a word joiner, invisible, neither a word nor
/// white space, so `see `x`.` does not read as `see .` to the punctuation checks.
const PLACEHOLDER: &str = "\u{2060}";

/// The prose of `markdown`, the map from it back to `markdown`, and its HTML comments.
pub fn extract(markdown: &str) -> Extracted {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut prose = ProseBuilder::default();
    let mut skipped = 0usize;
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        match event {
            Event::Start(
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) | Tag::Image { .. },
            ) => {
                skipped += 1;
            }
            // A nested list's item starts a block of its own: its parent's text ends there.
            Event::Start(Tag::Item) if skipped == 0 => prose.end_block(range.start),
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                if skipped == 0 {
                    prose.rewritten(PLACEHOLDER, range.start..range.start);
                }
                skipped += 1;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                skipped = skipped.saturating_sub(1);
                prose.end_block(range.end);
            }
            // An image is inline: it stands in its sentence as inline code does.
            Event::End(TagEnd::Image) => {
                skipped = skipped.saturating_sub(1);
                if skipped == 0 {
                    prose.rewritten(PLACEHOLDER, range.start..range.start);
                }
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
            Event::Text(text) if skipped == 0 => {
                if markdown.get(range.clone()) == Some(&*text) {
                    prose.verbatim(&text, range.start);
                } else {
                    prose.rewritten(&text, range);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                for (text, comment) in comments_in(markdown, range) {
                    prose.comment(text, comment);
                }
            }
            Event::Code(_) | Event::InlineMath(_) if skipped == 0 => {
                prose.rewritten(PLACEHOLDER, range.start..range.start);
            }
            Event::SoftBreak if skipped == 0 => prose.rewritten(" ", range),
            Event::HardBreak if skipped == 0 => prose.rewritten("\n", range),
            _ => {}
        }
    }
    prose.finish()
}

/// The `<!-- … -->` comments inside `range` of `markdown`: their inner text and whole range.
fn comments_in(markdown: &str, range: Range<usize>) -> Vec<(&str, Range<usize>)> {
    let mut comments = Vec::new();
    let Some(html) = markdown.get(range.clone()) else {
        return comments;
    };
    let mut from = 0;
    while let Some(open) = html[from..].find("<!--").map(|i| from + i) {
        let inner = open + 4;
        let Some(close) = html[inner..].find("-->").map(|i| inner + i) else {
            break;
        };
        comments.push((
            &html[inner..close],
            range.start + open..range.start + close + 3,
        ));
        from = close + 3;
    }
    comments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inline_image_does_not_end_its_sentence_and_nested_items_stay_apart() {
        let md = "See ![a chart](c.png) which shows it.\n\n- parent text\n  - child text\n";
        let prose = extract(md).prose;
        assert!(
            prose.starts_with("See \u{2060} which shows it.\n\n"),
            "{prose:?}"
        );
        assert!(prose.contains("parent text\n\nchild text"), "{prose:?}");
    }

    #[test]
    fn comments_are_collected_with_their_range() {
        let md = "<!-- mtlint-disable quotes -->\nText <!-- inline --> here.\n";
        let comments = extract(md).comments;
        let texts: Vec<&str> = comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, [" mtlint-disable quotes ", " inline "]);
        assert_eq!(&md[comments[1].range.clone()], "<!-- inline -->");
    }

    #[test]
    fn keeps_prose_and_drops_code_html_and_addresses() {
        let md = "---\ntitle: x\n---\n# Talks *resume*\n\nThe `the the` minister\nsaid <b>no</b> [here](http://x.org) and <http://y.org>.\n\n```\ncode code\n```\n\n- one\n- two\n";
        let Extracted { prose, map, .. } = extract(md);
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
        let Extracted { prose, map, .. } = extract(md);
        assert_eq!(prose, "Café au lait\n\n");
        let span = map.to_original(0..prose.find(' ').unwrap());
        assert_eq!(&md[span], "Caf&eacute;");
    }
}
