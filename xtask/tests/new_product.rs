//! A new product is one import and one generation away: on a copy of the
//! workspace, `cargo xtask import ecs` of a five-action fixture
//! (`tests/fixtures/new-product/`, facts of real ECS actions) writes
//! `api-specs/ecs/` with its `product.json`, `cargo xtask generate` writes
//! the crate, the tests' dependency on it and its `actions-ecs` harness,
//! and `cargo check` builds the crate and that harness with no hand edit
//! of any `Cargo.toml`.
//! The committed VPC product does not change.
//!
//! The check runs offline on the workspace's lock file, in a target
//! directory of its own that later runs reuse.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails on any error, and its helpers with it"
)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Copies what a build of the workspace reads: everything but version
/// control, target directories and other hidden entries (`.cargo/` is kept
/// for the `xtask` alias).
fn copy_workspace(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let skipped = name.starts_with("target") || (name.starts_with('.') && name != ".cargo");
        if skipped {
            continue;
        }
        copy_tree(&entry.path(), &to.join(&name));
    }
}

/// Copies a tree, leaving out symbolic links (only the broken-spec corpus
/// has them, and no build reads it).
fn copy_tree(from: &Path, to: &Path) {
    if from.is_symlink() {
        return;
    }
    if from.is_dir() {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        fs::copy(from, to).unwrap();
    }
}

/// Every file below `dir`, by path relative to it, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_path_buf();
                files.insert(relative, fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// Runs `command` in `dir`, failing the test with its output if it fails.
fn run(dir: &Path, command: &mut Command) -> String {
    let output = command.current_dir(dir).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{command:?} failed ({}):\n{stdout}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[test]
fn a_new_product_is_one_import_and_one_generation_away() {
    let root = repository_root();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("new-product");
    let workspace = scratch.join("workspace");
    let _ = fs::remove_dir_all(&workspace);
    copy_workspace(&root, &workspace);
    let xtask = env!("CARGO_BIN_EXE_xtask");
    let sources = root.join("xtask/tests/fixtures/new-product/sources");

    let report = run(
        &workspace,
        Command::new(xtask).arg("import").arg("ecs").arg(&sources),
    );
    assert!(report.contains("5 added"), "{report}");
    assert!(
        report.contains("the SDK packages differ in version: npm 7.11.6, PyPI 7.11.8"),
        "{report}"
    );
    let product: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(workspace.join("api-specs/ecs/product.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(product["code"], "Ecs");
    assert_eq!(product["version"], "2014-05-26");
    assert_eq!(product["crate"]["name"], "alibabacloud-ecs");
    assert_eq!(product["endpointPattern"], "ecs.{regionId}.aliyuncs.com");
    // The SDK's map and the metadata's list, less what the pattern gives.
    assert_eq!(
        product["endpoints"],
        serde_json::json!([
            {"regionId": "cn-hangzhou", "endpoint": "ecs-cn-hangzhou.aliyuncs.com"},
            {"regionId": "cn-qingdao", "endpoint": "ecs.aliyuncs.com"},
            {"regionId": "cn-wuhan", "endpoint": "ecs.aliyuncs.com"}
        ])
    );

    run(&workspace, Command::new(xtask).arg("generate"));
    assert!(workspace.join("generated/ecs/Cargo.toml").is_file());
    let manifest = fs::read_to_string(workspace.join("tests/Cargo.toml")).unwrap();
    assert!(
        manifest
            .contains("alibabacloud-ecs = { path = \"../generated/ecs\", features = [\"serde\"] }"),
        "{manifest}"
    );
    assert!(
        manifest.contains(
            "[[test]]\nname = \"actions-ecs\"\npath = \"tests/actions/ecs.rs\"\nharness = false\n"
        ),
        "{manifest}"
    );
    assert!(workspace.join("tests/tests/actions/ecs.rs").is_file());
    for committed in ["api-specs/vpc", "generated/vpc"] {
        assert!(
            snapshot(&workspace.join(committed)) == snapshot(&root.join(committed)),
            "adding a product changed {committed}"
        );
    }
    let vpc_harness = "tests/tests/actions/vpc.rs";
    assert!(
        fs::read(workspace.join(vpc_harness)).unwrap() == fs::read(root.join(vpc_harness)).unwrap(),
        "adding a product changed {vpc_harness}"
    );
    run(
        &workspace,
        Command::new(xtask).args(["generate", "--check"]),
    );

    // The crate is a workspace member, and its harness builds.
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target = scratch.join("target");
    for arguments in [
        &["-p", "alibabacloud-tests", "--test", "actions-ecs"][..],
        &["-p", "alibabacloud-ecs"],
    ] {
        run(
            &workspace,
            Command::new(&cargo)
                .args(["check", "--offline", "--quiet"])
                .args(arguments)
                .env("CARGO_TARGET_DIR", &target),
        );
    }
    let lock = fs::read_to_string(workspace.join("Cargo.lock")).unwrap();
    assert!(lock.contains("name = \"alibabacloud-ecs\""));
}
