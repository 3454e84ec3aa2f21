//! `cargo xtask import` on a fixture product (`tests/fixtures/import/`):
//! an SDK package and API metadata written from facts, imported into a
//! product directory that holds one hand-written spec.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails on any error, and its helpers with it"
)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use xtask::import::{self, ImportSummary, SourceProduct};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// A fresh copy of the fixture's `specs/`, so that tests do not share one.
fn scratch_specs(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&root);
    let product = root.join("things");
    fs::create_dir_all(&product).unwrap();
    for entry in fs::read_dir(fixture().join("specs/things")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), product.join(entry.file_name())).unwrap();
    }
    product
}

/// Every file below `dir`, by path, with its text.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.clone(), fs::read_to_string(&path).unwrap());
            }
        }
    }
    files
}

fn spec(product: &Path, action: &str) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(product.join(format!("{action}.json"))).unwrap())
        .unwrap()
}

fn read_sources() -> SourceProduct {
    import::read_folder(&fixture().join("sources")).unwrap()
}

fn import_once(product: &Path) -> (SourceProduct, ImportSummary) {
    let source = read_sources();
    let summary = import::import_into(product, &source).unwrap();
    (source, summary)
}

#[test]
fn both_sources_are_read_and_settled() {
    let source = read_sources();
    assert_eq!(
        source.origin,
        [
            "npm @alicloud/things20200101 1.2.3",
            "API metadata Things 2020-01-01 (api-docs.json)"
        ]
    );
    let actions: Vec<&str> = source.actions.keys().map(String::as_str).collect();
    assert_eq!(actions, ["DeleteThing", "DescribeThings", "GrantThings"]);
    let notes = source.notes.join("\n");
    // Wire facts: the SDK wins, and says so.
    assert!(
        notes.contains(
            "DescribeThings: SDK and metadata disagree, parameters.RegionId.schema.type: \
             SDK \"string\", metadata \"integer\"; took the SDK's"
        ),
        "{notes}"
    );
    assert!(notes.contains("DeleteThing: in the API metadata only (not in the SDK)"));
    assert!(notes.contains("GrantThings: parameters.Extra is in the metadata only; taken from it"));
    assert!(notes.contains(
        "GrantThings: error code InvalidMode is listed under HTTP 400 and 404; kept 400"
    ));
    assert!(notes.contains("DescribeThings.PageSize: example \"**if can be null:** true\""));
    // `request.toMap()` sends the whole request: both fields are parameters.
    let describe = serde_json::to_value(&source.actions["DescribeThings"]).unwrap();
    let names: Vec<&str> = describe["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|parameter| parameter["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["RegionId", "PageSize"]);
    // The SDK sends one method; the metadata's list of accepted ones is not taken.
    assert_eq!(describe["methods"], serde_json::json!(["get"]));
}

#[test]
fn an_import_takes_facts_keeps_ours_and_reports_every_disagreement() {
    let product = scratch_specs("import-precedence");
    let (_, summary) = import_once(&product);
    assert_eq!(summary.added, ["DeleteThing", "DescribeThings"]);
    assert_eq!(
        summary.conflicts["GrantThings"],
        ["parameters.ThingIds.schema.maxItems: ours 10, source 20"]
    );

    let grant = spec(&product, "GrantThings");
    // Ours wins: the hand-written summary and limits stay.
    assert_eq!(grant["summary"], "Grants things (written by hand).");
    assert_eq!(grant["parameters"][1]["schema"]["maxItems"], 10);
    assert_eq!(grant["parameters"][0]["schema"]["maxLength"], 64);
    // Documented facts come from the metadata.
    let mode = &grant["parameters"][2];
    assert_eq!(mode["name"], "Mode");
    assert_eq!(mode["schema"]["enum"], serde_json::json!(["Fast", "Safe"]));
    assert_eq!(mode["schema"]["default"], "Safe");
    let extra = &grant["parameters"][3]["schema"];
    assert_eq!(
        (extra["minimum"].clone(), extra["maximum"].clone()),
        (1.into(), 100.into())
    );
    assert_eq!(
        grant["errorCodes"],
        serde_json::json!({"400": [{"errorCode": "InvalidMode"}], "404": [{"errorCode": "Thing.NotFound"}]})
    );
    assert_eq!(grant["x-operation-type"], "update");
    assert_eq!(
        grant["x-async"],
        serde_json::json!({"poll": "DescribeThings", "intervalSeconds": 3, "maxPolls": 10})
    );

    let describe = spec(&product, "DescribeThings");
    assert_eq!(describe["parameters"][1]["schema"]["maximum"], 50);
    assert!(describe["parameters"][1]["schema"].get("example").is_none());
    assert_eq!(
        describe["x-reference-url"],
        "https://www.alibabacloud.com/help/en/things-extra/developer-reference/api-things-2020-01-01-describethings-xtr"
    );
    // The XML example flattens its list: the checker refuses it, so only
    // the JSON one is kept.
    assert_eq!(
        describe["x-samples"],
        serde_json::json!([{
            "file": "samples/DescribeThings/api-docs.json",
            "format": "json",
            "origin": "docs",
            "source": "API metadata (api-docs.json), response example"
        }])
    );
    assert!(
        product
            .join("samples/DescribeThings/api-docs.json")
            .is_file()
    );
    assert!(!product.join("samples/DescribeThings/api-docs.xml").exists());
    assert_eq!(summary.refused_samples.len(), 1);
    assert!(summary.refused_samples[0].contains("element <ThingId> is not in the response schema"));
    assert_eq!(spec(&product, "DeleteThing")["deprecated"], true);

    let product_json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(product.join("product.json")).unwrap()).unwrap();
    // cn-hangzhou follows the pattern and is not listed; cn-edge-1 does not.
    assert_eq!(
        product_json["endpoints"],
        serde_json::json!([{"regionId": "cn-edge-1", "endpoint": "things.aliyuncs.com"}])
    );

    // No prose of the sources reached any file.
    for (path, text) in snapshot(&product) {
        assert!(!text.contains("PROSE"), "{} holds prose", path.display());
        assert!(!text.contains("errorMessage"), "{}", path.display());
    }
}

#[test]
fn a_second_import_changes_nothing() {
    let product = scratch_specs("import-twice");
    import_once(&product);
    let once = snapshot(&product);
    let (_, summary) = import_once(&product);
    assert!(
        summary.added.is_empty() && summary.changed.is_empty(),
        "{summary:?}"
    );
    assert_eq!(snapshot(&product), once);
}

#[test]
fn another_product_is_refused_and_nothing_is_written() {
    let product = scratch_specs("import-other-product");
    let product_file = product.join("product.json");
    let text = fs::read_to_string(&product_file)
        .unwrap()
        .replace("\"Things\"", "\"Vpc\"");
    fs::write(&product_file, text).unwrap();
    let before = snapshot(&product);
    let error = import::import_into(&product, &read_sources()).unwrap_err();
    assert!(
        error.contains("is Vpc 2020-01-01, but npm @alicloud/things20200101 is things 20200101"),
        "{error}"
    );
    assert!(error.contains("nothing was imported"), "{error}");
    assert_eq!(snapshot(&product), before);
}

#[test]
fn the_newest_of_two_package_versions_is_read_and_the_other_named() {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("import-two-versions");
    let _ = fs::remove_dir_all(&folder);
    for (dir, version, action) in [
        ("old", "1.2.2", "OldThings"),
        ("new", "1.10.0", "GrantThings"),
    ] {
        let package = folder.join(dir).join("package");
        fs::create_dir_all(package.join("src")).unwrap();
        fs::write(
            package.join("package.json"),
            format!(r#"{{"name": "@alicloud/things20200101", "version": "{version}"}}"#),
        )
        .unwrap();
        let client = fs::read_to_string(fixture().join("sources/things-sdk/package/src/client.ts"))
            .unwrap()
            .replace("action: \"GrantThings\"", &format!("action: \"{action}\""));
        fs::write(package.join("src/client.ts"), client).unwrap();
        let models = package.join("src/models");
        fs::create_dir_all(&models).unwrap();
        for model in ["DescribeThings.ts", "GrantThings.ts"] {
            fs::copy(
                fixture()
                    .join("sources/things-sdk/package/src/models")
                    .join(model),
                models.join(model),
            )
            .unwrap();
        }
    }
    let source = import::read_folder(&folder).unwrap();
    assert_eq!(source.origin, ["npm @alicloud/things20200101 1.10.0"]);
    assert!(source.actions.contains_key("GrantThings"));
    assert!(!source.actions.contains_key("OldThings"));
    assert!(
        source
            .notes
            .contains(&"npm: read new and left out the older old".to_string()),
        "{:?}",
        source.notes
    );
}
