//! The crate's `lib.rs`, its endpoint table and each action's `mod.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::ident;
use crate::ir::{ActionIr, CrateIr, Holder, ShardCrate, TypeIr};

/// `src/lib.rs` of the product's crate: crate docs with a compiled example,
/// the action modules of the shard crates, re-exports and the product
/// constants.
pub(crate) fn lib_rs(krate: &CrateIr, shards: &[ShardCrate<'_>], example: &str) -> TokenStream {
    let mut lines = vec![
        format!("Typed Rust SDK for Alibaba Cloud {} ({}), API version {}.", krate.title, docs::code(&krate.product), krate.version),
        String::new(),
        "Each action has a module holding its request (with a builder that checks every documented rule), its response models (JSON and XML, written back exactly as read) and its error codes. Requests flatten into Alibaba Cloud's RPC query style with [`Action::query_pairs`].".to_string(),
        String::new(),
        "# Example".to_string(),
        String::new(),
        "```".to_string(),
    ];
    lines.extend(example.lines().map(str::to_string));
    lines.push("# Ok::<(), Box<dyn std::error::Error>>(())".to_string());
    lines.push("```".to_string());
    lines.push(String::new());
    lines.push("# Actions".to_string());
    lines.push(String::new());
    lines.extend(action_list(&krate.actions));
    lines.push(String::new());
    lines.push("# Resource families".to_string());
    lines.push(String::new());
    lines.push(format!(
        "Each resource family is a cargo feature: a crate that needs one family compiles only its actions. The actions are compiled in {} shard crates ({}, ...), each holding whole families, whose modules this crate re-exports: cargo compiles the shards side by side, on every core.",
        shards.len(),
        shards.first().map(|shard| docs::code(&shard.package)).unwrap_or_default()
    ));
    let doc = docs::inner_attrs(&lines);
    let modules = shards.iter().flat_map(|shard| {
        let lib = ident(&shard.lib_name);
        shard.actions.iter().map(move |action| {
            let feature = &action.family;
            let module = ident(&action.module);
            let allow = action.deprecated.then(
                || quote!(#[allow(deprecated, reason = "re-exported for users who still call it")]),
            );
            let gate = gate(quote!(feature = #feature));
            quote!(#gate #[doc(inline)] #allow pub use #lib::#module;)
        })
    });
    let reexports = krate.actions.iter().map(|action| {
        let module = ident(&action.module);
        let request = ident(&action.request.name);
        let response = ident(&action.response.name);
        let error = ident(&format!("{}Error", action.name));
        let allow = action.deprecated.then(
            || quote!(#[allow(deprecated, reason = "re-exported for users who still call it")]),
        );
        let family = &action.family;
        let gate_family = gate(quote!(feature = #family));
        let gate_error =
            gate(quote!(all(any(feature = "client", feature = "blocking"), feature = #family)));
        quote! {
            #gate_family
            #allow pub use #module::{#request, #response};
            #gate_error
            #allow pub use #module::#error;
        }
    });
    let product = &krate.product;
    let version = &krate.version;
    let types = ident(&krate.types_package.replace('-', "_"));
    let error_codes = ident(&krate.error_codes_package.replace('-', "_"));
    let error_code_type = ident(crate::ir::ERROR_CODE_TYPE);
    let gate_async = gate(quote!(feature = "client"));
    let gate_blocking = gate(quote!(feature = "blocking"));
    let gate_either = gate(quote!(any(feature = "client", feature = "blocking")));
    let gate_mock = gate(quote!(all(
        feature = "test-util",
        any(feature = "client", feature = "blocking")
    )));
    quote! {
        #doc
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]
        #![cfg_attr(docsrs, feature(doc_cfg))]

        #gate_blocking
        pub mod blocking;
        #gate_async
        pub mod client;
        pub mod endpoints;
        #(#modules)*

        #(#reexports)*

        pub use alibabacloud_runtime::{Action, BuildError, QueryPairs, ResponseBody, ServiceError, WireError};
        #gate_async
        pub use client::Client;
        #gate_either
        pub use alibabacloud_runtime::client::{ConfigError, RetryPolicy, SdkError, SignatureVersion};
        #gate_either
        pub use alibabacloud_runtime::credentials::Credentials;
        /// A mock for the tests of code that calls this crate: typed rules
        /// answer a client's calls, with no network (feature `test-util`).
        #gate_mock
        pub use alibabacloud_runtime::mock;
        /// The hand-written support crate that generated code calls.
        pub use alibabacloud_runtime as runtime;
        /// The nested types several actions share (one `Tag` for all),
        /// also re-exported by each action's module under its own names.
        pub use #types as types;
        pub use #error_codes::#error_code_type;

        /// The product code sent to Alibaba Cloud.
        pub const PRODUCT: &str = #product;

        /// The API version every action of this crate uses.
        pub const API_VERSION: &str = #version;
    }
}

/// `#[cfg(condition)]`, and the same condition for docs.rs to show on the
/// item (the crate root turns on `doc_cfg` when built with `--cfg docsrs`).
fn gate(condition: TokenStream) -> TokenStream {
    quote!(#[cfg(#condition)] #[cfg_attr(docsrs, doc(cfg(#condition)))])
}

/// `src/lib.rs` of a shard crate: its action modules, each under its
/// family's feature, and the product constants their `Action` impls name.
pub(crate) fn shard_lib_rs(krate: &CrateIr, shard: &ShardCrate<'_>) -> TokenStream {
    let families: Vec<String> = shard
        .families
        .iter()
        .map(|family| docs::code(family))
        .collect();
    let mut lines = vec![
        format!(
            "The actions of the {} families of {} (Alibaba Cloud {}, API version {}).",
            families.join(", "),
            docs::code(&krate.package),
            krate.title,
            krate.version
        ),
        String::new(),
        format!(
            "Depend on {} with the families' features rather than on this crate: it re-exports these modules, with the client methods that call them. The actions of a large product are split into a few shard crates so that cargo compiles them side by side.",
            docs::code(&krate.package),
        ),
        String::new(),
        "# Actions".to_string(),
        String::new(),
    ];
    lines.extend(action_list(shard.actions.iter().copied()));
    let doc = docs::inner_attrs(&lines);
    let modules = shard.actions.iter().map(|action| {
        let module = ident(&action.module);
        let family = &action.family;
        let deprecated = action
            .deprecated
            .then(|| quote!(#[deprecated(note = "deprecated in the API docs")]));
        quote!(#[cfg(feature = #family)] #deprecated pub mod #module;)
    });
    let product = &krate.product;
    let version = &krate.version;
    quote! {
        #doc
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #(#modules)*

        /// The product code sent to Alibaba Cloud.
        pub const PRODUCT: &str = #product;

        /// The API version every action of this crate uses.
        pub const API_VERSION: &str = #version;
    }
}

/// `- [module]: summary` for each action, for a crate's docs.
fn action_list<'a>(actions: impl IntoIterator<Item = &'a ActionIr>) -> Vec<String> {
    actions
        .into_iter()
        .map(|action| {
            let summary = docs::action_summary_lines(action).join(" ");
            // rustdoc cannot resolve a link to a raw identifier
            // (`r#type`); link to the module's page instead.
            match action.module.strip_prefix("r#") {
                Some(bare) => format!("- [`{}`]({bare}/index.html): {}", action.module, summary),
                None => format!("- [`{}`]: {}", action.module, summary),
            }
        })
        .collect()
}

/// `src/endpoints.rs`: region → host, from the product spec.
pub(crate) fn endpoints_rs(krate: &CrateIr) -> TokenStream {
    let pattern = &krate.endpoint_pattern;
    let entries = krate
        .endpoints
        .iter()
        .map(|(region, host)| quote!((#region, #host),));
    quote! {
        //! The host of each region, from the product spec.

        /// The host of a region not listed in [`EXCEPTIONS`]; `{regionId}` is replaced by the region ID.
        pub const PATTERN: &str = #pattern;

        /// Regions whose host does not follow [`PATTERN`], sorted by region ID.
        pub const EXCEPTIONS: &[(&str, &str)] = &[
            #(#entries)*
        ];

        /// The host serving `region_id`.
        pub fn for_region(region_id: &str) -> String {
            match EXCEPTIONS.binary_search_by(|(region, _)| (*region).cmp(region_id)) {
                Ok(index) => EXCEPTIONS.get(index).map(|(_, host)| (*host).to_string()).unwrap_or_default(),
                Err(_) => PATTERN.replace("{regionId}", region_id),
            }
        }
    }
}

/// An action's `mod.rs`: docs and re-exports of every public type.
pub(crate) fn action_mod_rs(action: &ActionIr) -> TokenStream {
    let mut lines = docs::action_summary_lines(action);
    if let Some(description) = action
        .description
        .as_deref()
        .filter(|description| Some(*description) != action.summary.as_deref())
    {
        lines.push(String::new());
        lines.extend(docs::text_lines(description));
    }
    lines.push(String::new());
    lines.push(format!(
        "Action {}; generated from {}.",
        docs::code(&action.name),
        docs::code(&action.spec_file)
    ));
    if let Some(line) = docs::async_line(action) {
        lines.push(String::new());
        lines.push(line);
    }
    let error_codes = docs::error_code_lines(action);
    if !error_codes.is_empty() {
        lines.push(String::new());
        lines.extend(error_codes);
    }
    if let Some(reference) = docs::reference_line(action) {
        lines.push(String::new());
        lines.push(reference);
    }
    let doc = docs::inner_attrs(&lines);
    let request_types: Vec<_> = std::iter::once(action.request.name.clone())
        .chain(std::iter::once(format!("{}Builder", action.request.name)))
        .chain(
            action
                .request_structs
                .iter()
                .flat_map(|item| [item.name.clone(), format!("{}Builder", item.name)]),
        )
        .chain(action.request_enums.iter().map(|item| item.name.clone()))
        .map(|name| ident(&name))
        .collect();
    let response_types: Vec<_> = std::iter::once(&action.response.name)
        .chain(action.response_structs.iter().map(|item| &item.name))
        .chain(action.response_enums.iter().map(|item| &item.name))
        .map(|name| ident(name))
        .collect();
    let error_alias = super::client::error_alias(action);
    let deep = (deepest_collection(action) >= DEEP_COLLECTIONS).then(|| {
        quote! {
            #![allow(clippy::type_complexity, reason = "the API nests lists or maps this deep")]
        }
    });
    // An action named `Request` or `Response` holds a module of its own
    // name.
    let inception = |part: &str| {
        (crate::naming::bare(&action.module) == part).then(|| {
            quote!(#[allow(clippy::module_inception, reason = "the action is named like this part of it")])
        })
    };
    let (request_allow, response_allow) = (inception("request"), inception("response"));
    quote! {
        #doc
        #deep

        #request_allow
        mod request;
        #response_allow
        mod response;

        pub use request::{#(#request_types),*};
        pub use response::{#(#response_types),*};

        #error_alias
    }
}

/// Lists and maps nested this deep in each other (`Vec<Vec<Vec<T>>>`) make
/// types that clippy's `type_complexity` flags in getters and setters.
const DEEP_COLLECTIONS: usize = 3;

/// The most lists and maps any field of the action nests directly in each
/// other.
fn deepest_collection(action: &ActionIr) -> usize {
    fn depth(ty: &TypeIr) -> usize {
        match ty {
            TypeIr::List(inner) | TypeIr::Map(inner) => 1 + depth(inner),
            _ => 0,
        }
    }
    std::iter::once(&action.request)
        .chain(std::iter::once(&action.response))
        .chain(&action.request_structs)
        .chain(&action.response_structs)
        .flat_map(|item| &item.fields)
        .map(|field| depth(&field.ty))
        .max()
        .unwrap_or(0)
}

/// The crate example, in two parts: statements that build a request and
/// print its query (run by rustdoc), and the statements that send it with
/// the client (compiled, not run: they need credentials and a network).
pub(crate) struct Example {
    /// The imports and the request.
    pub(crate) request: TokenStream,
    /// The client call, which takes `request`; `None` when no action's
    /// request can be built from its documented examples.
    pub(crate) call: Option<Call>,
}

/// The client call of the crate example.
pub(crate) struct Call {
    /// The request type the call's statements take as `request`.
    pub(crate) request_type: String,
    /// The statements.
    pub(crate) statements: TokenStream,
}

/// The action the crate's examples use (its docs, README and mock
/// example), with the setters that fill its required fields.
///
/// Only an action whose required fields can all be set from their
/// documented examples without breaking a rule qualifies, so that the
/// example's `build()?` succeeds when rustdoc runs it: the product's own
/// list if it qualifies (`DescribeVpcs` for `Vpc`, the call a reader looks
/// for first), else the first that does by name.
pub(crate) fn example_action(krate: &CrateIr) -> Option<(&ActionIr, Vec<TokenStream>)> {
    let product_list = [
        format!("Describe{}s", krate.product),
        format!("List{}s", krate.product),
    ];
    let buildable = |action| Some((action, example_setters(action)?));
    krate
        .actions
        .iter()
        .filter(|action| product_list.contains(&action.name))
        .find_map(buildable)
        .or_else(|| krate.actions.iter().find_map(buildable))
}

/// The crate example: build the request of `chosen` (the
/// [`example_action`]) from the examples in the docs, print its query, send
/// it with the client. Without such an action, read the first action's
/// response instead.
pub(crate) fn example(
    krate: &CrateIr,
    chosen: Option<&(&ActionIr, Vec<TokenStream>)>,
) -> Option<Example> {
    let lib = ident(&krate.lib_name);
    let Some((action, setters)) = chosen else {
        let action = krate.actions.first()?;
        let module = ident(&action.module);
        let response = ident(&action.response.name);
        return Some(Example {
            request: quote! {
                use #lib::ResponseBody;
                use #lib::#module::#response;

                let response = #response::from_json("{}")?;
                assert_eq!(response, #response::default());
            },
            call: None,
        });
    };
    let module = ident(&action.module);
    let request = ident(&action.request.name);
    // A client method is named as its action's module.
    let method = &module;
    Some(Example {
        request: quote! {
            use #lib::Action;
            use #lib::#module::#request;

            let request = #request::builder() #(#setters)* .build()?;
            let query = request.query_pairs()?.to_query_string();
            println!("{query}");
        },
        call: Some(Call {
            request_type: action.request.name.clone(),
            statements: quote! {
                let client = #lib::Client::from_env()?;
                let response = client.#method(request).await?;
                println!("{response:?}");
            },
        }),
    })
}

/// The setter calls that fill the required fields of `action`'s request
/// from their documented examples (or `1`, `true`, an empty string), or
/// `None` if a value cannot be written as a literal or breaks the field's
/// rules.
fn example_setters(action: &ActionIr) -> Option<Vec<TokenStream>> {
    action
        .request
        .fields
        .iter()
        .filter(|field| field.holder == Holder::Plain)
        .map(|field| {
            let name = ident(&field.rust_name);
            let example = field.doc.example.clone().unwrap_or_default();
            let value = match &field.ty {
                TypeIr::I32 | TypeIr::I64 => {
                    let number: i64 = example.trim().parse().unwrap_or(1);
                    let fits = match field.ty {
                        TypeIr::I32 => i32::try_from(number).is_ok(),
                        _ => true,
                    };
                    #[allow(
                        clippy::cast_precision_loss,
                        reason = "only compared with documented bounds"
                    )]
                    let as_float = number as f64;
                    if !fits || !within(&field.rules, as_float) {
                        return None;
                    }
                    let literal = proc_macro2::Literal::i64_unsuffixed(number);
                    quote!(#literal)
                }
                TypeIr::F32 | TypeIr::F64 => {
                    let number: f64 = example.trim().parse().unwrap_or(1.0);
                    let fits = match field.ty {
                        #[allow(clippy::cast_possible_truncation, reason = "checking that it fits")]
                        TypeIr::F32 => (number as f32).is_finite(),
                        _ => number.is_finite(),
                    };
                    if !fits || !within(&field.rules, number) {
                        return None;
                    }
                    let literal = proc_macro2::Literal::f64_unsuffixed(number);
                    quote!(#literal)
                }
                TypeIr::Bool => quote!(true),
                TypeIr::String | TypeIr::Enum(_) | TypeIr::Json => {
                    if !text_fits(&field.rules, &example) {
                        return None;
                    }
                    quote!(#example)
                }
                TypeIr::Struct(_) | TypeIr::List(_) | TypeIr::Map(_) => return None,
            };
            Some(quote!(.#name(#value)))
        })
        .collect()
}

/// Whether `number` is within the rules' bounds.
fn within(rules: &crate::ir::Rules, number: f64) -> bool {
    #[allow(clippy::cast_precision_loss, reason = "only compared with an example")]
    let value = |bound: &crate::ir::Number| match bound {
        crate::ir::Number::Int(value) => *value as f64,
        crate::ir::Number::Float(value) => *value,
    };
    rules
        .minimum
        .as_ref()
        .is_none_or(|minimum| number >= value(minimum))
        && rules
            .maximum
            .as_ref()
            .is_none_or(|maximum| number <= value(maximum))
}

/// Whether `text` passes the rules of a string, as the runtime checks them.
fn text_fits(rules: &crate::ir::Rules, text: &str) -> bool {
    let length = u64::try_from(text.chars().count()).unwrap_or(u64::MAX);
    rules.min_length.is_none_or(|minimum| length >= minimum)
        && rules.max_length.is_none_or(|maximum| length <= maximum)
        && rules.pattern.as_ref().is_none_or(|pattern| {
            regex_lite::Regex::new(&format!("^(?:{pattern})$"))
                .is_ok_and(|regex| regex.is_match(text))
        })
        && !rules
            .forbidden_prefixes
            .iter()
            .any(|prefix| text.starts_with(prefix.as_str()))
        && !rules
            .forbidden_substrings
            .iter()
            .any(|part| text.contains(part.as_str()))
}
