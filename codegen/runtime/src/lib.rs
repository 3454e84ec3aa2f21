//! Hand-written support code for the generated Alibaba Cloud SDK crates.
//!
//! Generated crates contain only what differs between actions: types, field
//! names and the rules taken from the API docs. Everything that is the same
//! for every action lives here, written and unit-tested by hand. What a
//! user of a generated crate meets is documented here:
//!
//! - [`Action`], [`ResponseBody`] and [`ErrorCode`]: the traits every
//!   generated request, response and error code implements.
//! - [`BuildError`] (with its [`Violation`]s and [`Rule`]s): why a request
//!   builder refused its fields.
//! - [`QueryPairs`]: a request as the query it is sent as.
//! - [`ServiceError`], [`WireError`], [`UndocumentedErrorCode`]: what the
//!   service or its answer got wrong.
//! - [`UnknownValue`]: a value an open enum's docs do not list.
//! - `client` (feature `client`, on by default): the async client that
//!   signs, sends, retries and times calls, and the paginator; with the
//!   feature `blocking`, the same as a blocking client.
//! - [`credentials`]: the AccessKey pair, read from the environment or the
//!   `aliyun` CLI's profile file, with secrets that never print.
//! - `mock` (feature `test-util`, off by default): a mock that answers a
//!   client's calls from typed rules, for the tests of code that calls the
//!   API.
//!
//! The rest (percent-encoding, the query writer, the validator, signing,
//! the reflection layer generated structs are read and written through,
//! the macros that write generated impls) is public only because
//! generated crates call it; it is hidden from these docs and is no API:
//! it may change in any release.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
// The docs name the async client and its credentials cache, which exist
// with `client`: a build of the docs with only `blocking` or
// `client-types` (what shard crates use) cannot resolve those links. The
// docs users read (docs.rs, all features) and CI's workspace build resolve
// them all.
#![cfg_attr(not(feature = "client"), allow(rustdoc::broken_intra_doc_links))]

// Hidden: generated code calls these modules, users meet only the items
// re-exported below. `tests/tests/public_surface.rs` pins what is shown.
#[doc(hidden)]
pub mod action;
#[cfg(feature = "client-types")]
#[cfg_attr(docsrs, doc(cfg(feature = "client-types")))]
pub mod client;
pub mod credentials;
#[doc(hidden)]
pub mod encode;
#[doc(hidden)]
pub mod error;
mod impls;
#[cfg(all(feature = "test-util", any(feature = "client", feature = "blocking")))]
#[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
pub mod mock;
// The reflection layer generated structs are read and written through
// (`Model`, `Slot`, the field tables): generated code needs it public, but
// it is not an API for users, who see requests, builders, responses,
// enums, errors and the client.
#[doc(hidden)]
pub mod model;
#[doc(hidden)]
pub mod query;
#[doc(hidden)]
pub mod sign;
mod unknown;
#[doc(hidden)]
pub mod validate;

pub use action::{Action, ResponseBody};
pub use credentials::{Credentials, CredentialsError, Secret};
pub use error::{ErrorBody, ErrorCode, ServiceError, UndocumentedErrorCode, WireError};
pub use query::{QueryError, QueryPairs};
// What generated `build()`s and query writers call; not for users.
#[doc(hidden)]
pub use query::{QueryWriter, ToQuery};
pub use sign::SignError;
pub use unknown::UnknownValue;
pub use validate::{Bound, BuildError, Rule, Violation};
#[doc(hidden)]
pub use validate::{FieldPath, Validator};
