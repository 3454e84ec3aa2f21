//! What the `xtask` commands share with the tests crate: the stale-file
//! check of `generate --check` (also the freshness test's), the tests
//! crate's generated dependency on each product's crate,
//! the synthetic spec sets of `cargo xtask synth-specs`, and the importer
//! of `cargo xtask import` (a library so its merge rules are tested).

#![forbid(unsafe_code)]

pub mod import;
pub mod synth;
pub mod test_deps;
pub mod write;
