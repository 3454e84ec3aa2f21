//! Walking the pages of a list action.
//!
//! A paginator starts at the request's page and stops at the first of: the
//! last page by `TotalCount` (by page arithmetic, or once `TotalCount`
//! items have been yielded), an empty page, an error, or a bound on the
//! number of pages, so a server that keeps answering never loops forever.
//! A server that answers another page than the one asked for, or the same
//! page again, ends the walk with [`SdkError::Pagination`] instead of
//! feeding the caller duplicates.

#[cfg(feature = "client")]
use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};

#[cfg(feature = "client")]
use super::Client;
use super::SdkError;
use crate::action::{Action, ResponseBody};

/// Where a response sits among the pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Page {
    /// The page number the response says it is.
    pub page_number: Option<i64>,
    /// The page size the response says it used.
    pub page_size: Option<i64>,
    /// The total number of items the response says there are.
    pub total_count: Option<i64>,
    /// How many items this page holds.
    pub item_count: usize,
}

/// An action whose request has a page number and whose response has a
/// total count; generated for actions with `PageNumber`/`PageSize` in the
/// request and `TotalCount` in the response.
pub trait Paginated: Action + Clone + Send + Sync + 'static {
    /// One item of a page.
    type Item: Send + 'static;

    /// The page this request asks for, if set.
    fn page_number(&self) -> Option<i64>;

    /// The same request for another page.
    fn with_page_number(&self, page_number: i64) -> Self;

    /// Where `response` sits among the pages.
    fn page(response: &Self::Response) -> Page;

    /// The items of a page.
    fn into_items(response: Self::Response) -> Vec<Self::Item>;
}

/// Where a walk over the pages of one request is, whichever client walks
/// it: the next page to ask for, the pages left, the items seen and the
/// previous page's content.
#[cfg_attr(
    not(any(feature = "client", feature = "blocking")),
    allow(dead_code, reason = "used by the clients only")
)]
#[derive(Debug, Clone)]
pub(crate) struct Walk<A> {
    request: A,
    next_page: Option<i64>,
    pages_left: usize,
    items_seen: i64,
    /// What the previous page held, to notice a server repeating it.
    previous: Option<serde_json::Value>,
}

#[cfg_attr(
    not(any(feature = "client", feature = "blocking")),
    allow(dead_code, reason = "used by the clients only")
)]
impl<A: Paginated> Walk<A> {
    /// A walk from the request's page (or page 1), over at most `max_pages`.
    pub(crate) fn new(request: A, max_pages: usize) -> Self {
        Self {
            next_page: Some(request.page_number().unwrap_or(1)),
            request,
            pages_left: max_pages,
            items_seen: 0,
            previous: None,
        }
    }

    /// The next page number and its request, or `None` when the walk ended.
    pub(crate) fn next_request(&mut self) -> Option<(i64, A)> {
        let page_number = self.next_page.filter(|_| self.pages_left > 0)?;
        self.pages_left -= 1;
        Some((page_number, self.request.with_page_number(page_number)))
    }

    #[allow(
        clippy::result_large_err,
        reason = "SdkError is the error of both clients, returned by value as the async one returns it"
    )]
    /// Takes the answer for page `page_number`: the walk goes on after a
    /// page that is not the last, and ends after an error, including a
    /// page that is another than asked for or repeats the previous one.
    pub(crate) fn answer(
        &mut self,
        page_number: i64,
        result: Result<A::Response, SdkError<A::ErrorCode>>,
    ) -> Result<A::Response, SdkError<A::ErrorCode>> {
        self.next_page = None;
        let response = result?;
        let page = A::page(&response);
        let content = page_content(&response);
        let problem = match page.page_number {
            Some(answered) if answered != page_number => Some(format!(
                "asked for page {page_number}, the service answered page {answered}"
            )),
            _ if content.is_some() && content == self.previous => Some(format!(
                "page {page_number} holds the same items as the page before it"
            )),
            _ => None,
        };
        if let Some(problem) = problem {
            return Err(SdkError::Pagination(problem));
        }
        self.previous = content;
        self.items_seen += i64::try_from(page.item_count).unwrap_or(i64::MAX);
        self.next_page =
            (!is_last(&page, page_number, self.items_seen)).then(|| page_number.saturating_add(1));
        Ok(response)
    }
}

/// The pages of one request; see [`Client::paginate`].
#[cfg(feature = "client")]
#[derive(Debug, Clone)]
pub struct Paginator<A> {
    client: Client,
    request: A,
    max_pages: usize,
}

#[cfg(feature = "client")]
impl<A: Paginated> Paginator<A> {
    /// The default bound on the number of pages fetched.
    pub const DEFAULT_MAX_PAGES: usize = DEFAULT_MAX_PAGES;

    pub(crate) fn new(client: Client, request: A) -> Self {
        Self {
            client,
            request,
            max_pages: DEFAULT_MAX_PAGES,
        }
    }

    /// Fetches at most `max_pages` pages (default 1000).
    pub fn max_pages(mut self, max_pages: usize) -> Self {
        self.max_pages = max_pages;
        self
    }

    /// Every page, in order; an error ends the stream after it is yielded.
    pub fn pages(self) -> impl Stream<Item = Result<A::Response, SdkError<A::ErrorCode>>> + Send {
        let walk = Walk::new(self.request, self.max_pages);
        stream::unfold((self.client, walk), |(client, mut walk)| async move {
            let (page_number, request) = walk.next_request()?;
            let result = client.call(&request).await;
            let answer = walk.answer(page_number, result);
            Some((answer, (client, walk)))
        })
    }

    /// Every item of every page, in order.
    pub fn items(self) -> impl Stream<Item = Result<A::Item, SdkError<A::ErrorCode>>> + Send {
        self.pages()
            .map_ok(|response| stream::iter(A::into_items(response).into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }
}

/// The default bound on the number of pages a paginator fetches.
#[cfg_attr(
    not(any(feature = "client", feature = "blocking")),
    allow(dead_code, reason = "used by the clients only")
)]
pub(crate) const DEFAULT_MAX_PAGES: usize = 1000;

/// A page's content without what differs between two answers for the same
/// page (`RequestId`) or what a server may echo from the request
/// (`PageNumber`); `None` if it cannot be written.
#[cfg_attr(
    not(any(feature = "client", feature = "blocking")),
    allow(dead_code, reason = "used by the clients only")
)]
fn page_content<R: ResponseBody>(response: &R) -> Option<serde_json::Value> {
    let mut value: serde_json::Value = serde_json::from_str(&response.to_json().ok()?).ok()?;
    if let Some(fields) = value.as_object_mut() {
        fields.remove("RequestId");
        fields.remove("PageNumber");
    }
    Some(value)
}

/// Whether `page` (the `requested` page) is the last one: it is empty, or
/// it reaches the total count by page arithmetic or by the items seen so
/// far (`items_seen`, this page's included).
#[cfg_attr(
    not(any(feature = "client", feature = "blocking")),
    allow(dead_code, reason = "used by the clients only")
)]
fn is_last(page: &Page, requested: i64, items_seen: i64) -> bool {
    if page.item_count == 0 {
        return true;
    }
    let Some(total) = page.total_count else {
        return false;
    };
    if items_seen >= total {
        return true;
    }
    match page.page_size.filter(|size| *size > 0) {
        Some(size) => page.page_number.unwrap_or(requested).saturating_mul(size) >= total,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(number: i64, size: i64, total: i64, count: usize) -> Page {
        Page {
            page_number: Some(number),
            page_size: Some(size),
            total_count: Some(total),
            item_count: count,
        }
    }

    #[test]
    fn stops_at_the_total_count() {
        assert!(!is_last(&page(1, 10, 25, 10), 1, 10));
        assert!(!is_last(&page(2, 10, 25, 10), 2, 20));
        assert!(is_last(&page(3, 10, 25, 5), 3, 25));
        assert!(is_last(&page(1, 10, 10, 10), 1, 10));
        // A server stuck on page 1: the items seen reach the total.
        assert!(!is_last(&page(1, 50, 237, 50), 4, 200));
        assert!(is_last(&page(1, 50, 237, 50), 5, 250));
    }

    #[test]
    fn stops_on_an_empty_page() {
        assert!(is_last(&page(4, 10, 1000, 0), 4, 30));
    }

    #[test]
    fn without_a_page_size_counts_items() {
        let unsized_page = Page {
            page_number: None,
            page_size: None,
            total_count: Some(3),
            item_count: 2,
        };
        assert!(!is_last(&unsized_page, 1, 2));
        assert!(is_last(&unsized_page, 2, 4));
    }

    #[test]
    fn without_a_total_goes_on_until_empty() {
        let page = Page {
            total_count: None,
            item_count: 5,
            ..Page::default()
        };
        assert!(!is_last(&page, 1, 5));
    }
}
