//! Lists the HaVips of a region with credentials from the environment.
//!
//! ```sh
//! export ALIBABA_CLOUD_ACCESS_KEY_ID=... ALIBABA_CLOUD_ACCESS_KEY_SECRET=...
//! export ALIBABA_CLOUD_REGION_ID=cn-hangzhou
//! cargo run -p alibabacloud-tests --example describe_ha_vips
//! ```
//!
//! Credentials may also come from the `aliyun` CLI's `~/.aliyun/config.json`.

use alibabacloud_runtime::client::TryStreamExt;
use alibabacloud_vpc::Client;
use alibabacloud_vpc::describe_ha_vips::{DescribeHaVipsRequest, HaVip};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let region_id =
        std::env::var("ALIBABA_CLOUD_REGION_ID").unwrap_or_else(|_| "cn-hangzhou".to_string());
    let client = Client::builder().region_id(&region_id).build()?;
    let request = DescribeHaVipsRequest::builder()
        .region_id(&region_id)
        .page_size(50)
        .build()?;
    let ha_vips: Vec<HaVip> = client
        .describe_ha_vips_paginator(request)
        .items()
        .try_collect()
        .await?;
    println!("{} HaVip(s) in {region_id}", ha_vips.len());
    for ha_vip in ha_vips {
        println!(
            "{}\t{}\t{}\t{}",
            ha_vip.ha_vip_id.as_deref().unwrap_or("-"),
            ha_vip.ip_address.as_deref().unwrap_or("-"),
            ha_vip.status.as_ref().map_or("-", |status| status.as_str()),
            ha_vip.name.as_deref().unwrap_or("-"),
        );
    }
    Ok(())
}
