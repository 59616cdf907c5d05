//! zwgk: a static-site generator for standardized government disclosure portals.
//!
//! One pipeline, a folder per stage (see ARCHITECTURE.md):
//! [`load`] → [`rules`] → [`publish`] → [`plan`] → [`render`] (+ [`datafiles`]) →
//! [`output`], resting on a ground floor ([`model`], [`config`], [`markdown`],
//! [`diagnostics`], [`layout`], [`util`]) that imports nothing above it. The commands
//! sit on top: [`build`] drives the stages, [`check`] and [`serve`] run the same driver.

// Diagnostics are the error type of most stages; they are built only on the
// unhappy path, so their size (four bilingual strings) does not matter.
#![allow(clippy::result_large_err)]

// The ground floor.
pub mod config;
pub mod diagnostics;
pub mod layout;
pub mod markdown;
pub mod model;
pub mod util;

// The stages (in pipeline order: load, rules, publish, plan, render, datafiles, output).
pub mod datafiles;
pub mod load;
pub mod output;
pub mod plan;
pub mod publish;
pub mod render;
pub mod rules;

// The commands.
pub mod build;
pub mod check;
pub mod import;
pub mod scaffold;
pub mod serve;
