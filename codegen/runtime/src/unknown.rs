//! The value an open enum keeps when the API docs do not list it.

use std::fmt;

/// A value of an open enum that its docs do not list, kept exactly as the
/// service sent it (or as it was converted from text).
///
/// Opaque on purpose. If code could match `Unknown(text) if text == "X"`,
/// that arm would stop matching, silently, in the release where `X`
/// becomes a variant of its own. Instead, compare the enum's `as_str()`
/// in a catch-all arm, which matches the same values before and after:
///
/// ```
/// # use alibabacloud_runtime::UnknownValue;
/// # #[non_exhaustive] enum Status { Available, Unknown(UnknownValue) }
/// # impl Status { fn as_str(&self) -> &str { match self { Self::Available => "Available", Self::Unknown(value) => value.as_str() } } }
/// # let status = Status::Available;
/// match status {
///     Status::Available => { /* ... */ }
///     other if other.as_str() == "Migrating" => { /* not a variant yet */ }
///     _ => { /* anything else */ }
/// }
/// ```
///
/// Generated enums mark their `Unknown` variant `#[deprecated]` so that
/// naming it in a pattern warns; values are made from text with the
/// enum's `From<&str>`, which gives a variant whenever one matches.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct UnknownValue(Box<str>);

impl UnknownValue {
    /// Wraps `value`. For generated `From<&str>` impls only, which call it
    /// for text that no variant matches; not an API.
    #[doc(hidden)]
    pub fn from_unmatched(value: impl Into<Box<str>>) -> Self {
        Self(value.into())
    }

    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The text, quoted, as a `String` prints.
impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::UnknownValue;

    #[test]
    fn keeps_the_text_exactly() {
        let value = UnknownValue::from_unmatched(" In Use\u{e9} ");
        assert_eq!(value.as_str(), " In Use\u{e9} ");
        assert_eq!(format!("{value:?}"), "\" In Use\u{e9} \"");
    }
}
