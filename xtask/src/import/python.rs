//! Reads the PyPI package (`alibabacloud-vpc20160428`) for the one fact the
//! TypeScript sources lack: whether a number is an integer or a float.
//! TypeScript types both as `number`; Python annotates `int` or `float`.

use std::collections::BTreeMap;

use super::files::SourceFiles;

/// Whether a numeric field holds integers or floats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// Python `int`.
    Integer,
    /// Python `float`.
    Float,
}

/// The kind of every numeric field, by model class and wire name.
#[derive(Debug, Default)]
pub struct NumberKinds {
    kinds: BTreeMap<(String, String), NumberKind>,
    /// The package name and version, from its metadata.
    pub package: Option<String>,
    /// The package name alone.
    pub name: Option<String>,
}

impl NumberKinds {
    /// The kind of `class`'s field sent as `wire`, if the package has it.
    pub fn get(&self, class: &str, wire: &str) -> Option<NumberKind> {
        self.kinds
            .get(&(class.to_string(), wire.to_string()))
            .copied()
    }

    /// The product and API version the package name says it is for.
    pub fn product_id(&self) -> Option<super::ProductId> {
        let name = self.name.as_deref()?;
        super::ProductId::from_package(format!("PyPI {name}"), name)
    }

    /// Whether the package described no numeric field (it was not found).
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }
}

/// Reads every model module of the package.
pub fn read(files: &SourceFiles) -> NumberKinds {
    let name = files.wheel_field("Name");
    let mut kinds = NumberKinds {
        name: name.map(str::to_string),
        package: name.map(|name| {
            let version = files.wheel_field("Version").unwrap_or("(unknown)");
            format!("{name} {version}")
        }),
        ..NumberKinds::default()
    };
    for (_, text) in files.matching("/models/", ".py") {
        read_module(text, &mut kinds.kinds);
    }
    kinds
}

/// One module: for each `class X(DaraModel)`, the annotation of each
/// `__init__` argument, and the wire name `to_map` writes it under.
fn read_module(text: &str, kinds: &mut BTreeMap<(String, String), NumberKind>) {
    let mut class: Option<String> = None;
    let mut annotations: BTreeMap<String, NumberKind> = BTreeMap::new();
    let mut in_to_map = false;
    let mut pending_wire: Option<String> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("class ") {
            class = rest
                .split(['(', ':'])
                .next()
                .map(|name| name.trim().to_string());
            annotations.clear();
            in_to_map = false;
            continue;
        }
        let Some(class) = &class else { continue };
        let trimmed = line.trim();
        if trimmed.starts_with("def ") {
            in_to_map = trimmed.starts_with("def to_map(");
            pending_wire = None;
            continue;
        }
        if let Some((name, annotation)) = init_argument(trimmed) {
            let annotation = annotation.trim();
            let kind = if annotation == "int" || annotation == "List[int]" {
                Some(NumberKind::Integer)
            } else if annotation == "float" || annotation == "List[float]" {
                Some(NumberKind::Float)
            } else {
                None
            };
            if let Some(kind) = kind {
                annotations.insert(name.to_string(), kind);
            }
            continue;
        }
        if !in_to_map {
            continue;
        }
        if let Some(wire) = to_map_key(trimmed) {
            pending_wire = Some(wire.to_string());
        }
        if let (Some(wire), Some(field)) = (&pending_wire, self_field(trimmed)) {
            if let Some(kind) = annotations.get(field) {
                kinds.insert((class.clone(), wire.clone()), *kind);
            }
            pending_wire = None;
        }
    }
}

/// `owner_id: int = None,` → (`owner_id`, `int`).
fn init_argument(line: &str) -> Option<(&str, &str)> {
    let line = line.strip_suffix(',').unwrap_or(line);
    let (left, default) = line.split_once(" = ")?;
    if default != "None" {
        return None;
    }
    let (name, annotation) = left.split_once(": ")?;
    let is_name = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    is_name.then_some((name, annotation))
}

/// `result['OwnerId'] = ...` → `OwnerId`.
fn to_map_key(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("result['")?;
    let (wire, _) = rest.split_once("']")?;
    Some(wire)
}

/// The first `self.name` on the line.
fn self_field(line: &str) -> Option<&str> {
    let start = line.find("self.")? + "self.".len();
    let rest = &line[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODULE: &str = "class ListPointsResponseBodyPoint(DaraModel):
    def __init__(
        self,
        longitude: float = None,
        owner_id: int = None,
        ids: List[int] = None,
        name: str = None,
    ):
        self.longitude = longitude

    def to_map(self):
        result = dict()
        if self.longitude is not None:
            result['Longitude'] = self.longitude

        if self.owner_id is not None:
            result['OwnerId'] = self.owner_id

        result['Ids'] = []
        if self.ids is not None:
            for k1 in self.ids:
                result['Ids'].append(k1)

        if self.name is not None:
            result['Name'] = self.name
        return result

    def from_map(self, m: dict = None):
        if m.get('Longitude') is not None:
            self.longitude = m.get('Longitude')
";

    #[test]
    fn annotations_are_keyed_by_class_and_wire_name() {
        let mut kinds = BTreeMap::new();
        read_module(MODULE, &mut kinds);
        let class = "ListPointsResponseBodyPoint".to_string();
        assert_eq!(
            kinds,
            BTreeMap::from([
                ((class.clone(), "Ids".to_string()), NumberKind::Integer),
                ((class.clone(), "Longitude".to_string()), NumberKind::Float),
                ((class, "OwnerId".to_string()), NumberKind::Integer),
            ])
        );
    }
}
