//! Reading any [`ModelMut`] with serde, from JSON, XML or any other format.
//!
//! The visitors here hold `dyn` slots, so they are compiled once per
//! deserializer rather than once per struct.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::{ListSlot, MapSlot, ModelMut, OptionSlot, Scalar, ScalarSlot, SlotMut};

/// Reads a model from any serde deserializer: the body of a generated
/// `impl Deserialize`.
pub fn deserialize<'de, M, D>(deserializer: D) -> Result<M, D::Error>
where
    M: ModelMut + Default,
    D: Deserializer<'de>,
{
    let mut model = M::default();
    read_model(deserializer, &mut model)?;
    Ok(model)
}

/// Reads a string, number or boolean from any serde deserializer: the
/// body of a generated enum's `impl Deserialize`.
pub fn deserialize_scalar<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: Scalar,
    D: Deserializer<'de>,
{
    let mut value = T::empty();
    SlotSeed(SlotMut::Scalar(&mut value)).deserialize(deserializer)?;
    Ok(value)
}

/// Reads JSON text into `model`, which should start empty.
pub fn from_json(json: &str, model: &mut dyn ModelMut) -> Result<(), serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(json);
    read_model(&mut deserializer, model)?;
    deserializer.end()
}

/// Reads an XML document, whose root element holds the fields, into
/// `model`, which should start empty.
pub fn from_xml(xml: &str, model: &mut dyn ModelMut) -> Result<(), quick_xml::DeError> {
    let mut deserializer = quick_xml::de::Deserializer::from_str(xml);
    read_model(&mut deserializer, model)
}

/// Reads an object into `model`, field by field.
pub fn read_model<'de, D: Deserializer<'de>>(
    deserializer: D,
    model: &mut dyn ModelMut,
) -> Result<(), D::Error> {
    deserializer.deserialize_struct("", &[], ModelVisitor(model))
}

struct ModelVisitor<'a>(&'a mut dyn ModelMut);

impl<'de> Visitor<'de> for ModelVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(field) = map.next_key_seed(FieldSeed(&mut *self.0))? {
            match field {
                Some(slot) => map.next_value_seed(SlotSeed(slot))?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Reads a key and finds its field: `Some(slot)`, or `None` for a name
/// the model skips. A name a request does not know is an error.
struct FieldSeed<'a>(&'a mut dyn ModelMut);

impl<'de, 'a> DeserializeSeed<'de> for FieldSeed<'a> {
    type Value = Option<SlotMut<'a>>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de, 'a> Visitor<'de> for FieldSeed<'a> {
    type Value = Option<SlotMut<'a>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        let known = self.0.known_fields();
        match self.0.field_mut(name) {
            Some(slot) => Ok(Some(slot)),
            None => match known {
                Some(fields) => Err(E::unknown_field(name, fields)),
                None => Ok(None),
            },
        }
    }
}

/// Reads one value into a slot.
struct SlotSeed<'a>(SlotMut<'a>);

impl<'de> DeserializeSeed<'de> for SlotSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.0 {
            // `any` for text too, so that a number or boolean sent where the
            // docs say string is read (as its text) rather than refused.
            SlotMut::Scalar(slot) => deserializer.deserialize_any(ScalarVisitor(slot)),
            SlotMut::Model(model) => read_model(deserializer, model),
            SlotMut::List(list) => deserializer.deserialize_seq(ListVisitor(list)),
            // `any`, not `struct`: JSON's `null` and XML's empty element
            // reach the visitor too, and read as an empty list.
            SlotMut::Wrapped(item_name, items) => {
                deserializer.deserialize_any(WrapperVisitor { item_name, items })
            }
            SlotMut::Map(map) => deserializer.deserialize_map(MapVisitor(map)),
            SlotMut::Optional(option) => deserializer.deserialize_option(OptionVisitor(option)),
            SlotMut::Json(value) => {
                *value = serde_json::Value::deserialize(deserializer)?;
                Ok(())
            }
        }
    }
}

/// Reads a string, number or boolean. Numbers and booleans are also read
/// from their text, and from quick-xml's `{"$text": ...}` form of an element.
struct ScalarVisitor<'a>(&'a mut dyn ScalarSlot);

impl ScalarVisitor<'_> {
    fn check<E: de::Error>(&self, stored: bool, unexpected: de::Unexpected<'_>) -> Result<(), E> {
        if stored {
            Ok(())
        } else {
            Err(E::invalid_value(unexpected, &self.0.expecting()))
        }
    }
}

impl<'de> Visitor<'de> for ScalarVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.expecting())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        let stored = self.0.set_text(text);
        self.check(stored, de::Unexpected::Str(text))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<(), E> {
        if self.0.is_text() {
            let stored = self.0.set_string(text);
            self.check(stored, de::Unexpected::Other("text"))
        } else {
            self.visit_str(&text)
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        let stored = self.0.set_i64(value);
        self.check(stored, de::Unexpected::Signed(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        let stored = self.0.set_u64(value);
        self.check(stored, de::Unexpected::Unsigned(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        let stored = self.0.set_f64(value);
        self.check(stored, de::Unexpected::Float(value))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        let stored = self.0.set_bool(value);
        self.check(stored, de::Unexpected::Bool(value))
    }

    /// quick-xml hands an empty element to a text field's `deserialize_any`
    /// as a unit: the empty string.
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        if self.0.is_text() {
            self.0.set_text("");
            Ok(())
        } else {
            Err(E::invalid_type(de::Unexpected::Unit, &self))
        }
    }

    /// quick-xml hands an element to `deserialize_any` as `{"$text": "1"}`,
    /// and an empty one as `{}` (the empty string, for a text field).
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut found = false;
        let mut keys = 0_usize;
        while let Some(key) = map.next_key::<String>()? {
            keys += 1;
            if key == "$text" || key == "$value" {
                let text: String = map.next_value()?;
                let stored = self.0.set_text(&text);
                self.check::<A::Error>(stored, de::Unexpected::Str(&text))?;
                found = true;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !found && keys == 0 && self.0.is_text() {
            self.0.set_text("");
            return Ok(());
        }
        self.check(found, de::Unexpected::Map)
    }
}

struct ListVisitor<'a>(&'a mut dyn ListSlot);

impl<'de> Visitor<'de> for ListVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if let Some(hint) = seq.size_hint() {
            self.0.reserve(hint.min(1024));
        }
        while seq.next_element_seed(ItemSeed(&mut *self.0))?.is_some() {}
        Ok(())
    }
}

/// Reads one list item: appends an empty item only once an item is there.
/// A `null` item is the empty value (`""`, 0, `false`, a struct with no
/// field set), so the items after it keep their positions.
struct ItemSeed<'a>(&'a mut dyn ListSlot);

impl<'de> DeserializeSeed<'de> for ItemSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(ItemVisitor(self.0))
    }
}

struct ItemVisitor<'a>(&'a mut dyn ListSlot);

impl<'de> Visitor<'de> for ItemVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list item or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.push_empty();
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.push_empty();
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        SlotSeed(self.0.push_empty()).deserialize(deserializer)
    }
}

/// Reads `{"<item name>": [...]}` into `Some(items)`, ignoring other keys.
/// An empty XML element (`<Tags/>`, text) or `null` is an empty list.
struct WrapperVisitor<'a> {
    item_name: &'static str,
    items: &'a mut dyn OptionSlot,
}

impl<'de> Visitor<'de> for WrapperVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object holding a `{}` list", self.item_name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut items = Some(self.items.some());
        while let Some(key) = map.next_key::<String>()? {
            match items.take() {
                Some(slot) if key == self.item_name => map.next_value_seed(SlotSeed(slot))?,
                unused => {
                    items = unused;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        if text.trim().is_empty() {
            self.items.some();
            Ok(())
        } else {
            Err(E::invalid_value(de::Unexpected::Str(text), &self))
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.items.some();
        Ok(())
    }
}

struct MapVisitor<'a>(&'a mut dyn MapSlot);

impl<'de> Visitor<'de> for MapVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            map.next_value_seed(SlotSeed(self.0.insert(key)))?;
        }
        Ok(())
    }
}

/// `null` (or an absent XML value) leaves the option `None`.
struct OptionVisitor<'a>(&'a mut dyn OptionSlot);

impl<'de> Visitor<'de> for OptionVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        SlotSeed(self.0.some()).deserialize(deserializer)
    }
}
