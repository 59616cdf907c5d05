//! zwgk: a static-site generator for standardized government disclosure portals.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! [`load`] → [`validate`] → [`publish`] → [`plan`] → [`render`] → [`output`],
//! driven by [`build`]; [`serve`] re-runs it on every save for a live preview.

// Diagnostics are the error type of most stages; they are built only on the
// unhappy path, so their size (four bilingual strings) does not matter.
#![allow(clippy::result_large_err)]

pub mod appearance;
pub mod build;
pub mod builtin;
pub mod catalogue;
pub mod check;
pub mod config;
pub mod datafiles;
pub mod diagnostics;
pub mod document;
pub mod feeds;
pub mod frontmatter;
pub mod import;
pub mod load;
pub mod markdown;
pub mod opendata;
pub mod output;
pub mod plan;
pub mod publish;
pub mod render;
pub mod reports;
pub mod rules;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod sitefs;
pub mod source;
pub mod taxonomy;
pub mod texts;
pub mod theme;
pub mod validate;
pub mod yaml;
