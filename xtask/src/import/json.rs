//! A JSON value whose objects keep their key order.
//!
//! Specs are written by people; an import that rewrote one with its keys
//! sorted would bury the one added parameter under a diff of the whole
//! file. `serde_json`'s own `Value` keeps order only with a crate-wide
//! feature, which would also change the generator it is built with.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// A JSON document, objects in the order they were read or built.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Json {
    /// `null`.
    Null(()),
    /// `true` or `false`.
    Bool(bool),
    /// A number, as `serde_json` reads it.
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, in key order.
    Object(IndexMap<String, Json>),
}

impl Json {
    /// An empty object.
    pub fn object() -> Self {
        Json::Object(IndexMap::new())
    }

    /// A string value.
    pub fn str(text: impl Into<String>) -> Self {
        Json::String(text.into())
    }

    /// The value under `key`, if this is an object that has it.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(map) => map.get(key),
            _ => None,
        }
    }

    /// The object's entries, if this is an object.
    pub fn as_object(&self) -> Option<&IndexMap<String, Json>> {
        match self {
            Json::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The object's entries, mutably, if this is an object.
    pub fn as_object_mut(&mut self) -> Option<&mut IndexMap<String, Json>> {
        match self {
            Json::Object(map) => Some(map),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// The number, if this is a whole number of 0 or more.
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            Json::Number(number) => number.as_u64(),
            _ => None,
        }
    }

    /// Sets `key` on an object (appended if new); does nothing on other values.
    pub fn insert(&mut self, key: &str, value: Json) {
        if let Json::Object(map) = self {
            map.insert(key.to_string(), value);
        }
    }

    /// Pretty JSON with two-space indents and a final newline, the way the
    /// spec files are written.
    pub fn to_pretty(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

impl From<u64> for Json {
    fn from(number: u64) -> Self {
        Json::Number(number.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_order_survives_a_round_trip() {
        let text = "{\n  \"z\": 1,\n  \"a\": [\n    true,\n    null,\n    \"x\"\n  ],\n  \"m\": {\n    \"b\": 1.5,\n    \"a\": -2\n  }\n}\n";
        let value: Json = serde_json::from_str(text).unwrap();
        assert_eq!(value.to_pretty(), text);
    }
}
