//! Properties of the document model and the engine over arbitrary text.

use std::sync::OnceLock;

use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

use mtlint::document::Document;
use mtlint::engine::Engine;
use mtlint::input::{Markup, Source};
use mtlint::rules::RuleSet;
use mtlint::taxonomy::Category;

/// Text made of up to `most` of `pieces`, in any order and repeated.
fn concatenated(pieces: Vec<&'static str>, most: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(pieces), 0..most).prop_map(|parts| parts.concat())
}

/// Text built from pieces that stress the model: combining marks, curly quotes, line ends of
/// every kind, a byte order mark, abbreviations, emoji and punctuation.
fn tricky_text() -> impl Strategy<Value = String> {
    concatenated(
        vec![
            "a",
            "Word",
            " ",
            "  ",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            ".",
            ",",
            " ,",
            "?",
            "“",
            "”",
            "’",
            "'",
            "-",
            "e\u{301}",
            "é",
            "\u{feff}",
            "U.S.",
            "Mr.",
            "😀",
            "Ω",
            "1,000",
            "\t",
            "Kiev",
            "Comments are closed.",
            "(",
            ")",
            "\u{a0}",
            "ſ",
            "Å",
            "A\u{30a}",
            "\u{0}",
        ],
        60,
    )
}

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(RuleSet::builtin().unwrap()))
}

fn on_boundaries(text: &str, span: &std::ops::Range<usize>) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

proptest! {
    #[test]
    fn every_segment_lies_on_char_boundaries(text in tricky_text()) {
        let doc = Document::new(text);
        let checked = doc.text();
        for span in doc.lines().iter().chain(doc.paragraphs()).chain(doc.sentences()) {
            prop_assert!(on_boundaries(checked, span), "{span:?} in {checked:?}");
        }
        for token in doc.tokens() {
            prop_assert!(on_boundaries(checked, &token.range()));
            prop_assert!(!doc.token_text(*token).is_empty());
        }
    }

    #[test]
    fn normalized_spans_map_back_onto_the_same_characters(text in tricky_text()) {
        let doc = Document::new(text);
        for token in doc.tokens() {
            let original = doc.to_original(token.range());
            prop_assert!(on_boundaries(doc.original(), &original));
            let back: String = doc.original()[original].nfc().collect();
            prop_assert!(
                back.contains(doc.token_text(*token)),
                "{back:?} does not hold {:?}", doc.token_text(*token)
            );
        }
    }

    #[test]
    fn any_string_maps_whole_text_spans_back(text in any::<String>()) {
        let doc = Document::new(text);
        let all = doc.to_original(0..doc.text().len());
        prop_assert!(on_boundaries(doc.original(), &all));
        let back: String = doc.original()[all].nfc().collect();
        prop_assert_eq!(back.as_str(), doc.text());
    }

    #[test]
    fn findings_are_sorted_located_and_deterministic(text in tricky_text()) {
        let doc = Document::new(text.clone());
        let findings = engine().run(&doc);
        for pair in findings.windows(2) {
            let key = |f: &mtlint::finding::Finding| (f.start, std::cmp::Reverse(f.end));
            prop_assert!(key(&pair[0]) <= key(&pair[1]));
        }
        for f in &findings {
            prop_assert!(on_boundaries(&text, &(f.start..f.end)));
            prop_assert_eq!(&text[f.start..f.end], f.text.as_str());
            let position = doc.line_column(f.start);
            prop_assert_eq!((position.line, position.column), (f.line, f.column));
        }
        let again = engine().run(&Document::new(text));
        prop_assert_eq!(findings, again);
    }
}

/// Markdown built from pieces that exercise the extraction: code, links, HTML, entities, tables.
fn tricky_markdown() -> impl Strategy<Value = String> {
    concatenated(
        vec![
            "word ",
            "# ",
            "\n",
            "\n\n",
            "`code`",
            "```\nfence\n```\n",
            "[link](http://x.y)",
            "<http://a.b>",
            "<b>",
            "</b>",
            "&amp;",
            "&eacute;",
            "| a | b |\n|---|---|\n| c | d |\n",
            "- item\n",
            "> quote\n",
            "*em*",
            "the the ",
            " , ",
            "“Quote” ",
            "é",
            "e\u{301}",
            "\u{a0}",
            "---\nk: v\n---\n",
            "\\*",
        ],
        40,
    )
}

proptest! {
    #[test]
    fn markdown_findings_point_into_the_markdown_outside_code(md in tricky_markdown()) {
        let extracted = mtlint::document::markdown::extract(&md);
        let doc = Document::from_extracted(md.clone(), extracted.prose, extracted.map);
        for token in doc.tokens() {
            let original = doc.to_original(token.range());
            prop_assert!(on_boundaries(&md, &original), "{original:?} in {md:?}");
        }
        for f in engine().run(&doc) {
            prop_assert!(on_boundaries(&md, &(f.start..f.end)));
            prop_assert_eq!(&md[f.start..f.end], f.text.as_str());
            // A word-level finding never lands in code (block findings may span code), and
            // only furniture findings, which cover whole blocks, may cover markup.
            if !f.text.contains(char::is_whitespace) {
                prop_assert!(!f.text.contains('`'), "a finding inside code: {:?}", f);
            }
            if f.category != Category::DesignBoilerplate {
                prop_assert!(!f.text.contains("<b>") && !f.text.contains("</b>"), "{:?}", f);
            }
        }
    }
}

/// HTML built from tags, entities, hidden content and prose with artifacts.
fn tricky_html() -> impl Strategy<Value = String> {
    concatenated(
        vec![
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<em>",
            "</em>",
            "<br>",
            "<li>",
            "<div hidden>",
            "<div>",
            "</div>",
            "<script>if (a < b) { the = 'the the'; }</script>",
            "<style>p { color: red }</style>",
            "<template>the the</template>",
            "<svg><text>the the</text></svg>",
            "<!-- note -->",
            "<!-- mtlint-disable -->",
            "<!-- mtlint-enable -->",
            "<!-- mtlint-disable-next-line repeated-word -->",
            "&amp;",
            "&ldquo;",
            "&rdquo;",
            "&#8217;",
            "&#x2019;",
            "&bogus;",
            "&",
            "the the ",
            " , ",
            "Word",
            "é",
            "e\u{301}",
            "\n",
            "  ",
            "“Quote” ",
            "Comments are closed.",
            "\u{a0}",
            "<",
            ">",
        ],
        50,
    )
}

proptest! {
    #[test]
    fn html_findings_point_at_text_never_at_markup(html in tricky_html()) {
        let extracted = mtlint::document::html::extract(&html);
        for comment in &extracted.comments {
            prop_assert!(html[comment.range.clone()].starts_with("<!--"));
        }
        let (prose, map) = (extracted.prose.clone(), extracted.map.clone());
        let doc = Document::from_extracted(html.clone(), extracted.prose, extracted.map);
        for token in doc.tokens() {
            let original = doc.to_original(token.range());
            prop_assert!(on_boundaries(&html, &original), "{original:?} in {html:?}");
        }
        for f in engine().run(&doc) {
            prop_assert!(on_boundaries(&html, &(f.start..f.end)));
            prop_assert_eq!(&html[f.start..f.end], f.text.as_str());
            // The review page finds each finding again in the text as the reader sees it.
            let shown = map.to_text(f.start..f.end);
            prop_assert!(on_boundaries(&prose, &shown), "{shown:?} in {prose:?}");
            prop_assert_eq!(shown.is_empty(), f.start == f.end, "{:?} lost in {:?}", f, prose);
            if f.category != Category::DesignBoilerplate {
                let decoded = html_escape::decode_html_entities(&f.text);
                for tag in ["<p>", "</p>", "<b>", "</b>", "<em>", "</em>", "<br>", "<li>", "<div", "<!--", "<script", "<svg", "<template"] {
                    prop_assert!(!decoded.contains(tag), "{f:?} covers markup in {html:?}");
                }
                // A stray `<` before a letter opens a tag of its own that swallows what follows
                // (`<Word<script>` is one element named `word<script`): the text after it is
                // visible, and only unambiguous pages are held to hiding it.
                let known = ["<p>", "</p>", "<b>", "</b>", "<em>", "</em>", "<br>", "<li>", "<div", "</div>", "<script>", "</script>", "<style>", "</style>", "<template>", "</template>", "<svg>", "</svg>", "<text>", "</text>"];
                let ambiguous = html.match_indices('<').any(|(i, _)| {
                    let rest = &html[i..];
                    rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
                        && !known.iter().any(|tag| rest.starts_with(tag))
                });
                if !ambiguous {
                    for hidden in ["if (a", "color: red", "<text>"] {
                        prop_assert!(!f.text.contains(hidden), "{f:?} reads hidden text");
                    }
                }
            }
        }
    }
}

/// A linter with the built-in rules, for the whole pipeline.
fn linter() -> &'static mtlint::linter::Linter {
    static LINTER: OnceLock<mtlint::linter::Linter> = OnceLock::new();
    LINTER.get_or_init(|| mtlint::linter::Linter::new(Engine::new(RuleSet::builtin().unwrap())))
}

proptest! {
    /// Arbitrary bytes, decoded as a file would be, through every reader, every rule and
    /// every report format: no panic, findings on char boundaries of the original, in order.
    #[test]
    fn arbitrary_bytes_through_every_reader_rule_and_format(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        which in 0u8..3,
    ) {
        use mtlint::input::decode_owned;
        use mtlint::report::{Emitter, Format, HumanOptions};
        let (text, _) = decode_owned(bytes);
        let markup = [Markup::Plain, Markup::Markdown, Markup::Html][usize::from(which)];
        let report = linter().lint(Source {
            name: "arbitrary".to_owned(),
            id: None,
            text: text.clone(),
            markup,
            warnings: Vec::new(),
            ..Source::default()
        });
        for f in &report.findings {
            prop_assert!(on_boundaries(&text, &(f.start..f.end)), "{f:?}");
            prop_assert_eq!(&text[f.start..f.end], f.text.as_str());
        }
        prop_assert!(report.findings.windows(2).all(|w| w[0].start <= w[1].start));
        for format in [Format::Human, Format::Json, Format::Jsonl, Format::Sarif, Format::Github,
                       Format::Junit, Format::Rdjson, Format::Html] {
            let mut out = Vec::new();
            let mut emitter = Emitter::new(format, HumanOptions::default(), Vec::new(), &mut out);
            emitter.document(report.clone()).unwrap();
            emitter.finish(&[]).unwrap();
            prop_assert!(!out.is_empty());
        }
    }

    /// Arbitrary Unicode as Markdown and as HTML: the readers' maps stay on char boundaries.
    #[test]
    fn arbitrary_unicode_markup_maps_onto_the_original(text in any::<String>()) {
        for extracted in [mtlint::document::markdown::extract(&text), mtlint::document::html::extract(&text)] {
            for comment in &extracted.comments {
                prop_assert!(on_boundaries(&text, &comment.range));
            }
            let doc = Document::from_extracted(text.clone(), extracted.prose, extracted.map);
            for token in doc.tokens() {
                prop_assert!(on_boundaries(&text, &doc.to_original(token.range())));
                prop_assert!(on_boundaries(&text, &doc.to_original_text(token.range()).0));
            }
        }
    }

    /// Arbitrary bytes as JSON Lines: at most one record per line, never a panic.
    #[test]
    fn arbitrary_json_lines_yield_at_most_one_record_per_line(
        bytes in prop::collection::vec(any::<u8>(), 0..300),
    ) {
        use mtlint::input::{JsonlFields, Records};
        let lines = bytes.split(|&b| b == b'\n').count();
        let reader = Box::new(std::io::Cursor::new(bytes));
        let records = Records::new("x.jsonl".to_owned(), reader, JsonlFields::default(), u64::MAX).count();
        prop_assert!(records <= lines);
    }
}

/// A rule of check kind `check` in `category`, with a placeholder message and explanation, and
/// `params` (TOML lines) as its `[rule.params]`.
fn rule_toml(id: &str, check: &str, category: &str, params: &str) -> String {
    format!(
        "[[rule]]\nid = \"{id}\"\ncheck = \"{check}\"\ncategory = \"{category}\"\n\
         severity = \"major\"\nmessage = \"m\"\nexplain = \"e\"\n[rule.params]\n{params}\n"
    )
}

/// The rules of `toml`, loaded from a rules folder of their own.
fn rules_from(toml: &str) -> RuleSet {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rules.toml"), toml).unwrap();
    RuleSet::from_dirs(&[dir.path().to_path_buf()]).unwrap()
}

/// The spans of the findings of `rule`, in order.
fn spans_of(findings: &[mtlint::finding::Finding], rule: &str) -> Vec<(usize, usize)> {
    findings
        .iter()
        .filter(|f| &*f.rule == rule)
        .map(|f| (f.start, f.end))
        .collect()
}

/// The `untranslated-words` and `untranslated-sentence` rules loaded from a rules folder of
/// their own, with the common-word table (`frequency`) or without it.
fn untranslated_rules(common_table: bool) -> RuleSet {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let list = |name: &str| root.join(name).display().to_string().replace('\\', "/");
    let frequency = if common_table {
        format!("frequency = \"{}\"", list("dict/frequency-en.txt"))
    } else {
        String::new()
    };
    let languages = ["cs", "de", "es", "fr", "it", "pl", "pt"]
        .map(|code| format!("{code} = \"{}\"", list(&format!("untranslated/{code}.txt"))))
        .join(", ");
    let rule = |id: &str, unit: &str| {
        let params = format!(
            "unit = \"{unit}\"\nlanguages = {{ {languages} }}\nenglish = [\"{}\", \"{}\"]\n{frequency}",
            list("untranslated/en.txt"),
            list("en/loanwords.txt"),
        );
        rule_toml(id, "untranslated", "accuracy/untranslated", &params)
    };
    rules_from(&(rule("words", "words") + &rule("sentence", "sentence")))
}

/// Sentences of common English words, words English shares with French or German, foreign
/// words, names, capitals (of English, shared and foreign words) and web addresses.
fn mixed_language_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "the",
        "of",
        "and",
        "a",
        "in",
        "on",
        "son",
        "die",
        "hand",
        "also",
        "chat",
        "pain",
        "question",
        "nous",
        "avons",
        "selon",
        "le",
        "ministre",
        "les",
        "und",
        "wichtigen",
        "schnell",
        "über",
        "plötzlich",
        "The",
        "Le",
        "Die",
        "Paris",
        "Berlin",
        "Bundestag",
        "NATO",
        "2024",
        "site.com",
        "www",
        "café",
        "coup",
        "d'état",
        "élection",
        "zawsze",
        "když",
        "talks",
        "will",
        "resume",
        "next",
        "week",
        "minister",
        "said",
        "De",
        "de",
        "Nous",
        "Selon",
        "Und",
        "In",
        "Son",
        "Chat",
        "Pain",
        "Hand",
        "Also",
        "Question",
    ]);
    let separators = prop::sample::select(vec![" ", " ", " ", ", ", ". ", "\n\n", "-"]);
    prop::collection::vec((words, separators), 0..40).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(word, separator)| [word, separator])
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Classifying the commonest words once, when the rules load, is only a shortcut: the
    /// rules flag the same words with the table as without it.
    #[test]
    fn the_common_word_table_changes_no_untranslated_finding(text in mixed_language_text()) {
        static RULES: OnceLock<[Engine; 2]> = OnceLock::new();
        let [with_table, without] = RULES.get_or_init(|| {
            [Engine::new(untranslated_rules(true)), Engine::new(untranslated_rules(false))]
        });
        let spans = |engine: &Engine| -> Vec<(String, usize, usize)> {
            engine
                .run(&Document::new(text.clone()))
                .into_iter()
                .map(|f| (f.rule.to_string(), f.start, f.end))
                .collect()
        };
        prop_assert_eq!(spans(with_table), spans(without));
    }
}

/// A capitalized common word whose lower-case form is foreign can still be a name English
/// knows: the table leaves it to the full classification. `paris` is foreign in these lists
/// and common by their frequency list; `Paris` is a name the dictionary knows.
#[test]
fn a_capitalized_common_word_that_is_foreign_in_lower_case_is_classified_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write("frequency.txt", "the 100\nparis 50\nselon 10\n");
    write("foreign.txt", "paris\nselon\n");
    write("english.txt", "the\n");
    let rule = |frequency: &str| {
        let params = format!(
            "languages = {{ fr = \"foreign.txt\" }}\nenglish = [\"english.txt\"]\n{frequency}"
        );
        rule_toml("words", "untranslated", "accuracy/untranslated", &params)
    };
    let flagged = |frequency: &str| -> Vec<String> {
        write("untranslated.toml", &rule(frequency));
        let engine = Engine::new(RuleSet::from_dirs(&[dir.path().to_path_buf()]).unwrap());
        let text = "They met in Paris selon the plan, and Paris was calm again.";
        engine
            .run(&Document::new(text))
            .into_iter()
            .map(|f| f.text)
            .collect()
    };
    let with_table = flagged("frequency = \"frequency.txt\"");
    assert_eq!(with_table, ["selon"]);
    assert_eq!(with_table, flagged(""));
}

/// The letter-case modes of the `phrases` check.
const CASES: [&str; 3] = ["exact", "insensitive", "smart"];

/// Two `phrases` rules over the same phrases, one that wants them opening a line and one that
/// takes them anywhere; `case` as given. Not furniture: the engine would keep only one of
/// two furniture findings on the same span.
fn phrase_rules(case: &str) -> Engine {
    let rule = |id: &str, position: &str| {
        let params = format!(
            "phrases = [\"read more\", \"read\", \"More stories\", \"share\"]\n\
             case = \"{case}\"\nposition = \"{position}\""
        );
        rule_toml(id, "phrases", "terminology/wrong-term", &params)
    };
    Engine::new(rules_from(
        &(rule("line-start", "line-start") + &rule("anywhere", "anywhere")),
    ))
}

/// Lines of the phrases in several cases, parts of them, other words, blanks of several kinds
/// before them and every kind of line end.
fn phrase_lines() -> impl Strategy<Value = String> {
    concatenated(
        vec![
            "read more",
            "Read More",
            "READ",
            "read",
            "reader",
            "More stories",
            "more stories",
            "share",
            "Share",
            "shared",
            "word",
            " ",
            "  ",
            "\t",
            "\u{A0}",
            "\u{2003}",
            "\n",
            "\r\n",
            "\r",
            ".",
            ": ",
            "é",
        ],
        40,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A phrase that must open its line is searched for only where a line's text starts;
    /// it finds what a search everywhere finds there.
    #[test]
    fn line_start_phrases_are_those_found_anywhere_that_open_their_line(
        text in phrase_lines(),
        case in 0..CASES.len(),
    ) {
        static ENGINES: OnceLock<[Engine; 3]> = OnceLock::new();
        let engine = &ENGINES.get_or_init(|| CASES.map(phrase_rules))[case];
        let findings = engine.run(&Document::new(text.clone()));
        let opens_line = |start: usize| {
            let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            text[line_start..start].trim().is_empty()
        };
        let expected: Vec<(usize, usize)> = spans_of(&findings, "anywhere")
            .into_iter()
            .filter(|&(s, _)| opens_line(s))
            .collect();
        prop_assert_eq!(spans_of(&findings, "line-start"), expected);
    }
}

/// A line-scope pattern anchored with `\A` or `\z` holds at each line's start or end, as it
/// does on the line alone, even with no literal to search for first: the scan of the whole
/// text that picks candidate lines would see those anchors only at the document's ends.
#[test]
fn line_scope_patterns_with_absolute_anchors_hold_on_every_line() {
    let rule = |id: &str, pattern: &str| {
        let params = format!("pattern = '{pattern}'\nscope = \"line\"");
        rule_toml(id, "pattern", "fluency/punctuation", &params)
    };
    let engine = Engine::new(rules_from(
        &(rule("opens", r"\A\p{Lu}{3}") + &rule("closes", r"\p{Ll}{3}\z")),
    ));
    let findings = engine.run(&Document::new("ABC one\nDEF two\r\nGHI six".to_owned()));
    assert_eq!(spans_of(&findings, "opens"), [(0, 3), (8, 11), (17, 20)]);
    assert_eq!(spans_of(&findings, "closes"), [(4, 7), (12, 15), (21, 24)]);
}

/// Markup for the fixer: prose with artifacts inside and around tags, delimiters and code.
fn fixable_markup() -> impl Strategy<Value = (String, Markup)> {
    let html = concatenated(
        vec![
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<code>",
            "</code>",
            "<pre>",
            "</pre>",
            "<br>",
            "<li>",
            "paper",
            "NYT",
            "the the ",
            " , ",
            " .",
            "Kiev",
            "&amp;",
            "“Frank” ",
            "word ",
            "Comments are closed.",
            "\n",
            "  ",
            "which ",
            "Teh ",
        ],
        40,
    )
    .prop_map(|text| (text, Markup::Html));
    let markdown = concatenated(
        vec![
            "**",
            "*",
            "`",
            "`the the`",
            "![chart](c.png) ",
            "[link](x.org)",
            "\n\n",
            "- ",
            "  - ",
            "paper",
            "NYT",
            "the the ",
            " , ",
            " .",
            "Kiev",
            "which ",
            "“Frank” ",
            "word ",
            "\n",
            "```\nthe the ,\n```\n",
            "Teh ",
        ],
        40,
    )
    .prop_map(|text| (text, Markup::Markdown));
    prop_oneof![html, markdown]
}

/// What a fix must never change: HTML's tags and the text of its code elements; Markdown's
/// structure, code and HTML as the parser reads them.
fn markup_of(text: &str, markup: Markup) -> Vec<String> {
    match markup {
        Markup::Html => {
            let mut kept = Vec::new();
            let mut rest = text;
            while let Some(open) = rest.find('<') {
                let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
                let tag = &rest[open..close];
                kept.push(tag.to_owned());
                if tag.starts_with("<code>") || tag.starts_with("<pre>") {
                    let end = rest[close..].find("</").map_or(rest.len(), |e| close + e);
                    kept.push(rest[close..end].to_owned());
                }
                rest = &rest[close..];
            }
            kept
        }
        _ => {
            use pulldown_cmark::{Event, Parser, Tag, TagEnd};
            let mut in_code = false;
            Parser::new(text)
                .filter_map(|event| match event {
                    Event::Start(Tag::CodeBlock(_)) => {
                        in_code = true;
                        Some("code block".to_owned())
                    }
                    Event::End(TagEnd::CodeBlock) => {
                        in_code = false;
                        Some("end of code block".to_owned())
                    }
                    Event::Text(t) if in_code => Some(t.into_string()),
                    Event::Text(_) | Event::SoftBreak | Event::HardBreak => None,
                    other => Some(format!("{other:?}")),
                })
                .collect()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Applying every suggestion (safe or not) keeps the markup and the code as they were, and
    /// the result reads again.
    #[test]
    fn fixes_never_cross_markup_or_touch_code((text, markup) in fixable_markup()) {
        let source = Source { name: "fix".to_owned(), text: text.clone(), markup, ..Source::default() };
        let report = linter().lint(source.clone());
        let edits = mtlint::fix::edits_for(linter(), &report, markup, true);
        let fixed = mtlint::fix::apply(&text, &edits);
        prop_assert_eq!(markup_of(&fixed, markup), markup_of(&text, markup), "{:?} -> {:?}", text, fixed);
        let again = linter().lint(Source { text: fixed, ..source });
        prop_assert!(again.findings.iter().all(|f| f.end <= again.text.len()));
    }
}

/// Source sentences for the bilingual property: numbers of every convention, names, negations,
/// questions and scripts written without spaces.
fn tricky_source() -> impl Strategy<Value = String> {
    concatenated(
        vec![
            "Le ",
            "pont ",
            "n'a pas ",
            "rouvert ",
            "en 1987",
            " 4 200",
            " 2,5 millions",
            "3.5万",
            "第十次",
            "Москва ",
            "Сергей ",
            "कोहली ",
            "Genève",
            "?",
            "!",
            "。",
            "« ",
            " »",
            "é",
            "e\u{301}",
            "\u{feff}",
            "\n",
            " ",
            "Ω",
            "😀",
            "sept",
            "Straße",
            "&",
            "<g>",
        ],
        30,
    )
}

proptest! {
    /// A translation checked against its source: every finding lies on char boundaries of
    /// the translation, and its source span on char boundaries of the source, whatever the
    /// two texts hold.
    #[test]
    fn bilingual_findings_lie_on_char_boundaries_of_both_texts(
        target in tricky_text(),
        source in tricky_source(),
        lang in prop::sample::select(vec!["fr", "de", "zh", "ru", "hi", "ja", "xx"]),
    ) {
        let report = linter().lint(Source {
            name: "pair".to_owned(),
            text: target.clone(),
            source_text: Some(mtlint::input::SourceText::new(source.clone(), Some(lang))),
            ..Source::default()
        });
        for f in &report.findings {
            prop_assert!(on_boundaries(&target, &(f.start..f.end)), "{f:?}");
            prop_assert_eq!(&target[f.start..f.end], f.text.as_str());
            if let Some(place) = &f.source {
                prop_assert!(on_boundaries(&source, &(place.start..place.end)), "{f:?}");
                prop_assert_eq!(&source[place.start..place.end], place.text.as_str());
            }
        }
    }

    /// Arbitrary text inside an XLIFF target and source: the reader never panics, and every
    /// finding points into the file on char boundaries.
    #[test]
    fn xliff_findings_point_into_the_file(target in tricky_text(), source in tricky_source()) {
        let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('\u{0}', "");
        let file = format!(
            "<xliff version=\"1.2\"><file source-language=\"fr\"><body><trans-unit id=\"1\">\
             <source>{}</source><target>{}</target></trans-unit></body></file></xliff>",
            escape(&source),
            escape(&target)
        );
        let report = linter().lint(Source {
            name: "pair.xlf".to_owned(),
            text: file.clone(),
            markup: Markup::Xliff,
            ..Source::default()
        });
        for f in &report.findings {
            prop_assert!(on_boundaries(&file, &(f.start..f.end)), "{f:?}");
            if let Some(place) = &f.source {
                prop_assert!(on_boundaries(&file, &(place.start..place.end)), "{f:?}");
            }
        }
    }
}

/// Articles of a few paragraphs: sentences of any length, numbers, names, blank lines.
fn article() -> impl Strategy<Value = String> {
    concatenated(
        vec![
            "Le conseil a voté. ",
            "Une phrase bien plus longue que les autres, avec 1 250 mots et Paris. ",
            "東京で２５日に開業した。",
            "Короткая фраза. ",
            "\n\n",
            "\n",
            "? ",
            "Mr. ",
            "",
        ],
        30,
    )
}

proptest! {
    /// Whatever the two articles, the alignment's links go through both in order: every
    /// sentence of each side is in exactly one link, no link runs backwards, and every span is
    /// on char boundaries of its side.
    #[test]
    fn alignment_links_cover_both_sides_in_order(source in article(), target in tricky_text()) {
        let doc = Document::new(target).aligned_with(source.clone(), Some("fr"), None);
        let text = doc.text();
        let alignment = doc.bitext().unwrap().alignment().unwrap();
        let (mut source_end, mut target_end) = (0, 0);
        for link in &alignment.links {
            prop_assert!(on_boundaries(&source, &link.source), "{link:?}");
            prop_assert!(on_boundaries(text, &link.target), "{link:?}");
            prop_assert!(link.source.start >= source_end || link.source.is_empty(), "{link:?}");
            prop_assert!(link.target.start >= target_end || link.target.is_empty(), "{link:?}");
            source_end = source_end.max(link.source.end);
            target_end = target_end.max(link.target.end);
        }
        let source_sentences = mtlint::document::sentence_ranges(&source).len();
        let linked: usize = alignment.links.iter().map(|l| l.shape.0).sum();
        prop_assert_eq!(linked, source_sentences);
        let linked: usize = alignment.links.iter().map(|l| l.shape.1).sum();
        prop_assert_eq!(linked, doc.sentences().len());
    }
}

proptest! {
    /// The language server's positions: every character boundary survives the trip to a
    /// position and back (except the middle of a `\r\n`, which is the line's end), in both
    /// encodings, and an edit made through positions is the edit made on the bytes.
    #[test]
    fn editor_positions_map_back_to_the_same_offsets(
        text in tricky_text(),
        a in any::<prop::sample::Index>(),
        b in any::<prop::sample::Index>(),
    ) {
        use mtlint::lsp::position::{Encoding, LineIndex, apply_changes};
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let index = LineIndex::new(&text, encoding);
            for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                let inside_crlf = offset > 0
                    && text.as_bytes()[offset - 1] == b'\r'
                    && text.as_bytes().get(offset) == Some(&b'\n');
                let back = index.offset(&text, index.position(&text, offset));
                if inside_crlf {
                    prop_assert_eq!(back, offset - 1);
                } else {
                    prop_assert_eq!(back, offset);
                }
            }
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&o| text.is_char_boundary(o))
                .filter(|&o| !(o > 0 && text.as_bytes()[o - 1] == b'\r' && text.as_bytes().get(o) == Some(&b'\n')))
                .collect();
            let (mut start, mut end) = (*a.get(&boundaries), *b.get(&boundaries));
            if start > end {
                std::mem::swap(&mut start, &mut end);
            }
            let change = lsp_types::TextDocumentContentChangeEvent {
                range: Some(index.range(&text, start, end)),
                range_length: None,
                text: "«x»".to_owned(),
            };
            let mut edited = text.clone();
            apply_changes(&mut edited, vec![change], encoding);
            let mut expected = text.clone();
            expected.replace_range(start..end, "«x»");
            prop_assert_eq!(edited, expected);
        }
    }
}
