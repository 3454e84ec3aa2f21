//! The `actions-vpc` test: the property tests and sample round-trips of
//! every action of `api-specs/vpc`, checked in a binary of their own (see
//! `alibabacloud_tests::actions`). Written by `cargo xtask generate`, with
//! its target in `tests/Cargo.toml`; do not edit.

#![allow(
    deprecated,
    reason = "deprecated actions are tested like the others while the API has them"
)]

/// `(product directory, action, its checks)` for every action, from `build.rs`.
static CHECKS: &alibabacloud_tests::actions::Checks =
    include!(concat!(env!("OUT_DIR"), "/actions/vpc.rs"));

fn main() -> std::process::ExitCode {
    alibabacloud_tests::actions::run("vpc", CHECKS)
}
