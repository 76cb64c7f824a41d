//! Runs compiled rules over a document and turns their hits into located findings.

use std::sync::Arc;

use rayon::prelude::*;

use crate::checks::Hit;
use crate::document::Document;
use crate::finding::{Finding, SourcePlace};
use crate::rules::{Rule, RuleSet, SpanKind};

/// The rules of a run, ready to check documents. Shareable across threads.
#[derive(Debug)]
pub struct Engine {
    rules: RuleSet,
}

impl Engine {
    /// An engine running every rule of `rules`.
    pub fn new(rules: RuleSet) -> Self {
        Engine { rules }
    }

    /// The rules the engine runs.
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Every finding of every rule in `doc`, sorted by start (the longer first on a tie),
    /// then rule id.
    ///
    /// A large document (a whole corpus in one file) has its rules run in parallel on the
    /// current rayon pool, so one document can use every core.
    pub fn run(&self, doc: &Document) -> Vec<Finding> {
        let rules = self.rules.rules();
        let mut findings = if doc.text().len() >= PARALLEL_RULES_BYTES {
            let per_rule = rules.par_iter().map(|rule| {
                let mut findings = Vec::new();
                check_rule(doc, rule, &mut Vec::new(), &mut findings);
                findings
            });
            concat(per_rule.collect())
        } else {
            // One vector of hits for all the rules, and the findings go straight into one.
            let mut findings = Vec::new();
            let mut hits = Vec::new();
            for rule in rules {
                check_rule(doc, rule, &mut hits, &mut findings);
            }
            findings
        };
        sort_findings(&mut findings);
        findings.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.rule == b.rule);
        drop_findings_inside_blocks(&mut findings);
        drop_fixes_of_untranslated_words(&mut findings);
        drop_contradicted_suggestions(&mut findings);
        findings
    }
}

/// From this size on, a document's rules run in parallel: below it, the documents of a batch
/// already keep the cores busy, and one rule's work is too small to share out.
const PARALLEL_RULES_BYTES: usize = 256 << 10;

/// Adds the findings of one rule in `doc` to `findings`; `hits` is an empty vector to collect
/// the rule's hits in (left empty again, for the next rule).
/// A fluency finding in a paragraph written in another script is dropped: English
/// punctuation, spelling and capitals do not apply to a Korean footer or a Russian quotation
/// (what is untranslated there is an accuracy finding, kept); so is one in a document mostly
/// in another language (the `language` check says so once). So is a repetition across
/// markup.
fn check_rule(doc: &Document, rule: &Rule, hits: &mut Vec<Hit>, findings: &mut Vec<Finding>) {
    rule.detect(doc, hits);
    let fluency = rule.category.as_str().starts_with("fluency/");
    let duplication = rule.category.as_str() == "fluency/duplication";
    findings.extend(
        hits.drain(..)
            .filter(|hit| {
                !(fluency && (doc.in_foreign_paragraph(hit.span.start) || !doc.is_mostly_english()))
            })
            // Words repeated across markup (`<span>Search</span></button>… Search`) are two
            // elements of a page, not a word written twice.
            .filter(|hit| !(duplication && doc.to_original_text(hit.span.clone()).1))
            .map(|hit| locate(doc, rule, hit)),
    );
}

/// Sorts `findings` by start, the longest first on a tie (so a block comes before what it
/// contains), then rule id; findings equal in all three keep their order. Their indices are
/// sorted, not the findings (a finding is a large value, and moving it at every step of the
/// sort cost more than the comparisons); then each finding is swapped into its place, which
/// needs no second copy of them.
fn sort_findings(findings: &mut [Finding]) {
    let key = |f: &Finding| (f.start, std::cmp::Reverse(f.end));
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by(|&a, &b| match (findings.get(a), findings.get(b)) {
        (Some(a), Some(b)) => key(a).cmp(&key(b)).then_with(|| a.rule.cmp(&b.rule)),
        _ => std::cmp::Ordering::Equal,
    });
    // Where each finding goes; a swap puts one finding in its place for good.
    let mut destination = vec![0; findings.len()];
    for (place, &index) in order.iter().enumerate() {
        if let Some(slot) = destination.get_mut(index) {
            *slot = place;
        }
    }
    for i in 0..findings.len() {
        while let Some(&j) = destination.get(i)
            && j != i
        {
            findings.swap(i, j);
            destination.swap(i, j);
        }
    }
}

/// The findings of every rule in one vector, in any order (they are sorted next). The largest
/// vector grows to hold the others, which a large allocation does in place, so a document
/// with a million findings never holds two copies of them.
fn concat(mut per_rule: Vec<Vec<Finding>>) -> Vec<Finding> {
    let total = per_rule.iter().map(Vec::len).sum::<usize>();
    let Some((largest, _)) = per_rule.iter().enumerate().max_by_key(|(_, v)| v.len()) else {
        return Vec::new();
    };
    let mut all = per_rule.swap_remove(largest);
    all.reserve_exact(total - all.len());
    for findings in per_rule {
        all.extend(findings);
    }
    all
}

/// Page furniture is reported once per block, and its words are not corrected: a block finding
/// inside a larger one (a `Latest news` line inside the trailing block) is dropped, and so is a
/// correction (a fluency, terminology or locale finding) inside a block, such as a typo in a
/// navigation menu or spaced brackets in a share-price ticker: the fix for the block is to
/// remove it. Accuracy findings stay (a document not in English is reported on its first
/// sentence, which may be a menu's), and so do the other furniture rules' text findings.
/// Findings are sorted by start, and a containing block starts no later than what it contains
/// (a block comes first on a tie).
fn drop_findings_inside_blocks(findings: &mut Vec<Finding>) {
    let mut block_end: Option<usize> = None;
    findings.retain(|f| {
        let dropped_inside = f.block || f.category.corrects_words();
        if dropped_inside && block_end.is_some_and(|end| f.end <= end) {
            return false;
        }
        if f.block {
            block_end = Some(block_end.map_or(f.end, |end| end.max(f.end)));
        }
        true
    });
}

/// Words another finding calls untranslated are not corrected word by word: a fluency
/// finding inside an `accuracy/untranslated` run of several words (a misspelling, a repeated
/// word of a French sentence) is dropped, since the fix is to translate the run. A single word
/// called untranslated may be a typo as well (`foudn`): both findings stay.
fn drop_fixes_of_untranslated_words(findings: &mut Vec<Finding>) {
    let untranslated: Vec<(usize, usize)> = findings
        .iter()
        .filter(|f| f.category.as_str() == "accuracy/untranslated" && f.text.contains(' '))
        .map(|f| (f.start, f.end))
        .collect();
    if untranslated.is_empty() {
        return;
    }
    findings.retain(|f| {
        !f.category.as_str().starts_with("fluency/")
            || !untranslated
                .iter()
                .any(|&(start, end)| start <= f.start && f.end <= end)
    });
}

/// A consistency rule does not ask for what another rule flags: an inconsistency finding whose
/// every suggestion is a text another rule flags and corrects (`name-variants` asking for
/// `Kiev` where `ukrainian-place-names` asks `Kiev` to be `Kyiv`) is dropped.
fn drop_contradicted_suggestions(findings: &mut Vec<Finding>) {
    let corrected: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| !f.suggestions.is_empty())
        .map(|f| (f.text.as_str(), &*f.rule))
        .collect();
    if corrected.len() < 2 {
        return;
    }
    let contradicted: Vec<bool> = findings
        .iter()
        .map(|f| {
            f.category.as_str() == "fluency/inconsistency"
                && !f.suggestions.is_empty()
                && f.suggestions.iter().all(|s| {
                    corrected
                        .iter()
                        .any(|&(text, rule)| text == s && rule != &*f.rule)
                })
        })
        .collect();
    let mut index = 0;
    findings.retain(|_| {
        let keep = !contradicted.get(index).copied().unwrap_or(false);
        index += 1;
        keep
    });
}

/// Maps a hit onto the original text and fills in the rule's metadata.
/// Findings of a block rule cover whole blocks, markup between them included, and lose their
/// suggestions when they cross markup (a fix would rewrite it); every other finding covers text
/// only, and loses its suggestions if markup cut it short (they were meant for the whole span).
fn locate(doc: &Document, rule: &Rule, mut hit: Hit) -> Finding {
    let block = rule.span == SpanKind::Block;
    let span = if block {
        if !hit.suggestions.is_empty() && doc.to_original_text(hit.span.clone()).1 {
            hit.suggestions.clear();
        }
        doc.to_original(hit.span)
    } else {
        let (text_only, cut) = doc.to_original_text(hit.span);
        if cut {
            hit.suggestions.clear();
        }
        text_only
    };
    let start = doc.line_column(span.start);
    let end = doc.line_column(span.end);
    Finding {
        rule: rule.id.clone(),
        category: rule.category,
        severity: rule.severity,
        message: hit.message.map_or_else(|| rule.message.clone(), Arc::from),
        text: doc.original()[span.clone()].to_owned(),
        start: span.start,
        end: span.end,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        suggestions: hit.suggestions,
        source: hit.source.and_then(|span| source_place(doc, span)),
        block,
    }
}

/// Where a span of the document's source is, for a bilingual hit, with the source segment
/// the span is in.
fn source_place(doc: &Document, span: std::ops::Range<usize>) -> Option<SourcePlace> {
    let bitext = doc.bitext()?;
    let located = bitext.locate(span.clone(), doc.original());
    let sentence = bitext
        .pairs()
        .iter()
        .find(|pair| pair.source.start <= span.start && span.end <= pair.source.end)
        .map(|pair| bitext.source_text(pair.source.clone()).trim())
        .filter(|sentence| sentence.len() > located.text.len())
        .map(str::to_owned);
    Some(SourcePlace {
        start: located.range.start,
        end: located.range.end,
        line: located.start.line,
        column: located.start.column,
        text: located.text,
        sentence,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::taxonomy::{Category, Severity};

    #[test]
    fn fluency_rules_leave_paragraphs_in_another_script_alone() {
        let engine = Engine::new(crate::rules::RuleSet::builtin().unwrap());
        let text =
            "The council met on Monday , in the hall.\n\n[ 발행인 및 편집인 : 최명희 ] 기사 제보 .";
        let doc = Document::new(text);
        assert!(doc.in_foreign_paragraph(text.find('발').unwrap()));
        assert!(!doc.in_foreign_paragraph(3));
        let found: Vec<(String, &str, usize)> = engine
            .run(&doc)
            .iter()
            .map(|f| (f.rule.to_string(), f.category.as_str(), f.start))
            .collect();
        assert!(
            found.iter().any(|(r, ..)| r == "spaced-punctuation"),
            "{found:?}"
        );
        // The Korean paragraph's ` .` is no finding; that it is untranslated still is.
        let korean = text.find("\n\n").unwrap();
        let fluency = found.iter().filter(|(_, c, _)| c.starts_with("fluency/"));
        assert!(fluency.clone().all(|(.., at)| *at < korean), "{found:?}");
        assert!(
            found.iter().any(|(r, ..)| r == "untranslated-sentence"),
            "{found:?}"
        );
    }

    #[test]
    fn words_of_page_furniture_are_not_corrected_but_what_is_untranslated_is_said() {
        let engine = Engine::new(crate::rules::RuleSet::builtin().unwrap());
        let text = "The harbour board met on Tuesday , and voted to keep the ferry running.\n\n\
             Read also : le conseil municipal se réunira de nouveau en mars pour le budget\n\n\
             The board will vote on the budget in March and publish it in April.\n";
        let found: Vec<(String, &str)> = engine
            .run(&Document::new(text))
            .iter()
            .map(|f| (f.rule.to_string(), &text[f.start..f.end]))
            .collect();
        let rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
        // The article's slip is reported; the furniture line once, as a block; inside it, the
        // spaced colon and the French `se` taken for a typo are not, the French word is.
        assert_eq!(
            rules,
            [
                "spaced-punctuation",
                "boilerplate-lead",
                "untranslated-words"
            ],
            "{found:?}"
        );
        assert_eq!(found.first().map(|(_, t)| *t), Some(" ,"));
        assert_eq!(found.last().map(|(_, t)| *t), Some("réunira"));
    }

    #[test]
    fn a_document_in_another_language_gets_one_finding_and_no_fluency_ones() {
        let engine = Engine::new(crate::rules::RuleSet::builtin().unwrap());
        let paragraph = "A feira do livro abriu as portas no sábado , e os os visitantes \
             encheram as ruas do centro histórico até ao fim da tarde. ";
        let doc = Document::new(paragraph.repeat(6));
        let found: Vec<(String, &str)> = engine
            .run(&doc)
            .iter()
            .map(|f| (f.rule.to_string(), f.category.as_str()))
            .collect();
        assert_eq!(
            found,
            [("untranslated-document".to_owned(), "accuracy/untranslated")]
        );
        // The same slips in English are each reported.
        let english = "The book fair opened its doors on Saturday , and the the visitors \
             filled the streets of the old town until late afternoon. ";
        let doc = Document::new(english.repeat(6));
        let rules: Vec<String> = engine
            .run(&doc)
            .iter()
            .map(|f| f.rule.to_string())
            .collect();
        assert!(
            rules.contains(&"spaced-punctuation".to_owned()),
            "{rules:?}"
        );
        assert!(rules.contains(&"repeated-word".to_owned()), "{rules:?}");
        assert!(
            !rules.contains(&"untranslated-document".to_owned()),
            "{rules:?}"
        );
    }

    #[test]
    fn words_called_untranslated_are_not_spell_corrected_one_by_one() {
        let engine = Engine::new(crate::rules::RuleSet::builtin().unwrap());
        let doc = Document::new("The talks will resume, selon le ministre, next week.");
        let rules: Vec<String> = engine
            .run(&doc)
            .iter()
            .map(|f| f.rule.to_string())
            .collect();
        assert_eq!(rules, ["untranslated-words"]);
    }

    #[test]
    fn no_rule_asks_for_a_spelling_another_rule_flags() {
        let engine = Engine::new(crate::rules::RuleSet::builtin().unwrap());
        let doc = Document::new(
            "Officials in Kiev met on Monday. Later, the mayor of Kiev spoke. In Kyiv, the talks went on.",
        );
        let found: Vec<(String, String)> = engine
            .run(&doc)
            .iter()
            .map(|f| (f.rule.to_string(), f.text.clone()))
            .collect();
        assert!(
            found
                .iter()
                .all(|(rule, _)| rule == "ukrainian-place-names"),
            "{found:?}"
        );
        assert_eq!(found.len(), 2);
    }

    fn finding(start: usize, length: usize, rule: &str, order: usize) -> Finding {
        Finding {
            rule: Arc::from(rule),
            category: Category::FluencySpelling,
            severity: Severity::Minor,
            message: Arc::from(""),
            start,
            end: start + length,
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            text: order.to_string(),
            suggestions: Vec::new(),
            source: None,
            block: false,
        }
    }

    proptest! {
        /// Findings sort as a stable sort by start, longest first, then rule id puts them,
        /// ties in their first order.
        #[test]
        fn findings_sort_as_a_stable_sort_puts_them(
            spans in proptest::collection::vec((0usize..6, 0usize..3, 0usize..3), 0..40),
        ) {
            let rules = ["a-rule", "b-rule", "c-rule"];
            let findings: Vec<Finding> = spans
                .iter()
                .enumerate()
                .map(|(i, &(start, length, rule))| finding(start, length, rules[rule], i))
                .collect();
            let mut expected = findings.clone();
            expected.sort_by(|a, b| {
                (a.start, std::cmp::Reverse(a.end), &a.rule).cmp(&(b.start, std::cmp::Reverse(b.end), &b.rule))
            });
            let mut sorted = findings;
            sort_findings(&mut sorted);
            let order = |f: &[Finding]| f.iter().map(|f| f.text.clone()).collect::<Vec<_>>();
            prop_assert_eq!(order(&sorted), order(&expected));
        }
    }
}
