//! Synthetic spec sets for the generation and compile-cost benchmarks
//! (issue 5): N actions made from the real specs of one product by copying
//! them under new names.
//!
//! Action `i` is a copy of the `i % k`-th real spec (sorted by file name)
//! renamed with a numbered suffix: `DescribeHaVips` becomes
//! `DescribeHaVipsS0042`. Only the top-level `name` changes (the file is
//! named after it, as the loader requires), and the copy keeps its
//! original's feature: an `x-family` naming it (from `product.json`'s
//! `features`, else from its name) is added after the
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

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use alibabacloud_codegen::spec::FeatureSpec;
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
    let (product_path, mut product) = read_product(product_dir)?;
    let features = take_features(&product_path, &mut product)?;
    let sources = action_specs(product_dir, &features)?;
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

    let crate_name = write_product(&product_path, product, &target, n)?;

    let samples = product_dir.join("samples");
    if samples.is_dir() {
        copy_tree(&samples, &target.join("samples"))?;
    }

    let width = digits(n.saturating_sub(1)).max(4);
    for index in 0..n {
        let source = &sources[index % sources.len()];
        let new_name = format!("{}S{index:0width$}", source.name);
        let renamed = rename_spec(source, &new_name)?;
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

/// One real action spec, read once and copied many times.
#[derive(Debug)]
struct SourceSpec {
    path: PathBuf,
    text: String,
    /// Its top-level `name`.
    name: String,
    /// The family to write into each copy, when it has no `x-family`: the
    /// feature `product.json` lists it in, else the one its name gives (a
    /// copy's new name would give another).
    family_to_add: Option<String>,
}

/// `product.json` of `product_dir`, read once: its features are taken
/// from it and the rest is copied.
fn read_product(product_dir: &Path) -> Result<(PathBuf, Value), SynthError> {
    let path = product_dir.join(PRODUCT_FILE);
    let text = fs::read_to_string(&path).map_err(|error| SynthError::Io(path.clone(), error))?;
    let product = parse(&path, &text)?;
    Ok((path, product))
}

/// Takes the `features` list out of `product` (the copies carry their
/// feature as `x-family`: the list names the originals, which are not in
/// the copy) and returns the feature of each listed action, by action
/// name; empty when it lists none.
fn take_features(path: &Path, product: &mut Value) -> Result<BTreeMap<String, String>, SynthError> {
    let listed = product
        .as_object_mut()
        .and_then(|product| product.remove("features"))
        .unwrap_or(Value::Null);
    let features: Option<Vec<FeatureSpec>> = serde_json::from_value(listed)
        .map_err(|error| SynthError::Spec(path.to_path_buf(), format!("features: {error}")))?;
    Ok(features
        .into_iter()
        .flatten()
        .flat_map(|feature| {
            let name = feature.name;
            feature
                .actions
                .into_iter()
                .map(move |action| (action, name.clone()))
        })
        .collect())
}

/// Every action spec of the product, sorted by file name; `features` are
/// the features `product.json` gives them.
fn action_specs(
    product_dir: &Path,
    features: &BTreeMap<String, String>,
) -> Result<Vec<SourceSpec>, SynthError> {
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
        let value = parse(&path, &text)?;
        let name = top_level_name(&path, &value)?;
        let family_to_add = value.get(FAMILY_KEY).is_none().then(|| {
            features
                .get(&name)
                .cloned()
                .unwrap_or_else(|| alibabacloud_codegen::naming::family(&name))
        });
        specs.push(SourceSpec {
            path,
            text,
            name,
            family_to_add,
        });
    }
    Ok(specs)
}

fn parse(path: &Path, text: &str) -> Result<Value, SynthError> {
    serde_json::from_str(text)
        .map_err(|error| SynthError::Spec(path.to_path_buf(), format!("not JSON: {error}")))
}

/// The spec's top-level `name`.
fn top_level_name(path: &Path, value: &Value) -> Result<String, SynthError> {
    value
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| SynthError::Spec(path.to_path_buf(), "no top-level `name`".to_string()))
}

/// The spec's text named `new`, with its family added after the name when
/// it has to be, and nothing else changed.
///
/// The first `"name": "<old>"` in the file is replaced; the result is parsed
/// again to check that it was the top-level one.
fn rename_spec(source: &SourceSpec, new: &str) -> Result<String, SynthError> {
    let needle = format!("\"name\": \"{}\"", source.name);
    let replacement = match &source.family_to_add {
        Some(family) => format!("\"name\": \"{new}\", \"{FAMILY_KEY}\": \"{family}\""),
        None => format!("\"name\": \"{new}\""),
    };
    let renamed = source.text.replacen(&needle, &replacement, 1);
    let value = parse(&source.path, &renamed)?;
    let family_added = source
        .family_to_add
        .as_deref()
        .is_none_or(|family| value.get(FAMILY_KEY).and_then(Value::as_str) == Some(family));
    if top_level_name(&source.path, &value)? != new || !family_added {
        return Err(SynthError::Spec(
            source.path.clone(),
            format!("could not rename the action: no top-level {needle} found"),
        ));
    }
    Ok(renamed)
}

/// Writes `product` (read from `path`) into `target` with a distinct
/// crate name and description.
fn write_product(
    path: &Path,
    mut product: Value,
    target: &Path,
    n: usize,
) -> Result<String, SynthError> {
    let Some(krate) = product.get_mut("crate").and_then(Value::as_object_mut) else {
        return Err(SynthError::Spec(
            path.to_path_buf(),
            "no `crate` object".to_string(),
        ));
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
        .map_err(|error| SynthError::Spec(path.to_path_buf(), error.to_string()))?;
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

    fn source(text: &str, family_to_add: Option<&str>) -> SourceSpec {
        let value = parse(Path::new("x.json"), text).expect("test specs are JSON");
        SourceSpec {
            path: PathBuf::from("x.json"),
            text: text.to_string(),
            name: top_level_name(Path::new("x.json"), &value).expect("test specs have a name"),
            family_to_add: family_to_add.map(str::to_string),
        }
    }

    #[test]
    fn rename_changes_only_the_top_level_name() {
        let text =
            "{\n  \"name\": \"DescribeHaVips\",\n  \"parameters\": [{\"name\": \"RegionId\"}]\n}";
        let renamed = rename_spec(&source(text, None), "DescribeHaVipsS0042").expect("renames");
        assert_eq!(
            renamed,
            "{\n  \"name\": \"DescribeHaVipsS0042\",\n  \"parameters\": [{\"name\": \"RegionId\"}]\n}"
        );
    }

    #[test]
    fn a_copy_keeps_the_feature_of_its_original() {
        let dir = std::env::temp_dir().join(format!("synth-family-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("temp dir");
        let unnamed = "{\n  \"name\": \"DescribeHaVips\",\n  \"parameters\": []\n}";
        let named = "{\"name\": \"A\", \"x-family\": \"mine\"}";
        fs::write(dir.join("A.json"), named).expect("writes");
        fs::write(dir.join("DescribeHaVips.json"), unnamed).expect("writes");
        fs::write(dir.join("CreateHaVip.json"), "{\"name\": \"CreateHaVip\"}").expect("writes");
        let product =
            r#"{"features": [{"name": "high-availability", "actions": ["CreateHaVip"]}]}"#;
        fs::write(dir.join(PRODUCT_FILE), product).expect("writes");
        let specs = read_product(&dir)
            .and_then(|(path, mut product)| take_features(&path, &mut product))
            .and_then(|features| action_specs(&dir, &features));
        let _ = fs::remove_dir_all(&dir);
        let mut specs = specs.expect("reads the specs");
        let listed = specs.remove(1);
        assert_eq!(listed.name, "CreateHaVip");
        assert_eq!(listed.family_to_add.as_deref(), Some("high-availability"));
        assert_eq!(specs[0].family_to_add, None);
        assert_eq!(specs[1].family_to_add.as_deref(), Some("ha-vip"));
        assert_eq!(
            rename_spec(&specs[1], "DescribeHaVipsS0042").expect("adds the family"),
            "{\n  \"name\": \"DescribeHaVipsS0042\", \"x-family\": \"ha-vip\",\n  \"parameters\": []\n}"
        );
        assert_eq!(
            rename_spec(&specs[0], "AS0001").expect("keeps it"),
            "{\"name\": \"AS0001\", \"x-family\": \"mine\"}"
        );
    }

    #[test]
    fn rename_refuses_a_name_that_is_not_top_level() {
        let text = "{\"parameters\": [{\"name\": \"A\"}], \"name\": \"A\"}";
        assert!(rename_spec(&source(text, None), "AS0001").is_err());
        assert!(rename_spec(&source(text, Some("a")), "AS0001").is_err());
    }
}
