//! The one place that names the YAML crate. serde_yaml is archived upstream;
//! serde_yaml_ng is its maintained, API-compatible fork. Switching is this line.
pub use serde_yaml_ng::{from_str, from_value, Error, Mapping, Value};
