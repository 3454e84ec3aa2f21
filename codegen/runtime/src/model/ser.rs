//! Writing any [`Model`] with serde, to JSON, XML or any other format.
//!
//! Absent fields are skipped, so what the service left out stays out.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct, Serializer};

use super::{Item, ListRead, Model, ScalarValue, Slot};

/// Writes a model with any serde serializer: the body of a generated
/// `impl Serialize`.
pub fn serialize<S: Serializer>(model: &dyn Model, serializer: S) -> Result<S::Ok, S::Error> {
    ModelSer(model, Lengths::Exact).serialize(serializer)
}

/// Writes `model` as compact JSON: the same text as serde_json writes
/// through [`serialize`], but walking the field tables directly rather than
/// through serde's per-value calls, which cost a quarter of the time of a
/// derived writer. Strings that need escaping, and floats, are still
/// written by serde_json, so its escaping and number formatting stand.
pub fn to_json(model: &dyn Model) -> Result<String, serde_json::Error> {
    let mut out = String::with_capacity(1024);
    json::model(&mut out, model)?;
    Ok(out)
}

/// Writes `model` as an XML document with the root element `root`.
pub fn to_xml(root: &str, model: &dyn Model) -> Result<String, quick_xml::SeError> {
    quick_xml::se::to_string_with_root(root, &ModelSer(model, Lengths::NonZero))
}

/// The field count a struct tells the serializer.
///
/// Some formats write it (MessagePack maps), so a `Serialize` impl must
/// count the fields it will write, which is a second pass over them.
/// quick-xml never reads it, so [`to_xml`] skips the count. (serde_json
/// reads it only to write `{}` at once for zero; [`to_json`] does not go
/// through serde for structs at all.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lengths {
    /// The number of fields written.
    Exact,
    /// Any non-zero number.
    NonZero,
}

/// Any field value as serde sees it, written through the field tables:
/// what a `json`-style query parameter sends, without the value needing
/// serde impls of its own (those come only with a crate's `serde` feature).
pub fn wire<T: Item>(value: &T) -> impl Serialize + '_ {
    SlotSer(value.slot(), Lengths::Exact)
}

struct ModelSer<'a>(&'a dyn Model, Lengths);

impl Serialize for ModelSer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let present = match self.1 {
            Lengths::Exact => fields(self.0)
                .filter(|(_, slot)| !matches!(slot, Slot::Absent))
                .count(),
            Lengths::NonZero => 1,
        };
        let mut object = serializer.serialize_struct("Model", present)?;
        for (name, slot) in fields(self.0) {
            match slot {
                Slot::Absent => object.skip_field(name)?,
                slot => object.serialize_field(name, &SlotSer(slot, self.1))?,
            }
        }
        object.end()
    }
}

/// The fields of `model`, in wire order.
fn fields(model: &dyn Model) -> impl Iterator<Item = (&'static str, Slot<'_>)> {
    (0..).map_while(move |index| model.field(index))
}

struct SlotSer<'a>(Slot<'a>, Lengths);

impl Serialize for SlotSer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Slot::Absent => serializer.serialize_none(),
            Slot::Scalar(value) => match value {
                ScalarValue::Text(text) => serializer.serialize_str(text),
                ScalarValue::I32(value) => serializer.serialize_i32(value),
                ScalarValue::I64(value) => serializer.serialize_i64(value),
                ScalarValue::F32(value) => serializer.serialize_f32(value),
                ScalarValue::F64(value) => serializer.serialize_f64(value),
                ScalarValue::Bool(value) => serializer.serialize_bool(value),
            },
            Slot::Model(model) => ModelSer(model, self.1).serialize(serializer),
            Slot::List(items) => ListSer(items, self.1).serialize(serializer),
            Slot::Wrapped(item_name, items) => {
                let mut wrapper = serializer.serialize_struct("Wrapper", 1)?;
                wrapper.serialize_field(item_name, &ListSer(items, self.1))?;
                wrapper.end()
            }
            Slot::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries.entries() {
                    map.serialize_entry(key, &SlotSer(value, self.1))?;
                }
                map.end()
            }
            Slot::Json(value) => value.serialize(serializer),
        }
    }
}

struct ListSer<'a>(&'a dyn ListRead, Lengths);

impl Serialize for ListSer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for index in 0..self.0.len() {
            seq.serialize_element(&SlotSer(self.0.item(index), self.1))?;
        }
        seq.end()
    }
}

/// The direct JSON writer behind [`to_json`].
mod json {
    use super::{ListRead, Model, ScalarValue, Slot, fields};

    type Result = std::result::Result<(), serde_json::Error>;

    /// A JSON string: as it is between quotes when nothing in it needs
    /// escaping (the usual case), else as serde_json escapes it.
    fn text(out: &mut String, text: &str) -> Result {
        let plain = text
            .bytes()
            .all(|byte| byte >= 0x20 && byte != b'"' && byte != b'\\');
        if plain {
            out.push('"');
            out.push_str(text);
            out.push('"');
        } else {
            out.push_str(&serde_json::to_string(text)?);
        }
        Ok(())
    }

    fn integer(out: &mut String, number: impl itoa::Integer) {
        out.push_str(itoa::Buffer::new().format(number));
    }

    pub(super) fn model(out: &mut String, model: &dyn Model) -> Result {
        out.push('{');
        let mut first = true;
        for (name, slot) in fields(model) {
            if matches!(slot, Slot::Absent) {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            text(out, name)?;
            out.push(':');
            self::slot(out, slot)?;
        }
        out.push('}');
        Ok(())
    }

    fn slot(out: &mut String, slot: Slot<'_>) -> Result {
        match slot {
            Slot::Absent => out.push_str("null"),
            Slot::Scalar(scalar) => match scalar {
                ScalarValue::Text(value) => text(out, value)?,
                ScalarValue::I32(number) => integer(out, number),
                ScalarValue::I64(number) => integer(out, number),
                ScalarValue::F32(number) => out.push_str(&serde_json::to_string(&number)?),
                ScalarValue::F64(number) => out.push_str(&serde_json::to_string(&number)?),
                ScalarValue::Bool(flag) => out.push_str(if flag { "true" } else { "false" }),
            },
            Slot::Model(nested) => model(out, nested)?,
            Slot::List(items) => list(out, items)?,
            Slot::Wrapped(item_name, items) => {
                out.push('{');
                text(out, item_name)?;
                out.push(':');
                list(out, items)?;
                out.push('}');
            }
            Slot::Map(entries) => {
                out.push('{');
                for (index, (key, entry)) in entries.entries().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    text(out, key)?;
                    out.push(':');
                    self::slot(out, entry)?;
                }
                out.push('}');
            }
            Slot::Json(json) => out.push_str(&serde_json::to_string(json)?),
        }
        Ok(())
    }

    fn list(out: &mut String, items: &dyn ListRead) -> Result {
        out.push('[');
        for index in 0..items.len() {
            if index > 0 {
                out.push(',');
            }
            slot(out, items.item(index))?;
        }
        out.push(']');
        Ok(())
    }
}
