//! Property tests for every action of every product and fixture: arbitrary
//! responses round-trip (JSON and XML), arbitrary valid requests survive the
//! query serializer and a test-only parser, and requests breaking a rule are
//! refused with the field named. The tests are written by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/action_properties.rs"));

#[test]
fn invalid_request_cases_cover_every_documented_rule_of_describe_ha_vips() {
    let spec = alibabacloud_tests::props::action_spec("api-specs/vpc", "DescribeHaVips");
    let mut fields = alibabacloud_tests::props::broken_fields(&spec);
    fields.sort();
    fields.dedup();
    assert_eq!(
        fields,
        [
            "Filter",
            "Filter.1.Value",
            "PageSize",
            "RegionId",
            "Tags",
            "Tags.1.Key",
            "Tags.1.Value"
        ]
    );
}
