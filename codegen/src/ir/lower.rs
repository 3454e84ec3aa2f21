//! Lowering a checked spec into the IR: every naming and typing decision
//! happens here, in one pass over each action.

use std::collections::BTreeMap;

use serde_json::Value;

use super::names::Names;
use super::runtime_dependency::{relative_path, runtime_version};
use super::{
    ActionIr, AsyncIr, CrateIr, Doc, EnumIr, FieldIr, Holder, Location, Number, Pagination,
    PaginationIr, Rules, Side, StructIr, Style, TokenPaginationIr, TypeIr, VariantIr,
};
use crate::Layout;
use crate::diagnostics::Diagnostics;
use crate::naming;
use crate::spec::checked::{Action, IntegerFormat, NumberFormat, Parameter, Schema, Type};
use crate::spec::{self, LoadedAction, LoadedProduct, number_of};

/// Lowers a loaded product into the IR of its crate, for a caller that
/// does not show warnings (the tests that read the IR).
pub fn lower(product: &LoadedProduct, layout: &Layout) -> Result<CrateIr, Diagnostics> {
    lower_with_warnings(product, layout, &mut Diagnostics::default())
}

/// Lowers a loaded product into the IR of its crate, adding to `warnings`
/// what lowering found that does not stop it (a shared type named after
/// an action's resource).
pub fn lower_with_warnings(
    product: &LoadedProduct,
    layout: &Layout,
    warnings: &mut Diagnostics,
) -> Result<CrateIr, Diagnostics> {
    let spec = &product.spec;
    let crate_dir = layout.output_dir.join(&product.dir_name);
    let mut problems = Diagnostics::default();
    let mut actions: Vec<ActionIr> = product
        .actions
        .iter()
        .map(|action| lower_action(action, spec.reference_url.as_deref(), &mut problems))
        .collect();
    actions.sort_by(|a, b| a.name.cmp(&b.name));
    super::clashes::report(product, &actions, &mut problems);
    let names_file = crate_dir.join(super::TYPE_NAMES_FILE);
    let recorded = super::type_space::recorded_type_names(&layout.root, &names_file, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    let types_package = format!("{}-types", spec.crate_info.name);
    let types_crate = types_package.replace('-', "_");
    let error_codes_package = format!("{}-error-codes", spec.crate_info.name);
    let error_codes_crate = error_codes_package.replace('-', "_");
    for action in &mut actions {
        action.types_crate.clone_from(&types_crate);
        action.error_codes_crate.clone_from(&error_codes_crate);
    }
    let types = super::type_space::build(&mut actions, &recorded, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    let error_codes = match super::error_codes::name_codes(&mut actions) {
        Ok(codes) => codes,
        Err(message) => {
            problems.error(&product.rel_dir, "", message);
            return Err(problems);
        }
    };
    // Only warnings are left: every error returned above.
    warnings.extend(problems);
    Ok(CrateIr {
        types,
        error_codes,
        types_package,
        types_runtime_path: relative_path(&crate_dir.join(super::TYPES_DIR), &layout.runtime_dir),
        error_codes_package,
        error_codes_runtime_path: relative_path(
            &crate_dir.join(super::ERROR_CODES_DIR),
            &layout.runtime_dir,
        ),
        package: spec.crate_info.name.clone(),
        lib_name: spec.crate_info.name.replace('-', "_"),
        description: spec.crate_info.description.clone(),
        product: spec.code.clone(),
        version: spec.version.clone(),
        title: spec.title.clone(),
        spec_dir: product.rel_dir.clone(),
        runtime_path: relative_path(&crate_dir, &layout.runtime_dir),
        shard_runtime_path: relative_path(
            &crate_dir.join(super::SHARDS_DIR).join("1"),
            &layout.runtime_dir,
        ),
        runtime_version: runtime_version().to_string(),
        endpoint_pattern: spec.endpoint_pattern.clone(),
        endpoints: spec
            .endpoints
            .iter()
            .map(|endpoint| (endpoint.region_id.clone(), endpoint.endpoint.clone()))
            .collect(),
        feature_order: spec
            .features
            .iter()
            .map(|feature| feature.name.clone())
            .collect(),
        actions,
    })
}

/// The state of lowering one action.
struct ActionLowering {
    types: Names,
    request_structs: Vec<StructIr>,
    response_structs: Vec<StructIr>,
    request_enums: Vec<EnumIr>,
    response_enums: Vec<EnumIr>,
    struct_rules: BTreeMap<String, bool>,
    /// Structs made from named schemas (`x-rust-name`, `$ref` components),
    /// so that every use of the same schema on the same side shares one type.
    named_structs: Vec<(Side, Schema, String)>,
    /// Names that could not be given, as messages.
    problems: Vec<String>,
}

fn lower_action(
    loaded: &LoadedAction,
    reference_url: Option<&str>,
    problems: &mut Diagnostics,
) -> ActionIr {
    let spec = &loaded.checked;
    let request_name = format!("{}Request", spec.name);
    let response_name = format!("{}Response", spec.name);
    let mut lowering = ActionLowering {
        types: Names::default(),
        request_structs: Vec::new(),
        response_structs: Vec::new(),
        request_enums: Vec::new(),
        response_enums: Vec::new(),
        struct_rules: BTreeMap::new(),
        named_structs: Vec::new(),
        problems: Vec::new(),
    };
    let alias_name = format!("{}Error", spec.name);
    for reserved in [
        &request_name,
        &format!("{request_name}Builder"),
        &response_name,
        &format!("{response_name}Builder"),
        &alias_name,
    ] {
        lowering.types.claim(reserved, "");
    }
    for reserved in naming::RESERVED_TYPE_NAMES {
        lowering.types.claim(reserved, "");
    }

    let request = lowering.request_struct(&request_name, spec);
    let response = lowering.object(&response_name, &spec.response, Side::Response, true);

    let pagination = pagination(&request, &response);
    for problem in &lowering.problems {
        problems.error(&loaded.file, "", problem.clone());
    }
    ActionIr {
        name: spec.name.clone(),
        module: naming::snake(&spec.name),
        spec_file: loaded.file.clone(),
        family: spec
            .family
            .clone()
            .unwrap_or_else(|| naming::family(&spec.name)),
        summary: spec.summary.clone().or_else(|| spec.title.clone()),
        fact_summary: crate::summary::summary(&spec.name, spec.operation_type),
        reference_url: spec.reference_url.clone().or_else(|| {
            reference_url
                .map(|pattern| pattern.replace("{action}", &spec.name.to_ascii_lowercase()))
        }),
        asynchronous: spec.asynchronous.as_ref().map(|asynchronous| AsyncIr {
            poll: asynchronous.poll.clone(),
            interval_seconds: asynchronous.interval_seconds,
            max_polls: asynchronous.max_polls,
        }),
        description: spec.description.clone(),
        deprecated: spec.deprecated,
        methods: methods(spec),
        request,
        response,
        request_structs: lowering.request_structs,
        response_structs: lowering.response_structs,
        request_enums: lowering.request_enums,
        response_enums: lowering.response_enums,
        error_code: super::error_codes::action_codes(spec),
        pagination,
        shared: BTreeMap::new(),
        types_crate: String::new(),
        error_codes_crate: String::new(),
    }
}

/// Recognises a paged list action: exactly one list in the response, and
/// either a text `NextToken` in the request and the response, or an
/// integer `PageNumber` in the request and an integer `TotalCount` in the
/// response.
fn pagination(request: &StructIr, response: &StructIr) -> Option<Pagination> {
    let mut lists = response
        .fields
        .iter()
        .filter(|field| matches!(field.ty, TypeIr::List(_)));
    let items = lists.next()?.clone();
    if lists.next().is_some() {
        return None;
    }
    // The field sent as `name`, if it has the type `fits` asks for.
    let find = |fields: &[FieldIr], name: &str, fits: fn(&FieldIr) -> bool| {
        fields
            .iter()
            .find(|field| field.wire_name == name && fits(field))
            .cloned()
    };
    let token = |field: &FieldIr| field.ty == TypeIr::String && !field.required;
    if let (Some(request_token), Some(response_token)) = (
        find(&request.fields, "NextToken", token),
        find(&response.fields, "NextToken", token),
    ) {
        return Some(Pagination::Token(Box::new(TokenPaginationIr {
            request_token,
            response_token,
            items,
        })));
    }
    let integer = |field: &FieldIr| matches!(field.ty, TypeIr::I32 | TypeIr::I64);
    let named = |fields: &[FieldIr], name: &str| find(fields, name, integer);
    let request_page_number = named(&request.fields, "PageNumber")?;
    let total_count = named(&response.fields, "TotalCount")?;
    Some(Pagination::Pages(Box::new(PaginationIr {
        request_page_number,
        response_page_number: named(&response.fields, "PageNumber"),
        response_page_size: named(&response.fields, "PageSize"),
        total_count,
        items,
    })))
}

fn methods(spec: &Action) -> Vec<String> {
    let mut methods: Vec<String> = Vec::new();
    for method in &spec.methods {
        let upper = method.wire().to_string();
        if !methods.contains(&upper) {
            methods.push(upper);
        }
    }
    if methods.is_empty() {
        methods.push("POST".to_string());
    }
    methods
}

impl ActionLowering {
    /// Notes a nested type whose name and qualified name are both taken in
    /// the action's module, and names it so lowering can go on (the
    /// problem stops generation).
    fn name_taken(&mut self, preferred: &str, qualifier: &str) -> String {
        self.problems.push(format!(
            "two nested types want the name `{preferred}` and `{qualifier}{preferred}` is taken too (expected an \"x-rust-name\" on one of them)"
        ));
        format!("{qualifier}{preferred}Unnamed")
    }

    fn request_struct(&mut self, name: &str, spec: &Action) -> StructIr {
        let mut field_names = reserved_request_names().with_wire_names(
            spec.parameters
                .iter()
                .map(|parameter| parameter.name.as_str()),
        );
        let fields: Vec<FieldIr> = spec
            .parameters
            .iter()
            .map(|parameter| self.parameter_field(name, parameter, &mut field_names))
            .collect();
        let has_rules = fields.iter().any(|field| self.field_has_rules(field));
        StructIr {
            name: name.to_string(),
            base_name: name.to_string(),
            doc: Doc {
                text: spec.description.clone(),
                ..Doc::default()
            },
            fields,
            has_rules,
        }
    }

    fn parameter_field(
        &mut self,
        owner: &str,
        parameter: &Parameter,
        names: &mut Names,
    ) -> FieldIr {
        let mut field = self.field(
            owner,
            &parameter.name,
            &parameter.schema,
            Side::Request,
            true,
            names,
        );
        field.location = match parameter.location {
            spec::Location::Query => Location::Query,
            spec::Location::Body | spec::Location::FormData => Location::Body,
        };
        let declared = match parameter.style {
            None | Some(spec::Style::Flat | spec::Style::RepeatList) => Style::Flat,
            Some(spec::Style::Json) => Style::Json,
            Some(spec::Style::Simple) => Style::Simple,
        };
        field.style = sent_style(&field.ty, declared);
        field
    }

    /// Lowers an object schema into a struct named `name` and records it.
    fn object(&mut self, name: &str, schema: &Schema, side: Side, top_level: bool) -> StructIr {
        let field_names = if side == Side::Request {
            reserved_request_names()
        } else {
            reserved_response_names()
        };
        let mut field_names = field_names.with_wire_names(
            schema
                .properties
                .iter()
                .flatten()
                .map(|(wire, _)| wire.as_str()),
        );
        let fields: Vec<FieldIr> = schema
            .properties
            .iter()
            .flatten()
            .map(|(wire, property)| {
                self.field(name, wire, property, side, top_level, &mut field_names)
            })
            .collect();
        let has_rules = fields
            .iter()
            .any(|field| self.field_has_rules(field) || (side == Side::Request && field.required));
        self.struct_rules.insert(name.to_string(), has_rules);
        StructIr {
            name: name.to_string(),
            base_name: name.to_string(),
            doc: doc_of(schema),
            fields,
            has_rules,
        }
    }

    fn field_has_rules(&self, field: &FieldIr) -> bool {
        let nested = |ty: &TypeIr| match ty {
            TypeIr::Struct(name) => self.struct_rules.get(name).copied().unwrap_or(false),
            TypeIr::List(item) => {
                matches!(item.as_ref(), TypeIr::Struct(name) if self.struct_rules.get(name).copied().unwrap_or(false))
            }
            _ => false,
        };
        !field.rules.is_empty() || !field.item_rules.is_empty() || nested(&field.ty)
    }

    fn field(
        &mut self,
        owner: &str,
        wire: &str,
        schema: &Schema,
        side: Side,
        owner_is_top: bool,
        names: &mut Names,
    ) -> FieldIr {
        let preferred = names.field_name(wire);
        let rust_name = if side == Side::Request {
            names.claim_request_field(&preferred)
        } else {
            names.claim_field(&preferred)
        };
        let mut field = FieldIr {
            wire_name: wire.to_string(),
            rust_name,
            doc: doc_of(schema),
            ty: TypeIr::String,
            required: side == Side::Request && schema.required,
            deprecated: schema.deprecated,
            rules: rules_of(schema),
            item_rules: Rules::default(),
            values: schema.enum_values.clone().unwrap_or_default(),
            holder: Holder::Optional,
            location: Location::Query,
            style: Style::Flat,
            wrapped: None,
        };
        if side == Side::Response {
            if let Some((item_wire, item_schema)) = wrapped_list(schema) {
                let item_type =
                    self.type_of(owner, item_wire, item_schema, side, owner_is_top, false);
                field.wrapped = Some(item_wire.to_string());
                field.ty = TypeIr::List(Box::new(item_type));
                field.item_rules = rules_of(item_schema);
                field.values = item_schema.enum_values.clone().unwrap_or_default();
                field.holder = holder(&field, side, owner_is_top);
                return field;
            }
        }
        field.ty = self.type_of(owner, wire, schema, side, owner_is_top, false);
        if let Type::Array(items) = &schema.ty {
            field.item_rules = rules_of(items);
            field.values = items.enum_values.clone().unwrap_or_default();
        }
        if side == Side::Request {
            field.style = sent_style(&field.ty, field.style);
        }
        field.holder = holder(&field, side, owner_is_top);
        field
    }

    /// The Rust type of `schema`, found under the wire name `wire` of a
    /// field of `owner`. Named types are created on first use.
    fn type_of(
        &mut self,
        owner: &str,
        wire: &str,
        schema: &Schema,
        side: Side,
        owner_is_top: bool,
        is_item: bool,
    ) -> TypeIr {
        match &schema.ty {
            Type::String if schema.enum_values.is_some() => {
                TypeIr::Enum(self.enumeration(owner, wire, schema, side, owner_is_top, is_item))
            }
            Type::String => TypeIr::String,
            Type::Integer(Some(IntegerFormat::Int32)) => TypeIr::I32,
            Type::Integer(Some(IntegerFormat::Int64) | None) => TypeIr::I64,
            Type::Number(Some(NumberFormat::Float)) => TypeIr::F32,
            Type::Number(Some(NumberFormat::Double) | None) => TypeIr::F64,
            Type::Boolean => TypeIr::Bool,
            Type::Array(items) => TypeIr::List(Box::new(self.type_of(
                owner,
                wire,
                items,
                side,
                owner_is_top,
                true,
            ))),
            Type::Object
                if schema
                    .properties
                    .as_ref()
                    .is_some_and(|properties| !properties.is_empty()) =>
            {
                let shape = Schema {
                    description: None,
                    required: false,
                    ..schema.clone()
                };
                if schema.rust_name.is_some() {
                    let known = self
                        .named_structs
                        .iter()
                        .find(|(known_side, known, _)| *known_side == side && *known == shape);
                    if let Some((_, _, name)) = known {
                        return TypeIr::Struct(name.clone());
                    }
                }
                let preferred = match &schema.rust_name {
                    Some(name) => name.clone(),
                    None if is_item => naming::pascal(&naming::singular(&naming::corrected(wire))),
                    None => naming::pascal(&naming::corrected(wire)),
                };
                let preferred = type_base(&preferred);
                let qualifier = owner
                    .trim_end_matches("Request")
                    .trim_end_matches("Response");
                // Then by the whole owner (`DescribeThingsResponseResult`
                // beside the request's `DescribeThingsResult`).
                let name = self
                    .types
                    .claim_struct(&preferred, qualifier)
                    .or_else(|| self.types.claim_struct(&preferred, owner))
                    .unwrap_or_else(|| self.name_taken(&preferred, owner));
                if schema.rust_name.is_some() {
                    self.named_structs.push((side, shape, name.clone()));
                }
                let mut lowered = self.object(&name, schema, side, false);
                lowered.base_name = preferred;
                match side {
                    Side::Request => self.request_structs.push(lowered),
                    Side::Response => self.response_structs.push(lowered),
                }
                TypeIr::Struct(name)
            }
            Type::Object => match &schema.additional_properties {
                Some(values) => TypeIr::Map(Box::new(self.type_of(
                    owner,
                    wire,
                    values,
                    side,
                    owner_is_top,
                    true,
                ))),
                None => TypeIr::Json,
            },
        }
    }

    /// Creates the enum for a string field. A one-word field name (`Status`,
    /// `Key`) is qualified by its struct (`HaVipStatus`, `FilterKey`); a
    /// longer one reads well alone (`AssociatedInstanceType`).
    fn enumeration(
        &mut self,
        owner: &str,
        wire: &str,
        schema: &Schema,
        side: Side,
        owner_is_top: bool,
        is_item: bool,
    ) -> String {
        let wire = naming::corrected(wire);
        let base = if is_item {
            naming::singular(&wire)
        } else {
            wire.clone()
        };
        let base = naming::pascal(&base);
        let one_word = naming::words(&wire).len() == 1;
        let owner_prefix = if owner_is_top { "" } else { owner };
        let preferred = match &schema.rust_name {
            Some(name) => name.clone(),
            None if one_word && !owner_is_top => format!("{owner_prefix}{base}"),
            None => base,
        };
        let preferred = type_base(&preferred);
        let qualifier = owner
            .trim_end_matches("Request")
            .trim_end_matches("Response");
        let name = self
            .types
            .claim_enum(&preferred, qualifier)
            .or_else(|| self.types.claim_enum(&preferred, owner))
            .unwrap_or_else(|| self.name_taken(&preferred, owner));
        let mut variant_names = Names::default();
        variant_names.claim("Unknown", "");
        let titles = schema.enum_value_titles.clone().unwrap_or_default();
        let variants = schema
            .enum_values
            .iter()
            .flatten()
            .map(|value| VariantIr {
                wire_name: value.clone(),
                rust_name: variant_names.claim(&naming::pascal(value), "Value"),
                doc: titles.get(value).cloned(),
            })
            .collect();
        let lowered = EnumIr {
            name: name.clone(),
            base_name: preferred,
            doc: doc_of(schema),
            variants,
        };
        match side {
            Side::Request => self.request_enums.push(lowered),
            Side::Response => self.response_enums.push(lowered),
        }
        name
    }
}

/// A type name without the trailing `_` that [`naming::pascal`] gives
/// `Self` (`Self_`): `Self_Builder` would not be UpperCamelCase. The bare
/// `Self` is reserved, so it is qualified by its parent like any taken name.
fn type_base(preferred: &str) -> String {
    match preferred.trim_end_matches('_') {
        "" => "Value".to_string(),
        trimmed => trimmed.to_string(),
    }
}

/// Method names of generated requests and builders that fields must not
/// take.
fn reserved_request_names() -> Names {
    let mut names = Names::default();
    // `clone`, `query_pairs`, `default`: a getter or setter of that name
    // would shadow the trait method that generated code calls
    // (`self.clone()`, `Builder::default()`); `rules`, `root`, `validator`:
    // `build()` binds each required field to a local of its name, which
    // would shadow its own locals.
    for reserved in [
        "builder",
        "build",
        "build_unchecked",
        "build_with",
        "into_builder",
        "validate",
        "clone",
        "default",
        "query_pairs",
        "body_pairs",
        "rules",
        "root",
        "validator",
    ]
    .into_iter()
    .chain(TRAIT_METHODS.iter().copied())
    {
        names.claim_field(reserved);
    }
    names
}

/// Methods of standard traits: a getter or setter of one of these names
/// reads as that trait's method, which clippy refuses
/// (`should_implement_trait`, `new_ret_no_self`).
const TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "cmp",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "new",
    "next",
    "not",
    "partial_cmp",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// Names a response field must not take: a list field gets a getter of
/// its name, which would shadow the trait functions called on responses
/// (`Response::default()`, `Response::from_json(..)`).
fn reserved_response_names() -> Names {
    let mut names = Names::default();
    for reserved in [
        "default",
        "clone",
        "from_json",
        "from_xml",
        "to_json",
        "to_xml",
    ]
    .into_iter()
    .chain(TRAIT_METHODS.iter().copied())
    {
        names.claim_field(reserved);
    }
    names
}

/// `{"HaVip": [...]}`: an object whose only property is an array is how
/// Alibaba Cloud wraps lists, the way XML renders them.
fn wrapped_list(schema: &Schema) -> Option<(&str, &Schema)> {
    if schema.ty != Type::Object {
        return None;
    }
    let properties = schema.properties.as_ref()?;
    let (name, inner) = properties.iter().next().filter(|_| properties.len() == 1)?;
    match &inner.ty {
        Type::Array(items) => Some((name.as_str(), items)),
        _ => None,
    }
}

/// How a request field is flattened: as its spec says, except that open
/// JSON (`serde_json::Value`) has no flat form and is always sent as one
/// JSON text.
fn sent_style(ty: &TypeIr, declared: Style) -> Style {
    if *ty == TypeIr::Json {
        Style::Json
    } else {
        declared
    }
}

/// How a field is held: a response reads every field as optional (the
/// service may leave any out); a request holds lists and maps as
/// collections (empty means unset) and a required value of the top-level
/// request as itself, checked by `build()`.
fn holder(field: &FieldIr, side: Side, top: bool) -> Holder {
    match (side, &field.ty) {
        (Side::Response, _) => Holder::Optional,
        (Side::Request, TypeIr::List(_) | TypeIr::Map(_)) => Holder::Collection,
        (Side::Request, _) if field.required && top => Holder::Plain,
        (Side::Request, _) => Holder::Optional,
    }
}

fn doc_of(schema: &Schema) -> Doc {
    Doc {
        text: schema.description.clone(),
        example: schema.example.as_ref().map(text_of),
        default: schema.default.as_ref().map(text_of),
    }
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn rules_of(schema: &Schema) -> Rules {
    let integer = matches!(schema.ty, Type::Integer(_));
    let bound = |value: &Option<Value>| {
        let number = value.as_ref().and_then(number_of)?;
        #[allow(
            clippy::cast_possible_truncation,
            reason = "validation has checked the bound is a whole number"
        )]
        Some(if integer {
            Number::Int(number as i64)
        } else {
            Number::Float(number)
        })
    };
    Rules {
        minimum: bound(&schema.minimum),
        maximum: bound(&schema.maximum),
        min_length: schema.min_length,
        max_length: schema.max_length,
        min_items: schema.min_items,
        max_items: schema.max_items,
        pattern: schema.pattern.clone(),
        forbidden_prefixes: schema.forbidden_prefixes.clone(),
        forbidden_substrings: schema.forbidden_substrings.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_json_is_sent_as_json_text_whatever_the_spec_says() {
        assert_eq!(sent_style(&TypeIr::Json, Style::Flat), Style::Json);
        assert_eq!(sent_style(&TypeIr::Json, Style::Simple), Style::Json);
        let list = TypeIr::List(Box::new(TypeIr::String));
        assert_eq!(sent_style(&list, Style::Simple), Style::Simple);
        assert_eq!(sent_style(&list, Style::Flat), Style::Flat);
    }
}
