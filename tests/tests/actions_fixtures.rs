//! The `actions-fixtures` test: the property tests of every action of the
//! fixture products (`tests/fixtures/shapes`, `tests/fixtures/odd`),
//! checked in one binary (see `alibabacloud_tests::actions`; each product
//! of `api-specs/` has a binary of its own).

/// `(product directory, action, its checks)` for every action, from `build.rs`.
static CHECKS: &alibabacloud_tests::actions::Checks =
    include!(concat!(env!("OUT_DIR"), "/actions/fixtures.rs"));

fn main() -> std::process::ExitCode {
    alibabacloud_tests::actions::run("fixtures", CHECKS)
}
