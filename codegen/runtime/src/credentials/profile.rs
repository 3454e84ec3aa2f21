//! The `aliyun` CLI's `config.json` as a source of the default chain:
//! every mode the CLI writes that this crate can serve.

use serde_json::{Map, Value};

use super::imds::EcsRamRole;
use super::source::Source;
use super::sts::{AssumeRole, OidcRole, regional_endpoint};
use super::{Credentials, CredentialsError, ProfileFile};

/// The modes [`cli_source`] serves, for the error that names another.
pub(crate) const SUPPORTED_MODES: &str =
    "AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn";

/// How deep `source_profile` links may go: a loop is refused, not followed.
const MAX_CHAIN: usize = 8;

/// What the chain's settings give every source of a profile.
#[derive(Debug, Clone)]
pub(crate) struct Defaults {
    /// The STS endpoint when neither the profile nor the environment names
    /// a region.
    pub(crate) sts_endpoint: String,
    /// The metadata service settings, for `EcsRamRole`.
    pub(crate) metadata: EcsRamRole,
}

impl ProfileFile<'_> {
    /// The source of the profile `profile`, else of the file's `current`,
    /// else of `default`.
    pub(crate) fn source(
        &self,
        profile: Option<&str>,
        defaults: &Defaults,
    ) -> Result<Source, CredentialsError> {
        let name = profile
            .or(self.current.as_deref())
            .unwrap_or("default")
            .to_string();
        self.source_of(&name, defaults, 0)
    }

    fn source_of(
        &self,
        name: &str,
        defaults: &Defaults,
        depth: usize,
    ) -> Result<Source, CredentialsError> {
        let Some(fields) = self
            .profiles
            .iter()
            .find(|fields| fields.get("name").and_then(Value::as_str) == Some(name))
        else {
            return Err(CredentialsError::ProfileNotFound {
                path: self.path.to_path_buf(),
                profile: name.to_string(),
            });
        };
        let required = |key: &str| self.required(fields, name, key);
        let pair = || -> Result<Credentials, CredentialsError> {
            Ok(Credentials::new(
                required("access_key_id")?,
                required("access_key_secret")?,
            ))
        };
        match required("mode")? {
            "AK" => Ok(Source::Static(pair()?)),
            "StsToken" => Ok(Source::Static(
                pair()?.with_security_token(required("sts_token")?),
            )),
            "RamRoleArn" => Ok(Source::AssumeRole {
                base: Box::new(Source::Static(pair()?)),
                role: self.assume_role(fields, name, defaults)?,
            }),
            "ChainableRamRoleArn" => {
                let source_profile = required("source_profile")?;
                if depth >= MAX_CHAIN {
                    return Err(self.invalid(format!(
                        "profile `{name}`: `source_profile` links go deeper than {MAX_CHAIN} (a loop?)"
                    )));
                }
                Ok(Source::AssumeRole {
                    base: Box::new(self.source_of(source_profile, defaults, depth + 1)?),
                    role: self.assume_role(fields, name, defaults)?,
                })
            }
            "EcsRamRole" => {
                let mut role = defaults.metadata.clone();
                if let Some(name) = optional(fields, "ram_role_name") {
                    role = role.role_name(name);
                }
                Ok(Source::Ecs(role))
            }
            "OIDC" => {
                let mut role = OidcRole::new(
                    required("ram_role_arn")?,
                    required("oidc_provider_arn")?,
                    required("oidc_token_file")?,
                )
                .sts_endpoint(sts_endpoint(fields, defaults));
                if let Some(session) = optional(fields, "ram_session_name") {
                    role = role.session_name(session);
                }
                if let Some(duration) = duration(fields) {
                    role = role.duration(duration);
                }
                if let Some(policy) = optional(fields, "policy") {
                    role = role.policy(policy);
                }
                Ok(Source::Oidc(role))
            }
            other => Err(CredentialsError::UnsupportedMode {
                path: self.path.to_path_buf(),
                profile: name.to_string(),
                mode: other.to_string(),
                supported: SUPPORTED_MODES,
            }),
        }
    }

    fn assume_role(
        &self,
        fields: &Map<String, Value>,
        name: &str,
        defaults: &Defaults,
    ) -> Result<AssumeRole, CredentialsError> {
        let mut role = AssumeRole::new(self.required(fields, name, "ram_role_arn")?)
            .sts_endpoint(sts_endpoint(fields, defaults));
        if let Some(session) = optional(fields, "ram_session_name") {
            role = role.session_name(session);
        }
        if let Some(duration) = duration(fields) {
            role = role.duration(duration);
        }
        if let Some(policy) = optional(fields, "policy") {
            role = role.policy(policy);
        }
        if let Some(external_id) = optional(fields, "external_id") {
            role = role.external_id(external_id);
        }
        Ok(role)
    }

    fn invalid(&self, problem: String) -> CredentialsError {
        CredentialsError::InvalidProfileFile {
            path: self.path.to_path_buf(),
            problem,
        }
    }
}

/// A non-empty string field, if there is one.
fn optional<'f>(fields: &'f Map<String, Value>, key: &str) -> Option<&'f str> {
    fields
        .get(key)
        .and_then(Value::as_str)
        .filter(|value| !value.is_empty())
}

/// `expired_seconds`, when it is a positive number.
fn duration(fields: &Map<String, Value>) -> Option<std::time::Duration> {
    fields
        .get("expired_seconds")
        .and_then(Value::as_u64)
        .filter(|seconds| *seconds > 0)
        .map(std::time::Duration::from_secs)
}

/// The profile's `sts_region` (with `enable_vpc`), else the chain's endpoint.
fn sts_endpoint(fields: &Map<String, Value>, defaults: &Defaults) -> String {
    match optional(fields, "sts_region") {
        Some(region) => {
            let vpc = fields
                .get("enable_vpc")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            regional_endpoint(region, vpc)
        }
        None => defaults.sts_endpoint.clone(),
    }
}
