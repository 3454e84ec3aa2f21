//! Reads the npm package (`@alicloud/vpc20160428`, TypeScript sources).
//!
//! Facts taken from it, per action: the action and HTTP method
//! (`client.ts`, the `Params` of each `…WithOptions` method); each
//! parameter's wire name, placement (`query`, `body`, or the flat-style
//! `bodyFlat` map) and style (`simple` and `json` for the parameters the
//! client turns into one string first, `flat` for `bodyFlat`, `repeatList`
//! otherwise); and, from the model classes, every field's wire name
//! (`names()`), type (`types()`), whether it is required (the marker line
//! the generator of those sources writes for required parameters),
//! example (`@example`) and deprecation (`@deprecated`). TypeScript says
//! `number` for integers and floats alike; the Python reader settles those.
//!
//! The sources are generated code of a fixed shape, so they are read line
//! by line, not parsed as TypeScript.

use std::collections::BTreeMap;

use super::files::SourceFiles;
use super::json::Json;
use super::python::{NumberKind, NumberKinds};
use super::{ProductId, SourceProduct};

/// The line those sources put in a required field's doc comment.
const REQUIRED_MARKER: &str = "This parameter is required.";

/// A model class: its fields in declaration order.
#[derive(Debug, Default)]
struct Class {
    fields: Vec<Field>,
}

#[derive(Debug, Default, Clone)]
struct Field {
    name: String,
    wire: String,
    ty: Option<TsType>,
    required: bool,
    example: Option<String>,
    deprecated: bool,
}

/// A type as `types()` spells it.
#[derive(Debug, Clone, PartialEq)]
enum TsType {
    String,
    Number,
    Boolean,
    Any,
    Class(String),
    Array(Box<TsType>),
    Map(Box<TsType>),
}

/// Where the client puts a parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Placement {
    Query,
    Body,
    BodyFlat,
}

/// One `…WithOptions` method of `client.ts`.
#[derive(Debug, Default)]
struct ClientMethod {
    action: String,
    method: String,
    request_class: Option<String>,
    response_class: Option<String>,
    /// `(placement, wire name, request field)`, in the order assigned.
    parameters: Vec<(Placement, String, String)>,
    /// Request field → style, for the fields turned into one string.
    shrunk: BTreeMap<String, String>,
    /// Whether the method sends every field of its request in the query
    /// (`OpenApiUtil.query(request.toMap())`) instead of naming each.
    whole_request_in_query: bool,
}

/// Reads the package into action specs.
pub fn read(files: &SourceFiles, numbers: &NumberKinds) -> Result<SourceProduct, String> {
    let (client_path, client) = files
        .ending_with("/src/client.ts")
        .next()
        .ok_or("no src/client.ts found: is the npm package (npm pack) in the folder?")?;
    let mut classes = BTreeMap::new();
    for (path, text) in files.matching("/src/models/", ".ts") {
        read_classes(text, &mut classes).map_err(|error| format!("{path}: {error}"))?;
    }
    let methods = read_client(client).map_err(|error| format!("{client_path}: {error}"))?;
    let manifest = files
        .ending_with("package/package.json")
        .next()
        .and_then(|(_, text)| serde_json::from_str::<serde_json::Value>(text).ok());
    let field = |key: &str| {
        manifest
            .as_ref()
            .and_then(|json| json.get(key)?.as_str().map(str::to_string))
            .unwrap_or_else(|| format!("({key} unknown)"))
    };
    let mut product = SourceProduct {
        origin: vec![format!("npm {} {}", field("name"), field("version"))],
        identities: ProductId::from_package(format!("npm {}", field("name")), &field("name"))
            .into_iter()
            .collect(),
        reference_urls: reference_urls(client, &methods),
        ..SourceProduct::default()
    };
    read_endpoints(client, &mut product);
    product.style = read_style(client);
    let mut builder = SpecBuilder {
        classes: &classes,
        numbers,
        notes: Vec::new(),
    };
    for method in &methods {
        let spec = builder.action(method)?;
        product.actions.insert(method.action.clone(), spec);
    }
    product.notes = builder.notes;
    Ok(product)
}

/// Turns classes and client methods into specs.
struct SpecBuilder<'a> {
    classes: &'a BTreeMap<String, Class>,
    numbers: &'a NumberKinds,
    notes: Vec<String>,
}

impl SpecBuilder<'_> {
    fn action(&mut self, method: &ClientMethod) -> Result<Json, String> {
        let mut spec = Json::object();
        spec.insert("$schema", Json::str("../schema.json"));
        spec.insert("name", Json::str(&method.action));
        spec.insert(
            "methods",
            Json::Array(vec![Json::str(method.method.to_ascii_lowercase())]),
        );
        let mut parameters: Vec<(String, Json)> = Vec::new();
        let request_fields = method
            .request_class
            .as_deref()
            .and_then(|class| self.classes.get(class))
            .map_or(&[][..], |class| class.fields.as_slice());
        let whole_request: Vec<(Placement, String, String)>;
        let sent = if method.whole_request_in_query {
            whole_request = request_fields
                .iter()
                .map(|field| (Placement::Query, field.wire.clone(), field.name.clone()))
                .collect();
            &whole_request
        } else {
            &method.parameters
        };
        if sent.is_empty() && !request_fields.is_empty() {
            return Err(format!(
                "{}: the request model has {} field(s) but the client sends none of them; \
                 the client method has a form this reader does not know",
                method.action,
                request_fields.len()
            ));
        }
        for (placement, wire, field_name) in sent {
            let class_name = method
                .request_class
                .as_deref()
                .ok_or_else(|| format!("{}: parameters without a request class", method.action))?;
            let original = field_name.strip_suffix("Shrink").unwrap_or(field_name);
            let style = method.shrunk.get(original).cloned();
            let field = self
                .field(class_name, if style.is_some() { original } else { field_name })
                .ok_or_else(|| {
                    format!(
                        "{}: the client sends {wire} from `{field_name}`, which {class_name} does not declare",
                        method.action
                    )
                })?
                .clone();
            let schema = self.field_schema(class_name, &field, true, &mut Vec::new())?;
            let mut parameter = Json::object();
            parameter.insert("name", Json::str(wire));
            let location = match placement {
                Placement::Query => "query",
                Placement::Body | Placement::BodyFlat => "formData",
            };
            parameter.insert("in", Json::str(location));
            let is_composite = matches!(
                field.ty,
                Some(TsType::Array(_) | TsType::Class(_) | TsType::Map(_))
            );
            let style = match (style, placement) {
                (Some(style), _) => Some(style),
                (None, Placement::BodyFlat) => Some("flat".to_string()),
                (None, _) if is_composite => Some("repeatList".to_string()),
                (None, _) => None,
            };
            if let Some(style) = style {
                parameter.insert("style", Json::str(style));
            }
            parameter.insert("schema", schema);
            match parameters.iter().find(|(name, _)| name == wire) {
                // The client assigns some parameters twice (`RegionId`,
                // `ClientToken`); one parameter is what goes on the wire.
                Some((_, earlier)) if *earlier == parameter => {}
                Some(_) => {
                    return Err(format!(
                        "{}: {wire} is listed twice with different facts",
                        method.action
                    ));
                }
                None => parameters.push((wire.clone(), parameter)),
            }
        }
        spec.insert(
            "parameters",
            Json::Array(
                parameters
                    .into_iter()
                    .map(|(_, parameter)| parameter)
                    .collect(),
            ),
        );
        if let Some(response) = &method.response_class {
            let body_class = format!("{response}Body");
            if self.classes.contains_key(&body_class) {
                let schema = self.class_schema(&body_class, false, &mut Vec::new())?;
                let mut ok = Json::object();
                ok.insert("schema", schema);
                let mut responses = Json::object();
                responses.insert("200", ok);
                spec.insert("responses", responses);
            }
        }
        Ok(spec)
    }

    fn field(&self, class: &str, name: &str) -> Option<&Field> {
        self.classes
            .get(class)?
            .fields
            .iter()
            .find(|field| field.name == name)
    }

    /// A field's schema: its type, then the facts of its doc comment.
    fn field_schema(
        &mut self,
        class: &str,
        field: &Field,
        request: bool,
        path: &mut Vec<String>,
    ) -> Result<Json, String> {
        let ty = field
            .ty
            .as_ref()
            .ok_or_else(|| format!("{class}.{}: no entry in types()", field.name))?;
        let mut schema = self.type_schema(class, &field.wire, ty, request, path)?;
        if request {
            schema.insert("required", Json::Bool(field.required));
        }
        if let Some(example) = &field.example {
            schema.insert("example", Json::str(example));
        }
        if field.deprecated {
            schema.insert("deprecated", Json::Bool(true));
        }
        Ok(schema)
    }

    fn type_schema(
        &mut self,
        class: &str,
        wire: &str,
        ty: &TsType,
        request: bool,
        path: &mut Vec<String>,
    ) -> Result<Json, String> {
        let mut schema = Json::object();
        match ty {
            TsType::String => schema.insert("type", Json::str("string")),
            TsType::Boolean => schema.insert("type", Json::str("boolean")),
            TsType::Number => match self.numbers.get(class, wire) {
                Some(NumberKind::Float) => {
                    schema.insert("type", Json::str("number"));
                    schema.insert("format", Json::str("double"));
                }
                Some(NumberKind::Integer) => schema.insert("type", Json::str("integer")),
                None => {
                    self.notes.push(format!(
                        "{class}.{wire}: the Python package does not type this number; taken as an integer"
                    ));
                    schema.insert("type", Json::str("integer"));
                }
            },
            TsType::Any => schema.insert("type", Json::str("object")),
            TsType::Class(name) => return self.class_schema(name, request, path),
            TsType::Array(item) => {
                schema.insert("type", Json::str("array"));
                let items = self.type_schema(class, wire, item, request, path)?;
                schema.insert("items", items);
            }
            TsType::Map(value) => {
                schema.insert("type", Json::str("object"));
                let values = self.type_schema(class, wire, value, request, path)?;
                schema.insert("additionalProperties", values);
            }
        }
        Ok(schema)
    }

    fn class_schema(
        &mut self,
        name: &str,
        request: bool,
        path: &mut Vec<String>,
    ) -> Result<Json, String> {
        if path.iter().any(|seen| seen == name) {
            return Err(format!("{name} contains itself ({})", path.join(" → ")));
        }
        let class = self
            .classes
            .get(name)
            .ok_or_else(|| format!("model class {name} is used but not defined"))?;
        path.push(name.to_string());
        let mut properties = Json::object();
        for field in &class.fields {
            let schema = self.field_schema(name, field, request, path)?;
            properties.insert(&field.wire, schema);
        }
        path.pop();
        let mut schema = Json::object();
        schema.insert("type", Json::str("object"));
        schema.insert("properties", properties);
        Ok(schema)
    }
}

/// The API reference pages the client's comments link, by action: a link
/// `…/help/en/<tree>/developer-reference/api-<code>-<yyyy>-<mm>-<dd>-<page>`
/// whose page is the action's name in lower case, alone or followed by a
/// `-` and the tree's own suffix (`describenatgateways-natgws`).
fn reference_urls(client: &str, methods: &[ClientMethod]) -> BTreeMap<String, String> {
    const START: &str = "https://www.alibabacloud.com/help/en/";
    let mut urls = BTreeMap::new();
    for (start, _) in client.match_indices(START) {
        let url: &str = client[start..]
            .split(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '#' | '>'))
            .next()
            .unwrap_or_default();
        let Some((_, api)) = url.split_once("/developer-reference/api-") else {
            continue;
        };
        // `vpc-2016-04-28-describenatgateways-natgws`: code, date, page.
        let Some(page) = api.splitn(5, '-').nth(4) else {
            continue;
        };
        let action = methods
            .iter()
            .map(|method| method.action.as_str())
            .filter(|action| {
                let lower = action.to_ascii_lowercase();
                page == lower
                    || page
                        .strip_prefix(&lower)
                        .is_some_and(|rest| rest.starts_with('-'))
            })
            .max_by_key(|action| action.len());
        if let Some(action) = action {
            urls.entry(action.to_string())
                .or_insert_with(|| url.to_string());
        }
    }
    urls
}

/// The client's endpoint facts: the region → host map (`_endpointMap`),
/// and from the rule (`_endpointRule`) and the product id it passes to
/// `getEndpoint`, the host of every other region: `<id>.<region>.aliyuncs.com`
/// for the `regional` rule, `<id>.aliyuncs.com` for any other (one host).
fn read_endpoints(client: &str, product: &mut SourceProduct) {
    let quoted = |text: &str| -> Option<String> {
        let text = text.trim().trim_start_matches(['"', '\'']);
        let end = text.find(['"', '\''])?;
        Some(text[..end].to_string())
    };
    let mut rule = None;
    let mut id = None;
    let mut in_map = false;
    for line in client.lines().map(str::trim) {
        if in_map {
            if line.starts_with('}') {
                in_map = false;
            } else if let Some((region, host)) = line.split_once(':') {
                if let (Some(region), Some(host)) = (quoted(region), quoted(host)) {
                    product.endpoints.insert(region, host);
                }
            }
        } else if line.starts_with("this._endpointMap = {") {
            in_map = !line.ends_with("};");
        } else if let Some(rest) = line.strip_prefix("this._endpointRule = ") {
            rule = quoted(rest);
        } else if let Some((_, rest)) = line.split_once("this.getEndpoint(") {
            id = quoted(rest);
        }
    }
    let (Some(rule), Some(id)) = (rule, id) else {
        return;
    };
    if rule == "regional" {
        product.endpoint_pattern = Some(format!("{id}.{{regionId}}.aliyuncs.com"));
    } else {
        product.central_host = Some(format!("{id}.aliyuncs.com"));
    }
}

/// The API style every `Params` of the client names (`style: "RPC"`), if
/// they all name the same one.
fn read_style(client: &str) -> Option<String> {
    let mut styles = client
        .lines()
        .filter_map(|line| line.trim().strip_prefix("style: \""))
        .map(|rest| rest.trim_end_matches(['"', ',']));
    let first = styles.next()?;
    styles
        .all(|style| style == first)
        .then(|| first.to_string())
}

/// Every `export class … extends $dara.Model` of one model file.
fn read_classes(text: &str, classes: &mut BTreeMap<String, Class>) -> Result<(), String> {
    let mut current: Option<(String, Class)> = None;
    let mut doc: Vec<String> = Vec::new();
    let mut in_doc = false;
    let mut block: Option<&str> = None;
    for (number, line) in text.lines().enumerate() {
        let at = |message: String| format!("line {}: {message}", number + 1);
        if let Some(rest) = line.strip_prefix("export class ") {
            if let Some((name, class)) = current.take() {
                classes.insert(name, class);
            }
            let name = rest
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            current = Some((name, Class::default()));
            continue;
        }
        let Some((_, class)) = current.as_mut() else {
            continue;
        };
        let trimmed = line.trim();
        if let Some(kind) = block {
            if trimmed == "};" {
                block = None;
            } else if let Some((name, value)) = trimmed
                .strip_suffix(',')
                .and_then(|entry| entry.split_once(": "))
            {
                let field = class
                    .fields
                    .iter_mut()
                    .find(|field| field.name == name)
                    .ok_or_else(|| at(format!("{name} is in {kind}() but not declared")))?;
                if kind == "names" {
                    field.wire = value.trim_matches('\'').to_string();
                } else {
                    field.ty =
                        Some(parse_type(value).map_err(|error| at(format!("{name}: {error}")))?);
                }
            }
            continue;
        }
        if trimmed == "/**" {
            in_doc = true;
            doc.clear();
            continue;
        }
        if in_doc {
            if trimmed == "*/" {
                in_doc = false;
            } else {
                let text = trimmed.strip_prefix('*').unwrap_or(trimmed);
                doc.push(
                    text.strip_prefix(' ')
                        .unwrap_or(text)
                        .trim_end()
                        .to_string(),
                );
            }
            continue;
        }
        if trimmed.starts_with("static names()") {
            block = Some("names");
            continue;
        }
        if trimmed.starts_with("static types()") {
            block = Some("types");
            continue;
        }
        if line.starts_with("  ") && !line.starts_with("   ") {
            if let Some((name, _)) = trimmed.split_once("?: ") {
                if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    let mut field = Field {
                        name: name.to_string(),
                        ..Field::default()
                    };
                    apply_doc(&doc, &mut field);
                    class.fields.push(field);
                }
            }
            doc.clear();
        }
    }
    if let Some((name, class)) = current.take() {
        classes.insert(name, class);
    }
    Ok(())
}

/// The facts of a field's doc comment; its prose is not kept.
fn apply_doc(doc: &[String], field: &mut Field) {
    field.required = doc.iter().any(|line| line.trim() == REQUIRED_MARKER);
    field.deprecated = doc.iter().any(|line| line.trim() == "@deprecated");
    if let Some(start) = doc.iter().position(|line| line.trim() == "@example") {
        let lines: Vec<&str> = doc[start + 1..]
            .iter()
            .take_while(|line| !line.trim_start().starts_with('@'))
            .map(String::as_str)
            .collect();
        let example = lines.join("\n").trim().to_string();
        if !example.is_empty() {
            field.example = Some(example);
        }
    }
}

/// `'string'`, `Class`, `{ 'type': 'array', 'itemType': … }`, `{ 'type':
/// 'map', 'keyType': 'string', 'valueType': … }`.
fn parse_type(text: &str) -> Result<TsType, String> {
    let (ty, rest) = parse_type_prefix(text.trim())?;
    if rest.trim().is_empty() {
        Ok(ty)
    } else {
        Err(format!("unexpected {rest:?} after the type"))
    }
}

fn parse_type_prefix(text: &str) -> Result<(TsType, &str), String> {
    let text = text.trim_start();
    if let Some(rest) = text.strip_prefix('\'') {
        let (name, rest) = rest.split_once('\'').ok_or("unclosed quote")?;
        let ty = match name {
            "string" => TsType::String,
            "number" => TsType::Number,
            "boolean" => TsType::Boolean,
            "any" => TsType::Any,
            other => TsType::Class(other.to_string()),
        };
        return Ok((ty, rest));
    }
    if let Some(rest) = text.strip_prefix('{') {
        let rest = rest.trim_start();
        let (kind, rest) = if let Some(rest) = rest.strip_prefix("'type': 'array',") {
            (
                "array",
                rest.trim_start()
                    .strip_prefix("'itemType':")
                    .ok_or("array without itemType")?,
            )
        } else if let Some(rest) = rest.strip_prefix("'type': 'map',") {
            let rest = rest.trim_start();
            let rest = rest
                .strip_prefix("'keyType': 'string',")
                .ok_or("map keys other than strings")?;
            (
                "map",
                rest.trim_start()
                    .strip_prefix("'valueType':")
                    .ok_or("map without valueType")?,
            )
        } else {
            return Err(format!("unknown type {text:?}"));
        };
        let (inner, rest) = parse_type_prefix(rest)?;
        let rest = rest.trim_start().strip_prefix('}').ok_or("unclosed {")?;
        let ty = if kind == "array" {
            TsType::Array(Box::new(inner))
        } else {
            TsType::Map(Box::new(inner))
        };
        return Ok((ty, rest));
    }
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    if end == 0 {
        return Err(format!("unknown type {text:?}"));
    }
    Ok((TsType::Class(text[..end].to_string()), &text[end..]))
}

/// Every `async …WithOptions(` method of `client.ts`.
fn read_client(text: &str) -> Result<Vec<ClientMethod>, String> {
    let mut methods = Vec::new();
    let mut current: Option<ClientMethod> = None;
    for (number, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("async ") && trimmed.contains("WithOptions(") {
            let mut method = ClientMethod::default();
            // The request argument, when the method takes one (some take
            // only the runtime options): `(request: $_model.X` or
            // `(tmpReq: $_model.X`.
            let argument = ["(request: $_model.", "(tmpReq: $_model."]
                .iter()
                .find_map(|prefix| trimmed.find(prefix).map(|start| start + prefix.len()));
            if let Some(start) = argument {
                let rest = &trimmed[start..];
                let end = rest
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(rest.len());
                method.request_class = Some(rest[..end].to_string());
            }
            current = Some(method);
            continue;
        }
        let Some(method) = current.as_mut() else {
            continue;
        };
        if let Some(rest) = trimmed.strip_prefix("action: \"") {
            method.action = rest.trim_end_matches(['"', ',']).to_string();
        } else if let Some(rest) = trimmed.strip_prefix("method: \"") {
            method.method = rest.trim_end_matches(['"', ',']).to_string();
        } else if trimmed.contains("OpenApiUtil.query(request.toMap())") {
            method.whole_request_in_query = true;
        } else if trimmed.contains("arrayToStringWithSpecifiedStyle(tmpReq.") {
            let args = trimmed
                .split_once("arrayToStringWithSpecifiedStyle(")
                .map(|(_, args)| args.trim_end_matches([')', ';']))
                .unwrap_or_default();
            let parts: Vec<&str> = args.split(", ").collect();
            if let [field, _, style] = parts.as_slice() {
                method.shrunk.insert(
                    field.trim_start_matches("tmpReq.").to_string(),
                    style.trim_matches('"').to_string(),
                );
            } else {
                return Err(format!("line {}: unexpected shrink call", number + 1));
            }
        } else if let Some((placement, rest)) = [
            ("query[\"", Placement::Query),
            ("bodyFlat[\"", Placement::BodyFlat),
            ("body[\"", Placement::Body),
        ]
        .iter()
        .find_map(|(prefix, placement)| trimmed.strip_prefix(prefix).map(|rest| (*placement, rest)))
        {
            let (wire, value) = rest
                .split_once("\"] = ")
                .ok_or_else(|| format!("line {}: unexpected assignment", number + 1))?;
            let field = value
                .trim_end_matches(';')
                .strip_prefix("request.")
                .ok_or_else(|| format!("line {}: unexpected value {value:?}", number + 1))?;
            method
                .parameters
                .push((placement, wire.to_string(), field.to_string()));
        } else if let Some(rest) = trimmed.strip_prefix("return $dara.cast<$_model.") {
            let end = rest.find('>').unwrap_or(rest.len());
            method.response_class = Some(rest[..end].to_string());
            let done = current.take().unwrap_or_default();
            if done.action.is_empty() {
                return Err(format!(
                    "line {}: a method without an action name",
                    number + 1
                ));
            }
            methods.push(done);
        }
    }
    methods.sort_by(|a, b| a.action.cmp(&b.action));
    Ok(methods)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONSTRUCTOR: &str = r#"
  constructor(config: $OpenApiUtil.Config) {
    super(config);
    this._endpointRule = "regional";
    this._endpointMap = {
      'cn-hangzhou': "things-cn-hangzhou.aliyuncs.com",
      'cn-edge-1': "things.cn-qingdao-nebula.aliyuncs.com",
    };
    this.checkConfig(config);
    this._endpoint = this.getEndpoint("things", this._regionId, this._endpointRule, this._network, this._suffix, this._endpointMap, this._endpoint);
  }
"#;

    #[test]
    fn the_endpoint_map_and_rule_give_hosts_and_a_pattern() {
        let mut product = SourceProduct::default();
        read_endpoints(CONSTRUCTOR, &mut product);
        assert_eq!(
            product.endpoints.into_iter().collect::<Vec<_>>(),
            [
                (
                    "cn-edge-1".to_string(),
                    "things.cn-qingdao-nebula.aliyuncs.com".to_string()
                ),
                (
                    "cn-hangzhou".to_string(),
                    "things-cn-hangzhou.aliyuncs.com".to_string()
                ),
            ]
        );
        assert_eq!(
            product.endpoint_pattern.as_deref(),
            Some("things.{regionId}.aliyuncs.com")
        );
        assert_eq!(product.central_host, None);

        let mut central = SourceProduct::default();
        read_endpoints(
            &CONSTRUCTOR.replace("\"regional\"", "\"central\""),
            &mut central,
        );
        assert_eq!(central.endpoint_pattern, None);
        assert_eq!(central.central_host.as_deref(), Some("things.aliyuncs.com"));
    }

    #[test]
    fn types_parse_nested() {
        assert_eq!(parse_type("'string'"), Ok(TsType::String));
        assert_eq!(
            parse_type(
                "{ 'type': 'array', 'itemType': { 'type': 'array', 'itemType': 'number' } }"
            ),
            Ok(TsType::Array(Box::new(TsType::Array(Box::new(
                TsType::Number
            )))))
        );
        assert_eq!(
            parse_type("{ 'type': 'map', 'keyType': 'string', 'valueType': 'any' }"),
            Ok(TsType::Map(Box::new(TsType::Any)))
        );
        assert_eq!(
            parse_type("DescribeHaVipsRequestFilter"),
            Ok(TsType::Class("DescribeHaVipsRequestFilter".into()))
        );
        assert!(parse_type("{ 'type': 'set' }").is_err());
    }
}

#[cfg(test)]
mod reader_tests {
    use std::collections::BTreeMap;

    use super::super::files::SourceFiles;
    use super::super::json::Json;
    use super::super::read_sdk_files;

    /// A two-action package in the shape of the official one: a shrunk
    /// `simple` list, a `bodyFlat` list of objects, a parameter assigned
    /// twice, a required marker, an example, a float known only to Python.
    fn package() -> SourceFiles {
        let client = r#"
  async grantThingsWithOptions(tmpReq: $_model.GrantThingsRequest, runtime: $dara.RuntimeOptions): Promise<$_model.GrantThingsResponse> {
    tmpReq.validate();
    let request = new $_model.GrantThingsShrinkRequest({ });
    OpenApiUtil.convert(tmpReq, request);
    if (!$dara.isNull(tmpReq.thingIds)) {
      request.thingIdsShrink = OpenApiUtil.arrayToStringWithSpecifiedStyle(tmpReq.thingIds, "ThingIds", "simple");
    }
    let query = { };
    if (!$dara.isNull(request.regionId)) {
      query["RegionId"] = request.regionId;
    }
    if (!$dara.isNull(request.regionId)) {
      query["RegionId"] = request.regionId;
    }
    if (!$dara.isNull(request.thingIdsShrink)) {
      query["ThingIds"] = request.thingIdsShrink;
    }
    let body : {[key: string ]: any} = { };
    let bodyFlat : {[key: string ]: any} = { };
    if (!$dara.isNull(request.options)) {
      bodyFlat["Options"] = request.options;
    }
    let params = new $OpenApiUtil.Params({
      action: "GrantThings",
      version: "2016-04-28",
      method: "POST",
    });
    return $dara.cast<$_model.GrantThingsResponse>(await this.callApi(params, req, runtime), new $_model.GrantThingsResponse({}));
  }
"#;
        let request = r#"import * as $dara from '@darabonba/typescript';

export class GrantThingsRequestOptions extends $dara.Model {
  weight?: number;
  static names(): { [key: string]: string } {
    return {
      weight: 'Weight',
    };
  }

  static types(): { [key: string]: any } {
    return {
      weight: 'number',
    };
  }
}

export class GrantThingsRequest extends $dara.Model {
  /**
   * @remarks
   * Prose that must not be copied.
   * 
   * This parameter is required.
   * 
   * @example
   * cn-hangzhou
   */
  regionId?: string;
  thingIds?: string[];
  options?: GrantThingsRequestOptions[];
  static names(): { [key: string]: string } {
    return {
      regionId: 'RegionId',
      thingIds: 'ThingIds',
      options: 'Options',
    };
  }

  static types(): { [key: string]: any } {
    return {
      regionId: 'string',
      thingIds: { 'type': 'array', 'itemType': 'string' },
      options: { 'type': 'array', 'itemType': GrantThingsRequestOptions },
    };
  }
}
"#;
        let body = r#"export class GrantThingsResponseBody extends $dara.Model {
  /**
   * @example
   * 4EC47282-1B74-4534-BD0E-403F3EE64CAF
   */
  requestId?: string;
  count?: number;
  static names(): { [key: string]: string } {
    return {
      requestId: 'RequestId',
      count: 'Count',
    };
  }

  static types(): { [key: string]: any } {
    return {
      requestId: 'string',
      count: 'number',
    };
  }
}
"#;
        let python = "class GrantThingsRequestOptions(DaraModel):
    def __init__(
        self,
        weight: float = None,
    ):
        self.weight = weight

    def to_map(self):
        if self.weight is not None:
            result['Weight'] = self.weight
";
        SourceFiles::from_map(BTreeMap::from([
            (
                "package/package.json".to_string(),
                r#"{"name": "@alicloud/things", "version": "1.2.3"}"#.to_string(),
            ),
            ("package/src/client.ts".to_string(), client.to_string()),
            (
                "package/src/models/GrantThingsRequest.ts".to_string(),
                request.to_string(),
            ),
            (
                "package/src/models/GrantThingsResponseBody.ts".to_string(),
                body.to_string(),
            ),
            (
                "things/models/_grant_things_request.py".to_string(),
                python.to_string(),
            ),
            (
                "things-1.2.2.dist-info/METADATA".to_string(),
                "Name: things\nVersion: 1.2.2\n".to_string(),
            ),
        ]))
    }

    #[test]
    fn the_package_becomes_a_spec_of_facts_only() {
        let product = read_sdk_files(&package()).unwrap();
        assert_eq!(
            product.origin,
            ["npm @alicloud/things 1.2.3", "PyPI things 1.2.2"]
        );
        let spec = &product.actions["GrantThings"];
        let expected: Json = serde_json::from_str(
            r#"{
  "$schema": "../schema.json",
  "name": "GrantThings",
  "methods": ["post"],
  "parameters": [
    {"name": "RegionId", "in": "query", "schema": {"type": "string", "required": true, "example": "cn-hangzhou"}},
    {"name": "ThingIds", "in": "query", "style": "simple", "schema": {"type": "array", "items": {"type": "string"}, "required": false}},
    {"name": "Options", "in": "formData", "style": "flat", "schema": {"type": "array", "items": {"type": "object", "properties": {
      "Weight": {"type": "number", "format": "double", "required": false}
    }}, "required": false}}
  ],
  "responses": {"200": {"schema": {"type": "object", "properties": {
    "RequestId": {"type": "string", "example": "4EC47282-1B74-4534-BD0E-403F3EE64CAF"},
    "Count": {"type": "integer"}
  }}}}
}"#,
        )
        .unwrap();
        assert_eq!(spec, &expected, "{}", spec.to_pretty());
        assert!(!spec.to_pretty().contains("Prose"));
        // Count is a number the Python package does not type: noted, taken
        // as an integer. The two packages' versions differ: noted.
        assert_eq!(
            product.notes,
            [
                "GrantThingsResponseBody.Count: the Python package does not type this number; taken as an integer",
                "the SDK packages differ in version: npm 1.2.3, PyPI 1.2.2; the structure is the npm package's, integer or float the PyPI one's"
            ]
        );
    }
}
