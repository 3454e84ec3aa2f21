//! Writing any [`Model`] with serde, to JSON, XML or any other format.
//!
//! Absent fields are skipped, so what the service left out stays out.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct, Serializer};

use super::{Item, ListRead, Model, ScalarValue, Slot};

/// Writes a model with any serde serializer: the body of a generated
/// `impl Serialize`.
pub fn serialize<S: Serializer>(model: &dyn Model, serializer: S) -> Result<S::Ok, S::Error> {
    ModelSer(model).serialize(serializer)
}

/// Writes `model` as compact JSON.
pub fn to_json(model: &dyn Model) -> Result<String, serde_json::Error> {
    serde_json::to_string(&ModelSer(model))
}

/// Writes `model` as an XML document with the root element `root`.
pub fn to_xml(root: &str, model: &dyn Model) -> Result<String, quick_xml::SeError> {
    quick_xml::se::to_string_with_root(root, &ModelSer(model))
}

/// Any field value as serde sees it, written through the field tables:
/// what a `json`-style query parameter sends, without the value needing
/// serde impls of its own (those come only with a crate's `serde` feature).
pub fn wire<T: Item>(value: &T) -> impl Serialize + '_ {
    SlotSer(value.slot())
}

struct ModelSer<'a>(&'a dyn Model);

impl Serialize for ModelSer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let present = fields(self.0)
            .filter(|(_, slot)| !matches!(slot, Slot::Absent))
            .count();
        let mut object = serializer.serialize_struct("Model", present)?;
        for (name, slot) in fields(self.0) {
            match slot {
                Slot::Absent => object.skip_field(name)?,
                slot => object.serialize_field(name, &SlotSer(slot))?,
            }
        }
        object.end()
    }
}

/// The fields of `model`, in wire order.
fn fields(model: &dyn Model) -> impl Iterator<Item = (&'static str, Slot<'_>)> {
    (0..).map_while(move |index| model.field(index))
}

struct SlotSer<'a>(Slot<'a>);

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
            Slot::Model(model) => ModelSer(model).serialize(serializer),
            Slot::List(items) => ListSer(items).serialize(serializer),
            Slot::Wrapped(item_name, items) => {
                let mut wrapper = serializer.serialize_struct("Wrapper", 1)?;
                wrapper.serialize_field(item_name, &ListSer(items))?;
                wrapper.end()
            }
            Slot::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries.entries() {
                    map.serialize_entry(key, &SlotSer(value))?;
                }
                map.end()
            }
            Slot::Json(value) => value.serialize(serializer),
        }
    }
}

struct ListSer<'a>(&'a dyn ListRead);

impl Serialize for ListSer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for index in 0..self.0.len() {
            seq.serialize_element(&SlotSer(self.0.item(index)))?;
        }
        seq.end()
    }
}
