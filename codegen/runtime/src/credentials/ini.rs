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
    let mut settings = configparser::ini::Ini::new_cs().defaults();
    // No inline comments: a `#` or `;` inside a secret is part of it.
    settings.enable_inline_comments = false;
    // Keys before any section go to a section no profile can be named.
    settings.default_section = "\u{0}".to_string();
    let mut parser = configparser::ini::Ini::new_from_defaults(settings);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::imds::EcsRamRole;

    const SECRET: &str = "TopSecret#With;Marks";

    fn defaults() -> Defaults {
        Defaults {
            sts_endpoint: "sts.example".into(),
            metadata: EcsRamRole::new(),
        }
    }

    fn read(text: &str, profile: &str) -> Result<Option<Source>, CredentialsError> {
        source(Path::new("credentials"), text, profile, &defaults())
    }

    fn file() -> String {
        format!(
            "; a comment\n\
             [default]\ntype = access_key\naccess_key_id = id\naccess_key_secret = {SECRET}\n\n\
             [ecs]\ntype = ecs_ram_role\nrole_name = EcsRole\n\n\
             [ram]\ntype = ram_role_arn\naccess_key_id = id\naccess_key_secret = {SECRET}\nrole_arn = acs:ram::1:role/r\nrole_session_name = s\npolicy = {{}}\n\n\
             [oidc]\ntype = oidc_role_arn\nrole_arn = acs:ram::1:role/r\noidc_provider_arn = acs:ram::1:oidc-provider/p\noidc_token_file_path = /var/token\n\n\
             [broken]\ntype = access_key\naccess_key_id = id\n"
        )
    }

    #[test]
    fn every_type_is_read() {
        let text = file();
        let Some(Source::Static(credentials)) = read(&text, "default").unwrap() else {
            panic!("access_key is fixed credentials");
        };
        // `#` and `;` inside a value are part of it.
        assert_eq!(credentials.access_key_secret().expose(), SECRET);
        assert!(matches!(read(&text, "ecs").unwrap(), Some(Source::Ecs(_))));
        let Some(Source::AssumeRole { base, role }) = read(&text, "ram").unwrap() else {
            panic!("ram_role_arn assumes a role");
        };
        assert!(matches!(*base, Source::Static(_)));
        let shown = format!("{role:?}");
        assert!(
            shown.contains("acs:ram::1:role/r") && shown.contains("sts.example"),
            "{shown}"
        );
        let Some(Source::Oidc(role)) = read(&text, "oidc").unwrap() else {
            panic!("oidc_role_arn is an OIDC role");
        };
        assert_eq!(role.token_file(), Path::new("/var/token"));
        assert!(read(&text, "nobody").unwrap().is_none());
    }

    #[test]
    fn errors_name_the_section_and_key_never_the_value() {
        let error = read(&file(), "broken").unwrap_err();
        assert_eq!(
            error.to_string(),
            "credentials file credentials: [broken]: `access_key_secret` is missing or empty"
        );
        let error = read(&format!("[default\nkey = {SECRET}"), "default").unwrap_err();
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(shown.contains("line 1"), "{shown}");
    }
}
