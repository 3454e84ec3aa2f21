//! The cargo features of a product: which actions each one compiles.
//!
//! A product's `features` in `product.json` group its actions the way the
//! API reference's table of contents does; the importer fills them from
//! the API metadata's `directories`. Once a product lists features, every
//! action must be in exactly one, so that a new action cannot slip into a
//! feature of its own named after a word of its name. A product without
//! the list (a new one, or the test products) keeps the feature each
//! action's name gives.

use std::collections::BTreeMap;

use super::load::LoadedAction;
use super::model::ProductSpec;
use crate::diagnostics::Diagnostics;
use crate::naming::RESERVED_FEATURES;

/// Whether `name` can be a feature of a product's crate: lower-case
/// kebab-case, and not one of the crate's other features.
pub(super) fn is_feature_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-')
        && !name.contains("--")
        && !RESERVED_FEATURES.contains(&name)
}

/// What a reader is told a feature name must look like.
pub(super) fn expected_feature_name() -> String {
    format!(
        "a lower-case cargo feature name such as \"ha-vip\", other than the crate's own features ({})",
        RESERVED_FEATURES
            .iter()
            .map(|name| format!("{name:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Checks the product's `features` against its action files and gives each
/// action the feature that lists it. `names` are every action file read
/// (`(file, action name)`), `actions` the ones that were checked.
pub(super) fn assign(
    product_file: &str,
    product: &ProductSpec,
    names: &[(String, String)],
    actions: &mut [LoadedAction],
    diagnostics: &mut Diagnostics,
) {
    if product.features.is_empty() {
        return;
    }
    let files: BTreeMap<&str, &str> = names
        .iter()
        .map(|(file, name)| (name.as_str(), file.as_str()))
        .collect();
    let mut feature_of: BTreeMap<&str, &str> = BTreeMap::new();
    let mut feature_names: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, feature) in product.features.iter().enumerate() {
        let pointer = format!("/features/{index}");
        if !is_feature_name(&feature.name) {
            diagnostics.error(
                product_file,
                &format!("{pointer}/name"),
                format!(
                    "invalid feature name {:?} (expected {})",
                    feature.name,
                    expected_feature_name()
                ),
            );
        }
        if let Some(first) = feature_names.insert(&feature.name, index) {
            diagnostics.error(
                product_file,
                &format!("{pointer}/name"),
                format!(
                    "feature {:?} is listed twice (expected one entry; the first is /features/{first})",
                    feature.name
                ),
            );
        }
        if feature.actions.is_empty() {
            diagnostics.error(
                product_file,
                &format!("{pointer}/actions"),
                format!(
                    "feature {:?} has no actions (expected at least one action name, or no such feature)",
                    feature.name
                ),
            );
        }
        for (position, action) in feature.actions.iter().enumerate() {
            let pointer = format!("{pointer}/actions/{position}");
            if !files.contains_key(action.as_str()) {
                // Stale, not wrong: removing an action file is enough to
                // remove the action.
                diagnostics.warning(
                    product_file,
                    &pointer,
                    format!(
                        "no action {action:?} in this product (expected the name of an action file beside product.json; drop it from the list)"
                    ),
                );
            } else if let Some(other) = feature_of.insert(action, &feature.name) {
                diagnostics.error(
                    product_file,
                    &pointer,
                    format!(
                        "action {action:?} is listed in features {other:?} and {:?} (expected it in one feature)",
                        feature.name
                    ),
                );
            }
        }
    }
    for action in actions {
        let name = &action.spec.name;
        let listed = feature_of.get(name.as_str()).copied();
        match (listed, action.spec.family.as_deref()) {
            (Some(listed), Some(own)) if listed != own => diagnostics.error(
                &action.file,
                "/x-family",
                format!(
                    "x-family {own:?} contradicts product.json, which lists {name:?} in the feature {listed:?} (expected one of the two)"
                ),
            ),
            (Some(listed), _) => action.checked.family = Some(listed.to_string()),
            (None, Some(_)) => {}
            (None, None) => diagnostics.error(
                &action.file,
                "",
                format!(
                    "action {name:?} is in no feature (expected it in the actions of one of the features in {product_file}, or an \"x-family\" in this file)"
                ),
            ),
        }
    }
}
