//! The checks a request builder runs before a request can exist.
//!
//! Generated `build()` methods call a [`Validator`] once per documented rule
//! and get back every broken rule at once, each naming the field by its wire
//! path (`Filter.6`, `Tags.1.Key`) so the message matches what the server
//! would say and what the query holds.

use std::fmt;

/// Where a field sits in a request, by wire names and 1-based indexes.
///
/// Paths are built on the stack as the validator walks the request and are
/// only rendered to text when a rule is broken.
#[derive(Debug, Clone, Copy)]
pub enum FieldPath<'a> {
    /// The request itself.
    Root,
    /// A named field of `parent`.
    Field(&'a FieldPath<'a>, &'static str),
    /// The item at a 1-based index of the list at `parent`.
    Index(&'a FieldPath<'a>, usize),
}

impl<'a> FieldPath<'a> {
    /// The named field below this path.
    pub fn field(&'a self, name: &'static str) -> FieldPath<'a> {
        FieldPath::Field(self, name)
    }

    /// The list item at the 0-based `offset` below this path (rendered 1-based).
    pub fn index(&'a self, offset: usize) -> FieldPath<'a> {
        FieldPath::Index(self, offset + 1)
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Root => Ok(()),
            FieldPath::Field(FieldPath::Root, name) => f.write_str(name),
            FieldPath::Field(parent, name) => write!(f, "{parent}.{name}"),
            FieldPath::Index(FieldPath::Root, index) => write!(f, "{index}"),
            FieldPath::Index(parent, index) => write!(f, "{parent}.{index}"),
        }
    }
}

/// A bound in a rule, as the docs give it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// An integer bound or value.
    Int(i64),
    /// A floating-point bound or value.
    Float(f64),
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bound::Int(value) => write!(f, "{value}"),
            Bound::Float(value) => write!(f, "{value}"),
        }
    }
}

/// A documented rule that a value broke.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Rule {
    /// A required field was not set.
    Required,
    /// A number is below the documented minimum.
    Minimum {
        /// The smallest allowed value.
        minimum: Bound,
        /// The value given.
        actual: Bound,
    },
    /// A number is above the documented maximum.
    Maximum {
        /// The largest allowed value.
        maximum: Bound,
        /// The value given.
        actual: Bound,
    },
    /// A string has fewer characters than allowed.
    MinLength {
        /// The fewest characters allowed.
        minimum: usize,
        /// The number of characters given.
        actual: usize,
    },
    /// A string has more characters than allowed.
    MaxLength {
        /// The most characters allowed.
        maximum: usize,
        /// The number of characters given.
        actual: usize,
    },
    /// A list has fewer items than allowed.
    MinItems {
        /// The fewest items allowed.
        minimum: usize,
        /// The number of items given.
        actual: usize,
    },
    /// A list has more items than allowed.
    MaxItems {
        /// The most items allowed.
        maximum: usize,
        /// The number of items given.
        actual: usize,
    },
    /// A string does not match the documented pattern.
    Pattern {
        /// The regular expression it must match.
        pattern: &'static str,
    },
    /// A string starts with a prefix the docs forbid.
    ForbiddenPrefix {
        /// The forbidden prefix.
        prefix: &'static str,
    },
    /// A string contains a substring the docs forbid.
    ForbiddenSubstring {
        /// The forbidden substring.
        substring: &'static str,
    },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Required => f.write_str("is required but was not set"),
            Rule::Minimum { minimum, actual } => {
                write!(f, "must be at least {minimum}, got {actual}")
            }
            Rule::Maximum { maximum, actual } => {
                write!(f, "must be at most {maximum}, got {actual}")
            }
            Rule::MinLength { minimum, actual } => {
                write!(f, "must have at least {minimum} characters, got {actual}")
            }
            Rule::MaxLength { maximum, actual } => {
                write!(f, "must have at most {maximum} characters, got {actual}")
            }
            Rule::MinItems { minimum, actual } => {
                write!(f, "must have at least {minimum} items, got {actual}")
            }
            Rule::MaxItems { maximum, actual } => {
                write!(f, "must have at most {maximum} items, got {actual}")
            }
            Rule::Pattern { pattern } => write!(f, "must match the pattern `{pattern}`"),
            Rule::ForbiddenPrefix { prefix } => write!(f, "must not start with {prefix:?}"),
            Rule::ForbiddenSubstring { substring } => write!(f, "must not contain {substring:?}"),
        }
    }
}

/// One broken rule and the field that broke it.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    field: String,
    rule: Rule,
}

impl Violation {
    /// The wire path of the field, such as `Filter.6` or `Tags.1.Key`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The rule that was broken.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.field, self.rule)
    }
}

/// Why a request could not be built: every documented rule it breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildError {
    request: &'static str,
    violations: Vec<Violation>,
}

impl BuildError {
    /// The Rust name of the request type that could not be built.
    pub fn request(&self) -> &'static str {
        self.request
    }

    /// Every broken rule, in field order. Never empty.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: ", self.request)?;
        for (index, violation) in self.violations.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for BuildError {}

/// Collects broken rules while a builder checks its fields.
#[derive(Debug)]
pub struct Validator {
    request: &'static str,
    violations: Vec<Violation>,
    /// Whether documented limits are checked, or only required fields
    /// ([`Validator::required_only`]).
    limits: bool,
}

impl Validator {
    /// A validator for the request type named `request`.
    pub fn new(request: &'static str) -> Self {
        Self {
            request,
            violations: Vec::new(),
            limits: true,
        }
    }

    /// A validator that records only [`Rule::Required`] and ignores every
    /// documented limit (range, length, item count, pattern, forbidden
    /// prefix or substring): what a builder's `build_unchecked()` uses.
    pub fn required_only(request: &'static str) -> Self {
        Self {
            limits: false,
            ..Self::new(request)
        }
    }

    /// Records that a rule was broken at `path`; a limit is dropped by a
    /// [`Validator::required_only`].
    pub fn report(&mut self, path: &FieldPath<'_>, rule: Rule) {
        if !self.limits && !matches!(rule, Rule::Required) {
            return;
        }
        self.violations.push(Violation {
            field: path.to_string(),
            rule,
        });
    }

    /// Passes a required value through, recording [`Rule::Required`] if it
    /// is missing.
    pub fn required<T>(&mut self, path: &FieldPath<'_>, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.report(path, Rule::Required);
        }
        value
    }

    /// Checks an integer against its documented bounds.
    pub fn int_range(
        &mut self,
        path: &FieldPath<'_>,
        value: i64,
        minimum: Option<i64>,
        maximum: Option<i64>,
    ) {
        if let Some(minimum) = minimum.filter(|minimum| value < *minimum) {
            self.report(
                path,
                Rule::Minimum {
                    minimum: Bound::Int(minimum),
                    actual: Bound::Int(value),
                },
            );
        }
        if let Some(maximum) = maximum.filter(|maximum| value > *maximum) {
            self.report(
                path,
                Rule::Maximum {
                    maximum: Bound::Int(maximum),
                    actual: Bound::Int(value),
                },
            );
        }
    }

    /// Checks a floating-point number against its documented bounds.
    pub fn float_range(
        &mut self,
        path: &FieldPath<'_>,
        value: f64,
        minimum: Option<f64>,
        maximum: Option<f64>,
    ) {
        if let Some(minimum) = minimum.filter(|minimum| value < *minimum) {
            self.report(
                path,
                Rule::Minimum {
                    minimum: Bound::Float(minimum),
                    actual: Bound::Float(value),
                },
            );
        }
        if let Some(maximum) = maximum.filter(|maximum| value > *maximum) {
            self.report(
                path,
                Rule::Maximum {
                    maximum: Bound::Float(maximum),
                    actual: Bound::Float(value),
                },
            );
        }
    }

    /// Checks the length of a string in characters (not bytes), as the docs
    /// count it.
    pub fn length(
        &mut self,
        path: &FieldPath<'_>,
        value: &str,
        minimum: Option<usize>,
        maximum: Option<usize>,
    ) {
        let actual = value.chars().count();
        if let Some(minimum) = minimum.filter(|minimum| actual < *minimum) {
            self.report(path, Rule::MinLength { minimum, actual });
        }
        if let Some(maximum) = maximum.filter(|maximum| actual > *maximum) {
            self.report(path, Rule::MaxLength { maximum, actual });
        }
    }

    /// Checks the number of items in a list.
    ///
    /// An empty list sends nothing: it is the list not given, so its
    /// minimum does not apply (a required list is refused empty by its own
    /// rule).
    pub fn items(
        &mut self,
        path: &FieldPath<'_>,
        actual: usize,
        minimum: Option<usize>,
        maximum: Option<usize>,
    ) {
        let given = actual > 0;
        if let Some(minimum) = minimum.filter(|minimum| given && actual < *minimum) {
            self.report(path, Rule::MinItems { minimum, actual });
        }
        if let Some(maximum) = maximum.filter(|maximum| actual > *maximum) {
            self.report(path, Rule::MaxItems { maximum, actual });
        }
    }

    /// Checks that a string does not start with any of `prefixes`.
    pub fn forbidden_prefixes(
        &mut self,
        path: &FieldPath<'_>,
        value: &str,
        prefixes: &[&'static str],
    ) {
        for prefix in prefixes.iter().filter(|prefix| value.starts_with(**prefix)) {
            self.report(path, Rule::ForbiddenPrefix { prefix });
        }
    }

    /// Checks that a string contains none of `substrings`.
    pub fn forbidden_substrings(
        &mut self,
        path: &FieldPath<'_>,
        value: &str,
        substrings: &[&'static str],
    ) {
        for substring in substrings
            .iter()
            .filter(|substring| value.contains(**substring))
        {
            self.report(path, Rule::ForbiddenSubstring { substring });
        }
    }

    /// Checks that a string matches `pattern` as a whole.
    ///
    /// The generator has already compiled every pattern, so a pattern that
    /// fails to compile here can only mean a mismatch between crate
    /// versions; it is reported as a broken rule rather than a panic.
    pub fn pattern(&mut self, path: &FieldPath<'_>, value: &str, pattern: &'static str) {
        if !self.limits {
            return;
        }
        let anchored = format!("^(?:{pattern})$");
        let matches = regex_lite::Regex::new(&anchored).is_ok_and(|regex| regex.is_match(value));
        if !matches {
            self.report(path, Rule::Pattern { pattern });
        }
    }

    /// Whether no rule has been broken so far.
    pub fn is_ok(&self) -> bool {
        self.violations.is_empty()
    }

    /// Ends validation: `Ok` if no rule was broken.
    pub fn finish(self) -> Result<(), BuildError> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(self.into_error())
        }
    }

    /// The error holding every violation recorded so far.
    pub fn into_error(self) -> BuildError {
        BuildError {
            request: self.request,
            violations: self.violations,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_as_wire_keys() {
        let root = FieldPath::Root;
        let tags = root.field("Tags");
        let second = tags.index(1);
        let key = second.field("Key");
        assert_eq!(key.to_string(), "Tags.2.Key");
        assert_eq!(tags.to_string(), "Tags");
    }

    #[test]
    fn every_violation_is_collected_in_order() {
        let mut validator = Validator::new("ExampleRequest");
        let root = FieldPath::Root;
        assert_eq!(
            validator.required(&root.field("RegionId"), None::<String>),
            None
        );
        validator.int_range(&root.field("PageSize"), 51, None, Some(50));
        validator.items(&root.field("Filter"), 6, None, Some(5));
        let error = validator.finish().unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid ExampleRequest: RegionId is required but was not set; \
             PageSize must be at most 50, got 51; Filter must have at most 5 items, got 6"
        );
        assert_eq!(
            error.violations()[1].rule(),
            &Rule::Maximum {
                maximum: Bound::Int(50),
                actual: Bound::Int(51)
            }
        );
    }

    #[test]
    fn required_only_keeps_missing_fields_and_drops_limits() {
        let mut validator = Validator::required_only("ExampleRequest");
        let root = FieldPath::Root;
        validator.required(&root.field("RegionId"), None::<String>);
        validator.int_range(&root.field("PageSize"), 5000, None, Some(50));
        validator.length(&root.field("Name"), "", Some(2), None);
        validator.pattern(&root.field("Name"), "x", "[0-9]+");
        validator.forbidden_prefixes(&root.field("Key"), "aliyun-x", &["aliyun"]);
        assert_eq!(
            validator.finish().unwrap_err().to_string(),
            "invalid ExampleRequest: RegionId is required but was not set"
        );
        let mut validator = Validator::required_only("ExampleRequest");
        validator.items(&root.field("Filter"), 6, None, Some(5));
        assert!(validator.finish().is_ok());
    }

    #[test]
    fn bounds_are_inclusive() {
        let mut validator = Validator::new("R");
        let root = FieldPath::Root;
        validator.int_range(&root.field("N"), 50, Some(1), Some(50));
        validator.int_range(&root.field("N"), 1, Some(1), Some(50));
        validator.float_range(&root.field("F"), 0.5, Some(0.5), Some(0.5));
        validator.length(&root.field("S"), "ab", Some(2), Some(2));
        validator.items(&root.field("L"), 5, Some(5), Some(5));
        assert!(validator.finish().is_ok());
    }

    #[test]
    fn below_minimum_is_reported() {
        let mut validator = Validator::new("R");
        let root = FieldPath::Root;
        validator.int_range(&root.field("N"), 0, Some(1), None);
        validator.float_range(&root.field("F"), 0.25, Some(0.5), None);
        validator.items(&root.field("L"), 1, Some(2), None);
        // An empty list is a list not given: nothing to count.
        validator.items(&root.field("E"), 0, Some(1), None);
        let rules: Vec<String> = validator
            .into_error()
            .violations()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            rules,
            [
                "N must be at least 1, got 0",
                "F must be at least 0.5, got 0.25",
                "L must have at least 2 items, got 1"
            ]
        );
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        let mut validator = Validator::new("R");
        let root = FieldPath::Root;
        validator.length(&root.field("Name"), "杭州", None, Some(2));
        assert!(validator.is_ok());
        validator.length(&root.field("Name"), "", Some(1), None);
        assert_eq!(
            validator.into_error().violations()[0].rule(),
            &Rule::MinLength {
                minimum: 1,
                actual: 0
            }
        );
    }

    #[test]
    fn forbidden_prefixes_and_substrings() {
        let mut validator = Validator::new("R");
        let root = FieldPath::Root;
        validator.forbidden_prefixes(&root.field("Key"), "aliyun-x", &["aliyun", "acs:"]);
        validator.forbidden_prefixes(&root.field("Key"), "my-aliyun", &["aliyun", "acs:"]);
        validator.forbidden_substrings(
            &root.field("Key"),
            "see https://x",
            &["http://", "https://"],
        );
        let messages: Vec<String> = validator
            .into_error()
            .violations()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            messages,
            [
                "Key must not start with \"aliyun\"",
                "Key must not contain \"https://\""
            ]
        );
    }

    #[test]
    fn patterns_match_the_whole_value() {
        let mut validator = Validator::new("R");
        let root = FieldPath::Root;
        validator.pattern(&root.field("Id"), "vpc-123", "vpc-[0-9]+");
        assert!(validator.is_ok());
        validator.pattern(&root.field("Id"), "xvpc-123", "vpc-[0-9]+");
        assert_eq!(validator.into_error().violations()[0].field(), "Id");
    }
}
