//! The spec format as serde types: one action file shaped like Alibaba
//! Cloud's OpenAPI metadata, and one product file per directory.
//!
//! Types here are deliberately loose (strings rather than enums for `type`,
//! `style`, `in`) so that a wrong value is reported by the validator with its
//! JSON path and the list of accepted values, instead of as a serde error;
//! the validator then builds the typed [`super::checked`] model.
//! Keys of the official format that the generator does not use are ignored.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::Value;

/// `api-specs/<product>/product.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductSpec {
    /// Product code, such as `Vpc`.
    pub code: String,
    /// API version, such as `2016-04-28`.
    pub version: String,
    /// `RPC` (the only style generated so far) or `ROA`.
    pub style: String,
    /// Human-readable product name.
    pub title: String,
    /// The generated crate.
    #[serde(rename = "crate")]
    pub crate_info: CrateSpec,
    /// Host for regions not in `endpoints`, with `{regionId}` in it.
    pub endpoint_pattern: String,
    /// Regions whose host does not follow the pattern.
    #[serde(default)]
    pub endpoints: Vec<EndpointSpec>,
    /// The official API reference page of an action, with `{action}` in
    /// place of the action name in lower case.
    #[serde(default)]
    pub reference_url: Option<String>,
    /// The crate's cargo features, in the order of the API reference's
    /// table of contents, each with the actions it compiles. Empty: every
    /// action's feature comes from its name (or its `x-family`).
    #[serde(default)]
    pub features: Vec<FeatureSpec>,
}

/// One cargo feature of the generated crate: a group of the API reference.
#[derive(Debug, Clone, Deserialize)]
pub struct FeatureSpec {
    /// The feature's name, such as `ha-vip`.
    pub name: String,
    /// The ids of the API metadata's `directories` this feature stands
    /// for; the importer lists their actions here. Not read by the
    /// generator.
    #[serde(default)]
    pub directories: Vec<u64>,
    /// The actions the feature compiles, by wire name.
    #[serde(default)]
    pub actions: Vec<String>,
}

/// The generated crate's package metadata.
#[derive(Debug, Clone, Deserialize)]
pub struct CrateSpec {
    /// Cargo package name.
    pub name: String,
    /// Cargo package description.
    pub description: String,
}

/// One region's endpoint.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointSpec {
    /// Region ID, such as `cn-hangzhou`.
    pub region_id: String,
    /// Host name, such as `vpc.aliyuncs.com`.
    pub endpoint: String,
}

/// `api-specs/<product>/<Action>.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionSpec {
    /// The action name, which must match the file name.
    pub name: String,
    /// One line on what the action does.
    #[serde(default)]
    pub summary: Option<String>,
    /// The docs' title; used when there is no summary.
    #[serde(default)]
    pub title: Option<String>,
    /// Longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// HTTP methods the action accepts, such as `["post", "get"]`.
    #[serde(default)]
    pub methods: Vec<String>,
    /// Whether the action is deprecated.
    #[serde(default)]
    pub deprecated: bool,
    /// Request parameters, in documentation order.
    #[serde(default)]
    pub parameters: Vec<ParameterSpec>,
    /// Responses by HTTP status; `200` is the success response.
    #[serde(default)]
    pub responses: BTreeMap<String, ResponseSpec>,
    /// Documented error codes by HTTP status.
    #[serde(default)]
    pub error_codes: BTreeMap<String, Vec<ErrorCodeSpec>>,
    /// Shared schemas that `$ref` points to (`#/components/schemas/Name`).
    #[serde(default)]
    pub components: Option<ComponentsSpec>,
    /// Extension: the cargo feature of the action's resource family, when
    /// the one derived from its name is not right.
    #[serde(rename = "x-family", default)]
    pub family: Option<String>,
    /// Sample responses stored beside the spec.
    #[serde(rename = "x-samples", default)]
    pub samples: Vec<SampleSpec>,
    /// Extension: what the action does to its resource (`get`, `list`,
    /// `create`, `update`, `delete` or `none`), from the API metadata.
    #[serde(rename = "x-operation-type", default)]
    pub operation_type: Option<String>,
    /// Extension: the action's reference page, when it is not the one the
    /// product's `referenceUrl` pattern gives.
    #[serde(rename = "x-reference-url", default)]
    pub reference_url: Option<String>,
    /// Extension: for an action that finishes after it answers, the action
    /// to poll and how often.
    #[serde(rename = "x-async", default)]
    pub asynchronous: Option<AsyncSpec>,
}

/// `x-async`: how to wait for an asynchronous action.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AsyncSpec {
    /// The action of the same product to poll, such as
    /// `ListVSwitchCidrReservations`.
    pub poll: String,
    /// Seconds between two polls.
    #[serde(default)]
    pub interval_seconds: Option<u64>,
    /// The most polls.
    #[serde(default)]
    pub max_polls: Option<u64>,
}

/// Shared schemas of an action, as the official metadata has them.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ComponentsSpec {
    /// Schemas by name.
    #[serde(default)]
    pub schemas: IndexMap<String, Schema>,
}

/// One request parameter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ParameterSpec {
    /// The wire name, such as `RegionId`.
    pub name: String,
    /// Where it is sent: `query`, `body` or `formData`.
    #[serde(rename = "in", default = "default_location")]
    pub location: String,
    /// How lists and objects are flattened: `repeatList`, `flat`, `json`
    /// or `simple`.
    #[serde(default)]
    pub style: Option<String>,
    /// The parameter's type and rules.
    pub schema: Schema,
}

fn default_location() -> String {
    "query".to_string()
}

/// A response description.
#[derive(Debug, Clone, Deserialize)]
pub struct ResponseSpec {
    /// The body's schema.
    #[serde(default)]
    pub schema: Option<Schema>,
}

/// One documented error code.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorCodeSpec {
    /// The code, such as `InvalidRegionId.NotFound`.
    pub error_code: String,
    /// The message the service sends.
    #[serde(default)]
    pub error_message: Option<String>,
    /// What it means and how to fix it.
    #[serde(default)]
    pub description: Option<String>,
}

/// A sample response stored beside the spec.
#[derive(Debug, Clone, Deserialize)]
pub struct SampleSpec {
    /// Path relative to the spec file's directory.
    pub file: String,
    /// `json` or `xml`.
    pub format: String,
    /// `docs` (copied from the API docs) or `constructed`.
    pub origin: String,
    /// Where it comes from, in words.
    #[serde(default)]
    pub source: Option<String>,
}

/// A type and its rules, in the OpenAPI-like vocabulary of the metadata.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    /// `string`, `integer`, `number`, `boolean`, `array` or `object`.
    #[serde(rename = "type", default)]
    pub ty: Option<String>,
    /// `int32`, `int64`, `float` or `double`.
    #[serde(default)]
    pub format: Option<String>,
    /// Whether the value must be set.
    #[serde(default)]
    pub required: bool,
    /// What the value means.
    #[serde(default)]
    pub description: Option<String>,
    /// An example value.
    #[serde(default)]
    pub example: Option<Value>,
    /// The value the service assumes when none is sent.
    #[serde(default)]
    pub default: Option<Value>,
    /// The documented values of a string.
    #[serde(rename = "enum", default)]
    pub enum_values: Option<Vec<Value>>,
    /// A short description of each enum value.
    #[serde(default)]
    pub enum_value_titles: Option<BTreeMap<String, String>>,
    /// Smallest allowed number (a number or its text).
    #[serde(default)]
    pub minimum: Option<Value>,
    /// Largest allowed number (a number or its text).
    #[serde(default)]
    pub maximum: Option<Value>,
    /// Fewest characters.
    #[serde(default)]
    pub min_length: Option<u64>,
    /// Most characters.
    #[serde(default)]
    pub max_length: Option<u64>,
    /// Fewest list items.
    #[serde(default)]
    pub min_items: Option<u64>,
    /// Most list items.
    #[serde(default)]
    pub max_items: Option<u64>,
    /// A regular expression the whole string must match.
    #[serde(default)]
    pub pattern: Option<String>,
    /// The item type of an array.
    #[serde(default)]
    pub items: Option<Box<Schema>>,
    /// The fields of an object, in documentation order.
    #[serde(default)]
    pub properties: Option<IndexMap<String, Schema>>,
    /// The value type of a map.
    #[serde(default)]
    pub additional_properties: Option<Box<Schema>>,
    /// Whether the value is deprecated.
    #[serde(default)]
    pub deprecated: bool,
    /// A reference to a shared schema, `#/components/schemas/Name`; the
    /// loader replaces it with that schema.
    #[serde(rename = "$ref", default)]
    pub reference: Option<String>,
    /// Extension: prefixes a string must not start with.
    #[serde(rename = "x-forbidden-prefixes", default)]
    pub forbidden_prefixes: Vec<String>,
    /// Extension: substrings a string must not contain.
    #[serde(rename = "x-forbidden-substrings", default)]
    pub forbidden_substrings: Vec<String>,
    /// Extension: the Rust name of the struct or enum made from this schema.
    #[serde(rename = "x-rust-name", default)]
    pub rust_name: Option<String>,
}

/// A number given as a JSON number or as its text.
pub(crate) fn number_of(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}
