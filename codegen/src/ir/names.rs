//! Names already taken in one scope (a module, a struct, an enum), and the
//! candidates a wanted name gives way to when it is taken. Lowering and the
//! type space both claim names through it.

use std::collections::BTreeSet;

use crate::naming;

/// Names already used in one module or one struct.
#[derive(Debug, Default)]
pub(super) struct Names {
    taken: BTreeSet<String>,
    /// The snake_case of a struct's wire names as spelled: a misspelled
    /// name is spelled right only if no other field is spelled so on the
    /// wire (`PulbicIpAddressPoolId` beside `PublicIpAddressPoolId`).
    as_sent: BTreeSet<String>,
}

impl Names {
    /// Takes `preferred`, or `qualifier + preferred`, or the first of those
    /// with a number appended that is free.
    pub(super) fn claim(&mut self, preferred: &str, qualifier: &str) -> String {
        let numbered = (2..).map(|counter| format!("{qualifier}{preferred}{counter}"));
        self.take_first(
            [preferred.to_string(), format!("{qualifier}{preferred}")]
                .into_iter()
                .chain(numbered),
        )
    }

    /// Takes the name of a struct, which needs `<name>Builder` free too:
    /// `preferred`, or `qualifier + preferred`; none if both are taken (a
    /// type name is never numbered).
    pub(super) fn claim_struct(&mut self, preferred: &str, qualifier: &str) -> Option<String> {
        let name = [preferred.to_string(), format!("{qualifier}{preferred}")]
            .into_iter()
            .find(|candidate| {
                !self.taken.contains(candidate)
                    && !self.taken.contains(&format!("{candidate}Builder"))
            })?;
        self.taken.insert(format!("{name}Builder"));
        self.taken.insert(name.clone());
        Some(name)
    }

    /// Takes the name of an enum: `preferred`, or `qualifier + preferred`;
    /// none if both are taken (a type name is never numbered).
    pub(super) fn claim_enum(&mut self, preferred: &str, qualifier: &str) -> Option<String> {
        [preferred.to_string(), format!("{qualifier}{preferred}")]
            .into_iter()
            .find(|candidate| self.taken.insert(candidate.clone()))
    }

    /// Takes `name` for a type, and `<name>Builder` with it, if both are
    /// free.
    pub(super) fn claim_exact_type(&mut self, name: &str) -> bool {
        let builder = format!("{name}Builder");
        if self.taken.contains(name) || self.taken.contains(&builder) {
            return false;
        }
        self.taken.insert(builder);
        self.taken.insert(name.to_string());
        true
    }

    /// Notes the wire names of the struct these names are for.
    pub(super) fn with_wire_names<'a>(mut self, wire: impl Iterator<Item = &'a str>) -> Self {
        self.as_sent = wire.map(naming::snake).collect();
        self
    }

    /// The preferred Rust name of the field `wire`: its snake_case, with
    /// misspelled words spelled right unless another field is spelled so.
    pub(super) fn field_name(&self, wire: &str) -> String {
        let as_sent = naming::snake(wire);
        let spelled = naming::snake(&naming::corrected(wire));
        if spelled != as_sent && self.as_sent.contains(&spelled) {
            as_sent
        } else {
            spelled
        }
    }

    /// Takes `preferred` or `preferred_2`, `preferred_3`, ...
    pub(super) fn claim_field(&mut self, preferred: &str) -> String {
        self.take_first(Self::field_candidates(preferred))
    }

    /// Takes a request field's name and the name of its `set_` setter
    /// (`SetName` takes `set_name` and `set_set_name`, so a later `Name`
    /// becomes `name_2` with `set_name_2`).
    pub(super) fn claim_request_field(&mut self, preferred: &str) -> String {
        let mut candidates = Self::field_candidates(preferred);
        let name = candidates
            .find(|candidate| {
                !self.taken.contains(candidate) && !self.taken.contains(&setter_of(candidate))
            })
            .unwrap_or_default();
        self.taken.insert(setter_of(&name));
        self.taken.insert(name.clone());
        name
    }

    /// `preferred`, then `preferred_2`, `preferred_3`, ... (without a
    /// trailing `_` before the number: `self_` → `self_2`, as `self__2`
    /// is not snake case).
    fn field_candidates(preferred: &str) -> impl Iterator<Item = String> + use<> {
        let bare = naming::bare(preferred).trim_end_matches('_').to_string();
        let numbered = (2..).map(move |counter| format!("{bare}_{counter}"));
        std::iter::once(preferred.to_string()).chain(numbered)
    }

    /// The first candidate not taken yet, now taken. The candidates are
    /// endless, so one is always found.
    fn take_first(&mut self, candidates: impl Iterator<Item = String>) -> String {
        let mut candidates = candidates;
        candidates
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or_default()
    }
}

/// The builder's setter of a field: `set_` + the bare name without a
/// leading `_` (as `emit::types::prefixed_ident` writes it).
fn setter_of(field: &str) -> String {
    format!("set_{}", naming::bare(field).trim_start_matches('_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_qualified_then_numbered_on_collision() {
        let mut names = Names::default();
        assert_eq!(names.claim("Tag", "HaVip"), "Tag");
        assert_eq!(names.claim("Tag", "HaVip"), "HaVipTag");
        assert_eq!(names.claim("Tag", "HaVip"), "HaVipTag2");
    }

    #[test]
    fn type_names_are_qualified_never_numbered() {
        let mut names = Names::default();
        assert_eq!(
            names.claim_enum("Status", "HaVip").as_deref(),
            Some("Status")
        );
        assert_eq!(
            names.claim_enum("Status", "HaVip").as_deref(),
            Some("HaVipStatus")
        );
        assert_eq!(names.claim_enum("Status", "HaVip"), None);
        assert_eq!(names.claim_struct("Tag", "HaVip").as_deref(), Some("Tag"));
        assert_eq!(
            names.claim_struct("Tag", "HaVip").as_deref(),
            Some("HaVipTag")
        );
        assert_eq!(names.claim_struct("Tag", "HaVip"), None);
    }

    #[test]
    fn a_wire_typo_is_spelled_right_unless_a_field_is_spelled_so() {
        let names = Names::default().with_wire_names(["PublicIpAddresse", "VpcId"].into_iter());
        assert_eq!(names.field_name("PublicIpAddresse"), "public_ip_address");
        let names = Names::default()
            .with_wire_names(["PublicIpAddressPoolId", "PulbicIpAddressPoolId"].into_iter());
        assert_eq!(
            names.field_name("PulbicIpAddressPoolId"),
            "pulbic_ip_address_pool_id"
        );
        assert_eq!(
            names.field_name("PublicIpAddressPoolId"),
            "public_ip_address_pool_id"
        );
    }

    #[test]
    fn colliding_fields_are_numbered() {
        let mut names = Names::default();
        assert_eq!(names.claim_field("vpc_id"), "vpc_id");
        assert_eq!(names.claim_field("vpc_id"), "vpc_id_2");
        assert_eq!(names.claim_field("r#type"), "r#type");
        assert_eq!(names.claim_field("r#type"), "type_2");
        assert_eq!(names.claim_field("self_"), "self_");
        assert_eq!(names.claim_field("self_"), "self_2");
    }

    #[test]
    fn request_fields_keep_their_setters_apart() {
        let mut names = Names::default();
        assert_eq!(names.claim_request_field("set_name"), "set_name");
        assert_eq!(names.claim_request_field("name"), "name_2");
        let mut names = Names::default();
        assert_eq!(names.claim_request_field("name"), "name");
        assert_eq!(names.claim_request_field("set_name"), "set_name_2");
    }

    #[test]
    fn structs_keep_their_builder_name_free() {
        let mut names = Names::default();
        names.claim("FilterBuilder", "");
        assert_eq!(
            names.claim_struct("Filter", "Owner").as_deref(),
            Some("OwnerFilter")
        );
    }
}
