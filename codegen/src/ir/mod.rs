//! The intermediate representation between spec and tokens.
//!
//! Every decision is made while lowering ([`lower`]): the Rust name and the
//! wire name of each field, its Rust type, whether it is required and
//! whether it is held as `T`, `Option<T>` or a collection, how it is sent,
//! which rules it must pass, whether a list is wrapped. Emitters only walk
//! these types and never look at the spec.
//!
//! The modules: `lower` turns each action into an [`ActionIr`]; `names`
//! hands out the names of one scope, each once; `type_space` finds the
//! shapes several actions share and names them, keeping the names recorded
//! in [`TYPE_NAMES_FILE`]; `clashes` reports generated names that would
//! collide; `error_codes` names the product's error codes once, for
//! every action; `runtime_dependency` says which version of the runtime crate
//! generated crates ask for, and where it is.

use std::collections::BTreeMap;

mod clashes;
mod error_codes;
mod lower;
mod names;
mod runtime_dependency;
mod type_space;

pub use error_codes::ERROR_CODE_TYPE;
pub use lower::{lower, lower_with_warnings};
pub use runtime_dependency::runtime_version;
pub use type_space::{TYPE_NAMES_FILE, TypeSpace};

/// Which side of a call a schema describes: request structs have builders
/// and rules, response structs public fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    /// Sent: built and checked by the caller.
    Request,
    /// Received: read from JSON or XML.
    Response,
}

/// One generated crate.
#[derive(Debug, Clone)]
pub struct CrateIr {
    /// Cargo package name, such as `alibabacloud-vpc`.
    pub package: String,
    /// The crate's name in Rust code, such as `alibabacloud_vpc`.
    pub lib_name: String,
    /// Cargo package description.
    pub description: String,
    /// Product code, such as `Vpc`.
    pub product: String,
    /// API version.
    pub version: String,
    /// Human-readable product name.
    pub title: String,
    /// The spec directory, relative to the repository root (for headers).
    pub spec_dir: String,
    /// Path from the crate's directory to the runtime crate.
    pub runtime_path: String,
    /// Path from a shard crate's directory (`shards/<n>/`) to the runtime
    /// crate.
    pub shard_runtime_path: String,
    /// The runtime crate's version.
    pub runtime_version: String,
    /// Host for regions not in `endpoints`, with `{regionId}` in it.
    pub endpoint_pattern: String,
    /// `(region, host)` for regions that do not follow the pattern, sorted.
    pub endpoints: Vec<(String, String)>,
    /// The features in the order `product.json` lists them (the API
    /// reference's table of contents); empty when it lists none.
    pub feature_order: Vec<String>,
    /// Every action, sorted by wire name.
    pub actions: Vec<ActionIr>,
    /// The nested types shared by several actions (or declared twice in
    /// one), generated once in the types crate.
    pub types: TypeSpace,
    /// Every error code documented for any action, sorted by its text: the
    /// variants of the product's [`ERROR_CODE_TYPE`] enum.
    pub error_codes: Vec<ProductCodeIr>,
    /// The types crate's Cargo package name: `alibabacloud-vpc-types`.
    pub types_package: String,
    /// Path from the types crate's directory to the runtime crate.
    pub types_runtime_path: String,
    /// The error codes crate's Cargo package name:
    /// `alibabacloud-vpc-error-codes`.
    pub error_codes_package: String,
    /// Path from the error codes crate's directory to the runtime crate.
    pub error_codes_runtime_path: String,
}

impl CrateIr {
    /// The resource families (cargo features), each once: those
    /// `product.json` lists in its order, then any other (an `x-family`)
    /// sorted.
    pub fn families(&self) -> Vec<&str> {
        let mut rest: std::collections::BTreeSet<&str> = self
            .actions
            .iter()
            .map(|action| action.family.as_str())
            .collect();
        let mut families: Vec<&str> = self
            .feature_order
            .iter()
            .map(String::as_str)
            .filter(|family| rest.remove(family))
            .collect();
        families.extend(rest);
        families
    }

    /// The shard crates that hold the action modules, each with whole
    /// families, balanced by generated size.
    ///
    /// The product's crate is a facade over these: rustc type-checks and
    /// borrow-checks a crate on one thread, so a product of hundreds of
    /// actions in one crate keeps one core busy for most of its build,
    /// while a crate per family pays a crate's fixed cost hundreds of
    /// times. A few shards keep every core busy at a bounded fixed cost.
    ///
    /// Families go, largest first (ties by name), to the shard with the
    /// least weight so far (ties by number): the longest-processing-time
    /// rule, deterministic for a given set of actions.
    pub fn shard_crates(&self) -> Vec<ShardCrate<'_>> {
        let families = self.families();
        let count = families.len().min(MAX_SHARDS);
        let mut weighted: Vec<(usize, &str)> = families
            .iter()
            .map(|family| {
                let weight = self
                    .actions
                    .iter()
                    .filter(|action| action.family == *family)
                    .map(ActionIr::weight)
                    .sum();
                (weight, *family)
            })
            .collect();
        weighted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let mut loads = vec![0usize; count];
        let mut members: Vec<Vec<&str>> = vec![Vec::new(); count];
        for (weight, family) in weighted {
            let lightest = (0..count)
                .min_by_key(|&shard| (loads[shard], shard))
                .unwrap_or(0);
            loads[lightest] += weight;
            members[lightest].push(family);
        }
        members
            .into_iter()
            .enumerate()
            .map(|(index, mut families)| {
                families.sort_unstable();
                let number = index + 1;
                let package = format!("{}-shard-{number}", self.package);
                ShardCrate {
                    lib_name: package.replace('-', "_"),
                    package,
                    dir: format!("{SHARDS_DIR}/{number}"),
                    actions: self
                        .actions
                        .iter()
                        .filter(|action| families.contains(&action.family.as_str()))
                        .collect(),
                    families,
                }
            })
            .collect()
    }
}

/// The directory, inside the product's crate, that holds the types crate.
pub const TYPES_DIR: &str = "types";

/// The directory, inside the product's crate, that holds the error codes
/// crate: the product's [`ERROR_CODE_TYPE`], alone in a crate that needs
/// nothing but the runtime, so that cargo compiles it beside the types
/// crate instead of before the shard crates (BENCHMARKS.md).
pub const ERROR_CODES_DIR: &str = "error-codes";

/// The directory, inside the product's crate, that holds the shard crates.
pub const SHARDS_DIR: &str = "shards";

/// The most shard crates a product is split into: enough to keep the
/// cores of a build machine busy, few enough that the fixed cost of a
/// crate (about 0.1 s of CPU each) stays small (BENCHMARKS.md).
pub const MAX_SHARDS: usize = 8;

/// A crate holding the action modules of some resource families,
/// re-exported by the product's crate under each family's cargo feature.
#[derive(Debug, Clone)]
pub struct ShardCrate<'a> {
    /// Cargo package name: `alibabacloud-vpc-shard-3`.
    pub package: String,
    /// The crate's name in Rust code: `alibabacloud_vpc_shard_3`.
    pub lib_name: String,
    /// Its directory, relative to the product crate's: `shards/3`.
    pub dir: String,
    /// Its families, sorted; each is also a feature of the shard.
    pub families: Vec<&'a str>,
    /// Its actions, sorted by wire name.
    pub actions: Vec<&'a ActionIr>,
}

/// One API action and every type it needs.
#[derive(Debug, Clone)]
pub struct ActionIr {
    /// The action's wire name, such as `DescribeHaVips`.
    pub name: String,
    /// The module holding its types, such as `describe_ha_vips`.
    pub module: String,
    /// The spec file, relative to the repository root.
    pub spec_file: String,
    /// The cargo feature of its resource family, such as `ha-vip`.
    pub family: String,
    /// Summary line, as the spec writes it.
    pub summary: Option<String>,
    /// The summary line built from facts (the name and the operation
    /// type), for an action whose spec has none.
    pub fact_summary: String,
    /// The action's page in the official API reference: its own
    /// `x-reference-url`, else the product's pattern.
    pub reference_url: Option<String>,
    /// For an asynchronous action, how to wait for it.
    pub asynchronous: Option<AsyncIr>,
    /// Longer description.
    pub description: Option<String>,
    /// Whether the action is deprecated.
    pub deprecated: bool,
    /// Accepted HTTP methods, upper case, most preferred first.
    pub methods: Vec<String>,
    /// The request type (`DescribeHaVipsRequest`).
    pub request: StructIr,
    /// The success response type (`DescribeHaVipsResponse`).
    pub response: StructIr,
    /// Structs used by the request's fields, in first-use order.
    pub request_structs: Vec<StructIr>,
    /// Structs used by the response's fields, in first-use order.
    pub response_structs: Vec<StructIr>,
    /// Enums used by the request.
    pub request_enums: Vec<EnumIr>,
    /// Enums used by the response.
    pub response_enums: Vec<EnumIr>,
    /// The error codes the API docs list for the action.
    pub error_code: ErrorCodeIr,
    /// How to walk the pages, for a paged list action.
    pub pagination: Option<Pagination>,
    /// Nested types of this action that live in the product's types crate:
    /// local name to shared name (often the same).
    pub shared: BTreeMap<String, String>,
    /// The types crate's name in Rust code: `alibabacloud_vpc_types`.
    pub types_crate: String,
    /// The error codes crate's name in Rust code, which defines the
    /// product's [`ERROR_CODE_TYPE`]: `alibabacloud_vpc_error_codes`.
    pub error_codes_crate: String,
}

impl ActionIr {
    /// Whether any field of the action is open JSON (`serde_json::Value`),
    /// so its crate needs `serde_json`.
    pub fn uses_json(&self) -> bool {
        std::iter::once(&self.request)
            .chain(std::iter::once(&self.response))
            .chain(self.local_structs(&self.request_structs))
            .chain(self.local_structs(&self.response_structs))
            .flat_map(|item| &item.fields)
            .any(|field| is_json(&field.ty))
    }

    /// The structs of `structs` generated in the action's own module (not
    /// shared).
    pub fn local_structs<'a>(
        &'a self,
        structs: &'a [StructIr],
    ) -> impl Iterator<Item = &'a StructIr> + 'a {
        structs
            .iter()
            .filter(|item| !self.shared.contains_key(&item.name))
    }

    /// A stand-in for how much code the action generates: its fields,
    /// enum values and error codes, plus a fixed share for the request,
    /// response and module around them. Used to balance the shards.
    pub fn weight(&self) -> usize {
        let fields =
            |structs: &[StructIr]| structs.iter().map(|item| item.fields.len()).sum::<usize>();
        let variants =
            |enums: &[EnumIr]| enums.iter().map(|item| item.variants.len()).sum::<usize>();
        20 + self.request.fields.len()
            + self.response.fields.len()
            + fields(&self.request_structs)
            + fields(&self.response_structs)
            + variants(&self.request_enums)
            + variants(&self.response_enums)
            + self.error_code.codes.len()
    }
}

/// How to wait for an asynchronous action: recorded for a later waiter,
/// shown in the docs today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AsyncIr {
    /// The action to poll, by wire name.
    pub poll: String,
    /// Seconds between two polls, if documented.
    pub interval_seconds: Option<u64>,
    /// The most polls, if documented.
    pub max_polls: Option<u64>,
}

/// Whether a type is, or holds, open JSON (`serde_json::Value`).
fn is_json(ty: &TypeIr) -> bool {
    match ty {
        TypeIr::Json => true,
        TypeIr::List(inner) | TypeIr::Map(inner) => is_json(inner),
        _ => false,
    }
}

/// The two ways Alibaba Cloud pages a list.
#[derive(Debug, Clone)]
pub enum Pagination {
    /// `PageNumber`/`PageSize` with a `TotalCount`.
    Pages(Box<PaginationIr>),
    /// `NextToken` (with `MaxResults`, usually).
    Token(Box<TokenPaginationIr>),
}

/// A list action paged by token: the fields a token paginator reads and
/// writes.
#[derive(Debug, Clone)]
pub struct TokenPaginationIr {
    /// The request's token field.
    pub request_token: FieldIr,
    /// The response's token field.
    pub response_token: FieldIr,
    /// The response's only list field: the items.
    pub items: FieldIr,
}

/// A list action paged by `PageNumber`/`PageSize` with a `TotalCount`:
/// the fields a paginator reads and writes.
#[derive(Debug, Clone)]
pub struct PaginationIr {
    /// The request's page number field.
    pub request_page_number: FieldIr,
    /// The response's page number field, if any.
    pub response_page_number: Option<FieldIr>,
    /// The response's page size field, if any.
    pub response_page_size: Option<FieldIr>,
    /// The response's total count field.
    pub total_count: FieldIr,
    /// The response's only list field: the items.
    pub items: FieldIr,
}

/// A struct: a request, a response or a nested object.
#[derive(Debug, Clone)]
pub struct StructIr {
    /// The Rust type name.
    pub name: String,
    /// The name it would have without a qualifier that keeps it apart from
    /// another type of its action (`Tag` for `VpnConnectionTag`).
    pub base_name: String,
    /// Doc text.
    pub doc: Doc,
    /// Fields in documentation order.
    pub fields: Vec<FieldIr>,
    /// Whether any field, or any struct below, has a rule to check.
    pub has_rules: bool,
}

/// One field of a struct.
#[derive(Debug, Clone)]
pub struct FieldIr {
    /// The wire name, exactly as the service spells it.
    pub wire_name: String,
    /// The Rust field name (may be a raw identifier such as `r#type`).
    pub rust_name: String,
    /// Doc text.
    pub doc: Doc,
    /// The Rust type, without the `Option`/`Vec` shell of the field.
    pub ty: TypeIr,
    /// Whether the field must be set (requests only).
    pub required: bool,
    /// How the struct holds the field: `T`, `Option<T>` or a collection.
    pub holder: Holder,
    /// Whether the field is deprecated.
    pub deprecated: bool,
    /// The rules the value must pass.
    pub rules: Rules,
    /// For a list: the rules each item must pass.
    pub item_rules: Rules,
    /// The documented values of an enum field, or of a list's enum items,
    /// for the docs (unknown values are still accepted).
    pub values: Vec<String>,
    /// Where a request field is sent.
    pub location: Location,
    /// How a request field is flattened (open JSON always as JSON text).
    pub style: Style,
    /// For a response list sent wrapped (`{"HaVip": [...]}`): the item
    /// element's wire name, exactly as the service spells it
    /// (`associatedEipAddresse`).
    pub wrapped: Option<String>,
}

/// How a struct holds a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// `T`: a required value of the top-level request.
    Plain,
    /// `Option<T>`.
    Optional,
    /// `Vec<T>` or `BTreeMap<String, T>`; empty means unset.
    Collection,
}

impl Holder {
    /// How a request builder holds the field: a required value stays
    /// unset until `build()` checks it.
    pub fn in_builder(self) -> Holder {
        match self {
            Holder::Plain | Holder::Optional => Holder::Optional,
            Holder::Collection => Holder::Collection,
        }
    }
}

/// A Rust type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeIr {
    /// `String`.
    String,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `bool`.
    Bool,
    /// An enum generated in the same module.
    Enum(String),
    /// A struct generated in the same module.
    Struct(String),
    /// `Vec<T>`.
    List(Box<TypeIr>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeIr>),
    /// `serde_json::Value`, for an object the spec leaves open.
    Json,
}

/// The documented rules of a value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rules {
    /// Smallest number.
    pub minimum: Option<Number>,
    /// Largest number.
    pub maximum: Option<Number>,
    /// Fewest characters.
    pub min_length: Option<u64>,
    /// Most characters.
    pub max_length: Option<u64>,
    /// Fewest items.
    pub min_items: Option<u64>,
    /// Most items.
    pub max_items: Option<u64>,
    /// A regular expression the whole string must match.
    pub pattern: Option<String>,
    /// Prefixes a string must not start with.
    pub forbidden_prefixes: Vec<String>,
    /// Substrings a string must not contain.
    pub forbidden_substrings: Vec<String>,
}

impl Rules {
    /// Whether there is anything to check.
    pub fn is_empty(&self) -> bool {
        *self == Rules::default()
    }
}

/// A numeric bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// For integer fields.
    Int(i64),
    /// For floating-point fields.
    Float(f64),
}

/// Where a request field is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// In the query string.
    Query,
    /// In a form-encoded body.
    Body,
}

/// How a request field is flattened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `Name.1.Key=...`: one pair per scalar, dotted keys, 1-based indexes.
    Flat,
    /// One pair holding the value's JSON text.
    Json,
    /// One pair holding list items joined by commas.
    Simple,
}

/// An enum of documented string values that keeps unknown ones.
#[derive(Debug, Clone)]
pub struct EnumIr {
    /// The Rust type name.
    pub name: String,
    /// The name it would have without a qualifier that keeps it apart from
    /// another type of its action.
    pub base_name: String,
    /// Doc text.
    pub doc: Doc,
    /// Documented values.
    pub variants: Vec<VariantIr>,
}

/// One documented enum value.
#[derive(Debug, Clone)]
pub struct VariantIr {
    /// The value on the wire.
    pub wire_name: String,
    /// The Rust variant name.
    pub rust_name: String,
    /// What it means, if documented.
    pub doc: Option<String>,
}

/// The documented error codes of an action.
#[derive(Debug, Clone)]
pub struct ErrorCodeIr {
    /// Documented codes, in the spec's order (by HTTP status).
    pub codes: Vec<ErrorIr>,
}

/// One variant of the product's error code enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductCodeIr {
    /// The code as sent, such as `InvalidRegionId.NotFound`.
    pub code: String,
    /// The Rust variant name.
    pub variant: String,
}

/// One documented error code.
#[derive(Debug, Clone)]
pub struct ErrorIr {
    /// The code as sent, such as `InvalidRegionId.NotFound`.
    pub code: String,
    /// The variant of the product's error code enum.
    pub variant: String,
    /// The documented HTTP status: the lowest one, if the docs list the
    /// code under several.
    pub status: u16,
    /// Every documented case of the code: the docs list some codes several
    /// times, with different messages.
    pub cases: Vec<ErrorCaseIr>,
}

/// One documented case of an error code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCaseIr {
    /// The HTTP status.
    pub status: u16,
    /// The message the service sends.
    pub message: Option<String>,
    /// What it means.
    pub description: Option<String>,
}

/// Documentation of a type or field, from the spec.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// The description.
    pub text: Option<String>,
    /// An example value, as text.
    pub example: Option<String>,
    /// The default the service assumes, as text.
    pub default: Option<String>,
}
