//! [`CachedProvider`]: keeps the credentials a provider gave until shortly
//! before they expire, and refreshes them once for all callers.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime};

#[cfg(feature = "blocking")]
use super::provider::ProvideCredentialsBlocking;
#[cfg(feature = "client")]
use super::provider::{BoxFuture, ProvideCredentials};
use super::{Credentials, CredentialsError};

/// How long before expiry credentials are refreshed by default: three
/// minutes, as Alibaba Cloud's own credentials libraries do.
pub const DEFAULT_REFRESH_BEFORE: Duration = Duration::from_secs(180);

/// How long a failed refresh is not retried by default, while the cached
/// credentials are still valid.
pub const DEFAULT_RETRY_AFTER_FAILURE: Duration = Duration::from_secs(10);

/// What is told when a refresh failed and the cached credentials, still
/// valid, are used instead; see [`CachedProvider::on_stale`].
type StaleHook = Arc<dyn Fn(&CredentialsError) + Send + Sync>;

/// Caches the credentials of a provider `P` until [`refresh
/// before`](CachedProvider::refresh_before) their expiry, then asks `P`
/// again.
///
/// - Credentials without an expiry are kept for good.
/// - Concurrent callers share one refresh: the first asks `P`, the others
///   wait for its answer instead of asking too.
/// - A refresh that fails while the cached credentials are still valid
///   keeps using them, and is not tried again for [`retry
///   after failure`](CachedProvider::retry_after_failure) (10 s by default).
///   The first such failure since the last good refresh is told to the
///   [`on_stale`](CachedProvider::on_stale) hook, once; by default that
///   hook writes one line to standard error (the runtime has no logging
///   dependency). A refresh that fails once they have expired is an error.
/// - Credentials that arrive already expired are an error
///   ([`CredentialsError::Expired`]).
///
/// It serves the async client when `P` implements
/// [`ProvideCredentials`](super::ProvideCredentials) and the blocking one
/// when `P` implements
/// [`ProvideCredentialsBlocking`](super::ProvideCredentialsBlocking).
pub struct CachedProvider<P> {
    inner: P,
    state: Mutex<State>,
    refresh_before: Duration,
    retry_after_failure: Duration,
    on_stale: StaleHook,
    // Held while asking `inner`, so that one caller refreshes at a time;
    // the others wait for it and then find fresh credentials.
    #[cfg(feature = "client")]
    refreshing: tokio::sync::Mutex<()>,
    #[cfg(feature = "blocking")]
    refreshing_blocking: Mutex<()>,
}

#[derive(Default)]
struct State {
    cached: Option<Credentials>,
    /// No refresh before this, while the cached credentials are valid:
    /// set after a failed refresh, or after one that gave credentials
    /// already inside the refresh window.
    hold_until: Option<Instant>,
    /// Whether the hook was told since the last good refresh.
    told: bool,
}

impl<P: fmt::Debug> fmt::Debug for CachedProvider<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expiry = self.lock().cached.as_ref().map(Credentials::expiry);
        f.debug_struct("CachedProvider")
            .field("inner", &self.inner)
            .field("cached_expiry", &expiry)
            .field("refresh_before", &self.refresh_before)
            .field("retry_after_failure", &self.retry_after_failure)
            .finish_non_exhaustive()
    }
}

impl<P> CachedProvider<P> {
    /// Caches what `inner` provides.
    pub fn new(inner: P) -> Self {
        Self {
            inner,
            state: Mutex::new(State::default()),
            refresh_before: DEFAULT_REFRESH_BEFORE,
            retry_after_failure: DEFAULT_RETRY_AFTER_FAILURE,
            on_stale: Arc::new(tell_stderr),
            #[cfg(feature = "client")]
            refreshing: tokio::sync::Mutex::new(()),
            #[cfg(feature = "blocking")]
            refreshing_blocking: Mutex::new(()),
        }
    }

    /// Refreshes credentials this long before they expire (default
    /// [`DEFAULT_REFRESH_BEFORE`], 3 minutes).
    #[must_use]
    pub fn refresh_before(mut self, margin: Duration) -> Self {
        self.refresh_before = margin;
        self
    }

    /// After a failed refresh, keeps using the still-valid cached
    /// credentials this long before trying again (default
    /// [`DEFAULT_RETRY_AFTER_FAILURE`], 10 s).
    #[must_use]
    pub fn retry_after_failure(mut self, wait: Duration) -> Self {
        // A year is as good as forever here, and an `Instant` cannot
        // overflow with it.
        self.retry_after_failure = wait.min(Duration::from_secs(365 * 24 * 3600));
        self
    }

    /// Calls `hook` with the error when a refresh fails and the cached
    /// credentials, still valid, are used instead: once, until a refresh
    /// succeeds again. The default writes one line to standard error;
    /// pass `|_| {}` to stay silent, or forward to your logger. The error
    /// holds no secret.
    #[must_use]
    pub fn on_stale(mut self, hook: impl Fn(&CredentialsError) + Send + Sync + 'static) -> Self {
        self.on_stale = Arc::new(hook);
        self
    }

    /// The provider whose credentials are cached.
    pub fn inner(&self) -> &P {
        &self.inner
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The cached credentials, if they need no refresh now.
    fn fresh(&self) -> Option<Credentials> {
        let state = self.lock();
        let cached = state.cached.as_ref()?;
        let Some(expiry) = cached.expiry() else {
            return Some(cached.clone());
        };
        let now = SystemTime::now();
        let valid = now < expiry;
        let early = now
            .checked_add(self.refresh_before)
            .is_some_and(|soon| soon < expiry);
        let held = state.hold_until.is_some_and(|until| Instant::now() < until);
        (valid && (early || held)).then(|| cached.clone())
    }

    /// Records the answer of a refresh and says what the caller gets.
    fn settle(
        &self,
        answer: Result<Credentials, CredentialsError>,
    ) -> Result<Credentials, CredentialsError> {
        let now = SystemTime::now();
        let answer = answer.and_then(|credentials| match credentials.expiry() {
            Some(expiry) if expiry <= now => Err(CredentialsError::Expired {
                service: "the credentials provider",
                expiration: super::time::display(expiry),
            }),
            _ => Ok(credentials),
        });
        let mut state = self.lock();
        match answer {
            Ok(credentials) => {
                let inside_window = credentials.expiry().is_some_and(|expiry| {
                    now.checked_add(self.refresh_before)
                        .is_none_or(|soon| soon >= expiry)
                });
                state.hold_until = inside_window.then(|| Instant::now() + self.retry_after_failure);
                state.cached = Some(credentials.clone());
                state.told = false;
                Ok(credentials)
            }
            Err(error) => {
                let still_valid = state
                    .cached
                    .as_ref()
                    .filter(|cached| cached.expiry().is_none_or(|expiry| now < expiry))
                    .cloned();
                let Some(cached) = still_valid else {
                    return Err(error);
                };
                state.hold_until = Some(Instant::now() + self.retry_after_failure);
                let tell = !state.told;
                state.told = true;
                drop(state);
                if tell {
                    (self.on_stale)(&error);
                }
                Ok(cached)
            }
        }
    }
}

/// The default [`CachedProvider::on_stale`] hook.
fn tell_stderr(error: &CredentialsError) {
    eprintln!(
        "alibabacloud-runtime: refreshing credentials failed ({}); using the cached credentials until they expire",
        super::with_causes(error)
    );
}

#[cfg(feature = "client")]
impl<P: ProvideCredentials> ProvideCredentials for CachedProvider<P> {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move {
            if let Some(credentials) = self.fresh() {
                return Ok(credentials);
            }
            let _refreshing = self.refreshing.lock().await;
            // Another caller may have refreshed while this one waited.
            if let Some(credentials) = self.fresh() {
                return Ok(credentials);
            }
            let answer = self.inner.provide_credentials().await;
            self.settle(answer)
        })
    }
}

#[cfg(feature = "blocking")]
impl<P: ProvideCredentialsBlocking> ProvideCredentialsBlocking for CachedProvider<P> {
    fn provide_credentials_blocking(&self) -> Result<Credentials, CredentialsError> {
        if let Some(credentials) = self.fresh() {
            return Ok(credentials);
        }
        let _refreshing = self
            .refreshing_blocking
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(credentials) = self.fresh() {
            return Ok(credentials);
        }
        let answer = self.inner.provide_credentials_blocking();
        self.settle(answer)
    }
}

#[cfg(all(test, feature = "client"))]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::{Context, Poll, Waker};

    use super::*;

    /// Answers `answers[n]` at its `n`th call, counting calls.
    #[derive(Debug)]
    struct Scripted {
        calls: AtomicUsize,
        answers: Vec<fn() -> Result<Credentials, CredentialsError>>,
    }

    impl ProvideCredentials for Scripted {
        fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
            let call = self.calls.fetch_add(1, Ordering::SeqCst);
            let answer = self.answers[call.min(self.answers.len() - 1)]();
            Box::pin(std::future::ready(answer))
        }
    }

    fn scripted(answers: Vec<fn() -> Result<Credentials, CredentialsError>>) -> Scripted {
        Scripted {
            calls: AtomicUsize::new(0),
            answers,
        }
    }

    /// Polls a future that is ready at once (no timer, no contention).
    fn now<F: std::future::Future>(future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        match future
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()))
        {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("the future waited"),
        }
    }

    fn lasting(seconds: u64) -> Credentials {
        Credentials::new("id", "secret")
            .with_expiry(SystemTime::now() + Duration::from_secs(seconds))
    }

    fn refused() -> Result<Credentials, CredentialsError> {
        Err(CredentialsError::EmptyTokenFile {
            path: "token".into(),
        })
    }

    #[test]
    fn credentials_without_expiry_are_fetched_once() {
        let cache = CachedProvider::new(scripted(vec![|| Ok(Credentials::new("id", "secret"))]));
        for _ in 0..3 {
            assert_eq!(
                now(cache.provide_credentials()).unwrap().access_key_id(),
                "id"
            );
        }
        assert_eq!(cache.inner().calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn credentials_are_kept_until_the_refresh_window() {
        let cache = CachedProvider::new(scripted(vec![|| Ok(lasting(3600))]));
        now(cache.provide_credentials()).unwrap();
        now(cache.provide_credentials()).unwrap();
        assert_eq!(cache.inner().calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn credentials_that_arrive_expired_are_an_error() {
        let cache = CachedProvider::new(scripted(vec![|| {
            Ok(Credentials::new("id", "secret").with_expiry(SystemTime::UNIX_EPOCH))
        }]));
        let error = now(cache.provide_credentials()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the credentials provider gave credentials that expired at 1970-01-01T00:00:00Z"
        );
    }

    #[test]
    fn credentials_inside_the_window_are_held_before_the_next_refresh() {
        // 60 s credentials with a 180 s margin: inside the window at once.
        let cache = CachedProvider::new(scripted(vec![|| Ok(lasting(60))]))
            .retry_after_failure(Duration::from_secs(60));
        now(cache.provide_credentials()).unwrap();
        now(cache.provide_credentials()).unwrap();
        assert_eq!(cache.inner().calls.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_failed_refresh_keeps_valid_credentials_and_is_told_once() {
        let told = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&told);
        let cache = CachedProvider::new(scripted(vec![|| Ok(lasting(60)), refused]))
            .retry_after_failure(Duration::ZERO)
            .on_stale(move |_| {
                count.fetch_add(1, Ordering::SeqCst);
            });
        let first = now(cache.provide_credentials()).unwrap();
        for _ in 0..3 {
            assert_eq!(now(cache.provide_credentials()).unwrap(), first);
        }
        assert_eq!(cache.inner().calls.load(Ordering::SeqCst), 4);
        assert_eq!(told.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn no_cached_credentials_means_the_error_is_returned() {
        let cache = CachedProvider::new(scripted(vec![refused]));
        assert!(matches!(
            now(cache.provide_credentials()),
            Err(CredentialsError::EmptyTokenFile { .. })
        ));
    }
}
