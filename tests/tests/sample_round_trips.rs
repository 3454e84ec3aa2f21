//! Every sample response named by a spec in `api-specs/` parses into the
//! generated models and writes back the same document. The tests are
//! written by `build.rs`, one per sample.

include!(concat!(env!("OUT_DIR"), "/sample_round_trips.rs"));
