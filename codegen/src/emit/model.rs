//! How a struct is read and written: the field tables the runtime's shared
//! (de)serializer walks (`alibabacloud_runtime::model`), instead of a
//! serde derive per struct.
//!
//! A derive compiles a visitor per struct; these impls are one `match` per
//! direction, so an action costs little to build however many structs it
//! has.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::types::ident;
use crate::ir::{FieldIr, Holder, TypeIr};

/// How a struct holds its fields, which decides each field's slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holding {
    /// A response struct: every field `Option<T>`; lists may be wrapped.
    Response,
    /// A request struct: `T`, `Option<T>` or a collection, as lowering
    /// decided.
    Request,
    /// A request builder: `Option<T>` or a collection.
    Builder,
}

impl Holding {
    fn holder(self, field: &FieldIr) -> Holder {
        match self {
            Holding::Response | Holding::Request => field.holder,
            Holding::Builder => field.holder.in_builder(),
        }
    }
}

/// `impl Model`: the fields in wire order, for writing (and for `Debug`).
pub(crate) fn model(name: &Ident, fields: &[FieldIr], holding: Holding) -> TokenStream {
    let arms = fields.iter().enumerate().map(|(index, field)| {
        let rust = ident(&field.rust_name);
        let wire = &field.wire_name;
        let slot = match (holding.holder(field), &field.wrapped, &field.ty) {
            (Holder::Optional, Some(item), _) => quote!(model::wrapped(#item, &self.#rust)),
            (Holder::Optional, None, _) => quote!(model::optional(&self.#rust)),
            (Holder::Plain, ..) => quote!(model::Item::slot(&self.#rust)),
            (Holder::Collection, _, TypeIr::Map(_)) => quote!(model::non_empty_map(&self.#rust)),
            (Holder::Collection, ..) => quote!(model::non_empty(&self.#rust)),
        };
        let index = Literal::usize_unsuffixed(index);
        quote!(#index => (#wire, #slot),)
    });
    let (index, body) = lookup("index", arms, fields.is_empty());
    let received = (holding == Holding::Response).then(|| {
        let field = received_field();
        quote! {
            fn received(&self) -> Option<&model::Received> {
                Some(&self.#field)
            }
        }
    });
    quote! {
        impl model::Model for #name {
            fn field(&self, #index: usize) -> Option<(&'static str, model::Slot<'_>)> {
                #body
            }

            #received
        }
    }
}

/// A response's table of the JSON types its values arrived with.
fn received_field() -> Ident {
    format_ident!("{}", crate::naming::RECEIVED_FIELD)
}

/// The parameter and body of a lookup by `key`: `let found = match key
/// { arms, _ => return None }; Some(found)`, or `None` with the parameter
/// named `_key` when the struct has no fields.
fn lookup(key: &str, arms: impl Iterator<Item = TokenStream>, empty: bool) -> (Ident, TokenStream) {
    if empty {
        return (format_ident!("_{key}"), quote!(None));
    }
    let key = format_ident!("{key}");
    let body = quote! {
        let found = match #key {
            #(#arms)*
            _ => return None,
        };
        Some(found)
    };
    (key, body)
}

/// `impl ModelMut`: each field found by wire name, for reading. Requests
/// refuse names they do not know; responses skip them, and note the JSON
/// types values arrived with in their `Received` table.
pub(crate) fn model_mut(name: &Ident, fields: &[FieldIr], holding: Holding) -> TokenStream {
    let arms = fields.iter().map(|field| {
        let rust = ident(&field.rust_name);
        let wire = &field.wire_name;
        let slot = match (holding.holder(field), &field.wrapped) {
            (Holder::Optional, Some(item)) => {
                quote!(model::SlotMut::Wrapped(#item, &mut self.#rust))
            }
            (Holder::Optional, None) => quote!(model::SlotMut::Optional(&mut self.#rust)),
            (Holder::Plain | Holder::Collection, _) => {
                quote!(model::Item::slot_mut(&mut self.#rust))
            }
        };
        quote!(#wire => #slot,)
    });
    let (name_arg, body) = lookup("name", arms, fields.is_empty());
    let known = if holding == Holding::Response {
        let field = received_field();
        quote! {
            fn received_mut(&mut self) -> Option<&mut model::Received> {
                Some(&mut self.#field)
            }
        }
    } else {
        let wire_names = fields.iter().map(|field| &field.wire_name);
        quote! {
            fn known_fields(&self) -> Option<&'static [&'static str]> {
                Some(&[#(#wire_names),*])
            }
        }
    };
    quote! {
        impl model::ModelMut for #name {
            fn field_mut(&mut self, #name_arg: &str) -> Option<model::SlotMut<'_>> {
                #body
            }

            #known
        }
    }
}

/// Everything a struct that is read and written needs: the two tables,
/// and from the runtime's `impl_struct!` `Debug`, serde both ways (with
/// the crate's `serde` feature) and, when nested, `Item`.
///
/// The serde impls are generic over the format, and type-checking them was
/// an eighth of the crate's front-end build, paid by users who never call
/// serde themselves (the JSON and XML of responses go through the field
/// tables without them): hence the feature.
pub(crate) fn read_write(
    name: &Ident,
    fields: &[FieldIr],
    holding: Holding,
    nested: bool,
) -> TokenStream {
    let model = model(name, fields, holding);
    let model_mut = model_mut(name, fields, holding);
    let nested = nested.then(|| quote!(, nested));
    quote! {
        #model
        #model_mut
        alibabacloud_runtime::impl_struct!(#name #nested);
    }
}
