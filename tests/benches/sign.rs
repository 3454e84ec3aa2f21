//! Signing (issue 5, benchmark 3): one V3 (`ACS3-HMAC-SHA256`) signature
//! for a DescribeHaVips request, with a fixed timestamp and nonce, against
//! the raw cost of the hash calls it makes: SHA-256 of the canonical
//! request, SHA-256 of the body, HMAC-SHA256 of the string to sign, on
//! inputs of the same lengths. Target: at most 3x.
//!
//! `rpc_headers` takes the query already encoded (the client encodes it
//! once, for the URL and the signature), so the timed call does not encode
//! it; a second, informational ratio includes `to_query_string` as well.

mod common;

use std::collections::BTreeMap;
use std::hint::black_box;

use alibabacloud_runtime::credentials::Credentials;
use alibabacloud_runtime::query::QueryPairs;
use alibabacloud_runtime::sign::sha256_hex;
use alibabacloud_runtime::sign::v3::{self, RpcCall, RpcHeaders};
use alibabacloud_vpc::Action;
use alibabacloud_vpc::describe_ha_vips::{CheckedTag, DescribeHaVipsRequest, Filter, FilterKey};
use common::Comparison;
use criterion::Criterion;
use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};

const TARGET: f64 = 3.0;
const TIMESTAMP: &str = "2024-03-04T08:00:00Z";
const NONCE: &str = "3156853299f313e23d1673dc12e1703d";
const SECRET: &str = "YourAccessKeySecret";

/// A typical DescribeHaVips request: a region, a page size, two filters and a tag.
fn request() -> DescribeHaVipsRequest {
    DescribeHaVipsRequest::builder()
        .region_id("cn-hangzhou")
        .page_number(1)
        .page_size(50)
        .filter(
            Filter::builder()
                .key(FilterKey::VpcId)
                .value("vpc-bp1kcm36tevkpms97****")
                .build(),
        )
        .filter(
            Filter::builder()
                .key(FilterKey::Status)
                .value("Available")
                .build(),
        )
        .tags(
            CheckedTag::builder()
                .key("FinanceDept")
                .value("FinanceJoshua")
                .build(),
        )
        .build()
        .expect("the request is valid")
}

fn call(query: &str) -> RpcCall<'_> {
    RpcCall {
        method: "POST",
        host: "vpc.aliyuncs.com",
        action: "DescribeHaVips",
        version: "2016-04-28",
        query,
        body: b"",
        content_type: None,
    }
}

fn sign<'a>(query: &'a str, credentials: &'a Credentials) -> RpcHeaders<'a> {
    v3::rpc_headers(&call(query), credentials, TIMESTAMP, NONCE).expect("signs")
}

/// Signing from the pairs, encoding included: what `rpc_headers` did before
/// it took the encoded text.
fn encode_and_sign(query: &QueryPairs, credentials: &Credentials) {
    let text = query.to_query_string();
    black_box(sign(&text, credentials));
}

/// The raw cost: the two SHA-256 and the HMAC-SHA256 that a signature needs.
fn raw(canonical_request: &[u8], body: &[u8], string_to_sign: &[u8]) -> [u8; 32] {
    let hashed_request = Sha256::digest(canonical_request);
    let hashed_body = Sha256::digest(body);
    let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes())
        .expect("HMAC takes any key");
    mac.update(string_to_sign);
    black_box((hashed_request, hashed_body));
    mac.finalize().into_bytes().into()
}

fn main() {
    let pairs = request().query_pairs().expect("flattens");
    let query = pairs.to_query_string();
    let credentials = Credentials::new("YourAccessKeyId", SECRET);
    let headers = sign(&query, &credentials);

    // The exact bytes the signature hashes, to give the raw calls the same lengths.
    let signed: BTreeMap<String, String> = headers
        .signed()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect();
    let authorization = headers.authorization();
    let canonical_request = v3::canonical_request("POST", "/", &query, &signed, &sha256_hex(b""));
    let string_to_sign = v3::string_to_sign(&canonical_request);
    let signature = raw(canonical_request.as_bytes(), b"", string_to_sign.as_bytes());
    let hex: String = signature.iter().map(|byte| format!("{byte:02x}")).collect();
    assert!(
        authorization.ends_with(&format!("Signature={hex}")),
        "the raw calls must compute the same signature: {authorization} vs {hex}"
    );
    println!(
        "signing: canonical request {} bytes, string to sign {} bytes, body 0 bytes, {} query pairs",
        canonical_request.len(),
        string_to_sign.len(),
        pairs.len()
    );

    // The baseline, the same closure for criterion and both ratios.
    let baseline = || {
        raw(
            black_box(canonical_request.as_bytes()),
            black_box(b""),
            black_box(string_to_sign.as_bytes()),
        )
    };

    let mut criterion = Criterion::default().configure_from_args();
    {
        let mut group = criterion.benchmark_group("sign_v3");
        group.bench_function("rpc_headers", |b| {
            b.iter(|| sign(black_box(&query), black_box(&credentials)))
        });
        group.bench_function("raw_sha256_hmac_baseline", |b| b.iter(baseline));
        group.finish();
    }
    criterion.final_summary();

    if common::measuring() {
        report_ratio(
            "sign_v3",
            "rpc_headers",
            common::compare(
                || sign(black_box(&query), black_box(&credentials)),
                baseline,
            ),
            Some(TARGET),
        );
        report_ratio(
            "sign_v3_with_query_encoding",
            "to_query_string + rpc_headers",
            common::compare(
                || encode_and_sign(black_box(&pairs), black_box(&credentials)),
                baseline,
            ),
            None,
        );
    }
}

/// Prints a `RESULT` line for `comparison`, judged against `target` if any.
fn report_ratio(name: &str, subject: &str, comparison: Comparison, target: Option<f64>) {
    let judged = target.map_or(String::new(), |target| format!(" (target <= {target}x)"));
    common::report(
        name,
        &format!(
            "{subject} {}, raw SHA-256 + HMAC-SHA256 {}, ratio {:.2}x{judged}, {} rounds",
            common::human(comparison.subject),
            common::human(comparison.baseline),
            comparison.ratio,
            comparison.rounds,
        ),
        target.map(|target| comparison.ratio <= target),
    );
}
