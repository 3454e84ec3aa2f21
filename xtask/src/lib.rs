//! What the `xtask` commands share with the benchmarks of the tests crate:
//! the synthetic spec sets of `cargo xtask synth-specs`.

#![forbid(unsafe_code)]

pub mod synth;
