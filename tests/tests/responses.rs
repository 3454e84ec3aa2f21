//! How the DescribeHaVips response models read and write what the service
//! sends, beyond the documented samples.

use alibabacloud_vpc::describe_ha_vips::{
    DescribeHaVipsRequest, DescribeHaVipsResponse, HaVipStatus,
};
use alibabacloud_vpc::{Action, ErrorCode, ResponseBody, ServiceError};

fn round_trip(json: &str) -> serde_json::Value {
    let response = DescribeHaVipsResponse::from_json(json).expect("the body parses");
    serde_json::from_str(&response.to_json().expect("the model writes"))
        .expect("the written body is JSON")
}

fn value(json: &str) -> serde_json::Value {
    serde_json::from_str(json).expect("the test body is JSON")
}

#[test]
fn absent_fields_stay_absent() {
    let json = r#"{"RequestId":"R","HaVips":{"HaVip":[{"HaVipId":"havip-1"}]}}"#;
    assert_eq!(round_trip(json), value(json));
}

#[test]
fn empty_strings_and_empty_lists_stay_empty() {
    let json = r#"{"HaVips":{"HaVip":[{"Description":"","AssociatedInstances":{"associatedInstance":[]},"Tags":{"Tag":[]}}]}}"#;
    assert_eq!(round_trip(json), value(json));
    let response = DescribeHaVipsResponse::from_json(json).unwrap();
    assert_eq!(response.ha_vips()[0].description.as_deref(), Some(""));
    assert_eq!(
        response.ha_vips()[0].associated_instances(),
        [] as [String; 0]
    );
}

#[test]
fn wrapped_lists_are_plain_vecs() {
    let json = r#"{"HaVips":{"HaVip":[{"AssociatedEipAddresses":{"associatedEipAddresse":["121.12.XX.XX","47.1.XX.XX"]}}]}}"#;
    let response = DescribeHaVipsResponse::from_json(json).unwrap();
    let addresses: &Vec<String> = response.ha_vips.as_ref().unwrap()[0]
        .associated_eip_addresses
        .as_ref()
        .unwrap();
    assert_eq!(addresses, &["121.12.XX.XX", "47.1.XX.XX"]);
    assert_eq!(round_trip(json), value(json));
}

#[test]
#[allow(deprecated, reason = "checks what `Unknown` holds")]
fn values_outside_a_documented_enum_are_kept() {
    let json = r#"{"HaVips":{"HaVip":[{"Status":"InUse","AssociatedInstanceType":"Mystery"}]}}"#;
    let response = DescribeHaVipsResponse::from_json(json).unwrap();
    assert!(matches!(
        &response.ha_vips()[0].status,
        Some(HaVipStatus::Unknown(value)) if value.as_str() == "InUse"
    ));
    assert_eq!(round_trip(json), value(json));
}

#[test]
fn documented_enum_values_are_variants() {
    let response =
        DescribeHaVipsResponse::from_json(r#"{"HaVips":{"HaVip":[{"Status":"Available"}]}}"#)
            .unwrap();
    assert_eq!(response.ha_vips()[0].status, Some(HaVipStatus::Available));
}

#[test]
fn unknown_fields_do_not_fail_parsing() {
    let response = DescribeHaVipsResponse::from_json(
        r#"{"RequestId":"R","BrandNew":{"x":[1]},"HaVips":{"HaVip":[{"Extra":1}]}}"#,
    )
    .unwrap();
    assert_eq!(response.request_id.as_deref(), Some("R"));
    assert_eq!(response.ha_vips().len(), 1);
}

#[test]
fn numbers_sent_as_strings_still_parse() {
    let response =
        DescribeHaVipsResponse::from_json(r#"{"TotalCount":"1","PageSize":" 10 ","PageNumber":2}"#)
            .unwrap();
    assert_eq!(
        (
            response.total_count,
            response.page_size,
            response.page_number
        ),
        (Some(1), Some(10), Some(2))
    );
}

// Issue 14, item 10: each value is written back with the JSON type it
// came as, in lists and nested structs too; the fields keep their types.
#[test]
fn values_sent_in_another_json_type_are_written_back_in_it() {
    let json = r#"{"RequestId":20,"TotalCount":"1","PageSize":" 10 ","HaVips":{"HaVip":[{"HaVipId":false,"IpAddress":"1.2.3.4","AssociatedInstances":{"associatedInstance":["i-1",5]}}]}}"#;
    assert_eq!(round_trip(json), value(json));
    let mut response = DescribeHaVipsResponse::from_json(json).unwrap();
    assert_eq!(response.request_id.as_deref(), Some("20"));
    assert_eq!(
        (response.total_count, response.page_size),
        (Some(1), Some(10))
    );
    assert_eq!(response.ha_vips()[0].ha_vip_id.as_deref(), Some("false"));
    assert_eq!(response.ha_vips()[0].associated_instances(), ["i-1", "5"]);
    // Equal to the same values sent in the documented types.
    let documented = r#"{"RequestId":"20","TotalCount":1,"PageSize":10,"HaVips":{"HaVip":[{"HaVipId":"false","IpAddress":"1.2.3.4","AssociatedInstances":{"associatedInstance":["i-1","5"]}}]}}"#;
    assert_eq!(
        response,
        DescribeHaVipsResponse::from_json(documented).unwrap()
    );
    // With the top-level table cleared, the top-level fields are written
    // with the documented types; the nested items keep theirs.
    use alibabacloud_vpc::runtime::model;
    model::ModelMut::received_mut(&mut response).map(model::Received::clear);
    let written = value(&response.to_json().unwrap());
    assert_eq!(written["RequestId"], value(r#""20""#));
    assert_eq!(written["TotalCount"], value("1"));
    assert_eq!(written["HaVips"]["HaVip"][0]["HaVipId"], value("false"));
    // XML is all text: the same XML either way.
    let xml = |json: &str| {
        DescribeHaVipsResponse::from_json(json)
            .unwrap()
            .to_xml()
            .unwrap()
    };
    assert_eq!(xml(&json.replace("\" 10 \"", "10")), xml(documented));
}

#[test]
fn malformed_bodies_are_errors_not_panics() {
    for json in [
        "",
        "{",
        "null",
        r#"{"TotalCount":"many"}"#,
        r#"{"TotalCount":99999999999}"#,
        r#"{"HaVips":{"HaVip":{"not":"a list"}}}"#,
        r#"{"HaVips":[1]}"#,
    ] {
        assert!(
            DescribeHaVipsResponse::from_json(json).is_err(),
            "{json:?} should not parse"
        );
    }
    for xml in [
        "",
        "<DescribeHaVipsResponse><TotalCount>x</TotalCount></DescribeHaVipsResponse>",
        "<a><b></a>",
    ] {
        assert!(
            DescribeHaVipsResponse::from_xml(xml).is_err(),
            "{xml:?} should not parse"
        );
    }
}

#[test]
fn json_and_xml_parse_into_the_same_models() {
    let json = DescribeHaVipsResponse::from_json(
        r#"{"PageNumber":1,"TotalCount":1,"HaVips":{"HaVip":[{"HaVipId":"h","Description":"","AssociatedInstances":{"associatedInstance":["i-1","i-2"]}}]}}"#,
    )
    .unwrap();
    let xml = DescribeHaVipsResponse::from_xml(
        "<DescribeHaVipsResponse><PageNumber>1</PageNumber><TotalCount>1</TotalCount><HaVips><HaVip><HaVipId>h</HaVipId>\
         <Description/><AssociatedInstances><associatedInstance>i-1</associatedInstance><associatedInstance>i-2</associatedInstance>\
         </AssociatedInstances></HaVip></HaVips></DescribeHaVipsResponse>",
    )
    .unwrap();
    assert_eq!(json, xml);
}

#[test]
fn documented_error_codes_are_typed_with_their_status() {
    let body = r#"{"RequestId":"33E480C5-B46F-4CA5-B6FD-D77C746E86AB","HostId":"vpc.aliyuncs.com","Code":"InvalidRegionId.NotFound","Message":"The RegionId provided does not exist in our records.","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidRegionId.NotFound"}"#;
    let error = ServiceError::<ErrorCode>::from_response(404, body);
    assert_eq!(error.code(), Some(&ErrorCode::InvalidRegionIdNotFound));
    assert_eq!(
        error
            .code()
            .and_then(DescribeHaVipsRequest::documented_status),
        Some(404)
    );
    assert_eq!(
        error.request_id(),
        Some("33E480C5-B46F-4CA5-B6FD-D77C746E86AB")
    );
    assert_eq!(error.body().host_id.as_deref(), Some("vpc.aliyuncs.com"));
    assert_eq!(error.raw_body(), body);
    assert_eq!(
        DescribeHaVipsRequest::documented_status(&ErrorCode::from("Forbidden.HaVip")),
        Some(400)
    );
    assert_eq!(
        ErrorCode::InvalidFilterKeyValueNotSupported.as_str(),
        "InvalidFilterKey.ValueNotSupported"
    );
}

#[test]
fn xml_error_bodies_parse_too() {
    let body = "<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>R</RequestId><HostId>vpc.aliyuncs.com</HostId>\
                <Code>Forbidden.HaVip</Code><Message>No permissions to perform operations on HAVIPs.</Message></Error>";
    let error = ServiceError::<ErrorCode>::from_response(400, body);
    assert_eq!(error.code(), Some(&ErrorCode::ForbiddenHaVip));
    assert_eq!(
        error.message(),
        Some("No permissions to perform operations on HAVIPs.")
    );
}

#[test]
fn undocumented_error_codes_are_kept() {
    let error =
        ServiceError::<ErrorCode>::from_response(503, r#"{"Code":"Brand.NewCode","Message":"m"}"#);
    #[allow(deprecated, reason = "checks what `Unknown` holds")]
    let unknown =
        matches!(error.code(), Some(ErrorCode::Unknown(code)) if code.as_str() == "Brand.NewCode");
    assert!(unknown, "{:?}", error.code());
    assert_eq!(error.code().map(ErrorCode::as_str), Some("Brand.NewCode"));
    assert_eq!(
        error
            .code()
            .and_then(DescribeHaVipsRequest::documented_status),
        None
    );
}

/// One enum for the product, one table per action: a code is typed
/// whichever action sent it, and its documented status is the action's.
#[test]
fn a_code_has_the_status_its_action_documents() {
    use alibabacloud_vpc::create_vpc::CreateVpcRequest;
    use alibabacloud_vpc::delete_vpc::DeleteVpcRequest;
    let code = ErrorCode::from("InvalidRegionId.NotFound");
    assert_eq!(code, ErrorCode::InvalidRegionIdNotFound);
    assert_eq!(CreateVpcRequest::documented_status(&code), Some(404));
    assert_eq!(DeleteVpcRequest::documented_status(&code), Some(400));
    // Documented for other actions only: typed, with no status here.
    let quota = ErrorCode::from("QuotaExceeded.Vpc");
    assert_eq!(quota, ErrorCode::QuotaExceededVpc);
    assert_eq!(DescribeHaVipsRequest::documented_status(&quota), None);
    assert!(
        DescribeHaVipsRequest::ERROR_CODES
            .iter()
            .any(|(code, status)| *code == ErrorCode::ForbiddenHaVip && *status == 400)
    );
    // A code is matched per call like any enum.
    let error = ServiceError::<ErrorCode>::from_response(
        404,
        r#"{"Code":"InvalidRegionId.NotFound","RequestId":"R"}"#,
    );
    let advice = match error.code() {
        Some(ErrorCode::InvalidRegionIdNotFound) => "pick another region",
        Some(ErrorCode::QuotaExceededVpc) => "ask for a larger quota",
        Some(_) | None => "give up",
    };
    assert_eq!(advice, "pick another region");
}

#[test]
fn error_codes_compare_and_hash_by_their_text_as_value_enums_do() {
    use std::collections::HashSet;
    // Every conversion from text gives the variant of a documented code,
    // so `Unknown` never holds one; equality and hashing follow the text.
    let known = ErrorCode::ForbiddenHaVip;
    let spelled = ErrorCode::from("Forbidden.HaVip".to_string());
    assert!(matches!(spelled, ErrorCode::ForbiddenHaVip));
    let set: HashSet<ErrorCode> = [known.clone(), spelled].into_iter().collect();
    assert_eq!(set.len(), 1);
    assert_ne!(known, ErrorCode::from("Forbidden.havip"));
    use alibabacloud_vpc::describe_ha_vips::FilterKey;
    assert!(matches!(
        FilterKey::from("VpcId".to_string()),
        FilterKey::VpcId
    ));
    assert!(matches!(FilterKey::from("VpcId"), FilterKey::VpcId));
}

/// `Debug` shows a code as the service sends it, as a value enum shows its
/// value: the text the API reference and a support ticket name.
#[test]
fn error_codes_debug_as_their_code() {
    assert_eq!(
        format!("{:?}", ErrorCode::InvalidRegionIdNotFound),
        "InvalidRegionId.NotFound"
    );
    assert_eq!(
        format!("{:?}", ErrorCode::from("Some.NewCode")),
        r#"Unknown("Some.NewCode")"#
    );
    use alibabacloud_vpc::describe_ha_vips::FilterKey;
    assert_eq!(format!("{:?}", FilterKey::VpcId), "VpcId");
    assert_eq!(
        format!("{:?}", FilterKey::from("Nope")),
        r#"Unknown("Nope")"#
    );
}

/// What the spec checker accepts in a sample, the models read and write
/// back exactly: a number or boolean where the docs say text (the checker
/// refuses a float for an enum and a float or a too-wide number for an
/// integer, which the models could not write back).
#[test]
fn numbers_and_booleans_sent_for_text_round_trip_as_sent() {
    let json = r#"{"RequestId":7,"HaVips":{"HaVip":[{"HaVipId":12,"Description":false,"IpAddress":1.5,"Status":3}]}}"#;
    assert_eq!(round_trip(json), value(json));
    let response = DescribeHaVipsResponse::from_json(json).unwrap();
    assert_eq!(response.request_id.as_deref(), Some("7"));
    assert_eq!(response.ha_vips()[0].description.as_deref(), Some("false"));
}
