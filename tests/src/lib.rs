//! Helpers shared by the integration tests: sample round-trips, XML tree
//! comparison, golden files.

#![forbid(unsafe_code)]

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
