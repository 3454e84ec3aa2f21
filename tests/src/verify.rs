//! Signature checks written from Alibaba Cloud's signature documentation,
//! independently of `alibabacloud_runtime::sign`, so that client tests do
//! not check the signer against itself.
//!
//! - V3 (`ACS3-HMAC-SHA256`): the canonical request is the method, the path,
//!   the sorted, RFC 3986-encoded query, one `name:value` line per signed
//!   header (names lower case, values trimmed, sorted), the signed-header
//!   list and the hex SHA-256 of the body; the signature is the hex
//!   HMAC-SHA256, under the AccessKey secret, of `ACS3-HMAC-SHA256\n` and
//!   the hex SHA-256 of the canonical request. `host`, every `x-acs-*`
//!   header and `content-type` (when sent) must be signed.
//! - V1 (`HMAC-SHA1`): the parameters are those of the query, but for
//!   `Signature`, merged with the form parameters of the body; sorted,
//!   encoded as `key=value` joined with `&`; the string to sign is
//!   `METHOD&%2F&` + the encoding of that text; the signature is the Base64
//!   HMAC-SHA1 under `secret&`.

use base64::Engine as _;
use hmac::{KeyInit, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha2::{Digest, Sha256};

use crate::server::{Received, decode_query};

/// What RFC 3986 leaves unencoded: letters, digits, `-`, `_`, `.`, `~`.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

/// `k=v&...`, sorted by key then value, both encoded.
fn canonical_params(mut pairs: Vec<(String, String)>) -> String {
    pairs.sort();
    pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Checks the V3 signature of `received` against the AccessKey `id` and
/// `secret`; `Err` says what is wrong.
pub fn verify_v3(received: &Received, id: &str, secret: &str) -> Result<(), String> {
    let authorization = received
        .header("authorization")
        .ok_or("no Authorization header")?;
    let rest = authorization
        .strip_prefix("ACS3-HMAC-SHA256 ")
        .ok_or("not ACS3-HMAC-SHA256")?;
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',') {
        match part.split_once('=') {
            Some(("Credential", value)) => credential = Some(value),
            Some(("SignedHeaders", value)) => signed_headers = Some(value),
            Some(("Signature", value)) => signature = Some(value),
            _ => return Err(format!("unexpected Authorization part {part:?}")),
        }
    }
    if credential != Some(id) {
        return Err(format!("credential {credential:?}, expected {id}"));
    }
    let signed_headers = signed_headers.ok_or("no SignedHeaders")?;
    let signature = signature.ok_or("no Signature")?;
    let names: Vec<&str> = signed_headers.split(';').collect();
    for (name, _) in &received.headers {
        let must = name == "host" || name == "content-type" || name.starts_with("x-acs-");
        if must && !names.contains(&name.as_str()) {
            return Err(format!("header {name} was sent but not signed"));
        }
    }
    let mut sorted = names.clone();
    sorted.sort_unstable();
    if sorted != names {
        return Err(format!("SignedHeaders not sorted: {signed_headers}"));
    }
    let payload = hex::encode(Sha256::digest(&received.body));
    if received.header("x-acs-content-sha256") != Some(payload.as_str()) {
        return Err("x-acs-content-sha256 is not the body's hash".into());
    }
    let mut canonical = format!(
        "{}\n{}\n{}\n",
        received.method,
        received.path,
        canonical_params(received.query.clone())
    );
    for name in &names {
        let value = received
            .header(name)
            .ok_or(format!("signed header {name} was not sent"))?;
        canonical.push_str(&format!("{name}:{}\n", value.trim()));
    }
    canonical.push_str(&format!("\n{signed_headers}\n{payload}"));
    let string_to_sign = format!(
        "ACS3-HMAC-SHA256\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let mut mac =
        hmac::Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|e| e.to_string())?;
    mac.update(string_to_sign.as_bytes());
    let expected = hex::encode(mac.finalize().into_bytes());
    if expected == signature {
        Ok(())
    } else {
        Err(format!(
            "SignatureDoesNotMatch: expected {expected}, canonical request:\n{canonical}"
        ))
    }
}

/// Checks the V1 signature of `received` (with the AccessKey `secret`).
pub fn verify_v1(received: &Received, secret: &str) -> Result<(), String> {
    let signature = received.param("Signature").ok_or("no Signature")?;
    let mut params: Vec<(String, String)> = received
        .query
        .iter()
        .filter(|(key, _)| key != "Signature")
        .cloned()
        .collect();
    if received
        .header("content-type")
        .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"))
    {
        params.extend(decode_query(&String::from_utf8_lossy(&received.body)));
    }
    let string_to_sign = format!(
        "{}&{}&{}",
        received.method,
        encode("/"),
        encode(&canonical_params(params))
    );
    let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(format!("{secret}&").as_bytes())
        .map_err(|e| e.to_string())?;
    mac.update(string_to_sign.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    if expected == signature {
        Ok(())
    } else {
        Err(format!(
            "SignatureDoesNotMatch: expected {expected}, string to sign {string_to_sign}"
        ))
    }
}

/// The JSON error body Alibaba Cloud answers a bad signature with.
pub fn signature_error(detail: &str) -> String {
    format!(
        r#"{{"RequestId":"R-SIG","Code":"SignatureDoesNotMatch","Message":{}}}"#,
        serde_json::Value::String(detail.to_string())
    )
}
