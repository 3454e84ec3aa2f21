//! Doc comments from spec text.
//!
//! Spec descriptions are plain text written for a web page. Before they go
//! into `///` comments, the few characters rustdoc would misread are
//! escaped: brackets (intra-doc links), angle brackets (HTML tags) and bare
//! URLs.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{ActionIr, Doc, ErrorIr, FieldIr, Location, Number, Rules, Style, TypeIr};

/// `#[doc = "..."]` attributes, one per line; prettyplease prints them as
/// `///` comments.
pub(crate) fn attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| doc_literal(line));
    quote! { #( #[doc = #lines] )* }
}

/// Inner `#![doc = "..."]` attributes for a module or crate.
pub(crate) fn inner_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| doc_literal(line));
    quote! { #( #![doc = #lines] )* }
}

/// One doc line, with the space that follows `///`, as a raw string
/// literal. syn and prettyplease read a raw literal back by slicing it; a
/// quoted one is escaped when built and unescaped twice, a character at a
/// time, which was 8% of a generation. A line a raw literal cannot hold (a
/// lone carriage return) falls back to a quoted one: the text is the same.
fn doc_literal(line: &str) -> Literal {
    let line = visible_controls(line);
    let line = line.as_str();
    let space = if line.is_empty() { "" } else { " " };
    // One more `#` than the longest run after a `"` in the line.
    let hashes = line
        .split('"')
        .skip(1)
        .map(|after| after.bytes().take_while(|&byte| byte == b'#').count())
        .max()
        .unwrap_or(0)
        + 1;
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{space}{line}\"{fence}")
        .parse()
        .unwrap_or_else(|_| Literal::string(&format!("{space}{line}")))
}

/// A doc line with the characters rustc or clippy refuse in doc comments
/// written as escapes: control characters (a lone carriage return, a tab,
/// a newline inside a value) and the Unicode controls that change the
/// direction of text (`U+202E`), which rustc denies in comments.
fn visible_controls(line: &str) -> String {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    };
    if !line.contains(hidden) {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

/// Spec text made safe for rustdoc, split into lines (at `\n`, `\r\n` or
/// a lone `\r`).
///
/// Markdown reads a line indented by four spaces (or a tab) as code, and
/// rustdoc would run that code as a doctest, so indentation is kept only up
/// to three spaces; a fence (`~~~`) is escaped like the backticks of one.
pub(crate) fn text_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text
        .split('\n')
        .flat_map(|line| line.strip_suffix('\r').unwrap_or(line).split('\r'))
        .map(|line| {
            let line = line.trim_end();
            let body = line.trim_start_matches([' ', '\t']);
            let indent: usize = line[..line.len() - body.len()]
                .chars()
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum();
            let body = match body.strip_prefix('~') {
                Some(rest) => format!("\\~{}", escape_line(rest)),
                None => escape_line(body),
            };
            format!("{}{body}", " ".repeat(indent.min(3)))
        })
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    lines
}

fn escape_line(line: &str) -> String {
    line.split(' ')
        .map(|word| {
            if word.contains("://") {
                format!("`{}`", word.replace('`', ""))
            } else {
                escape_markdown(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn escape_markdown(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '[' | ']' | '<' | '>' | '\\' | '`' | '*' | '_' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A value shown as inline code.
pub(crate) fn code(value: &str) -> String {
    if value.contains('`') {
        format!("`` {value} ``")
    } else {
        format!("`{value}`")
    }
}

/// The doc lines of a type or field: its description, then its default
/// and example as one paragraph.
pub(crate) fn doc_lines(doc: &Doc, fallback: &str) -> Vec<String> {
    let mut lines = description_lines(doc, fallback);
    push_facts(&mut lines, value_facts(doc));
    lines
}

/// The description, or `fallback` (a line built from facts) when the spec
/// has none.
fn description_lines(doc: &Doc, fallback: &str) -> Vec<String> {
    match &doc.text {
        Some(text) if is_described(doc) => text_lines(text),
        _ => vec![fallback.to_string()],
    }
}

fn is_described(doc: &Doc) -> bool {
    doc.text
        .as_ref()
        .is_some_and(|text| !text.trim().is_empty())
}

/// The default and the example, as sentences.
fn value_facts(doc: &Doc) -> Vec<String> {
    let mut facts = Vec::new();
    if let Some(default) = &doc.default {
        facts.push(format!(
            "Default (applied by the service when unset): {}.",
            code(default)
        ));
    }
    if let Some(example) = &doc.example {
        facts.push(format!("Example: {}.", code(example)));
    }
    facts
}

/// Appends `facts` as one paragraph, several sentences to a line, each
/// line kept to a readable width unless one sentence is longer alone.
fn push_facts(lines: &mut Vec<String>, facts: Vec<String>) {
    const WIDTH: usize = 90;
    if facts.is_empty() {
        return;
    }
    lines.push(String::new());
    let mut line = String::new();
    for fact in facts {
        if !line.is_empty() && line.len() + 1 + fact.len() > WIDTH {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&fact);
    }
    lines.push(line);
}

/// The opening lines of an action's docs: its summary, or, for an action
/// the spec does not describe, the one built from its name and operation
/// type.
pub(crate) fn action_summary_lines(action: &ActionIr) -> Vec<String> {
    match &action.summary {
        Some(summary) => text_lines(summary),
        None => vec![action.fact_summary.clone()],
    }
}

/// How to wait for an asynchronous action, in one line built from its
/// facts: "Asynchronous: poll `ListVSwitchCidrReservations` every 3 s, up
/// to 10 times."
pub(crate) fn async_line(action: &ActionIr) -> Option<String> {
    let asynchronous = action.asynchronous.as_ref()?;
    let mut line = format!("Asynchronous: poll {}", code(&asynchronous.poll));
    if let Some(seconds) = asynchronous.interval_seconds {
        line.push_str(&format!(" every {seconds} s"));
    }
    match asynchronous.max_polls {
        Some(1) => line.push_str(", once"),
        Some(polls) => line.push_str(&format!(", up to {polls} times")),
        None => {}
    }
    line.push('.');
    Some(line)
}

/// The documented error codes of an action, one item each: the code,
/// linked to its variant of the product's `ErrorCode`, and its HTTP
/// status; below it, each documented case that has a message or a
/// description.
pub(crate) fn error_code_lines(action: &ActionIr) -> Vec<String> {
    let codes = &action.error_code;
    if codes.codes.is_empty() {
        return Vec::new();
    }
    let enum_path = format!(
        "{}::{}",
        action.error_codes_crate,
        crate::ir::ERROR_CODE_TYPE
    );
    let mut lines = vec![format!(
        "Documented error codes (variants of [`{}`]({enum_path})), by HTTP status:",
        crate::ir::ERROR_CODE_TYPE
    )];
    lines.push(String::new());
    for code in &codes.codes {
        lines.push(format!(
            "- [{}]({enum_path}::{}): {}",
            self::code(&code.code),
            code.variant,
            statuses(code)
        ));
        for case in &code.cases {
            if case.message.is_none() && case.description.is_none() {
                continue;
            }
            let mut item = format!("  - HTTP {}", case.status);
            if let Some(message) = &case.message {
                item.push_str(&format!(": {}", text_lines(message).join(" ")));
            }
            if let Some(description) = &case.description {
                item.push_str(&format!(" ({})", text_lines(description).join(" ")));
            }
            lines.push(item);
        }
    }
    lines
}

/// `HTTP 404`, or `HTTP 400 or 404` for a code documented under two
/// statuses.
pub(crate) fn statuses(code: &ErrorIr) -> String {
    let mut statuses: Vec<u16> = Vec::new();
    for case in &code.cases {
        if !statuses.contains(&case.status) {
            statuses.push(case.status);
        }
    }
    let statuses: Vec<String> = statuses.iter().map(u16::to_string).collect();
    format!("HTTP {}", statuses.join(" or "))
}

/// A link to the action's page in the official API reference.
pub(crate) fn reference_line(action: &ActionIr) -> Option<String> {
    action
        .reference_url
        .as_ref()
        .map(|url| format!("API reference: <{url}>"))
}

/// What a value of `ty` is, in words, for docs built from facts.
pub(crate) fn type_words(ty: &TypeIr) -> String {
    match ty {
        TypeIr::String => "text".to_string(),
        TypeIr::I32 | TypeIr::I64 => "an integer".to_string(),
        TypeIr::F32 | TypeIr::F64 => "a number".to_string(),
        TypeIr::Bool => "`true` or `false`".to_string(),
        TypeIr::Enum(name) => format!("one of the values of [`{name}`]"),
        TypeIr::Struct(name) => format!("a [`{name}`]"),
        TypeIr::List(item) => format!("a list of {}", plural(item)),
        TypeIr::Map(value) => format!("a map from text to {}", plural(value)),
        TypeIr::Json => "any JSON value".to_string(),
    }
}

fn plural(ty: &TypeIr) -> String {
    match ty {
        TypeIr::String => "texts".to_string(),
        TypeIr::I32 | TypeIr::I64 => "integers".to_string(),
        TypeIr::F32 | TypeIr::F64 => "numbers".to_string(),
        TypeIr::Bool => "booleans".to_string(),
        TypeIr::Enum(name) | TypeIr::Struct(name) => format!("[`{name}`]s"),
        TypeIr::List(_) | TypeIr::Map(_) | TypeIr::Json => type_words(ty),
    }
}

/// The first doc line of a field the spec does not describe: what it is,
/// from its wire name and type.
pub(crate) fn field_fact_line(field: &FieldIr) -> String {
    format!("{}: {}.", code(&field.wire_name), type_words(&field.ty))
}

/// Where and how a request parameter is sent, in words, unless it is
/// the usual: one value in the query string, which the request's docs say
/// once.
fn placement(field: &FieldIr) -> Option<String> {
    let list_or_object = matches!(
        field.ty,
        TypeIr::List(_) | TypeIr::Map(_) | TypeIr::Struct(_)
    );
    let wire = &field.wire_name;
    let form = match (field.style, &field.ty) {
        (Style::Json, _) => Some("as one JSON text".to_string()),
        (Style::Simple, _) => Some("as one comma-separated text".to_string()),
        (Style::Flat, TypeIr::List(item)) if matches!(item.as_ref(), TypeIr::Struct(_)) => Some(
            format!("as one parameter per value (`{wire}.1.<field>`, `{wire}.2.<field>`, ...)"),
        ),
        (Style::Flat, TypeIr::List(_)) => Some(format!(
            "as one parameter per item (`{wire}.1`, `{wire}.2`, ...)"
        )),
        (Style::Flat, _) if list_or_object => Some(format!(
            "as one parameter per value (`{wire}.<field>`, ...)"
        )),
        (Style::Flat, _) => None,
    };
    match (field.location, form) {
        (Location::Query, None) => None,
        (Location::Query, Some(form)) => Some(format!("Sent {form}.")),
        (Location::Body, None) => Some("Sent in the form body.".to_string()),
        (Location::Body, Some(form)) => Some(format!("Sent in the form body, {form}.")),
    }
}

/// The doc lines of a request field, shown on its builder's setter: the
/// description, then its facts as one paragraph: wire name (unless the
/// first line, built from facts, starts with it), whether it is required,
/// placement (for a parameter, `top`), rules, default and example.
pub(crate) fn request_field_lines(field: &FieldIr, top: bool) -> Vec<String> {
    let mut lines = description_lines(&field.doc, &field_fact_line(field));
    let mut facts = Vec::new();
    if is_described(&field.doc) {
        facts.push(format!("Wire name: {}.", code(&field.wire_name)));
    }
    match (field.required, &field.ty) {
        (true, TypeIr::List(_)) => facts.push("Required: at least one item.".to_string()),
        (true, _) => facts.push("Required.".to_string()),
        (false, _) => {}
    }
    if top {
        facts.extend(placement(field));
    }
    facts.extend(rule_lines(&field.rules));
    facts.extend(
        rule_lines(&field.item_rules)
            .into_iter()
            .map(|line| format!("Each item: {}", lower_first(&line))),
    );
    facts.extend(values_line(field));
    if field.deprecated {
        facts.push("Deprecated in the API docs.".to_string());
    }
    facts.extend(value_facts(&field.doc));
    push_facts(&mut lines, facts);
    lines
}

/// The doc lines of a request field's getter: the first paragraph of its
/// description (the setter has the rest and the facts).
pub(crate) fn request_getter_lines(field: &FieldIr) -> Vec<String> {
    let mut lines = description_lines(&field.doc, &field_fact_line(field));
    if let Some(end) = lines.iter().position(String::is_empty) {
        lines.truncate(end);
    }
    lines
}

/// The doc lines of a response field: the description, then its wire name
/// (unless the first line, built from facts, starts with it), how a list
/// is wrapped, and its default and example.
pub(crate) fn response_field_lines(field: &FieldIr) -> Vec<String> {
    let mut lines = description_lines(&field.doc, &field_fact_line(field));
    let described = is_described(&field.doc);
    let mut facts = Vec::new();
    match &field.wrapped {
        Some(item) => {
            let wrapped = code(&format!("{{\"{item}\": [...]}}"));
            facts.push(if described {
                format!(
                    "Wire name: {}, a list sent wrapped as {wrapped}.",
                    code(&field.wire_name)
                )
            } else {
                format!("A list sent wrapped as {wrapped}.")
            });
        }
        None if described => facts.push(format!("Wire name: {}.", code(&field.wire_name))),
        None => {}
    }
    facts.extend(values_line(field));
    if field.deprecated {
        // Not `#[deprecated]`: the field must still be read and written.
        facts.push("Deprecated in the API docs.".to_string());
    }
    facts.extend(value_facts(&field.doc));
    push_facts(&mut lines, facts);
    lines
}

/// The documented values of an enum field (or of a list's items), as one
/// sentence; other values are still accepted and sent.
fn values_line(field: &FieldIr) -> Option<String> {
    if field.values.is_empty() {
        return None;
    }
    let values: Vec<String> = field.values.iter().map(|value| code(value)).collect();
    let whose = if matches!(field.ty, TypeIr::List(_)) {
        "Documented item values"
    } else {
        "Documented values"
    };
    Some(format!("{whose}: {}.", values.join(", ")))
}

fn lower_first(line: &str) -> String {
    let mut chars = line.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// The rules in words, one line each, as `build()` checks them.
pub(crate) fn rule_lines(rules: &Rules) -> Vec<String> {
    let number = |number: &Number| match number {
        Number::Int(value) => value.to_string(),
        Number::Float(value) => value.to_string(),
    };
    let mut lines = Vec::new();
    match (&rules.minimum, &rules.maximum) {
        (Some(minimum), Some(maximum)) => lines.push(format!(
            "Between {} and {}.",
            number(minimum),
            number(maximum)
        )),
        (Some(minimum), None) => lines.push(format!("At least {}.", number(minimum))),
        (None, Some(maximum)) => lines.push(format!("At most {}.", number(maximum))),
        (None, None) => {}
    }
    match (rules.min_length, rules.max_length) {
        (Some(minimum), Some(maximum)) => lines.push(format!("{minimum} to {maximum} characters.")),
        (Some(minimum), None) => lines.push(format!("At least {minimum} characters.")),
        (None, Some(maximum)) => lines.push(format!("At most {maximum} characters.")),
        (None, None) => {}
    }
    match (rules.min_items, rules.max_items) {
        (Some(minimum), Some(maximum)) => lines.push(format!("{minimum} to {maximum} items.")),
        (Some(minimum), None) => lines.push(format!("At least {minimum} items.")),
        (None, Some(maximum)) => lines.push(format!("At most {maximum} items.")),
        (None, None) => {}
    }
    if let Some(pattern) = &rules.pattern {
        lines.push(format!("Matches {}.", code(pattern)));
    }
    if !rules.forbidden_prefixes.is_empty() {
        let prefixes: Vec<String> = rules
            .forbidden_prefixes
            .iter()
            .map(|prefix| code(prefix))
            .collect();
        lines.push(format!("Must not start with {}.", prefixes.join(" or ")));
    }
    if !rules.forbidden_substrings.is_empty() {
        let substrings: Vec<String> = rules
            .forbidden_substrings
            .iter()
            .map(|substring| code(substring))
            .collect();
        lines.push(format!("Must not contain {}.", substrings.join(" or ")));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_keep_their_text_whatever_quotes_and_hashes_they_hold() {
        for line in [
            "",
            "plain",
            "a \"quote\"",
            "\"#tag\"##",
            "ends with \"",
            "\\ and \r alone",
        ] {
            let literal = doc_literal(line);
            let parsed: syn::LitStr = syn::parse2(quote!(#literal)).unwrap();
            let expected = if line.is_empty() {
                String::new()
            } else {
                format!(" {}", visible_controls(line))
            };
            assert_eq!(parsed.value(), expected, "{literal}");
        }
    }

    #[test]
    fn rustdoc_specials_are_escaped() {
        assert_eq!(
            text_lines("See [DescribeRegions](~~36063~~) <b>now</b>"),
            ["See \\[DescribeRegions\\](~~36063~~) \\<b\\>now\\</b\\>"]
        );
    }

    #[test]
    fn urls_become_code() {
        assert_eq!(
            text_lines("cannot contain http:// or https://."),
            ["cannot contain `http://` or `https://.`"]
        );
    }

    #[test]
    fn indented_lines_do_not_become_code() {
        assert_eq!(
            text_lines("Run:\n\n    cargo run\n\tx = 1\n  - item\n~~~\nok"),
            [
                "Run:",
                "",
                "   cargo run",
                "   x = 1",
                "  - item",
                "\\~~~",
                "ok"
            ]
            .map(str::to_string)
        );
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        assert_eq!(text_lines("a\rb\r\nc"), ["a", "b", "c"]);
    }

    #[test]
    fn controls_and_direction_marks_are_shown_as_escapes() {
        assert_eq!(visible_controls("a\u{202e}b\tc\rd"), "a\\u{202e}b\\tc\\rd");
        assert_eq!(visible_controls("plain"), "plain");
    }

    #[test]
    fn blank_edges_are_trimmed() {
        assert_eq!(text_lines("\n\nA\n\nB\n\n"), ["A", "", "B"]);
    }

    #[test]
    fn rules_in_words() {
        let rules = Rules {
            maximum: Some(Number::Int(50)),
            max_items: Some(5),
            forbidden_prefixes: vec!["aliyun".into(), "acs:".into()],
            ..Rules::default()
        };
        assert_eq!(
            rule_lines(&rules),
            [
                "At most 50.",
                "At most 5 items.",
                "Must not start with `aliyun` or `acs:`."
            ]
        );
    }
}
