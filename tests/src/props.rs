//! Property tests that work for any action, driven by its spec: arbitrary
//! responses round-trip through the generated models (JSON and XML),
//! arbitrary valid requests survive query serialization and a test-only
//! parser, and requests that break a documented rule are refused with the
//! field named. The `actions` harnesses ([`crate::actions`]) run them on
//! every action, through the [`ActionChecks`] that `build.rs` writes for
//! it.

use std::collections::BTreeMap;

use alibabacloud_codegen::spec::{ActionSpec, ParameterSpec, Schema};
use alibabacloud_runtime::{Action, QueryPairs, ResponseBody};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// How many cases each property runs.
const CASES: u32 = 48;

/// Every check of one action, on its concrete request and response
/// types: `build.rs` writes one of these per action (the types are known
/// at compile time only), and the product's `actions` harness decides
/// which to run.
#[derive(Debug, Clone, Copy)]
pub struct ActionChecks {
    /// [`check_json_responses`].
    pub json_responses: fn(&ActionSpec),
    /// [`check_xml_responses`].
    pub xml_responses: fn(&ActionSpec),
    /// [`check_requests`].
    pub requests: fn(&ActionSpec),
    /// [`check_invalid_requests`].
    pub invalid_requests: fn(&ActionSpec),
    /// [`crate::assert_json_round_trip`] of a sample response.
    pub json_sample: fn(&str, &str),
    /// [`crate::assert_json_flipped_round_trips`] of a sample response.
    pub json_sample_flipped: fn(&str, &str) -> usize,
    /// [`crate::assert_xml_round_trip`] of a sample response.
    pub xml_sample: fn(&str, &str),
}

impl ActionChecks {
    /// The checks of the action whose request is `A` and response `R`.
    pub const fn of<A, R>() -> Self
    where
        A: Action + DeserializeOwned + PartialEq + std::fmt::Debug,
        R: ResponseBody + PartialEq + std::fmt::Debug,
    {
        Self {
            json_responses: check_json_responses::<R>,
            xml_responses: check_xml_responses::<R>,
            requests: check_requests::<A>,
            invalid_requests: check_invalid_requests::<A>,
            json_sample: crate::assert_json_round_trip::<R>,
            json_sample_flipped: crate::assert_json_flipped_round_trips::<R>,
            xml_sample: crate::assert_xml_round_trip::<R>,
        }
    }
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    })
}

fn response_schema(spec: &ActionSpec) -> Schema {
    spec.responses
        .get("200")
        .and_then(|response| response.schema.clone())
        .unwrap_or_default()
}

/// Arbitrary JSON responses parse and write back the same JSON value, and
/// so do they with every leaf flipped to another JSON type.
pub fn check_json_responses<R: ResponseBody + std::fmt::Debug>(spec: &ActionSpec) {
    let strategy = value(&response_schema(spec), Mode::Json, 0);
    runner()
        .run(&strategy, |json| {
            let text = json.to_string();
            let model = R::from_json(&text)
                .map_err(|error| TestCaseError::fail(format!("{error}\n{text}")))?;
            let written: Value = serde_json::from_str(
                &model
                    .to_json()
                    .map_err(|error| TestCaseError::fail(error.to_string()))?,
            )
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
            prop_assert_eq!(&written, &json);
            // The same document with every leaf in another JSON type
            // (`20` as `"20"`, `"false"` as `false`) is written back so too.
            let mut flipped = json.clone();
            crate::flip_all_leaves(&mut flipped);
            crate::assert_json_value_round_trip::<R>(&spec.name, &flipped);
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{} JSON round-trip: {failure}", spec.name));
}

/// Arbitrary responses written as XML parse back into equal models.
pub fn check_xml_responses<R: ResponseBody + PartialEq + std::fmt::Debug>(spec: &ActionSpec) {
    let strategy = value(&response_schema(spec), Mode::Xml, 0);
    runner()
        .run(&strategy, |json| {
            let model = R::from_json(&json.to_string())
                .map_err(|error| TestCaseError::fail(error.to_string()))?;
            let xml = model
                .to_xml()
                .map_err(|error| TestCaseError::fail(error.to_string()))?;
            let again = R::from_xml(&xml)
                .map_err(|error| TestCaseError::fail(format!("{error}\n{xml}")))?;
            prop_assert_eq!(&again, &model, "{}", xml);
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{} XML round-trip: {failure}", spec.name));
}

/// Arbitrary valid requests build, flatten into query (and body) pairs,
/// and parse back from those pairs into the same request.
pub fn check_requests<A: Action + DeserializeOwned + PartialEq + std::fmt::Debug>(
    spec: &ActionSpec,
) {
    let strategy = request_value(&spec.parameters);
    runner()
        .run(&strategy, |wire| {
            let request: A = serde_json::from_value(wire.clone())
                .map_err(|error| TestCaseError::fail(format!("{error}\n{wire}")))?;
            let query = request
                .query_pairs()
                .map_err(|error| TestCaseError::fail(error.to_string()))?;
            let body = request
                .body_pairs()
                .map_err(|error| TestCaseError::fail(error.to_string()))?;
            let parsed = parse_pairs(&spec.parameters, &query, &body);
            let again: A = serde_json::from_value(parsed.clone())
                .map_err(|error| TestCaseError::fail(format!("{error}\n{parsed}")))?;
            prop_assert_eq!(&again, &request, "pairs {:?} body {:?}", query, body);
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{} request round-trip: {failure}", spec.name));
}

/// Requests that break one documented rule are refused, and the message
/// names the broken field by its wire path.
pub fn check_invalid_requests<A: DeserializeOwned + std::fmt::Debug>(spec: &ActionSpec) {
    let breakers = breakers(&spec.parameters);
    if breakers.is_empty() {
        return;
    }
    let strategy = (request_value(&spec.parameters), 0..breakers.len());
    runner()
        .run(&strategy, |(mut wire, which)| {
            let breaker = &breakers[which];
            (breaker.apply)(&mut wire);
            match serde_json::from_value::<A>(wire.clone()) {
                Ok(request) => Err(TestCaseError::fail(format!(
                    "accepted a request breaking {}: {request:?}",
                    breaker.field
                ))),
                Err(error) => {
                    prop_assert!(
                        error.to_string().contains(&breaker.field),
                        "{} not named in: {}",
                        breaker.field,
                        error
                    );
                    Ok(())
                }
            }
        })
        .unwrap_or_else(|failure| panic!("{} invalid requests: {failure}", spec.name));
}

/// What a generated value must avoid for the XML form: empty bare lists
/// (XML cannot tell them from absent ones) and open JSON objects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Json,
    Xml,
}

const MAX_DEPTH: usize = 4;

/// Text that exercises escaping without being trimmed by XML.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        Just(String::new()),
        "[A-Za-z0-9][A-Za-z0-9 &<>*~./:-]{0,10}[A-Za-z0-9]",
        "[a-z]{1,6}",
        "杭州[0-9]{0,2}"
    ]
    .boxed()
}

fn value(schema: &Schema, mode: Mode, depth: usize) -> BoxedStrategy<Value> {
    match schema.ty.as_deref() {
        Some("string") => string_value(schema),
        Some("integer") if schema.format.as_deref() == Some("int32") => {
            any::<i32>().prop_map(Value::from).boxed()
        }
        Some("integer") => any::<i64>().prop_map(Value::from).boxed(),
        // Quarters are exact in f32 and f64, so they survive either width.
        Some("number") => (-4000_i32..4000)
            .prop_map(|quarters| Value::from(f64::from(quarters) / 4.0))
            .boxed(),
        Some("boolean") => any::<bool>().prop_map(Value::from).boxed(),
        Some("array") => {
            let item = schema.items.as_deref().cloned().unwrap_or_default();
            let minimum = if mode == Mode::Xml { 1 } else { 0 };
            proptest::collection::vec(value(&item, mode, depth + 1), minimum..3)
                .prop_map(Value::Array)
                .boxed()
        }
        Some("object") => object_value(schema, mode, depth),
        _ => Just(Value::Null).boxed(),
    }
}

fn string_value(schema: &Schema) -> BoxedStrategy<Value> {
    match &schema.enum_values {
        Some(values) if !values.is_empty() => {
            let known: Vec<Value> = values.clone();
            prop_oneof![3 => proptest::sample::select(known), 1 => "[A-Z][a-z]{1,8}".prop_map(Value::from)].boxed()
        }
        _ => text().prop_map(Value::from).boxed(),
    }
}

fn object_value(schema: &Schema, mode: Mode, depth: usize) -> BoxedStrategy<Value> {
    if let Some((name, inner)) = wrapper(schema) {
        let item = inner.items.as_deref().cloned().unwrap_or_default();
        let name = name.to_string();
        // A wrapped list may be empty in XML too: the wrapper element stays.
        return proptest::collection::vec(value(&item, Mode::Json.min_with(mode), depth + 1), 0..3)
            .prop_map(move |items| {
                Value::Object(Map::from_iter([(name.clone(), Value::Array(items))]))
            })
            .boxed();
    }
    match (&schema.properties, &schema.additional_properties) {
        (Some(properties), _) if !properties.is_empty() && depth >= MAX_DEPTH => {
            Just(Value::Object(Map::new())).boxed()
        }
        (Some(properties), _) if !properties.is_empty() => {
            let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = properties
                .iter()
                .filter(|(_, property)| !(mode == Mode::Xml && is_open_object(property)))
                .map(|(name, property)| {
                    let name = name.clone();
                    proptest::option::of(value(property, mode, depth + 1))
                        .prop_map(move |value| value.map(|value| (name.clone(), value)))
                        .boxed()
                })
                .collect();
            fields
                .prop_map(|fields| Value::Object(fields.into_iter().flatten().collect()))
                .boxed()
        }
        (_, Some(values)) if depth < MAX_DEPTH => proptest::collection::btree_map(
            "[a-z][a-z0-9]{0,5}",
            value(values, mode, depth + 1),
            0..3,
        )
        .prop_map(|entries| Value::Object(entries.into_iter().collect()))
        .boxed(),
        _ if mode == Mode::Json => {
            proptest::collection::btree_map("[a-z]{1,4}", text().prop_map(Value::from), 0..3)
                .prop_map(|entries| Value::Object(entries.into_iter().collect()))
                .boxed()
        }
        _ => Just(Value::Object(Map::new())).boxed(),
    }
}

impl Mode {
    /// Items of a wrapped list may be generated as in `self`, but an XML
    /// wrapper's items follow XML's rules.
    fn min_with(self, other: Mode) -> Mode {
        if self == Mode::Xml || other == Mode::Xml {
            Mode::Xml
        } else {
            Mode::Json
        }
    }
}

fn is_open_object(schema: &Schema) -> bool {
    schema.ty.as_deref() == Some("object")
        && schema
            .properties
            .as_ref()
            .is_none_or(|properties| properties.is_empty())
        && schema.additional_properties.is_none()
}

/// The generator's own wrapper rule: an object whose only property is an
/// array.
fn wrapper(schema: &Schema) -> Option<(&str, &Schema)> {
    let properties = schema.properties.as_ref()?;
    let (name, inner) = properties.iter().next().filter(|_| properties.len() == 1)?;
    (inner.ty.as_deref() == Some("array")).then_some((name.as_str(), inner))
}

// ---- requests ----

fn request_value(parameters: &[ParameterSpec]) -> BoxedStrategy<Value> {
    valid_object(
        parameters
            .iter()
            .map(|parameter| (parameter.name.as_str(), &parameter.schema)),
        0,
    )
}

/// An object of valid fields: required ones always, optional ones
/// sometimes, and never one that writes no pair (it is the same as none).
fn valid_object<'a>(
    fields: impl Iterator<Item = (&'a str, &'a Schema)>,
    depth: usize,
) -> BoxedStrategy<Value> {
    let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = fields
        .map(|(name, schema)| {
            let name = name.to_string();
            let value = valid_value(schema, depth);
            if schema.required {
                value
                    .prop_map(move |value| Some((name.clone(), value)))
                    .boxed()
            } else {
                proptest::option::of(value)
                    .prop_map(move |value| {
                        value
                            .filter(sends_something)
                            .map(|value| (name.clone(), value))
                    })
                    .boxed()
            }
        })
        .collect();
    fields
        .prop_map(|fields| Value::Object(fields.into_iter().flatten().collect()))
        .boxed()
}

/// A value that keeps every documented rule of `schema`.
fn valid_value(schema: &Schema, depth: usize) -> BoxedStrategy<Value> {
    match schema.ty.as_deref() {
        Some("string") if schema.enum_values.is_some() => string_value(schema),
        Some("string") => valid_string(schema),
        Some("integer") => {
            let (minimum, maximum) = bounds(
                schema,
                if schema.format.as_deref() == Some("int32") {
                    i64::from(i32::MAX)
                } else {
                    i64::MAX
                },
            );
            (minimum..=maximum).prop_map(Value::from).boxed()
        }
        Some("number") => {
            let (minimum, maximum) = bounds(schema, 1000);
            (minimum.saturating_mul(4)..=maximum.saturating_mul(4))
                .prop_map(|quarters| Value::from(quarters as f64 / 4.0))
                .boxed()
        }
        Some("boolean") => any::<bool>().prop_map(Value::from).boxed(),
        Some("array") => {
            let item = schema.items.as_deref().cloned().unwrap_or_default();
            // A required list must hold an item (an empty one sends nothing).
            let minimum = usize::try_from(schema.min_items.unwrap_or(0))
                .unwrap_or(0)
                .max(usize::from(schema.required));
            let maximum = usize::try_from(schema.max_items.unwrap_or(3))
                .unwrap_or(3)
                .min(minimum + 3);
            // An item with no field set writes no pair at all, so it cannot
            // be told apart from no item: items always set something.
            let item = valid_value(&item, depth + 1)
                .prop_filter("an empty item sends nothing", sends_something);
            proptest::collection::vec(item, minimum..=maximum)
                .prop_map(Value::Array)
                .boxed()
        }
        Some("object") => match (&schema.properties, &schema.additional_properties) {
            (Some(properties), _) if depth < MAX_DEPTH => valid_object(
                properties
                    .iter()
                    .map(|(name, property)| (name.as_str(), property)),
                depth + 1,
            ),
            (_, Some(values)) => proptest::collection::btree_map(
                "[A-Za-z][A-Za-z0-9]{0,5}",
                valid_value(values, depth + 1),
                0..3,
            )
            .prop_map(|entries| Value::Object(entries.into_iter().collect()))
            .boxed(),
            _ => Just(Value::Object(Map::new())).boxed(),
        },
        _ => Just(Value::Null).boxed(),
    }
}

/// Whether a value writes at least one query pair.
fn sends_something(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.iter().any(sends_something),
        Value::Object(fields) => fields.values().any(sends_something),
        Value::Null => false,
        _ => true,
    }
}

/// Upper-case letters, digits and `-_.` cannot form a forbidden prefix or
/// substring of the docs (`aliyun`, `acs:`, `http://`) nor a comma, which
/// the `simple` style uses as a separator.
fn valid_string(schema: &Schema) -> BoxedStrategy<Value> {
    if let Some(pattern) = &schema.pattern {
        // proptest generates strings that match the whole pattern.
        if let Ok(strategy) = proptest::string::string_regex(&ascii_classes(unanchored(pattern))) {
            let (minimum, maximum) = (
                schema.min_length.unwrap_or(0),
                schema.max_length.unwrap_or(u64::MAX),
            );
            let fits =
                move |text: &String| (minimum..=maximum).contains(&(text.chars().count() as u64));
            return strategy
                .prop_filter("the documented length", fits)
                .prop_map(Value::from)
                .boxed();
        }
    }
    let minimum = schema.min_length.unwrap_or(0).min(12);
    let maximum = schema.max_length.unwrap_or(12).min(minimum + 12);
    proptest::string::string_regex(&format!("[A-Z0-9_.-]{{{minimum},{maximum}}}")).map_or_else(
        |_| Just(Value::from("X")).boxed(),
        |strategy| strategy.prop_map(Value::from).boxed(),
    )
}

/// `pattern` without a leading `^` and a trailing unescaped `$`. The
/// runtime matches a pattern against the whole value either way (ECS
/// writes `^\d+$`, VPC writes none), but proptest generates nothing
/// useful from an anchor: `^\d+$` gave `""`, which the rule refuses.
fn unanchored(pattern: &str) -> &str {
    let pattern = pattern.strip_prefix('^').unwrap_or(pattern);
    match pattern.strip_suffix('$') {
        Some(rest) if !rest.ends_with('\\') || rest.ends_with("\\\\") => rest,
        _ => pattern,
    }
}

/// `pattern` with `\d`, `\w` and `\s` (and their negations) spelled as
/// the ASCII classes they are in the runtime's regex-lite. proptest reads
/// them as Unicode classes and made `೦` (a Kannada zero) for `\d`, which
/// the runtime refuses.
fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('d') => out.push_str("[0-9]"),
            Some('D') => out.push_str("[^0-9]"),
            Some('w') => out.push_str("[0-9A-Za-z_]"),
            Some('W') => out.push_str("[^0-9A-Za-z_]"),
            Some('s') => out.push_str("[\\t\\n\\x0B\\x0C\\r ]"),
            Some('S') => out.push_str("[^\\t\\n\\x0B\\x0C\\r ]"),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

fn bounds(schema: &Schema, default_maximum: i64) -> (i64, i64) {
    let number = |value: &Option<Value>| {
        value.as_ref().and_then(|value| {
            value
                .as_f64()
                .or_else(|| value.as_str()?.trim().parse().ok())
        })
    };
    #[allow(
        clippy::cast_possible_truncation,
        reason = "bounds in the docs are small"
    )]
    let minimum =
        number(&schema.minimum).map_or(-default_maximum.min(1000), |minimum| minimum.ceil() as i64);
    #[allow(
        clippy::cast_possible_truncation,
        reason = "bounds in the docs are small"
    )]
    let maximum = number(&schema.maximum).map_or(default_maximum, |maximum| maximum.floor() as i64);
    (minimum, maximum.max(minimum))
}

/// Turns query and body pairs back into the request's wire form, using
/// the parameter schemas to rebuild lists, objects and types.
pub fn parse_pairs(parameters: &[ParameterSpec], query: &QueryPairs, body: &QueryPairs) -> Value {
    let pairs: Vec<(&str, &str)> = query.iter().chain(body.iter()).collect();
    let mut wire = Map::new();
    for parameter in parameters {
        let name = &parameter.name;
        let value = match parameter.style.as_deref() {
            Some("json") => pairs
                .iter()
                .find(|(key, _)| key == name)
                .and_then(|(_, text)| serde_json::from_str(text).ok()),
            Some("simple") => pairs.iter().find(|(key, _)| key == name).map(|(_, text)| {
                let item = parameter
                    .schema
                    .items
                    .as_deref()
                    .cloned()
                    .unwrap_or_default();
                Value::Array(text.split(',').map(|part| scalar(&item, part)).collect())
            }),
            _ => {
                let mut tree = Node::Branch(BTreeMap::new());
                for (key, text) in &pairs {
                    if let Some(rest) = key.strip_prefix(name.as_str()) {
                        if rest.is_empty() {
                            tree = Node::Leaf(text.to_string());
                        } else if let Some(rest) = rest.strip_prefix('.') {
                            tree.insert(rest.split('.').collect::<Vec<_>>().as_slice(), text);
                        }
                    }
                }
                match &tree {
                    Node::Branch(children) if children.is_empty() => None,
                    _ => Some(tree.to_value(&parameter.schema)),
                }
            }
        };
        if let Some(value) = value {
            wire.insert(name.clone(), value);
        }
    }
    Value::Object(wire)
}

#[derive(Debug)]
enum Node {
    Leaf(String),
    Branch(BTreeMap<String, Node>),
}

impl Node {
    fn insert(&mut self, path: &[&str], text: &str) {
        let Node::Branch(children) = self else { return };
        match path {
            [] => {}
            [last] => {
                children.insert((*last).to_string(), Node::Leaf(text.to_string()));
            }
            [first, rest @ ..] => children
                .entry((*first).to_string())
                .or_insert_with(|| Node::Branch(BTreeMap::new()))
                .insert(rest, text),
        }
    }

    fn to_value(&self, schema: &Schema) -> Value {
        match (self, schema.ty.as_deref()) {
            (Node::Leaf(text), _) => scalar(schema, text),
            (Node::Branch(children), Some("array")) => {
                let item = schema.items.as_deref().cloned().unwrap_or_default();
                let mut indexed: Vec<(usize, &Node)> = children
                    .iter()
                    .filter_map(|(index, node)| Some((index.parse().ok()?, node)))
                    .collect();
                indexed.sort_by_key(|(index, _)| *index);
                Value::Array(
                    indexed
                        .into_iter()
                        .map(|(_, node)| node.to_value(&item))
                        .collect(),
                )
            }
            (Node::Branch(children), _) => {
                let empty = Schema::default();
                Value::Object(
                    children
                        .iter()
                        .map(|(key, node)| {
                            let child = schema
                                .properties
                                .as_ref()
                                .and_then(|properties| properties.get(key))
                                .or(schema.additional_properties.as_deref())
                                .unwrap_or(&empty);
                            (key.clone(), node.to_value(child))
                        })
                        .collect(),
                )
            }
        }
    }
}

fn scalar(schema: &Schema, text: &str) -> Value {
    match schema.ty.as_deref() {
        Some("integer") => text
            .parse::<i64>()
            .map_or_else(|_| Value::from(text), Value::from),
        Some("number") => text
            .parse::<f64>()
            .map_or_else(|_| Value::from(text), Value::from),
        Some("boolean") => text
            .parse::<bool>()
            .map_or_else(|_| Value::from(text), Value::from),
        _ => Value::from(text),
    }
}

/// The wire paths that [`check_invalid_requests`] breaks a rule of, for a
/// test that the breakers cover what the docs say.
pub fn broken_fields(spec: &ActionSpec) -> Vec<String> {
    breakers(&spec.parameters)
        .into_iter()
        .map(|breaker| breaker.field)
        .collect()
}

/// One way to break a documented rule, and the wire path the refusal must
/// name.
struct Breaker {
    field: String,
    apply: Box<dyn Fn(&mut Value)>,
}

/// Every rule of the top-level parameters, and of the first item of their
/// lists of objects, as a way to break it.
fn breakers(parameters: &[ParameterSpec]) -> Vec<Breaker> {
    let mut found = Vec::new();
    for parameter in parameters {
        let name = parameter.name.clone();
        rule_breakers(
            &parameter.schema,
            std::slice::from_ref(&name),
            &name,
            &mut found,
        );
        if parameter.schema.required {
            if parameter.schema.ty.as_deref() == Some("array") {
                let at = vec![name.clone()];
                found.push(Breaker {
                    field: name.clone(),
                    apply: Box::new(move |wire| set(wire, &at, Value::Array(Vec::new()))),
                });
            }
            let field = name.clone();
            found.push(Breaker {
                field: name,
                apply: Box::new(move |wire| remove(wire, &field)),
            });
        }
    }
    found
}

fn rule_breakers(schema: &Schema, path: &[String], shown: &str, found: &mut Vec<Breaker>) {
    let at = path.to_vec();
    match schema.ty.as_deref() {
        Some("string") if schema.enum_values.is_none() => {
            if let Some(maximum) = schema.max_length.filter(|maximum| *maximum < 1000) {
                let at = at.clone();
                let too_long = "X".repeat(usize::try_from(maximum).unwrap_or(0) + 1);
                found.push(Breaker {
                    field: shown.to_string(),
                    apply: Box::new(move |wire| set(wire, &at, Value::from(too_long.clone()))),
                });
            }
            if let Some(prefix) = schema.forbidden_prefixes.first() {
                let at = at.clone();
                let bad = format!("{prefix}X");
                found.push(Breaker {
                    field: shown.to_string(),
                    apply: Box::new(move |wire| set(wire, &at, Value::from(bad.clone()))),
                });
            }
        }
        Some("integer") => {
            if let Some(maximum) = schema
                .maximum
                .as_ref()
                .and_then(|value| value.as_f64().or_else(|| value.as_str()?.parse().ok()))
            {
                #[allow(
                    clippy::cast_possible_truncation,
                    reason = "bounds in the docs are small"
                )]
                let above = Value::from(maximum as i64 + 1);
                found.push(Breaker {
                    field: shown.to_string(),
                    apply: Box::new(move |wire| set(wire, &at, above.clone())),
                });
            }
        }
        Some("array") => {
            let item = schema.items.as_deref().cloned().unwrap_or_default();
            if let Some(maximum) = schema.max_items.filter(|maximum| *maximum < 100) {
                let at = at.clone();
                let count = usize::try_from(maximum).unwrap_or(0) + 1;
                let filler = filler(&item);
                found.push(Breaker {
                    field: shown.to_string(),
                    apply: Box::new(move |wire| {
                        set(wire, &at, Value::Array(vec![filler.clone(); count]))
                    }),
                });
            }
            if item.ty.as_deref() == Some("object") {
                for (name, property) in item.properties.iter().flatten() {
                    let mut nested = path.to_vec();
                    nested.push("0".to_string());
                    nested.push(name.clone());
                    rule_breakers(property, &nested, &format!("{shown}.1.{name}"), found);
                }
            }
        }
        _ => {}
    }
}

/// A minimal valid item, to pad a list past its limit.
fn filler(item: &Schema) -> Value {
    match item.ty.as_deref() {
        Some("object") => Value::Object(Map::new()),
        Some("integer") | Some("number") => Value::from(1),
        Some("boolean") => Value::from(true),
        _ => Value::from("X"),
    }
}

/// Sets the value at `path` (keys and list indexes), creating what is missing.
fn set(wire: &mut Value, path: &[String], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut current = wire;
    for (position, key) in parents.iter().enumerate() {
        let next_is_index = path
            .get(position + 1)
            .is_some_and(|next| next.parse::<usize>().is_ok());
        current = match key.parse::<usize>() {
            Ok(index) => {
                if !current.is_array() {
                    *current = Value::Array(Vec::new());
                }
                let Value::Array(items) = current else { return };
                while items.len() <= index {
                    items.push(Value::Object(Map::new()));
                }
                &mut items[index]
            }
            Err(_) => {
                if !current.is_object() {
                    *current = Value::Object(Map::new());
                }
                let Value::Object(fields) = current else {
                    return;
                };
                fields.entry(key.clone()).or_insert_with(|| {
                    if next_is_index {
                        Value::Array(Vec::new())
                    } else {
                        Value::Object(Map::new())
                    }
                })
            }
        };
    }
    if let Value::Object(fields) = current {
        fields.insert(last.clone(), value);
    }
}

fn remove(wire: &mut Value, name: &str) {
    if let Value::Object(fields) = wire {
        fields.remove(name);
    }
}

#[cfg(test)]
mod tests {
    use super::{ascii_classes, unanchored};

    #[test]
    fn anchors_are_dropped_and_escaped_dollars_kept() {
        assert_eq!(unanchored(r"^\d+$"), r"\d+");
        assert_eq!(unanchored(r"[a-z]+"), r"[a-z]+");
        assert_eq!(unanchored(r"^US\$"), r"US\$");
        assert_eq!(unanchored(r"a\\$"), r"a\\");
    }

    #[test]
    fn digit_word_and_space_classes_are_ascii_as_in_the_runtime() {
        assert_eq!(ascii_classes(r"\d+"), "[0-9]+");
        assert_eq!(ascii_classes(r"[\w-]{2}"), "[[0-9A-Za-z_]-]{2}");
        assert_eq!(ascii_classes(r"\\d\."), r"\\d\.");
        assert_eq!(ascii_classes(r"a\Sb"), r"a[^\t\n\x0B\x0C\r ]b");
    }
}
