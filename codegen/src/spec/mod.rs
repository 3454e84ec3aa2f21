//! Reading spec files: the serde model, loading with JSON paths in errors,
//! and the semantic checks that run before anything is generated.

mod json;
mod load;
mod model;
mod validate;

pub use json::MAX_JSON_DEPTH;
pub use load::{
    LoadedAction, LoadedProduct, LoadedSample, PRODUCT_FILE, load_product,
    relative as relative_path,
};
pub use model::{
    ActionSpec, ComponentsSpec, CrateSpec, EndpointSpec, ErrorCodeSpec, ParameterSpec, ProductSpec,
    ResponseSpec, SampleSpec, Schema,
};
pub(crate) use validate::number_of;
pub use validate::{MAX_EXPANDED_SCHEMAS, MAX_SCHEMA_DEPTH};
