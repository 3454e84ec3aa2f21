//! One type space per product: nested structs and enums that are the same
//! shape in several places are generated once, in the product's types
//! crate, and each action module re-exports them under its own names.
//!
//! A shape is keyed by its content, as typify's `TypeSpace` keys types: the
//! wire names, Rust names, types (children by their own content), rules,
//! placement and enum values. Docs are not part of the key: two `Tag`s that
//! differ only in an example value are one type, documented with the facts
//! every use agrees on.
//!
//! Names are stable. The product's `type-names.json` (written with the
//! generated crate) records the name given to each shared shape's key; a
//! later run gives a recorded shape its recorded name, so adding or removing
//! an action never renames an existing shared type. A new shape takes the
//! name most of its uses already have, or, when another shape holds that
//! name, the next free one of its other names, then that name numbered.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::names::Names;
use super::{ActionIr, Doc, EnumIr, FieldIr, Side, StructIr, TypeIr};
use crate::diagnostics::Diagnostics;
use crate::naming;

/// The file, in the product crate's directory, that records the name of
/// each shared shape.
pub const TYPE_NAMES_FILE: &str = "type-names.json";

/// The shared types of a product, generated in its types crate.
#[derive(Debug, Clone, Default)]
pub struct TypeSpace {
    /// Shared structs, sorted by name.
    pub structs: Vec<(Side, StructIr)>,
    /// Shared enums, sorted by name.
    pub enums: Vec<EnumIr>,
    /// The name of every shared shape, by key: what `type-names.json`
    /// records.
    pub names: BTreeMap<String, String>,
}

impl TypeSpace {
    /// Whether any shared field is open JSON, so the types crate needs
    /// `serde_json`.
    pub fn uses_json(&self) -> bool {
        self.structs
            .iter()
            .flat_map(|(_, item)| &item.fields)
            .any(|field| super::is_json(&field.ty))
    }

    /// `type-names.json`: shared type names and their keys, one per line,
    /// sorted by name.
    pub fn names_file(&self) -> String {
        let by_name: BTreeMap<&str, &str> = self
            .names
            .iter()
            .map(|(key, name)| (name.as_str(), key.as_str()))
            .collect();
        // A map of strings always serializes.
        let mut text = serde_json::to_string_pretty(&by_name).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The shared type names a previous run recorded in `file`, by key; none
/// if there is no such file (a first run, or a new output directory).
pub(super) fn recorded_type_names(
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

/// Where a nested type is declared: an action, its local name there, and
/// that name without the qualifier the action may have added.
#[derive(Debug, Clone)]
struct Use {
    action: usize,
    local: String,
    base: String,
    /// The base name of the nested struct whose field holds it; none when
    /// the request or response itself holds it.
    parent: Option<String>,
}

/// One nested type of one action, looked up by local name.
#[derive(Clone, Copy)]
enum Local<'a> {
    Struct(Side, &'a StructIr),
    Enum(&'a EnumIr),
}

/// Every nested type of an action, by local name.
fn locals(action: &ActionIr) -> BTreeMap<&str, Local<'_>> {
    let structs = action
        .request_structs
        .iter()
        .map(|item| (item.name.as_str(), Local::Struct(Side::Request, item)))
        .chain(
            action
                .response_structs
                .iter()
                .map(|item| (item.name.as_str(), Local::Struct(Side::Response, item))),
        );
    let enums = action
        .request_enums
        .iter()
        .chain(&action.response_enums)
        .map(|item| (item.name.as_str(), Local::Enum(item)));
    structs.chain(enums).collect()
}

/// The content of one action's nested types, as canonical text: what
/// makes two of them the same shape.
struct Signatures<'a> {
    locals: BTreeMap<&'a str, Local<'a>>,
    memo: BTreeMap<&'a str, String>,
}

impl<'a> Signatures<'a> {
    fn new(action: &'a ActionIr) -> Self {
        Self {
            locals: locals(action),
            memo: BTreeMap::new(),
        }
    }

    /// The signature of the nested type `name`, or `None` if the action
    /// declares no such type.
    fn of(&mut self, name: &str) -> Option<String> {
        if let Some(known) = self.memo.get(name) {
            return Some(known.clone());
        }
        let (&key, &local) = self.locals.get_key_value(name)?;
        // A type that (wrongly) contains itself keys by name below itself
        // rather than recursing for ever.
        self.memo.insert(key, format!("cycle {name}"));
        // The name the uses want is part of the shape: two shapes of one
        // content but different names (a `Filter` and a `Tag` that both
        // hold `Key` and `Value`) are two types, so that no use is named
        // what it is not.
        let text = match local {
            Local::Enum(item) => format!("{} {}", item.base_name, enum_signature(item)),
            Local::Struct(side, item) => {
                let fields: Vec<String> =
                    item.fields.iter().map(|field| self.field(field)).collect();
                format!(
                    "{} struct {side:?} {{{}}}",
                    item.base_name,
                    fields.join(";")
                )
            }
        };
        self.memo.insert(key, text.clone());
        Some(text)
    }

    fn field(&mut self, field: &FieldIr) -> String {
        format!(
            "{}|{}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}|{:?}",
            field.wire_name,
            field.rust_name,
            self.ty(&field.ty),
            field.required,
            field.deprecated,
            field.rules,
            field.item_rules,
            field.location,
            field.style,
            field.wrapped
        )
    }

    fn ty(&mut self, ty: &TypeIr) -> String {
        match ty {
            TypeIr::Struct(name) | TypeIr::Enum(name) => self
                .of(name)
                .map_or_else(|| format!("missing {name}"), |text| format!("({text})")),
            TypeIr::List(item) => format!("[{}]", self.ty(item)),
            TypeIr::Map(value) => format!("{{{}}}", self.ty(value)),
            other => format!("{other:?}"),
        }
    }
}

fn enum_signature(item: &EnumIr) -> String {
    let variants: Vec<String> = item
        .variants
        .iter()
        .map(|variant| {
            format!(
                "{}|{}|{:?}",
                variant.wire_name, variant.rust_name, variant.doc
            )
        })
        .collect();
    format!("enum {{{}}}", variants.join(";"))
}

/// A short, stable key for a signature: 64-bit FNV-1a, in hex. Written to
/// `type-names.json`, so it must not change between runs or platforms
/// (std's hasher may).
fn key_of(signature: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in signature.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Finds the shapes declared more than once in `actions`, names them
/// (keeping the names in `recorded`, by key), and records in each action
/// which of its local types are shared and under which name.
pub(super) fn build(
    actions: &mut [ActionIr],
    recorded: &BTreeMap<String, String>,
    problems: &mut Diagnostics,
) -> TypeSpace {
    // Every nested type of every action, by signature.
    let mut uses: BTreeMap<String, Vec<Use>> = BTreeMap::new();
    let mut children: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (index, action) in actions.iter().enumerate() {
        let mut signatures = Signatures::new(action);
        let parents = parents(action);
        let names: Vec<&str> = signatures.locals.keys().copied().collect();
        for name in names {
            let Some(signature) = signatures.of(name) else {
                continue;
            };
            let base = match signatures.locals.get(name) {
                Some(Local::Struct(_, item)) => item.base_name.clone(),
                Some(Local::Enum(item)) => item.base_name.clone(),
                None => name.to_string(),
            };
            uses.entry(signature.clone()).or_default().push(Use {
                action: index,
                local: name.to_string(),
                base,
                parent: parents.get(name).cloned(),
            });
            if let Some(Local::Struct(_, item)) = signatures.locals.get(name).copied() {
                let below: BTreeSet<String> = item
                    .fields
                    .iter()
                    .filter_map(|field| named_type(&field.ty))
                    .filter_map(|child| signatures.of(child))
                    .collect();
                children.insert(signature, below);
            }
        }
    }
    // Shared: declared twice or more, and everything a shared type holds.
    let mut shared: BTreeSet<String> = uses
        .iter()
        .filter(|(_, found)| found.len() > 1)
        .map(|(signature, _)| signature.clone())
        .collect();
    let mut pending: Vec<String> = shared.iter().cloned().collect();
    while let Some(signature) = pending.pop() {
        for child in children.get(&signature).into_iter().flatten() {
            if shared.insert(child.clone()) {
                pending.push(child.clone());
            }
        }
    }
    let names = name_shapes(&shared, &uses, actions, recorded, problems);
    // The record may name shapes that are not shared now, so count none.
    if shared
        .iter()
        .any(|signature| !names.contains_key(&key_of(signature)))
    {
        // A shape left unnamed was reported; nothing is generated.
        return TypeSpace::default();
    }

    // Each action's local names of shared types.
    let mut local_to_shared: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); actions.len()];
    for signature in &shared {
        let name = &names[&key_of(signature)];
        for found in &uses[signature] {
            local_to_shared[found.action].insert(found.local.clone(), name.clone());
        }
    }

    // Each action's nested types by local name, built once for the lookups
    // below.
    let by_action: Vec<BTreeMap<&str, Local<'_>>> =
        actions.iter().map(|action| locals(action)).collect();
    let mut space = TypeSpace::default();
    for signature in &shared {
        let found = &uses[signature];
        let Some(first) = found.first() else {
            continue;
        };
        let name = names[&key_of(signature)].clone();
        let renames = &local_to_shared[first.action];
        match by_action[first.action].get(first.local.as_str()).copied() {
            Some(Local::Struct(side, item)) => {
                let mut item = item.clone();
                item.name = name;
                for field in &mut item.fields {
                    rename(&mut field.ty, renames);
                }
                let all: Vec<&StructIr> = found
                    .iter()
                    .filter_map(
                        |use_| match by_action[use_.action].get(use_.local.as_str()) {
                            Some(Local::Struct(_, other)) => Some(*other),
                            _ => None,
                        },
                    )
                    .collect();
                agree_docs(&mut item, &all);
                space.structs.push((side, item));
            }
            Some(Local::Enum(item)) => {
                let mut item = item.clone();
                item.name = name;
                let docs: Vec<&Doc> = found
                    .iter()
                    .filter_map(
                        |use_| match by_action[use_.action].get(use_.local.as_str()) {
                            Some(Local::Enum(other)) => Some(&other.doc),
                            _ => None,
                        },
                    )
                    .collect();
                item.doc = agreed(&docs);
                space.enums.push(item);
            }
            None => {}
        }
    }
    space.structs.sort_by(|a, b| a.1.name.cmp(&b.1.name));
    space.enums.sort_by(|a, b| a.name.cmp(&b.name));
    for (action, shared) in actions.iter_mut().zip(local_to_shared) {
        action.shared = shared;
    }
    space.names = names;
    space
}

/// The base name of the nested struct that holds each nested type of an
/// action, by the type's local name (the first holder, in declaration
/// order; the request and response themselves are no holder).
fn parents(action: &ActionIr) -> BTreeMap<&str, String> {
    let mut parents = BTreeMap::new();
    for item in action
        .request_structs
        .iter()
        .chain(&action.response_structs)
    {
        for field in &item.fields {
            if let Some(child) = named_type(&field.ty) {
                parents
                    .entry(child)
                    .or_insert_with(|| item.base_name.clone());
            }
        }
    }
    parents
}

/// The struct or enum a field's type names, through lists and maps.
fn named_type(ty: &TypeIr) -> Option<&str> {
    match ty {
        TypeIr::Struct(name) | TypeIr::Enum(name) => Some(name),
        TypeIr::List(inner) | TypeIr::Map(inner) => named_type(inner),
        _ => None,
    }
}

/// Points a type at the shared names of the types it holds.
fn rename(ty: &mut TypeIr, renames: &BTreeMap<String, String>) {
    match ty {
        TypeIr::Struct(name) | TypeIr::Enum(name) => {
            if let Some(shared) = renames.get(name.as_str()) {
                name.clone_from(shared);
            }
        }
        TypeIr::List(inner) | TypeIr::Map(inner) => rename(inner, renames),
        _ => {}
    }
}

/// Names every shared shape: recorded names first, then new shapes in
/// order of their preferred name and key, so the result does not depend on
/// the order of actions or declarations.
fn name_shapes(
    shared: &BTreeSet<String>,
    uses: &BTreeMap<String, Vec<Use>>,
    actions: &[ActionIr],
    recorded: &BTreeMap<String, String>,
    problems: &mut Diagnostics,
) -> BTreeMap<String, String> {
    let mut taken = Names::default();
    for reserved in naming::RESERVED_TYPE_NAMES {
        taken.claim(reserved, "");
    }
    let mut names = BTreeMap::new();
    let mut keyed: Vec<(String, &String)> = shared
        .iter()
        .map(|signature| (key_of(signature), signature))
        .collect();
    keyed.sort();
    let mut recorded_first: Vec<(&String, &String)> = keyed
        .iter()
        .filter_map(|(key, _)| recorded.get(key).map(|name| (name, key)))
        .collect();
    recorded_first.sort();
    for (name, key) in recorded_first {
        if taken.claim_exact_type(name) {
            names.insert(key.clone(), name.clone());
        }
    }
    // A recorded shape that is not shared now (its actions were removed or
    // changed) keeps its name all the same: claimed, so that no other shape
    // takes it and changes what it means, and recorded again, so that the
    // shape comes back under it. Delete its line from the record to free it.
    for (key, name) in recorded {
        if !names.contains_key(key) && taken.claim_exact_type(name) {
            names.insert(key.clone(), name.clone());
        }
    }
    // The most used shape of a name gets it; the others take another name
    // their uses give them, or that name qualified by its holder.
    let mut new: Vec<(&String, &String, Vec<String>)> = keyed
        .iter()
        .filter(|(key, _)| !names.contains_key(key))
        .map(|(key, signature)| (key, *signature, preferred_names(&uses[*signature], actions)))
        .collect();
    new.sort_by_key(|(key, signature, preferred)| {
        (
            preferred.first().cloned(),
            std::cmp::Reverse(uses[*signature].len()),
            (*key).clone(),
        )
    });
    for (key, signature, preferred) in new {
        let found = &uses[signature];
        let qualified = qualified_names(&preferred, found);
        if let Some(name) = preferred
            .iter()
            .chain(&qualified)
            .find(|candidate| taken.claim_exact_type(candidate))
        {
            names.insert(key.clone(), name.clone());
            continue;
        }
        let by_resource = resource_qualified_names(&preferred, found, actions);
        match by_resource
            .iter()
            .find(|candidate| taken.claim_exact_type(candidate))
        {
            Some(name) => {
                named_by_resource(name, &preferred, found, actions, problems);
                names.insert(key.clone(), name.clone());
            }
            None => name_taken(&preferred, &qualified, found, actions, problems),
        }
    }
    names
}

/// A shape's name qualified by the resource of an action that uses it
/// (`CapacityReservation` + `PrivatePoolOptions`), one candidate per
/// using action in their order, then by the action's whole name
/// (`CreateCapacityReservationPrivatePoolOptions`); none that would repeat
/// the name (`Tag` + `Tag`).
///
/// The last resort before asking for an `x-rust-name`: a product imported
/// whole (ECS) has shapes that want one name and differ in ways only a
/// person can put into words, and generating its crate must not wait for
/// that person. The name is recorded like any other, so it stays when the
/// spec later names the shape.
fn resource_qualified_names(
    preferred: &[String],
    found: &[Use],
    actions: &[ActionIr],
) -> Vec<String> {
    let Some(base) = preferred.first() else {
        return Vec::new();
    };
    let mut names: Vec<String> = Vec::new();
    let action_names = found.iter().map(|use_| actions[use_.action].name.as_str());
    let resources: Vec<String> = action_names.clone().map(naming::resource).collect();
    // Then the whole action name, which no two actions share.
    let qualifiers = resources.iter().map(String::as_str).chain(action_names);
    for qualifier in qualifiers {
        let name = format!("{qualifier}{base}");
        if !qualifier.ends_with(base.as_str()) && !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// The actions that use a shape, each once, and the spec file of the
/// first: where a problem with its name is reported.
fn users_and_file<'a>(found: &[Use], actions: &'a [ActionIr]) -> (Vec<&'a str>, &'a str) {
    let mut users: Vec<&str> = found
        .iter()
        .map(|use_| actions[use_.action].name.as_str())
        .collect();
    users.dedup();
    let file = found
        .first()
        .map_or("", |use_| actions[use_.action].spec_file.as_str());
    (users, file)
}

/// Says which shape was named after an action's resource, so that the
/// name is a choice someone reviews (in the names golden file) and can
/// replace with an `x-rust-name`.
fn named_by_resource(
    name: &str,
    preferred: &[String],
    found: &[Use],
    actions: &[ActionIr],
    problems: &mut Diagnostics,
) {
    let (users, file) = users_and_file(found, actions);
    let wanted = preferred.first().map(String::as_str).unwrap_or_default();
    problems.warning(
        file,
        "",
        format!(
            "a type shared by {} is named `{name}` after an action's resource: `{wanted}` names another shape (an \"x-rust-name\" on its schema in each of these actions names it by how it differs)",
            users.join(", ")
        ),
    );
}

/// A shape's name qualified by the type that holds it, when every use
/// has the same holder: `TunnelOptions` + `TunnelIkeConfig`.
fn qualified_names(preferred: &[String], found: &[Use]) -> Vec<String> {
    let (Some(base), Some(first)) = (preferred.first(), found.first()) else {
        return Vec::new();
    };
    match &first.parent {
        Some(parent)
            if !base.starts_with(parent.as_str())
                && found.iter().all(|use_| use_.parent == first.parent) =>
        {
            vec![format!("{parent}{base}")]
        }
        _ => Vec::new(),
    }
}

/// Reports a shared shape every readable name of which another shape
/// holds: a number would tell a user nothing, so the spec must name it.
fn name_taken(
    preferred: &[String],
    qualified: &[String],
    found: &[Use],
    actions: &[ActionIr],
    problems: &mut Diagnostics,
) {
    let tried: Vec<String> = preferred
        .iter()
        .chain(qualified)
        .map(|name| format!("`{name}`"))
        .collect();
    let (users, file) = users_and_file(found, actions);
    problems.error(
        file,
        "",
        format!(
            "a type shared by {} has no free name: {} already name other shapes (expected an \"x-rust-name\" on its schema in each of these actions, saying how it differs)",
            users.join(", "),
            tried.join(", ")
        ),
    );
}

/// The names a shape's uses give it, best first: the name they want (one,
/// as it is part of the key), then a qualified local name when every use
/// has it and it does not start with the action's name. A local name only
/// some uses have would name the others after what they are not (a tag
/// of 25 actions called `CommonBandwidthPackageTag`).
fn preferred_names(found: &[Use], actions: &[ActionIr]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for use_ in found {
        if !names.contains(&use_.base) {
            names.push(use_.base.clone());
        }
    }
    if let Some(first) = found.first() {
        let agreed = found.iter().all(|use_| use_.local == first.local);
        let qualified_by_action = found
            .iter()
            .any(|use_| use_.local.starts_with(actions[use_.action].name.as_str()));
        if agreed && !qualified_by_action && !names.contains(&first.local) {
            names.push(first.local.clone());
        }
    }
    names
}

/// Keeps of a shared struct's docs, and of each field's, only what every
/// use agrees on.
fn agree_docs(item: &mut StructIr, all: &[&StructIr]) {
    let docs: Vec<&Doc> = all.iter().map(|other| &other.doc).collect();
    item.doc = agreed(&docs);
    for (index, field) in item.fields.iter_mut().enumerate() {
        let docs: Vec<&Doc> = all
            .iter()
            .filter_map(|other| other.fields.get(index))
            .map(|other| &other.doc)
            .collect();
        field.doc = agreed(&docs);
    }
}

/// The parts of several docs that are the same in all.
fn agreed(docs: &[&Doc]) -> Doc {
    let same = |part: fn(&Doc) -> &Option<String>| {
        let first = docs.first().and_then(|doc| part(doc).clone());
        first.filter(|value| docs.iter().all(|doc| part(doc).as_ref() == Some(value)))
    };
    Doc {
        text: same(|doc| &doc.text),
        example: same(|doc| &doc.example),
        default: same(|doc| &doc.default),
    }
}
