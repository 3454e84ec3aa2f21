//! Semantic checks of spec files. Every check records a problem and goes on,
//! so one run reports everything that needs fixing.

use std::collections::BTreeMap;

use serde_json::Value;

use super::model::{ActionSpec, ParameterSpec, ProductSpec, Schema};
use super::words::{ApiStyle, Format, Location, Method, OperationType, SchemaType, Style};
use crate::diagnostics::{Diagnostics, pointer_join};
use crate::naming;

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
        let valid = family.starts_with(|c: char| c.is_ascii_lowercase())
            && family
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !crate::naming::RESERVED_FEATURES.contains(&family.as_str());
        if !valid {
            let message = format!(
                "invalid family {family:?} (expected a lower-case cargo feature name such as \"ha-vip\", other than \"client\", \"default\" and \"serde\", the crate's other features)"
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
        self::parameter(
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
            self::schema(file, "/responses/200/schema", schema, diagnostics);
            response_names_are_xml(file, "/responses/200/schema", schema, diagnostics);
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

fn parameter(file: &str, pointer: &str, parameter: &ParameterSpec, diagnostics: &mut Diagnostics) {
    check_wire_name(
        file,
        &format!("{pointer}/name"),
        &parameter.name,
        diagnostics,
    );
    if Location::parse(&parameter.location).is_none() {
        let message = format!(
            "unsupported location {:?} (expected one of {})",
            parameter.location,
            list(Location::NAMES)
        );
        diagnostics.error(file, &format!("{pointer}/in"), message);
    }
    let ty = parameter.schema.ty.as_deref();
    if let Some(style) = &parameter.style {
        if Style::parse(style).is_none() {
            diagnostics.error(
                file,
                &format!("{pointer}/style"),
                format!(
                    "unknown style {style:?} (expected one of {})",
                    list(Style::NAMES)
                ),
            );
        } else if style == "simple" && !is_list_of_scalars(&parameter.schema) {
            diagnostics.error(
                file,
                &format!("{pointer}/style"),
                "style \"simple\" needs an array of strings, numbers or booleans",
            );
        } else if !matches!(ty, Some("array" | "object")) && style != "json" {
            diagnostics.warning(
                file,
                &format!("{pointer}/style"),
                format!(
                    "style {style:?} has no effect on a {} parameter",
                    ty.unwrap_or("untyped")
                ),
            );
        }
    }
    let schema_pointer = format!("{pointer}/schema");
    schema(file, &schema_pointer, &parameter.schema, diagnostics);
    objects_have_fields(file, &schema_pointer, &parameter.schema, diagnostics);
}

fn is_list_of_scalars(schema: &Schema) -> bool {
    schema.ty.as_deref() == Some("array")
        && schema.items.as_ref().is_some_and(|items| {
            matches!(
                items.ty.as_deref(),
                Some("string" | "integer" | "number" | "boolean")
            )
        })
}

/// Request objects must say what they hold; a response may leave an object
/// open (it becomes a JSON value).
fn objects_have_fields(file: &str, pointer: &str, schema: &Schema, diagnostics: &mut Diagnostics) {
    match schema.ty.as_deref() {
        Some("object") => {
            if schema
                .properties
                .as_ref()
                .is_none_or(|properties| properties.is_empty())
                && schema.additional_properties.is_none()
            {
                diagnostics.error(file, pointer, "an object parameter has no properties (expected \"properties\" or \"additionalProperties\")");
            }
            for (name, property) in schema.properties.iter().flatten() {
                objects_have_fields(
                    file,
                    &pointer_join(&format!("{pointer}/properties"), name),
                    property,
                    diagnostics,
                );
            }
        }
        Some("array") => {
            if let Some(items) = &schema.items {
                objects_have_fields(file, &format!("{pointer}/items"), items, diagnostics);
            }
        }
        _ => {}
    }
}

/// Checks one schema and everything below it.
fn schema(file: &str, pointer: &str, schema: &Schema, diagnostics: &mut Diagnostics) {
    if schema.reference.is_some() {
        // Left in place only when it could not be resolved, which
        // `resolve_references` has reported.
        return;
    }
    let Some(ty) = schema.ty.as_deref() else {
        diagnostics.error(
            file,
            pointer,
            format!(
                "missing \"type\" (expected one of {})",
                list(SchemaType::NAMES)
            ),
        );
        return;
    };
    let Some(word) = SchemaType::parse(ty) else {
        diagnostics.error(
            file,
            &format!("{pointer}/type"),
            format!(
                "unknown type {ty:?} (expected one of {})",
                list(SchemaType::NAMES)
            ),
        );
        return;
    };
    check_format(file, pointer, word, schema.format.as_deref(), diagnostics);
    check_rust_name(file, pointer, schema, diagnostics);
    check_enum(file, pointer, ty, schema, diagnostics);
    check_bounds(file, pointer, ty, schema, diagnostics);
    check_string_rules(file, pointer, ty, schema, diagnostics);
    check_item_counts(file, pointer, ty, schema, diagnostics);
    check_children(file, pointer, word, schema, diagnostics);
    match ty {
        "array" => match &schema.items {
            Some(items) => self::schema(file, &format!("{pointer}/items"), items, diagnostics),
            None => diagnostics.error(
                file,
                pointer,
                "an array without \"items\" (expected the item schema)",
            ),
        },
        "object" => {
            for (name, property) in schema.properties.iter().flatten() {
                let property_pointer = pointer_join(&format!("{pointer}/properties"), name);
                check_wire_name(file, &property_pointer, name, diagnostics);
                self::schema(file, &property_pointer, property, diagnostics);
            }
            if let Some(values) = &schema.additional_properties {
                self::schema(
                    file,
                    &format!("{pointer}/additionalProperties"),
                    values,
                    diagnostics,
                );
            }
        }
        _ => {}
    }
}

fn check_rust_name(file: &str, pointer: &str, schema: &Schema, diagnostics: &mut Diagnostics) {
    let Some(name) = &schema.rust_name else {
        return;
    };
    if !naming::is_type_name(name) {
        diagnostics.error(
            file,
            &format!("{pointer}/x-rust-name"),
            format!(
                "{name:?} is not a Rust type name (expected ASCII letters and digits starting with a capital, other than \"Self\")"
            ),
        );
    }
}

fn check_format(
    file: &str,
    pointer: &str,
    ty: SchemaType,
    format: Option<&str>,
    diagnostics: &mut Diagnostics,
) {
    let Some(format) = format else { return };
    let allowed = Format::names_for(ty);
    if allowed.is_empty() {
        diagnostics.error(
            file,
            &format!("{pointer}/format"),
            format!(
                "format {format:?} on {} (formats apply to integer and number only)",
                with_article(ty.name())
            ),
        );
    } else if !allowed.contains(&format) {
        diagnostics.error(
            file,
            &format!("{pointer}/format"),
            format!(
                "unknown format {format:?} for {} (expected one of {})",
                ty.name(),
                list(allowed)
            ),
        );
    }
}

/// Reports item and field schemas on a type that has none: the checked
/// model keeps `items` on arrays only.
fn check_children(
    file: &str,
    pointer: &str,
    ty: SchemaType,
    schema: &Schema,
    diagnostics: &mut Diagnostics,
) {
    if ty != SchemaType::Array {
        let rules = [("items", schema.items.is_some())];
        misplaced(file, pointer, ty.name(), &rules, "arrays only", diagnostics);
    }
    if ty != SchemaType::Object {
        let rules = [
            ("properties", schema.properties.is_some()),
            (
                "additionalProperties",
                schema.additional_properties.is_some(),
            ),
        ];
        misplaced(
            file,
            pointer,
            ty.name(),
            &rules,
            "objects only",
            diagnostics,
        );
    }
}

fn check_enum(file: &str, pointer: &str, ty: &str, schema: &Schema, diagnostics: &mut Diagnostics) {
    let Some(values) = &schema.enum_values else {
        return;
    };
    let enum_pointer = format!("{pointer}/enum");
    if ty != "string" {
        diagnostics.error(
            file,
            &enum_pointer,
            format!(
                "\"enum\" on {} (enums are supported on strings only)",
                with_article(ty)
            ),
        );
        return;
    }
    let mut seen = Vec::new();
    for (index, value) in values.iter().enumerate() {
        match value.as_str() {
            Some("") => {
                diagnostics.error(file, &format!("{enum_pointer}/{index}"), "empty enum value")
            }
            Some(text) if seen.contains(&text) => diagnostics.error(
                file,
                &format!("{enum_pointer}/{index}"),
                format!("enum value {text:?} is listed twice"),
            ),
            Some(text) => seen.push(text),
            None => diagnostics.error(
                file,
                &format!("{enum_pointer}/{index}"),
                format!("enum value {value} is not a string"),
            ),
        }
    }
    for key in schema
        .enum_value_titles
        .iter()
        .flat_map(|titles| titles.keys())
    {
        if !seen.contains(&key.as_str()) {
            diagnostics.warning(
                file,
                &pointer_join(&format!("{pointer}/enumValueTitles"), key),
                format!("title for {key:?}, which is not in \"enum\""),
            );
        }
    }
}

fn check_bounds(
    file: &str,
    pointer: &str,
    ty: &str,
    schema: &Schema,
    diagnostics: &mut Diagnostics,
) {
    let numeric = matches!(ty, "integer" | "number");
    let mut bound = |key: &str, value: &Option<Value>| -> Option<f64> {
        let value = value.as_ref()?;
        let key_pointer = format!("{pointer}/{key}");
        if !numeric {
            diagnostics.error(
                file,
                &key_pointer,
                format!(
                    "\"{key}\" on {} (it applies to integer and number only)",
                    with_article(ty)
                ),
            );
            return None;
        }
        // i64 bounds: 2^63 is the first whole f64 past i64::MAX.
        const INTEGER_LIMIT: f64 = 9_223_372_036_854_775_808.0;
        let parsed = number_of(value).filter(|number| number.is_finite());
        let parsed = match ty {
            "integer" => parsed.filter(|number| {
                number.fract() == 0.0 && (-INTEGER_LIMIT..INTEGER_LIMIT).contains(number)
            }),
            _ => parsed,
        };
        if parsed.is_none() {
            let expected = if ty == "integer" {
                "an integer from -9223372036854775808 to 9223372036854775807, or its text"
            } else {
                "a finite number or its text"
            };
            diagnostics.error(
                file,
                &key_pointer,
                format!("{value} is not a usable bound (expected {expected})"),
            );
        }
        parsed
    };
    let minimum = bound("minimum", &schema.minimum);
    let maximum = bound("maximum", &schema.maximum);
    if let (Some(minimum), Some(maximum)) = (minimum, maximum) {
        if minimum > maximum {
            diagnostics.error(
                file,
                &format!("{pointer}/minimum"),
                format!("minimum {minimum} is above maximum {maximum}"),
            );
        }
    }
}

fn check_string_rules(
    file: &str,
    pointer: &str,
    ty: &str,
    schema: &Schema,
    diagnostics: &mut Diagnostics,
) {
    let rules: [(&str, bool); 5] = [
        ("minLength", schema.min_length.is_some()),
        ("maxLength", schema.max_length.is_some()),
        ("pattern", schema.pattern.is_some()),
        (
            "x-forbidden-prefixes",
            !schema.forbidden_prefixes.is_empty(),
        ),
        (
            "x-forbidden-substrings",
            !schema.forbidden_substrings.is_empty(),
        ),
    ];
    if ty != "string" {
        misplaced(file, pointer, ty, &rules, "strings only", diagnostics);
        return;
    }
    inverted_bounds(
        file,
        pointer,
        ("minLength", schema.min_length),
        ("maxLength", schema.max_length),
        diagnostics,
    );
    if let Some(pattern) = &schema.pattern {
        if let Err(error) = regex_lite::Regex::new(pattern) {
            diagnostics.error(
                file,
                &format!("{pointer}/pattern"),
                format!("invalid regular expression: {error}"),
            );
        }
    }
    for (key, values) in [
        ("x-forbidden-prefixes", &schema.forbidden_prefixes),
        ("x-forbidden-substrings", &schema.forbidden_substrings),
    ] {
        for (index, value) in values.iter().enumerate() {
            if value.is_empty() {
                diagnostics.error(
                    file,
                    &format!("{pointer}/{key}/{index}"),
                    "an empty string would forbid every value",
                );
            }
        }
    }
}

fn check_item_counts(
    file: &str,
    pointer: &str,
    ty: &str,
    schema: &Schema,
    diagnostics: &mut Diagnostics,
) {
    if ty != "array" {
        let rules = [
            ("minItems", schema.min_items.is_some()),
            ("maxItems", schema.max_items.is_some()),
        ];
        misplaced(file, pointer, ty, &rules, "arrays only", diagnostics);
        return;
    }
    inverted_bounds(
        file,
        pointer,
        ("minItems", schema.min_items),
        ("maxItems", schema.max_items),
        diagnostics,
    );
}

fn check_wire_name(file: &str, pointer: &str, name: &str, diagnostics: &mut Diagnostics) {
    if !name.chars().any(|c| c.is_ascii_alphabetic()) {
        diagnostics.error(
            file,
            pointer,
            format!("name {name:?} has no ASCII letter to make a Rust name from"),
        );
    } else if name.chars().any(is_invisible) {
        diagnostics.error(
            file,
            pointer,
            format!(
                "name {name:?} holds a space, a control character or a text-direction mark (expected visible characters, such as \"RegionId\")"
            ),
        );
    }
}

/// Whitespace, control characters and the invisible formatting marks that
/// change how text reads (U+200E, U+202E, U+2066, ...).
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

/// Response fields are read from XML too, where a field's wire name is an
/// element name: a letter or `_`, then letters, digits, `_`, `-` or `.`.
fn response_names_are_xml(
    file: &str,
    pointer: &str,
    schema: &Schema,
    diagnostics: &mut Diagnostics,
) {
    let children = schema
        .properties
        .iter()
        .flatten()
        .map(|(name, property)| {
            (
                pointer_join(&format!("{pointer}/properties"), name),
                Some(name),
                property,
            )
        })
        .chain(
            schema
                .items
                .iter()
                .map(|items| (format!("{pointer}/items"), None, items.as_ref())),
        )
        .chain(schema.additional_properties.iter().map(|values| {
            (
                format!("{pointer}/additionalProperties"),
                None,
                values.as_ref(),
            )
        }));
    for (child_pointer, name, child) in children {
        if let Some(name) = name {
            let mut chars = name.chars();
            let valid = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
                && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
            if !valid && !name.chars().any(is_invisible) {
                diagnostics.error(
                    file,
                    &child_pointer,
                    format!(
                        "response field {name:?} cannot be an XML element name (expected a letter or '_', then letters, digits, '_', '-' or '.')"
                    ),
                );
            }
        }
        response_names_are_xml(file, &child_pointer, child, diagnostics);
    }
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

/// A number given as a JSON number or as its text.
pub(crate) fn number_of(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
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

/// Reports each present rule of `rules` (key, present) that a `ty` cannot
/// have.
fn misplaced(
    file: &str,
    pointer: &str,
    ty: &str,
    rules: &[(&str, bool)],
    applies_to: &str,
    diagnostics: &mut Diagnostics,
) {
    for (key, _) in rules.iter().filter(|(_, present)| *present) {
        let message = format!(
            "\"{key}\" on {} (it applies to {applies_to})",
            with_article(ty)
        );
        diagnostics.error(file, &format!("{pointer}/{key}"), message);
    }
}

/// Reports a lower count bound above its upper one.
fn inverted_bounds(
    file: &str,
    pointer: &str,
    (min_key, minimum): (&str, Option<u64>),
    (max_key, maximum): (&str, Option<u64>),
    diagnostics: &mut Diagnostics,
) {
    if let (Some(minimum), Some(maximum)) = (minimum, maximum) {
        if minimum > maximum {
            diagnostics.error(
                file,
                &format!("{pointer}/{min_key}"),
                format!("{min_key} {minimum} is above {max_key} {maximum}"),
            );
        }
    }
}

/// "an integer", "a string": the type name with its article.
fn with_article(ty: &str) -> String {
    let article = if ty.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {ty}")
}

fn list(values: &[&str]) -> String {
    values
        .iter()
        .map(|value| format!("{value:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}
