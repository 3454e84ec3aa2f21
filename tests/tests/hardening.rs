//! Regression tests of issue 14 against the loopback server: signatures
//! checked by the independent verifiers of `alibabacloud_tests::verify`,
//! secrets kept out of every error, bodies that are not the response,
//! paginators against lying servers, 429 and `Retry-After`, the body cap
//! and the CLI profile's region.

use std::error::Error as _;
use std::time::{Duration, Instant};

use alibabacloud_runtime::client::{ClientBuilder, HttpRequest, TransportErrorKind, TryStreamExt};
use alibabacloud_runtime::error::WireError;
use alibabacloud_tests::server::{Received, Reply, TestServer};
use alibabacloud_tests::verify::{signature_error, verify_v1, verify_v3};
use alibabacloud_vpc::create_vpn_attachment::{
    CreateVpnAttachmentRequest, IkeConfig, TunnelOptionsSpecification,
};
use alibabacloud_vpc::describe_ha_vips::{DescribeHaVipsRequest, HaVip};
use alibabacloud_vpc::{Client, Credentials, RetryPolicy, SdkError, SignatureVersion};

const ID: &str = "TestAccessKeyId";
const SECRET: &str = "TopSecretValue-7f3a";
const TOKEN: &str = "TopSecretStsToken-91c2";
const PSK: &str = "TopSecretPsk-55e0";

fn credentials() -> Credentials {
    Credentials::new(ID, SECRET)
}

fn builder(endpoint: String) -> ClientBuilder<Client> {
    Client::builder()
        .endpoint(endpoint)
        .credentials(credentials())
        .retry_policy(RetryPolicy::new(
            3,
            Duration::from_millis(1),
            Duration::from_millis(5),
        ))
}

/// A server that answers `body` when the request's V3 signature verifies,
/// and `SignatureDoesNotMatch` otherwise, as the service does.
async fn v3_server(body: &'static str) -> TestServer {
    TestServer::start(move |received, _| match verify_v3(received, ID, SECRET) {
        Ok(()) => Reply::json(200, body),
        Err(problem) => Reply::json(400, signature_error(&problem)),
    })
    .await
}

/// As [`v3_server`], for V1.
async fn v1_server(body: &'static str) -> TestServer {
    TestServer::start(move |received, _| match verify_v1(received, SECRET) {
        Ok(()) => Reply::json(200, body),
        Err(problem) => Reply::json(400, signature_error(&problem)),
    })
    .await
}

const ATTACHMENT: &str = r#"{"RequestId":"R-VPN","VpnConnectionId":"vco-1"}"#;

/// `CreateVpnAttachment` with a form-body parameter
/// (`TunnelOptionsSpecification`) and, optionally, a pre-shared key.
fn vpn_attachment(psk: Option<&str>) -> CreateVpnAttachmentRequest {
    let mut builder = CreateVpnAttachmentRequest::builder()
        .region_id("cn-hangzhou")
        .local_subnet("10.0.0.0/24")
        .remote_subnet("10.1.0.0/24")
        .tunnel_options_specification(
            TunnelOptionsSpecification::builder()
                .customer_gateway_id("cgw-1")
                .build(),
        );
    if let Some(psk) = psk {
        builder = builder.ike_config(IkeConfig::builder().psk(psk).build());
    }
    builder.build().expect("valid")
}

fn ha_vips() -> DescribeHaVipsRequest {
    DescribeHaVipsRequest::builder()
        .region_id("cn-hangzhou")
        .build()
        .expect("valid")
}

// Bug 1: V1 signs the form-body parameters too.
#[tokio::test]
async fn v1_signs_the_body_parameters() {
    let server = v1_server(ATTACHMENT).await;
    for credentials in [credentials(), credentials().with_security_token(TOKEN)] {
        let client = builder(server.endpoint())
            .credentials(credentials)
            .signature_version(SignatureVersion::V1)
            .build()
            .unwrap();
        let response = client
            .create_vpn_attachment(vpn_attachment(None))
            .await
            .unwrap_or_else(|error| panic!("{error}: {:?}", error.source()));
        assert_eq!(response.vpn_connection_id.as_deref(), Some("vco-1"));
    }
    let received = server.received();
    let sent = &received[0];
    assert!(
        String::from_utf8_lossy(&sent.body)
            .contains("TunnelOptionsSpecification.1.CustomerGatewayId=cgw-1"),
        "{:?}",
        String::from_utf8_lossy(&sent.body)
    );
    assert_eq!(received[1].param("SecurityToken"), Some(TOKEN));
}

// The verifier is not a rubber stamp: a wrong secret is refused.
#[test]
fn the_verifiers_refuse_a_wrong_secret() {
    let sent = Received {
        method: "POST".into(),
        path: "/".into(),
        query: vec![
            ("Action".into(), "DescribeHaVips".into()),
            ("Signature".into(), "c0PtE4ni9JipGklqYI3ECesFQvo=".into()),
        ],
        headers: vec![],
        body: vec![],
    };
    assert!(verify_v1(&sent, SECRET).is_err());
    assert!(verify_v3(&sent, ID, SECRET).is_err());
}

// Bug 9: with a body, V3 signs `content-type` (the verifier requires every
// sent `content-type`, `host` and `x-acs-*` header to be signed).
#[tokio::test]
async fn v3_signs_the_content_type_of_a_body() {
    let server = v3_server(ATTACHMENT).await;
    let client = builder(server.endpoint()).build().unwrap();
    client
        .create_vpn_attachment(vpn_attachment(None))
        .await
        .unwrap_or_else(|error| panic!("{error}: {:?}", error.source()));
    let sent = &server.received()[0];
    assert_eq!(
        sent.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    let authorization = sent.header("authorization").unwrap();
    assert!(
        authorization.contains("SignedHeaders=content-type;host;"),
        "{authorization}"
    );
}

// Bug 2: the host is signed as it is sent.
#[tokio::test]
async fn v3_signs_the_host_as_sent() {
    let server = v3_server(r#"{"RequestId":"R","TotalCount":0}"#).await;
    let port = server.endpoint().rsplit(':').next().unwrap().to_string();
    for endpoint in [
        format!("http://LocalHost:{port}"),
        format!("HTTP://127.0.0.1:{port}/"),
    ] {
        let client = builder(endpoint.clone()).build().unwrap();
        client
            .describe_ha_vips(ha_vips())
            .await
            .unwrap_or_else(|error| panic!("{endpoint}: {error}: {:?}", error.source()));
    }
    let hosts: Vec<String> = server
        .received()
        .iter()
        .filter_map(|sent| sent.header("host").map(str::to_string))
        .collect();
    assert_eq!(
        hosts,
        [format!("localhost:{port}"), format!("127.0.0.1:{port}")]
    );
}

/// Every text an error shows: `Display` and `Debug` of it and of each
/// source in its chain.
fn everything_shown(error: &(dyn std::error::Error + 'static)) -> String {
    let mut shown = String::new();
    let mut next = Some(error);
    while let Some(error) = next {
        shown.push_str(&format!("{error}\n{error:?}\n"));
        next = error.source();
    }
    shown
}

fn assert_no_secret(shown: &str) {
    for secret in [SECRET, TOKEN, PSK] {
        assert!(!shown.contains(secret), "{secret} shown in:\n{shown}");
    }
}

// Bug 3: no error shows the secret, the STS token or a pre-shared key,
// whatever its kind, with V1 (token and key in the URL) or V3 (key in
// the URL).
#[tokio::test]
async fn errors_never_show_secrets() {
    let refused = {
        let server = TestServer::start(|_, _| Reply::json(200, "{}")).await;
        server.endpoint()
    };
    tokio::time::sleep(Duration::from_millis(50)).await;
    let cases: Vec<(&str, Reply)> = vec![
        ("reset", Reply::Close),
        (
            "short body",
            Reply::Raw(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"Req".to_vec()),
        ),
        ("bad head", Reply::Raw(b"NOT HTTP AT ALL\r\n\r\n".to_vec())),
        ("stall", Reply::Stall(Duration::from_secs(5))),
        ("too large", Reply::json(200, "x".repeat(4096))),
        (
            "service",
            Reply::json(403, r#"{"Code":"Forbidden","Message":"denied"}"#),
        ),
        ("invalid", Reply::json(200, "<html>login</html>")),
    ];
    let mut kinds = std::collections::BTreeSet::new();
    for signature in [SignatureVersion::V1, SignatureVersion::V3] {
        for (name, reply) in &cases {
            let reply = reply.clone();
            let server = TestServer::start(move |_, _| reply.clone()).await;
            let error = builder(server.endpoint())
                .credentials(credentials().with_security_token(TOKEN))
                .signature_version(signature)
                .retry_policy(RetryPolicy::disabled())
                .attempt_timeout(Duration::from_millis(300))
                .max_response_body(1024)
                .build()
                .unwrap()
                .create_vpn_attachment(vpn_attachment(Some(PSK)))
                .await
                .expect_err(name);
            kinds.insert(
                format!("{error:?}")
                    .split(['(', ' '])
                    .next()
                    .unwrap()
                    .to_string(),
            );
            assert_no_secret(&everything_shown(&error));
        }
        let error = builder(refused.clone())
            .credentials(credentials().with_security_token(TOKEN))
            .signature_version(signature)
            .retry_policy(RetryPolicy::disabled())
            .build()
            .unwrap()
            .create_vpn_attachment(vpn_attachment(Some(PSK)))
            .await
            .unwrap_err();
        let SdkError::Transport(transport) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(transport.kind(), TransportErrorKind::Connect);
        // reqwest's error is kept as the source, not flattened into text.
        assert!(transport.source().is_some(), "{transport:?}");
        assert_no_secret(&everything_shown(&error));
    }
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["InvalidResponse", "Service", "Transport"]
    );
}

// Bug 3: a request's `Debug` (what a custom transport would log) hides the
// query, the body and the signed token.
#[test]
fn http_requests_do_not_show_secrets_in_debug() {
    let request = HttpRequest {
        method: "POST".into(),
        url: format!(
            "https://vpc.aliyuncs.com/?SecurityToken={TOKEN}&IkeConfig=%7B%22Psk%22%3A%22{PSK}%22%7D"
        ),
        headers: vec![
            ("x-acs-security-token".into(), TOKEN.into()),
            (
                "authorization".into(),
                "ACS3-HMAC-SHA256 Credential=x".into(),
            ),
            ("x-acs-action".into(), "CreateVpnAttachment".into()),
        ],
        body: format!("Psk={PSK}").into_bytes(),
        max_response_body: 1,
    };
    let debug = format!("{request:?}");
    assert_no_secret(&debug);
    assert!(debug.contains("CreateVpnAttachment"), "{debug}");
}

// Bug 4: a 200 that is not the action's response is an error showing its
// first bytes.
#[tokio::test]
async fn a_success_status_with_another_document_is_invalid() {
    for (body, why) in [
        (
            "<!DOCTYPE html><html><body>Proxy login</body></html>",
            "<html>",
        ),
        (
            "<?xml version=\"1.0\"?><DescribeVpcsResponse><TotalCount>1</TotalCount></DescribeVpcsResponse>",
            "<DescribeVpcsResponse>",
        ),
        ("Service temporarily moved", "neither"),
        ("[1, 2]", "neither"),
    ] {
        let server = TestServer::start(move |_, _| Reply::json(200, body)).await;
        let error = builder(server.endpoint())
            .build()
            .unwrap()
            .describe_ha_vips(ha_vips())
            .await
            .unwrap_err();
        let SdkError::InvalidResponse {
            status: 200,
            error: WireError::NotTheResponse(what),
            body: kept,
        } = &error
        else {
            panic!("{body}: {error:?}")
        };
        assert!(what.contains(why), "{what}");
        assert_eq!(kept, body);
        let shown = error.to_string();
        assert!(shown.contains(&body[..body.len().min(12)]), "{shown}");
        assert_eq!(server.received().len(), 1, "not retried");
    }
}

fn page_body(page: i64, size: i64, total: i64, ids: &[String]) -> String {
    let items: Vec<String> = ids
        .iter()
        .map(|id| format!(r#"{{"HaVipId":"{id}"}}"#))
        .collect();
    format!(
        r#"{{"RequestId":"R{page}","PageNumber":{page},"PageSize":{size},"TotalCount":{total},"HaVips":{{"HaVip":[{}]}}}}"#,
        items.join(",")
    )
}

fn paged_request() -> DescribeHaVipsRequest {
    DescribeHaVipsRequest::builder()
        .region_id("cn-hangzhou")
        .page_size(50)
        .build()
        .unwrap()
}

// Bug 5: a server stuck on page 1 with `TotalCount` 237.
#[tokio::test]
async fn the_paginator_stops_when_the_server_repeats_page_one() {
    let ids: Vec<String> = (0..50).map(|n| format!("havip-{n}")).collect();
    let body = page_body(1, 50, 237, &ids);
    let server = TestServer::start(move |_, _| Reply::json(200, body.clone())).await;
    let mut items = Box::pin(
        builder(server.endpoint())
            .build()
            .unwrap()
            .describe_ha_vips_paginator(paged_request())
            .items(),
    );
    let mut yielded = 0;
    let error = loop {
        match items.try_next().await {
            Ok(Some(_)) => yielded += 1,
            Ok(None) => panic!("ended without an error after {yielded} items"),
            Err(error) => break error,
        }
    };
    assert_eq!(yielded, 50);
    assert!(matches!(error, SdkError::Pagination(_)), "{error:?}");
    assert!(error.to_string().contains("page 2"), "{error}");
    assert_eq!(server.received().len(), 2);
}

// Bug 5: without `PageNumber` in the answer, a repeated page is noticed by
// its items.
#[tokio::test]
async fn the_paginator_stops_when_a_page_repeats_without_page_numbers() {
    let server = TestServer::start(|_, _| {
        Reply::json(
            200,
            r#"{"RequestId":"R","TotalCount":1000,"HaVips":{"HaVip":[{"HaVipId":"same"}]}}"#,
        )
    })
    .await;
    let result: Result<Vec<HaVip>, _> = builder(server.endpoint())
        .build()
        .unwrap()
        .describe_ha_vips_paginator(ha_vips())
        .items()
        .try_collect()
        .await;
    assert!(matches!(result, Err(SdkError::Pagination(_))), "{result:?}");
    assert_eq!(server.received().len(), 2);
}

// Bug 5: a server that ignores the page number but sends new items stops
// once `TotalCount` items have been yielded.
#[tokio::test]
async fn the_paginator_stops_at_total_count_items() {
    let server = TestServer::start(|_, index| {
        let ids: Vec<String> = (0..2).map(|n| format!("h{index}-{n}")).collect();
        let items: Vec<String> = ids
            .iter()
            .map(|id| format!(r#"{{"HaVipId":"{id}"}}"#))
            .collect();
        Reply::json(
            200,
            format!(
                r#"{{"RequestId":"R","TotalCount":5,"HaVips":{{"HaVip":[{}]}}}}"#,
                items.join(",")
            ),
        )
    })
    .await;
    let items: Vec<HaVip> = builder(server.endpoint())
        .build()
        .unwrap()
        .describe_ha_vips_paginator(ha_vips())
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 6);
    assert_eq!(server.received().len(), 3);
}

fn too_many_requests(retry_after: Option<u64>) -> Reply {
    let header = retry_after
        .map(|seconds| format!("Retry-After: {seconds}\r\n"))
        .unwrap_or_default();
    Reply::Raw(
        format!("HTTP/1.1 429 Too Many Requests\r\n{header}Content-Length: 0\r\nConnection: close\r\n\r\n")
            .into_bytes(),
    )
}

// Bug 6: 429 without a code is retried.
#[tokio::test]
async fn too_many_requests_is_retried() {
    let server = TestServer::start(|_, index| match index {
        0 => too_many_requests(None),
        _ => Reply::json(200, r#"{"RequestId":"R","TotalCount":0}"#),
    })
    .await;
    builder(server.endpoint())
        .build()
        .unwrap()
        .describe_ha_vips(ha_vips())
        .await
        .unwrap();
    assert_eq!(server.received().len(), 2);
}

// Bug 6: `Retry-After` is honoured when the deadline allows it.
#[tokio::test]
async fn retry_after_is_honoured_within_the_deadline() {
    let server = TestServer::start(|_, index| match index {
        0 => too_many_requests(Some(1)),
        _ => Reply::json(200, r#"{"RequestId":"R","TotalCount":0}"#),
    })
    .await;
    let started = Instant::now();
    builder(server.endpoint())
        .build()
        .unwrap()
        .describe_ha_vips(ha_vips())
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.received().len(), 2);

    // A wait beyond the operation's deadline is not made: the 429 is the
    // answer, at once.
    let server = TestServer::start(|_, _| too_many_requests(Some(120))).await;
    let started = Instant::now();
    let error = builder(server.endpoint())
        .operation_timeout(Duration::from_secs(5))
        .build()
        .unwrap()
        .describe_ha_vips(ha_vips())
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        error.as_service().map(|service| service.status()),
        Some(429)
    );
    assert_eq!(server.received().len(), 1);
}

// Bug 7: the body read is capped, with or without a `Content-Length`.
#[tokio::test]
async fn response_bodies_are_capped() {
    let big = "x".repeat(100_000);
    let close_delimited = format!("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{big}");
    for reply in [
        Reply::json(200, big.clone()),
        Reply::Raw(close_delimited.into_bytes()),
    ] {
        let server = TestServer::start(move |_, _| reply.clone()).await;
        let error = builder(server.endpoint())
            .max_response_body(10_000)
            .build()
            .unwrap()
            .describe_ha_vips(ha_vips())
            .await
            .unwrap_err();
        let SdkError::Transport(transport) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(transport.kind(), TransportErrorKind::BodyTooLarge);
        assert_eq!(server.received().len(), 1, "not retried");
    }
}

// Bug 7: a large error body is kept whole but shown truncated.
#[tokio::test]
async fn large_error_bodies_are_shown_truncated() {
    let body = format!(
        r#"{{"Code":"InternalError","Message":"m","Pad":"{}"}}"#,
        "p".repeat(1_000_000)
    );
    let sent = body.clone();
    let server = TestServer::start(move |_, _| Reply::json(500, sent.clone())).await;
    let error = builder(server.endpoint())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap()
        .describe_ha_vips(ha_vips())
        .await
        .unwrap_err();
    let shown = everything_shown(&error);
    assert!(shown.len() < 4_000, "{} bytes shown", shown.len());
    assert!(shown.contains("InternalError"), "{shown}");
    let service = error.as_service().unwrap();
    assert_eq!(service.raw_body(), body);

    let invalid = format!("<html>{}</html>", "p".repeat(1_000_000));
    let sent = invalid.clone();
    let server = TestServer::start(move |_, _| Reply::json(200, sent.clone())).await;
    let error = builder(server.endpoint())
        .build()
        .unwrap()
        .describe_ha_vips(ha_vips())
        .await
        .unwrap_err();
    let shown = everything_shown(&error);
    assert!(shown.len() < 4_000, "{} bytes shown", shown.len());
    assert!(matches!(&error, SdkError::InvalidResponse { body, .. } if *body == invalid));
}

const PROFILE_CHILD: &str = "ALIBABACLOUD_TESTS_PROFILE_CHILD";

// Bug 8: `from_env` takes the region from the CLI profile when
// `ALIBABA_CLOUD_REGION_ID` is unset. The environment is set in a child
// process (this test binary running the ignored test below), since a test
// cannot change its own environment safely.
#[test]
fn from_env_uses_the_profile_region() {
    let home = std::env::temp_dir().join(format!("alibabacloud-profile-{}", std::process::id()));
    std::fs::create_dir_all(home.join(".aliyun")).unwrap();
    std::fs::write(
        home.join(".aliyun/config.json"),
        r#"{"current":"work","profiles":[{"name":"work","mode":"AK","access_key_id":"id","access_key_secret":"s","region_id":"cn-shanghai"}]}"#,
    )
    .unwrap();
    let run = |region: Option<&str>| {
        let mut command = std::process::Command::new(std::env::current_exe().unwrap());
        command
            .args(["--ignored", "--exact", "from_env_child", "--nocapture"])
            .env("HOME", &home)
            .env(PROFILE_CHILD, region.unwrap_or("cn-shanghai"))
            .env_remove("ALIBABA_CLOUD_ACCESS_KEY_ID")
            .env_remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
            .env_remove("ALIBABA_CLOUD_SECURITY_TOKEN")
            .env_remove("ALIBABA_CLOUD_PROFILE");
        match region {
            Some(region) => command.env("ALIBABA_CLOUD_REGION_ID", region),
            None => command.env_remove("ALIBABA_CLOUD_REGION_ID"),
        };
        let output = command.output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            output.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(stdout.contains("1 passed"), "{stdout}");
    };
    run(None);
    // The environment comes first.
    run(Some("cn-beijing"));
    let _ = std::fs::remove_dir_all(&home);
}

#[test]
#[ignore = "run by from_env_uses_the_profile_region in a child process"]
fn from_env_child() {
    let expected = std::env::var(PROFILE_CHILD).expect("run by from_env_uses_the_profile_region");
    let client = Client::from_env().unwrap();
    assert_eq!(
        client.runtime().host(),
        alibabacloud_vpc::endpoints::for_region(&expected)
    );
}

// Items 10 and 11: a text field sent as a number or boolean, and a `null`
// inside a list, no longer refuse the whole response.
#[tokio::test]
async fn numbers_in_text_fields_and_nulls_in_lists_are_read() {
    let body = r#"{"RequestId":"R","TotalCount":2,"HaVips":{"HaVip":[null,{"HaVipId":"havip-1","IpAddress":20,"Description":false,"AssociatedInstances":{"associatedInstance":[null,"i-1"]}}]}}"#;
    let server = TestServer::start(move |_, _| Reply::json(200, body)).await;
    let response = builder(server.endpoint())
        .build()
        .unwrap()
        .describe_ha_vips(ha_vips())
        .await
        .unwrap();
    let ha_vips = response.ha_vips();
    assert_eq!(ha_vips.len(), 2);
    assert_eq!(
        ha_vips[0],
        HaVip::default(),
        "null is an item with no field set"
    );
    assert_eq!(ha_vips[1].ip_address.as_deref(), Some("20"));
    assert_eq!(ha_vips[1].description.as_deref(), Some("false"));
    assert_eq!(ha_vips[1].associated_instances(), ["", "i-1"]);
}

// Item 12: a float that is not finite is refused with a clear error, not
// accepted and written back as `null`.
#[tokio::test]
async fn non_finite_floats_are_refused() {
    use alibabacloud_vpc::ResponseBody;
    use alibabacloud_vpc::list_business_access_points::ListBusinessAccessPointsResponse;
    for longitude in [r#""NaN""#, r#""inf""#, "1e400", r#""-1e400""#] {
        let body =
            format!(r#"{{"RequestId":"R","BusinessAccessPoints":[{{"Longitude":{longitude}}}]}}"#);
        let error = ListBusinessAccessPointsResponse::from_json(&body).unwrap_err();
        let shown = error.to_string();
        assert!(
            shown.contains("finite number") || shown.contains("out of range"),
            "{longitude}: {shown}"
        );
    }
    let fine = ListBusinessAccessPointsResponse::from_json(
        r#"{"RequestId":"R","BusinessAccessPoints":[{"Longitude":"120.247514"}]}"#,
    )
    .unwrap();
    assert_eq!(
        fine.business_access_points.unwrap()[0].longitude,
        Some(120.247514)
    );
}

// Item 13: an empty list item (`{},` on the wire, 3 bytes) costs the size
// of the item's struct, the ratio README.md documents. Under the 8 MiB
// body cap this bounds what one response can take.
#[test]
fn empty_items_cost_their_struct_size() {
    use alibabacloud_vpc::ResponseBody;
    use alibabacloud_vpc::describe_vpcs::{DescribeVpcsResponse, Vpc};
    let items = vec!["{}"; 10_000].join(",");
    let body = format!(r#"{{"Vpcs":{{"Vpc":[{items}]}}}}"#);
    let response = DescribeVpcsResponse::from_json(&body).unwrap();
    let vpcs = response.vpcs.as_ref().unwrap();
    assert_eq!(vpcs.len(), 10_000);
    let ratio = (vpcs.capacity() * std::mem::size_of::<Vpc>()) / body.len();
    println!(
        "Vpc: {} bytes, {ratio}x the body",
        std::mem::size_of::<Vpc>()
    );
    assert!(ratio <= 400, "{ratio}x");
}

// Secrets in requests: a request's `Debug` (what a caller logs) hides
// pre-shared keys.
#[test]
fn request_debug_hides_pre_shared_keys() {
    let debug = format!("{:?}", vpn_attachment(Some(PSK)));
    assert_no_secret(&debug);
    assert!(debug.contains("Psk: ***"), "{debug}");
}

// Bug 3, the remaining kinds: the operation timeout, a paginator's stop,
// a build error and a credentials error show no secret either.
#[tokio::test]
async fn the_other_error_kinds_show_no_secrets() {
    let sts = || credentials().with_security_token(TOKEN);
    let server = TestServer::start(|_, _| Reply::Stall(Duration::from_secs(5))).await;
    let error = builder(server.endpoint())
        .credentials(sts())
        .signature_version(SignatureVersion::V1)
        .operation_timeout(Duration::from_millis(200))
        .build()
        .unwrap()
        .create_vpn_attachment(vpn_attachment(Some(PSK)))
        .await
        .unwrap_err();
    assert!(matches!(error, SdkError::Timeout(_)), "{error:?}");
    assert_no_secret(&everything_shown(&error));

    let ids: Vec<String> = vec!["h1".into()];
    let body = page_body(1, 1, 10, &ids);
    let server = TestServer::start(move |_, _| Reply::json(200, body.clone())).await;
    let result: Result<Vec<HaVip>, _> = builder(server.endpoint())
        .credentials(sts())
        .signature_version(SignatureVersion::V1)
        .build()
        .unwrap()
        .describe_ha_vips_paginator(ha_vips())
        .items()
        .try_collect()
        .await;
    let error = result.unwrap_err();
    assert!(matches!(error, SdkError::Pagination(_)), "{error:?}");
    assert_no_secret(&everything_shown(&error));

    let build = CreateVpnAttachmentRequest::builder()
        .ike_config(IkeConfig::builder().psk(PSK).build())
        .build()
        .unwrap_err();
    let error: SdkError<alibabacloud_vpc::ErrorCode> = build.into();
    assert_no_secret(&everything_shown(&error));

    let credentials_error =
        alibabacloud_vpc::Credentials::from_profile_file("/nonexistent/config.json", Some("work"))
            .unwrap_err();
    let error: SdkError<alibabacloud_vpc::ErrorCode> = credentials_error.into();
    let shown = everything_shown(&error);
    assert!(shown.contains("credentials"), "{shown}");
    assert!(
        shown.contains("/nonexistent/config.json"),
        "the cause is in the chain: {shown}"
    );
}
