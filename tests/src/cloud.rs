//! Loopback stand-ins for the services credentials come from, written from
//! Alibaba Cloud's documentation: the ECS instance metadata service
//! (IMDSv2 tokens, IMDSv1, role lookup) and STS (`AssumeRole`, checked
//! with the independent signature verifier of [`crate::verify`], and the
//! anonymous `AssumeRoleWithOIDC`).

use std::time::{Duration, SystemTime};

use time::OffsetDateTime;
use time::format_description::well_known::{Rfc2822, Rfc3339};

use crate::server::{Received, Reply, decode_query};
use crate::verify::{signature_error, verify_v3};

/// The IMDSv2 token the metadata stand-in hands out.
pub const IMDS_TOKEN: &str = "TopSecretImdsToken-5e1f";
/// The path under which the metadata service lists and serves RAM roles.
pub const ROLE_PATH: &str = "/latest/meta-data/ram/security-credentials/";

/// `at` as an `Expiration` (RFC 3339, whole seconds, UTC).
pub fn rfc3339(at: SystemTime) -> String {
    let at = OffsetDateTime::from(at);
    let at = at.replace_nanosecond(0).unwrap_or(at);
    at.format(&Rfc3339).expect("formats")
}

/// An `Expiration` `seconds` from now (in the past when negative).
pub fn expiration_in(seconds: i64) -> String {
    let now = SystemTime::now();
    let at = if seconds >= 0 {
        now + Duration::from_secs(seconds.unsigned_abs())
    } else {
        now - Duration::from_secs(seconds.unsigned_abs())
    };
    rfc3339(at)
}

/// An HTTP `Date` header `seconds` from now.
pub fn http_date_in(seconds: i64) -> String {
    let at = OffsetDateTime::now_utc() + time::Duration::seconds(seconds);
    at.format(&Rfc2822).expect("formats")
}

/// Temporary credentials as the metadata service and credentials URIs
/// send them (with `Code`), or as STS's `Credentials` object (without).
pub fn credentials_json(id: &str, secret: &str, token: &str, expiration: &str) -> String {
    format!(
        r#"{{"AccessKeyId":"{id}","AccessKeySecret":"{secret}","SecurityToken":"{token}","Expiration":"{expiration}","LastUpdated":"2024-01-01T00:00:00Z","Code":"Success"}}"#
    )
}

/// STS's answer around `credentials` (from [`credentials_json`]).
pub fn sts_answer(credentials: &str) -> String {
    format!(
        r#"{{"RequestId":"STS-REQ","AssumedRoleUser":{{"Arn":"acs:ram::1:role/r/s","AssumedRoleId":"1:s"}},"Credentials":{credentials}}}"#
    )
}

/// How the metadata stand-in treats IMDSv2 tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenMode {
    /// Reads need a token (IMDSv2 enforced): without one they get 403.
    Required,
    /// Reads work with a valid token or none.
    Optional,
    /// An older service: the token request gets this status (404 or 405),
    /// reads work without a token.
    Unsupported(u16),
}

/// A metadata service with the RAM role `role`, whose credentials are
/// `credentials(index)` for the request of that index.
pub fn imds(
    mode: TokenMode,
    role: &'static str,
    credentials: impl Fn(usize) -> String + Send + Sync + 'static,
) -> impl Fn(&Received, usize) -> Reply + Send + Sync + 'static {
    move |received, index| {
        if received.method == "PUT" && received.path == "/latest/api/token" {
            if let TokenMode::Unsupported(status) = mode {
                return Reply::json(status, "");
            }
            return match received.header("x-aliyun-ecs-metadata-token-ttl-seconds") {
                Some(ttl)
                    if ttl
                        .parse::<u32>()
                        .is_ok_and(|ttl| (1..=21600).contains(&ttl)) =>
                {
                    Reply::json(200, IMDS_TOKEN)
                }
                _ => Reply::json(400, "missing or invalid TTL"),
            };
        }
        if received.method != "GET" {
            return Reply::json(405, "");
        }
        match received.header("x-aliyun-ecs-metadata-token") {
            Some(IMDS_TOKEN) => {}
            Some(_) => return Reply::json(401, ""),
            None if mode == TokenMode::Required => return Reply::json(403, ""),
            None => {}
        }
        match received.path.strip_prefix(ROLE_PATH) {
            Some("") => Reply::json(200, role),
            Some(asked) if asked == role => Reply::json(200, credentials(index)),
            _ => Reply::json(404, "Not Found"),
        }
    }
}

/// What the STS stand-in expects and answers.
#[derive(Debug, Clone)]
pub struct Sts {
    /// The AccessKeys (ID, secret) that may sign `AssumeRole`.
    pub signers: Vec<(String, String)>,
    /// The OIDC token `AssumeRoleWithOIDC` must carry, if any is accepted.
    pub oidc_tokens: Vec<String>,
}

impl Sts {
    /// Checks a request as STS would; `Ok` holds the action and its form
    /// parameters, `Err` the error reply.
    pub fn check(&self, received: &Received) -> Result<(String, Vec<(String, String)>), Reply> {
        if received.method != "POST" || received.path != "/" {
            return Err(Reply::json(404, r#"{"Code":"InvalidAction"}"#));
        }
        let form = decode_query(&String::from_utf8_lossy(&received.body));
        let param = |name: &str| {
            form.iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.as_str())
        };
        let refuse = |code: &str, message: &str| {
            Reply::json(
                400,
                format!(r#"{{"RequestId":"STS-REQ","Code":"{code}","Message":"{message}"}}"#),
            )
        };
        let action = match (received.header("x-acs-action"), received.param("Action")) {
            (Some(action), _) => {
                let id = signer_id(received).unwrap_or_default();
                let Some((id, secret)) = self.signers.iter().find(|(known, _)| known == id) else {
                    return Err(refuse("InvalidAccessKeyId.NotFound", "unknown AccessKey"));
                };
                if let Err(problem) = verify_v3(received, id, secret) {
                    return Err(Reply::json(400, signature_error(&problem)));
                }
                if received.header("x-acs-version") != Some("2015-04-01") {
                    return Err(refuse("InvalidVersion", "bad version"));
                }
                action.to_string()
            }
            (None, Some("AssumeRoleWithOIDC")) => {
                if received.header("authorization").is_some() {
                    return Err(refuse("InvalidParameter", "anonymous call was signed"));
                }
                if received.param("Version") != Some("2015-04-01") {
                    return Err(refuse("InvalidVersion", "bad version"));
                }
                let token = param("OIDCToken").unwrap_or_default();
                if received.query.iter().any(|(_, value)| value == token) {
                    return Err(refuse("InvalidParameter", "token sent in the URL"));
                }
                if !self.oidc_tokens.iter().any(|known| known == token) {
                    // Real STS echoes nothing secret; this one does, to
                    // check that the client removes it.
                    return Err(refuse(
                        "AuthenticationFail.OIDCToken.Invalid",
                        &format!("token {token} is not valid"),
                    ));
                }
                if param("OIDCProviderArn").is_none() {
                    return Err(refuse("MissingParameter", "OIDCProviderArn"));
                }
                "AssumeRoleWithOIDC".to_string()
            }
            _ => return Err(refuse("MissingParameter", "Action")),
        };
        for required in ["RoleArn", "RoleSessionName", "DurationSeconds"] {
            if param(required).is_none() {
                return Err(refuse("MissingParameter", required));
            }
        }
        Ok((action, form))
    }
}

/// The AccessKey ID in a V3 `Authorization` header.
pub fn signer_id(received: &Received) -> Option<&str> {
    let authorization = received.header("authorization")?;
    let start = authorization.find("Credential=")? + "Credential=".len();
    authorization[start..].split(',').next()
}
