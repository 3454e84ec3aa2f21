//! The client against a real HTTP server on loopback: signatures, sample
//! responses, documented errors in JSON and XML, throttling retries with a
//! fresh nonce per attempt, timeouts and paging.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use alibabacloud_runtime::client::{Page, Paginated, TryStreamExt};
use alibabacloud_runtime::query::QueryPairs;
use alibabacloud_runtime::sign;
use alibabacloud_tests::server::{Received, Reply, TestServer};
use alibabacloud_vpc::describe_ha_vips::{
    DescribeHaVipsRequest, DescribeHaVipsResponse, Filter, FilterKey, HaVip,
};
use alibabacloud_vpc::{
    Action, Client, Credentials, ErrorCode, RetryPolicy, SdkError, SignatureVersion,
};

const SAMPLE: &str = include_str!("../../api-specs/vpc/samples/DescribeHaVips/en-success.json");

fn credentials() -> Credentials {
    Credentials::new("TestAccessKeyId", "TestAccessKeySecret")
}

fn client(server: &TestServer) -> Client {
    client_with(server, |builder| builder)
}

fn client_with(
    server: &TestServer,
    configure: impl FnOnce(
        alibabacloud_runtime::client::ClientBuilder<Client>,
    ) -> alibabacloud_runtime::client::ClientBuilder<Client>,
) -> Client {
    let builder = Client::builder()
        .endpoint(server.endpoint())
        .credentials(credentials())
        .retry_policy(RetryPolicy::new(
            3,
            Duration::from_millis(1),
            Duration::from_millis(5),
        ));
    configure(builder).build().expect("the client builds")
}

fn request() -> DescribeHaVipsRequest {
    DescribeHaVipsRequest::builder()
        .region_id("cn-hangzhou")
        .filter(
            Filter::builder()
                .key(FilterKey::VpcId)
                .value("vpc-bp1kcm36tevkpms97****")
                .build(),
        )
        .build()
        .expect("valid")
}

/// Recomputes the V3 signature of a received request and compares it with
/// the one sent.
fn assert_signed(received: &Received) {
    let authorization = received
        .header("authorization")
        .expect("an Authorization header");
    let signed_list = authorization
        .split("SignedHeaders=")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .expect("SignedHeaders");
    let headers: BTreeMap<String, String> = signed_list
        .split(';')
        .map(|name| {
            (
                name.to_string(),
                received
                    .header(name)
                    .unwrap_or_else(|| panic!("signed header {name} was not sent"))
                    .to_string(),
            )
        })
        .collect();
    for required in [
        "host",
        "x-acs-action",
        "x-acs-version",
        "x-acs-date",
        "x-acs-signature-nonce",
        "x-acs-content-sha256",
    ] {
        assert!(
            headers.contains_key(required),
            "{required} is not signed: {signed_list}"
        );
    }
    let hashed = sign::sha256_hex(&received.body);
    assert_eq!(
        received.header("x-acs-content-sha256"),
        Some(hashed.as_str())
    );
    // Re-encoded from the decoded pairs: the check does not trust the
    // query text the client sent.
    let query = QueryPairs::new(received.query.clone()).to_query_string();
    let expected = sign::v3::authorization(
        &received.method,
        &received.path,
        &query,
        &headers,
        &hashed,
        &credentials(),
    )
    .unwrap();
    assert_eq!(authorization, expected);
}

#[tokio::test]
async fn a_signed_request_gets_the_sample_response() {
    let server = TestServer::start(|_, _| Reply::json(200, SAMPLE)).await;
    let response = client(&server).describe_ha_vips(request()).await.unwrap();
    assert_eq!(response, DescribeHaVipsResponse::from_json_text(SAMPLE));
    let received = server.received();
    assert_eq!(received.len(), 1);
    let sent = &received[0];
    assert_eq!(sent.method, "POST");
    assert_eq!(sent.header("x-acs-action"), Some("DescribeHaVips"));
    assert_eq!(sent.header("x-acs-version"), Some("2016-04-28"));
    assert_eq!(sent.param("RegionId"), Some("cn-hangzhou"));
    assert_eq!(
        sent.param("Filter.1.Value.1"),
        Some("vpc-bp1kcm36tevkpms97****")
    );
    let date = sent.header("x-acs-date").unwrap();
    assert!(
        date.len() == 20 && date.ends_with('Z') && date.as_bytes()[10] == b'T',
        "{date}"
    );
    assert_signed(sent);
}

trait FromJsonText {
    fn from_json_text(text: &str) -> Self;
}

impl FromJsonText for DescribeHaVipsResponse {
    fn from_json_text(text: &str) -> Self {
        alibabacloud_vpc::ResponseBody::from_json(text).unwrap()
    }
}

/// A call is a future that can be named: made first, stored, handed to a
/// task, and only then sent.
#[tokio::test]
async fn a_call_can_be_stored_and_sent_from_a_task() {
    let server = TestServer::start(|_, _| Reply::json(200, SAMPLE)).await;
    let client = client(&server);
    let call: alibabacloud_runtime::client::Call<'static, DescribeHaVipsRequest> =
        Box::leak(Box::new(client)).describe_ha_vips(request());
    assert!(format!("{call:?}").contains("DescribeHaVips"));
    assert!(
        server.received().is_empty(),
        "nothing is sent before the call is polled"
    );
    let response = tokio::spawn(call).await.unwrap().unwrap();
    assert_eq!(response, DescribeHaVipsResponse::from_json_text(SAMPLE));
    assert_eq!(server.received().len(), 1);
}

/// A finished call polled again stays pending instead of panicking.
#[tokio::test]
async fn a_finished_call_polled_again_stays_pending() {
    use std::future::Future;
    use std::task::{Context, Poll, Waker};
    let server = TestServer::start(|_, _| Reply::json(200, SAMPLE)).await;
    let client = client(&server);
    let mut call = client.describe_ha_vips(request());
    (&mut call).await.unwrap();
    let mut context = Context::from_waker(Waker::noop());
    assert!(matches!(
        std::pin::Pin::new(&mut call).poll(&mut context),
        Poll::Pending
    ));
}

#[tokio::test]
async fn xml_success_bodies_parse_too() {
    let xml = include_str!("../../api-specs/vpc/samples/DescribeHaVips/zh-success.xml");
    let server = TestServer::start(move |_, _| Reply::xml(200, xml)).await;
    let response = client(&server).describe_ha_vips(request()).await.unwrap();
    assert_eq!(
        response.ha_vips()[0].ha_vip_id.as_deref(),
        Some("havip-bp149uyvut73dplduoq8s")
    );
}

#[tokio::test]
async fn documented_json_errors_are_typed_and_not_retried() {
    let body = r#"{"RequestId":"R-404","HostId":"vpc.aliyuncs.com","Code":"InvalidRegionId.NotFound","Message":"The RegionId provided does not exist in our records.","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidRegionId.NotFound"}"#;
    let server = TestServer::start(move |_, _| Reply::json(404, body)).await;
    let error = client(&server)
        .describe_ha_vips(request())
        .await
        .unwrap_err();
    let SdkError::Service(service) = &error else {
        panic!("expected a service error, got {error:?}")
    };
    assert_eq!(service.code(), Some(&ErrorCode::InvalidRegionIdNotFound));
    assert_eq!(service.status(), 404);
    assert_eq!(service.request_id(), Some("R-404"));
    assert_eq!(
        service.message(),
        Some("The RegionId provided does not exist in our records.")
    );
    assert_eq!(service.raw_body(), body);
    assert_eq!(
        server.received().len(),
        1,
        "a 4xx client error is not retried"
    );
}

#[tokio::test]
async fn documented_xml_errors_are_typed() {
    let body = "<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>R-400</RequestId><HostId>vpc.aliyuncs.com</HostId><Code>Forbidden.HaVip</Code><Message>No permissions to perform operations on HAVIPs.</Message></Error>";
    let server = TestServer::start(move |_, _| Reply::xml(400, body)).await;
    let error = client(&server)
        .describe_ha_vips(request())
        .await
        .unwrap_err();
    let service = error.as_service().expect("a service error");
    assert_eq!(service.code(), Some(&ErrorCode::ForbiddenHaVip));
    assert_eq!(
        service
            .code()
            .and_then(DescribeHaVipsRequest::documented_status),
        Some(400)
    );
}

#[tokio::test]
async fn throttling_twice_then_success_retries_with_fresh_nonces() {
    let server = TestServer::start(|_, index| match index {
        0 => Reply::json(400, r#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#),
        1 => Reply::json(503, r#"{"Code":"ServiceUnavailable","Message":"The request has failed due to a temporary failure of the server."}"#),
        _ => Reply::json(200, SAMPLE),
    })
    .await;
    let response = client(&server).describe_ha_vips(request()).await.unwrap();
    assert_eq!(response.total_count, Some(1));
    let received = server.received();
    assert_eq!(received.len(), 3);
    let nonces: std::collections::BTreeSet<&str> = received
        .iter()
        .filter_map(|sent| sent.header("x-acs-signature-nonce"))
        .collect();
    assert_eq!(nonces.len(), 3, "every attempt has its own nonce");
    for sent in &received {
        assert_signed(sent);
    }
}

#[tokio::test]
async fn retries_stop_at_the_attempt_limit() {
    let server = TestServer::start(|_, _| Reply::json(500, r#"{"Code":"InternalError"}"#)).await;
    let error = client(&server)
        .describe_ha_vips(request())
        .await
        .unwrap_err();
    assert_eq!(
        error.as_service().map(|service| service.status()),
        Some(500)
    );
    assert_eq!(server.received().len(), 3);
}

#[tokio::test]
async fn a_stalled_attempt_times_out() {
    let server = TestServer::start(|_, _| Reply::Stall(Duration::from_secs(5))).await;
    let client = client_with(&server, |builder| {
        builder
            .attempt_timeout(Duration::from_millis(200))
            .retry_policy(RetryPolicy::disabled())
    });
    let started = std::time::Instant::now();
    let error = client.describe_ha_vips(request()).await.unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
    match error {
        SdkError::Transport(error) => assert_eq!(
            error.kind(),
            alibabacloud_runtime::client::TransportErrorKind::Timeout
        ),
        other => panic!("expected an attempt timeout, got {other:?}"),
    }
}

#[tokio::test]
async fn the_whole_operation_has_a_deadline() {
    let server = TestServer::start(|_, _| Reply::Stall(Duration::from_secs(5))).await;
    let client = client_with(&server, |builder| {
        builder
            .attempt_timeout(Duration::from_secs(2))
            .operation_timeout(Duration::from_millis(300))
    });
    let error = client.describe_ha_vips(request()).await.unwrap_err();
    assert!(
        matches!(error, SdkError::Timeout(limit) if limit == Duration::from_millis(300)),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_unreachable_endpoint_is_a_transport_error() {
    let server = TestServer::start(|_, _| Reply::json(200, "{}")).await;
    let endpoint = server.endpoint();
    drop(server);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let client = Client::builder()
        .endpoint(endpoint)
        .credentials(credentials())
        .retry_policy(RetryPolicy::disabled())
        .build()
        .unwrap();
    let error = client.describe_ha_vips(request()).await.unwrap_err();
    assert!(matches!(error, SdkError::Transport(_)), "{error:?}");
}

#[tokio::test]
async fn an_unreadable_success_body_is_reported_with_the_body() {
    let server = TestServer::start(|_, _| Reply::json(200, r#"{"TotalCount":"many"}"#)).await;
    let error = client(&server)
        .describe_ha_vips(request())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, SdkError::InvalidResponse { status: 200, body, .. } if body.contains("many")),
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

#[tokio::test]
async fn the_paginator_walks_three_pages() {
    let server = TestServer::start(|received, _| {
        let page: i64 = received
            .param("PageNumber")
            .and_then(|page| page.parse().ok())
            .unwrap_or(1);
        match page {
            1 => Reply::json(200, page_body(1, 2, 5, &["h1", "h2"])),
            2 => Reply::json(200, page_body(2, 2, 5, &["h3", "h4"])),
            3 => Reply::json(200, page_body(3, 2, 5, &["h5"])),
            _ => Reply::json(500, "{}"),
        }
    })
    .await;
    let request = DescribeHaVipsRequest::builder()
        .region_id("cn-hangzhou")
        .page_size(2)
        .build()
        .unwrap();
    let items: Vec<HaVip> = client(&server)
        .describe_ha_vips_paginator(request)
        .items()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|item| item.ha_vip_id.as_deref())
        .collect();
    assert_eq!(ids, ["h1", "h2", "h3", "h4", "h5"]);
    let numbers: Vec<String> = server
        .received()
        .iter()
        .filter_map(|sent| sent.param("PageNumber").map(str::to_string))
        .collect();
    assert_eq!(numbers, ["1", "2", "3"]);
}

#[tokio::test]
async fn the_paginator_starts_at_the_requests_page_and_stops_on_an_empty_page() {
    let server = TestServer::start(|received, _| match received.param("PageNumber") {
        Some("4") => Reply::json(200, page_body(4, 1, 100, &["h4"])),
        _ => Reply::json(200, page_body(5, 1, 100, &[])),
    })
    .await;
    let request = DescribeHaVipsRequest::builder()
        .region_id("cn-hangzhou")
        .page_number(4)
        .page_size(1)
        .build()
        .unwrap();
    let pages: Vec<DescribeHaVipsResponse> = client(&server)
        .describe_ha_vips_paginator(request)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn the_paginator_is_bounded_when_the_server_never_ends() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let server = TestServer::start(move |_, index| {
        counter.fetch_add(1, Ordering::SeqCst);
        // A server that ignores the page number and always claims more,
        // with new items each time.
        Reply::json(
            200,
            format!(r#"{{"TotalCount":1000000,"HaVips":{{"HaVip":[{{"HaVipId":"h{index}"}}]}}}}"#),
        )
    })
    .await;
    let paginator = client(&server)
        .describe_ha_vips_paginator(request())
        .max_pages(7);
    let items: Vec<HaVip> = paginator.items().try_collect().await.unwrap();
    assert_eq!(items.len(), 7);
    assert_eq!(calls.load(Ordering::SeqCst), 7);
}

#[tokio::test]
async fn the_paginator_stops_after_an_error() {
    let server = TestServer::start(|_, index| {
        if index == 0 {
            Reply::json(200, page_body(1, 1, 3, &["h1"]))
        } else {
            Reply::json(404, r#"{"Code":"InvalidRegionId.NotFound"}"#)
        }
    })
    .await;
    let mut pages = Box::pin(
        client(&server)
            .describe_ha_vips_paginator(request())
            .pages(),
    );
    assert!(pages.try_next().await.unwrap().is_some());
    assert!(pages.try_next().await.is_err());
    assert_eq!(server.received().len(), 2);
}

#[test]
fn page_positions_come_from_the_response() {
    let response: DescribeHaVipsResponse =
        DescribeHaVipsResponse::from_json_text(&page_body(2, 10, 25, &["a", "b"]));
    let page = <DescribeHaVipsRequest as Paginated>::page(&response);
    assert_eq!(
        page,
        Page {
            page_number: Some(2),
            page_size: Some(10),
            total_count: Some(25),
            item_count: 2
        }
    );
}

#[tokio::test]
async fn signature_v1_puts_the_signature_in_the_query() {
    let server = TestServer::start(|_, _| Reply::json(200, SAMPLE)).await;
    let client = client_with(&server, |builder| {
        builder.signature_version(SignatureVersion::V1)
    });
    client.describe_ha_vips(request()).await.unwrap();
    let sent = &server.received()[0];
    assert!(sent.header("authorization").is_none());
    for parameter in [
        "AccessKeyId",
        "Action",
        "Format",
        "SignatureMethod",
        "SignatureNonce",
        "SignatureVersion",
        "Timestamp",
        "Version",
        "Signature",
    ] {
        assert!(
            sent.param(parameter).is_some(),
            "{parameter} missing from {:?}",
            sent.query
        );
    }
    assert_eq!(sent.param("Action"), Some("DescribeHaVips"));
    assert_eq!(sent.param("SignatureMethod"), Some("HMAC-SHA1"));
}

#[test]
fn credentials_never_show_their_secret() {
    let credentials =
        Credentials::new("TestAccessKeyId", "TopSecretValue").with_security_token("TopSecretToken");
    let debug = format!("{credentials:?}");
    assert!(debug.contains("TestAccessKeyId"));
    assert!(
        !debug.contains("TopSecretValue") && !debug.contains("TopSecretToken"),
        "{debug}"
    );
}
