//! Percent-encoding for query strings and signatures.
//!
//! Alibaba Cloud follows RFC 3986 strictly: only `A–Z a–z 0–9 - _ . ~` stay as
//! they are and every other byte of the UTF-8 form becomes `%XX` with
//! upper-case hex digits. So a space is `%20` (never `+`), `*` is `%2A` and
//! `~` is kept.
//!
//! The encoder is hand-written (a table lookup per byte, each run of
//! unreserved bytes copied with one `push_str`, each escape one three-byte
//! slice of a table) so that [`crate::QueryPairs::to_query_string`] can
//! encode every pair into one pre-sized string.

/// `UNRESERVED[byte]` is true for the bytes RFC 3986 keeps as they are.
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~');
        byte += 1;
    }
    table
};

/// `%00%01...%FF`: the escape of byte `b` is `ESCAPES[3 * b..3 * b + 3]`.
const ESCAPE_BYTES: [u8; 768] = {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut bytes = [0; 768];
    let mut byte = 0;
    while byte < 256 {
        bytes[3 * byte] = b'%';
        bytes[3 * byte + 1] = HEX[byte >> 4];
        bytes[3 * byte + 2] = HEX[byte & 15];
        byte += 1;
    }
    bytes
};

/// [`ESCAPE_BYTES`] as text, so that escapes are pushed without a UTF-8
/// check at run time (the table is all ASCII, checked when compiling).
const ESCAPES: &str = match std::str::from_utf8(&ESCAPE_BYTES) {
    Ok(text) => text,
    Err(_) => panic!("the escape table is ASCII"),
};

/// Whether `byte` is one of the RFC 3986 unreserved characters, which are
/// never escaped.
#[inline]
pub fn is_unreserved(byte: u8) -> bool {
    UNRESERVED[usize::from(byte)]
}

/// Percent-encodes `input` the way Alibaba Cloud expects in queries and
/// string-to-sign.
///
/// ```
/// use alibabacloud_runtime::encode::percent_encode;
/// assert_eq!(percent_encode("vpc 2&x=y*~"), "vpc%202%26x%3Dy%2A~");
/// ```
pub fn percent_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    percent_encode_into(&mut out, input);
    out
}

/// Appends the percent-encoded form of `input` to `out`, without a temporary
/// string.
pub fn percent_encode_into(out: &mut String, input: &str) {
    encode_into(out, input);
}

/// [`percent_encode_into`], inlined into the loop of
/// [`crate::QueryPairs::to_query_string`], which calls it once or twice per
/// pair: the call and its register spills were a tenth of that loop.
#[inline(always)]
pub(crate) fn encode_into(out: &mut String, input: &str) {
    let bytes = input.as_bytes();
    // `run` is where the current run of unreserved bytes starts; runs are
    // copied whole when an escape or the end interrupts them. Escaped bytes
    // are never unreserved, so every run boundary is an ASCII byte or the
    // start of a multi-byte character: slicing `input` there is valid.
    let mut run = 0;
    let mut escape_at = |out: &mut String, index: usize, byte: u8| {
        if run < index {
            out.push_str(&input[run..index]);
        }
        let escape = 3 * usize::from(byte);
        out.push_str(&ESCAPES[escape..escape + 3]);
        run = index + 1;
    };
    // Most text (ids, names, keys) is unreserved: look eight bytes up at a
    // time without a branch per byte, and only go byte by byte through a
    // chunk that holds something to escape.
    let mut chunks = bytes.chunks_exact(8);
    let mut index = 0;
    for chunk in &mut chunks {
        if !chunk
            .iter()
            .fold(true, |all, &byte| all & is_unreserved(byte))
        {
            for (offset, &byte) in chunk.iter().enumerate() {
                if !is_unreserved(byte) {
                    escape_at(out, index + offset, byte);
                }
            }
        }
        index += 8;
    }
    for (offset, &byte) in chunks.remainder().iter().enumerate() {
        if !is_unreserved(byte) {
            escape_at(out, index + offset, byte);
        }
    }
    if run < bytes.len() {
        out.push_str(&input[run..]);
    }
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
    fn exactly_the_unreserved_bytes_are_kept() {
        for byte in 0..=255_u8 {
            let expected = byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte);
            assert_eq!(is_unreserved(byte), expected, "byte {byte:#04x}");
        }
    }

    #[test]
    fn every_ascii_byte_is_escaped_as_upper_case_hex() {
        for byte in 0..=127_u8 {
            let text = char::from(byte).to_string();
            let expected = if is_unreserved(byte) {
                text.clone()
            } else {
                format!("%{byte:02X}")
            };
            assert_eq!(percent_encode(&text), expected, "byte {byte:#04x}");
        }
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
        assert_eq!(percent_encode("a\u{10FFFF}b"), "a%F4%8F%BF%BFb");
    }

    #[test]
    fn runs_between_escapes_are_kept_whole() {
        assert_eq!(percent_encode("ab cd*ef"), "ab%20cd%2Aef");
        assert_eq!(percent_encode("  "), "%20%20");
        assert_eq!(percent_encode(" x "), "%20x%20");
    }

    #[test]
    fn escapes_anywhere_in_long_input_match_byte_by_byte_encoding() {
        // Inputs longer than one eight-byte chunk, with escapes at chunk
        // starts, ends and across them, and multi-byte characters
        // straddling a chunk boundary.
        let inputs = [
            "abcdefgh",
            "abcdefg*",
            "*bcdefgh",
            "abcdefghijklmnop*",
            "abcdefg杭州hijklmnop",
            "vpc-bp1kcm36tevkpms91****",
            "Finance Joshua 12",
            "****************",
            "a*b*c*d*e*f*g*h*i*j",
            "1234567é",
        ];
        for input in inputs {
            let expected: String = input
                .bytes()
                .map(|byte| {
                    if is_unreserved(byte) {
                        char::from(byte).to_string()
                    } else {
                        format!("%{byte:02X}")
                    }
                })
                .collect();
            assert_eq!(percent_encode(input), expected, "{input}");
        }
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
