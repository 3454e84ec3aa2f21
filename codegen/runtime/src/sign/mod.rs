//! Request signing: what proves to Alibaba Cloud that a request was made
//! with a given AccessKey pair and was not changed on the way.
//!
//! - [`v3`]: signature V3, `ACS3-HMAC-SHA256`, sent in the `Authorization`
//!   header. The current scheme; every API accepts it.
//! - [`v1`]: signature V1, `HMAC-SHA1`, sent as the `Signature` query
//!   parameter of RPC calls. Kept for APIs and tools that still expect it.
//!
//! Both need a timestamp ([`timestamp_now`]) and a fresh nonce ([`nonce`])
//! per request, so that a captured request cannot be replayed.

pub mod v1;
pub mod v3;

use hmac::{KeyInit, Mac};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::macros::format_description;

/// Why a request could not be signed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignError {
    /// The system's random source failed, so no nonce could be made.
    #[error("cannot get random bytes for a signature nonce: {0}")]
    Random(getrandom::Error),
    /// The timestamp could not be written in the signature's format.
    #[error("cannot format the signature timestamp: {0}")]
    Timestamp(time::error::Format),
    /// The time could not be converted to UTC (it is out of range).
    #[error("the signature timestamp is out of range")]
    TimestampRange,
    /// The HMAC key was refused. HMAC takes keys of any length, so this does
    /// not happen; it is reported rather than unwrapped so that signing
    /// cannot panic.
    #[error("the HMAC key was refused")]
    Key,
    /// The request already has a parameter that signing adds itself.
    #[error("the request already has the parameter `{0}`, which signing sets")]
    ReservedParameter(&'static str),
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ`, the form of the
/// `x-acs-date` header and the V1 `Timestamp` parameter.
pub fn timestamp_now() -> Result<String, SignError> {
    format_timestamp(OffsetDateTime::now_utc())
}

/// `at`, converted to UTC, as `YYYY-MM-DDTHH:MM:SSZ` (whole seconds).
pub fn format_timestamp(at: OffsetDateTime) -> Result<String, SignError> {
    let utc = at
        .checked_to_offset(time::UtcOffset::UTC)
        .ok_or(SignError::TimestampRange)?;
    utc.format(format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second]Z"
    ))
    .map_err(SignError::Timestamp)
}

/// A fresh signature nonce: 16 random bytes as 32 lower-case hex digits.
///
/// The service refuses a nonce it has seen within 15 minutes, so each
/// request needs a new one.
pub fn nonce() -> Result<String, SignError> {
    let mut bytes = [0_u8; 16];
    getrandom::fill(&mut bytes).map_err(SignError::Random)?;
    Ok(hex::encode(bytes))
}

/// The lower-case hex SHA-256 of `bytes`: the `x-acs-content-sha256` of a
/// body, and the hashed payload that V3 signs.
pub fn sha256_hex(bytes: &[u8]) -> HexDigest {
    HexDigest::new(&Sha256::digest(bytes).into())
}

/// A 32-byte digest written as 64 lower-case hex digits, held inline.
///
/// A V3 signature writes three of these per request (the body hash, the
/// hash of the canonical request and the signature itself). Their length
/// is fixed, so they live on the stack instead of costing an allocation
/// each; [`HexDigest::as_str`] (or `Deref`) reads them as text.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct HexDigest([u8; 64]);

impl HexDigest {
    /// The hex digits of `digest`, two per byte, high nibble first.
    pub fn new(digest: &[u8; 32]) -> Self {
        let mut text = [0_u8; 64];
        // 32 bytes always fill 64 digits, the only way this can fail.
        hex::encode_to_slice(digest, &mut text).expect("64 digits for 32 bytes");
        Self(text)
    }

    /// The 64 hex digits.
    pub fn as_str(&self) -> &str {
        // Only ASCII hex digits are ever written, so this cannot fail.
        std::str::from_utf8(&self.0).expect("hex digits are ASCII")
    }
}

impl std::ops::Deref for HexDigest {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for HexDigest {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for HexDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for HexDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for HexDigest {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for HexDigest {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// HMAC of `data` under `key` with the MAC type `M`.
fn hmac<M: Mac + KeyInit>(key: &[u8], data: &[u8]) -> Result<Vec<u8>, SignError> {
    let mut mac = <M as KeyInit>::new_from_slice(key).map_err(|_| SignError::Key)?;
    mac.update(data);
    Ok(mac.finalize().into_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn timestamp_is_utc_whole_seconds_with_z() {
        let at = time::macros::datetime!(2024-03-04 16:00:00.987 +08:00);
        assert_eq!(format_timestamp(at).unwrap(), "2024-03-04T08:00:00Z");
        let early = time::macros::datetime!(0999-01-02 03:04:05 UTC);
        assert_eq!(format_timestamp(early).unwrap(), "0999-01-02T03:04:05Z");
    }

    #[test]
    fn timestamp_now_has_the_signature_format() {
        let now = timestamp_now().unwrap();
        let bytes = now.as_bytes();
        assert_eq!(bytes.len(), 20, "{now}");
        for (index, byte) in bytes.iter().enumerate() {
            let expected = match index {
                4 | 7 => Some(b'-'),
                10 => Some(b'T'),
                13 | 16 => Some(b':'),
                19 => Some(b'Z'),
                _ => None,
            };
            match expected {
                Some(separator) => assert_eq!(*byte, separator, "{now}"),
                None => assert!(byte.is_ascii_digit(), "{now}"),
            }
        }
    }

    #[test]
    fn nonce_is_32_lower_case_hex_digits_and_unique() {
        let nonces: Vec<String> = (0..1000).map(|_| nonce().unwrap()).collect();
        for nonce in &nonces {
            assert_eq!(nonce.len(), 32, "{nonce}");
            assert!(
                nonce
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
                "{nonce}"
            );
        }
        let unique: HashSet<&String> = nonces.iter().collect();
        assert_eq!(unique.len(), nonces.len());
    }

    #[test]
    fn sha256_of_empty_body() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn hex_digest_is_lower_case_and_matches_hex_encode() {
        let digest: [u8; 32] = std::array::from_fn(|i| (i as u8).wrapping_mul(37) ^ 0xa5);
        let hex = HexDigest::new(&digest);
        assert_eq!(hex.as_str(), hex::encode(digest));
        assert_eq!(format!("{hex}"), hex.as_str());
        assert_eq!(format!("{hex:?}"), format!("{:?}", hex.as_str()));
        assert_eq!(HexDigest::new(&[0xff; 32]), "f".repeat(64).as_str());
    }

    #[test]
    fn hmac_sha256_known_answer() {
        // RFC 4231, test case 2.
        let mac = hmac::<hmac::Hmac<Sha256>>(b"Jefe", b"what do ya want for nothing?").unwrap();
        assert_eq!(
            hex::encode(mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
