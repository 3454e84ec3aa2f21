//! How a crate that depends on `alibabacloud-vpc` tests its own code with
//! the mock (feature `test-util`): public API only, as a downstream crate
//! would write it. The README's "Testing your code" shows this file.

use alibabacloud_vpc::create_vpc::CreateVpcRequest;
use alibabacloud_vpc::create_vswitch::{CreateVSwitchRequest, CreateVSwitchResponse};
use alibabacloud_vpc::describe_vpcs::{DescribeVpcsRequest, DescribeVpcsResponse};
use alibabacloud_vpc::mock::{Answer, Mock, Rule};
use alibabacloud_vpc::runtime::client::TryStreamExt;
use alibabacloud_vpc::{Client, ErrorCode, ResponseBody};

// ---- The code under test: what a downstream crate would have in src/. ----

/// Finds the VPC named `name` (walking every page) and creates a vSwitch
/// in it, in `zone`.
async fn add_vswitch(
    client: &Client,
    name: &str,
    zone: &str,
) -> Result<String, Box<dyn std::error::Error>> {
    let request = DescribeVpcsRequest::builder()
        .region_id("cn-hangzhou")
        .page_size(2)
        .build()?;
    let vpcs: Vec<_> = client
        .describe_vpcs_paginator(request)
        .items()
        .try_collect()
        .await?;
    let vpc = vpcs
        .iter()
        .find(|vpc| vpc.vpc_name.as_deref() == Some(name))
        .and_then(|vpc| vpc.vpc_id.clone())
        .ok_or("no such VPC")?;
    let create = CreateVSwitchRequest::builder()
        .vpc_id(vpc)
        .zone_id(zone)
        .cidr_block("192.168.1.0/24")
        .build()?;
    let created = client.create_vswitch(create).await?;
    Ok(created.vswitch_id.ok_or("no vSwitch ID")?)
}

/// What the code under test makes of a quota error.
#[derive(Debug, PartialEq)]
enum NewVpc {
    Created(String),
    QuotaFull { request_id: String },
}

async fn new_vpc(client: &Client) -> Result<NewVpc, Box<dyn std::error::Error>> {
    let request = CreateVpcRequest::builder()
        .region_id("cn-hangzhou")
        .cidr_block("10.0.0.0/8")
        .build()?;
    match client.create_vpc(request).await {
        Ok(created) => Ok(NewVpc::Created(created.vpc_id.unwrap_or_default())),
        Err(error) => match error.as_service() {
            Some(service) if service.code() == Some(&ErrorCode::QuotaExceededVpc) => {
                Ok(NewVpc::QuotaFull {
                    request_id: service.request_id().unwrap_or_default().to_string(),
                })
            }
            _ => Err(error.into()),
        },
    }
}

// ---- Its tests. ----

/// One page of `DescribeVpcs`: 5 VPCs in all, 2 a page.
fn page(number: i32, names: &[&str]) -> DescribeVpcsResponse {
    let vpcs: Vec<String> = names
        .iter()
        .map(|name| format!(r#"{{"VpcId": "vpc-{name}", "VpcName": "{name}"}}"#))
        .collect();
    DescribeVpcsResponse::from_json(&format!(
        r#"{{"PageNumber": {number}, "PageSize": 2, "TotalCount": 5, "Vpcs": {{"Vpc": [{}]}}}}"#,
        vpcs.join(", ")
    ))
    .unwrap()
}

/// A rule answering the request for page `number` with that page.
fn page_rule(number: i32, names: &[&str]) -> Rule<DescribeVpcsRequest> {
    Rule::new()
        .matching(move |request: &DescribeVpcsRequest| request.page_number().unwrap_or(1) == number)
        .then_output(page(number, names))
}

#[tokio::test]
async fn walks_three_pages_and_retries_a_throttled_create() {
    let pages = [
        page_rule(1, &["dev", "test"]),
        page_rule(2, &["staging", "prod"]),
        page_rule(3, &["legacy"]),
    ];
    let mut created = CreateVSwitchResponse::default();
    created.vswitch_id = Some("vsw-new".to_string());
    let create = Rule::<CreateVSwitchRequest>::new()
        .then(
            Answer::service_error(ErrorCode::from("Throttling.User"))
                .status(400)
                .message("Request was denied due to user flow control."),
        )
        .then_output(created);
    let mock = Mock::new()
        .with_rule(&pages[0])
        .with_rule(&pages[1])
        .with_rule(&pages[2])
        .with_rule(&create);
    // No region, no credentials: the mock client needs neither.
    let client = Client::builder().mock(&mock).build().unwrap();

    let id = add_vswitch(&client, "prod", "cn-hangzhou-b").await.unwrap();

    assert_eq!(id, "vsw-new");
    // Every page was asked for once, in order.
    assert!(pages.iter().all(|rule| rule.num_calls() == 1));
    let asked: Vec<_> = mock
        .calls::<DescribeVpcsRequest>()
        .iter()
        .map(|request| request.page_number())
        .collect();
    assert_eq!(asked, [Some(1), Some(2), Some(3)]);
    // CreateVSwitch was called once, with ZoneId cn-hangzhou-b in VPC
    // vpc-prod; the client retried the throttled attempt.
    let creates = mock.calls::<CreateVSwitchRequest>();
    assert_eq!(creates.len(), 1);
    assert_eq!(creates[0].zone_id(), "cn-hangzhou-b");
    assert_eq!(creates[0].vpc_id(), "vpc-prod");
    assert_eq!(create.num_calls(), 2);
    assert!(create.is_exhausted());
    assert_eq!(
        mock.actions(),
        [
            "DescribeVpcs",
            "DescribeVpcs",
            "DescribeVpcs",
            "CreateVSwitch"
        ]
    );
    assert!(mock.unmatched().is_empty());
}

#[tokio::test]
async fn a_full_quota_is_reported_with_its_request_id() {
    let quota = Rule::<CreateVpcRequest>::new().then(
        Answer::service_error(ErrorCode::QuotaExceededVpc)
            .request_id("4C6B1B2E-QUOTA")
            .message("The VPC quota is exceeded."),
    );
    let mock = Mock::new().with_rule(&quota);
    let client = Client::builder().mock(&mock).build().unwrap();

    let outcome = new_vpc(&client).await.unwrap();

    assert_eq!(
        outcome,
        NewVpc::QuotaFull {
            request_id: "4C6B1B2E-QUOTA".to_string()
        }
    );
    // A quota error is not retried.
    assert_eq!(quota.num_calls(), 1);
    assert_eq!(
        mock.calls::<CreateVpcRequest>()[0].cidr_block(),
        Some("10.0.0.0/8")
    );
}
