//! Reading and writing generated structs with one shared implementation.
//!
//! A derived `Serialize`/`Deserialize` gives every struct its own visitor,
//! field enum and sequence reader, and each of those is type-checked and
//! compiled once per struct: in an SDK with hundreds of actions that is most
//! of the build. Generated structs here only *describe* their fields: a
//! [`Model`] lists them in wire order as `(wire name, Slot)`, a [`ModelMut`]
//! finds one by wire name as a [`SlotMut`]. The walking, for JSON and XML,
//! reading and writing, is written once in [`de`] and [`ser`].
//!
//! The wire format also has three habits that a plain derive does not
//! handle, and which every field gets here for free:
//!
//! - Lists are wrapped the way XML renders them: `"HaVips": {"HaVip": [...]}`
//!   ([`Slot::Wrapped`]), read back into a plain `Vec`.
//! - Numbers and booleans sometimes arrive as strings (`"TotalCount": "1"`),
//!   and in XML they are always text: they are read from either. Text
//!   fields take numbers and booleans (`"Bandwidth": 20`). A response
//!   notes in its [`Received`] table the JSON type each such value came
//!   with, and is written back with it.
//! - Enums keep values the docs do not list ([`Scalar::from_text`]).

pub mod de;
mod debug;
mod received;
pub mod ser;

use std::collections::BTreeMap;
use std::fmt;

pub use de::{deserialize, deserialize_scalar, from_json, from_xml};
pub use debug::{debug, debug_enum, is_secret};
pub use received::Received;
pub use ser::{serialize, to_json, to_xml, wire};

/// A struct whose fields can be listed in wire order, for writing.
pub trait Model {
    /// The field at `index` (from 0, in wire order): its wire name and its
    /// value. `None` past the last field.
    fn field(&self, index: usize) -> Option<(&'static str, Slot<'_>)>;

    /// The struct's Rust name with its path, for `debug`.
    fn type_name(&self) -> &'static str {
        std::any::type_name::<Self>()
    }

    /// The JSON types its values arrived with, where they were not the
    /// documented ones (responses); `None` when it keeps no such table
    /// (requests).
    fn received(&self) -> Option<&Received> {
        None
    }
}

/// A struct whose fields can be found by wire name, for reading.
pub trait ModelMut {
    /// The field called `name` on the wire, ready to be written into, or
    /// `None` if the struct has no such field.
    fn field_mut(&mut self, name: &str) -> Option<SlotMut<'_>>;

    /// Every wire name, when a name outside it is an error (requests);
    /// `None` when unknown names are skipped (responses keep working when
    /// the service adds a field).
    fn known_fields(&self) -> Option<&'static [&'static str]> {
        None
    }

    /// The table in which a JSON read notes values that arrived with
    /// another JSON type than the documented one (responses); `None` when
    /// the struct keeps none (requests).
    fn received_mut(&mut self) -> Option<&mut Received> {
        None
    }
}

/// A field's value, borrowed for writing.
#[derive(Clone, Copy)]
pub enum Slot<'a> {
    /// Nothing to write: an unset option or an empty request list.
    Absent,
    /// A string, number, boolean or enum.
    Scalar(ScalarValue<'a>),
    /// A nested struct.
    Model(&'a dyn Model),
    /// A list, written as a sequence.
    List(&'a dyn ListRead),
    /// A list written inside an object with one key, the item name:
    /// `{"HaVip": [...]}`.
    Wrapped(&'static str, &'a dyn ListRead),
    /// A map from text keys.
    Map(&'a dyn MapRead),
    /// Free-form JSON.
    Json(&'a serde_json::Value),
}

/// A field's value, borrowed for reading into.
pub enum SlotMut<'a> {
    /// A string, number, boolean or enum.
    Scalar(&'a mut dyn ScalarSlot),
    /// A nested struct.
    Model(&'a mut dyn ModelMut),
    /// A list: each item read is pushed.
    List(&'a mut dyn ListSlot),
    /// A list sent wrapped in an object (`{"HaVip": [...]}`), held as
    /// `Option<Vec<T>>`: a wrapper, even an empty one, reads as `Some`.
    Wrapped(&'static str, &'a mut dyn OptionSlot),
    /// A map from text keys.
    Map(&'a mut dyn MapSlot),
    /// An optional value: `null` leaves it `None`.
    Optional(&'a mut dyn OptionSlot),
    /// Free-form JSON.
    Json(&'a mut serde_json::Value),
}

impl fmt::Debug for Slot<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Slot::Absent => f.write_str("Absent"),
            Slot::Scalar(value) => f.debug_tuple("Scalar").field(value).finish(),
            Slot::Model(_) => f.write_str("Model(..)"),
            Slot::List(items) => write!(f, "List({} items)", items.len()),
            Slot::Wrapped(name, items) => write!(f, "Wrapped({name:?}, {} items)", items.len()),
            Slot::Map(entries) => write!(f, "Map({} entries)", entries.len()),
            Slot::Json(value) => f.debug_tuple("Json").field(value).finish(),
        }
    }
}

impl fmt::Debug for SlotMut<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SlotMut::Scalar(_) => "Scalar(..)",
            SlotMut::Model(_) => "Model(..)",
            SlotMut::List(_) => "List(..)",
            SlotMut::Wrapped(..) => "Wrapped(..)",
            SlotMut::Map(_) => "Map(..)",
            SlotMut::Optional(_) => "Optional(..)",
            SlotMut::Json(_) => "Json(..)",
        })
    }
}

/// A scalar as written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScalarValue<'a> {
    /// A string or an enum's wire value.
    Text(&'a str),
    /// A 32-bit integer.
    I32(i32),
    /// A 64-bit integer.
    I64(i64),
    /// A 32-bit float.
    F32(f32),
    /// A 64-bit float.
    F64(f64),
    /// A boolean.
    Bool(bool),
}

/// A value sent as one string, number or boolean.
///
/// The readers return `None` for a value of the wrong kind; the caller
/// turns that into an error naming [`Scalar::EXPECTING`].
pub trait Scalar: Sized {
    /// What a valid value looks like, for error messages.
    const EXPECTING: &'static str;
    /// Whether the value is text on the wire (strings and enums): then it
    /// is read from strings only, as a derived `String` would be.
    const TEXT: bool = false;
    /// Whether the value is a float (an integer sent for it is noted, so
    /// that `120` is not written back as `120.0`).
    const FLOAT: bool = false;

    /// From the text of a string or an XML element.
    fn from_text(text: &str) -> Option<Self>;
    /// From an owned string (saves a copy for strings and unknown enum values).
    fn from_string(text: String) -> Option<Self> {
        Self::from_text(&text)
    }
    /// From a JSON integer.
    fn from_i64(_value: i64) -> Option<Self> {
        None
    }
    /// From a JSON unsigned integer.
    fn from_u64(_value: u64) -> Option<Self> {
        None
    }
    /// From a JSON float.
    fn from_f64(_value: f64) -> Option<Self> {
        None
    }
    /// From a JSON boolean.
    fn from_bool(_value: bool) -> Option<Self> {
        None
    }
    /// The value as written.
    fn value(&self) -> ScalarValue<'_>;
    /// A value to hold until the real one is read (`""`, 0, `false`).
    fn empty() -> Self;
}

/// A scalar being read, behind `dyn` so that the reader is compiled once.
///
/// Each setter says whether the value was stored, and whether it came in
/// the documented JSON type, in one call (the reader notes the others in
/// a response's [`Received`] table).
pub trait ScalarSlot {
    /// What a valid value looks like, for error messages.
    fn expecting(&self) -> &'static str;
    /// Whether the value is read from strings only.
    fn is_text(&self) -> bool;
    /// Sets the value from text.
    fn set_text(&mut self, text: &str) -> Stored;
    /// Sets the value from an owned string.
    fn set_string(&mut self, text: String) -> Stored;
    /// Sets the value from an integer.
    fn set_i64(&mut self, value: i64) -> Stored;
    /// Sets the value from an unsigned integer.
    fn set_u64(&mut self, value: u64) -> Stored;
    /// Sets the value from a float.
    fn set_f64(&mut self, value: f64) -> Stored;
    /// Sets the value from a boolean.
    fn set_bool(&mut self, value: bool) -> Stored;
    /// The value as it is written.
    fn current(&self) -> ScalarValue<'_>;
}

/// What a [`ScalarSlot`] setter did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// Nothing: the value is of the wrong kind.
    Refused,
    /// Stored; the value came in its documented JSON type.
    AsDocumented,
    /// Stored; a JSON number where the docs say text.
    Number,
    /// Stored; a JSON boolean where the docs say text.
    Bool,
    /// Stored; a JSON integer in a float field.
    Integer,
    /// Stored; text where the docs say number or boolean.
    Text,
}

fn store<T>(slot: &mut T, value: Option<T>, stored: Stored) -> Stored {
    match value {
        Some(value) => {
            *slot = value;
            stored
        }
        None => Stored::Refused,
    }
}

impl<T: Scalar> ScalarSlot for T {
    fn expecting(&self) -> &'static str {
        T::EXPECTING
    }
    fn is_text(&self) -> bool {
        T::TEXT
    }
    fn set_text(&mut self, text: &str) -> Stored {
        store(self, T::from_text(text), from_text::<T>())
    }
    fn set_string(&mut self, text: String) -> Stored {
        store(self, T::from_string(text), from_text::<T>())
    }
    fn set_i64(&mut self, value: i64) -> Stored {
        store(self, T::from_i64(value), from_integer::<T>())
    }
    fn set_u64(&mut self, value: u64) -> Stored {
        store(self, T::from_u64(value), from_integer::<T>())
    }
    fn set_f64(&mut self, value: f64) -> Stored {
        store(self, T::from_f64(value), in_text::<T>(Stored::Number))
    }
    fn set_bool(&mut self, value: bool) -> Stored {
        store(self, T::from_bool(value), in_text::<T>(Stored::Bool))
    }
    fn current(&self) -> ScalarValue<'_> {
        self.value()
    }
}

/// How text read into `T` came, against `T`'s documented JSON type.
fn from_text<T: Scalar>() -> Stored {
    if T::TEXT {
        Stored::AsDocumented
    } else {
        Stored::Text
    }
}

/// How a number or boolean read into `T` came: `sent` if `T` is text.
fn in_text<T: Scalar>(sent: Stored) -> Stored {
    if T::TEXT { sent } else { Stored::AsDocumented }
}

/// How an integer read into `T` came.
fn from_integer<T: Scalar>() -> Stored {
    if T::FLOAT {
        Stored::Integer
    } else {
        in_text::<T>(Stored::Number)
    }
}

/// Anything a field, a list item or a map value can hold: it knows its
/// slot. The slots come from its [`Item::Kind`], written once here, so a
/// generated struct only names its kind (`type Kind = model::Nested;`)
/// instead of compiling three methods of its own.
pub trait Item: Sized {
    /// How values of this type are read and written.
    type Kind: ItemKind<Self>;

    /// The value, for writing.
    fn slot(&self) -> Slot<'_> {
        Self::Kind::slot(self)
    }
    /// The value, for reading into.
    fn slot_mut(&mut self) -> SlotMut<'_> {
        Self::Kind::slot_mut(self)
    }
    /// A value to read into: a default struct, an empty string or list.
    fn empty() -> Self {
        Self::Kind::empty()
    }
}

/// The slots of one kind of [`Item`].
pub trait ItemKind<T> {
    /// `value`, for writing.
    fn slot(value: &T) -> Slot<'_>;
    /// `value`, for reading into.
    fn slot_mut(value: &mut T) -> SlotMut<'_>;
    /// A value to read into.
    fn empty() -> T;
}

/// The kind of strings, numbers, booleans and enums.
#[derive(Debug)]
pub struct Plain;

impl<T: Scalar> ItemKind<T> for Plain {
    fn slot(value: &T) -> Slot<'_> {
        Slot::Scalar(value.value())
    }
    fn slot_mut(value: &mut T) -> SlotMut<'_> {
        SlotMut::Scalar(value)
    }
    fn empty() -> T {
        T::empty()
    }
}

impl<T: Scalar> Item for T {
    type Kind = Plain;
}

/// The kind of generated structs nested in another: read and written
/// through their field tables.
#[derive(Debug)]
pub struct Nested;

impl<T: Model + ModelMut + Default> ItemKind<T> for Nested {
    fn slot(value: &T) -> Slot<'_> {
        Slot::Model(value)
    }
    fn slot_mut(value: &mut T) -> SlotMut<'_> {
        SlotMut::Model(value)
    }
    fn empty() -> T {
        T::default()
    }
}

/// The kind of lists.
#[derive(Debug)]
pub struct List;

impl<T: Item> ItemKind<Vec<T>> for List {
    fn slot(value: &Vec<T>) -> Slot<'_> {
        Slot::List(value)
    }
    fn slot_mut(value: &mut Vec<T>) -> SlotMut<'_> {
        SlotMut::List(value)
    }
    fn empty() -> Vec<T> {
        Vec::new()
    }
}

impl<T: Item> Item for Vec<T> {
    type Kind = List;
}

/// The kind of maps from text keys.
#[derive(Debug)]
pub struct Map;

impl<T: Item> ItemKind<BTreeMap<String, T>> for Map {
    fn slot(value: &BTreeMap<String, T>) -> Slot<'_> {
        Slot::Map(value)
    }
    fn slot_mut(value: &mut BTreeMap<String, T>) -> SlotMut<'_> {
        SlotMut::Map(value)
    }
    fn empty() -> BTreeMap<String, T> {
        BTreeMap::new()
    }
}

impl<T: Item> Item for BTreeMap<String, T> {
    type Kind = Map;
}

/// The kind of free-form JSON.
#[derive(Debug)]
pub struct Json;

impl ItemKind<serde_json::Value> for Json {
    fn slot(value: &serde_json::Value) -> Slot<'_> {
        Slot::Json(value)
    }
    fn slot_mut(value: &mut serde_json::Value) -> SlotMut<'_> {
        SlotMut::Json(value)
    }
    fn empty() -> serde_json::Value {
        serde_json::Value::Null
    }
}

impl Item for serde_json::Value {
    type Kind = Json;
}

/// An `Option<T>` being read: the reader fills it only when a value is
/// present.
pub trait OptionSlot {
    /// Sets the option to `Some(empty)` (keeping a value already there)
    /// and returns the inner value's slot.
    fn some(&mut self) -> SlotMut<'_>;
}

impl<T: Item> OptionSlot for Option<T> {
    fn some(&mut self) -> SlotMut<'_> {
        self.get_or_insert_with(T::empty).slot_mut()
    }
}

/// A list being read.
pub trait ListSlot {
    /// Appends an empty item and returns its slot.
    fn push_empty(&mut self) -> SlotMut<'_>;
    /// Room for `additional` more items (a hint from the reader).
    fn reserve(&mut self, additional: usize);
}

impl<T: Item> ListSlot for Vec<T> {
    fn push_empty(&mut self) -> SlotMut<'_> {
        self.push(T::empty());
        let last = self.len() - 1;
        self[last].slot_mut()
    }
    fn reserve(&mut self, additional: usize) {
        Vec::reserve(self, additional);
    }
}

/// A list being written.
pub trait ListRead {
    /// The number of items.
    fn len(&self) -> usize;
    /// Whether there are no items.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The item at `index` (`Slot::Absent` past the end).
    fn item(&self, index: usize) -> Slot<'_>;
}

impl<T: Item> ListRead for Vec<T> {
    fn len(&self) -> usize {
        self.as_slice().len()
    }
    fn item(&self, index: usize) -> Slot<'_> {
        self.get(index).map_or(Slot::Absent, Item::slot)
    }
}

/// A map being read.
pub trait MapSlot {
    /// Inserts an empty value under `key` (replacing one already there)
    /// and returns its slot.
    fn insert(&mut self, key: String) -> SlotMut<'_>;
}

impl<T: Item> MapSlot for BTreeMap<String, T> {
    fn insert(&mut self, key: String) -> SlotMut<'_> {
        let value = self.entry(key).or_insert_with(T::empty);
        *value = T::empty();
        value.slot_mut()
    }
}

/// A map being written, in key order.
pub trait MapRead {
    /// The number of entries.
    fn len(&self) -> usize;
    /// Whether there are no entries.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The entries in key order.
    fn entries(&self) -> Box<dyn Iterator<Item = (&str, Slot<'_>)> + '_>;
}

impl<T: Item> MapRead for BTreeMap<String, T> {
    fn len(&self) -> usize {
        BTreeMap::len(self)
    }
    fn entries(&self) -> Box<dyn Iterator<Item = (&str, Slot<'_>)> + '_> {
        Box::new(self.iter().map(|(key, value)| (key.as_str(), value.slot())))
    }
}

/// The slot of an optional field: absent when `None`.
pub fn optional<T: Item>(value: &Option<T>) -> Slot<'_> {
    value.as_ref().map_or(Slot::Absent, Item::slot)
}

/// The slot of a request list: absent when empty, since an empty list
/// sends nothing.
pub fn non_empty<T: Item>(items: &Vec<T>) -> Slot<'_> {
    if items.is_empty() {
        Slot::Absent
    } else {
        Slot::List(items)
    }
}

/// The slot of a request map: absent when empty.
pub fn non_empty_map<T: Item>(entries: &BTreeMap<String, T>) -> Slot<'_> {
    if entries.is_empty() {
        Slot::Absent
    } else {
        Slot::Map(entries)
    }
}

/// The slot of a wrapped response list (`{"HaVip": [...]}`): absent when
/// `None`; `Some(vec![])` writes an empty wrapper.
pub fn wrapped<'a, T: Item>(item_name: &'static str, items: &'a Option<Vec<T>>) -> Slot<'a> {
    match items {
        Some(items) => Slot::Wrapped(item_name, items),
        None => Slot::Absent,
    }
}

/// A generated enum of documented string values that keeps any other
/// value as sent: its `From` conversions and `AsRef<str>` are all it
/// writes, and [`Scalar`] and the query traits come from blanket impls
/// here, type-checked once in this crate instead of once per enum.
pub trait Enum: AsRef<str> + From<String> + for<'a> From<&'a str> {}

/// Any text is a value: the documented ones read as their variant, the
/// rest as the enum's `Unknown`.
impl<T: Enum> Scalar for T {
    const EXPECTING: &'static str = "a string";
    const TEXT: bool = true;

    fn from_text(text: &str) -> Option<Self> {
        Some(T::from(text))
    }
    fn from_string(text: String) -> Option<Self> {
        Some(T::from(text))
    }
    fn from_i64(value: i64) -> Option<Self> {
        Some(T::from(value.to_string()))
    }
    fn from_u64(value: u64) -> Option<Self> {
        Some(T::from(value.to_string()))
    }
    fn from_bool(value: bool) -> Option<Self> {
        Some(T::from(value.to_string()))
    }
    fn value(&self) -> ScalarValue<'_> {
        ScalarValue::Text(self.as_ref())
    }
    fn empty() -> Self {
        T::from(String::new())
    }
}

/// Text fields also take a JSON number or boolean, as its JSON text
/// (`20`, `false`): the service's own samples send `"Bandwidth": 20` where
/// the docs say string. A response notes it in its [`Received`] table and
/// is written back with the number; a struct built by hand writes text.
impl Scalar for String {
    const EXPECTING: &'static str = "a string (or a number or boolean, kept as text)";
    const TEXT: bool = true;

    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
    fn from_string(text: String) -> Option<Self> {
        Some(text)
    }
    fn from_i64(value: i64) -> Option<Self> {
        Some(value.to_string())
    }
    fn from_u64(value: u64) -> Option<Self> {
        Some(value.to_string())
    }
    fn from_f64(value: f64) -> Option<Self> {
        serde_json::Number::from_f64(value).map(|number| number.to_string())
    }
    fn from_bool(value: bool) -> Option<Self> {
        Some(value.to_string())
    }
    fn value(&self) -> ScalarValue<'_> {
        ScalarValue::Text(self)
    }
    fn empty() -> Self {
        String::new()
    }
}

macro_rules! integer_scalar {
    ($($ty:ident => $variant:ident),*) => {$(
        impl Scalar for $ty {
            const EXPECTING: &'static str =
                concat!("an integer that fits in ", stringify!($ty), ", or its text");

            fn from_text(text: &str) -> Option<Self> {
                text.trim().parse().ok()
            }
            fn from_i64(value: i64) -> Option<Self> {
                <$ty>::try_from(value).ok()
            }
            fn from_u64(value: u64) -> Option<Self> {
                <$ty>::try_from(value).ok()
            }
            fn value(&self) -> ScalarValue<'_> {
                ScalarValue::$variant(*self)
            }
            fn empty() -> Self {
                <$ty>::default()
            }
        }
    )*};
}

integer_scalar!(i32 => I32, i64 => I64);

macro_rules! float_scalar {
    ($($ty:ident => $variant:ident),*) => {$(
        /// Only finite values: `NaN`, `inf` or `1e400` (out of range) have
        /// no JSON number to be written back as, so they are refused.
        impl Scalar for $ty {
            const EXPECTING: &'static str = "a finite number, or its text";
            const FLOAT: bool = true;

            fn from_text(text: &str) -> Option<Self> {
                text.trim().parse::<$ty>().ok().filter(|value| value.is_finite())
            }
            #[allow(clippy::cast_precision_loss, reason = "serde_json reads JSON numbers into floats the same way")]
            fn from_i64(value: i64) -> Option<Self> {
                Some(value as $ty)
            }
            #[allow(clippy::cast_precision_loss, reason = "serde_json reads JSON numbers into floats the same way")]
            fn from_u64(value: u64) -> Option<Self> {
                Some(value as $ty)
            }
            #[allow(clippy::cast_possible_truncation, reason = "an f32 field holds what the service sends as f32")]
            fn from_f64(value: f64) -> Option<Self> {
                Some(value as $ty).filter(|value| value.is_finite())
            }
            fn value(&self) -> ScalarValue<'_> {
                ScalarValue::$variant(*self)
            }
            fn empty() -> Self {
                <$ty>::default()
            }
        }
    )*};
}

float_scalar!(f32 => F32, f64 => F64);

impl Scalar for bool {
    const EXPECTING: &'static str = "a boolean, or the text true or false";

    fn from_text(text: &str) -> Option<Self> {
        match text.trim() {
            "true" | "True" | "TRUE" => Some(true),
            "false" | "False" | "FALSE" => Some(false),
            _ => None,
        }
    }
    fn from_bool(value: bool) -> Option<Self> {
        Some(value)
    }
    fn value(&self) -> ScalarValue<'_> {
        ScalarValue::Bool(*self)
    }
    fn empty() -> Self {
        false
    }
}

#[cfg(test)]
mod tests;
