//! Signature V3 (`ACS3-HMAC-SHA256`), sent as the `Authorization` header.
//!
//! The signature covers a canonical form of the request: method, path,
//! query, the signed headers and the SHA-256 of the body:
//!
//! ```text
//! POST
//! /
//! Filter.1.Key=VpcId&RegionId=cn-hangzhou
//! host:vpc.aliyuncs.com
//! x-acs-action:DescribeHaVips
//! ...
//!
//! host;x-acs-action;...
//! e3b0c442...
//! ```
//!
//! The string to sign is `ACS3-HMAC-SHA256\n` + the hex SHA-256 of that
//! text, and the signature is its hex HMAC-SHA256 under the AccessKey
//! secret. The builders of each step are public so that a
//! `SignatureDoesNotMatch` can be debugged by comparing them with the
//! string to sign the service reports.

use std::collections::BTreeMap;

use sha2::Sha256;

use super::{SignError, hmac, sha256_hex};
use crate::credentials::Credentials;
use crate::query::QueryPairs;

/// The algorithm name, first in the string to sign and the header.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// The query as signed: keys sorted, `key=value` with both sides
/// percent-encoded per RFC 3986, joined with `&`; an empty value keeps `key=`.
///
/// This is the same text as [`QueryPairs::to_query_string`], which is what
/// is sent, so the two cannot drift apart.
pub fn canonical_query(query: &QueryPairs) -> String {
    query.to_query_string()
}

/// The canonical headers and the signed-header list of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalHeaders {
    /// One `name:value\n` line per header: names lower-cased, values
    /// trimmed, sorted by name.
    pub lines: String,
    /// The lower-cased names joined with `;`, sorted: the `SignedHeaders`.
    pub signed: String,
}

/// Canonicalises the headers to sign.
///
/// Names are lower-cased and values trimmed. Names that are equal once
/// lower-cased are one header, their values joined with `,` as HTTP joins
/// repeated headers.
pub fn canonical_headers(headers: &BTreeMap<String, String>) -> CanonicalHeaders {
    let mut merged: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in headers {
        let value = value.trim();
        merged
            .entry(name.to_ascii_lowercase())
            .and_modify(|joined| {
                joined.push(',');
                joined.push_str(value);
            })
            .or_insert_with(|| value.to_string());
    }
    let mut lines = String::new();
    let mut signed = String::new();
    for (name, value) in &merged {
        lines.push_str(name);
        lines.push(':');
        lines.push_str(value);
        lines.push('\n');
        if !signed.is_empty() {
            signed.push(';');
        }
        signed.push_str(name);
    }
    CanonicalHeaders { lines, signed }
}

/// The canonical request: method, path, canonical query, canonical header
/// lines, signed-header list and hashed payload, one per line.
///
/// `path` is used as given (`/` for RPC calls). `hashed_payload` is the hex
/// SHA-256 of the body ([`super::sha256_hex`]).
pub fn canonical_request(
    method: &str,
    path: &str,
    query: &QueryPairs,
    headers: &BTreeMap<String, String>,
    hashed_payload: &str,
) -> String {
    let headers = canonical_headers(headers);
    format!(
        "{method}\n{path}\n{query}\n{lines}\n{signed}\n{hashed_payload}",
        query = canonical_query(query),
        lines = headers.lines,
        signed = headers.signed,
    )
}

/// The string to sign: the algorithm, a newline, and the hex SHA-256 of
/// the canonical request.
pub fn string_to_sign(canonical_request: &str) -> String {
    format!("{ALGORITHM}\n{}", sha256_hex(canonical_request.as_bytes()))
}

/// The `Authorization` header value:
/// `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`.
///
/// `headers` are the headers to sign; they must include `host` and every
/// `x-acs-*` header sent ([`rpc_headers`] builds them for an RPC call).
pub fn authorization(
    method: &str,
    path: &str,
    query: &QueryPairs,
    headers: &BTreeMap<String, String>,
    hashed_payload: &str,
    credentials: &Credentials,
) -> Result<String, SignError> {
    let request = canonical_request(method, path, query, headers, hashed_payload);
    let signature = hmac::<hmac::Hmac<Sha256>>(
        credentials.access_key_secret().expose().as_bytes(),
        string_to_sign(&request).as_bytes(),
    )?;
    Ok(format!(
        "{ALGORITHM} Credential={id},SignedHeaders={signed},Signature={signature}",
        id = credentials.access_key_id(),
        signed = canonical_headers(headers).signed,
        signature = hex::encode(signature),
    ))
}

/// The parts of an RPC call that its V3 headers depend on.
#[derive(Debug, Clone, Copy)]
pub struct RpcCall<'a> {
    /// The HTTP method, upper case (`POST`, `GET`).
    pub method: &'a str,
    /// The endpoint host, such as `vpc.aliyuncs.com`.
    pub host: &'a str,
    /// The action, such as `DescribeHaVips`.
    pub action: &'a str,
    /// The API version, such as `2016-04-28`.
    pub version: &'a str,
    /// The query pairs sent.
    pub query: &'a QueryPairs,
    /// The body sent (empty when the parameters are all in the query).
    pub body: &'a [u8],
}

/// The signed headers of an RPC call: `host`, `x-acs-action`,
/// `x-acs-version`, `x-acs-date`, `x-acs-signature-nonce`,
/// `x-acs-content-sha256`, `x-acs-security-token` when the credentials have
/// a token, and `authorization`.
///
/// `timestamp` is [`super::timestamp_now`] and `nonce` is [`super::nonce`];
/// they are parameters so that a signature can be reproduced.
pub fn rpc_headers(
    call: &RpcCall<'_>,
    credentials: &Credentials,
    timestamp: &str,
    nonce: &str,
) -> Result<BTreeMap<String, String>, SignError> {
    let hashed_payload = sha256_hex(call.body);
    let mut headers = BTreeMap::from([
        ("host".to_string(), call.host.to_string()),
        ("x-acs-action".to_string(), call.action.to_string()),
        ("x-acs-version".to_string(), call.version.to_string()),
        ("x-acs-date".to_string(), timestamp.to_string()),
        ("x-acs-signature-nonce".to_string(), nonce.to_string()),
        ("x-acs-content-sha256".to_string(), hashed_payload.to_string()),
    ]);
    if let Some(token) = credentials.security_token() {
        headers.insert(
            "x-acs-security-token".to_string(),
            token.expose().to_string(),
        );
    }
    let authorization = authorization(
        call.method,
        "/",
        call.query,
        &headers,
        &hashed_payload,
        credentials,
    )?;
    headers.insert("authorization".to_string(), authorization);
    Ok(headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    fn query() -> QueryPairs {
        QueryPairs::new(
            [
                ("RegionId", "cn-hangzhou"),
                ("PageSize", "50"),
                ("Filter.1.Key", "VpcId"),
                ("Filter.1.Value.1", "vpc-bp1kcm36tevkpms97****"),
                ("Tags.1.Key", "FinanceDept"),
                ("Tags.1.Value", "Finance Joshua"),
            ]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .to_vec(),
        )
    }

    fn headers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn vector_headers() -> BTreeMap<String, String> {
        headers(&[
            ("host", "vpc.aliyuncs.com"),
            ("x-acs-action", "DescribeHaVips"),
            ("x-acs-version", "2016-04-28"),
            ("x-acs-date", "2024-03-04T08:00:00Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", EMPTY_SHA256),
        ])
    }

    fn credentials() -> Credentials {
        Credentials::new("YourAccessKeyId", "YourAccessKeySecret")
    }

    const VECTOR_QUERY: &str = "Filter.1.Key=VpcId&Filter.1.Value.1=vpc-bp1kcm36tevkpms97%2A%2A%2A%2A&PageSize=50&RegionId=cn-hangzhou&Tags.1.Key=FinanceDept&Tags.1.Value=Finance%20Joshua";
    const VECTOR_AUTHORIZATION: &str = "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=85311bb047f1b32b3826825538c5c84c870ad6cb0f73393f7a428cfd60305947";

    #[test]
    fn vector_canonical_query() {
        assert_eq!(canonical_query(&query()), VECTOR_QUERY);
    }

    #[test]
    fn vector_canonical_request() {
        let request = canonical_request("POST", "/", &query(), &vector_headers(), EMPTY_SHA256);
        assert_eq!(
            request,
            format!(
                "POST\n/\n{VECTOR_QUERY}\n\
                 host:vpc.aliyuncs.com\n\
                 x-acs-action:DescribeHaVips\n\
                 x-acs-content-sha256:{EMPTY_SHA256}\n\
                 x-acs-date:2024-03-04T08:00:00Z\n\
                 x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n\
                 x-acs-version:2016-04-28\n\
                 \n\
                 host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n\
                 {EMPTY_SHA256}"
            )
        );
    }

    #[test]
    fn vector_authorization() {
        let authorization = authorization(
            "POST",
            "/",
            &query(),
            &vector_headers(),
            EMPTY_SHA256,
            &credentials(),
        )
        .unwrap();
        assert_eq!(authorization, VECTOR_AUTHORIZATION);
    }

    #[test]
    fn vector_through_rpc_headers() {
        let query = query();
        let call = RpcCall {
            method: "POST",
            host: "vpc.aliyuncs.com",
            action: "DescribeHaVips",
            version: "2016-04-28",
            query: &query,
            body: b"",
        };
        let headers = rpc_headers(
            &call,
            &credentials(),
            "2024-03-04T08:00:00Z",
            "3156853299f313e23d1673dc12e1703d",
        )
        .unwrap();
        let mut expected = vector_headers();
        expected.insert("authorization".into(), VECTOR_AUTHORIZATION.into());
        assert_eq!(headers, expected);
    }

    #[test]
    fn empty_query_value_keeps_key_and_equals_sign() {
        let query = QueryPairs::new(vec![("B".into(), "".into()), ("A*".into(), "x y".into())]);
        assert_eq!(canonical_query(&query), "A%2A=x%20y&B=");
        assert_eq!(canonical_query(&QueryPairs::default()), "");
    }

    #[test]
    fn header_names_are_lower_cased_values_trimmed_and_sorted() {
        let canonical = canonical_headers(&headers(&[
            ("X-Acs-Version", " 2016-04-28\t"),
            ("Host", "  vpc.aliyuncs.com "),
            ("x-acs-action", "DescribeHaVips"),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ]));
        assert_eq!(
            canonical.lines,
            "content-type:application/x-www-form-urlencoded\n\
             host:vpc.aliyuncs.com\n\
             x-acs-action:DescribeHaVips\n\
             x-acs-version:2016-04-28\n"
        );
        assert_eq!(
            canonical.signed,
            "content-type;host;x-acs-action;x-acs-version"
        );
    }

    #[test]
    fn header_case_does_not_change_the_signature() {
        let upper: BTreeMap<String, String> = vector_headers()
            .into_iter()
            .map(|(name, value)| (name.to_uppercase(), format!(" {value} ")))
            .collect();
        let authorization =
            authorization("POST", "/", &query(), &upper, EMPTY_SHA256, &credentials()).unwrap();
        assert_eq!(authorization, VECTOR_AUTHORIZATION);
    }

    #[test]
    fn names_equal_once_lower_cased_are_joined() {
        let canonical = canonical_headers(&headers(&[("X-A", "1"), ("x-a", "2")]));
        assert_eq!(canonical.lines, "x-a:1,2\n");
        assert_eq!(canonical.signed, "x-a");
    }

    #[test]
    fn security_token_header_is_signed_when_present() {
        let query = query();
        let call = RpcCall {
            method: "POST",
            host: "vpc.aliyuncs.com",
            action: "DescribeHaVips",
            version: "2016-04-28",
            query: &query,
            body: b"",
        };
        let sts = credentials().with_security_token("sts-token-value");
        let headers = rpc_headers(&call, &sts, "2024-03-04T08:00:00Z", "n1").unwrap();
        assert_eq!(
            headers.get("x-acs-security-token").map(String::as_str),
            Some("sts-token-value")
        );
        let authorization = headers.get("authorization").cloned().unwrap_or_default();
        assert!(
            authorization.contains(
                "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,"
            ),
            "{authorization}"
        );
        // The token is covered by the signature: another token signs differently.
        let other = credentials().with_security_token("another-token");
        let other_headers = rpc_headers(&call, &other, "2024-03-04T08:00:00Z", "n1").unwrap();
        assert_ne!(
            other_headers.get("authorization"),
            headers.get("authorization")
        );

        let plain = rpc_headers(&call, &credentials(), "2024-03-04T08:00:00Z", "n1").unwrap();
        assert!(!plain.contains_key("x-acs-security-token"));
    }

    #[test]
    fn body_hash_is_sent_and_signed() {
        let query = QueryPairs::default();
        let call = RpcCall {
            method: "POST",
            host: "vpc.aliyuncs.com",
            action: "DescribeHaVips",
            version: "2016-04-28",
            query: &query,
            body: b"RegionId=cn-hangzhou",
        };
        let headers = rpc_headers(&call, &credentials(), "2024-03-04T08:00:00Z", "n1").unwrap();
        assert_eq!(
            headers.get("x-acs-content-sha256").map(String::as_str),
            Some(sha256_hex(b"RegionId=cn-hangzhou").as_str())
        );
        let empty = RpcCall { body: b"", ..call };
        let empty_headers =
            rpc_headers(&empty, &credentials(), "2024-03-04T08:00:00Z", "n1").unwrap();
        assert_ne!(
            empty_headers.get("authorization"),
            headers.get("authorization")
        );
    }
}
