//! The sources that fetch temporary credentials, as one type the chain and
//! users can run from either client, and what they share: reading an
//! answer's credentials and checking their expiry.

use std::fmt;
use std::time::SystemTime;

use serde_json::{Map, Value};

#[cfg(feature = "blocking")]
use super::ProvideCredentialsBlocking;
use super::http::{Fetch, HttpClients};
use super::imds::EcsRamRole;
use super::provider::BoxFuture;
#[cfg(feature = "client")]
use super::provider::ProvideCredentials;
use super::sts::{AssumeRole, OidcRole};
use super::uri::CredentialsUri;
use super::{Credentials, CredentialsError, time};
use crate::client::HttpResponse;

/// Where a [`SourceProvider`] gets credentials from.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    /// Fixed credentials (an AccessKey pair in a file, say).
    Static(Credentials),
    /// STS `AssumeRole`, signed with the credentials of `base`.
    AssumeRole { base: Box<Source>, role: AssumeRole },
    /// STS `AssumeRoleWithOIDC`, with the token read from its file.
    Oidc(OidcRole),
    /// The ECS instance's RAM role, from the metadata service.
    Ecs(EcsRamRole),
    /// A credentials URI.
    Uri(CredentialsUri),
}

impl Source {
    /// Fetches credentials (no caching: the provider around does that).
    pub(crate) fn fetch<'a>(
        &'a self,
        http: &'a dyn Fetch,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            match self {
                Source::Static(credentials) => Ok(credentials.clone()),
                Source::AssumeRole { base, role } => {
                    let base = base.fetch(http).await?;
                    role.fetch(http, &base).await
                }
                Source::Oidc(role) => role.fetch(http).await,
                Source::Ecs(role) => role.fetch(http).await,
                Source::Uri(uri) => uri.fetch(http).await,
            }
        })
    }

    pub(crate) fn is_static(&self) -> Option<&Credentials> {
        match self {
            Source::Static(credentials) => Some(credentials),
            _ => None,
        }
    }
}

/// A provider of temporary credentials from one source: the ECS RAM role
/// ([`EcsRamRole`]), an OIDC role ([`OidcRole`], RRSA on ACK), a role
/// assumed with other credentials ([`AssumeRole`]) or a credentials URI
/// ([`CredentialsUri`]).
///
/// It fetches on every call: wrap it in a
/// [`CachedProvider`](super::CachedProvider) to refresh only before
/// expiry. It implements both provider traits (with the `client` and
/// `blocking` features), over reqwest.
///
/// ```no_run
/// # use alibabacloud_runtime::credentials::{CachedProvider, EcsRamRole, SourceProvider};
/// let provider = CachedProvider::new(SourceProvider::ecs_ram_role(EcsRamRole::new()));
/// ```
pub struct SourceProvider {
    source: Source,
    http: HttpClients,
}

impl fmt::Debug for SourceProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceProvider")
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

impl SourceProvider {
    pub(crate) fn new(source: Source) -> Self {
        Self {
            source,
            http: HttpClients::default(),
        }
    }

    /// The RAM role of this ECS instance, from the metadata service.
    pub fn ecs_ram_role(role: EcsRamRole) -> Self {
        Self::new(Source::Ecs(role))
    }

    /// A role assumed with an OIDC token (`AssumeRoleWithOIDC`).
    pub fn oidc_role(role: OidcRole) -> Self {
        Self::new(Source::Oidc(role))
    }

    /// The credentials a URI answers with.
    pub fn credentials_uri(uri: CredentialsUri) -> Self {
        Self::new(Source::Uri(uri))
    }

    /// A role assumed (`AssumeRole`) with fixed credentials.
    pub fn assume_role(base: Credentials, role: AssumeRole) -> Self {
        Self::new(Source::AssumeRole {
            base: Box::new(Source::Static(base)),
            role,
        })
    }

    /// A role assumed (`AssumeRole`) with the credentials another source
    /// gives, fetched again at each refresh.
    pub fn assume_role_from(base: SourceProvider, role: AssumeRole) -> Self {
        Self::new(Source::AssumeRole {
            base: Box::new(base.source),
            role,
        })
    }
}

#[cfg(feature = "client")]
impl ProvideCredentials for SourceProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            let fetch = self.http.async_fetch()?;
            self.source.fetch(&fetch).await
        })
    }
}

#[cfg(feature = "blocking")]
impl ProvideCredentialsBlocking for SourceProvider {
    fn provide_credentials_blocking(&self) -> Result<Credentials, CredentialsError> {
        let fetch = self.http.blocking_fetch()?;
        super::http::block_on(self.source.fetch(&fetch))
    }
}

/// `url` without its query, fragment and user info, for messages: a
/// credentials URI may carry a token in its query.
pub(crate) fn shown_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            parsed.set_query(None);
            parsed.set_fragment(None);
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.to_string()
        }
        Err(_) => url.split(['?', '#']).next().unwrap_or_default().to_string(),
    }
}

/// The credentials in a JSON answer: the fields `AccessKeyId`,
/// `AccessKeySecret`, `SecurityToken` and `Expiration` of the root, or of
/// its object `within` (STS puts them in `Credentials`). With `check_code`,
/// a `Code` other than `Success` is refused (the metadata service and
/// credentials URIs send one).
///
/// Read by hand from a [`Value`], as the profile file is: serde's type
/// errors quote the value they refuse, which may be a secret.
pub(crate) fn read_credentials(
    service: &'static str,
    response: &HttpResponse,
    within: Option<&str>,
    check_code: bool,
) -> Result<Credentials, CredentialsError> {
    let malformed = |problem: String| CredentialsError::MalformedResponse { service, problem };
    let root: Value = serde_json::from_slice(&response.body)
        .map_err(|error| malformed(format!("not JSON ({error})")))?;
    let Value::Object(root) = root else {
        return Err(malformed("the top level is not an object".into()));
    };
    if check_code {
        match root.get("Code") {
            None | Some(Value::Null) => {}
            Some(Value::String(code)) if code == "Success" => {}
            Some(Value::String(code)) => {
                return Err(malformed(format!("`Code` is `{code}`, not `Success`")));
            }
            Some(_) => return Err(malformed("`Code` is not a string".into())),
        }
    }
    let fields: &Map<String, Value> = match within {
        None => &root,
        Some(key) => match root.get(key) {
            Some(Value::Object(inner)) => inner,
            Some(_) => return Err(malformed(format!("`{key}` is not an object"))),
            None => return Err(malformed(format!("`{key}` is missing"))),
        },
    };
    let field = |key: &str| -> Result<&str, CredentialsError> {
        let problem = match fields.get(key) {
            Some(Value::String(value)) if !value.trim().is_empty() => return Ok(value.trim()),
            None | Some(Value::Null) => "is missing",
            Some(Value::String(_)) => "is empty",
            Some(_) => "is not a string",
        };
        Err(malformed(format!("`{key}` {problem}")))
    };
    let expiration = field("Expiration")?;
    let expiry = time::parse_expiration(expiration)
        .ok_or_else(|| malformed("`Expiration` is not an RFC 3339 time".into()))?;
    check_expiry(service, expiry, response)?;
    Ok(
        Credentials::new(field("AccessKeyId")?, field("AccessKeySecret")?)
            .with_security_token(field("SecurityToken")?)
            .with_expiry(expiry),
    )
}

/// Refuses credentials that have expired already: as
/// [`CredentialsError::ClockSkew`] when the answer's `Date` says they are
/// still valid (so this machine's clock is ahead), else as
/// [`CredentialsError::Expired`].
fn check_expiry(
    service: &'static str,
    expiry: SystemTime,
    response: &HttpResponse,
) -> Result<(), CredentialsError> {
    let now = SystemTime::now();
    if expiry > now {
        return Ok(());
    }
    let server_time = response.header("date").and_then(time::parse_http_date);
    match server_time {
        Some(server_time) if expiry > server_time => Err(CredentialsError::ClockSkew {
            service,
            expiration: time::display(expiry),
            server_time: time::display(server_time),
            local_time: time::display(now),
        }),
        _ => Err(CredentialsError::Expired {
            service,
            expiration: time::display(expiry),
        }),
    }
}

/// An HTTP answer that is not 2xx, as an error of `service`.
pub(crate) fn status_error(
    service: &'static str,
    url: &str,
    status: u16,
    hint: Option<&'static str>,
) -> CredentialsError {
    CredentialsError::HttpStatus {
        service,
        url: shown_url(url),
        status,
        hint,
    }
}

/// A request that got no answer, as an error of `service`.
pub(crate) fn unreachable(
    service: &'static str,
    url: &str,
    error: crate::client::TransportError,
) -> CredentialsError {
    CredentialsError::Unreachable {
        service,
        url: shown_url(url),
        source: Box::new(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_shown_without_query_fragment_or_user() {
        assert_eq!(
            shown_url("http://user:pw@127.0.0.1:8080/creds?token=secret#frag"),
            "http://127.0.0.1:8080/creds"
        );
        assert_eq!(shown_url("not a url?token=secret"), "not a url");
    }
}
