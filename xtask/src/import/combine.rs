//! Settles what the SDK packages and the API metadata say into one source.
//!
//! The rules (documented in `api-specs/README.md`):
//! - **wire facts** (placement, style, type, required, wire names, the HTTP
//!   method) come from the SDK: it is the code that runs today, and newer
//!   than a copy of the metadata;
//! - **documented facts** (limits, valid values, defaults, deprecations,
//!   error codes, samples, the operation type, asynchronous hints) come
//!   from the metadata, the only source that has them;
//! - an action or parameter only one source has is taken from that source;
//! - every disagreement is reported with the side that was taken.

use std::collections::BTreeMap;

use super::SourceProduct;
use super::json::Json;
use super::merge::{Sides, merge_action_as};

/// The two sources as one: the SDK's specs with the metadata's facts added.
pub fn combine(sdk: SourceProduct, metadata: SourceProduct) -> SourceProduct {
    let mut product = SourceProduct {
        origin: [sdk.origin, metadata.origin].concat(),
        identities: [sdk.identities, metadata.identities].concat(),
        samples: metadata.samples,
        endpoint_pattern: sdk.endpoint_pattern,
        central_host: sdk.central_host,
        style: sdk.style.or(metadata.style),
        directories: metadata.directories,
        reference_urls: sdk.reference_urls,
        notes: [sdk.notes, metadata.notes].concat(),
        ..SourceProduct::default()
    };
    product.endpoints = settle_endpoints(sdk.endpoints, metadata.endpoints, &mut product.notes);
    let sides = Sides {
        ours: "SDK",
        theirs: "metadata",
    };
    let mut metadata_actions = metadata.actions;
    // What the SDK has and the metadata lacks (the common parameters
    // `OwnerId`, `ResourceOwnerAccount`, ... in hundreds of actions): by
    // path, the actions.
    let mut sdk_only: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (action, mut spec) in sdk.actions {
        let Some(mut documented) = metadata_actions.remove(&action) else {
            product.notes.push(format!(
                "{action}: in the SDK only (not in the API metadata)"
            ));
            product.actions.insert(action, spec);
            continue;
        };
        settle_methods(&action, &spec, &mut documented, &mut product.notes);
        drop_flattened(&action, &spec, &mut documented, &mut product.notes);
        let report = merge_action_as(&mut spec, &documented, sides);
        for conflict in report.conflicts {
            match conflict.strip_suffix(": not in the metadata") {
                Some(path) => sdk_only
                    .entry(path.to_string())
                    .or_default()
                    .push(action.clone()),
                None => product.notes.push(format!(
                    "{action}: SDK and metadata disagree, {conflict}; took the SDK's"
                )),
            }
        }
        for added in report.added {
            if added
                .strip_prefix("parameters.")
                .is_some_and(|name| !name.contains('.'))
            {
                product.notes.push(format!(
                    "{action}: {added} is in the metadata only; taken from it"
                ));
            }
        }
        product.actions.insert(action, spec);
    }
    for (path, actions) in sdk_only {
        let shown = actions
            .iter()
            .take(3)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let more = actions.len().saturating_sub(3);
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        product.notes.push(format!(
            "{path}: in the SDK only (not in the metadata), in {shown}{more}; taken from the SDK"
        ));
    }
    for (action, spec) in metadata_actions {
        product.notes.push(format!(
            "{action}: in the API metadata only (not in the SDK)"
        ));
        product.actions.insert(action, spec);
    }
    product
}

/// The SDK's region → host map with the metadata's regions it lacks: the
/// SDK's host is the one that runs today. A region the two give different
/// hosts is noted.
fn settle_endpoints(
    sdk: BTreeMap<String, String>,
    metadata: BTreeMap<String, String>,
    notes: &mut Vec<String>,
) -> BTreeMap<String, String> {
    let mut endpoints = sdk;
    for (region, host) in metadata {
        match endpoints.get(&region) {
            Some(sdk_host) if *sdk_host != host => notes.push(format!(
                "endpoint of {region}: the SDK says {sdk_host:?}, the metadata {host:?}; took the SDK's"
            )),
            Some(_) => {}
            None => {
                endpoints.insert(region, host);
            }
        }
    }
    endpoints
}

/// The metadata documents some lists one wire name at a time
/// (`Filter.1.Key`, `Filter.2.Value`) where the SDK has the list itself
/// (`Filter`, a `repeatList`): those names are the SDK parameter's own
/// pairs, not parameters of their own, and are left out.
fn drop_flattened(action: &str, sdk: &Json, metadata: &mut Json, notes: &mut Vec<String>) {
    let names = |spec: &Json| -> Vec<String> {
        match spec.get("parameters") {
            Some(Json::Array(parameters)) => parameters
                .iter()
                .filter_map(|parameter| parameter.get("name").and_then(Json::as_str))
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        }
    };
    let sdk_names = names(sdk);
    let flattened = |name: &str| {
        name.split_once('.')
            .is_some_and(|(root, _)| sdk_names.iter().any(|sdk| sdk == root))
    };
    let Some(Json::Array(parameters)) = metadata
        .as_object_mut()
        .and_then(|spec| spec.get_mut("parameters"))
    else {
        return;
    };
    let before = parameters.len();
    parameters.retain(|parameter| {
        !parameter
            .get("name")
            .and_then(Json::as_str)
            .is_some_and(flattened)
    });
    if parameters.len() != before {
        notes.push(format!(
            "{action}: {} metadata parameter(s) name one pair of an SDK list (such as `Filter.1.Key`); left to that list",
            before - parameters.len()
        ));
    }
}

/// The SDK sends one HTTP method; the metadata lists every method the
/// service accepts. The SDK's is taken; a method the metadata does not
/// list is a disagreement worth reporting.
fn settle_methods(action: &str, sdk: &Json, metadata: &mut Json, notes: &mut Vec<String>) {
    let methods = |spec: &Json| -> Vec<String> {
        match spec.get("methods") {
            Some(Json::Array(methods)) => methods
                .iter()
                .filter_map(Json::as_str)
                .map(str::to_ascii_lowercase)
                .collect(),
            _ => Vec::new(),
        }
    };
    let (sent, accepted) = (methods(sdk), methods(metadata));
    if let Some(method) = sent.iter().find(|method| !accepted.contains(method)) {
        if !accepted.is_empty() {
            notes.push(format!(
                "{action}: the SDK sends {method:?}, the metadata lists {accepted:?}; took the SDK's"
            ));
        }
    }
    if let (Some(sent), Some(map)) = (sdk.get("methods"), metadata.as_object_mut()) {
        map.insert("methods".to_string(), sent.clone());
    }
}
