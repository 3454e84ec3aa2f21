//! The default chain: the sources Alibaba Cloud's credentials libraries
//! try, in their order, with their variable names and files.

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::cache::CachedProvider;
use super::env::Env;
use super::http::{Fetch, HttpClients};
use super::imds::EcsRamRole;
use super::profile::Defaults;
use super::provider::BoxFuture;
#[cfg(feature = "client")]
use super::provider::ProvideCredentials;
#[cfg(feature = "blocking")]
use super::provider::ProvideCredentialsBlocking;
use super::source::Source;
use super::sts::{DEFAULT_STS_ENDPOINT, OidcRole, regional_endpoint};
use super::uri::CredentialsUri;
use super::{
    Credentials, CredentialsError, ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET, ENV_PROFILE,
    ProfileFile,
};

/// `ALIBABA_CLOUD_ROLE_ARN`: the role to assume with an OIDC token.
pub const ENV_ROLE_ARN: &str = "ALIBABA_CLOUD_ROLE_ARN";
/// `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`: the OIDC provider of the token.
pub const ENV_OIDC_PROVIDER_ARN: &str = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";
/// `ALIBABA_CLOUD_OIDC_TOKEN_FILE`: the file holding the OIDC token.
pub const ENV_OIDC_TOKEN_FILE: &str = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";
/// `ALIBABA_CLOUD_ROLE_SESSION_NAME`: the session name of assumed roles.
pub const ENV_ROLE_SESSION_NAME: &str = "ALIBABA_CLOUD_ROLE_SESSION_NAME";
/// `ALIBABA_CLOUD_CONFIG_FILE`: the `aliyun` CLI's config file.
pub const ENV_CONFIG_FILE: &str = "ALIBABA_CLOUD_CONFIG_FILE";
/// `ALIBABA_CLOUD_CLI_PROFILE_DISABLED`: `true` skips the CLI config.
pub const ENV_CLI_PROFILE_DISABLED: &str = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED";
/// `ALIBABA_CLOUD_CREDENTIALS_FILE`: the INI credentials file.
pub const ENV_CREDENTIALS_FILE: &str = "ALIBABA_CLOUD_CREDENTIALS_FILE";
/// `ALIBABA_CLOUD_ECS_METADATA`: the ECS RAM role's name.
pub const ENV_ECS_METADATA: &str = "ALIBABA_CLOUD_ECS_METADATA";
/// `ALIBABA_CLOUD_ECS_METADATA_DISABLED`: `true` skips the metadata service.
pub const ENV_ECS_METADATA_DISABLED: &str = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";
/// `ALIBABA_CLOUD_IMDSV1_DISABLED`: `true` refuses to read without an IMDSv2 token.
pub const ENV_IMDSV1_DISABLED: &str = "ALIBABA_CLOUD_IMDSV1_DISABLED";
/// `ALIBABA_CLOUD_CREDENTIALS_URI`: a URI that answers with credentials.
pub const ENV_CREDENTIALS_URI: &str = "ALIBABA_CLOUD_CREDENTIALS_URI";
/// `ALIBABA_CLOUD_STS_ENDPOINT`: the STS endpoint to call (ACK's RRSA
/// webhook sets it), as a host or `scheme://host[:port]`.
pub const ENV_STS_ENDPOINT: &str = "ALIBABA_CLOUD_STS_ENDPOINT";
/// `ALIBABA_CLOUD_STS_REGION`: the region whose STS endpoint to call.
pub const ENV_STS_REGION: &str = "ALIBABA_CLOUD_STS_REGION";
/// `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED`: `true` calls STS's VPC endpoint.
pub const ENV_VPC_ENDPOINT_ENABLED: &str = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED";

/// Alibaba Cloud's default credentials chain, as `credentials-go` and
/// `credentials-python` define it. [`resolve`](DefaultChain::resolve)
/// looks, in this order, at:
///
/// 1. `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and
///    the optional `ALIBABA_CLOUD_SECURITY_TOKEN`;
/// 2. OIDC (RRSA on ACK): `ALIBABA_CLOUD_ROLE_ARN`,
///    `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`, `ALIBABA_CLOUD_OIDC_TOKEN_FILE`
///    and the optional `ALIBABA_CLOUD_ROLE_SESSION_NAME`, exchanged
///    through STS `AssumeRoleWithOIDC`;
/// 3. the `aliyun` CLI's config (`ALIBABA_CLOUD_CONFIG_FILE`, else
///    `~/.aliyun/config.json`), profile `ALIBABA_CLOUD_PROFILE` else the
///    file's `current`: modes `AK`, `StsToken`, `RamRoleArn`,
///    `EcsRamRole`, `OIDC`, `ChainableRamRoleArn`;
/// 4. the credentials file (`ALIBABA_CLOUD_CREDENTIALS_FILE`, else
///    `~/.alibabacloud/credentials`), section `ALIBABA_CLOUD_PROFILE` else
///    `default`: types `access_key`, `ecs_ram_role`, `ram_role_arn`,
///    `oidc_role_arn`;
/// 5. the ECS RAM role from the metadata service, unless
///    `ALIBABA_CLOUD_ECS_METADATA_DISABLED` is `true` (role name from
///    `ALIBABA_CLOUD_ECS_METADATA`, else looked up; IMDSv1 refused when
///    `ALIBABA_CLOUD_IMDSV1_DISABLED` is `true`);
/// 6. `ALIBABA_CLOUD_CREDENTIALS_URI`.
///
/// Steps 1 to 4 read only variables and files: a source there that is
/// set up but broken (half the variables, a malformed file) is an error,
/// so that a mistake is not hidden by the next source. Steps 2, 5 and 6,
/// and the role modes of 3 and 4, need a network call: those are tried
/// in order at the first call, and the first that gives credentials is
/// kept for every refresh. STS calls go to `ALIBABA_CLOUD_STS_ENDPOINT`,
/// else to the region of `ALIBABA_CLOUD_STS_REGION` (its VPC endpoint
/// when `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED` is `true`), else to
/// `sts.aliyuncs.com`; a CLI profile's `sts_region` wins for its roles.
#[derive(Debug, Clone, Default)]
pub struct DefaultChain {
    env: Env,
    sts_endpoint: Option<String>,
    metadata_endpoint: Option<String>,
    metadata_timeout: Option<Duration>,
}

/// What [`DefaultChain::resolve`] found.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Resolved {
    /// Fixed credentials (an AccessKey pair, with a token maybe), which
    /// the clients sign with directly.
    Fixed(Credentials),
    /// Sources to fetch from, cached and refreshed before expiry.
    Refreshing(Arc<CachedProvider<ChainProvider>>),
}

impl DefaultChain {
    /// The chain over the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads variables (and `HOME`) from `env` instead of the process
    /// environment.
    #[must_use]
    pub fn env(mut self, env: Env) -> Self {
        self.env = env;
        self
    }

    /// Sends STS calls to `endpoint` (a host, or `scheme://host[:port]`)
    /// rather than the default or the environment's.
    #[must_use]
    pub fn sts_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.sts_endpoint = Some(endpoint.into());
        self
    }

    /// Asks this metadata service rather than `http://100.100.100.200`.
    #[must_use]
    pub fn metadata_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.metadata_endpoint = Some(endpoint.into());
        self
    }

    /// How long each request to the metadata service may take (default 1 s).
    #[must_use]
    pub fn metadata_timeout(mut self, timeout: Duration) -> Self {
        self.metadata_timeout = Some(timeout);
        self
    }

    fn defaults(&self) -> Defaults {
        let env = &self.env;
        let sts_endpoint = match (&self.sts_endpoint, env.var(ENV_STS_ENDPOINT)) {
            (Some(endpoint), _) => endpoint.clone(),
            (None, Some(endpoint)) => endpoint,
            (None, None) => match env.var(ENV_STS_REGION) {
                Some(region) => regional_endpoint(&region, env.is_true(ENV_VPC_ENDPOINT_ENABLED)),
                None => DEFAULT_STS_ENDPOINT.to_string(),
            },
        };
        let mut metadata = EcsRamRole::new().imdsv1_disabled(env.is_true(ENV_IMDSV1_DISABLED));
        if let Some(endpoint) = &self.metadata_endpoint {
            metadata = metadata.endpoint(endpoint.clone());
        }
        if let Some(timeout) = self.metadata_timeout {
            metadata = metadata.timeout(timeout);
        }
        Defaults {
            sts_endpoint,
            metadata,
        }
    }

    /// Walks the chain as far as it can without the network: fixed
    /// credentials if the first source that applies has them, else a
    /// provider over every source that may (tried at its first call).
    /// When no source applies, the error lists each and why.
    pub fn resolve(&self) -> Result<Resolved, CredentialsError> {
        let env = &self.env;
        let defaults = self.defaults();
        // What the chain passed over and what it may fetch from, in order.
        let mut steps: Vec<Step> = Vec::new();

        // 1. AccessKey variables.
        if let Some(credentials) = Credentials::from_env_vars(env.lookup())? {
            return Ok(Resolved::Fixed(credentials));
        }
        steps.push(Step::Skipped(format!(
            "environment variables {ENV_ACCESS_KEY_ID} and {ENV_ACCESS_KEY_SECRET}: not set"
        )));

        // 2. OIDC (RRSA).
        match oidc_from_env(env, &defaults)? {
            Some(role) => steps.push(Step::Source(
                format!(
                    "OIDC role from {ENV_ROLE_ARN} (token file {})",
                    role.token_file().display()
                ),
                Source::Oidc(role),
            )),
            None => steps.push(Step::Skipped(format!(
                "OIDC: {ENV_ROLE_ARN}, {ENV_OIDC_PROVIDER_ARN} and {ENV_OIDC_TOKEN_FILE} not set"
            ))),
        }

        let profile = env.var(ENV_PROFILE);

        // 3. The aliyun CLI's config.
        if env.is_true(ENV_CLI_PROFILE_DISABLED) {
            steps.push(Step::Skipped(format!(
                "aliyun CLI config: disabled by {ENV_CLI_PROFILE_DISABLED}"
            )));
        } else {
            match named_or_home(env, ENV_CONFIG_FILE, &[".aliyun", "config.json"]) {
                None => steps.push(Step::Skipped(format!(
                    "aliyun CLI config: {ENV_CONFIG_FILE} not set and no home directory"
                ))),
                Some((path, named)) if !named && !path.exists() => steps.push(Step::Skipped(
                    format!("aliyun CLI config {}: not found", path.display()),
                )),
                Some((path, _)) => {
                    let text = std::fs::read_to_string(&path).map_err(|source| {
                        CredentialsError::ReadProfileFile {
                            path: path.clone(),
                            source,
                        }
                    })?;
                    let file = ProfileFile::parse(&path, &text)?;
                    match file.source(profile.as_deref(), &defaults) {
                        Ok(source) => steps.push(Step::Source(
                            format!("aliyun CLI config {}", path.display()),
                            source,
                        )),
                        // A profile named for the credentials file only.
                        Err(error @ CredentialsError::ProfileNotFound { .. }) => {
                            steps.push(Step::Skipped(format!("aliyun CLI config: {error}")));
                        }
                        Err(error) => return Err(error),
                    }
                }
            }
        }

        // 4. The credentials file.
        let section = profile.as_deref().unwrap_or("default");
        match named_or_home(env, ENV_CREDENTIALS_FILE, &[".alibabacloud", "credentials"]) {
            None => steps.push(Step::Skipped(format!(
                "credentials file: {ENV_CREDENTIALS_FILE} not set and no home directory"
            ))),
            Some((path, named)) if !named && !path.exists() => steps.push(Step::Skipped(format!(
                "credentials file {}: not found",
                path.display()
            ))),
            Some((path, _)) => {
                let text = std::fs::read_to_string(&path).map_err(|source| {
                    CredentialsError::ReadCredentialsFile {
                        path: path.clone(),
                        source,
                    }
                })?;
                match super::ini::source(&path, &text, section, &defaults)? {
                    Some(source) => {
                        steps.push(Step::Source(
                            format!("credentials file {}", path.display()),
                            source,
                        ));
                    }
                    None => steps.push(Step::Skipped(format!(
                        "credentials file {}: no profile [{section}]",
                        path.display()
                    ))),
                }
            }
        }

        // 5. The ECS RAM role.
        if env.is_true(ENV_ECS_METADATA_DISABLED) {
            steps.push(Step::Skipped(format!(
                "ECS metadata service: disabled by {ENV_ECS_METADATA_DISABLED}"
            )));
        } else {
            let mut role = defaults.metadata.clone();
            if let Some(name) = env.var(ENV_ECS_METADATA) {
                role = role.role_name(name);
            }
            steps.push(Step::Source("ECS RAM role".to_string(), Source::Ecs(role)));
        }

        // 6. A credentials URI.
        match env.var(ENV_CREDENTIALS_URI) {
            Some(uri) => steps.push(Step::Source(
                format!("credentials URI from {ENV_CREDENTIALS_URI}"),
                Source::Uri(CredentialsUri::new(uri)),
            )),
            None => steps.push(Step::Skipped(format!(
                "credentials URI: {ENV_CREDENTIALS_URI} not set"
            ))),
        }

        let first = steps.iter().find_map(|step| match step {
            Step::Source(_, source) => Some(source),
            Step::Skipped(_) => None,
        });
        let Some(first) = first else {
            let tried = steps
                .into_iter()
                .filter_map(|step| match step {
                    Step::Skipped(text) => Some(text),
                    Step::Source(..) => None,
                })
                .collect();
            return Err(CredentialsError::NotFound { tried });
        };
        if let Some(credentials) = first.is_static() {
            return Ok(Resolved::Fixed(credentials.clone()));
        }
        Ok(Resolved::Refreshing(Arc::new(CachedProvider::new(
            ChainProvider {
                steps,
                http: HttpClients::default(),
                chosen: Mutex::new(None),
            },
        ))))
    }
}

/// The OIDC role of the environment: `None` when none of its variables is
/// set, an error when some are.
fn oidc_from_env(env: &Env, defaults: &Defaults) -> Result<Option<OidcRole>, CredentialsError> {
    let names = [ENV_ROLE_ARN, ENV_OIDC_PROVIDER_ARN, ENV_OIDC_TOKEN_FILE];
    let values = names.map(|name| env.var(name));
    let Some(set) = names.iter().zip(&values).find(|(_, value)| value.is_some()) else {
        return Ok(None);
    };
    if let Some((missing, _)) = names.iter().zip(&values).find(|(_, value)| value.is_none()) {
        return Err(CredentialsError::IncompleteSourceEnv {
            source_name: "OIDC (RRSA)",
            set: set.0,
            missing,
        });
    }
    let [Some(role_arn), Some(provider_arn), Some(token_file)] = values else {
        return Ok(None);
    };
    let mut role = OidcRole::new(role_arn, provider_arn, token_file)
        .sts_endpoint(defaults.sts_endpoint.clone());
    if let Some(session) = env.var(ENV_ROLE_SESSION_NAME) {
        role = role.session_name(session);
    }
    Ok(Some(role))
}

/// The file named by `variable` (and `true`), else `relative` under the
/// home directory (and `false`).
fn named_or_home(env: &Env, variable: &str, relative: &[&str]) -> Option<(PathBuf, bool)> {
    if let Some(path) = env.var(variable) {
        return Some((PathBuf::from(path), true));
    }
    let mut path = env.home()?;
    path.extend(relative);
    Some((path, false))
}

/// A step of the chain: passed over without the network (and why), or a
/// source to fetch from (and its label).
enum Step {
    Skipped(String),
    Source(String, Source),
}

/// The sources of a [`DefaultChain`] that need fetching: tried in order
/// at the first call; the first that answers is kept.
pub struct ChainProvider {
    steps: Vec<Step>,
    http: HttpClients,
    chosen: Mutex<Option<usize>>,
}

impl fmt::Debug for ChainProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let labels: Vec<&str> = self
            .steps
            .iter()
            .filter_map(|step| match step {
                Step::Source(label, _) => Some(label.as_str()),
                Step::Skipped(_) => None,
            })
            .collect();
        f.debug_struct("ChainProvider")
            .field("sources", &labels)
            .finish_non_exhaustive()
    }
}

impl ChainProvider {
    fn fetch<'a>(
        &'a self,
        http: &'a dyn Fetch,
    ) -> BoxFuture<'a, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            let chosen = *self.chosen.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(Step::Source(_, source)) = chosen.and_then(|index| self.steps.get(index)) {
                return source.fetch(http).await;
            }
            // Every step in the chain's order, passed over or failed.
            let mut tried = Vec::with_capacity(self.steps.len());
            for (index, step) in self.steps.iter().enumerate() {
                match step {
                    Step::Skipped(text) => tried.push(text.clone()),
                    Step::Source(label, source) => match source.fetch(http).await {
                        Ok(credentials) => {
                            *self.chosen.lock().unwrap_or_else(PoisonError::into_inner) =
                                Some(index);
                            return Ok(credentials);
                        }
                        Err(error) => {
                            tried.push(format!("{label}: {}", super::with_causes(&error)))
                        }
                    },
                }
            }
            Err(CredentialsError::NotFound { tried })
        })
    }
}

#[cfg(feature = "client")]
impl ProvideCredentials for ChainProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            let fetch = self.http.async_fetch()?;
            self.fetch(&fetch).await
        })
    }
}

#[cfg(feature = "blocking")]
impl ProvideCredentialsBlocking for ChainProvider {
    fn provide_credentials_blocking(&self) -> Result<Credentials, CredentialsError> {
        let fetch = self.http.blocking_fetch()?;
        super::http::block_on(self.fetch(&fetch))
    }
}
