//! Names the generated crate would hold twice: two actions that become one
//! module or one client method, an action named like an item the crate
//! root keeps for itself, and a crate named like the runtime crate. Cargo
//! or rustc would refuse them; they are reported against the spec instead.

use std::collections::BTreeMap;

use super::ActionIr;
use crate::diagnostics::Diagnostics;
use crate::naming;
use crate::spec::LoadedProduct;

/// Reports every name of `actions` (lowered from `product`) that clashes
/// with another action's, with the crate root's own items, or with the
/// runtime crate's package name.
pub(super) fn report(product: &LoadedProduct, actions: &[ActionIr], problems: &mut Diagnostics) {
    let spec = &product.spec;
    let mut modules = BTreeMap::new();
    for action in actions {
        if let Some(other) = modules.insert(action.module.clone(), action.name.clone()) {
            let message = format!(
                "action {:?} and {other:?} both become the module `{}`; rename one",
                action.name, action.module
            );
            problems.error(&action.spec_file, "/name", message);
        }
    }
    check_crate_root_names(actions, problems);
    // Cargo cannot have two packages of one name: neither the product's
    // crate nor a family's (`<crate>-<family>`) may be the runtime's.
    let runtime_package = "alibabacloud-runtime";
    if spec.crate_info.name == runtime_package {
        problems.error(
            &format!("{}/{}", product.rel_dir, crate::spec::PRODUCT_FILE),
            "/crate/name",
            format!(
                "the crate name {runtime_package:?} is the runtime crate's (expected another name)"
            ),
        );
    }
    for action in actions {
        if format!("{}-{}", spec.crate_info.name, action.family) == runtime_package {
            let message = format!(
                "action {:?} is in the family {:?}, whose crate would be named {runtime_package:?} like the runtime crate (expected an \"x-family\" other than {:?})",
                action.name, action.family, action.family
            );
            problems.error(&action.spec_file, "/name", message);
        }
    }
}

/// Modules and client methods of the product's crate that are not actions.
const ROOT_MODULES: &[&str] = &["blocking", "client", "endpoints", "runtime", "types"];
const CLIENT_METHODS: &[&str] = &["builder", "from_env", "runtime"];
/// Items the crate root re-exports from the runtime crate, which an
/// action's `<Action>Error` alias must not repeat.
const ROOT_ERRORS: &[&str] = &[
    "BuildError",
    "ConfigError",
    "SdkError",
    "ServiceError",
    "WireError",
];

/// Reports actions whose module, client method or error alias would clash
/// with the crate root's own items, or whose client methods clash with
/// each other's (`X` paginated and `XPaginator`).
fn check_crate_root_names(actions: &[ActionIr], problems: &mut Diagnostics) {
    let mut methods: BTreeMap<String, &str> = BTreeMap::new();
    for action in actions {
        let module = naming::bare(&action.module);
        let own_methods = std::iter::once(module.to_string()).chain(
            action
                .pagination
                .as_ref()
                .map(|_| format!("{module}_paginator")),
        );
        for method in own_methods {
            if let Some(other) = methods.insert(method.clone(), &action.name) {
                let message = format!(
                    "action {:?} and {other:?} both give the client a method `{method}`; rename one",
                    action.name
                );
                problems.error(&action.spec_file, "/name", message);
            }
        }
    }
    for action in actions {
        let module = naming::bare(&action.module);
        let alias = format!("{}Error", action.name);
        let clash = if ROOT_MODULES.contains(&module) || CLIENT_METHODS.contains(&module) {
            Some(format!("the module and client method `{module}`"))
        } else if ROOT_ERRORS.contains(&alias.as_str()) {
            Some(format!("the error alias `{alias}`"))
        } else {
            None
        };
        if let Some(clash) = clash {
            let message = format!(
                "action {:?} becomes {clash}, which the crate already has for its own use (expected an action name other than {})",
                action.name,
                [
                    "Blocking",
                    "Client",
                    "Endpoints",
                    "Runtime",
                    "Builder",
                    "FromEnv",
                    "Build",
                    "Config",
                    "Sdk",
                    "Service",
                    "Wire"
                ]
                .map(|name| format!("{name:?}"))
                .join(", ")
            );
            problems.error(&action.spec_file, "/name", message);
        }
    }
}
