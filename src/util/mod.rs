//! Small helpers that know nothing of the product: dates as staff write them, text
//! positions, a hash of any serialisable value, the YAML reader, and reading the site's files without following links.

pub mod dates;
pub mod fingerprint;
pub mod memory;
pub mod sitefs;
pub mod text;
pub mod yaml;
