//! The library's module graph has no cycle: a module may use the modules below it, never one
//! that uses it. Edges are the `crate::MODULE` paths each top-level module's code names (doc
//! comments and test modules left out); a cycle fails the test with its path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules `lib.rs` declares.
fn top_level_modules(src: &Path) -> Vec<String> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    lib.lines()
        .filter_map(|line| line.trim().strip_prefix("pub mod "))
        .map(|rest| rest.trim_end_matches(';').to_owned())
        .collect()
}

/// Every `.rs` file under `path` (a file or a folder).
fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The code of a file without its comments and its `#[cfg(test)]` module.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules `code` names as `crate::name` (alone or in a `crate::{…}` group).
fn named_modules(code: &str, modules: &[String]) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let heads: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            group.split(',').map(str::trim).collect()
        } else {
            vec![rest]
        };
        for head in heads {
            let name: String = head
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if modules.contains(&name) {
                named.insert(name);
            }
        }
    }
    named
}

/// A cycle of `graph` as a path of module names, if there is one (depth-first search).
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = top_level_modules(&src);
    let mut graph = BTreeMap::new();
    for module in &modules {
        let folder = src.join(module);
        let file = src.join(format!("{module}.rs"));
        let files = if folder.is_dir() {
            rust_files(&folder)
        } else {
            rust_files(&file)
        };
        let mut uses = BTreeSet::new();
        for file in files {
            let code = code_of(&std::fs::read_to_string(&file).unwrap());
            uses.extend(named_modules(&code, &modules));
        }
        uses.remove(module);
        graph.insert(module.clone(), uses);
    }
    graph
}

#[test]
fn the_module_graph_has_no_cycle() {
    let graph = module_graph();
    assert!(graph.len() >= 10, "the modules of lib.rs were not found");
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "the modules depend on each other in a circle: {}",
            cycle.join(" → ")
        );
    }
}

#[test]
fn the_leaves_depend_on_nothing_else() {
    let graph = module_graph();
    for leaf in ["assets", "taxonomy", "edit", "atomic", "error"] {
        assert_eq!(graph[leaf], BTreeSet::new(), "`{leaf}` must stay a leaf");
    }
}

#[test]
fn a_cycle_is_found_and_named() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let edge = |graph: &mut BTreeMap<String, BTreeSet<String>>, a: &str, b: &str| {
        graph.entry(a.to_owned()).or_default().insert(b.to_owned());
    };
    edge(&mut graph, "text", "rules");
    edge(&mut graph, "rules", "checks");
    edge(&mut graph, "checks", "text");
    edge(&mut graph, "report", "text");
    assert_eq!(
        find_cycle(&graph).unwrap(),
        ["checks", "text", "rules", "checks"]
    );
    graph.get_mut("checks").unwrap().clear();
    assert_eq!(find_cycle(&graph), None);
    assert_eq!(
        named_modules(
            "use crate::{text::x, rules};\nlet a = crate::report::y;",
            &[
                "text".into(),
                "rules".into(),
                "report".into(),
                "edit".into()
            ]
        ),
        BTreeSet::from(["report".to_owned(), "rules".to_owned(), "text".to_owned()])
    );
}
