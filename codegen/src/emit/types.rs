//! Rust types and identifiers for IR types, and the type each field is held as.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{FieldIr, Holder, TypeIr};

/// An identifier from a name chosen by [`crate::naming`], raw if it starts
/// with `r#`.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// A method name built from a field name (`set_` + `r#type` → `set_type`,
/// `set_` + `_2nd_name` → `set_2nd_name`).
pub(crate) fn prefixed_ident(prefix: &str, name: &str) -> Ident {
    let bare = name.trim_start_matches("r#");
    let bare = if prefix.is_empty() {
        bare
    } else {
        bare.trim_start_matches('_')
    };
    ident(&format!("{prefix}{bare}"))
}

/// The Rust type of an IR type.
pub(crate) fn rust_type(ty: &TypeIr) -> TokenStream {
    match ty {
        TypeIr::String => quote!(String),
        TypeIr::I32 => quote!(i32),
        TypeIr::I64 => quote!(i64),
        TypeIr::F32 => quote!(f32),
        TypeIr::F64 => quote!(f64),
        TypeIr::Bool => quote!(bool),
        TypeIr::Enum(name) | TypeIr::Struct(name) => {
            let name = ident(name);
            quote!(#name)
        }
        TypeIr::List(item) => {
            let item = rust_type(item);
            quote!(Vec<#item>)
        }
        TypeIr::Map(value) => {
            let value = rust_type(value);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeIr::Json => quote!(serde_json::Value),
    }
}

/// The field's type as its struct holds it.
pub(crate) fn held_type(field: &FieldIr) -> TokenStream {
    holding(field, field.holder)
}

/// The type as a builder holds it: required values become optional.
pub(crate) fn builder_type(field: &FieldIr) -> TokenStream {
    holding(field, field.holder.in_builder())
}

fn holding(field: &FieldIr, holder: Holder) -> TokenStream {
    let ty = rust_type(&field.ty);
    match holder {
        Holder::Optional => quote!(Option<#ty>),
        Holder::Plain | Holder::Collection => ty,
    }
}

/// Whether values of this type are `Copy` (returned by value from getters).
pub(crate) fn is_copy(ty: &TypeIr) -> bool {
    matches!(
        ty,
        TypeIr::I32 | TypeIr::I64 | TypeIr::F32 | TypeIr::F64 | TypeIr::Bool
    )
}
