//! Keeps `product.json`'s cargo features in step with the API reference's
//! table of contents.
//!
//! The API metadata's `directories` tree is the reference's table of
//! contents: top-level groups (VPC, vSwitch, route table, ...), some with
//! subgroups, whose leaves are action names. Each top-level group is one
//! feature of the generated crate, with its subgroups. The groups' titles
//! are prose, so a feature's name is ours: the importer only proposes one,
//! from the actions' names, for a group it has not seen, and never renames
//! a feature. Actions the metadata places nowhere (those it lacks) stay in
//! the feature `product.json` gives them; a new one joins the feature its
//! name suggests, and the import says so.

use std::collections::{BTreeMap, BTreeSet};

use alibabacloud_codegen::naming;
use serde_json::Value;

use super::ImportSummary;
use super::json::Json;

/// A top-level group of the API reference.
#[derive(Debug, Clone, PartialEq)]
pub struct Directory {
    /// The metadata's id for it, which `product.json` records.
    pub id: u64,
    /// Every action in it and its subgroups, in the metadata's order.
    pub actions: Vec<String>,
}

/// The top-level groups of the metadata's `directories`, each with every
/// action below it.
pub fn directories(root: &Value) -> Vec<Directory> {
    root.get("directories")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|group| {
            let id = group.get("id").and_then(Value::as_u64)?;
            let mut actions = Vec::new();
            actions_below(group, &mut actions);
            Some(Directory { id, actions })
        })
        .collect()
}

/// Collects the action names of a group and its subgroups: a child is an
/// action name (text) or a subgroup (an object with `children`).
fn actions_below(group: &Value, actions: &mut Vec<String>) {
    for child in group
        .get("children")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        match child {
            Value::String(action) => actions.push(action.clone()),
            Value::Object(_) => actions_below(child, actions),
            _ => {}
        }
    }
}

/// One entry of `product.json`'s `features`, as read; `entry` keeps any
/// key we did not write.
struct Feature {
    name: String,
    directories: Vec<u64>,
    actions: BTreeSet<String>,
    entry: Json,
}

impl Feature {
    fn read(entry: &Json) -> Option<Self> {
        let name = entry.get("name")?.as_str()?.to_string();
        let directories = match entry.get("directories") {
            Some(Json::Array(ids)) => ids.iter().filter_map(Json::as_u64).collect(),
            _ => Vec::new(),
        };
        let actions = match entry.get("actions") {
            Some(Json::Array(names)) => names
                .iter()
                .filter_map(Json::as_str)
                .map(str::to_string)
                .collect(),
            _ => BTreeSet::new(),
        };
        Some(Feature {
            name,
            directories,
            actions,
            entry: entry.clone(),
        })
    }

    fn new(name: String) -> Self {
        let mut entry = Json::object();
        entry.insert("name", Json::str(&name));
        Feature {
            name,
            directories: Vec::new(),
            actions: BTreeSet::new(),
            entry,
        }
    }

    fn write(mut self) -> Json {
        let ids = self.directories.iter().map(|id| Json::from(*id)).collect();
        self.entry.insert("directories", Json::Array(ids));
        let actions = self.actions.iter().map(Json::str).collect();
        self.entry.insert("actions", Json::Array(actions));
        self.entry
    }
}

/// Brings `product.json`'s `features` up to date: every action of the
/// product (`actions`: the imported ones and those left alone) in exactly
/// one feature, the metadata's groups deciding where they have it. A
/// product with no features and no metadata groups is left without, and
/// its actions keep the features their names give.
pub fn merge(
    product: &mut Json,
    directories: &[Directory],
    actions: &BTreeSet<String>,
    summary: &mut ImportSummary,
) {
    let mut features: Vec<Feature> = match product.get("features") {
        Some(Json::Array(entries)) => entries.iter().filter_map(Feature::read).collect(),
        _ => Vec::new(),
    };
    if features.is_empty() && directories.is_empty() {
        return;
    }
    let mut notes = Vec::new();

    // Each group's feature: the one that records its id, else the one its
    // actions' names suggest, made if new.
    let mut placed: BTreeMap<&str, usize> = BTreeMap::new();
    for directory in directories {
        let listed: Vec<&String> = directory
            .actions
            .iter()
            .filter(|action| actions.contains(*action))
            .collect();
        if listed.is_empty() {
            continue;
        }
        let index = match features
            .iter()
            .position(|feature| feature.directories.contains(&directory.id))
        {
            Some(index) => index,
            None => {
                let name = proposed_name(&listed);
                let index = feature_named(&mut features, &name);
                features[index].directories.push(directory.id);
                notes.push(format!(
                    "group {} of the API reference is the feature {name:?} (named from its actions; rename it in product.json if a better name fits)",
                    directory.id
                ));
                index
            }
        };
        for action in listed {
            placed.insert(action, index);
        }
    }

    // Actions move to their group's feature; the rest stay where they are
    // while their spec exists; an action in no feature joins the one its
    // name suggests.
    for (index, feature) in features.iter_mut().enumerate() {
        let before = std::mem::take(&mut feature.actions);
        for action in before {
            match placed.get(action.as_str()) {
                Some(home) if *home != index => notes.push(format!(
                    "{action} moves from {:?} to the feature of its API reference group",
                    feature.name
                )),
                _ if !actions.contains(&action) => notes.push(format!(
                    "{action} leaves {:?}: the product has no such action",
                    feature.name
                )),
                _ => {
                    feature.actions.insert(action);
                }
            }
        }
    }
    for (action, index) in &placed {
        features[*index].actions.insert(action.to_string());
    }
    for action in actions {
        if features
            .iter()
            .any(|feature| feature.actions.contains(action))
        {
            continue;
        }
        let name = naming::family(action);
        let index = feature_named(&mut features, &name);
        features[index].actions.insert(action.clone());
        notes.push(format!(
            "{action} is in no group of the API reference: it joins the feature {name:?}, from its name (move it in product.json if another fits)"
        ));
    }

    let written = Json::Array(
        features
            .into_iter()
            .filter(|feature| !feature.actions.is_empty())
            .map(Feature::write)
            .collect(),
    );
    if product.get("features") != Some(&written) {
        product.insert("features", written);
        summary.features.extend(notes);
    }
}

/// The index of the feature called `name`, appended if there is none.
fn feature_named(features: &mut Vec<Feature>, name: &str) -> usize {
    match features.iter().position(|feature| feature.name == name) {
        Some(index) => index,
        None => {
            features.push(Feature::new(name.to_string()));
            features.len() - 1
        }
    }
}

/// A name for a group we have no feature for: the feature name most of
/// its actions' names give (`CreateVSwitch`, `DescribeVSwitches` →
/// `vswitch`), the first in order on a tie.
fn proposed_name(actions: &[&String]) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for action in actions {
        *counts.entry(naming::family(action)).or_default() += 1;
    }
    let most = counts.values().copied().max().unwrap_or_default();
    counts
        .into_iter()
        .find(|(_, count)| *count == most)
        .map(|(name, _)| name)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|name| name.to_string()).collect()
    }

    fn directory(id: u64, actions: &[&str]) -> Directory {
        Directory {
            id,
            actions: actions.iter().map(|name| name.to_string()).collect(),
        }
    }

    fn features_of(product: &Json) -> Vec<(String, Vec<u64>, Vec<String>)> {
        let Some(Json::Array(entries)) = product.get("features") else {
            return Vec::new();
        };
        entries
            .iter()
            .filter_map(Feature::read)
            .map(|feature| {
                (
                    feature.name,
                    feature.directories,
                    feature.actions.into_iter().collect(),
                )
            })
            .collect()
    }

    #[test]
    fn groups_become_features_named_from_their_actions() {
        let mut product = Json::object();
        let mut summary = ImportSummary::default();
        let groups = [
            directory(7, &["CreateVSwitch", "DescribeVSwitches"]),
            directory(
                9,
                &["CreateHaVip", "DescribeHaVips", "ModifyHaVipAttribute"],
            ),
        ];
        let actions = names(&[
            "CreateVSwitch",
            "DescribeVSwitches",
            "CreateHaVip",
            "DescribeHaVips",
            "ModifyHaVipAttribute",
        ]);
        merge(&mut product, &groups, &actions, &mut summary);
        assert_eq!(
            features_of(&product),
            vec![
                (
                    "vswitch".to_string(),
                    vec![7],
                    vec!["CreateVSwitch".to_string(), "DescribeVSwitches".to_string()]
                ),
                (
                    "ha-vip".to_string(),
                    vec![9],
                    vec![
                        "CreateHaVip".to_string(),
                        "DescribeHaVips".to_string(),
                        "ModifyHaVipAttribute".to_string()
                    ]
                ),
            ]
        );
        assert_eq!(summary.features.len(), 2, "{:?}", summary.features);
    }

    #[test]
    fn our_names_and_placements_are_kept_and_a_second_merge_changes_nothing() {
        let mut product: Json = serde_json::from_str(
            r#"{"features": [
                {"name": "switches", "directories": [7], "actions": ["CreateVSwitch"], "note": "ours"},
                {"name": "ha-vip", "directories": [], "actions": ["CreateHaVip", "GoneAction"]}
            ]}"#,
        )
        .unwrap();
        let groups = [directory(
            7,
            &["CreateVSwitch", "DescribeVSwitches", "NotImported"],
        )];
        let actions = names(&[
            "CreateVSwitch",
            "DescribeVSwitches",
            "CreateHaVip",
            "DeleteHaVip",
        ]);
        let mut summary = ImportSummary::default();
        merge(&mut product, &groups, &actions, &mut summary);
        assert_eq!(
            features_of(&product),
            vec![
                (
                    "switches".to_string(),
                    vec![7],
                    vec!["CreateVSwitch".to_string(), "DescribeVSwitches".to_string()]
                ),
                (
                    "ha-vip".to_string(),
                    vec![],
                    vec!["CreateHaVip".to_string(), "DeleteHaVip".to_string()]
                ),
            ]
        );
        let switches = product.get("features").and_then(|features| match features {
            Json::Array(entries) => entries.first().cloned(),
            _ => None,
        });
        assert_eq!(
            switches.and_then(|entry| entry.get("note").cloned()),
            Some(Json::str("ours"))
        );
        let notes = summary.features.join("\n");
        assert!(notes.contains("GoneAction leaves \"ha-vip\""), "{notes}");
        assert!(notes.contains("DeleteHaVip is in no group"), "{notes}");

        let before = product.clone();
        let mut again = ImportSummary::default();
        merge(&mut product, &groups, &actions, &mut again);
        assert_eq!(product, before);
        assert!(again.features.is_empty(), "{:?}", again.features);
    }

    #[test]
    fn the_metadata_moves_an_action_to_its_group() {
        let mut product: Json = serde_json::from_str(
            r#"{"features": [
                {"name": "vpc", "directories": [1], "actions": ["CreateVpc", "DescribeRegions"]},
                {"name": "region", "directories": [2], "actions": []}
            ]}"#,
        )
        .unwrap();
        let groups = [
            directory(1, &["CreateVpc"]),
            directory(2, &["DescribeRegions"]),
        ];
        let actions = names(&["CreateVpc", "DescribeRegions"]);
        let mut summary = ImportSummary::default();
        merge(&mut product, &groups, &actions, &mut summary);
        assert_eq!(
            features_of(&product),
            vec![
                ("vpc".to_string(), vec![1], vec!["CreateVpc".to_string()]),
                (
                    "region".to_string(),
                    vec![2],
                    vec!["DescribeRegions".to_string()]
                ),
            ]
        );
        assert!(
            summary
                .features
                .join("\n")
                .contains("DescribeRegions moves"),
            "{:?}",
            summary.features
        );
    }

    #[test]
    fn a_product_without_features_or_groups_is_left_alone() {
        let mut product = Json::object();
        let mut summary = ImportSummary::default();
        merge(&mut product, &[], &names(&["CreateVpc"]), &mut summary);
        assert_eq!(product, Json::object());
    }

    #[test]
    fn subgroups_belong_to_their_top_level_group() {
        let root: Value = serde_json::from_str(
            r#"{"directories": [
                {"id": 5, "title": "x", "children": ["CreateNatGateway",
                    {"id": 6, "children": ["CreateSnatEntry", {"id": 8, "children": ["CreateNatIp"]}]}]},
                {"id": 9, "children": []}
            ]}"#,
        )
        .unwrap();
        assert_eq!(
            directories(&root),
            vec![
                directory(5, &["CreateNatGateway", "CreateSnatEntry", "CreateNatIp"]),
                directory(9, &[]),
            ]
        );
    }
}
