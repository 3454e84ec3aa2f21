//! What `cargo xtask generate` writes into the tests crate for each
//! product: its dependency on the product's crate and the product's
//! `actions` harness.
//!
//! Each product's actions are checked by a test binary of its own,
//! `actions-<dir>`, so that the largest rustc of the tests is the largest
//! product's (BENCHMARKS.md, "One harness per product"). So
//! `tests/Cargo.toml` must name each generated crate, with the features
//! the harness needs, and a `[[test]]` target per product, whose source
//! `tests/tests/actions/<dir>.rs` is a few lines naming the product.
//! `cargo xtask generate` writes the lines between marker comments and
//! the harness files, and `generate --check` fails when any is stale:
//! adding a product directory needs no hand edit of any `Cargo.toml`.
//! Features someone added to a dependency line (VPC's `blocking` and
//! `test-util`, for the client tests) are kept.

use std::path::Path;

use alibabacloud_codegen::spec::relative_path;
use alibabacloud_codegen::{GeneratedFiles, Layout};

/// The manifest holding the lines, relative to the repository root.
pub const MANIFEST: &str = "tests/Cargo.toml";

/// The directory of the harness files, relative to the repository root;
/// every `.rs` file in it is a product's harness.
pub const HARNESS_DIR: &str = "tests/tests/actions";

/// The line opening the generated dependencies.
const BEGIN: &str = "# @generated products: begin";
/// The line closing them.
const END: &str = "# @generated products: end";

/// The line opening the generated `[[test]]` targets.
const TARGETS_BEGIN: &str = "# @generated harnesses: begin";
/// The line closing them.
const TARGETS_END: &str = "# @generated harnesses: end";

/// What every product's line turns on: the harness reads and writes
/// requests in their wire form with serde.
const FEATURES: [&str; 1] = ["serde"];

/// One generated product crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductCrate {
    /// Its directory below the output directory (`vpc`).
    pub dir: String,
    /// Its package name (`alibabacloud-vpc`).
    pub package: String,
}

/// The product crates of a generation: each `<dir>/Cargo.toml` directly
/// below the output directory, by directory name.
pub fn product_crates(files: &GeneratedFiles) -> Vec<ProductCrate> {
    files
        .iter()
        .filter_map(|(path, text)| {
            let mut parts = path.iter();
            let dir = parts.next()?.to_str()?;
            let is_manifest = parts.next()? == "Cargo.toml" && parts.next().is_none();
            let package = text
                .lines()
                .find_map(|line| line.strip_prefix("name = "))?
                .trim()
                .trim_matches('"');
            is_manifest.then(|| ProductCrate {
                dir: dir.to_string(),
                package: package.to_string(),
            })
        })
        .collect()
}

/// `manifest` (the text of [`MANIFEST`]) with the lines between the
/// markers replaced by one dependency per crate of `crates`, on
/// `../<output>/<dir>` (`output` relative to the repository root, with
/// `/`), with `serde` (what the harness needs) and the features its line already had.
pub fn with_product_dependencies(
    manifest: &str,
    output: &str,
    crates: &[ProductCrate],
) -> Result<String, String> {
    replace_between(manifest, (BEGIN, END), "[dev-dependencies]", |old| {
        let mut text = String::new();
        for product in crates {
            let kept = old
                .iter()
                .find(|line| dependency_name(line) == Some(product.package.as_str()))
                .map(|line| features(line))
                .unwrap_or_default();
            let mut wanted: Vec<String> = FEATURES.iter().map(|f| f.to_string()).collect();
            for feature in kept {
                if !wanted.contains(&feature) {
                    wanted.push(feature);
                }
            }
            let quoted: Vec<String> = wanted.iter().map(|f| format!("{f:?}")).collect();
            text.push_str(&format!(
                "{} = {{ path = \"../{output}/{}\", features = [{}] }}\n",
                product.package,
                product.dir,
                quoted.join(", ")
            ));
        }
        text
    })
}

/// `manifest` with the lines between the harness markers replaced by one
/// `[[test]]` target per crate of `crates`: `actions-<dir>`, built from
/// its harness file with libtest-mimic's `main`.
pub fn with_harness_targets(manifest: &str, crates: &[ProductCrate]) -> Result<String, String> {
    replace_between(
        manifest,
        (TARGETS_BEGIN, TARGETS_END),
        "its targets",
        |_| {
            let targets: Vec<String> = crates
                .iter()
                .map(|product| {
                    // The path is relative to the tests crate.
                    let path = harness_path(&product.dir);
                    format!(
                        "[[test]]\nname = \"actions-{dir}\"\npath = \"{path}\"\nharness = false\n",
                        dir = product.dir,
                        path = path.strip_prefix("tests/").unwrap_or(&path)
                    )
                })
                .collect();
            targets.join("\n")
        },
    )
}

/// `manifest` with the lines between `markers` replaced by what `lines`
/// makes of the old ones; `section` says where the markers belong.
fn replace_between(
    manifest: &str,
    (begin_marker, end_marker): (&str, &str),
    section: &str,
    lines: impl FnOnce(&[&str]) -> String,
) -> Result<String, String> {
    let old: Vec<&str> = manifest.lines().collect();
    let begin = old.iter().position(|line| line.trim() == begin_marker);
    let end = old.iter().position(|line| line.trim() == end_marker);
    let (Some(begin), Some(end)) = (begin, end) else {
        return Err(format!(
            "{MANIFEST}: no `{begin_marker}` and `{end_marker}` lines in {section} \
             (`cargo xtask generate` writes between them)"
        ));
    };
    if end < begin {
        return Err(format!(
            "{MANIFEST}: `{end_marker}` comes before `{begin_marker}`"
        ));
    }
    let mut text = String::with_capacity(manifest.len() + 100);
    for line in &old[..=begin] {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(&lines(&old[begin + 1..end]));
    for line in &old[end..] {
        text.push_str(line);
        text.push('\n');
    }
    Ok(text)
}

/// The harness file of the product in `dir`, relative to the repository
/// root.
fn harness_path(dir: &str) -> String {
    format!("{HARNESS_DIR}/{dir}.rs")
}

/// The text of the harness file of the product in `dir` below `specs`
/// (relative to the repository root, with `/`).
pub fn harness_file(specs: &str, dir: &str) -> String {
    format!(
        "// @generated by `cargo xtask generate` from {specs}/{dir}, with its target\n\
         // in tests/Cargo.toml. Do not edit: run the command again.\n\
         \n\
         //! The `actions-{dir}` test: the property tests and sample round-trips of\n\
         //! every action of `{specs}/{dir}`, checked in a binary of their own (see\n\
         //! `alibabacloud_tests::actions`).\n\
         \n\
         #![allow(\n    \
             deprecated,\n    \
             reason = \"deprecated actions are tested like the others while the API has them\"\n\
         )]\n\
         \n\
         /// `(product directory, action, its checks)` for every action, from `build.rs`.\n\
         static CHECKS: &alibabacloud_tests::actions::Checks =\n    \
             include!(concat!(env!(\"OUT_DIR\"), \"/actions/{dir}.rs\"));\n\
         \n\
         fn main() -> std::process::ExitCode {{\n    \
             alibabacloud_tests::actions::run({dir:?}, CHECKS)\n\
         }}\n"
    )
}

/// A file of the tests crate that generation writes, as it is and as it
/// should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestsFile {
    /// Its path relative to the repository root, with `/`.
    pub path: String,
    /// What it holds, for messages.
    pub what: &'static str,
    /// Its text on disk, `None` when it does not exist.
    pub current: Option<String>,
    /// The text it should have, `None` when it should not exist.
    pub wanted: Option<String>,
}

impl TestsFile {
    /// Whether the file on disk is not what generation wants.
    pub fn is_stale(&self) -> bool {
        self.current != self.wanted
    }

    /// Writes the wanted text, or removes the file.
    pub fn write(&self, root: &Path) -> Result<(), String> {
        let path = root.join(&self.path);
        let result = match &self.wanted {
            Some(text) => path
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&path, text)),
            None => std::fs::remove_file(&path),
        };
        result.map_err(|error| format!("could not write {}: {error}", path.display()))
    }
}

/// The files of the tests crate that a generation of `files` with
/// `layout` writes: [`MANIFEST`] and a harness per product crate, and the
/// harness files in [`HARNESS_DIR`] of products that are gone.
pub fn tests_files(layout: &Layout, files: &GeneratedFiles) -> Result<Vec<TestsFile>, String> {
    let root = &layout.root;
    let relative = |dir: &Path| relative_path(root, dir);
    let read = |path: &str| -> Result<Option<String>, String> {
        match std::fs::read_to_string(root.join(path)) {
            Ok(text) => Ok(Some(text)),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(format!("cannot read {path}: {error}")),
        }
    };
    let crates = product_crates(files);
    let current = read(MANIFEST)?.ok_or_else(|| format!("{MANIFEST} does not exist"))?;
    let wanted = with_product_dependencies(&current, &relative(&layout.output_dir), &crates)?;
    let wanted = with_harness_targets(&wanted, &crates)?;
    let mut tests_files = vec![TestsFile {
        path: MANIFEST.to_string(),
        what: "the dependencies on the product crates and their harness targets",
        current: Some(current),
        wanted: Some(wanted),
    }];
    let specs = relative(&layout.specs_dir);
    for product in &crates {
        let path = harness_path(&product.dir);
        tests_files.push(TestsFile {
            current: read(&path)?,
            wanted: Some(harness_file(&specs, &product.dir)),
            what: "a product's actions harness",
            path,
        });
    }
    let mut gone: Vec<String> = match std::fs::read_dir(root.join(HARNESS_DIR)) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".rs"))
            .map(|name| format!("{HARNESS_DIR}/{name}"))
            .filter(|path| !tests_files.iter().any(|file| file.path == *path))
            .collect(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(error) => return Err(format!("cannot read {HARNESS_DIR}: {error}")),
    };
    gone.sort();
    for path in gone {
        tests_files.push(TestsFile {
            current: read(&path)?,
            wanted: None,
            what: "the harness of a product that is gone",
            path,
        });
    }
    Ok(tests_files)
}

/// The package a `name = { ... }` line depends on.
fn dependency_name(line: &str) -> Option<&str> {
    let (name, rest) = line.split_once('=')?;
    let name = name.trim();
    (!name.starts_with('#') && rest.trim_start().starts_with('{')).then_some(name)
}

/// The features a dependency line turns on.
fn features(line: &str) -> Vec<String> {
    // The key, not the word inside a path: `features` then `=`.
    let list = line.match_indices("features").find_map(|(start, key)| {
        line[start + key.len()..]
            .trim_start()
            .strip_prefix('=')
            .map(|rest| rest.trim_start().trim_start_matches('['))
    });
    let Some(list) = list else {
        return Vec::new();
    };
    let list = list.split(']').next().unwrap_or_default();
    list.split(',')
        .map(|feature| feature.trim().trim_matches('"').to_string())
        .filter(|feature| !feature.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    const MANIFEST_TEXT: &str = "[dev-dependencies]\n\
        # @generated products: begin\n\
        alibabacloud-vpc = { path = \"../generated/vpc\", features = [\"blocking\", \"serde\"] }\n\
        alibabacloud-gone = { path = \"../generated/gone\", features = [\"serde\"] }\n\
        # @generated products: end\n\
        libtest-mimic = \"0.8\"\n";

    fn crates() -> Vec<ProductCrate> {
        let mut files = GeneratedFiles::new();
        for (dir, name) in [("ecs", "alibabacloud-ecs"), ("vpc", "alibabacloud-vpc")] {
            files.insert(
                PathBuf::from(dir).join("Cargo.toml"),
                format!("# header\n[package]\nname = \"{name}\"\n"),
            );
            files.insert(
                PathBuf::from(dir).join("types/Cargo.toml"),
                format!("[package]\nname = \"{name}-types\"\n"),
            );
        }
        product_crates(&files)
    }

    #[test]
    fn only_the_top_level_crates_of_the_output_are_products() {
        assert_eq!(
            crates(),
            [
                ProductCrate {
                    dir: "ecs".into(),
                    package: "alibabacloud-ecs".into()
                },
                ProductCrate {
                    dir: "vpc".into(),
                    package: "alibabacloud-vpc".into()
                },
            ]
        );
    }

    #[test]
    fn each_product_gets_a_line_that_keeps_the_features_it_had() {
        let text = with_product_dependencies(MANIFEST_TEXT, "generated", &crates()).unwrap();
        assert_eq!(
            text,
            "[dev-dependencies]\n\
             # @generated products: begin\n\
             alibabacloud-ecs = { path = \"../generated/ecs\", features = [\"serde\"] }\n\
             alibabacloud-vpc = { path = \"../generated/vpc\", features = [\"serde\", \"blocking\"] }\n\
             # @generated products: end\n\
             libtest-mimic = \"0.8\"\n"
        );
        assert_eq!(
            with_product_dependencies(&text, "generated", &crates()).unwrap(),
            text,
            "a second run changes nothing"
        );
    }

    #[test]
    fn features_are_read_from_the_key_not_from_a_path() {
        assert_eq!(
            features(r#"a = { path = "../features", features = ["serde", "blocking"] }"#),
            ["serde", "blocking"]
        );
        assert!(features(r#"a = { path = "../features" }"#).is_empty());
    }

    #[test]
    fn each_product_gets_a_harness_target_and_a_gone_one_loses_its_own() {
        let manifest = "[dev-dependencies]\n\
            # @generated harnesses: begin\n\
            [[test]]\n\
            name = \"actions-gone\"\n\
            path = \"tests/actions/gone.rs\"\n\
            harness = false\n\
            # @generated harnesses: end\n\
            \n\
            [[bench]]\n";
        let text = with_harness_targets(manifest, &crates()).unwrap();
        assert_eq!(
            text,
            "[dev-dependencies]\n\
             # @generated harnesses: begin\n\
             [[test]]\n\
             name = \"actions-ecs\"\n\
             path = \"tests/actions/ecs.rs\"\n\
             harness = false\n\
             \n\
             [[test]]\n\
             name = \"actions-vpc\"\n\
             path = \"tests/actions/vpc.rs\"\n\
             harness = false\n\
             # @generated harnesses: end\n\
             \n\
             [[bench]]\n"
        );
        assert_eq!(
            with_harness_targets(&text, &crates()).unwrap(),
            text,
            "a second run changes nothing"
        );
    }

    #[test]
    fn a_harness_names_its_product_and_its_table() {
        let text = harness_file("api-specs", "ecs");
        assert!(text.contains("of `api-specs/ecs`"), "{text}");
        assert!(text.contains("\"/actions/ecs.rs\""), "{text}");
        assert!(
            text.contains("alibabacloud_tests::actions::run(\"ecs\", CHECKS)"),
            "{text}"
        );
    }

    #[test]
    fn harness_files_are_written_for_new_products_and_removed_for_gone_ones() {
        let root = std::env::temp_dir().join(format!("xtask-harnesses-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(HARNESS_DIR)).unwrap();
        std::fs::write(
            root.join(MANIFEST),
            "# @generated products: begin\n# @generated products: end\n\
             # @generated harnesses: begin\n# @generated harnesses: end\n",
        )
        .unwrap();
        std::fs::write(root.join(HARNESS_DIR).join("gone.rs"), "old").unwrap();
        std::fs::write(root.join(HARNESS_DIR).join("notes.txt"), "kept").unwrap();
        std::fs::write(
            root.join(HARNESS_DIR).join("vpc.rs"),
            harness_file("api-specs", "vpc"),
        )
        .unwrap();
        let mut files = GeneratedFiles::new();
        for (dir, name) in [("ecs", "alibabacloud-ecs"), ("vpc", "alibabacloud-vpc")] {
            files.insert(
                PathBuf::from(dir).join("Cargo.toml"),
                format!("[package]\nname = \"{name}\"\n"),
            );
        }
        let stale: Vec<(String, bool)> = tests_files(&Layout::standard(&root), &files)
            .unwrap()
            .into_iter()
            .filter(TestsFile::is_stale)
            .map(|file| (file.path, file.wanted.is_some()))
            .collect();
        let _ = std::fs::remove_dir_all(&root);
        assert_eq!(
            stale,
            [
                ("tests/Cargo.toml".to_string(), true),
                ("tests/tests/actions/ecs.rs".to_string(), true),
                ("tests/tests/actions/gone.rs".to_string(), false),
            ]
        );
    }

    #[test]
    fn a_manifest_without_the_markers_is_refused() {
        let error =
            with_product_dependencies("[dev-dependencies]\n", "generated", &crates()).unwrap_err();
        assert!(error.contains("@generated products: begin"), "{error}");
    }
}
