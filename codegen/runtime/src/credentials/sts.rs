//! Roles assumed through STS: `AssumeRole` (signed with other credentials)
//! and `AssumeRoleWithOIDC` (RRSA on ACK: an OIDC token from a file, no
//! signature). Both are RPC calls of STS `2015-04-01`, sent as a form.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::http::Fetch;
use super::source::{read_credentials, status_error, unreachable};
use super::{Credentials, CredentialsError, Secret};
use crate::client::{HttpRequest, HttpResponse};
use crate::error::ErrorBody;
use crate::query::QueryPairs;
use crate::sign;

/// The global STS endpoint.
pub const DEFAULT_STS_ENDPOINT: &str = "sts.aliyuncs.com";

const VERSION: &str = "2015-04-01";
const FORM: &str = "application/x-www-form-urlencoded";
/// Default session length: one hour, as Alibaba's libraries ask.
const DEFAULT_DURATION: Duration = Duration::from_secs(3600);
/// How long one STS request may take by default.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);
/// STS answers are a few hundred bytes; anything far longer is not one.
const MAX_BODY: usize = 64 * 1024;

/// The STS endpoint of a region: `sts.<region>.aliyuncs.com`, or
/// `sts-vpc.<region>.aliyuncs.com` from inside a VPC.
pub(crate) fn regional_endpoint(region: &str, vpc: bool) -> String {
    if vpc {
        format!("sts-vpc.{region}.aliyuncs.com")
    } else {
        format!("sts.{region}.aliyuncs.com")
    }
}

/// What both STS calls share: the session and where to send it.
#[derive(Debug, Clone)]
struct Session {
    name: Option<String>,
    duration: Duration,
    policy: Option<String>,
    endpoint: String,
    timeout: Duration,
}

impl Session {
    fn new() -> Self {
        Self {
            name: None,
            duration: DEFAULT_DURATION,
            policy: None,
            endpoint: DEFAULT_STS_ENDPOINT.to_string(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The session name given, else `alibabacloud-rust-<unix time>`.
    fn name(&self) -> String {
        self.name.clone().unwrap_or_else(|| {
            let seconds = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |since| since.as_secs());
            format!("alibabacloud-rust-{seconds}")
        })
    }

    /// The form parameters every role call sends.
    fn form(&self, role_arn: &str) -> QueryPairs {
        let mut form = QueryPairs::default();
        form.insert("RoleArn", role_arn);
        form.insert("RoleSessionName", self.name());
        form.insert("DurationSeconds", self.duration.as_secs().to_string());
        if let Some(policy) = &self.policy {
            form.insert("Policy", policy.as_str());
        }
        form
    }

    fn endpoint(&self, action: &'static str) -> Result<(String, String), CredentialsError> {
        crate::client::split_endpoint(&self.endpoint).ok_or_else(|| {
            CredentialsError::InvalidEndpoint {
                service: action,
                endpoint: self.endpoint.clone(),
            }
        })
    }
}

macro_rules! session_setters {
    () => {
        /// The session name (default `alibabacloud-rust-<unix time>`);
        /// it shows in ActionTrail.
        #[must_use]
        pub fn session_name(mut self, name: impl Into<String>) -> Self {
            self.session.name = Some(name.into());
            self
        }

        /// How long the credentials last (default one hour; STS allows
        /// 15 minutes up to the role's maximum).
        #[must_use]
        pub fn duration(mut self, duration: Duration) -> Self {
            self.session.duration = duration;
            self
        }

        /// A policy (JSON) that narrows what the credentials may do.
        #[must_use]
        pub fn policy(mut self, policy: impl Into<String>) -> Self {
            self.session.policy = Some(policy.into());
            self
        }

        /// The STS endpoint: a host (`sts.cn-hangzhou.aliyuncs.com`), or
        /// `scheme://host[:port]` (a loopback server in tests). Default
        /// [`DEFAULT_STS_ENDPOINT`].
        #[must_use]
        pub fn sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
            self.session.endpoint = endpoint.into();
            self
        }

        /// The STS endpoint of `region`, inside a VPC (`sts-vpc.`) or not.
        #[must_use]
        pub fn sts_region(mut self, region: &str, vpc: bool) -> Self {
            self.session.endpoint = regional_endpoint(region, vpc);
            self
        }

        /// How long one STS request may take (default 10 s).
        #[must_use]
        pub fn timeout(mut self, timeout: Duration) -> Self {
            self.session.timeout = timeout;
            self
        }
    };
}

/// STS `AssumeRole`: the credentials of a RAM role, asked for with other
/// credentials, which sign the request (signature V3).
///
/// Use it through [`SourceProvider::assume_role`](super::SourceProvider::assume_role).
#[derive(Debug, Clone)]
pub struct AssumeRole {
    role_arn: String,
    external_id: Option<String>,
    session: Session,
}

impl AssumeRole {
    /// Assumes the role `role_arn` (`acs:ram::<account>:role/<name>`).
    pub fn new(role_arn: impl Into<String>) -> Self {
        Self {
            role_arn: role_arn.into(),
            external_id: None,
            session: Session::new(),
        }
    }

    session_setters!();

    /// The external ID the role's trust policy asks for.
    #[must_use]
    pub fn external_id(mut self, external_id: impl Into<String>) -> Self {
        self.external_id = Some(external_id.into());
        self
    }

    pub(crate) async fn fetch(
        &self,
        http: &dyn Fetch,
        base: &Credentials,
    ) -> Result<Credentials, CredentialsError> {
        const ACTION: &str = "AssumeRole";
        const SERVICE: &str = "STS AssumeRole";
        let (scheme, host) = self.session.endpoint(SERVICE)?;
        let mut form = self.session.form(&self.role_arn);
        if let Some(external_id) = &self.external_id {
            form.insert("ExternalId", external_id.as_str());
        }
        let body = form.to_query_string().into_bytes();
        let timestamp = sign::timestamp_now()?;
        let nonce = sign::nonce()?;
        let call = sign::v3::RpcCall {
            method: "POST",
            host: &host,
            action: ACTION,
            version: VERSION,
            query: "",
            body: &body,
            content_type: Some(FORM),
        };
        let signed = sign::v3::rpc_headers(&call, base, &timestamp, &nonce)?;
        let mut headers = common_headers();
        // `host` comes from the URL, with the same value.
        headers.extend(
            signed
                .iter()
                .filter(|(name, _)| *name != "host")
                .map(|(name, value)| (name.to_string(), value.to_string())),
        );
        let url = format!("{scheme}://{host}/");
        let request = HttpRequest {
            method: "POST".into(),
            url: url.clone(),
            headers,
            body,
            max_response_body: MAX_BODY,
        };
        let response = http
            .fetch(request, self.session.timeout)
            .await
            .map_err(|error| unreachable(SERVICE, &url, error))?;
        let mut sent = vec![base.access_key_secret()];
        sent.extend(base.security_token());
        answer(ACTION, SERVICE, &url, &response, &sent)
    }
}

/// STS `AssumeRoleWithOIDC`: the credentials of a RAM role, for an OIDC
/// token. The call is anonymous (the token is the proof), so it needs no
/// other credentials. The token file is read again at every refresh, since
/// the kubelet rotates it.
///
/// Use it through [`SourceProvider::oidc_role`](super::SourceProvider::oidc_role).
#[derive(Debug, Clone)]
pub struct OidcRole {
    role_arn: String,
    provider_arn: String,
    token_file: PathBuf,
    session: Session,
}

impl OidcRole {
    /// Assumes `role_arn` with the token in `token_file`, issued by the
    /// OIDC provider `provider_arn`.
    pub fn new(
        role_arn: impl Into<String>,
        provider_arn: impl Into<String>,
        token_file: impl Into<PathBuf>,
    ) -> Self {
        Self {
            role_arn: role_arn.into(),
            provider_arn: provider_arn.into(),
            token_file: token_file.into(),
            session: Session::new(),
        }
    }

    session_setters!();

    /// The token file.
    pub fn token_file(&self) -> &Path {
        &self.token_file
    }

    pub(crate) async fn fetch(&self, http: &dyn Fetch) -> Result<Credentials, CredentialsError> {
        const ACTION: &str = "AssumeRoleWithOIDC";
        const SERVICE: &str = "STS AssumeRoleWithOIDC";
        let (scheme, host) = self.session.endpoint(SERVICE)?;
        let token = read_token(&self.token_file)?;
        let mut form = self.session.form(&self.role_arn);
        form.insert("OIDCProviderArn", self.provider_arn.as_str());
        form.insert("OIDCToken", token.expose());
        // The common parameters go in the query; the token stays in the
        // body, out of URLs and logs.
        let mut query = QueryPairs::default();
        query.insert("Action", ACTION);
        query.insert("Format", "JSON");
        query.insert("Version", VERSION);
        query.insert("Timestamp", sign::timestamp_now()?);
        let url = format!("{scheme}://{host}/?{}", query.to_query_string());
        let mut headers = common_headers();
        headers.push(("content-type".into(), FORM.into()));
        let request = HttpRequest {
            method: "POST".into(),
            url: url.clone(),
            headers,
            body: form.to_query_string().into_bytes(),
            max_response_body: MAX_BODY,
        };
        let response = http
            .fetch(request, self.session.timeout)
            .await
            .map_err(|error| unreachable(SERVICE, &url, error))?;
        answer(ACTION, SERVICE, &url, &response, &[&token])
    }
}

/// The OIDC token in `path`, trimmed; read each time it is needed.
fn read_token(path: &Path) -> Result<Secret, CredentialsError> {
    let text = std::fs::read_to_string(path).map_err(|source| CredentialsError::ReadTokenFile {
        path: path.to_path_buf(),
        source,
    })?;
    let token = text.trim();
    if token.is_empty() {
        return Err(CredentialsError::EmptyTokenFile {
            path: path.to_path_buf(),
        });
    }
    Ok(Secret::new(token))
}

fn common_headers() -> Vec<(String, String)> {
    vec![
        (
            "user-agent".into(),
            format!(
                "alibabacloud-rust/{} (credentials)",
                env!("CARGO_PKG_VERSION")
            ),
        ),
        ("accept".into(), "application/json".into()),
    ]
}

/// The credentials in STS's answer, or why STS refused. The refusal's
/// message is kept, with any of the `sent` secrets in it replaced by `***`.
fn answer(
    action: &'static str,
    service: &'static str,
    url: &str,
    response: &HttpResponse,
    sent: &[&Secret],
) -> Result<Credentials, CredentialsError> {
    if (200..300).contains(&response.status) {
        return read_credentials(service, response, Some("Credentials"), false);
    }
    let text = String::from_utf8_lossy(&response.body);
    let Some(body) = ErrorBody::parse(&text) else {
        return Err(status_error(service, url, response.status, None));
    };
    let message = body.message.map(|mut message| {
        for secret in sent {
            if !secret.expose().is_empty() {
                message = message.replace(secret.expose(), "***");
            }
        }
        message
    });
    Err(CredentialsError::StsRefused {
        action,
        status: response.status,
        code: body.code,
        message,
        request_id: body.request_id,
    })
}

impl From<sign::SignError> for CredentialsError {
    fn from(error: sign::SignError) -> Self {
        CredentialsError::Sign(error)
    }
}
