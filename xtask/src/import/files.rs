//! The text files of the downloaded SDK packages, by their path inside the
//! package.
//!
//! The maintainer downloads the packages as the registries ship them
//! (`npm pack` gives a `.tgz`, `pip download` a `.whl`) and points the
//! importer at the folder; unpacked copies of them work too.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

/// File contents by path inside their package, such as
/// `package/src/client.ts` or `alibabacloud_vpc20160428/client.py`.
#[derive(Debug, Default)]
pub struct SourceFiles {
    files: BTreeMap<String, String>,
}

/// Only these files are read; the packages also hold compiled JavaScript,
/// type declarations and licences.
fn wanted(path: &str) -> bool {
    (path.ends_with(".ts") && !path.ends_with(".d.ts") && path.contains("/src/"))
        || path.ends_with(".py")
        || path.ends_with("package.json")
        || path.ends_with(".dist-info/METADATA")
        || path.ends_with(API_DOCS)
}

/// The file name of Alibaba's API metadata of one product version.
pub const API_DOCS: &str = "api-docs.json";

/// The sources of an import folder: the newest npm package, the newest
/// PyPI package and the API metadata, each at most once.
#[derive(Debug, Default)]
pub struct SourceFolder {
    /// The files of the SDK packages kept (npm and PyPI together).
    pub sdk: SourceFiles,
    /// The API metadata: where it was found, and its text.
    pub api_docs: Option<(String, String)>,
    /// What was left out and why (an older version of a package).
    pub notes: Vec<String>,
}

/// One registry's package found in the folder, with its version.
#[derive(Debug)]
struct Package {
    entry: String,
    version: Vec<u64>,
    files: SourceFiles,
}

impl SourceFolder {
    /// Reads every `.tgz`, `.whl`, `api-docs.json` and folder in `dir`.
    ///
    /// The README's refresh steps download into one folder, so an older
    /// copy of a package may sit beside the newer one: the newest of each
    /// registry is read and the others are named in [`SourceFolder::notes`].
    /// Two copies of the API metadata cannot be ordered, so they are refused.
    pub fn read(dir: &Path) -> Result<Self, String> {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .map_err(|error| format!("{}: cannot read the folder: {error}", dir.display()))?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .collect();
        entries.sort();
        let mut npm: Vec<Package> = Vec::new();
        let mut pypi: Vec<Package> = Vec::new();
        let mut api_docs: Vec<(String, String)> = Vec::new();
        for path in entries {
            let mut files = SourceFiles::default();
            let name = path.to_string_lossy();
            let result = if name.ends_with(".tgz") || name.ends_with(".tar.gz") {
                files.read_tgz(&path)
            } else if name.ends_with(".whl") || name.ends_with(".zip") {
                files.read_zip(&path)
            } else if path.is_dir() {
                files.read_tree(&path, "")
            } else if name.ends_with(API_DOCS) {
                fs::read_to_string(&path)
                    .map(|text| {
                        files.files.insert(API_DOCS.to_string(), text);
                    })
                    .map_err(|error| error.to_string())
            } else {
                Ok(())
            };
            result.map_err(|error| format!("{}: {error}", path.display()))?;
            let entry = path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            for text in files
                .take(|path| path.ends_with(API_DOCS))
                .files
                .into_values()
            {
                api_docs.push((entry.clone(), text));
            }
            if let Some(version) = files.npm_version() {
                npm.push(Package {
                    entry: entry.clone(),
                    version,
                    files: files
                        .take(|path| !path.ends_with(".py") && !path.contains(".dist-info/")),
                });
            }
            if let Some(version) = files.pypi_version() {
                pypi.push(Package {
                    entry,
                    version,
                    files: files.take(|_| true),
                });
            }
        }
        if api_docs.len() > 1 {
            let names: Vec<&str> = api_docs.iter().map(|(entry, _)| entry.as_str()).collect();
            return Err(format!(
                "{}: {} copies of {API_DOCS} ({}); keep one",
                dir.display(),
                names.len(),
                names.join(", ")
            ));
        }
        let mut folder = SourceFolder {
            api_docs: api_docs.pop(),
            ..SourceFolder::default()
        };
        for (registry, packages) in [("npm", npm), ("PyPI", pypi)] {
            if let Some(package) = folder.newest(registry, packages) {
                folder.sdk.files.extend(package.files.files);
            }
        }
        Ok(folder)
    }

    /// The newest of `packages`; the others are noted as left out.
    fn newest(&mut self, registry: &str, mut packages: Vec<Package>) -> Option<Package> {
        packages.sort_by(|a, b| a.version.cmp(&b.version));
        let newest = packages.pop()?;
        for older in packages {
            self.notes.push(format!(
                "{registry}: read {} and left out the older {}",
                newest.entry, older.entry
            ));
        }
        Some(newest)
    }
}

/// `7.10.2` → `[7, 10, 2]`, so that versions compare as numbers; a part
/// that is not a number (a pre-release tag) counts as 0.
fn version_parts(text: &str) -> Vec<u64> {
    text.trim()
        .split(['.', '-', '+'])
        .map(|part| part.parse().unwrap_or(0))
        .collect()
}

impl SourceFiles {
    /// The version in an npm package's `package/package.json`.
    fn npm_version(&self) -> Option<Vec<u64>> {
        self.npm_field("version").as_deref().map(version_parts)
    }

    /// A text field of an npm package's `package/package.json` (`name`,
    /// `version`).
    pub fn npm_field(&self, key: &str) -> Option<String> {
        let (_, text) = self.ending_with("package/package.json").next()?;
        let manifest: serde_json::Value = serde_json::from_str(text).ok()?;
        Some(manifest.get(key)?.as_str()?.to_string())
    }

    /// The version in a wheel's `.dist-info/METADATA`.
    fn pypi_version(&self) -> Option<Vec<u64>> {
        self.wheel_field("Version").map(version_parts)
    }

    /// A field of a wheel's `.dist-info/METADATA` (`Name`, `Version`).
    pub fn wheel_field(&self, key: &str) -> Option<&str> {
        let (_, text) = self.ending_with(".dist-info/METADATA").next()?;
        text.lines().find_map(|line| {
            line.strip_prefix(key)
                .and_then(|rest| rest.strip_prefix(": "))
                .map(str::trim)
        })
    }

    /// Moves out the files whose path passes `keep`.
    fn take(&mut self, keep: impl Fn(&str) -> bool) -> SourceFiles {
        let (taken, left) = std::mem::take(&mut self.files)
            .into_iter()
            .partition(|(path, _)| keep(path));
        self.files = left;
        SourceFiles { files: taken }
    }

    /// Whether no file was read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Files given directly, for tests.
    pub fn from_map(files: BTreeMap<String, String>) -> Self {
        SourceFiles { files }
    }

    fn read_tgz(&mut self, path: &Path) -> Result<(), String> {
        let file = fs::File::open(path).map_err(|error| error.to_string())?;
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
        for entry in archive.entries().map_err(|error| error.to_string())? {
            let mut entry = entry.map_err(|error| error.to_string())?;
            let name = entry
                .path()
                .map_err(|error| error.to_string())?
                .to_string_lossy()
                .into_owned();
            self.keep(name, &mut entry)?;
        }
        Ok(())
    }

    /// Reads an archive entry's text if it is one of the wanted files.
    fn keep(&mut self, name: String, entry: &mut impl Read) -> Result<(), String> {
        if wanted(&name) {
            let mut text = String::new();
            entry
                .read_to_string(&mut text)
                .map_err(|error| format!("{name}: {error}"))?;
            self.files.insert(name, text);
        }
        Ok(())
    }

    fn read_zip(&mut self, path: &Path) -> Result<(), String> {
        let file = fs::File::open(path).map_err(|error| error.to_string())?;
        let mut archive = zip::ZipArchive::new(file).map_err(|error| error.to_string())?;
        for index in 0..archive.len() {
            let mut entry = archive.by_index(index).map_err(|error| error.to_string())?;
            let name = entry.name().to_string();
            self.keep(name, &mut entry)?;
        }
        Ok(())
    }

    fn read_tree(&mut self, dir: &Path, prefix: &str) -> Result<(), String> {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .map_err(|error| error.to_string())?
            .filter_map(Result::ok)
            .collect();
        entries.sort_by_key(|entry| entry.file_name());
        let base = dir
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        let prefix = match (prefix, base) {
            ("", Some(base)) => base,
            (prefix, Some(base)) => format!("{prefix}/{base}"),
            (prefix, None) => prefix.to_string(),
        };
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                self.read_tree(&path, &prefix)?;
            } else {
                let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
                if wanted(&name) {
                    let text =
                        fs::read_to_string(&path).map_err(|error| format!("{name}: {error}"))?;
                    self.files.insert(name, text);
                }
            }
        }
        Ok(())
    }

    /// The files whose path ends with `suffix`, in path order.
    pub fn ending_with<'a>(
        &'a self,
        suffix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.files
            .iter()
            .filter(move |(path, _)| path.ends_with(suffix))
            .map(|(path, text)| (path.as_str(), text.as_str()))
    }

    /// The files whose path contains `part` and ends with `suffix`.
    pub fn matching<'a>(
        &'a self,
        part: &'a str,
        suffix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.ending_with(suffix)
            .filter(move |(path, _)| path.contains(part))
    }
}
