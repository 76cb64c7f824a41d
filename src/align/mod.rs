//! Aligning a source article with its translation: paragraphs first, then the sentences of
//! each pair of aligned paragraphs, by length ratio (Gale and Church) and the anchors a
//! translation keeps (numbers, names, acronyms, question marks). What no link pairs is an
//! omission (source text with no translation) or an addition (translated text with no
//! source).

mod path;
mod units;

use std::ops::Range;

pub use path::Shape;
use path::{Model, Step};
pub use units::{Side, Unit, anchors};

/// How a source article and its translation correspond, link by link, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alignment {
    /// The links, in the order of both texts.
    pub links: Vec<Link>,
}

/// What a link joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkKind {
    /// Source sentences and their translation.
    Pair,
    /// Source sentences the translation leaves out.
    Omitted,
    /// Translated sentences with no source.
    Added,
}

/// One link: source sentences, the target sentences that translate them, or a gap.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// What the link joins.
    pub kind: LinkKind,
    /// Byte range of the source text; for an addition, empty where the source would have it.
    pub source: Range<usize>,
    /// Byte range of the target text; for an omission, empty where the translation would
    /// have it.
    pub target: Range<usize>,
    /// How many sentences of each side.
    pub shape: Shape,
    /// Whether the link is a whole paragraph of one side with nothing on the other.
    pub whole_paragraph: bool,
    /// Its cost: minus the log of how likely the link is.
    pub cost: f64,
    /// How sure the aligner is: for a gap, how much cheaper it is than joining the sentence
    /// to its neighbour's link (infinite where there is none); for a pair, how much cheaper
    /// than its two sides left unlinked.
    pub margin: f64,
    /// The paragraph link it belongs to (its index among the paragraph links).
    pub paragraph: usize,
    /// How many characters of each side it links (white space aside).
    pub lengths: (f64, f64),
    /// Where in the translation it is: `target`, but for an omission the gap widened over a
    /// neighbouring translated sentence that its own source and the left-out sentence fit
    /// about equally well, so that the aligner cannot tell which of the two has no translation.
    pub around: Range<usize>,
}

/// The variance of a translation's length, per expected character.
const VARIANCE: f64 = 35.0;
/// What a shared anchor takes off a sentence link's cost.
const ANCHOR_WEIGHT: f64 = 2.5;

/// Target characters per source character in news translated into English, by source
/// language (white space aside; measured on the WMT human translations of the development
/// set). Where the language is not here, the article's own ratio stands alone.
const LENGTH_RATIOS: [(&str, f64); 12] = [
    ("cs", 1.06),
    ("de", 0.88),
    ("es", 0.88),
    ("fr", 0.87),
    ("hi", 1.07),
    ("is", 1.06),
    ("it", 0.85),
    ("ja", 2.4),
    ("pl", 0.95),
    ("ru", 1.0),
    ("uk", 1.0),
    ("zh", 2.75),
];

/// How many source characters an article's own ratio counts for against the language's.
const PRIOR_WEIGHT: f64 = 1500.0;

/// Aligns `source`, in `lang` when known, with `target`, an English translation.
///
/// The lengths of the two sides are compared through the ratio expected between them: the
/// language's, weighed against the article's own; aligned once, the ratio is taken again
/// from the linked sentences alone (what is omitted or added no longer skews it) and the
/// article aligned again.
pub fn align(source: &Side, target: &Side, lang: Option<&str>) -> Alignment {
    let prior = lang.and_then(|lang| {
        LENGTH_RATIOS
            .iter()
            .find(|(code, _)| *code == lang)
            .map(|&(_, ratio)| ratio)
    });
    let ratio = blended_ratio(prior, source.len(), target.len());
    let first = align_with(source, target, ratio);
    let (ls, lt) = linked_lengths(&first);
    if ls == 0.0 {
        return first;
    }
    // Where every sentence is linked (a segment pair, most articles), the ratio comes out the
    // same and so would the alignment.
    let again = blended_ratio(prior, ls, lt);
    if again.to_bits() == ratio.to_bits() {
        return first;
    }
    align_with(source, target, again)
}

/// The ratio of `lt` target characters to `ls` source characters, weighed against the
/// language's (`prior`) in log space.
fn blended_ratio(prior: Option<f64>, ls: f64, lt: f64) -> f64 {
    let observed = if ls > 0.0 && lt > 0.0 {
        Some((lt / ls).clamp(0.2, 5.0))
    } else {
        None
    };
    match (prior, observed) {
        (Some(p), Some(o)) => ((p.ln() * PRIOR_WEIGHT + o.ln() * ls) / (PRIOR_WEIGHT + ls)).exp(),
        (Some(p), None) => p,
        (None, Some(o)) => o,
        (None, None) => 1.0,
    }
}

/// The characters of each side that the alignment's pairs link.
fn linked_lengths(alignment: &Alignment) -> (f64, f64) {
    alignment
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::Pair)
        .fold((0.0, 0.0), |(ls, lt), l| {
            (ls + l.lengths.0, lt + l.lengths.1)
        })
}

/// Aligns with a given length ratio.
fn align_with(source: &Side, target: &Side, ratio: f64) -> Alignment {
    let model = Model {
        ratio,
        variance: VARIANCE,
        anchor_weight: ANCHOR_WEIGHT,
    };
    let paragraph_path = model.best_path(&source.paragraphs, &target.paragraphs);
    let mut links = Vec::new();
    for (index, step) in paragraph_path.iter().enumerate() {
        match step.shape {
            (0, _) | (_, 0) => {
                let margin = joined_margin(
                    &model,
                    &paragraph_path,
                    index,
                    &source.paragraphs,
                    &target.paragraphs,
                );
                links.push(paragraph_gap(step, source, target, margin, index));
            }
            _ => {
                let sources = sentences_of(&source.sentences, step.source, step.shape.0);
                let targets = sentences_of(&target.sentences, step.target, step.shape.1);
                sentence_links(&model, &sources, &targets, index, &mut links);
            }
        }
    }
    Alignment { links }
}

/// The characters of `units`.
fn total_len(units: Option<&[Unit]>) -> f64 {
    units.unwrap_or_default().iter().map(|u| u.len).sum()
}

/// The sentences of `count` paragraphs from `first`, in order.
fn sentences_of(sentences: &[Vec<Unit>], first: usize, count: usize) -> Vec<Unit> {
    sentences
        .get(first..first + count)
        .unwrap_or_default()
        .iter()
        .flatten()
        .cloned()
        .collect()
}

/// The link of a paragraph that one side has and the other does not.
fn paragraph_gap(step: &Step, source: &Side, target: &Side, margin: f64, index: usize) -> Link {
    let span = |units: &[Unit], first: usize, count: usize| {
        let picked = units.get(first..first + count).unwrap_or_default();
        match (picked.first(), picked.last()) {
            (Some(a), Some(b)) => a.range.start..b.range.end,
            // Nothing on this side: the gap stands after the unit before it.
            _ => {
                let at = first
                    .checked_sub(1)
                    .and_then(|i| units.get(i))
                    .map_or(0, |u| u.range.end);
                at..at
            }
        }
    };
    let (kind, sentences) = if step.shape.1 == 0 {
        (
            LinkKind::Omitted,
            sentences_of(&source.sentences, step.source, step.shape.0).len(),
        )
    } else {
        (
            LinkKind::Added,
            sentences_of(&target.sentences, step.target, step.shape.1).len(),
        )
    };
    let shape = match kind {
        LinkKind::Omitted => (sentences, 0),
        _ => (0, sentences),
    };
    let target_span = span(&target.paragraphs, step.target, step.shape.1);
    Link {
        kind,
        source: span(&source.paragraphs, step.source, step.shape.0),
        around: target_span.clone(),
        target: target_span,
        shape,
        whole_paragraph: true,
        cost: step.cost,
        margin,
        paragraph: index,
        lengths: (
            total_len(
                source
                    .paragraphs
                    .get(step.source..step.source + step.shape.0),
            ),
            total_len(
                target
                    .paragraphs
                    .get(step.target..step.target + step.shape.1),
            ),
        ),
    }
}

/// The sentence links of one paragraph link, appended to `links`.
fn sentence_links(
    model: &Model,
    sources: &[Unit],
    targets: &[Unit],
    paragraph: usize,
    links: &mut Vec<Link>,
) {
    let path = model.best_path(sources, targets);
    for (index, step) in path.iter().enumerate() {
        let picked_sources = sources
            .get(step.source..step.source + step.shape.0)
            .unwrap_or_default();
        let picked_targets = targets
            .get(step.target..step.target + step.shape.1)
            .unwrap_or_default();
        let span =
            |picked: &[Unit], all: &[Unit], first: usize| match (picked.first(), picked.last()) {
                (Some(a), Some(b)) => a.range.start..b.range.end,
                _ => {
                    let at = first
                        .checked_sub(1)
                        .and_then(|i| all.get(i))
                        .map(|u| u.range.end)
                        .or_else(|| all.get(first).map(|u| u.range.start))
                        .unwrap_or(0);
                    at..at
                }
            };
        let kind = match step.shape {
            (_, 0) => LinkKind::Omitted,
            (0, _) => LinkKind::Added,
            _ => LinkKind::Pair,
        };
        let margin = match kind {
            LinkKind::Pair => {
                // Each side left unlinked costs a gap.
                2.0 * path::GAP_PRIOR - step.cost
            }
            _ => joined_margin(model, &path, index, sources, targets),
        };
        let target_span = span(picked_targets, targets, step.target);
        let around = match kind {
            LinkKind::Omitted => uncertain_place(model, &path, index, sources, targets)
                .map_or(target_span.clone(), |r| {
                    r.start.min(target_span.start)..r.end.max(target_span.end)
                }),
            _ => target_span.clone(),
        };
        links.push(Link {
            kind,
            source: span(picked_sources, sources, step.source),
            around,
            target: target_span,
            shape: step.shape,
            whole_paragraph: false,
            cost: step.cost,
            margin,
            paragraph,
            lengths: (
                total_len(Some(picked_sources)),
                total_len(Some(picked_targets)),
            ),
        });
    }
}

/// How much more a path may cost with a left-out sentence moved past a neighbouring pair for
/// the place of the omission to count as uncertain (in nats).
const PLACE_SLACK: f64 = 0.5;

/// The translated sentences next to the omission `path[index]` (one source sentence) that the
/// left-out sentence could take instead of their own source at a cost within [`PLACE_SLACK`]:
/// the omission is then as likely on their other side. `None` where no neighbour is that close.
fn uncertain_place(
    model: &Model,
    path: &[Step],
    index: usize,
    sources: &[Unit],
    targets: &[Unit],
) -> Option<Range<usize>> {
    let gap = path.get(index).filter(|g| g.shape == (1, 0))?;
    let left_out = sources.get(gap.source..=gap.source)?;
    let neighbours = [index.checked_sub(1), index.checked_add(1)];
    let mut place: Option<Range<usize>> = None;
    for neighbour in neighbours.into_iter().flatten().filter_map(|n| path.get(n)) {
        if neighbour.shape != (1, 1) {
            continue;
        }
        let (Some(own), Some(translated)) = (
            sources.get(neighbour.source..=neighbour.source),
            targets.get(neighbour.target..=neighbour.target),
        ) else {
            continue;
        };
        let swapped = model.link_cost(left_out, translated, 0.0);
        let kept = model.link_cost(own, translated, 0.0);
        if swapped - kept <= PLACE_SLACK {
            let range = translated.first().map(|u| u.range.clone())?;
            place = Some(match place {
                Some(p) => p.start.min(range.start)..p.end.max(range.end),
                None => range,
            });
        }
    }
    place
}

/// The cost of `path[index]` (a gap) and a neighbouring pair, taken from the cost of the two
/// joined in one link: the least over both neighbours; infinite without one.
fn joined_margin(
    model: &Model,
    path: &[Step],
    index: usize,
    sources: &[Unit],
    targets: &[Unit],
) -> f64 {
    let Some(gap) = path.get(index) else {
        return f64::INFINITY;
    };
    let neighbours = [index.checked_sub(1), index.checked_add(1)];
    neighbours
        .into_iter()
        .flatten()
        .filter_map(|n| path.get(n))
        .filter(|n| n.shape.0 > 0 && n.shape.1 > 0)
        .map(|n| {
            let source_from = gap.source.min(n.source);
            let target_from = gap.target.min(n.target);
            let s = sources
                .get(source_from..source_from + gap.shape.0 + n.shape.0)
                .unwrap_or_default();
            let t = targets
                .get(target_from..target_from + gap.shape.1 + n.shape.1)
                .unwrap_or_default();
            model.link_cost(s, t, path::MERGE_PRIOR) - (gap.cost + n.cost)
        })
        .fold(f64::INFINITY, f64::min)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(text: &str) -> Side {
        let paragraphs = crate::document::paragraph_ranges(text);
        let sentences = crate::document::sentence_ranges(text);
        Side::new(text, &paragraphs, &sentences)
    }

    fn kinds(alignment: &Alignment) -> Vec<(LinkKind, Shape)> {
        alignment.links.iter().map(|l| (l.kind, l.shape)).collect()
    }

    #[test]
    fn a_dropped_sentence_is_an_omission_at_its_place() {
        let source = side(
            "Le maire a présenté le budget de 2025 hier soir. Il prévoit 14 millions d'euros pour les écoles et une nouvelle piscine municipale dans le quartier nord. Les travaux commenceront en mars.\n\nL'opposition a voté contre.",
        );
        let target_text = "The mayor presented the 2025 budget last night. Work will start in March.\n\nThe opposition voted against it.";
        let target = side(target_text);
        let alignment = align(&source, &target, Some("fr"));
        assert_eq!(
            kinds(&alignment),
            [
                (LinkKind::Pair, (1, 1)),
                (LinkKind::Omitted, (1, 0)),
                (LinkKind::Pair, (1, 1)),
                (LinkKind::Pair, (1, 1)),
            ]
        );
        let gap = &alignment.links[1];
        assert_eq!(gap.target, 47..47);
        assert!(gap.margin > 0.0);
        // The long left-out sentence fits neither neighbour: its place is certain.
        assert_eq!(gap.around, gap.target);
    }

    #[test]
    fn an_omission_beside_a_sentence_of_like_length_covers_it() {
        let source = side(
            "Le musée rouvre ses portes après deux ans. Les visiteurs ont fait la queue dès l'aube. La directrice s'est dite très émue ce matin. Le toit a été entièrement refait.",
        );
        let target_text = "The museum reopens after two years. Visitors queued from dawn. The roof has been completely redone.";
        let target = side(target_text);
        let alignment = align(&source, &target, Some("fr"));
        let gap = alignment
            .links
            .iter()
            .find(|l| l.kind == LinkKind::Omitted)
            .expect("an omission");
        // The last two source sentences are of like length and only one is translated: the
        // gap may be on either side of the last translated sentence, which is where it is.
        let covered = &target_text[gap.around.clone()];
        assert!(
            covered.contains("The roof has been completely redone."),
            "{covered:?}"
        );
    }

    #[test]
    fn sentences_without_spaces_align_with_their_translation() {
        let source =
            side("東京で２５日、新しい駅が開業した。利用者は初日だけで１万２０００人に上った。");
        let target = side(
            "A new station opened in Tokyo on the 25th. On the first day alone, 12,000 people used it.",
        );
        let alignment = align(&source, &target, Some("ja"));
        assert_eq!(
            kinds(&alignment),
            [(LinkKind::Pair, (1, 1)), (LinkKind::Pair, (1, 1))]
        );
    }
}
