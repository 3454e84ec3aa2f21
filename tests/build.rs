//! Writes one round-trip test per sample response named by a spec in
//! `api-specs/`, so a new action's samples are tested without editing any
//! test: drop in the spec and its samples, generate, run the tests.

use std::fmt::Write as _;
use std::path::Path;

use alibabacloud_codegen::naming;
use alibabacloud_codegen::spec::load_product;

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest_dir)
        .parent()
        .expect("the tests crate sits in the workspace root")
        .to_path_buf();
    let specs = root.join("api-specs");
    println!("cargo:rerun-if-changed={}", specs.display());
    let mut tests = String::new();
    let mut dirs: Vec<_> = std::fs::read_dir(&specs)
        .expect("api-specs/ is readable")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    dirs.sort();
    for dir in dirs
        .into_iter()
        .filter(|dir| dir.join("product.json").is_file())
    {
        println!("cargo:rerun-if-changed={}", dir.display());
        // Broken specs are reported by `cargo xtask generate`; here they
        // simply contribute no sample tests.
        let Ok((product, _)) = load_product(&root, &dir) else {
            continue;
        };
        let krate = product.spec.crate_info.name.replace('-', "_");
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
                let test_name =
                    format!("{}_{}_{}", module, naming::snake(&stem), sample.spec.format);
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
            }
        }
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("sample_round_trips.rs");
    std::fs::write(out, tests).expect("OUT_DIR is writable");
}
