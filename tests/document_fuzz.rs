//! Broken documents never panic the loader or the Markdown renderer: 20,000
//! mutated documents with a fixed seed, in bounded time, on stable Rust. Each
//! mutation inserts what staff and tools really produce (full-width colons and
//! spaces, tabs, YAML tags, anchors and escapes, control characters, stray
//! `---`, table rows, heading runs). A document that loads holds no control
//! character in any text that reaches the pages. The cargo-fuzz targets
//! `fuzz/fuzz_targets/front_matter.rs` and `markdown.rs` explore further
//! (.ci/run runs them when a nightly toolchain exists).

mod fixture;
mod rng;
use rng::Rng;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};
use zwgk::util::text::is_forbidden_control;

const TOKENS: &[&str] = &[
    ":",
    ": ",
    "：",
    "\u{3000}",
    "\t",
    "\n",
    "\n---\n",
    "---",
    "- ",
    "  ",
    "!foo ",
    "!!str ",
    "&a ",
    "*a",
    "<<: *a",
    "\"",
    "'",
    "\\0",
    "\\v",
    "\\x1b",
    "\\u2028",
    "\u{2028}",
    "\u{b}",
    "\u{0}",
    "\u{7f}",
    "[",
    "]",
    "{",
    "}",
    "#",
    "|",
    ">",
    "%",
    "?",
    "〔2025〕",
    "[2025]",
    "综合政务，财政",
    "review:",
    "reviewer: 王明",
    "conclusion: 同意公开",
    "draft: true",
    "\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    "\n# 附件\n",
    "\n## 附件\n",
    "<script>",
    "](../x.md)",
    "[a](",
    "*",
    "**",
    "~~",
    "`",
    "\n> ",
    "1. ",
    "\u{feff}",
    "\r",
    "\r\n",
    "💡",
    "é",
];

fn mutate(rng: &mut Rng, seed: &str) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    for _ in 0..1 + rng.below(6) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(4) {
            0 => {
                let end = (at + rng.below(12)).min(bytes.len());
                bytes.drain(at..end);
            }
            1 => {
                if at < bytes.len() {
                    bytes[at] = rng.next() as u8;
                }
            }
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, t.iter().copied());
            }
        }
    }
    bytes
}

fn seeds() -> Vec<String> {
    vec![
        fixture::doc_text("005283492/2025-00001", "关于做好工作的通知", "", "正文。"),
        fixture::doc_text(
            "005283492/2025-00002",
            "测试文件",
            "doc_no: 测政〔2025〕1号\ntopics: [综合政务, 财政]\nattachments:\n  - title: 表\n    file: files/表.pdf\nsummary: 概述\n",
            "# 一、总体要求\n\n正文**加粗**。\n\n| 项目 | 金额 |\n|---|---|\n| 甲 | 1 |\n\n1. 第一\n2. 第二\n",
        ),
    ]
}

#[test]
fn mutated_documents_never_panic() {
    let config = zwgk::config::SiteConfig::parse(fixture::SITE_TOML).expect("fixture site.toml");
    let domains = BTreeMap::new();
    let rel = Path::new("content/general/a.md");
    let mut rng = Rng(0x5eed_0022);
    let started = Instant::now();
    let seeds = seeds();
    let mut loaded = 0;
    for i in 0..20_000 {
        let bytes = mutate(&mut rng, &seeds[i % seeds.len()]);
        let Ok(text) = zwgk::load::source::decode(&bytes, rel) else {
            continue;
        };
        if let Ok(doc) = zwgk::load::parse_document(&text, rel, &config, &domains) {
            loaded += 1;
            for field in [doc.title.as_str(), doc.body.as_str()] {
                assert!(
                    !field.contains(is_forbidden_control),
                    "a control character passed in {:?}",
                    String::from_utf8_lossy(&bytes)
                );
            }
        }
        let body = text.splitn(3, "---").nth(2).unwrap_or(&text);
        let html = zwgk::markdown::render(body, &Default::default(), &|_| {
            zwgk::markdown::Target::AsWritten
        });
        assert!(!html.contains(is_forbidden_control) || body.contains(is_forbidden_control));
        let _ = zwgk::markdown::summarize(body, 120);
    }
    assert!(
        loaded > 100,
        "only {loaded} mutated documents loaded: mutations too harsh"
    );
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "took {:?}",
        started.elapsed()
    );
}
