//! The DescribeHaVips request flattened into Alibaba Cloud's RPC query
//! style, checked against a vector produced with the official Python SDK's
//! own flattening (see issue 2), and the RFC 3986 encoding of the result.

use alibabacloud_vpc::Action;
use alibabacloud_vpc::describe_ha_vips::{CheckedTag, DescribeHaVipsRequest, Filter, FilterKey};

fn vector_request() -> DescribeHaVipsRequest {
    DescribeHaVipsRequest::builder()
        .region_id("cn-hangzhou")
        .page_size(50)
        .filter(
            Filter::builder()
                .key(FilterKey::VpcId)
                .value("vpc-1")
                .value("vpc 2&x=y")
                .build(),
        )
        .filter(Filter::builder().key("Status").value("Available").build())
        .tags(
            CheckedTag::builder()
                .key("FinanceDept")
                .value("FinanceJoshua")
                .build(),
        )
        .tags(CheckedTag::builder().key("k*~").value("").build())
        .build()
        .expect("the vector request is valid")
}

#[test]
fn pairs_match_the_python_sdk_vector() {
    let pairs = vector_request().query_pairs().unwrap().into_vec();
    let expected = [
        ("Filter.1.Key", "VpcId"),
        ("Filter.1.Value.1", "vpc-1"),
        ("Filter.1.Value.2", "vpc 2&x=y"),
        ("Filter.2.Key", "Status"),
        ("Filter.2.Value.1", "Available"),
        ("PageSize", "50"),
        ("RegionId", "cn-hangzhou"),
        ("Tags.1.Key", "FinanceDept"),
        ("Tags.1.Value", "FinanceJoshua"),
        ("Tags.2.Key", "k*~"),
        ("Tags.2.Value", ""),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(pairs, expected);
}

#[test]
fn query_string_is_rfc3986_encoded() {
    // Hand-encoded from the pairs above: space is %20, & and = are escaped,
    // * is %2A, ~ stays, the empty value keeps its `=`.
    let expected = "Filter.1.Key=VpcId&Filter.1.Value.1=vpc-1&Filter.1.Value.2=vpc%202%26x%3Dy\
                    &Filter.2.Key=Status&Filter.2.Value.1=Available&PageSize=50&RegionId=cn-hangzhou\
                    &Tags.1.Key=FinanceDept&Tags.1.Value=FinanceJoshua&Tags.2.Key=k%2A~&Tags.2.Value=";
    assert_eq!(
        vector_request().query_pairs().unwrap().to_query_string(),
        expected
    );
}

#[test]
fn unset_fields_and_unset_defaults_are_omitted() {
    let request = DescribeHaVipsRequest::builder()
        .region_id("cn-hangzhou")
        .build()
        .unwrap();
    let pairs = request.query_pairs().unwrap().into_vec();
    assert_eq!(
        pairs,
        vec![("RegionId".to_string(), "cn-hangzhou".to_string())]
    );
}

#[test]
fn unknown_filter_keys_are_sent_as_given() {
    let request = DescribeHaVipsRequest::builder()
        .region_id("cn-hangzhou")
        .filter(Filter::builder().key("BrandNewKey").value("x").build())
        .build()
        .unwrap();
    assert_eq!(
        request.query_pairs().unwrap().get("Filter.1.Key"),
        Some("BrandNewKey")
    );
}

#[test]
fn action_metadata() {
    assert_eq!(DescribeHaVipsRequest::NAME, "DescribeHaVips");
    assert_eq!(DescribeHaVipsRequest::PRODUCT, "Vpc");
    assert_eq!(DescribeHaVipsRequest::VERSION, "2016-04-28");
    assert_eq!(DescribeHaVipsRequest::METHODS, ["POST", "GET"]);
    assert!(vector_request().body_pairs().unwrap().is_empty());
}

#[test]
fn endpoints_follow_the_product_spec() {
    assert_eq!(
        alibabacloud_vpc::endpoints::for_region("cn-hangzhou"),
        "vpc.aliyuncs.com"
    );
    assert_eq!(
        alibabacloud_vpc::endpoints::for_region("cn-edge-1"),
        "vpc-nebula.cn-qingdao-nebula.aliyuncs.com"
    );
    assert_eq!(
        alibabacloud_vpc::endpoints::for_region("cn-beijing"),
        "vpc.cn-beijing.aliyuncs.com"
    );
}
