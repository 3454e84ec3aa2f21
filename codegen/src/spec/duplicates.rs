//! Parameters listed twice. The official metadata itself lists some
//! parameters twice, identically: the copy is dropped with a warning. Two
//! different definitions of one name are an error.

use std::collections::BTreeMap;

use super::model::ActionSpec;
use crate::diagnostics::Diagnostics;

/// Drops the identical copies of a parameter (warning about each) and
/// reports a name defined twice differently.
pub(super) fn merge_duplicate_parameters(
    file: &str,
    spec: &mut ActionSpec,
    diagnostics: &mut Diagnostics,
) {
    let mut first_seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut keep = Vec::with_capacity(spec.parameters.len());
    for (index, parameter) in spec.parameters.iter().enumerate() {
        match first_seen.get(&parameter.name) {
            None => {
                first_seen.insert(parameter.name.clone(), index);
                keep.push(true);
            }
            Some(&first) if spec.parameters[first] == *parameter => {
                let message = format!(
                    "parameter {:?} is listed twice, identically (also at /parameters/{first}); the copy is ignored",
                    parameter.name
                );
                diagnostics.warning(file, &format!("/parameters/{index}"), message);
                keep.push(false);
            }
            Some(&first) => {
                let message = format!(
                    "parameter {:?} is listed twice with different definitions (also at /parameters/{first}); keep one",
                    parameter.name
                );
                diagnostics.error(file, &format!("/parameters/{index}"), message);
                keep.push(true);
            }
        }
    }
    let mut flags = keep.into_iter();
    spec.parameters.retain(|_| flags.next().unwrap_or(true));
}
