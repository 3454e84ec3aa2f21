//! Writing any [`Model`] with serde, to JSON, XML or any other format.
//!
//! Absent fields are skipped, so what the service left out stays out. A
//! value noted in a response's [`Received`](super::Received) table is
//! written with the JSON type it arrived with.

use serde::Serialize;
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct, Serializer};

use super::received::{Marks, StepRef, Wire};
use super::{Item, ListRead, Model, Received, ScalarValue, Slot};

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
    SlotSer(value.slot(), Lengths::Exact, Marks::default())
}

struct ModelSer<'a>(&'a dyn Model, Lengths);

impl Serialize for ModelSer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let present = match self.1 {
            Lengths::Exact => (0..)
                .map_while(|index| self.0.field(index))
                .filter(|(_, slot)| !matches!(slot, Slot::Absent))
                .count(),
            Lengths::NonZero => 1,
        };
        let mut object = serializer.serialize_struct("Model", present)?;
        for (name, slot, marks) in fields(self.0) {
            match slot {
                Slot::Absent => object.skip_field(name)?,
                slot => object.serialize_field(name, &SlotSer(slot, self.1, marks))?,
            }
        }
        object.end()
    }
}

/// The fields of `model`, in wire order, each with its marks.
fn fields(model: &dyn Model) -> impl Iterator<Item = (&'static str, Slot<'_>, Marks<'_>)> {
    let marks = model.received().map(Received::lookup).unwrap_or_default();
    (0..).map_while(move |index| {
        let (name, slot) = model.field(index)?;
        Some((name, slot, marks.at(StepRef::Key(name))))
    })
}

/// The index of `index` below `marks`, as a step.
#[allow(
    clippy::cast_possible_truncation,
    reason = "the reader numbers list items in u32; a longer list has no marks past that"
)]
fn item(marks: Marks<'_>, index: usize) -> Marks<'_> {
    marks.at(StepRef::Item(index as u32))
}

struct SlotSer<'a>(Slot<'a>, Lengths, Marks<'a>);

impl Serialize for SlotSer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let marks = self.2;
        match self.0 {
            Slot::Absent => serializer.serialize_none(),
            Slot::Scalar(value) => match marks.scalar(value) {
                Wire::Value(value) => match value {
                    ScalarValue::Text(text) => serializer.serialize_str(text),
                    ScalarValue::I32(value) => serializer.serialize_i32(value),
                    ScalarValue::I64(value) => serializer.serialize_i64(value),
                    ScalarValue::F32(value) => serializer.serialize_f32(value),
                    ScalarValue::F64(value) => serializer.serialize_f64(value),
                    ScalarValue::Bool(value) => serializer.serialize_bool(value),
                },
                Wire::Text(text) => serializer.serialize_str(&text),
                Wire::U64(value) => serializer.serialize_u64(value),
            },
            Slot::Model(model) => ModelSer(model, self.1).serialize(serializer),
            Slot::List(items) => ListSer(items, self.1, marks).serialize(serializer),
            Slot::Wrapped(item_name, items) => {
                let mut wrapper = serializer.serialize_struct("Wrapper", 1)?;
                wrapper.serialize_field(item_name, &ListSer(items, self.1, marks))?;
                wrapper.end()
            }
            Slot::Map(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries.entries() {
                    map.serialize_entry(key, &SlotSer(value, self.1, marks.at(StepRef::Key(key))))?;
                }
                map.end()
            }
            Slot::Json(value) => value.serialize(serializer),
        }
    }
}

struct ListSer<'a>(&'a dyn ListRead, Lengths, Marks<'a>);

impl Serialize for ListSer<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for index in 0..self.0.len() {
            seq.serialize_element(&SlotSer(self.0.item(index), self.1, item(self.2, index)))?;
        }
        seq.end()
    }
}

/// The direct JSON writer behind [`to_json`].
mod json {
    use super::{ListRead, Marks, Model, ScalarValue, Slot, StepRef, Wire, fields, item};

    type Result = std::result::Result<(), serde_json::Error>;

    /// A JSON string: as it is between quotes when nothing in it needs
    /// escaping (the usual case), else as serde_json escapes it.
    fn text(out: &mut String, text: &str) -> Result {
        if needs_escape(text.as_bytes()) {
            out.push_str(&serde_json::to_string(text)?);
        } else {
            out.reserve(text.len() + 2);
            out.push('"');
            out.push_str(text);
            out.push('"');
        }
        Ok(())
    }

    /// Whether `bytes` hold a control character, `"` or `\`, the bytes
    /// JSON escapes. Eight bytes at a time: a byte-by-byte scan was a
    /// third of the time of writing.
    fn needs_escape(bytes: &[u8]) -> bool {
        let mut words = bytes.chunks_exact(8);
        let special = words
            .by_ref()
            .map(|word| u64::from_le_bytes(word.try_into().unwrap_or_default()))
            .any(has_special_byte);
        special
            || words
                .remainder()
                .iter()
                .any(|&byte| byte < 0x20 || byte == b'"' || byte == b'\\')
    }

    /// Whether a byte of `word` is below 0x20, `"` or `\` (the classic
    /// "has a byte less than n" and "has a zero byte" tests, exact for
    /// whether any byte matches).
    fn has_special_byte(word: u64) -> bool {
        const ONES: u64 = u64::from_le_bytes([0x01; 8]);
        const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
        let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH;
        let control = below(word, 0x20);
        let quote = below(word ^ (ONES * u64::from(b'"')), 1);
        let backslash = below(word ^ (ONES * u64::from(b'\\')), 1);
        control | quote | backslash != 0
    }

    fn integer(out: &mut String, number: impl itoa::Integer) {
        out.push_str(itoa::Buffer::new().format(number));
    }

    pub(super) fn model(out: &mut String, model: &dyn Model) -> Result {
        out.push('{');
        let mut first = true;
        for (name, slot, marks) in fields(model) {
            if matches!(slot, Slot::Absent) {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            text(out, name)?;
            out.push(':');
            self::slot(out, slot, marks)?;
        }
        out.push('}');
        Ok(())
    }

    fn slot(out: &mut String, slot: Slot<'_>, marks: Marks<'_>) -> Result {
        match slot {
            Slot::Absent => out.push_str("null"),
            Slot::Scalar(scalar) => match marks.scalar(scalar) {
                Wire::Value(ScalarValue::Text(value)) => text(out, value)?,
                Wire::Value(ScalarValue::I32(number)) => integer(out, number),
                Wire::Value(ScalarValue::I64(number)) => integer(out, number),
                Wire::Value(ScalarValue::F32(number)) => {
                    out.push_str(&serde_json::to_string(&number)?);
                }
                Wire::Value(ScalarValue::F64(number)) => {
                    out.push_str(&serde_json::to_string(&number)?);
                }
                Wire::Value(ScalarValue::Bool(flag)) => {
                    out.push_str(if flag { "true" } else { "false" });
                }
                Wire::Text(value) => text(out, &value)?,
                Wire::U64(number) => integer(out, number),
            },
            Slot::Model(nested) => model(out, nested)?,
            Slot::List(items) => list(out, items, marks)?,
            Slot::Wrapped(item_name, items) => {
                out.push('{');
                text(out, item_name)?;
                out.push(':');
                list(out, items, marks)?;
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
                    self::slot(out, entry, marks.at(StepRef::Key(key)))?;
                }
                out.push('}');
            }
            Slot::Json(json) => out.push_str(&serde_json::to_string(json)?),
        }
        Ok(())
    }

    fn list(out: &mut String, items: &dyn ListRead, marks: Marks<'_>) -> Result {
        out.push('[');
        for index in 0..items.len() {
            if index > 0 {
                out.push(',');
            }
            slot(out, items.item(index), item(marks, index))?;
        }
        out.push(']');
        Ok(())
    }

    #[cfg(test)]
    mod tests {
        /// Every byte value, at every position of strings of 1 to 17
        /// bytes (so both the eight-byte words and the rest), against the
        /// byte-by-byte rule.
        #[test]
        fn needs_escape_finds_every_byte_json_escapes() {
            for len in 1..=17 {
                for at in 0..len {
                    for byte in 0..=u8::MAX {
                        let mut bytes = vec![b'a'; len];
                        bytes[at] = byte;
                        let expected = byte < 0x20 || byte == b'"' || byte == b'\\';
                        assert_eq!(super::needs_escape(&bytes), expected, "{bytes:?}");
                    }
                }
            }
            assert!(!super::needs_escape(b""));
            assert!(!super::needs_escape(
                "caf\u{e9} \u{4e2d}\u{6587} ~\u{7f}".as_bytes()
            ));
        }
    }
}
