//! `product.json` from the facts of the sources: written whole for a new
//! product, completed for an existing one.
//!
//! Only the keys it lacks are added; every key that is there, ours or one
//! this importer does not know, stays as written. The facts: the product
//! code and API version (the API metadata's `info`, else the package
//! names), the style (the SDK's `Params`, else the metadata), the host
//! pattern (the SDK's endpoint rule) and the reference-link pattern (where
//! the SDK's comments link several actions' pages under one pattern).
//! The product's name is prose the sources do not hold as a fact: the
//! title starts as the code, and the report says to write the name.

use std::collections::BTreeMap;

use super::SourceProduct;
use super::json::Json;

/// What [`complete`] added, for the report.
#[derive(Debug, Default)]
pub struct Completion {
    /// The keys added, in the order they were added (`crate.name`).
    pub added: Vec<String>,
    /// What the maintainer should check or write by hand.
    pub notes: Vec<String>,
}

/// Adds to `product` (an object, empty for a new product) each key of
/// `product.json` it lacks and the sources give; `dir_name` is the product
/// directory's name (`vpc`), from which the crate is named. Fails, naming
/// what to write by hand, when a required key is missing and no source
/// gives it.
pub fn complete(
    product: &mut Json,
    dir_name: &str,
    source: &SourceProduct,
) -> Result<Completion, String> {
    let mut completion = Completion::default();
    let mut missing: Vec<String> = Vec::new();
    let has = |product: &Json, key: &str| product.get(key).is_some();
    let add = |product: &mut Json, key: &str, value: Json, completion: &mut Completion| {
        if !has(product, key) {
            product.insert(key, value);
            completion.added.push(key.to_string());
        }
    };
    add(
        product,
        "$schema",
        Json::str("../product.schema.json"),
        &mut completion,
    );
    match code(source) {
        Some(code) => add(product, "code", Json::str(code), &mut completion),
        None if !has(product, "code") => {
            missing.push("code (the product code, such as \"Vpc\")".into())
        }
        None => {}
    }
    match version(source) {
        Some(version) => add(product, "version", Json::str(version), &mut completion),
        None if !has(product, "version") => {
            missing.push("version (the API version, such as \"2016-04-28\")".into());
        }
        None => {}
    }
    match &source.style {
        Some(style) => add(product, "style", Json::str(style), &mut completion),
        None if !has(product, "style") => missing.push("style (\"RPC\")".into()),
        None => {}
    }
    let text = |product: &Json, key: &str| {
        product
            .get(key)
            .and_then(Json::as_str)
            .map(str::to_string)
            .unwrap_or_default()
    };
    if !has(product, "title") {
        let code = text(product, "code");
        add(product, "title", Json::str(&code), &mut completion);
        completion.notes.push(format!(
            "product.json: title is the product code {code:?}; write the product's name \
             (it heads the crate's docs), and check crate.description"
        ));
    }
    let title = text(product, "title");
    let version = text(product, "version");
    if product.get("crate").and_then(Json::as_object).is_none() {
        add(product, "crate", Json::object(), &mut completion);
        completion.added.pop();
    }
    if let Some(Json::Object(krate)) = product.as_object_mut().and_then(|map| map.get_mut("crate"))
    {
        for (key, value) in [
            ("name", format!("alibabacloud-{dir_name}")),
            (
                "description",
                format!("Typed Rust SDK for Alibaba Cloud {title}, API version {version}."),
            ),
        ] {
            if !krate.contains_key(key) {
                krate.insert(key.to_string(), Json::str(value));
                completion.added.push(format!("crate.{key}"));
            }
        }
    }
    match (&source.endpoint_pattern, &source.central_host) {
        (Some(pattern), _) => add(
            product,
            "endpointPattern",
            Json::str(pattern),
            &mut completion,
        ),
        (None, Some(host)) if !has(product, "endpointPattern") => missing.push(format!(
            "endpointPattern (the SDK sends every region it does not list to one host, \
             {host:?}; the pattern needs {{regionId}}, such as \"{}\")",
            host.replacen('.', ".{regionId}.", 1)
        )),
        (None, None) if !has(product, "endpointPattern") => missing.push(
            "endpointPattern (no SDK package gave the endpoint rule; such as \"vpc.{regionId}.aliyuncs.com\")"
                .into(),
        ),
        (None, _) => {}
    }
    if !has(product, "referenceUrl") {
        match reference_pattern(&source.reference_urls) {
            Some(pattern) => add(product, "referenceUrl", Json::str(pattern), &mut completion),
            None => completion.notes.push(
                "product.json: no referenceUrl: the sources link no two actions' pages under one \
                 pattern; add it to link every action's docs to the API reference"
                    .to_string(),
            ),
        }
    }
    if missing.is_empty() {
        Ok(completion)
    } else {
        Err(format!(
            "product.json: no source gives {}; write {} by hand and import again; nothing was imported",
            missing.join(", and "),
            if missing.len() == 1 { "it" } else { "them" }
        ))
    }
}

/// The product code: the metadata's, which keeps its case (`Vpc`), else
/// the package name's with a capital first letter.
fn code(source: &SourceProduct) -> Option<String> {
    let codes = source.identities.iter().map(|id| id.code.as_str());
    if let Some(code) = codes
        .clone()
        .find(|code| code.starts_with(char::is_uppercase))
    {
        return Some(code.to_string());
    }
    let code = codes.into_iter().next()?;
    let mut chars = code.chars();
    let first = chars.next()?;
    Some(first.to_ascii_uppercase().to_string() + chars.as_str())
}

/// The API version, `2016-04-28` (a package name gives `20160428`).
fn version(source: &SourceProduct) -> Option<String> {
    let version = source.identities.first()?.version.replace('-', "");
    let digits = |range: std::ops::Range<usize>| version.get(range);
    match (digits(0..4), digits(4..6), digits(6..8), version.len()) {
        (Some(year), Some(month), Some(day), 8) => Some(format!("{year}-{month}-{day}")),
        _ => None,
    }
}

/// The pattern the SDK's links to actions' pages share, when two or more
/// end with their action's name in lower case (`…-2016-04-28-describevpcs`
/// gives `…-2016-04-28-{action}`); of several, the most used.
fn reference_pattern(urls: &BTreeMap<String, String>) -> Option<String> {
    let mut patterns: BTreeMap<String, usize> = BTreeMap::new();
    for (action, url) in urls {
        let lower = action.to_ascii_lowercase();
        if let Some(prefix) = url.strip_suffix(&lower) {
            if prefix.ends_with('-') || prefix.ends_with('/') {
                *patterns.entry(format!("{prefix}{{action}}")).or_default() += 1;
            }
        }
    }
    patterns
        .into_iter()
        .filter(|(_, count)| *count >= 2)
        .max_by_key(|(_, count)| *count)
        .map(|(pattern, _)| pattern)
}

#[cfg(test)]
mod tests {
    use super::super::ProductId;
    use super::*;

    fn source() -> SourceProduct {
        SourceProduct {
            identities: vec![
                ProductId {
                    source: "npm".into(),
                    code: "ecs".into(),
                    version: "20140526".into(),
                },
                ProductId {
                    source: "metadata".into(),
                    code: "Ecs".into(),
                    version: "2014-05-26".into(),
                },
            ],
            style: Some("RPC".into()),
            endpoint_pattern: Some("ecs.{regionId}.aliyuncs.com".into()),
            reference_urls: [
                (
                    "DescribeA",
                    "https://x.example/api-ecs-2014-05-26-describea",
                ),
                (
                    "DescribeB",
                    "https://x.example/api-ecs-2014-05-26-describeb",
                ),
                ("DescribeC", "https://x.example/other/describec-sub"),
            ]
            .into_iter()
            .map(|(action, url)| (action.to_string(), url.to_string()))
            .collect(),
            ..SourceProduct::default()
        }
    }

    #[test]
    fn a_new_product_gets_every_key_from_facts() {
        let mut product = Json::object();
        let completion = complete(&mut product, "ecs", &source()).unwrap();
        assert_eq!(
            serde_json::to_value(&product).unwrap(),
            serde_json::json!({
                "$schema": "../product.schema.json",
                "code": "Ecs",
                "version": "2014-05-26",
                "style": "RPC",
                "title": "Ecs",
                "crate": {
                    "name": "alibabacloud-ecs",
                    "description": "Typed Rust SDK for Alibaba Cloud Ecs, API version 2014-05-26."
                },
                "endpointPattern": "ecs.{regionId}.aliyuncs.com",
                "referenceUrl": "https://x.example/api-ecs-2014-05-26-{action}"
            })
        );
        assert!(completion.notes[0].contains("write the product's name"));
    }

    #[test]
    fn keys_that_are_there_are_kept_even_unknown_ones() {
        let mut product: Json = serde_json::from_str(
            r#"{"title": "Elastic Compute Service", "crate": {"name": "ecs-sdk"},
                "endpointPattern": "ecs-{regionId}.example.com", "features": {"x": ["A"]}}"#,
        )
        .unwrap();
        let completion = complete(&mut product, "ecs", &source()).unwrap();
        let value = serde_json::to_value(&product).unwrap();
        assert_eq!(value["title"], "Elastic Compute Service");
        assert_eq!(value["crate"]["name"], "ecs-sdk");
        assert_eq!(
            value["crate"]["description"],
            "Typed Rust SDK for Alibaba Cloud Elastic Compute Service, API version 2014-05-26."
        );
        assert_eq!(value["endpointPattern"], "ecs-{regionId}.example.com");
        assert_eq!(value["features"], serde_json::json!({"x": ["A"]}));
        assert!(!completion.added.contains(&"title".to_string()));
        assert!(completion.added.contains(&"crate.description".to_string()));
    }

    #[test]
    fn a_single_host_is_not_a_pattern_and_is_asked_for() {
        let mut source = source();
        source.endpoint_pattern = None;
        source.central_host = Some("ecs.aliyuncs.com".into());
        let error = complete(&mut Json::object(), "ecs", &source).unwrap_err();
        assert!(
            error.contains("\"ecs.aliyuncs.com\"") && error.contains("ecs.{regionId}.aliyuncs.com"),
            "{error}"
        );
    }
}
