//! From IR to files: one emitter per concern, each returning a
//! `TokenStream`; this module only assembles them into files, formats them
//! with prettyplease and puts the "generated" header on top.

mod client;
mod crate_root;
mod docs;
mod enums;
mod error_code;
mod manifest;
mod model;
mod query;
mod request;
mod response;
mod types;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{ActionIr, CrateIr};

/// A generator bug: emitted tokens that are not valid Rust, or a template
/// that does not render.
#[derive(Debug)]
pub enum EmitError {
    /// The tokens for `file` did not parse as Rust.
    InvalidRust {
        /// The file being generated.
        file: String,
        /// What syn said.
        error: syn::Error,
    },
    /// A template failed to render.
    Template(minijinja::Error),
}

impl fmt::Display for EmitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmitError::InvalidRust { file, error } => write!(
                f,
                "generator bug: the code for {file} is not valid Rust: {error}"
            ),
            EmitError::Template(error) => {
                write!(f, "generator bug: a template failed to render: {error}")
            }
        }
    }
}

impl std::error::Error for EmitError {}

impl From<minijinja::Error> for EmitError {
    fn from(error: minijinja::Error) -> Self {
        EmitError::Template(error)
    }
}

/// Every file of the product's crate and of its shard crates, by path
/// relative to the product crate's directory (the shard crates live in
/// `shards/<n>/` below it).
pub fn crate_files(krate: &CrateIr) -> Result<BTreeMap<PathBuf, String>, EmitError> {
    let mut files = BTreeMap::new();
    let example_action = crate_root::example_action(krate);
    let (readme_example, doc_example) = example_texts(krate, example_action.as_ref())?;
    // The README's mock example names the crate example's action.
    let mock_action = example_action
        .as_ref()
        .map(|(action, _)| *action)
        .or(krate.actions.first());
    let whole_spec = &krate.spec_dir;
    let shard_crates = krate.shard_crates();
    let mut rust_files = vec![
        (
            "src/lib.rs".to_string(),
            crate_root::lib_rs(krate, &shard_crates, &doc_example),
        ),
        (
            "src/endpoints.rs".to_string(),
            crate_root::endpoints_rs(krate),
        ),
        ("src/client.rs".to_string(), client::client_rs(krate)),
        ("src/blocking.rs".to_string(), client::blocking_rs(krate)),
    ];
    let mut shard_dirs = BTreeMap::new();
    for shard in &shard_crates {
        rust_files.push((
            format!("{}/src/lib.rs", shard.dir),
            crate_root::shard_lib_rs(krate, shard),
        ));
        for action in &shard.actions {
            shard_dirs.insert(action.name.as_str(), shard.dir.as_str());
        }
    }
    for (path, tokens) in rust_files {
        let text = rust_file(&path, whole_spec, tokens, Methods::AsWritten)?;
        files.insert(PathBuf::from(path), text);
    }
    let types_path = format!("{}/src/lib.rs", crate::ir::TYPES_DIR);
    let text = rust_file(
        &types_path,
        whole_spec,
        types_lib_rs(krate),
        Methods::Inline,
    )?;
    files.insert(PathBuf::from(types_path), text);
    // Not inline: the enum's lookups are compiled once, in its crate.
    let codes_path = format!("{}/src/lib.rs", crate::ir::ERROR_CODES_DIR);
    let text = rust_file(
        &codes_path,
        whole_spec,
        error_code::crate_lib_rs(krate),
        Methods::AsWritten,
    )?;
    files.insert(PathBuf::from(codes_path), text);
    files.insert(
        PathBuf::from(crate::ir::TYPE_NAMES_FILE),
        krate.types.names_file(),
    );
    files.extend(in_parallel(&krate.actions, |action| {
        action_rust_files(
            action,
            shard_dirs
                .get(action.name.as_str())
                .copied()
                .unwrap_or_default(),
        )
    })?);
    for (name, text) in manifest::render(krate, &shard_crates, &readme_example, mock_action)? {
        files.insert(PathBuf::from(name), text);
    }
    Ok(files)
}

/// The formatted files of one action's module, by path in the product
/// crate's directory; `shard_dir` is its shard's directory.
fn action_rust_files(
    action: &ActionIr,
    shard_dir: &str,
) -> Result<Vec<(PathBuf, String)>, EmitError> {
    action_files(action)
        .into_iter()
        .map(|(name, tokens)| {
            let path = format!(
                "{shard_dir}/src/{}/{name}",
                crate::naming::bare(&action.module)
            );
            let text = rust_file(&path, &action.spec_file, tokens, Methods::Inline)?;
            Ok((PathBuf::from(path), text))
        })
        .collect()
}

/// Runs `emit` on every action, spread over the machine's cores: actions
/// are independent, and building, parsing and printing their tokens is most
/// of a generation. Each thread takes the next action not yet taken, so a
/// run of large actions does not leave one core waiting for the other (with
/// fixed halves, one thread did 60% of the work). The files come back in
/// action order, so the output does not depend on which thread finished
/// first; the first error (in action order) is returned.
fn in_parallel<F>(actions: &[ActionIr], emit: F) -> Result<Vec<(PathBuf, String)>, EmitError>
where
    F: Fn(&ActionIr) -> Result<Vec<(PathBuf, String)>, EmitError> + Sync,
{
    type Emitted = (usize, Result<Vec<(PathBuf, String)>, EmitError>);
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(actions.len().max(1));
    let next = AtomicUsize::new(0);
    let take_and_emit = || -> Vec<Emitted> {
        let mut emitted = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(action) = actions.get(index) else {
                return emitted;
            };
            emitted.push((index, emit(action)));
        }
    };
    let mut emitted: Vec<Emitted> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads).map(|_| scope.spawn(take_and_emit)).collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    emitted.sort_unstable_by_key(|(index, _)| *index);
    let mut files = Vec::new();
    for (_, result) in emitted {
        files.extend(result?);
    }
    Ok(files)
}

/// The files of one action's module. Its error codes are the product's
/// `ErrorCode`, in the error codes crate; the action has only their table,
/// in its `impl Action`.
fn action_files(action: &ActionIr) -> Vec<(&'static str, TokenStream)> {
    let mut files = vec![
        ("mod.rs", crate_root::action_mod_rs(action)),
        ("request.rs", request_file(action)),
        ("response.rs", response_file(action)),
    ];
    if action.deprecated {
        // The request type is `#[deprecated]` for its users; the action's
        // own impls and re-exports must not warn about it.
        for (_, tokens) in &mut files {
            let file = std::mem::take(tokens);
            *tokens = quote! {
                #![allow(deprecated, reason = "the action's own code uses its deprecated request type")]
                #file
            };
        }
    }
    files
}

fn request_file(action: &ActionIr) -> TokenStream {
    let validated = request::validated_structs(action);
    let top = request::top_level(action);
    let top_query = query::to_query(&action.request, true);
    let action_impl = query::action(action);
    let paginated = client::paginated(action);
    let nested = action.request_structs.iter().map(|item| {
        shared_reexport(action, &item.name, true)
            .unwrap_or_else(|| request_nested(item, &validated, false))
    });
    let enums = action
        .request_enums
        .iter()
        .map(|item| local_enum(action, item));
    let doc = docs::inner_attrs(&[format!(
        "The request of {} and the types its fields use.",
        docs::code(&action.name)
    )]);
    quote! {
        #doc
        use alibabacloud_runtime::model;

        #top
        #top_query
        #action_impl
        #paginated
        #(#nested)*
        #(#enums)*
    }
}

fn response_file(action: &ActionIr) -> TokenStream {
    let top = response::model(&action.response, Some(action));
    let nested = action.response_structs.iter().map(|item| {
        shared_reexport(action, &item.name, false).unwrap_or_else(|| response::model(item, None))
    });
    let enums = action
        .response_enums
        .iter()
        .map(|item| local_enum(action, item));
    let doc = docs::inner_attrs(&[format!(
        "The success response of {} and the types its fields use.",
        docs::code(&action.name)
    )]);
    quote! {
        #doc
        use alibabacloud_runtime::model;

        #top
        #(#nested)*
        #(#enums)*
    }
}

/// A nested request struct with its query serializer.
fn request_nested(
    item: &crate::ir::StructIr,
    validated: &std::collections::BTreeSet<String>,
    shared: bool,
) -> TokenStream {
    let model = request::nested(item, validated, shared);
    let query = query::to_query(item, false);
    quote! { #model #query }
}

/// An enum of an action's module: its definition, or the re-export of the
/// shared one.
fn local_enum(action: &ActionIr, item: &crate::ir::EnumIr) -> TokenStream {
    shared_reexport(action, &item.name, false).unwrap_or_else(|| enums::enumeration(item))
}

/// For a nested type of `action` that lives in the types crate, its
/// re-export under the action's own name (and its builder's, for a request
/// struct); `None` for a type of the action's own.
fn shared_reexport(action: &ActionIr, local: &str, with_builder: bool) -> Option<TokenStream> {
    let shared = action.shared.get(local)?;
    let types = types::ident(&action.types_crate);
    let mut pairs = vec![(shared.clone(), local.to_string())];
    if with_builder {
        pairs.push((format!("{shared}Builder"), format!("{local}Builder")));
    }
    let items = pairs.iter().map(|(shared, local)| {
        let shared_ident = types::ident(shared);
        if shared == local {
            quote!(#shared_ident)
        } else {
            let local = types::ident(local);
            quote!(#shared_ident as #local)
        }
    });
    Some(quote! { pub use #types::{#(#items),*}; })
}

/// `src/lib.rs` of the types crate: the nested structs and enums that
/// several actions share.
fn types_lib_rs(krate: &CrateIr) -> TokenStream {
    let space = &krate.types;
    let validated: std::collections::BTreeSet<String> = space
        .structs
        .iter()
        .filter(|(side, item)| *side == crate::ir::Side::Request && item.has_rules)
        .map(|(_, item)| item.name.clone())
        .collect();
    let structs = space.structs.iter().map(|(side, item)| match side {
        crate::ir::Side::Request => request_nested(item, &validated, true),
        crate::ir::Side::Response => response::model(item, None),
    });
    let enums = space.enums.iter().map(enums::enumeration);
    let doc = docs::inner_attrs(&[
        format!(
            "The nested types that several actions of {} (Alibaba Cloud {}, API version {}) share: one `Tag`, not one per action.",
            docs::code(&krate.package),
            krate.title,
            krate.version
        ),
        String::new(),
        format!(
            "Each action's module re-exports the ones it uses, under the names it gives them; {} re-exports this crate as `types`. A shape is shared when it is the same in every use: the same wire names, types, rules and placement. Its docs keep the facts all uses agree on.",
            docs::code(&krate.package)
        ),
    ]);
    // Enums need no `model` path: their impls come from the runtime's macro.
    let model = (!space.structs.is_empty()).then(|| {
        quote!(
            use alibabacloud_runtime::model;
        )
    });
    quote! {
        #doc
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #model

        #(#structs)*
        #(#enums)*
    }
}

/// Whether a file's methods are marked `#[inline]`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Methods {
    /// As the emitter wrote them (the crate root, the client).
    AsWritten,
    /// Every method in an `impl` gets `#[inline]` (an action's files).
    ///
    /// rustc compiles an `#[inline]` function to machine code only in the
    /// crates that call it. A crate using five actions of a hundred then
    /// pays code generation for those five, and the SDK's own build skips
    /// it for every method nothing in the crate calls: in a debug build of
    /// the generated crate, code generation was half of the compiler's work.
    Inline,
}

/// Formats `tokens` as a Rust file with the generated header. The file
/// asks rustfmt to leave it alone: it is formatted by prettyplease, and
/// `cargo fmt` must not make it differ from a fresh generation.
fn rust_file(
    path: &str,
    source: &str,
    tokens: TokenStream,
    methods: Methods,
) -> Result<String, EmitError> {
    let tokens = quote! { #![cfg_attr(rustfmt, rustfmt_skip)] #tokens };
    let mut file: syn::File = syn::parse2(tokens).map_err(|error| EmitError::InvalidRust {
        file: path.to_string(),
        error,
    })?;
    if methods == Methods::Inline {
        mark_methods_inline(&mut file);
    }
    Ok(format!(
        "{}{}",
        header(source),
        space_items(&prettyplease::unparse(&file))
    ))
}

/// Adds `#[inline]`, after the docs, to every method of every `impl` in
/// `file` that does not already say how to inline it.
fn mark_methods_inline(file: &mut syn::File) {
    for item in &mut file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        for member in &mut block.items {
            let syn::ImplItem::Fn(method) = member else {
                continue;
            };
            if !method
                .attrs
                .iter()
                .any(|attr| attr.path().is_ident("inline"))
            {
                method.attrs.push(inline_attribute());
            }
        }
    }
}

/// `#[inline]`, built directly rather than parsed from text.
fn inline_attribute() -> syn::Attribute {
    let span = proc_macro2::Span::call_site();
    syn::Attribute {
        pound_token: syn::Token![#](span),
        style: syn::AttrStyle::Outer,
        bracket_token: syn::token::Bracket(span),
        meta: syn::Meta::Path(syn::Ident::new("inline", span).into()),
    }
}

/// prettyplease packs items together; a careful person leaves a blank line
/// after the module docs, between items and between the methods of an
/// impl, and keeps runs of `use` and `mod` lines together.
fn space_items(code: &str) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    for (index, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        let Some(next) = lines.get(index + 1) else {
            continue;
        };
        if needs_blank_line(line, next) {
            out.push('\n');
        }
    }
    out
}

fn needs_blank_line(line: &str, next: &str) -> bool {
    let next_trimmed = next.trim_start();
    if next.is_empty() || next_trimmed.starts_with('}') || next_trimmed.starts_with(')') {
        return false;
    }
    if line.starts_with("//!") {
        return !next.starts_with("//!");
    }
    if line.starts_with("///") {
        // A doc comment stays on its item; an example in it may end a
        // line with `;`.
        return false;
    }
    if line == "}" || line == "    }" {
        return true;
    }
    let top_level_statement =
        !line.starts_with(' ') && line.ends_with(';') && !next.starts_with(' ');
    let group = declaration_group(line);
    top_level_statement && (group.is_none() || group != declaration_group(next))
}

/// Lines that belong together when consecutive: `use`, `pub use`, `mod`,
/// `pub mod`, inner attributes.
fn declaration_group(line: &str) -> Option<&'static str> {
    ["#![", "pub use ", "use ", "pub mod ", "mod "]
        .into_iter()
        .find(|prefix| line.starts_with(prefix))
}

/// The comment every generated Rust file starts with.
fn header(source: &str) -> String {
    format!(
        "// @generated by `cargo xtask generate` from {source}.\n// Do not edit: change the spec and run the command again.\n\n"
    )
}

/// The crate example as the README shows it, and as the crate docs hold
/// it: there the client call is in a hidden `async fn`, so that rustdoc
/// compiles it without running it (it needs credentials and a network),
/// while the request part runs.
fn example_texts(
    krate: &CrateIr,
    chosen: Option<&(&ActionIr, Vec<TokenStream>)>,
) -> Result<(String, String), EmitError> {
    let Some(example) = crate_root::example(krate, chosen) else {
        return Ok((String::new(), String::new()));
    };
    let request = example_text(example.request)?;
    let Some(call) = example.call else {
        return Ok((request.clone(), request));
    };
    let statements = format!(
        "// Credentials from the default chain, the region from `ALIBABA_CLOUD_REGION_ID`.\n{}",
        example_text(call.statements)?
    );
    let readme = format!("{request}\n\n{statements}");
    let doc = format!(
        "{request}\n\n# #[cfg(feature = \"client\")]\n# async fn call(request: {}) -> Result<(), Box<dyn std::error::Error>> {{\n{statements}\n# Ok(())\n# }}",
        call.request_type
    );
    Ok((readme, doc))
}

/// The example statements as formatted text, without the function that
/// prettyplease needs around them.
fn example_text(statements: TokenStream) -> Result<String, EmitError> {
    let wrapped =
        quote! { fn example() -> Result<(), Box<dyn std::error::Error>> { #statements Ok(()) } };
    let file: syn::File = syn::parse2(wrapped).map_err(|error| EmitError::InvalidRust {
        file: "the crate example".to_string(),
        error,
    })?;
    let text = prettyplease::unparse(&file);
    let body: Vec<&str> = text.lines().collect();
    let inner = body
        .get(1..body.len().saturating_sub(2))
        .unwrap_or_default();
    let inner: Vec<&str> = inner
        .iter()
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .collect();
    Ok(space_items(&inner.join("\n")).trim_end().to_string())
}
