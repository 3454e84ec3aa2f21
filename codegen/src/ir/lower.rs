//! Lowering a checked spec into the IR: every naming and typing decision
//! happens here, in one pass over each action.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path};

use serde_json::Value;

use super::{
    ActionIr, AsyncIr, CrateIr, Doc, EnumIr, FieldIr, Holder, Location, Number, Pagination,
    PaginationIr, Rules, StructIr, Style, TokenPaginationIr, TypeIr, VariantIr,
};
use crate::Layout;
use crate::diagnostics::Diagnostics;
use crate::naming;
use crate::spec::checked::{Action, IntegerFormat, NumberFormat, Parameter, Schema, Type};
use crate::spec::{self, LoadedAction, LoadedProduct, number_of};

/// The manifest of `alibabacloud-runtime`, built beside the generator.
const RUNTIME_MANIFEST: &str = include_str!("../../runtime/Cargo.toml");

/// The version of `alibabacloud-runtime` that generated crates depend on:
/// the `version` of its `[package]`, so the two cannot drift apart.
pub fn runtime_version() -> &'static str {
    RUNTIME_MANIFEST
        .lines()
        .skip_while(|line| line.trim() != "[package]")
        .take_while(|line| !line.starts_with('[') || line.trim() == "[package]")
        .find_map(|line| {
            let value = line
                .strip_prefix("version")?
                .trim_start()
                .strip_prefix('=')?;
            Some(value.trim().trim_matches('"'))
        })
        .unwrap_or("0.1.0")
}

/// Lowers a loaded product into the IR of its crate.
pub fn lower(product: &LoadedProduct, layout: &Layout) -> Result<CrateIr, Diagnostics> {
    let spec = &product.spec;
    let crate_dir = layout.output_dir.join(&product.dir_name);
    let mut actions: Vec<ActionIr> = product
        .actions
        .iter()
        .map(|action| lower_action(action, spec.reference_url.as_deref()))
        .collect();
    actions.sort_by(|a, b| a.name.cmp(&b.name));
    let mut problems = Diagnostics::default();
    let mut modules = BTreeMap::new();
    for action in &actions {
        if let Some(other) = modules.insert(action.module.clone(), action.name.clone()) {
            let message = format!(
                "action {:?} and {other:?} both become the module `{}`; rename one",
                action.name, action.module
            );
            problems.error(&action.spec_file, "/name", message);
        }
    }
    check_crate_root_names(&actions, &mut problems);
    // Cargo cannot have two packages of one name: neither the product's
    // crate nor a family's (`<crate>-<family>`) may be the runtime's.
    let runtime_package = "alibabacloud-runtime";
    if spec.crate_info.name == runtime_package {
        problems.error(
            &format!("{}/{}", product.rel_dir, crate::spec::PRODUCT_FILE),
            "/crate/name",
            format!(
                "the crate name {runtime_package:?} is the runtime crate's (expected another name)"
            ),
        );
    }
    for action in &actions {
        if format!("{}-{}", spec.crate_info.name, action.family) == runtime_package {
            let message = format!(
                "action {:?} is in the family {:?}, whose crate would be named {runtime_package:?} like the runtime crate (expected an \"x-family\" other than {:?})",
                action.name, action.family, action.family
            );
            problems.error(&action.spec_file, "/name", message);
        }
    }
    let names_file = crate_dir.join(super::TYPE_NAMES_FILE);
    let recorded = recorded_type_names(&layout.root, &names_file, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    let types_package = format!("{}-types", spec.crate_info.name);
    let types_crate = types_package.replace('-', "_");
    for action in &mut actions {
        action.types_crate.clone_from(&types_crate);
    }
    let types = super::type_space::build(&mut actions, &recorded);
    let error_codes = match super::error_codes::name_codes(&mut actions) {
        Ok(codes) => codes,
        Err(message) => {
            problems.error(&product.rel_dir, "", message);
            return Err(problems);
        }
    };
    Ok(CrateIr {
        types,
        error_codes,
        types_package,
        types_runtime_path: relative_path(&crate_dir.join(super::TYPES_DIR), &layout.runtime_dir),
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
        actions,
    })
}

/// The shared type names a previous run recorded in `file`, by key; none
/// if there is no such file (a first run, or a new output directory).
fn recorded_type_names(
    root: &Path,
    file: &Path,
    problems: &mut Diagnostics,
) -> BTreeMap<String, String> {
    let shown = crate::spec::relative_path(root, file);
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return BTreeMap::new(),
        Err(error) => {
            problems.error(
                &shown,
                "",
                format!("cannot read the recorded type names: {error}"),
            );
            return BTreeMap::new();
        }
    };
    match serde_json::from_str::<BTreeMap<String, String>>(&text) {
        // The file lists name to key, so a reader sees the names sorted.
        Ok(by_name) => by_name.into_iter().map(|(name, key)| (key, name)).collect(),
        Err(error) => {
            problems.error(
                &shown,
                "",
                format!(
                    "the recorded type names are not an object of names to keys ({error}); delete the file to have every shared type named afresh"
                ),
            );
            BTreeMap::new()
        }
    }
}

/// Modules and client methods of the product's crate that are not actions.
const ROOT_MODULES: &[&str] = &["blocking", "client", "endpoints", "runtime", "types"];
const CLIENT_METHODS: &[&str] = &["builder", "from_env", "runtime"];
/// Items the crate root re-exports from the runtime crate, which an
/// action's `<Action>Error` alias must not repeat.
const ROOT_ERRORS: &[&str] = &[
    "BuildError",
    "ConfigError",
    "SdkError",
    "ServiceError",
    "WireError",
];

/// Reports actions whose module, client method or error alias would clash
/// with the crate root's own items, or whose client methods clash with
/// each other's (`X` paginated and `XPaginator`).
fn check_crate_root_names(actions: &[ActionIr], problems: &mut Diagnostics) {
    let mut methods: BTreeMap<String, &str> = BTreeMap::new();
    for action in actions {
        let module = naming::bare(&action.module);
        let own_methods = std::iter::once(module.to_string()).chain(
            action
                .pagination
                .as_ref()
                .map(|_| format!("{module}_paginator")),
        );
        for method in own_methods {
            if let Some(other) = methods.insert(method.clone(), &action.name) {
                let message = format!(
                    "action {:?} and {other:?} both give the client a method `{method}`; rename one",
                    action.name
                );
                problems.error(&action.spec_file, "/name", message);
            }
        }
    }
    for action in actions {
        let module = naming::bare(&action.module);
        let alias = format!("{}Error", action.name);
        let clash = if ROOT_MODULES.contains(&module) || CLIENT_METHODS.contains(&module) {
            Some(format!("the module and client method `{module}`"))
        } else if ROOT_ERRORS.contains(&alias.as_str()) {
            Some(format!("the error alias `{alias}`"))
        } else {
            None
        };
        if let Some(clash) = clash {
            let message = format!(
                "action {:?} becomes {clash}, which the crate already has for its own use (expected an action name other than {})",
                action.name,
                [
                    "Blocking",
                    "Client",
                    "Endpoints",
                    "Runtime",
                    "Builder",
                    "FromEnv",
                    "Build",
                    "Config",
                    "Sdk",
                    "Service",
                    "Wire"
                ]
                .map(|name| format!("{name:?}"))
                .join(", ")
            );
            problems.error(&action.spec_file, "/name", message);
        }
    }
}

/// The path from directory `from` to `to`, both below the same root, with
/// `/` separators (it goes into a committed Cargo.toml).
fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<Component<'_>> = from.components().collect();
    let to: Vec<Component<'_>> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|part| part.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// Names already used in one module or one struct.
#[derive(Debug, Default)]
pub(super) struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    /// Takes `preferred`, or `qualifier + preferred`, or the first of those
    /// with a number appended that is free.
    pub(super) fn claim(&mut self, preferred: &str, qualifier: &str) -> String {
        let numbered = (2..).map(|counter| format!("{qualifier}{preferred}{counter}"));
        self.take_first(
            [preferred.to_string(), format!("{qualifier}{preferred}")]
                .into_iter()
                .chain(numbered),
        )
    }

    /// Takes the name of a struct, which needs `<name>Builder` free too:
    /// the first of the candidates of [`Names::claim`] for which both are.
    fn claim_struct(&mut self, preferred: &str, qualifier: &str) -> String {
        let numbered = (2..).map(|counter| format!("{qualifier}{preferred}{counter}"));
        let mut candidates = [preferred.to_string(), format!("{qualifier}{preferred}")]
            .into_iter()
            .chain(numbered);
        let name = candidates
            .find(|candidate| {
                !self.taken.contains(candidate)
                    && !self.taken.contains(&format!("{candidate}Builder"))
            })
            .unwrap_or_default();
        self.taken.insert(format!("{name}Builder"));
        self.taken.insert(name.clone());
        name
    }

    /// Takes `name` for a type, and `<name>Builder` with it, if both are
    /// free.
    pub(super) fn claim_exact_type(&mut self, name: &str) -> bool {
        let builder = format!("{name}Builder");
        if self.taken.contains(name) || self.taken.contains(&builder) {
            return false;
        }
        self.taken.insert(builder);
        self.taken.insert(name.to_string());
        true
    }

    /// Takes `preferred` for a type, or the first of `preferred2`,
    /// `preferred3`, ... that is free, with its builder name.
    pub(super) fn claim_type(&mut self, preferred: &str) -> String {
        self.claim_struct(preferred, "")
    }

    /// Takes `preferred` or `preferred_2`, `preferred_3`, ...
    fn claim_field(&mut self, preferred: &str) -> String {
        self.take_first(Self::field_candidates(preferred))
    }

    /// Takes a request field's name and the name of its `set_` setter
    /// (`SetName` takes `set_name` and `set_set_name`, so a later `Name`
    /// becomes `name_2` with `set_name_2`).
    fn claim_request_field(&mut self, preferred: &str) -> String {
        let mut candidates = Self::field_candidates(preferred);
        let name = candidates
            .find(|candidate| {
                !self.taken.contains(candidate) && !self.taken.contains(&setter_of(candidate))
            })
            .unwrap_or_default();
        self.taken.insert(setter_of(&name));
        self.taken.insert(name.clone());
        name
    }

    /// `preferred`, then `preferred_2`, `preferred_3`, ... (without a
    /// trailing `_` before the number: `self_` → `self_2`, as `self__2`
    /// is not snake case).
    fn field_candidates(preferred: &str) -> impl Iterator<Item = String> + use<> {
        let bare = naming::bare(preferred).trim_end_matches('_').to_string();
        let numbered = (2..).map(move |counter| format!("{bare}_{counter}"));
        std::iter::once(preferred.to_string()).chain(numbered)
    }

    /// The first candidate not taken yet, now taken. The candidates are
    /// endless, so one is always found.
    fn take_first(&mut self, candidates: impl Iterator<Item = String>) -> String {
        let mut candidates = candidates;
        candidates
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_default()
    }
}

/// The builder's setter of a field: `set_` + the bare name without a
/// leading `_` (as `emit::types::prefixed_ident` writes it).
fn setter_of(field: &str) -> String {
    format!("set_{}", naming::bare(field).trim_start_matches('_'))
}

/// Which side of the call a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Request,
    Response,
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
}

fn lower_action(loaded: &LoadedAction, reference_url: Option<&str>) -> ActionIr {
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
    fn request_struct(&mut self, name: &str, spec: &Action) -> StructIr {
        let mut field_names = reserved_request_names();
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
        field.style = match parameter.style {
            None | Some(spec::Style::Flat | spec::Style::RepeatList) => Style::Flat,
            Some(spec::Style::Json) => Style::Json,
            Some(spec::Style::Simple) => Style::Simple,
        };
        field
    }

    /// Lowers an object schema into a struct named `name` and records it.
    fn object(&mut self, name: &str, schema: &Schema, side: Side, top_level: bool) -> StructIr {
        let mut field_names = if side == Side::Request {
            reserved_request_names()
        } else {
            reserved_response_names()
        };
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
        let rust_name = if side == Side::Request {
            names.claim_request_field(&naming::snake(wire))
        } else {
            names.claim_field(&naming::snake(wire))
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
                    None if is_item => naming::pascal(&naming::singular(wire)),
                    None => naming::pascal(wire),
                };
                let preferred = type_base(&preferred);
                let qualifier = owner
                    .trim_end_matches("Request")
                    .trim_end_matches("Response");
                let name = self.types.claim_struct(&preferred, qualifier);
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
        let base = if is_item {
            naming::singular(wire)
        } else {
            wire.to_string()
        };
        let base = naming::pascal(&base);
        let one_word = naming::words(wire).len() == 1;
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
        let name = self.types.claim(&preferred, qualifier);
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
    fn the_runtime_version_is_read_from_its_manifest() {
        let expected = RUNTIME_MANIFEST
            .lines()
            .find(|line| line.starts_with("version = "))
            .map(|line| line.trim_start_matches("version = ").trim_matches('"'));
        assert_eq!(Some(runtime_version()), expected);
        assert!(
            runtime_version()
                .split('.')
                .all(|part| part.parse::<u32>().is_ok())
        );
    }

    #[test]
    fn relative_path_climbs_then_descends() {
        assert_eq!(
            relative_path(
                Path::new("/r/generated/vpc"),
                Path::new("/r/codegen/runtime")
            ),
            "../../codegen/runtime"
        );
    }

    #[test]
    fn names_are_qualified_then_numbered_on_collision() {
        let mut names = Names::default();
        assert_eq!(names.claim("Tag", "HaVip"), "Tag");
        assert_eq!(names.claim("Tag", "HaVip"), "HaVipTag");
        assert_eq!(names.claim("Tag", "HaVip"), "HaVipTag2");
    }

    #[test]
    fn colliding_fields_are_numbered() {
        let mut names = Names::default();
        assert_eq!(names.claim_field("vpc_id"), "vpc_id");
        assert_eq!(names.claim_field("vpc_id"), "vpc_id_2");
        assert_eq!(names.claim_field("r#type"), "r#type");
        assert_eq!(names.claim_field("r#type"), "type_2");
        assert_eq!(names.claim_field("self_"), "self_");
        assert_eq!(names.claim_field("self_"), "self_2");
    }

    #[test]
    fn request_fields_keep_their_setters_apart() {
        let mut names = Names::default();
        assert_eq!(names.claim_request_field("set_name"), "set_name");
        assert_eq!(names.claim_request_field("name"), "name_2");
        let mut names = Names::default();
        assert_eq!(names.claim_request_field("name"), "name");
        assert_eq!(names.claim_request_field("set_name"), "set_name_2");
    }

    #[test]
    fn structs_keep_their_builder_name_free() {
        let mut names = Names::default();
        names.claim("FilterBuilder", "");
        assert_eq!(names.claim_struct("Filter", "Owner"), "OwnerFilter");
    }
}
