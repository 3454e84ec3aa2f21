//! Response models: every field optional so that what was absent stays
//! absent, exact wire names, wrapped lists as plain `Vec`s.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{ident, rust_type};
use crate::ir::{ActionIr, FieldIr, StructIr, TypeIr, WrappedItemIr};

/// One response struct; the top-level one also implements `ResponseBody`.
pub(crate) fn model(item: &StructIr, top: Option<&ActionIr>) -> TokenStream {
    let name = ident(&item.name);
    let doc_lines = match top {
        Some(action) => vec![
            format!("The success response of {}.", docs::code(&action.name)),
            String::new(),
            "Every field is optional: a field the service leaves out stays out when the response is written back.".to_string(),
        ],
        None => docs::doc_lines(&item.doc, &format!("One {} item of a response.", item.name)),
    };
    let doc = docs::attrs(&doc_lines);
    let fields = item.fields.iter().map(field);
    let list_getters = item.fields.iter().filter_map(list_getter);
    let response_body = top.map(|action| {
        let root = format!("{}Response", action.name);
        quote! {
            impl alibabacloud_runtime::ResponseBody for #name {
                const XML_ROOT: &'static str = #root;
            }
        }
    });
    let getters = {
        let getters: Vec<TokenStream> = list_getters.collect();
        (!getters.is_empty()).then(|| quote! { impl #name { #(#getters)* } })
    };
    quote! {
        #doc
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #getters
        #response_body
    }
}

fn field(field: &FieldIr) -> TokenStream {
    let name = ident(&field.rust_name);
    let ty = rust_type(&field.ty);
    let wire = &field.wire_name;
    let mut lines = docs::doc_lines(&field.doc, "Not described in the API docs.");
    lines.push(String::new());
    lines.push(match &field.wrapped {
        Some(item) => format!(
            "Wire name: {}, a list sent wrapped as {}.",
            docs::code(wire),
            docs::code(&format!("{{\"{}\": [...]}}", item.wire_name))
        ),
        None => format!("Wire name: {}.", docs::code(wire)),
    });
    if field.deprecated {
        // Not `#[deprecated]`: the field must still be read and written.
        lines.push("Deprecated in the API docs.".to_string());
    }
    let doc = docs::attrs(&lines);
    let codec = codec(field);
    quote! {
        #doc
        #[serde(rename = #wire, default, skip_serializing_if = "Option::is_none" #codec)]
        pub #name: Option<#ty>,
    }
}

/// The serde `with`/`deserialize_with` a field needs, if any.
fn codec(field: &FieldIr) -> Option<TokenStream> {
    let item = match &field.ty {
        TypeIr::List(item) => Some(item.as_ref()),
        _ => None,
    };
    let path = match (&field.wrapped, item) {
        (Some(wrapped), Some(item)) => {
            let marker = &wrapped.marker;
            if item.is_lenient_scalar() {
                format!(
                    "alibabacloud_runtime::wire::Wrapped::<items::{marker}, alibabacloud_runtime::wire::Lenient>"
                )
            } else {
                format!("alibabacloud_runtime::wire::Wrapped::<items::{marker}>")
            }
        }
        (None, Some(item)) if item.is_lenient_scalar() => {
            return Some(quote!(, deserialize_with = "alibabacloud_runtime::wire::lenient_list"));
        }
        (None, None) if field.ty.is_lenient_scalar() => {
            return Some(quote!(, deserialize_with = "alibabacloud_runtime::wire::lenient"));
        }
        _ => return None,
    };
    Some(quote!(, with = #path))
}

/// A getter returning a list field as a slice, empty when absent.
fn list_getter(field: &FieldIr) -> Option<TokenStream> {
    let TypeIr::List(item) = &field.ty else {
        return None;
    };
    let name = ident(&field.rust_name);
    let item = rust_type(item);
    let doc = docs::attrs(&[format!(
        "{} as a slice, empty when the service left it out.",
        docs::code(&field.wire_name)
    )]);
    Some(quote! {
        #doc
        pub fn #name(&self) -> &[#item] {
            self.#name.as_deref().unwrap_or_default()
        }
    })
}

/// The private marker types that name the items of wrapped lists.
pub(crate) fn item_markers(items: &[WrappedItemIr]) -> Option<TokenStream> {
    if items.is_empty() {
        return None;
    }
    let markers = items.iter().map(|item| {
        let marker = ident(&item.marker);
        let wire = &item.wire_name;
        let doc = docs::attrs(&[format!("Items named {}.", docs::code(wire))]);
        quote! {
            #doc
            #[derive(Debug)]
            pub(super) enum #marker {}

            impl ItemName for #marker {
                const NAME: &'static str = #wire;
            }
        }
    });
    Some(quote! {
        /// The element names of the items inside wrapped lists, exactly as the service spells them.
        mod items {
            use alibabacloud_runtime::wire::ItemName;

            #(#markers)*
        }
    })
}
