//! The error of one operation call.

use std::fmt;
use std::time::Duration;

use super::transport::TransportError;
use crate::credentials::CredentialsError;
use crate::error::{ServiceError, WireError};
use crate::query::QueryError;
use crate::sign::SignError;
use crate::validate::BuildError;

/// Why a call failed. Generated crates name it per action
/// (`DescribeHaVipsError = SdkError<DescribeHaVipsErrorCode>`), so the
/// service error carries that action's typed codes.
#[derive(Debug)]
#[non_exhaustive]
pub enum SdkError<C> {
    /// The request broke a documented rule (from `build()` via `?`).
    Build(BuildError),
    /// A `json`-style parameter could not be written.
    Query(QueryError),
    /// No credentials could be found, or signing failed.
    Credentials(CredentialsError),
    /// The request could not be signed (no randomness for a nonce, say).
    Signing(SignError),
    /// No response arrived (after every allowed attempt).
    Transport(TransportError),
    /// The whole operation, retries included, took longer than allowed.
    Timeout(Duration),
    /// The service answered with an error.
    Service(ServiceError<C>),
    /// A paginator stopped because the service sent back the token it was
    /// sent, which would fetch the same page forever.
    StuckPaging,
    /// The service answered success with a body the models cannot read.
    InvalidResponse {
        /// The HTTP status.
        status: u16,
        /// Why the body could not be read.
        error: WireError,
        /// The body as received.
        body: String,
    },
}

impl<C> SdkError<C> {
    /// The service error, if the service answered with one.
    pub fn as_service(&self) -> Option<&ServiceError<C>> {
        match self {
            SdkError::Service(error) => Some(error),
            _ => None,
        }
    }
}

impl<C: crate::ErrorCode> fmt::Display for SdkError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Build(error) => write!(f, "{error}"),
            SdkError::Query(error) => write!(f, "{error}"),
            SdkError::Credentials(error) => write!(f, "credentials: {error}"),
            SdkError::Signing(error) => write!(f, "signing: {error}"),
            SdkError::Transport(error) => write!(f, "{error}"),
            SdkError::Timeout(limit) => write!(f, "the operation did not finish within {limit:?}"),
            SdkError::Service(error) => write!(f, "{error}"),
            SdkError::InvalidResponse { status, error, .. } => {
                write!(f, "HTTP {status} with an unreadable body: {error}")
            }
            SdkError::StuckPaging => f.write_str(
                "paging stopped: the service sent back the token it was sent, so the next page would repeat this one",
            ),
        }
    }
}

impl<C: crate::ErrorCode> std::error::Error for SdkError<C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SdkError::Build(error) => Some(error),
            SdkError::Query(error) => Some(error),
            SdkError::Credentials(error) => Some(error),
            SdkError::Signing(error) => Some(error),
            SdkError::Transport(error) => Some(error),
            SdkError::Service(error) => Some(error),
            SdkError::InvalidResponse { error, .. } => Some(error),
            SdkError::Timeout(_) | SdkError::StuckPaging => None,
        }
    }
}

impl<C> From<BuildError> for SdkError<C> {
    fn from(error: BuildError) -> Self {
        SdkError::Build(error)
    }
}

impl<C> From<CredentialsError> for SdkError<C> {
    fn from(error: CredentialsError) -> Self {
        SdkError::Credentials(error)
    }
}
