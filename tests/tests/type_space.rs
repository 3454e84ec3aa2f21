//! The product-wide type space: a shape used by many actions is one type,
//! and the names of shared types are stable when actions come and go.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use alibabacloud_codegen::{Layout, generate};
use alibabacloud_tests::repository_root;
use serde_json::Value;

/// The request `Tag` of one action is the `Tag` of another: the compiler
/// proves it by passing one where the other is expected.
#[test]
fn one_tag_for_every_action_that_sends_the_same_tag() {
    use alibabacloud_vpc::{describe_vpn_connections, list_ipv4_gateways, types};
    fn takes(tag: describe_vpn_connections::Tag) -> Option<String> {
        tag.key().map(str::to_string)
    }
    let tag: list_ipv4_gateways::Tag = types::Tag::builder().key("env").value("prod").build();
    assert_eq!(takes(tag).as_deref(), Some("env"));
}

/// A shape is shared only by uses that give it one name: content alone
/// once made the `Filter` of two NAT gateway actions the shared `Tag`, and
/// `describe_vpcs`' `VpcStatus` the shared `VSwitchStatus`.
#[test]
fn a_shared_type_has_the_name_its_uses_give_it() {
    use alibabacloud_vpc::{
        describe_nat_gateway_associate_network_interfaces as nat, describe_vpcs,
        modify_express_connect_traffic_qos as qos,
    };
    use std::any::type_name;
    assert!(type_name::<describe_vpcs::VpcStatus>().ends_with("::VpcStatus"));
    assert!(type_name::<qos::RemoveInstanceList>().ends_with("::RemoveInstanceList"));
    let filter = nat::NatGatewayFilter::builder().key("k").value("v").build();
    let shown = format!("{filter:?}");
    assert!(
        shown.contains("NatGatewayFilter") && !shown.contains("Tag"),
        "{shown}"
    );
}

/// A scratch directory holding a copy of `api-specs/vpc`, with a
/// `generated/` beside it.
struct Scratch {
    root: PathBuf,
}

impl Scratch {
    fn new(name: &str) -> Self {
        let root = std::env::temp_dir().join(format!("type-space-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let specs = root.join("api-specs/vpc");
        std::fs::create_dir_all(&specs).unwrap();
        copy_dir(&repository_root().join("api-specs/vpc"), &specs);
        Self { root }
    }

    fn specs(&self) -> PathBuf {
        self.root.join("api-specs/vpc")
    }

    fn layout(&self) -> Layout {
        Layout {
            root: self.root.clone(),
            specs_dir: self.root.join("api-specs"),
            output_dir: self.root.join("generated"),
            runtime_dir: repository_root().join("codegen/runtime"),
        }
    }

    /// Generates, records the type names where the next run reads them,
    /// and returns them (name by key).
    fn generate_names(&self) -> BTreeMap<String, String> {
        let generation = generate(&self.layout()).unwrap_or_else(|problems| panic!("{problems}"));
        let text = &generation.files[Path::new("vpc/type-names.json")];
        let file = self.root.join("generated/vpc/type-names.json");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        let by_name: BTreeMap<String, String> = serde_json::from_str(text).unwrap();
        by_name.into_iter().map(|(name, key)| (key, name)).collect()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// Every shape both runs name keeps its name.
fn assert_no_renames(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) {
    let mut kept = 0;
    for (key, name) in after {
        if let Some(old) = before.get(key) {
            assert_eq!(old, name, "the shared type with key {key} was renamed");
            kept += 1;
        }
    }
    assert!(kept > 10, "only {kept} shared types in both runs");
}

#[test]
fn removing_or_adding_actions_renames_no_shared_type() {
    let scratch = Scratch::new("stable");
    let all = scratch.generate_names();
    assert!(all.values().any(|name| name == "Tag"), "{all:?}");

    // Remove all but two of the actions that use the most used `Tag`, and
    // every other action besides: the `Tag` of fewer actions is now the
    // more used, and without the recorded names would take the name.
    let generation = generate(&scratch.layout()).unwrap();
    let uses_tag = |action: &str| {
        generation.files.iter().any(|(path, text)| {
            path.to_string_lossy()
                .ends_with(&format!("/{action}/request.rs"))
                && text.contains("alibabacloud_vpc_types::{Tag, TagBuilder}")
        })
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(scratch.specs())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension().is_some_and(|ext| ext == "json")
                && path.file_name().is_some_and(|name| name != "product.json")
        })
        .collect();
    files.sort();
    // An asynchronous action names the action to poll (`x-async`), which
    // must stay for the specs to load.
    let polled: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let spec: Value =
                serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
            Some(spec.get("x-async")?.get("poll")?.as_str()?.to_string())
        })
        .collect();
    let mut removed = BTreeMap::new();
    let mut tag_users_kept = 0;
    for (index, file) in files.iter().enumerate() {
        let action = file.file_stem().unwrap().to_string_lossy().to_string();
        let module = alibabacloud_codegen::naming::snake(&action);
        let remove = if polled.contains(&action) {
            false
        } else if uses_tag(&module) {
            tag_users_kept += 1;
            tag_users_kept > 2
        } else {
            index % 2 == 1 && !action.contains("Tag")
        };
        if remove {
            removed.insert(file.clone(), std::fs::read_to_string(file).unwrap());
            std::fs::remove_file(file).unwrap();
        }
    }
    assert!(
        tag_users_kept > 20,
        "{tag_users_kept} actions use the shared Tag"
    );
    let half = scratch.generate_names();
    assert_no_renames(&all, &half);

    // Put them back, plus a new action whose `Tag` is a new shape: the new
    // shape needs a name of its own, and the recorded `Tag` keeps its.
    for (file, text) in &removed {
        std::fs::write(file, text).unwrap();
    }
    let source = scratch.specs().join("DescribeVpnConnections.json");
    let mut spec: Value = serde_json::from_str(&std::fs::read_to_string(source).unwrap()).unwrap();
    spec["name"] = Value::from("DescribeVpnConnectionsAgain");
    // A new action says which feature holds it, as product.json lists none for it.
    spec["x-family"] = Value::from("vpn-connection");
    let parameters = spec["parameters"].as_array_mut().unwrap();
    let tag = parameters
        .iter_mut()
        .find(|parameter| parameter["name"] == "Tag")
        .unwrap();
    tag["schema"]["items"]["properties"]["Scope"] = serde_json::json!({"type": "string"});
    std::fs::write(
        scratch.specs().join("DescribeVpnConnectionsAgain.json"),
        serde_json::to_string_pretty(&spec).unwrap(),
    )
    .unwrap();
    let more = scratch.generate_names();
    assert_no_renames(&all, &more);
    assert_no_renames(&half, &more);
    let tag_key = all.iter().find(|(_, name)| *name == "Tag").unwrap().0;
    assert_eq!(more[tag_key], "Tag");
}

/// Two shapes that want one shared name, where the holder's name does not
/// set them apart, and neither spec names it: the later one is named after
/// the resource of its first action (`VpcTag`, from `CreateVpc`), with a
/// warning that asks for an `x-rust-name`; no name is numbered (`Tag2`).
#[test]
fn two_shapes_that_want_one_name_take_an_action_s_resource_not_a_number() {
    let scratch = Scratch::new("collision");
    // Without their `x-rust-name`, these two tags (with the tag rules the
    // specs state) want `Tag`, the name of the 60 actions' tag without
    // rules.
    for action in ["CreateVpc", "ListTagResources"] {
        let file = scratch.specs().join(format!("{action}.json"));
        let mut spec: Value =
            serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let parameters = spec["parameters"].as_array_mut().unwrap();
        let tag = parameters
            .iter_mut()
            .find(|parameter| parameter["name"] == "Tag")
            .unwrap();
        let removed = tag["schema"]["items"]
            .as_object_mut()
            .unwrap()
            .remove("x-rust-name");
        assert!(removed.is_some(), "{action} names its tag");
        std::fs::write(&file, serde_json::to_string_pretty(&spec).unwrap()).unwrap();
    }
    let generation = match generate(&scratch.layout()) {
        Ok(generation) => generation,
        Err(problems) => panic!("{problems}"),
    };
    let warnings: Vec<String> = generation
        .warnings
        .warnings()
        .map(ToString::to_string)
        .collect();
    assert!(
        warnings.iter().any(|warning| warning.contains(
            "a type shared by CreateVpc, ListTagResources is named `VpcTag` after an action's resource: `Tag` names another shape"
        ) && warning.contains("x-rust-name")),
        "{warnings:#?}"
    );
    let names = &generation.files[std::path::Path::new("vpc/type-names.json")];
    assert!(names.contains("\"VpcTag\": "), "{names}");
    let create_vpc =
        &generation.files[std::path::Path::new("vpc/shards/6/src/create_vpc/request.rs")];
    assert!(
        create_vpc.contains("alibabacloud_vpc_types::{VpcTag as Tag, VpcTagBuilder as TagBuilder}"),
        "CreateVpc re-exports its tag under its own name"
    );
}
