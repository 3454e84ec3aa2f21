//! Helpers shared by the integration tests: sample round-trips, XML tree
//! comparison, golden files, and the `actions` harnesses' runner.

#![forbid(unsafe_code)]

pub mod actions;
pub mod cloud;
pub mod products;
pub mod props;
pub mod server;
pub mod verify;

use std::path::{Path, PathBuf};

use alibabacloud_runtime::ResponseBody;

/// The workspace root.
pub fn repository_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// Parses a JSON sample into `T`, writes it back and checks that the two
/// documents are equal as JSON values (numbers stay numbers, strings stay
/// strings, absent stays absent).
pub fn assert_json_round_trip<T: ResponseBody>(name: &str, json: &str) {
    let model =
        T::from_json(json).unwrap_or_else(|error| panic!("{name}: does not parse: {error}"));
    let written = model
        .to_json()
        .unwrap_or_else(|error| panic!("{name}: does not write: {error}"));
    let original: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|error| panic!("{name}: not JSON: {error}"));
    let again: serde_json::Value = serde_json::from_str(&written)
        .unwrap_or_else(|error| panic!("{name}: wrote bad JSON: {error}"));
    if original != again {
        let expected = serde_json::to_string_pretty(&original).unwrap_or_default();
        let actual = serde_json::to_string_pretty(&again).unwrap_or_default();
        panic!(
            "{name}: the JSON written back differs from the sample:\n{}",
            diff(&expected, &actual)
        );
    }
}

/// For every leaf of a JSON sample whose JSON type can be flipped (text
/// that reads as a number or boolean, a number, a boolean; see
/// [`flip_leaf`]), flips that one leaf, parses the document into `T`,
/// writes it back and checks that the JSON values are equal: a response
/// is written back with the JSON types it was sent with, whatever the
/// docs say. Returns the number of documents checked.
pub fn assert_json_flipped_round_trips<T: ResponseBody>(name: &str, json: &str) -> usize {
    let original: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|error| panic!("{name}: not JSON: {error}"));
    let mut leaves = Vec::new();
    json_leaves(&original, String::new(), &mut leaves);
    let mut checked = 0;
    for pointer in leaves {
        let mut flipped = original.clone();
        let Some(leaf) = flipped.pointer_mut(&pointer) else {
            continue;
        };
        let Some(new) = flip_leaf(leaf) else {
            continue;
        };
        let shown = format!("{name} with {pointer} sent as {new}");
        *leaf = new;
        assert_json_value_round_trip::<T>(&shown, &flipped);
        checked += 1;
    }
    checked
}

/// Parses `json` into `T`, writes it back and checks that the JSON values
/// are equal.
pub fn assert_json_value_round_trip<T: ResponseBody>(name: &str, json: &serde_json::Value) {
    let text = json.to_string();
    let model = T::from_json(&text)
        .unwrap_or_else(|error| panic!("{name}: does not parse: {error}\n{text}"));
    let written = model
        .to_json()
        .unwrap_or_else(|error| panic!("{name}: does not write: {error}"));
    let again: serde_json::Value = serde_json::from_str(&written)
        .unwrap_or_else(|error| panic!("{name}: wrote bad JSON: {error}"));
    if *json != again {
        let expected = serde_json::to_string_pretty(json).unwrap_or_default();
        let actual = serde_json::to_string_pretty(&again).unwrap_or_default();
        panic!(
            "{name}: the JSON written back differs from the document read:\n{}",
            diff(&expected, &actual)
        );
    }
}

/// The JSON pointers of every string, number and boolean in `value`.
fn json_leaves(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(fields) => {
            for (key, field) in fields {
                let key = key.replace('~', "~0").replace('/', "~1");
                json_leaves(field, format!("{at}/{key}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                json_leaves(item, format!("{at}/{index}"), out);
            }
        }
        serde_json::Value::Null => {}
        _ => out.push(at),
    }
}

/// The leaf in another JSON type with the same text, as the service sends
/// one now and then: a number or boolean as a string (`20` → `"20"`), a
/// string that reads as a JSON number or boolean as one (`"20"` → `20`,
/// `"false"` → `false`). `None` for other text, objects, lists and `null`.
pub fn flip_leaf(leaf: &serde_json::Value) -> Option<serde_json::Value> {
    use serde_json::Value;
    match leaf {
        Value::Number(number) => Some(Value::String(number.to_string())),
        Value::Bool(flag) => Some(Value::String(flag.to_string())),
        Value::String(text) if text == "true" || text == "false" => {
            Some(Value::Bool(text == "true"))
        }
        Value::String(text) if text.trim() == text => {
            serde_json::from_str::<serde_json::Number>(text)
                .ok()
                .map(Value::Number)
        }
        _ => None,
    }
}

/// Every leaf of `value` flipped as [`flip_leaf`] flips it, where it can be.
pub fn flip_all_leaves(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(fields) => fields.values_mut().for_each(flip_all_leaves),
        serde_json::Value::Array(items) => items.iter_mut().for_each(flip_all_leaves),
        leaf => {
            if let Some(flipped) = flip_leaf(leaf) {
                *leaf = flipped;
            }
        }
    }
}

/// Parses an XML sample into `T`, writes it back and checks that the two
/// documents are equal as element trees.
pub fn assert_xml_round_trip<T: ResponseBody>(name: &str, xml: &str) {
    let model = T::from_xml(xml).unwrap_or_else(|error| panic!("{name}: does not parse: {error}"));
    let written = model
        .to_xml()
        .unwrap_or_else(|error| panic!("{name}: does not write: {error}"));
    let original = Element::parse(xml)
        .unwrap_or_else(|error| panic!("{name}: not XML: {error}"))
        .normalized();
    let again = Element::parse(&written)
        .unwrap_or_else(|error| panic!("{name}: wrote bad XML: {error}\n{written}"))
        .normalized();
    if original != again {
        panic!(
            "{name}: the XML written back differs from the sample:\n{}",
            diff(&original.to_string(), &again.to_string())
        );
    }
}

/// An XML element as a tree: name, trimmed text, children in order.
/// `<a/>` and `<a></a>` are equal; whitespace between elements is ignored.
/// Compare [`Element::normalized`] trees to ignore the order of fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The element name.
    pub name: String,
    /// The element's own text, trimmed.
    pub text: String,
    /// Child elements in document order.
    pub children: Vec<Element>,
}

impl Element {
    /// Parses a document into its root element.
    pub fn parse(xml: &str) -> Result<Element, String> {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut stack: Vec<Element> = Vec::new();
        loop {
            match reader.read_event().map_err(|error| error.to_string())? {
                Event::Start(start) => stack.push(Element::named(start.name().as_ref())),
                Event::Empty(start) => {
                    let element = Element::named(start.name().as_ref());
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(element),
                        None => return Ok(element),
                    }
                }
                Event::Text(text) => {
                    if let Some(current) = stack.last_mut() {
                        current.text.push_str(text.xml10_content().trim());
                    }
                }
                Event::CData(text) => {
                    if let Some(current) = stack.last_mut() {
                        current.text.push_str(&text);
                    }
                }
                Event::GeneralRef(reference) => {
                    let name: &str = &reference;
                    let resolved = match name {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => return Err(format!("unknown entity &{name};")),
                    };
                    if let Some(current) = stack.last_mut() {
                        current.text.push_str(resolved);
                    }
                }
                Event::End(_) => {
                    let element = stack.pop().ok_or("unbalanced end tag")?;
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(element),
                        None => return Ok(element),
                    }
                }
                Event::Eof => return Err("no root element".to_string()),
                _ => {}
            }
        }
    }

    /// The tree with children sorted by name at every level. The order of
    /// differently named children (fields of a record) carries no meaning
    /// in Alibaba Cloud's responses; the order of same-named children (the
    /// items of a list) does, and a stable sort keeps it.
    pub fn normalized(mut self) -> Element {
        self.children = self.children.into_iter().map(Element::normalized).collect();
        self.children.sort_by(|a, b| a.name.cmp(&b.name));
        self
    }

    fn named(name: &str) -> Element {
        Element {
            name: name.to_string(),
            text: String::new(),
            children: Vec::new(),
        }
    }
}

impl std::fmt::Display for Element {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn write(
            element: &Element,
            depth: usize,
            f: &mut std::fmt::Formatter<'_>,
        ) -> std::fmt::Result {
            writeln!(
                f,
                "{:indent$}<{}>{}",
                "",
                element.name,
                element.text,
                indent = depth * 2
            )?;
            for child in &element.children {
                write(child, depth + 1, f)?;
            }
            Ok(())
        }
        write(self, 0, f)
    }
}

/// A unified diff of two texts, for failure messages.
pub fn diff(expected: &str, actual: &str) -> String {
    similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .header("expected", "actual")
        .to_string()
}

/// The environment variable that rewrites golden files instead of
/// comparing against them: `UPDATE_GOLDEN=1 cargo test --workspace`.
pub const UPDATE_GOLDEN: &str = "UPDATE_GOLDEN";

/// Whether golden files are being rewritten.
pub fn updating_golden() -> bool {
    std::env::var_os(UPDATE_GOLDEN).is_some_and(|value| value == "1")
}

/// Compares `actual` with the golden file at `path`, or rewrites the file
/// when [`UPDATE_GOLDEN`] is `1`.
pub fn assert_golden(path: &Path, actual: &str) {
    if updating_golden() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .unwrap_or_else(|error| panic!("cannot create {}: {error}", parent.display()));
        }
        std::fs::write(path, actual)
            .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|error| {
        panic!("cannot read golden file {}: {error}\nrun `{UPDATE_GOLDEN}=1 cargo test --workspace` to create it", path.display())
    });
    if expected != actual {
        panic!(
            "{} differs from the golden file:\n{}\nif the change is intended, run `{UPDATE_GOLDEN}=1 cargo test --workspace` and review the diff",
            path.display(),
            diff(&expected, actual)
        );
    }
}
