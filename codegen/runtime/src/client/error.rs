//! The error of one operation call.

use std::fmt;
use std::time::Duration;

use super::transport::{TransportError, TransportErrorKind};
use crate::credentials::CredentialsError;
use crate::error::{BODY_EXCERPT, BodyExcerpt, ServiceError, WireError, excerpt};
use crate::query::QueryError;
use crate::sign::SignError;
use crate::validate::BuildError;

/// Why a call failed. Generated crates name it per action
/// (`DescribeHaVipsError = SdkError<DescribeHaVipsErrorCode>`), so the
/// service error carries that action's typed codes.
///
/// As in the AWS SDK for Rust, `Display` says what failed at this level
/// only; the cause is [`source`](std::error::Error::source), so that an
/// error reporter walking the chain prints each part once. A service error
/// is the exception: its code and message are the error. `Display` and
/// `Debug` show at most the first [`BODY_EXCERPT`] bytes of a body; the
/// whole body stays in the error.
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
    /// A paginator stopped because the service answered another page than
    /// the one asked for, repeated the previous page, or sent back the
    /// token it was sent.
    Pagination(String),
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

impl<C: fmt::Debug> fmt::Debug for SdkError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Build(error) => f.debug_tuple("Build").field(error).finish(),
            SdkError::Query(error) => f.debug_tuple("Query").field(error).finish(),
            SdkError::Credentials(error) => f.debug_tuple("Credentials").field(error).finish(),
            SdkError::Signing(error) => f.debug_tuple("Signing").field(error).finish(),
            SdkError::Transport(error) => f.debug_tuple("Transport").field(error).finish(),
            SdkError::Timeout(limit) => f.debug_tuple("Timeout").field(limit).finish(),
            SdkError::Pagination(problem) => f.debug_tuple("Pagination").field(problem).finish(),
            SdkError::Service(error) => f.debug_tuple("Service").field(error).finish(),
            SdkError::InvalidResponse {
                status,
                error,
                body,
            } => f
                .debug_struct("InvalidResponse")
                .field("status", status)
                .field("error", error)
                .field("body", &BodyExcerpt(body))
                .finish(),
        }
    }
}

impl<C: crate::ErrorCode> fmt::Display for SdkError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Build(_) => f.write_str("the request breaks the documented rules"),
            SdkError::Query(_) => f.write_str("the request parameters cannot be written"),
            SdkError::Credentials(_) => f.write_str("no usable credentials"),
            SdkError::Signing(_) => f.write_str("the request cannot be signed"),
            // Says what failed; the transport error (the source) says why.
            SdkError::Transport(error) => f.write_str(match error.kind() {
                TransportErrorKind::Connect => "could not connect to the service",
                TransportErrorKind::Timeout => "no response from the service in time",
                TransportErrorKind::Request => "the request could not be sent",
                TransportErrorKind::BodyTooLarge => {
                    "the service's response is larger than the client reads"
                }
                TransportErrorKind::Other => "the exchange with the service failed",
            }),
            SdkError::Timeout(limit) => write!(f, "the operation did not finish within {limit:?}"),
            SdkError::Pagination(problem) => write!(f, "pagination stopped: {problem}"),
            SdkError::Service(error) => write!(f, "{error}"),
            SdkError::InvalidResponse { status, body, .. } => {
                let shown = excerpt(body, BODY_EXCERPT);
                let more = if shown.len() < body.len() { "..." } else { "" };
                write!(
                    f,
                    "HTTP {status} with a body that is not the expected response (it starts {shown:?}{more})"
                )
            }
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
            SdkError::Timeout(_) | SdkError::Pagination(_) => None,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UndocumentedErrorCode;

    fn shown(kind: TransportErrorKind) -> String {
        SdkError::<UndocumentedErrorCode>::Transport(TransportError::new(kind, "")).to_string()
    }

    /// A response too large to read was still a response: `Display` says
    /// what failed for each kind, and no two kinds read the same.
    #[test]
    fn transport_failures_say_what_failed() {
        let kinds = [
            TransportErrorKind::Connect,
            TransportErrorKind::Timeout,
            TransportErrorKind::Request,
            TransportErrorKind::BodyTooLarge,
            TransportErrorKind::Other,
        ];
        let texts: Vec<String> = kinds.into_iter().map(shown).collect();
        assert_eq!(
            shown(TransportErrorKind::BodyTooLarge),
            "the service's response is larger than the client reads"
        );
        for (index, text) in texts.iter().enumerate() {
            assert!(!texts[index + 1..].contains(text), "{text} twice");
        }
    }
}
