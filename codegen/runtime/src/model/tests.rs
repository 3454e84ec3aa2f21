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
    name: Option<String>,
    labels: Option<BTreeMap<String, String>>,
    received: Received,
}

#[derive(Debug, Default, PartialEq)]
struct Inner {
    name: Option<String>,
    received: Received,
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
            7 => ("Name", optional(&self.name)),
            8 => ("Labels", optional(&self.labels)),
            _ => return None,
        })
    }
    fn received(&self) -> Option<&Received> {
        Some(&self.received)
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
            "Name" => SlotMut::Optional(&mut self.name),
            "Labels" => SlotMut::Optional(&mut self.labels),
            _ => return None,
        })
    }
    fn received_mut(&mut self) -> Option<&mut Received> {
        Some(&mut self.received)
    }
}

impl Model for Inner {
    fn field(&self, index: usize) -> Option<(&'static str, Slot<'_>)> {
        (index == 0).then(|| ("Name", optional(&self.name)))
    }
    fn received(&self) -> Option<&Received> {
        Some(&self.received)
    }
}

impl ModelMut for Inner {
    fn field_mut(&mut self, name: &str) -> Option<SlotMut<'_>> {
        (name == "Name").then_some(SlotMut::Optional(&mut self.name))
    }
    fn received_mut(&mut self) -> Option<&mut Received> {
        Some(&mut self.received)
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
        r#"{"Tags":{"Tag":["a","b"]},"Ids":{"Id":[1,"2"]}}"#
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
            name: Some("n".into()),
            ..Inner::default()
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
            name: Some("n".into()),
            ..Inner::default()
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
            ..Inner::default()
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

/// A sample written through serde, as the `serde` feature's impls do.
struct Serde<'a>(&'a Sample);

impl serde::Serialize for Serde<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize(self.0, serializer)
    }
}

#[test]
fn json_writer_and_serde_impl_write_the_same_text() {
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
        nested: Some(Inner::default()),
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
            ..Inner::default()
        }),
        ..Sample::default()
    };
    assert_eq!(
        format!("{:?}", Shown(&sample)),
        r#"Sample { Count: 2, Tags: ["a", "b\""], Sizes: [], Color: "Teal", Nested: Inner { Name: "x" } }"#
    );
    assert_eq!(format!("{:?}", Shown(&Sample::default())), "Sample");
}

/// Reads `json`, writes it back and checks that the text is the same.
#[track_caller]
fn assert_json_kept(json: &str) -> Sample {
    let sample = read_json(json).unwrap();
    assert_eq!(to_json(&sample).unwrap(), json);
    sample
}

#[test]
fn text_fields_sent_as_numbers_or_booleans_are_written_back_as_sent() {
    for (json, text) in [
        (r#"{"Name":20}"#, "20"),
        (r#"{"Name":-3}"#, "-3"),
        (r#"{"Name":18446744073709551615}"#, "18446744073709551615"),
        (r#"{"Name":2.5}"#, "2.5"),
        (r#"{"Name":1e-7}"#, "1e-7"),
        (r#"{"Name":false}"#, "false"),
        (r#"{"Name":true}"#, "true"),
    ] {
        let sample = assert_json_kept(json);
        assert_eq!(sample.name.as_deref(), Some(text), "{json}");
        assert!(!sample.received.is_empty(), "{json}");
    }
    // An enum, a text value all the same.
    let sample = assert_json_kept(r#"{"Color":1}"#);
    assert_eq!(sample.color, Some(Color::Unknown("1".into())));
    // Text sent as text notes nothing.
    assert!(assert_json_kept(r#"{"Name":"20"}"#).received.is_empty());
}

#[test]
fn numbers_and_booleans_sent_as_text_are_written_back_as_text() {
    let sample = assert_json_kept(r#"{"Count":"1","Ok":"true"}"#);
    assert_eq!((sample.count, sample.ok), (Some(1), Some(true)));
    // The text as sent, even where it is not the value's own text.
    let sample = assert_json_kept(r#"{"Count":" 7 ","Ok":"True","Sizes":["3","2.50",1.5,4]}"#);
    assert_eq!((sample.count, sample.ok), (Some(7), Some(true)));
    assert_eq!(sample.sizes.as_deref(), Some(&[3.0, 2.5, 1.5, 4.0][..]));
    // Sent as documented: nothing noted.
    assert!(
        assert_json_kept(r#"{"Count":1,"Ok":false,"Sizes":[1.5]}"#)
            .received
            .is_empty()
    );
}

#[test]
fn list_items_keep_the_type_each_was_sent_with() {
    let sample = assert_json_kept(r#"{"Tags":{"Tag":["a",5,true,"",2.5]},"Ids":{"Id":[1,"2",3]}}"#);
    assert_eq!(
        sample.tags.as_deref(),
        Some(&["a", "5", "true", "", "2.5"].map(String::from)[..])
    );
    assert_eq!(sample.ids.as_deref(), Some(&[1, 2, 3][..]));
    let mut many = (0..300).map(|index| index.to_string()).collect::<Vec<_>>();
    many[7] = "\"7\"".into();
    many[250] = "\"250\"".into();
    assert_json_kept(&format!(r#"{{"Ids":{{"Id":[{}]}}}}"#, many.join(",")));
}

#[test]
fn nested_structs_and_maps_keep_their_own_types() {
    let sample = assert_json_kept(r#"{"Count":"2","Nested":{"Name":7},"Name":"x"}"#);
    assert_eq!(sample.nested.as_ref().unwrap().name.as_deref(), Some("7"));
    assert!(!sample.nested.as_ref().unwrap().received.is_empty());
    assert_json_kept(r#"{"Labels":{"a":1,"b":"x","c":false}}"#);
}

#[test]
fn xml_notes_nothing_and_writes_as_before() {
    let xml = "<Root><Count>7</Count><Ok>true</Ok><Tags><Tag>5</Tag></Tags>\
               <Nested><Name>7</Name></Nested><Name>20</Name></Root>";
    let sample = read_xml(xml);
    assert!(sample.received.is_empty());
    assert!(sample.nested.as_ref().unwrap().received.is_empty());
    assert_eq!(to_xml("Root", &sample).unwrap(), xml);
    assert_eq!(
        to_json(&sample).unwrap(),
        r#"{"Count":7,"Ok":true,"Tags":{"Tag":["5"]},"Nested":{"Name":"7"},"Name":"20"}"#
    );
    // A JSON read written as XML: the text is the same either way.
    let sample = read_json(r#"{"Count":" 7","Name":20}"#).unwrap();
    assert_eq!(
        to_xml("Root", &sample).unwrap(),
        "<Root><Count> 7</Count><Name>20</Name></Root>"
    );
}

#[test]
fn values_built_by_hand_are_written_with_the_documented_types() {
    let sample = Sample {
        count: Some(1),
        ok: Some(true),
        name: Some("20".into()),
        tags: Some(vec!["5".into()]),
        nested: Some(Inner {
            name: Some("true".into()),
            ..Inner::default()
        }),
        ..Sample::default()
    };
    assert_eq!(
        to_json(&sample).unwrap(),
        r#"{"Count":1,"Ok":true,"Tags":{"Tag":["5"]},"Nested":{"Name":"true"},"Name":"20"}"#
    );
    // And equal to the same values read with other JSON types.
    let read = read_json(
        r#"{"Count":"1","Ok":"true","Tags":{"Tag":[5]},"Nested":{"Name":true},"Name":20}"#,
    )
    .unwrap();
    assert_eq!(read, sample);
}

#[test]
fn a_value_changed_after_reading_is_written_as_it_now_reads() {
    let mut sample = read_json(r#"{"Name":20,"Count":" 7","Sizes":[3]}"#).unwrap();
    sample.name = Some("twenty".into());
    sample.count = Some(8);
    sample.sizes = Some(vec![3.5]);
    assert_eq!(
        to_json(&sample).unwrap(),
        r#"{"Count":"8","Sizes":[3.5],"Name":"twenty"}"#
    );
    sample.received.clear();
    assert_eq!(
        to_json(&sample).unwrap(),
        r#"{"Count":8,"Sizes":[3.5],"Name":"twenty"}"#
    );
}

#[test]
fn the_serde_writer_keeps_the_types_sent_too() {
    let json = r#"{"Count":"1","Tags":{"Tag":[5,false]},"Sizes":[3],"Nested":{"Name":7},"Name":18446744073709551615,"Labels":{"a":1}}"#;
    let sample = read_json(json).unwrap();
    assert_eq!(serde_json::to_string(&Serde(&sample)).unwrap(), json);
    // Read through serde (the `serde` feature's `Deserialize`), too.
    let mut again = Sample::default();
    de::read_model(&mut serde_json::Deserializer::from_str(json), &mut again).unwrap();
    assert_eq!(to_json(&again).unwrap(), json);
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut from_value = Sample::default();
    de::read_model(value, &mut from_value).unwrap();
    assert_eq!(to_json(&from_value).unwrap(), json);
}
