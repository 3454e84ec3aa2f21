//! Checks of parameters and schemas: types and formats, enums, bounds,
//! string and list rules, wire names, and the names a response must have
//! to be read from XML.

use serde_json::Value;

use super::{is_invisible, list};
use crate::diagnostics::{Diagnostics, pointer_join};
use crate::naming;
use crate::spec::model::{ParameterSpec, Schema, number_of};
use crate::spec::words::{Format, Location, SchemaType, Style};

/// Checks one request parameter: its name, where and how it is sent, and
/// its schema.
pub(super) fn parameter(
    file: &str,
    pointer: &str,
    parameter: &ParameterSpec,
    diagnostics: &mut Diagnostics,
) {
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
                match ty {
                    Some(ty) => {
                        format!("style {style:?} has no effect on a parameter of type {ty:?}")
                    }
                    None => format!("style {style:?} has no effect on a parameter without a type"),
                },
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
pub(super) fn schema(file: &str, pointer: &str, schema: &Schema, diagnostics: &mut Diagnostics) {
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

/// Response fields are read from XML too, where a field's wire name is an
/// element name: a letter or `_`, then letters, digits, `_`, `-` or `.`.
pub(super) fn response_names_are_xml(
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
