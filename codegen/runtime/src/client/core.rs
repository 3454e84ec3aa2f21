//! What both clients share: the configuration, signing an attempt,
//! reading its answer, and the retry waits. The builder is in `builder`;
//! nothing here knows either client.

use std::sync::Arc;
use std::time::Duration;

use super::retry::{RetryPolicy, is_retryable_response};
use super::transport::{self, HttpRequest, HttpResponse, TransportError};
use super::{SdkError, SignatureVersion};
use crate::action::{Action, ResponseBody};
use crate::credentials::Credentials;
use crate::error::{ErrorBody, ErrorCode, ServiceError, WireError};
use crate::query::{QueryError, QueryPairs};
use crate::sign;

/// Settings of a client that both clients read the same way; see
/// [`ClientBuilder`](super::ClientBuilder). What differs between them (the
/// transport, the credentials provider) is held by each client.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) scheme: String,
    pub(crate) host: String,
    pub(crate) retry: RetryPolicy,
    pub(crate) attempt_timeout: Duration,
    pub(crate) operation_timeout: Duration,
    pub(crate) signature: SignatureVersion,
    pub(crate) user_agent: String,
    pub(crate) max_response_body: usize,
    /// The mock whose rules answer, which sees each typed request.
    #[cfg(feature = "test-util")]
    pub(crate) mock: Option<crate::mock::Mock>,
}

/// What a client signs with: fixed credentials, used as they are, or a
/// provider (`P`, the client's own provider trait) asked before every
/// attempt, so that a retry signs with refreshed ones.
pub(crate) enum Signer<P: ?Sized> {
    Fixed(Credentials),
    Provider(Arc<P>),
}

impl<P: ?Sized> Clone for Signer<P> {
    fn clone(&self) -> Self {
        match self {
            Signer::Fixed(credentials) => Signer::Fixed(credentials.clone()),
            Signer::Provider(provider) => Signer::Provider(Arc::clone(provider)),
        }
    }
}

impl<P: ?Sized + std::fmt::Debug> std::fmt::Debug for Signer<P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Signer::Fixed(credentials) => f.debug_tuple("Fixed").field(credentials).finish(),
            Signer::Provider(provider) => f.debug_tuple("Provider").field(provider).finish(),
        }
    }
}

/// `https://Host:port/` → (`https`, `host:port`); a bare host means https.
///
/// The host is normalised as the HTTP layer writes it in the `Host`
/// header, since V3 signs that header: lower case, and no port when it is
/// the scheme's default (`http://127.0.0.1:80` → `127.0.0.1`). The `url`
/// crate, which reqwest parses URLs with, does the normalising, so the two
/// agree.
pub(crate) fn split_endpoint(endpoint: &str) -> Option<(String, String)> {
    let absolute = if endpoint.contains("://") {
        endpoint.to_string()
    } else {
        format!("https://{endpoint}")
    };
    let url = url::Url::parse(&absolute).ok()?;
    let plain = matches!(url.scheme(), "http" | "https")
        && url.path() == "/"
        && url.query().is_none()
        && url.fragment().is_none()
        && url.username().is_empty()
        && url.password().is_none();
    if !plain {
        return None;
    }
    let host = url.host_str().filter(|host| !host.is_empty())?;
    let authority = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    };
    Some((url.scheme().to_string(), authority))
}

/// The configuration and what every attempt does with it, whichever
/// client sends it.
#[derive(Debug, Clone)]
pub(crate) struct Core {
    pub(crate) config: Arc<Config>,
}

impl Core {
    /// The answer to an attempt: the status and body text of a 2xx, else
    /// the failure to retry or report.
    pub(crate) fn check_response(
        &self,
        response: HttpResponse,
    ) -> Result<(u16, String), SendFailure> {
        // A transport of the caller's may not know the limit; check again.
        if response.body.len() > self.config.max_response_body {
            return Err(SendFailure::Transport(transport::too_large(
                self.config.max_response_body,
            )));
        }
        let text = String::from_utf8_lossy(&response.body).into_owned();
        if !(200..300).contains(&response.status) {
            let retry_after = response.header("retry-after").and_then(parse_retry_after);
            return Err(SendFailure::Service {
                status: response.status,
                body: text,
                retry_after,
            });
        }
        Ok((response.status, text))
    }

    /// The request parameters of `request` and what `send` needs of its
    /// action. A mock client's mock sees the typed request here, before it
    /// is sent.
    pub(crate) fn prepare<A: Action>(
        &self,
        request: &A,
    ) -> Result<(Target, QueryPairs, QueryPairs), QueryError> {
        let (query, body) = (request.query_pairs()?, request.body_pairs()?);
        #[cfg(feature = "test-util")]
        if let Some(mock) = &self.config.mock {
            mock.prepared(request, &query, &body);
        }
        Ok((Target::of::<A>(), query, body))
    }

    /// The typed result of a call whose send ended with `sent`.
    #[allow(
        clippy::result_large_err,
        reason = "SdkError is the error of both clients, returned by value as the async one returns it"
    )]
    pub(crate) fn finish<A: Action>(
        sent: Result<(u16, String), SendFailure>,
    ) -> Result<A::Response, SdkError<A::ErrorCode>> {
        let (status, text) = sent.map_err(SendFailure::into_sdk_error)?;
        read_success_body(&text).map_err(|error| SdkError::InvalidResponse {
            status,
            error,
            body: text,
        })
    }

    /// The request of one attempt, signed with `credentials`.
    pub(crate) fn signed_request(
        &self,
        target: &Target,
        query: &QueryPairs,
        body: &QueryPairs,
        credentials: &Credentials,
    ) -> Result<HttpRequest, sign::SignError> {
        const FORM: &str = "application/x-www-form-urlencoded";
        let config = &self.config;
        let method = target.method;
        let body_bytes = if body.is_empty() {
            Vec::new()
        } else {
            body.to_query_string().into_bytes()
        };
        let content_type = (!body_bytes.is_empty()).then_some(FORM);
        let timestamp = sign::timestamp_now()?;
        let nonce = sign::nonce()?;
        let mut headers = vec![
            ("user-agent".to_string(), config.user_agent.clone()),
            ("accept".to_string(), "application/json".to_string()),
        ];
        if let Some(content_type) = content_type {
            headers.push(("content-type".to_string(), content_type.to_string()));
        }
        let url_query = match config.signature {
            SignatureVersion::V3 => {
                // Encoded once: the URL carries the very text that is signed.
                let url_query = query.to_query_string();
                let call = sign::v3::RpcCall {
                    method,
                    host: &config.host,
                    action: target.action,
                    version: target.version,
                    query: &url_query,
                    body: &body_bytes,
                    content_type,
                };
                let signed = sign::v3::rpc_headers(&call, credentials, &timestamp, &nonce)?;
                // `host` is not a header here: the HTTP layer writes it from
                // the URL, with the same value (`split_endpoint` normalised
                // it as the HTTP layer does). `content-type` is there already.
                headers.extend(
                    signed
                        .iter()
                        .filter(|(name, _)| *name != "host" && *name != "content-type")
                        .map(|(name, value)| (name.to_string(), value.to_string())),
                );
                url_query
            }
            SignatureVersion::V1 => {
                let call = sign::v1::RpcCall {
                    method,
                    action: target.action,
                    version: target.version,
                    format: "JSON",
                };
                let mut signed = query.clone();
                sign::v1::sign_query_with_body(
                    &mut signed,
                    body,
                    &call,
                    credentials,
                    &timestamp,
                    &nonce,
                )?;
                signed.to_query_string()
            }
        };
        let url = if url_query.is_empty() {
            format!("{}://{}/", config.scheme, config.host)
        } else {
            format!("{}://{}/?{url_query}", config.scheme, config.host)
        };
        Ok(HttpRequest {
            method: method.to_string(),
            url,
            headers,
            body: body_bytes,
            max_response_body: config.max_response_body,
        })
    }
}

/// What a client's `send` needs to know of an action: its constants, not
/// its types, so that one copy of `send` serves every action.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    action: &'static str,
    version: &'static str,
    method: &'static str,
}

impl Target {
    /// The name, the version and the most preferred method of `A`.
    fn of<A: Action>() -> Self {
        Self {
            action: A::NAME,
            version: A::VERSION,
            method: A::METHODS.first().copied().unwrap_or("POST"),
        }
    }
}

/// Why a client's `send` got no 2xx answer: an [`SdkError`] without the
/// action's error code type, which only `call` knows.
#[derive(Debug)]
pub(crate) enum SendFailure {
    /// As [`SdkError::Credentials`]: the provider had none.
    Credentials(crate::credentials::CredentialsError),
    /// As [`SdkError::Signing`].
    Signing(sign::SignError),
    /// As [`SdkError::Transport`].
    Transport(TransportError),
    /// As [`SdkError::Timeout`].
    Timeout(Duration),
    /// The service answered with this status and body, and maybe a
    /// `Retry-After`.
    Service {
        status: u16,
        body: String,
        retry_after: Option<Duration>,
    },
}

impl SendFailure {
    /// Whether another attempt may succeed. The code is read from the
    /// body as text: a typed code is built from that same text, so this
    /// decides as the typed error would.
    pub(crate) fn is_retryable(&self) -> bool {
        match self {
            SendFailure::Service { status, body, .. } => {
                let parsed = ErrorBody::parse(body);
                let code = parsed.as_ref().and_then(|parsed| parsed.code.as_deref());
                is_retryable_response(*status, code)
            }
            SendFailure::Transport(error) => error.is_retryable(),
            SendFailure::Credentials(_) | SendFailure::Signing(_) | SendFailure::Timeout(_) => {
                false
            }
        }
    }

    /// How long the service asked to wait before trying again.
    pub(crate) fn retry_after(&self) -> Option<Duration> {
        match self {
            SendFailure::Service { retry_after, .. } => *retry_after,
            _ => None,
        }
    }

    /// The typed error, the service's code read as `C`.
    pub(crate) fn into_sdk_error<C: ErrorCode>(self) -> SdkError<C> {
        match self {
            SendFailure::Credentials(error) => SdkError::Credentials(error),
            SendFailure::Signing(error) => SdkError::Signing(error),
            SendFailure::Transport(error) => SdkError::Transport(error),
            SendFailure::Timeout(limit) => SdkError::Timeout(limit),
            SendFailure::Service { status, body, .. } => {
                SdkError::Service(ServiceError::from_response(status, body))
            }
        }
    }
}

/// Reads a 2xx body as `R`: XML if it starts with `<`, JSON if it starts
/// with `{`. Anything else, or an XML document whose root is not
/// `<Action>Response` (a proxy's HTML login page, another API's answer),
/// is not this action's response.
fn read_success_body<R: ResponseBody>(text: &str) -> Result<R, WireError> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('<') {
        match xml_root(trimmed) {
            Some(root) if root == R::XML_ROOT => R::from_xml(text),
            Some(root) => Err(WireError::NotTheResponse(format!(
                "the XML root is <{root}>, not <{}>",
                R::XML_ROOT
            ))),
            None => Err(WireError::NotTheResponse(
                "an XML document without a root element".to_string(),
            )),
        }
    } else if trimmed.starts_with('{') {
        R::from_json(text)
    } else {
        Err(WireError::NotTheResponse(
            "neither a JSON object nor XML".to_string(),
        ))
    }
}

/// The name of the root element of an XML document, if it has one.
fn xml_root(text: &str) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(element) | Event::Empty(element)) => {
                return Some(element.name().into_inner().to_string());
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// The wait before attempt `attempt`: the backoff, or the server's
/// `Retry-After` when it asks for longer.
pub(crate) fn wait_before_retry(
    policy: &RetryPolicy,
    attempt: u32,
    retry_after: Option<Duration>,
) -> Duration {
    let backoff = policy.backoff(attempt, jitter());
    match retry_after {
        Some(asked) if asked > backoff => asked,
        _ => backoff,
    }
}

/// A `Retry-After` value: a number of seconds, or an HTTP date (RFC 9110),
/// as the time from now (zero if it is past). `None` if it is neither.
fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = crate::credentials::time::parse_http_date(value)?;
    Some(
        at.duration_since(std::time::SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

/// A number in `0.0..1.0` for backoff jitter; no jitter if the system has
/// no randomness to give.
fn jitter() -> f64 {
    let mut bytes = [0_u8; 4];
    match getrandom::fill(&mut bytes) {
        Ok(()) => f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX),
        Err(_) => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_split_into_scheme_and_host() {
        assert_eq!(
            split_endpoint("vpc.aliyuncs.com"),
            Some(("https".into(), "vpc.aliyuncs.com".into()))
        );
        assert_eq!(
            split_endpoint("http://127.0.0.1:8080/"),
            Some(("http".into(), "127.0.0.1:8080".into()))
        );
        assert_eq!(split_endpoint("ftp://x"), None);
        assert_eq!(split_endpoint("https://"), None);
        assert_eq!(split_endpoint("host/path?q"), None);
        assert_eq!(split_endpoint("https://user:pw@host"), None);
    }

    #[test]
    fn endpoint_hosts_are_normalised_as_they_are_sent() {
        let split = |endpoint| split_endpoint(endpoint).map(|(_, host)| host);
        assert_eq!(
            split("http://LocalHost:8080").as_deref(),
            Some("localhost:8080")
        );
        assert_eq!(split("http://127.0.0.1:80").as_deref(), Some("127.0.0.1"));
        assert_eq!(
            split("https://Vpc.Aliyuncs.com:443/").as_deref(),
            Some("vpc.aliyuncs.com")
        );
        assert_eq!(
            split("http://vpc.aliyuncs.com:443").as_deref(),
            Some("vpc.aliyuncs.com:443")
        );
        assert_eq!(split("[::1]:8443").as_deref(), Some("[::1]:8443"));
    }

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        let later = (time::OffsetDateTime::now_utc() + Duration::from_secs(120))
            .format(&time::format_description::well_known::Rfc2822)
            .unwrap()
            .replace("+0000", "GMT");
        let wait = parse_retry_after(&later).unwrap();
        assert!(
            wait > Duration::from_secs(100) && wait <= Duration::from_secs(120),
            "{wait:?}"
        );
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }

    #[test]
    fn a_longer_retry_after_wins_over_the_backoff() {
        let policy = RetryPolicy::new(3, Duration::from_millis(10), Duration::from_millis(10));
        assert_eq!(
            wait_before_retry(&policy, 2, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert!(wait_before_retry(&policy, 2, Some(Duration::ZERO)) <= Duration::from_millis(10));
    }

    #[test]
    fn xml_roots_are_found_after_the_declaration() {
        assert_eq!(
            xml_root("<?xml version='1.0'?><!-- c --><DescribeHaVipsResponse/>").as_deref(),
            Some("DescribeHaVipsResponse")
        );
        assert_eq!(
            xml_root("<!DOCTYPE html><html><body/></html>").as_deref(),
            Some("html")
        );
        assert_eq!(xml_root("<?xml version='1.0'?>"), None);
    }
}
