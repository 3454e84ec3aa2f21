//! The one-line summary of an action that the spec does not describe,
//! built from facts: the words of the action's name and its operation type
//! (`x-operation-type`). `DescribeRouteTableList` (list) reads "Lists
//! route tables.", `CreateVpc` "Creates a VPC.",
//! `ModifyVSwitchAttribute` "Modifies the attributes of a vSwitch."
//!
//! Nothing is copied from the API docs. Words are made in three places
//! only, each a table tested on every action in `api-specs/`
//! (`tests/golden/summaries.txt` lists every summary produced):
//!
//! - the verb in the third person (`Modify` → `Modifies`);
//! - the display form of an acronym or product word (`Vpc` → `VPC`,
//!   `VSwitch` → `vSwitch`), and the article it takes (`an EIP`);
//! - the plural of the last word of a noun read by a list action
//!   (`RouteTableList` → `route tables`, `DescribeCustomerGateway` →
//!   `customer gateways`).
//!
//! A name that does not start with a verb (`DeletionProtection`) has a
//! summary written here by hand, in `WRITTEN`.

use crate::naming;
use crate::spec::OperationType;

/// The summary of the action `name`: one line ending with a period.
pub fn summary(name: &str, operation: Option<OperationType>) -> String {
    if let Some((_, written)) = WRITTEN.iter().find(|(action, _)| *action == name) {
        return (*written).to_string();
    }
    let mut words = split(name);
    // `VpcDescribeVpcNatGatewayNetworkInterfaceQuota`: a product prefix
    // before the verb.
    if words.len() > 2 && is_product_word(&words[0]) && is_verb(&words[1]) {
        words.remove(0);
    }
    let verb = words.remove(0);
    let read = READ_VERBS.contains(&verb.as_str());
    let verb_text = match (read, operation) {
        (true, Some(OperationType::List)) => "Lists".to_string(),
        (true, Some(OperationType::Get)) => "Gets".to_string(),
        _ => third_person(&verb),
    };
    let listing = read && operation == Some(OperationType::List);
    let object = object_phrase(&words, listing);
    if object.is_empty() {
        format!("{verb_text}.")
    } else {
        format!("{verb_text} {object}.")
    }
}

/// Summaries of the actions whose name does not read as a verb and its
/// object.
const WRITTEN: &[(&str, &str)] = &[
    (
        "CheckCanAllocateVpcPrivateIpAddress",
        "Checks whether a private IP address of a VPC can be allocated.",
    ),
    (
        "CheckVpnBgpEnabled",
        "Checks whether BGP is enabled for VPN.",
    ),
    ("DeletionProtection", "Turns deletion protection on or off."),
    (
        "SecondApplyPhysicalConnectionLOA",
        "Applies again for the LOA of a physical connection.",
    ),
];

/// The verbs that read: with an operation type of `list` or `get` they
/// become "Lists" or "Gets".
const READ_VERBS: &[&str] = &["Describe", "Get", "Query", "List"];

/// Verbs whose third person is not the verb plus `s`, `es` or `ies`, or
/// whose spelling in action names is not the verb's own.
const IRREGULAR_VERBS: &[(&str, &str)] = &[("Active", "Activates"), ("Deactive", "Deactivates")];

/// The words of an action name, with two joins the name splitter does
/// not make: a verb glued to a number (`Describe95Traffic`) is split, and
/// `Un` + `Tag` is the verb `Untag`.
fn split(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in naming::words(name) {
        let letters = word.trim_end_matches(|c: char| c.is_ascii_digit());
        if words.is_empty() && !letters.is_empty() && letters.len() < word.len() {
            words.push(letters.to_string());
            words.push(word[letters.len()..].to_string());
        } else if words.len() == 1 && words[0] == "Un" {
            words[0] = format!("Un{}", word.to_ascii_lowercase());
        } else {
            words.push(word);
        }
    }
    words
}

/// Whether `word` is one of the verbs that follow a product prefix.
fn is_verb(word: &str) -> bool {
    READ_VERBS.contains(&word) || ["Create", "Modify", "Delete", "Update"].contains(&word)
}

/// Whether `word` is an acronym or product word of [`DISPLAY`].
fn is_product_word(word: &str) -> bool {
    DISPLAY.iter().any(|(raw, _, _)| *raw == word)
}

/// `Modify` → `Modifies`, `Attach` → `Attaches`, `Create` → `Creates`.
fn third_person(verb: &str) -> String {
    if let Some((_, irregular)) = IRREGULAR_VERBS.iter().find(|(word, _)| *word == verb) {
        return (*irregular).to_string();
    }
    let consonant_y = verb.len() > 1
        && verb.ends_with('y')
        && !verb[..verb.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        format!("{}ies", &verb[..verb.len() - 1])
    } else if ["s", "sh", "ch", "x", "z"]
        .iter()
        .any(|ending| verb.ends_with(ending))
    {
        format!("{verb}es")
    } else {
        format!("{verb}s")
    }
}

/// Words that join two nouns: each side gets its own article.
const PREPOSITIONS: &[&str] = &["To", "From", "With", "For", "By", "In", "On", "Of"];

/// The object of the verb: noun phrases joined by their prepositions
/// (`a DHCP options set to a VPC`). For a list action (`listing`) a
/// trailing `List` is dropped and the noun before it made plural.
fn object_phrase(words: &[String], listing: bool) -> String {
    let mut parts = Vec::new();
    let mut noun: Vec<&str> = Vec::new();
    let mut first = true;
    for word in words {
        if PREPOSITIONS.contains(&word.as_str()) && !noun.is_empty() {
            parts.push(noun_phrase(&noun, listing && first, !first));
            parts.push(word.to_ascii_lowercase());
            noun.clear();
            first = false;
        } else {
            noun.push(word);
        }
    }
    if !noun.is_empty() {
        parts.push(noun_phrase(&noun, listing && first, !first));
    }
    parts.join(" ")
}

/// One noun with its article: `a VPC`, `an EIP address`, `route tables`,
/// `the attributes of a vSwitch`; after a preposition (`after`) a product
/// name alone takes none (`for Express Connect`).
fn noun_phrase(words: &[&str], listing: bool, after: bool) -> String {
    if after && PRODUCT_NAMES.contains(&words) {
        return display(
            &words
                .iter()
                .map(|word| (*word).to_string())
                .collect::<Vec<_>>(),
        )
        .into_iter()
        .map(|word| word.text)
        .collect::<Vec<_>>()
        .join(" ");
    }
    let mut words: Vec<String> = words.iter().map(|word| (*word).to_string()).collect();
    if words.len() > 1
        && matches!(
            words.last().map(String::as_str),
            Some("Attribute" | "Attributes")
        )
    {
        words.pop();
        return format!("the attributes of {}", noun_phrase_of(&words, false));
    }
    if listing {
        // A list action lists many: `RouteTableList` → `route tables`,
        // `CustomerGateway` → `customer gateways`.
        if words.len() > 1 && words.last().is_some_and(|word| word == "List") {
            words.pop();
        }
        if let Some(last) = words.last_mut() {
            let countable = !last.ends_with('s')
                && !MASS_NOUNS.contains(&last.as_str())
                && !last.starts_with(|c: char| c.is_ascii_digit());
            if countable {
                *last = plural(last);
            }
        }
    }
    noun_phrase_of(&words, listing)
}

fn noun_phrase_of(words: &[String], listing: bool) -> String {
    let shown = display(words);
    let Some(first) = shown.first() else {
        return String::new();
    };
    let text = shown
        .iter()
        .map(|word| word.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let last = words.last().map(String::as_str).unwrap_or_default();
    let countable_one = !listing
        && !is_plural(last)
        && !MASS_NOUNS.contains(&last)
        && !first.text.starts_with(|c: char| c.is_ascii_digit());
    if countable_one {
        let article = if first.an { "an" } else { "a" };
        format!("{article} {text}")
    } else {
        text
    }
}

/// Product names, which take no article after a preposition.
const PRODUCT_NAMES: &[&[&str]] = &[&["Express", "Connect"]];

/// Nouns that take no article.
const MASS_NOUNS: &[&str] = &["Bandwidth", "Data", "Info", "Traffic", "Usage"];

/// Whether the last word of a noun is plural: ends in `s`, unless the
/// word is one of the singulars that do.
fn is_plural(word: &str) -> bool {
    word.ends_with('s')
        && !["ss", "us", "is"]
            .iter()
            .any(|ending| word.ends_with(ending))
        && !DISPLAY.iter().any(|(raw, _, _)| *raw == word)
}

/// `Table` → `Tables`, `Entry` → `Entries`, `Address` → `Addresses`.
fn plural(word: &str) -> String {
    let consonant_y =
        word.ends_with('y') && !word[..word.len() - 1].ends_with(['a', 'e', 'o', 'u']);
    if consonant_y {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "sh", "ch", "x"]
        .iter()
        .any(|ending| word.ends_with(ending))
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// A word as shown, and whether it takes "an".
struct Shown {
    text: String,
    an: bool,
}

/// The display form of acronyms and product words as they appear in
/// action names, and whether each takes "an". Other words are shown in
/// lower case.
const DISPLAY: &[(&str, &str, bool)] = &[
    ("Acl", "ACL", true),
    ("Bgp", "BGP", false),
    ("Cen", "CEN", false),
    ("Cidr", "CIDR", false),
    ("Dhcp", "DHCP", false),
    ("Ec", "EC", true),
    ("Ecr", "ECR", true),
    ("Eip", "EIP", true),
    ("Ha", "HA", false),
    ("IP", "IP", true),
    ("IPv4", "IPv4", true),
    ("IPv6", "IPv6", true),
    ("Ip", "IP", true),
    ("Ipsec", "IPsec", true),
    ("Ipv4", "IPv4", true),
    ("Ipv6", "IPv6", true),
    ("LOA", "LOA", true),
    ("Loa", "LOA", true),
    ("Nat", "NAT", false),
    ("Nqa", "NQA", true),
    ("Pbr", "PBR", false),
    ("Qos", "QoS", false),
    ("Snat", "SNAT", true),
    ("Ssl", "SSL", true),
    ("VRouter", "vRouter", false),
    ("VSwitch", "vSwitch", false),
    ("Vbr", "VBR", false),
    ("Vco", "VCO", false),
    ("Vpc", "VPC", false),
    ("Vpconn", "VPConn", false),
    ("Vpn", "VPN", false),
];

/// Two words shown as one product word, and whether it takes "an".
const JOINED: &[(&str, &str, &str, bool)] = &[
    ("Classic", "Link", "ClassicLink", false),
    ("Express", "Connect", "Express Connect", true),
    ("Ha", "Vip", "HaVip", false),
    ("Ha", "Vips", "HaVips", false),
    ("Mac", "Sec", "MACsec", false),
];

fn display(words: &[String]) -> Vec<Shown> {
    let mut shown = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let word = words[index].as_str();
        let next = words.get(index + 1).map(String::as_str);
        if let Some((_, _, joined, an)) = JOINED
            .iter()
            .find(|(first, second, _, _)| *first == word && Some(*second) == next)
        {
            shown.push(Shown {
                text: (*joined).to_string(),
                an: *an,
            });
            index += 2;
            continue;
        }
        shown.push(display_word(word));
        index += 1;
    }
    shown
}

fn display_word(word: &str) -> Shown {
    let known = |raw: &str| DISPLAY.iter().find(|(key, _, _)| *key == raw);
    if let Some((_, text, an)) = known(word) {
        return Shown {
            text: (*text).to_string(),
            an: *an,
        };
    }
    // A plural of a known word: `Vpcs` → `VPCs`, `VSwitches` → `vSwitches`.
    for ending in ["es", "s"] {
        if let Some((_, text, an)) = word.strip_suffix(ending).and_then(known) {
            return Shown {
                text: format!("{text}{ending}"),
                an: *an,
            };
        }
    }
    let text = if word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase()) {
        word.to_string()
    } else {
        word.to_ascii_lowercase()
    };
    let an = text.starts_with(['a', 'e', 'i', 'o'])
        || (text.starts_with('u') && !text.starts_with("us") && !text.starts_with("uni"));
    Shown { text, an }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_read_as_english() {
        let cases = [
            (
                "DescribeRouteTableList",
                Some(OperationType::List),
                "Lists route tables.",
            ),
            ("CreateVpc", Some(OperationType::Create), "Creates a VPC."),
            ("CreateVpc", None, "Creates a VPC."),
            (
                "DescribeVpcAttribute",
                Some(OperationType::Get),
                "Gets the attributes of a VPC.",
            ),
            (
                "DeleteHaVip",
                Some(OperationType::Delete),
                "Deletes a HaVip.",
            ),
            (
                "ModifyVSwitchAttribute",
                Some(OperationType::Update),
                "Modifies the attributes of a vSwitch.",
            ),
            ("AssociateEipAddress", None, "Associates an EIP address."),
            (
                "DescribeVSwitches",
                Some(OperationType::List),
                "Lists vSwitches.",
            ),
            ("DescribeVpcs", None, "Describes VPCs."),
            (
                "AttachDhcpOptionsSetToVpc",
                None,
                "Attaches a DHCP options set to a VPC.",
            ),
            ("UnTagResources", None, "Untags resources."),
            ("ActiveFlowLog", None, "Activates a flow log."),
            (
                "ApplyPhysicalConnectionLOA",
                None,
                "Applies a physical connection LOA.",
            ),
            (
                "VpcDescribeVpcNatGatewayNetworkInterfaceQuota",
                Some(OperationType::Get),
                "Gets a VPC NAT gateway network interface quota.",
            ),
            (
                "Describe95Traffic",
                Some(OperationType::Get),
                "Gets 95 traffic.",
            ),
            (
                "DeletionProtection",
                None,
                "Turns deletion protection on or off.",
            ),
            (
                "DescribeTagKeysForExpressConnect",
                Some(OperationType::List),
                "Lists tag keys for Express Connect.",
            ),
            ("EnableVpcClassicLink", None, "Enables a VPC ClassicLink."),
        ];
        for (name, operation, expected) in cases {
            assert_eq!(summary(name, operation), expected, "{name}");
        }
    }

    #[test]
    fn verbs_in_the_third_person() {
        for (verb, expected) in [
            ("Modify", "Modifies"),
            ("Attach", "Attaches"),
            ("Create", "Creates"),
            ("Copy", "Copies"),
            ("Deploy", "Deploys"),
            ("Withdraw", "Withdraws"),
            ("Active", "Activates"),
        ] {
            assert_eq!(third_person(verb), expected);
        }
    }

    #[test]
    fn plurals_of_a_list() {
        for (word, expected) in [
            ("Table", "Tables"),
            ("Entry", "Entries"),
            ("Address", "Addresses"),
            ("Gateway", "Gateways"),
        ] {
            assert_eq!(plural(word), expected);
        }
    }
}
