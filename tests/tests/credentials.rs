//! Credentials that refresh (issue 20), against loopback stand-ins of the
//! ECS metadata service and STS (`alibabacloud_tests::cloud`), with every
//! signature checked by the independent verifier. The chain reads an
//! injected environment (`Env::from_pairs`), never the process's, so the
//! tests do not race each other.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use alibabacloud_runtime::client::ConfigError;
use alibabacloud_runtime::credentials::{
    AssumeRole, BoxFuture, CachedProvider, CredentialsError, CredentialsUri, DefaultChain,
    EcsRamRole, Env, OidcRole, ProvideCredentials, Resolved, SourceProvider,
};
use alibabacloud_tests::cloud::{
    self, IMDS_TOKEN, ROLE_PATH, Sts, TokenMode, credentials_json, expiration_in, http_date_in,
    signer_id, sts_answer,
};
use alibabacloud_tests::server::{BlockingServer, Received, Reply, TestServer};
use alibabacloud_tests::verify::{signature_error, verify_v3};
use alibabacloud_vpc::describe_ha_vips::DescribeHaVipsRequest;
use alibabacloud_vpc::{Client, Credentials, RetryPolicy, SdkError};

const SAMPLE: &str = include_str!("../../api-specs/vpc/samples/DescribeHaVips/en-success.json");
const SOURCE_ID: &str = "SourceAccessKeyId";
const SOURCE_SECRET: &str = "TopSecretSource-9a1";
const ECS_SECRET: &str = "TopSecretEcs-77c";
const ECS_TOKEN: &str = "TopSecretEcsToken-77c";
const ROLE_SECRET: &str = "TopSecretRole-31d";
const ROLE_TOKEN: &str = "TopSecretRoleToken-31d";
const OIDC_TOKEN: &str = "TopSecretOidcJwt-0001";
const OIDC_TOKEN_2: &str = "TopSecretOidcJwt-0002";
const ROLE_ARN: &str = "acs:ram::1234:role/app";
const PROVIDER_ARN: &str = "acs:ram::1234:oidc-provider/ack-rrsa-c1";

/// Every secret any test hands out.
const SECRETS: &[&str] = &[
    SOURCE_SECRET,
    ECS_SECRET,
    ECS_TOKEN,
    ROLE_SECRET,
    ROLE_TOKEN,
    OIDC_TOKEN,
    OIDC_TOKEN_2,
    IMDS_TOKEN,
];

fn assert_secret_free(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "a secret leaked: {text}");
    }
}

/// An error's `Display`, its causes and its `Debug`, checked for secrets.
fn shown(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    assert_secret_free(&text);
    assert_secret_free(&format!("{error:?}"));
    text
}

/// A directory under the system temp directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "alibabacloud-credentials-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn home(&self) -> String {
        self.0.to_string_lossy().into_owned()
    }

    fn write(&self, relative: &str, contents: &str) -> PathBuf {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn env(pairs: &[(&str, &str)]) -> Env {
    Env::from_pairs(
        pairs
            .iter()
            .map(|(key, value)| (key.to_string(), value.to_string())),
    )
}

/// An endpoint nothing listens on.
fn closed_endpoint() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}")
}

fn ha_vips() -> DescribeHaVipsRequest {
    DescribeHaVipsRequest::builder()
        .region_id("cn-hangzhou")
        .build()
        .unwrap()
}

/// A VPC endpoint that answers DescribeHaVips to requests signed (V3) by
/// one of `known` (ID, secret, STS token).
fn vpc(
    known: Vec<(String, &'static str, &'static str)>,
) -> impl Fn(&Received, usize) -> Reply + Send + Sync + 'static {
    move |received, _| {
        let id = signer_id(received).unwrap_or_default();
        let Some((id, secret, token)) = known.iter().find(|(known, ..)| known == id) else {
            return Reply::json(400, r#"{"Code":"InvalidAccessKeyId.NotFound"}"#);
        };
        if received.header("x-acs-security-token") != Some(token) {
            return Reply::json(400, r#"{"Code":"InvalidSecurityToken.Mismatch"}"#);
        }
        match verify_v3(received, id, secret) {
            Ok(()) => Reply::json(200, SAMPLE),
            Err(problem) => Reply::json(400, signature_error(&problem)),
        }
    }
}

fn ecs_credentials(_: usize) -> String {
    credentials_json("STS.ecs", ECS_SECRET, ECS_TOKEN, &expiration_in(3600))
}

/// An STS that accepts `signers` for AssumeRole and `tokens` for
/// AssumeRoleWithOIDC, answering the `n`th credentials `STS.role-n`
/// valid for `lifetime` seconds, and recording each form.
fn sts(
    signers: Vec<(String, String)>,
    tokens: Vec<String>,
    lifetime: i64,
    forms: Forms,
) -> impl Fn(&Received, usize) -> Reply + Send + Sync + 'static {
    let sts = Sts {
        signers,
        oidc_tokens: tokens,
    };
    move |received, index| match sts.check(received) {
        Ok((action, form)) => {
            forms.lock().unwrap().push((action, form));
            Reply::json(
                200,
                sts_answer(&credentials_json(
                    &format!("STS.role-{index}"),
                    ROLE_SECRET,
                    ROLE_TOKEN,
                    &expiration_in(lifetime),
                )),
            )
        }
        Err(reply) => reply,
    }
}

/// The action and form of each request STS accepted.
type Forms = Arc<Mutex<Vec<(String, Vec<(String, String)>)>>>;

fn no_forms() -> Forms {
    Arc::new(Mutex::new(Vec::new()))
}

fn form_value<'a>(form: &'a [(String, String)], key: &str) -> Option<&'a str> {
    form.iter()
        .find(|(name, _)| name == key)
        .map(|(_, value)| value.as_str())
}

// --- the metadata service ---

#[tokio::test]
async fn the_chain_takes_the_ecs_ram_role_over_imdsv2_and_caches_it() {
    let imds =
        TestServer::start(cloud::imds(TokenMode::Required, "EcsRole", ecs_credentials)).await;
    let vpc = TestServer::start(vpc(vec![("STS.ecs".into(), ECS_SECRET, ECS_TOKEN)])).await;
    let home = TempDir::new();
    let chain = DefaultChain::new()
        .env(env(&[("HOME", &home.home())]))
        .metadata_endpoint(imds.endpoint());
    let client = Client::builder()
        .endpoint(vpc.endpoint())
        .default_chain(chain)
        .build()
        .unwrap();
    client.describe_ha_vips(ha_vips()).await.unwrap();
    client.describe_ha_vips(ha_vips()).await.unwrap();

    let asked = imds.received();
    let steps: Vec<(&str, &str)> = asked
        .iter()
        .map(|request| (request.method.as_str(), request.path.as_str()))
        .collect();
    // One fetch for both calls: token, role lookup, the role's credentials.
    assert_eq!(
        steps,
        [
            ("PUT", "/latest/api/token"),
            ("GET", ROLE_PATH),
            ("GET", "/latest/meta-data/ram/security-credentials/EcsRole"),
        ]
    );
    assert_eq!(
        asked[0].header("x-aliyun-ecs-metadata-token-ttl-seconds"),
        Some("21600")
    );
    for read in &asked[1..] {
        assert_eq!(read.header("x-aliyun-ecs-metadata-token"), Some(IMDS_TOKEN));
    }
    assert_eq!(vpc.received().len(), 2);
}

#[tokio::test]
async fn imdsv1_is_the_fallback_when_the_token_is_refused_with_404_or_405() {
    for status in [404, 405] {
        let imds = TestServer::start(cloud::imds(
            TokenMode::Unsupported(status),
            "EcsRole",
            ecs_credentials,
        ))
        .await;
        // The role named by ALIBABA_CLOUD_ECS_METADATA: no lookup.
        let chain = DefaultChain::new()
            .env(env(&[
                ("HOME", "/nonexistent"),
                ("ALIBABA_CLOUD_ECS_METADATA", "EcsRole"),
            ]))
            .metadata_endpoint(imds.endpoint());
        let Resolved::Refreshing(provider) = chain.resolve().unwrap() else {
            panic!("the metadata service is fetched")
        };
        let credentials = provider.provide_credentials().await.unwrap();
        assert_eq!(credentials.access_key_id(), "STS.ecs");
        assert_eq!(
            credentials.security_token().map(|token| token.expose()),
            Some(ECS_TOKEN)
        );
        assert!(credentials.expiry().is_some());
        let asked = imds.received();
        assert_eq!(asked.len(), 2, "{asked:?}");
        assert_eq!(
            asked[1].path,
            "/latest/meta-data/ram/security-credentials/EcsRole"
        );
        assert_eq!(asked[1].header("x-aliyun-ecs-metadata-token"), None);
    }
}

#[tokio::test]
async fn imdsv1_disabled_refuses_to_read_without_a_token() {
    let imds = TestServer::start(cloud::imds(
        TokenMode::Unsupported(405),
        "EcsRole",
        ecs_credentials,
    ))
    .await;
    let chain = DefaultChain::new()
        .env(env(&[
            ("HOME", "/nonexistent"),
            ("ALIBABA_CLOUD_IMDSV1_DISABLED", "TRUE"),
        ]))
        .metadata_endpoint(imds.endpoint());
    let Resolved::Refreshing(provider) = chain.resolve().unwrap() else {
        panic!("the metadata service is fetched")
    };
    let error = provider.provide_credentials().await.unwrap_err();
    let text = shown(&error);
    assert!(
        text.contains("ECS RAM role: ECS metadata service (IMDSv2 token): http://127.0.0.1:")
            && text.contains(
                "/latest/api/token answered HTTP 405 (no IMDSv2 token, and IMDSv1 is disabled)"
            ),
        "{text}"
    );
    assert_eq!(imds.received().len(), 1);
}

#[tokio::test]
async fn metadata_errors_are_typed_with_what_they_mean() {
    // No such role, a reader without a token where one is required, and a
    // failing service.
    let cases: [(u16, &str); 3] = [
        (404, "(no such RAM role on this instance)"),
        (403, "(the metadata service wants an IMDSv2 token)"),
        (500, "(the metadata service failed; try again later)"),
    ];
    for (status, hint) in cases {
        let imds = TestServer::start(move |received: &Received, _| {
            if received.method == "PUT" {
                Reply::json(404, "")
            } else {
                Reply::json(status, "")
            }
        })
        .await;
        let provider = SourceProvider::ecs_ram_role(EcsRamRole::new().endpoint(imds.endpoint()));
        let error = provider.provide_credentials().await.unwrap_err();
        assert!(
            matches!(error, CredentialsError::HttpStatus { status: got, .. } if got == status),
            "{error:?}"
        );
        let text = shown(&error);
        assert!(
            text.ends_with(&format!("answered HTTP {status} {hint}")),
            "{text}"
        );
    }
}

#[tokio::test]
async fn an_unreachable_metadata_service_fails_fast_and_the_chain_moves_on() {
    let uri = TestServer::start(|_: &Received, _| {
        Reply::json(
            200,
            credentials_json("STS.uri", ROLE_SECRET, ROLE_TOKEN, &expiration_in(900)),
        )
    })
    .await;
    let home = TempDir::new();
    let chain = DefaultChain::new()
        .env(env(&[
            ("HOME", &home.home()),
            (
                "ALIBABA_CLOUD_CREDENTIALS_URI",
                &format!("{}/creds?token=TopSecretRoleToken-31d", uri.endpoint()),
            ),
        ]))
        .metadata_endpoint(closed_endpoint());
    let Resolved::Refreshing(provider) = chain.resolve().unwrap() else {
        panic!("fetched")
    };
    let started = Instant::now();
    let credentials = provider.provide_credentials().await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(credentials.access_key_id(), "STS.uri");
    assert_eq!(uri.received()[0].param("token"), Some(ROLE_TOKEN));
    // The source that answered is kept: the metadata service is not asked again.
    let again = provider.inner().provide_credentials().await.unwrap();
    assert_eq!(again.access_key_id(), "STS.uri");
    assert_eq!(uri.received().len(), 2);
    assert!(format!("{provider:?}").contains("credentials URI from ALIBABA_CLOUD_CREDENTIALS_URI"));
}

// --- STS ---

#[tokio::test]
async fn ram_role_arn_profiles_assume_the_role_with_a_verified_signature() {
    let forms = no_forms();
    let sts = TestServer::start(sts(
        vec![(SOURCE_ID.into(), SOURCE_SECRET.into())],
        vec![],
        3600,
        Arc::clone(&forms),
    ))
    .await;
    let vpc = TestServer::start(vpc(vec![("STS.role-0".into(), ROLE_SECRET, ROLE_TOKEN)])).await;
    let home = TempDir::new();
    home.write(
        ".aliyun/config.json",
        &format!(
            r#"{{"current": "ops", "profiles": [{{"name": "ops", "mode": "RamRoleArn", "access_key_id": "{SOURCE_ID}",
            "access_key_secret": "{SOURCE_SECRET}", "ram_role_arn": "{ROLE_ARN}", "ram_session_name": "ci-session",
            "expired_seconds": 900, "external_id": "ext-1", "policy": "{{\"Version\":\"1\"}}"}}]}}"#
        ),
    );
    let chain = DefaultChain::new()
        .env(env(&[
            ("HOME", &home.home()),
            ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
        ]))
        .sts_endpoint(sts.endpoint());
    let client = Client::builder()
        .endpoint(vpc.endpoint())
        .default_chain(chain)
        .build()
        .unwrap();
    client.describe_ha_vips(ha_vips()).await.unwrap();

    let forms = forms.lock().unwrap();
    assert_eq!(forms.len(), 1, "{:?}", sts.received());
    let (action, form) = &forms[0];
    assert_eq!(action, "AssumeRole");
    assert_eq!(form_value(form, "RoleArn"), Some(ROLE_ARN));
    assert_eq!(form_value(form, "RoleSessionName"), Some("ci-session"));
    assert_eq!(form_value(form, "DurationSeconds"), Some("900"));
    assert_eq!(form_value(form, "ExternalId"), Some("ext-1"));
    assert_eq!(form_value(form, "Policy"), Some(r#"{"Version":"1"}"#));
}

#[tokio::test]
async fn chainable_profiles_assume_a_role_with_the_credentials_of_another() {
    let forms = no_forms();
    let sts = TestServer::start(sts(
        vec![
            (SOURCE_ID.into(), SOURCE_SECRET.into()),
            // The first role's credentials sign the second AssumeRole.
            ("STS.role-0".into(), ROLE_SECRET.into()),
        ],
        vec![],
        3600,
        Arc::clone(&forms),
    ))
    .await;
    let home = TempDir::new();
    let config = home.write(
        "elsewhere/config.json",
        &format!(
            r#"{{"current": "ops", "profiles": [
            {{"name": "base", "mode": "RamRoleArn", "access_key_id": "{SOURCE_ID}", "access_key_secret": "{SOURCE_SECRET}", "ram_role_arn": "acs:ram::1:role/base"}},
            {{"name": "chained", "mode": "ChainableRamRoleArn", "source_profile": "base", "ram_role_arn": "{ROLE_ARN}"}},
            {{"name": "loop", "mode": "ChainableRamRoleArn", "source_profile": "loop", "ram_role_arn": "{ROLE_ARN}"}},
            {{"name": "sso", "mode": "CloudSSO"}}]}}"#
        ),
    );
    let config = config.to_string_lossy().into_owned();
    let chain = |profile: &str| {
        DefaultChain::new()
            .env(env(&[
                ("ALIBABA_CLOUD_CONFIG_FILE", &config),
                ("ALIBABA_CLOUD_PROFILE", profile),
                ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
            ]))
            .sts_endpoint(sts.endpoint())
    };
    let Resolved::Refreshing(provider) = chain("chained").resolve().unwrap() else {
        panic!("fetched")
    };
    let credentials = provider.provide_credentials().await.unwrap();
    assert_eq!(credentials.access_key_id(), "STS.role-1");
    let forms = forms.lock().unwrap();
    let arns: Vec<&str> = forms
        .iter()
        .map(|(_, form)| form_value(form, "RoleArn").unwrap())
        .collect();
    assert_eq!(arns, ["acs:ram::1:role/base", ROLE_ARN]);
    let signers: Vec<&str> = sts
        .received()
        .iter()
        .map(|r| signer_id(r).unwrap().to_string())
        .map(|s| if s == SOURCE_ID { SOURCE_ID } else { "role" })
        .collect();
    assert_eq!(signers, [SOURCE_ID, "role"]);

    let error = chain("loop").resolve().unwrap_err();
    assert!(
        shown(&error).contains("`source_profile` links go deeper than 8"),
        "{error}"
    );
    let error = chain("sso").resolve().unwrap_err();
    assert!(
        shown(&error).ends_with(
            "profile `sso` uses mode `CloudSSO`, which is not supported (supported: AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn)"
        ),
        "{error}"
    );
}

#[tokio::test]
async fn rrsa_env_reads_the_token_file_again_at_every_refresh() {
    let forms = no_forms();
    let sts = TestServer::start(sts(
        vec![],
        vec![OIDC_TOKEN.into(), OIDC_TOKEN_2.into()],
        3600,
        Arc::clone(&forms),
    ))
    .await;
    let dir = TempDir::new();
    let token_file = dir.write("token", &format!("{OIDC_TOKEN}\n"));
    let role = OidcRole::new(ROLE_ARN, PROVIDER_ARN, &token_file)
        .session_name("pod-1")
        .sts_endpoint(sts.endpoint());
    // Credentials an hour long, refreshed an hour before: every call refreshes.
    let provider = CachedProvider::new(SourceProvider::oidc_role(role))
        .refresh_before(Duration::from_secs(3600))
        .retry_after_failure(Duration::ZERO);
    let first = provider.provide_credentials().await.unwrap();
    std::fs::write(&token_file, OIDC_TOKEN_2).unwrap();
    let second = provider.provide_credentials().await.unwrap();
    assert_eq!(first.access_key_id(), "STS.role-0");
    assert_eq!(second.access_key_id(), "STS.role-1");
    let forms = forms.lock().unwrap();
    let tokens: Vec<&str> = forms
        .iter()
        .map(|(_, form)| form_value(form, "OIDCToken").unwrap())
        .collect();
    assert_eq!(tokens, [OIDC_TOKEN, OIDC_TOKEN_2]);
    assert_eq!(
        form_value(&forms[0].1, "OIDCProviderArn"),
        Some(PROVIDER_ARN)
    );
    assert_eq!(form_value(&forms[0].1, "RoleSessionName"), Some("pod-1"));
    assert_eq!(form_value(&forms[0].1, "DurationSeconds"), Some("3600"));
    for request in sts.received() {
        assert_eq!(request.param("Action"), Some("AssumeRoleWithOIDC"));
        assert_eq!(request.header("authorization"), None);
    }
}

#[tokio::test]
async fn the_chain_picks_rrsa_from_the_environment_before_the_cli_profile() {
    let sts = TestServer::start(sts(vec![], vec![OIDC_TOKEN.into()], 3600, no_forms())).await;
    let home = TempDir::new();
    let token_file = home.write("rrsa/token", OIDC_TOKEN);
    home.write(
        ".aliyun/config.json",
        &format!(r#"{{"profiles": [{{"name": "default", "mode": "AK", "access_key_id": "cli-id", "access_key_secret": "{SOURCE_SECRET}"}}]}}"#),
    );
    let token_path = token_file.to_string_lossy().into_owned();
    let rrsa = |token_file: &str| {
        env(&[
            ("HOME", &home.home()),
            ("ALIBABA_CLOUD_ROLE_ARN", ROLE_ARN),
            ("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", PROVIDER_ARN),
            ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", token_file),
            ("ALIBABA_CLOUD_STS_ENDPOINT", &sts.endpoint()),
            ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
        ])
    };
    let Resolved::Refreshing(provider) = DefaultChain::new()
        .env(rrsa(&token_path))
        .resolve()
        .unwrap()
    else {
        panic!("fetched")
    };
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "STS.role-0"
    );

    // A token file that is gone: the chain falls through to the CLI profile
    // and says nothing secret.
    let Resolved::Refreshing(provider) = DefaultChain::new()
        .env(rrsa("/nonexistent/token"))
        .resolve()
        .unwrap()
    else {
        panic!("fetched")
    };
    assert_eq!(
        provider
            .provide_credentials()
            .await
            .unwrap()
            .access_key_id(),
        "cli-id"
    );

    // Half the variables is a mistake, not a source to skip.
    let error = DefaultChain::new()
        .env(env(&[
            ("HOME", &home.home()),
            ("ALIBABA_CLOUD_ROLE_ARN", ROLE_ARN),
        ]))
        .resolve()
        .unwrap_err();
    assert_eq!(
        shown(&error),
        "environment variable ALIBABA_CLOUD_ROLE_ARN is set but ALIBABA_CLOUD_OIDC_PROVIDER_ARN is not (OIDC (RRSA) needs all its variables)"
    );
}

// --- caching ---

#[tokio::test]
async fn credentials_rotate_across_their_expiry() {
    let sts = TestServer::start(sts(vec![], vec![OIDC_TOKEN.into()], 2, no_forms())).await;
    let dir = TempDir::new();
    let token_file = dir.write("token", OIDC_TOKEN);
    let provider = CachedProvider::new(SourceProvider::oidc_role(
        OidcRole::new(ROLE_ARN, PROVIDER_ARN, token_file).sts_endpoint(sts.endpoint()),
    ))
    .refresh_before(Duration::ZERO);
    let first = provider.provide_credentials().await.unwrap();
    let cached = provider.provide_credentials().await.unwrap();
    assert_eq!(first, cached);
    assert_eq!(sts.received().len(), 1);
    let expiry = first.expiry().unwrap();
    let wait = expiry.duration_since(SystemTime::now()).unwrap_or_default();
    tokio::time::sleep(wait + Duration::from_millis(100)).await;
    let rotated = provider.provide_credentials().await.unwrap();
    assert_eq!(rotated.access_key_id(), "STS.role-1");
    assert!(rotated.expiry().unwrap() > expiry);
    assert_eq!(sts.received().len(), 2);
}

#[tokio::test]
async fn concurrent_callers_share_one_refresh() {
    let inner = sts(vec![], vec![OIDC_TOKEN.into()], 3600, no_forms());
    let sts = TestServer::start(move |received: &Received, index| {
        Reply::Delayed(Duration::from_millis(300), Box::new(inner(received, index)))
    })
    .await;
    let dir = TempDir::new();
    let token_file = dir.write("token", OIDC_TOKEN);
    let provider = Arc::new(CachedProvider::new(SourceProvider::oidc_role(
        OidcRole::new(ROLE_ARN, PROVIDER_ARN, token_file).sts_endpoint(sts.endpoint()),
    )));
    let callers: Vec<_> = (0..16)
        .map(|_| {
            let provider = Arc::clone(&provider);
            tokio::spawn(async move { provider.provide_credentials().await })
        })
        .collect();
    for caller in callers {
        let credentials = caller.await.unwrap().unwrap();
        assert_eq!(credentials.access_key_id(), "STS.role-0");
    }
    assert_eq!(sts.received().len(), 1);
}

#[tokio::test]
async fn a_failed_refresh_keeps_valid_credentials_and_says_so_once() {
    let ok = sts(vec![], vec![OIDC_TOKEN.into()], 3, no_forms());
    let sts = TestServer::start(move |received: &Received, index| {
        if index == 0 {
            ok(received, index)
        } else {
            Reply::json(
                503,
                r#"{"RequestId":"R","Code":"ServiceUnavailable","Message":"try later"}"#,
            )
        }
    })
    .await;
    let dir = TempDir::new();
    let token_file = dir.write("token", OIDC_TOKEN);
    let told = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&told);
    // Credentials 3 s long, refreshed from 10 s before: every call refreshes.
    let provider = CachedProvider::new(SourceProvider::oidc_role(
        OidcRole::new(ROLE_ARN, PROVIDER_ARN, token_file).sts_endpoint(sts.endpoint()),
    ))
    .refresh_before(Duration::from_secs(10))
    .retry_after_failure(Duration::ZERO)
    .on_stale(move |error| record.lock().unwrap().push(error.to_string()));
    let first = provider.provide_credentials().await.unwrap();
    for _ in 0..3 {
        assert_eq!(provider.provide_credentials().await.unwrap(), first);
    }
    assert_eq!(sts.received().len(), 4);
    assert_eq!(
        *told.lock().unwrap(),
        [
            "STS AssumeRoleWithOIDC refused: HTTP 503, code ServiceUnavailable, request ID R: try later"
        ]
    );
    // Once they have expired, the failure is the caller's.
    let wait = first
        .expiry()
        .unwrap()
        .duration_since(SystemTime::now())
        .unwrap_or_default();
    tokio::time::sleep(wait + Duration::from_millis(100)).await;
    let error = provider.provide_credentials().await.unwrap_err();
    assert!(
        matches!(error, CredentialsError::StsRefused { status: 503, .. }),
        "{error:?}"
    );
}

/// Hands out `id-1`, `id-2`, ... one per call, as credentials that change
/// between attempts would.
#[derive(Debug, Default)]
struct Counting(AtomicUsize);

impl ProvideCredentials for Counting {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(async move { Ok(Credentials::new(format!("id-{n}"), SOURCE_SECRET)) })
    }
}

#[tokio::test]
async fn each_attempt_asks_the_provider_so_a_retry_signs_with_fresh_credentials() {
    let vpc = TestServer::start(|received: &Received, index| {
        let id = signer_id(received).unwrap_or_default().to_string();
        if let Err(problem) = verify_v3(received, &id, SOURCE_SECRET) {
            return Reply::json(400, signature_error(&problem));
        }
        if index == 0 {
            Reply::json(503, r#"{"Code":"ServiceUnavailable"}"#)
        } else {
            Reply::json(200, SAMPLE)
        }
    })
    .await;
    let client = Client::builder()
        .endpoint(vpc.endpoint())
        .credentials_provider(Arc::new(Counting::default()))
        .retry_policy(RetryPolicy::new(
            3,
            Duration::from_millis(1),
            Duration::from_millis(5),
        ))
        .build()
        .unwrap();
    client.describe_ha_vips(ha_vips()).await.unwrap();
    let signers: Vec<String> = vpc
        .received()
        .iter()
        .map(|request| signer_id(request).unwrap().to_string())
        .collect();
    assert_eq!(signers, ["id-1", "id-2"]);
}

// --- the chain's order and its error ---

#[tokio::test]
async fn the_chain_keeps_its_order() {
    let home = TempDir::new();
    let ini = format!(
        "[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = {SOURCE_SECRET}\n\n[ecs]\ntype = ecs_ram_role\nrole_name = EcsRole\n"
    );
    home.write(".alibabacloud/credentials", &ini);
    let fixed = |env: Env| match DefaultChain::new().env(env).resolve().unwrap() {
        Resolved::Fixed(credentials) => credentials.access_key_id().to_string(),
        other => panic!("expected fixed credentials, got {other:?}"),
    };
    let base = [("HOME", home.home())];
    let with = |extra: &[(&str, &str)]| {
        let mut pairs: Vec<(String, String)> = base
            .iter()
            .map(|(key, value)| (key.to_string(), value.clone()))
            .collect();
        pairs.extend(
            extra
                .iter()
                .map(|(key, value)| (key.to_string(), value.to_string())),
        );
        Env::from_pairs(pairs)
    };
    // The credentials file when nothing comes before it.
    assert_eq!(fixed(with(&[])), "ini-id");
    // The CLI config before the credentials file.
    home.write(
        ".aliyun/config.json",
        &format!(r#"{{"profiles": [{{"name": "default", "mode": "StsToken", "access_key_id": "cli-id", "access_key_secret": "{SOURCE_SECRET}", "sts_token": "{ROLE_TOKEN}"}}]}}"#),
    );
    assert_eq!(fixed(with(&[])), "cli-id");
    // The environment before everything.
    assert_eq!(
        fixed(with(&[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SOURCE_SECRET),
            ("ALIBABA_CLOUD_ROLE_ARN", ROLE_ARN),
        ])),
        "env-id"
    );
    // A profile the CLI config lacks is looked for in the credentials file.
    let chain = DefaultChain::new().env(with(&[("ALIBABA_CLOUD_PROFILE", "ecs")]));
    match chain.resolve().unwrap() {
        Resolved::Refreshing(provider) => {
            let shown = format!("{provider:?}");
            assert!(shown.contains("credentials file"), "{shown}");
            assert!(shown.contains("ECS RAM role"), "{shown}");
        }
        other => panic!("expected the ECS role, got {other:?}"),
    }
}

#[test]
fn with_nothing_found_the_error_lists_every_source_and_why() {
    let home = TempDir::new();
    let error = Client::builder()
        .default_chain(DefaultChain::new().env(env(&[
            ("HOME", &home.home()),
            ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
        ])))
        .region_id("cn-hangzhou")
        .build()
        .unwrap_err();
    let ConfigError::Credentials(error) = error else {
        panic!("{error:?}")
    };
    let home = home.path().display();
    assert_eq!(
        shown(&error),
        format!(
            "no Alibaba Cloud credentials found; tried: \
             environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET: not set; \
             OIDC: ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE not set; \
             aliyun CLI config {home}/.aliyun/config.json: not found; \
             credentials file {home}/.alibabacloud/credentials: not found; \
             ECS metadata service: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED; \
             credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI not set"
        )
    );
}

#[tokio::test]
async fn when_every_fetch_fails_the_error_says_what_each_source_said() {
    let home = TempDir::new();
    let token_file = home.write("token", "  \n");
    let token_path = token_file.to_string_lossy().into_owned();
    let uri = closed_endpoint();
    let uri = format!("{uri}/creds?secret={ROLE_SECRET}");
    let chain = DefaultChain::new()
        .env(env(&[
            ("HOME", &home.home()),
            ("ALIBABA_CLOUD_ROLE_ARN", ROLE_ARN),
            ("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", PROVIDER_ARN),
            ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", &token_path),
            ("ALIBABA_CLOUD_CREDENTIALS_URI", &uri),
        ]))
        .metadata_endpoint(closed_endpoint());
    let client = Client::builder()
        .endpoint(closed_endpoint())
        .default_chain(chain)
        .build()
        .unwrap();
    let error = client.describe_ha_vips(ha_vips()).await.unwrap_err();
    let SdkError::Credentials(error) = &error else {
        panic!("{error:?}")
    };
    let text = shown(error);
    let expected_start = format!(
        "no Alibaba Cloud credentials found; tried: \
         environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET: not set; \
         OIDC role from ALIBABA_CLOUD_ROLE_ARN (token file {1}): the OIDC token file {1} is empty; \
         aliyun CLI config {0}/.aliyun/config.json: not found; \
         credentials file {0}/.alibabacloud/credentials: not found; \
         ECS RAM role: ECS metadata service (IMDSv2 token): no answer from http://127.0.0.1:",
        home.path().display(),
        token_file.display()
    );
    assert!(
        text.starts_with(&expected_start),
        "{text}\n{expected_start}"
    );
    assert!(text.contains("; credentials URI from ALIBABA_CLOUD_CREDENTIALS_URI: credentials URI: no answer from http://127.0.0.1:"), "{text}");
    assert!(text.contains("/creds: connection failed"), "{text}");
}

// --- failures: typed, and never a secret ---

#[tokio::test]
async fn every_failure_is_typed_and_secret_free() {
    // STS echoing the token in its message: kept, without the token.
    let refusing = TestServer::start(sts(vec![], vec![], 3600, no_forms())).await;
    let dir = TempDir::new();
    let token_file = dir.write("token", OIDC_TOKEN);
    let error = SourceProvider::oidc_role(
        OidcRole::new(ROLE_ARN, PROVIDER_ARN, &token_file).sts_endpoint(refusing.endpoint()),
    )
    .provide_credentials()
    .await
    .unwrap_err();
    assert_eq!(
        shown(&error),
        "STS AssumeRoleWithOIDC refused: HTTP 400, code AuthenticationFail.OIDCToken.Invalid, request ID STS-REQ: token *** is not valid"
    );

    // AssumeRole signed with a wrong secret: the independent verifier
    // refuses it, and the refusal shows neither secret.
    let strict = TestServer::start(sts(
        vec![(SOURCE_ID.into(), SOURCE_SECRET.into())],
        vec![],
        3600,
        no_forms(),
    ))
    .await;
    let error = SourceProvider::assume_role(
        Credentials::new(SOURCE_ID, ROLE_SECRET),
        AssumeRole::new(ROLE_ARN).sts_endpoint(strict.endpoint()),
    )
    .provide_credentials()
    .await
    .unwrap_err();
    assert!(
        matches!(&error, CredentialsError::StsRefused { action: "AssumeRole", status: 400, code: Some(code), .. } if code == "SignatureDoesNotMatch"),
        "{error:?}"
    );
    shown(&error);

    // Token files: missing, empty.
    let missing = SourceProvider::oidc_role(OidcRole::new(
        ROLE_ARN,
        PROVIDER_ARN,
        dir.path().join("no-token"),
    ))
    .provide_credentials()
    .await
    .unwrap_err();
    assert!(matches!(missing, CredentialsError::ReadTokenFile { .. }));
    shown(&missing);

    // Answers that are not credentials, expired ones, and a clock ahead.
    let secret_in_broken_json =
        format!(r#"{{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"{ECS_SECRET}","#);
    let wrong_type = format!(
        r#"{{"Code":"Success","AccessKeyId":"a","AccessKeySecret":"{ECS_SECRET}","SecurityToken":["{ECS_TOKEN}"],"Expiration":"{}"}}"#,
        expiration_in(600)
    );
    let expired = credentials_json("a", ECS_SECRET, ECS_TOKEN, &expiration_in(-60));
    let cases: Vec<(Reply, &str)> = vec![
        (
            Reply::json(200, secret_in_broken_json),
            "not JSON (EOF while parsing a value at line 1 column",
        ),
        (
            Reply::json(200, wrong_type),
            "`SecurityToken` is not a string",
        ),
        (
            Reply::json(
                200,
                format!(r#"{{"Code":"Failed","AccessKeySecret":"{ECS_SECRET}"}}"#),
            ),
            "`Code` is `Failed`, not `Success`",
        ),
        (
            Reply::WithHeaders {
                status: 200,
                headers: vec![("Date".into(), http_date_in(0))],
                body: expired.clone(),
            },
            "gave credentials that expired at",
        ),
        (
            Reply::WithHeaders {
                status: 200,
                headers: vec![("Date".into(), http_date_in(-3600))],
                body: expired,
            },
            "but this machine's clock says",
        ),
    ];
    for (reply, expected) in cases {
        let reply = Arc::new(reply);
        let served = Arc::clone(&reply);
        let uri = TestServer::start(move |_: &Received, _| (*served).clone()).await;
        let error = SourceProvider::credentials_uri(CredentialsUri::new(format!(
            "{}/creds",
            uri.endpoint()
        )))
        .provide_credentials()
        .await
        .unwrap_err();
        let text = shown(&error);
        assert!(text.contains(expected), "{text} should contain {expected}");
    }

    // A malformed credentials file names the line, not its text.
    let home = TempDir::new();
    home.write(
        ".alibabacloud/credentials",
        &format!("[default\naccess_key_secret = {SOURCE_SECRET}\n"),
    );
    let error = DefaultChain::new()
        .env(env(&[("HOME", &home.home())]))
        .resolve()
        .unwrap_err();
    assert!(
        shown(&error)
            .ends_with("line 1: Found opening bracket for section name but no closing bracket"),
        "{error}"
    );
    home.write(".alibabacloud/credentials", "[default]\ntype = cloud_sso\n");
    let error = DefaultChain::new()
        .env(env(&[("HOME", &home.home())]))
        .resolve()
        .unwrap_err();
    assert!(
        shown(&error).ends_with(
            "[default]: type `cloud_sso` is not supported (supported: access_key, ecs_ram_role, ram_role_arn, oidc_role_arn)"
        ),
        "{error}"
    );

    // Providers and credentials print no secret either.
    let provider = SourceProvider::assume_role(
        Credentials::new(SOURCE_ID, SOURCE_SECRET).with_security_token(ROLE_TOKEN),
        AssumeRole::new(ROLE_ARN),
    );
    assert_secret_free(&format!("{provider:?}"));
    let uri = CredentialsUri::new(format!("http://127.0.0.1:1/?token={ROLE_TOKEN}"));
    assert_secret_free(&format!("{uri:?}"));
}

#[tokio::test]
async fn a_hung_sts_is_cut_off_by_its_timeout() {
    let sts = TestServer::start(|_: &Received, _| Reply::Stall(Duration::from_secs(30))).await;
    let dir = TempDir::new();
    let token_file = dir.write("token", OIDC_TOKEN);
    let started = Instant::now();
    let error = SourceProvider::oidc_role(
        OidcRole::new(ROLE_ARN, PROVIDER_ARN, token_file)
            .sts_endpoint(sts.endpoint())
            .timeout(Duration::from_millis(300)),
    )
    .provide_credentials()
    .await
    .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(
        matches!(error, CredentialsError::Unreachable { .. }),
        "{error:?}"
    );
    assert!(shown(&error).contains("timed out"), "{error}");
}

// --- the blocking client ---

#[test]
fn the_blocking_client_fetches_and_rotates_credentials_without_a_runtime() {
    // Credentials 2 s long: the third call comes after they expired.
    let imds = BlockingServer::start(cloud::imds(TokenMode::Optional, "EcsRole", |index| {
        credentials_json(
            &format!("STS.ecs-{index}"),
            ECS_SECRET,
            ECS_TOKEN,
            &expiration_in(2),
        )
    }));
    let known = (0..12)
        .map(|index| (format!("STS.ecs-{index}"), ECS_SECRET, ECS_TOKEN))
        .collect();
    let vpc = BlockingServer::start(vpc(known));
    let home = TempDir::new();
    let chain = DefaultChain::new()
        .env(env(&[("HOME", &home.home())]))
        .metadata_endpoint(imds.server.endpoint());
    let client = alibabacloud_vpc::blocking::Client::builder()
        .endpoint(vpc.server.endpoint())
        .default_chain(chain)
        .build()
        .unwrap();
    client.describe_ha_vips(ha_vips()).unwrap();
    client.describe_ha_vips(ha_vips()).unwrap();
    assert_eq!(imds.server.received().len(), 3);
    std::thread::sleep(Duration::from_millis(2100));
    client.describe_ha_vips(ha_vips()).unwrap();
    assert_eq!(imds.server.received().len(), 6);
    let signers: Vec<String> = vpc
        .server
        .received()
        .iter()
        .map(|request| signer_id(request).unwrap().to_string())
        .collect();
    assert_eq!(signers, ["STS.ecs-2", "STS.ecs-2", "STS.ecs-5"]);
}

#[tokio::test]
async fn the_last_credentials_setter_wins() {
    let vpc = TestServer::start(|received: &Received, _| {
        let id = signer_id(received).unwrap_or_default().to_string();
        match verify_v3(received, &id, SOURCE_SECRET) {
            Ok(()) => Reply::json(200, SAMPLE),
            Err(problem) => Reply::json(400, signature_error(&problem)),
        }
    })
    .await;
    let fixed_last = Client::builder()
        .endpoint(vpc.endpoint())
        .credentials_provider(Arc::new(Counting::default()))
        .credentials(Credentials::new("fixed", SOURCE_SECRET))
        .build()
        .unwrap();
    fixed_last.describe_ha_vips(ha_vips()).await.unwrap();
    let provider_last = Client::builder()
        .endpoint(vpc.endpoint())
        .credentials(Credentials::new("fixed", SOURCE_SECRET))
        .credentials_provider(Arc::new(Counting::default()))
        .build()
        .unwrap();
    provider_last.describe_ha_vips(ha_vips()).await.unwrap();
    let signers: Vec<String> = vpc
        .received()
        .iter()
        .map(|request| signer_id(request).unwrap().to_string())
        .collect();
    assert_eq!(signers, ["fixed", "id-1"]);
}

#[test]
fn a_metadata_request_does_not_show_its_token_in_debug() {
    let request = alibabacloud_runtime::client::HttpRequest {
        method: "GET".into(),
        url: format!("http://100.100.100.200{ROLE_PATH}"),
        headers: vec![("x-aliyun-ecs-metadata-token".into(), IMDS_TOKEN.into())],
        body: format!("OIDCToken={OIDC_TOKEN}").into_bytes(),
        max_response_body: 1,
    };
    let debug = format!("{request:?}");
    assert_secret_free(&debug);
    assert!(debug.contains("x-aliyun-ecs-metadata-token"), "{debug}");
}
