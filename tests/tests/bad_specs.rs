//! Broken specs and the messages they get. Each directory under
//! `tests/fixtures/bad-specs/` is a specs directory with one broken
//! product; `expected.txt` beside it is the golden output (re-bless with
//! `UPDATE_GOLDEN=1`). A broken spec never yields files, so nothing can be
//! written to `generated/`.

use std::path::Path;

use alibabacloud_codegen::{Layout, generate};
use alibabacloud_tests::{assert_golden, repository_root};

fn report(case: &Path) -> String {
    let root = repository_root();
    let layout = Layout {
        specs_dir: case.to_path_buf(),
        output_dir: case.join("never-written"),
        runtime_dir: root.join("codegen/runtime"),
        root,
    };
    match generate(&layout) {
        Err(problems) => problems.to_string(),
        Ok(generation) => format!(
            "generated {} files, with warnings:\n{}",
            generation.files.len(),
            generation.warnings
        ),
    }
}

#[test]
fn every_broken_spec_gets_its_golden_message() {
    let corpus = repository_root().join("tests/fixtures/bad-specs");
    let mut cases: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 15, "the corpus has {} cases", cases.len());
    for case in cases {
        let report = report(&case);
        assert!(!report.contains("panicked"), "{report}");
        assert_golden(&case.join("expected.txt"), &report);
        assert!(!case.join("never-written").exists());
    }
}

#[test]
fn only_the_warning_case_generates() {
    let corpus = repository_root().join("tests/fixtures/bad-specs");
    for entry in std::fs::read_dir(&corpus).unwrap() {
        let case = entry.unwrap().path();
        let generated = report(&case).starts_with("generated ");
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(generated, name.ends_with("-warn"), "{name}");
    }
}

#[test]
fn the_issue_example_message_has_file_path_and_expectation() {
    let case = repository_root().join("tests/fixtures/bad-specs/unknown-type");
    assert!(report(&case).contains(
        "tests/fixtures/bad-specs/unknown-type/vpc/DescribeThings.json: /parameters/1/schema/type: unknown type \"strng\" (expected one of \"string\", \"integer\", \"number\", \"boolean\", \"array\", \"object\")"
    ));
}
