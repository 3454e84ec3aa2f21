//! The one place that turns wire names into Rust names.
//!
//! heck's word splitting reads Alibaba's names wrongly (`VSwitchId` becomes
//! `v_switch_id`, `IPv6Address` `i_pv6_address`, `CIDRs` `cid_rs`), so words
//! are split here with three extra rules, and heck only joins them:
//!
//! 1. an acronym followed by a lone `s` keeps it (`CIDRs`, `IPs`);
//! 2. an acronym followed by `v` and a digit is a version (`IPv6`);
//! 3. a single capital before a capitalised word is a prefix of that word
//!    (`VSwitch`, `VRouter`), and a single capital ending a name belongs to
//!    the word before it (`QoS`).
//!
//! Rust keywords become raw identifiers (`r#type`), the few that cannot be
//! raw get a trailing `_`, and a leading digit gets a leading `_`.

use heck::ToSnakeCase;

/// The words of a wire name, in their original case.
pub fn words(name: &str) -> Vec<String> {
    split_words(name)
        .into_iter()
        .map(|word| word.text)
        .collect()
}

/// A word, and whether it was made by joining a single capital to the word
/// after it (`V` + `Switch`), in which case its case is kept as written.
struct Word {
    text: String,
    prefixed: bool,
}

fn split_words(name: &str) -> Vec<Word> {
    let mut words: Vec<String> = Vec::new();
    for part in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
    {
        words.extend(split_part(part));
    }
    merge_single_capitals(words)
}

/// Splits a run of ASCII letters and digits at case changes.
fn split_part(part: &str) -> Vec<String> {
    let chars: Vec<char> = part.chars().collect();
    let mut words = Vec::new();
    let mut start = 0;
    let mut index = 1;
    while index < chars.len() {
        let (previous, current) = (chars[index - 1], chars[index]);
        let next = chars.get(index + 1).copied();
        let boundary = if current.is_ascii_uppercase() {
            // `ab|C` and `6|C` start a word; inside `ABC` only the last
            // capital of a run followed by a lower-case letter does, unless
            // the run is an acronym with a plural `s` or a version `v6`.
            previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase()
                    && next.is_some_and(|next| next.is_ascii_lowercase())
                    && !is_acronym_suffix(&chars, index + 1))
        } else {
            // Digits stay with the letters before them (`Ipv6`, `Ecs2`).
            false
        };
        if boundary {
            words.push(chars[start..index].iter().collect());
            start = index;
        }
        index += 1;
    }
    words.push(chars[start..].iter().collect());
    words
}

/// Whether the lower-case letters from `at` read as part of the acronym
/// before them: a lone plural `s`, or `v` plus a digit.
fn is_acronym_suffix(chars: &[char], at: usize) -> bool {
    let after = |offset: usize| chars.get(at + offset).copied();
    let ends_word =
        |c: Option<char>| c.is_none_or(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    // The acronym's last capital is at `at - 1`; it only counts as an
    // acronym if there are at least two capitals.
    let two_capitals = at >= 2 && chars[at - 2].is_ascii_uppercase();
    if !two_capitals {
        return false;
    }
    (after(0) == Some('s') && ends_word(after(1)))
        || (after(0) == Some('v') && after(1).is_some_and(|c| c.is_ascii_digit()))
}

fn merge_single_capitals(words: Vec<String>) -> Vec<Word> {
    let mut merged: Vec<Word> = Vec::with_capacity(words.len());
    let mut pending: Option<String> = None;
    let count = words.len();
    for (index, word) in words.into_iter().enumerate() {
        let single_capital = word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase());
        if let Some(prefix) = pending.take() {
            merged.push(Word {
                text: prefix + &word,
                prefixed: true,
            });
        } else if single_capital && index + 1 < count {
            pending = Some(word);
        } else if let (true, Some(last)) = (single_capital, merged.last_mut()) {
            last.text.push_str(&word);
        } else {
            merged.push(Word {
                text: word,
                prefixed: false,
            });
        }
    }
    merged
}

/// The snake_case Rust name for a field, method or module: `VSwitchId` →
/// `vswitch_id`.
pub fn snake(name: &str) -> String {
    let joined = words(name)
        .iter()
        .map(|word| word.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    escape(joined.to_snake_case(), "field")
}

/// The UpperCamelCase Rust name for a type or variant: `IPv6Address` →
/// `Ipv6Address`, `VSwitchId` → `VSwitchId`.
pub fn pascal(name: &str) -> String {
    let joined: String = split_words(name).iter().map(pascal_word).collect();
    escape(joined, "Value")
}

/// One word in UpperCamelCase. A prefixed word (`VSwitch`) keeps its case;
/// an acronym (`ECS`, `IPv6`, `CIDRs`) is written like a word (`Ecs`,
/// `Ipv6`, `Cidrs`); any other word gets a capital first letter.
fn pascal_word(word: &Word) -> String {
    if word.prefixed {
        return word.text.clone();
    }
    let mut chars = word.text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let rest = chars.as_str();
    let acronym = rest.starts_with(|c: char| c.is_ascii_uppercase()) && first.is_ascii_uppercase();
    let rest = if acronym {
        rest.to_ascii_lowercase()
    } else {
        rest.to_string()
    };
    format!("{}{rest}", first.to_ascii_uppercase())
}

/// Makes `name` a valid identifier: keywords raw or suffixed, a leading
/// digit prefixed with `_`, an empty name replaced by `fallback`.
fn escape(name: String, fallback: &str) -> String {
    if name.is_empty() {
        return fallback.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("_{name}");
    }
    if NOT_RAW.contains(&name.as_str()) {
        return format!("{name}_");
    }
    if KEYWORDS.contains(&name.as_str()) {
        return format!("r#{name}");
    }
    name
}

/// Whether `name` is a valid Rust type name as written in a spec's
/// `x-rust-name`: ASCII letters and digits starting with a capital, and not
/// a keyword (`Self`).
pub fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && !NOT_RAW.contains(&name)
}

/// The bare name of an identifier, without `r#`: the name of a module's
/// file, and the base of numbered or prefixed names.
pub fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// Names in the type namespace of every generated module that a generated
/// type must not shadow: the standard prelude's types and traits (the
/// generated code names `String`, `Option`, `Vec`, `Result`, `From`, ...
/// unqualified), its derive macros (`Debug`, `Hash`: a struct of that name
/// makes rustdoc's links to it ambiguous) and `Self`.
pub const RESERVED_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "Hash",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Self",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// The hidden field of every response struct that notes the JSON types
/// its values arrived with (`alibabacloud_runtime::model::Received`). No
/// field name from [`snake`] can be it: those start with a letter, `r#`,
/// or `_` before a digit.
pub const RECEIVED_FIELD: &str = "_received";

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Every strict and reserved keyword of Rust 2024.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// A naive English singular for the item type of a list field (`Tags` →
/// `Tag`), used only when the list's items have no name of their own.
pub fn singular(name: &str) -> String {
    let keeps_s = ["ss", "us", "is", "Status", "Address"]
        .iter()
        .any(|ending| name.ends_with(ending));
    match name.strip_suffix('s') {
        Some(stem)
            if !keeps_s
                && !stem.is_empty()
                && !stem.ends_with(|c: char| c.is_ascii_uppercase()) =>
        {
            stem.to_string()
        }
        _ => name.to_string(),
    }
}

/// The cargo feature of an action's resource family: the action name
/// without its leading verb and a trailing `Attribute(s)`, in the singular,
/// kebab-case (`DescribeHaVips` → `ha-vip`, `ModifyHaVipAttribute` →
/// `ha-vip`, `DescribeVSwitches` → `vswitch`, `DescribeEipAddresses` →
/// `eip-address`).
pub fn family(action: &str) -> String {
    let words = words(action);
    let mut noun: Vec<String> = words
        .iter()
        .skip(1)
        .map(|word| word.to_ascii_lowercase())
        .collect();
    if noun.len() > 1
        && noun
            .last()
            .is_some_and(|word| word == "attribute" || word == "attributes")
    {
        noun.pop();
    }
    if noun.is_empty() {
        noun = words.iter().map(|word| word.to_ascii_lowercase()).collect();
    }
    if let Some(last) = noun.last_mut() {
        *last = singular_word(last);
    }
    let family = noun.join("-");
    // A family is a cargo feature of the product's crate, beside its own.
    if RESERVED_FEATURES.contains(&family.as_str()) {
        format!("{family}-api")
    } else {
        family
    }
}

/// The cargo features of a product's crate other than its families; a
/// derived family with one of these names gets `-api` appended
/// (`CreateSerde` → `serde-api`), and `x-family` may not be one.
pub const RESERVED_FEATURES: &[&str] = &["blocking", "client", "default", "serde", "test-util"];

/// A lower-case English word in the singular: `switches` → `switch`,
/// `addresses` → `address`, `vips` → `vip`, `status` stays.
fn singular_word(word: &str) -> String {
    for (plural, singular) in [
        ("sses", "ss"),
        ("ches", "ch"),
        ("shes", "sh"),
        ("xes", "x"),
        ("ies", "y"),
    ] {
        if let Some(stem) = word.strip_suffix(plural) {
            return format!("{stem}{singular}");
        }
    }
    let keeps_s = ["ss", "us", "is"]
        .iter()
        .any(|ending| word.ends_with(ending));
    match word.strip_suffix('s') {
        Some(stem) if !keeps_s && !stem.is_empty() => stem.to_string(),
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_field_name_is_the_received_field() {
        for wire in [
            "_received",
            "__received",
            "_Received",
            "Received",
            "received_",
            "_",
        ] {
            let name = snake(wire);
            assert_ne!(name, RECEIVED_FIELD, "{wire}");
            assert!(
                !name.starts_with('_') || name[1..].starts_with(|c: char| c.is_ascii_digit()),
                "{wire}: {name}"
            );
        }
        assert_eq!(snake("1stHop"), "_1st_hop");
    }

    #[test]
    fn plain_camel_case() {
        assert_eq!(snake("RegionId"), "region_id");
        assert_eq!(snake("HaVipId"), "ha_vip_id");
        assert_eq!(pascal("HaVip"), "HaVip");
    }

    #[test]
    fn single_capital_prefix_joins_the_next_word() {
        assert_eq!(snake("VSwitchId"), "vswitch_id");
        assert_eq!(snake("VRouterId"), "vrouter_id");
        assert_eq!(pascal("VSwitchId"), "VSwitchId");
    }

    #[test]
    fn acronym_with_version_stays_one_word() {
        assert_eq!(snake("IPv6Address"), "ipv6_address");
        assert_eq!(snake("EnableIPv6"), "enable_ipv6");
        assert_eq!(snake("Ipv6CidrBlock"), "ipv6_cidr_block");
        assert_eq!(pascal("IPv6Address"), "Ipv6Address");
    }

    #[test]
    fn acronym_with_plural_s_stays_one_word() {
        assert_eq!(snake("CIDRs"), "cidrs");
        assert_eq!(snake("SecondaryCIDRs"), "secondary_cidrs");
        assert_eq!(snake("EIPs"), "eips");
        assert_eq!(pascal("CIDRs"), "Cidrs");
    }

    #[test]
    fn acronym_before_a_word_splits_before_its_last_capital() {
        assert_eq!(snake("ECSInstance"), "ecs_instance");
        assert_eq!(pascal("ECSInstance"), "EcsInstance");
        assert_eq!(snake("HTTPSListener"), "https_listener");
    }

    #[test]
    fn trailing_single_capital_joins_the_word_before() {
        assert_eq!(snake("QoS"), "qos");
    }

    #[test]
    fn lower_case_start_and_odd_spelling_are_kept() {
        assert_eq!(snake("associatedEipAddresse"), "associated_eip_addresse");
        assert_eq!(snake("associatedInstance"), "associated_instance");
        assert_eq!(pascal("associatedInstance"), "AssociatedInstance");
    }

    #[test]
    fn separators_split_words() {
        assert_eq!(snake("Forbidden.HaVip"), "forbidden_ha_vip");
        assert_eq!(
            pascal("InvalidRegionId.NotFound"),
            "InvalidRegionIdNotFound"
        );
        assert_eq!(pascal("cn-hangzhou"), "CnHangzhou");
    }

    #[test]
    fn keywords_become_raw_or_suffixed() {
        assert_eq!(snake("Type"), "r#type");
        assert_eq!(snake("Match"), "r#match");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(pascal("Self"), "Self_");
    }

    #[test]
    fn type_names_are_capitalised_identifiers_other_than_self() {
        assert!(is_type_name("HaVip"));
        assert!(!is_type_name("Ha Vip"));
        assert!(!is_type_name(""));
        assert!(!is_type_name("haVip"));
        assert!(!is_type_name("Self"));
    }

    #[test]
    fn leading_digit_gets_an_underscore() {
        assert_eq!(snake("2ndName"), "_2nd_name");
        assert_eq!(pascal("1Gbps"), "_1Gbps");
    }

    #[test]
    fn names_without_letters_fall_back() {
        assert_eq!(snake("..."), "field");
        assert_eq!(pascal(""), "Value");
    }

    #[test]
    fn digits_stay_with_the_letters_before_them() {
        assert_eq!(snake("Ecs2Instance"), "ecs2_instance");
        assert_eq!(snake("Ipv4Gateway"), "ipv4_gateway");
    }

    #[test]
    fn families_are_the_noun_in_the_singular() {
        assert_eq!(family("DescribeHaVips"), "ha-vip");
        assert_eq!(family("CreateHaVip"), "ha-vip");
        assert_eq!(family("ModifyHaVipAttribute"), "ha-vip");
        assert_eq!(family("DescribeVSwitchAttributes"), "vswitch");
        assert_eq!(family("DescribeVSwitches"), "vswitch");
        assert_eq!(family("DescribeEipAddresses"), "eip-address");
        assert_eq!(family("CreateNatGateway"), "nat-gateway");
        assert_eq!(family("ListTagResources"), "tag-resource");
        assert_eq!(family("DescribeRegions"), "region");
        assert_eq!(family("DescribeVpcs"), "vpc");
        assert_eq!(family("ListPolicies"), "policy");
        assert_eq!(family("Describe"), "describe");
        assert_eq!(family("CreateSerde"), "serde-api");
        assert_eq!(family("ListDefaults"), "default-api");
        assert_eq!(family("ListClients"), "client-api");
    }

    #[test]
    fn singular_of_list_names() {
        assert_eq!(singular("Tags"), "Tag");
        assert_eq!(singular("HaVips"), "HaVip");
        assert_eq!(singular("Filter"), "Filter");
        assert_eq!(singular("Status"), "Status");
        assert_eq!(singular("Addresses"), "Addresse");
        assert_eq!(singular("CIDRs"), "CIDRs");
    }
}
