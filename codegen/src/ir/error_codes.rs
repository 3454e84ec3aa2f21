//! The error codes: each action's documented codes, and the one enum of
//! the product that names every code once.
//!
//! The API docs list a code per action, with the HTTP status it comes
//! with for that action; most codes are listed for many actions
//! (`InvalidRegionId.NotFound` for 132 of VPC's). The product's crate has
//! one `ErrorCode` enum with a variant per distinct code, and each action a
//! table of its codes and statuses: one type for the compiler instead of
//! one per action.

use std::collections::{BTreeMap, BTreeSet};

use super::{ActionIr, ErrorCaseIr, ErrorCodeIr, ErrorIr, ProductCodeIr};
use crate::naming;
use crate::spec::checked::Action;

/// The Rust name of the product's error code enum, in the types crate and
/// at the crate root.
pub const ERROR_CODE_TYPE: &str = "ErrorCode";

/// The documented codes of one action, by HTTP status then in the spec's
/// order, each once with all its documented cases. Variants are named
/// later, for the whole product, by [`name_codes`].
pub(super) fn action_codes(spec: &Action) -> ErrorCodeIr {
    let mut statuses: Vec<(u16, &Vec<crate::spec::ErrorCodeSpec>)> = spec
        .error_codes
        .iter()
        .map(|(status, codes)| (*status, codes))
        .collect();
    statuses.sort_by_key(|(status, _)| *status);
    let mut codes: Vec<ErrorIr> = Vec::new();
    for (status, specs) in statuses {
        for code in specs {
            let case = ErrorCaseIr {
                status,
                message: code.error_message.clone(),
                description: code.description.clone(),
            };
            match codes.iter_mut().find(|known| known.code == code.error_code) {
                Some(known) if known.cases.contains(&case) => {}
                Some(known) => known.cases.push(case),
                None => codes.push(ErrorIr {
                    code: code.error_code.clone(),
                    variant: String::new(),
                    status,
                    cases: vec![case],
                }),
            }
        }
    }
    ErrorCodeIr { codes }
}

/// Names a variant for every distinct code of the product and fills it in
/// each action's codes; returns the codes sorted by their text.
///
/// A code's variant is its UpperCamelCase name (`InvalidRegionId.NotFound`
/// is `InvalidRegionIdNotFound`), which depends on nothing but the code.
/// Codes that differ only in case or punctuation (`InvalidVpc.NotFound`
/// and `InvalidVPC.NotFound`, `InternalError` and `Internal.Error`) would
/// get one name; each of them is then named by its spelling instead (see
/// [`spelled`]), so that no name depends on which other codes exist or in
/// which order they were read.
///
/// Fails, naming the codes, if two codes still get one name (their
/// spellings differ only in characters other than letters, digits, `.`,
/// `_` and `-`).
pub(super) fn name_codes(actions: &mut [ActionIr]) -> Result<Vec<ProductCodeIr>, String> {
    let distinct: BTreeSet<&str> = actions
        .iter()
        .flat_map(|action| action.error_code.codes.iter())
        .map(|code| code.code.as_str())
        .collect();
    let mut by_name: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for code in &distinct {
        by_name.entry(naming::pascal(code)).or_default().push(code);
    }
    let mut variants: BTreeMap<String, String> = BTreeMap::new();
    for (name, codes) in &by_name {
        if let [code] = codes.as_slice() {
            variants.insert(code.to_string(), name.clone());
        } else {
            for code in codes {
                variants.insert(code.to_string(), spelled(code));
            }
        }
    }
    let mut codes_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (code, variant) in &variants {
        codes_of
            .entry(variant.as_str())
            .or_default()
            .push(code.as_str());
    }
    if let Some((variant, codes)) = codes_of.iter().find(|(_, codes)| codes.len() > 1) {
        return Err(format!(
            "the error codes {codes:?} would all be the variant `{variant}` of `{ERROR_CODE_TYPE}`; they differ only in characters a Rust name cannot hold"
        ));
    }
    for action in actions.iter_mut() {
        for code in &mut action.error_code.codes {
            code.variant = variants.get(&code.code).cloned().unwrap_or_default();
        }
    }
    Ok(variants
        .into_iter()
        .map(|(code, variant)| ProductCodeIr { code, variant })
        .collect())
}

/// The variant name of a code that shares its UpperCamelCase name with
/// another: the code as written, with each letter's case kept, `.` spelled
/// `Dot`, `_` spelled `Underscore`, `-` spelled `Dash` and any other
/// separator dropped; a first lower-case letter is raised after the word
/// `Lowercase`, so that it still tells the code from the one that starts
/// with a capital (ECS documents both `invalidRemovedIpAddresses.NotFound`
/// and `InvalidRemovedIpAddresses.NotFound`). `Internal.Error` is
/// `InternalDotError`, `INVALID_PARAMETER` is `INVALIDUnderscorePARAMETER`.
fn spelled(code: &str) -> String {
    let mut name = String::new();
    if code.starts_with(|c: char| c.is_ascii_lowercase()) {
        name.push_str("Lowercase");
    }
    for c in code.chars() {
        match c {
            '.' => name.push_str("Dot"),
            '_' => name.push_str("Underscore"),
            '-' => name.push_str("Dash"),
            c if c.is_ascii_alphanumeric() => {
                if name.is_empty() || name == "Lowercase" {
                    name.push(c.to_ascii_uppercase());
                } else {
                    name.push(c);
                }
            }
            _ => {}
        }
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spelled_name_keeps_case_and_spells_separators() {
        assert_eq!(spelled("Internal.Error"), "InternalDotError");
        assert_eq!(spelled("InternalError"), "InternalError");
        assert_eq!(spelled("INVALID_PARAMETER"), "INVALIDUnderscorePARAMETER");
        assert_eq!(spelled("MissingParam.aliUid"), "MissingParamDotaliUid");
        assert_eq!(spelled("a-b"), "LowercaseADashb");
        assert_eq!(
            spelled("invalidRemovedIpAddresses.NotFound"),
            "LowercaseInvalidRemovedIpAddressesDotNotFound"
        );
        assert_eq!(
            spelled("InvalidRemovedIpAddresses.NotFound"),
            "InvalidRemovedIpAddressesDotNotFound"
        );
        assert_eq!(spelled("5xx.Error"), "_5xxDotError");
    }
}
