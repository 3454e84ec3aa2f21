//! Enums of documented string values that keep any other value as sent.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::ident;
use crate::ir::EnumIr;

/// The enum, `as_str`, conversions from text, `Display` and serde; reading,
/// writing and sending it come from the runtime through `model::Enum`.
///
/// `PartialEq`, `Hash` and `Debug` go through the wire value instead of
/// being derived: each is then one line instead of a `match` over every
/// variant, which cut 6% of the compiler's work on the committed crate
/// (callgrind), and two values that send the same text are equal.
/// `Eq` is an empty impl rather than a derive: the derive adds a method per
/// enum that only asserts, at compile time, what `String` already is.
pub(crate) fn enumeration(item: &EnumIr) -> TokenStream {
    let name = ident(&item.name);
    let mut doc_lines = docs::doc_lines(
        &item.doc,
        &format!("The documented values of {}.", item.name),
    );
    doc_lines.push(String::new());
    doc_lines.push("A value the API docs do not list is kept as [`Self::Unknown`], so nothing the service sends is lost; convert from text with `From<&str>`.".to_string());
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
            Unknown(String),
        }

        /// Equal when the wire values are, so `Unknown` holding a documented
        /// value equals that value's variant.
        impl PartialEq for #name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl Eq for #name {}

        /// Hashes the wire value, which is what `PartialEq` compares.
        impl std::hash::Hash for #name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                std::hash::Hash::hash(self.as_str(), state)
            }
        }

        /// The wire value; `Unknown("...")` around one the docs do not list.
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                model::debug_enum(self.as_str(), Self::DOCUMENTED, f)
            }
        }

        impl #name {
            /// Every value the API docs list, as sent on the wire.
            pub const DOCUMENTED: &'static [&'static str] = &[#(#wire_values),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown(value),
                    known => known,
                }
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                model::deserialize_scalar(deserializer)
            }
        }

        /// Read, written and sent as its wire text; any text is a value.
        impl model::Enum for #name {}
    }
}
