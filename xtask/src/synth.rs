//! Synthetic spec sets for the generation and compile-cost benchmarks
//! (issue 5): N actions made from the real specs of one product by copying
//! them under new names.
//!
//! Action `i` is a copy of the `i % k`-th real spec (sorted by file name)
//! renamed with a numbered suffix: `DescribeHaVips` becomes
//! `DescribeHaVipsS0042`. Only the top-level `name` changes (the file is
//! named after it, as the loader requires), and the copy keeps its
//! original's resource family: an `x-family` naming it is added after the
//! name where the original has none (the family would otherwise come from
//! the new name, one family per copy). The rest of the spec, its samples
//! included, is kept byte for byte, so each synthetic action costs the
//! generator and the compiler what its original costs, and N actions fall
//! into the real product's families, each N / k times as large. The samples
//! directory is copied once and shared by the copies. `product.json` gets a
//! distinct crate name so the set never collides with the real crate.
//!
//! Used by `cargo xtask synth-specs N OUT_DIR`, `cargo xtask compile-cost N`
//! and the `generate` benchmark of the tests crate.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The file that makes a directory a product.
const PRODUCT_FILE: &str = "product.json";

/// The spec extension naming an action's resource family.
const FAMILY_KEY: &str = "x-family";

/// What [`synthesize`] wrote.
#[derive(Debug, Clone)]
pub struct SynthSet {
    /// The specs directory to point a `Layout` at (holds the product directory).
    pub specs_dir: PathBuf,
    /// The product directory inside it.
    pub product_dir: PathBuf,
    /// The crate name written into its `product.json`.
    pub crate_name: String,
    /// How many actions were written.
    pub actions: usize,
}

/// Why a synthetic set could not be made.
#[derive(Debug)]
pub enum SynthError {
    /// A file could not be read, written or listed.
    Io(PathBuf, io::Error),
    /// A spec is not JSON, or its `name` could not be rewritten.
    Spec(PathBuf, String),
}

impl fmt::Display for SynthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io(path, error) => write!(f, "{}: {error}", path.display()),
            Self::Spec(path, message) => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for SynthError {}

/// The name of the product directory [`synthesize`] makes for `n` actions.
pub fn product_dir_name(product: &str, n: usize) -> String {
    format!("{product}-synth-{n}")
}

/// Writes `n` actions made from the specs in `product_dir` (such as
/// `api-specs/vpc`) into `out_dir/<product>-synth-<n>/`, with a
/// `product.json` naming the crate `<crate>-synth-<n>`.
///
/// `out_dir` becomes a specs directory (like `api-specs/`); an existing
/// product directory of the same name is replaced.
pub fn synthesize(product_dir: &Path, n: usize, out_dir: &Path) -> Result<SynthSet, SynthError> {
    let sources = action_specs(product_dir)?;
    if sources.is_empty() {
        return Err(SynthError::Spec(
            product_dir.to_path_buf(),
            "no action specs to copy".to_string(),
        ));
    }
    let product_name = product_dir
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "product".to_string());
    let target = out_dir.join(product_dir_name(&product_name, n));
    if target.exists() {
        fs::remove_dir_all(&target).map_err(|error| SynthError::Io(target.clone(), error))?;
    }
    fs::create_dir_all(&target).map_err(|error| SynthError::Io(target.clone(), error))?;

    // The JSON schemas the specs point at with `$schema`, for editors.
    if let Some(parent) = product_dir.parent() {
        for schema in ["schema.json", "product.schema.json"] {
            let from = parent.join(schema);
            if from.is_file() {
                copy(&from, &out_dir.join(schema))?;
            }
        }
    }

    let crate_name = write_product(product_dir, &target, n)?;

    let samples = product_dir.join("samples");
    if samples.is_dir() {
        copy_tree(&samples, &target.join("samples"))?;
    }

    let width = digits(n.saturating_sub(1)).max(4);
    for index in 0..n {
        let (path, text, name) = &sources[index % sources.len()];
        let new_name = format!("{name}S{index:0width$}");
        let renamed = rename_spec(path, text, name, &new_name)?;
        let renamed = keep_family(path, &renamed, name, &new_name)?;
        let file = target.join(format!("{new_name}.json"));
        fs::write(&file, renamed).map_err(|error| SynthError::Io(file, error))?;
    }

    Ok(SynthSet {
        specs_dir: out_dir.to_path_buf(),
        product_dir: target,
        crate_name,
        actions: n,
    })
}

/// Every action spec of the product: path, text and `name`, sorted by file name.
fn action_specs(product_dir: &Path) -> Result<Vec<(PathBuf, String, String)>, SynthError> {
    let entries =
        fs::read_dir(product_dir).map_err(|error| SynthError::Io(product_dir.into(), error))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "json")
                && path.file_name().is_some_and(|name| name != PRODUCT_FILE)
        })
        .collect();
    paths.sort();
    let mut specs = Vec::with_capacity(paths.len());
    for path in paths {
        let text =
            fs::read_to_string(&path).map_err(|error| SynthError::Io(path.clone(), error))?;
        let name = top_level_name(&path, &text)?;
        specs.push((path, text, name));
    }
    Ok(specs)
}

/// The spec's top-level `name`.
fn top_level_name(path: &Path, text: &str) -> Result<String, SynthError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|error| SynthError::Spec(path.to_path_buf(), format!("not JSON: {error}")))?;
    value
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| SynthError::Spec(path.to_path_buf(), "no top-level `name`".to_string()))
}

/// The spec text with its top-level `name` changed and nothing else.
///
/// The first `"name": "<old>"` in the file is replaced; the result is parsed
/// again to check that it was the top-level one.
fn rename_spec(path: &Path, text: &str, old: &str, new: &str) -> Result<String, SynthError> {
    let needle = format!("\"name\": \"{old}\"");
    let renamed = text.replacen(&needle, &format!("\"name\": \"{new}\""), 1);
    if top_level_name(path, &renamed)? != new {
        return Err(SynthError::Spec(
            path.to_path_buf(),
            format!("could not rename the action: no top-level {needle} found"),
        ));
    }
    Ok(renamed)
}

/// The renamed spec with an `x-family` holding the family its original
/// name gives, unless it already names one.
fn keep_family(path: &Path, text: &str, old: &str, new: &str) -> Result<String, SynthError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|error| SynthError::Spec(path.to_path_buf(), format!("not JSON: {error}")))?;
    if value.get(FAMILY_KEY).is_some() {
        return Ok(text.to_string());
    }
    let needle = format!("\"name\": \"{new}\"");
    let family = alibabacloud_codegen::naming::family(old);
    let with_family = text.replacen(
        &needle,
        &format!("{needle}, \"{FAMILY_KEY}\": \"{family}\""),
        1,
    );
    let value: Value = serde_json::from_str(&with_family)
        .map_err(|error| SynthError::Spec(path.to_path_buf(), format!("not JSON: {error}")))?;
    if value.get(FAMILY_KEY).and_then(Value::as_str) != Some(family.as_str()) {
        return Err(SynthError::Spec(
            path.to_path_buf(),
            format!("could not add {FAMILY_KEY}: no top-level {needle} found"),
        ));
    }
    Ok(with_family)
}

/// Copies `product.json` with a distinct crate name and description.
fn write_product(product_dir: &Path, target: &Path, n: usize) -> Result<String, SynthError> {
    let path = product_dir.join(PRODUCT_FILE);
    let text = fs::read_to_string(&path).map_err(|error| SynthError::Io(path.clone(), error))?;
    let mut product: Value = serde_json::from_str(&text)
        .map_err(|error| SynthError::Spec(path.clone(), format!("not JSON: {error}")))?;
    let Some(krate) = product.get_mut("crate").and_then(Value::as_object_mut) else {
        return Err(SynthError::Spec(path, "no `crate` object".to_string()));
    };
    let base = krate
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("alibabacloud-product")
        .to_string();
    let crate_name = format!("{base}-synth-{n}");
    krate.insert("name".to_string(), Value::String(crate_name.clone()));
    krate.insert(
        "description".to_string(),
        Value::String(format!(
            "Synthetic benchmark crate: {n} actions copied from {base}'s specs under new names."
        )),
    );
    let out = target.join(PRODUCT_FILE);
    let written = serde_json::to_string_pretty(&product)
        .map_err(|error| SynthError::Spec(path.clone(), error.to_string()))?;
    fs::write(&out, written + "\n").map_err(|error| SynthError::Io(out, error))?;
    Ok(crate_name)
}

fn copy(from: &Path, to: &Path) -> Result<(), SynthError> {
    fs::copy(from, to)
        .map(drop)
        .map_err(|error| SynthError::Io(from.to_path_buf(), error))
}

fn copy_tree(from: &Path, to: &Path) -> Result<(), SynthError> {
    fs::create_dir_all(to).map_err(|error| SynthError::Io(to.to_path_buf(), error))?;
    let entries = fs::read_dir(from).map_err(|error| SynthError::Io(from.to_path_buf(), error))?;
    for entry in entries {
        let entry = entry.map_err(|error| SynthError::Io(from.to_path_buf(), error))?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_tree(&path, &dest)?;
        } else {
            copy(&path, &dest)?;
        }
    }
    Ok(())
}

/// How many decimal digits `n` has.
fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_counts_decimal_digits() {
        assert_eq!(digits(0), 1);
        assert_eq!(digits(9), 1);
        assert_eq!(digits(10), 2);
        assert_eq!(digits(999), 3);
        assert_eq!(digits(1000), 4);
    }

    #[test]
    fn rename_changes_only_the_top_level_name() {
        let text =
            "{\n  \"name\": \"DescribeHaVips\",\n  \"parameters\": [{\"name\": \"RegionId\"}]\n}";
        let renamed = rename_spec(
            Path::new("x.json"),
            text,
            "DescribeHaVips",
            "DescribeHaVipsS0042",
        )
        .expect("renames");
        assert_eq!(
            renamed,
            "{\n  \"name\": \"DescribeHaVipsS0042\",\n  \"parameters\": [{\"name\": \"RegionId\"}]\n}"
        );
    }

    #[test]
    fn a_copy_keeps_the_family_of_its_original_name() {
        let text = "{\n  \"name\": \"DescribeHaVipsS0042\",\n  \"parameters\": []\n}";
        let kept = keep_family(
            Path::new("x.json"),
            text,
            "DescribeHaVips",
            "DescribeHaVipsS0042",
        )
        .expect("adds the family");
        assert_eq!(
            kept,
            "{\n  \"name\": \"DescribeHaVipsS0042\", \"x-family\": \"ha-vip\",\n  \"parameters\": []\n}"
        );
        let named = "{\"name\": \"AS0001\", \"x-family\": \"mine\"}";
        assert_eq!(
            keep_family(Path::new("x.json"), named, "A", "AS0001").expect("keeps it"),
            named
        );
    }

    #[test]
    fn rename_refuses_a_name_that_is_not_top_level() {
        let text = "{\"parameters\": [{\"name\": \"A\"}], \"name\": \"A\"}";
        assert!(rename_spec(Path::new("x.json"), text, "A", "AS0001").is_err());
    }
}
