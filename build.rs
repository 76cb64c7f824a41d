//! Rebuild when the embedded rule packs change: `include_dir!` cannot tell cargo about files
//! added under `rules/`, so a new rule file would otherwise be missed until `src/` changes.

fn main() {
    println!("cargo:rerun-if-changed=rules");
}
