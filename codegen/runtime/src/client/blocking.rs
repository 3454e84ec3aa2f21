//! The blocking client: the async client's methods, configuration, retries
//! and errors, blocking the calling thread instead of returning futures,
//! as `reqwest::blocking` does for reqwest. Its paginators are iterators.
//!
//! It runs no async runtime of its own: reqwest's blocking client keeps
//! one internal thread, and waits between attempts are
//! [`std::thread::sleep`]. Like `reqwest::blocking`, it must not be called
//! from inside an async runtime.

use std::fmt;
use std::io::Read;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::builder::{Parts, RuntimeClient, sealed};
use super::core::{Core, SendFailure, Signer, Target, wait_before_retry};
use super::paginate::{DEFAULT_MAX_PAGES, Paginated, Walk};
use super::token_paginate::{TokenPaginated, TokenWalk};
use super::transport::{
    HttpRequest, HttpResponse, TransportError, TransportErrorKind, classify, too_large,
};
use super::{ConfigError, SdkError};
use crate::action::Action;
use crate::credentials::{CachedProvider, ChainProvider, ProvideCredentialsBlocking};
use crate::query::QueryPairs;

/// Sends one HTTP request, blocking. Implementations do not retry; the
/// client does.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` and waits at most `timeout` for the whole response.
    fn send(&self, request: HttpRequest, timeout: Duration)
    -> Result<HttpResponse, TransportError>;
}

/// The default blocking transport: reqwest's blocking client over rustls.
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::blocking::Client,
}

impl ReqwestTransport {
    /// A transport that gives up connecting after `connect_timeout`.
    pub fn new(connect_timeout: Duration) -> Result<Self, TransportError> {
        let client = reqwest::blocking::Client::builder()
            .connect_timeout(connect_timeout)
            .build()
            .map_err(classify)?;
        Ok(Self { client })
    }

    /// A transport over a blocking reqwest client you configured yourself.
    pub fn with_client(client: reqwest::blocking::Client) -> Self {
        Self { client }
    }
}

impl Transport for ReqwestTransport {
    fn send(
        &self,
        request: HttpRequest,
        timeout: Duration,
    ) -> Result<HttpResponse, TransportError> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| TransportError::new(TransportErrorKind::Request, "invalid HTTP method"))?;
        let mut builder = self.client.request(method, &request.url).timeout(timeout);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let response = builder.body(request.body).send().map_err(classify)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_string(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        let limit = request.max_response_body;
        let limit_u64 = u64::try_from(limit).unwrap_or(u64::MAX);
        if response
            .content_length()
            .is_some_and(|length| length > limit_u64)
        {
            return Err(too_large(limit));
        }
        // One byte past the limit tells a body that is too long.
        let mut body = Vec::new();
        response
            .take(limit_u64.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(read_error)?;
        if body.len() > limit {
            return Err(too_large(limit));
        }
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

/// An error while reading a body: its kind, and reqwest's error without
/// its URL when that is the cause; nothing else of the message is kept.
fn read_error(error: std::io::Error) -> TransportError {
    let kind = if error.kind() == std::io::ErrorKind::TimedOut {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Other
    };
    let io_kind = error.kind();
    let transport = TransportError::new(kind, "cannot read the response body");
    match error
        .into_inner()
        .map(|inner| inner.downcast::<reqwest::Error>())
    {
        Some(Ok(reqwest)) => transport.with_source(reqwest.without_url()),
        _ => transport.with_source(std::io::Error::from(io_kind)),
    }
}

/// A signed, retrying, timed blocking client for one product. Cheap to
/// clone.
#[derive(Debug, Clone)]
pub struct Client {
    core: Core,
    signer: Signer<dyn ProvideCredentialsBlocking>,
    transport: Arc<dyn Transport>,
}

impl RuntimeClient for Client {
    type Transport = dyn Transport;
    type CredentialsProvider = dyn ProvideCredentialsBlocking;
}

impl sealed::Build for Client {
    fn build(parts: Parts<Self>) -> Result<Self, ConfigError> {
        let (core, signer, transport) =
            parts.into_client(|timeout| Ok(Arc::new(ReqwestTransport::new(timeout)?)))?;
        Ok(Self {
            core,
            signer,
            transport,
        })
    }

    fn chain_provider(
        chain: Arc<CachedProvider<ChainProvider>>,
    ) -> Arc<dyn ProvideCredentialsBlocking> {
        chain
    }

    #[cfg(feature = "test-util")]
    fn mock_transport(mock: &crate::mock::Mock) -> Arc<dyn Transport> {
        mock.blocking_transport()
    }
}

impl Client {
    /// The host requests go to.
    pub fn host(&self) -> &str {
        &self.core.config.host
    }

    /// Sends `request` and returns its typed response or error.
    #[allow(
        clippy::result_large_err,
        reason = "SdkError is the error of both clients, returned by value as the async one returns it"
    )]
    pub fn call<A: Action>(&self, request: &A) -> Result<A::Response, SdkError<A::ErrorCode>> {
        let (target, query, body) = self.core.prepare(request).map_err(SdkError::Query)?;
        Core::finish::<A>(self.send(&target, &query, &body))
    }

    /// The attempts of one call, within the operation timeout. Not
    /// generic, so generated crates do not get a copy of it per action.
    fn send(
        &self,
        target: &Target,
        query: &QueryPairs,
        body: &QueryPairs,
    ) -> Result<(u16, String), SendFailure> {
        let config = &self.core.config;
        let limit = config.operation_timeout;
        let deadline = Instant::now() + limit;
        let policy = config.retry;
        let mut attempt = 1;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(SendFailure::Timeout(limit));
            }
            // Fixed credentials are borrowed as they are; a provider is
            // asked at every attempt, so that a retry signs with
            // refreshed ones.
            let provided;
            let credentials = match &self.signer {
                Signer::Fixed(fixed) => fixed,
                Signer::Provider(provider) => {
                    provided = provider
                        .provide_credentials_blocking()
                        .map_err(SendFailure::Credentials)?;
                    &provided
                }
            };
            let request = self
                .core
                .signed_request(target, query, body, credentials)
                .map_err(SendFailure::Signing)?;
            let timeout = config.attempt_timeout.min(left);
            let result = match self.transport.send(request, timeout) {
                Ok(response) => self.core.check_response(response),
                // The operation's deadline, not the attempt's, cut it short.
                Err(error)
                    if error.kind() == TransportErrorKind::Timeout
                        && timeout < config.attempt_timeout =>
                {
                    return Err(SendFailure::Timeout(limit));
                }
                Err(error) => Err(SendFailure::Transport(error)),
            };
            match result {
                Err(failure) if attempt < policy.max_attempts() && failure.is_retryable() => {
                    attempt += 1;
                    let wait = wait_before_retry(&policy, attempt, failure.retry_after());
                    // A wait the deadline would cut short cannot end in a
                    // success: report this failure now instead of a timeout.
                    if Instant::now() + wait >= deadline {
                        return Err(failure);
                    }
                    std::thread::sleep(wait);
                }
                other => return other,
            }
        }
    }

    /// A paginator over every page of `request`, starting at its page.
    pub fn paginate<A: Paginated>(&self, request: A) -> Paginator<A> {
        Paginator {
            client: self.clone(),
            request,
            max_pages: DEFAULT_MAX_PAGES,
        }
    }

    /// A paginator over every page of a request paged by token, starting
    /// at its token.
    pub fn paginate_by_token<A: TokenPaginated>(&self, request: A) -> TokenPaginator<A> {
        TokenPaginator {
            client: self.clone(),
            request,
            max_pages: DEFAULT_MAX_PAGES,
        }
    }
}

/// The pages of one request paged by token, as iterators; see
/// [`Client::paginate_by_token`].
#[derive(Debug, Clone)]
pub struct TokenPaginator<A> {
    client: Client,
    request: A,
    max_pages: usize,
}

impl<A: TokenPaginated> TokenPaginator<A> {
    /// The default bound on the number of pages fetched.
    pub const DEFAULT_MAX_PAGES: usize = DEFAULT_MAX_PAGES;

    /// Fetches at most `max_pages` pages (default 1000).
    pub fn max_pages(mut self, max_pages: usize) -> Self {
        self.max_pages = max_pages;
        self
    }

    /// Every page, in order, fetched as the iterator is advanced; an error
    /// ends the iteration after it is yielded.
    pub fn pages(self) -> TokenPages<A> {
        TokenPages {
            walk: TokenWalk::new(self.request, self.max_pages),
            client: self.client,
        }
    }

    /// Every item of every page, in order; an error ends the iteration
    /// after it is yielded.
    pub fn items(self) -> impl Iterator<Item = Result<A::Item, SdkError<A::ErrorCode>>> {
        self.pages().flat_map(|page| {
            let (items, error) = match page {
                Ok(response) => (A::into_items(response), None),
                Err(error) => (Vec::new(), Some(Err(error))),
            };
            items.into_iter().map(Ok).chain(error)
        })
    }
}

/// The iterator of [`TokenPaginator::pages`].
#[derive(Debug)]
pub struct TokenPages<A> {
    client: Client,
    walk: TokenWalk<A>,
}

impl<A: TokenPaginated> Iterator for TokenPages<A> {
    type Item = Result<A::Response, SdkError<A::ErrorCode>>;

    fn next(&mut self) -> Option<Self::Item> {
        let request = self.walk.next_request()?;
        let result = self.client.call(&request);
        Some(self.walk.answer(&request, result))
    }
}

/// The pages of one request, as iterators; see [`Client::paginate`].
#[derive(Debug, Clone)]
pub struct Paginator<A> {
    client: Client,
    request: A,
    max_pages: usize,
}

impl<A: Paginated> Paginator<A> {
    /// The default bound on the number of pages fetched.
    pub const DEFAULT_MAX_PAGES: usize = DEFAULT_MAX_PAGES;

    /// Fetches at most `max_pages` pages (default 1000).
    pub fn max_pages(mut self, max_pages: usize) -> Self {
        self.max_pages = max_pages;
        self
    }

    /// Every page, in order, fetched as the iterator is advanced; an error
    /// ends the iteration after it is yielded.
    pub fn pages(self) -> Pages<A> {
        Pages {
            walk: Walk::new(self.request, self.max_pages),
            client: self.client,
        }
    }

    /// Every item of every page, in order; an error ends the iteration
    /// after it is yielded.
    pub fn items(self) -> Items<A> {
        Items {
            pages: self.pages(),
            current: Vec::new().into_iter(),
        }
    }
}

/// The iterator of [`Paginator::pages`].
#[derive(Debug)]
pub struct Pages<A> {
    client: Client,
    walk: Walk<A>,
}

impl<A: Paginated> Iterator for Pages<A> {
    type Item = Result<A::Response, SdkError<A::ErrorCode>>;

    fn next(&mut self) -> Option<Self::Item> {
        let (page_number, request) = self.walk.next_request()?;
        let result = self.client.call(&request);
        Some(self.walk.answer(page_number, result))
    }
}

/// The iterator of [`Paginator::items`].
pub struct Items<A: Paginated> {
    pages: Pages<A>,
    current: std::vec::IntoIter<A::Item>,
}

impl<A: Paginated + fmt::Debug> fmt::Debug for Items<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("items_left_in_page", &self.current.len())
            .finish()
    }
}

impl<A: Paginated> Iterator for Items<A> {
    type Item = Result<A::Item, SdkError<A::ErrorCode>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.next() {
                return Some(Ok(item));
            }
            match self.pages.next()? {
                Ok(response) => self.current = A::into_items(response).into_iter(),
                Err(error) => return Some(Err(error)),
            }
        }
    }
}
