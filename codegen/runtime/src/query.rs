//! Flattening requests into Alibaba Cloud's RPC-style query pairs.
//!
//! RPC actions take every parameter as a flat `key=value` pair. Lists and
//! objects are flattened with dotted keys and 1-based indexes
//! (`repeatList`/`flat` styles): `Filter.1.Key=VpcId`, `Filter.1.Value.2=vpc-2`.
//! Two other styles send a whole value as one pair: `json` (the value as JSON
//! text) and `simple` (list items joined with commas).
//!
//! Generated code implements [`ToQuery`] for its structs by calling
//! [`QueryWriter::field`] once per field; the writer keeps the current key
//! prefix in one buffer so that nesting costs no allocation per level.

use std::fmt::Write as _;

use serde::Serialize;

use crate::encode::percent_encode_into;

/// A value that can write itself as query pairs under the writer's current key.
pub trait ToQuery {
    /// Writes the pairs for `self` under the key the writer currently holds.
    fn write_query(&self, writer: &mut QueryWriter);
}

/// Builds the query pairs of one request.
#[derive(Debug, Default)]
pub struct QueryWriter {
    key: String,
    pairs: Vec<(String, String)>,
    json_error: Option<QueryError>,
}

/// A `json`-style value could not be written as JSON.
///
/// Generated request types always can be; this exists so that a custom
/// `Serialize` implementation that fails is reported instead of dropped.
#[derive(Debug)]
pub struct QueryError {
    key: String,
    source: serde_json::Error,
}

impl std::fmt::Display for QueryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write `{}` as JSON: {}", self.key, self.source)
    }
}

impl std::error::Error for QueryError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl QueryWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes `value` under the key `name`, nested below the current key.
    ///
    /// Unset optional values and empty lists write nothing.
    pub fn field<T: ToQuery + ?Sized>(&mut self, name: &str, value: &T) {
        let restore = self.push_segment(name);
        value.write_query(self);
        self.key.truncate(restore);
    }

    /// Writes `value` as one pair holding its JSON text (the `json` style).
    ///
    /// A value that cannot be turned into JSON makes [`QueryWriter::finish`]
    /// fail rather than being dropped.
    pub fn json<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        let restore = self.push_segment(name);
        match serde_json::to_string(value) {
            Ok(text) => self.pairs.push((self.key.clone(), text)),
            Err(source) => {
                if self.json_error.is_none() {
                    self.json_error = Some(QueryError {
                        key: self.key.clone(),
                        source,
                    });
                }
            }
        }
        self.key.truncate(restore);
    }

    /// Writes a list as one pair with its items joined by commas (the
    /// `simple` style). An empty list writes nothing.
    pub fn simple<T: QueryScalar>(&mut self, name: &str, items: &[T]) {
        if items.is_empty() {
            return;
        }
        let mut joined = String::new();
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                joined.push(',');
            }
            item.append_to(&mut joined);
        }
        let restore = self.push_segment(name);
        self.pairs.push((self.key.clone(), joined));
        self.key.truncate(restore);
    }

    /// Writes one pair with the current key and `value`.
    pub fn scalar<T: QueryScalar + ?Sized>(&mut self, value: &T) {
        let mut text = String::new();
        value.append_to(&mut text);
        self.pairs.push((self.key.clone(), text));
    }

    /// The pairs written so far, sorted by key.
    pub fn finish(self) -> Result<QueryPairs, QueryError> {
        match self.json_error {
            Some(error) => Err(error),
            None => Ok(QueryPairs::new(self.pairs)),
        }
    }

    /// Appends `.name` (or `name` at the top level) to the key and returns
    /// the length to truncate back to.
    fn push_segment(&mut self, name: &str) -> usize {
        let restore = self.key.len();
        if restore > 0 {
            self.key.push('.');
        }
        self.key.push_str(name);
        restore
    }

    /// Appends `.index` (1-based) to the key and returns the length to
    /// truncate back to.
    fn push_index(&mut self, index: usize) -> usize {
        let restore = self.key.len();
        // Writing an integer into a String cannot fail.
        let _ = write!(self.key, ".{index}");
        restore
    }
}

/// The flattened pairs of a request, sorted by key (byte order), which is
/// also the order signatures need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryPairs {
    pairs: Vec<(String, String)>,
}

impl QueryPairs {
    /// Sorts `pairs` by key; pairs with equal keys keep their order.
    pub fn new(mut pairs: Vec<(String, String)>) -> Self {
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        Self { pairs }
    }

    /// The pairs, sorted by key.
    pub fn as_slice(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The pairs, sorted by key.
    pub fn into_vec(self) -> Vec<(String, String)> {
        self.pairs
    }

    /// Adds a pair (a common parameter, say) and keeps the order.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        let key = key.into();
        let at = self.pairs.partition_point(|(k, _)| *k <= key);
        self.pairs.insert(at, (key, value.into()));
    }

    /// The value of `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The pairs as `k=v&k=v`, each side percent-encoded per RFC 3986.
    pub fn to_query_string(&self) -> String {
        let capacity = self.pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
        let mut out = String::with_capacity(capacity);
        for (index, (key, value)) in self.pairs.iter().enumerate() {
            if index > 0 {
                out.push('&');
            }
            percent_encode_into(&mut out, key);
            out.push('=');
            percent_encode_into(&mut out, value);
        }
        out
    }
}

/// A value sent as the text of one pair.
pub trait QueryScalar {
    /// Appends the wire text of `self`.
    fn append_to(&self, out: &mut String);
}

impl QueryScalar for str {
    fn append_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl QueryScalar for String {
    fn append_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl QueryScalar for bool {
    fn append_to(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

macro_rules! display_scalar {
    ($($ty:ty),*) => {$(
        impl QueryScalar for $ty {
            fn append_to(&self, out: &mut String) {
                // Writing a number into a String cannot fail.
                let _ = write!(out, "{self}");
            }
        }
        impl ToQuery for $ty {
            fn write_query(&self, writer: &mut QueryWriter) {
                writer.scalar(self);
            }
        }
    )*};
}

display_scalar!(i32, i64, f32, f64);

impl ToQuery for str {
    fn write_query(&self, writer: &mut QueryWriter) {
        writer.scalar(self);
    }
}

impl ToQuery for String {
    fn write_query(&self, writer: &mut QueryWriter) {
        writer.scalar(self.as_str());
    }
}

impl ToQuery for bool {
    fn write_query(&self, writer: &mut QueryWriter) {
        writer.scalar(self);
    }
}

impl<T: ToQuery> ToQuery for Option<T> {
    fn write_query(&self, writer: &mut QueryWriter) {
        if let Some(value) = self {
            value.write_query(writer);
        }
    }
}

/// Lists are written as `Name.1`, `Name.2`, ... (the `repeatList` style).
impl<T: ToQuery> ToQuery for Vec<T> {
    fn write_query(&self, writer: &mut QueryWriter) {
        for (index, item) in self.iter().enumerate() {
            let restore = writer.push_index(index + 1);
            item.write_query(writer);
            writer.key.truncate(restore);
        }
    }
}

/// Maps are written as `Name.key=value` (the `flat` style), in key order.
impl<T: ToQuery> ToQuery for std::collections::BTreeMap<String, T> {
    fn write_query(&self, writer: &mut QueryWriter) {
        for (key, value) in self {
            writer.field(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Filter {
        key: Option<String>,
        values: Vec<String>,
    }

    impl ToQuery for Filter {
        fn write_query(&self, writer: &mut QueryWriter) {
            writer.field("Key", &self.key);
            writer.field("Value", &self.values);
        }
    }

    fn pairs(writer: QueryWriter) -> Vec<(String, String)> {
        writer.finish().unwrap().into_vec()
    }

    fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn repeat_list_of_objects_is_one_based_and_nested() {
        let mut writer = QueryWriter::new();
        let filters = vec![
            Filter {
                key: Some("VpcId".into()),
                values: vec!["a".into(), "b".into()],
            },
            Filter {
                key: None,
                values: vec!["c".into()],
            },
        ];
        writer.field("Filter", &filters);
        assert_eq!(
            pairs(writer),
            owned(&[
                ("Filter.1.Key", "VpcId"),
                ("Filter.1.Value.1", "a"),
                ("Filter.1.Value.2", "b"),
                ("Filter.2.Value.1", "c"),
            ])
        );
    }

    #[test]
    fn unset_values_and_empty_lists_write_nothing_but_empty_strings_are_kept() {
        let mut writer = QueryWriter::new();
        writer.field("A", &None::<String>);
        writer.field("B", &Vec::<String>::new());
        writer.field("C", &Some(String::new()));
        assert_eq!(pairs(writer), owned(&[("C", "")]));
    }

    #[test]
    fn scalars_use_their_wire_text() {
        let mut writer = QueryWriter::new();
        writer.field("Int", &42_i64);
        writer.field("Float", &1.5_f64);
        writer.field("Bool", &true);
        assert_eq!(
            pairs(writer),
            owned(&[("Bool", "true"), ("Float", "1.5"), ("Int", "42")])
        );
    }

    #[test]
    fn json_style_sends_one_pair_of_json_text() {
        let mut writer = QueryWriter::new();
        let value = serde_json::json!([{"Name": "a"}]);
        writer.json("AccessMode", &value);
        assert_eq!(pairs(writer), owned(&[("AccessMode", r#"[{"Name":"a"}]"#)]));
    }

    #[test]
    fn json_failure_is_reported_not_dropped() {
        let mut writer = QueryWriter::new();
        let map = std::collections::BTreeMap::from([(vec![1_u8], 1_i32)]);
        writer.json("Bad", &map);
        let error = writer.finish().unwrap_err();
        assert!(
            error.to_string().starts_with("cannot write `Bad` as JSON"),
            "{error}"
        );
    }

    #[test]
    fn simple_style_joins_with_commas() {
        let mut writer = QueryWriter::new();
        writer.simple("Ids", &["a".to_string(), "b".to_string()]);
        writer.simple("None", &Vec::<String>::new());
        assert_eq!(pairs(writer), owned(&[("Ids", "a,b")]));
    }

    #[test]
    fn maps_are_flattened_by_key() {
        let mut writer = QueryWriter::new();
        let map =
            std::collections::BTreeMap::from([("k2".to_string(), 2_i32), ("k1".to_string(), 1)]);
        writer.field("Tag", &map);
        assert_eq!(pairs(writer), owned(&[("Tag.k1", "1"), ("Tag.k2", "2")]));
    }

    #[test]
    fn pairs_are_sorted_by_key_bytes() {
        let pairs = QueryPairs::new(owned(&[
            ("b", "1"),
            ("Filter.10.Key", "x"),
            ("Filter.2.Key", "y"),
            ("a", "2"),
        ]));
        let keys: Vec<&str> = pairs.as_slice().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["Filter.10.Key", "Filter.2.Key", "a", "b"]);
    }

    #[test]
    fn insert_keeps_sorted_order() {
        let mut pairs = QueryPairs::new(owned(&[("A", "1"), ("C", "3")]));
        pairs.insert("B", "2");
        assert_eq!(
            pairs.into_vec(),
            owned(&[("A", "1"), ("B", "2"), ("C", "3")])
        );
    }

    #[test]
    fn query_string_encodes_keys_and_values() {
        let pairs = QueryPairs::new(owned(&[("K*", "a b&c=d"), ("E", "")]));
        assert_eq!(pairs.to_query_string(), "E=&K%2A=a%20b%26c%3Dd");
    }
}
