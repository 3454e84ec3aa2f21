//! The clients: one async method per action (feature `client`), or one
//! blocking method (feature `blocking`), a paginator for paged list
//! actions, and the error alias each method returns.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs;
use super::types::{ident, prefixed_ident, rust_type};
use crate::ir::{ActionIr, CrateIr, FieldIr, Pagination, PaginationIr, TokenPaginationIr, TypeIr};

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
    let methods = krate
        .actions
        .iter()
        .map(|action| client_method(action, Flavor::Async));
    let from_env_doc = from_env_doc();
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

            #from_env_doc
            pub fn from_env() -> Result<Self, ConfigError> {
                Self::builder().region_id_from_env().build()
            }

            /// The shared client underneath, to call any action generically.
            pub fn runtime(&self) -> &alibabacloud_runtime::client::Client {
                &self.inner
            }

            #(#methods)*
        }

        /// Built around the runtime's client, whose transport and
        /// credentials provider the builder takes.
        impl alibabacloud_runtime::client::BuildClient for Client {
            type Runtime = alibabacloud_runtime::client::Client;

            fn from_runtime(inner: alibabacloud_runtime::client::Client) -> Self {
                Self { inner }
            }
        }
    }
}

/// The doc of `from_env`, the same for both clients.
fn from_env_doc() -> TokenStream {
    docs::attrs(&["A client configured from the environment: the region from `ALIBABA_CLOUD_REGION_ID`, else the `region_id` of the `aliyun` CLI profile; credentials from Alibaba Cloud's default chain (`runtime::credentials::DefaultChain`): the `ALIBABA_CLOUD_ACCESS_KEY_ID` / `ALIBABA_CLOUD_ACCESS_KEY_SECRET` / `ALIBABA_CLOUD_SECURITY_TOKEN` variables, RRSA (OIDC), the `aliyun` CLI config, `~/.alibabacloud/credentials`, the ECS RAM role, `ALIBABA_CLOUD_CREDENTIALS_URI`; temporary credentials are refreshed before they expire.".to_string()])
}

/// `src/blocking.rs`: the blocking client, the async one's methods without
/// `async`, its paginators iterators.
pub(crate) fn blocking_rs(krate: &CrateIr) -> TokenStream {
    let title = &krate.title;
    let struct_doc = docs::attrs(&[
        format!(
            "Calls Alibaba Cloud {title}, blocking: one method per action, each signed, retried and timed as configured, as [`crate::Client`] does without `async`."
        ),
        String::new(),
        "Do not call it from inside an async runtime (as with `reqwest::blocking`). Cheap to clone; clones share the connection pool.".to_string(),
    ]);
    let from_env_doc = from_env_doc();
    let methods = krate
        .actions
        .iter()
        .map(|action| client_method(action, Flavor::Blocking));
    quote! {
        //! The blocking client: the async client's methods, blocking the calling thread.

        use alibabacloud_runtime::client::{ClientBuilder, ConfigError};

        #struct_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: alibabacloud_runtime::client::blocking::Client,
        }

        impl Client {
            /// A builder that knows this product's endpoints; set a region or an endpoint, and credentials or let it find them.
            pub fn builder() -> ClientBuilder<Client> {
                ClientBuilder::new(crate::PRODUCT, crate::endpoints::for_region)
            }

            #from_env_doc
            pub fn from_env() -> Result<Self, ConfigError> {
                Self::builder().region_id_from_env().build()
            }

            /// The shared client underneath, to call any action generically.
            pub fn runtime(&self) -> &alibabacloud_runtime::client::blocking::Client {
                &self.inner
            }

            #(#methods)*
        }

        /// Built around the runtime's client, whose transport and
        /// credentials provider the builder takes.
        impl alibabacloud_runtime::client::BuildClient for Client {
            type Runtime = alibabacloud_runtime::client::blocking::Client;

            fn from_runtime(inner: alibabacloud_runtime::client::blocking::Client) -> Self {
                Self { inner }
            }
        }
    }
}

/// Which client a method is for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavor {
    Async,
    Blocking,
}

/// One action's method on a client, and its paginator if it is paged.
fn client_method(action: &ActionIr, flavor: Flavor) -> TokenStream {
    let module = ident(&action.module);
    let name = ident(&action.module);
    let request = ident(&action.request.name);
    let response = ident(&action.response.name);
    let error = ident(&format!("{}Error", action.name));
    let mut lines = docs::action_summary_lines(action);
    lines.push(String::new());
    let blocking = if flavor == Flavor::Blocking {
        ", blocking"
    } else {
        ""
    };
    // rustdoc cannot resolve a link to a raw identifier (`r#type`).
    let module_link = match action.module.strip_prefix("r#") {
        Some(_) => format!("the module `crate::{}`", action.module),
        None => format!("[`crate::{}`]", action.module),
    };
    lines.push(format!(
        "Calls {}{blocking}; see {module_link}.",
        docs::code(&action.name)
    ));
    if flavor == Flavor::Async {
        lines.push(format!(
            "Awaited, the call gives `Result<{}Response, {}Error>`.",
            action.name, action.name
        ));
    }
    if let Some(reference) = docs::reference_line(action) {
        lines.push(reference);
    }
    let doc = docs::attrs(&lines);
    let deprecated = action
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated in the API docs")]));
    let allow = action
        .deprecated
        .then(|| quote!(#[allow(deprecated, reason = "the method of a deprecated action")]));
    let family = &action.family;
    let paginator = action.pagination.as_ref().map(|pagination| {
        let paginator = prefixed_ident(&format!("{}_", action.module), "paginator");
        let (start, stops, paginator_type, paginate) = match pagination {
            Pagination::Pages(_) => (
                "from the request's page on",
                "Stops at the last page by `TotalCount`, on an empty page, on an error, or after `max_pages` pages.",
                quote!(Paginator),
                quote!(paginate),
            ),
            Pagination::Token(_) => (
                "from the request's `NextToken` on",
                "Stops when a response has no `NextToken`, on an error, when the service sends back the token it was sent (an error), or after `max_pages` pages.",
                quote!(TokenPaginator),
                quote!(paginate_by_token),
            ),
        };
        let (walk, module_path) = match flavor {
            Flavor::Async => ("`.items()` streams the items", quote!(alibabacloud_runtime::client)),
            Flavor::Blocking => (
                "as an iterator; `.items()` iterates the items",
                quote!(alibabacloud_runtime::client::blocking),
            ),
        };
        let doc = docs::attrs(&[
            format!("Every page of {}, {start}, {walk}.", docs::code(&action.name)),
            String::new(),
            stops.to_string(),
        ]);
        quote! {
            #doc
            #[cfg(feature = #family)]
            #deprecated
            #allow
            pub fn #paginator(&self, request: crate::#module::#request) -> #module_path::#paginator_type<crate::#module::#request> {
                self.inner.#paginate(request)
            }
        }
    });
    let call = match flavor {
        // A plain function returning the runtime's `Call` future: an
        // `async fn` per action was half of the product crate's build.
        // `#[inline]`, so the call is compiled where it is used, for the
        // actions used, not for every action here.
        Flavor::Async => quote! {
            #[inline]
            pub fn #name(&self, request: crate::#module::#request) -> alibabacloud_runtime::client::Call<'_, crate::#module::#request> {
                self.inner.start(&request)
            }
        },
        Flavor::Blocking => quote! {
            #[inline]
            #[allow(clippy::result_large_err, reason = "the error type of the async client, by value")]
            pub fn #name(&self, request: crate::#module::#request) -> Result<crate::#module::#response, crate::#module::#error> {
                self.inner.call(&request)
            }
        },
    };
    quote! {
        #doc
        #[cfg(feature = #family)]
        #deprecated
        #allow
        #call

        #paginator
    }
}

/// The error alias of one action, for its `mod.rs`.
pub(crate) fn error_alias(action: &ActionIr) -> TokenStream {
    let error = ident(&format!("{}Error", action.name));
    let code = super::error_code::type_path(action);
    let doc = docs::attrs(&[format!(
        "Why a call of {} failed: a broken rule, a transport error, a timeout, or a service error with a typed [`{}`]({}::{}).",
        docs::code(&action.name),
        crate::ir::ERROR_CODE_TYPE,
        action.error_codes_crate,
        crate::ir::ERROR_CODE_TYPE,
    )]);
    quote! {
        #doc
        #[cfg(feature = "client")]
        pub type #error = alibabacloud_runtime::client::SdkError<#code>;
    }
}

/// `impl Paginated` or `impl TokenPaginated` for a paged list action, in
/// its `request.rs`.
pub(crate) fn paginated(action: &ActionIr) -> Option<TokenStream> {
    let pagination = action.pagination.as_ref()?;
    let items_field = match pagination {
        Pagination::Pages(pages) => &pages.items,
        Pagination::Token(token) => &token.items,
    };
    let TypeIr::List(item) = &items_field.ty else {
        return None;
    };
    let parts = PagedParts {
        request: ident(&action.request.name),
        response: ident(&action.response.name),
        item: prefixed_type(item),
        items: ident(&items_field.rust_name),
    };
    Some(match pagination {
        Pagination::Pages(pages) => page_paginated(&parts, pages),
        Pagination::Token(token) => token_paginated(&parts, token),
    })
}

/// What both kinds of paginator impl name: the request and response
/// types, the item type and the response's items field.
struct PagedParts {
    request: Ident,
    response: Ident,
    item: TokenStream,
    items: Ident,
}

fn token_paginated(parts: &PagedParts, pagination: &TokenPaginationIr) -> TokenStream {
    let PagedParts {
        request,
        response,
        item,
        items,
    } = parts;
    let token = ident(&pagination.request_token.rust_name);
    let response_token = ident(&pagination.response_token.rust_name);
    quote! {
        #[cfg(feature = "client")]
        impl alibabacloud_runtime::client::TokenPaginated for #request {
            type Item = #item;

            fn next_token(&self) -> Option<&str> {
                self.#token.as_deref()
            }

            fn with_next_token(&self, token: String) -> Self {
                let mut next = self.clone();
                next.#token = Some(token);
                next
            }

            fn response_next_token(response: &super::#response) -> Option<&str> {
                response.#response_token.as_deref()
            }

            fn into_items(response: super::#response) -> Vec<Self::Item> {
                response.#items.unwrap_or_default()
            }
        }
    }
}

fn page_paginated(parts: &PagedParts, pagination: &PaginationIr) -> TokenStream {
    let PagedParts {
        request,
        response,
        item,
        items,
    } = parts;
    let page_field = ident(&pagination.request_page_number.rust_name);
    let page_type = rust_type(&pagination.request_page_number.ty);
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
    let required = request_page.holder == crate::ir::Holder::Plain;
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
    quote! {
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
    }
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
