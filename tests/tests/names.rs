//! Every wire name in `api-specs/` next to the Rust names the naming module
//! makes from it, as a golden file per product a reviewer can read at a
//! glance (`tests/golden/names/<product>.txt`; re-bless with
//! `UPDATE_GOLDEN=1`): a new product adds its own file and leaves the
//! others as they were.

use std::collections::BTreeSet;

use alibabacloud_codegen::naming;
use alibabacloud_codegen::spec::{Schema, load_product};
use alibabacloud_tests::{assert_golden, products, repository_root};

fn collect(schema: &Schema, names: &mut BTreeSet<String>) {
    for (name, property) in schema.properties.iter().flatten() {
        names.insert(name.clone());
        collect(property, names);
    }
    for nested in [&schema.items, &schema.additional_properties]
        .into_iter()
        .flatten()
    {
        collect(nested, names);
    }
}

#[test]
fn every_wire_name_has_a_readable_rust_name() {
    let root = repository_root();
    for dir in products::product_dirs(&root.join("api-specs")) {
        let (product, _) =
            load_product(&root, &dir).unwrap_or_else(|problems| panic!("{problems}"));
        let mut names = BTreeSet::new();
        for action in &product.actions {
            names.insert(action.spec.name.clone());
            for parameter in &action.spec.parameters {
                names.insert(parameter.name.clone());
                collect(&parameter.schema, &mut names);
            }
            for response in action.spec.responses.values() {
                if let Some(schema) = &response.schema {
                    collect(schema, &mut names);
                }
            }
        }
        let golden = root
            .join("tests/golden/names")
            .join(format!("{}.txt", product.dir_name));
        assert_golden(&golden, &names_table(&names));
    }
}

/// The golden table of `names`: each with its field and type name.
fn names_table(names: &BTreeSet<String>) -> String {
    let mut table = String::from("# wire name -> field / type\n");
    for name in names {
        table.push_str(&format!(
            "{name} -> {} / {}\n",
            naming::snake(name),
            naming::pascal(name)
        ));
    }
    table
}

/// Every action's summary built from facts (its name and `x-operation-type`),
/// as the docs show it when the spec has no `summary`
/// (`tests/golden/summaries.txt`; re-bless with `UPDATE_GOLDEN=1`).
#[test]
fn every_action_has_a_readable_summary() {
    let root = repository_root();
    let (product, _) = load_product(&root, &root.join("api-specs/vpc"))
        .unwrap_or_else(|problems| panic!("{problems}"));
    let mut table = String::from("# action (x-operation-type) -> summary built from facts\n");
    for action in &product.actions {
        let operation = action.checked.operation_type;
        let shown = operation.map_or("-", |operation| operation.name());
        table.push_str(&format!(
            "{} ({shown}) -> {}\n",
            action.checked.name,
            alibabacloud_codegen::summary::summary(&action.checked.name, operation)
        ));
    }
    assert_golden(&root.join("tests/golden/summaries.txt"), &table);
}
