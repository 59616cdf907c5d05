//! Helpers for tests that talk to servers: a small HTTP client,
//! the `zwgk serve` process, and headless Chromium driven through chromedriver.
#![allow(dead_code)] // each test binary uses part of it

pub mod browser;
pub mod http;
pub mod serve;
