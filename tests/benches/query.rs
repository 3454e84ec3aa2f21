//! Query serialization (issue 5, benchmark 1): the largest valid
//! DescribeHaVips request (5 filters x 5 values, 20 tags, every scalar set)
//! to its encoded query string, against a hand-written writer that produces
//! the same string into a pre-sized `String`. Target: at most 1.5x.

mod common;

use std::hint::black_box;

use alibabacloud_vpc::Action;
use alibabacloud_vpc::describe_ha_vips::{CheckedTag, DescribeHaVipsRequest, Filter};
use criterion::Criterion;

const TARGET: f64 = 1.5;

/// The request's values, plain: what the hand-written writer reads.
struct Plain {
    region_id: String,
    page_number: i32,
    page_size: i32,
    resource_group_id: String,
    filters: Vec<(String, Vec<String>)>,
    tags: Vec<(String, String)>,
}

fn plain() -> Plain {
    let keys = ["VpcId", "VSwitchId", "Status", "HaVipId", "HaVipAddress"];
    let filters = keys
        .iter()
        .map(|key| {
            let values = (1..=5)
                .map(|index| match *key {
                    "VpcId" => format!("vpc-bp1kcm36tevkpms9{index}****"),
                    "VSwitchId" => format!("vsw-bp1pkt1fba8e824e{index}****"),
                    "Status" => ["Available", "Creating", "Deleting", "InUse", "Available"]
                        [index - 1]
                        .to_string(),
                    "HaVipId" => format!("havip-bp149uyvut73dpl{index}****"),
                    _ => format!("192.168.{index}.5"),
                })
                .collect();
            (key.to_string(), values)
        })
        .collect();
    let tags = (1..=20)
        .map(|index| {
            (
                format!("FinanceDept{index}"),
                format!("Finance Joshua {index}"),
            )
        })
        .collect();
    Plain {
        region_id: "cn-hangzhou".to_string(),
        page_number: 1,
        page_size: 50,
        resource_group_id: "rg-bp67acfmxazb4ph****".to_string(),
        filters,
        tags,
    }
}

fn request(plain: &Plain) -> DescribeHaVipsRequest {
    let builder = DescribeHaVipsRequest::builder()
        .region_id(plain.region_id.as_str())
        .page_number(plain.page_number)
        .page_size(plain.page_size)
        .resource_group_id(plain.resource_group_id.as_str());
    let builder = plain
        .filters
        .iter()
        .fold(builder, |builder, (key, values)| {
            let filter = values
                .iter()
                .fold(Filter::builder().key(key.as_str()), |filter, value| {
                    filter.value(value.as_str())
                })
                .build();
            builder.filter(filter)
        });
    plain
        .tags
        .iter()
        .fold(builder, |builder, (key, value)| {
            builder.tags(
                CheckedTag::builder()
                    .key(key.as_str())
                    .value(value.as_str())
                    .build(),
            )
        })
        .build()
        .expect("the largest request is valid")
}

/// The generated path: flatten, sort, encode.
fn generated(request: &DescribeHaVipsRequest) -> String {
    request
        .query_pairs()
        .expect("a generated request always flattens")
        .to_query_string()
}

/// The hand-written writer: keys in byte order, RFC 3986 encoding (only
/// `A-Z a-z 0-9 - _ . ~` kept, upper-case hex), into a pre-sized String.
fn hand_written(plain: &Plain) -> String {
    let mut out = String::with_capacity(4096);
    for (filter_index, (key, values)) in
        lexicographic(plain.filters.len()).map(|index| (index, &plain.filters[index - 1]))
    {
        pair_prefix(&mut out);
        out.push_str("Filter.");
        push_number(&mut out, filter_index);
        out.push_str(".Key=");
        encode(&mut out, key);
        for value_index in lexicographic(values.len()) {
            out.push_str("&Filter.");
            push_number(&mut out, filter_index);
            out.push_str(".Value.");
            push_number(&mut out, value_index);
            out.push('=');
            encode(&mut out, &values[value_index - 1]);
        }
    }
    pair_prefix(&mut out);
    out.push_str("PageNumber=");
    push_number(&mut out, plain.page_number as usize);
    out.push_str("&PageSize=");
    push_number(&mut out, plain.page_size as usize);
    out.push_str("&RegionId=");
    encode(&mut out, &plain.region_id);
    out.push_str("&ResourceGroupId=");
    encode(&mut out, &plain.resource_group_id);
    for index in lexicographic(plain.tags.len()) {
        let (key, value) = &plain.tags[index - 1];
        out.push_str("&Tags.");
        push_number(&mut out, index);
        out.push_str(".Key=");
        encode(&mut out, key);
        out.push_str("&Tags.");
        push_number(&mut out, index);
        out.push_str(".Value=");
        encode(&mut out, value);
    }
    out
}

fn pair_prefix(out: &mut String) {
    if !out.is_empty() {
        out.push('&');
    }
}

/// 1..=n in the byte order of their decimal text (1, 10, 11, ..., 2, 20, 3, ...), n < 100.
fn lexicographic(n: usize) -> impl Iterator<Item = usize> {
    (1..=9usize)
        .flat_map(|first| std::iter::once(first).chain(first * 10..first * 10 + 10))
        .filter(move |index| *index <= n)
}

fn push_number(out: &mut String, n: usize) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

fn encode(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let bytes = text.as_bytes();
    let mut start = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            continue;
        }
        out.push_str(&text[start..index]);
        out.push('%');
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 15)]));
        start = index + 1;
    }
    out.push_str(&text[start..]);
}

fn main() {
    let plain = plain();
    let request = request(&plain);
    let expected = generated(&request);
    assert_eq!(
        hand_written(&plain),
        expected,
        "the baseline must write the same string"
    );
    assert_eq!(
        request.query_pairs().expect("flattens").len(),
        5 + 25 + 4 + 40,
        "5 filter keys, 25 filter values, 4 scalars, 20 tag keys and values"
    );

    let mut criterion = Criterion::default().configure_from_args();
    {
        let mut group = criterion.benchmark_group("query_serialization");
        group.bench_function("generated", |b| b.iter(|| generated(black_box(&request))));
        group.bench_function("hand_written_baseline", |b| {
            b.iter(|| hand_written(black_box(&plain)))
        });
        group.finish();
    }
    criterion.final_summary();

    if common::measuring() {
        let comparison = common::compare(
            || generated(black_box(&request)),
            || hand_written(black_box(&plain)),
        );
        common::report(
            "query_serialization",
            &format!(
                "generated {}, hand-written baseline {}, ratio {:.2}x (target <= {TARGET}x), {} bytes, {} rounds",
                common::human(comparison.subject),
                common::human(comparison.baseline),
                comparison.ratio,
                expected.len(),
                comparison.rounds,
            ),
            Some(comparison.ratio <= TARGET),
        );
    }
}
