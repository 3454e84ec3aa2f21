//! Generates typed Rust SDK crates from Alibaba Cloud API spec files.
//!
//! The pipeline has one module per step:
//!
//! 1. [`spec`] reads `api-specs/<product>/` and checks it, collecting every
//!    problem as a [`Diagnostic`] that names the file and the JSON path.
//! 2. [`ir`] lowers the checked spec into an intermediate representation
//!    that carries every decision: Rust names (from [`naming`]), wire names,
//!    types, rules, wrapped lists.
//! 3. [`emit`] walks the IR and produces `TokenStream`s, one emitter per
//!    concern, formatted with prettyplease; minijinja renders the crate's
//!    `Cargo.toml` and `README.md`.
//!
//! [`generate`] runs all three and returns the files in memory; writing
//! them (atomically) is the caller's job, so a failed run changes nothing.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod diagnostics;
pub mod emit;
pub mod ir;
pub mod naming;
pub mod spec;
pub mod summary;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use diagnostics::{Diagnostic, Diagnostics, Severity};

/// Where the generator reads and writes, relative to the repository root.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The repository root; file names in messages and headers are relative to it.
    pub root: PathBuf,
    /// The directory holding one sub-directory per product.
    pub specs_dir: PathBuf,
    /// The directory that receives one crate per product.
    pub output_dir: PathBuf,
    /// The hand-written runtime crate that generated crates depend on.
    pub runtime_dir: PathBuf,
}

impl Layout {
    /// The standard layout below `root`: `api-specs/`, `generated/`,
    /// `codegen/runtime/`.
    pub fn standard(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            specs_dir: root.join("api-specs"),
            output_dir: root.join("generated"),
            runtime_dir: root.join("codegen").join("runtime"),
        }
    }
}

/// The generated files, keyed by path relative to the output directory,
/// sorted so that writing and comparing them is deterministic.
pub type GeneratedFiles = BTreeMap<PathBuf, String>;

/// What a successful run produced.
#[derive(Debug)]
pub struct Generation {
    /// Every file, by path relative to the output directory.
    pub files: GeneratedFiles,
    /// Warnings about the specs (identical duplicates merged, a shared type
    /// named after an action's resource, ...).
    pub warnings: Diagnostics,
}

/// Reads every product directory below `layout.specs_dir` and generates
/// one crate for each, in memory.
pub fn generate(layout: &Layout) -> Result<Generation, Diagnostics> {
    let mut files = GeneratedFiles::new();
    let mut problems = Diagnostics::default();
    let mut warnings = Diagnostics::default();
    for dir in product_dirs(layout, &mut problems) {
        match spec::load_product(&layout.root, &dir) {
            Ok((product, found)) => {
                warnings.extend(found);
                match ir::lower_with_warnings(&product, layout, &mut warnings) {
                    Ok(crate_ir) => {
                        let crate_dir = PathBuf::from(&product.dir_name);
                        match emit::crate_files(&crate_ir) {
                            Ok(crate_files) => {
                                files.extend(
                                    crate_files
                                        .into_iter()
                                        .map(|(path, text)| (crate_dir.join(path), text)),
                                );
                            }
                            Err(error) => problems.error(&product.rel_dir, "", error.to_string()),
                        }
                    }
                    Err(found) => problems.extend(found),
                }
            }
            Err(found) => problems.extend(found),
        }
    }
    if problems.has_errors() {
        Err(problems)
    } else {
        Ok(Generation { files, warnings })
    }
}

/// Every directory below the specs directory that holds a `product.json`,
/// sorted.
fn product_dirs(layout: &Layout, problems: &mut Diagnostics) -> Vec<PathBuf> {
    let specs = spec::relative_path(&layout.root, &layout.specs_dir);
    let entries = match std::fs::read_dir(&layout.specs_dir) {
        Ok(entries) => entries,
        Err(error) => {
            problems.error(
                &specs,
                "",
                format!("cannot read the specs directory: {error}"),
            );
            return Vec::new();
        }
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.join(spec::PRODUCT_FILE).is_file())
        .collect();
    dirs.sort();
    if dirs.is_empty() {
        problems.error(
            &specs,
            "",
            format!(
                "no product directory (expected {specs}/<product>/{})",
                spec::PRODUCT_FILE
            ),
        );
    }
    dirs
}
