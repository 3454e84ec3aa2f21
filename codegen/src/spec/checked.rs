//! The checked model: an action after the checker passed it, with every
//! word that takes one of a few values as an enum. Lowering reads only
//! this, so it matches exhaustively and has no value to guess about.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde_json::Value;

use super::model::{self, ActionSpec, AsyncSpec, ErrorCodeSpec, ParameterSpec};
use super::words::{Format, Location, Method, OperationType, SchemaType, Style};
use crate::diagnostics::{Diagnostics, pointer_join};

/// A checked action.
#[derive(Debug, Clone)]
pub struct Action {
    /// The action name.
    pub name: String,
    /// One line on what the action does.
    pub summary: Option<String>,
    /// The docs' title.
    pub title: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// HTTP methods, in the spec's order (duplicates kept).
    pub methods: Vec<Method>,
    /// Whether the action is deprecated.
    pub deprecated: bool,
    /// Request parameters, duplicates merged, `$ref`s resolved.
    pub parameters: Vec<Parameter>,
    /// The success response's schema (an object).
    pub response: Schema,
    /// Documented error codes by HTTP status, in the spec file's order of
    /// statuses.
    pub error_codes: Vec<(u16, Vec<ErrorCodeSpec>)>,
    /// The cargo feature of the action's resource family, if set.
    pub family: Option<String>,
    /// What the action does to its resource, if the spec says.
    pub operation_type: Option<OperationType>,
    /// The action's own reference page, if the spec names one.
    pub reference_url: Option<String>,
    /// The action to poll for an asynchronous action, if the spec says.
    pub asynchronous: Option<AsyncSpec>,
}

/// A checked request parameter.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// The wire name.
    pub name: String,
    /// Where it is sent.
    pub location: Location,
    /// How it is flattened, if the spec says.
    pub style: Option<Style>,
    /// Its type and rules.
    pub schema: Schema,
}

/// A checked schema: typed, with every `$ref` replaced.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// The type, with the width of a number and the items of an array.
    pub ty: Type,
    /// Whether the value must be set.
    pub required: bool,
    /// What the value means.
    pub description: Option<String>,
    /// An example value.
    pub example: Option<Value>,
    /// The value the service assumes when none is sent.
    pub default: Option<Value>,
    /// The documented values of a string.
    pub enum_values: Option<Vec<String>>,
    /// A short description of each enum value.
    pub enum_value_titles: Option<BTreeMap<String, String>>,
    /// Smallest allowed number (a number or its text).
    pub minimum: Option<Value>,
    /// Largest allowed number (a number or its text).
    pub maximum: Option<Value>,
    /// Fewest characters.
    pub min_length: Option<u64>,
    /// Most characters.
    pub max_length: Option<u64>,
    /// Fewest list items.
    pub min_items: Option<u64>,
    /// Most list items.
    pub max_items: Option<u64>,
    /// A regular expression the whole string must match.
    pub pattern: Option<String>,
    /// The fields of an object, in documentation order.
    pub properties: Option<IndexMap<String, Schema>>,
    /// The value type of a map.
    pub additional_properties: Option<Box<Schema>>,
    /// Whether the value is deprecated.
    pub deprecated: bool,
    /// Prefixes a string must not start with.
    pub forbidden_prefixes: Vec<String>,
    /// Substrings a string must not contain.
    pub forbidden_substrings: Vec<String>,
    /// The Rust name of the struct or enum made from this schema.
    pub rust_name: Option<String>,
}

/// A schema's type, holding what only that type has, so that a format on
/// a string or an array without items cannot reach lowering.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    /// `string`.
    String,
    /// `integer`, with its `format` if given.
    Integer(Option<IntegerFormat>),
    /// `number`, with its `format` if given.
    Number(Option<NumberFormat>),
    /// `boolean`.
    Boolean,
    /// `array`, with its item schema.
    Array(Box<Schema>),
    /// `object`.
    Object,
}

/// The `format` of an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegerFormat {
    /// `int32`.
    Int32,
    /// `int64`.
    Int64,
}

/// The `format` of a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFormat {
    /// `float`.
    Float,
    /// `double`.
    Double,
}

/// Builds the checked model of an action that the checker found no error
/// in. A word the checker let through but that does not convert is a
/// generator bug, reported with its path rather than guessed at.
pub(super) fn action(
    file: &str,
    spec: &ActionSpec,
    diagnostics: &mut Diagnostics,
) -> Option<Action> {
    let mut convert = Convert { file, diagnostics };
    let methods = all(spec.methods.iter().enumerate().map(|(index, method)| {
        let pointer = format!("/methods/{index}");
        convert.word(&pointer, method, Method::parse_any_case(method))
    }));
    let parameters = all(spec
        .parameters
        .iter()
        .enumerate()
        .map(|(index, parameter)| convert.parameter(&format!("/parameters/{index}"), parameter)));
    let error_codes = all(spec.error_codes.iter().map(|(status, codes)| {
        let pointer = pointer_join("/errorCodes", status);
        let status = convert.word(&pointer, status, status.parse().ok())?;
        Some((status, codes.clone()))
    }));
    let operation_type = match &spec.operation_type {
        Some(text) => convert
            .word("/x-operation-type", text, OperationType::parse(text))
            .map(Some),
        None => Some(None),
    };
    let response = match spec
        .responses
        .get("200")
        .and_then(|response| response.schema.as_ref())
    {
        Some(schema) => convert.schema("/responses/200/schema", schema),
        None => convert.bug("/responses", "no success response"),
    };
    Some(Action {
        name: spec.name.clone(),
        summary: spec.summary.clone(),
        title: spec.title.clone(),
        description: spec.description.clone(),
        methods: methods?,
        deprecated: spec.deprecated,
        parameters: parameters?,
        response: response?,
        error_codes: error_codes?,
        family: spec.family.clone(),
        operation_type: operation_type?,
        reference_url: spec.reference_url.clone(),
        asynchronous: spec.asynchronous.clone(),
    })
}

/// Every item, or `None` if one is missing. Unlike `collect`, it goes on
/// past the first missing one, so that every problem is reported.
fn all<T>(items: impl Iterator<Item = Option<T>>) -> Option<Vec<T>> {
    let items: Vec<Option<T>> = items.collect();
    items.into_iter().collect()
}

/// Converts one action, reporting into `diagnostics`.
struct Convert<'a> {
    file: &'a str,
    diagnostics: &'a mut Diagnostics,
}

impl Convert<'_> {
    /// Reports a checked value that does not convert: always `None`.
    fn bug<T>(&mut self, pointer: &str, what: &str) -> Option<T> {
        self.diagnostics.error(
            self.file,
            pointer,
            format!("generator bug: {what} passed the checks but cannot be converted"),
        );
        None
    }

    /// `parsed`, or a reported bug about `text`.
    fn word<T>(&mut self, pointer: &str, text: &str, parsed: Option<T>) -> Option<T> {
        match parsed {
            Some(value) => Some(value),
            None => self.bug(pointer, &format!("{text:?}")),
        }
    }

    fn parameter(&mut self, pointer: &str, parameter: &ParameterSpec) -> Option<Parameter> {
        let location = self.word(
            &format!("{pointer}/in"),
            &parameter.location,
            Location::parse(&parameter.location),
        );
        let style = match &parameter.style {
            Some(style) => self
                .word(&format!("{pointer}/style"), style, Style::parse(style))
                .map(Some),
            None => Some(None),
        };
        let schema = self.schema(&format!("{pointer}/schema"), &parameter.schema);
        Some(Parameter {
            name: parameter.name.clone(),
            location: location?,
            style: style?,
            schema: schema?,
        })
    }

    fn schema(&mut self, pointer: &str, schema: &model::Schema) -> Option<Schema> {
        if schema.reference.is_some() {
            return self.bug(&format!("{pointer}/$ref"), "an unresolved \"$ref\"");
        }
        let Some(text) = schema.ty.as_deref() else {
            return self.bug(pointer, "a schema without \"type\"");
        };
        let word = self.word(&format!("{pointer}/type"), text, SchemaType::parse(text))?;
        let format_pointer = format!("{pointer}/format");
        let format = match &schema.format {
            Some(format) => Some(self.word(&format_pointer, format, Format::parse(format))?),
            None => None,
        };
        let ty = match (word, format) {
            (SchemaType::Integer, None) => Type::Integer(None),
            (SchemaType::Integer, Some(Format::Int32)) => Type::Integer(Some(IntegerFormat::Int32)),
            (SchemaType::Integer, Some(Format::Int64)) => Type::Integer(Some(IntegerFormat::Int64)),
            (SchemaType::Number, None) => Type::Number(None),
            (SchemaType::Number, Some(Format::Float)) => Type::Number(Some(NumberFormat::Float)),
            (SchemaType::Number, Some(Format::Double)) => Type::Number(Some(NumberFormat::Double)),
            (SchemaType::String, None) => Type::String,
            (SchemaType::Boolean, None) => Type::Boolean,
            (SchemaType::Object, None) => Type::Object,
            (SchemaType::Array, None) => match &schema.items {
                Some(items) => {
                    Type::Array(Box::new(self.schema(&format!("{pointer}/items"), items)?))
                }
                None => return self.bug(pointer, "an array without \"items\""),
            },
            (_, Some(format)) => {
                let what = format!("format {:?} on {}", format.name(), word.name());
                return self.bug(&format_pointer, &what);
            }
        };
        // Each of these is `None` if it failed, `Some(None)` if absent.
        let enum_values = match &schema.enum_values {
            Some(values) => all(values.iter().enumerate().map(|(index, value)| {
                let pointer = format!("{pointer}/enum/{index}");
                let text = value.as_str().map(str::to_string);
                self.word(&pointer, &value.to_string(), text)
            }))
            .map(Some),
            None => Some(None),
        };
        let properties = match &schema.properties {
            Some(properties) => all(properties.iter().map(|(name, property)| {
                let pointer = pointer_join(&format!("{pointer}/properties"), name);
                Some((name.clone(), self.schema(&pointer, property)?))
            }))
            .map(|properties| Some(properties.into_iter().collect())),
            None => Some(None),
        };
        let additional_properties = match &schema.additional_properties {
            Some(values) => self
                .schema(&format!("{pointer}/additionalProperties"), values)
                .map(|values| Some(Box::new(values))),
            None => Some(None),
        };
        Some(Schema {
            ty,
            required: schema.required,
            description: schema.description.clone(),
            example: schema.example.clone(),
            default: schema.default.clone(),
            enum_values: enum_values?,
            enum_value_titles: schema.enum_value_titles.clone(),
            minimum: schema.minimum.clone(),
            maximum: schema.maximum.clone(),
            min_length: schema.min_length,
            max_length: schema.max_length,
            min_items: schema.min_items,
            max_items: schema.max_items,
            pattern: schema.pattern.clone(),
            properties: properties?,
            additional_properties: additional_properties?,
            deprecated: schema.deprecated,
            forbidden_prefixes: schema.forbidden_prefixes.clone(),
            forbidden_substrings: schema.forbidden_substrings.clone(),
            rust_name: schema.rust_name.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn convert(spec: Value) -> (Option<Action>, String) {
        let spec: ActionSpec = serde_json::from_value(spec).unwrap();
        let mut diagnostics = Diagnostics::default();
        let action = action("X.json", &spec, &mut diagnostics);
        (action, diagnostics.to_string())
    }

    #[test]
    fn a_checked_action_becomes_typed() {
        let (action, problems) = convert(json!({
            "name": "X",
            "methods": ["POST", "get"],
            "parameters": [{
                "name": "Ids",
                "in": "formData",
                "style": "json",
                "schema": {"type": "array", "items": {"type": "integer", "format": "int32"}}
            }],
            "responses": {"200": {"schema": {"type": "object"}}},
            "errorCodes": {"404": [{"errorCode": "NotFound"}]}
        }));
        assert_eq!(problems, "");
        let action = action.unwrap();
        assert_eq!(action.methods, [Method::Post, Method::Get]);
        let parameter = &action.parameters[0];
        assert_eq!(parameter.location, Location::FormData);
        assert_eq!(parameter.style, Some(Style::Json));
        let Type::Array(items) = &parameter.schema.ty else {
            panic!("{:?}", parameter.schema.ty);
        };
        assert_eq!(items.ty, Type::Integer(Some(IntegerFormat::Int32)));
        assert_eq!(action.response.ty, Type::Object);
        assert_eq!(action.error_codes[0].0, 404);
    }

    #[test]
    fn a_word_the_checker_missed_is_reported_with_its_path_not_guessed() {
        let (action, problems) = convert(json!({
            "name": "X",
            "parameters": [
                {"name": "A", "in": "cookie", "schema": {"type": "string"}},
                {"name": "B", "schema": {"type": "text"}},
                {"name": "C", "schema": {"type": "string", "format": "int32"}},
                {"name": "D", "schema": {"type": "array"}}
            ],
            "responses": {"200": {"schema": {"type": "object"}}}
        }));
        assert!(action.is_none());
        for pointer in [
            "/parameters/0/in",
            "/parameters/1/schema/type",
            "/parameters/2/schema/format",
            "/parameters/3/schema",
        ] {
            assert!(
                problems.contains(&format!("X.json: {pointer}: generator bug: ")),
                "{pointer} in {problems}"
            );
        }
    }
}
