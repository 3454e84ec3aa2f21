//! Golden files: the generator's output for the fixture specs in
//! `tests/fixtures/shapes/` (one spec per shape) must equal the files in
//! `tests/golden/shapes/`, which is a workspace member, so the golden code
//! is also compiled and linted. Re-bless with `UPDATE_GOLDEN=1`, or with
//! `cargo xtask bless-golden` when the committed golden crates no longer
//! compile.

use alibabacloud_codegen::generate;
use alibabacloud_tests::{assert_golden, repository_root, updating_golden};

#[test]
fn fixture_specs_generate_the_golden_files() {
    let root = repository_root();
    let layout = xtask::golden::layout(&root);
    let generation = generate(&layout)
        .unwrap_or_else(|problems| panic!("the fixture specs are broken:\n{problems}"));
    for (path, text) in &generation.files {
        assert_golden(&layout.output_dir.join(path), text);
    }
    if !updating_golden() {
        // Only the crate directories the generator owns; other golden files
        // (names.txt) live beside them.
        let crates: std::collections::BTreeSet<_> = generation
            .files
            .keys()
            .filter_map(|path| path.components().next())
            .map(|part| part.as_os_str().to_owned())
            .collect();
        for krate in crates {
            let mut on_disk = Vec::new();
            collect_files(&layout.output_dir.join(&krate), &mut on_disk);
            for path in on_disk {
                let relative = path
                    .strip_prefix(&layout.output_dir)
                    .unwrap_or(&path)
                    .to_path_buf();
                assert!(
                    generation.files.contains_key(&relative),
                    "{} is no longer generated; delete it",
                    path.display()
                );
            }
        }
    }
}

fn collect_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out)
        } else {
            out.push(path)
        }
    }
}

/// Fields named like the trait methods users call on requests and
/// responses (`QueryPairs`, `FromJson`, `Default`, `Clone`) get other
/// getter names, so those calls still reach the traits. This does not
/// compile if a getter shadows one.
#[test]
fn fields_named_like_trait_methods_leave_the_methods_callable() {
    use golden_odd::create_clone::{CreateCloneRequest, CreateCloneResponse};
    use golden_odd::{Action, ResponseBody};
    let request = CreateCloneRequest::builder()
        .rules_2("r")
        .root_2("t")
        .validator_2("v")
        .query_pairs_2("q")
        .build()
        .unwrap();
    let query = request.clone().query_pairs().unwrap().to_query_string();
    assert_eq!(query, "QueryPairs=q&Root=t&Rules=r&Validator=v");
    assert_eq!(request.query_pairs_2(), Some("q"));
    let json = r#"{"Default":[],"FromJson":["a"]}"#;
    let response = CreateCloneResponse::from_json(json).unwrap();
    assert_ne!(response, CreateCloneResponse::default());
    assert_eq!(response.clone().to_json().unwrap(), json);
}
