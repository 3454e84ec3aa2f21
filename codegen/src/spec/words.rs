//! The spec's words that take one of a few values (`type`, `format`, `in`,
//! `style`, methods), as enums.
//!
//! The serde model keeps them as text, so that the checker can report a
//! wrong one with its JSON path and the accepted values; the checker reads
//! them with `parse`, and the checked model holds the enums.

/// An enum of spec words, with every value and its spelling.
macro_rules! words {
    (
        $(#[$doc:meta])*
        $name:ident { $($(#[$variant_doc:meta])* $variant:ident = $text:literal,)* }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$variant_doc])* $variant,)*
        }

        impl $name {
            /// Every spelling, in the order messages list them.
            pub const NAMES: &[&str] = &[$($text),*];

            /// The value spelled exactly `text`, if any.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some(Self::$variant),)*
                    _ => None,
                }
            }

            /// The value as the spec spells it.
            pub fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                }
            }
        }
    };
}

words! {
    /// A schema's `type`.
    SchemaType {
        /// `string`.
        String = "string",
        /// `integer`.
        Integer = "integer",
        /// `number`.
        Number = "number",
        /// `boolean`.
        Boolean = "boolean",
        /// `array`.
        Array = "array",
        /// `object`.
        Object = "object",
    }
}

words! {
    /// A schema's `format`: the width of an integer or a number.
    Format {
        /// `int32`.
        Int32 = "int32",
        /// `int64`.
        Int64 = "int64",
        /// `float`.
        Float = "float",
        /// `double`.
        Double = "double",
    }
}

impl Format {
    /// The spellings of the formats `ty` may have.
    pub fn names_for(ty: SchemaType) -> &'static [&'static str] {
        match ty {
            SchemaType::Integer => &["int32", "int64"],
            SchemaType::Number => &["float", "double"],
            SchemaType::String | SchemaType::Boolean | SchemaType::Array | SchemaType::Object => {
                &[]
            }
        }
    }
}

words! {
    /// A parameter's `in`: where it is sent.
    Location {
        /// `query`.
        Query = "query",
        /// `body`.
        Body = "body",
        /// `formData`.
        FormData = "formData",
    }
}

words! {
    /// A parameter's `style`: how a list or an object is flattened.
    Style {
        /// `repeatList`: `Name.1=a&Name.2=b`.
        RepeatList = "repeatList",
        /// `flat`: dotted keys.
        Flat = "flat",
        /// `json`: one pair holding the JSON text.
        Json = "json",
        /// `simple`: list items joined by commas.
        Simple = "simple",
    }
}

words! {
    /// An HTTP method of an action, in lower case (the spec's case does
    /// not matter: see [`Method::parse_any_case`]).
    Method {
        /// `GET`.
        Get = "get",
        /// `POST`.
        Post = "post",
        /// `PUT`.
        Put = "put",
        /// `DELETE`.
        Delete = "delete",
    }
}

impl Method {
    /// The method spelled `text` in any case: the official metadata writes
    /// both `post` and `POST`.
    pub fn parse_any_case(text: &str) -> Option<Self> {
        Self::parse(&text.to_ascii_lowercase())
    }

    /// The method as sent on the wire: `POST`.
    pub fn wire(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

words! {
    /// An action's `x-operation-type`: what it does to its resource, as
    /// the API metadata's `systemTags.operationType` says.
    OperationType {
        /// `get`: reads one resource.
        Get = "get",
        /// `list`: reads several.
        List = "list",
        /// `create`.
        Create = "create",
        /// `update`.
        Update = "update",
        /// `delete`.
        Delete = "delete",
        /// `none`: none of these.
        None = "none",
    }
}

words! {
    /// A product's API `style`. Only RPC is generated so far; ROA would be
    /// a second variant that the emitters must then handle.
    ApiStyle {
        /// `RPC`: the action name and parameters in the query or form.
        Rpc = "RPC",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses_back() {
        for name in SchemaType::NAMES {
            assert_eq!(SchemaType::parse(name).map(SchemaType::name), Some(*name));
        }
        for name in Format::NAMES {
            assert_eq!(Format::parse(name).map(Format::name), Some(*name));
        }
        for name in Location::NAMES {
            assert_eq!(Location::parse(name).map(Location::name), Some(*name));
        }
        for name in Style::NAMES {
            assert_eq!(Style::parse(name).map(Style::name), Some(*name));
        }
        for name in OperationType::NAMES {
            assert_eq!(
                OperationType::parse(name).map(OperationType::name),
                Some(*name)
            );
        }
        assert_eq!(Method::parse_any_case("POST"), Some(Method::Post));
        assert_eq!(Method::parse("POST"), None);
        assert_eq!(SchemaType::parse("String"), None);
    }

    #[test]
    fn formats_fit_their_types() {
        for name in Format::names_for(SchemaType::Integer)
            .iter()
            .chain(Format::names_for(SchemaType::Number))
        {
            assert!(Format::parse(name).is_some());
        }
    }
}
