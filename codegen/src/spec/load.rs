//! Reading a product directory: `product.json`, every action file and the
//! samples they name. Problems are collected, never thrown one at a time.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::model::{ActionSpec, ProductSpec, SampleSpec};
use super::validate;
use crate::diagnostics::Diagnostics;

/// A product directory, read and checked.
#[derive(Debug, Clone)]
pub struct LoadedProduct {
    /// The directory's name, such as `vpc`.
    pub dir_name: String,
    /// The directory relative to the repository root, such as `api-specs/vpc`.
    pub rel_dir: String,
    /// `product.json`.
    pub spec: ProductSpec,
    /// Every action, sorted by file name.
    pub actions: Vec<LoadedAction>,
}

/// One action file, read and checked.
#[derive(Debug, Clone)]
pub struct LoadedAction {
    /// The file relative to the repository root.
    pub file: String,
    /// Its contents.
    pub spec: ActionSpec,
    /// The samples it names, read.
    pub samples: Vec<LoadedSample>,
}

/// One sample response file.
#[derive(Debug, Clone)]
pub struct LoadedSample {
    /// The file relative to the repository root.
    pub file: String,
    /// What the spec says about it.
    pub spec: SampleSpec,
    /// Its contents, exactly as stored.
    pub text: String,
}

/// The file name of a product's own description.
pub const PRODUCT_FILE: &str = "product.json";

/// Reads and checks the product directory `dir` (below `root`, the
/// repository root used to name files in messages).
///
/// Returns every problem found in every file, or the product with any
/// warnings.
pub fn load_product(root: &Path, dir: &Path) -> Result<(LoadedProduct, Diagnostics), Diagnostics> {
    let mut diagnostics = Diagnostics::default();
    let rel_dir = relative(root, dir);
    let dir_name = dir
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();

    let product_file = dir.join(PRODUCT_FILE);
    let product: Option<ProductSpec> = read_json(root, &product_file, &mut diagnostics);
    if let Some(product) = &product {
        validate::product(&relative(root, &product_file), product, &mut diagnostics);
    }

    let mut actions = Vec::new();
    for path in action_files(root, dir, &mut diagnostics) {
        let file = relative(root, &path);
        let Some(mut spec) = read_json::<ActionSpec>(root, &path, &mut diagnostics) else {
            continue;
        };
        let stem = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        validate::action(&file, &stem, &mut spec, &mut diagnostics);
        let samples = read_samples(root, &path, &file, &spec, &mut diagnostics);
        actions.push(LoadedAction {
            file,
            spec,
            samples,
        });
    }
    validate::unique_action_names(&actions, &mut diagnostics);

    match product {
        Some(spec) if !diagnostics.has_errors() => Ok((
            LoadedProduct {
                dir_name,
                rel_dir,
                spec,
                actions,
            },
            diagnostics,
        )),
        _ => Err(diagnostics),
    }
}

/// Every `*.json` file of the directory but `product.json`, sorted.
fn action_files(root: &Path, dir: &Path, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            diagnostics.error(
                &relative(root, dir),
                "",
                format!("cannot read the directory: {error}"),
            );
            return Vec::new();
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "json"))
        .filter(|path| path.file_name().is_some_and(|name| name != PRODUCT_FILE))
        .collect();
    files.sort();
    files
}

/// Reads and deserializes a JSON file, recording any problem with its path.
fn read_json<T: DeserializeOwned>(
    root: &Path,
    path: &Path,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let file = relative(root, path);
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            diagnostics.error(&file, "", format!("cannot read the file: {error}"));
            return None;
        }
    };
    parse_json(&file, &text, diagnostics)
}

/// Deserializes `text`, turning a serde error into `file: pointer: message`.
fn parse_json<T: DeserializeOwned>(
    file: &str,
    text: &str,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => Some(value),
        Err(error) => {
            let pointer = pointer_of(error.path());
            let inner = error.into_inner();
            let message = if inner.is_syntax() || inner.is_eof() {
                format!("invalid JSON: {inner}")
            } else {
                // serde's own wording already says what was expected.
                strip_position(&inner.to_string())
            };
            diagnostics.error(file, &pointer, message);
            None
        }
    }
}

/// serde_path_to_error's path as a JSON pointer.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => {
                pointer = crate::diagnostics::pointer_join(&pointer, &index.to_string())
            }
            Segment::Map { key } => pointer = crate::diagnostics::pointer_join(&pointer, key),
            Segment::Enum { variant } => {
                pointer = crate::diagnostics::pointer_join(&pointer, variant)
            }
            Segment::Unknown => {}
        }
    }
    pointer
}

/// serde_json appends " at line L column C"; the pointer already says where.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

fn read_samples(
    root: &Path,
    spec_path: &Path,
    spec_file: &str,
    spec: &ActionSpec,
    diagnostics: &mut Diagnostics,
) -> Vec<LoadedSample> {
    let base = spec_path.parent().unwrap_or(root);
    let mut samples = Vec::new();
    for (index, sample) in spec.samples.iter().enumerate() {
        let pointer = format!("/x-samples/{index}/file");
        let path = base.join(&sample.file);
        match fs::read_to_string(&path) {
            Ok(text) => {
                let file = relative(root, &path);
                validate::sample(&file, &text, sample, spec, diagnostics);
                samples.push(LoadedSample {
                    file,
                    spec: sample.clone(),
                    text,
                });
            }
            Err(error) => diagnostics.error(
                spec_file,
                &pointer,
                format!("cannot read sample {:?}: {error}", sample.file),
            ),
        }
    }
    samples
}

/// `path` relative to `root`, with `/` separators, for messages and headers.
pub fn relative(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
