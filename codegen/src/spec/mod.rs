//! Reading spec files: the serde model, loading with JSON paths in errors,
//! the semantic checks that run before anything is generated, and the
//! checked model they produce for lowering.

pub mod checked;
mod duplicates;
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
    ActionSpec, AsyncSpec, ComponentsSpec, CrateSpec, EndpointSpec, ErrorCodeSpec, ParameterSpec,
    ProductSpec, ResponseSpec, SampleSpec, Schema,
};
pub use references::{MAX_EXPANDED_SCHEMAS, MAX_SCHEMA_DEPTH};
pub use words::{ApiStyle, Format, Location, Method, OperationType, SchemaType, Style};
