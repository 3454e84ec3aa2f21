//! Reading and writing the instants that credentials carry.

use std::time::SystemTime;

use time::OffsetDateTime;
#[cfg(any(feature = "client", feature = "blocking"))]
use time::format_description::well_known::Rfc2822;
use time::format_description::well_known::Rfc3339;

#[cfg(any(feature = "client", feature = "blocking"))]
/// An `Expiration` as STS, the metadata service and credentials URIs
/// write it (`2015-04-09T11:52:19Z`, RFC 3339).
pub(crate) fn parse_expiration(text: &str) -> Option<SystemTime> {
    OffsetDateTime::parse(text.trim(), &Rfc3339)
        .ok()
        .map(SystemTime::from)
}

#[cfg(any(feature = "client", feature = "blocking"))]
/// An HTTP `Date` header (RFC 9110: an RFC 2822 date in GMT).
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
