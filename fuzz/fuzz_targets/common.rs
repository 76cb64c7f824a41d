//! What the fuzz targets share: the built-in rules, compiled once per process.

use std::sync::OnceLock;

use mtlint::engine::Engine;
use mtlint::rules::RuleSet;

/// An engine with every built-in rule.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(RuleSet::builtin().expect("built-in rules")))
}
