//! The JSON types a response arrived with, where they were not the
//! documented ones.
//!
//! The service does not always send the JSON type its docs give: a text
//! field may come as a number or a boolean (`"Bandwidth": 20`), a number
//! or boolean as text (`"TotalCount": "1"`). The reader accepts them into
//! the documented Rust type, and notes each such value in the struct's
//! [`Received`] table, by its path from the struct (the field's wire name,
//! then list positions and map keys). The writer consults the table, so a
//! response written back as JSON has the JSON types it was read with.
//!
//! The table is empty, and allocates nothing, unless something arrived
//! in another type; only JSON reads fill it (in XML everything is text).

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use super::{Scalar, ScalarValue};

/// The side table of a generated response struct: which of its values
/// arrived with another JSON type than the documented one, and which.
///
/// It is not part of the struct's value: two tables always compare equal,
/// so a parsed response equals one built by hand with the same fields,
/// whatever JSON types it was sent with. A struct built by hand (or
/// `Default`) has an empty table and is written with the documented
/// types. A note applies only while the value still reads as the type
/// noted (a text field noted as a number is written as a number only if
/// its text is one), so a value changed after reading is written sensibly.
#[derive(Clone, Default)]
#[allow(
    clippy::box_collection,
    reason = "one thin pointer (8 bytes) in every response struct and list item, where a Vec is 24 and a boxed slice 16"
)]
pub struct Received(Option<Box<Vec<Mark>>>);

/// A value that arrived with another JSON type: where, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mark {
    /// The path from the struct: the field's wire name, then list
    /// positions and map keys.
    path: Box<[Step]>,
    sent: Sent,
}

/// One step of a [`Mark`]'s path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    /// A list item, by position.
    Item(u32),
    /// A field, by wire name, or a map entry, by key.
    Key(Box<str>),
}

/// A step being read or looked up, borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum StepRef<'a> {
    Item(u32),
    Key(&'a str),
}

impl Step {
    fn as_ref(&self) -> StepRef<'_> {
        match self {
            Step::Item(index) => StepRef::Item(*index),
            Step::Key(key) => StepRef::Key(key),
        }
    }
}

/// How a value arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sent {
    /// A JSON number in a text field.
    Number,
    /// A JSON boolean in a text field.
    Bool,
    /// A JSON integer in a float field (`120`, not `120.0`).
    Integer,
    /// A JSON string in a number or boolean field; with the text as sent
    /// when it is not the value's own text (`" 7"`, `"True"`, `"3"` for a
    /// float).
    Text(Option<Box<str>>),
}

impl PartialEq for Received {
    /// Always equal: the table records the wire form, not the value.
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl fmt::Debug for Received {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Received({} marks)", self.marks().len())
    }
}

impl Received {
    /// Whether every value arrived in its documented JSON type (or the
    /// struct was not read from JSON).
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// Forgets the JSON types noted, so that the struct is written with
    /// the documented ones.
    pub fn clear(&mut self) {
        self.0 = None;
    }

    fn marks(&self) -> &[Mark] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }

    /// Replaces the table with `marks`, as one struct's read found them.
    pub(crate) fn set(&mut self, mut marks: Vec<Mark>) {
        if marks.is_empty() {
            self.0 = None;
            return;
        }
        marks.sort_by(|a, b| compare_paths(&a.path, &b.path));
        self.0 = Some(Box::new(marks));
    }

    /// The marks of the struct's fields, for the writer.
    pub(crate) fn lookup(&self) -> Marks<'_> {
        Marks {
            marks: self.marks(),
            depth: 0,
        }
    }
}

fn compare_paths(a: &[Step], b: &[Step]) -> Ordering {
    a.iter().map(Step::as_ref).cmp(b.iter().map(Step::as_ref))
}

impl Mark {
    /// A mark for the value just read, with no path yet: each list, map
    /// and field it sits in adds its step once the value is read
    /// ([`add_step`]), so a read keeps no path for the values that came
    /// as documented.
    pub(crate) fn here(sent: Sent) -> Mark {
        Mark {
            path: Box::default(),
            sent,
        }
    }
}

/// Puts `step` above the paths of `marks`, the marks of the value just
/// read below that step (usually none).
pub(crate) fn add_step(marks: &mut [Mark], step: StepRef<'_>) {
    for mark in marks {
        let mut path = Vec::with_capacity(mark.path.len() + 1);
        path.push(match step {
            StepRef::Item(index) => Step::Item(index),
            StepRef::Key(key) => Step::Key(key.into()),
        });
        path.extend(mark.path.iter().cloned());
        mark.path = path.into_boxed_slice();
    }
}

/// The marks below one point of a struct being written: those whose
/// paths share the first `depth` steps, sorted.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Marks<'a> {
    marks: &'a [Mark],
    depth: usize,
}

impl<'a> Marks<'a> {
    /// The marks below the step `step` from here. Inline, so that with no
    /// marks (the usual case) the writer pays one length check.
    #[inline]
    pub(crate) fn at(self, step: StepRef<'_>) -> Marks<'a> {
        if self.marks.is_empty() {
            self
        } else {
            self.below(step)
        }
    }

    fn below(self, step: StepRef<'_>) -> Marks<'a> {
        let depth = self.depth;
        fn deeper(mark: &Mark, depth: usize) -> Option<StepRef<'_>> {
            mark.path.get(depth).map(Step::as_ref)
        }
        let start = self
            .marks
            .partition_point(|mark| deeper(mark, depth) < Some(step));
        let end = self
            .marks
            .partition_point(|mark| deeper(mark, depth) <= Some(step));
        Marks {
            marks: &self.marks[start..end],
            depth: depth + 1,
        }
    }

    /// How the value here arrived, if it was marked.
    fn here(self) -> Option<&'a Sent> {
        self.marks
            .first()
            .filter(|mark| mark.path.len() == self.depth)
            .map(|mark| &mark.sent)
    }

    /// `value` as it is to be written: in the JSON type it arrived with,
    /// if it was marked and still reads as that type.
    #[inline]
    pub(crate) fn scalar(self, value: ScalarValue<'a>) -> Wire<'a> {
        if self.marks.is_empty() {
            Wire::Value(value)
        } else {
            self.as_marked(value)
        }
    }

    fn as_marked(self, value: ScalarValue<'a>) -> Wire<'a> {
        match self.here() {
            Some(sent) => as_sent(value, sent),
            None => Wire::Value(value),
        }
    }
}

/// A scalar as the writer writes it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Wire<'a> {
    /// In its documented JSON type.
    Value(ScalarValue<'a>),
    /// As a JSON string.
    Text(Cow<'a, str>),
    /// As a JSON integer beyond `i64` (a text field sent a large number).
    U64(u64),
}

fn as_sent<'a>(value: ScalarValue<'a>, sent: &'a Sent) -> Wire<'a> {
    match (value, sent) {
        (ScalarValue::Text(text), Sent::Number) => {
            if let Ok(number) = text.parse::<i64>() {
                Wire::Value(ScalarValue::I64(number))
            } else if let Ok(number) = text.parse::<u64>() {
                Wire::U64(number)
            } else {
                match text.parse::<f64>() {
                    Ok(number) if number.is_finite() && is_json_number(text) => {
                        Wire::Value(ScalarValue::F64(number))
                    }
                    _ => Wire::Value(value),
                }
            }
        }
        (ScalarValue::Text("true"), Sent::Bool) => Wire::Value(ScalarValue::Bool(true)),
        (ScalarValue::Text("false"), Sent::Bool) => Wire::Value(ScalarValue::Bool(false)),
        (ScalarValue::F64(number), Sent::Integer) => integral(number).unwrap_or(Wire::Value(value)),
        (ScalarValue::F32(number), Sent::Integer) => {
            integral(f64::from(number)).unwrap_or(Wire::Value(value))
        }
        (ScalarValue::Text(_), _) => Wire::Value(value),
        (_, Sent::Text(Some(sent))) if reads_as(value, sent) => Wire::Text(Cow::Borrowed(sent)),
        (_, Sent::Text(_)) => Wire::Text(Cow::Owned(own_text(value))),
        _ => Wire::Value(value),
    }
}

/// Whether `text` is written as a JSON number would be: an optional
/// minus, digits, an optional fraction and exponent. (Rust's float parser
/// also takes `+1`, `.5`, `inf`, which JSON does not.)
fn is_json_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.ends_with(|c: char| c.is_ascii_digit())
        && digits
            .bytes()
            .all(|byte| byte.is_ascii_digit() || matches!(byte, b'.' | b'e' | b'E' | b'+' | b'-'))
}

/// A float with no fraction, as an integer, if it fits in the range where
/// floats hold every integer exactly.
#[allow(
    clippy::cast_possible_truncation,
    reason = "only integral values within ±2^53 are converted"
)]
fn integral(number: f64) -> Option<Wire<'static>> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    (number.fract() == 0.0 && number.abs() <= EXACT)
        .then_some(Wire::Value(ScalarValue::I64(number as i64)))
}

/// Whether `text` reads as `value` in `value`'s own type.
fn reads_as(value: ScalarValue<'_>, text: &str) -> bool {
    match value {
        ScalarValue::Text(own) => own == text,
        ScalarValue::I32(number) => i32::from_text(text) == Some(number),
        ScalarValue::I64(number) => i64::from_text(text) == Some(number),
        ScalarValue::F32(number) => f32::from_text(text) == Some(number),
        ScalarValue::F64(number) => f64::from_text(text) == Some(number),
        ScalarValue::Bool(flag) => bool::from_text(text) == Some(flag),
    }
}

/// Whether `text` is the value's own text, as [`own_text`] writes it.
pub(crate) fn is_own_text(value: ScalarValue<'_>, text: &str) -> bool {
    match value {
        ScalarValue::I32(number) => itoa::Buffer::new().format(number) == text,
        ScalarValue::I64(number) => itoa::Buffer::new().format(number) == text,
        ScalarValue::Bool(flag) => text == if flag { "true" } else { "false" },
        other => own_text(other) == text,
    }
}

/// The text of a number or boolean, as JSON writes it.
fn own_text(value: ScalarValue<'_>) -> String {
    match value {
        ScalarValue::Text(text) => text.to_owned(),
        ScalarValue::I32(number) => number.to_string(),
        ScalarValue::I64(number) => number.to_string(),
        ScalarValue::F32(number) => serde_json::to_string(&number).unwrap_or_default(),
        ScalarValue::F64(number) => serde_json::to_string(&number).unwrap_or_default(),
        ScalarValue::Bool(flag) => flag.to_string(),
    }
}
