//! Query serialization: `ToQuery` for every request struct, and the
//! `Action` implementation that ties a request to its response and errors.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::{Holder, holder, ident};
use crate::ir::{ActionIr, FieldIr, Location, StructIr, Style, TypeIr};

/// `impl ToQuery` for a request struct: one writer call per field sent in
/// the query (`top`) or per field of a nested item.
pub(crate) fn to_query(item: &StructIr, top: bool) -> TokenStream {
    let name = ident(&item.name);
    let writes: Vec<TokenStream> = item
        .fields
        .iter()
        .filter(|field| !top || field.location == Location::Query)
        .map(|field| write_field(field, top))
        .collect();
    let writer = if writes.is_empty() {
        quote!(_writer)
    } else {
        quote!(writer)
    };
    quote! {
        impl alibabacloud_runtime::ToQuery for #name {
            fn write_query(&self, #writer: &mut alibabacloud_runtime::QueryWriter) {
                #(#writes)*
            }
        }
    }
}

/// The writer call for one field, by its style.
fn write_field(field: &FieldIr, top: bool) -> TokenStream {
    let name = ident(&field.rust_name);
    let wire = &field.wire_name;
    let holder = holder(field, top);
    let style = if field.ty == TypeIr::Json {
        Style::Json
    } else {
        field.style
    };
    match (style, holder) {
        (Style::Json, Holder::Plain) => quote!(writer.json(#wire, &self.#name);),
        (Style::Json, Holder::Optional) => {
            quote!(if let Some(value) = &self.#name { writer.json(#wire, value); })
        }
        (Style::Json, Holder::Collection) => {
            quote!(if !self.#name.is_empty() { writer.json(#wire, &self.#name); })
        }
        (Style::Simple, _) if matches!(field.ty, TypeIr::List(_)) => {
            quote!(writer.simple(#wire, &self.#name);)
        }
        _ => quote!(writer.field(#wire, &self.#name);),
    }
}

/// `impl Action` for the request.
pub(crate) fn action(action: &ActionIr) -> TokenStream {
    let request = ident(&action.request.name);
    let response = ident(&action.response.name);
    let error_code = ident(&action.error_code.name);
    let wire_name = &action.name;
    let methods = &action.methods;
    let body_fields: Vec<&FieldIr> = action
        .request
        .fields
        .iter()
        .filter(|field| field.location == Location::Body)
        .collect();
    let body_pairs = (!body_fields.is_empty()).then(|| {
        let writes = body_fields.iter().map(|field| write_field(field, true));
        quote! {
            fn body_pairs(&self) -> Result<alibabacloud_runtime::QueryPairs, alibabacloud_runtime::QueryError> {
                let mut writer = alibabacloud_runtime::QueryWriter::new();
                #(#writes)*
                writer.finish()
            }
        }
    });
    quote! {
        impl alibabacloud_runtime::Action for #request {
            const PRODUCT: &'static str = crate::PRODUCT;
            const VERSION: &'static str = crate::API_VERSION;
            const NAME: &'static str = #wire_name;
            const METHODS: &'static [&'static str] = &[#(#methods),*];

            type Response = super::#response;
            type ErrorCode = super::#error_code;

            #body_pairs
        }
    }
}
