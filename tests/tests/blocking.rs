//! The blocking client (feature `blocking`) against the loopback server:
//! the same signatures (checked by the independent verifiers), retries,
//! timeouts, errors and paginators as the async client, with no async
//! runtime of the caller's. The server runs on a tokio runtime of its own.

use std::error::Error as _;
use std::time::{Duration, Instant};

use alibabacloud_runtime::client::{ClientBuilder, TransportErrorKind};
use alibabacloud_tests::server::{Received, Reply, TestServer};
use alibabacloud_tests::verify::{signature_error, verify_v1, verify_v3};
use alibabacloud_vpc::blocking::Client;
use alibabacloud_vpc::create_vpn_attachment::{
    CreateVpnAttachmentRequest, IkeConfig, TunnelOptionsSpecification,
};
use alibabacloud_vpc::describe_ha_vips::{DescribeHaVipsRequest, HaVip};
use alibabacloud_vpc::{Credentials, RetryPolicy, SdkError, SignatureVersion};

const ID: &str = "TestAccessKeyId";
const SECRET: &str = "TopSecretValue-b10c";
const TOKEN: &str = "TopSecretStsToken-b10c";
const PSK: &str = "TopSecretPsk-b10c";
const SAMPLE: &str = include_str!("../../api-specs/vpc/samples/DescribeHaVips/en-success.json");

/// A loopback server on a tokio runtime of its own, so that the test
/// itself runs no async code.
struct Server {
    server: TestServer,
    _runtime: tokio::runtime::Runtime,
}

impl Server {
    fn start(handler: impl Fn(&Received, usize) -> Reply + Send + Sync + 'static) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let server = runtime.block_on(TestServer::start(handler));
        Self {
            server,
            _runtime: runtime,
        }
    }
}

fn builder(server: &Server) -> ClientBuilder<Client> {
    Client::builder()
        .endpoint(server.server.endpoint())
        .credentials(Credentials::new(ID, SECRET))
        .retry_policy(RetryPolicy::new(
            3,
            Duration::from_millis(1),
            Duration::from_millis(5),
        ))
}

fn ha_vips() -> DescribeHaVipsRequest {
    DescribeHaVipsRequest::builder()
        .region_id("cn-hangzhou")
        .build()
        .unwrap()
}

fn vpn_attachment() -> CreateVpnAttachmentRequest {
    CreateVpnAttachmentRequest::builder()
        .region_id("cn-hangzhou")
        .local_subnet("10.0.0.0/24")
        .remote_subnet("10.1.0.0/24")
        .ike_config(IkeConfig::builder().psk(PSK).build())
        .tunnel_options_specification(
            TunnelOptionsSpecification::builder()
                .customer_gateway_id("cgw-1")
                .build(),
        )
        .build()
        .unwrap()
}

#[test]
fn blocking_calls_are_signed_with_v3_and_v1() {
    let server = Server::start(|received, _| {
        let verified = if received.header("authorization").is_some() {
            verify_v3(received, ID, SECRET)
        } else {
            verify_v1(received, SECRET)
        };
        match verified {
            Ok(()) if received.header("x-acs-action") == Some("DescribeHaVips") => {
                Reply::json(200, SAMPLE)
            }
            Ok(()) => Reply::json(200, r#"{"RequestId":"R","VpnConnectionId":"vco-1"}"#),
            Err(problem) => Reply::json(400, signature_error(&problem)),
        }
    });
    let v3 = builder(&server).build().unwrap();
    let response = v3.describe_ha_vips(ha_vips()).unwrap();
    assert_eq!(response.total_count, Some(1));
    v3.create_vpn_attachment(vpn_attachment())
        .unwrap_or_else(|error| panic!("{error}: {:?}", error.source()));
    let v1 = builder(&server)
        .credentials(Credentials::new(ID, SECRET).with_security_token(TOKEN))
        .signature_version(SignatureVersion::V1)
        .build()
        .unwrap();
    let response = v1
        .create_vpn_attachment(vpn_attachment())
        .unwrap_or_else(|error| panic!("{error}: {:?}", error.source()));
    assert_eq!(response.vpn_connection_id.as_deref(), Some("vco-1"));
    assert_eq!(server.server.received().len(), 3);
}

#[test]
fn blocking_calls_retry_throttling_and_429_with_retry_after() {
    let server = Server::start(|_, index| {
        match index {
        0 => Reply::json(400, r#"{"Code":"Throttling.User","Message":"m"}"#),
        1 => Reply::Raw(
            b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                .to_vec(),
        ),
        _ => Reply::json(200, SAMPLE),
    }
    });
    let started = Instant::now();
    builder(&server)
        .build()
        .unwrap()
        .describe_ha_vips(ha_vips())
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    let received = server.server.received();
    assert_eq!(received.len(), 3);
    let nonces: std::collections::BTreeSet<&str> = received
        .iter()
        .filter_map(|sent| sent.header("x-acs-signature-nonce"))
        .collect();
    assert_eq!(nonces.len(), 3);
}

#[test]
fn blocking_errors_are_typed_and_show_no_secrets() {
    let server = Server::start(|_, index| match index {
        0 => Reply::json(404, r#"{"Code":"InvalidRegionId.NotFound","Message":"m"}"#),
        1 => Reply::Stall(Duration::from_secs(5)),
        2 => Reply::json(200, "x".repeat(4096)),
        _ => Reply::Close,
    });
    let client = builder(&server)
        .credentials(Credentials::new(ID, SECRET).with_security_token(TOKEN))
        .signature_version(SignatureVersion::V1)
        .retry_policy(RetryPolicy::disabled())
        .attempt_timeout(Duration::from_millis(300))
        .max_response_body(1024)
        .build()
        .unwrap();
    let mut errors = Vec::new();
    for _ in 0..4 {
        errors.push(client.create_vpn_attachment(vpn_attachment()).unwrap_err());
    }
    assert_eq!(
        errors[0].as_service().map(|service| service.status()),
        Some(404)
    );
    let kinds: Vec<Option<TransportErrorKind>> = errors[1..]
        .iter()
        .map(|error| match error {
            SdkError::Transport(transport) => Some(transport.kind()),
            _ => None,
        })
        .collect();
    assert_eq!(
        kinds[..2],
        [
            Some(TransportErrorKind::Timeout),
            Some(TransportErrorKind::BodyTooLarge)
        ]
    );
    assert!(kinds[2].is_some(), "{:?}", errors[3]);
    for error in &errors {
        let mut shown = String::new();
        let mut next: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(error) = next {
            shown.push_str(&format!("{error}\n{error:?}\n"));
            next = error.source();
        }
        for secret in [SECRET, TOKEN, PSK] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
    }
}

#[test]
fn blocking_calls_have_an_operation_deadline() {
    let server = Server::start(|_, _| Reply::Stall(Duration::from_secs(5)));
    let started = Instant::now();
    let error = builder(&server)
        .attempt_timeout(Duration::from_secs(3))
        .operation_timeout(Duration::from_millis(300))
        .build()
        .unwrap()
        .describe_ha_vips(ha_vips())
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(
        matches!(error, SdkError::Timeout(limit) if limit == Duration::from_millis(300)),
        "{error:?}"
    );
}

fn page_body(page: i64, size: i64, total: i64, ids: &[&str]) -> String {
    let items: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"HaVipId":"{id}"}}"#))
        .collect();
    format!(
        r#"{{"RequestId":"R{page}","PageNumber":{page},"PageSize":{size},"TotalCount":{total},"HaVips":{{"HaVip":[{}]}}}}"#,
        items.join(",")
    )
}

#[test]
fn blocking_paginators_are_iterators() {
    let server = Server::start(|received, _| match received.param("PageNumber") {
        Some("1") => Reply::json(200, page_body(1, 2, 5, &["h1", "h2"])),
        Some("2") => Reply::json(200, page_body(2, 2, 5, &["h3", "h4"])),
        Some("3") => Reply::json(200, page_body(3, 2, 5, &["h5"])),
        _ => Reply::json(500, "{}"),
    });
    let request = DescribeHaVipsRequest::builder()
        .region_id("cn-hangzhou")
        .page_size(2)
        .build()
        .unwrap();
    let client = builder(&server).build().unwrap();
    let items: Vec<HaVip> = client
        .describe_ha_vips_paginator(request.clone())
        .items()
        .collect::<Result<_, _>>()
        .unwrap();
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|item| item.ha_vip_id.as_deref())
        .collect();
    assert_eq!(ids, ["h1", "h2", "h3", "h4", "h5"]);
    assert_eq!(
        client
            .describe_ha_vips_paginator(request)
            .max_pages(2)
            .pages()
            .count(),
        2
    );
}

#[test]
fn blocking_paginators_stop_on_a_repeated_page() {
    let server = Server::start(|_, _| Reply::json(200, page_body(1, 2, 237, &["h1", "h2"])));
    let results: Vec<_> = builder(&server)
        .build()
        .unwrap()
        .describe_ha_vips_paginator(ha_vips())
        .pages()
        .collect();
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    assert!(
        matches!(results[1], Err(SdkError::Pagination(_))),
        "{:?}",
        results[1]
    );
}
