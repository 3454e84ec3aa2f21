//! `generated/` is exactly what the generator makes from `api-specs/`
//! (and the tests crate depends on each product's crate and has its
//! `actions` harness), and the generator makes the same bytes every time.

use alibabacloud_codegen::{Layout, generate};
use alibabacloud_tests::{diff, repository_root};

#[test]
fn generated_matches_a_fresh_generation() {
    let layout = Layout::standard(&repository_root());
    let generation =
        generate(&layout).unwrap_or_else(|problems| panic!("api-specs/ has problems:\n{problems}"));
    for (path, text) in &generation.files {
        let on_disk = std::fs::read_to_string(layout.output_dir.join(path)).unwrap_or_default();
        assert!(
            on_disk == *text,
            "generated/{} is stale; run `cargo xtask generate` and commit the result\n{}",
            path.display(),
            diff(&on_disk, text)
        );
    }
    // The same check as `cargo xtask generate --check`, which also catches
    // a file that is no longer generated (an old family crate, say).
    let stale = xtask::write::stale_files(&layout.output_dir, &generation.files)
        .expect("generated/ is readable");
    assert!(
        stale.is_empty(),
        "stale or extra files in generated/: {stale:?}; run `cargo xtask generate` and commit the result"
    );
    // Every product's crate is a dependency of the tests and has its
    // harness, as generated.
    let tests_files = xtask::test_deps::tests_files(&layout, &generation.files)
        .unwrap_or_else(|error| panic!("{error}"));
    if let Some(file) = tests_files.iter().find(|file| file.is_stale()) {
        panic!(
            "{} ({}) is not as generated; run `cargo xtask generate` and commit the result\n{}",
            file.path,
            file.what,
            diff(
                file.current.as_deref().unwrap_or_default(),
                file.wanted.as_deref().unwrap_or_default()
            )
        );
    }
}

#[test]
fn generating_twice_gives_identical_files() {
    let layout = Layout::standard(&repository_root());
    let first = generate(&layout)
        .map(|generation| generation.files)
        .unwrap_or_default();
    let second = generate(&layout)
        .map(|generation| generation.files)
        .unwrap_or_default();
    assert!(!first.is_empty());
    assert_eq!(first, second);
}
