//! Sample responses: each must parse as the JSON or XML it claims to be
//! and fit the action's response schema, read as leniently as the
//! generated models read it.

use serde_json::Value;

use super::model::{ActionSpec, SampleSpec, Schema};
use super::xml::{Element, xml_tree};
use crate::diagnostics::{Diagnostics, pointer_join};

/// Checks that a sample parses and fits the response schema (the fit only
/// when `schema_sound`: a broken schema has been reported already).
pub(super) fn sample(
    file: &str,
    text: &str,
    sample: &SampleSpec,
    spec: &ActionSpec,
    schema_sound: bool,
    diagnostics: &mut Diagnostics,
) {
    let schema = spec
        .responses
        .get("200")
        .and_then(|response| response.schema.as_ref())
        .filter(|_| schema_sound);
    match sample.format.as_str() {
        "json" => match serde_json::from_str::<Value>(text) {
            Ok(value) => {
                if let Some(schema) = schema {
                    conforms(file, "", &value, schema, diagnostics);
                }
            }
            Err(_) if text.trim().is_empty() => {
                diagnostics.error(file, "", "the sample is empty (expected a JSON object)");
            }
            Err(error) => diagnostics.error(file, "", format!("invalid JSON: {error}")),
        },
        "xml" => match xml_tree(text) {
            Ok(root) => {
                // The service wraps every XML response in `<ActionResponse>`;
                // a sample under another root is another action's.
                let expected = format!("{}Response", spec.name);
                if root.name != expected {
                    diagnostics.error(
                        file,
                        &format!("/{}", root.name),
                        format!(
                            "the root element is <{}> (expected <{expected}>, the response of {})",
                            root.name, spec.name
                        ),
                    );
                } else if let Some(schema) = schema {
                    conforms_xml(file, &format!("/{}", root.name), &root, schema, diagnostics);
                }
            }
            Err(error) => diagnostics.error(file, "", format!("invalid XML: {error}")),
        },
        _ => {}
    }
}

/// Checks an XML sample element against the schema, as the generated models
/// read it: every value is text, a list is its item element repeated, a
/// wrapped list is an element holding the repeated items.
fn conforms_xml(
    file: &str,
    pointer: &str,
    element: &Element,
    schema: &Schema,
    diagnostics: &mut Diagnostics,
) {
    let ty = schema.ty.as_deref().unwrap_or("object");
    let text = element.text.trim();
    let scalar_fits = match ty {
        "string" => true,
        "integer" => {
            text.is_empty()
                || text
                    .parse::<i64>()
                    .is_ok_and(|number| fits_integer(number, schema))
        }
        "number" => text.is_empty() || text.parse::<f64>().is_ok(),
        "boolean" => matches!(text, "" | "true" | "false"),
        _ => true,
    };
    if matches!(ty, "string" | "integer" | "number" | "boolean") {
        if !element.children.is_empty() {
            diagnostics.error(
                file,
                pointer,
                format!(
                    "an element with child elements does not match the schema (expected {ty} text)"
                ),
            );
        } else if !scalar_fits {
            diagnostics.error(
                file,
                pointer,
                format!(
                    "the text {text:?} does not match the schema (expected {})",
                    expected_scalar(ty, schema)
                ),
            );
        }
        return;
    }
    if ty == "array" {
        // Only reached for the root or a map value: an array is its items.
        if let Some(items) = &schema.items {
            conforms_xml(file, pointer, element, items, diagnostics);
        }
        return;
    }
    if !text.is_empty() {
        // `<InstanceIdSets>["i-1", "i-2"]</InstanceIdSets>`: a list written
        // as JSON inside an element that holds items; the models keep
        // elements, not that text.
        diagnostics.error(
            file,
            pointer,
            format!(
                "the text {text:?} is in an element that holds fields or list items, which the models do not keep (expected child elements)"
            ),
        );
    }
    for child in &element.children {
        let child_pointer = format!("{pointer}/{}", child.name);
        let property = schema
            .properties
            .as_ref()
            .and_then(|properties| properties.get(&child.name));
        let child_schema = match (property, schema.additional_properties.as_deref()) {
            (Some(property), _) => property,
            (None, Some(values)) => values,
            (None, None) if schema.properties.is_none() => continue,
            (None, None) => {
                diagnostics.error(
                    file,
                    &child_pointer,
                    format!("element <{}> is not in the response schema", child.name),
                );
                continue;
            }
        };
        // A list is its item element repeated under the list's name.
        let item_schema = match (child_schema.ty.as_deref(), &child_schema.items) {
            (Some("array"), Some(items)) => items.as_ref(),
            _ => child_schema,
        };
        conforms_xml(file, &child_pointer, child, item_schema, diagnostics);
    }
}

/// Checks a JSON sample value against the schema, as leniently as the
/// generated models read it (numbers may come as text).
fn conforms(
    file: &str,
    pointer: &str,
    value: &Value,
    schema: &Schema,
    diagnostics: &mut Diagnostics,
) {
    let ty = schema.ty.as_deref().unwrap_or("object");
    let fits = match (ty, value) {
        (_, Value::Null) => true,
        ("string", Value::String(_)) => true,
        // The models keep a number or boolean sent for text as its JSON
        // text and write it back as sent; an enum keeps whole numbers and
        // booleans only (a float has no one text it is read back from).
        ("string", Value::Bool(_)) => true,
        ("string", Value::Number(number)) => {
            schema.enum_values.is_none() || number.is_i64() || number.is_u64()
        }
        ("integer", Value::Number(number)) => number
            .as_i64()
            .is_some_and(|number| fits_integer(number, schema)),
        ("integer", Value::String(text)) => text
            .trim()
            .parse::<i64>()
            .is_ok_and(|number| fits_integer(number, schema)),
        ("number", Value::Number(_)) => true,
        ("number", Value::String(text)) => text.trim().parse::<f64>().is_ok(),
        ("boolean", Value::Bool(_)) => true,
        ("boolean", Value::String(text)) => matches!(text.trim(), "true" | "false"),
        ("array", Value::Array(items)) => {
            if let Some(item_schema) = &schema.items {
                for (index, item) in items.iter().enumerate() {
                    conforms(
                        file,
                        &format!("{pointer}/{index}"),
                        item,
                        item_schema,
                        diagnostics,
                    );
                }
            }
            true
        }
        ("object", Value::Object(fields)) => {
            for (name, field) in fields {
                let field_pointer = pointer_join(pointer, name);
                match (
                    schema
                        .properties
                        .as_ref()
                        .and_then(|properties| properties.get(name)),
                    schema.additional_properties.as_deref(),
                ) {
                    (Some(field_schema), _) | (None, Some(field_schema)) => {
                        conforms(file, &field_pointer, field, field_schema, diagnostics)
                    }
                    (None, None) if schema.properties.is_none() => {}
                    (None, None) => diagnostics.error(
                        file,
                        &field_pointer,
                        format!("field {name:?} is not in the response schema"),
                    ),
                }
            }
            true
        }
        _ => false,
    };
    if !fits {
        let shown = if pointer.is_empty() { "/" } else { pointer };
        diagnostics.error(
            file,
            shown,
            format!(
                "{} does not match the schema (expected {})",
                kind_of(value),
                expected_scalar(ty, schema)
            ),
        );
    }
}

/// What a sample value of `ty` may be, for messages.
fn expected_scalar(ty: &str, schema: &Schema) -> String {
    match ty {
        "integer" if schema.format.as_deref() == Some("int32") => {
            "integer, one that fits in 32 bits".to_string()
        }
        "string" if schema.enum_values.is_some() => {
            "string; a whole number or a boolean is also kept as text".to_string()
        }
        "string" => "string; a number or a boolean is also kept as text".to_string(),
        _ => ty.to_string(),
    }
}

/// Whether a whole number fits the integer width of `schema`, as the
/// models read it: `i32` for `int32`, else `i64`.
fn fits_integer(number: i64, schema: &Schema) -> bool {
    schema.format.as_deref() != Some("int32") || i32::try_from(number).is_ok()
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn sample_problems(sample: Value) -> String {
        let schema: Schema = serde_json::from_value(json!({
            "type": "object",
            "properties": {
                "Name": {"type": "string"},
                "Status": {"type": "string", "enum": ["Available"]},
                "Count": {"type": "integer", "format": "int32"},
                "Total": {"type": "integer"}
            }
        }))
        .unwrap();
        let mut diagnostics = Diagnostics::default();
        conforms("s.json", "", &sample, &schema, &mut diagnostics);
        diagnostics.to_string()
    }

    #[test]
    fn a_number_or_boolean_sent_for_text_fits_as_the_models_keep_it() {
        assert_eq!(sample_problems(json!({"Name": 20})), "");
        assert_eq!(sample_problems(json!({"Name": 1.5})), "");
        assert_eq!(sample_problems(json!({"Name": false})), "");
        assert_eq!(sample_problems(json!({"Status": 3, "Count": "7"})), "");
    }

    #[test]
    fn a_list_written_as_text_in_an_xml_sample_is_refused() {
        let schema: Schema = serde_json::from_value(json!({
            "type": "object",
            "properties": {
                "InstanceIdSets": {
                    "type": "object",
                    "properties": {
                        "InstanceIdSet": {"type": "array", "items": {"type": "string"}}
                    }
                }
            }
        }))
        .unwrap();
        let problems = |xml: &str| {
            let mut diagnostics = Diagnostics::default();
            let root = super::super::xml::xml_tree(xml).unwrap();
            conforms_xml("s.xml", "", &root, &schema, &mut diagnostics);
            diagnostics.to_string()
        };
        let written_as_json = problems(r#"<R><InstanceIdSets>["i-1", "i-2"]</InstanceIdSets></R>"#);
        assert!(
            written_as_json.contains(r#"/InstanceIdSets: the text "[\"i-1\", \"i-2\"]" is in an element that holds fields or list items"#),
            "{written_as_json}"
        );
        let as_elements = problems(
            "<R><InstanceIdSets>\n  <InstanceIdSet>i-1</InstanceIdSet>\n</InstanceIdSets></R>",
        );
        assert_eq!(as_elements, "");
    }

    #[test]
    fn what_the_models_cannot_read_back_is_refused() {
        let problems = sample_problems(json!({
            "Status": 1.5,
            "Count": 4_294_967_296_i64,
            "Total": 3.0,
        }));
        assert!(
            problems.contains("/Status: a number does not match the schema (expected string; a whole number or a boolean is also kept as text)"),
            "{problems}"
        );
        assert!(
            problems.contains("/Count: a number does not match the schema (expected integer, one that fits in 32 bits)"),
            "{problems}"
        );
        assert!(
            problems.contains("/Total: a number does not match the schema (expected integer)"),
            "{problems}"
        );
    }
}
