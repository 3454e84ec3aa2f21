//! Walking the pages of a list action paged by token (`NextToken` in the
//! request and the response, usually with `MaxResults`).
//!
//! A token paginator stops at the first of: a response without a next
//! token (or an empty one), an error, a bound on the number of pages, or a
//! next token equal to the one just sent, which would ask for the same page
//! forever; that last one ends the walk with [`SdkError::Pagination`].

#[cfg(feature = "client")]
use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};

#[cfg(feature = "client")]
use super::Client;
use super::SdkError;
#[cfg(feature = "client")]
use super::paginate::DEFAULT_MAX_PAGES;
use crate::action::Action;

/// An action paged by a token; generated for actions with `NextToken` in
/// both the request and the response.
pub trait TokenPaginated: Action + Clone + Send + Sync + 'static {
    /// One item of a page.
    type Item: Send + 'static;

    /// The token this request sends, if set.
    fn next_token(&self) -> Option<&str>;

    /// The same request asking for the page after `token`.
    fn with_next_token(&self, token: String) -> Self;

    /// The token of the page after `response`, if the service sent one.
    fn response_next_token(response: &Self::Response) -> Option<&str>;

    /// The items of a page.
    fn into_items(response: Self::Response) -> Vec<Self::Item>;
}

/// Where a walk over the pages of one token-paged request is, whichever
/// client walks it: the next request to send and the pages left.
#[cfg_attr(
    not(any(feature = "client", feature = "blocking")),
    allow(dead_code, reason = "used by the clients only")
)]
#[derive(Debug, Clone)]
pub(crate) struct TokenWalk<A> {
    next: Option<A>,
    pages_left: usize,
}

#[cfg_attr(
    not(any(feature = "client", feature = "blocking")),
    allow(dead_code, reason = "used by the clients only")
)]
impl<A: TokenPaginated> TokenWalk<A> {
    /// A walk from the request's token (or none), over at most `max_pages`.
    pub(crate) fn new(request: A, max_pages: usize) -> Self {
        Self {
            next: Some(request),
            pages_left: max_pages,
        }
    }

    /// The next request, or `None` when the walk ended.
    pub(crate) fn next_request(&mut self) -> Option<A> {
        let request = self.next.take().filter(|_| self.pages_left > 0)?;
        self.pages_left -= 1;
        Some(request)
    }

    #[allow(
        clippy::result_large_err,
        reason = "SdkError is the error of both clients, returned by value as the async one returns it"
    )]
    /// Takes the answer to `request`: the walk goes on after a page with a
    /// new token, and ends after the last page, an error, or a page whose
    /// token is the one it was asked with (it would repeat forever).
    pub(crate) fn answer(
        &mut self,
        request: &A,
        result: Result<A::Response, SdkError<A::ErrorCode>>,
    ) -> Result<A::Response, SdkError<A::ErrorCode>> {
        let response = result?;
        let next = match next_step(request.next_token(), A::response_next_token(&response)) {
            Step::Next(token) => Some(request.with_next_token(token.to_string())),
            Step::Done => None,
            Step::Stuck => {
                return Err(SdkError::Pagination(
                    "the service sent back the token it was sent, so the next page would repeat this one"
                        .to_string(),
                ));
            }
        };
        self.next = next;
        Ok(response)
    }
}

/// The pages of one request paged by token; see
/// [`Client::paginate_by_token`].
#[cfg(feature = "client")]
#[derive(Debug, Clone)]
pub struct TokenPaginator<A> {
    client: Client,
    request: A,
    max_pages: usize,
}

#[cfg(feature = "client")]
impl<A: TokenPaginated> TokenPaginator<A> {
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
        let state = (self.client, TokenWalk::new(self.request, self.max_pages));
        stream::unfold(state, |(client, mut walk)| async move {
            let request = walk.next_request()?;
            let result = client.call(&request).await;
            let answer = walk.answer(&request, result);
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

/// What follows a page.
#[derive(Debug, PartialEq, Eq)]
enum Step<'a> {
    /// Ask for the page after this token.
    Next(&'a str),
    /// That was the last page.
    Done,
    /// The service sent back the token it was sent: the same page again.
    Stuck,
}

fn next_step<'a>(sent: Option<&str>, received: Option<&'a str>) -> Step<'a> {
    match received.filter(|token| !token.is_empty()) {
        None => Step::Done,
        Some(token) if Some(token) == sent => Step::Stuck,
        Some(token) => Step::Next(token),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_empty_token_ends_the_pages() {
        assert_eq!(next_step(None, None), Step::Done);
        assert_eq!(next_step(Some("a"), Some("")), Step::Done);
    }

    #[test]
    fn a_new_token_asks_for_the_next_page() {
        assert_eq!(next_step(None, Some("a")), Step::Next("a"));
        assert_eq!(next_step(Some("a"), Some("b")), Step::Next("b"));
    }

    #[test]
    fn the_token_sent_coming_back_is_a_stuck_server() {
        assert_eq!(next_step(Some("a"), Some("a")), Step::Stuck);
    }
}
