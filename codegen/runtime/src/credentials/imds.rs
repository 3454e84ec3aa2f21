//! The RAM role of an ECS instance, from the instance metadata service.
//!
//! IMDSv2 first: `PUT /latest/api/token` with a TTL header gives a token,
//! sent with each read as `X-aliyun-ecs-metadata-token`. When the service
//! answers the token request with an HTTP error (an older service without
//! IMDSv2), the reads go without a token (IMDSv1), unless IMDSv1 is
//! disabled. When the service does not answer at all (not on ECS), the
//! source fails at once: there is nothing to fall back to.

use std::time::Duration;

use super::http::Fetch;
use super::source::{read_credentials, status_error, unreachable};
use super::{Credentials, CredentialsError, Secret};
use crate::client::{HttpRequest, HttpResponse};

/// Where the metadata service answers on every ECS instance.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://100.100.100.200";

const SERVICE: &str = "ECS metadata service";
const TOKEN_SERVICE: &str = "ECS metadata service (IMDSv2 token)";
const CREDENTIALS_PATH: &str = "/latest/meta-data/ram/security-credentials/";
/// The IMDSv2 token's lifetime asked for: 6 hours, the service's maximum.
const TOKEN_TTL_SECONDS: &str = "21600";
/// Each request may take this long by default, so that the default chain
/// does not hang off ECS.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1);
const MAX_BODY: usize = 64 * 1024;

/// The ECS instance's RAM role, from the metadata service.
///
/// Use it through [`SourceProvider::ecs_ram_role`](super::SourceProvider::ecs_ram_role).
#[derive(Debug, Clone)]
pub struct EcsRamRole {
    role_name: Option<String>,
    endpoint: String,
    imdsv1_disabled: bool,
    timeout: Duration,
}

impl Default for EcsRamRole {
    fn default() -> Self {
        Self::new()
    }
}

impl EcsRamRole {
    /// The role attached to the instance, looked up by the metadata
    /// service, with IMDSv1 as a fallback.
    pub fn new() -> Self {
        Self {
            role_name: None,
            endpoint: DEFAULT_METADATA_ENDPOINT.to_string(),
            imdsv1_disabled: false,
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The role's name, which saves looking it up.
    #[must_use]
    pub fn role_name(mut self, name: impl Into<String>) -> Self {
        self.role_name = Some(name.into()).filter(|name| !name.is_empty());
        self
    }

    /// Refuses to read without an IMDSv2 token.
    #[must_use]
    pub fn imdsv1_disabled(mut self, disabled: bool) -> Self {
        self.imdsv1_disabled = disabled;
        self
    }

    /// Another metadata service: `http://127.0.0.1:8080` in tests.
    /// Default [`DEFAULT_METADATA_ENDPOINT`].
    #[must_use]
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = endpoint.into().trim_end_matches('/').to_string();
        self
    }

    /// How long each request may take (default 1 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub(crate) async fn fetch(&self, http: &dyn Fetch) -> Result<Credentials, CredentialsError> {
        let token = self.token(http).await?;
        let role = match &self.role_name {
            Some(role) => role.clone(),
            None => {
                let url = format!("{}{CREDENTIALS_PATH}", self.endpoint);
                let response = self.get(http, &url, token.as_ref()).await?;
                let text = String::from_utf8_lossy(&response.body);
                match text.lines().map(str::trim).find(|line| !line.is_empty()) {
                    Some(role) => role.to_string(),
                    None => {
                        return Err(CredentialsError::MalformedResponse {
                            service: SERVICE,
                            problem: "no RAM role is attached to this instance".into(),
                        });
                    }
                }
            }
        };
        let url = format!(
            "{}{CREDENTIALS_PATH}{}",
            self.endpoint,
            crate::encode::percent_encode(&role)
        );
        let response = self.get(http, &url, token.as_ref()).await?;
        read_credentials(SERVICE, &response, None, true)
    }

    /// An IMDSv2 token, or `None` to read with IMDSv1.
    async fn token(&self, http: &dyn Fetch) -> Result<Option<Secret>, CredentialsError> {
        let url = format!("{}/latest/api/token", self.endpoint);
        let request = HttpRequest {
            method: "PUT".into(),
            url: url.clone(),
            headers: vec![(
                "x-aliyun-ecs-metadata-token-ttl-seconds".into(),
                TOKEN_TTL_SECONDS.into(),
            )],
            body: Vec::new(),
            max_response_body: MAX_BODY,
        };
        let response = http
            .fetch(request, self.timeout)
            .await
            .map_err(|error| unreachable(TOKEN_SERVICE, &url, error))?;
        let token = String::from_utf8_lossy(&response.body).trim().to_string();
        if response.status == 200 && !token.is_empty() {
            return Ok(Some(Secret::new(token)));
        }
        if self.imdsv1_disabled {
            return Err(status_error(
                TOKEN_SERVICE,
                &url,
                response.status,
                Some("no IMDSv2 token, and IMDSv1 is disabled"),
            ));
        }
        Ok(None)
    }

    async fn get(
        &self,
        http: &dyn Fetch,
        url: &str,
        token: Option<&Secret>,
    ) -> Result<HttpResponse, CredentialsError> {
        let headers = token
            .map(|token| {
                (
                    "x-aliyun-ecs-metadata-token".to_string(),
                    token.expose().to_string(),
                )
            })
            .into_iter()
            .collect();
        let request = HttpRequest {
            method: "GET".into(),
            url: url.to_string(),
            headers,
            body: Vec::new(),
            max_response_body: MAX_BODY,
        };
        let response = http
            .fetch(request, self.timeout)
            .await
            .map_err(|error| unreachable(SERVICE, url, error))?;
        if response.status != 200 {
            let hint = match response.status {
                404 => Some("no such RAM role on this instance"),
                401 | 403 | 405 => Some("the metadata service wants an IMDSv2 token"),
                500..=599 => Some("the metadata service failed; try again later"),
                _ => None,
            };
            return Err(status_error(SERVICE, url, response.status, hint));
        }
        Ok(response)
    }
}
