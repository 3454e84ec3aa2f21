//! Reading any [`ModelMut`] with serde, from JSON, XML or any other format.
//!
//! The visitors here hold `dyn` slots, so they are compiled once per
//! deserializer rather than once per struct.
//!
//! A JSON read (or any read through serde but XML's) also notes in each
//! response struct's [`Received`](super::Received) table the values that
//! arrived with another JSON type than the documented one: the visitors
//! carry a `Sink`, the list of the struct's marks. A mark's path is made
//! on the way back up (each field, list item and map entry adds its step
//! to the marks its value left), so a value that came as documented costs
//! one length check per level and nothing is allocated.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::received::{Mark, Sent, StepRef, add_step, is_own_text};
use super::{ListSlot, MapSlot, ModelMut, OptionSlot, Scalar, ScalarSlot, SlotMut, Stored};

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
    SlotSeed(SlotMut::Scalar(&mut value), None).deserialize(deserializer)?;
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
    read(&mut deserializer, model, false)
}

/// Reads an object into `model`, field by field, noting the JSON types of
/// values that arrived in another type than the documented one.
pub fn read_model<'de, D: Deserializer<'de>>(
    deserializer: D,
    model: &mut dyn ModelMut,
) -> Result<(), D::Error> {
    read(deserializer, model, true)
}

/// Reads an object into `model`; `note` says whether to note the JSON
/// types values arrived with (not in XML, where everything is text).
fn read<'de, D: Deserializer<'de>>(
    deserializer: D,
    model: &mut dyn ModelMut,
    note: bool,
) -> Result<(), D::Error> {
    let note = note && model.received_mut().is_some();
    deserializer.deserialize_struct("", &[], ModelVisitor { model, note })
}

/// Where a read notes the values that arrived with another JSON type: the
/// marks of the struct being read, or `None` when nothing is noted.
type Sink<'s> = Option<&'s mut Vec<Mark>>;

/// The number of marks in `sink`, to find those a value adds.
fn marks_so_far(sink: &Sink<'_>) -> usize {
    sink.as_ref().map_or(0, |marks| marks.len())
}

/// Puts `step` above the marks that reading a value added to `sink` after
/// the first `before`.
fn step_above(sink: &mut Sink<'_>, before: usize, step: StepRef<'_>) {
    if let Some(marks) = sink {
        if marks.len() > before {
            add_step(&mut marks[before..], step);
        }
    }
}

struct ModelVisitor<'a> {
    model: &'a mut dyn ModelMut,
    note: bool,
}

impl<'de> Visitor<'de> for ModelVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut marks = Vec::new();
        let known = self.model.known_fields();
        loop {
            // The seed leaves the field and the name here rather than
            // returning them: a large value returned through serde's
            // layers was copied at each.
            let mut field = None;
            let mut name = None;
            let seed = FieldSeed {
                model: &mut *self.model,
                known,
                field: &mut field,
                name: self.note.then_some(&mut name),
            };
            if map.next_key_seed(seed)?.is_none() {
                break;
            }
            match field {
                Some(slot) => {
                    let before = marks.len();
                    let sink = self.note.then_some(&mut marks);
                    map.next_value_seed(SlotSeed(slot, sink))?;
                    if let Some(name) = name.as_deref() {
                        if marks.len() > before {
                            add_step(&mut marks[before..], StepRef::Key(name));
                        }
                    }
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !marks.is_empty() {
            if let Some(received) = self.model.received_mut() {
                received.set(marks);
            }
        }
        Ok(())
    }
}

/// Reads a key and finds its field: `Some(slot)`, or `None` for a name
/// the model skips. A name a request does not know is an error. The name
/// is kept (borrowed from the input when it can be) when values are noted.
struct FieldSeed<'a, 'o, 'de> {
    model: &'a mut dyn ModelMut,
    /// The model's `known_fields`, asked once per object, not per key.
    known: Option<&'static [&'static str]>,
    /// Where the field found goes.
    field: &'o mut Option<SlotMut<'a>>,
    /// Where the name goes, if it is kept.
    name: Option<&'o mut Option<Cow<'de, str>>>,
}

impl<'de> DeserializeSeed<'de> for FieldSeed<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> FieldSeed<'_, '_, 'de> {
    fn find<E: de::Error>(self, name: &str, kept: impl FnOnce() -> Cow<'de, str>) -> Result<(), E> {
        match self.model.field_mut(name) {
            Some(slot) => *self.field = Some(slot),
            None => match self.known {
                Some(fields) => return Err(E::unknown_field(name, fields)),
                None => return Ok(()),
            },
        }
        if let Some(keep) = self.name {
            *keep = Some(kept());
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for FieldSeed<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<(), E> {
        self.find(name, || Cow::Owned(name.to_owned()))
    }

    fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<(), E> {
        self.find(name, || Cow::Borrowed(name))
    }
}

/// Reads one value into a slot, noting its JSON type in the sink if it is
/// not the documented one.
struct SlotSeed<'a, 's>(SlotMut<'a>, Sink<'s>);

impl<'de> DeserializeSeed<'de> for SlotSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let sink = self.1;
        match self.0 {
            // `any` for text too, so that a number or boolean sent where the
            // docs say string is read (as its text) rather than refused.
            SlotMut::Scalar(slot) => deserializer.deserialize_any(ScalarVisitor(slot, sink)),
            // A nested struct notes into its own table.
            SlotMut::Model(model) => read(deserializer, model, sink.is_some()),
            SlotMut::List(list) => deserializer.deserialize_seq(ListVisitor(list, sink)),
            // `any`, not `struct`: JSON's `null` and XML's empty element
            // reach the visitor too, and read as an empty list.
            SlotMut::Wrapped(item_name, items) => deserializer.deserialize_any(WrapperVisitor {
                item_name,
                items,
                sink,
            }),
            SlotMut::Map(map) => deserializer.deserialize_map(MapVisitor(map, sink)),
            SlotMut::Optional(option) => {
                deserializer.deserialize_option(OptionVisitor(option, sink))
            }
            SlotMut::Json(value) => {
                *value = serde_json::Value::deserialize(deserializer)?;
                Ok(())
            }
        }
    }
}

/// Reads a string, number or boolean. Numbers and booleans are also read
/// from their text, and from quick-xml's `{"$text": ...}` form of an element.
struct ScalarVisitor<'a, 's>(&'a mut dyn ScalarSlot, Sink<'s>);

impl ScalarVisitor<'_, '_> {
    /// Checks that the value was stored, and notes it if it came in
    /// another JSON type than documented (`text` is what was sent, for
    /// text). Inline, so that a value as documented costs one compare.
    #[inline]
    fn stored<E: de::Error>(
        self,
        stored: Stored,
        unexpected: de::Unexpected<'_>,
        text: Option<&str>,
    ) -> Result<(), E> {
        if stored == Stored::AsDocumented {
            Ok(())
        } else {
            self.off_type(stored, unexpected, text)
        }
    }

    /// [`Self::stored`] for a value refused, or one to note.
    fn off_type<E: de::Error>(
        mut self,
        stored: Stored,
        unexpected: de::Unexpected<'_>,
        text: Option<&str>,
    ) -> Result<(), E> {
        let sent = match stored {
            Stored::Refused => return Err(E::invalid_value(unexpected, &self.0.expecting())),
            Stored::AsDocumented => return Ok(()),
            Stored::Number => Sent::Number,
            Stored::Bool => Sent::Bool,
            Stored::Integer => Sent::Integer,
            Stored::Text => {
                let text = text.unwrap_or_default();
                let own = is_own_text(self.0.current(), text);
                Sent::Text((!own).then(|| text.into()))
            }
        };
        if let Some(marks) = &mut self.1 {
            marks.push(Mark::here(sent));
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for ScalarVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.expecting())
    }

    #[inline]
    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        let stored = self.0.set_text(text);
        self.stored(stored, de::Unexpected::Str(text), Some(text))
    }

    /// The same as `visit_str`, without the extra call of serde's default.
    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<(), E> {
        self.visit_str(text)
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<(), E> {
        if self.0.is_text() {
            let stored = self.0.set_string(text);
            self.stored(stored, de::Unexpected::Other("text"), None)
        } else {
            self.visit_str(&text)
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<(), E> {
        let stored = self.0.set_i64(value);
        self.stored(stored, de::Unexpected::Signed(value), None)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<(), E> {
        let stored = self.0.set_u64(value);
        self.stored(stored, de::Unexpected::Unsigned(value), None)
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<(), E> {
        let stored = self.0.set_f64(value);
        self.stored(stored, de::Unexpected::Float(value), None)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<(), E> {
        let stored = self.0.set_bool(value);
        self.stored(stored, de::Unexpected::Bool(value), None)
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
                if self.0.set_text(&text) == Stored::Refused {
                    let expecting = self.0.expecting();
                    return Err(de::Error::invalid_value(
                        de::Unexpected::Str(&text),
                        &expecting,
                    ));
                }
                found = true;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        if !found && keys == 0 && self.0.is_text() {
            self.0.set_text("");
            return Ok(());
        }
        if found {
            Ok(())
        } else {
            Err(de::Error::invalid_value(
                de::Unexpected::Map,
                &self.0.expecting(),
            ))
        }
    }
}

struct ListVisitor<'a, 's>(&'a mut dyn ListSlot, Sink<'s>);

impl<'de> Visitor<'de> for ListVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        if let Some(hint) = seq.size_hint() {
            self.0.reserve(hint.min(1024));
        }
        for index in 0_u32.. {
            let before = marks_so_far(&self.1);
            let item = seq.next_element_seed(ItemSeed(&mut *self.0, self.1.as_deref_mut()))?;
            if item.is_none() {
                break;
            }
            step_above(&mut self.1, before, StepRef::Item(index));
        }
        Ok(())
    }
}

/// Reads one list item: appends an empty item only once an item is there.
/// A `null` item is the empty value (`""`, 0, `false`, a struct with no
/// field set), so the items after it keep their positions.
struct ItemSeed<'a, 's>(&'a mut dyn ListSlot, Sink<'s>);

impl<'de> DeserializeSeed<'de> for ItemSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(ItemVisitor(self.0, self.1))
    }
}

struct ItemVisitor<'a, 's>(&'a mut dyn ListSlot, Sink<'s>);

impl<'de> Visitor<'de> for ItemVisitor<'_, '_> {
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
        SlotSeed(self.0.push_empty(), self.1).deserialize(deserializer)
    }
}

/// Reads `{"<item name>": [...]}` into `Some(items)`, ignoring other keys.
/// An empty XML element (`<Tags/>`, text) or `null` is an empty list.
struct WrapperVisitor<'a, 's> {
    item_name: &'static str,
    items: &'a mut dyn OptionSlot,
    sink: Sink<'s>,
}

impl<'de> Visitor<'de> for WrapperVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object holding a `{}` list", self.item_name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut items = Some(self.items.some());
        let mut sink = self.sink;
        while let Some(key) = map.next_key::<String>()? {
            match items.take() {
                Some(slot) if key == self.item_name => {
                    map.next_value_seed(SlotSeed(slot, sink.take()))?;
                }
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

struct MapVisitor<'a, 's>(&'a mut dyn MapSlot, Sink<'s>);

impl<'de> Visitor<'de> for MapVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            // The key is copied only when values are noted.
            let noted = self.1.is_some().then(|| key.clone());
            let before = marks_so_far(&self.1);
            map.next_value_seed(SlotSeed(self.0.insert(key), self.1.as_deref_mut()))?;
            if let Some(key) = noted.as_deref() {
                step_above(&mut self.1, before, StepRef::Key(key));
            }
        }
        Ok(())
    }
}

/// `null` (or an absent XML value) leaves the option `None`.
struct OptionVisitor<'a, 's>(&'a mut dyn OptionSlot, Sink<'s>);

impl<'de> Visitor<'de> for OptionVisitor<'_, '_> {
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
        SlotSeed(self.0.some(), self.1).deserialize(deserializer)
    }
}
