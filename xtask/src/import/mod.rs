//! `cargo xtask import <product> <folder>`: brings an official SDK's facts
//! into `api-specs/<product>/`.
//!
//! A reader turns one kind of source into action specs in the format of
//! `api-specs/` ([`SourceProduct`]); the merge and the writing are shared.
//! Today's reader is the official SDK packages (npm for the structure,
//! PyPI for integer or float); Alibaba's OpenAPI metadata (`api-docs.json`)
//! would be one more module producing the same [`SourceProduct`].

pub mod files;
pub mod json;
pub mod merge;
pub mod python;
pub mod typescript;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use json::Json;

/// The key of `product.json` that records the source of the last import.
pub const IMPORTED_FROM: &str = "x-imported-from";

/// What a reader found: one spec per action, in the `api-specs/` format.
#[derive(Debug, Default)]
pub struct SourceProduct {
    /// Where the facts come from, such as `npm @7.3.2`.
    pub origin: Vec<String>,
    /// Action specs by action name.
    pub actions: BTreeMap<String, Json>,
    /// Things worth knowing that are not errors.
    pub notes: Vec<String>,
}

/// Reads the official SDK packages in `folder` (the `.tgz` of `npm pack`
/// and the `.whl` of `pip download`, or their unpacked folders).
pub fn read_sdk_packages(folder: &Path) -> Result<SourceProduct, String> {
    let files = files::SourceFiles::read_dir(folder)?;
    read_sdk_files(&files)
}

/// [`read_sdk_packages`] over files already in memory.
pub fn read_sdk_files(files: &files::SourceFiles) -> Result<SourceProduct, String> {
    let numbers = python::read(files);
    let mut product = typescript::read(files, &numbers)?;
    if numbers.is_empty() {
        product
            .notes
            .push("no Python package found: every number is taken as an integer".into());
    } else {
        product.origin.push(format!(
            "PyPI {}",
            numbers.package.as_deref().unwrap_or("(package unknown)")
        ));
    }
    Ok(product)
}

/// What happened to each action file.
#[derive(Debug, Default)]
pub struct ImportSummary {
    /// New files, by action.
    pub added: Vec<String>,
    /// Existing files that gained facts: action → what was added.
    pub changed: BTreeMap<String, Vec<String>>,
    /// Files that already had every fact.
    pub unchanged: Vec<String>,
    /// Disagreements kept as the spec has them: action → what.
    pub conflicts: BTreeMap<String, Vec<String>>,
    /// Spec files of actions the source does not have.
    pub left_alone: Vec<String>,
}

impl ImportSummary {
    /// The report printed after a run.
    pub fn render(&self, notes: &[String]) -> String {
        let mut out = String::new();
        for action in &self.added {
            let _ = writeln!(out, "added     {action}");
        }
        for (action, added) in &self.changed {
            let _ = writeln!(out, "changed   {action}: added {}", added.join(", "));
        }
        for (action, conflicts) in &self.conflicts {
            for conflict in conflicts {
                let _ = writeln!(out, "conflict  {action}: {conflict}; kept ours");
            }
        }
        for action in &self.left_alone {
            let _ = writeln!(out, "left alone {action}: not in the source");
        }
        for note in notes {
            let _ = writeln!(out, "note      {note}");
        }
        let conflicts: usize = self.conflicts.values().map(Vec::len).sum();
        let _ = writeln!(
            out,
            "{} added, {} changed, {} unchanged, {} left alone, {conflicts} conflict(s)",
            self.added.len(),
            self.changed.len(),
            self.unchanged.len(),
            self.left_alone.len(),
        );
        out
    }
}

/// Merges `source` into the spec files of `product_dir` and writes the
/// files that change. Nothing is written when any existing file cannot
/// be read.
pub fn import_into(product_dir: &Path, source: &SourceProduct) -> Result<ImportSummary, String> {
    let mut summary = ImportSummary::default();
    let mut writes: Vec<(std::path::PathBuf, String)> = Vec::new();
    for (action, theirs) in &source.actions {
        let path = product_dir.join(format!("{action}.json"));
        let existing = match fs::read_to_string(&path) {
            Ok(text) => Some(text),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(error) => return Err(format!("{}: {error}", path.display())),
        };
        match existing {
            None => {
                writes.push((path, theirs.to_pretty()));
                summary.added.push(action.clone());
            }
            Some(text) => {
                let mut ours: Json = serde_json::from_str(text.trim_start_matches('\u{feff}'))
                    .map_err(|error| format!("{}: not valid JSON: {error}", path.display()))?;
                let report = merge::merge_action(&mut ours, theirs);
                if !report.conflicts.is_empty() {
                    summary.conflicts.insert(action.clone(), report.conflicts);
                }
                if report.added.is_empty() {
                    summary.unchanged.push(action.clone());
                } else {
                    writes.push((path, ours.to_pretty()));
                    summary.changed.insert(action.clone(), report.added);
                }
            }
        }
    }
    let mut existing: Vec<String> = fs::read_dir(product_dir)
        .map_err(|error| format!("{}: {error}", product_dir.display()))?
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".json").map(str::to_string))
        .filter(|name| name != "product" && !source.actions.contains_key(name))
        .collect();
    existing.sort();
    summary.left_alone = existing;
    let product_file = product_dir.join("product.json");
    if let Ok(text) = fs::read_to_string(&product_file) {
        let mut product: Json = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|error| format!("{}: not valid JSON: {error}", product_file.display()))?;
        let origin = Json::Array(source.origin.iter().map(Json::str).collect());
        if product.get(IMPORTED_FROM) != Some(&origin) {
            product.insert(IMPORTED_FROM, origin);
            writes.push((product_file, product.to_pretty()));
        }
    }
    for (path, text) in writes {
        fs::write(&path, text).map_err(|error| format!("{}: {error}", path.display()))?;
    }
    Ok(summary)
}
