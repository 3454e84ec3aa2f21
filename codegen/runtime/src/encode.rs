//! Percent-encoding for query strings and signatures.
//!
//! Alibaba Cloud follows RFC 3986 strictly: only `A–Z a–z 0–9 - _ . ~` stay as
//! they are and every other byte of the UTF-8 form becomes `%XX` with
//! upper-case hex digits. So a space is `%20` (never `+`), `*` is `%2A` and
//! `~` is kept. The `percent-encoding` crate does the byte work; this module
//! only fixes the set of characters that stay unescaped.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Every byte but the RFC 3986 unreserved characters is escaped.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes `input` the way Alibaba Cloud expects in queries and
/// string-to-sign.
///
/// ```
/// use alibabacloud_runtime::encode::percent_encode;
/// assert_eq!(percent_encode("vpc 2&x=y*~"), "vpc%202%26x%3Dy%2A~");
/// ```
pub fn percent_encode(input: &str) -> String {
    utf8_percent_encode(input, UNRESERVED).to_string()
}

/// Appends the percent-encoded form of `input` to `out`, without a temporary
/// string.
pub fn percent_encode_into(out: &mut String, input: &str) {
    out.extend(utf8_percent_encode(input, UNRESERVED));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreserved_characters_stay() {
        let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
        assert_eq!(percent_encode(unreserved), unreserved);
    }

    #[test]
    fn space_is_percent_20_not_plus() {
        assert_eq!(percent_encode("a b"), "a%20b");
    }

    #[test]
    fn asterisk_and_plus_are_escaped() {
        assert_eq!(percent_encode("*"), "%2A");
        assert_eq!(percent_encode("+"), "%2B");
    }

    #[test]
    fn reserved_delimiters_are_escaped() {
        assert_eq!(
            percent_encode("&=/?:#[]@!$'(),;%"),
            "%26%3D%2F%3F%3A%23%5B%5D%40%21%24%27%28%29%2C%3B%25"
        );
    }

    #[test]
    fn non_ascii_is_escaped_byte_by_byte_in_upper_case_hex() {
        assert_eq!(percent_encode("é"), "%C3%A9");
        assert_eq!(percent_encode("杭州"), "%E6%9D%AD%E5%B7%9E");
    }

    #[test]
    fn empty_input_gives_empty_output() {
        assert_eq!(percent_encode(""), "");
    }

    #[test]
    fn encode_into_appends() {
        let mut out = String::from("k=");
        percent_encode_into(&mut out, "a b");
        assert_eq!(out, "k=a%20b");
    }
}
