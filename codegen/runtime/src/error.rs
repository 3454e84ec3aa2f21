//! Alibaba Cloud's error body and the typed error built from it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::UnknownValue;

/// A type of service error code: the documented codes as variants, any
/// other kept as text.
///
/// Generated crates have one, `ErrorCode`, with a variant for every code
/// the API docs list for any of their actions; which codes an action
/// documents, with which HTTP status, is its
/// [`Action::ERROR_CODES`](crate::Action::ERROR_CODES).
pub trait ErrorCode: fmt::Debug + Clone + PartialEq + Send + Sync + 'static {
    /// The code for the text the service sent.
    fn from_code(code: &str) -> Self;
    /// The code's text, exactly as the service sends it.
    fn as_str(&self) -> &str;
}

/// The error code of a product whose API docs list no codes: whatever
/// code the service sends, kept as text. Products with documented codes
/// have an enum of their own with a variant per code and the same opaque,
/// deprecated `Unknown` for the rest, so code written against this type
/// (`as_str()` in a catch-all arm) keeps compiling when a product's codes
/// become documented.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UndocumentedErrorCode {
    /// The code, exactly as sent.
    #[deprecated(
        note = "a pattern on `Unknown` stops matching once the product documents its codes; compare `as_str()` instead"
    )]
    Unknown(UnknownValue),
}

impl UndocumentedErrorCode {
    /// The code, exactly as the service sends it.
    #[allow(deprecated, reason = "the one place that reads `Unknown`")]
    pub fn as_str(&self) -> &str {
        let Self::Unknown(code) = self;
        code.as_str()
    }
}

impl From<&str> for UndocumentedErrorCode {
    #[allow(deprecated, reason = "the one place that makes `Unknown`")]
    fn from(code: &str) -> Self {
        Self::Unknown(UnknownValue::from_unmatched(code))
    }
}

impl From<String> for UndocumentedErrorCode {
    #[allow(deprecated, reason = "keeps the text without a copy")]
    fn from(code: String) -> Self {
        Self::Unknown(UnknownValue::from_unmatched(code))
    }
}

impl AsRef<str> for UndocumentedErrorCode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl ErrorCode for UndocumentedErrorCode {
    fn from_code(code: &str) -> Self {
        Self::from(code)
    }

    fn as_str(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for UndocumentedErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The variant of `code` in a table of documented codes sorted by their
/// text, if there is one: what a generated `ErrorCode`'s `From<&str>`
/// looks up.
#[doc(hidden)]
pub fn documented_code<C: Clone>(documented: &[(&str, C)], code: &str) -> Option<C> {
    documented
        .binary_search_by(|(text, _)| (*text).cmp(code))
        .ok()
        .map(|index| documented[index].1.clone())
}

/// A body that is not valid JSON or XML for the model it should fill.
#[derive(Debug)]
#[non_exhaustive]
pub enum WireError {
    /// The JSON form could not be read or written.
    Json(serde_json::Error),
    /// The XML form could not be read or written.
    Xml(String),
    /// The body is not the action's response at all: not JSON or XML, or
    /// XML with another root element (a proxy's HTML page, say).
    NotTheResponse(String),
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireError::Json(error) => write!(f, "invalid JSON body: {error}"),
            WireError::Xml(error) => write!(f, "invalid XML body: {error}"),
            WireError::NotTheResponse(what) => write!(f, "not the action's response: {what}"),
        }
    }
}

impl std::error::Error for WireError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WireError::Json(error) => Some(error),
            WireError::Xml(_) | WireError::NotTheResponse(_) => None,
        }
    }
}

/// What Alibaba Cloud sends back when a call fails, in JSON
/// (`{"Code": ..., "Message": ...}`) or XML (`<Error><Code>...`).
///
/// Every field is optional because gateways and proxies in between may send
/// bodies that hold only some of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorBody {
    /// The request ID, to quote to Alibaba Cloud support.
    #[serde(
        rename = "RequestId",
        alias = "requestId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// The endpoint host that answered.
    #[serde(
        rename = "HostId",
        alias = "hostId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub host_id: Option<String>,
    /// The error code, such as `InvalidRegionId.NotFound`.
    #[serde(
        rename = "Code",
        alias = "code",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub code: Option<String>,
    /// The error message.
    #[serde(
        rename = "Message",
        alias = "message",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub message: Option<String>,
    /// A link to Alibaba Cloud's diagnosis of this error.
    #[serde(
        rename = "Recommend",
        alias = "recommend",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub recommend: Option<String>,
}

impl ErrorBody {
    /// Reads an error body in JSON or XML, whichever it looks like. Returns
    /// `None` for anything else (an HTML page from a proxy, say).
    pub fn parse(body: &str) -> Option<Self> {
        let trimmed = body.trim_start();
        if trimmed.starts_with('{') {
            serde_json::from_str(trimmed).ok()
        } else if trimmed.starts_with('<') {
            quick_xml::de::from_str(trimmed).ok()
        } else {
            None
        }
    }
}

/// How many bytes of a body an error's `Display` and `Debug` show.
pub const BODY_EXCERPT: usize = 256;

/// The first `max` bytes of `text` (cut at a character boundary).
pub(crate) fn excerpt(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A body for `Debug`: its first [`BODY_EXCERPT`] bytes and its length.
pub(crate) struct BodyExcerpt<'a>(pub(crate) &'a str);

impl fmt::Debug for BodyExcerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = excerpt(self.0, BODY_EXCERPT);
        if shown.len() == self.0.len() {
            fmt::Debug::fmt(shown, f)
        } else {
            write!(f, "{shown:?}... ({} bytes)", self.0.len())
        }
    }
}

/// A failed call as the service reported it: the typed code, the HTTP
/// status, the parsed body and the raw body as received.
///
/// `Debug` shows the first [`BODY_EXCERPT`] bytes of the raw body and its length;
/// [`ServiceError::raw_body`] has all of it.
#[derive(Clone, PartialEq)]
pub struct ServiceError<C> {
    code: Option<C>,
    status: u16,
    body: ErrorBody,
    raw_body: String,
}

impl<C: ErrorCode> ServiceError<C> {
    /// Builds the error from an HTTP status and the body the service sent.
    pub fn from_response(status: u16, raw_body: impl Into<String>) -> Self {
        let raw_body = raw_body.into();
        let body = ErrorBody::parse(&raw_body).unwrap_or_default();
        let code = body.code.as_deref().map(C::from_code);
        Self {
            code,
            status,
            body,
            raw_body,
        }
    }

    /// The error code, typed; `None` if the body carried no code.
    pub fn code(&self) -> Option<&C> {
        self.code.as_ref()
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The error message, if the body had one.
    pub fn message(&self) -> Option<&str> {
        self.body.message.as_deref()
    }

    /// The request ID, if the body had one.
    pub fn request_id(&self) -> Option<&str> {
        self.body.request_id.as_deref()
    }

    /// The parsed body.
    pub fn body(&self) -> &ErrorBody {
        &self.body
    }

    /// The body exactly as received.
    pub fn raw_body(&self) -> &str {
        &self.raw_body
    }
}

impl<C: fmt::Debug> fmt::Debug for ServiceError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("code", &self.code)
            .field("status", &self.status)
            .field("body", &self.body)
            .field("raw_body", &BodyExcerpt(&self.raw_body))
            .finish()
    }
}

impl<C: ErrorCode> fmt::Display for ServiceError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {}", code.as_str())?;
        }
        if let Some(message) = self.message() {
            write!(f, ": {message}")?;
        }
        if let Some(request_id) = self.request_id() {
            write!(f, " (request ID {request_id})")?;
        }
        Ok(())
    }
}

impl<C: ErrorCode> std::error::Error for ServiceError<C> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_undocumented_code_is_kept_as_sent() {
        let code = UndocumentedErrorCode::from_code("Throttling.User");
        assert_eq!(code.as_str(), "Throttling.User");
        assert_eq!(code.to_string(), "Throttling.User");
        assert_eq!(
            code,
            UndocumentedErrorCode::from("Throttling.User".to_string())
        );
        assert_ne!(code, UndocumentedErrorCode::from_code("Throttling"));
        // Shown as a product's enum shows a code it does not document.
        assert_eq!(format!("{code:?}"), r#"Unknown("Throttling.User")"#);
    }

    #[derive(Debug, Clone, PartialEq)]
    enum Code {
        NotFound,
        Other(String),
    }

    impl ErrorCode for Code {
        fn from_code(code: &str) -> Self {
            match code {
                "InvalidRegionId.NotFound" => Code::NotFound,
                other => Code::Other(other.to_string()),
            }
        }
        fn as_str(&self) -> &str {
            match self {
                Code::NotFound => "InvalidRegionId.NotFound",
                Code::Other(code) => code,
            }
        }
    }

    const JSON: &str = r#"{"RequestId":"33E480C5","HostId":"vpc.aliyuncs.com","Code":"InvalidRegionId.NotFound","Message":"The RegionId provided does not exist in our records.","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidRegionId.NotFound"}"#;

    #[test]
    fn json_error_body() {
        let error = ServiceError::<Code>::from_response(404, JSON);
        assert_eq!(error.code(), Some(&Code::NotFound));
        assert_eq!(error.status(), 404);
        assert_eq!(error.request_id(), Some("33E480C5"));
        assert_eq!(error.body().host_id.as_deref(), Some("vpc.aliyuncs.com"));
        assert_eq!(error.raw_body(), JSON);
        assert_eq!(
            error.to_string(),
            "HTTP 404 InvalidRegionId.NotFound: The RegionId provided does not exist in our records. (request ID 33E480C5)"
        );
    }

    #[test]
    fn xml_error_body() {
        let xml = "<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>R1</RequestId><HostId>vpc.aliyuncs.com</HostId>\
                   <Code>Forbidden.HaVip</Code><Message>No permissions</Message><Recommend><![CDATA[https://x?a=1&b=2]]></Recommend></Error>";
        let error = ServiceError::<Code>::from_response(400, xml);
        assert_eq!(error.code(), Some(&Code::Other("Forbidden.HaVip".into())));
        assert_eq!(error.message(), Some("No permissions"));
        assert_eq!(error.body().recommend.as_deref(), Some("https://x?a=1&b=2"));
    }

    #[test]
    fn undocumented_code_is_kept() {
        let error =
            ServiceError::<Code>::from_response(400, r#"{"Code":"Brand.New","Message":"m"}"#);
        assert_eq!(error.code().map(ErrorCode::as_str), Some("Brand.New"));
    }

    #[test]
    fn a_documented_code_is_found_in_its_sorted_table() {
        let table = [("A.B", 1), ("A.C", 2), ("B", 3)];
        assert_eq!(documented_code(&table, "A.C"), Some(2));
        assert_eq!(documented_code(&table, "B"), Some(3));
        assert_eq!(documented_code(&table, "A"), None);
        assert_eq!(documented_code(&table, "a.c"), None);
        assert_eq!(documented_code::<u8>(&[], "A.B"), None);
    }

    #[test]
    fn unparsable_body_keeps_raw_text() {
        let error = ServiceError::<Code>::from_response(502, "<html>Bad Gateway");
        assert_eq!(error.code(), None);
        assert_eq!(error.raw_body(), "<html>Bad Gateway");
        assert_eq!(error.to_string(), "HTTP 502");
    }
}
