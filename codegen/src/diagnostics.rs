//! Problems found in spec files, each naming the file, the JSON path and
//! what was expected, so a maintainer can fix them without reading the
//! generator.

use std::fmt;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation goes on; the spec was repaired in an obvious way.
    Warning,
    /// Generation stops.
    Error,
}

/// One problem in one spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the repository root, with `/` separators.
    pub file: String,
    /// A JSON pointer into the file (`/parameters/3/schema/type`); empty for
    /// the whole file.
    pub pointer: String,
    /// What is wrong and what was expected.
    pub message: String,
    /// Whether generation can go on.
    pub severity: Severity,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            f.write_str("warning: ")?;
        }
        if self.pointer.is_empty() {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(
                f,
                "{}: {}: {}",
                self.file,
                visible(&self.pointer),
                self.message
            )
        }
    }
}

/// `text` with control characters and text-direction marks written as
/// escapes, so that a key holding them cannot garble the terminal.
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
    };
    if !text.contains(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Every problem found so far, errors and warnings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records an error.
    pub fn error(&mut self, file: &str, pointer: &str, message: impl Into<String>) {
        self.push(file, pointer, message.into(), Severity::Error);
    }

    /// Records a warning.
    pub fn warning(&mut self, file: &str, pointer: &str, message: impl Into<String>) {
        self.push(file, pointer, message.into(), Severity::Warning);
    }

    fn push(&mut self, file: &str, pointer: &str, message: String, severity: Severity) {
        self.items.push(Diagnostic {
            file: file.to_string(),
            pointer: pointer.to_string(),
            message,
            severity,
        });
    }

    /// Whether any error (not only warnings) was recorded.
    pub fn has_errors(&self) -> bool {
        self.items
            .iter()
            .any(|item| item.severity == Severity::Error)
    }

    /// How many errors (not warnings) were recorded.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|item| item.severity == Severity::Error)
            .count()
    }

    /// Every problem, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Adds every problem of `other`.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Just the warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .filter(|item| item.severity == Severity::Warning)
    }
}

impl fmt::Display for Diagnostics {
    /// One problem per line, sorted by file then order of discovery.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| a.file.cmp(&b.file));
        for item in items {
            writeln!(f, "{item}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Appends a JSON pointer segment, escaping `~` and `/` as RFC 6901 says.
pub fn pointer_join(base: &str, segment: &str) -> String {
    let escaped = segment.replace('~', "~0").replace('/', "~1");
    format!("{base}/{escaped}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_pointer_and_message() {
        let mut diagnostics = Diagnostics::default();
        diagnostics.error(
            "api-specs/vpc/B.json",
            "/parameters/3/schema/type",
            "unknown type \"strng\"",
        );
        diagnostics.warning("api-specs/vpc/A.json", "", "something odd");
        assert!(diagnostics.has_errors());
        assert_eq!(
            diagnostics.to_string(),
            "warning: api-specs/vpc/A.json: something odd\n\
             api-specs/vpc/B.json: /parameters/3/schema/type: unknown type \"strng\"\n"
        );
    }

    #[test]
    fn invisible_characters_in_a_pointer_are_shown_as_escapes() {
        let mut diagnostics = Diagnostics::default();
        diagnostics.error("a.json", "/properties/A\u{202e}B", "wrong");
        assert_eq!(
            diagnostics.to_string(),
            "a.json: /properties/A\\u{202e}B: wrong\n"
        );
    }

    #[test]
    fn pointer_segments_are_escaped() {
        assert_eq!(pointer_join("/properties", "a/b~c"), "/properties/a~1b~0c");
    }
}
