//! The small XML reader the sample checks use: a document into a tree of
//! elements with their text, as the generated models read XML (names
//! without namespace prefixes, attributes ignored), refusing a document
//! that is not well formed or nests too deep.

/// One XML element: its name, its child elements and its text.
#[derive(Debug, Default)]
pub(super) struct Element {
    pub(super) name: String,
    pub(super) children: Vec<Element>,
    pub(super) text: String,
}

/// The most elements nested in each other that an XML sample may have.
const MAX_XML_DEPTH: usize = 128;

/// Reads an XML document into its one root element, or says why it is not
/// a well-formed document with one root.
pub(super) fn xml_tree(text: &str) -> Result<Element, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|error| format!("{error} (at byte {})", reader.error_position()))?;
        let name_of = |name: quick_xml::name::QName<'_>| {
            let local = name.local_name();
            let local: &str = local.as_ref();
            local.to_string()
        };
        let finished = match event {
            Event::Start(start) => {
                if root.is_some() {
                    return Err("a second root element (expected exactly one)".to_string());
                }
                if open.len() >= MAX_XML_DEPTH {
                    return Err(format!(
                        "elements nest more than {MAX_XML_DEPTH} levels deep (the limit)"
                    ));
                }
                open.push(Element {
                    name: name_of(start.name()),
                    ..Element::default()
                });
                None
            }
            Event::Empty(empty) => Some(Element {
                name: name_of(empty.name()),
                ..Element::default()
            }),
            Event::End(_) => open.pop(),
            Event::Text(content) => {
                let content = content.xml10_content();
                match open.last_mut() {
                    Some(element) => element.text.push_str(&content),
                    None if content.trim().is_empty() => {}
                    None => return Err("text outside the root element".to_string()),
                }
                None
            }
            Event::CData(content) => {
                if let Some(element) = open.last_mut() {
                    let content: &str = content.as_ref();
                    element.text.push_str(content);
                }
                None
            }
            Event::GeneralRef(reference) => {
                if let Some(element) = open.last_mut() {
                    element.text.push('&');
                    let reference: &str = reference.as_ref();
                    element.text.push_str(reference);
                    element.text.push(';');
                }
                None
            }
            Event::Eof => {
                if !open.is_empty() {
                    return Err(format!(
                        "the document ends inside <{}> (expected its closing tag)",
                        open.last()
                            .map(|element| element.name.as_str())
                            .unwrap_or_default()
                    ));
                }
                return root.ok_or_else(|| "no root element (expected one)".to_string());
            }
            _ => None,
        };
        if let Some(element) = finished {
            match open.last_mut() {
                Some(parent) => parent.children.push(element),
                None if root.is_some() => {
                    return Err("a second root element (expected exactly one)".to_string());
                }
                None => root = Some(element),
            }
        }
    }
}
