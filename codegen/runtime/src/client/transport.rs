//! The HTTP layer as a trait, so tests and users can plug in their own, and
//! its default implementation over reqwest with rustls.

use std::fmt;
#[cfg(feature = "client")]
use std::future::Future;
#[cfg(feature = "client")]
use std::pin::Pin;
use std::sync::Arc;
#[cfg(feature = "client")]
use std::time::Duration;

/// A request ready to send: method, absolute URL, headers and body.
///
/// Its `Debug` shows neither the query, the body nor the values of the
/// `authorization`, `x-acs-security-token` and
/// `x-aliyun-ecs-metadata-token` headers: with signature V1 the query
/// holds the STS token, and a body may hold a pre-shared key or an OIDC
/// token.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET` or `POST`.
    pub method: String,
    /// The absolute URL, query included.
    pub url: String,
    /// Header names (lower case) and values, signed ones included.
    pub headers: Vec<(String, String)>,
    /// The body; empty for most RPC calls.
    pub body: Vec<u8>,
    /// The most bytes of response body to read: a longer body is refused
    /// with [`TransportErrorKind::BodyTooLarge`] rather than kept.
    pub max_response_body: usize,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (without_query, query) = self.url.split_once('?').unwrap_or((&self.url, ""));
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = match name.as_str() {
                    "authorization" | "x-acs-security-token" | "x-aliyun-ecs-metadata-token" => {
                        "***"
                    }
                    _ => value.as_str(),
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &without_query)
            .field("query_bytes", &query.len())
            .field("headers", &headers)
            .field("body_bytes", &self.body.len())
            .field("max_response_body", &self.max_response_body)
            .finish()
    }
}

/// What came back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: u16,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first value of a header, by lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Why no response arrived.
///
/// Its `Display` is the kind and a short message of ours; the HTTP
/// library's own error, if any, is its [`source`](std::error::Error::source),
/// with the URL (which can hold a V1 signature's STS token) removed.
#[derive(Debug, Clone)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Arc<dyn std::error::Error + Send + Sync + 'static>>,
}

impl PartialEq for TransportError {
    /// Equal kinds and messages; the sources are not compared.
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.message == other.message
    }
}

impl Eq for TransportError {}

/// The kinds of [`TransportError`] that retries tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be made (refused, DNS, TLS handshake).
    Connect,
    /// No complete response within the time allowed for one attempt.
    Timeout,
    /// The request could not be built (a bad URL, say); retrying will not help.
    Request,
    /// The response body is longer than the client reads
    /// ([`HttpRequest::max_response_body`]); retrying will not help.
    BodyTooLarge,
    /// Anything else that went wrong on the wire.
    Other,
}

impl TransportError {
    /// A transport error of `kind`. `message` must not hold secrets (a
    /// URL with its query, say): it is shown as it is.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// The same error, caused by `source` (which must not show secrets
    /// either: strip URLs first, as with `reqwest::Error::without_url`).
    #[must_use]
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    /// What kind of failure it was.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether another attempt may succeed.
    pub fn is_retryable(&self) -> bool {
        !matches!(
            self.kind,
            TransportErrorKind::Request | TransportErrorKind::BodyTooLarge
        )
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Request => "invalid request",
            TransportErrorKind::BodyTooLarge => "response body too large",
            TransportErrorKind::Other => "transport error",
        };
        if self.message.is_empty() {
            f.write_str(kind)
        } else {
            write!(f, "{kind}: {}", self.message)
        }
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// A boxed future, so the trait stays object-safe.
#[cfg(feature = "client")]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one HTTP request. Implementations do not retry; the client does.
#[cfg(feature = "client")]
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` and waits for the whole response.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// The default transport: reqwest over rustls.
#[cfg(feature = "client")]
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

#[cfg(feature = "client")]
impl ReqwestTransport {
    /// A transport that gives up connecting after `connect_timeout`.
    pub fn new(connect_timeout: Duration) -> Result<Self, TransportError> {
        let client = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .build()
            .map_err(classify)?;
        Ok(Self { client })
    }

    /// A transport over a reqwest client you configured yourself (proxies,
    /// pools, certificates).
    pub fn with_client(client: reqwest::Client) -> Self {
        Self { client }
    }
}

#[cfg(feature = "client")]
impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(async move {
            let method = reqwest::Method::from_bytes(request.method.as_bytes()).map_err(|_| {
                TransportError::new(TransportErrorKind::Request, "invalid HTTP method")
            })?;
            let mut builder = self.client.request(method, &request.url);
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            let mut response = builder.body(request.body).send().await.map_err(classify)?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(name, value)| {
                    (
                        name.as_str().to_string(),
                        String::from_utf8_lossy(value.as_bytes()).into_owned(),
                    )
                })
                .collect();
            let limit = request.max_response_body;
            if let Some(length) = response.content_length() {
                if length > u64::try_from(limit).unwrap_or(u64::MAX) {
                    return Err(too_large(limit));
                }
            }
            // Read chunk by chunk, so a body longer than the limit is
            // refused once the limit is passed, not after it is all in memory.
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(classify)? {
                if chunk.len() > limit.saturating_sub(body.len()) {
                    return Err(too_large(limit));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(HttpResponse {
                status,
                headers,
                body,
            })
        })
    }
}

/// The error for a body longer than `limit` bytes.
#[cfg(any(feature = "client", feature = "blocking"))]
pub(crate) fn too_large(limit: usize) -> TransportError {
    TransportError::new(
        TransportErrorKind::BodyTooLarge,
        format!("more than {limit} bytes"),
    )
}

/// A reqwest error as a [`TransportError`]: classified, its URL removed
/// (with signature V1 the query holds the STS token, and parameters such
/// as `IkeConfig.Psk` are secrets too), and kept as the source.
#[cfg(any(feature = "client", feature = "blocking"))]
pub(crate) fn classify(error: reqwest::Error) -> TransportError {
    let (kind, message) = if error.is_timeout() {
        (TransportErrorKind::Timeout, "no response in time")
    } else if error.is_connect() {
        (TransportErrorKind::Connect, "cannot connect")
    } else if error.is_builder() {
        (TransportErrorKind::Request, "cannot build the request")
    } else if error.is_body() || error.is_decode() {
        (TransportErrorKind::Other, "cannot read the response body")
    } else {
        (TransportErrorKind::Other, "cannot send the request")
    };
    TransportError::new(kind, message).with_source(error.without_url())
}
