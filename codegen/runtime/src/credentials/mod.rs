//! The AccessKey pair (and optional STS token) that signs requests, the
//! providers that give it to the clients, and the places it comes from.
//!
//! - [`Credentials`]: a pair, a token and an optional expiry. Fixed
//!   credentials are signed with directly, at no cost.
//! - [`ProvideCredentials`] / [`ProvideCredentialsBlocking`]: what a
//!   client asks before every attempt when credentials change over time;
//!   [`CachedProvider`] keeps them until shortly before they expire.
//! - With a client feature: the sources of Alibaba Cloud's default chain
//!   ([`DefaultChain`]): environment variables, OIDC (RRSA), the `aliyun`
//!   CLI's `config.json`, the `~/.alibabacloud/credentials` file, the ECS
//!   RAM role of the metadata service, and a credentials URI; and the
//!   providers behind them ([`SourceProvider`]).
//!
//! Secrets are held in [`Secret`], whose `Debug` and `Display` print `***`,
//! so that logging a [`Credentials`] or an error never leaks them. Errors
//! name variables, files, profiles, fields and hosts, never their values.

#[cfg(any(feature = "client", feature = "blocking"))]
mod cache;
#[cfg(any(feature = "client", feature = "blocking"))]
mod chain;
#[cfg(any(feature = "client", feature = "blocking"))]
mod env;
#[cfg(any(feature = "client", feature = "blocking"))]
mod http;
#[cfg(any(feature = "client", feature = "blocking"))]
mod imds;
#[cfg(any(feature = "client", feature = "blocking"))]
mod ini;
#[cfg(any(feature = "client", feature = "blocking"))]
mod profile;
mod provider;
#[cfg(any(feature = "client", feature = "blocking"))]
mod source;
#[cfg(any(feature = "client", feature = "blocking"))]
mod sts;
pub(crate) mod time;
#[cfg(any(feature = "client", feature = "blocking"))]
mod uri;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

#[cfg(any(feature = "client", feature = "blocking"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "client", feature = "blocking"))))]
pub use cache::{CachedProvider, DEFAULT_REFRESH_BEFORE, DEFAULT_RETRY_AFTER_FAILURE};
#[cfg(any(feature = "client", feature = "blocking"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "client", feature = "blocking"))))]
pub use chain::{
    ChainProvider, DefaultChain, ENV_CLI_PROFILE_DISABLED, ENV_CONFIG_FILE, ENV_CREDENTIALS_FILE,
    ENV_CREDENTIALS_URI, ENV_ECS_METADATA, ENV_ECS_METADATA_DISABLED, ENV_IMDSV1_DISABLED,
    ENV_OIDC_PROVIDER_ARN, ENV_OIDC_TOKEN_FILE, ENV_ROLE_ARN, ENV_ROLE_SESSION_NAME,
    ENV_STS_ENDPOINT, ENV_STS_REGION, ENV_VPC_ENDPOINT_ENABLED, Resolved,
};
#[cfg(any(feature = "client", feature = "blocking"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "client", feature = "blocking"))))]
pub use env::Env;
#[cfg(any(feature = "client", feature = "blocking"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "client", feature = "blocking"))))]
pub use imds::{DEFAULT_METADATA_ENDPOINT, EcsRamRole};
pub use provider::{BoxFuture, ProvideCredentials, ProvideCredentialsBlocking};
#[cfg(any(feature = "client", feature = "blocking"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "client", feature = "blocking"))))]
pub use source::SourceProvider;
#[cfg(any(feature = "client", feature = "blocking"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "client", feature = "blocking"))))]
pub use sts::{AssumeRole, DEFAULT_STS_ENDPOINT, OidcRole};
#[cfg(any(feature = "client", feature = "blocking"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "client", feature = "blocking"))))]
pub use uri::CredentialsUri;

use serde_json::{Map, Value};

/// Environment variable holding the AccessKey ID.
pub const ENV_ACCESS_KEY_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
/// Environment variable holding the AccessKey secret.
pub const ENV_ACCESS_KEY_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
/// Environment variable holding an STS security token (optional).
pub const ENV_SECURITY_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";
/// Environment variable naming the profile to use from the profile file.
pub const ENV_PROFILE: &str = "ALIBABA_CLOUD_PROFILE";

/// A secret string whose `Debug` and `Display` print `***`.
///
/// The value is only reachable through [`Secret::expose`], so every place
/// that uses it is easy to find.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps `value`.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret value, for signing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// An AccessKey pair, with an STS security token when the pair is
/// temporary, and the time it expires when that is known.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: Secret,
    security_token: Option<Secret>,
    expiry: Option<SystemTime>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .field("security_token", &self.security_token)
            .field("expiry", &self.expiry.map(time::display))
            .finish()
    }
}

/// Why credentials could not be read. Never holds a secret value.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialsError {
    /// One of the AccessKey ID and secret variables is set, the other is not.
    #[error("environment variable {set} is set but {missing} is not")]
    IncompleteEnv {
        /// The variable that is set.
        set: &'static str,
        /// The variable that is missing.
        missing: &'static str,
    },
    /// The profile file could not be read.
    #[error("cannot read profile file {}: {source}", path.display())]
    ReadProfileFile {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The profile file is not JSON. (A syntax error names a line and
    /// column, never the text there.)
    #[error("profile file {} is not valid JSON: {source}", path.display())]
    ProfileFileSyntax {
        /// The file.
        path: PathBuf,
        /// The JSON syntax error.
        source: serde_json::Error,
    },
    /// The profile file is JSON but not in the `aliyun` CLI's format.
    #[error("profile file {}: {problem}", path.display())]
    InvalidProfileFile {
        /// The file.
        path: PathBuf,
        /// What is wrong, naming the field.
        problem: String,
    },
    /// The profile asked for is not in the file.
    #[error("profile file {}: no profile named `{profile}`", path.display())]
    ProfileNotFound {
        /// The file.
        path: PathBuf,
        /// The profile asked for.
        profile: String,
    },
    /// The profile uses a credential mode this crate does not support.
    #[error(
        "profile file {}: profile `{profile}` uses mode `{mode}`, which is not supported (supported: {supported})",
        path.display()
    )]
    UnsupportedMode {
        /// The file.
        path: PathBuf,
        /// The profile.
        profile: String,
        /// Its mode, such as `CloudSSO`.
        mode: String,
        /// The modes that are supported where it was read.
        supported: &'static str,
    },
    /// No source in the default chain had credentials.
    #[error("no Alibaba Cloud credentials found; tried: {}", tried.join("; "))]
    NotFound {
        /// Each source tried, and why it had none.
        tried: Vec<String>,
    },
    /// Some of the variables a source needs are set, not all.
    #[error(
        "environment variable {set} is set but {missing} is not ({source_name} needs all its variables)"
    )]
    IncompleteSourceEnv {
        /// The source, such as `OIDC (RRSA)`.
        source_name: &'static str,
        /// A variable that is set.
        set: &'static str,
        /// A variable that is missing.
        missing: &'static str,
    },
    /// A credentials service (the ECS metadata service, STS, a
    /// credentials URI) could not be reached, or did not answer in time.
    #[error("{service}: no answer from {url}")]
    Unreachable {
        /// The service, such as `ECS metadata service`.
        service: &'static str,
        /// The URL asked, without its query.
        url: String,
        /// The transport's error.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A credentials service answered with an HTTP error.
    #[error("{service}: {url} answered HTTP {status}{}", hint_text(hint))]
    HttpStatus {
        /// The service, such as `ECS metadata service`.
        service: &'static str,
        /// The URL asked, without its query.
        url: String,
        /// The HTTP status.
        status: u16,
        /// What the status usually means here, if anything.
        hint: Option<&'static str>,
    },
    /// STS refused to give credentials.
    #[error(
        "STS {action} refused: HTTP {status}, code {}, request ID {}{}",
        code.as_deref().unwrap_or("(none)"),
        request_id.as_deref().unwrap_or("(none)"),
        message.as_deref().map(|message| format!(": {message}")).unwrap_or_default()
    )]
    StsRefused {
        /// `AssumeRole` or `AssumeRoleWithOIDC`.
        action: &'static str,
        /// The HTTP status.
        status: u16,
        /// The error code, such as `EntityNotExist.Role`.
        code: Option<String>,
        /// The error message, with anything secret that was sent removed.
        message: Option<String>,
        /// The request ID, to quote to support.
        request_id: Option<String>,
    },
    /// The OIDC token file could not be read.
    #[error("cannot read the OIDC token file {}", path.display())]
    ReadTokenFile {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The OIDC token file is empty.
    #[error("the OIDC token file {} is empty", path.display())]
    EmptyTokenFile {
        /// The file.
        path: PathBuf,
    },
    /// A credentials service answered something that is not credentials.
    /// (A JSON syntax error names a line and column, never the text.)
    #[error("{service}: the answer is not valid credentials: {problem}")]
    MalformedResponse {
        /// The service.
        service: &'static str,
        /// What is wrong, naming the field.
        problem: String,
    },
    /// The credentials file could not be read.
    #[error("cannot read credentials file {}", path.display())]
    ReadCredentialsFile {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The credentials file is not valid INI, or a profile in it is not
    /// usable.
    #[error("credentials file {}: {problem}", path.display())]
    InvalidCredentialsFile {
        /// The file.
        path: PathBuf,
        /// What is wrong, naming the section and key.
        problem: String,
    },
    /// An STS endpoint is not `host`, `host:port` or `scheme://host[:port]`.
    #[error("{service}: invalid endpoint {endpoint:?}")]
    InvalidEndpoint {
        /// The service.
        service: &'static str,
        /// The endpoint given.
        endpoint: String,
    },
    /// A request for credentials could not be signed.
    #[error("cannot sign the request for credentials")]
    Sign(#[source] crate::sign::SignError),
    /// Credentials arrived already expired.
    #[error("{service} gave credentials that expired at {expiration}")]
    Expired {
        /// Where they came from.
        service: &'static str,
        /// Their `Expiration`.
        expiration: String,
    },
    /// Credentials arrived that the server's clock says are valid but this
    /// machine's clock says have expired: the system clock is probably
    /// wrong.
    #[error(
        "{service} gave credentials valid until {expiration} by its clock ({server_time}), but this machine's clock says {local_time}: check the system clock"
    )]
    ClockSkew {
        /// Where they came from.
        service: &'static str,
        /// Their `Expiration`.
        expiration: String,
        /// The time the server's `Date` header gave.
        server_time: String,
        /// This machine's time.
        local_time: String,
    },
}

/// An error and its causes, `: `-separated, for messages that show a
/// whole chain (the default chain's list, the stale-credentials line).
#[cfg(any(feature = "client", feature = "blocking"))]
fn with_causes(error: &CredentialsError) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// The hint of [`CredentialsError::HttpStatus`], as shown.
fn hint_text(hint: &Option<&'static str>) -> String {
    hint.map(|hint| format!(" ({hint})")).unwrap_or_default()
}

impl Credentials {
    /// A long-term AccessKey pair.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            access_key_secret: Secret::new(access_key_secret),
            security_token: None,
            expiry: None,
        }
    }

    /// The same credentials, valid until `expiry` (STS credentials are).
    /// A [`CachedProvider`] refreshes them shortly before.
    #[must_use]
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// When the credentials expire, if they do.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// The same pair with an STS security token, as temporary credentials
    /// from STS need.
    #[must_use]
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(Secret::new(token));
        self
    }

    /// The AccessKey ID (not a secret: it is sent with every request).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The AccessKey secret.
    pub fn access_key_secret(&self) -> &Secret {
        &self.access_key_secret
    }

    /// The STS security token, if any.
    pub fn security_token(&self) -> Option<&Secret> {
        self.security_token.as_ref()
    }

    /// Reads `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`
    /// and the optional `ALIBABA_CLOUD_SECURITY_TOKEN` through `lookup`
    /// (`|name| std::env::var(name).ok()` for the real environment).
    ///
    /// An empty variable counts as unset. `Ok(None)` when neither the ID nor
    /// the secret is set; an error when only one is.
    pub fn from_env_vars(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<Self>, CredentialsError> {
        let get = |name: &str| lookup(name).filter(|value| !value.is_empty());
        let id = get(ENV_ACCESS_KEY_ID);
        let secret = get(ENV_ACCESS_KEY_SECRET);
        let credentials = match (id, secret) {
            (None, None) => return Ok(None),
            (Some(_), None) => {
                return Err(CredentialsError::IncompleteEnv {
                    set: ENV_ACCESS_KEY_ID,
                    missing: ENV_ACCESS_KEY_SECRET,
                });
            }
            (None, Some(_)) => {
                return Err(CredentialsError::IncompleteEnv {
                    set: ENV_ACCESS_KEY_SECRET,
                    missing: ENV_ACCESS_KEY_ID,
                });
            }
            (Some(id), Some(secret)) => Self::new(id, secret),
        };
        Ok(Some(match get(ENV_SECURITY_TOKEN) {
            Some(token) => credentials.with_security_token(token),
            None => credentials,
        }))
    }

    /// Reads a profile from the `aliyun` CLI's `config.json`.
    ///
    /// The profile is `profile` if given, else the file's `current`, else
    /// `default`. Modes `AK` and `StsToken` are supported; any other mode
    /// is an error naming it.
    pub fn from_profile_file(
        path: impl AsRef<Path>,
        profile: Option<&str>,
    ) -> Result<Self, CredentialsError> {
        let path = path.as_ref();
        let text =
            std::fs::read_to_string(path).map_err(|source| CredentialsError::ReadProfileFile {
                path: path.to_path_buf(),
                source,
            })?;
        ProfileFile::parse(path, &text)?.credentials(profile)
    }

    /// Tries, in order, the environment variables (see
    /// [`Credentials::from_env_vars`]) and the profile file
    /// `$HOME/.aliyun/config.json` with the profile named by
    /// `ALIBABA_CLOUD_PROFILE` if set.
    ///
    /// A source that is present but broken (half-set variables, an invalid
    /// file, a missing named profile) is an error rather than skipped, so a
    /// mistake is not papered over by the next source. When no source has
    /// credentials the error lists what was tried.
    ///
    /// These are the static sources only (`AK` and `StsToken` profiles),
    /// for code without a client. The clients resolve the whole default
    /// chain, with roles, OIDC and the metadata service: `DefaultChain`
    /// (features `client` and `blocking`).
    pub fn from_default_chain() -> Result<Self, CredentialsError> {
        default_chain(|name| std::env::var(name).ok())
    }
}

/// The `region_id` of the `aliyun` CLI profile that the default chain
/// reads: `ALIBABA_CLOUD_CONFIG_FILE`, else `$HOME/.aliyun/config.json`,
/// the profile named by `ALIBABA_CLOUD_PROFILE`, else the file's `current`,
/// else `default`. `None` when there is no such file, profile or field, or
/// the file cannot be read (the credentials chain reports that).
pub fn profile_region_id() -> Option<String> {
    profile_region_with(|name| std::env::var(name).ok())
}

/// [`profile_region_id`] with the environment read through `lookup`.
fn profile_region_with(lookup: impl Fn(&str) -> Option<String>) -> Option<String> {
    // The file the default chain reads: `ALIBABA_CLOUD_CONFIG_FILE`, else
    // the CLI's own.
    let path = match lookup("ALIBABA_CLOUD_CONFIG_FILE").filter(|path| !path.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => {
            let home = lookup("HOME").filter(|home| !home.is_empty())?;
            Path::new(&home).join(".aliyun").join("config.json")
        }
    };
    let text = std::fs::read_to_string(&path).ok()?;
    let file = ProfileFile::parse(&path, &text).ok()?;
    let profile = lookup(ENV_PROFILE).filter(|name| !name.is_empty());
    let name = profile
        .as_deref()
        .or(file.current.as_deref())
        .unwrap_or("default");
    let fields = file
        .profiles
        .iter()
        .find(|fields| fields.get("name").and_then(Value::as_str) == Some(name))?;
    fields
        .get("region_id")
        .and_then(Value::as_str)
        .filter(|region| !region.is_empty())
        .map(str::to_string)
}

/// The default chain with the environment read through `lookup`, so tests
/// need not change the process environment.
fn default_chain(lookup: impl Fn(&str) -> Option<String>) -> Result<Credentials, CredentialsError> {
    let mut tried = Vec::new();
    if let Some(credentials) = Credentials::from_env_vars(&lookup)? {
        return Ok(credentials);
    }
    tried.push(format!(
        "environment variables {ENV_ACCESS_KEY_ID} and {ENV_ACCESS_KEY_SECRET} (not set)"
    ));
    match lookup("HOME").filter(|home| !home.is_empty()) {
        None => tried.push("profile file $HOME/.aliyun/config.json (HOME is not set)".into()),
        Some(home) => {
            let path = Path::new(&home).join(".aliyun").join("config.json");
            if path.exists() {
                let profile = lookup(ENV_PROFILE).filter(|name| !name.is_empty());
                return Credentials::from_profile_file(&path, profile.as_deref());
            }
            tried.push(format!("profile file {} (not found)", path.display()));
        }
    }
    Err(CredentialsError::NotFound { tried })
}

/// The parts of the `aliyun` CLI's `config.json` that hold credentials.
///
/// Read from a [`Value`] by hand rather than derived with serde, because
/// serde's type errors quote the offending value, which may be a secret.
pub(crate) struct ProfileFile<'a> {
    pub(crate) path: &'a Path,
    pub(crate) current: Option<String>,
    pub(crate) profiles: Vec<Map<String, Value>>,
}

impl<'a> ProfileFile<'a> {
    pub(crate) fn parse(path: &'a Path, text: &str) -> Result<Self, CredentialsError> {
        let invalid = |problem: &str| CredentialsError::InvalidProfileFile {
            path: path.to_path_buf(),
            problem: problem.to_string(),
        };
        let value: Value =
            serde_json::from_str(text).map_err(|source| CredentialsError::ProfileFileSyntax {
                path: path.to_path_buf(),
                source,
            })?;
        let Value::Object(mut root) = value else {
            return Err(invalid("the top level is not an object"));
        };
        let current = match root.remove("current") {
            None | Some(Value::Null) => None,
            Some(Value::String(name)) => Some(name).filter(|name| !name.is_empty()),
            Some(_) => return Err(invalid("`current` is not a string")),
        };
        let profiles = match root.remove("profiles") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                let mut profiles = Vec::with_capacity(items.len());
                for (index, item) in items.into_iter().enumerate() {
                    match item {
                        Value::Object(profile) => profiles.push(profile),
                        _ => return Err(invalid(&format!("`profiles[{index}]` is not an object"))),
                    }
                }
                profiles
            }
            Some(_) => return Err(invalid("`profiles` is not a list")),
        };
        Ok(Self {
            path,
            current,
            profiles,
        })
    }

    fn credentials(&self, profile: Option<&str>) -> Result<Credentials, CredentialsError> {
        let name = profile
            .or(self.current.as_deref())
            .unwrap_or("default")
            .to_string();
        let Some(fields) = self
            .profiles
            .iter()
            .find(|fields| fields.get("name").and_then(Value::as_str) == Some(name.as_str()))
        else {
            return Err(CredentialsError::ProfileNotFound {
                path: self.path.to_path_buf(),
                profile: name,
            });
        };
        let field = |key: &str| self.required(fields, &name, key);
        let mode = field("mode")?;
        match mode {
            "AK" => Ok(Credentials::new(
                field("access_key_id")?,
                field("access_key_secret")?,
            )),
            "StsToken" => Ok(Credentials::new(
                field("access_key_id")?,
                field("access_key_secret")?,
            )
            .with_security_token(field("sts_token")?)),
            other => Err(CredentialsError::UnsupportedMode {
                path: self.path.to_path_buf(),
                profile: name.clone(),
                mode: other.to_string(),
                supported: "AK, StsToken",
            }),
        }
    }

    /// A non-empty string field of a profile; the error names the field only.
    pub(crate) fn required<'f>(
        &self,
        fields: &'f Map<String, Value>,
        profile: &str,
        key: &str,
    ) -> Result<&'f str, CredentialsError> {
        let problem = match fields.get(key) {
            Some(Value::String(value)) if !value.is_empty() => return Ok(value),
            None | Some(Value::Null) => "is missing",
            Some(Value::String(_)) => "is empty",
            Some(_) => "is not a string",
        };
        Err(CredentialsError::InvalidProfileFile {
            path: self.path.to_path_buf(),
            problem: format!("profile `{profile}`: `{key}` {problem}"),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    const SECRET: &str = "TopSecretValue123";
    const TOKEN: &str = "TopSecretToken456";

    /// A file under the system temp directory, removed on drop.
    struct TempFile(PathBuf);

    impl TempFile {
        fn new(name: &str, contents: &str) -> Self {
            static COUNTER: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "alibabacloud-runtime-{}-{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&dir).expect("create temp dir");
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("create parent dir");
            }
            std::fs::write(&path, contents).expect("write temp file");
            Self(dir)
        }

        fn dir(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| map.get(name).cloned()
    }

    fn config() -> String {
        format!(
            r#"{{
  "current": "work",
  "profiles": [
    {{"name": "default", "mode": "AK", "access_key_id": "id-default", "access_key_secret": "{SECRET}", "region_id": "cn-hangzhou"}},
    {{"name": "work", "mode": "StsToken", "access_key_id": "id-work", "access_key_secret": "{SECRET}", "sts_token": "{TOKEN}", "region_id": "cn-shanghai"}},
    {{"name": "role", "mode": "RamRoleArn", "access_key_id": "id-role", "access_key_secret": "{SECRET}", "ram_role_arn": "acs:ram::1:role/r"}},
    {{"name": "broken", "mode": "AK", "access_key_id": "id-broken", "access_key_secret": 42}}
  ]
}}"#
        )
    }

    fn assert_no_secret(text: &str) {
        assert!(!text.contains(SECRET), "secret leaked: {text}");
        assert!(!text.contains(TOKEN), "token leaked: {text}");
    }

    #[test]
    fn debug_and_display_hide_secrets() {
        let credentials = Credentials::new("my-id", SECRET).with_security_token(TOKEN);
        let debug = format!("{credentials:?}");
        assert_no_secret(&debug);
        assert_eq!(
            debug,
            r#"Credentials { access_key_id: "my-id", access_key_secret: ***, security_token: Some(***), expiry: None }"#
        );
        assert!(format!("{credentials:#?}").contains("my-id"));
        assert_no_secret(&format!("{credentials:#?}"));
        assert_eq!(credentials.access_key_secret().to_string(), "***");
        assert_eq!(credentials.access_key_secret().expose(), SECRET);
        assert_eq!(
            credentials.security_token().map(Secret::expose),
            Some(TOKEN)
        );
    }

    #[test]
    fn env_vars_with_and_without_token() {
        let plain = Credentials::from_env_vars(env(&[
            (ENV_ACCESS_KEY_ID, "id"),
            (ENV_ACCESS_KEY_SECRET, SECRET),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(plain, Credentials::new("id", SECRET));

        let sts = Credentials::from_env_vars(env(&[
            (ENV_ACCESS_KEY_ID, "id"),
            (ENV_ACCESS_KEY_SECRET, SECRET),
            (ENV_SECURITY_TOKEN, TOKEN),
        ]))
        .unwrap()
        .unwrap();
        assert_eq!(
            sts,
            Credentials::new("id", SECRET).with_security_token(TOKEN)
        );
    }

    #[test]
    fn env_vars_unset_or_empty_is_none() {
        assert_eq!(Credentials::from_env_vars(env(&[])).unwrap(), None);
        let empty = env(&[(ENV_ACCESS_KEY_ID, ""), (ENV_ACCESS_KEY_SECRET, "")]);
        assert_eq!(Credentials::from_env_vars(empty).unwrap(), None);
    }

    #[test]
    fn env_vars_half_set_is_an_error() {
        let error =
            Credentials::from_env_vars(env(&[(ENV_ACCESS_KEY_SECRET, SECRET)])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "environment variable ALIBABA_CLOUD_ACCESS_KEY_SECRET is set but ALIBABA_CLOUD_ACCESS_KEY_ID is not"
        );
        assert_no_secret(&error.to_string());
        let error = Credentials::from_env_vars(env(&[(ENV_ACCESS_KEY_ID, "id")])).unwrap_err();
        assert!(matches!(
            error,
            CredentialsError::IncompleteEnv {
                missing: ENV_ACCESS_KEY_SECRET,
                ..
            }
        ));
    }

    #[test]
    fn profile_file_picks_named_then_current_then_default() {
        let file = TempFile::new("config.json", &config());
        let path = file.dir().join("config.json");

        let named = Credentials::from_profile_file(&path, Some("default")).unwrap();
        assert_eq!(named, Credentials::new("id-default", SECRET));

        let current = Credentials::from_profile_file(&path, None).unwrap();
        assert_eq!(
            current,
            Credentials::new("id-work", SECRET).with_security_token(TOKEN)
        );

        let no_current = TempFile::new(
            "config.json",
            &config().replace(r#""current": "work","#, ""),
        );
        let fallback =
            Credentials::from_profile_file(no_current.dir().join("config.json"), None).unwrap();
        assert_eq!(fallback.access_key_id(), "id-default");
    }

    #[test]
    fn profile_file_errors_name_the_problem_without_secrets() {
        let file = TempFile::new("config.json", &config());
        let path = file.dir().join("config.json");
        let message = |profile| {
            let error = Credentials::from_profile_file(&path, Some(profile)).unwrap_err();
            let text = error.to_string();
            assert_no_secret(&text);
            assert_no_secret(&format!("{error:?}"));
            text
        };
        let display = path.display();
        assert_eq!(
            message("role"),
            format!(
                "profile file {display}: profile `role` uses mode `RamRoleArn`, which is not supported (supported: AK, StsToken)"
            )
        );
        assert_eq!(
            message("broken"),
            format!(
                "profile file {display}: profile `broken`: `access_key_secret` is not a string"
            )
        );
        assert_eq!(
            message("nobody"),
            format!("profile file {display}: no profile named `nobody`")
        );
    }

    #[test]
    fn malformed_profile_files() {
        let cases = [
            (
                format!(r#"{{"profiles": [{{"access_key_secret": "{SECRET}" x}}]}}"#),
                "is not valid JSON",
            ),
            (format!(r#"["{SECRET}"]"#), "the top level is not an object"),
            (
                format!(r#"{{"profiles": "{SECRET}"}}"#),
                "`profiles` is not a list",
            ),
            (
                format!(r#"{{"profiles": ["{SECRET}"]}}"#),
                "`profiles[0]` is not an object",
            ),
            (
                format!(r#"{{"current": ["{SECRET}"]}}"#),
                "`current` is not a string",
            ),
            (
                format!(
                    r#"{{"profiles": [{{"name": "default", "mode": "AK", "access_key_secret": "{SECRET}"}}]}}"#
                ),
                "profile `default`: `access_key_id` is missing",
            ),
            (
                format!(
                    r#"{{"profiles": [{{"name": "default", "mode": "StsToken", "access_key_id": "i", "access_key_secret": "{SECRET}", "sts_token": ""}}]}}"#
                ),
                "profile `default`: `sts_token` is empty",
            ),
        ];
        for (text, expected) in cases {
            let file = TempFile::new("config.json", &text);
            let error =
                Credentials::from_profile_file(file.dir().join("config.json"), None).unwrap_err();
            let message = error.to_string();
            assert!(
                message.contains(expected),
                "{message} should contain {expected}"
            );
            assert_no_secret(&message);
            assert_no_secret(&format!("{error:?}"));
        }
    }

    #[test]
    fn missing_profile_file_is_a_read_error() {
        let path = std::env::temp_dir().join("alibabacloud-runtime-no-such-dir/config.json");
        let error = Credentials::from_profile_file(&path, None).unwrap_err();
        assert!(matches!(error, CredentialsError::ReadProfileFile { .. }));
    }

    #[test]
    fn chain_prefers_env_vars() {
        let home = TempFile::new(".aliyun/config.json", &config());
        let home_dir = home.dir().to_string_lossy().into_owned();
        let credentials = default_chain(env(&[
            (ENV_ACCESS_KEY_ID, "from-env"),
            (ENV_ACCESS_KEY_SECRET, SECRET),
            ("HOME", &home_dir),
        ]))
        .unwrap();
        assert_eq!(credentials.access_key_id(), "from-env");
    }

    #[test]
    fn chain_falls_back_to_profile_file_and_honours_profile_variable() {
        let home = TempFile::new(".aliyun/config.json", &config());
        let home_dir = home.dir().to_string_lossy().into_owned();
        let current = default_chain(env(&[("HOME", &home_dir)])).unwrap();
        assert_eq!(current.access_key_id(), "id-work");
        let named = default_chain(env(&[("HOME", &home_dir), (ENV_PROFILE, "default")])).unwrap();
        assert_eq!(named.access_key_id(), "id-default");
    }

    #[test]
    fn chain_stops_at_a_broken_source() {
        let error = default_chain(env(&[(ENV_ACCESS_KEY_ID, "id")])).unwrap_err();
        assert!(matches!(error, CredentialsError::IncompleteEnv { .. }));

        let home = TempFile::new(".aliyun/config.json", &config());
        let home_dir = home.dir().to_string_lossy().into_owned();
        let error = default_chain(env(&[("HOME", &home_dir), (ENV_PROFILE, "role")])).unwrap_err();
        assert!(matches!(error, CredentialsError::UnsupportedMode { .. }));
    }

    #[test]
    fn chain_lists_what_it_tried() {
        let home = TempFile::new("unrelated.txt", "");
        let home_dir = home.dir().to_string_lossy().into_owned();
        let error = default_chain(env(&[("HOME", &home_dir)])).unwrap_err();
        let expected_path = home.dir().join(".aliyun").join("config.json");
        assert_eq!(
            error.to_string(),
            format!(
                "no Alibaba Cloud credentials found; tried: environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (not set); profile file {} (not found)",
                expected_path.display()
            )
        );

        let error = default_chain(env(&[])).unwrap_err();
        assert!(error.to_string().ends_with("(HOME is not set)"), "{error}");
    }

    #[test]
    fn the_profile_region_follows_the_profile_the_chain_reads() {
        let file = TempFile::new(".aliyun/config.json", &config());
        let home = file.dir().to_str().unwrap();
        let named =
            |profile: &str| profile_region_with(env(&[("HOME", home), (ENV_PROFILE, profile)]));
        assert_eq!(named("default").as_deref(), Some("cn-hangzhou"));
        let current = profile_region_with(env(&[("HOME", home)]));
        let chain = default_chain(env(&[("HOME", home)])).unwrap();
        // `current` is `work`: the region is that profile's, as the keys are.
        assert_eq!(chain.access_key_id(), "id-work");
        assert_eq!(current.as_deref(), Some("cn-shanghai"));
        assert_eq!(named("nope"), None);
        assert_eq!(
            profile_region_with(env(&[("HOME", "/nonexistent-home")])),
            None
        );
    }
}
