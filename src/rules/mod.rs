//! The compliance rules, one module per family; [`crate::validate`] runs them.
//! docs/rules.md lists every rule id with its severity and meaning.

pub mod calendar;
pub mod dates;
pub mod disclosure;
pub mod index_no;
pub mod interpretation;
pub mod links;
pub mod pii;
pub mod timeliness;

#[cfg(test)]
pub(crate) mod testing;
