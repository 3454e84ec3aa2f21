//! Every public name the generator makes up, as one golden file per
//! product a reviewer reads at a glance (`tests/golden/names/<product>.txt`;
//! re-bless with `UPDATE_GOLDEN=1`): the cargo features, the shared types,
//! each action's module, client methods and types, every wire name next to
//! its Rust forms, the singular of every list name, and the wire typos that
//! Rust names spell right. A rename anywhere shows in its product's diff; a
//! new product adds its own file and leaves the others as they were.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use alibabacloud_codegen::Layout;
use alibabacloud_codegen::ir::{self, ActionIr, CrateIr, Side};
use alibabacloud_codegen::naming;
use alibabacloud_codegen::spec::{LoadedProduct, Schema, load_product};
use alibabacloud_tests::{assert_golden, products, repository_root};

/// Every wire name under `schema`, and the wire names of its arrays.
fn collect(
    schema: &Schema,
    names: &mut BTreeSet<String>,
    lists: &mut BTreeSet<String>,
    name: &str,
) {
    if schema.ty.as_deref() == Some("array") {
        lists.insert(name.to_string());
    }
    for (name, property) in schema.properties.iter().flatten() {
        names.insert(name.clone());
        collect(property, names, lists, name);
    }
    for nested in [&schema.items, &schema.additional_properties]
        .into_iter()
        .flatten()
    {
        collect(nested, names, lists, name);
    }
}

/// The wire names of a product (actions, parameters, fields) and the
/// wire names of its lists.
fn wire_names(product: &LoadedProduct) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut names = BTreeSet::new();
    let mut lists = BTreeSet::new();
    for action in &product.actions {
        names.insert(action.spec.name.clone());
        for parameter in &action.spec.parameters {
            names.insert(parameter.name.clone());
            collect(&parameter.schema, &mut names, &mut lists, &parameter.name);
        }
        for response in action.spec.responses.values() {
            if let Some(schema) = &response.schema {
                collect(schema, &mut names, &mut lists, "");
            }
        }
    }
    lists.remove("");
    (names, lists)
}

fn features(table: &mut String, crate_ir: &CrateIr) {
    let _ = writeln!(
        table,
        "\n## {}: cargo features, in the order product.json lists them",
        crate_ir.package
    );
    for family in crate_ir.families() {
        let actions = crate_ir
            .actions
            .iter()
            .filter(|action| action.family == family)
            .count();
        let noun = if actions == 1 { "action" } else { "actions" };
        let _ = writeln!(table, "{family} ({actions} {noun})");
    }
}

fn shared_types(table: &mut String, crate_ir: &CrateIr) {
    let _ = writeln!(table, "\n## {}: shared types (`types::`)", crate_ir.package);
    let mut lines = Vec::new();
    for (side, item) in &crate_ir.types.structs {
        lines.push(match side {
            Side::Request => format!("{0} + {0}Builder (request)", item.name),
            Side::Response => format!("{} (response)", item.name),
        });
    }
    for item in &crate_ir.types.enums {
        lines.push(format!("{} (enum)", item.name));
    }
    lines.push(if crate_ir.error_codes.is_empty() {
        format!(
            "{} = UndocumentedErrorCode (error codes)",
            ir::ERROR_CODE_TYPE
        )
    } else {
        format!(
            "{} (error codes, {} variants)",
            ir::ERROR_CODE_TYPE,
            crate_ir.error_codes.len()
        )
    });
    lines.sort();
    for line in lines {
        let _ = writeln!(table, "{line}");
    }
}

/// One action: its module, client methods, feature and every type its
/// module exports, a shared one as `local = types::Shared`.
fn action(table: &mut String, action: &ActionIr) {
    let module = naming::bare(&action.module);
    let _ = writeln!(
        table,
        "{} ({}, feature {})",
        action.module, action.name, action.family
    );
    let mut methods = vec![module.to_string()];
    if action.pagination.is_some() {
        methods.push(format!("{module}_paginator"));
    }
    let _ = writeln!(
        table,
        "  client and blocking client: {}",
        methods.join(", ")
    );
    let _ = writeln!(
        table,
        "  types: {0} + {0}Builder, {1}, {2}Error ({3} documented error codes)",
        action.request.name,
        action.response.name,
        action.name,
        action.error_code.codes.len()
    );
    let named = |name: &str| match action.shared.get(name) {
        Some(shared) if shared == name => format!("{name} = types::{shared}"),
        Some(shared) => format!("{name} = types::{shared}"),
        None => name.to_string(),
    };
    let mut nested = Vec::new();
    for item in &action.request_structs {
        nested.push(format!("{} + {}Builder", named(&item.name), item.name));
    }
    for item in &action.response_structs {
        nested.push(named(&item.name));
    }
    for item in action.request_enums.iter().chain(&action.response_enums) {
        nested.push(named(&item.name));
    }
    nested.sort();
    nested.dedup();
    if !nested.is_empty() {
        let _ = writeln!(table, "  nested: {}", nested.join(", "));
    }
}

#[test]
fn every_public_name_is_in_the_golden_file() {
    let root = repository_root();
    let layout = Layout::standard(&root);
    for dir in products::product_dirs(&root.join("api-specs")) {
        let mut table = String::from(
            "# Every public name the generator makes up for this product.\n# Re-bless with UPDATE_GOLDEN=1 and read the diff: each line is a promise.\n",
        );
        let (product, _) =
            load_product(&root, &dir).unwrap_or_else(|problems| panic!("{problems}"));
        let crate_ir = ir::lower(&product, &layout).unwrap_or_else(|problems| panic!("{problems}"));
        let package = &crate_ir.package;
        features(&mut table, &crate_ir);
        shared_types(&mut table, &crate_ir);
        let _ = writeln!(
            table,
            "\n## {package}: actions (module (action, feature), client methods, types)"
        );
        for item in &crate_ir.actions {
            action(&mut table, item);
        }
        let (names, lists) = wire_names(&product);
        // Action names keep Alibaba's spelling (they are what a user looks
        // up in the API reference); fields and types are spelled right.
        let actions: BTreeSet<&str> = product
            .actions
            .iter()
            .map(|action| action.spec.name.as_str())
            .collect();
        let spelled = |name: &str| {
            if actions.contains(name) {
                name.to_string()
            } else {
                naming::corrected(name)
            }
        };
        let _ = writeln!(table, "\n## {package}: wire name -> field / type");
        for name in &names {
            let spelled = spelled(name);
            let _ = writeln!(
                table,
                "{name} -> {} / {}",
                naming::snake(&spelled),
                naming::pascal(&spelled)
            );
        }
        let _ = writeln!(
            table,
            "\n## {package}: list name -> singular (the item type's name before case)"
        );
        for name in &lists {
            let _ = writeln!(
                table,
                "{name} -> {}",
                naming::singular(&naming::corrected(name))
            );
        }
        let _ = writeln!(
            table,
            "\n## {package}: wire typos, kept on the wire, spelled right in Rust names"
        );
        let typos: BTreeMap<&String, String> = names
            .iter()
            .map(|name| (name, spelled(name)))
            .filter(|(name, spelled)| *name != spelled)
            .collect();
        for (name, spelled) in typos {
            let _ = writeln!(table, "{name} -> {spelled}");
        }
        let golden = root
            .join("tests/golden/names")
            .join(format!("{}.txt", product.dir_name));
        assert_golden(&golden, &table);
    }
}

/// No type or field name the generator makes up ends in a disambiguating
/// number: a number tells a user nothing about what sets two apart.
#[test]
fn no_generated_name_is_numbered() {
    let root = repository_root();
    let layout = Layout::standard(&root);
    for dir in products::product_dirs(&root.join("api-specs")) {
        let (product, _) =
            load_product(&root, &dir).unwrap_or_else(|problems| panic!("{problems}"));
        let crate_ir = ir::lower(&product, &layout).unwrap_or_else(|problems| panic!("{problems}"));
        let shared = crate_ir
            .types
            .structs
            .iter()
            .map(|(_, item)| &item.name)
            .chain(crate_ir.types.enums.iter().map(|item| &item.name));
        let local = crate_ir.actions.iter().flat_map(|action| {
            action
                .request_structs
                .iter()
                .chain(&action.response_structs)
                .map(|item| &item.name)
                .chain(
                    action
                        .request_enums
                        .iter()
                        .chain(&action.response_enums)
                        .map(|item| &item.name),
                )
        });
        let numbered: Vec<&String> = shared
            .chain(local)
            .filter(|name| name.ends_with(|c: char| c.is_ascii_digit()))
            .collect();
        assert!(numbered.is_empty(), "numbered type names: {numbered:?}");
        // Each struct once: an action's own, then the shared ones.
        let structs = crate_ir
            .actions
            .iter()
            .flat_map(|action| {
                [&action.request, &action.response]
                    .into_iter()
                    .chain(&action.request_structs)
                    .chain(&action.response_structs)
            })
            .chain(crate_ir.types.structs.iter().map(|(_, item)| item));
        let numbered_fields: Vec<String> = structs
            .flat_map(|item| {
                item.fields
                    .iter()
                    .map(move |field| format!("{}.{}", item.name, field.rust_name))
            })
            .filter(|name| {
                name.rsplit_once('_')
                    .is_some_and(|(_, tail)| tail.chars().all(|c| c.is_ascii_digit()))
            })
            .collect();
        assert!(
            numbered_fields.is_empty(),
            "numbered field names: {numbered_fields:?}"
        );
    }
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
