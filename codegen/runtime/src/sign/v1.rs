//! Signature V1 (`HMAC-SHA1`) for RPC calls, sent as the `Signature`
//! parameter.
//!
//! Every parameter is signed, the request's own (in the query and, for
//! actions with form parameters, in the body) and the common ones
//! (`AccessKeyId`, `Action`, `Format`, `SignatureMethod`, `SignatureNonce`,
//! `SignatureVersion`, `Timestamp`, `Version`, and `SecurityToken` for STS
//! credentials). The string to sign is
//! `METHOD&%2F&` + percent-encode(canonical query), and the signature is the
//! Base64 HMAC-SHA1 of it under the key `secret&`.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::{SignError, hmac};
use crate::credentials::Credentials;
use crate::encode::percent_encode;
use crate::query::QueryPairs;

/// The `SignatureMethod` of V1.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// The `SignatureVersion` of V1.
pub const SIGNATURE_VERSION: &str = "1.0";

/// The parameters signing adds; a request that already has one is refused,
/// so that nothing is signed twice or overwritten silently.
pub(crate) const RESERVED: [&str; 10] = [
    "AccessKeyId",
    "Action",
    "Format",
    "SecurityToken",
    "Signature",
    "SignatureMethod",
    "SignatureNonce",
    "SignatureVersion",
    "Timestamp",
    "Version",
];

/// The parameters as signed: sorted by key, `key=value` with both sides
/// percent-encoded per RFC 3986, joined with `&`. The same text as
/// [`QueryPairs::to_query_string`].
pub fn canonical_query(params: &QueryPairs) -> String {
    params.to_query_string()
}

/// `METHOD&%2F&` followed by the percent-encoded canonical query.
pub fn string_to_sign(method: &str, params: &QueryPairs) -> String {
    format!(
        "{method}&{path}&{query}",
        path = percent_encode("/"),
        query = percent_encode(&canonical_query(params)),
    )
}

/// The Base64 signature of `params`, which must already hold every
/// parameter sent, common ones included.
pub fn signature(
    method: &str,
    params: &QueryPairs,
    credentials: &Credentials,
) -> Result<String, SignError> {
    let key = format!("{}&", credentials.access_key_secret().expose());
    let mac =
        hmac::<hmac::Hmac<sha1::Sha1>>(key.as_bytes(), string_to_sign(method, params).as_bytes())?;
    Ok(STANDARD.encode(mac))
}

/// The parts of an RPC call that its V1 common parameters depend on.
#[derive(Debug, Clone, Copy)]
pub struct RpcCall<'a> {
    /// The HTTP method, upper case (`GET`, `POST`).
    pub method: &'a str,
    /// The action, such as `DescribeHaVips`.
    pub action: &'a str,
    /// The API version, such as `2016-04-28`.
    pub version: &'a str,
    /// The response format asked for: `JSON` or `XML`.
    pub format: &'a str,
}

/// Adds the common parameters and then the `Signature` to `params`.
///
/// `timestamp` is [`super::timestamp_now`] and `nonce` is [`super::nonce`].
/// If `params` already has a parameter that this adds, it is left as it
/// was and [`SignError::ReservedParameter`] names the parameter.
///
/// For a call that also sends form parameters in its body, use
/// [`sign_query_with_body`]: the signature covers them too.
pub fn sign_query(
    params: &mut QueryPairs,
    call: &RpcCall<'_>,
    credentials: &Credentials,
    timestamp: &str,
    nonce: &str,
) -> Result<(), SignError> {
    sign_query_with_body(
        params,
        &QueryPairs::default(),
        call,
        credentials,
        timestamp,
        nonce,
    )
}

/// As [`sign_query`], for a call whose `body` parameters are sent as a
/// form (`application/x-www-form-urlencoded`).
///
/// The string to sign is made of the query parameters, the common ones and
/// the body parameters, merged and sorted, as the service checks it; the
/// body parameters are signed but stay in the body, so only the query (with
/// the common parameters and the `Signature`) is written to `params`.
pub fn sign_query_with_body(
    params: &mut QueryPairs,
    body: &QueryPairs,
    call: &RpcCall<'_>,
    credentials: &Credentials,
    timestamp: &str,
    nonce: &str,
) -> Result<(), SignError> {
    if let Some(name) = RESERVED
        .into_iter()
        .find(|name| params.get(name).is_some() || body.get(name).is_some())
    {
        return Err(SignError::ReservedParameter(name));
    }
    let mut sent = params.clone();
    sent.insert("AccessKeyId", credentials.access_key_id());
    sent.insert("Action", call.action);
    sent.insert("Format", call.format);
    sent.insert("SignatureMethod", SIGNATURE_METHOD);
    sent.insert("SignatureNonce", nonce);
    sent.insert("SignatureVersion", SIGNATURE_VERSION);
    sent.insert("Timestamp", timestamp);
    sent.insert("Version", call.version);
    if let Some(token) = credentials.security_token() {
        sent.insert("SecurityToken", token.expose());
    }
    let signature = if body.is_empty() {
        signature(call.method, &sent, credentials)?
    } else {
        let mut signed = sent.clone();
        for (key, value) in body.iter() {
            signed.insert(key, value);
        }
        signature(call.method, &signed, credentials)?
    };
    sent.insert("Signature", signature);
    *params = sent;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(pairs: &[(&str, &str)]) -> QueryPairs {
        QueryPairs::new(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    fn credentials() -> Credentials {
        Credentials::new("testid", "testsecret")
    }

    const NONCE: &str = "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf";

    #[test]
    fn vector_describe_regions() {
        let params = pairs(&[
            ("AccessKeyId", "testid"),
            ("Action", "DescribeRegions"),
            ("Format", "XML"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", NONCE),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Version", "2014-05-26"),
        ]);
        assert_eq!(
            string_to_sign("GET", &params),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
             %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
             %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        );
        assert_eq!(
            signature("GET", &params, &credentials()).unwrap(),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        );
    }

    fn ha_vips_request() -> QueryPairs {
        pairs(&[
            ("RegionId", "cn-hangzhou"),
            ("Filter.1.Key", "HaVipId"),
            ("Filter.1.Value.1", "havip-bp149uyvut73dplduoq8s"),
        ])
    }

    const HA_VIPS_SIGNATURE: &str = "c0PtE4ni9JipGklqYI3ECesFQvo=";

    #[test]
    fn vector_describe_ha_vips() {
        let mut params = ha_vips_request();
        for (key, value) in [
            ("AccessKeyId", "testid"),
            ("Action", "DescribeHaVips"),
            ("Format", "JSON"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", NONCE),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2024-03-04T08:00:00Z"),
            ("Version", "2016-04-28"),
        ] {
            params.insert(key, value);
        }
        assert_eq!(
            signature("GET", &params, &credentials()).unwrap(),
            HA_VIPS_SIGNATURE
        );
    }

    fn ha_vips_call() -> RpcCall<'static> {
        RpcCall {
            method: "GET",
            action: "DescribeHaVips",
            version: "2016-04-28",
            format: "JSON",
        }
    }

    #[test]
    fn sign_query_adds_common_parameters_and_signature() {
        let mut params = ha_vips_request();
        sign_query(
            &mut params,
            &ha_vips_call(),
            &credentials(),
            "2024-03-04T08:00:00Z",
            NONCE,
        )
        .unwrap();
        assert_eq!(params.get("Signature"), Some(HA_VIPS_SIGNATURE));
        assert_eq!(params.get("SignatureMethod"), Some("HMAC-SHA1"));
        assert_eq!(params.get("SecurityToken"), None);
        assert!(
            params
                .to_query_string()
                .contains("&Signature=c0PtE4ni9JipGklqYI3ECesFQvo%3D&SignatureMethod=HMAC-SHA1&"),
            "{}",
            params.to_query_string()
        );
    }

    #[test]
    fn security_token_is_a_signed_parameter() {
        let sts = credentials().with_security_token("sts-token");
        let mut params = ha_vips_request();
        sign_query(
            &mut params,
            &ha_vips_call(),
            &sts,
            "2024-03-04T08:00:00Z",
            NONCE,
        )
        .unwrap();
        assert_eq!(params.get("SecurityToken"), Some("sts-token"));
        assert_ne!(params.get("Signature"), Some(HA_VIPS_SIGNATURE));

        // The signature covers the token: recomputing without `Signature`
        // gives the same value.
        let unsigned = QueryPairs::new(
            params
                .iter()
                .filter(|(key, _)| *key != "Signature")
                .map(|(key, value)| (key.to_string(), value.to_string()))
                .collect(),
        );
        assert_eq!(
            params.get("Signature").map(str::to_string),
            Some(signature("GET", &unsigned, &sts).unwrap())
        );
    }

    #[test]
    fn reserved_parameters_are_refused_and_params_left_alone() {
        let mut params = pairs(&[("RegionId", "cn-hangzhou"), ("Timestamp", "x")]);
        let before = params.clone();
        let error = sign_query(&mut params, &ha_vips_call(), &credentials(), "t", "n").unwrap_err();
        assert!(matches!(error, SignError::ReservedParameter("Timestamp")));
        assert_eq!(params, before);
    }

    #[test]
    fn post_signs_with_its_method() {
        let params = ha_vips_request();
        assert!(string_to_sign("POST", &params).starts_with("POST&%2F&"));
        assert_ne!(
            signature("POST", &params, &credentials()).unwrap(),
            signature("GET", &params, &credentials()).unwrap()
        );
    }

    #[test]
    fn body_parameters_are_signed_but_not_added_to_the_query() {
        let body = pairs(&[("TunnelOptionsSpecification.1.CustomerGatewayId", "cgw-1")]);
        let mut with_body = ha_vips_request();
        sign_query_with_body(
            &mut with_body,
            &body,
            &ha_vips_call(),
            &credentials(),
            "2024-03-04T08:00:00Z",
            NONCE,
        )
        .unwrap();
        assert_eq!(
            with_body.get("TunnelOptionsSpecification.1.CustomerGatewayId"),
            None
        );
        // The signature is that of the query merged with the body.
        let mut merged = QueryPairs::new(
            with_body
                .iter()
                .filter(|(key, _)| *key != "Signature")
                .map(|(key, value)| (key.to_string(), value.to_string()))
                .collect(),
        );
        merged.insert("TunnelOptionsSpecification.1.CustomerGatewayId", "cgw-1");
        assert_eq!(
            with_body.get("Signature").map(str::to_string),
            Some(signature("GET", &merged, &credentials()).unwrap())
        );
        assert_ne!(with_body.get("Signature"), Some(HA_VIPS_SIGNATURE));
        let mut reserved = ha_vips_request();
        let error = sign_query_with_body(
            &mut reserved,
            &pairs(&[("Timestamp", "x")]),
            &ha_vips_call(),
            &credentials(),
            "t",
            "n",
        )
        .unwrap_err();
        assert!(matches!(error, SignError::ReservedParameter("Timestamp")));
    }
}
