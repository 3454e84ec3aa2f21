//! The traits every generated request, response and error code implements,
//! so that transports, paginators and tests can work with any action.

use std::fmt;

use crate::error::{ErrorCode, WireError};
use crate::model::{self, Model, ModelMut};
use crate::query::{QueryError, QueryPairs, QueryWriter, ToQuery};

/// A request for one API action.
///
/// A request is plain data: it can be cloned, printed (secrets masked),
/// and sent to other threads, so that clients, paginators and the mock of
/// the `test-util` feature can keep and show it.
pub trait Action: ToQuery + Clone + fmt::Debug + Send + Sync + 'static {
    /// The product code, such as `Vpc`.
    const PRODUCT: &'static str;
    /// The API version, such as `2016-04-28`.
    const VERSION: &'static str;
    /// The action name sent as `Action` / `x-acs-action`.
    const NAME: &'static str;
    /// The HTTP methods the action accepts, most preferred first, upper case.
    const METHODS: &'static [&'static str];

    /// The parsed success response.
    type Response: ResponseBody;
    /// The product's error code type, which every action of the product
    /// shares.
    type ErrorCode: ErrorCode;

    /// The error codes the API docs list for this action, each with the
    /// HTTP status they give for it (the lowest, for a code listed under
    /// several). Empty when they list none; the service may still send
    /// any code.
    const ERROR_CODES: &'static [(Self::ErrorCode, u16)] = &[];

    /// The HTTP status the API docs give for `code` in this action's
    /// [`ERROR_CODES`](Self::ERROR_CODES), if they list it for this action.
    fn documented_status(code: &Self::ErrorCode) -> Option<u16> {
        Self::ERROR_CODES
            .iter()
            .find(|(documented, _)| documented == code)
            .map(|(_, status)| *status)
    }

    /// The parameters sent in the query string, sorted by key.
    fn query_pairs(&self) -> Result<QueryPairs, QueryError> {
        let mut writer = QueryWriter::new();
        self.write_query(&mut writer);
        writer.finish()
    }

    /// The parameters sent as a form-encoded body (`in: body` or
    /// `formData` in the spec), sorted by key. Empty for most actions.
    fn body_pairs(&self) -> Result<QueryPairs, QueryError> {
        Ok(QueryPairs::default())
    }
}

/// A success response body, readable and writable as JSON and XML.
///
/// The reading and writing is the runtime's [`model`] code, compiled once
/// for every action; a response only describes its fields.
pub trait ResponseBody: Model + ModelMut + Default + Send + Sync + 'static {
    /// The root element of the XML form, such as `DescribeHaVipsResponse`.
    const XML_ROOT: &'static str;

    /// Parses the JSON form.
    fn from_json(json: &str) -> Result<Self, WireError> {
        let mut response = Self::default();
        model::from_json(json, &mut response).map_err(WireError::Json)?;
        Ok(response)
    }

    /// Parses the XML form.
    fn from_xml(xml: &str) -> Result<Self, WireError> {
        let mut response = Self::default();
        model::from_xml(xml, &mut response).map_err(|error| WireError::Xml(error.to_string()))?;
        Ok(response)
    }

    /// Writes the JSON form; fields that were absent stay absent.
    fn to_json(&self) -> Result<String, WireError> {
        model::to_json(self).map_err(WireError::Json)
    }

    /// Writes the XML form.
    fn to_xml(&self) -> Result<String, WireError> {
        model::to_xml(Self::XML_ROOT, self).map_err(|error| WireError::Xml(error.to_string()))
    }
}
