//! The client builder, and the traits that tie a builder to the client it
//! builds: [`RuntimeClient`] (sealed: the runtime's async and blocking
//! clients) decides which transport and which credentials provider a
//! builder accepts, so that a setting meant for the other client does not
//! compile; [`BuildClient`] lets a generated client wrap one of them.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use super::core::{Config, Core, Signer, split_endpoint};
use super::retry::RetryPolicy;
use super::{ConfigError, DEFAULT_MAX_RESPONSE_BODY, SignatureVersion, TransportError};
use crate::credentials::{Credentials, DefaultChain, Resolved};

/// One of the runtime's two clients: the async
/// `Client` (feature `client`) or the
/// `blocking::Client` (feature `blocking`).
///
/// It names what a [`ClientBuilder`] for that client accepts, so that
/// giving the blocking client the async client's transport, or the
/// reverse, is a type error rather than a setting silently ignored.
/// Sealed: only the runtime implements it.
pub trait RuntimeClient: sealed::Build {
    /// What sends this client's HTTP requests:
    /// `dyn` `Transport` for the async client,
    /// `dyn` `blocking::Transport` for the
    /// blocking one.
    type Transport: ?Sized + fmt::Debug + Send + Sync;
    /// What this client asks for credentials before every attempt:
    /// `dyn` `ProvideCredentials`
    /// for the async client, `dyn`
    /// `ProvideCredentialsBlocking`
    /// for the blocking one.
    type CredentialsProvider: ?Sized + fmt::Debug + Send + Sync;
}

/// A client a [`ClientBuilder`] can build: one of the runtime's clients
/// ([`RuntimeClient`]), or a generated crate's client wrapping one.
/// Generated crates implement it; there is no need to implement it
/// yourself.
pub trait BuildClient: Sized {
    /// The runtime client underneath, which decides the transport and the
    /// credentials provider the builder takes.
    type Runtime: RuntimeClient;

    /// This client around a built runtime client.
    fn from_runtime(runtime: Self::Runtime) -> Self;
}

/// The runtime's clients are built as they are.
impl<C: RuntimeClient> BuildClient for C {
    type Runtime = C;

    fn from_runtime(runtime: C) -> C {
        runtime
    }
}

/// The transport type the builder of `T` takes.
type TransportOf<T> = <<T as BuildClient>::Runtime as RuntimeClient>::Transport;
/// The credentials provider type the builder of `T` takes.
type ProviderOf<T> = <<T as BuildClient>::Runtime as RuntimeClient>::CredentialsProvider;

pub(crate) mod sealed {
    use std::sync::Arc;

    use super::{Parts, RuntimeClient};
    use crate::client::ConfigError;
    use crate::credentials::{CachedProvider, ChainProvider};

    /// What the builder needs of a runtime client, out of users' reach.
    pub trait Build: Sized {
        /// The client from the builder's checked settings.
        fn build(parts: Parts<Self>) -> Result<Self, ConfigError>
        where
            Self: RuntimeClient;

        /// The default chain's refreshing provider, as this client's
        /// provider.
        fn chain_provider(
            chain: Arc<CachedProvider<ChainProvider>>,
        ) -> Arc<<Self as RuntimeClient>::CredentialsProvider>
        where
            Self: RuntimeClient;

        /// A transport answering from `mock`'s rules.
        #[cfg(feature = "test-util")]
        fn mock_transport(mock: &crate::mock::Mock) -> Arc<<Self as RuntimeClient>::Transport>
        where
            Self: RuntimeClient;
    }
}

/// The settings a [`ClientBuilder`] checked, from which a runtime client
/// is made.
#[derive(Debug)]
pub struct Parts<C: RuntimeClient> {
    pub(crate) config: Config,
    pub(crate) signer: Signer<C::CredentialsProvider>,
    pub(crate) connect_timeout: Duration,
    pub(crate) transport: Option<Arc<C::Transport>>,
}

/// What each runtime client holds: the shared core, how it signs, and its
/// transport.
pub(crate) type ClientFields<C> = (
    Core,
    Signer<<C as RuntimeClient>::CredentialsProvider>,
    Arc<<C as RuntimeClient>::Transport>,
);

impl<C: RuntimeClient> Parts<C> {
    /// What every runtime client is made of: the shared core, the signer,
    /// and the transport given to the builder, else the one `default`
    /// makes with the connect timeout.
    pub(crate) fn into_client(
        self,
        default: impl FnOnce(Duration) -> Result<Arc<C::Transport>, TransportError>,
    ) -> Result<ClientFields<C>, ConfigError> {
        let transport = match self.transport {
            Some(transport) => transport,
            None => default(self.connect_timeout).map_err(ConfigError::Transport)?,
        };
        let core = Core {
            config: Arc::new(self.config),
        };
        Ok((core, self.signer, transport))
    }
}

/// Builds a client (`T`): a generated crate's `Client` or
/// `blocking::Client`, or the runtime's own.
///
/// The settings are the same for both clients, but for the
/// [`transport`](Self::transport) and the
/// [`credentials_provider`](Self::credentials_provider), whose types
/// are the client's own ([`RuntimeClient`]).
#[cfg_attr(
    all(feature = "client", feature = "blocking"),
    doc = r#"
The blocking client's builder takes a blocking transport:

```
use std::sync::Arc;
use std::time::Duration;
use alibabacloud_runtime::client::{blocking, ClientBuilder};

let transport = Arc::new(blocking::ReqwestTransport::new(Duration::from_secs(5))?);
let builder = ClientBuilder::<blocking::Client>::new("Vpc", |region| format!("vpc.{region}.aliyuncs.com"))
    .transport(transport);
# let _ = builder;
# Ok::<(), alibabacloud_runtime::client::TransportError>(())
```

and not the async client's, which it could not use:

```compile_fail
use std::sync::Arc;
use std::time::Duration;
use alibabacloud_runtime::client::{blocking, ClientBuilder, ReqwestTransport};

let transport = Arc::new(ReqwestTransport::new(Duration::from_secs(5))?);
let builder = ClientBuilder::<blocking::Client>::new("Vpc", |region| format!("vpc.{region}.aliyuncs.com"))
    .transport(transport);
# let _ = builder;
# Ok::<(), alibabacloud_runtime::client::TransportError>(())
```

nor a provider only the async client can ask:

```compile_fail
use std::sync::Arc;
use alibabacloud_runtime::client::{blocking, ClientBuilder};
use alibabacloud_runtime::credentials::{BoxFuture, ProvideCredentials};
use alibabacloud_runtime::{Credentials, CredentialsError};

#[derive(Debug)]
struct AsyncOnly;

impl ProvideCredentials for AsyncOnly {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async { Ok(Credentials::new("id", "secret")) })
    }
}

let builder = ClientBuilder::<blocking::Client>::new("Vpc", |region| format!("vpc.{region}.aliyuncs.com"))
    .credentials_provider(Arc::new(AsyncOnly));
# let _ = builder;
```
"#
)]
pub struct ClientBuilder<T: BuildClient> {
    product: &'static str,
    resolve_endpoint: fn(&str) -> String,
    region_id: Option<String>,
    endpoint: Option<String>,
    signer: Option<Signer<ProviderOf<T>>>,
    chain: Option<DefaultChain>,
    retry: RetryPolicy,
    connect_timeout: Duration,
    attempt_timeout: Duration,
    operation_timeout: Duration,
    signature: SignatureVersion,
    transport: Option<Arc<TransportOf<T>>>,
    max_response_body: usize,
    #[cfg(feature = "test-util")]
    mock: Option<crate::mock::Mock>,
    output: PhantomData<fn() -> T>,
}

impl<T: BuildClient> Clone for ClientBuilder<T> {
    fn clone(&self) -> Self {
        Self {
            product: self.product,
            resolve_endpoint: self.resolve_endpoint,
            region_id: self.region_id.clone(),
            endpoint: self.endpoint.clone(),
            signer: self.signer.clone(),
            chain: self.chain.clone(),
            retry: self.retry,
            connect_timeout: self.connect_timeout,
            attempt_timeout: self.attempt_timeout,
            operation_timeout: self.operation_timeout,
            signature: self.signature,
            transport: self.transport.clone(),
            max_response_body: self.max_response_body,
            #[cfg(feature = "test-util")]
            mock: self.mock.clone(),
            output: PhantomData,
        }
    }
}

impl<T: BuildClient> fmt::Debug for ClientBuilder<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("product", &self.product)
            .field("region_id", &self.region_id)
            .field("endpoint", &self.endpoint)
            .field("signer", &self.signer)
            .field("chain", &self.chain)
            .field("retry", &self.retry)
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("signature", &self.signature)
            .field("transport", &self.transport)
            .field("max_response_body", &self.max_response_body)
            .finish_non_exhaustive()
    }
}

impl<T: BuildClient> ClientBuilder<T> {
    /// A builder for `product`, whose region endpoints `resolve_endpoint`
    /// knows (generated crates pass their `endpoints::for_region`).
    pub fn new(product: &'static str, resolve_endpoint: fn(&str) -> String) -> Self {
        Self {
            product,
            resolve_endpoint,
            region_id: None,
            endpoint: None,
            signer: None,
            chain: None,
            retry: RetryPolicy::default(),
            connect_timeout: Duration::from_secs(5),
            attempt_timeout: Duration::from_secs(10),
            operation_timeout: Duration::from_secs(60),
            signature: SignatureVersion::V3,
            transport: None,
            max_response_body: DEFAULT_MAX_RESPONSE_BODY,
            #[cfg(feature = "test-util")]
            mock: None,
            output: PhantomData,
        }
    }

    /// The region whose endpoint to call, such as `cn-hangzhou`.
    pub fn region_id(mut self, region_id: impl Into<String>) -> Self {
        self.region_id = Some(region_id.into());
        self
    }

    /// The region from `ALIBABA_CLOUD_REGION_ID`, if set; else, when no
    /// region was set before, the `region_id` of the `aliyun` CLI profile
    /// the credentials chain reads (`~/.aliyun/config.json`, the profile
    /// named by `ALIBABA_CLOUD_PROFILE`, else the file's current one).
    pub fn region_id_from_env(mut self) -> Self {
        if let Some(region_id) = std::env::var("ALIBABA_CLOUD_REGION_ID")
            .ok()
            .filter(|region_id| !region_id.is_empty())
        {
            self.region_id = Some(region_id);
        } else if self.region_id.is_none() {
            self.region_id = crate::credentials::profile_region_id();
        }
        self
    }

    /// Calls this endpoint instead of the region's: `vpc.aliyuncs.com`,
    /// `https://vpc-vpc.cn-beijing.aliyuncs.com` or, in tests,
    /// `http://127.0.0.1:8080`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Fixed credentials to sign with, at no cost per call. Without these
    /// or a provider, [`build`](Self::build) resolves the
    /// [`DefaultChain`].
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.signer = Some(Signer::Fixed(credentials));
        self
    }

    /// A provider the client asks for credentials before every attempt,
    /// retries included: yours, or one of the runtime's (wrap a fetching
    /// one in [`CachedProvider`](crate::credentials::CachedProvider)). The async client takes a
    /// `ProvideCredentials`, the
    /// blocking one a
    /// `ProvideCredentialsBlocking`.
    pub fn credentials_provider(mut self, provider: Arc<ProviderOf<T>>) -> Self {
        self.signer = Some(Signer::Provider(provider));
        self
    }

    /// The default chain [`build`](Self::build) resolves when given no
    /// credentials or provider: to read another environment, or to call
    /// other STS or metadata endpoints.
    pub fn default_chain(mut self, chain: DefaultChain) -> Self {
        self.chain = Some(chain);
        self
    }

    /// When and how often to retry (default: 3 attempts).
    pub fn retry_policy(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How long connecting may take (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take, connecting included (default 10 s).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.attempt_timeout = timeout;
        self
    }

    /// How long a whole call may take, retries and waits included (default 60 s).
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.operation_timeout = timeout;
        self
    }

    /// The signature scheme (default V3).
    pub fn signature_version(mut self, signature: SignatureVersion) -> Self {
        self.signature = signature;
        self
    }

    /// The most bytes of response body read (default
    /// [`DEFAULT_MAX_RESPONSE_BODY`], 8 MiB). A longer body fails the call
    /// with [`BodyTooLarge`](super::TransportErrorKind::BodyTooLarge), and is not retried.
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_response_body = bytes;
        self
    }

    /// Sends the client's requests through `transport` instead of
    /// reqwest: a `Transport` for the async client, a
    /// `blocking::Transport` for the
    /// blocking one.
    pub fn transport(mut self, transport: Arc<TransportOf<T>>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Answers every call from `mock`'s rules instead of the network; see
    /// [`crate::mock`]. The client still validates, serializes, signs and
    /// retries each call; it needs no region and no credentials (it signs
    /// with test ones), and its retries do not wait (the policy keeps its
    /// attempts, with zero backoff; a later [`retry_policy`](Self::retry_policy)
    /// replaces it).
    #[cfg(feature = "test-util")]
    #[cfg_attr(docsrs, doc(cfg(feature = "test-util")))]
    pub fn mock(mut self, mock: &crate::mock::Mock) -> Self {
        self.transport = Some(<T::Runtime as sealed::Build>::mock_transport(mock));
        self.retry = RetryPolicy::new(self.retry.max_attempts(), Duration::ZERO, Duration::ZERO);
        self.mock = Some(mock.clone());
        self
    }

    /// The client, or why it cannot be made.
    pub fn build(self) -> Result<T, ConfigError> {
        let target = match (&self.endpoint, &self.region_id) {
            (Some(endpoint), _) => endpoint.clone(),
            (None, Some(region_id)) => (self.resolve_endpoint)(region_id),
            #[cfg(feature = "test-util")]
            (None, None) if self.mock.is_some() => crate::mock::ENDPOINT.to_string(),
            (None, None) => return Err(ConfigError::MissingRegion),
        };
        let (scheme, host) =
            split_endpoint(&target).ok_or_else(|| ConfigError::InvalidEndpoint(target.clone()))?;
        let signer = match self.signer {
            Some(signer) => signer,
            // A mock client signs with test credentials of its own.
            #[cfg(feature = "test-util")]
            None if self.mock.is_some() => Signer::Fixed(crate::mock::credentials()),
            None => match self
                .chain
                .unwrap_or_default()
                .resolve()
                .map_err(ConfigError::Credentials)?
            {
                Resolved::Fixed(fixed) => Signer::Fixed(fixed),
                Resolved::Refreshing(chain) => {
                    Signer::Provider(<T::Runtime as sealed::Build>::chain_provider(chain))
                }
            },
        };
        let config = Config {
            scheme,
            host,
            retry: self.retry,
            attempt_timeout: self.attempt_timeout,
            operation_timeout: self.operation_timeout,
            signature: self.signature,
            user_agent: format!(
                "alibabacloud-rust/{} ({})",
                env!("CARGO_PKG_VERSION"),
                self.product
            ),
            max_response_body: self.max_response_body,
            #[cfg(feature = "test-util")]
            mock: self.mock,
        };
        let runtime = <T::Runtime as sealed::Build>::build(Parts {
            config,
            signer,
            connect_timeout: self.connect_timeout,
            transport: self.transport,
        })?;
        Ok(T::from_runtime(runtime))
    }
}
