//! `Client::from_env()` on ACK with RRSA: the pod's environment names a
//! RAM role, an OIDC provider and a token file that the kubelet rotates;
//! the client exchanges the token for STS credentials
//! (`AssumeRoleWithOIDC`) and refreshes them before they expire, with no
//! AccessKey anywhere.
//!
//! In a pod with RRSA enabled (ACK injects these variables):
//!
//! ```sh
//! export ALIBABA_CLOUD_ROLE_ARN=acs:ram::<account>:role/<role>
//! export ALIBABA_CLOUD_OIDC_PROVIDER_ARN=acs:ram::<account>:oidc-provider/<provider>
//! export ALIBABA_CLOUD_OIDC_TOKEN_FILE=/var/run/secrets/ack.alibabacloud.com/rrsa-tokens/token
//! export ALIBABA_CLOUD_REGION_ID=cn-hangzhou
//! cargo run -p alibabacloud-tests --example rrsa_from_env
//! ```
//!
//! Without those variables it shows the same on loopback: it starts
//! stand-ins of STS and of the VPC API, writes a token file, and runs
//! itself again with the variables set, as a pod would be started.

use std::process::Command;
use std::sync::{Arc, Mutex};

use alibabacloud_tests::cloud::{Sts, credentials_json, expiration_in, sts_answer};
use alibabacloud_tests::server::{Received, Reply, TestServer};
use alibabacloud_vpc::Client;
use alibabacloud_vpc::describe_ha_vips::DescribeHaVipsRequest;

/// Set only by the loopback demonstration: where its VPC stand-in listens.
const DEMO_VPC_ENDPOINT: &str = "RRSA_EXAMPLE_VPC_ENDPOINT";
const DEMO_TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.demo-token.signature";
const SAMPLE: &str = include_str!("../../api-specs/vpc/samples/DescribeHaVips/en-success.json");

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::var_os("ALIBABA_CLOUD_ROLE_ARN").is_none() {
        return demonstrate_on_loopback().await;
    }
    // What the service in the pod runs: everything from the environment.
    let client = match std::env::var(DEMO_VPC_ENDPOINT) {
        Ok(endpoint) => Client::builder()
            .region_id_from_env()
            .endpoint(endpoint)
            .build()?,
        Err(_) => Client::from_env()?,
    };
    let region_id =
        std::env::var("ALIBABA_CLOUD_REGION_ID").unwrap_or_else(|_| "cn-hangzhou".to_string());
    let request = DescribeHaVipsRequest::builder()
        .region_id(&region_id)
        .build()?;
    let page = client.describe_ha_vips(request).await?;
    println!(
        "{} HaVip(s) in {region_id}, called with credentials from RRSA",
        page.total_count.unwrap_or_default()
    );
    Ok(())
}

/// Runs this example again with RRSA's variables pointing at loopback
/// stand-ins, and checks what STS was sent.
async fn demonstrate_on_loopback() -> Result<(), Box<dyn std::error::Error>> {
    let sts = Sts {
        signers: Vec::new(),
        oidc_tokens: vec![DEMO_TOKEN.to_string()],
    };
    let exchanged = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&exchanged);
    let sts_server = TestServer::start(move |received: &Received, _| match sts.check(received) {
        Ok((action, _)) => {
            if let Ok(mut exchanged) = record.lock() {
                exchanged.push(action);
            }
            Reply::json(
                200,
                sts_answer(&credentials_json(
                    "STS.demo",
                    "demo-secret",
                    "demo-security-token",
                    &expiration_in(3600),
                )),
            )
        }
        Err(reply) => reply,
    })
    .await;
    let vpc_server = TestServer::start(|received: &Received, _| {
        if received.header("x-acs-security-token") == Some("demo-security-token") {
            Reply::json(200, SAMPLE)
        } else {
            Reply::json(400, r#"{"Code":"InvalidSecurityToken.Missing"}"#)
        }
    })
    .await;
    let dir = std::env::temp_dir().join(format!("rrsa-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let token_file = dir.join("token");
    std::fs::write(&token_file, DEMO_TOKEN)?;

    println!("no RRSA variables set: running the example as a pod on loopback stand-ins");
    let status = Command::new(std::env::current_exe()?)
        .env("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1234:role/demo")
        .env(
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            "acs:ram::1234:oidc-provider/ack-rrsa-demo",
        )
        .env("ALIBABA_CLOUD_OIDC_TOKEN_FILE", &token_file)
        .env("ALIBABA_CLOUD_STS_ENDPOINT", sts_server.endpoint())
        .env("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou")
        .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .env(DEMO_VPC_ENDPOINT, vpc_server.endpoint())
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_ID")
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        .env_remove("ALIBABA_CLOUD_SECURITY_TOKEN")
        .status()?;
    let _ = std::fs::remove_dir_all(&dir);
    let exchanged = exchanged
        .lock()
        .map(|list| list.clone())
        .unwrap_or_default();
    println!("STS was asked: {exchanged:?}");
    if !status.success() || exchanged != ["AssumeRoleWithOIDC"] {
        return Err("the RRSA demonstration failed".into());
    }
    Ok(())
}
