//! The token paginator against a real HTTP server on loopback:
//! `ListTagResources` is paged by `NextToken` (request and response) with
//! `MaxResults`.

use alibabacloud_runtime::client::TryStreamExt;
use alibabacloud_tests::server::{Reply, TestServer};
use alibabacloud_vpc::list_tag_resources::{ListTagResourcesRequest, ResourceType, TagResource};
use alibabacloud_vpc::{Client, Credentials, SdkError};

fn client(server: &TestServer) -> Client {
    Client::builder()
        .endpoint(server.endpoint())
        .credentials(Credentials::new("TestAccessKeyId", "TestAccessKeySecret"))
        .build()
        .expect("the client builds")
}

fn request() -> ListTagResourcesRequest {
    ListTagResourcesRequest::builder()
        .region_id("cn-hangzhou")
        .resource_type(ResourceType::Vpc)
        .resource_id("vpc-1")
        .max_results(2)
        .build()
        .expect("valid")
}

/// A page of tags `ids`, with `next` as its `NextToken` if any.
fn page(ids: &[&str], next: Option<&str>) -> String {
    let items: Vec<String> = ids
        .iter()
        .map(|id| {
            format!(r#"{{"ResourceId":"{id}","TagKey":"k","TagValue":"v","ResourceType":"VPC"}}"#)
        })
        .collect();
    let token = next.map_or(String::new(), |token| format!(r#","NextToken":"{token}""#));
    format!(
        r#"{{"RequestId":"r","TagResources":{{"TagResource":[{}]}}{token}}}"#,
        items.join(",")
    )
}

#[tokio::test]
async fn the_token_paginator_follows_next_token_until_there_is_none() {
    let server = TestServer::start(|received, _| match received.param("NextToken") {
        None => Reply::json(200, page(&["a", "b"], Some("t1"))),
        Some("t1") => Reply::json(200, page(&["c", "d"], Some("t2"))),
        Some("t2") => Reply::json(200, page(&["e"], None)),
        Some(other) => Reply::json(
            400,
            format!(r#"{{"Code":"InvalidNextToken","Message":"{other}"}}"#),
        ),
    })
    .await;
    let items: Vec<TagResource> = client(&server)
        .list_tag_resources_paginator(request())
        .items()
        .try_collect()
        .await
        .expect("every page arrives");
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|item| item.resource_id.as_deref())
        .collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let tokens: Vec<Option<String>> = server
        .received()
        .iter()
        .map(|received| received.param("NextToken").map(str::to_string))
        .collect();
    assert_eq!(tokens, [None, Some("t1".into()), Some("t2".into())]);
    assert!(
        server
            .received()
            .iter()
            .all(|received| received.param("MaxResults") == Some("2"))
    );
}

#[tokio::test]
async fn an_empty_next_token_ends_the_pages() {
    let server = TestServer::start(|_, _| Reply::json(200, page(&["a"], Some("")))).await;
    let pages: Vec<_> = client(&server)
        .list_tag_resources_paginator(request())
        .pages()
        .try_collect()
        .await
        .expect("one page");
    assert_eq!(pages.len(), 1);
    assert_eq!(server.received().len(), 1);
}

#[tokio::test]
async fn a_server_that_sends_back_the_same_token_is_stopped_with_an_error() {
    let server = TestServer::start(|_, _| Reply::json(200, page(&["a", "b"], Some("stuck")))).await;
    let results: Vec<_> = futures_collect(
        client(&server)
            .list_tag_resources_paginator(request())
            .pages(),
    )
    .await;
    // The first page; the second names the token it was sent as the next
    // one, so it is a repeat: not yielded, and the stream ends with an error.
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(results[0].is_ok());
    assert!(
        matches!(results[1], Err(SdkError::Pagination(_))),
        "{:?}",
        results[1]
    );
    assert_eq!(server.received().len(), 2);
}

#[tokio::test]
async fn the_token_paginator_is_bounded() {
    let server =
        TestServer::start(|_, index| Reply::json(200, page(&["a"], Some(&format!("t{index}")))))
            .await;
    let pages: Vec<_> = client(&server)
        .list_tag_resources_paginator(request())
        .max_pages(4)
        .pages()
        .try_collect()
        .await
        .expect("four pages");
    assert_eq!(pages.len(), 4);
    assert_eq!(server.received().len(), 4);
}

async fn futures_collect<S: alibabacloud_runtime::client::StreamExt>(stream: S) -> Vec<S::Item> {
    stream.collect().await
}

/// The blocking client's token paginator is an iterator over the same
/// walk; the server runs on a runtime of its own, the test on none.
#[test]
fn the_blocking_token_paginator_is_an_iterator_that_stops_a_stuck_server() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime for the server");
    let server = runtime.block_on(TestServer::start(|received, _| {
        match received.param("NextToken") {
            None => Reply::json(200, page(&["a", "b"], Some("t1"))),
            Some(_) => Reply::json(200, page(&["c"], Some("t1"))),
        }
    }));
    let client = alibabacloud_vpc::blocking::Client::builder()
        .endpoint(server.endpoint())
        .credentials(Credentials::new("TestAccessKeyId", "TestAccessKeySecret"))
        .build()
        .expect("the client builds");
    let items: Vec<_> = client
        .list_tag_resources_paginator(request())
        .items()
        .collect();
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|item| item.as_ref().ok()?.resource_id.as_deref())
        .collect();
    // Page 1; page 2 names "t1", the token it was asked with, so it is
    // refused and the iteration ends with the error.
    assert_eq!(ids, ["a", "b"]);
    assert!(
        matches!(items.last(), Some(Err(SdkError::Pagination(_)))),
        "{items:?}"
    );
    assert_eq!(server.received().len(), 2);
}
