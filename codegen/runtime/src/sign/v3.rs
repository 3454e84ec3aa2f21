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
//!
//! Signing itself builds none of these texts: [`rpc_headers`] streams the
//! canonical request into SHA-256 from a fixed, already sorted header list,
//! keeps the digests as hex on the stack and allocates only the
//! `Authorization` value, since a client signs every attempt of every call.
//! The step functions write their text with the same private writers, so
//! what they show is what is signed.

use std::collections::BTreeMap;
use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use super::{HexDigest, SignError, sha256_hex};
use crate::credentials::Credentials;
use crate::query::QueryPairs;

/// The algorithm name, first in the string to sign and the header.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// The query as signed: keys sorted, `key=value` with both sides
/// percent-encoded per RFC 3986, joined with `&`; an empty value keeps `key=`.
///
/// This is the same text as [`QueryPairs::to_query_string`], which is what
/// is sent, so the two cannot drift apart. The other functions here take
/// this text rather than the pairs, so that a caller encodes the query once
/// for the URL and the signature.
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
    let merged = merge_headers(headers);
    let mut lines = String::new();
    write_header_lines(&mut lines, pairs(&merged));
    let mut signed = String::new();
    write_signed_list(&mut signed, pairs(&merged));
    CanonicalHeaders { lines, signed }
}

/// The canonical request: method, path, canonical query, canonical header
/// lines, signed-header list and hashed payload, one per line.
///
/// `path` is used as given (`/` for RPC calls). `query` is the encoded
/// query ([`canonical_query`], the text after `?`). `hashed_payload` is the
/// hex SHA-256 of the body ([`super::sha256_hex`]).
///
/// Signing never builds this text: it streams the same bytes, written by
/// the same code, into the hash. It is here to compare with the canonical
/// request a `SignatureDoesNotMatch` error reports.
pub fn canonical_request(
    method: &str,
    path: &str,
    query: &str,
    headers: &BTreeMap<String, String>,
    hashed_payload: &str,
) -> String {
    let merged = merge_headers(headers);
    let mut text = String::new();
    write_canonical_request(
        &mut text,
        method,
        path,
        query,
        pairs(&merged),
        hashed_payload,
    );
    text
}

/// The string to sign: the algorithm, a newline, and the hex SHA-256 of
/// the canonical request.
pub fn string_to_sign(canonical_request: &str) -> String {
    let mut text = String::new();
    write_string_to_sign(&mut text, &sha256_hex(canonical_request.as_bytes()));
    text
}

/// The `Authorization` header value:
/// `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>`.
///
/// `query` is the encoded query ([`canonical_query`]). `headers` are the
/// headers to sign; they must include `host` and every `x-acs-*` header
/// sent ([`rpc_headers`] builds them for an RPC call, faster, from a fixed
/// list).
pub fn authorization(
    method: &str,
    path: &str,
    query: &str,
    headers: &BTreeMap<String, String>,
    hashed_payload: &str,
    credentials: &Credentials,
) -> Result<String, SignError> {
    let merged = merge_headers(headers);
    sign(
        method,
        path,
        query,
        pairs(&merged),
        hashed_payload,
        credentials,
    )
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
    /// The encoded query sent after `?`: [`QueryPairs::to_query_string`] of
    /// the call's pairs ([`canonical_query`]), empty when there are none.
    ///
    /// It is text rather than the pairs so that the query is encoded once
    /// and the bytes signed are the bytes sent.
    pub query: &'a str,
    /// The body sent (empty when the parameters are all in the query).
    pub body: &'a [u8],
    /// The `content-type` of the body, signed when present, as Alibaba's
    /// own SDKs sign it (`application/x-www-form-urlencoded` for form
    /// parameters); `None` when there is no body.
    pub content_type: Option<&'a str>,
}

/// The signed headers of an RPC call, and its `authorization`.
///
/// Made by [`rpc_headers`]. The values borrow from the call, the
/// credentials, the timestamp and the nonce; only the `Authorization` value
/// is owned and the body hash is held inline, so signing allocates once.
/// Values are trimmed, as the canonical form wants and as HTTP delivers
/// them. `Debug` shows the security token as `***`.
#[derive(Clone)]
pub struct RpcHeaders<'a> {
    content_type: Option<&'a str>,
    host: &'a str,
    action: &'a str,
    version: &'a str,
    date: &'a str,
    nonce: &'a str,
    content_sha256: HexDigest,
    /// Exposed, trimmed: [`fmt::Debug`] hides it.
    security_token: Option<&'a str>,
    authorization: String,
}

impl RpcHeaders<'_> {
    /// The headers the signature covers, with lower-case names sorted by
    /// name, as the canonical request lists them: `content-type` (when the
    /// call has one), `host`, `x-acs-action`,
    /// `x-acs-content-sha256`, `x-acs-date`, `x-acs-security-token` (with
    /// STS credentials only), `x-acs-signature-nonce`, `x-acs-version`.
    ///
    /// The list is fixed and written in sorted order, so RPC signing needs
    /// no canonicalising or sorting at run time (a unit test checks it
    /// against [`canonical_headers`]).
    pub fn signed(&self) -> impl Iterator<Item = (&'static str, &str)> + Clone {
        [
            self.content_type.map(|value| ("content-type", value)),
            Some(("host", self.host)),
            Some(("x-acs-action", self.action)),
            Some(("x-acs-content-sha256", self.content_sha256.as_str())),
            Some(("x-acs-date", self.date)),
            self.security_token
                .map(|token| ("x-acs-security-token", token)),
            Some(("x-acs-signature-nonce", self.nonce)),
            Some(("x-acs-version", self.version)),
        ]
        .into_iter()
        .flatten()
    }

    /// Every header to send: [`RpcHeaders::signed`], then `authorization`.
    ///
    /// `host` is among them; an HTTP client that sets it from the URL can
    /// skip it (the value is the same).
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.signed().chain(std::iter::once((
            "authorization",
            self.authorization.as_str(),
        )))
    }

    /// The value of the header `name` (any case), if it is sent.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .map(|(_, value)| value)
    }

    /// The `Authorization` value.
    pub fn authorization(&self) -> &str {
        &self.authorization
    }

    /// The `x-acs-content-sha256` value: the hex SHA-256 of the body.
    pub fn content_sha256(&self) -> &str {
        self.content_sha256.as_str()
    }
}

impl fmt::Debug for RpcHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RpcHeaders")
            .field("content_type", &self.content_type)
            .field("host", &self.host)
            .field("action", &self.action)
            .field("version", &self.version)
            .field("date", &self.date)
            .field("nonce", &self.nonce)
            .field("content_sha256", &self.content_sha256)
            .field("security_token", &self.security_token.map(|_| "***"))
            .field("authorization", &self.authorization)
            .finish()
    }
}

/// The signed headers of an RPC call: `content-type` when it has a body,
/// `host`, `x-acs-action`,
/// `x-acs-version`, `x-acs-date`, `x-acs-signature-nonce`,
/// `x-acs-content-sha256`, `x-acs-security-token` when the credentials have
/// a token, and `authorization` ([`RpcHeaders::iter`]).
///
/// `timestamp` is [`super::timestamp_now`] and `nonce` is [`super::nonce`];
/// they are parameters so that a signature can be reproduced.
///
/// This is the fast path of [`authorization`]: the same canonical request,
/// streamed into SHA-256 from the fixed header list instead of built as
/// text from a map.
pub fn rpc_headers<'a>(
    call: &RpcCall<'a>,
    credentials: &'a Credentials,
    timestamp: &'a str,
    nonce: &'a str,
) -> Result<RpcHeaders<'a>, SignError> {
    let mut headers = RpcHeaders {
        content_type: call.content_type.map(str::trim),
        host: call.host.trim(),
        action: call.action.trim(),
        version: call.version.trim(),
        date: timestamp.trim(),
        nonce: nonce.trim(),
        content_sha256: sha256_hex(call.body),
        security_token: credentials
            .security_token()
            .map(|token| token.expose().trim()),
        authorization: String::new(),
    };
    let authorization = sign(
        call.method,
        "/",
        call.query,
        headers.signed(),
        headers.content_sha256.as_str(),
        credentials,
    )?;
    headers.authorization = authorization;
    Ok(headers)
}

/// Where the canonical texts are written: a `String` to show them, or a
/// hash that consumes them as they are written, so that signing never
/// builds them. One writer for both keeps what is shown and what is signed
/// the same bytes.
trait Sink {
    fn put(&mut self, text: &str);
}

impl Sink for String {
    fn put(&mut self, text: &str) {
        self.push_str(text);
    }
}

impl Sink for Sha256 {
    fn put(&mut self, text: &str) {
        Digest::update(self, text.as_bytes());
    }
}

impl Sink for Hmac<Sha256> {
    fn put(&mut self, text: &str) {
        Mac::update(self, text.as_bytes());
    }
}

/// Signs with canonical `headers` (lower-case names, trimmed values,
/// sorted, each name once) and returns the `Authorization` value.
fn sign<'n, 'v>(
    method: &str,
    path: &str,
    query: &str,
    headers: impl Iterator<Item = (&'n str, &'v str)> + Clone,
    hashed_payload: &str,
    credentials: &Credentials,
) -> Result<String, SignError> {
    let mut hasher = Sha256::new();
    write_canonical_request(
        &mut hasher,
        method,
        path,
        query,
        headers.clone(),
        hashed_payload,
    );
    let hashed_request = HexDigest::new(&hasher.finalize().into());

    let secret = credentials.access_key_secret().expose();
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).map_err(|_| SignError::Key)?;
    write_string_to_sign(&mut mac, &hashed_request);
    let signature = HexDigest::new(&mac.finalize().into_bytes().into());

    const CREDENTIAL: &str = " Credential=";
    const SIGNED_HEADERS: &str = ",SignedHeaders=";
    const SIGNATURE: &str = ",Signature=";
    let id = credentials.access_key_id();
    let signed_len: usize = headers.clone().map(|(name, _)| name.len() + 1).sum();
    let mut value = String::with_capacity(
        ALGORITHM.len()
            + CREDENTIAL.len()
            + id.len()
            + SIGNED_HEADERS.len()
            + signed_len
            + SIGNATURE.len()
            + signature.len(),
    );
    value.push_str(ALGORITHM);
    value.push_str(CREDENTIAL);
    value.push_str(id);
    value.push_str(SIGNED_HEADERS);
    write_signed_list(&mut value, headers);
    value.push_str(SIGNATURE);
    value.push_str(&signature);
    Ok(value)
}

/// Writes the canonical request (see [`canonical_request`]) from canonical
/// `headers`.
fn write_canonical_request<'n, 'v>(
    out: &mut impl Sink,
    method: &str,
    path: &str,
    query: &str,
    headers: impl Iterator<Item = (&'n str, &'v str)> + Clone,
    hashed_payload: &str,
) {
    out.put(method);
    out.put("\n");
    out.put(path);
    out.put("\n");
    out.put(query);
    out.put("\n");
    write_header_lines(out, headers.clone());
    out.put("\n");
    write_signed_list(out, headers);
    out.put("\n");
    out.put(hashed_payload);
}

/// Writes the string to sign (see [`string_to_sign`]).
fn write_string_to_sign(out: &mut impl Sink, hashed_request: &str) {
    out.put(ALGORITHM);
    out.put("\n");
    out.put(hashed_request);
}

/// Writes one `name:value\n` line per header.
fn write_header_lines<'n, 'v>(
    out: &mut impl Sink,
    headers: impl Iterator<Item = (&'n str, &'v str)>,
) {
    for (name, value) in headers {
        out.put(name);
        out.put(":");
        out.put(value);
        out.put("\n");
    }
}

/// Writes the header names joined with `;`.
fn write_signed_list<'n, 'v>(
    out: &mut impl Sink,
    headers: impl Iterator<Item = (&'n str, &'v str)>,
) {
    for (index, (name, _)) in headers.enumerate() {
        if index > 0 {
            out.put(";");
        }
        out.put(name);
    }
}

/// Lower-cases the names, trims the values and joins the values of names
/// that are equal once lower-cased; the map keeps them sorted.
fn merge_headers(headers: &BTreeMap<String, String>) -> BTreeMap<String, String> {
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
    merged
}

/// The entries of a header map as `(&str, &str)`.
fn pairs(headers: &BTreeMap<String, String>) -> impl Iterator<Item = (&str, &str)> + Clone {
    headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
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

    fn query_text() -> String {
        canonical_query(&query())
    }

    /// An RPC call with the vector's parameters.
    fn call(query: &str) -> RpcCall<'_> {
        RpcCall {
            method: "POST",
            host: "vpc.aliyuncs.com",
            action: "DescribeHaVips",
            version: "2016-04-28",
            query,
            body: b"",
            content_type: None,
        }
    }

    /// The headers as an owned map, to compare and to feed the general path.
    fn owned(
        headers: impl Iterator<Item = (&'static str, impl AsRef<str>)>,
    ) -> BTreeMap<String, String> {
        headers
            .map(|(name, value)| (name.to_string(), value.as_ref().to_string()))
            .collect()
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
        let request =
            canonical_request("POST", "/", &query_text(), &vector_headers(), EMPTY_SHA256);
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
            &query_text(),
            &vector_headers(),
            EMPTY_SHA256,
            &credentials(),
        )
        .unwrap();
        assert_eq!(authorization, VECTOR_AUTHORIZATION);
    }

    #[test]
    fn vector_through_rpc_headers() {
        let query = query_text();
        let credentials = credentials();
        let headers = rpc_headers(
            &call(&query),
            &credentials,
            "2024-03-04T08:00:00Z",
            "3156853299f313e23d1673dc12e1703d",
        )
        .unwrap();
        assert_eq!(headers.authorization(), VECTOR_AUTHORIZATION);
        assert_eq!(headers.content_sha256(), EMPTY_SHA256);
        let mut expected = vector_headers();
        expected.insert("authorization".into(), VECTOR_AUTHORIZATION.into());
        assert_eq!(owned(headers.iter()), expected);
        // Signed headers first, sorted by name, then the authorization.
        let names: Vec<&str> = headers.iter().map(|(name, _)| name).collect();
        assert_eq!(
            names,
            [
                "host",
                "x-acs-action",
                "x-acs-content-sha256",
                "x-acs-date",
                "x-acs-signature-nonce",
                "x-acs-version",
                "authorization"
            ]
        );
        assert_eq!(headers.get("X-Acs-Action"), Some("DescribeHaVips"));
        assert_eq!(headers.get("x-acs-security-token"), None);
    }

    #[test]
    fn the_fixed_rpc_list_is_canonical_with_and_without_a_token() {
        let query = query_text();
        let plain = credentials();
        let sts = credentials().with_security_token("sts-token-value");
        for credentials in [&plain, &sts] {
            let headers =
                rpc_headers(&call(&query), credentials, "2024-03-04T08:00:00Z", "n1").unwrap();
            let map = owned(headers.signed());
            let canonical = canonical_headers(&map);
            let mut lines = String::new();
            let mut signed = Vec::new();
            for (name, value) in headers.signed() {
                lines.push_str(&format!("{name}:{value}\n"));
                signed.push(name);
            }
            assert_eq!(lines, canonical.lines);
            assert_eq!(signed.join(";"), canonical.signed);
            // The fast path and the general one sign alike.
            let general = authorization(
                "POST",
                "/",
                &query,
                &map,
                headers.content_sha256(),
                credentials,
            )
            .unwrap();
            assert_eq!(headers.authorization(), general);
        }
    }

    #[test]
    fn values_are_trimmed_as_the_general_path_trims_them() {
        let query = query_text();
        let spaced = credentials().with_security_token(" sts-token-value\t");
        let call = RpcCall {
            host: " vpc.aliyuncs.com ",
            action: "DescribeHaVips ",
            ..call(&query)
        };
        let headers = rpc_headers(&call, &spaced, " 2024-03-04T08:00:00Z", "n1 ").unwrap();
        assert_eq!(headers.get("host"), Some("vpc.aliyuncs.com"));
        assert_eq!(headers.get("x-acs-security-token"), Some("sts-token-value"));
        let untrimmed = owned(
            [
                ("host", call.host),
                ("x-acs-action", call.action),
                ("x-acs-content-sha256", EMPTY_SHA256),
                ("x-acs-date", " 2024-03-04T08:00:00Z"),
                ("x-acs-security-token", " sts-token-value\t"),
                ("x-acs-signature-nonce", "n1 "),
                ("x-acs-version", call.version),
            ]
            .into_iter(),
        );
        let general =
            authorization("POST", "/", &query, &untrimmed, EMPTY_SHA256, &spaced).unwrap();
        assert_eq!(headers.authorization(), general);
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
        let authorization = authorization(
            "POST",
            "/",
            &query_text(),
            &upper,
            EMPTY_SHA256,
            &credentials(),
        )
        .unwrap();
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
        let query = query_text();
        let call = call(&query);
        let sts = credentials().with_security_token("sts-token-value");
        let headers = rpc_headers(&call, &sts, "2024-03-04T08:00:00Z", "n1").unwrap();
        assert_eq!(headers.get("x-acs-security-token"), Some("sts-token-value"));
        let debug = format!("{headers:?}");
        assert!(!debug.contains("sts-token-value"), "{debug}");
        assert!(!debug.contains("YourAccessKeySecret"), "{debug}");
        let authorization = headers.authorization();
        assert!(
            authorization.contains(
                "SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,"
            ),
            "{authorization}"
        );
        // The token is covered by the signature: another token signs differently.
        let other = credentials().with_security_token("another-token");
        let other_headers = rpc_headers(&call, &other, "2024-03-04T08:00:00Z", "n1").unwrap();
        assert_ne!(other_headers.authorization(), headers.authorization());

        let plain_credentials = credentials();
        let plain = rpc_headers(&call, &plain_credentials, "2024-03-04T08:00:00Z", "n1").unwrap();
        assert_eq!(plain.get("x-acs-security-token"), None);
    }

    #[test]
    fn body_hash_is_sent_and_signed() {
        let credentials = credentials();
        let call = RpcCall {
            body: b"RegionId=cn-hangzhou",
            ..call("")
        };
        let headers = rpc_headers(&call, &credentials, "2024-03-04T08:00:00Z", "n1").unwrap();
        assert_eq!(
            headers.get("x-acs-content-sha256"),
            Some(sha256_hex(b"RegionId=cn-hangzhou").as_str())
        );
        let empty = RpcCall { body: b"", ..call };
        let empty_headers =
            rpc_headers(&empty, &credentials, "2024-03-04T08:00:00Z", "n1").unwrap();
        assert_ne!(empty_headers.authorization(), headers.authorization());
    }

    #[test]
    fn content_type_is_signed_first_when_there_is_a_body() {
        let credentials = credentials();
        let call = RpcCall {
            body: b"RegionId=cn-hangzhou",
            content_type: Some("application/x-www-form-urlencoded"),
            ..call("")
        };
        let headers = rpc_headers(&call, &credentials, "2024-03-04T08:00:00Z", "n1").unwrap();
        let names: Vec<&str> = headers.signed().map(|(name, _)| name).collect();
        assert_eq!(names[..2], ["content-type", "host"]);
        let map = owned(headers.signed());
        assert_eq!(
            map.get("content-type").map(String::as_str),
            Some("application/x-www-form-urlencoded")
        );
        let general = authorization(
            "POST",
            "/",
            "",
            &map,
            headers.content_sha256(),
            &credentials,
        )
        .unwrap();
        assert_eq!(headers.authorization(), general);
        assert!(
            general.contains("SignedHeaders=content-type;host;x-acs-action;"),
            "{general}"
        );
    }
}
