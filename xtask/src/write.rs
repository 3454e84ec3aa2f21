//! Comparing and replacing the output tree, all or nothing.
//!
//! The new tree is written beside the old one, then swapped in with two
//! renames, so a failure while writing leaves `generated/` untouched.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use alibabacloud_codegen::GeneratedFiles;

/// The files (relative, with `/`) whose contents differ from `files`,
/// including files on disk that would not be generated.
pub fn stale_files(output: &Path, files: &GeneratedFiles) -> io::Result<Vec<String>> {
    let mut stale = BTreeSet::new();
    for (path, contents) in files {
        match fs::read_to_string(output.join(path)) {
            Ok(existing) if existing == *contents => {}
            Ok(_) => {
                stale.insert(display(path));
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                stale.insert(display(path));
            }
            Err(error) => return Err(error),
        }
    }
    if output.exists() {
        for path in files_below(output, Path::new(""))? {
            if !files.contains_key(&path) {
                stale.insert(display(&path));
            }
        }
    }
    Ok(stale.into_iter().collect())
}

/// Replaces `output` with exactly `files`.
pub fn replace_tree(output: &Path, files: &GeneratedFiles) -> io::Result<()> {
    let parent = output.parent().unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "generated".into());
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    if let Err(error) = write_tree(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    if output.exists() {
        if let Err(error) = fs::rename(output, &retired) {
            let _ = fs::remove_dir_all(&staging);
            return Err(error);
        }
    }
    if let Err(error) = fs::rename(&staging, output) {
        // Put the old tree back before reporting.
        let _ = fs::rename(&retired, output);
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    let _ = fs::remove_dir_all(&retired);
    Ok(())
}

fn write_tree(root: &Path, files: &GeneratedFiles) -> io::Result<()> {
    for (path, contents) in files {
        let target = root.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(target, contents)?;
    }
    Ok(())
}

fn files_below(root: &Path, relative: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(root.join(relative))? {
        let entry = entry?;
        let path = relative.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            found.extend(files_below(root, &path)?);
        } else {
            found.push(path);
        }
    }
    Ok(found)
}

fn display(path: &Path) -> String {
    path.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
