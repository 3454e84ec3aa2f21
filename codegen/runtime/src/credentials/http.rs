//! How credential sources send their few HTTP requests, with one copy of
//! their logic for both clients.
//!
//! Each source is written once, as async code over [`Fetch`]. The async
//! client runs it over reqwest's async client and tokio's timer; the
//! blocking client runs it over reqwest's blocking client, whose answers
//! are ready when `fetch` returns, so [`block_on`] finishes it in one poll
//! on the calling thread, without an async runtime.

use std::sync::OnceLock;
use std::time::Duration;

use super::provider::BoxFuture;
use crate::client::{HttpRequest, HttpResponse, TransportError};

/// How long connecting to a credentials service may take at most; each
/// source also bounds its whole request (the metadata service to 1 s).
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Sends one request and waits at most `timeout` for the whole answer.
pub(crate) trait Fetch: Sync {
    fn fetch(
        &self,
        request: HttpRequest,
        timeout: Duration,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// The HTTP clients of a provider, made when first needed: an async one,
/// a blocking one, or both.
#[derive(Debug, Default)]
pub(crate) struct HttpClients {
    #[cfg(feature = "client")]
    async_client: OnceLock<Result<crate::client::ReqwestTransport, TransportError>>,
    #[cfg(feature = "blocking")]
    blocking_client: OnceLock<Result<crate::client::blocking::ReqwestTransport, TransportError>>,
}

impl HttpClients {
    /// A [`Fetch`] over the async client.
    #[cfg(feature = "client")]
    pub(crate) fn async_fetch(&self) -> Result<AsyncFetch<'_>, super::CredentialsError> {
        self.async_client
            .get_or_init(|| crate::client::ReqwestTransport::new(CONNECT_TIMEOUT))
            .as_ref()
            .map(AsyncFetch)
            .map_err(|error| start_failed(error.clone()))
    }

    /// A [`Fetch`] over the blocking client; run what uses it with
    /// [`block_on`].
    #[cfg(feature = "blocking")]
    pub(crate) fn blocking_fetch(&self) -> Result<BlockingFetch<'_>, super::CredentialsError> {
        self.blocking_client
            .get_or_init(|| crate::client::blocking::ReqwestTransport::new(CONNECT_TIMEOUT))
            .as_ref()
            .map(BlockingFetch)
            .map_err(|error| start_failed(error.clone()))
    }
}

fn start_failed(error: TransportError) -> super::CredentialsError {
    super::CredentialsError::Unreachable {
        service: "credentials",
        url: "(the HTTP client could not start)".to_string(),
        source: Box::new(error),
    }
}

#[cfg(feature = "client")]
pub(crate) struct AsyncFetch<'a>(&'a crate::client::ReqwestTransport);

#[cfg(feature = "client")]
impl Fetch for AsyncFetch<'_> {
    fn fetch(
        &self,
        request: HttpRequest,
        timeout: Duration,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        use crate::client::{Transport, TransportErrorKind};
        Box::pin(async move {
            match tokio::time::timeout(timeout, self.0.send(request)).await {
                Ok(answer) => answer,
                Err(_) => Err(TransportError::new(
                    TransportErrorKind::Timeout,
                    format!("no answer within {timeout:?}"),
                )),
            }
        })
    }
}

#[cfg(feature = "blocking")]
pub(crate) struct BlockingFetch<'a>(&'a crate::client::blocking::ReqwestTransport);

#[cfg(feature = "blocking")]
impl Fetch for BlockingFetch<'_> {
    fn fetch(
        &self,
        request: HttpRequest,
        timeout: Duration,
    ) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        use crate::client::blocking::Transport;
        Box::pin(std::future::ready(self.0.send(request, timeout)))
    }
}

/// Runs `future` to the end on this thread. Meant for futures that never
/// wait on anything but [`BlockingFetch`], whose answers are ready at once:
/// they finish in the first poll. Anything else is polled again after a
/// yield, so this never deadlocks, only spins.
#[cfg(feature = "blocking")]
pub(crate) fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        std::thread::yield_now();
    }
}
