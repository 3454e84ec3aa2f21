//! The first reading of a spec file: JSON text into a tree that keeps every
//! key (serde_json's `Value` keeps only the last of two equal keys), then a
//! check of that tree against the shape of the spec format that reports
//! every problem at once, with its JSON path and what the format expects.
//! Only a tree that fits is handed to serde.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

use crate::diagnostics::{Diagnostics, pointer_join};

/// The deepest nesting of arrays and objects a spec file may have (serde_json's
/// recursion limit, which keeps the reader off the end of the stack).
pub const MAX_JSON_DEPTH: usize = 128;

/// A JSON value whose objects keep every key, in order, even repeated ones.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tree {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_bool<E>(self, value: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Tree, E> {
        Ok(Tree::Number(value.into()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Tree, E> {
        Ok(Tree::Number(value.into()))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Tree, E> {
        Number::from_f64(value)
            .map(Tree::Number)
            .ok_or_else(|| E::custom("a number out of range"))
    }

    fn visit_str<E>(self, value: &str) -> Result<Tree, E> {
        Ok(Tree::String(value.to_string()))
    }

    fn visit_string<E>(self, value: String) -> Result<Tree, E> {
        Ok(Tree::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut fields = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Tree>()? {
            fields.push((key, value));
        }
        Ok(Tree::Object(fields))
    }
}

impl Tree {
    /// "an array", "a string": what was found, for messages.
    fn kind(&self) -> &'static str {
        match self {
            Tree::Null => "null",
            Tree::Bool(_) => "a boolean",
            Tree::Number(_) => "a number",
            Tree::String(_) => "a string",
            Tree::Array(_) => "an array",
            Tree::Object(_) => "an object",
        }
    }
}

/// Reads JSON text into a tree. A byte order mark is reported and skipped,
/// so the rest of the file is still checked.
pub(super) fn parse(file: &str, text: &str, diagnostics: &mut Diagnostics) -> Option<Tree> {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            diagnostics.error(
                file,
                "",
                "the file starts with a byte order mark (expected UTF-8 text without one)",
            );
            rest
        }
        None => text,
    };
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = Tree::deserialize(&mut deserializer).and_then(|tree| {
        deserializer.end()?;
        Ok(tree)
    });
    match parsed {
        Ok(tree) => Some(tree),
        Err(error) => {
            let message = error.to_string();
            let message = if message.starts_with("recursion limit exceeded") {
                format!(
                    "arrays and objects nest more than {MAX_JSON_DEPTH} levels deep at line {} column {} (the limit of the spec format)",
                    error.line(),
                    error.column()
                )
            } else if error.is_eof() && text.trim().is_empty() {
                "the file is empty (expected a JSON object)".to_string()
            } else {
                format!("invalid JSON: {message}")
            };
            diagnostics.error(file, "", message);
            None
        }
    }
}

/// What a key of the spec format holds.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    /// A string.
    Text,
    /// `true` or `false`.
    Flag,
    /// A whole number, 0 or more.
    Count,
    /// A number or its text (`minimum`, `maximum`).
    Bound,
    /// Any JSON value (`example`, `default`, enum values).
    Any,
    /// An array of this.
    List(&'static Kind),
    /// An object whose values are all this (keys are names).
    Map(&'static Kind),
    /// An object with these keys; other keys are accepted and ignored.
    Object(&'static [Key]),
    /// A schema object (recursive).
    Schema,
}

/// One key of an object of the spec format.
#[derive(Debug, Clone, Copy)]
pub(super) struct Key {
    name: &'static str,
    kind: Kind,
    /// Must be present.
    required: bool,
    /// May be `null` (meaning absent).
    nullable: bool,
}

const fn key(name: &'static str, kind: Kind) -> Key {
    Key {
        name,
        kind,
        required: false,
        nullable: true,
    }
}

/// A key that has a default but may not be `null`.
const fn defaulted(name: &'static str, kind: Kind) -> Key {
    Key {
        name,
        kind,
        required: false,
        nullable: false,
    }
}

const fn required(name: &'static str, kind: Kind) -> Key {
    Key {
        name,
        kind,
        required: true,
        nullable: false,
    }
}

const TEXTS: Kind = Kind::List(&Kind::Text);

/// The keys of a schema object.
const SCHEMA: &[Key] = &[
    key("type", Kind::Text),
    key("format", Kind::Text),
    defaulted("required", Kind::Flag),
    key("description", Kind::Text),
    key("example", Kind::Any),
    key("default", Kind::Any),
    key("enum", Kind::List(&Kind::Any)),
    key("enumValueTitles", Kind::Map(&Kind::Text)),
    key("minimum", Kind::Bound),
    key("maximum", Kind::Bound),
    key("minLength", Kind::Count),
    key("maxLength", Kind::Count),
    key("minItems", Kind::Count),
    key("maxItems", Kind::Count),
    key("pattern", Kind::Text),
    key("items", Kind::Schema),
    key("properties", Kind::Map(&Kind::Schema)),
    key("additionalProperties", Kind::Schema),
    defaulted("deprecated", Kind::Flag),
    key("$ref", Kind::Text),
    defaulted("x-forbidden-prefixes", TEXTS),
    defaulted("x-forbidden-substrings", TEXTS),
    key("x-rust-name", Kind::Text),
];

const PARAMETER: &[Key] = &[
    required("name", Kind::Text),
    defaulted("in", Kind::Text),
    key("style", Kind::Text),
    required("schema", Kind::Schema),
];

const RESPONSE: &[Key] = &[key("schema", Kind::Schema)];

const ERROR_CODE: &[Key] = &[
    required("errorCode", Kind::Text),
    key("errorMessage", Kind::Text),
    key("description", Kind::Text),
];

const COMPONENTS: &[Key] = &[defaulted("schemas", Kind::Map(&Kind::Schema))];

const SAMPLE: &[Key] = &[
    required("file", Kind::Text),
    required("format", Kind::Text),
    required("origin", Kind::Text),
    key("source", Kind::Text),
];

const ASYNC: &[Key] = &[
    required("poll", Kind::Text),
    key("intervalSeconds", Kind::Count),
    key("maxPolls", Kind::Count),
];

/// The keys of an action file.
pub(super) const ACTION: &[Key] = &[
    required("name", Kind::Text),
    key("summary", Kind::Text),
    key("title", Kind::Text),
    key("description", Kind::Text),
    defaulted("methods", TEXTS),
    defaulted("deprecated", Kind::Flag),
    defaulted("parameters", Kind::List(&Kind::Object(PARAMETER))),
    defaulted("responses", Kind::Map(&Kind::Object(RESPONSE))),
    defaulted(
        "errorCodes",
        Kind::Map(&Kind::List(&Kind::Object(ERROR_CODE))),
    ),
    key("components", Kind::Object(COMPONENTS)),
    key("x-family", Kind::Text),
    defaulted("x-samples", Kind::List(&Kind::Object(SAMPLE))),
    key("x-operation-type", Kind::Text),
    key("x-reference-url", Kind::Text),
    key("x-async", Kind::Object(ASYNC)),
];

const CRATE: &[Key] = &[
    required("name", Kind::Text),
    required("description", Kind::Text),
];

const ENDPOINT: &[Key] = &[
    required("regionId", Kind::Text),
    required("endpoint", Kind::Text),
];

const FEATURE: &[Key] = &[
    required("name", Kind::Text),
    defaulted("directories", Kind::List(&Kind::Count)),
    defaulted("actions", TEXTS),
];

/// The keys of `product.json`.
pub(super) const PRODUCT: &[Key] = &[
    required("code", Kind::Text),
    required("version", Kind::Text),
    required("style", Kind::Text),
    required("title", Kind::Text),
    required("crate", Kind::Object(CRATE)),
    required("endpointPattern", Kind::Text),
    defaulted("endpoints", Kind::List(&Kind::Object(ENDPOINT))),
    key("referenceUrl", Kind::Text),
    defaulted("features", Kind::List(&Kind::Object(FEATURE))),
];

/// Checks `tree`, the whole file, against the keys of its root object and
/// reports every mismatch. Returns whether it fits.
pub(super) fn check(
    file: &str,
    tree: &Tree,
    root: &'static [Key],
    diagnostics: &mut Diagnostics,
) -> bool {
    let mut checker = Checker {
        file,
        diagnostics,
        fits: true,
    };
    checker.kind("", tree, Kind::Object(root));
    checker.fits
}

struct Checker<'a> {
    file: &'a str,
    diagnostics: &'a mut Diagnostics,
    fits: bool,
}

impl Checker<'_> {
    fn error(&mut self, pointer: &str, message: String) {
        self.fits = false;
        let pointer = if pointer.is_empty() { "/" } else { pointer };
        self.diagnostics.error(self.file, pointer, message);
    }

    fn mismatch(&mut self, pointer: &str, found: &Tree, expected: &str) {
        self.error(
            pointer,
            format!("found {} (expected {expected})", found.kind()),
        );
    }

    fn kind(&mut self, pointer: &str, tree: &Tree, kind: Kind) {
        match (kind, tree) {
            (Kind::Any, _) => {}
            (Kind::Text, Tree::String(_)) | (Kind::Flag, Tree::Bool(_)) => {}
            (Kind::Text, _) => self.mismatch(pointer, tree, "a string"),
            (Kind::Flag, _) => self.mismatch(pointer, tree, "true or false"),
            (Kind::Count, Tree::Number(number)) if number.is_u64() => {}
            (Kind::Count, Tree::Number(number)) => self.error(
                pointer,
                format!("{number} is not a count (expected a whole number, 0 or more)"),
            ),
            (Kind::Count, _) => self.mismatch(pointer, tree, "a whole number, 0 or more"),
            (Kind::Bound, Tree::Number(_) | Tree::String(_)) => {}
            (Kind::Bound, _) => self.mismatch(pointer, tree, "a number or its text"),
            (Kind::List(item), Tree::Array(items)) => {
                for (index, value) in items.iter().enumerate() {
                    self.kind(&format!("{pointer}/{index}"), value, *item);
                }
            }
            (Kind::List(_), _) => self.mismatch(pointer, tree, "an array"),
            (Kind::Map(value_kind), Tree::Object(fields)) => {
                self.unique_keys(pointer, fields);
                for (name, value) in fields {
                    self.kind(&pointer_join(pointer, name), value, *value_kind);
                }
            }
            (Kind::Map(_), _) => self.mismatch(pointer, tree, "an object"),
            (Kind::Object(keys), Tree::Object(fields)) => self.object(pointer, fields, keys),
            (Kind::Object(_), _) => self.mismatch(pointer, tree, "an object"),
            (Kind::Schema, Tree::Object(fields)) => self.object(pointer, fields, SCHEMA),
            (Kind::Schema, _) => self.mismatch(pointer, tree, "a schema object"),
        }
    }

    fn object(&mut self, pointer: &str, fields: &[(String, Tree)], keys: &'static [Key]) {
        self.unique_keys(pointer, fields);
        for key in keys {
            match fields.iter().find(|(name, _)| name == key.name) {
                None if key.required => {
                    let shown = if pointer.is_empty() { "/" } else { pointer };
                    let message =
                        format!("missing \"{}\" (expected {})", key.name, describe(key.kind));
                    self.fits = false;
                    self.diagnostics.error(self.file, shown, message);
                }
                None => {}
                Some((_, Tree::Null)) if key.nullable => {}
                Some((name, value)) => self.kind(&pointer_join(pointer, name), value, key.kind),
            }
        }
    }

    /// Reports every key of an object that appears again.
    fn unique_keys(&mut self, pointer: &str, fields: &[(String, Tree)]) {
        for (index, (name, _)) in fields.iter().enumerate() {
            if fields[..index].iter().any(|(earlier, _)| earlier == name) {
                self.error(
                    &pointer_join(pointer, name),
                    format!("the key {name:?} appears more than once in this object (expected each key once)"),
                );
            }
        }
    }
}

/// What a kind of value is, in the words of the spec format.
fn describe(kind: Kind) -> &'static str {
    match kind {
        Kind::Text => "a string",
        Kind::Flag => "true or false",
        Kind::Count => "a whole number, 0 or more",
        Kind::Bound => "a number or its text",
        Kind::Any => "a value",
        Kind::List(_) => "an array",
        Kind::Map(_) | Kind::Object(_) => "an object",
        Kind::Schema => "a schema object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str, root: &'static [Key]) -> Vec<String> {
        let mut diagnostics = Diagnostics::default();
        if let Some(tree) = parse("f.json", text, &mut diagnostics) {
            check("f.json", &tree, root, &mut diagnostics);
        }
        diagnostics.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn every_type_error_is_reported_with_its_path() {
        let text = r#"{"name": 1, "parameters": [{"name": "A", "schema": ["integer"]}], "methods": "get"}"#;
        assert_eq!(
            problems(text, ACTION),
            [
                "f.json: /name: found a number (expected a string)",
                "f.json: /methods: found a string (expected an array)",
                "f.json: /parameters/0/schema: found an array (expected a schema object)",
            ]
        );
    }

    #[test]
    fn repeated_keys_are_reported_wherever_they_are() {
        let text = r#"{"name": "A", "responses": {"200": {"schema": {"type": "object",
            "properties": {"X": {"type": "string"}, "X": {"type": "integer"}}}}},
            "errorCodes": {"400": [], "400": []}}"#;
        assert_eq!(
            problems(text, ACTION),
            [
                "f.json: /responses/200/schema/properties/X: the key \"X\" appears more than once in this object (expected each key once)",
                "f.json: /errorCodes/400: the key \"400\" appears more than once in this object (expected each key once)",
            ]
        );
    }

    #[test]
    fn a_missing_root_key_has_a_path() {
        assert_eq!(
            problems("{}", ACTION),
            ["f.json: /: missing \"name\" (expected a string)"]
        );
    }

    #[test]
    fn a_byte_order_mark_is_named_and_the_rest_still_read() {
        assert_eq!(
            problems("\u{feff}{\"name\": 2}", ACTION),
            [
                "f.json: the file starts with a byte order mark (expected UTF-8 text without one)",
                "f.json: /name: found a number (expected a string)",
            ]
        );
    }

    #[test]
    fn the_nesting_limit_is_named() {
        let text = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        let found = problems(&text, ACTION);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].contains("nest more than 128 levels deep at line 1 column 128"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn an_empty_file_is_named() {
        assert_eq!(
            problems("  \n", ACTION),
            ["f.json: the file is empty (expected a JSON object)"]
        );
    }
}
