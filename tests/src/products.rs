//! The products whose actions the `actions-*` test harnesses check,
//! loaded and lowered by the generator itself. `build.rs` includes this
//! file too (for the tables of request and response types), so both read
//! the same products the same way and agree on which harness checks which.

use std::path::{Path, PathBuf};

use alibabacloud_codegen::Layout;
use alibabacloud_codegen::ir::{CrateIr, lower};
use alibabacloud_codegen::spec::{LoadedProduct, PRODUCT_FILE, load_product, relative_path};

/// The directories (below the repository root) holding one product
/// directory each, where each product's crate is generated, whether its
/// sample responses get round-trip tests, and which harness checks it.
pub const SPEC_DIRS: [SpecDir; 2] = [
    SpecDir {
        specs: "api-specs",
        output: "generated",
        samples: true,
        harness: None,
    },
    SpecDir {
        specs: "tests/fixtures",
        output: "tests/golden",
        samples: false,
        harness: Some("fixtures"),
    },
];

/// A directory of products.
#[derive(Debug, Clone, Copy)]
pub struct SpecDir {
    /// The specs, relative to the repository root.
    pub specs: &'static str,
    /// Where their crates are generated, relative to the repository root.
    pub output: &'static str,
    /// Whether the samples of its specs get round-trip tests.
    pub samples: bool,
    /// The one harness that checks all its products (`actions-fixtures`),
    /// or `None` for a harness per product, named after its directory
    /// (`actions-vpc`): a product's checks are compiled in a binary of
    /// their own, so the largest rustc is the largest product's, not the
    /// sum of all (BENCHMARKS.md, "One harness per product").
    pub harness: Option<&'static str>,
}

impl SpecDir {
    /// The harness that checks the product in `dir` (a directory name):
    /// the test target `actions-<harness>`, whose table `build.rs` writes
    /// to `$OUT_DIR/actions/<harness>.rs`.
    pub fn harness_of<'a>(&self, dir: &'a str) -> &'a str {
        self.harness.unwrap_or(dir)
    }
}

/// The name of the test target of `harness` in `tests/Cargo.toml`.
pub fn test_target(harness: &str) -> String {
    format!("actions-{harness}")
}

/// One product: its specs as loaded and its crate's IR.
#[derive(Debug)]
pub struct Product {
    /// The specs, samples included.
    pub loaded: LoadedProduct,
    /// The crate the generator makes of them: module and type names.
    pub ir: CrateIr,
    /// Whether its samples get round-trip tests.
    pub samples: bool,
}

/// Every product directory of [`SPEC_DIRS`], sorted, with its relative
/// path, its harness and either the product or the problems that kept it
/// from loading or lowering (one per line: file, JSON path, what was
/// expected).
pub fn load_all(root: &Path) -> Vec<(String, String, Result<Product, String>)> {
    load_where(root, |_| true)
}

/// The products [`load_all`] gives that `harness` checks, with their
/// relative paths; the others are not loaded.
pub fn load_harness(root: &Path, harness: &str) -> Vec<(String, Result<Product, String>)> {
    load_where(root, |checked_by| checked_by == harness)
        .into_iter()
        .map(|(relative, _, product)| (relative, product))
        .collect()
}

/// The products of [`SPEC_DIRS`] whose harness `wanted` accepts.
fn load_where(
    root: &Path,
    wanted: impl Fn(&str) -> bool,
) -> Vec<(String, String, Result<Product, String>)> {
    let mut products = Vec::new();
    for spec_dir in SPEC_DIRS {
        let layout = Layout {
            root: root.to_path_buf(),
            specs_dir: root.join(spec_dir.specs),
            output_dir: root.join(spec_dir.output),
            runtime_dir: root.join("codegen/runtime"),
        };
        for dir in product_dirs(&layout.specs_dir) {
            let name = dir
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let harness = spec_dir.harness_of(&name).to_string();
            if !wanted(&harness) {
                continue;
            }
            let relative = relative_path(root, &dir);
            let product = load_product(root, &dir)
                .map_err(|problems| format!("{relative} does not load:\n{problems}"))
                .and_then(|(loaded, _warnings)| {
                    let ir = lower(&loaded, &layout)
                        .map_err(|problems| format!("{relative} does not lower:\n{problems}"))?;
                    Ok(Product {
                        loaded,
                        ir,
                        samples: spec_dir.samples,
                    })
                });
            products.push((relative, harness, product));
        }
    }
    products
}

/// The directories below `specs` that hold a `product.json`, sorted. An
/// unreadable `specs` is a panic: it would otherwise add no tests.
pub fn product_dirs(specs: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(specs)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", specs.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|dir| dir.join(PRODUCT_FILE).is_file())
        .collect();
    dirs.sort();
    dirs
}
