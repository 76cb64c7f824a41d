//! Criterion benchmarks: building the document model, each check kind on its own, a whole
//! article through the linter, and aligning a translation with its source. The text is the
//! articles of `tests/corpus/`, joined; the pairs are those of `tests/articles/`, repeated.
//! The language server's latency from a change to its diagnostics closes the list.
//!
//! `cargo bench` runs them; `scripts/bench.sh` times the release binary on a 10 MB corpus.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use mtlint::document::Document;
use mtlint::engine::Engine;
use mtlint::input::{Markup, Source};
use mtlint::linter::Linter;
use mtlint::rules::RuleSet;

/// The plain-text articles of the test corpus, one after the other.
fn corpus_text() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a corpus article"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn document_model(c: &mut Criterion) {
    let text = corpus_text();
    let mut group = c.benchmark_group("document");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("build", |b| {
        b.iter(|| Document::new(black_box(text.clone())))
    });
    group.finish();
}

fn check_kinds(c: &mut Criterion) {
    let text = corpus_text();
    let rules = RuleSet::builtin().expect("the built-in rules load");
    let doc = Document::new(text.clone());
    // The document's shared analyses (language, quote pairs) are computed once, as in a run.
    doc.is_mostly_english();
    doc.quote_groups();
    let mut group = c.benchmark_group("check kind");
    group.throughput(Throughput::Bytes(text.len() as u64));
    let mut seen = Vec::new();
    for rule in rules.rules() {
        if seen.contains(&rule.kind) {
            continue;
        }
        seen.push(rule.kind);
        // Warm-up outside the timing: lazily built indexes (spelling suggestions).
        rule.detect(&doc, &mut Vec::new());
        group.bench_function(format!("{} ({})", rule.kind, rule.id), |b| {
            let mut hits = Vec::new();
            b.iter(|| {
                hits.clear();
                rule.detect(black_box(&doc), &mut hits);
            });
        });
    }
    group.finish();
}

fn whole_article(c: &mut Criterion) {
    let text = corpus_text();
    let linter = Linter::new(Engine::new(
        RuleSet::builtin().expect("the built-in rules load"),
    ));
    let source = Source {
        name: "corpus".to_owned(),
        id: None,
        text: text.clone(),
        markup: Markup::Plain,
        warnings: Vec::new(),
        ..Source::default()
    };
    linter.lint(source.clone());
    let mut group = c.benchmark_group("article");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("lint", |b| {
        b.iter(|| linter.lint(black_box(source.clone())))
    });
    group.finish();
}

/// A French article and its English translation from `tests/articles/`, each repeated `times`
/// times, paragraph after paragraph.
fn article_pair(times: usize) -> (String, String) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/articles");
    let read = |path: &str| std::fs::read_to_string(format!("{dir}/{path}")).expect("an article");
    let source = format!("{}\n\n{}", read("fr/market.txt"), read("fr/harbour.md"));
    let target = format!("{}\n\n{}", read("en/market.txt"), read("en/harbour.md"));
    (
        vec![source; times].join("\n\n"),
        vec![target; times].join("\n\n"),
    )
}

/// Aligning and checking a translated article against its source (a pair of about 5,000
/// words, through the linter), and aligning alone pairs of texts of 250 KB to 1 MB each,
/// which should grow linearly.
fn alignment(c: &mut Criterion) {
    let linter = Linter::new(Engine::new(
        RuleSet::builtin().expect("the built-in rules load"),
    ));
    let (source, target) = article_pair(35);
    let words = target.split_whitespace().count();
    let document = Source {
        name: format!("pair of {words} words"),
        text: target.clone(),
        source_text: Some(mtlint::input::SourceText::new(source, Some("fr"))),
        ..Source::default()
    };
    let mut group = c.benchmark_group("alignment");
    group.throughput(Throughput::Bytes(target.len() as u64));
    group.bench_function("check a 5,000-word pair", |b| {
        b.iter(|| linter.lint(black_box(document.clone())))
    });
    // Seconds each: ten samples are enough to see the growth.
    group.sample_size(10);
    for kilobytes in [250, 500, 1000] {
        let (source, target) = article_pair(kilobytes);
        let doc = Document::new(target.clone());
        group.throughput(Throughput::Bytes((source.len() + target.len()) as u64));
        group.bench_function(format!("align a {kilobytes} KB pair"), |b| {
            b.iter(|| {
                mtlint::document::Bitext::aligned(
                    black_box(source.clone()),
                    Some("fr"),
                    doc.text(),
                    doc.paragraphs(),
                    doc.sentences(),
                )
            })
        });
    }
    group.finish();
}

/// The language server's latency: from a change sent to the diagnostics of that version
/// received (no debounce), on a 5,000-word article and on a 1 MB document, through the server's
/// own message loop over an in-memory connection.
fn language_server(c: &mut Criterion) {
    use lsp_server::{Connection, Message, Notification, Request, RequestId};
    use serde_json::json;

    let corpus = corpus_text();
    let words: Vec<&str> = corpus.split_inclusive(' ').collect();
    let article: String = words.iter().cycle().take(5_000).copied().collect();
    let mut large = String::new();
    while large.len() < 1 << 20 {
        large.push_str(&corpus);
        large.push_str("\n\n");
    }
    let (server, client) = Connection::memory();
    let serving = std::thread::spawn(move || mtlint::lsp::serve(&server));
    let send = |message: Message| client.sender.send(message).expect("the server listens");
    let notify = |method: &str, params: serde_json::Value| {
        send(Notification::new(method.to_owned(), params).into());
    };
    let initialize = json!({"capabilities": {}, "initializationOptions": {"debounceMs": 0}});
    send(Request::new(RequestId::from(1), "initialize".to_owned(), initialize).into());
    let _ = client.receiver.recv();
    notify("initialized", json!({}));
    // Waits for the diagnostics of `uri` at `version`.
    let diagnostics_of = |uri: &str, version: i64| loop {
        match client.receiver.recv().expect("the server answers") {
            Message::Notification(n)
                if n.params["uri"] == uri && n.params["version"] == version =>
            {
                return n.params["diagnostics"].as_array().map_or(0, Vec::len);
            }
            _ => continue,
        }
    };
    let mut group = c.benchmark_group("language server");
    for (name, text) in [
        ("a 5,000-word article", &article),
        ("a 1 MB document", &large),
    ] {
        let uri = format!("untitled:{}", name.replace(' ', "-"));
        let item = json!({"uri": uri, "languageId": "plaintext", "version": 1, "text": text});
        notify("textDocument/didOpen", json!({"textDocument": item}));
        diagnostics_of(&uri, 1);
        if text.len() > 100_000 {
            group.sample_size(10);
        }
        let mut version = 1;
        group.bench_function(format!("change to diagnostics, {name}"), |b| {
            b.iter(|| {
                version += 1;
                // Types a letter at the start, or deletes it: the text stays the same size.
                let at = json!({"line": 0, "character": 0});
                let change = if version % 2 == 0 {
                    json!({"range": {"start": at, "end": at}, "text": "A"})
                } else {
                    json!({"range": {"start": at, "end": {"line": 0, "character": 1}}, "text": ""})
                };
                notify(
                    "textDocument/didChange",
                    json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}),
                );
                black_box(diagnostics_of(&uri, version))
            })
        });
    }
    group.finish();
    send(Request::new(RequestId::from(2), "shutdown".to_owned(), json!(null)).into());
    notify("exit", json!(null));
    let _ = serving.join();
}

criterion_group!(
    benches,
    document_model,
    check_kinds,
    whole_article,
    alignment,
    language_server
);
criterion_main!(benches);
