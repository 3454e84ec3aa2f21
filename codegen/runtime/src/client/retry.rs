//! When to try again and how long to wait.

use std::time::Duration;

/// Error codes Alibaba Cloud uses for throttling and temporary outages.
pub const RETRYABLE_CODES: &[&str] = &[
    "Throttling",
    "Throttling.User",
    "Throttling.Api",
    "ServiceUnavailable",
];

/// Capped exponential backoff with jitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryPolicy {
    /// 3 attempts, waiting about 100 ms then 200 ms, never more than 20 s.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    /// A policy making at most `max_attempts` attempts in all (at least 1).
    pub fn new(max_attempts: u32, initial_backoff: Duration, max_backoff: Duration) -> Self {
        Self {
            max_attempts: max_attempts.max(1),
            initial_backoff,
            max_backoff,
        }
    }

    /// One attempt, no retry.
    pub fn disabled() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// The most attempts made, the first one included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// How long to wait before attempt `next_attempt` (2 for the first
    /// retry): `initial * 2^(n-2)`, capped, then scaled by a `jitter` in
    /// `0.0..=1.0` into its upper half so that clients spread out.
    pub fn backoff(&self, next_attempt: u32, jitter: f64) -> Duration {
        let exponent = next_attempt.saturating_sub(2).min(30);
        let full = self
            .initial_backoff
            .saturating_mul(1 << exponent)
            .min(self.max_backoff);
        full.mul_f64(0.5 + 0.5 * jitter.clamp(0.0, 1.0))
    }
}

/// Whether an error response is worth another attempt: a throttling or
/// outage code, `429 Too Many Requests` (with or without a code), or a
/// server error. Other 4xx are the caller's to fix.
pub fn is_retryable_response(status: u16, code: Option<&str>) -> bool {
    status >= 500 || status == 429 || code.is_some_and(|code| RETRYABLE_CODES.contains(&code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_is_capped() {
        let policy = RetryPolicy::new(10, Duration::from_millis(100), Duration::from_millis(350));
        assert_eq!(policy.backoff(2, 1.0), Duration::from_millis(100));
        assert_eq!(policy.backoff(3, 1.0), Duration::from_millis(200));
        assert_eq!(policy.backoff(4, 1.0), Duration::from_millis(350));
        assert_eq!(policy.backoff(40, 1.0), Duration::from_millis(350));
    }

    #[test]
    fn jitter_keeps_the_upper_half() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.backoff(2, 0.0), Duration::from_millis(50));
        assert_eq!(policy.backoff(2, 7.0), Duration::from_millis(100));
    }

    #[test]
    fn throttling_and_server_errors_are_retried_client_errors_not() {
        assert!(is_retryable_response(400, Some("Throttling.User")));
        assert!(is_retryable_response(503, Some("ServiceUnavailable")));
        assert!(is_retryable_response(500, None));
        assert!(is_retryable_response(429, None));
        assert!(is_retryable_response(429, Some("SomethingElse")));
        assert!(!is_retryable_response(400, Some("InvalidParameter")));
        assert!(!is_retryable_response(
            404,
            Some("InvalidRegionId.NotFound")
        ));
    }

    #[test]
    fn at_least_one_attempt() {
        assert_eq!(
            RetryPolicy::new(0, Duration::ZERO, Duration::ZERO).max_attempts(),
            1
        );
    }
}
