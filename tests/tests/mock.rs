//! The mock of the `test-util` feature: what it refuses, how its rules
//! and sequences are used, both clients, and that it never opens a socket.

use std::net::TcpListener;
use std::time::{Duration, Instant};

use alibabacloud_vpc::create_vswitch::{CreateVSwitchRequest, CreateVSwitchResponse};
use alibabacloud_vpc::describe_vpcs::{DescribeVpcsRequest, DescribeVpcsResponse};
use alibabacloud_vpc::mock::{Answer, Mock, Rule, RuleMode};
use alibabacloud_vpc::runtime::client::TransportErrorKind;
use alibabacloud_vpc::{Client, ErrorCode, ResponseBody, RetryPolicy, SdkError, SignatureVersion};

fn describe(vpc_id: &str) -> DescribeVpcsRequest {
    DescribeVpcsRequest::builder()
        .region_id("cn-hangzhou")
        .vpc_id(vpc_id)
        .build()
        .unwrap()
}

fn create(zone_id: &str) -> CreateVSwitchRequest {
    CreateVSwitchRequest::builder()
        .vpc_id("vpc-1")
        .zone_id(zone_id)
        .cidr_block("192.168.1.0/24")
        .build()
        .unwrap()
}

fn vpcs(total: i32) -> DescribeVpcsResponse {
    let mut response = DescribeVpcsResponse::default();
    response.total_count = Some(total);
    response
}

fn created(id: &str) -> CreateVSwitchResponse {
    let mut response = CreateVSwitchResponse::default();
    response.vswitch_id = Some(id.to_string());
    response
}

fn throttled() -> Answer<CreateVSwitchRequest> {
    Answer::service_error(ErrorCode::from("Throttling.User"))
        .status(400)
        .into()
}

fn client(mock: &Mock) -> Client {
    Client::builder().mock(mock).build().unwrap()
}

/// Every message of an error's chain, joined.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(error) = source {
        text.push_str(": ");
        text.push_str(&error.to_string());
        source = error.source();
    }
    text
}

#[tokio::test]
async fn a_call_no_rule_answers_fails_naming_the_action_and_the_request() {
    let mock = Mock::new();
    let error = client(&mock)
        .describe_vpcs(describe("vpc-1"))
        .await
        .unwrap_err();

    let SdkError::Transport(transport) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(transport.kind(), TransportErrorKind::Request);
    let text = chain(&error);
    assert!(
        text.contains("no mock rule answers this DescribeVpcs call"),
        "{text}"
    );
    assert!(
        text.contains("the mock has no rule for DescribeVpcs"),
        "{text}"
    );
    assert!(
        text.contains(r#"DescribeVpcsRequest { VpcId: "vpc-1", RegionId: "cn-hangzhou" }"#),
        "{text}"
    );
    // Refused once, not retried; and kept for the test to check.
    assert_eq!(mock.unmatched().len(), 1);
    assert_eq!(mock.calls::<DescribeVpcsRequest>(), [describe("vpc-1")]);
}

#[tokio::test]
async fn a_predicate_that_does_not_match_leaves_the_call_unanswered() {
    let only_vpc_1 = Rule::<DescribeVpcsRequest>::new()
        .matching(|request| request.vpc_id() == Some("vpc-1"))
        .then_output(vpcs(1));
    let mock = Mock::new().with_rule(&only_vpc_1);
    let client = client(&mock);

    let error = client.describe_vpcs(describe("vpc-2")).await.unwrap_err();
    let text = chain(&error);
    assert!(text.contains("its 1 rule(s) refused the request"), "{text}");
    assert!(text.contains(r#"VpcId: "vpc-2""#), "{text}");
    assert_eq!(only_vpc_1.num_calls(), 0);

    let response = client.describe_vpcs(describe("vpc-1")).await.unwrap();
    assert_eq!(response.total_count, Some(1));
    assert_eq!(only_vpc_1.requests(), [describe("vpc-1")]);
}

#[tokio::test]
async fn an_exhausted_sequence_answers_no_more() {
    // Three throttles use up the client's three attempts, then one success.
    let rule = Rule::<CreateVSwitchRequest>::new()
        .then(throttled())
        .times(3)
        .then_output(created("vsw-1"));
    let mock = Mock::new().with_rule(&rule);
    let client = client(&mock);

    let error = client
        .create_vswitch(create("cn-hangzhou-b"))
        .await
        .unwrap_err();
    let code = error
        .as_service()
        .and_then(|service| service.code())
        .unwrap();
    assert_eq!(code.as_str(), "Throttling.User");
    assert_eq!(rule.num_calls(), 3);

    let response = client
        .create_vswitch(create("cn-hangzhou-b"))
        .await
        .unwrap();
    assert_eq!(response.vswitch_id.as_deref(), Some("vsw-1"));
    assert!(rule.is_exhausted());
    assert!(mock.all_rules_exhausted());

    let error = client
        .create_vswitch(create("cn-hangzhou-b"))
        .await
        .unwrap_err();
    let text = chain(&error);
    assert!(text.contains("its 1 rule(s) are exhausted"), "{text}");
    assert_eq!(rule.num_calls(), 4);
    assert_eq!(mock.calls::<CreateVSwitchRequest>().len(), 3);
}

#[tokio::test]
async fn transport_errors_and_timeouts_are_retried_like_real_ones() {
    let rule = Rule::<CreateVSwitchRequest>::new()
        .then(Answer::transport_error(TransportErrorKind::Connect))
        .then(Answer::timeout())
        .then_output(created("vsw-1"));
    let timing_out = Rule::<DescribeVpcsRequest>::new()
        .then(Answer::timeout())
        .repeatedly();
    let mock = Mock::new().with_rule(&rule).with_rule(&timing_out);
    let client = client(&mock);

    let response = client
        .create_vswitch(create("cn-hangzhou-b"))
        .await
        .unwrap();
    assert_eq!(response.vswitch_id.as_deref(), Some("vsw-1"));
    assert_eq!(rule.num_calls(), 3);

    let error = client.describe_vpcs(describe("vpc-1")).await.unwrap_err();
    let SdkError::Transport(transport) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    assert_eq!(timing_out.num_calls(), 3);
    assert!(!timing_out.is_exhausted());
}

#[tokio::test]
async fn retries_do_not_wait() {
    // Nine throttles with a policy of ten attempts a second apart: the
    // mock client keeps the attempts and drops the waits.
    let rule = Rule::<CreateVSwitchRequest>::new()
        .then(throttled())
        .times(9)
        .then_output(created("vsw-1"));
    let mock = Mock::new().with_rule(&rule);
    let policy = RetryPolicy::new(10, Duration::from_secs(1), Duration::from_secs(1));
    let client = Client::builder()
        .retry_policy(policy)
        .mock(&mock)
        .build()
        .unwrap();

    let started = Instant::now();
    client
        .create_vswitch(create("cn-hangzhou-b"))
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(rule.num_calls(), 10);
}

#[tokio::test]
async fn concurrent_calls_each_meet_their_own_rule() {
    let zone_b = Rule::<CreateVSwitchRequest>::new()
        .matching(|request| request.zone_id() == "cn-hangzhou-b")
        .then_output(created("vsw-b"));
    let zone_c = Rule::<CreateVSwitchRequest>::new()
        .matching(|request| request.zone_id() == "cn-hangzhou-c")
        .then_output(created("vsw-c"));
    let mock = Mock::new().with_rule(&zone_b).with_rule(&zone_c);
    let client = client(&mock);

    // Both calls are made before either is sent, and sent in reverse.
    let b = client.create_vswitch(create("cn-hangzhou-b"));
    let c = client.create_vswitch(create("cn-hangzhou-c"));
    assert_eq!(c.await.unwrap().vswitch_id.as_deref(), Some("vsw-c"));
    assert_eq!(b.await.unwrap().vswitch_id.as_deref(), Some("vsw-b"));
    let zones: Vec<String> = mock
        .calls::<CreateVSwitchRequest>()
        .iter()
        .map(|request| request.zone_id().to_string())
        .collect();
    assert_eq!(zones, ["cn-hangzhou-b", "cn-hangzhou-c"]);
}

#[tokio::test]
async fn sequential_rules_must_be_met_in_order() {
    let first = Rule::<DescribeVpcsRequest>::new().then_output(vpcs(0));
    let second = Rule::<CreateVSwitchRequest>::new().then_output(created("vsw-1"));
    let mock = Mock::new()
        .mode(RuleMode::Sequential)
        .with_rule(&first)
        .with_rule(&second);
    let client = client(&mock);

    let error = client
        .create_vswitch(create("cn-hangzhou-b"))
        .await
        .unwrap_err();
    assert!(
        chain(&error).contains("the next rule of the sequence is for DescribeVpcs"),
        "{error}"
    );
    client.describe_vpcs(describe("vpc-1")).await.unwrap();
    client
        .create_vswitch(create("cn-hangzhou-b"))
        .await
        .unwrap();
    let error = client.describe_vpcs(describe("vpc-1")).await.unwrap_err();
    assert!(
        chain(&error).contains("every rule of the sequence is exhausted"),
        "{error}"
    );
}

#[tokio::test]
async fn answers_read_from_json_and_v1_signatures_work_too() {
    let answer = Answer::<DescribeVpcsRequest>::from_json(
        r#"{"TotalCount": 1, "Vpcs": {"Vpc": [{"VpcId": "vpc-1", "Extra": true}]}}"#,
    )
    .unwrap();
    assert!(Answer::<DescribeVpcsRequest>::from_json("[]").is_err());
    let rule = Rule::<DescribeVpcsRequest>::new().then(answer).repeatedly();
    let mock = Mock::new().with_rule(&rule);
    for signature in [SignatureVersion::V3, SignatureVersion::V1] {
        let client = Client::builder()
            .signature_version(signature)
            .mock(&mock)
            .build()
            .unwrap();
        let response = client.describe_vpcs(describe("vpc-1")).await.unwrap();
        assert_eq!(response.vpcs()[0].vpc_id.as_deref(), Some("vpc-1"));
    }
    assert_eq!(rule.num_calls(), 2);
}

#[test]
fn the_blocking_client_uses_the_same_rules() {
    let rule = Rule::<CreateVSwitchRequest>::new()
        .then(throttled())
        .then_output(created("vsw-1"));
    let pages = Rule::<DescribeVpcsRequest>::new()
        .then_output({
            let mut first = DescribeVpcsResponse::from_json(
                r#"{"PageNumber": 1, "PageSize": 1, "TotalCount": 2, "Vpcs": {"Vpc": [{"VpcId": "vpc-1"}]}}"#,
            )
            .unwrap();
            first.request_id = Some("page-1".to_string());
            first
        })
        .then(
            Answer::from_json(
                r#"{"PageNumber": 2, "PageSize": 1, "TotalCount": 2, "Vpcs": {"Vpc": [{"VpcId": "vpc-2"}]}}"#,
            )
            .unwrap(),
        );
    let mock = Mock::new().with_rule(&rule).with_rule(&pages);
    let client = alibabacloud_vpc::blocking::Client::builder()
        .mock(&mock)
        .build()
        .unwrap();

    let response = client.create_vswitch(create("cn-hangzhou-b")).unwrap();
    assert_eq!(response.vswitch_id.as_deref(), Some("vsw-1"));
    assert_eq!(rule.num_calls(), 2);

    let request = DescribeVpcsRequest::builder()
        .region_id("cn-hangzhou")
        .page_size(1)
        .build()
        .unwrap();
    let ids: Vec<String> = client
        .describe_vpcs_paginator(request)
        .items()
        .map(|vpc| vpc.unwrap().vpc_id.unwrap())
        .collect();
    assert_eq!(ids, ["vpc-1", "vpc-2"]);

    let error = client.describe_vpcs(describe("vpc-3")).unwrap_err();
    assert!(
        chain(&error).contains("its 1 rule(s) are exhausted"),
        "{error}"
    );
    assert_eq!(
        mock.actions(),
        [
            "CreateVSwitch",
            "DescribeVpcs",
            "DescribeVpcs",
            "DescribeVpcs"
        ]
    );
}

/// A listener that would count any connection the clients made.
fn listener() -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    (listener, endpoint)
}

fn assert_never_connected(listener: &TcpListener) {
    match listener.accept() {
        Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("a mock client connected: {other:?}"),
    }
}

#[tokio::test]
async fn a_mock_client_never_opens_a_socket() {
    let (listener, endpoint) = listener();
    let rule = Rule::<CreateVSwitchRequest>::new()
        .then(Answer::transport_error(TransportErrorKind::Connect))
        .then_output(created("vsw-1"));
    let mock = Mock::new().with_rule(&rule);
    // Pointed at a live listener: a leak would connect to it.
    let client = Client::builder()
        .endpoint(&endpoint)
        .mock(&mock)
        .build()
        .unwrap();
    let blocking = alibabacloud_vpc::blocking::Client::builder()
        .endpoint(&endpoint)
        .mock(&mock)
        .build()
        .unwrap();

    client
        .create_vswitch(create("cn-hangzhou-b"))
        .await
        .unwrap();
    client.describe_vpcs(describe("vpc-1")).await.unwrap_err();
    tokio::task::spawn_blocking(move || blocking.describe_vpcs(describe("vpc-1")).unwrap_err())
        .await
        .unwrap();

    assert_eq!(rule.num_calls(), 2);
    assert_eq!(mock.unmatched().len(), 2);
    // Give a leaked connection time to arrive before looking.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_never_connected(&listener);
}

#[test]
fn building_a_mock_client_needs_no_region_and_no_credentials() {
    let mock = Mock::new();
    let client = Client::builder().mock(&mock).build().unwrap();
    assert_eq!(client.runtime().host(), "vpc.mock.invalid");
    let regional = Client::builder()
        .region_id("cn-beijing")
        .mock(&mock)
        .build()
        .unwrap();
    assert_eq!(regional.runtime().host(), "vpc.cn-beijing.aliyuncs.com");
}
