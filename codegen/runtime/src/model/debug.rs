//! `Debug` for generated structs and enums, written once.
//!
//! A derived `Debug` is a function per struct whose body grows with the
//! fields, and rustc type-checks and borrow-checks each one; in a crate of
//! hundreds of actions they were the largest single cost of the build. A
//! generated struct's `Debug` calls [`debug`] instead, which walks its
//! field table: the set fields by wire name, nested structs and lists
//! expanded, unset ones left out.

use std::fmt;

use super::{Model, ScalarValue, Slot};

/// Writes `model` as `Name { WireName: value, .. }`, skipping unset fields.
///
/// The value of a field whose wire name marks a secret ([`is_secret`]:
/// `Psk`, `*Password*`, `*Secret*`, `SecurityToken`) is shown as `***`,
/// so that logging a request never shows a pre-shared key or a password.
pub fn debug(model: &dyn Model, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let name = model.type_name();
    let name = name.rsplit("::").next().unwrap_or(name);
    let mut out = f.debug_struct(name);
    let mut index = 0;
    while let Some((wire_name, slot)) = model.field(index) {
        if !matches!(slot, Slot::Absent) {
            if is_secret(wire_name) {
                out.field(wire_name, &format_args!("***"));
            } else {
                out.field(wire_name, &SlotDebug(slot));
            }
        }
        index += 1;
    }
    out.finish()
}

/// Whether a field's wire name marks a secret: it ends with `Psk`
/// (pre-shared keys), or contains `Password` or `Secret`, or is
/// `SecurityToken` (any case).
pub fn is_secret(wire_name: &str) -> bool {
    let lower = wire_name.to_ascii_lowercase();
    lower.ends_with("psk")
        || lower.contains("password")
        || lower.contains("secret")
        || lower == "securitytoken"
}

/// Writes a generated enum's value: a documented one as it is sent
/// (`VpcId`), any other as `Unknown("...")`, the variant that holds it.
///
/// Generated enums call this from their `Debug` instead of deriving it: a
/// derived `Debug` is a `match` arm per variant, type-checked per enum.
pub fn debug_enum(value: &str, documented: &[&str], f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if documented.contains(&value) {
        f.write_str(value)
    } else {
        f.debug_tuple("Unknown").field(&value).finish()
    }
}

/// A field's value, formatted as `Debug` would format the value it holds.
struct SlotDebug<'a>(Slot<'a>);

impl fmt::Debug for SlotDebug<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Slot::Absent => f.write_str("None"),
            Slot::Scalar(value) => match value {
                ScalarValue::Text(text) => fmt::Debug::fmt(text, f),
                ScalarValue::I32(number) => fmt::Debug::fmt(&number, f),
                ScalarValue::I64(number) => fmt::Debug::fmt(&number, f),
                ScalarValue::F32(number) => fmt::Debug::fmt(&number, f),
                ScalarValue::F64(number) => fmt::Debug::fmt(&number, f),
                ScalarValue::Bool(value) => fmt::Debug::fmt(&value, f),
            },
            Slot::Model(model) => debug(model, f),
            Slot::List(items) | Slot::Wrapped(_, items) => f
                .debug_list()
                .entries((0..items.len()).map(|index| SlotDebug(items.item(index))))
                .finish(),
            Slot::Map(entries) => f
                .debug_map()
                .entries(entries.entries().map(|(key, slot)| (key, SlotDebug(slot))))
                .finish(),
            Slot::Json(value) => fmt::Debug::fmt(value, f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Value(&'static str);

    impl fmt::Debug for Value {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            debug_enum(self.0, &["VpcId", "Status"], f)
        }
    }

    #[test]
    fn secret_names() {
        for name in [
            "Psk",
            "psk",
            "IkePsk",
            "Password",
            "DbPassword",
            "AccessKeySecret",
            "SecurityToken",
        ] {
            assert!(is_secret(name), "{name}");
        }
        for name in ["PskVersion", "ClientToken", "Description", "IkeVersion"] {
            assert!(!is_secret(name), "{name}");
        }
    }

    #[test]
    fn documented_values_read_as_sent_and_others_as_unknown() {
        assert_eq!(format!("{:?}", Value("VpcId")), "VpcId");
        assert_eq!(format!("{:?}", Value("vpcid")), "Unknown(\"vpcid\")");
        assert_eq!(format!("{:?}", Value("")), "Unknown(\"\")");
    }
}
