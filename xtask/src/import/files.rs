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
}

impl SourceFiles {
    /// Reads every `.tgz`, `.whl` and folder in `dir`.
    pub fn read_dir(dir: &Path) -> Result<Self, String> {
        let mut files = SourceFiles::default();
        let mut entries: Vec<_> = fs::read_dir(dir)
            .map_err(|error| format!("{}: cannot read the folder: {error}", dir.display()))?
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.to_string_lossy();
            let result = if name.ends_with(".tgz") || name.ends_with(".tar.gz") {
                files.read_tgz(&path)
            } else if name.ends_with(".whl") || name.ends_with(".zip") {
                files.read_zip(&path)
            } else if path.is_dir() {
                files.read_tree(&path, "")
            } else {
                Ok(())
            };
            result.map_err(|error| format!("{}: {error}", path.display()))?;
        }
        Ok(files)
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
