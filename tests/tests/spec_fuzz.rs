//! The spec loader and generator never panic, whatever a spec file holds:
//! arbitrary bytes, arbitrary JSON, and the real DescribeHaVips spec with
//! one node replaced by arbitrary JSON. Each run either generates or
//! reports problems; neither writes anything.

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
        let generated = generate(&layout).is_ok();
        assert!(!self.root.join("out").exists(), "generation wrote files");
        generated
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
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
}

#[test]
fn the_unmutated_spec_generates() {
    let scratch = Scratch::new("real");
    assert!(scratch.run(real_spec().to_string().as_bytes()));
    assert!(Path::new(&scratch.root).exists());
}
