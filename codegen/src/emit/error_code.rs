//! The typed error codes of an action.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::ident;
use crate::ir::ActionIr;

/// The error code enum and its `ErrorCode` implementation; equality,
/// hashing and `Display` by the code's text come from the runtime's
/// `impl_error_code!`.
pub(crate) fn error_code(action: &ActionIr) -> TokenStream {
    let codes = &action.error_code;
    let name = ident(&codes.name);
    let doc = docs::attrs(&[
        format!(
            "The error codes the API docs list for {}.",
            docs::code(&action.name)
        ),
        String::new(),
        "Any other code the service sends is kept as [`Self::Unknown`].".to_string(),
    ]);
    let variants = codes.codes.iter().map(|code| {
        let rust = ident(&code.variant);
        let described = code
            .cases
            .iter()
            .any(|case| case.message.is_some() || case.description.is_some());
        if !described {
            // Only facts: the code and its status, on one line.
            let doc = docs::attrs(&[format!(
                "{}, {}.",
                docs::code(&code.code),
                docs::statuses(code)
            )]);
            return quote! { #doc #rust, };
        }
        let mut lines = vec![format!("{}.", docs::code(&code.code))];
        for case in &code.cases {
            lines.push(String::new());
            match &case.message {
                Some(message) => lines.push(format!(
                    "HTTP {}: {}",
                    case.status,
                    docs::text_lines(message).join(" ")
                )),
                None => lines.push(format!("HTTP {}.", case.status)),
            }
            if let Some(description) = &case.description {
                lines.push(String::new());
                lines.extend(docs::text_lines(description));
            }
        }
        let doc = docs::attrs(&lines);
        quote! { #doc #rust, }
    });
    let from_code = codes.codes.iter().map(|code| {
        let rust = ident(&code.variant);
        let wire = &code.code;
        quote!(#wire => Self::#rust,)
    });
    let as_str = codes.codes.iter().map(|code| {
        let rust = ident(&code.variant);
        let wire = &code.code;
        quote!(Self::#rust => #wire,)
    });
    let statuses = codes.codes.iter().map(|code| {
        let rust = ident(&code.variant);
        let status = code.status;
        quote!(Self::#rust => Some(#status),)
    });
    // With no documented code, every match would have a single arm.
    let (from_code, as_str, documented_status) = if codes.codes.is_empty() {
        (
            quote!(Self::Unknown(code.to_owned())),
            quote!(let Self::Unknown(code) = self; code),
            quote!(None),
        )
    } else {
        (
            quote!(match code { #(#from_code)* other => Self::Unknown(other.to_owned()), }),
            quote!(match self { #(#as_str)* Self::Unknown(code) => code, }),
            quote!(match self { #(#statuses)* Self::Unknown(_) => None, }),
        )
    };
    quote! {
        #doc
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A code the API docs do not list for this action, kept exactly as sent.
            Unknown(String),
        }

        impl alibabacloud_runtime::ErrorCode for #name {
            fn from_code(code: &str) -> Self {
                #from_code
            }

            fn as_str(&self) -> &str {
                #as_str
            }

            fn documented_status(&self) -> Option<u16> {
                #documented_status
            }
        }

        alibabacloud_runtime::impl_error_code!(#name);
    }
}
