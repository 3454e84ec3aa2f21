//! The products whose actions the `actions` test harness checks, loaded
//! and lowered by the generator itself. `build.rs` includes this file too
//! (for the table of request and response types), so both read the same
//! products the same way.

use std::path::{Path, PathBuf};

use alibabacloud_codegen::Layout;
use alibabacloud_codegen::ir::{CrateIr, lower};
use alibabacloud_codegen::spec::{LoadedProduct, PRODUCT_FILE, load_product};

/// The directories (below the repository root) holding one product
/// directory each, where each product's crate is generated, and whether
/// its sample responses get round-trip tests.
pub const SPEC_DIRS: [SpecDir; 2] = [
    SpecDir {
        specs: "api-specs",
        output: "generated",
        samples: true,
    },
    SpecDir {
        specs: "tests/fixtures",
        output: "tests/golden",
        samples: false,
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
/// path and either the product or the problems that kept it from loading
/// or lowering (one per line: file, JSON path, what was expected).
pub fn load_all(root: &Path) -> Vec<(String, Result<Product, String>)> {
    let mut products = Vec::new();
    for spec_dir in SPEC_DIRS {
        let layout = Layout {
            root: root.to_path_buf(),
            specs_dir: root.join(spec_dir.specs),
            output_dir: root.join(spec_dir.output),
            runtime_dir: root.join("codegen/runtime"),
        };
        for dir in product_dirs(&layout.specs_dir) {
            let relative = dir
                .strip_prefix(root)
                .unwrap_or(&dir)
                .to_string_lossy()
                .replace('\\', "/");
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
            products.push((relative, product));
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
