//! One test per documented rule of the DescribeHaVips request: `build()`
//! refuses the request and names the field (by wire path) and the rule.

use alibabacloud_runtime::validate::Bound;
use alibabacloud_vpc::Action;
use alibabacloud_vpc::describe_ha_vips::{
    CheckedTag, DescribeHaVipsRequest, DescribeHaVipsRequestBuilder, Filter, FilterKey,
};
use alibabacloud_vpc::runtime::Rule;

fn valid() -> DescribeHaVipsRequestBuilder {
    DescribeHaVipsRequest::builder().region_id("cn-hangzhou")
}

fn violations(builder: DescribeHaVipsRequestBuilder) -> Vec<(String, Rule)> {
    let error = builder.build().expect_err("the request breaks a rule");
    error
        .violations()
        .iter()
        .map(|violation| (violation.field().to_string(), violation.rule().clone()))
        .collect()
}

fn tag(key: &str, value: &str) -> CheckedTag {
    CheckedTag::builder().key(key).value(value).build()
}

fn filter(values: usize) -> Filter {
    (0..values)
        .fold(Filter::builder().key(FilterKey::VpcId), |builder, index| {
            builder.value(format!("vpc-{index}"))
        })
        .build()
}

#[test]
fn region_id_is_required() {
    assert_eq!(
        violations(DescribeHaVipsRequest::builder()),
        [("RegionId".to_string(), Rule::Required)]
    );
    let message = DescribeHaVipsRequest::builder()
        .build()
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "invalid DescribeHaVipsRequest: RegionId is required but was not set"
    );
}

#[test]
fn page_size_is_at_most_50() {
    assert!(valid().page_size(50).build().is_ok());
    assert_eq!(
        violations(valid().page_size(51)),
        [(
            "PageSize".to_string(),
            Rule::Maximum {
                maximum: Bound::Int(50),
                actual: Bound::Int(51)
            }
        )]
    );
}

#[test]
fn at_most_five_filters() {
    let five = (0..5).fold(valid(), |builder, _| builder.filter(filter(1)));
    assert!(five.clone().build().is_ok());
    assert_eq!(
        violations(five.filter(filter(1))),
        [(
            "Filter".to_string(),
            Rule::MaxItems {
                maximum: 5,
                actual: 6
            }
        )]
    );
}

#[test]
fn at_most_five_values_per_filter() {
    assert!(valid().filter(filter(5)).build().is_ok());
    assert_eq!(
        violations(valid().filter(filter(1)).filter(filter(6))),
        [(
            "Filter.2.Value".to_string(),
            Rule::MaxItems {
                maximum: 5,
                actual: 6
            }
        )]
    );
}

#[test]
fn at_most_twenty_tags() {
    let twenty = (0..20).fold(valid(), |builder, index| {
        builder.tags(tag(&format!("k{index}"), "v"))
    });
    assert!(twenty.clone().build().is_ok());
    assert_eq!(
        violations(twenty.tags(tag("k20", "v"))),
        [(
            "Tags".to_string(),
            Rule::MaxItems {
                maximum: 20,
                actual: 21
            }
        )]
    );
}

#[test]
fn tag_key_must_not_be_empty() {
    assert_eq!(
        violations(valid().tags(tag("", "v"))),
        [(
            "Tags.1.Key".to_string(),
            Rule::MinLength {
                minimum: 1,
                actual: 0
            }
        )]
    );
}

#[test]
fn tag_key_has_at_most_128_characters() {
    assert!(valid().tags(tag(&"k".repeat(128), "v")).build().is_ok());
    assert_eq!(
        violations(valid().tags(tag(&"k".repeat(129), "v"))),
        [(
            "Tags.1.Key".to_string(),
            Rule::MaxLength {
                maximum: 128,
                actual: 129
            }
        )]
    );
}

#[test]
fn tag_key_must_not_start_with_aliyun_or_acs() {
    assert_eq!(
        violations(valid().tags(tag("ok", "v")).tags(tag("aliyun-x", "v"))),
        [(
            "Tags.2.Key".to_string(),
            Rule::ForbiddenPrefix { prefix: "aliyun" }
        )]
    );
    assert_eq!(
        violations(valid().tags(tag("acs:x", "v"))),
        [(
            "Tags.1.Key".to_string(),
            Rule::ForbiddenPrefix { prefix: "acs:" }
        )]
    );
    assert!(valid().tags(tag("my-aliyun", "v")).build().is_ok());
}

#[test]
fn tag_key_must_not_contain_urls() {
    assert_eq!(
        violations(valid().tags(tag("see http://x", "v"))),
        [(
            "Tags.1.Key".to_string(),
            Rule::ForbiddenSubstring {
                substring: "http://"
            }
        )]
    );
    assert_eq!(
        violations(valid().tags(tag("see https://x", "v"))),
        [(
            "Tags.1.Key".to_string(),
            Rule::ForbiddenSubstring {
                substring: "https://"
            }
        )]
    );
}

#[test]
fn tag_value_may_be_empty_but_follows_the_same_rules() {
    assert!(valid().tags(tag("k", "")).build().is_ok());
    assert_eq!(
        violations(valid().tags(tag("k", &"v".repeat(129)))),
        [(
            "Tags.1.Value".to_string(),
            Rule::MaxLength {
                maximum: 128,
                actual: 129
            }
        )]
    );
    assert_eq!(
        violations(valid().tags(tag("k", "aliyun"))),
        [(
            "Tags.1.Value".to_string(),
            Rule::ForbiddenPrefix { prefix: "aliyun" }
        )]
    );
    assert_eq!(
        violations(valid().tags(tag("k", "https://x"))),
        [(
            "Tags.1.Value".to_string(),
            Rule::ForbiddenSubstring {
                substring: "https://"
            }
        )]
    );
}

#[test]
fn every_broken_rule_is_reported_at_once() {
    let builder = DescribeHaVipsRequest::builder()
        .page_size(51)
        .tags(tag("aliyun-x", ""));
    let fields: Vec<String> = violations(builder)
        .into_iter()
        .map(|(field, _)| field)
        .collect();
    assert_eq!(fields, ["RegionId", "PageSize", "Tags.1.Key"]);
}

#[test]
fn wire_form_reads_and_writes_with_serde() {
    let json = r#"{"RegionId": "cn-hangzhou", "Filter": [{"Key": "VpcId", "Value": ["vpc-1"]}]}"#;
    let request: DescribeHaVipsRequest = serde_json::from_str(json).unwrap();
    assert_eq!(request.region_id(), "cn-hangzhou");
    assert_eq!(request.filter()[0].key(), Some(&FilterKey::VpcId));
    assert_eq!(request.filter()[0].value(), ["vpc-1"]);
    let written: serde_json::Value = serde_json::to_value(&request).unwrap();
    assert_eq!(
        written,
        serde_json::from_str::<serde_json::Value>(json).unwrap()
    );
}

#[test]
fn wire_form_is_validated_like_the_builder() {
    let error = serde_json::from_str::<DescribeHaVipsRequest>(
        r#"{"RegionId": "cn-hangzhou", "PageSize": 51}"#,
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("PageSize must be at most 50, got 51"),
        "{error}"
    );
    let error = serde_json::from_str::<DescribeHaVipsRequest>(r#"{"PageSize": 10}"#).unwrap_err();
    assert!(
        error.to_string().contains("RegionId is required"),
        "{error}"
    );
}

#[test]
fn wire_form_rejects_unknown_fields() {
    let error = serde_json::from_str::<DescribeHaVipsRequest>(
        r#"{"RegionId": "cn-hangzhou", "PageSise": 10}"#,
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("unknown field `PageSise`"),
        "{error}"
    );
}

#[test]
fn into_builder_changes_one_field() {
    let request = valid().page_number(1).build().unwrap();
    let next = request
        .clone()
        .into_builder()
        .page_number(2)
        .build()
        .unwrap();
    assert_eq!(next.page_number(), Some(2));
    assert_eq!(next.region_id(), request.region_id());
}

#[test]
#[allow(deprecated, reason = "checks what `Unknown` holds")]
fn filter_keys_keep_unknown_values() {
    assert_eq!(FilterKey::from("VSwitchId"), FilterKey::VSwitchId);
    assert!(matches!(
        FilterKey::from("Other"),
        FilterKey::Unknown(value) if value.as_str() == "Other"
    ));
    assert_eq!(FilterKey::from("Other").as_str(), "Other");
    assert_eq!(
        FilterKey::DOCUMENTED,
        ["VpcId", "VSwitchId", "Status", "HaVipId", "HaVipAddress"]
    );
}

/// The API docs can be stale: `build_unchecked()` sends what the local
/// rules refuse, exactly as set, and still needs the required fields.
#[test]
fn build_unchecked_sends_what_the_rules_refuse() {
    let builder = valid().page_size(5000).set_tags(vec![tag("aliyun-x", "v")]);
    assert_eq!(
        violations(builder.clone())
            .into_iter()
            .map(|(field, _)| field)
            .collect::<Vec<_>>(),
        ["PageSize", "Tags.1.Key"]
    );
    let request = builder.build_unchecked().expect("no limit is checked");
    assert_eq!(request.page_size(), Some(5000));
    let query = request.query_pairs().unwrap().to_query_string();
    assert!(query.contains("PageSize=5000"), "{query}");
    assert!(query.contains("Tags.1.Key=aliyun-x"), "{query}");

    let missing = DescribeHaVipsRequest::builder()
        .page_size(5000)
        .build_unchecked()
        .unwrap_err();
    assert_eq!(
        missing.to_string(),
        "invalid DescribeHaVipsRequest: RegionId is required but was not set"
    );
}
