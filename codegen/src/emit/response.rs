//! Response models: every field optional so that what was absent stays
//! absent, exact wire names, wrapped lists as plain `Vec`s. Reading and
//! writing them is the runtime's, through the tables [`super::model`] emits.
//! Each has one private field more, [`naming::RECEIVED_FIELD`], the
//! runtime's table of values that arrived with another JSON type than the
//! documented one, so that they are written back with it; the public
//! fields keep the documented types.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs;
use super::model::{self, Holding};
use super::types::{held_type, ident, rust_type};
use crate::ir::{ActionIr, FieldIr, StructIr, TypeIr};
use crate::naming;

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
    let received = format_ident!("{}", naming::RECEIVED_FIELD);
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
    let read_write = model::read_write(&name, &item.fields, Holding::Response, top.is_none());
    quote! {
        #doc
        #[derive(Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #received: model::Received,
        }

        #getters
        #read_write
        #response_body
    }
}

fn field(field: &FieldIr) -> TokenStream {
    let name = ident(&field.rust_name);
    let ty = held_type(field);
    let lines = docs::response_field_lines(field);
    let doc = docs::attrs(&lines);
    quote! {
        #doc
        pub #name: #ty,
    }
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
