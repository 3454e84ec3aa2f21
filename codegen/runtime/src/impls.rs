//! The trait impls that every generated type of one kind shares, written
//! once here as macros: a generated file says `impl_open_enum!(Status);`
//! where it would otherwise repeat the same sixty lines for each of its
//! hundreds of enums. The macros are for generated code, not for users.
//!
//! Each impl goes through what the generated type itself provides: its
//! field tables ([`Model`](crate::model::Model),
//! [`ModelMut`](crate::model::ModelMut)) for structs, `as_str`,
//! `DOCUMENTED` and `From<&str>` for enums, and
//! [`ErrorCode`](crate::ErrorCode) for error codes. The `serde` impls
//! expand under the calling crate's own `serde` feature.

/// `Debug` through the field table and, with the `serde` feature, serde
/// both ways through the field tables: what a response struct or any
/// nested struct needs. With `nested`, also `model::Item`, so the struct
/// can be a field, a list item or a map value of another.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_struct {
    ($name:ident, nested) => {
        $crate::impl_struct!($name);

        impl $crate::model::Item for $name {
            type Kind = $crate::model::Nested;
        }
    };
    ($name:ident) => {
        $crate::__impl_debug_serialize!($name);

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            #[inline]
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::model::deserialize(deserializer)
            }
        }
    };
}

/// For a top-level request and its builder: the builder's `build()` and
/// `build_unchecked()`, both through the builder's own
/// `build_with(Validator)`; `Debug` and `Serialize` through the request's
/// field table; `Deserialize` of the builder, and of the request by
/// reading a builder and checking it like `build()`; and
/// `TryFrom<builder>`, which is `build()`.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_request {
    ($name:ident, $builder:ident) => {
        impl $builder {
            /// Checks every rule the API docs state and builds the request,
            /// or returns every broken rule, each naming its field by wire
            /// path.
            #[inline]
            pub fn build(self) -> Result<$name, $crate::BuildError> {
                self.build_with($crate::Validator::new(stringify!($name)))
            }

            /// Builds the request without the documented limits: ranges,
            /// lengths, item counts, patterns and forbidden prefixes or
            /// substrings are not checked, so a value the API docs (or this
            /// crate's copy of them) refuse is sent exactly as set. Use it
            /// when the service accepts what the local rules do not.
            ///
            /// Still an error when a required field is unset: the request
            /// holds those as values, and the service would refuse the call.
            #[inline]
            pub fn build_unchecked(self) -> Result<$name, $crate::BuildError> {
                self.build_with($crate::Validator::required_only(stringify!($name)))
            }
        }

        $crate::__impl_debug_serialize!($name);

        /// Reads the wire form into a builder and checks it like `build()`.
        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            #[inline]
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let builder: $builder = $crate::model::deserialize(deserializer)?;
                builder.build().map_err(serde::de::Error::custom)
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $builder {
            #[inline]
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::model::deserialize(deserializer)
            }
        }

        impl TryFrom<$builder> for $name {
            type Error = $crate::BuildError;

            #[inline]
            fn try_from(builder: $builder) -> Result<Self, Self::Error> {
                builder.build()
            }
        }
    };
}

/// What [`impl_struct!`] and [`impl_request!`] share.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_debug_serialize {
    ($name:ident) => {
        /// The set fields by wire name.
        impl ::std::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::model::debug(self, f)
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            #[inline]
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::model::serialize(self, serializer)
            }
        }
    };
}

/// Everything an enum of documented text values needs beyond its own
/// `as_str`, `DOCUMENTED` and `From<&str>`: equality and hashing by wire
/// value (so `Unknown` holding a documented value equals that value's
/// variant), `Debug`, `From<String>`, `AsRef<str>`, `Display`, serde as its
/// wire text, and `model::Enum`, through which the runtime reads, writes
/// and sends it.
///
/// `PartialEq`, `Hash` and `Debug` go through the wire value instead of
/// being derived: each is then one line instead of a `match` over every
/// variant, which cut 6% of the compiler's work on a product crate, and
/// `Eq` is an empty impl because the derive adds a method per enum that
/// only asserts what `String` already is.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_open_enum {
    ($name:ident) => {
        $crate::__impl_eq_by_text!($name, $name::as_str);

        /// The wire value; `Unknown("...")` around one the docs do not list.
        impl ::std::fmt::Debug for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                $crate::model::debug_enum(self.as_str(), Self::DOCUMENTED, f)
            }
        }

        /// Moves the text into `Unknown` when no variant matches it.
        impl From<String> for $name {
            #[inline]
            #[allow(deprecated, reason = "keeps the text it was given")]
            fn from(value: String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown($crate::UnknownValue::from_unmatched(value)),
                    known => known,
                }
            }
        }

        impl AsRef<str> for $name {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for $name {
            #[inline]
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for $name {
            #[inline]
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::model::deserialize_scalar(deserializer)
            }
        }

        /// Read, written and sent as its wire text; any text is a value.
        impl $crate::model::Enum for $name {}
    };
}

/// For a product's error code enum, which has an inherent `as_str` and a
/// private table `DOCUMENTED` of `(code, variant)` sorted by code:
/// `From<&str>` (a binary search of the table) and `From<String>`,
/// `AsRef<str>`, [`ErrorCode`](crate::ErrorCode), equality and hashing by
/// the code's text (as for value enums, so `Unknown` holding a documented
/// code equals that code's variant), `Display` as that text, and `Debug`
/// as value enums show theirs: a documented code as sent
/// (`InvalidRegionId.NotFound`), any other as `Unknown("...")`.
///
/// A derived `Debug` would be one more `match` over every variant of the
/// product (1,769 for VPC): it was a fifth of the enum's compile time.
///
/// The enum is one type for the whole product, so its lookups are compiled
/// once, in its own crate: `From<&str>` is not `#[inline]`.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_error_code {
    ($name:ident) => {
        $crate::__impl_eq_by_text!($name, $name::as_str);

        impl From<&str> for $name {
            #[allow(deprecated, reason = "the one place that makes `Unknown`")]
            fn from(code: &str) -> Self {
                $crate::error::documented_code(Self::DOCUMENTED, code)
                    .unwrap_or_else(|| Self::Unknown($crate::UnknownValue::from_unmatched(code)))
            }
        }

        impl From<String> for $name {
            #[inline]
            #[allow(deprecated, reason = "keeps the text without a copy")]
            fn from(code: String) -> Self {
                match Self::from(code.as_str()) {
                    Self::Unknown(_) => Self::Unknown($crate::UnknownValue::from_unmatched(code)),
                    known => known,
                }
            }
        }

        impl AsRef<str> for $name {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl $crate::ErrorCode for $name {
            #[inline]
            fn from_code(code: &str) -> Self {
                Self::from(code)
            }

            #[inline]
            fn as_str(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::fmt::Debug for $name {
            #[allow(deprecated, reason = "tells `Unknown` apart, as value enums do")]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    Self::Unknown(code) => f.debug_tuple("Unknown").field(&code.as_str()).finish(),
                    known => f.write_str(known.as_str()),
                }
            }
        }
    };
}

/// `PartialEq`, `Eq` and `Hash` by the text the function `$text` returns.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_eq_by_text {
    ($name:ident, $text:path) => {
        /// Equal when the wire texts are, so `Unknown` holding a
        /// documented value equals that value's variant.
        impl PartialEq for $name {
            #[inline]
            fn eq(&self, other: &Self) -> bool {
                $text(self) == $text(other)
            }
        }

        impl Eq for $name {}

        /// Hashes the wire text, which is what `PartialEq` compares.
        impl ::std::hash::Hash for $name {
            #[inline]
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                ::std::hash::Hash::hash($text(self), state)
            }
        }
    };
}
