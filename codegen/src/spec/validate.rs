//! Semantic checks of spec files: the product file, each action file, and
//! what several action files must agree on. Every check records a problem
//! and goes on, so one run reports everything that needs fixing.

use std::collections::BTreeMap;

use super::model::{ActionSpec, ProductSpec};
use super::words::{ApiStyle, Method, OperationType};
use crate::diagnostics::{Diagnostics, pointer_join};

mod schemas;

/// Checks `product.json`.
pub(super) fn product(file: &str, product: &ProductSpec, diagnostics: &mut Diagnostics) {
    if ApiStyle::parse(&product.style).is_none() {
        diagnostics.error(
            file,
            "/style",
            format!("unsupported style {:?} (expected \"RPC\")", product.style),
        );
    }
    if !is_pascal_identifier(&product.code) {
        diagnostics.error(
            file,
            "/code",
            format!(
                "invalid product code {:?} (expected letters and digits, starting with a capital)",
                product.code
            ),
        );
    }
    // The title goes into the crate's docs as it is.
    if product.title.trim().is_empty()
        || product
            .title
            .chars()
            .any(|c| is_invisible(c) && c != ' ' || "[]<>`*_#\\|~".contains(c))
    {
        diagnostics.error(
            file,
            "/title",
            format!(
                "invalid title {:?} (expected one line of plain text, without the characters [ ] < > ` * _ # \\ | ~ that rustdoc reads as markup)",
                product.title
            ),
        );
    }
    if !is_version(&product.version) {
        diagnostics.error(
            file,
            "/version",
            format!(
                "invalid version {:?} (expected YYYY-MM-DD)",
                product.version
            ),
        );
    }
    let name = &product.crate_info.name;
    let valid_name = name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid_name {
        diagnostics.error(
            file,
            "/crate/name",
            format!(
                "invalid crate name {name:?} (expected lower-case letters, digits, '-' or '_')"
            ),
        );
    }
    if !product.endpoint_pattern.contains("{regionId}") {
        diagnostics.error(
            file,
            "/endpointPattern",
            format!(
                "{:?} has no {{regionId}} placeholder",
                product.endpoint_pattern
            ),
        );
    } else if !is_host(
        &product
            .endpoint_pattern
            .replace("{regionId}", "cn-hangzhou"),
    ) {
        diagnostics.error(
            file,
            "/endpointPattern",
            format!(
                "{:?} is not a host name (expected a host such as \"vpc.{{regionId}}.aliyuncs.com\": lower-case letters, digits, '-' and '.', without a scheme, port or path)",
                product.endpoint_pattern
            ),
        );
    }
    for (index, endpoint) in product.endpoints.iter().enumerate() {
        if !is_host(&endpoint.endpoint) {
            diagnostics.error(
                file,
                &format!("/endpoints/{index}/endpoint"),
                format!(
                    "{:?} is not a host name (expected a host such as \"vpc.aliyuncs.com\": lower-case letters, digits, '-' and '.', without a scheme, port or path)",
                    endpoint.endpoint
                ),
            );
        }
    }
    if let Some(url) = &product.reference_url {
        let fits = url.starts_with("https://")
            && url.contains("{action}")
            && !url.contains(|c: char| c.is_whitespace() || c.is_control());
        if !fits {
            diagnostics.error(
                file,
                "/referenceUrl",
                format!(
                    "{url:?} is not a reference page pattern (expected an https:// URL without spaces, with an {{action}} placeholder)"
                ),
            );
        }
    }
    for pair in product.endpoints.windows(2) {
        if pair[0].region_id >= pair[1].region_id {
            let message = format!(
                "region {:?} is listed twice or out of order (expected endpoints sorted by regionId)",
                pair[1].region_id
            );
            diagnostics.error(file, "/endpoints", message);
        }
    }
}

/// Checks one action file whose name without `.json` is `stem`. Identical
/// duplicate parameters, which the official metadata itself contains, are
/// merged with a warning.
pub(super) fn action(file: &str, stem: &str, spec: &mut ActionSpec, diagnostics: &mut Diagnostics) {
    if spec.name != stem {
        diagnostics.error(
            file,
            "/name",
            format!(
                "name {:?} does not match the file name (expected {stem:?})",
                spec.name
            ),
        );
    }
    if !is_pascal_identifier(&spec.name) {
        diagnostics.error(
            file,
            "/name",
            format!(
                "invalid action name {:?} (expected letters and digits, starting with a capital)",
                spec.name
            ),
        );
    }
    if let Some(family) = &spec.family {
        if !super::features::is_feature_name(family) {
            let message = format!(
                "invalid family {family:?} (expected {})",
                super::features::expected_feature_name()
            );
            diagnostics.error(file, "/x-family", message);
        }
    }
    if let Some(operation) = &spec.operation_type {
        if OperationType::parse(operation).is_none() {
            diagnostics.error(
                file,
                "/x-operation-type",
                format!(
                    "unknown operation type {operation:?} (expected one of {})",
                    list(OperationType::NAMES)
                ),
            );
        }
    }
    if let Some(url) = &spec.reference_url {
        let fits = url.len() > "https://".len()
            && url.starts_with("https://")
            && !url.contains(|c: char| c.is_whitespace() || c.is_control() || is_invisible(c));
        if !fits {
            diagnostics.error(
                file,
                "/x-reference-url",
                format!(
                    "{url:?} is not a reference page (expected an absolute https:// URL without spaces)"
                ),
            );
        }
    }
    if let Some(asynchronous) = &spec.asynchronous {
        if !is_pascal_identifier(&asynchronous.poll) {
            diagnostics.error(
                file,
                "/x-async/poll",
                format!(
                    "invalid action name {:?} (expected the name of an action of the same product, such as \"ListVSwitchCidrReservations\")",
                    asynchronous.poll
                ),
            );
        }
        for (key, value) in [
            ("intervalSeconds", asynchronous.interval_seconds),
            ("maxPolls", asynchronous.max_polls),
        ] {
            if value == Some(0) {
                diagnostics.error(
                    file,
                    &format!("/x-async/{key}"),
                    format!("\"{key}\" is 0 (expected a whole number, 1 or more)"),
                );
            }
        }
    }
    for (index, method) in spec.methods.iter().enumerate() {
        if Method::parse_any_case(method).is_none() {
            diagnostics.error(
                file,
                &format!("/methods/{index}"),
                format!(
                    "unknown method {method:?} (expected one of {})",
                    list(Method::NAMES)
                ),
            );
        }
    }
    super::duplicates::merge_duplicate_parameters(file, spec, diagnostics);
    super::references::resolve_references(file, spec, diagnostics);
    for (index, parameter) in spec.parameters.iter().enumerate() {
        schemas::parameter(
            file,
            &format!("/parameters/{index}"),
            parameter,
            diagnostics,
        );
    }
    match spec
        .responses
        .get("200")
        .and_then(|response| response.schema.as_ref())
    {
        Some(schema) => {
            schemas::schema(file, "/responses/200/schema", schema, diagnostics);
            schemas::response_names_are_xml(file, "/responses/200/schema", schema, diagnostics);
            if schema.ty.as_deref() != Some("object") {
                diagnostics.error(
                    file,
                    "/responses/200/schema/type",
                    "the success response must be an object (expected \"object\")",
                );
            }
        }
        None => diagnostics.error(
            file,
            "/responses",
            "no success response (expected responses/200/schema)",
        ),
    }
    for (status, codes) in &spec.error_codes {
        let pointer = pointer_join("/errorCodes", status);
        if !status
            .parse::<u16>()
            .is_ok_and(|status| (100..=599).contains(&status))
        {
            diagnostics.error(
                file,
                &pointer,
                format!("{status:?} is not an HTTP status (expected 100 to 599)"),
            );
        }
        for (index, code) in codes.iter().enumerate() {
            if code.error_code.trim().is_empty() {
                diagnostics.error(
                    file,
                    &format!("{pointer}/{index}/errorCode"),
                    "empty error code",
                );
            }
        }
    }
    for (index, sample) in spec.samples.iter().enumerate() {
        if !["json", "xml"].contains(&sample.format.as_str()) {
            diagnostics.error(
                file,
                &format!("/x-samples/{index}/format"),
                format!(
                    "unknown format {:?} (expected \"json\" or \"xml\")",
                    sample.format
                ),
            );
        }
        if !["docs", "constructed"].contains(&sample.origin.as_str()) {
            diagnostics.error(
                file,
                &format!("/x-samples/{index}/origin"),
                format!(
                    "unknown origin {:?} (expected \"docs\" or \"constructed\")",
                    sample.origin
                ),
            );
        }
    }
}

/// Whitespace, control characters and the invisible formatting marks that
/// change how text reads (U+200E, U+202E, U+2066, ...).
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

/// Reports two action files that declare the same action name, given
/// `(file, name)` of each action read.
pub(super) fn unique_action_names(actions: &[(String, String)], diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (file, name) in actions {
        let key = name.to_ascii_lowercase();
        match seen.get(&key) {
            Some(first) => diagnostics.error(
                file,
                "/name",
                format!("action {name:?} is also defined in {first}"),
            ),
            None => {
                seen.insert(key, file);
            }
        }
    }
}

/// Reports an `x-async` whose `poll` names no action of the product,
/// given `(file, name, poll)` of each action read.
pub(super) fn poll_targets(
    actions: &[(String, String, Option<String>)],
    diagnostics: &mut Diagnostics,
) {
    let names: std::collections::BTreeSet<&str> =
        actions.iter().map(|(_, name, _)| name.as_str()).collect();
    for (file, _, poll) in actions {
        let Some(poll) = poll else { continue };
        if is_pascal_identifier(poll) && !names.contains(poll.as_str()) {
            diagnostics.error(
                file,
                "/x-async/poll",
                format!(
                    "{poll:?} is not an action of this product (expected the name of one of its action files)"
                ),
            );
        }
    }
}

fn is_pascal_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// A DNS host name: dot-separated labels of lower-case letters, digits and
/// inner hyphens, each 1 to 63 characters.
fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

fn is_version(version: &str) -> bool {
    let bytes = version.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, byte)| {
            if index == 4 || index == 7 {
                *byte == b'-'
            } else {
                byte.is_ascii_digit()
            }
        })
}

fn list(values: &[&str]) -> String {
    values
        .iter()
        .map(|value| format!("{value:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}
