//! Writes tests for every action of every product, so a new action is
//! tested without editing any test: drop in the spec and its samples,
//! generate, run the tests.
//!
//! - one round-trip test per sample response named by a spec in
//!   `api-specs/`, and per JSON sample one more that flips the JSON type
//!   of each leaf in turn (`sample_round_trips.rs`);
//! - four property tests per action of `api-specs/` and of the fixture
//!   specs in `tests/fixtures/` (`action_properties.rs`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use alibabacloud_codegen::naming;
use alibabacloud_codegen::spec::{LoadedProduct, load_product};

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir)
        .parent()
        .expect("the tests crate sits in the workspace root")
        .to_path_buf();
    let mut samples = String::new();
    let mut properties = String::new();
    for specs in ["api-specs", "tests/fixtures"] {
        for (dir, product) in products(&root, &root.join(specs)) {
            if specs == "api-specs" {
                write_sample_tests(&root, &product, &mut samples);
            }
            write_property_tests(&root, &dir, &product, &mut properties);
        }
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("sample_round_trips.rs"), samples).expect("OUT_DIR is writable");
    std::fs::write(out.join("action_properties.rs"), properties).expect("OUT_DIR is writable");
}

/// Every readable product directory below `specs`, sorted. Broken specs
/// are reported by `cargo xtask generate`; here they add no tests.
fn products(root: &Path, specs: &Path) -> Vec<(PathBuf, LoadedProduct)> {
    println!("cargo:rerun-if-changed={}", specs.display());
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(specs)
        .expect("the specs directory is readable")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .filter(|dir| dir.join("product.json").is_file())
        .filter_map(|dir| {
            println!("cargo:rerun-if-changed={}", dir.display());
            let (product, _) = load_product(root, &dir).ok()?;
            Some((dir, product))
        })
        .collect()
}

fn crate_name(product: &LoadedProduct) -> String {
    product.spec.crate_info.name.replace('-', "_")
}

fn write_sample_tests(root: &Path, product: &LoadedProduct, tests: &mut String) {
    let krate = crate_name(product);
    for action in &product.actions {
        let module = naming::snake(&action.spec.name);
        let response = format!("{krate}::{module}::{}Response", action.spec.name);
        for sample in &action.samples {
            let path = root.join(&sample.file);
            println!("cargo:rerun-if-changed={}", path.display());
            let stem = Path::new(&sample.file)
                .file_stem()
                .map(|stem| stem.to_string_lossy().into_owned())
                .unwrap_or_default();
            let test_name = format!("{}_{}_{}", module, naming::snake(&stem), sample.spec.format);
            let check = if sample.spec.format == "xml" {
                "assert_xml_round_trip"
            } else {
                "assert_json_round_trip"
            };
            writeln!(
                tests,
                "#[test]\nfn {test_name}() {{\n    alibabacloud_tests::{check}::<{response}>({:?}, include_str!({:?}));\n}}\n",
                sample.file,
                path.display().to_string()
            )
            .expect("writing to a String cannot fail");
            if sample.spec.format != "xml" {
                writeln!(
                    tests,
                    "#[test]\nfn {test_name}_flipped() {{\n    alibabacloud_tests::assert_json_flipped_round_trips::<{response}>({:?}, include_str!({:?}));\n}}\n",
                    sample.file,
                    path.display().to_string()
                )
                .expect("writing to a String cannot fail");
            }
        }
    }
}

fn write_property_tests(root: &Path, dir: &Path, product: &LoadedProduct, tests: &mut String) {
    let krate = crate_name(product);
    let relative = dir
        .strip_prefix(root)
        .unwrap_or(dir)
        .to_string_lossy()
        .replace('\\', "/");
    for action in &product.actions {
        let name = &action.spec.name;
        let module = naming::snake(name);
        let prefix = format!(
            "{}_{}",
            naming::snake(&product.dir_name),
            module.trim_start_matches("r#")
        );
        let request = format!("{krate}::{module}::{name}Request");
        let response = format!("{krate}::{module}::{name}Response");
        for (check, ty) in [
            ("check_json_responses", &response),
            ("check_xml_responses", &response),
            ("check_requests", &request),
            ("check_invalid_requests", &request),
        ] {
            writeln!(
                tests,
                "#[test]\nfn {prefix}_{check}() {{\n    let spec = alibabacloud_tests::props::action_spec({relative:?}, {name:?});\n    alibabacloud_tests::props::{check}::<{ty}>(&spec);\n}}\n"
            )
            .expect("writing to a String cannot fail");
        }
    }
}
