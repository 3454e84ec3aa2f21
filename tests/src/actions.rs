//! The `actions` harnesses: every action of every product, checked by
//! data-driven test binaries (libtest-mimic, so each check is a test of
//! its own that `cargo test` filters, lists and runs in parallel like any
//! other). There is one binary per product of `api-specs/`
//! (`actions-vpc`, `tests/tests/actions/vpc.rs`, written by `cargo xtask
//! generate`) and one for the fixture products (`actions-fixtures`):
//! each compiles the checks of its own products only, so the largest
//! rustc of the tests is the largest product's, not the sum of all of
//! them (BENCHMARKS.md, "One harness per product").
//!
//! A harness loads and lowers its products once, by the generator
//! itself; from them come the tests, their names and the samples they
//! read:
//!
//! - per action, four property tests (`<product>_<module>_check_*`):
//!   arbitrary responses round-trip as JSON and as XML, arbitrary valid
//!   requests survive the query serializer and a test-only parser, and
//!   requests breaking a documented rule are refused with the field named;
//! - per sample response named by a spec in `api-specs/`, a round-trip test
//!   (`<module>_<sample>_<format>`), and for a JSON sample one more that
//!   flips the JSON type of each leaf in turn (`..._flipped`).
//!
//! Only the request and response types of each action come from
//! `build.rs` (a table per harness), which cannot be chosen at run time. A
//! product that does not load is a failing test (and before that, a
//! failing build).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use alibabacloud_codegen::naming;
use alibabacloud_codegen::spec::ActionSpec;
use libtest_mimic::{Arguments, Trial};

use crate::products::{self, Product};
use crate::props::{self, ActionChecks};

/// `(product directory, action, its checks)` for every action of a
/// harness's products, as `build.rs` writes it.
pub type Checks = [(&'static str, &'static str, ActionChecks)];

/// The checks of a [`Checks`] table by product directory and action.
type Compiled = BTreeMap<&'static str, BTreeMap<&'static str, ActionChecks>>;

/// The property checks every action gets, by the end of their test name.
type Property = (&'static str, fn(&ActionChecks) -> fn(&ActionSpec));
const PROPERTIES: [Property; 4] = [
    ("check_json_responses", |checks| checks.json_responses),
    ("check_xml_responses", |checks| checks.xml_responses),
    ("check_requests", |checks| checks.requests),
    ("check_invalid_requests", |checks| checks.invalid_requests),
];

/// Runs the trials of `harness`'s products (its test target is
/// `actions-<harness>`), their property checks taken from `checks`, with
/// libtest-mimic's command line; the exit code says whether all passed.
pub fn run(harness: &str, checks: &'static Checks) -> ExitCode {
    let arguments = Arguments::from_args();
    libtest_mimic::run(&arguments, trials(harness, checks)).exit_code()
}

/// Every trial of `harness`, sorted by name (a failing check of the
/// names' uniqueness last).
fn trials(harness: &str, checks: &'static Checks) -> Vec<Trial> {
    // What is left once every product is loaded was compiled for an
    // action that no longer loads.
    let mut compiled: Compiled = BTreeMap::new();
    for (product, action, checks) in checks {
        compiled
            .entry(*product)
            .or_default()
            .insert(*action, *checks);
    }
    let mut trials = Vec::new();
    let mut loaded = BTreeMap::new();
    let mut broken = BTreeSet::new();
    let products = products::load_harness(&crate::repository_root(), harness);
    if products.is_empty() {
        trials.push(failing(
            format!("{}_has_products", identifier(harness)),
            format!(
                "no product directory is checked by the harness {harness}; \
                 run `cargo xtask generate`, which removes the harness of a removed product"
            ),
        ));
    }
    for (relative, product) in products {
        match product {
            Ok(product) => {
                let product = Arc::new(product);
                trials.extend(action_trials(&relative, &product, &mut compiled));
                loaded.insert(relative, product);
            }
            Err(problems) => {
                trials.push(failing(
                    format!("{}_loads", identifier(&relative)),
                    problems,
                ));
                broken.insert(relative);
            }
        }
    }
    // A product that does not load has failed above, once.
    for (product, actions) in compiled {
        for action in actions.into_keys().filter(|_| !broken.contains(product)) {
            trials.push(failing(
                format!(
                    "{}_{}_is_loaded",
                    identifier(product),
                    naming::snake(action)
                ),
                format!("build.rs compiled checks for {product}: {action}, which does not load"),
            ));
        }
    }
    // VPC's harness, the one that has DescribeHaVips.
    if harness == "vpc" {
        trials.push(describe_ha_vips_breakers(
            loaded.get("api-specs/vpc").cloned(),
        ));
    }
    trials.sort_by(|a, b| a.name().cmp(b.name()));
    let names: Vec<&str> = trials.iter().map(Trial::name).collect();
    let repeated: BTreeSet<String> = names
        .windows(2)
        .filter(|pair| pair[0] == pair[1])
        .map(|pair| pair[0].to_string())
        .collect();
    if !repeated.is_empty() {
        trials.push(failing(
            "trial_names_are_unique".to_string(),
            format!("two trials share each of these names: {repeated:?}"),
        ));
    }
    trials
}

/// The property trials of each action of `product`, and the round-trip
/// trials of its samples.
fn action_trials(relative: &str, product: &Arc<Product>, compiled: &mut Compiled) -> Vec<Trial> {
    let mut trials = Vec::new();
    let prefix = naming::snake(&product.loaded.dir_name);
    for action in &product.ir.actions {
        let module = action.module.trim_start_matches("r#");
        let Some(index) = product
            .loaded
            .actions
            .iter()
            .position(|loaded| loaded.spec.name == action.name)
        else {
            trials.push(failing(
                format!("{prefix}_{module}_is_loaded"),
                format!("{relative}: the IR has {}, the specs do not", action.name),
            ));
            continue;
        };
        let Some(checks) = compiled
            .get_mut(relative)
            .and_then(|actions| actions.remove(action.name.as_str()))
        else {
            trials.push(failing(
                format!("{prefix}_{module}_is_compiled"),
                format!(
                    "{relative}: {} has no compiled checks; build.rs did not see it",
                    action.name
                ),
            ));
            continue;
        };
        for (check, pick) in PROPERTIES {
            let product = Arc::clone(product);
            trials.push(Trial::test(
                format!("{prefix}_{module}_{check}"),
                move || {
                    pick(&checks)(&product.loaded.actions[index].spec);
                    Ok(())
                },
            ));
        }
        if !product.samples {
            continue;
        }
        for (number, sample) in product.loaded.actions[index].samples.iter().enumerate() {
            let stem = Path::new(&sample.file)
                .file_stem()
                .map(|stem| naming::snake(&stem.to_string_lossy()))
                .unwrap_or_default();
            let name = format!("{module}_{stem}_{}", sample.spec.format);
            type Run = fn(&ActionChecks, &str, &str);
            let mut runs: Vec<(String, Run)> = Vec::new();
            if sample.spec.format == "xml" {
                runs.push((name, |checks, file, text| (checks.xml_sample)(file, text)));
            } else {
                runs.push((format!("{name}_flipped"), |checks, file, text| {
                    (checks.json_sample_flipped)(file, text);
                }));
                runs.push((name, |checks, file, text| (checks.json_sample)(file, text)));
            }
            for (name, run) in runs {
                let product = Arc::clone(product);
                trials.push(Trial::test(name, move || {
                    let sample = &product.loaded.actions[index].samples[number];
                    run(&checks, &sample.file, &sample.text);
                    Ok(())
                }));
            }
        }
    }
    trials
}

/// `text` with every character that cannot be in a Rust name as `_`.
fn identifier(text: &str) -> String {
    text.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
}

/// A trial that fails with `message`.
fn failing(name: String, message: String) -> Trial {
    Trial::test(name, move || Err(message.into()))
}

/// The rules [`props::check_invalid_requests`] breaks for DescribeHaVips
/// are every rule its docs state.
fn describe_ha_vips_breakers(vpc: Option<Arc<Product>>) -> Trial {
    Trial::test(
        "invalid_request_cases_cover_every_documented_rule_of_describe_ha_vips",
        move || {
            let vpc = vpc.ok_or("api-specs/vpc is not loaded")?;
            let spec = &vpc
                .loaded
                .actions
                .iter()
                .find(|action| action.spec.name == "DescribeHaVips")
                .ok_or("no action DescribeHaVips in api-specs/vpc")?
                .spec;
            let mut fields = props::broken_fields(spec);
            fields.sort();
            fields.dedup();
            assert_eq!(
                fields,
                [
                    "Filter",
                    "Filter.1.Value",
                    "PageSize",
                    "RegionId",
                    "Tags",
                    "Tags.1.Key",
                    "Tags.1.Value"
                ]
            );
            Ok(())
        },
    )
}
