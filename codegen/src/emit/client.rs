//! The client: one async method per action, a paginator for paged list
//! actions, and the error alias each method returns. Everything here sits
//! behind the crate's `client` feature.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs;
use super::types::{ident, prefixed_ident, rust_type};
use crate::ir::{ActionIr, CrateIr, FieldIr, TypeIr};

/// `src/client.rs`.
pub(crate) fn client_rs(krate: &CrateIr) -> TokenStream {
    let title = &krate.title;
    let struct_doc = docs::attrs(&[
        format!(
            "Calls Alibaba Cloud {title}: one async method per action, each signed, retried and timed as configured."
        ),
        String::new(),
        "Cheap to clone; clones share the connection pool.".to_string(),
    ]);
    let methods = krate.actions.iter().map(method);
    quote! {
        //! The client: one async method per action.

        use alibabacloud_runtime::client::{ClientBuilder, ConfigError};

        #struct_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: alibabacloud_runtime::client::Client,
        }

        impl Client {
            /// A builder that knows this product's endpoints; set a region or an endpoint, and credentials or let it find them.
            pub fn builder() -> ClientBuilder<Client> {
                ClientBuilder::new(crate::PRODUCT, crate::endpoints::for_region)
            }

            /// A client configured from the environment: the region from `ALIBABA_CLOUD_REGION_ID`, credentials from `ALIBABA_CLOUD_ACCESS_KEY_ID` / `ALIBABA_CLOUD_ACCESS_KEY_SECRET` / `ALIBABA_CLOUD_SECURITY_TOKEN`, else from the `aliyun` CLI's `~/.aliyun/config.json`.
            pub fn from_env() -> Result<Self, ConfigError> {
                Self::builder().region_id_from_env().build()
            }

            /// The shared client underneath, to call any action generically.
            pub fn runtime(&self) -> &alibabacloud_runtime::client::Client {
                &self.inner
            }

            #(#methods)*
        }

        impl From<alibabacloud_runtime::client::Client> for Client {
            fn from(inner: alibabacloud_runtime::client::Client) -> Self {
                Self { inner }
            }
        }
    }
}

fn method(action: &ActionIr) -> TokenStream {
    let module = ident(&action.module);
    let name = ident(&action.module);
    let request = ident(&action.request.name);
    let response = ident(&action.response.name);
    let error = ident(&format!("{}Error", action.name));
    let summary = action
        .summary
        .as_deref()
        .map(docs::text_lines)
        .unwrap_or_default();
    let mut lines = summary;
    lines.push(String::new());
    lines.push(match action.module.strip_prefix("r#") {
        // rustdoc cannot resolve a link to a raw identifier (`r#type`).
        Some(_) => format!(
            "Calls {}; see the module `crate::{}`.",
            docs::code(&action.name),
            action.module
        ),
        None => format!(
            "Calls {}; see [`crate::{}`].",
            docs::code(&action.name),
            action.module
        ),
    });
    let doc = docs::attrs(&lines);
    let deprecated = action
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated in the API docs")]));
    let allow = action
        .deprecated
        .then(|| quote!(#[allow(deprecated, reason = "the method of a deprecated action")]));
    let paginator = action.pagination.as_ref().map(|_| {
        let paginator = prefixed_ident(&format!("{}_", action.module), "paginator");
        let doc = docs::attrs(&[
            format!("Every page of {}, from the request's page on; `.items()` streams the items.", docs::code(&action.name)),
            String::new(),
            "Stops at the last page by `TotalCount`, on an empty page, on an error, or after `max_pages` pages.".to_string(),
        ]);
        let family = &action.family;
        quote! {
            #doc
            #[cfg(feature = #family)]
            #deprecated
            #allow
            pub fn #paginator(&self, request: crate::#module::#request) -> alibabacloud_runtime::client::Paginator<crate::#module::#request> {
                self.inner.paginate(request)
            }
        }
    });
    let family = &action.family;
    quote! {
        #doc
        #[cfg(feature = #family)]
        #deprecated
        #allow
        pub async fn #name(&self, request: crate::#module::#request) -> Result<crate::#module::#response, crate::#module::#error> {
            self.inner.call(&request).await
        }

        #paginator
    }
}

/// The error alias of one action, for its `mod.rs`.
pub(crate) fn error_alias(action: &ActionIr) -> TokenStream {
    let error = ident(&format!("{}Error", action.name));
    let code = ident(&action.error_code.name);
    let doc = docs::attrs(&[format!(
        "Why a call of {} failed: a broken rule, a transport error, a timeout, or a service error with a typed [`{}`].",
        docs::code(&action.name),
        action.error_code.name
    )]);
    quote! {
        #doc
        #[cfg(feature = "client")]
        pub type #error = alibabacloud_runtime::client::SdkError<#code>;
    }
}

/// `impl Paginated` for a paged list action, in its `request.rs`.
pub(crate) fn paginated(action: &ActionIr) -> Option<TokenStream> {
    let pagination = action.pagination.as_ref()?;
    let request = ident(&action.request.name);
    let response = ident(&action.response.name);
    let TypeIr::List(item) = &pagination.items.ty else {
        return None;
    };
    let item = prefixed_type(item);
    let page_field = ident(&pagination.request_page_number.rust_name);
    let page_type = rust_type(&pagination.request_page_number.ty);
    let items = ident(&pagination.items.rust_name);
    // Page fields are i32 or i64; only an i32 is widened or narrowed, as
    // clippy refuses a conversion to the same type.
    let wide = |field: &FieldIr| matches!(field.ty, TypeIr::I64);
    let widen = |field: &Option<FieldIr>| match field {
        Some(field) if wide(field) => {
            let name = ident(&field.rust_name);
            quote!(response.#name)
        }
        Some(field) => {
            let name = ident(&field.rust_name);
            quote!(response.#name.map(i64::from))
        }
        None => quote!(None),
    };
    let request_page = &pagination.request_page_number;
    let required = super::types::holder(request_page, true) == super::types::Holder::Plain;
    let read_page = match (required, wide(request_page)) {
        (true, true) => quote!(Some(self.#page_field)),
        (true, false) => quote!(Some(i64::from(self.#page_field))),
        (false, true) => quote!(self.#page_field),
        (false, false) => quote!(self.#page_field.map(i64::from)),
    };
    let narrowed = if wide(request_page) {
        quote!(page_number)
    } else {
        quote!(#page_type::try_from(page_number).unwrap_or(#page_type::MAX))
    };
    let write_page = if required {
        quote!(next.#page_field = #narrowed;)
    } else {
        quote!(next.#page_field = Some(#narrowed);)
    };
    let page_number = widen(&pagination.response_page_number);
    let page_size = widen(&pagination.response_page_size);
    let total_count = widen(&Some(pagination.total_count.clone()));
    Some(quote! {
        #[cfg(feature = "client")]
        impl alibabacloud_runtime::client::Paginated for #request {
            type Item = #item;

            fn page_number(&self) -> Option<i64> {
                #read_page
            }

            fn with_page_number(&self, page_number: i64) -> Self {
                let mut next = self.clone();
                #write_page
                next
            }

            fn page(response: &super::#response) -> alibabacloud_runtime::client::Page {
                alibabacloud_runtime::client::Page {
                    page_number: #page_number,
                    page_size: #page_size,
                    total_count: #total_count,
                    item_count: response.#items.as_ref().map_or(0, Vec::len),
                }
            }

            fn into_items(response: super::#response) -> Vec<Self::Item> {
                response.#items.unwrap_or_default()
            }
        }
    })
}

/// A response type named from `request.rs`, where response types are in
/// `super`.
fn prefixed_type(ty: &TypeIr) -> TokenStream {
    match ty {
        TypeIr::Struct(name) | TypeIr::Enum(name) => {
            let name = ident(name);
            quote!(super::#name)
        }
        other => rust_type(other),
    }
}
