//! Resolving `$ref`: every reference to `#/components/schemas/Name` is
//! replaced by a copy of its schema before the checks run, within limits
//! that keep a few lines of components from standing for billions of
//! schemas.

use super::model::{ActionSpec, Schema};
use crate::diagnostics::{Diagnostics, pointer_join};
use crate::naming;

/// The most schemas one action may hold once every `$ref` is replaced by
/// a copy of its component. Copies nest, so a few lines of components can
/// stand for billions of schemas; past this size the spec is refused.
pub const MAX_EXPANDED_SCHEMAS: usize = 10_000;

/// The deepest a schema may nest (objects in objects, arrays in arrays),
/// counted after `$ref`s are replaced.
pub const MAX_SCHEMA_DEPTH: usize = 32;

/// What resolving the references of one action may still spend.
struct Expansion<'a> {
    file: &'a str,
    components: &'a indexmap::IndexMap<String, Schema>,
    /// Schemas visited so far, against [`MAX_EXPANDED_SCHEMAS`].
    schemas: usize,
    /// Whether a limit was reported (once per action).
    exhausted: bool,
}

/// Replaces every `$ref` to `#/components/schemas/Name` with a copy of that
/// schema (keeping the referring schema's own `description` and
/// `required`), following a reference to a reference, and reports
/// references to nothing, cycles, and specs that grow past
/// [`MAX_EXPANDED_SCHEMAS`] or [`MAX_SCHEMA_DEPTH`].
pub(super) fn resolve_references(file: &str, spec: &mut ActionSpec, diagnostics: &mut Diagnostics) {
    let components = spec
        .components
        .as_ref()
        .map(|components| components.schemas.clone())
        .unwrap_or_default();
    let mut expansion = Expansion {
        file,
        components: &components,
        schemas: 0,
        exhausted: false,
    };
    for (index, parameter) in spec.parameters.iter_mut().enumerate() {
        resolve(
            &mut expansion,
            &format!("/parameters/{index}/schema"),
            &mut parameter.schema,
            &[],
            0,
            diagnostics,
        );
    }
    for (status, response) in &mut spec.responses {
        if let Some(schema) = &mut response.schema {
            let pointer = format!("{}/schema", pointer_join("/responses", status));
            resolve(&mut expansion, &pointer, schema, &[], 0, diagnostics);
        }
    }
}

/// Resolves `schema` and everything below it; `chain` holds the names
/// being resolved, to catch a schema that contains itself, and `depth`
/// how deep `schema` sits.
fn resolve(
    expansion: &mut Expansion<'_>,
    pointer: &str,
    schema: &mut Schema,
    chain: &[String],
    depth: usize,
    diagnostics: &mut Diagnostics,
) {
    if expansion.exhausted {
        return;
    }
    expansion.schemas += 1;
    if expansion.schemas > MAX_EXPANDED_SCHEMAS {
        expansion.exhausted = true;
        diagnostics.error(
            expansion.file,
            pointer,
            format!(
                "with every \"$ref\" replaced by its schema, the action holds more than {MAX_EXPANDED_SCHEMAS} schemas (the limit; expected fewer nested references)"
            ),
        );
        return;
    }
    if depth > MAX_SCHEMA_DEPTH {
        expansion.exhausted = true;
        diagnostics.error(
            expansion.file,
            pointer,
            format!(
                "schemas nest more than {MAX_SCHEMA_DEPTH} levels deep, counting those \"$ref\" brings in (the limit; expected a flatter schema)"
            ),
        );
        return;
    }
    let mut chain = chain.to_vec();
    // A reference may lead to a schema that is itself a reference: follow
    // the chain until a schema of its own.
    while let Some(reference) = schema.reference.clone() {
        let components = expansion.components;
        let name = reference
            .strip_prefix("#/components/schemas/")
            .filter(|name| components.contains_key(*name));
        let Some(name) = name else {
            let names: Vec<String> = components
                .keys()
                .map(|name| format!("\"#/components/schemas/{name}\""))
                .collect();
            let expected = if names.is_empty() {
                "a schema under components/schemas, and there is none".to_string()
            } else {
                format!("one of {}", names.join(", "))
            };
            diagnostics.error(
                expansion.file,
                &format!("{pointer}/$ref"),
                format!("\"$ref\" {reference:?} points to nothing (expected {expected})"),
            );
            return;
        };
        if chain.iter().any(|seen| seen == name) {
            let path = chain
                .iter()
                .chain(std::iter::once(&name.to_string()))
                .cloned()
                .collect::<Vec<_>>()
                .join(" → ");
            let message = format!(
                "\"$ref\" {reference:?} contains itself ({path}); a Rust type cannot, so write the inner level inline"
            );
            diagnostics.error(expansion.file, &format!("{pointer}/$ref"), message);
            return;
        }
        let mut resolved = components[name].clone();
        // The component's name is the natural Rust name of its type, and
        // lets the lowering share one type between every use.
        if resolved.rust_name.is_none()
            && resolved.reference.is_none()
            && resolved.ty.as_deref() == Some("object")
        {
            let rust_name = if naming::is_type_name(name) {
                name.to_string()
            } else {
                naming::pascal(name)
            };
            resolved.rust_name = Some(rust_name);
        }
        resolved.required |= schema.required;
        if schema.description.is_some() {
            resolved.description = schema.description.take();
        }
        *schema = resolved;
        chain.push(name.to_string());
    }
    resolve_children(expansion, pointer, schema, &chain, depth, diagnostics);
}

fn resolve_children(
    expansion: &mut Expansion<'_>,
    pointer: &str,
    schema: &mut Schema,
    chain: &[String],
    depth: usize,
    diagnostics: &mut Diagnostics,
) {
    if let Some(items) = &mut schema.items {
        resolve(
            expansion,
            &format!("{pointer}/items"),
            items,
            chain,
            depth + 1,
            diagnostics,
        );
    }
    for (name, property) in schema.properties.iter_mut().flatten() {
        resolve(
            expansion,
            &pointer_join(&format!("{pointer}/properties"), name),
            property,
            chain,
            depth + 1,
            diagnostics,
        );
    }
    if let Some(values) = &mut schema.additional_properties {
        resolve(
            expansion,
            &format!("{pointer}/additionalProperties"),
            values,
            chain,
            depth + 1,
            diagnostics,
        );
    }
}
