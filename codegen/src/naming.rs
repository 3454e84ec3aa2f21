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
//!    the word before it (`QoS`);
//! 4. a few words written in mixed case are one word wherever they stand
//!    (`QoSConfig` is `QoS` + `Config`, not `Qo` + `SConfig`).
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
        words.extend(split_known(part));
    }
    merge_single_capitals(words)
}

/// Words written in mixed case that are one word. The case rules would
/// split them (`QoSConfig` → `Qo` + `SConfig`), so they are found first.
const MIXED_CASE_WORDS: &[&str] = &["DDoS", "QoS"];

/// Splits `part` around the first mixed-case word it holds as a whole word
/// (after a lower-case letter, a digit or the start, and before a capital,
/// a digit or the end), and the rest by [`split_part`].
fn split_known(part: &str) -> Vec<String> {
    for known in MIXED_CASE_WORDS {
        for (at, _) in part.match_indices(known) {
            let end = at + known.len();
            let starts = !part[..at].ends_with(|c: char| c.is_ascii_uppercase());
            let ends = !part[end..].starts_with(|c: char| c.is_ascii_lowercase());
            if starts && ends {
                let mut words = split_known(&part[..at]);
                words.push((*known).to_string());
                words.extend(split_known(&part[end..]));
                return words;
            }
        }
    }
    if part.is_empty() {
        return Vec::new();
    }
    split_part(part)
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

/// Misspelled words of wire names and their spelling in Rust names. The
/// wire keeps its spelling (the field table still sends and reads
/// `PublicIpAddresse`); the Rust name does not (`public_ip_address`).
/// Action names are kept as Alibaba spells them: they are what a user
/// looks up in the API reference.
pub const WIRE_TYPOS: &[(&str, &str)] = &[
    ("Addresse", "Address"),
    ("Attatch", "Attach"),
    ("Bussiness", "Business"),
    ("Descritpion", "Description"),
    ("Enhanhced", "Enhanced"),
    ("Entrys", "Entries"),
    ("Pulbic", "Public"),
    ("Summarys", "Summaries"),
];

/// `wire` with each misspelled word of [`WIRE_TYPOS`] spelled right, in
/// the word's own case (`associatedEipAddresse` → `associatedEipAddress`):
/// the name that fields and types are named from.
pub fn corrected(wire: &str) -> String {
    let split = split_words(wire);
    let typo = |word: &Word| {
        WIRE_TYPOS
            .iter()
            .find(|(wrong, _)| word.text.eq_ignore_ascii_case(wrong))
    };
    if !split.iter().any(|word| typo(word).is_some()) {
        return wire.to_string();
    }
    // Rebuild the name word by word, keeping what stands between words.
    let mut out = String::with_capacity(wire.len());
    let mut rest = wire;
    for word in &split {
        let Some(at) = rest.find(word.text.as_str()) else {
            continue;
        };
        out.push_str(&rest[..at]);
        match typo(word) {
            Some((_, right)) => out.push_str(&in_case_of(&word.text, &right.to_ascii_lowercase())),
            None => out.push_str(&word.text),
        }
        rest = &rest[at + word.text.len()..];
    }
    out.push_str(rest);
    out
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
/// an acronym (`ECS`, `IPv6`, `CIDRs`, `QoS`) is written like a word
/// (`Ecs`, `Ipv6`, `Cidrs`, `Qos`); any other word gets a capital first
/// letter.
fn pascal_word(word: &Word) -> String {
    if word.prefixed {
        return word.text.clone();
    }
    if MIXED_CASE_WORDS.contains(&word.text.as_str()) {
        return in_case_of("Word", &word.text.to_ascii_lowercase());
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

/// The cargo feature of an action's resource family: the action name
/// without its leading verb and a trailing `Attribute(s)`, in the singular,
/// kebab-case (`DescribeHaVips` → `ha-vip`, `ModifyHaVipAttribute` →
/// `ha-vip`, `DescribeVSwitches` → `vswitch`, `DescribeEipAddresses` →
/// `eip-address`).
pub fn family(action: &str) -> String {
    let noun: Vec<String> = resource_words(action)
        .iter()
        .map(|word| word.to_ascii_lowercase())
        .collect();
    let family = noun.join("-");
    // A family is a cargo feature of the product's crate, beside its own.
    if RESERVED_FEATURES.contains(&family.as_str()) {
        format!("{family}-api")
    } else {
        family
    }
}

/// The resource an action acts on, in UpperCamelCase: the words of its
/// [`family`] as written (`CreateCapacityReservation` →
/// `CapacityReservation`, `DescribeInstances` → `Instance`,
/// `ModifyVSwitchAttribute` → `VSwitch`). Names a shape after the actions
/// that use it when nothing else tells it apart.
pub fn resource(action: &str) -> String {
    resource_words(action).concat()
}

/// The words of an action name without its leading verb and a trailing
/// `Attribute(s)`, the last in the singular; all of them for a name of one
/// word.
fn resource_words(action: &str) -> Vec<String> {
    let words = words(action);
    let mut noun: Vec<String> = words.iter().skip(1).cloned().collect();
    if noun.len() > 1
        && noun.last().is_some_and(|word| {
            word.eq_ignore_ascii_case("attribute") || word.eq_ignore_ascii_case("attributes")
        })
    {
        noun.pop();
    }
    if noun.is_empty() {
        noun = words;
    }
    if let Some(last) = noun.last_mut() {
        *last = singular_word(last);
    }
    noun
}

/// The cargo features of a product's crate other than its families; a
/// derived family with one of these names gets `-api` appended
/// (`CreateSerde` → `serde-api`), and `x-family` may not be one.
pub const RESERVED_FEATURES: &[&str] = &["blocking", "client", "default", "serde", "test-util"];

/// The singular of a wire name, for the item type of a list (`Tags` →
/// `Tag`, `RouteEntries` → `RouteEntry`, `CIDRs` → `CIDR`) and the noun of a
/// family. Only the last word changes, by suffix rules and a table of
/// exceptions; the rest is kept as written.
pub fn singular(name: &str) -> String {
    let trimmed = name.trim_end_matches(|c: char| !c.is_ascii_alphanumeric());
    let tail = &name[trimmed.len()..];
    let Some(last) = words(trimmed).pop() else {
        return name.to_string();
    };
    // The last word is the end of the trimmed name: words only split it.
    let head = &trimmed[..trimmed.len() - last.len()];
    format!("{head}{}{tail}", singular_word(&last))
}

/// Words whose singular the suffix rules of [`singular_word`] get wrong,
/// in lower case: a plural whose singular is not a regular stem, or a
/// singular that ends like a plural (`Qos`, `Status`, product names, units).
/// An entry maps to itself when the word is kept.
const SINGULAR_EXCEPTIONS: &[(&str, &str)] = &[
    ("aliases", "alias"),
    ("alias", "alias"),
    ("bps", "bps"),
    ("dns", "dns"),
    ("ecs", "ecs"),
    ("ens", "ens"),
    ("gbps", "gbps"),
    ("https", "https"),
    ("iops", "iops"),
    ("kbps", "kbps"),
    ("mbps", "mbps"),
    ("nas", "nas"),
    // One item of `TunnelOptions` is the options of one tunnel; `Option`
    // would also be the prelude's.
    ("options", "options"),
    ("pps", "pps"),
    ("qos", "qos"),
    ("qps", "qps"),
    ("rds", "rds"),
    ("series", "series"),
    ("statuses", "status"),
    // The wire spells the plural of `Summary` so (`RouteEntrySummarys`).
    ("summarys", "summary"),
];

/// Plural endings and what replaces them, longest first; a word ending in
/// none of them loses a final `s` unless it ends in `ss`, `us` or `is`.
const PLURAL_ENDINGS: &[(&str, &str)] = &[
    ("sses", "ss"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("xes", "x"),
    ("ies", "y"),
];

/// One word in the singular, in its own case: `Entries` → `Entry`,
/// `Addresses` → `Address`, `Switches` → `Switch`, `CIDRs` → `CIDR`,
/// `Vips` → `Vip`; `Status`, `Qos` and `Access` stay.
fn singular_word(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    if let Some((_, singular)) = SINGULAR_EXCEPTIONS
        .iter()
        .find(|(plural, _)| *plural == lower)
    {
        return in_case_of(word, singular);
    }
    for (plural, singular) in PLURAL_ENDINGS {
        if lower.len() > plural.len() && lower.ends_with(plural) {
            let cut = word.len() - plural.len();
            let upper = word[cut..].chars().all(|c| c.is_ascii_uppercase());
            let ending = if upper {
                singular.to_ascii_uppercase()
            } else {
                (*singular).to_string()
            };
            return format!("{}{ending}", &word[..cut]);
        }
    }
    let keeps_s = ["ss", "us", "is"]
        .iter()
        .any(|ending| lower.ends_with(ending));
    match word.strip_suffix(['s', 'S']) {
        Some(stem) if !keeps_s && !stem.is_empty() => stem.to_string(),
        _ => word.to_string(),
    }
}

/// `lower` (a lower-case word) written in the case of `word`: as `word`
/// when they are the same word (`QoS` stays `QoS`), else in capitals, with
/// a capital first letter, or in lower case, as `word` is.
fn in_case_of(word: &str, lower: &str) -> String {
    if word.eq_ignore_ascii_case(lower) {
        return word.to_string();
    }
    if word.len() > 1 && !word.chars().any(|c| c.is_ascii_lowercase()) {
        return lower.to_ascii_uppercase();
    }
    if word.starts_with(|c: char| c.is_ascii_uppercase()) {
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            return format!("{}{}", first.to_ascii_uppercase(), chars.as_str());
        }
    }
    lower.to_string()
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
        assert_eq!(family("DescribeRouteEntries"), "route-entry");
        assert_eq!(
            family("DescribeExpressConnectTrafficQos"),
            "express-connect-traffic-qos"
        );
        assert_eq!(
            family("DescribeNetworkInterfaceQoS"),
            "network-interface-qos"
        );
        assert_eq!(family("CreateSerde"), "serde-api");
        assert_eq!(family("ListDefaults"), "default-api");
        assert_eq!(family("ListClients"), "client-api");
    }

    #[test]
    fn resources_are_the_family_as_written() {
        assert_eq!(resource("CreateCapacityReservation"), "CapacityReservation");
        assert_eq!(resource("DescribeInstances"), "Instance");
        assert_eq!(resource("ModifyVSwitchAttribute"), "VSwitch");
        assert_eq!(resource("DescribeRouteEntries"), "RouteEntry");
        assert_eq!(resource("AddTags"), "Tag");
        assert_eq!(resource("Describe"), "Describe");
    }

    #[test]
    fn singular_drops_a_plain_s() {
        assert_eq!(singular("Tags"), "Tag");
        assert_eq!(singular("HaVips"), "HaVip");
        assert_eq!(singular("tags"), "tag");
        assert_eq!(singular("VpcIds"), "VpcId");
    }

    #[test]
    fn singular_changes_only_the_last_word() {
        assert_eq!(singular("RouteEntries"), "RouteEntry");
        assert_eq!(singular("VSwitchIds"), "VSwitchId");
        assert_eq!(singular("IPv6Addresses"), "IPv6Address");
    }

    #[test]
    fn singular_of_regular_endings() {
        assert_eq!(singular("AclEntries"), "AclEntry");
        assert_eq!(singular("ListPolicies"), "ListPolicy");
        assert_eq!(singular("EipAddresses"), "EipAddress");
        assert_eq!(singular("VSwitches"), "VSwitch");
        assert_eq!(singular("Boxes"), "Box");
        assert_eq!(singular("Meshes"), "Mesh");
    }

    #[test]
    fn singular_keeps_words_that_end_like_a_plural() {
        assert_eq!(singular("Status"), "Status");
        assert_eq!(singular("EipAddress"), "EipAddress");
        assert_eq!(singular("Analysis"), "Analysis");
        assert_eq!(singular("Filter"), "Filter");
        assert_eq!(singular("s"), "s");
    }

    #[test]
    fn singular_of_acronyms_keeps_their_case() {
        assert_eq!(singular("CIDRs"), "CIDR");
        assert_eq!(singular("SecondaryCIDRs"), "SecondaryCIDR");
        assert_eq!(singular("ENTRIES"), "ENTRY");
    }

    #[test]
    fn singular_uses_the_table_of_exceptions() {
        assert_eq!(singular("Qos"), "Qos");
        assert_eq!(singular("TrafficQoS"), "TrafficQoS");
        assert_eq!(singular("ConnectionStatuses"), "ConnectionStatus");
        assert_eq!(singular("EntrySummarys"), "EntrySummary");
        assert_eq!(singular("TunnelOptions"), "TunnelOptions");
        assert_eq!(singular("Aliases"), "Alias");
        assert_eq!(singular("BandwidthMbps"), "BandwidthMbps");
        assert_eq!(singular("DescribeEcs"), "DescribeEcs");
    }

    #[test]
    fn singular_keeps_what_follows_the_last_word() {
        assert_eq!(singular("Entries."), "Entry.");
        assert_eq!(singular("..."), "...");
    }

    #[test]
    fn wire_typos_are_spelled_right_in_rust_names() {
        assert_eq!(corrected("PublicIpAddresse"), "PublicIpAddress");
        assert_eq!(corrected("associatedEipAddresse"), "associatedEipAddress");
        assert_eq!(corrected("RouteEntrys"), "RouteEntries");
        assert_eq!(corrected("PulbicIpAddressPoolId"), "PublicIpAddressPoolId");
        assert_eq!(corrected("Foo.Descritpion"), "Foo.Description");
        assert_eq!(corrected("PublicIpAddresses"), "PublicIpAddresses");
        assert_eq!(corrected("Addresse"), "Address");
    }

    #[test]
    fn mixed_case_words_stay_one_word() {
        assert_eq!(snake("QoSConfig"), "qos_config");
        assert_eq!(pascal("QoSConfig"), "QosConfig");
        assert_eq!(snake("EnableQoS"), "enable_qos");
        assert_eq!(snake("NetworkInterfaceQoSId"), "network_interface_qos_id");
        assert_eq!(snake("DDoSProtection"), "ddos_protection");
        assert_eq!(pascal("DDoSProtection"), "DdosProtection");
        // Only as a whole word: `QoSs` and `AQoS` are not it.
        assert_eq!(snake("QosConfig"), "qos_config");
    }
}
