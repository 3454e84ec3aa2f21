//! Writes the one thing the `actions` test harness (`tests/actions.rs`)
//! cannot find at run time: for each action of each product, its request
//! and response types, so that the checks can be called on them (Rust
//! picks the concrete types at compile time). The names come from the
//! generator's IR, as the generated crates use them.
//!
//! Which tests run, their names and the samples they read are decided by
//! the harness from the products it loads itself. A product that does not
//! load or lower stops the build here with its problems: it would
//! otherwise silently get no tests.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/products.rs"]
#[allow(dead_code, reason = "the harness reads what the table does not need")]
mod products;

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir)
        .parent()
        .expect("the tests crate sits in the workspace root")
        .to_path_buf();
    println!("cargo:rerun-if-changed=src/products.rs");
    println!("cargo:rerun-if-changed=Cargo.toml");
    let manifest = std::fs::read_to_string(Path::new(&manifest_dir).join("Cargo.toml"))
        .expect("the tests crate has a Cargo.toml");
    for spec_dir in products::SPEC_DIRS {
        // A directory is scanned whole: any spec or sample changing reruns.
        println!(
            "cargo:rerun-if-changed={}",
            root.join(spec_dir.specs).display()
        );
    }
    let mut table = String::from("&[\n");
    for (relative, product) in products::load_all(&root) {
        let product = product.unwrap_or_else(|problems| {
            panic!("no action tests can be written, a product is broken: {problems}")
        });
        let ir = &product.ir;
        // Without the dependency the table below names a crate rustc does
        // not know, once per action: say what fixes it instead.
        let depends = manifest.lines().any(|line| {
            line.split_once('=').map(|(name, _)| name.trim()) == Some(ir.package.as_str())
        });
        if !depends {
            panic!(
                "tests/Cargo.toml has no dependency on {} ({relative}); run `cargo xtask generate`, \
                 which writes one for every product",
                ir.package
            );
        }
        for action in &ir.actions {
            let module = format!("{}::{}", ir.lib_name, action.module);
            writeln!(
                table,
                "    ({relative:?}, {:?}, ActionChecks::of::<{module}::{}, {module}::{}>()),",
                action.name, action.request.name, action.response.name
            )
            .expect("writing to a String cannot fail");
        }
    }
    table.push_str("]\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("action_checks.rs"), table).expect("OUT_DIR is writable");
}
