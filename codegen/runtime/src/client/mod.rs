//! Calling the API: a client that signs each attempt, retries what is worth
//! retrying, enforces timeouts and turns responses into typed results.
//!
//! Two clients share the configuration ([`ClientBuilder`]), the signing,
//! the retry rules and the errors ([`SdkError`]):
//!
//! - [`Client`] (feature `client`): async, over reqwest and tokio.
//! - `blocking::Client` (feature `blocking`): the same methods, blocking
//!   the calling thread, over reqwest's blocking client; its paginators are
//!   iterators. It needs no async runtime of the caller's.
//!
//! Generated crates wrap them with one method per action; the logic here
//! is shared by all of them.

#[cfg(feature = "client")]
mod asynchronous;
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
#[cfg(any(feature = "client", feature = "blocking"))]
mod builder;
#[cfg(feature = "client")]
mod call;
#[cfg(any(feature = "client", feature = "blocking"))]
mod core;
mod error;
mod paginate;
mod retry;
mod token_paginate;
mod transport;

#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub use asynchronous::Client;
#[cfg(any(feature = "client", feature = "blocking"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "client", feature = "blocking"))))]
pub use builder::{BuildClient, ClientBuilder, RuntimeClient};
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub use call::Call;
#[cfg(any(feature = "client", feature = "blocking"))]
pub(crate) use core::split_endpoint;
pub use error::SdkError;
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub use futures_util::{StreamExt, TryStreamExt};
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub use paginate::Paginator;
// Implemented by generated requests; a user only passes such a request to
// `paginate`/`paginate_by_token`.
#[doc(hidden)]
pub use paginate::{Page, Paginated};
pub use retry::{RETRYABLE_CODES, RetryPolicy, is_retryable_response};
#[doc(hidden)]
pub use token_paginate::TokenPaginated;
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub use token_paginate::TokenPaginator;
#[cfg(feature = "client")]
#[cfg_attr(docsrs, doc(cfg(feature = "client")))]
pub use transport::{BoxFuture, ReqwestTransport, Transport};
pub use transport::{HttpRequest, HttpResponse, TransportError, TransportErrorKind};

use crate::credentials::CredentialsError;

/// Which signature scheme requests use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureVersion {
    /// `ACS3-HMAC-SHA256` in the `Authorization` header (the default).
    #[default]
    V3,
    /// The older RPC `HMAC-SHA1` signature in the query, for endpoints
    /// that need it.
    V1,
}

/// Why a client could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// No credentials were given and none were found.
    Credentials(CredentialsError),
    /// Neither a region nor an endpoint was given.
    MissingRegion,
    /// The endpoint override is not `host`, `host:port` or `scheme://host[:port]`.
    InvalidEndpoint(String),
    /// The default transport could not start.
    Transport(TransportError),
}

/// The default of [`ClientBuilder::max_response_body`]: 8 MiB.
///
/// The largest documented VPC responses (a page of 100 VPCs, VSwitches or
/// EIPs) are a few hundred KiB; the cap is there so that a broken server or
/// proxy cannot make the client hold an unbounded body.
pub const DEFAULT_MAX_RESPONSE_BODY: usize = 8 * 1024 * 1024;

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Credentials(_) => f.write_str("no usable credentials"),
            ConfigError::MissingRegion => {
                f.write_str("no region (set one, or ALIBABA_CLOUD_REGION_ID, or an endpoint)")
            }
            ConfigError::InvalidEndpoint(endpoint) => {
                write!(
                    f,
                    "invalid endpoint {endpoint:?} (expected host, host:port or http(s)://host[:port])"
                )
            }
            ConfigError::Transport(_) => f.write_str("cannot start the HTTP client"),
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::Credentials(error) => Some(error),
            ConfigError::Transport(error) => Some(error),
            ConfigError::MissingRegion | ConfigError::InvalidEndpoint(_) => None,
        }
    }
}
