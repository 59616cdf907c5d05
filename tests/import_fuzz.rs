//! Broken .docx input never panics `zwgk import`: 10,000 mutated files with a
//! fixed seed, in bounded time. Half are mutated as bytes (what a truncated
//! download or a bad disk does), half as XML zipped again correctly, so the
//! XML reader and the 公文 recognition get the broken input, not only the
//! zip's checksums. The cargo-fuzz target `fuzz/fuzz_targets/import_docx.rs`
//! explores further (.ci/run runs it for a minute).

mod docx;
mod rng;
use docx::{gongwen, run, Docx, PNG};
use rng::Rng;
use std::time::{Duration, Instant};

const TOKENS: &[&str] = &[
    "<w:p>",
    "</w:p>",
    "<w:r>",
    "</w:r>",
    "<w:t>",
    "</w:t>",
    "<w:tbl>",
    "<w:tr>",
    "<w:tc>",
    "</w:tc>",
    "<w:tcPr><w:vMerge/></w:tcPr>",
    "<w:gridSpan w:val=\"99999\"/>",
    "<w:numPr><w:ilvl w:val=\"9\"/><w:numId w:val=\"1\"/></w:numPr>",
    "&amp;",
    "&#0;",
    "&bogus;",
    "<w:br/>",
    "<w:footnoteReference w:id=\"7\"/>",
    "<w:fldChar w:fldCharType=\"begin\"/>",
    "<w:fldChar w:fldCharType=\"end\"/>",
    "<w:instrText>PAGE</w:instrText>",
    "〔2025〕",
    "年",
    "月",
    "日",
    "（此件",
    "<a:blip r:embed=\"rIdImg1\"/>",
    "<w:jc w:val=\"center\"/>",
    "\u{0}",
    "<!DOCTYPE x>",
    "]]>",
    "<![CDATA[",
    "\"",
    "<",
    ">",
];

fn mutate_bytes(rng: &mut Rng, data: &mut Vec<u8>) {
    for _ in 0..=rng.below(8) {
        if data.is_empty() {
            data.push(rng.next() as u8);
            continue;
        }
        let at = rng.below(data.len());
        match rng.below(5) {
            0 => data[at] ^= 1 << rng.below(8),
            1 => data[at] = rng.next() as u8,
            2 => data.truncate(at),
            3 => {
                let end = (at + rng.below(64)).min(data.len());
                data.drain(at..end);
            }
            _ => {
                let end = (at + rng.below(64)).min(data.len());
                let chunk = data[at..end].to_vec();
                let to = rng.below(data.len());
                data.splice(to..to, chunk);
            }
        }
    }
}

fn mutate_text(rng: &mut Rng, text: &mut String) {
    for _ in 0..=rng.below(6) {
        let mut at = rng.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(3) {
            0 => text.insert_str(at, TOKENS[rng.below(TOKENS.len())]),
            1 => {
                let mut end = (at + rng.below(80)).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.replace_range(at..end, "");
            }
            _ => text.truncate(at),
        }
    }
}

fn seeds() -> Vec<Docx> {
    let cell = |t: &str| format!("<w:tc><w:p>{}</w:p></w:tc>", run(t, ""));
    let full = gongwen(|d| {
        d.text("一、总体要求")
            .numbered(1, 1, "工作目标。坚持公开。")
            .raw(&format!(
                "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
                cell("项目"),
                cell("金额")
            ))
            .image("image1.png", PNG, "图")
            .with_footnote("依据", 1, "条例")
            .text("附件：1.名单")
    })
    .numbering_xml(&[("chineseCounting", "%1、"), ("chineseCounting", "（%2）")]);
    let plain = Docx::new()
        .centered("关于开展检查的通知", 44)
        .text("各单位：")
        .right("二〇二五年三月十日");
    vec![full, plain]
}

#[test]
fn ten_thousand_mutated_docx_files_never_panic() {
    let mut rng = Rng(0x5EED_2025_0017);
    let seeds = seeds();
    let started = Instant::now();
    let budget = Duration::from_secs(300);
    let (mut drafts, mut refusals) = (0, 0);
    const RUNS: usize = 10_000;
    for i in 0..RUNS {
        assert!(
            started.elapsed() < budget,
            "{i} inputs in {budget:?}: too slow"
        );
        let seed = &seeds[rng.below(seeds.len())];
        let bytes = if i % 2 == 0 {
            let mut b = seed.bytes();
            mutate_bytes(&mut rng, &mut b);
            b
        } else {
            let mut text = seed.document_xml();
            mutate_text(&mut rng, &mut text);
            let mut d = seed.clone();
            d.document_override = Some(text.into_bytes());
            d.bytes()
        };
        let result = std::panic::catch_unwind(|| zwgk::import::convert(&bytes, "x.files"));
        match result {
            Ok(Ok(_)) => drafts += 1,
            Ok(Err(_)) => refusals += 1,
            Err(_) => {
                let path = std::env::temp_dir().join(format!("zwgk-import-panic-{i}.docx"));
                std::fs::write(&path, &bytes).unwrap();
                panic!("input {i} panicked; saved as {}", path.display());
            }
        }
    }
    assert_eq!(drafts + refusals, RUNS);
    // both paths are exercised
    assert!(
        drafts > 200 && refusals > 200,
        "{drafts} drafts, {refusals} refusals"
    );
}
