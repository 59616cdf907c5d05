//! Any bytes saved as a document: reading, decoding and parsing the front matter
//! never panic, and a document that loads holds no control character in the text
//! that reaches the pages (titles, body).
//!
//! Run: `cargo +nightly fuzz run front_matter` (see .ci/run for the bounded run).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

const SITE_TOML: &str = r#"title = "测试区人民政府信息公开"
base_url = "https://www.test.example.gov.cn/xxgk/"

[[publishers]]
key = "qzf"
name = "测试区人民政府"
code = "005283492"
"#;

fn config() -> &'static zwgk::config::SiteConfig {
    static C: OnceLock<zwgk::config::SiteConfig> = OnceLock::new();
    C.get_or_init(|| zwgk::config::SiteConfig::parse(SITE_TOML).expect("site.toml"))
}

fuzz_target!(|data: &[u8]| {
    let rel = Path::new("content/general/a.md");
    let Ok(text) = zwgk::load::source::decode(data, rel) else {
        return;
    };
    if let Ok(doc) = zwgk::load::parse_document(&text, rel, config(), &BTreeMap::new()) {
        let bad = zwgk::util::text::is_forbidden_control;
        assert!(!doc.title.contains(bad) && !doc.body.as_str().contains(bad));
    }
});
