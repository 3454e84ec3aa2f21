//! Reads Alibaba's API metadata of one product version (`api-docs.json`).
//!
//! It is what the API reference and the SDKs are made from, and the only
//! source of the documented facts: limits, valid values, defaults,
//! deprecations, error codes with their HTTP status, response examples,
//! the operation type, the asynchronous hints and the regional endpoints.
//!
//! Its prose is never taken: descriptions, titles, the titles of valid
//! values and error messages are left behind, and an example is kept only
//! when it is a value of its field's type (the file holds sentences and
//! markup where some examples should be).

use std::collections::BTreeMap;

use alibabacloud_codegen::spec::OperationType;
use serde_json::Value;

use super::json::Json;
use super::{ProductId, Sample, SourceProduct, features};

/// The limits a schema may document (numbers given as text become
/// numbers).
pub(super) const LIMITS: [&str; 6] = [
    "minimum",
    "maximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
];

/// Reads the metadata text; `entry` names where it was found.
pub fn read(entry: &str, text: &str) -> Result<SourceProduct, String> {
    let root: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|error| format!("{entry}: not valid JSON: {error}"))?;
    let info = root.get("info");
    let text_of = |key: &str| {
        info.and_then(|info| info.get(key))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let (Some(code), Some(version)) = (text_of("product"), text_of("version")) else {
        return Err(format!(
            "{entry}: /info: expected the product code and API version (`product`, `version`)"
        ));
    };
    let apis = root
        .get("apis")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("{entry}: /apis: expected an object of actions"))?;
    let mut reader = Reader {
        code: &code,
        version: &version,
        notes: Vec::new(),
    };
    let mut product = SourceProduct {
        origin: vec![format!("API metadata {code} {version} ({entry})")],
        identities: vec![ProductId {
            source: format!("{entry} (API metadata)"),
            code: code.clone(),
            version: version.clone(),
        }],
        style: text_of("style"),
        ..SourceProduct::default()
    };
    for (action, api) in apis {
        let spec = reader
            .action(action, api)
            .map_err(|error| format!("{entry}: /apis/{action}{error}"))?;
        product.actions.insert(action.clone(), spec);
        let samples = reader.samples(action, api);
        if !samples.is_empty() {
            product.samples.insert(action.clone(), samples);
        }
    }
    for endpoint in root
        .get("endpoints")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let field = |key: &str| endpoint.get(key).and_then(Value::as_str);
        if let (Some(region), Some(host)) = (field("regionId"), field("endpoint")) {
            product
                .endpoints
                .insert(region.to_string(), host.to_string());
        }
    }
    product.directories = features::directories(&root);
    product.notes = reader.notes;
    Ok(product)
}

/// Turns one metadata entry into a spec of the `api-specs/` format.
struct Reader<'a> {
    code: &'a str,
    version: &'a str,
    notes: Vec<String>,
}

impl Reader<'_> {
    /// The spec of one action; an error is a JSON path below the action
    /// and what was expected there.
    fn action(&mut self, action: &str, api: &Value) -> Result<Json, String> {
        let mut spec = Json::object();
        spec.insert("$schema", Json::str("../schema.json"));
        spec.insert("name", Json::str(action));
        if let Some(methods) = api.get("methods").and_then(Value::as_array) {
            let methods: Vec<Json> = methods
                .iter()
                .filter_map(Value::as_str)
                .map(|method| Json::str(method.to_ascii_lowercase()))
                .collect();
            spec.insert("methods", Json::Array(methods));
        }
        if api.get("deprecated") == Some(&Value::Bool(true)) {
            spec.insert("deprecated", Json::Bool(true));
        }
        let operation = api
            .pointer("/systemTags/operationType")
            .and_then(Value::as_str);
        // Only the words the spec format knows (`x-operation-type`).
        if let Some(operation) = operation.filter(|kind| OperationType::parse(kind).is_some()) {
            spec.insert("x-operation-type", Json::str(operation));
        }
        let mut parameters = Vec::new();
        for (index, parameter) in api
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let at = format!("/parameters/{index}");
            let name = parameter
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("{at}/name: expected the wire name"))?;
            let mut out = Json::object();
            out.insert("name", Json::str(name));
            let location = parameter
                .get("in")
                .and_then(Value::as_str)
                .unwrap_or("query");
            out.insert("in", Json::str(location));
            if let Some(style) = parameter.get("style").and_then(Value::as_str) {
                out.insert("style", Json::str(style));
            }
            let schema = parameter
                .get("schema")
                .ok_or_else(|| format!("{at}/schema: expected the parameter's schema"))?;
            let path = format!("{action}.{name}");
            out.insert("schema", self.schema(schema, Side::Request, &path));
            // The metadata lists some parameters twice (`RegionId`); one
            // is what goes on the wire.
            if !parameters.contains(&out) {
                parameters.push(out);
            }
        }
        spec.insert("parameters", Json::Array(parameters));
        if let Some(schema) = api.pointer("/responses/200/schema") {
            let mut ok = Json::object();
            ok.insert("schema", self.schema(schema, Side::Response, action));
            let mut responses = Json::object();
            responses.insert("200", ok);
            spec.insert("responses", responses);
        }
        if let Some(codes) = self.error_codes(action, api) {
            spec.insert("errorCodes", codes);
        }
        if let Some(hint) = self.asynchronous(api) {
            spec.insert("x-async", hint);
        }
        Ok(spec)
    }

    /// The facts of a schema, recursively; `path` names it in notes.
    fn schema(&mut self, schema: &Value, side: Side, path: &str) -> Json {
        let mut out = Json::object();
        let ty = schema.get("type").and_then(Value::as_str);
        if let Some(ty) = ty {
            out.insert("type", Json::str(ty));
        }
        if let Some(format) = schema.get("format").and_then(Value::as_str) {
            // `date-time` and the like on strings describe prose, not width.
            if matches!(ty, Some("integer" | "number")) {
                out.insert("format", Json::str(format));
            }
        }
        if side == Side::Request {
            if let Some(required) = schema.get("required").and_then(Value::as_bool) {
                out.insert("required", Json::Bool(required));
            }
        }
        if ty == Some("string") {
            if let Some(values) = valid_values(schema) {
                out.insert(
                    "enum",
                    Json::Array(values.into_iter().map(Json::str).collect()),
                );
            }
            if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
                out.insert("pattern", Json::str(pattern));
            }
        }
        if side == Side::Request {
            for key in LIMITS {
                let Some(limit) = schema.get(key).and_then(number) else {
                    continue;
                };
                if applies(key, ty) {
                    out.insert(key, Json::Number(limit));
                } else {
                    self.notes.push(format!(
                        "{path}: {key} on {} is not a limit of it; not taken",
                        match ty {
                            Some(ty @ ("array" | "integer" | "object")) => format!("an {ty}"),
                            Some(ty) => format!("a {ty}"),
                            None => "a value without a type".to_string(),
                        }
                    ));
                }
            }
            if let Some(default) = schema.get("default") {
                match value_of_type(ty, default) {
                    Some(default) => out.insert("default", Json::str(default)),
                    None => self.notes.push(format!(
                        "{path}: default {default} is not a value of its type; not taken"
                    )),
                }
            }
        }
        if let Some(example) = schema.get("example") {
            match value_of_type(ty, example) {
                Some(example) => out.insert("example", Json::str(example)),
                None => self.notes.push(format!(
                    "{path}: example {example} is not a value of its type; not taken"
                )),
            }
        }
        if schema.get("deprecated") == Some(&Value::Bool(true)) {
            out.insert("deprecated", Json::Bool(true));
        }
        if let Some(items) = schema.get("items") {
            let items = self.schema(items, side, &format!("{path}[]"));
            out.insert("items", items);
        }
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            let mut fields = Json::object();
            for (name, property) in properties {
                let field = self.schema(property, side, &format!("{path}.{name}"));
                fields.insert(name, field);
            }
            out.insert("properties", fields);
        }
        if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
            let values = self.schema(values, side, &format!("{path}{{}}"));
            out.insert("additionalProperties", values);
        }
        out
    }

    /// Error codes by HTTP status, codes only (their messages are prose).
    /// A code listed under two statuses keeps the first, in status order.
    fn error_codes(&mut self, action: &str, api: &Value) -> Option<Json> {
        let by_status = api.get("errorCodes")?.as_object()?;
        let mut statuses: Vec<(&String, &Value)> = by_status.iter().collect();
        statuses.sort_by_key(|(status, _)| status.parse::<u16>().unwrap_or(u16::MAX));
        let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
        let mut out = Json::object();
        for (status, codes) in statuses {
            if !status
                .parse::<u16>()
                .is_ok_and(|status| (100..=599).contains(&status))
            {
                self.notes.push(format!(
                    "{action}: error codes listed under {status:?}, which is not an HTTP status; not taken"
                ));
                continue;
            }
            let mut kept = Vec::new();
            for code in codes.as_array().into_iter().flatten() {
                let Some(code) = code.get("errorCode").and_then(Value::as_str) else {
                    continue;
                };
                if !is_error_code(code) {
                    self.notes.push(format!(
                        "{action}: error code {code:?} is not a code (letters, digits, `.`, `_`, `-`); not taken"
                    ));
                    continue;
                }
                if let Some(first) = seen.get(code) {
                    if *first != status.as_str() {
                        self.notes.push(format!(
                            "{action}: error code {code} is listed under HTTP {first} and {status}; kept {first}"
                        ));
                    }
                    continue;
                }
                seen.insert(code, status);
                let mut entry = Json::object();
                entry.insert("errorCode", Json::str(code));
                kept.push(entry);
            }
            if !kept.is_empty() {
                out.insert(status, Json::Array(kept));
            }
        }
        out.as_object().filter(|map| !map.is_empty())?;
        Some(out)
    }

    /// `x-async` from the metadata's `staticInfo` of an asynchronous action.
    fn asynchronous(&mut self, api: &Value) -> Option<Json> {
        let info = api.get("staticInfo")?;
        if info.get("returnType").and_then(Value::as_str) != Some("asynchronous") {
            return None;
        }
        let callback = info.get("callback")?.as_str()?;
        // `Vpc::2016-04-28::ListThings`: the same product and version only.
        let prefix = format!("{}::{}::", self.code, self.version);
        let Some(poll) = callback.strip_prefix(&prefix) else {
            self.notes.push(format!(
                "asynchronous hint {callback:?} polls another product or version; not taken"
            ));
            return None;
        };
        let mut hint = Json::object();
        hint.insert("poll", Json::str(poll));
        for (from, to) in [
            ("callbackInterval", "intervalSeconds"),
            ("maxCallbackTimes", "maxPolls"),
        ] {
            if let Some(value) = info.get(from).and_then(number) {
                hint.insert(to, Json::Number(value));
            }
        }
        Some(hint)
    }

    /// The documented response examples, JSON and XML.
    fn samples(&mut self, action: &str, api: &Value) -> Vec<Sample> {
        let Some(text) = api.get("responseDemo").and_then(Value::as_str) else {
            return Vec::new();
        };
        let Ok(Value::Array(demos)) = serde_json::from_str::<Value>(text) else {
            self.notes.push(format!(
                "{action}: responseDemo is not a JSON list; no sample taken"
            ));
            return Vec::new();
        };
        let mut samples = Vec::new();
        for demo in demos {
            let field = |key: &str| demo.get(key).and_then(Value::as_str).unwrap_or_default();
            let format = field("type");
            let example = field("example");
            if !matches!(format, "json" | "xml") || example.trim().is_empty() {
                continue;
            }
            if samples
                .iter()
                .any(|sample: &Sample| sample.format == format)
            {
                continue;
            }
            samples.push(Sample {
                format: format.to_string(),
                text: example.to_string(),
            });
        }
        samples
    }
}

/// Which side of the call a schema describes: documented limits and
/// defaults only mean something on the request side.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Request,
    Response,
}

/// The valid values of a string: `enum`, or the keys of `enumValueTitles`
/// when there are at least two (a single key there is an example more
/// often than the one value allowed).
fn valid_values(schema: &Value) -> Option<Vec<String>> {
    let strings = |values: Vec<&str>| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for value in values {
            if !value.is_empty() && !out.iter().any(|seen| seen == value) {
                out.push(value.to_string());
            }
        }
        out
    };
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let values = strings(values.iter().filter_map(Value::as_str).collect());
        if !values.is_empty() {
            return Some(values);
        }
    }
    let titles = schema.get("enumValueTitles")?.as_object()?;
    let values = strings(titles.keys().map(String::as_str).collect());
    (values.len() >= 2).then_some(values)
}

/// Whether `code` reads as an error code (`InvalidRegionId.NotFound`), not a
/// placeholder the metadata left in (`%s`).
fn is_error_code(code: &str) -> bool {
    code.starts_with(|c: char| c.is_ascii_alphabetic())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// Whether the limit `key` means something for a value of type `ty`.
fn applies(key: &str, ty: Option<&str>) -> bool {
    match key {
        "minimum" | "maximum" => matches!(ty, Some("integer" | "number")),
        "minLength" | "maxLength" => ty == Some("string"),
        "minItems" | "maxItems" => ty == Some("array"),
        _ => false,
    }
}

/// A number, or a number written as text.
fn number(value: &Value) -> Option<serde_json::Number> {
    match value {
        Value::Number(number) => Some(number.clone()),
        Value::String(text) => serde_json::from_str::<serde_json::Number>(text.trim()).ok(),
        _ => None,
    }
}

/// `value` as text, if it is a value of a field of type `ty`: a number for
/// numbers, `true`/`false` for booleans, one line of plain text for
/// strings (no Markdown emphasis, which is how prose shows up there), and
/// nothing for lists and objects.
pub(crate) fn value_of_type(ty: Option<&str>, value: &Value) -> Option<String> {
    let text = match value {
        Value::String(text) => text.trim().to_string(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        _ => return None,
    };
    if text.is_empty() {
        return None;
    }
    let fits = match ty.unwrap_or("string") {
        "integer" => text.parse::<i64>().is_ok(),
        "number" => text.parse::<f64>().is_ok_and(f64::is_finite),
        "boolean" => matches!(text.as_str(), "true" | "false"),
        "string" => !is_markup(&text) && !text.contains('\n'),
        _ => false,
    };
    fits.then_some(text)
}

/// Whether `text` holds Markdown emphasis (`**if can be null:** true`),
/// which is how prose shows up where a value should be. A run of three or
/// more stars is a masked value (`vpc-bp1****`), not markup.
fn is_markup(text: &str) -> bool {
    let mut unmasked = String::with_capacity(text.len());
    let mut stars = 0;
    for c in text.chars().chain(std::iter::once('\0')) {
        if c == '*' {
            stars += 1;
            continue;
        }
        if stars > 0 && stars < 3 {
            unmasked.extend(std::iter::repeat_n('*', stars));
        }
        stars = 0;
        unmasked.push(c);
    }
    unmasked.contains("**")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_are_kept_only_as_values_of_their_type() {
        let int = Some("integer");
        assert_eq!(value_of_type(int, &Value::from("10")), Some("10".into()));
        assert_eq!(value_of_type(int, &Value::from("ten")), None);
        assert_eq!(
            value_of_type(Some("boolean"), &Value::from("**if can be null:** true")),
            None
        );
        assert_eq!(
            value_of_type(Some("string"), &Value::from("**if can be null:** true")),
            None
        );
        assert_eq!(
            value_of_type(Some("array"), &Value::from("TagResources")),
            None
        );
        assert_eq!(
            value_of_type(Some("string"), &Value::from("vpc-bp1****")),
            Some("vpc-bp1****".into())
        );
        assert_eq!(
            value_of_type(Some("string"), &Value::from("ab****cd")),
            Some("ab****cd".into())
        );
    }

    #[test]
    fn error_codes_under_a_status_that_is_not_http_are_left_out() {
        let text = r#"{"info": {"product": "Things", "version": "2020-01-01"},
            "apis": {"GrantThings": {"errorCodes": {
                "4003": [{"errorCode": "Thing.Odd"}],
                "400": [{"errorCode": "Thing.Bad"}]}}}}"#;
        let product = read("api-docs.json", text).unwrap();
        assert_eq!(
            serde_json::to_value(product.actions["GrantThings"].get("errorCodes")).unwrap(),
            serde_json::json!({"400": [{"errorCode": "Thing.Bad"}]})
        );
        assert!(
            product
                .notes
                .iter()
                .any(|note| note.contains("\"4003\", which is not an HTTP status")),
            "{:?}",
            product.notes
        );
    }

    #[test]
    fn valid_values_need_an_enum_or_two_titled_values() {
        let one: Value =
            serde_json::json!({"type": "string", "enumValueTitles": {"ap-southeast-1": "x"}});
        assert_eq!(valid_values(&one), None);
        let two: Value = serde_json::json!({"enumValueTitles": {"drop": "x", "accept": "y"}});
        // Titles are keyed by value; serde_json's map gives them sorted.
        assert_eq!(
            valid_values(&two),
            Some(vec!["accept".into(), "drop".into()])
        );
        let listed: Value = serde_json::json!({"enum": ["NAT"]});
        assert_eq!(valid_values(&listed), Some(vec!["NAT".into()]));
    }
}
