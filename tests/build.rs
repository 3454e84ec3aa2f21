//! Writes the one thing the `actions-*` test harnesses
//! (`src/actions.rs`) cannot find at run time: for each action of each
//! product, its request and response types, so that the checks can be
//! called on them (Rust picks the concrete types at compile time). The
//! names come from the generator's IR, as the generated crates use them.
//!
//! There is one table per harness, `$OUT_DIR/actions/<harness>.rs`, and
//! each harness binary includes its own: a product's checks are
//! monomorphized in its own binary, so the largest rustc of the tests is
//! the largest product's, not the sum of every product's.
//!
//! Which tests run, their names and the samples they read are decided by
//! the harness from the products it loads itself. A product that does not
//! load or lower stops the build here with its problems: it would
//! otherwise silently get no tests. So does a product the tests crate has
//! no dependency or no test target for, with the command that writes them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/products.rs"]
#[allow(dead_code, reason = "the harness reads what the tables do not need")]
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
    // Every harness target gets a table, an empty one when no product is
    // left for it: the stale harness then builds and fails saying so.
    let mut tables: BTreeMap<String, Table> = harness_targets(&manifest)
        .map(|harness| (harness.to_string(), Table::default()))
        .collect();
    for (relative, harness, product) in products::load_all(&root) {
        let product = product.unwrap_or_else(|problems| {
            panic!("no action tests can be written, a product is broken: {problems}")
        });
        let ir = &product.ir;
        // Without the dependency the table below names a crate rustc does
        // not know, once per action; without the target no test runs the
        // product's checks: say what fixes either instead.
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
        let target = products::test_target(&harness);
        if !harness_targets(&manifest).any(|name| name == harness) {
            panic!(
                "tests/Cargo.toml has no test target {target} for {relative}; run `cargo xtask generate`, \
                 which writes one for every product"
            );
        }
        let table = tables.entry(harness.clone()).or_default();
        let specs = relative.rsplit_once('/').map_or("", |(specs, _)| specs);
        match &table.specs {
            Some(other) if other != specs => panic!(
                "{relative} and a product of {other} are both checked by {target}: \
                 rename the product directory"
            ),
            _ => table.specs = Some(specs.to_string()),
        }
        for action in &ir.actions {
            let module = format!("{}::{}", ir.lib_name, action.module);
            writeln!(
                table.rows,
                "    ({relative:?}, {:?}, alibabacloud_tests::props::ActionChecks::of::<{module}::{}, {module}::{}>()),",
                action.name, action.request.name, action.response.name
            )
            .expect("writing to a String cannot fail");
        }
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("actions");
    std::fs::create_dir_all(&out).expect("OUT_DIR is writable");
    for (harness, table) in tables {
        let text = format!("&[\n{}]\n", table.rows);
        std::fs::write(out.join(format!("{harness}.rs")), text).expect("OUT_DIR is writable");
    }
}

/// The table of one harness.
#[derive(Default)]
struct Table {
    /// The directory of its products (`api-specs`): a harness checks the
    /// products of one directory only.
    specs: Option<String>,
    /// One `(product, action, checks)` line per action.
    rows: String,
}

/// The harness of each `[[test]]` target named `actions-<harness>` in
/// the tests crate's manifest.
fn harness_targets(manifest: &str) -> impl Iterator<Item = &str> {
    manifest.lines().filter_map(|line| {
        line.trim()
            .strip_prefix("name = \"actions-")?
            .strip_suffix('"')
    })
}
