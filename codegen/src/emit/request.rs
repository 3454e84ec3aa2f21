//! Request structs and their builders, including the checks `build()` runs.

use std::collections::BTreeSet;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::docs;
use super::model::{self, Holding};
use super::types::{builder_type, held_type, ident, is_copy, prefixed_ident, rust_type};
use crate::ir::{ActionIr, FieldIr, Holder, Location, Number, Rules, StructIr, TypeIr};

/// The top-level request: struct, getters, builder with validating
/// `build()`; the runtime's `impl_request!` adds `Debug`, serde (reading
/// through the builder, so it validates) and `TryFrom<builder>`.
pub(crate) fn top_level(action: &ActionIr) -> TokenStream {
    let request = &action.request;
    let name = ident(&request.name);
    let builder_name = prefixed_ident("", &format!("{}Builder", request.name));
    let builder_name_text = builder_name.to_string();
    let mut doc = docs::action_summary_lines(action);
    doc.push(String::new());
    // Each parameter sent elsewhere says so in its setter's docs.
    let placement = if request
        .fields
        .iter()
        .any(|field| field.location == Location::Body)
    {
        "Parameters are sent in the query string, except those whose docs say they are sent in the form body."
    } else {
        "Parameters are sent in the query string."
    };
    doc.push(format!(
        "Build one with [`{name}::builder`]; `build()` checks every rule the API docs state, and `build_unchecked()` sends what the rules refuse (see [`{name}Builder::build_unchecked`]). With the `serde` feature, a request reads and writes its wire form (`{{\"RegionId\": ...}}`) and is checked like `build()` when read. {placement}",
        name = request.name
    ));
    let doc = docs::attrs(&doc);
    let deprecated = deprecated_attr(action.deprecated);
    let FieldParts {
        fields,
        getters,
        builder_fields,
        setters,
    } = field_parts(&request.fields, true);
    let build = build_method(request, &validated_structs(action));
    let into_builder_fields = request.fields.iter().map(|field| {
        let rust = ident(&field.rust_name);
        match field.holder {
            Holder::Plain => quote!(#rust: Some(self.#rust)),
            Holder::Optional | Holder::Collection => quote!(#rust: self.#rust),
        }
    });
    let builder_doc = docs::attrs(&[format!(
        "Builds a [`{}`]; see [`{}::build`].",
        request.name, builder_name_text
    )]);
    let fields_table = model::model(&name, &request.fields, Holding::Request);
    let builder_table = model::model_mut(&builder_name, &request.fields, Holding::Builder);
    quote! {
        #doc
        #deprecated
        #[derive(Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// A builder with nothing set.
            pub fn builder() -> #builder_name {
                #builder_name::default()
            }

            /// A builder holding this request's values, to change some and build again.
            pub fn into_builder(self) -> #builder_name {
                #builder_name { #(#into_builder_fields,)* }
            }

            #(#getters)*
        }

        #fields_table

        #builder_doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #builder_name {
            #(#builder_fields)*
        }

        impl #builder_name {
            #(#setters)*
            #build
        }

        #builder_table
        alibabacloud_runtime::impl_request!(#name, #builder_name);
    }
}

/// A nested request struct (a `Filter` item): struct, getters, an
/// infallible builder and, if it has rules, the `validate` the request's
/// `build()` calls with the item's path.
///
/// A `shared` struct lives in the types crate, where the action modules
/// that call its `validate` are in other crates: the method is public then,
/// and hidden from the docs.
pub(crate) fn nested(item: &StructIr, validated: &BTreeSet<String>, shared: bool) -> TokenStream {
    let name = ident(&item.name);
    let builder_name = prefixed_ident("", &format!("{}Builder", item.name));
    let doc = docs::attrs(&docs::doc_lines(
        &item.doc,
        &format!("One {} item of a request.", item.name),
    ));
    let FieldParts {
        fields,
        getters,
        builder_fields,
        setters,
    } = field_parts(&item.fields, false);
    let field_names: Vec<_> = item
        .fields
        .iter()
        .map(|field| ident(&field.rust_name))
        .collect();
    let validate = validated.contains(&item.name).then(|| {
        let checks: Vec<TokenStream> = item
            .fields
            .iter()
            .map(|field| field_checks(field, false, validated))
            .collect();
        // A rule the validator has no check for (a length on an enum) can
        // leave nothing to check; the arguments are then unused.
        let (path, validator) = if checks.iter().any(|check| !check.is_empty()) {
            (quote!(path), quote!(validator))
        } else {
            (quote!(_path), quote!(_validator))
        };
        let visibility = if shared {
            quote!(#[doc(hidden)] pub)
        } else {
            quote!(pub(crate))
        };
        quote! {
            /// Records every documented rule this item breaks, under `path`.
            #visibility fn validate(&self, #path: &alibabacloud_runtime::FieldPath<'_>, #validator: &mut alibabacloud_runtime::Validator) {
                #(#checks)*
            }
        }
    });
    let builder_doc = docs::attrs(&[format!(
        "Builds a [`{}`]. Its rules are checked when the request holding it is built.",
        item.name
    )]);
    let read_write = model::read_write(&name, &item.fields, Holding::Request, true);
    quote! {
        #doc
        #[derive(Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #read_write

        impl #name {
            /// A builder with nothing set.
            pub fn builder() -> #builder_name {
                #builder_name::default()
            }

            #(#getters)*

            #validate
        }

        #builder_doc
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct #builder_name {
            #(#builder_fields)*
        }

        impl #builder_name {
            #(#setters)*

            /// The item; its rules are checked when the request is built.
            pub fn build(self) -> #name {
                #name { #(#field_names: self.#field_names,)* }
            }
        }
    }
}

/// The request structs that have a `validate` method.
pub(crate) fn validated_structs(action: &ActionIr) -> BTreeSet<String> {
    // Only structs that `build()` reaches through fields and lists get a
    // `validate` method: a map's values have no path to report under, so
    // a struct used only as one would have a method nothing calls.
    let by_name: std::collections::BTreeMap<&str, &StructIr> = action
        .request_structs
        .iter()
        .map(|item| (item.name.as_str(), item))
        .collect();
    let mut validated = BTreeSet::new();
    let mut pending = vec![&action.request];
    while let Some(item) = pending.pop() {
        for field in &item.fields {
            let mut ty = &field.ty;
            while let TypeIr::List(inner) = ty {
                ty = inner;
            }
            if let TypeIr::Struct(name) = ty {
                if let Some(nested) = by_name.get(name.as_str()) {
                    if nested.has_rules && validated.insert(name.clone()) {
                        pending.push(nested);
                    }
                }
            }
        }
    }
    validated
}

fn deprecated_attr(deprecated: bool) -> Option<TokenStream> {
    deprecated.then(|| quote!(#[deprecated(note = "deprecated in the API docs")]))
}

/// What each field of a request struct (`top`) or of an item adds to it
/// and to its builder.
struct FieldParts {
    fields: Vec<TokenStream>,
    getters: Vec<TokenStream>,
    builder_fields: Vec<TokenStream>,
    setters: Vec<TokenStream>,
}

/// The parts of every field. The setter, where a request is written, has
/// the field's whole docs; the getter the first paragraph.
fn field_parts(fields: &[FieldIr], top: bool) -> FieldParts {
    let mut parts = FieldParts {
        fields: Vec::with_capacity(fields.len()),
        getters: Vec::with_capacity(fields.len()),
        builder_fields: Vec::with_capacity(fields.len()),
        setters: Vec::with_capacity(fields.len()),
    };
    for field in fields {
        let getter_doc = docs::attrs(&docs::request_getter_lines(field));
        let setter_doc = docs::attrs(&docs::request_field_lines(field, top));
        parts.fields.push(struct_field(field));
        parts.getters.push(getter(field, &getter_doc));
        parts.builder_fields.push(builder_field(field));
        parts
            .setters
            .push(setters(field, &setter_doc, fields.len() == 1));
    }
    parts
}

/// A private field: its docs are on its getter and its builder's setter,
/// where rustdoc shows them.
fn struct_field(field: &FieldIr) -> TokenStream {
    let name = ident(&field.rust_name);
    let ty = held_type(field);
    quote! { #name: #ty, }
}

fn builder_field(field: &FieldIr) -> TokenStream {
    let name = ident(&field.rust_name);
    let ty = builder_type(field);
    quote! { #name: #ty, }
}

fn getter(field: &FieldIr, doc: &TokenStream) -> TokenStream {
    let name = ident(&field.rust_name);
    let deprecated = deprecated_attr(field.deprecated);
    let ty = rust_type(&field.ty);
    let (returns, body) = match (field.holder, &field.ty) {
        (Holder::Collection, TypeIr::List(item)) => {
            let item = rust_type(item);
            (quote!(&[#item]), quote!(&self.#name))
        }
        (Holder::Collection, _) => (quote!(&#ty), quote!(&self.#name)),
        (Holder::Plain, TypeIr::String) => (quote!(&str), quote!(&self.#name)),
        (Holder::Plain, other) if is_copy(other) => (ty, quote!(self.#name)),
        (Holder::Plain, _) => (quote!(&#ty), quote!(&self.#name)),
        (Holder::Optional, TypeIr::String) => (quote!(Option<&str>), quote!(self.#name.as_deref())),
        (Holder::Optional, other) if is_copy(other) => (quote!(Option<#ty>), quote!(self.#name)),
        (Holder::Optional, _) => (quote!(Option<&#ty>), quote!(self.#name.as_ref())),
    };
    quote! {
        #doc
        #deprecated
        pub fn #name(&self) -> #returns {
            #body
        }
    }
}

/// The setters of a builder's field; `sole` when it is the builder's only
/// field.
fn setters(field: &FieldIr, doc: &TokenStream, sole: bool) -> TokenStream {
    let name = ident(&field.rust_name);
    // A setter returns `Self { name: argument, ..self }`: without the
    // update when there is no other field, and in shorthand when the
    // field is named like the argument.
    let replaced_by = |argument: &str| {
        let argument = format_ident!("{argument}");
        let field = if name == argument {
            quote!(#name)
        } else {
            quote!(#name: #argument)
        };
        if sole {
            quote!(Self { #field })
        } else {
            quote!(Self { #field, ..self })
        }
    };
    let set = prefixed_ident("set_", &field.rust_name);
    let wire = docs::code(&field.wire_name);
    let deprecated = deprecated_attr(field.deprecated);
    match &field.ty {
        TypeIr::List(item) => {
            let item = rust_type(item);
            let replaced = replaced_by("items");
            // The field's docs (placement, style, rules) go on the setter
            // a user calls first.
            let add_doc = docs::attrs(&[format!("Appends one item to {wire}."), String::new()]);
            let set_doc = docs::attrs(&[format!("Replaces every item of {wire}.")]);
            quote! {
                #add_doc
                #doc
                #deprecated
                pub fn #name(mut self, item: impl Into<#item>) -> Self {
                    self.#name.push(item.into());
                    self
                }

                #set_doc
                #deprecated
                pub fn #set(self, items: Vec<#item>) -> Self {
                    #replaced
                }
            }
        }
        TypeIr::Map(value) => {
            let value = rust_type(value);
            let replaced = replaced_by("entries");
            let add_doc = docs::attrs(&[format!("Sets one entry of {wire}."), String::new()]);
            let set_doc = docs::attrs(&[format!("Replaces every entry of {wire}.")]);
            quote! {
                #add_doc
                #doc
                #deprecated
                pub fn #name(mut self, key: impl Into<String>, value: impl Into<#value>) -> Self {
                    self.#name.insert(key.into(), value.into());
                    self
                }

                #set_doc
                #deprecated
                pub fn #set(self, entries: std::collections::BTreeMap<String, #value>) -> Self {
                    #replaced
                }
            }
        }
        ty => {
            let ty = rust_type(ty);
            let replaced = replaced_by("value");
            let set_doc = docs::attrs(&[format!("Sets or clears {wire}.")]);
            // A deprecated setter calls another deprecated one.
            let allow = field.deprecated.then(|| quote!(#[allow(deprecated)]));
            quote! {
                #doc
                #deprecated
                #allow
                pub fn #name(self, value: impl Into<#ty>) -> Self {
                    self.#set(Some(value.into()))
                }

                #set_doc
                #deprecated
                pub fn #set(self, value: Option<#ty>) -> Self {
                    #replaced
                }
            }
        }
    }
}

/// `build()`: checks every field in order, then moves the values into the
/// request; missing required values are reported like any other rule.
fn build_method(request: &StructIr, validated: &BTreeSet<String>) -> TokenStream {
    let name = ident(&request.name);
    let required: Vec<&FieldIr> = request
        .fields
        .iter()
        .filter(|field| field.holder == Holder::Plain)
        .collect();
    let checks = request
        .fields
        .iter()
        .map(|field| field_checks(field, true, validated));
    let required_names: Vec<_> = required
        .iter()
        .map(|field| ident(&field.rust_name))
        .collect();
    let assignments = request.fields.iter().map(|field| {
        let rust = ident(&field.rust_name);
        match field.holder {
            Holder::Plain => quote!(#rust),
            Holder::Optional | Holder::Collection => quote!(#rust: self.#rust),
        }
    });
    let result = if required.is_empty() {
        quote! {
            if rules.is_ok() {
                Ok(#name { #(#assignments,)* })
            } else {
                Err(rules.into_error())
            }
        }
    } else {
        quote! {
            match (#(#required_names,)*) {
                (#(Some(#required_names),)*) if rules.is_ok() => Ok(#name { #(#assignments,)* }),
                _ => Err(rules.into_error()),
            }
        }
    };
    let uses_path = request.fields.iter().any(|field| {
        field.holder == Holder::Plain
            || value_checks(&field.ty, &field.rules, &field.item_rules, validated).is_some()
    });
    let root = uses_path.then(|| quote!(let root = alibabacloud_runtime::FieldPath::Root;));
    let validator = uses_path.then(|| quote!(let validator = &mut rules;));
    let mutable = if uses_path { quote!(mut) } else { quote!() };
    quote! {
        /// `build()` and `build_unchecked()` (from the runtime's
        /// `impl_request!`): checks every field with `rules` and builds the
        /// request, or returns what `rules` recorded.
        fn build_with(self, #mutable rules: alibabacloud_runtime::Validator) -> Result<#name, alibabacloud_runtime::BuildError> {
            #root
            #validator
            #(#checks)*
            #result
        }
    }
}

/// The checks of one field. In `build()` (`top`) the field is read from
/// the builder, `root` is the path and `validator` the collector; in a
/// nested `validate` the field is read from `self` and `path` is the item's.
fn field_checks(field: &FieldIr, top: bool, validated: &BTreeSet<String>) -> TokenStream {
    let name = ident(&field.rust_name);
    let wire = &field.wire_name;
    let parent = if top { quote!(root) } else { quote!(path) };
    let path = quote!(#parent.field(#wire));
    let collection = matches!(field.ty, TypeIr::List(_) | TypeIr::Map(_));
    let value_checks = value_checks(&field.ty, &field.rules, &field.item_rules, validated);
    if top && field.holder == Holder::Plain {
        let checks = value_checks
            .map(|checks| quote!(if let Some(value) = &#name { let path = #path; #checks }));
        return quote! {
            let #name = validator.required(&#path, self.#name);
            #checks
        };
    }
    // A required list must hold an item: an empty one sends nothing.
    let required = field.required.then(|| {
        if collection {
            quote!(if self.#name.is_empty() { validator.report(&#path, alibabacloud_runtime::Rule::Required); })
        } else {
            quote!(validator.required(&#path, self.#name.as_ref());)
        }
    });
    let checks = value_checks.map(|checks| {
        if collection {
            quote!({ let value = &self.#name; let path = #path; #checks })
        } else {
            quote!(if let Some(value) = &self.#name { let path = #path; #checks })
        }
    });
    quote! { #required #checks }
}

/// The checks of `value: &T` at `path`, or `None` if there is nothing to
/// check. Only structs in `validated` have a `validate` method.
fn value_checks(
    ty: &TypeIr,
    rules: &Rules,
    item_rules: &Rules,
    validated: &BTreeSet<String>,
) -> Option<TokenStream> {
    let int = |number: &Option<Number>| match number {
        Some(Number::Int(value)) => {
            let value = Literal::i64_unsuffixed(*value);
            quote!(Some(#value))
        }
        #[allow(
            clippy::cast_possible_truncation,
            reason = "a float bound on an integer field is truncated like the service does"
        )]
        Some(Number::Float(value)) => {
            let value = Literal::i64_unsuffixed(*value as i64);
            quote!(Some(#value))
        }
        None => quote!(None),
    };
    let float = |number: &Option<Number>| match number {
        #[allow(clippy::cast_precision_loss, reason = "bounds in the docs are small")]
        Some(Number::Int(value)) => {
            let value = Literal::f64_unsuffixed(*value as f64);
            quote!(Some(#value))
        }
        Some(Number::Float(value)) => {
            let value = Literal::f64_unsuffixed(*value);
            quote!(Some(#value))
        }
        None => quote!(None),
    };
    let count = |value: Option<u64>| match value.and_then(|value| usize::try_from(value).ok()) {
        Some(value) => {
            let value = Literal::usize_unsuffixed(value);
            quote!(Some(#value))
        }
        None => quote!(None),
    };
    let mut checks = Vec::new();
    match ty {
        TypeIr::String => {
            if rules.min_length.is_some() || rules.max_length.is_some() {
                let (minimum, maximum) = (count(rules.min_length), count(rules.max_length));
                checks.push(quote!(validator.length(&path, value, #minimum, #maximum);));
            }
            if let Some(pattern) = &rules.pattern {
                checks.push(quote!(validator.pattern(&path, value, #pattern);));
            }
            if !rules.forbidden_prefixes.is_empty() {
                let prefixes = &rules.forbidden_prefixes;
                checks.push(quote!(validator.forbidden_prefixes(&path, value, &[#(#prefixes),*]);));
            }
            if !rules.forbidden_substrings.is_empty() {
                let substrings = &rules.forbidden_substrings;
                checks.push(
                    quote!(validator.forbidden_substrings(&path, value, &[#(#substrings),*]);),
                );
            }
        }
        TypeIr::I32 | TypeIr::I64 if rules.minimum.is_some() || rules.maximum.is_some() => {
            let (minimum, maximum) = (int(&rules.minimum), int(&rules.maximum));
            // The validator works in i64; only an i32 needs widening.
            let value = if *ty == TypeIr::I32 {
                quote!(i64::from(*value))
            } else {
                quote!(*value)
            };
            checks.push(quote!(validator.int_range(&path, #value, #minimum, #maximum);));
        }
        TypeIr::F32 | TypeIr::F64 if rules.minimum.is_some() || rules.maximum.is_some() => {
            let (minimum, maximum) = (float(&rules.minimum), float(&rules.maximum));
            let value = if *ty == TypeIr::F32 {
                quote!(f64::from(*value))
            } else {
                quote!(*value)
            };
            checks.push(quote!(validator.float_range(&path, #value, #minimum, #maximum);));
        }
        TypeIr::Struct(name) if validated.contains(name) => {
            checks.push(quote!(value.validate(&path, validator);))
        }
        TypeIr::List(item) => {
            if rules.min_items.is_some() || rules.max_items.is_some() {
                let (minimum, maximum) = (count(rules.min_items), count(rules.max_items));
                checks.push(quote!(validator.items(&path, value.len(), #minimum, #maximum);));
            }
            if let Some(item_checks) = value_checks(item, item_rules, &Rules::default(), validated)
            {
                checks.push(quote! {
                    for (index, value) in value.iter().enumerate() {
                        let path = path.index(index);
                        #item_checks
                    }
                });
            }
        }
        _ => {}
    }
    (!checks.is_empty()).then(|| quote!(#(#checks)*))
}
