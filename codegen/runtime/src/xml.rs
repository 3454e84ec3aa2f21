//! Reading and writing XML bodies with the same models as JSON.
//!
//! quick-xml maps elements onto the serde models; the helpers in
//! [`crate::wire`] smooth over the places where XML differs from JSON
//! (everything is text, lists are repeated elements).

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::WireError;

/// Parses an XML document whose root element holds the fields of `T`.
pub fn from_str<T: DeserializeOwned>(xml: &str) -> Result<T, WireError> {
    quick_xml::de::from_str(xml).map_err(|error| WireError::Xml(error.to_string()))
}

/// Writes `value` as an XML document with the root element `root`.
pub fn to_string<T: Serialize>(root: &str, value: &T) -> Result<String, WireError> {
    quick_xml::se::to_string_with_root(root, value)
        .map_err(|error| WireError::Xml(error.to_string()))
}
