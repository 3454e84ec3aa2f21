//! Query serialization: `ToQuery` for every request struct, and the
//! `Action` implementation that ties a request to its response and errors.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::ident;
use crate::ir::{ActionIr, FieldIr, Holder, Location, StructIr, Style, TypeIr};

/// `impl ToQuery` for a request struct: one writer call per field sent in
/// the query (`top`) or per field of a nested item.
pub(crate) fn to_query(item: &StructIr, top: bool) -> TokenStream {
    let name = ident(&item.name);
    let fields = item
        .fields
        .iter()
        .filter(|field| !top || field.location == Location::Query);
    let writes: Vec<TokenStream> = in_key_order(fields).into_iter().map(write_field).collect();
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

/// The fields in the order their pairs sort in, so that the runtime finds
/// the pairs already sorted and skips sorting them (issue 5, benchmark 1).
///
/// A field whose pairs are nested (`Name.1`, `Name.Key`) sorts as `Name.`,
/// one that sends one pair as `Name`: with `Tag` a list and `Tag-x` a
/// string, `Tag-x` comes first because `-` sorts before `.`. The sort is
/// stable, so fields with the same wire name keep their spec order, and so
/// do pairs with equal keys.
///
/// A wire name containing `.` could give a pair the same key as another
/// field's nested pair (`A.1` and item 1 of a list `A`) while sorting on the
/// other side of it, which would change the order of those equal keys.
/// Such structs keep their spec order; the runtime then sorts, as it does
/// for any other order that is not sorted.
fn in_key_order<'a>(fields: impl Iterator<Item = &'a FieldIr>) -> Vec<&'a FieldIr> {
    let mut fields: Vec<&FieldIr> = fields.collect();
    if fields.iter().all(|field| !field.wire_name.contains('.')) {
        fields.sort_by_cached_key(|field| sort_key(field));
    }
    fields
}

/// The key prefix every pair of `field` starts with: `Name.` when its pairs
/// are nested, `Name` when it is sent as one pair.
fn sort_key(field: &FieldIr) -> String {
    let nested = match field.style {
        Style::Json => false,
        Style::Simple if matches!(field.ty, TypeIr::List(_)) => false,
        _ => matches!(
            field.ty,
            TypeIr::List(_) | TypeIr::Map(_) | TypeIr::Struct(_)
        ),
    };
    if nested {
        format!("{}.", field.wire_name)
    } else {
        field.wire_name.clone()
    }
}

/// The writer call for one field, by its style.
fn write_field(field: &FieldIr) -> TokenStream {
    let name = ident(&field.rust_name);
    let wire = &field.wire_name;
    match (field.style, field.holder) {
        (Style::Json, Holder::Plain) => quote!(writer.json(#wire, &model::wire(&self.#name));),
        (Style::Json, Holder::Optional) => {
            quote!(if let Some(value) = &self.#name { writer.json(#wire, &model::wire(value)); })
        }
        (Style::Json, Holder::Collection) => {
            quote!(if !self.#name.is_empty() { writer.json(#wire, &model::wire(&self.#name)); })
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
    let error_code = super::error_code::type_path(action);
    let error_codes = super::error_code::action_table(action);
    let wire_name = &action.name;
    let methods = &action.methods;
    let body_fields: Vec<&FieldIr> = action
        .request
        .fields
        .iter()
        .filter(|field| field.location == Location::Body)
        .collect();
    let body_pairs = (!body_fields.is_empty()).then(|| {
        let writes = in_key_order(body_fields.into_iter()).into_iter().map(write_field);
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
            type ErrorCode = #error_code;
            #error_codes

            #body_pairs
        }
    }
}
