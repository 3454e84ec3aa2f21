//! Enums of documented string values that keep any other value as sent.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::ident;
use crate::ir::EnumIr;

/// The enum, its wire values (`DOCUMENTED`, `as_str`) and `From<&str>`;
/// every other impl is the same for all enums and comes from the
/// runtime's `impl_open_enum!`, which says why each is written as it is.
pub(crate) fn enumeration(item: &EnumIr) -> TokenStream {
    let name = ident(&item.name);
    let mut doc_lines = docs::doc_lines(
        &item.doc,
        &format!("The documented values of {}.", item.name),
    );
    doc_lines.push(String::new());
    doc_lines.push("A value the API docs do not list is kept, opaque, in `Unknown`, so nothing the service sends is lost; convert from text with `From<&str>`. To act on such a value, compare `as_str()` in a catch-all arm rather than matching `Unknown` (deprecated): that arm keeps matching when a later release adds the value as a variant (see [`UnknownValue`](alibabacloud_runtime::UnknownValue)).".to_string());
    let doc = docs::attrs(&doc_lines);
    let variants = item.variants.iter().map(|variant| {
        let rust = ident(&variant.rust_name);
        let mut lines = match &variant.doc {
            Some(text) => docs::text_lines(text),
            None => Vec::new(),
        };
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!("Wire value: {}.", docs::code(&variant.wire_name)));
        let doc = docs::attrs(&lines);
        quote! { #doc #rust, }
    });
    let to_str = item.variants.iter().map(|variant| {
        let rust = ident(&variant.rust_name);
        let wire = &variant.wire_name;
        quote!(Self::#rust => #wire,)
    });
    let from_str = item.variants.iter().map(|variant| {
        let rust = ident(&variant.rust_name);
        let wire = &variant.wire_name;
        quote!(#wire => Self::#rust,)
    });
    let wire_values = item.variants.iter().map(|variant| &variant.wire_name);
    quote! {
        #doc
        #[derive(Clone)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value the API docs do not list, kept exactly as sent.
            #[deprecated(note = "a pattern on `Unknown` stops matching once its value becomes a variant; compare `as_str()` in a catch-all arm instead")]
            Unknown(alibabacloud_runtime::UnknownValue),
        }

        impl #name {
            /// Every value the API docs list, as sent on the wire.
            pub const DOCUMENTED: &'static [&'static str] = &[#(#wire_values),*];

            /// The value as sent on the wire.
            #[allow(deprecated, reason = "the one place that reads `Unknown`")]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl From<&str> for #name {
            #[allow(deprecated, reason = "the one place that makes `Unknown`")]
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(alibabacloud_runtime::UnknownValue::from_unmatched(other)),
                }
            }
        }

        alibabacloud_runtime::impl_open_enum!(#name);
    }
}
