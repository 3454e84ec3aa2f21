//! The credentials file `~/.alibabacloud/credentials` (INI) as a source of
//! the default chain. Each section is a profile with a `type`:
//! `access_key`, `ecs_ram_role`, `ram_role_arn` or `oidc_role_arn`.

use std::collections::HashMap;
use std::path::Path;

use super::profile::Defaults;
use super::source::Source;
use super::sts::{AssumeRole, OidcRole};
use super::{Credentials, CredentialsError};

const SUPPORTED_TYPES: &str = "access_key, ecs_ram_role, ram_role_arn, oidc_role_arn";

/// The source of section `profile` of the credentials file at `path`
/// holding `text`; `Ok(None)` when there is no such section.
///
/// Parsed with `configparser`, whose errors name a line, never its text.
/// Comments start a line with `;` or `#`; a `#` inside a value is part of
/// it (secrets may hold one).
pub(crate) fn source(
    path: &Path,
    text: &str,
    profile: &str,
    defaults: &Defaults,
) -> Result<Option<Source>, CredentialsError> {
    let invalid = |problem: String| CredentialsError::InvalidCredentialsFile {
        path: path.to_path_buf(),
        problem,
    };
    let mut parser = configparser::ini::Ini::new_cs();
    // Keys before any section go to a section no profile can be named.
    parser.set_default_section("\u{0}");
    let sections = parser.read(text.to_string()).map_err(invalid)?;
    let Some(section) = sections.get(profile) else {
        return Ok(None);
    };
    let get = |key: &str| get(section, key);
    let required = |key: &str| {
        get(key).ok_or_else(|| invalid(format!("[{profile}]: `{key}` is missing or empty")))
    };
    let source = match required("type")? {
        "access_key" => Source::Static(Credentials::new(
            required("access_key_id")?,
            required("access_key_secret")?,
        )),
        "ecs_ram_role" => {
            let mut role = defaults.metadata.clone();
            if let Some(name) = get("role_name") {
                role = role.role_name(name);
            }
            Source::Ecs(role)
        }
        "ram_role_arn" => {
            let mut role =
                AssumeRole::new(required("role_arn")?).sts_endpoint(defaults.sts_endpoint.clone());
            if let Some(session) = get("role_session_name") {
                role = role.session_name(session);
            }
            if let Some(policy) = get("policy") {
                role = role.policy(policy);
            }
            Source::AssumeRole {
                base: Box::new(Source::Static(Credentials::new(
                    required("access_key_id")?,
                    required("access_key_secret")?,
                ))),
                role,
            }
        }
        "oidc_role_arn" => {
            let mut role = OidcRole::new(
                required("role_arn")?,
                required("oidc_provider_arn")?,
                required("oidc_token_file_path")?,
            )
            .sts_endpoint(defaults.sts_endpoint.clone());
            if let Some(session) = get("role_session_name") {
                role = role.session_name(session);
            }
            Source::Oidc(role)
        }
        other => {
            return Err(invalid(format!(
                "[{profile}]: type `{other}` is not supported (supported: {SUPPORTED_TYPES})"
            )));
        }
    };
    Ok(Some(source))
}

fn get<'s>(section: &'s HashMap<String, Option<String>>, key: &str) -> Option<&'s str> {
    section
        .get(key)
        .and_then(Option::as_deref)
        .map(str::trim)
        .filter(|value| !value.is_empty())
}
