//! The provider traits: what a client asks for credentials before each
//! attempt, async and blocking.
//!
//! A fixed [`Credentials`] is a provider too (it hands out a copy), but the
//! clients never ask it: they sign with fixed credentials directly, with no
//! lock, no future and no copy.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::{Credentials, CredentialsError};

/// A boxed future, so that the provider trait stays object-safe.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Gives the async client the credentials to sign the next attempt with.
///
/// The client calls it before every attempt, retries included, so an
/// implementation that fetches credentials from a service should cache
/// them: wrap it in [`CachedProvider`](super::CachedProvider), which
/// refreshes shortly before [`Credentials::expiry`].
///
/// Errors and `Debug` must never show a secret.
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// The credentials to sign with now.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

/// The blocking client's counterpart of [`ProvideCredentials`]: called on
/// the calling thread, with no async runtime.
pub trait ProvideCredentialsBlocking: Send + Sync + fmt::Debug {
    /// The credentials to sign with now.
    fn provide_credentials_blocking(&self) -> Result<Credentials, CredentialsError>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

impl ProvideCredentialsBlocking for Credentials {
    fn provide_credentials_blocking(&self) -> Result<Credentials, CredentialsError> {
        Ok(self.clone())
    }
}

impl<P: ProvideCredentials + ?Sized> ProvideCredentials for Arc<P> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        (**self).provide_credentials()
    }
}

impl<P: ProvideCredentialsBlocking + ?Sized> ProvideCredentialsBlocking for Arc<P> {
    fn provide_credentials_blocking(&self) -> Result<Credentials, CredentialsError> {
        (**self).provide_credentials_blocking()
    }
}
