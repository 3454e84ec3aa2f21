//! What the `xtask` commands share with the tests crate: the stale-file
//! check of `generate --check` (also the freshness test's), the tests
//! crate's generated dependency on, and harness of, each product's crate,
//! the synthetic spec sets of `cargo xtask synth-specs`, and the importer
//! of `cargo xtask import` (a library so its merge rules are tested), and
//! where the golden crates come from (`cargo xtask bless-golden`, the
//! golden test).

#![forbid(unsafe_code)]

pub mod golden;
pub mod import;
pub mod synth;
pub mod test_deps;
pub mod write;
