//! Reading spec files, one module per job, in the order a file goes
//! through them:
//!
//! - `load` reads a product directory and every file it names, collecting
//!   every problem; `json` is the first reading of a file (every key kept,
//!   checked against the shape of the format) before serde fills `model`.
//! - `validate` runs the semantic checks (those of parameters and schemas
//!   in `validate/schemas.rs`); on its way it has `duplicates` drop the
//!   identical copies of a parameter and `references` replace each `$ref`
//!   by its schema, within size limits.
//! - `features` gives each action the cargo feature `product.json` lists
//!   it in, and checks that list against the action files.
//! - `samples` checks each sample response against the response schema,
//!   reading XML with the small reader in `xml`.
//! - [`checked`] is what a file becomes once it passed: the typed model
//!   lowering reads, with the spec's fixed words (`words`) as enums.

pub mod checked;
mod duplicates;
mod features;
mod json;
mod load;
mod model;
mod references;
mod samples;
mod validate;
mod words;
mod xml;

pub use json::MAX_JSON_DEPTH;
pub use load::{
    LoadedAction, LoadedProduct, LoadedSample, PRODUCT_FILE, load_product,
    relative as relative_path,
};
pub(crate) use model::number_of;
pub use model::{
    ActionSpec, AsyncSpec, ComponentsSpec, CrateSpec, EndpointSpec, ErrorCodeSpec, FeatureSpec,
    ParameterSpec, ProductSpec, ResponseSpec, SampleSpec, Schema,
};
pub use references::{MAX_EXPANDED_SCHEMAS, MAX_SCHEMA_DEPTH};
pub use words::{ApiStyle, Format, Location, Method, OperationType, SchemaType, Style};
