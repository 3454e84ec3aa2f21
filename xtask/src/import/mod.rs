//! `cargo xtask import <product> <folder>`: brings the facts of Alibaba's
//! published sources into `api-specs/<product>/`.
//!
//! A reader turns one kind of source into action specs in the format of
//! `api-specs/` ([`SourceProduct`]): the official SDK packages (npm for
//! the structure, PyPI for integer or float) and the API metadata
//! (`api-docs.json`, [`metadata`]). [`combine`] settles what the two say
//! into one source; the merge into our specs and the writing are shared.

pub mod combine;
pub mod features;
pub mod files;
pub mod json;
pub mod merge;
pub mod metadata;
pub mod product_file;
pub mod python;
pub mod typescript;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use json::Json;

/// The key of `product.json` that records the source of the last import.
pub const IMPORTED_FROM: &str = "x-imported-from";

/// What a reader found: one spec per action, in the `api-specs/` format.
#[derive(Debug, Default)]
pub struct SourceProduct {
    /// Where the facts come from, such as `npm @7.3.2`.
    pub origin: Vec<String>,
    /// The product and API version each source says it describes.
    pub identities: Vec<ProductId>,
    /// Action specs by action name.
    pub actions: BTreeMap<String, Json>,
    /// Documented sample responses by action name.
    pub samples: BTreeMap<String, Vec<Sample>>,
    /// Region → host, as the source lists them.
    pub endpoints: BTreeMap<String, String>,
    /// The host of a region the source does not list, with `{regionId}`.
    pub endpoint_pattern: Option<String>,
    /// The one host of every region the source does not list, where the
    /// SDK uses a single host (`ecs.aliyuncs.com`) rather than a pattern.
    pub central_host: Option<String>,
    /// The API style (`RPC`), where the source says it.
    pub style: Option<String>,
    /// Action → its API reference page, where the source links it.
    pub reference_urls: BTreeMap<String, String>,
    /// The API reference's table of contents: its top-level groups.
    pub directories: Vec<features::Directory>,
    /// Things worth knowing that are not errors.
    pub notes: Vec<String>,
}

/// The product a source describes, to be checked against `product.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductId {
    /// Which source says so, for the error message.
    pub source: String,
    /// The product code, such as `Vpc` (any case).
    pub code: String,
    /// The API version, such as `2016-04-28` (or `20160428` in a package name).
    pub version: String,
}

impl ProductId {
    /// The product in a package name that ends with the code and the API
    /// version's digits: `@alicloud/vpc20160428`, `alibabacloud_vpc20160428`.
    pub fn from_package(source: String, name: &str) -> Option<Self> {
        let name = name.rsplit('/').next().unwrap_or(name);
        let name = name
            .strip_prefix("alibabacloud-")
            .or_else(|| name.strip_prefix("alibabacloud_"))
            .unwrap_or(name);
        let split = name.len().checked_sub(8)?;
        let (code, version) = (name.get(..split)?, name.get(split..)?);
        let valid = !code.is_empty() && version.chars().all(|c| c.is_ascii_digit());
        valid.then(|| ProductId {
            source,
            code: code.to_string(),
            version: version.to_string(),
        })
    }

    /// Whether this is `code` at `version`, ignoring case and dashes.
    pub fn is(&self, code: &str, version: &str) -> bool {
        let digits = |text: &str| {
            text.chars()
                .filter(char::is_ascii_digit)
                .collect::<String>()
        };
        self.code.eq_ignore_ascii_case(code) && digits(&self.version) == digits(version)
    }
}

/// A documented sample response.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    /// `json` or `xml`.
    pub format: String,
    /// The document, as published.
    pub text: String,
}

/// Reads every source in `folder`: the official SDK packages (the `.tgz`
/// of `npm pack` and the `.whl` of `pip download`, or their unpacked
/// folders) and Alibaba's API metadata (`api-docs.json`). Either can be
/// used alone; together they are settled by [`combine::combine`].
pub fn read_folder(folder: &Path) -> Result<SourceProduct, String> {
    let found = files::SourceFolder::read(folder)?;
    let sdk = if found.sdk.is_empty() {
        None
    } else {
        Some(read_sdk_files(&found.sdk)?)
    };
    let api_docs = match &found.api_docs {
        Some((entry, text)) => Some(metadata::read(entry, text)?),
        None => None,
    };
    let mut product = match (sdk, api_docs) {
        (Some(sdk), Some(api_docs)) => combine::combine(sdk, api_docs),
        (Some(only), None) | (None, Some(only)) => only,
        (None, None) => {
            return Err(format!(
                "{}: no SDK package (.tgz, .whl) and no {} found",
                folder.display(),
                files::API_DOCS
            ));
        }
    };
    product.notes.extend(found.notes);
    Ok(product)
}

/// Reads the SDK packages' files, already in memory.
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
        if let Some(id) = numbers.product_id() {
            product.identities.push(id);
        }
    }
    if let (Some(npm), Some(pypi)) = (files.npm_field("version"), files.wheel_field("Version")) {
        if npm != pypi {
            product.notes.push(format!(
                "the SDK packages differ in version: npm {npm}, PyPI {pypi}; \
                 the structure is the npm package's, integer or float the PyPI one's"
            ));
        }
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
    /// Regional endpoints added to `product.json`, as `region → host`.
    pub added_endpoints: Vec<String>,
    /// What changed in `product.json`'s features, each as a sentence.
    pub features: Vec<String>,
    /// Documented samples the checker refused, each with why.
    pub refused_samples: Vec<String>,
    /// Keys added to `product.json` (all of them for a new product).
    pub product_keys: Vec<String>,
    /// What to check or write by hand in `product.json`.
    pub product_notes: Vec<String>,
}

impl ImportSummary {
    /// The report printed after a run.
    pub fn render(&self, notes: &[String]) -> String {
        let mut out = String::new();
        if !self.product_keys.is_empty() {
            let _ = writeln!(out, "product   added {}", self.product_keys.join(", "));
        }
        for note in &self.product_notes {
            let _ = writeln!(out, "note      {note}");
        }
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
        for endpoint in &self.added_endpoints {
            let _ = writeln!(out, "endpoint  {endpoint}");
        }
        for change in &self.features {
            let _ = writeln!(out, "feature   {change}");
        }
        for sample in &self.refused_samples {
            let _ = writeln!(out, "no sample {sample}");
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

/// The folder below a product directory that holds sample responses.
const SAMPLES: &str = "samples";

/// The file name, without extension, of a sample taken from the metadata.
const SAMPLE_NAME: &str = "api-docs";

/// Merges `source` into the spec files of `product_dir` and writes the
/// files that change. A product without a `product.json` gets one from
/// the facts of the sources ([`product_file::complete`]); an existing one
/// gains the keys it lacks.
///
/// Nothing is written when an existing file cannot be read, when a source
/// describes another product or API version than `product.json`, or when
/// the merged specs would not pass the generator's checker. A documented
/// sample the checker refuses (an XML example that flattens its lists, a
/// JSON example with fields the schema lacks) is left out and noted.
pub fn import_into(product_dir: &Path, source: &SourceProduct) -> Result<ImportSummary, String> {
    let product_file = product_dir.join("product.json");
    let original = read_json_if_any(&product_file)?;
    let mut product = original.clone().unwrap_or_else(Json::object);
    let dir_name = product_dir
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let completion = product_file::complete(&mut product, &dir_name, source)
        .map_err(|error| format!("{}: {error}", product_dir.display()))?;
    check_identity(&product_file, &product, &source.identities)?;
    let mut plan = plan_import(product_dir, &mut product, source)?;
    if original.as_ref() != Some(&product) {
        plan.product = Some((product_file, product));
    }
    plan.summary.product_keys = completion.added;
    plan.summary.product_notes = completion.notes;
    let refused = check_plan(product_dir, &plan)?;
    plan.drop_samples(&refused);
    for (path, text) in plan.writes() {
        write_file(&path, &text)?;
    }
    Ok(plan.summary)
}

/// Writes `text` to `path`, creating its folder.
fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|error| format!("{}: {error}", parent.display()))?;
    }
    fs::write(path, text).map_err(|error| format!("{}: {error}", path.display()))
}

/// A JSON file of ours, read with its key order, or `None` if there is
/// no such file.
fn read_json_if_any(path: &Path) -> Result<Option<Json>, String> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(format!("{}: {error}", path.display())),
    };
    serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map(Some)
        .map_err(|error| format!("{}: not valid JSON: {error}", path.display()))
}

/// Refuses a source that describes another product or API version.
fn check_identity(
    product_file: &Path,
    product: &Json,
    identities: &[ProductId],
) -> Result<(), String> {
    let field = |key: &str| product.get(key).and_then(Json::as_str).unwrap_or_default();
    let (code, version) = (field("code"), field("version"));
    let wrong: Vec<String> = identities
        .iter()
        .filter(|id| !id.is(code, version))
        .map(|id| format!("{} is {} {}", id.source, id.code, id.version))
        .collect();
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} is {code} {version}, but {}; nothing was imported",
            product_file.display(),
            wrong.join(", and ")
        ))
    }
}

/// What an import will write, before it is checked.
#[derive(Debug, Default)]
struct Plan {
    /// Action specs to write, by action.
    specs: BTreeMap<String, PlannedSpec>,
    /// `product.json`, if it changes.
    product: Option<(PathBuf, Json)>,
    summary: ImportSummary,
}

/// One action spec to write, with the sample files it gained.
#[derive(Debug)]
struct PlannedSpec {
    path: PathBuf,
    spec: Json,
    samples: Vec<PlannedSample>,
}

/// A sample file to write, and its `x-samples` entry.
#[derive(Debug)]
struct PlannedSample {
    path: PathBuf,
    entry: Json,
    text: String,
}

impl Plan {
    /// Every file to write, with its text.
    fn writes(&self) -> Vec<(PathBuf, String)> {
        let mut writes = Vec::new();
        for planned in self.specs.values() {
            writes.push((planned.path.clone(), planned.spec.to_pretty()));
            for sample in &planned.samples {
                writes.push((sample.path.clone(), sample.text.clone()));
            }
        }
        if let Some((path, product)) = &self.product {
            writes.push((path.clone(), product.to_pretty()));
        }
        writes
    }

    /// Leaves out the samples at `refused` (with their reasons, in the
    /// summary), and takes them out of the `x-samples` of their specs.
    fn drop_samples(&mut self, refused: &BTreeMap<PathBuf, String>) {
        for planned in self.specs.values_mut() {
            let before = planned.samples.len();
            planned
                .samples
                .retain(|sample| !refused.contains_key(&sample.path));
            if planned.samples.len() == before {
                continue;
            }
            let kept: Vec<Json> = planned
                .samples
                .iter()
                .map(|sample| sample.entry.clone())
                .collect();
            if let Some(map) = planned.spec.as_object_mut() {
                if kept.is_empty() {
                    map.shift_remove("x-samples");
                } else {
                    map.insert("x-samples".to_string(), Json::Array(kept));
                }
            }
        }
        for (path, why) in refused {
            self.summary
                .refused_samples
                .push(format!("{}: {why}", path.display()));
        }
    }
}

/// Merges every action and the product facts, in memory.
fn plan_import(
    product_dir: &Path,
    product: &mut Json,
    source: &SourceProduct,
) -> Result<Plan, String> {
    let mut plan = Plan::default();
    let reference_pattern = product
        .get("referenceUrl")
        .and_then(Json::as_str)
        .map(str::to_string);
    for (action, spec) in &source.actions {
        let path = product_dir.join(format!("{action}.json"));
        let mut theirs = spec.clone();
        if let Some(url) = source.reference_urls.get(action) {
            let by_pattern = reference_pattern
                .as_deref()
                .map(|pattern| pattern.replace("{action}", &action.to_ascii_lowercase()));
            if by_pattern.as_deref() != Some(url.as_str()) {
                theirs.insert("x-reference-url", Json::str(url));
            }
        }
        let samples = sample_files(product_dir, action, source.samples.get(action));
        if !samples.is_empty() {
            let entries = samples.iter().map(|sample| sample.entry.clone()).collect();
            theirs.insert("x-samples", Json::Array(entries));
        }
        let (spec, adds_samples) = match read_json_if_any(&path)? {
            None => {
                plan.summary.added.push(action.clone());
                (theirs, true)
            }
            Some(mut ours) => {
                let report = merge::merge_action(&mut ours, &theirs);
                if !report.conflicts.is_empty() {
                    plan.summary
                        .conflicts
                        .insert(action.clone(), report.conflicts);
                }
                if report.added.is_empty() {
                    plan.summary.unchanged.push(action.clone());
                    continue;
                }
                let adds_samples = report.added.iter().any(|key| key == "x-samples");
                plan.summary.changed.insert(action.clone(), report.added);
                (ours, adds_samples)
            }
        };
        let samples = if adds_samples { samples } else { Vec::new() };
        plan.specs.insert(
            action.clone(),
            PlannedSpec {
                path,
                spec,
                samples,
            },
        );
    }
    let entries = match fs::read_dir(product_dir) {
        Ok(entries) => entries.filter_map(Result::ok).collect(),
        // A new product: its directory is made when the files are written.
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(error) => return Err(format!("{}: {error}", product_dir.display())),
    };
    let mut existing: Vec<String> = entries
        .into_iter()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".json").map(str::to_string))
        .filter(|name| name != "product" && !source.actions.contains_key(name))
        .collect();
    existing.sort();
    plan.summary.left_alone = existing;
    merge_endpoints(product, &source.endpoints, &mut plan.summary);
    let mut actions: BTreeSet<String> = source.actions.keys().cloned().collect();
    actions.extend(plan.summary.left_alone.iter().cloned());
    features::merge(product, &source.directories, &actions, &mut plan.summary);
    let origin = Json::Array(source.origin.iter().map(Json::str).collect());
    if product.get(IMPORTED_FROM) != Some(&origin) {
        product.insert(IMPORTED_FROM, origin);
    }
    Ok(plan)
}

/// The sample files of one action, with their `x-samples` entries.
fn sample_files(
    product_dir: &Path,
    action: &str,
    samples: Option<&Vec<Sample>>,
) -> Vec<PlannedSample> {
    let mut files = Vec::new();
    for sample in samples.into_iter().flatten() {
        let relative = format!("{SAMPLES}/{action}/{SAMPLE_NAME}.{}", sample.format);
        let mut entry = Json::object();
        entry.insert("file", Json::str(&relative));
        entry.insert("format", Json::str(&sample.format));
        entry.insert("origin", Json::str("docs"));
        entry.insert(
            "source",
            Json::str("API metadata (api-docs.json), response example"),
        );
        let mut text = sample.text.clone();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        files.push(PlannedSample {
            path: product_dir.join(relative),
            entry,
            text,
        });
    }
    files
}

/// Adds the source's regional endpoints that `product.json` lacks and that
/// its `endpointPattern` does not already give; a region it lists with
/// another host is a conflict, and ours is kept.
fn merge_endpoints(
    product: &mut Json,
    endpoints: &BTreeMap<String, String>,
    summary: &mut ImportSummary,
) {
    if endpoints.is_empty() {
        return;
    }
    let pattern = product
        .get("endpointPattern")
        .and_then(Json::as_str)
        .map(str::to_string);
    let mut listed: BTreeMap<String, Json> = BTreeMap::new();
    if let Some(Json::Array(entries)) = product.get("endpoints") {
        for entry in entries {
            if let Some(region) = entry.get("regionId").and_then(Json::as_str) {
                listed.insert(region.to_string(), entry.clone());
            }
        }
    }
    let mut added = false;
    for (region, host) in endpoints {
        let ours = listed
            .get(region)
            .and_then(|entry| entry.get("endpoint"))
            .and_then(Json::as_str);
        match ours {
            Some(ours) if ours != host => summary
                .conflicts
                .entry("product.json".to_string())
                .or_default()
                .push(format!(
                    "endpoints.{region}: ours {ours:?}, source {host:?}"
                )),
            Some(_) => {}
            None => {
                let by_pattern = pattern
                    .as_deref()
                    .map(|pattern| pattern.replace("{regionId}", region));
                if by_pattern.as_deref() != Some(host.as_str()) {
                    let mut entry = Json::object();
                    entry.insert("regionId", Json::str(region));
                    entry.insert("endpoint", Json::str(host));
                    listed.insert(region.clone(), entry);
                    summary.added_endpoints.push(format!("{region} → {host}"));
                    added = true;
                }
            }
        }
    }
    if added {
        product.insert("endpoints", Json::Array(listed.into_values().collect()));
    }
}

/// Runs the generator's checker on a scratch copy of the product with the
/// plan applied. Returns the planned sample files it refuses, each with the
/// first problem found; fails if anything else is refused.
fn check_plan(product_dir: &Path, plan: &Plan) -> Result<BTreeMap<PathBuf, String>, String> {
    // One scratch copy per check, even for checks running side by side.
    static CHECKS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let check = CHECKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let scratch = std::env::temp_dir().join(format!("xtask-import-{}-{check}", std::process::id()));
    let dir_name = product_dir.file_name().unwrap_or_default();
    let copy = scratch.join(dir_name);
    let result = (|| {
        if product_dir.is_dir() {
            copy_tree(product_dir, &copy)
                .map_err(|error| format!("{}: {error}", scratch.display()))?;
        }
        for (path, text) in plan.writes() {
            let relative = path.strip_prefix(product_dir).unwrap_or(&path);
            write_file(&copy.join(relative), &text)?;
        }
        let problems = match alibabacloud_codegen::spec::load_product(&scratch, &copy) {
            Ok(_) => return Ok(BTreeMap::new()),
            Err(problems) => problems,
        };
        let planned: BTreeMap<String, &PathBuf> = plan
            .specs
            .values()
            .flat_map(|planned| &planned.samples)
            .map(|PlannedSample { path, .. }| {
                let relative = path.strip_prefix(product_dir).unwrap_or(path);
                (
                    format!("{}/{}", dir_name.to_string_lossy(), relative.display()),
                    path,
                )
            })
            .collect();
        let mut refused = BTreeMap::new();
        let mut others = Vec::new();
        for problem in problems
            .iter()
            .filter(|problem| problem.severity == alibabacloud_codegen::Severity::Error)
        {
            match planned.get(&problem.file) {
                Some(path) => {
                    refused
                        .entry((*path).clone())
                        .or_insert_with(|| format!("{}: {}", problem.pointer, problem.message));
                }
                None => others.push(problem.to_string()),
            }
        }
        if others.is_empty() {
            Ok(refused)
        } else {
            Err(format!(
                "the imported specs would not pass the generator's checker; nothing was written:\n{}",
                others.join("\n")
            ))
        }
    })();
    let _ = fs::remove_dir_all(&scratch);
    result
}

/// Copies a directory tree.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}
