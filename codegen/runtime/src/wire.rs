//! serde helpers for the response wire format.
//!
//! Alibaba Cloud renders JSON responses from the same data as XML ones, which
//! leaves three habits that plain `#[derive]` does not handle:
//!
//! - Lists are wrapped the way XML renders them: `"HaVips": {"HaVip": [...]}`.
//!   [`Wrapped`] turns that into a plain `Vec` and writes it back wrapped.
//! - Numbers and booleans sometimes arrive as strings (`"TotalCount": "1"`),
//!   and in XML they are always text. [`Lenient`] accepts a number, its text,
//!   or quick-xml's `{"$text": ...}` form of an element.
//! - Enums must keep values the docs do not list; [`deserialize_enum`] reads
//!   any string and lets the enum's `From<String>` decide.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

/// The wire name of the items inside a wrapped list (`HaVip` in
/// `"HaVips": {"HaVip": [...]}`). Generated code declares one marker type
/// per name.
pub trait ItemName {
    /// The item element's name, exactly as the service spells it.
    const NAME: &'static str;
}

/// How list items are read: with their own `Deserialize` ([`Derived`]) or
/// leniently for numbers and booleans ([`Lenient`]).
pub trait Decode<'de, T> {
    /// Reads one value.
    fn decode<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// Items read with their own `Deserialize` implementation.
#[derive(Debug)]
pub enum Derived {}

impl<'de, T: Deserialize<'de>> Decode<'de, T> for Derived {
    fn decode<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// Numbers and booleans read from a number, a string or XML text.
#[derive(Debug)]
pub enum Lenient {}

impl<'de, T: LenientScalar> Decode<'de, T> for Lenient {
    fn decode<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_any(LenientVisitor(PhantomData))
    }
}

/// `with = "Wrapped::<ItemMarker>"` for an `Option<Vec<T>>` field sent as an
/// object holding one list: `{"HaVip": [...]}`.
///
/// Reading accepts the wrapper object (ignoring other keys), an empty string
/// or null (XML's empty element) as an empty list. Writing always produces
/// the wrapper, so `Some(vec![])` becomes `{"HaVip": []}`.
#[derive(Debug)]
pub struct Wrapped<N, C = Derived>(PhantomData<(N, C)>);

impl<N: ItemName, C> Wrapped<N, C> {
    /// Writes `Some(items)` as `{"<N::NAME>": items}`.
    pub fn serialize<T: Serialize, S: Serializer>(
        items: &Option<Vec<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let items: &[T] = items.as_deref().unwrap_or_default();
        let mut wrapper = serializer.serialize_struct("Wrapper", 1)?;
        wrapper.serialize_field(N::NAME, items)?;
        wrapper.end()
    }

    /// Reads `{"<N::NAME>": [...]}` into `Some(items)`.
    pub fn deserialize<'de, T, D>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
    where
        D: Deserializer<'de>,
        C: Decode<'de, T>,
    {
        deserializer
            .deserialize_struct(
                "Wrapper",
                &[N::NAME],
                WrapperVisitor::<N, C, T>(PhantomData),
            )
            .map(Some)
    }
}

struct WrapperVisitor<N, C, T>(PhantomData<(N, C, T)>);

impl<'de, N: ItemName, C: Decode<'de, T>, T> Visitor<'de> for WrapperVisitor<N, C, T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object holding a `{}` list", N::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::new();
        while let Some(key) = map.next_key::<KeyName>()? {
            if key.0 == N::NAME {
                items = map.next_value_seed(ListSeed::<C, T>(PhantomData))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(items)
    }

    /// An empty XML element (`<AssociatedInstances/>`) reads as text.
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Vec<T>, E> {
        if value.trim().is_empty() {
            Ok(Vec::new())
        } else {
            Err(E::invalid_value(de::Unexpected::Str(value), &self))
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
}

/// A map key read as an owned string (XML keys are not always borrowable).
struct KeyName(String);

impl<'de> Deserialize<'de> for KeyName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(KeyName)
    }
}

/// Reads a list whose items go through `C`.
struct ListSeed<C, T>(PhantomData<(C, T)>);

impl<'de, C: Decode<'de, T>, T> DeserializeSeed<'de> for ListSeed<C, T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, C: Decode<'de, T>, T> Visitor<'de> for ListSeed<C, T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element_seed(ItemSeed::<C, T>(PhantomData))? {
            items.push(item);
        }
        Ok(items)
    }
}

struct ItemSeed<C, T>(PhantomData<(C, T)>);

impl<'de, C: Decode<'de, T>, T> DeserializeSeed<'de> for ItemSeed<C, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        C::decode(deserializer)
    }
}

/// `deserialize_with = "lenient"` for an `Option<T>` number or boolean field.
pub fn lenient<'de, T: LenientScalar, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    Lenient::decode(deserializer).map(Some)
}

/// `deserialize_with = "lenient_list"` for an `Option<Vec<T>>` of numbers or
/// booleans that is not wrapped.
pub fn lenient_list<'de, T: LenientScalar, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<T>>, D::Error> {
    ListSeed::<Lenient, T>(PhantomData)
        .deserialize(deserializer)
        .map(Some)
}

/// Reads a string into an enum that keeps unknown values.
pub fn deserialize_enum<'de, E: From<String>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    String::deserialize(deserializer).map(E::from)
}

/// A number or boolean that may arrive as a number, a string or XML text.
pub trait LenientScalar: Sized {
    /// What the value is, for error messages.
    const EXPECTING: &'static str;

    /// From a JSON integer.
    fn from_i64(value: i64) -> Option<Self>;
    /// From a JSON unsigned integer.
    fn from_u64(value: u64) -> Option<Self>;
    /// From a JSON float.
    fn from_f64(value: f64) -> Option<Self>;
    /// From a JSON boolean.
    fn from_bool(value: bool) -> Option<Self>;
    /// From the text of a string or XML element.
    fn from_text(text: &str) -> Option<Self>;
}

macro_rules! lenient_integer {
    ($($ty:ty),*) => {$(
        impl LenientScalar for $ty {
            const EXPECTING: &'static str = concat!("an integer that fits in ", stringify!($ty), ", or its text");
            fn from_i64(value: i64) -> Option<Self> { <$ty>::try_from(value).ok() }
            fn from_u64(value: u64) -> Option<Self> { <$ty>::try_from(value).ok() }
            fn from_f64(_: f64) -> Option<Self> { None }
            fn from_bool(_: bool) -> Option<Self> { None }
            fn from_text(text: &str) -> Option<Self> { text.trim().parse().ok() }
        }
    )*};
}

lenient_integer!(i32, i64);

macro_rules! lenient_float {
    ($($ty:ty),*) => {$(
        impl LenientScalar for $ty {
            const EXPECTING: &'static str = "a number, or its text";
            #[allow(clippy::cast_precision_loss, reason = "JSON numbers are read the same way by serde_json")]
            fn from_i64(value: i64) -> Option<Self> { Some(value as $ty) }
            #[allow(clippy::cast_precision_loss, reason = "JSON numbers are read the same way by serde_json")]
            fn from_u64(value: u64) -> Option<Self> { Some(value as $ty) }
            #[allow(clippy::cast_possible_truncation, reason = "an f32 field holds what the service sends as f32")]
            fn from_f64(value: f64) -> Option<Self> { Some(value as $ty) }
            fn from_bool(_: bool) -> Option<Self> { None }
            fn from_text(text: &str) -> Option<Self> { text.trim().parse().ok() }
        }
    )*};
}

lenient_float!(f32, f64);

impl LenientScalar for bool {
    const EXPECTING: &'static str = "a boolean, or the text true or false";
    fn from_i64(_: i64) -> Option<Self> {
        None
    }
    fn from_u64(_: u64) -> Option<Self> {
        None
    }
    fn from_f64(_: f64) -> Option<Self> {
        None
    }
    fn from_bool(value: bool) -> Option<Self> {
        Some(value)
    }
    fn from_text(text: &str) -> Option<Self> {
        match text.trim() {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        }
    }
}

struct LenientVisitor<T>(PhantomData<T>);

impl<T: LenientScalar> LenientVisitor<T> {
    fn check<E: de::Error>(value: Option<T>, unexpected: de::Unexpected<'_>) -> Result<T, E> {
        value.ok_or_else(|| E::invalid_value(unexpected, &T::EXPECTING))
    }
}

impl<'de, T: LenientScalar> Visitor<'de> for LenientVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        Self::check(T::from_i64(value), de::Unexpected::Signed(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        Self::check(T::from_u64(value), de::Unexpected::Unsigned(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        Self::check(T::from_f64(value), de::Unexpected::Float(value))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<T, E> {
        Self::check(T::from_bool(value), de::Unexpected::Bool(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Self::check(T::from_text(value), de::Unexpected::Str(value))
    }

    /// quick-xml hands an element to `deserialize_any` as `{"$text": "1"}`.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = None;
        while let Some(key) = map.next_key::<KeyName>()? {
            if key.0 == "$text" || key.0 == "$value" {
                let text: String = map.next_value()?;
                value = Some(Self::check(
                    T::from_text(&text),
                    de::Unexpected::Str(&text),
                )?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        value.ok_or_else(|| de::Error::invalid_value(de::Unexpected::Map, &T::EXPECTING))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TagItem;
    impl ItemName for TagItem {
        const NAME: &'static str = "Tag";
    }
    struct IdItem;
    impl ItemName for IdItem {
        const NAME: &'static str = "Id";
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Model {
        #[serde(
            rename = "Count",
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "lenient"
        )]
        count: Option<i32>,
        #[serde(
            rename = "Ok",
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "lenient"
        )]
        ok: Option<bool>,
        #[serde(
            rename = "Tags",
            default,
            skip_serializing_if = "Option::is_none",
            with = "Wrapped::<TagItem>"
        )]
        tags: Option<Vec<String>>,
        #[serde(
            rename = "Ids",
            default,
            skip_serializing_if = "Option::is_none",
            with = "Wrapped::<IdItem, Lenient>"
        )]
        ids: Option<Vec<i64>>,
        #[serde(
            rename = "Sizes",
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "lenient_list"
        )]
        sizes: Option<Vec<f64>>,
    }

    #[test]
    fn wrapped_lists_read_and_write_wrapped() {
        let json = r#"{"Tags":{"Tag":["a","b"]},"Ids":{"Id":[1,"2"]}}"#;
        let model: Model = serde_json::from_str(json).unwrap();
        assert_eq!(model.tags, Some(vec!["a".to_string(), "b".to_string()]));
        assert_eq!(model.ids, Some(vec![1, 2]));
        assert_eq!(
            serde_json::to_string(&model).unwrap(),
            r#"{"Tags":{"Tag":["a","b"]},"Ids":{"Id":[1,2]}}"#
        );
    }

    #[test]
    fn empty_wrapped_list_stays_empty_and_absent_stays_absent() {
        let model: Model = serde_json::from_str(r#"{"Tags":{"Tag":[]}}"#).unwrap();
        assert_eq!(model.tags, Some(vec![]));
        assert_eq!(model.ids, None);
        assert_eq!(
            serde_json::to_string(&model).unwrap(),
            r#"{"Tags":{"Tag":[]}}"#
        );
    }

    #[test]
    fn wrapper_ignores_other_keys() {
        let model: Model = serde_json::from_str(r#"{"Tags":{"Other":1,"Tag":["x"]}}"#).unwrap();
        assert_eq!(model.tags, Some(vec!["x".to_string()]));
    }

    #[test]
    fn numbers_and_booleans_may_be_strings() {
        let model: Model =
            serde_json::from_str(r#"{"Count":"7","Ok":"true","Sizes":[1.5,"2.5"]}"#).unwrap();
        assert_eq!(
            (model.count, model.ok, model.sizes),
            (Some(7), Some(true), Some(vec![1.5, 2.5]))
        );
    }

    #[test]
    fn bad_numbers_are_errors_not_panics() {
        for json in [
            r#"{"Count":"seven"}"#,
            r#"{"Count":4294967296}"#,
            r#"{"Count":1.5}"#,
            r#"{"Ok":"yes"}"#,
        ] {
            let error = serde_json::from_str::<Model>(json).unwrap_err();
            assert!(error.is_data(), "{json}: {error}");
        }
    }

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Unknown(String),
    }
    impl From<String> for Color {
        fn from(value: String) -> Self {
            if value == "Red" {
                Color::Red
            } else {
                Color::Unknown(value)
            }
        }
    }

    #[test]
    fn enums_keep_unknown_values() {
        let mut de = serde_json::Deserializer::from_str(r#""Mauve""#);
        assert_eq!(
            deserialize_enum::<Color, _>(&mut de).unwrap(),
            Color::Unknown("Mauve".into())
        );
        let mut de = serde_json::Deserializer::from_str(r#""Red""#);
        assert_eq!(deserialize_enum::<Color, _>(&mut de).unwrap(), Color::Red);
    }
}
