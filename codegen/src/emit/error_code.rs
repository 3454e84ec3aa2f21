//! The typed error codes: the product's one `ErrorCode` enum, in a crate
//! of its own, and each action's table of its documented codes and
//! statuses.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::ident;
use crate::ir::{ActionIr, CrateIr, ERROR_CODE_TYPE, ProductCodeIr};

/// `src/lib.rs` of the error codes crate: the product's `ErrorCode` enum,
/// or, when no action documents a code, the runtime's
/// `UndocumentedErrorCode` under that name.
///
/// The crate holds nothing else, so it needs only the runtime and cargo
/// compiles it beside the types crate: the enum has a variant per code of
/// the whole product (1,769 for VPC), and in the types crate it made the
/// shard crates wait for it.
pub(crate) fn crate_lib_rs(krate: &CrateIr) -> TokenStream {
    let doc = docs::inner_attrs(&[format!(
        "The error codes the API docs list for the actions of {} ({}), which it re-exports as `{ERROR_CODE_TYPE}`.",
        docs::code(&krate.package),
        docs::code(&krate.product),
    )]);
    let code = product_enum(krate).unwrap_or_else(|| undocumented_alias(krate));
    quote! {
        #doc
        #![forbid(unsafe_code)]
        #![warn(missing_docs)]

        #code
    }
}

/// The product's `ErrorCode` enum, or `None` when no action documents a
/// code.
///
/// The enum's `as_str` is a `match` and `From<&str>` a binary search of
/// its sorted table; equality, hashing, `Debug`, `Display` and the
/// runtime's `ErrorCode` trait come from `impl_error_code!`. Both are
/// compiled once, here: they are not `#[inline]`.
fn product_enum(krate: &CrateIr) -> Option<TokenStream> {
    let example = example(krate)?;
    let name = ident(ERROR_CODE_TYPE);
    let mut lines = vec![
        format!(
            "An error code of {}: why the service refused a call.",
            docs::code(&krate.product)
        ),
        String::new(),
        format!(
            "A variant for each of the {} codes the API docs list for any action; each action's docs list its own codes, with the HTTP status of each (also in its `Action::ERROR_CODES`). Any other code is kept as [`Self::Unknown`].",
            krate.error_codes.len()
        ),
        String::new(),
        "# Example".to_string(),
        String::new(),
        "```".to_string(),
    ];
    lines.extend(example);
    lines.push("```".to_string());
    let doc = docs::attrs(&lines);
    let variants = krate.error_codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let doc = docs::attrs(&[format!("{}.", docs::code(&code.code))]);
        quote!(#doc #variant,)
    });
    let texts = krate.error_codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let text = &code.code;
        quote!(Self::#variant => #text,)
    });
    let table = krate.error_codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let text = &code.code;
        quote!((#text, Self::#variant),)
    });
    Some(quote! {
        #doc
        #[derive(Clone)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A code the API docs do not list, kept exactly as sent.
            #[deprecated(note = "a pattern on `Unknown` stops matching once its code becomes a variant; compare `as_str()` in a catch-all arm instead")]
            Unknown(alibabacloud_runtime::UnknownValue),
        }

        impl #name {
            /// Each documented code and its variant, sorted by the code.
            const DOCUMENTED: &'static [(&'static str, Self)] = &[
                #(#table)*
            ];

            /// The code, exactly as the service sends it.
            #[allow(deprecated, reason = "the one place that reads `Unknown`")]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#texts)*
                    Self::Unknown(code) => code.as_str(),
                }
            }
        }

        alibabacloud_runtime::impl_error_code!(#name);
    })
}

/// The enum's example: a service error read from a body, its code matched.
/// It uses the code that the most actions document.
fn example(krate: &CrateIr) -> Option<Vec<String>> {
    let code = most_documented(krate)?;
    let codes_crate = &krate.error_codes_package.replace('-', "_");
    Some(vec![
        format!("use {codes_crate}::{ERROR_CODE_TYPE};"),
        "use alibabacloud_runtime::ServiceError;".to_string(),
        String::new(),
        format!(
            "let body = r#\"{{\"Code\":\"{}\",\"Message\":\"...\"}}\"#;",
            code.code
        ),
        format!("let error = ServiceError::<{ERROR_CODE_TYPE}>::from_response(400, body);"),
        "match error.code() {".to_string(),
        format!(
            "    Some({ERROR_CODE_TYPE}::{}) => {{ /* what to do about it */ }}",
            code.variant
        ),
        "    Some(other) => println!(\"refused: {other}\"),".to_string(),
        "    None => println!(\"refused without a code\"),".to_string(),
        "}".to_string(),
        String::new(),
        "// A code the docs do not list is kept, opaque, as sent.".to_string(),
        format!("let new = {ERROR_CODE_TYPE}::from(\"Some.NewCode\");"),
        "assert_eq!(new.as_str(), \"Some.NewCode\");".to_string(),
    ])
}

/// The code documented for the most actions (the first by text on a tie).
fn most_documented(krate: &CrateIr) -> Option<&ProductCodeIr> {
    let uses = |code: &ProductCodeIr| {
        krate
            .actions
            .iter()
            .filter(|action| {
                action
                    .error_code
                    .codes
                    .iter()
                    .any(|documented| documented.code == code.code)
            })
            .count()
    };
    let mut best: Option<(&ProductCodeIr, usize)> = None;
    for code in &krate.error_codes {
        let count = uses(code);
        if best.is_none_or(|(_, most)| count > most) {
            best = Some((code, count));
        }
    }
    best.map(|(code, _)| code)
}

/// The `ErrorCode` of a product that documents no codes: the runtime's,
/// which keeps every code as text.
fn undocumented_alias(krate: &CrateIr) -> TokenStream {
    let name = ident(ERROR_CODE_TYPE);
    let doc = docs::attrs(&[format!(
        "An error code of {}: the specs list no codes, so any code the service sends is kept as text.",
        docs::code(&krate.product)
    )]);
    quote! {
        #doc
        pub type #name = alibabacloud_runtime::UndocumentedErrorCode;
    }
}

/// The `ERROR_CODES` of an action's `impl Action`: each documented code
/// with its HTTP status (the lowest, for a code documented under several),
/// or nothing for an action that documents none (the trait's default is
/// empty).
pub(crate) fn action_table(action: &ActionIr) -> Option<TokenStream> {
    if action.error_code.codes.is_empty() {
        return None;
    }
    let path = type_path(action);
    let entries = action.error_code.codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let status = code.status;
        quote!((#path::#variant, #status),)
    });
    Some(quote! {
        const ERROR_CODES: &'static [(Self::ErrorCode, u16)] = &[
            #(#entries)*
        ];
    })
}

/// The path of the product's error code type from an action's module.
pub(crate) fn type_path(action: &ActionIr) -> TokenStream {
    let codes_crate = ident(&action.error_codes_crate);
    let name = ident(ERROR_CODE_TYPE);
    quote!(#codes_crate::#name)
}
