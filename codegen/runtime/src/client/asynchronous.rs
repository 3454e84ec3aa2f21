//! The async client.

use std::sync::Arc;

use super::builder::{Parts, RuntimeClient, sealed};
use super::call::Call;
use super::core::{Core, SendFailure, Signer, Target, wait_before_retry};
use super::paginate::{Paginated, Paginator};
use super::token_paginate::{TokenPaginated, TokenPaginator};
use super::transport::{ReqwestTransport, Transport, TransportError, TransportErrorKind};
use super::{ConfigError, SdkError};
use crate::action::Action;
use crate::credentials::{CachedProvider, ChainProvider, ProvideCredentials};
use crate::query::QueryPairs;

/// A signed, retrying, timed async client for one product. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Client {
    core: Core,
    signer: Signer<dyn ProvideCredentials>,
    transport: Arc<dyn Transport>,
}

impl RuntimeClient for Client {
    type Transport = dyn Transport;
    type CredentialsProvider = dyn ProvideCredentials;
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

    fn chain_provider(chain: Arc<CachedProvider<ChainProvider>>) -> Arc<dyn ProvideCredentials> {
        chain
    }

    #[cfg(feature = "test-util")]
    fn mock_transport(mock: &crate::mock::Mock) -> Arc<dyn Transport> {
        mock.transport()
    }
}

impl Client {
    /// The host requests go to.
    pub fn host(&self) -> &str {
        &self.core.config.host
    }

    /// Sends `request` and returns its typed response or error.
    pub async fn call<A: Action>(
        &self,
        request: &A,
    ) -> Result<A::Response, SdkError<A::ErrorCode>> {
        self.start(request).await
    }

    /// Sends `request`, like [`Client::call`], as a [`Call`]: a future
    /// that can be named, which each generated client method returns. The
    /// request is written into its query now, and sent when the call is
    /// first polled.
    pub fn start<A: Action>(&self, request: &A) -> Call<'_, A> {
        // Only what needs the action's types is here and in `Call::poll`,
        // compiled once per action: writing the parameters, reading the
        // success body, typing the error code. `send` does the rest,
        // compiled once for all.
        match self.core.prepare(request) {
            Ok((target, query, body)) => {
                Call::sending(Box::pin(
                    async move { self.send(&target, &query, &body).await },
                ))
            }
            Err(error) => Call::refused(error),
        }
    }

    /// The whole call but for the types: the operation deadline, the
    /// retries, signing, sending and the status check. Not generic, so
    /// generated crates do not get a copy of it per action.
    async fn send(
        &self,
        target: &Target,
        query: &QueryPairs,
        body: &QueryPairs,
    ) -> Result<(u16, String), SendFailure> {
        let limit = self.core.config.operation_timeout;
        let deadline = tokio::time::Instant::now() + limit;
        match tokio::time::timeout_at(deadline, self.attempts(target, query, body, deadline)).await
        {
            Ok(result) => result,
            Err(_) => Err(SendFailure::Timeout(limit)),
        }
    }

    async fn attempts(
        &self,
        target: &Target,
        query: &QueryPairs,
        body: &QueryPairs,
        deadline: tokio::time::Instant,
    ) -> Result<(u16, String), SendFailure> {
        let policy = self.core.config.retry;
        let mut attempt = 1;
        loop {
            let result = self.attempt(target, query, body).await;
            match result {
                Err(failure) if attempt < policy.max_attempts() && failure.is_retryable() => {
                    attempt += 1;
                    let wait = wait_before_retry(&policy, attempt, failure.retry_after());
                    // A wait the deadline would cut short cannot end in a
                    // success: report this failure now instead of a timeout.
                    if tokio::time::Instant::now() + wait >= deadline {
                        return Err(failure);
                    }
                    tokio::time::sleep(wait).await;
                }
                other => return other,
            }
        }
    }

    /// One attempt: a fresh date, nonce and signature every time. A 2xx
    /// answer is the status and the body as text.
    async fn attempt(
        &self,
        target: &Target,
        query: &QueryPairs,
        body: &QueryPairs,
    ) -> Result<(u16, String), SendFailure> {
        // Fixed credentials are borrowed as they are; a provider is asked
        // at every attempt, so that a retry signs with refreshed ones.
        let provided;
        let credentials = match &self.signer {
            Signer::Fixed(fixed) => fixed,
            Signer::Provider(provider) => {
                provided = provider
                    .provide_credentials()
                    .await
                    .map_err(SendFailure::Credentials)?;
                &provided
            }
        };
        let request = self
            .core
            .signed_request(target, query, body, credentials)
            .map_err(SendFailure::Signing)?;
        let sent = tokio::time::timeout(
            self.core.config.attempt_timeout,
            self.transport.send(request),
        )
        .await;
        let response = match sent {
            Ok(Ok(response)) => response,
            Ok(Err(error)) => return Err(SendFailure::Transport(error)),
            Err(_) => {
                let message = format!("no response within {:?}", self.core.config.attempt_timeout);
                return Err(SendFailure::Transport(TransportError::new(
                    TransportErrorKind::Timeout,
                    message,
                )));
            }
        };
        self.core.check_response(response)
    }

    /// A paginator over every page of `request`, starting at its page.
    pub fn paginate<A: Paginated>(&self, request: A) -> Paginator<A> {
        Paginator::new(self.clone(), request)
    }

    /// A paginator over every page of a request paged by token, starting
    /// at its token.
    pub fn paginate_by_token<A: TokenPaginated>(&self, request: A) -> TokenPaginator<A> {
        TokenPaginator::new(self.clone(), request)
    }
}
