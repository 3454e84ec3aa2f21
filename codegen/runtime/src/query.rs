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
//!
//! Serializing a request is on every call's path (issue 5, benchmark 1), so
//! the writer allocates nothing per pair: every key and value goes into one
//! text buffer and a pair is three offsets into it. Pairs must end up sorted
//! by key bytes; the generator writes fields in that order and lists are
//! visited in the byte order of their indexes ([`decimal_order`]), so
//! [`QueryWriter::finish`] usually only has to check the order. It sorts
//! when the check fails, so the output never depends on the write order
//! being right.

use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::encode::{encode_into, is_unreserved};

/// A value that can write itself as query pairs under the writer's current key.
pub trait ToQuery {
    /// Writes the pairs for `self` under the key the writer currently holds.
    fn write_query(&self, writer: &mut QueryWriter);
}

/// Builds the query pairs of one request.
#[derive(Debug)]
pub struct QueryWriter {
    /// The key of the value being written: `Filter.1.Value`.
    key: String,
    /// Where the first segment of `key` that needs percent-encoding starts,
    /// if one does. Indexes and the names in the specs do not, so most pairs
    /// can tell [`QueryPairs::to_query_string`] to copy their keys as they
    /// are instead of scanning them again.
    escaped_from: Option<usize>,
    /// How much of `key` is unchanged since the last pair was written: the
    /// last pair's key and the next one share these bytes, so checking
    /// their order only compares what follows.
    unchanged: usize,
    /// Whether the pairs were written out of key order and need sorting.
    unsorted: bool,
    pairs: QueryPairs,
    json_error: Option<QueryError>,
}

/// Pre-sized so that even a large request (the benchmark's 74 pairs, 2.2 KB
/// of text) never grows its buffers: growing from nothing cost about a
/// tenth of the serialization time in reallocations and copies, while a
/// larger first allocation costs no more than a small one. The memory lives
/// only as long as the request's [`QueryPairs`].
impl Default for QueryWriter {
    fn default() -> Self {
        Self {
            key: String::with_capacity(64),
            escaped_from: None,
            unchanged: 0,
            unsorted: false,
            pairs: QueryPairs {
                text: String::with_capacity(4096),
                spans: Vec::with_capacity(128),
            },
            json_error: None,
        }
    }
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

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
        self.truncate_key(restore);
    }

    /// Writes `value` as one pair holding its JSON text (the `json` style).
    ///
    /// A value that cannot be turned into JSON makes [`QueryWriter::finish`]
    /// fail rather than being dropped.
    pub fn json<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) {
        let restore = self.push_segment(name);
        match serde_json::to_string(value) {
            Ok(text) => self.push_pair(|out| out.push_str(&text)),
            Err(source) => {
                if self.json_error.is_none() {
                    self.json_error = Some(QueryError {
                        key: self.key.clone(),
                        source,
                    });
                }
            }
        }
        self.truncate_key(restore);
    }

    /// Writes a list as one pair with its items joined by commas (the
    /// `simple` style). An empty list writes nothing.
    pub fn simple<T: QueryScalar>(&mut self, name: &str, items: &[T]) {
        if items.is_empty() {
            return;
        }
        let restore = self.push_segment(name);
        self.push_pair(|out| {
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                item.append_to(out);
            }
        });
        self.truncate_key(restore);
    }

    /// Writes one pair with the current key and `value`.
    pub fn scalar<T: QueryScalar + ?Sized>(&mut self, value: &T) {
        self.push_pair(|out| value.append_to(out));
    }

    /// The pairs written so far, sorted by key; pairs with equal keys keep
    /// the order they were written in.
    pub fn finish(self) -> Result<QueryPairs, QueryError> {
        match self.json_error {
            Some(error) => Err(error),
            None => {
                let mut pairs = self.pairs;
                if self.unsorted {
                    pairs.sort();
                }
                Ok(pairs)
            }
        }
    }

    /// Adds a pair with the current key; `value` appends its text.
    ///
    /// Notes whether the pair is out of order: its key must not sort
    /// before the previous pair's. The two share their first `unchanged`
    /// bytes, so only the rest is compared, usually a byte or two.
    #[inline]
    fn push_pair(&mut self, value: impl FnOnce(&mut String)) {
        if let Some(previous) = self.pairs.spans.last() {
            let previous =
                &self.pairs.text.as_bytes()[previous.start + self.unchanged..previous.split];
            let next = &self.key.as_bytes()[self.unchanged..];
            if !in_order(previous, next) {
                self.unsorted = true;
            }
        }
        let unreserved = self.escaped_from.is_none();
        self.pairs.push_with(&self.key, unreserved, value);
        self.unchanged = self.key.len();
    }

    /// Appends `.name` (or `name` at the top level) to the key and returns
    /// the length to truncate back to.
    #[inline]
    fn push_segment(&mut self, name: &str) -> usize {
        let restore = self.key.len();
        if restore > 0 {
            self.key.push('.');
        }
        self.key.push_str(name);
        if self.escaped_from.is_none()
            && !name
                .bytes()
                .fold(true, |all, byte| all & is_unreserved(byte))
        {
            self.escaped_from = Some(restore);
        }
        restore
    }

    /// Takes the key back to `len` bytes, as [`QueryWriter::push_segment`]
    /// and [`QueryWriter::push_index`] returned it.
    #[inline]
    fn truncate_key(&mut self, len: usize) {
        self.key.truncate(len);
        self.unchanged = self.unchanged.min(len);
        if self.escaped_from.is_some_and(|from| from >= len) {
            self.escaped_from = None;
        }
    }

    /// Appends `.index` (1-based) to the key and returns the length to
    /// truncate back to.
    #[inline]
    fn push_index(&mut self, index: usize) -> usize {
        let restore = self.key.len();
        self.key.push('.');
        self.key.push_str(itoa::Buffer::new().format(index));
        restore
    }
}

/// Where one pair lives in [`QueryPairs`]' text: the key is
/// `text[start..split]` and the value `text[split..end]`.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    split: usize,
    end: usize,
    /// The key is known to need no percent-encoding (it was built from
    /// unreserved names and indexes); when false it is encoded.
    key_unreserved: bool,
}

/// The flattened pairs of a request, sorted by key (byte order), which is
/// also the order signatures need. Pairs with equal keys keep the order
/// they were given in.
///
/// The keys and values are kept back to back in one string, so that
/// building the pairs of a request does not allocate once per pair.
#[derive(Clone, Default)]
pub struct QueryPairs {
    /// Every key and value, back to back, in the order they were added.
    text: String,
    /// One span per pair: in key order, except inside a [`QueryWriter`]
    /// before `finish`, where they are in the order written.
    spans: Vec<Span>,
}

impl QueryPairs {
    /// Sorts `pairs` by key; pairs with equal keys keep their order.
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        let mut sorted = Self {
            text: String::with_capacity(pairs.iter().map(|(k, v)| k.len() + v.len()).sum()),
            spans: Vec::with_capacity(pairs.len()),
        };
        for (key, value) in &pairs {
            sorted.push_with(key, false, |out| out.push_str(value));
        }
        sorted.sort();
        sorted
    }

    /// The pairs, sorted by key, as `(key, value)`.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + DoubleEndedIterator + '_ {
        self.spans.iter().map(|span| self.pair(span))
    }

    /// The number of pairs.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// The pairs, sorted by key.
    pub fn into_vec(self) -> Vec<(String, String)> {
        self.iter()
            .map(|(key, value)| (key.to_string(), value.to_string()))
            .collect()
    }

    /// Adds a pair (a common parameter, say) and keeps the order: after
    /// every pair whose key is less than or equal to `key`.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        let key = key.into();
        let value = value.into();
        let at = self
            .spans
            .partition_point(|span| self.key(span) <= key.as_str());
        self.push_with(&key, false, |out| out.push_str(&value));
        if let Some(span) = self.spans.pop() {
            self.spans.insert(at, span);
        }
    }

    /// The value of `key`, if present (the first one, if the key repeats).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    /// Whether there are no pairs.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The pairs as `k=v&k=v`, each side percent-encoded per RFC 3986.
    pub fn to_query_string(&self) -> String {
        // The text's length plus `=` and `&` per pair is the length when
        // nothing needs escaping; the half again covers typical escapes
        // (`*` in masked ids, spaces) without a second pass to count them.
        let raw = self.text.len() + 2 * self.spans.len();
        let mut out = String::with_capacity(raw + raw / 2);
        for (index, span) in self.spans.iter().enumerate() {
            if index > 0 {
                out.push('&');
            }
            let (key, value) = self.pair(span);
            if span.key_unreserved {
                out.push_str(key);
            } else {
                encode_into(&mut out, key);
            }
            out.push('=');
            encode_into(&mut out, value);
        }
        out
    }

    #[inline]
    fn key(&self, span: &Span) -> &str {
        &self.text[span.start..span.split]
    }

    #[inline]
    fn pair(&self, span: &Span) -> (&str, &str) {
        (
            &self.text[span.start..span.split],
            &self.text[span.split..span.end],
        )
    }

    /// Adds a pair at the end, whatever its key: `value` appends the value's
    /// text straight into the shared buffer. `key_unreserved` says the key
    /// is known to need no percent-encoding.
    fn push_with(&mut self, key: &str, key_unreserved: bool, value: impl FnOnce(&mut String)) {
        let start = self.text.len();
        self.text.push_str(key);
        let split = self.text.len();
        value(&mut self.text);
        self.spans.push(Span {
            start,
            split,
            end: self.text.len(),
            key_unreserved,
        });
    }

    /// Puts the pairs in key order. A stable sort, so equal keys keep the
    /// order they were added in; skipped when they already are in order,
    /// which is how generated requests write them.
    fn sort(&mut self) {
        let text = &self.text;
        let key = |span: &Span| &text[span.start..span.split];
        if !self.spans.is_sorted_by(|a, b| key(a) <= key(b)) {
            self.spans.sort_by(|a, b| key(a).cmp(key(b)));
        }
    }
}

/// Equal when they hold the same pairs in the same order, however their
/// text is laid out.
impl PartialEq for QueryPairs {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for QueryPairs {}

impl fmt::Debug for QueryPairs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QueryPairs")
            .field("pairs", &self.iter().collect::<Vec<_>>())
            .finish()
    }
}

/// Whether `previous <= next` in byte order. A loop rather than slice
/// comparison: the keys compared differ within a byte or two, where a call
/// to `memcmp` costs more than the comparison.
#[inline]
fn in_order(previous: &[u8], next: &[u8]) -> bool {
    for (a, b) in previous.iter().zip(next) {
        if a != b {
            return a < b;
        }
    }
    previous.len() <= next.len()
}

/// `1..=n` in the byte order of their decimal text: for 25, `1, 10, 11, ...,
/// 19, 2, 20, ..., 25, 3, 4, ..., 9`.
///
/// Lists are written in this order so that their keys (`Tags.1`, `Tags.10`,
/// `Tags.2`) come out already sorted. It is a walk of the decimal trie: go
/// down (`k` to `10k`) while that stays within `n`, else to the next sibling
/// (`k + 1`), climbing first (`k / 10`) past a last digit or past `n`. No
/// allocation, and O(n) steps in all.
pub fn decimal_order(n: usize) -> impl Iterator<Item = usize> {
    let mut next = 1;
    (0..n).map(move |_| {
        let current = next;
        if current <= n / 10 {
            next = current * 10;
        } else {
            while next % 10 == 9 || next >= n {
                next /= 10;
            }
            next += 1;
        }
        current
    })
}

/// A value sent as the text of one pair.
pub trait QueryScalar {
    /// Appends the wire text of `self`.
    fn append_to(&self, out: &mut String);
}

/// An enum is sent as its wire value.
impl<T: crate::model::Enum> QueryScalar for T {
    fn append_to(&self, out: &mut String) {
        out.push_str(self.as_ref());
    }
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

macro_rules! integer_scalar {
    ($($ty:ty),*) => {$(
        /// The same text as `Display`, without the formatting machinery.
        impl QueryScalar for $ty {
            fn append_to(&self, out: &mut String) {
                out.push_str(itoa::Buffer::new().format(*self));
            }
        }
    )*};
}

integer_scalar!(i32, i64);

macro_rules! float_scalar {
    ($($ty:ty),*) => {$(
        impl QueryScalar for $ty {
            fn append_to(&self, out: &mut String) {
                // Writing a number into a String cannot fail.
                let _ = write!(out, "{self}");
            }
        }
    )*};
}

float_scalar!(f32, f64);

macro_rules! scalar_to_query {
    ($($ty:ty),*) => {$(
        impl ToQuery for $ty {
            fn write_query(&self, writer: &mut QueryWriter) {
                writer.scalar(self);
            }
        }
    )*};
}

scalar_to_query!(i32, i64, f32, f64);

impl<T: crate::model::Enum> ToQuery for T {
    fn write_query(&self, writer: &mut QueryWriter) {
        writer.scalar(self);
    }
}

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

/// Lists are written as `Name.1`, `Name.2`, ... (the `repeatList` style),
/// visiting the items in [`decimal_order`] so that the keys are written
/// sorted.
impl<T: ToQuery> ToQuery for Vec<T> {
    fn write_query(&self, writer: &mut QueryWriter) {
        for index in decimal_order(self.len()) {
            let restore = writer.push_index(index);
            self[index - 1].write_query(writer);
            writer.truncate_key(restore);
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
        let keys: Vec<&str> = pairs.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["Filter.10.Key", "Filter.2.Key", "a", "b"]);
        assert_eq!(pairs.len(), 4);
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
    fn insert_goes_after_equal_keys_and_get_finds_the_first() {
        let mut pairs = QueryPairs::new(owned(&[("A", "1"), ("B", "x"), ("A", "2")]));
        pairs.insert("A", "3");
        pairs.insert("0", "first");
        pairs.insert("Z", "last");
        assert_eq!(
            pairs.clone().into_vec(),
            owned(&[
                ("0", "first"),
                ("A", "1"),
                ("A", "2"),
                ("A", "3"),
                ("B", "x"),
                ("Z", "last"),
            ])
        );
        assert_eq!(pairs.get("A"), Some("1"));
        assert_eq!(pairs.get("Z"), Some("last"));
        assert_eq!(pairs.get("Y"), None);
        assert!(!pairs.is_empty());
        assert!(QueryPairs::default().is_empty());
        assert_eq!(QueryPairs::default().len(), 0);
    }

    #[test]
    fn equality_and_debug_see_the_pairs_not_the_text_layout() {
        // Same pairs, text laid out in a different order.
        let mut inserted = QueryPairs::new(owned(&[("B", "2")]));
        inserted.insert("A", "1");
        let built = QueryPairs::new(owned(&[("A", "1"), ("B", "2")]));
        assert_eq!(inserted, built);
        assert_ne!(built, QueryPairs::new(owned(&[("A", "1"), ("B", "3")])));
        assert_ne!(built, QueryPairs::new(owned(&[("A", "1")])));
        assert_eq!(
            format!("{built:?}"),
            r#"QueryPairs { pairs: [("A", "1"), ("B", "2")] }"#
        );
    }

    #[test]
    fn query_string_encodes_keys_and_values() {
        let pairs = QueryPairs::new(owned(&[("K*", "a b&c=d"), ("E", "")]));
        assert_eq!(pairs.to_query_string(), "E=&K%2A=a%20b%26c%3Dd");
        assert_eq!(QueryPairs::default().to_query_string(), "");
    }

    #[test]
    fn query_string_outgrows_its_estimate_when_everything_is_escaped() {
        let value = "*".repeat(100);
        let pairs = QueryPairs::new(owned(&[("K", &value), ("L", "杭州")]));
        assert_eq!(
            pairs.to_query_string(),
            format!("K={}&L=%E6%9D%AD%E5%B7%9E", "%2A".repeat(100))
        );
    }

    /// `1..=n` sorted as text: what [`decimal_order`] must produce.
    fn sorted_as_text(n: usize) -> Vec<usize> {
        let mut indexes: Vec<usize> = (1..=n).collect();
        indexes.sort_by_key(|index| index.to_string());
        indexes
    }

    #[test]
    fn decimal_order_of_25_items() {
        assert_eq!(
            decimal_order(25).collect::<Vec<_>>(),
            [
                1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 2, 20, 21, 22, 23, 24, 25, 3, 4, 5, 6,
                7, 8, 9
            ]
        );
    }

    #[test]
    fn decimal_order_is_text_order_for_every_length_up_to_1200() {
        for n in 0..=1200 {
            assert_eq!(
                decimal_order(n).collect::<Vec<_>>(),
                sorted_as_text(n),
                "n = {n}"
            );
        }
        assert_eq!(
            decimal_order(101).take(4).collect::<Vec<_>>(),
            [1, 10, 100, 101]
        );
    }

    /// The keys `writer` holds, in the order written (before `finish`).
    fn written_keys(writer: &QueryWriter) -> Vec<String> {
        writer
            .pairs
            .iter()
            .map(|(key, _)| key.to_string())
            .collect()
    }

    #[test]
    fn lists_are_written_in_key_order_so_no_sort_is_needed() {
        for n in [1, 9, 10, 11, 25, 100, 101, 120] {
            let mut writer = QueryWriter::new();
            let values: Vec<String> = (1..=n).map(|index| format!("v{index}")).collect();
            writer.field("Value", &values);
            let written = written_keys(&writer);
            assert!(written.is_sorted(), "n = {n}: {written:?}");
            let pairs = pairs(writer);
            assert_eq!(pairs.len(), n);
            for (key, value) in &pairs {
                // Item i holds `v{i}`: the index in the key is the item's.
                assert_eq!(
                    key.strip_prefix("Value.").map(|i| format!("v{i}")),
                    Some(value.clone())
                );
            }
        }
    }

    #[test]
    fn nested_lists_are_written_in_key_order() {
        let filters: Vec<Filter> = (1..=12)
            .map(|index| Filter {
                key: Some(format!("k{index}")),
                values: (1..=11).map(|value| format!("{index}.{value}")).collect(),
            })
            .collect();
        let mut writer = QueryWriter::new();
        writer.field("Filter", &filters);
        let written = written_keys(&writer);
        assert!(written.is_sorted(), "{written:?}");
        assert_eq!(
            written[..3],
            ["Filter.1.Key", "Filter.1.Value.1", "Filter.1.Value.10"]
        );
        let pairs = writer.finish().unwrap();
        assert_eq!(pairs.get("Filter.12.Value.11"), Some("12.11"));
        assert_eq!(pairs.get("Filter.2.Key"), Some("k2"));
    }

    #[test]
    fn out_of_order_writes_are_sorted_and_equal_keys_keep_their_order() {
        let mut writer = QueryWriter::new();
        writer.field("B", "b");
        writer.field("A", "first");
        writer.field("C", "c");
        writer.field("A", "second");
        assert!(!written_keys(&writer).is_sorted());
        assert_eq!(
            pairs(writer),
            owned(&[("A", "first"), ("A", "second"), ("B", "b"), ("C", "c")])
        );
    }

    #[test]
    fn keys_that_share_a_prefix_sort_by_bytes_whatever_the_write_order() {
        // `-` (0x2D) sorts before `.` (0x2E), so `Tag-x` comes between the
        // scalar `Tag` and the list items `Tag.1`, `Tag.10`, `Tag.2`; `TagA`
        // comes after them all.
        let list: Vec<String> = (1..=10).map(|index| index.to_string()).collect();
        let expected = {
            let mut expected = vec![("Tag".to_string(), "scalar".to_string())];
            expected.push(("Tag-x".to_string(), "dash".to_string()));
            for index in [1, 10, 2, 3, 4, 5, 6, 7, 8, 9] {
                expected.push((format!("Tag.{index}"), index.to_string()));
            }
            expected.push(("TagA".to_string(), "letter".to_string()));
            expected
        };
        type Write = fn(&mut QueryWriter, &Vec<String>);
        let writes: [Write; 4] = [
            |writer, _| writer.field("Tag", "scalar"),
            |writer, _| writer.field("Tag-x", "dash"),
            |writer, list| writer.field("Tag", list),
            |writer, _| writer.field("TagA", "letter"),
        ];
        // Every order of the four writes gives the same pairs.
        for order in [
            [0, 1, 2, 3],
            [3, 2, 1, 0],
            [2, 0, 3, 1],
            [1, 3, 0, 2],
            [0, 2, 1, 3],
        ] {
            let mut writer = QueryWriter::new();
            for write in order {
                writes[write](&mut writer, &list);
            }
            assert_eq!(pairs(writer), expected, "order {order:?}");
        }
    }

    #[test]
    fn keys_with_bytes_to_escape_are_encoded_and_only_they() {
        let mut writer = QueryWriter::new();
        let map =
            std::collections::BTreeMap::from([("a b".to_string(), 1_i32), ("c".to_string(), 2)]);
        writer.field("Tag", &map);
        let nested = std::collections::BTreeMap::from([(
            "x*y".to_string(),
            Filter {
                key: Some("k".into()),
                values: vec!["v".into()],
            },
        )]);
        writer.field("M", &nested);
        writer.field("K&", "1");
        writer.field("Z", "z");
        let flags: Vec<(String, bool)> = writer
            .pairs
            .spans
            .iter()
            .map(|span| (writer.pairs.key(span).to_string(), span.key_unreserved))
            .collect();
        assert_eq!(
            flags,
            [
                ("Tag.a b".to_string(), false),
                ("Tag.c".to_string(), true),
                ("M.x*y.Key".to_string(), false),
                ("M.x*y.Value.1".to_string(), false),
                ("K&".to_string(), false),
                ("Z".to_string(), true),
            ]
        );
        assert_eq!(
            writer.finish().unwrap().to_query_string(),
            "K%26=1&M.x%2Ay.Key=k&M.x%2Ay.Value.1=v&Tag.a%20b=1&Tag.c=2&Z=z"
        );
    }

    #[test]
    fn the_order_check_agrees_with_a_full_sort_for_every_write_order() {
        // Writes whose keys share prefixes at every depth, with equal keys,
        // in every order of 5 writes (120 orders): the pairs must equal a
        // stable sort of what was written, and the writer must flag
        // exactly the orders that are not already sorted.
        let list: Vec<String> = (1..=11).map(|index| index.to_string()).collect();
        let filters = vec![Filter {
            key: Some("k".into()),
            values: vec!["a".into(), "b".into()],
        }];
        type Write = Box<dyn Fn(&mut QueryWriter)>;
        let writes: Vec<Write> = vec![
            Box::new(|writer| writer.field("Tag", "scalar")),
            Box::new(|writer| writer.field("Tag-x", "dash")),
            Box::new(move |writer| writer.field("Tag", &list)),
            Box::new(move |writer| writer.field("Tag", &filters)),
            Box::new(|writer| writer.field("Tag", "again")),
        ];
        let mut orders: Vec<Vec<usize>> = vec![vec![]];
        for _ in 0..writes.len() {
            let mut longer = Vec::new();
            for order in &orders {
                for write in (0..writes.len()).filter(|write| !order.contains(write)) {
                    let mut next = order.clone();
                    next.push(write);
                    longer.push(next);
                }
            }
            orders = longer;
        }
        assert_eq!(orders.len(), 120);
        for order in orders {
            let mut writer = QueryWriter::new();
            for &write in &order {
                writes[write](&mut writer);
            }
            let written = writer.pairs.clone().into_vec();
            let sorted = QueryPairs::new(written.clone());
            let keys: Vec<&String> = written.iter().map(|(key, _)| key).collect();
            assert_eq!(writer.unsorted, !keys.is_sorted(), "order {order:?}");
            assert_eq!(writer.finish().unwrap(), sorted, "order {order:?}");
        }
    }

    #[test]
    fn in_order_compares_bytes_then_lengths() {
        assert!(in_order(b"", b""));
        assert!(in_order(b"", b"a"));
        assert!(!in_order(b"a", b""));
        assert!(in_order(b"a", b"a"));
        assert!(in_order(b"-", b"."));
        assert!(!in_order(b".1", b"-x"));
        assert!(in_order(b"Key", b"Value"));
        assert!(!in_order(b"ab", b"a"));
    }

    #[test]
    fn integers_are_written_as_display_writes_them() {
        for value in [
            0,
            1,
            -1,
            9,
            10,
            99,
            100,
            12345,
            i64::from(i32::MAX),
            i64::from(i32::MIN),
        ] {
            let mut text = String::new();
            value.append_to(&mut text);
            assert_eq!(text, value.to_string());
        }
        for value in [i64::MIN, i64::MAX, -10] {
            let mut text = String::new();
            value.append_to(&mut text);
            assert_eq!(text, value.to_string());
        }
        for value in [i32::MIN, i32::MAX, -7] {
            let mut text = String::new();
            value.append_to(&mut text);
            assert_eq!(text, value.to_string());
        }
    }
}
