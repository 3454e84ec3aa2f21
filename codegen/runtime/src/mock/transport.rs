//! The network a mock client talks to: a [`Transport`](crate::client::Transport)
//! (and a blocking one) that hands each attempt to the mock's rules, and the
//! wire form by which an attempt finds the typed request it was made from.

use std::sync::Arc;

use super::Mock;
use crate::client::{HttpRequest, HttpResponse, TransportError};
use crate::query::QueryPairs;

/// Both transports of a mock client: each attempt is answered by `mock`,
/// none leaves the process.
#[derive(Debug)]
pub(super) struct MockTransport {
    pub(super) mock: Mock,
}

#[cfg(feature = "client")]
impl crate::client::Transport for MockTransport {
    fn send(
        &self,
        request: HttpRequest,
    ) -> crate::client::BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let answer = self.mock.answer(&request);
        Box::pin(std::future::ready(answer))
    }
}

#[cfg(feature = "blocking")]
impl crate::client::blocking::Transport for MockTransport {
    fn send(
        &self,
        request: HttpRequest,
        _timeout: std::time::Duration,
    ) -> Result<HttpResponse, TransportError> {
        self.mock.answer(&request)
    }
}

impl MockTransport {
    pub(super) fn new(mock: &Mock) -> Arc<Self> {
        Arc::new(Self { mock: mock.clone() })
    }
}

/// What an attempt sends that depends on its request: the action, the
/// request's query parameters and its body. Two requests with the same
/// wire form are the same request to the service.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) struct WireForm {
    action: String,
    query: String,
    body: Vec<u8>,
}

impl WireForm {
    /// The wire form of a request's parameters, as the client sends them
    /// (the query string as `Core::signed_request` writes it).
    pub(super) fn of_parameters(action: &str, query: &QueryPairs, body: &QueryPairs) -> Self {
        Self {
            action: action.to_string(),
            query: query.to_query_string(),
            body: if body.is_empty() {
                Vec::new()
            } else {
                body.to_query_string().into_bytes()
            },
        }
    }

    /// The wire form of a signed attempt. V3 names the action in a header
    /// and sends the parameters' query as it is; V1 puts the action and
    /// its signature into the query, which are removed again here (the
    /// query stays sorted, as the parameters were).
    pub(super) fn of_attempt(request: &HttpRequest) -> Option<Self> {
        let query = request.url.split_once('?').map_or("", |(_, query)| query);
        let header = request
            .headers
            .iter()
            .find(|(name, _)| name == "x-acs-action")
            .map(|(_, value)| value.clone());
        let (action, query) = match header {
            Some(action) => (action, query.to_string()),
            None => {
                let mut action = None;
                let mut kept = Vec::new();
                for pair in query.split('&').filter(|pair| !pair.is_empty()) {
                    let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                    if key == "Action" {
                        action = Some(value.to_string());
                    }
                    if !crate::sign::v1::RESERVED.contains(&key) {
                        kept.push(pair);
                    }
                }
                (action?, kept.join("&"))
            }
        };
        Some(Self {
            action,
            query,
            body: request.body.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(url: &str, headers: &[(&str, &str)]) -> HttpRequest {
        HttpRequest {
            method: "POST".to_string(),
            url: url.to_string(),
            headers: headers
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
            body: Vec::new(),
            max_response_body: 1024,
        }
    }

    #[test]
    fn a_v3_attempt_has_the_wire_form_of_its_parameters() {
        let query = QueryPairs::new(vec![
            ("RegionId".to_string(), "cn-hangzhou".to_string()),
            ("VpcId".to_string(), "vpc-1*".to_string()),
        ]);
        let expected = WireForm::of_parameters("DescribeVpcs", &query, &QueryPairs::default());
        let url = format!("https://vpc.mock.invalid/?{}", query.to_query_string());
        let sent = attempt(&url, &[("x-acs-action", "DescribeVpcs")]);
        assert_eq!(WireForm::of_attempt(&sent), Some(expected));
    }

    #[test]
    fn a_v1_attempt_loses_what_signing_added() {
        let query = QueryPairs::new(vec![("RegionId".to_string(), "cn-hangzhou".to_string())]);
        let expected = WireForm::of_parameters("DescribeVpcs", &query, &QueryPairs::default());
        let sent = attempt(
            "https://vpc.mock.invalid/?AccessKeyId=id&Action=DescribeVpcs&Format=JSON&RegionId=cn-hangzhou&Signature=x&SignatureMethod=HMAC-SHA1&SignatureNonce=n&SignatureVersion=1.0&Timestamp=t&Version=2016-04-28",
            &[],
        );
        assert_eq!(WireForm::of_attempt(&sent), Some(expected));
        assert_eq!(
            WireForm::of_attempt(&attempt("https://vpc.mock.invalid/", &[])),
            None
        );
    }
}
