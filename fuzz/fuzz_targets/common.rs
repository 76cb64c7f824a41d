//! What the fuzz targets share: the built-in rules, compiled once per process, and a linter
//! with the default settings around them.

use std::sync::OnceLock;

use mtlint::engine::Engine;
use mtlint::input::Markup;
use mtlint::linter::Linter;
use mtlint::rules::RuleSet;

/// An engine with every built-in rule.
#[allow(dead_code)] // Not every target uses it.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(RuleSet::builtin().expect("built-in rules")))
}

/// A linter with every built-in rule and the default settings.
#[allow(dead_code)] // Not every target uses it.
pub fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| Linter::new(Engine::new(RuleSet::builtin().expect("built-in rules"))))
}

/// How a target reads its input: as text, Markdown, HTML or XLIFF by the first byte; the rest
/// is the document.
#[allow(dead_code)] // Not every target uses it.
pub fn split_markup(bytes: &[u8]) -> Option<(Markup, &[u8])> {
    let (&first, rest) = bytes.split_first()?;
    let markup = match first % 4 {
        0 => Markup::Plain,
        1 => Markup::Markdown,
        2 => Markup::Html,
        _ => Markup::Xliff,
    };
    Some((markup, rest))
}
