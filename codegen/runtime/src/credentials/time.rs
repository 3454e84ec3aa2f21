//! Reading and writing the instants that credentials carry.

use std::time::SystemTime;

use time::OffsetDateTime;
#[cfg(any(feature = "client", feature = "blocking"))]
use time::format_description::well_known::Rfc2822;
use time::format_description::well_known::Rfc3339;

/// An `Expiration` as STS, the metadata service and credentials URIs
/// write it (`2015-04-09T11:52:19Z`, RFC 3339).
#[cfg(any(feature = "client", feature = "blocking"))]
pub(crate) fn parse_expiration(text: &str) -> Option<SystemTime> {
    OffsetDateTime::parse(text.trim(), &Rfc3339)
        .ok()
        .map(SystemTime::from)
}

/// An HTTP `Date` header (RFC 9110: an RFC 2822 date in GMT).
#[cfg(any(feature = "client", feature = "blocking"))]
pub(crate) fn parse_http_date(text: &str) -> Option<SystemTime> {
    OffsetDateTime::parse(text.trim(), &Rfc2822)
        .ok()
        .map(SystemTime::from)
}

/// `at` as RFC 3339 in UTC, for messages; the debug form if it cannot be.
pub(crate) fn display(at: SystemTime) -> String {
    OffsetDateTime::from(at)
        .format(&Rfc3339)
        .unwrap_or_else(|_| format!("{at:?}"))
}

#[cfg(all(test, any(feature = "client", feature = "blocking")))]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn expirations_and_http_dates_are_read() {
        let at = parse_expiration("2015-04-09T11:52:19Z").unwrap();
        assert_eq!(display(at), "2015-04-09T11:52:19Z");
        assert_eq!(parse_http_date("Thu, 09 Apr 2015 11:52:19 GMT"), Some(at));
        assert_eq!(parse_expiration(" 2015-04-09T19:52:19+08:00 "), Some(at));
        assert!(parse_expiration("2015-04-09 11:52:19").is_none());
        assert!(parse_http_date("yesterday").is_none());
        assert_eq!(
            display(SystemTime::UNIX_EPOCH + Duration::from_secs(1)),
            "1970-01-01T00:00:01Z"
        );
    }
}
