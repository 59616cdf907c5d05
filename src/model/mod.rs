//! The shared vocabulary, without I/O: the typed document, the taxonomy of the
//! content model, the built-in data, what may be published, and every URL.

pub mod builtin;
pub mod document;
pub mod publication;
pub mod taxonomy;
pub mod urls;
