//! The golden crates: what the generator makes of the fixture specs in
//! `tests/fixtures/`, committed under `tests/golden/` and compiled as
//! workspace members. The golden test compares a fresh generation with
//! them; `cargo xtask bless-golden` writes them.
//!
//! Writing them here, and not only from the golden test with
//! `UPDATE_GOLDEN=1`, matters when a change to the generator or the
//! runtime makes the committed golden crates stop compiling: the tests
//! crate depends on them, so the test that would re-bless them cannot be
//! built.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use alibabacloud_codegen::{GeneratedFiles, Layout, generate};

use crate::write;

/// Where the fixture specs are read and the golden crates written.
pub fn layout(root: &Path) -> Layout {
    Layout {
        specs_dir: root.join("tests/fixtures"),
        output_dir: root.join("tests/golden"),
        runtime_dir: root.join("codegen/runtime"),
        root: root.to_path_buf(),
    }
}

/// `cargo xtask bless-golden`: generates the fixture products and replaces
/// each golden crate's directory with exactly its files (all or nothing
/// per crate), leaving the other golden files of `tests/golden/` (names,
/// public surface) alone.
pub fn bless(root: &Path) -> ExitCode {
    let layout = layout(root);
    let generation = match generate(&layout) {
        Ok(generation) => generation,
        Err(problems) => {
            eprint!("{problems}");
            eprintln!("error: the fixture specs are broken; tests/golden/ was not changed");
            return ExitCode::FAILURE;
        }
    };
    for (krate, files) in by_crate(generation.files) {
        let dir = layout.output_dir.join(&krate);
        let result = write::stale_files(&dir, &files)
            .and_then(|stale| write::replace_tree(&dir, &files).map(|()| stale));
        match result {
            Ok(stale) => println!(
                "wrote tests/golden/{} ({} files, {} changed)",
                krate.display(),
                files.len(),
                stale.len()
            ),
            Err(error) => {
                eprintln!(
                    "error: could not write tests/golden/{} ({error}); it was left as it was",
                    krate.display()
                );
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// The generated files split by their crate directory (the first part of
/// each path), with paths relative to it.
fn by_crate(files: GeneratedFiles) -> BTreeMap<PathBuf, GeneratedFiles> {
    let mut crates: BTreeMap<PathBuf, GeneratedFiles> = BTreeMap::new();
    for (path, text) in files {
        let mut parts = path.components();
        let Some(krate) = parts.next() else { continue };
        crates
            .entry(PathBuf::from(krate.as_os_str()))
            .or_default()
            .insert(parts.as_path().to_path_buf(), text);
    }
    crates
}
