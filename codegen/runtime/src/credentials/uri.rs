//! Credentials from a URI (`ALIBABA_CLOUD_CREDENTIALS_URI`): a GET that
//! answers JSON with `AccessKeyId`, `AccessKeySecret`, `SecurityToken` and
//! `Expiration` (and `Code`: `Success`).

use std::time::Duration;

use super::http::Fetch;
use super::source::{read_credentials, status_error, unreachable};
use super::{Credentials, CredentialsError};
use crate::client::HttpRequest;

const SERVICE: &str = "credentials URI";
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
const MAX_BODY: usize = 64 * 1024;

/// A URI that answers with credentials.
///
/// Use it through [`SourceProvider::credentials_uri`](super::SourceProvider::credentials_uri).
/// Its `Debug` and errors show the URI without its query, which may hold
/// a token.
#[derive(Clone)]
pub struct CredentialsUri {
    uri: String,
    timeout: Duration,
}

impl std::fmt::Debug for CredentialsUri {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialsUri")
            .field("uri", &super::source::shown_url(&self.uri))
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl CredentialsUri {
    /// Credentials from `uri` (`http://` or `https://`).
    pub fn new(uri: impl Into<String>) -> Self {
        Self {
            uri: uri.into(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// How long the request may take (default 5 s).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub(crate) async fn fetch(&self, http: &dyn Fetch) -> Result<Credentials, CredentialsError> {
        let request = HttpRequest {
            method: "GET".into(),
            url: self.uri.clone(),
            headers: vec![("accept".into(), "application/json".into())],
            body: Vec::new(),
            max_response_body: MAX_BODY,
        };
        let response = http
            .fetch(request, self.timeout)
            .await
            .map_err(|error| unreachable(SERVICE, &self.uri, error))?;
        if response.status != 200 {
            return Err(status_error(SERVICE, &self.uri, response.status, None));
        }
        read_credentials(SERVICE, &response, None, true)
    }
}
