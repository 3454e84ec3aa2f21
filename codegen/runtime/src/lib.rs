//! Hand-written support code for the generated Alibaba Cloud SDK crates.
//!
//! Generated crates contain only what differs between actions: types, field
//! names and the rules taken from the API docs. Everything that is the same
//! for every action lives here, written and unit-tested by hand:
//!
//! - [`encode`]: RFC 3986 percent-encoding as Alibaba Cloud's RPC style needs it.
//! - [`query`]: flattening a request into `Filter.1.Value.2=...` pairs.
//! - [`validate`]: the checks a request builder runs, and [`BuildError`].
//! - [`model`]: reading and writing every generated struct, in JSON and XML,
//!   from a description of its fields (wrapped lists, numbers sent as
//!   strings, enums that keep unknown values).
//! - [`error`]: Alibaba Cloud's error body, error codes and a typed service
//!   error.
//! - [`action`]: the traits every generated request and response implements.
//! - `client` (feature `client`, on by default): the async client that
//!   signs, sends, retries and times calls, and the paginator; with the
//!   feature `blocking`, the same as a blocking client.
//! - [`credentials`]: the AccessKey pair, read from the environment or the
//!   `aliyun` CLI's profile file, with secrets that never print.
//! - [`sign`]: request signatures, V3 (`ACS3-HMAC-SHA256`) and V1 (`HMAC-SHA1`).
//! - `mock` (feature `test-util`, off by default): a mock that answers a
//!   client's calls from typed rules, for the tests of code that calls the
//!   API.

#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod action;
#[cfg(feature = "client-types")]
pub mod client;
pub mod credentials;
pub mod encode;
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
pub mod query;
pub mod sign;
pub mod validate;

pub use action::{Action, ResponseBody};
pub use credentials::{Credentials, CredentialsError, Secret};
pub use error::{ErrorBody, ErrorCode, ServiceError, UndocumentedErrorCode, WireError};
pub use query::{QueryError, QueryPairs};
// What generated `build()`s and query writers call; not for users.
#[doc(hidden)]
pub use query::{QueryWriter, ToQuery};
pub use sign::SignError;
pub use validate::{BuildError, Rule, Violation};
#[doc(hidden)]
pub use validate::{FieldPath, Validator};
