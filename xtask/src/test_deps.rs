//! The tests crate's dependency on each product's crate.
//!
//! The `actions` harness checks every action of every product, so
//! `tests/Cargo.toml` must name each generated crate, with the features the
//! harness needs. `cargo xtask generate` writes those lines between two
//! marker comments, one per crate it generated, and `generate --check`
//! fails when they are stale: adding a product directory needs no hand
//! edit of any `Cargo.toml`. Features someone added to a line (VPC's
//! `blocking` and `test-util`, for the client tests) are kept.

use std::path::Path;

use alibabacloud_codegen::GeneratedFiles;

/// The manifest holding the lines, relative to the repository root.
pub const MANIFEST: &str = "tests/Cargo.toml";

/// The line opening the generated lines.
const BEGIN: &str = "# @generated products: begin";
/// The line closing them.
const END: &str = "# @generated products: end";

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
    let lines: Vec<&str> = manifest.lines().collect();
    let begin = lines.iter().position(|line| line.trim() == BEGIN);
    let end = lines.iter().position(|line| line.trim() == END);
    let (Some(begin), Some(end)) = (begin, end) else {
        return Err(format!(
            "{MANIFEST}: no `{BEGIN}` and `{END}` lines in [dev-dependencies] \
             (the product crates are written between them)"
        ));
    };
    if end < begin {
        return Err(format!("{MANIFEST}: `{END}` comes before `{BEGIN}`"));
    }
    let mut text = String::with_capacity(manifest.len() + 100);
    for line in &lines[..=begin] {
        text.push_str(line);
        text.push('\n');
    }
    for product in crates {
        let kept = lines[begin + 1..end]
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
    for line in &lines[end..] {
        text.push_str(line);
        text.push('\n');
    }
    Ok(text)
}

/// The current text of [`MANIFEST`] below `root` and the text it should
/// have for the product crates of `files`.
pub fn manifest_update(
    root: &Path,
    output_dir: &Path,
    files: &GeneratedFiles,
) -> Result<(String, String), String> {
    let path = root.join(MANIFEST);
    let current = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let output = output_dir
        .strip_prefix(root)
        .unwrap_or(output_dir)
        .iter()
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let wanted = with_product_dependencies(&current, &output, &product_crates(files))?;
    Ok((current, wanted))
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
    fn a_manifest_without_the_markers_is_refused() {
        let error =
            with_product_dependencies("[dev-dependencies]\n", "generated", &crates()).unwrap_err();
        assert!(error.contains("@generated products: begin"), "{error}");
    }
}
