//! What a rule answers: a typed response, a service error with a typed
//! code, a transport failure, or a raw HTTP response.
//!
//! An answer is turned into what the network would have given the client
//! (an HTTP response, or a [`TransportError`]) when it is made, so the
//! client reads it exactly as it reads the service's answers: its response
//! models parse the body, its retry rules judge the status and the code.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use crate::action::{Action, ResponseBody};
use crate::client::{HttpResponse, TransportError, TransportErrorKind};
use crate::error::{ErrorBody, ErrorCode, WireError};

/// The request ID of a mocked service error unless one is set.
pub const DEFAULT_REQUEST_ID: &str = "00000000-0000-0000-0000-000000000000";

/// One answer of a [`Rule`](super::Rule) for action `A`.
///
/// ```
/// # fn f<A: alibabacloud_runtime::Action>(response: A::Response, code: A::ErrorCode) {
/// use alibabacloud_runtime::mock::Answer;
/// use alibabacloud_runtime::client::TransportErrorKind;
///
/// let ok = Answer::<A>::output(response);
/// let throttled: Answer<A> = Answer::<A>::service_error(code).status(400).request_id("req-1").into();
/// let refused = Answer::<A>::transport_error(TransportErrorKind::Connect);
/// let timed_out = Answer::<A>::timeout();
/// # }
/// ```
pub struct Answer<A: Action> {
    pub(super) reply: Reply,
    action: PhantomData<fn() -> A>,
}

/// What the mock transport gives the client for one attempt.
#[derive(Debug, Clone)]
pub(super) enum Reply {
    Http(HttpResponse),
    Fail(TransportError),
}

impl<A: Action> Answer<A> {
    fn new(reply: Reply) -> Self {
        Self {
            reply,
            action: PhantomData,
        }
    }

    /// A success: `response`, sent as the service sends it (HTTP 200, its
    /// JSON form). Make it with `Default` and its public fields, or read
    /// it with [`ResponseBody::from_json`].
    pub fn output(response: A::Response) -> Self {
        match response.to_json() {
            Ok(json) => Self::json_body(json),
            // A response that cannot be written (a non-finite float, say)
            // fails the attempt, saying why, rather than the test.
            Err(error) => Self::new(Reply::Fail(TransportError::new(
                TransportErrorKind::Other,
                format!("the mocked {} response cannot be written: {error}", A::NAME),
            ))),
        }
    }

    /// A success whose body is this JSON text, checked now: an error if
    /// it is not `A`'s response. The text is sent as it is, so fields the
    /// models do not know are sent too.
    pub fn from_json(json: &str) -> Result<Self, WireError> {
        A::Response::from_json(json)?;
        Ok(Self::json_body(json.to_string()))
    }

    fn json_body(json: String) -> Self {
        Self::new(Reply::Http(HttpResponse {
            status: 200,
            headers: vec![("content-type".to_string(), "application/json".to_string())],
            body: json.into_bytes(),
        }))
    }

    /// The service's error with `code`; set its status (by default the
    /// status the docs give the code for action `A`, else 400), request ID
    /// and message
    /// on what this returns.
    pub fn service_error(code: A::ErrorCode) -> ServiceErrorAnswer<A> {
        ServiceErrorAnswer {
            status: A::documented_status(&code).unwrap_or(400),
            code,
            request_id: DEFAULT_REQUEST_ID.to_string(),
            message: None,
            retry_after: None,
        }
    }

    /// No response: the transport failed with `kind` (a refused
    /// connection is retried; see [`TransportError::is_retryable`]).
    pub fn transport_error(kind: TransportErrorKind) -> Self {
        Self::new(Reply::Fail(TransportError::new(kind, "mocked")))
    }

    /// No response in time: the attempt timed out, as when the service
    /// does not answer within the client's attempt timeout. It is
    /// retried, and reported as a transport error of kind
    /// [`TransportErrorKind::Timeout`] when it is the last attempt. The
    /// mock does not wait.
    pub fn timeout() -> Self {
        Self::new(Reply::Fail(TransportError::new(
            TransportErrorKind::Timeout,
            "mocked: no response in time",
        )))
    }

    /// This HTTP response, as it is: for bodies the typed answers cannot
    /// make (a proxy's HTML page, a truncated body).
    pub fn http(response: HttpResponse) -> Self {
        Self::new(Reply::Http(response))
    }
}

impl<A: Action> fmt::Debug for Answer<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Answer");
        out.field("action", &A::NAME);
        match &self.reply {
            Reply::Http(response) => out
                .field("status", &response.status)
                .field("body", &String::from_utf8_lossy(&response.body)),
            Reply::Fail(error) => out.field("error", error),
        };
        out.finish()
    }
}

/// A service error answer being set up; see [`Answer::service_error`].
/// A rule takes it where it takes an [`Answer`].
pub struct ServiceErrorAnswer<A: Action> {
    code: A::ErrorCode,
    status: u16,
    request_id: String,
    message: Option<String>,
    retry_after: Option<Duration>,
}

impl<A: Action> ServiceErrorAnswer<A> {
    /// The HTTP status.
    #[must_use]
    pub fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// The request ID (default [`DEFAULT_REQUEST_ID`]).
    #[must_use]
    pub fn request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = request_id.into();
        self
    }

    /// The message (default: none).
    #[must_use]
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// A `Retry-After` header, in whole seconds: the client waits at least
    /// this long before its next attempt (the mock client's zero backoff
    /// does not shorten it).
    #[must_use]
    pub fn retry_after(mut self, wait: Duration) -> Self {
        self.retry_after = Some(wait);
        self
    }
}

impl<A: Action> From<ServiceErrorAnswer<A>> for Answer<A> {
    fn from(error: ServiceErrorAnswer<A>) -> Self {
        let body = ErrorBody {
            request_id: Some(error.request_id),
            code: Some(error.code.as_str().to_string()),
            message: error.message,
            ..ErrorBody::default()
        };
        let mut headers = vec![("content-type".to_string(), "application/json".to_string())];
        if let Some(wait) = error.retry_after {
            headers.push(("retry-after".to_string(), wait.as_secs().to_string()));
        }
        // An `ErrorBody` has only text fields: writing it cannot fail.
        let json = serde_json::to_string(&body).unwrap_or_default();
        Answer::new(Reply::Http(HttpResponse {
            status: error.status,
            headers,
            body: json.into_bytes(),
        }))
    }
}

impl<A: Action> fmt::Debug for ServiceErrorAnswer<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceErrorAnswer")
            .field("action", &A::NAME)
            .field("code", &self.code)
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("message", &self.message)
            .field("retry_after", &self.retry_after)
            .finish()
    }
}
