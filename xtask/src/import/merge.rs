//! Merging what a source says into a spec someone may have written by hand.
//!
//! The rules (documented in `api-specs/README.md`):
//! - the spec wins: a key it has is never changed;
//! - a key it lacks is added from the source (parameters, response
//!   fields, `type`, `required`, `example`, `deprecated`, ...);
//! - where both have a value and they disagree (a different type,
//!   placement, style or required flag), or the spec has a parameter or
//!   field the source lacks, the disagreement is reported and the spec kept;
//! - examples and HTTP methods the spec already has are not compared:
//!   they are documentation and preference, not wire facts.

use super::json::Json;
use super::metadata::LIMITS;

/// What a merge did to one spec.
#[derive(Debug, Default, PartialEq)]
pub struct MergeReport {
    /// JSON paths of what was added.
    pub added: Vec<String>,
    /// Disagreements, each `path: ours …, source …` (in the words of
    /// [`Sides`]).
    pub conflicts: Vec<String>,
    sides: Sides,
}

/// What the two sides of a merge are called in its conflicts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sides {
    /// The side that is kept.
    pub ours: &'static str,
    /// The side that only adds.
    pub theirs: &'static str,
}

impl Default for Sides {
    fn default() -> Self {
        Sides {
            ours: "ours",
            theirs: "source",
        }
    }
}

/// Merges `source` into `ours`, in place.
pub fn merge_action(ours: &mut Json, source: &Json) -> MergeReport {
    merge_action_as(ours, source, Sides::default())
}

/// [`merge_action`], naming the two sides `sides` in the conflicts.
pub fn merge_action_as(ours: &mut Json, source: &Json, sides: Sides) -> MergeReport {
    let mut report = MergeReport {
        sides,
        ..MergeReport::default()
    };
    let Some(source_map) = source.as_object() else {
        return report;
    };
    for (key, value) in source_map {
        if ours.get(key).is_none() {
            ours.insert(key, value.clone());
            report.added.push(key.clone());
        }
    }
    if let (Some(Json::Array(ours_methods)), Some(Json::Array(source_methods))) =
        (ours.get("methods"), source.get("methods"))
    {
        let lower = |methods: &Vec<Json>| -> Vec<String> {
            methods
                .iter()
                .filter_map(Json::as_str)
                .map(str::to_ascii_lowercase)
                .collect()
        };
        let ours_methods = lower(ours_methods);
        for method in lower(source_methods) {
            if !ours_methods.contains(&method) {
                report.conflicts.push(format!(
                    "methods: {} {ours_methods:?}, {} also {method:?}",
                    sides.ours, sides.theirs
                ));
            }
        }
    }
    merge_parameters(ours, source, &mut report);
    let response = |spec: &Json| {
        spec.get("responses")
            .and_then(|responses| responses.get("200"))
            .and_then(|ok| ok.get("schema"))
            .cloned()
    };
    if let (Some(mut ours_schema), Some(source_schema)) = (response(ours), response(source)) {
        let before = ours_schema.clone();
        merge_schema(
            &mut ours_schema,
            &source_schema,
            "responses.200.schema",
            &mut report,
        );
        if ours_schema != before {
            if let Some(ok) = ours
                .as_object_mut()
                .and_then(|spec| spec.get_mut("responses"))
                .and_then(|responses| responses.as_object_mut())
                .and_then(|responses| responses.get_mut("200"))
            {
                ok.insert("schema", ours_schema);
            }
        }
    }
    report
}

fn merge_parameters(ours: &mut Json, source: &Json, report: &mut MergeReport) {
    let Some(Json::Array(source_parameters)) = source.get("parameters") else {
        return;
    };
    let Some(Json::Array(ours_parameters)) = ours
        .as_object_mut()
        .and_then(|spec| spec.get_mut("parameters"))
    else {
        return;
    };
    let name = |parameter: &Json| {
        parameter
            .get("name")
            .and_then(Json::as_str)
            .map(str::to_string)
    };
    for parameter in ours_parameters.iter() {
        let Some(ours_name) = name(parameter) else {
            continue;
        };
        if !source_parameters
            .iter()
            .any(|theirs| name(theirs).as_deref() == Some(&*ours_name))
        {
            report.conflicts.push(format!(
                "parameters.{ours_name}: not in the {}",
                report.sides.theirs
            ));
        }
    }
    for theirs in source_parameters {
        let Some(theirs_name) = name(theirs) else {
            continue;
        };
        let path = format!("parameters.{theirs_name}");
        match ours_parameters
            .iter_mut()
            .find(|parameter| name(parameter).as_deref() == Some(&*theirs_name))
        {
            None => {
                ours_parameters.push(theirs.clone());
                report.added.push(path);
            }
            Some(parameter) => merge_parameter(parameter, theirs, &path, report),
        }
    }
}

fn merge_parameter(ours: &mut Json, theirs: &Json, path: &str, report: &mut MergeReport) {
    let location = |parameter: &Json| match parameter.get("in").and_then(Json::as_str) {
        None | Some("query" | "") => "query",
        Some("body" | "formData") => "body",
        Some(_) => "other",
    };
    let Sides {
        ours: ours_name,
        theirs: theirs_name,
    } = report.sides;
    if location(ours) != location(theirs) {
        report.conflicts.push(format!(
            "{path}.in: {ours_name} {:?}, {theirs_name} {:?}",
            location(ours),
            location(theirs)
        ));
    }
    if style(ours) != style(theirs) {
        report.conflicts.push(format!(
            "{path}.style: {ours_name} {}, {theirs_name} {}",
            style(ours),
            style(theirs)
        ));
    }
    if let (Some(ours_schema), Some(theirs_schema)) = (
        ours.as_object_mut()
            .and_then(|parameter| parameter.get_mut("schema")),
        theirs.get("schema"),
    ) {
        merge_schema(
            ours_schema,
            theirs_schema,
            &format!("{path}.schema"),
            report,
        );
    }
}

/// How a parameter is flattened, as a conflict names it: a list or an
/// object without a style is a `repeatList`, which puts the same pairs on
/// the wire as `flat`; a scalar has no style at all.
fn style(parameter: &Json) -> String {
    let composite = matches!(
        parameter
            .get("schema")
            .and_then(|schema| schema.get("type"))
            .and_then(Json::as_str),
        Some("array" | "object")
    );
    match parameter.get("style").and_then(Json::as_str) {
        None if !composite => "none (a single value)".to_string(),
        None | Some("repeatList" | "flat") => "\"repeatList\" (or \"flat\")".to_string(),
        Some(other) => format!("{other:?}"),
    }
}

/// Documented facts of a schema that a source may add where the spec has
/// none, in the order they are added: its example, number width and valid
/// values, its limits ([`LIMITS`]), then its pattern and default.
fn documented_keys() -> impl Iterator<Item = &'static str> {
    ["example", "format", "enum"]
        .into_iter()
        .chain(LIMITS)
        .chain(["pattern", "default"])
}

/// Adds what `ours` lacks, recursively; reports what disagrees.
fn merge_schema(ours: &mut Json, theirs: &Json, path: &str, report: &mut MergeReport) {
    if ours.get("$ref").is_some() {
        // A shared component: compared where it is defined, not here.
        return;
    }
    let ours_type = ours.get("type").and_then(Json::as_str).map(str::to_string);
    let theirs_type = theirs.get("type").and_then(Json::as_str);
    match (ours_type.as_deref(), theirs_type) {
        (None, Some(_)) => {
            for key in [
                "type",
                "format",
                "items",
                "properties",
                "additionalProperties",
            ] {
                if let Some(value) = theirs.get(key) {
                    ours.insert(key, value.clone());
                    report.added.push(format!("{path}.{key}"));
                }
            }
        }
        (Some(a), Some(b)) if a != b => {
            let Sides { ours, theirs } = report.sides;
            report
                .conflicts
                .push(format!("{path}.type: {ours} {a:?}, {theirs} {b:?}"));
            return;
        }
        _ => {}
    }
    for key in ["required", "deprecated"] {
        match (ours.get(key), theirs.get(key)) {
            (None, Some(Json::Bool(false))) if key == "deprecated" => {}
            (None, Some(value)) => {
                ours.insert(key, value.clone());
                report.added.push(format!("{path}.{key}"));
            }
            (Some(a), Some(b)) if a != b && key == "required" => report.conflicts.push(format!(
                "{path}.{key}: {ours} {a}, {theirs} {b}",
                ours = report.sides.ours,
                theirs = report.sides.theirs,
                a = flag(a),
                b = flag(b)
            )),
            _ => {}
        }
    }
    for key in documented_keys() {
        match (ours.get(key), theirs.get(key)) {
            (None, Some(value)) => {
                ours.insert(key, value.clone());
                report.added.push(format!("{path}.{key}"));
            }
            // Examples are illustrations: two different ones are both right.
            (Some(a), Some(b)) if key != "example" && !same_fact(a, b) => {
                let Sides { ours, theirs } = report.sides;
                report.conflicts.push(format!(
                    "{path}.{key}: {ours} {}, {theirs} {}",
                    compact(a),
                    compact(b)
                ));
            }
            _ => {}
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(theirs_inner) = theirs.get(key) {
            match ours.as_object_mut().and_then(|schema| schema.get_mut(key)) {
                Some(ours_inner) => {
                    merge_schema(ours_inner, theirs_inner, &format!("{path}.{key}"), report)
                }
                None => {
                    ours.insert(key, theirs_inner.clone());
                    report.added.push(format!("{path}.{key}"));
                }
            }
        }
    }
    let Some(theirs_properties) = theirs.get("properties").and_then(Json::as_object) else {
        return;
    };
    let Some(ours_properties) = ours
        .as_object_mut()
        .and_then(|schema| schema.get_mut("properties"))
        .and_then(Json::as_object_mut)
    else {
        if ours.get("properties").is_none() && ours.get("additionalProperties").is_none() {
            ours.insert("properties", Json::Object(theirs_properties.clone()));
            report.added.push(format!("{path}.properties"));
        }
        return;
    };
    for name in ours_properties.keys() {
        if !theirs_properties.contains_key(name) {
            report.conflicts.push(format!(
                "{path}.properties.{name}: not in the {}",
                report.sides.theirs
            ));
        }
    }
    for (name, theirs_property) in theirs_properties {
        let property_path = format!("{path}.properties.{name}");
        match ours_properties.get_mut(name) {
            Some(ours_property) => {
                merge_schema(ours_property, theirs_property, &property_path, report)
            }
            None => {
                ours_properties.insert(name.clone(), theirs_property.clone());
                report.added.push(property_path);
            }
        }
    }
}

/// Whether two values of a documented fact say the same: numbers compare
/// by value whether written as numbers or as text (`"50"` and `50`), and
/// lists of valid values as sets.
fn same_fact(a: &Json, b: &Json) -> bool {
    let number = |value: &Json| match value {
        Json::Number(number) => number.as_f64(),
        Json::String(text) => text.trim().parse::<f64>().ok(),
        _ => None,
    };
    let sorted = |value: &Json| match value {
        Json::Array(items) => {
            let mut items: Vec<String> = items.iter().map(compact).collect();
            items.sort();
            Some(items)
        }
        _ => None,
    };
    a == b
        || matches!((number(a), number(b)), (Some(x), Some(y)) if x == y)
        || matches!((sorted(a), sorted(b)), (Some(x), Some(y)) if x == y)
}

/// A value as one line of JSON, for a conflict message.
fn compact(value: &Json) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn flag(value: &Json) -> String {
    match value {
        Json::Bool(true) => "required".into(),
        Json::Bool(false) => "optional".into(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        serde_json::from_str(text).unwrap()
    }

    const SOURCE: &str = r#"{
        "$schema": "../schema.json", "name": "DescribeThings", "methods": ["post"],
        "parameters": [
            {"name": "RegionId", "in": "query", "schema": {"type": "string", "required": true, "example": "cn-hangzhou"}},
            {"name": "Config", "in": "query", "schema": {"type": "string", "required": false}},
            {"name": "OwnerId", "in": "query", "schema": {"type": "integer", "required": false}}
        ],
        "responses": {"200": {"schema": {"type": "object", "properties": {
            "RequestId": {"type": "string", "example": "0ED8D006"},
            "TotalCount": {"type": "integer"}
        }}}}
    }"#;

    #[test]
    fn a_new_spec_is_the_source() {
        let mut ours = Json::object();
        let report = merge_action(&mut ours, &json(SOURCE));
        assert_eq!(ours, json(SOURCE));
        assert!(report.conflicts.is_empty());
    }

    #[test]
    fn hand_written_facts_win_and_only_what_is_missing_is_added() {
        let mut ours = json(
            r#"{"name": "DescribeThings", "summary": "Ours.", "methods": ["post", "get"],
            "parameters": [
                {"name": "RegionId", "schema": {"type": "string", "required": true, "description": "Ours.", "example": "cn-beijing", "maxLength": 64}},
                {"name": "Config", "in": "query", "style": "json", "schema": {"type": "object", "required": false, "properties": {"A": {"type": "string"}}}},
                {"name": "Legacy", "in": "query", "schema": {"type": "string"}}
            ],
            "responses": {"200": {"schema": {"type": "object", "properties": {
                "RequestId": {"type": "string", "description": "Ours."}
            }}}},
            "x-samples": []}"#,
        );
        let report = merge_action(&mut ours, &json(SOURCE));
        let region = &ours.get("parameters").unwrap();
        let Json::Array(parameters) = region else {
            panic!()
        };
        // Ours kept: example, description, limit; the type conflict is reported.
        assert_eq!(
            parameters[0].get("schema").unwrap().get("example"),
            Some(&Json::str("cn-beijing"))
        );
        assert_eq!(
            parameters[1].get("schema").unwrap().get("type"),
            Some(&Json::str("object"))
        );
        assert_eq!(parameters[3].get("name"), Some(&Json::str("OwnerId")));
        assert_eq!(ours.get("summary"), Some(&Json::str("Ours.")));
        let response = ours
            .get("responses")
            .unwrap()
            .get("200")
            .unwrap()
            .get("schema")
            .unwrap();
        assert!(
            response
                .get("properties")
                .unwrap()
                .get("TotalCount")
                .is_some()
        );
        assert_eq!(
            report.added,
            [
                "$schema",
                "parameters.OwnerId",
                "responses.200.schema.properties.RequestId.example",
                "responses.200.schema.properties.TotalCount",
            ]
        );
        assert_eq!(
            report.conflicts,
            [
                "parameters.Legacy: not in the source",
                "parameters.Config.style: ours \"json\", source none (a single value)",
                "parameters.Config.schema.type: ours \"object\", source \"string\"",
            ]
        );
    }

    #[test]
    fn merging_twice_adds_nothing_the_second_time() {
        let mut ours = json(r#"{"name": "DescribeThings", "parameters": []}"#);
        merge_action(&mut ours, &json(SOURCE));
        let once = ours.clone();
        let report = merge_action(&mut ours, &json(SOURCE));
        assert_eq!(ours, once);
        assert!(report.added.is_empty());
    }
}
