//! What the fuzz targets share: the built-in rules, compiled once per process, and a linter
//! with the default settings around them.

use std::sync::OnceLock;

use mtlint::engine::Engine;
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
