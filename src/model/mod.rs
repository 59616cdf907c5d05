//! The shared vocabulary, without I/O: the typed document, the taxonomy of the
//! content model, the built-in data, what may be published, documents over time
//! (validity on a day, consultations, re-review), and every URL.

pub mod builtin;
pub mod document;
pub mod lifecycle;
pub mod publication;
pub mod taxonomy;
pub mod urls;
