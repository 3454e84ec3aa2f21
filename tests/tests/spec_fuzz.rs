//! The spec loader and generator never panic, whatever a spec file holds:
//! arbitrary bytes, arbitrary JSON, and the real DescribeHaVips spec and
//! the odd-but-valid fixture specs with one node replaced by arbitrary
//! JSON. Each run either generates or refuses with problems that each name
//! a file and, unless the whole file is at fault, a JSON path; neither
//! writes anything, and no refusal is a generator bug.

use std::path::{Path, PathBuf};

use alibabacloud_codegen::{Layout, generate};
use alibabacloud_tests::repository_root;
use proptest::prelude::*;
use serde_json::Value;

/// A scratch specs directory with the VPC product file and one action file.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Scratch {
        let root = std::env::temp_dir().join(format!(
            "alibabacloud-spec-fuzz-{name}-{}",
            std::process::id()
        ));
        let product = root.join("specs/vpc");
        std::fs::create_dir_all(&product).unwrap();
        std::fs::copy(
            repository_root().join("api-specs/vpc/product.json"),
            product.join("product.json"),
        )
        .unwrap();
        Scratch { root }
    }

    fn run(&self, action_file: &[u8]) -> bool {
        std::fs::write(self.root.join("specs/vpc/DescribeHaVips.json"), action_file).unwrap();
        let layout = Layout {
            root: self.root.clone(),
            specs_dir: self.root.join("specs"),
            output_dir: self.root.join("out"),
            runtime_dir: repository_root().join("codegen/runtime"),
        };
        let outcome = generate(&layout);
        assert!(!self.root.join("out").exists(), "generation wrote files");
        match outcome {
            Ok(_) => true,
            Err(problems) => {
                assert!(
                    problems.has_errors(),
                    "refused without an error:\n{problems}"
                );
                for problem in problems.iter() {
                    assert_located(problem);
                }
                false
            }
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Problems with a whole file (its encoding, its syntax, its kind) name the
/// file; every other problem also names the JSON path it is about.
const WHOLE_FILE: &[&str] = &[
    "invalid JSON",
    "arrays and objects nest",
    "the file",
    "byte ",
    "cannot read",
    "not a file",
    "the extension",
    "no action files",
    "the sample",
    "invalid XML",
];

fn assert_located(problem: &alibabacloud_codegen::Diagnostic) {
    let text = problem.to_string();
    assert!(!problem.file.is_empty(), "no file: {text}");
    assert!(!problem.message.is_empty(), "no message: {text}");
    assert!(!text.contains("generator bug"), "{text}");
    assert!(
        problem.pointer.starts_with('/')
            || WHOLE_FILE
                .iter()
                .any(|start| problem.message.starts_with(start)),
        "no JSON path: {text}"
    );
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |number| number.is_finite())
            .prop_map(Value::from),
        prop_oneof![
            Just("string".to_string()),
            Just("array".to_string()),
            Just("object".to_string()),
            Just("int32".to_string()),
            Just("NaN".to_string()),
            Just("1e400".to_string()),
            Just("Self".to_string()),
            Just("String".to_string()),
            Just("#/components/schemas/A".to_string()),
            Just("#/components/schemas/B".to_string()),
            ".{0,8}"
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("type".to_string()),
                    Just("items".to_string()),
                    Just("properties".to_string()),
                    Just("name".to_string()),
                    Just("schema".to_string()),
                    Just("$ref".to_string()),
                    Just("x-rust-name".to_string()),
                    Just("enum".to_string()),
                    Just("minimum".to_string()),
                    Just("additionalProperties".to_string()),
                    Just("A".to_string()),
                    Just("B".to_string()),
                    "[a-zA-Z$]{1,8}"
                ],
                inner,
                0..6
            )
            .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

/// Every node of a JSON tree, as a path of keys and indexes.
fn paths(value: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                at.push(index.to_string());
                paths(item, at, out);
                at.pop();
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                at.push(key.clone());
                paths(field, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn replace(value: &mut Value, path: &[String], with: Value) {
    let pointer: String = path
        .iter()
        .map(|part| format!("/{}", part.replace('~', "~0").replace('/', "~1")))
        .collect();
    if let Some(node) = value.pointer_mut(&pointer) {
        *node = with;
    }
}

/// The real spec without its samples, which the scratch directory lacks.
fn real_spec() -> Value {
    let mut spec: Value = serde_json::from_str(
        &std::fs::read_to_string(repository_root().join("api-specs/vpc/DescribeHaVips.json"))
            .unwrap(),
    )
    .unwrap();
    if let Value::Object(fields) = &mut spec {
        fields.remove("x-samples");
    }
    spec
}

/// An odd-but-valid fixture spec (`tests/fixtures/odd/<name>.json`),
/// renamed to DescribeHaVips so it fits the scratch directory.
fn odd_spec(name: &str) -> Value {
    let mut spec: Value = serde_json::from_str(
        &std::fs::read_to_string(repository_root().join(format!("tests/fixtures/odd/{name}.json")))
            .unwrap(),
    )
    .unwrap();
    spec["name"] = Value::from("DescribeHaVips");
    spec
}

const ODD_SPECS: &[&str] = &["Type", "DescribePrelude", "DescribeDeep"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let scratch = Scratch::new("bytes");
        scratch.run(&bytes);
    }

    #[test]
    fn arbitrary_json_never_panics(value in json()) {
        let scratch = Scratch::new("json");
        scratch.run(value.to_string().as_bytes());
    }

    #[test]
    fn the_real_spec_with_one_node_replaced_never_panics(which in any::<prop::sample::Index>(), with in json()) {
        let mut spec = real_spec();
        let mut all = Vec::new();
        paths(&spec, &mut Vec::new(), &mut all);
        let path = which.get(&all).clone();
        replace(&mut spec, &path, with);
        let scratch = Scratch::new("mutated");
        scratch.run(spec.to_string().as_bytes());
    }

    #[test]
    fn an_odd_spec_with_one_node_replaced_never_panics(
        which_spec in 0..ODD_SPECS.len(),
        which in any::<prop::sample::Index>(),
        with in json(),
    ) {
        let mut spec = odd_spec(ODD_SPECS[which_spec]);
        let mut all = Vec::new();
        paths(&spec, &mut Vec::new(), &mut all);
        let path = which.get(&all).clone();
        replace(&mut spec, &path, with);
        let scratch = Scratch::new("odd");
        scratch.run(spec.to_string().as_bytes());
    }
}

#[test]
fn the_unmutated_odd_specs_generate() {
    let scratch = Scratch::new("odd-real");
    for name in ODD_SPECS {
        assert!(scratch.run(odd_spec(name).to_string().as_bytes()), "{name}");
    }
}

#[test]
fn the_unmutated_spec_generates() {
    let scratch = Scratch::new("real");
    assert!(scratch.run(real_spec().to_string().as_bytes()));
    assert!(Path::new(&scratch.root).exists());
}

/// An action whose response is `levels` components, each with two
/// properties referring to the next: 2^levels schemas once expanded.
fn doubling_refs(levels: usize) -> Value {
    let mut schemas = serde_json::Map::new();
    for level in 0..levels {
        let next = if level + 1 < levels {
            serde_json::json!({ "$ref": format!("#/components/schemas/L{}", level + 1) })
        } else {
            serde_json::json!({ "type": "string" })
        };
        schemas.insert(
            format!("L{level}"),
            serde_json::json!({ "type": "object", "properties": { "Left": next, "Right": next } }),
        );
    }
    serde_json::json!({
        "name": "DescribeHaVips",
        "parameters": [{ "name": "RegionId", "schema": { "type": "string" } }],
        "responses": { "200": { "schema": { "$ref": "#/components/schemas/L0" } } },
        "components": { "schemas": schemas }
    })
}

#[test]
fn doubling_references_are_shared_below_the_limit_and_refused_above_it_quickly() {
    let scratch = Scratch::new("refs");
    let started = std::time::Instant::now();
    // 2^12 schemas: accepted.
    assert!(scratch.run(doubling_refs(12).to_string().as_bytes()));
    // 2^40 schemas: refused once the limit is reached, not expanded.
    assert!(!scratch.run(doubling_refs(40).to_string().as_bytes()));
    let elapsed = started.elapsed();
    assert!(elapsed.as_secs() < 20, "took {elapsed:?}");
}
