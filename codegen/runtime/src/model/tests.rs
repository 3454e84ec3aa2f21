//! The shared reader and writer on hand-written field tables, shaped like
//! the ones the generator emits.

use super::*;

/// A response-like struct: every field optional, unknown names skipped.
#[derive(Debug, Default, PartialEq)]
struct Sample {
    count: Option<i32>,
    ok: Option<bool>,
    tags: Option<Vec<String>>,
    ids: Option<Vec<i64>>,
    sizes: Option<Vec<f64>>,
    color: Option<Color>,
    nested: Option<Inner>,
}

#[derive(Debug, Default, PartialEq)]
struct Inner {
    name: Option<String>,
}

impl Model for Sample {
    fn field(&self, index: usize) -> Option<(&'static str, Slot<'_>)> {
        Some(match index {
            0 => ("Count", optional(&self.count)),
            1 => ("Ok", optional(&self.ok)),
            2 => ("Tags", wrapped("Tag", &self.tags)),
            3 => ("Ids", wrapped("Id", &self.ids)),
            4 => ("Sizes", optional(&self.sizes)),
            5 => ("Color", optional(&self.color)),
            6 => ("Nested", optional(&self.nested)),
            _ => return None,
        })
    }
}

impl ModelMut for Sample {
    fn field_mut(&mut self, name: &str) -> Option<SlotMut<'_>> {
        Some(match name {
            "Count" => SlotMut::Optional(&mut self.count),
            "Ok" => SlotMut::Optional(&mut self.ok),
            "Tags" => SlotMut::Wrapped("Tag", &mut self.tags),
            "Ids" => SlotMut::Wrapped("Id", &mut self.ids),
            "Sizes" => SlotMut::Optional(&mut self.sizes),
            "Color" => SlotMut::Optional(&mut self.color),
            "Nested" => SlotMut::Optional(&mut self.nested),
            _ => return None,
        })
    }
}

impl Model for Inner {
    fn field(&self, index: usize) -> Option<(&'static str, Slot<'_>)> {
        (index == 0).then(|| ("Name", optional(&self.name)))
    }
}

impl ModelMut for Inner {
    fn field_mut(&mut self, name: &str) -> Option<SlotMut<'_>> {
        (name == "Name").then_some(SlotMut::Optional(&mut self.name))
    }
}

impl Item for Inner {
    type Kind = Nested;
}

/// An open enum as the generator writes them: unknown text is kept.
#[derive(Debug, PartialEq)]
enum Color {
    Red,
    Unknown(String),
}

impl From<&str> for Color {
    fn from(text: &str) -> Self {
        match text {
            "Red" => Color::Red,
            other => Color::Unknown(other.to_owned()),
        }
    }
}

impl From<String> for Color {
    fn from(text: String) -> Self {
        Color::from(text.as_str())
    }
}

impl AsRef<str> for Color {
    fn as_ref(&self) -> &str {
        match self {
            Color::Red => "Red",
            Color::Unknown(text) => text,
        }
    }
}

impl Enum for Color {}

/// A request-like struct: a name it does not know is an error.
#[derive(Debug, Default)]
struct Strict {
    id: Option<String>,
}

impl ModelMut for Strict {
    fn field_mut(&mut self, name: &str) -> Option<SlotMut<'_>> {
        (name == "Id").then_some(SlotMut::Optional(&mut self.id))
    }
    fn known_fields(&self) -> Option<&'static [&'static str]> {
        Some(&["Id"])
    }
}

fn read_json(json: &str) -> Result<Sample, serde_json::Error> {
    let mut sample = Sample::default();
    from_json(json, &mut sample)?;
    Ok(sample)
}

fn read_xml(xml: &str) -> Sample {
    let mut sample = Sample::default();
    from_xml(xml, &mut sample).unwrap();
    sample
}

#[test]
fn wrapped_lists_read_and_write_wrapped() {
    let json = r#"{"Tags":{"Tag":["a","b"]},"Ids":{"Id":[1,"2"]}}"#;
    let sample = read_json(json).unwrap();
    assert_eq!(sample.tags, Some(vec!["a".to_string(), "b".to_string()]));
    assert_eq!(sample.ids, Some(vec![1, 2]));
    assert_eq!(
        to_json(&sample).unwrap(),
        r#"{"Tags":{"Tag":["a","b"]},"Ids":{"Id":[1,2]}}"#
    );
}

#[test]
fn empty_wrapped_list_stays_empty_and_absent_stays_absent() {
    let sample = read_json(r#"{"Tags":{"Tag":[]}}"#).unwrap();
    assert_eq!(sample.tags, Some(vec![]));
    assert_eq!(sample.ids, None);
    assert_eq!(to_json(&sample).unwrap(), r#"{"Tags":{"Tag":[]}}"#);
    assert_eq!(to_json(&Sample::default()).unwrap(), "{}");
}

#[test]
fn wrapper_ignores_other_keys_and_reads_null_as_empty() {
    let sample = read_json(r#"{"Tags":{"Other":1,"Tag":["x"]},"Ids":null}"#).unwrap();
    assert_eq!(sample.tags, Some(vec!["x".to_string()]));
    assert_eq!(sample.ids, Some(vec![]));
}

#[test]
fn unknown_fields_are_skipped_in_responses() {
    let sample = read_json(r#"{"New":{"deep":[1,{"x":2}]},"Count":3}"#).unwrap();
    assert_eq!(sample.count, Some(3));
}

#[test]
fn unknown_fields_are_refused_in_requests() {
    let mut strict = Strict::default();
    let error = from_json(r#"{"Id":"a","Idd":"b"}"#, &mut strict).unwrap_err();
    assert!(error.to_string().contains("unknown field `Idd`"), "{error}");
}

#[test]
fn numbers_and_booleans_may_be_strings() {
    let sample = read_json(r#"{"Count":"7","Ok":"true","Sizes":[1.5,"2.5",3]}"#).unwrap();
    assert_eq!(
        (sample.count, sample.ok, sample.sizes),
        (Some(7), Some(true), Some(vec![1.5, 2.5, 3.0]))
    );
}

#[test]
fn bad_values_are_errors_not_panics() {
    for json in [
        r#"{"Count":"seven"}"#,
        r#"{"Count":4294967296}"#,
        r#"{"Count":1.5}"#,
        r#"{"Ok":"yes"}"#,
        r#"{"Tags":["not","wrapped"]}"#,
        r#"{"Tags":{"Tag":[[1]]}}"#,
        r#"{"Tags":{"Tag":[{"a":1}]}}"#,
        r#"{"Nested":"text"}"#,
        r#"{"Sizes":["NaN"]}"#,
        r#"{"Sizes":["inf"]}"#,
        r#"{"Sizes":["-Infinity"]}"#,
        r#"{"Sizes":[1e400]}"#,
        r#"{"Sizes":["1e400"]}"#,
        r#"{"Count":1"#,
        r#"{"Count":1} trailing"#,
    ] {
        let error = read_json(json).unwrap_err();
        assert!(
            error.is_data() || error.is_syntax() || error.is_eof(),
            "{json}: {error}"
        );
    }
}

#[test]
fn enums_keep_unknown_values() {
    let sample = read_json(r#"{"Color":"Mauve"}"#).unwrap();
    assert_eq!(sample.color, Some(Color::Unknown("Mauve".into())));
    assert_eq!(to_json(&sample).unwrap(), r#"{"Color":"Mauve"}"#);
    assert_eq!(
        read_json(r#"{"Color":"Red"}"#).unwrap().color,
        Some(Color::Red)
    );
    // A number where the docs list text values is kept as its text.
    assert_eq!(
        read_json(r#"{"Color":1}"#).unwrap().color,
        Some(Color::Unknown("1".into()))
    );
    assert!(read_json(r#"{"Color":[1]}"#).is_err());
}

#[test]
fn text_fields_take_numbers_and_booleans_as_their_text() {
    let sample = read_json(
        r#"{"Tags":{"Tag":[20, false, -3, 18446744073709551615, 2.5]},"Nested":{"Name":7}}"#,
    )
    .unwrap();
    assert_eq!(
        sample.tags.as_deref(),
        Some(&["20", "false", "-3", "18446744073709551615", "2.5"].map(String::from)[..])
    );
    assert_eq!(sample.nested.unwrap().name.as_deref(), Some("7"));
}

#[test]
fn null_list_items_are_empty_values_in_place() {
    let sample =
        read_json(r#"{"Tags":{"Tag":[null,"a"]},"Ids":{"Id":[1,null]},"Sizes":[null]}"#).unwrap();
    assert_eq!(
        sample.tags.as_deref(),
        Some(&["".to_string(), "a".to_string()][..])
    );
    assert_eq!(sample.ids.as_deref(), Some(&[1, 0][..]));
    assert_eq!(sample.sizes.as_deref(), Some(&[0.0][..]));
}

#[test]
fn non_finite_floats_are_refused_with_a_clear_error() {
    let error = read_json(r#"{"Sizes":["NaN"]}"#).unwrap_err();
    assert!(error.to_string().contains("a finite number"), "{error}");
    let error = read_json(r#"{"Sizes":[1e400]}"#).unwrap_err();
    assert!(error.is_data() || error.is_syntax(), "{error}");
}

#[test]
fn nested_models_and_null_fields() {
    let sample = read_json(r#"{"Nested":{"Name":"n"},"Count":null}"#).unwrap();
    assert_eq!(
        sample.nested,
        Some(Inner {
            name: Some("n".into())
        })
    );
    assert_eq!(sample.count, None);
    assert_eq!(to_json(&sample).unwrap(), r#"{"Nested":{"Name":"n"}}"#);
}

#[test]
fn xml_reads_text_as_numbers_and_empty_wrappers_as_empty_lists() {
    let sample = read_xml(
        "<Root><Count>7</Count><Ok>false</Ok><Tags/><Ids><Id>1</Id><Id>2</Id></Ids>\
         <Nested><Name>n</Name></Nested><Color>Red</Color></Root>",
    );
    assert_eq!(sample.count, Some(7));
    assert_eq!(sample.ok, Some(false));
    assert_eq!(sample.tags, Some(vec![]));
    assert_eq!(sample.ids, Some(vec![1, 2]));
    assert_eq!(
        sample.nested,
        Some(Inner {
            name: Some("n".into())
        })
    );
    assert_eq!(sample.color, Some(Color::Red));
}

#[test]
fn xml_round_trips_through_the_same_tables() {
    let sample = Sample {
        count: Some(2),
        tags: Some(vec!["a".into(), "b c".into()]),
        ids: Some(vec![5]),
        nested: Some(Inner {
            name: Some("<n&>".into()),
        }),
        ..Sample::default()
    };
    let xml = to_xml("Root", &sample).unwrap();
    assert_eq!(
        xml,
        "<Root><Count>2</Count><Tags><Tag>a</Tag><Tag>b c</Tag></Tags><Ids><Id>5</Id></Ids>\
         <Nested><Name>&lt;n&amp;&gt;</Name></Nested></Root>"
    );
    assert_eq!(read_xml(&xml), sample);
}

#[test]
fn json_writer_and_serde_impl_write_the_same_text() {
    struct Serde<'a>(&'a Sample);
    impl serde::Serialize for Serde<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serialize(self.0, serializer)
        }
    }
    let full = read_json(
        r#"{"Count":1,"Ok":true,"Tags":{"Tag":[]},"Ids":{"Id":[1]},"Sizes":[],"Color":"Red","Nested":{}}"#,
    )
    .unwrap();
    let awkward = Sample {
        tags: Some(vec![
            "quote \" slash \\ tab \t nul \u{0} é 漢 😀".into(),
            String::new(),
        ]),
        ids: Some(vec![i64::MIN, i64::MAX]),
        sizes: Some(vec![0.1, -0.0, 1e300, f64::NAN, f64::INFINITY]),
        color: Some(Color::Unknown("</Color>".into())),
        nested: Some(Inner { name: None }),
        ..Sample::default()
    };
    for sample in [Sample::default(), full, awkward] {
        assert_eq!(
            to_json(&sample).unwrap(),
            serde_json::to_string(&Serde(&sample)).unwrap()
        );
    }
    assert_eq!(to_json(&Sample::default()).unwrap(), "{}");
}

/// `Debug` through the field table, as generated structs use it.
struct Shown<'a>(&'a Sample);

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        debug(self.0, f)
    }
}

#[test]
fn debug_shows_set_fields_by_wire_name_with_nested_values_expanded() {
    let sample = Sample {
        count: Some(2),
        tags: Some(vec!["a".into(), "b\"".into()]),
        sizes: Some(vec![]),
        color: Some(Color::Unknown("Teal".into())),
        nested: Some(Inner {
            name: Some("x".into()),
        }),
        ..Sample::default()
    };
    assert_eq!(
        format!("{:?}", Shown(&sample)),
        r#"Sample { Count: 2, Tags: ["a", "b\""], Sizes: [], Color: "Teal", Nested: Inner { Name: "x" } }"#
    );
    assert_eq!(format!("{:?}", Shown(&Sample::default())), "Sample");
}
