//! Response parsing (issue 5, benchmark 2): a DescribeHaVips JSON response
//! with 1,000 HaVips (every field set, wrapped lists as in the API docs)
//! into the generated models, against serde_json into a minimal
//! hand-written struct with the same fields. Target: at least 0.9x the
//! baseline's throughput (issue 21; it was 0.8x). The same for writing the
//! models back to JSON; XML parsing (the models written once with
//! `to_xml`, then read with `from_xml`) is reported against quick-xml into
//! the same minimal struct.

mod common;

use std::hint::black_box;

use alibabacloud_vpc::ResponseBody;
use alibabacloud_vpc::describe_ha_vips::DescribeHaVipsResponse;
use criterion::{Criterion, Throughput};
use serde::{Deserialize, Serialize};

/// Target: the generated models reach at least this share of the baseline's
/// throughput, for parsing and for writing JSON.
const TARGET: f64 = 0.9;
const HA_VIPS: usize = 1000;

/// The baseline: plain serde derives, the same fields, the wrapped lists as
/// the nested objects they are on the wire, enums as text.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Response {
    #[serde(rename = "PageSize", default, skip_serializing_if = "Option::is_none")]
    page_size: Option<i32>,
    #[serde(rename = "RequestId", default, skip_serializing_if = "Option::is_none")]
    request_id: Option<String>,
    #[serde(
        rename = "PageNumber",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    page_number: Option<i32>,
    #[serde(
        rename = "TotalCount",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    total_count: Option<i32>,
    #[serde(rename = "HaVips", default, skip_serializing_if = "Option::is_none")]
    ha_vips: Option<HaVips>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct HaVips {
    #[serde(rename = "HaVip", default)]
    ha_vip: Vec<HaVip>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct HaVip {
    #[serde(rename = "VpcId", default, skip_serializing_if = "Option::is_none")]
    vpc_id: Option<String>,
    #[serde(rename = "Status", default, skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(rename = "HaVipId", default, skip_serializing_if = "Option::is_none")]
    ha_vip_id: Option<String>,
    #[serde(
        rename = "AssociatedInstanceType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    associated_instance_type: Option<String>,
    #[serde(
        rename = "CreateTime",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    create_time: Option<String>,
    #[serde(
        rename = "ChargeType",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    charge_type: Option<String>,
    #[serde(rename = "RegionId", default, skip_serializing_if = "Option::is_none")]
    region_id: Option<String>,
    #[serde(rename = "VSwitchId", default, skip_serializing_if = "Option::is_none")]
    vswitch_id: Option<String>,
    #[serde(rename = "IpAddress", default, skip_serializing_if = "Option::is_none")]
    ip_address: Option<String>,
    #[serde(
        rename = "Description",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    description: Option<String>,
    #[serde(
        rename = "MasterInstanceId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    master_instance_id: Option<String>,
    #[serde(rename = "Name", default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(
        rename = "AssociatedEipAddresses",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    associated_eip_addresses: Option<EipAddresses>,
    #[serde(
        rename = "AssociatedInstances",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    associated_instances: Option<Instances>,
    #[serde(
        rename = "ResourceGroupId",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    resource_group_id: Option<String>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    tags: Option<Tags>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct EipAddresses {
    #[serde(rename = "associatedEipAddresse", default)]
    items: Vec<String>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Instances {
    #[serde(rename = "associatedInstance", default)]
    items: Vec<String>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Tags {
    #[serde(rename = "Tag", default)]
    items: Vec<Tag>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Tag {
    #[serde(rename = "Key", default, skip_serializing_if = "Option::is_none")]
    key: Option<String>,
    #[serde(rename = "Value", default, skip_serializing_if = "Option::is_none")]
    value: Option<String>,
}

/// The response body: `HA_VIPS` HaVips, every field set, compact JSON as
/// the service sends it.
fn response_json() -> String {
    let statuses = ["Available", "Creating", "Deleting"];
    let types = ["EcsInstance", "NetworkInterface"];
    let ha_vips: Vec<serde_json::Value> = (0..HA_VIPS)
        .map(|index| {
            serde_json::json!({
                "VpcId": format!("vpc-bp1kcm36tevkpms9{index:04}"),
                "Status": statuses[index % statuses.len()],
                "HaVipId": format!("havip-bp149uyvut73dpl{index:04}"),
                "AssociatedInstanceType": types[index % types.len()],
                "CreateTime": format!("2021-07-03T14:{:02}:{:02}Z", index / 60 % 60, index % 60),
                "ChargeType": "none",
                "RegionId": "cn-hangzhou",
                "VSwitchId": format!("vsw-bp1pkt1fba8e824e{index:04}"),
                "IpAddress": format!("192.168.{}.{}", index / 250, index % 250 + 2),
                "Description": format!("My HaVip {index}"),
                "MasterInstanceId": format!("i-bp145q7glnuzdvz{index:04}"),
                "Name": format!("test-{index}"),
                "AssociatedEipAddresses": {
                    "associatedEipAddresse": [
                        format!("121.12.{}.{}", index / 250, index % 250),
                        format!("121.13.{}.{}", index / 250, index % 250),
                    ]
                },
                "AssociatedInstances": {
                    "associatedInstance": [
                        format!("i-bp145q7glnuzdvzu{index:04}"),
                        format!("i-bp145q7glnuzdvzv{index:04}"),
                    ]
                },
                "ResourceGroupId": "rg-bp67acfmxazb4ph****",
                "Tags": {
                    "Tag": [
                        { "Key": "FinanceDept", "Value": format!("FinanceJoshua{index:04}") },
                    ]
                },
            })
        })
        .collect();
    let response = serde_json::json!({
        "PageSize": 50,
        "RequestId": "33E480C5-B46F-4CA5-B6FD-D77C746E86AB",
        "PageNumber": 1,
        "TotalCount": HA_VIPS,
        "HaVips": { "HaVip": ha_vips },
    });
    serde_json::to_string(&response).expect("a Value always writes")
}

fn main() {
    let json = response_json();
    let models = DescribeHaVipsResponse::from_json(&json).expect("the generated models parse");
    let plain: Response = serde_json::from_str(&json).expect("the baseline parses");
    assert_eq!(models.ha_vips().len(), HA_VIPS);
    assert_eq!(
        plain.ha_vips.as_ref().map_or(0, |list| list.ha_vip.len()),
        HA_VIPS
    );

    // Writing back: both must write the document they read.
    let written = models.to_json().expect("the models write");
    let plain_written = serde_json::to_string(&plain).expect("the baseline writes");
    let original: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    for (who, text) in [("generated", &written), ("baseline", &plain_written)] {
        let again: serde_json::Value = serde_json::from_str(text).expect("JSON");
        assert_eq!(again, original, "{who}: wrote a different document");
    }

    // XML: the generated models write it once; both sides read it.
    let xml = models.to_xml().expect("the models write XML");
    let from_xml = DescribeHaVipsResponse::from_xml(&xml).expect("the models read their XML");
    assert_eq!(from_xml, models, "the XML round trip keeps every field");
    let plain_from_xml: Response =
        quick_xml::de::from_str(&xml).expect("the baseline reads the XML");
    assert_eq!(
        plain_from_xml, plain,
        "the baseline reads the same values from XML"
    );

    println!(
        "response: {HA_VIPS} HaVips, JSON {} bytes, written back {} bytes, XML {} bytes",
        json.len(),
        written.len(),
        xml.len()
    );

    let mut criterion = Criterion::default().configure_from_args();
    {
        let mut group = criterion.benchmark_group("parse_json");
        group.throughput(Throughput::Bytes(json.len() as u64));
        group.bench_function("generated_from_json", |b| {
            b.iter(|| DescribeHaVipsResponse::from_json(black_box(&json)).expect("parses"))
        });
        group.bench_function("serde_baseline", |b| {
            b.iter(|| serde_json::from_str::<Response>(black_box(&json)).expect("parses"))
        });
        group.finish();
    }
    {
        let mut group = criterion.benchmark_group("write_json");
        group.throughput(Throughput::Bytes(written.len() as u64));
        group.bench_function("generated_to_json", |b| {
            b.iter(|| black_box(&models).to_json().expect("writes"))
        });
        group.bench_function("serde_baseline", |b| {
            b.iter(|| serde_json::to_string(black_box(&plain)).expect("writes"))
        });
        group.finish();
    }
    {
        let mut group = criterion.benchmark_group("parse_xml");
        group.throughput(Throughput::Bytes(xml.len() as u64));
        group.bench_function("generated_from_xml", |b| {
            b.iter(|| DescribeHaVipsResponse::from_xml(black_box(&xml)).expect("parses"))
        });
        group.bench_function("quick_xml_baseline", |b| {
            b.iter(|| quick_xml::de::from_str::<Response>(black_box(&xml)).expect("parses"))
        });
        group.finish();
    }
    criterion.final_summary();

    if common::measuring() {
        let parse = common::compare(
            || DescribeHaVipsResponse::from_json(black_box(&json)).expect("parses"),
            || serde_json::from_str::<Response>(black_box(&json)).expect("parses"),
        );
        throughput_report("parse_json", json.len(), parse, Some(TARGET));
        let write = common::compare(
            || black_box(&models).to_json().expect("writes"),
            || serde_json::to_string(black_box(&plain)).expect("writes"),
        );
        throughput_report("write_json", written.len(), write, Some(TARGET));
        let xml_parse = common::compare(
            || DescribeHaVipsResponse::from_xml(black_box(&xml)).expect("parses"),
            || quick_xml::de::from_str::<Response>(black_box(&xml)).expect("parses"),
        );
        throughput_report("parse_xml", xml.len(), xml_parse, None);
    }
}

/// Reports throughputs and their ratio (baseline time / subject time, so
/// higher is better and 1.0 is parity).
fn throughput_report(
    name: &str,
    bytes: usize,
    comparison: common::Comparison,
    target: Option<f64>,
) {
    let share = 1.0 / comparison.ratio;
    let target_text = target.map_or_else(
        || "no target".to_string(),
        |target| format!("target >= {target}x"),
    );
    common::report(
        name,
        &format!(
            "generated {:.0} MB/s ({}), baseline {:.0} MB/s ({}), throughput ratio {share:.2}x ({target_text}), {bytes} bytes, {} rounds",
            common::mb_per_s(bytes, comparison.subject),
            common::human(comparison.subject),
            common::mb_per_s(bytes, comparison.baseline),
            common::human(comparison.baseline),
            comparison.rounds,
        ),
        target.map(|target| share >= target),
    );
}
