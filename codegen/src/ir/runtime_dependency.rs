//! The hand-written runtime crate as generated crates depend on it: the
//! version they ask for and the path to it from each crate's directory.

use std::path::{Component, Path};

/// The manifest of `alibabacloud-runtime`, built beside the generator.
const RUNTIME_MANIFEST: &str = include_str!("../../runtime/Cargo.toml");

/// The version of `alibabacloud-runtime` that generated crates depend on:
/// the `version` of its `[package]`, so the two cannot drift apart.
pub fn runtime_version() -> &'static str {
    RUNTIME_MANIFEST
        .lines()
        .skip_while(|line| line.trim() != "[package]")
        .take_while(|line| !line.starts_with('[') || line.trim() == "[package]")
        .find_map(|line| {
            let value = line
                .strip_prefix("version")?
                .trim_start()
                .strip_prefix('=')?;
            Some(value.trim().trim_matches('"'))
        })
        .unwrap_or("0.1.0")
}

/// The path from directory `from` to `to`, both below the same root, with
/// `/` separators (it goes into a committed Cargo.toml).
pub(super) fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<Component<'_>> = from.components().collect();
    let to: Vec<Component<'_>> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runtime_version_is_read_from_its_manifest() {
        let expected = RUNTIME_MANIFEST
            .lines()
            .find(|line| line.starts_with("version = "))
            .map(|line| line.trim_start_matches("version = ").trim_matches('"'));
        assert_eq!(Some(runtime_version()), expected);
        assert!(
            runtime_version()
                .split('.')
                .all(|part| part.parse::<u32>().is_ok())
        );
    }

    #[test]
    fn relative_path_climbs_then_descends() {
        assert_eq!(
            relative_path(
                Path::new("/r/generated/vpc"),
                Path::new("/r/codegen/runtime")
            ),
            "../../codegen/runtime"
        );
    }
}
