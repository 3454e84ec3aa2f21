//! Reading a product directory: `product.json`, every action file and the
//! samples they name. Problems are collected, never thrown one at a time.

use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use super::model::{ActionSpec, ProductSpec, SampleSpec};
use super::words::ApiStyle;
use super::{checked, features, json, samples, validate};
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
    /// The product's API style, checked.
    pub style: ApiStyle,
    /// Every action, sorted by file name.
    pub actions: Vec<LoadedAction>,
}

/// One action file, read and checked.
#[derive(Debug, Clone)]
pub struct LoadedAction {
    /// The file relative to the repository root.
    pub file: String,
    /// Its contents, with duplicate parameters merged and `$ref`s resolved.
    pub spec: ActionSpec,
    /// The same, checked and typed: what lowering reads.
    pub checked: checked::Action,
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
    let product: Option<ProductSpec> =
        read_json(root, &product_file, json::PRODUCT, &mut diagnostics);
    if let Some(product) = &product {
        validate::product(&relative(root, &product_file), product, &mut diagnostics);
    }

    let mut actions = Vec::new();
    let mut names = Vec::new();
    let mut polls = Vec::new();
    let files = action_files(root, dir, &mut diagnostics);
    if files.is_empty() && !diagnostics.has_errors() {
        diagnostics.error(
            &rel_dir,
            "",
            format!("no action files (expected at least one <Action>.json beside {PRODUCT_FILE})"),
        );
    }
    for path in files {
        let file = relative(root, &path);
        let Some(mut spec) = read_json::<ActionSpec>(root, &path, json::ACTION, &mut diagnostics)
        else {
            continue;
        };
        let stem = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let errors_before = diagnostics.error_count();
        validate::action(&file, &stem, &mut spec, &mut diagnostics);
        // A sample is checked against the schema only when the schema is
        // sound: otherwise every sample would repeat the schema's problem.
        let schema_sound = diagnostics.error_count() == errors_before;
        let checked = schema_sound
            .then(|| checked::action(&file, &spec, &mut diagnostics))
            .flatten();
        let samples = read_samples(
            root,
            dir,
            &path,
            &file,
            &spec,
            schema_sound,
            &mut diagnostics,
        );
        names.push((file.clone(), spec.name.clone()));
        polls.push((
            file.clone(),
            spec.name.clone(),
            spec.asynchronous
                .as_ref()
                .map(|asynchronous| asynchronous.poll.clone()),
        ));
        // Without a checked model the action has errors, reported above.
        if let Some(checked) = checked {
            actions.push(LoadedAction {
                file,
                spec,
                checked,
                samples,
            });
        }
    }
    validate::unique_action_names(&names, &mut diagnostics);
    if let Some(product) = &product {
        features::assign(
            &relative(root, &product_file),
            product,
            &names,
            &mut actions,
            &mut diagnostics,
        );
    }
    validate::poll_targets(&polls, &mut diagnostics);

    let style = product
        .as_ref()
        .and_then(|product| ApiStyle::parse(&product.style));
    match (product, style) {
        (Some(spec), Some(style)) if !diagnostics.has_errors() => Ok((
            LoadedProduct {
                dir_name,
                rel_dir,
                spec,
                style,
                actions,
            },
            diagnostics,
        )),
        _ => Err(diagnostics),
    }
}

/// Every `*.json` file of the directory but `product.json`, sorted. An
/// entry named like an action file that is not a readable file (a
/// directory, a dangling symlink, a symlink loop) or whose extension is
/// `.json` in another case is reported, not skipped.
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
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(error) => diagnostics.error(
                &relative(root, dir),
                "",
                format!("cannot list the directory: {error}"),
            ),
        }
    }
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let Some(extension) = path.extension().map(|ext| ext.to_string_lossy()) else {
            continue;
        };
        if !extension.eq_ignore_ascii_case("json")
            || path.file_name().is_some_and(|name| name == PRODUCT_FILE)
        {
            continue;
        }
        let file = relative(root, &path);
        if extension != "json" {
            diagnostics.error(
                &file,
                "",
                format!("the extension {extension:?} is not \"json\" (expected an action file named <Action>.json, in lower case)"),
            );
            continue;
        }
        match fs::metadata(&path) {
            Ok(metadata) if metadata.is_file() => files.push(path),
            Ok(_) => diagnostics.error(
                &file,
                "",
                "not a file (expected an action file named <Action>.json)",
            ),
            Err(error) => diagnostics.error(
                &file,
                "",
                format!(
                    "cannot read the action file (a dangling symlink or a symlink loop?): {error}"
                ),
            ),
        }
    }
    files
}

/// Reads a JSON file, checks it against the keys of the spec format
/// (`shape`) and deserializes it, recording every problem with its path.
fn read_json<T: DeserializeOwned>(
    root: &Path,
    path: &Path,
    shape: &'static [json::Key],
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let file = relative(root, path);
    let text = match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let at = error.utf8_error().valid_up_to();
                diagnostics.error(
                    &file,
                    "",
                    format!("byte {at} is not UTF-8 (expected UTF-8 text)"),
                );
                return None;
            }
        },
        Err(error) => {
            diagnostics.error(&file, "", format!("cannot read the file: {error}"));
            return None;
        }
    };
    parse_json(&file, &text, shape, diagnostics)
}

/// Parses `text`, checks its shape, and deserializes it.
fn parse_json<T: DeserializeOwned>(
    file: &str,
    text: &str,
    shape: &'static [json::Key],
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let tree = json::parse(file, text, diagnostics)?;
    if !json::check(file, &tree, shape, diagnostics) {
        return None;
    }
    drop(tree);
    // The text again (it is valid JSON, each key once): serde reads objects
    // in their order, which a serde_json `Value` would sort.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize(&mut deserializer) {
        Ok(value) => Some(value),
        Err(error) => {
            // The shape check accepts only what the model reads, so this
            // is a generator bug; still say where.
            let pointer = pointer_of(error.path());
            let pointer = if pointer.is_empty() {
                "/".to_string()
            } else {
                pointer
            };
            diagnostics.error(
                file,
                &pointer,
                format!(
                    "generator bug: the checked file does not deserialize: {}",
                    error.into_inner()
                ),
            );
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

fn read_samples(
    root: &Path,
    product_dir: &Path,
    spec_path: &Path,
    spec_file: &str,
    spec: &ActionSpec,
    schema_sound: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<LoadedSample> {
    let base = spec_path.parent().unwrap_or(root);
    let mut samples = Vec::new();
    for (index, sample) in spec.samples.iter().enumerate() {
        let pointer = format!("/x-samples/{index}/file");
        let path = base.join(&sample.file);
        if let Some(problem) = outside(product_dir, &sample.file, &path) {
            diagnostics.error(
                spec_file,
                &pointer,
                format!(
                    "sample {:?} {problem} (expected a relative path inside {}, such as \"samples/{}/en-success.json\")",
                    sample.file,
                    relative(root, product_dir),
                    spec.name
                ),
            );
            continue;
        }
        match fs::read_to_string(&path) {
            Ok(text) => {
                let file = relative(root, &path);
                samples::sample(&file, &text, sample, spec, schema_sound, diagnostics);
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

/// Why the sample `written` (resolved to `path`) is not a file inside the
/// product directory, if it is not: an absolute path, a `..` that climbs
/// out, or a symlink that leads out.
fn outside(product_dir: &Path, written: &str, path: &Path) -> Option<&'static str> {
    let written_path = Path::new(written);
    if written_path.is_absolute() || written.starts_with(['/', '\\']) {
        return Some("is an absolute path");
    }
    if written_path.components().any(|part| {
        matches!(
            part,
            std::path::Component::ParentDir | std::path::Component::Prefix(_)
        )
    }) {
        return Some("climbs out with \"..\"");
    }
    match (fs::canonicalize(product_dir), fs::canonicalize(path)) {
        (Ok(dir), Ok(resolved)) if !resolved.starts_with(&dir) => {
            Some("leads out of the product directory through a symlink")
        }
        _ => None,
    }
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
