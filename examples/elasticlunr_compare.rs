//! What building the same index with elasticlunr-rs costs (docs/search.md,
//! "Why not one elasticlunr index"): the published documents of SITE, the
//! same fields and the same tokenizer, in one `elasticlunr::Index`.
//!
//! `elasticlunr_compare SITE` prints the build time, peak memory and the size
//! of the JSON index that elasticlunr.js would have to download whole.

mod support;

use std::time::Instant;
use support::peak_rss_kb;
use zwgk::datafiles::search::index::FIELDS;
use zwgk::datafiles::search::tokenize::{fold, terms, Mode};

fn tokenizer(mode: Mode) -> elasticlunr::TokenizerFn {
    Box::new(move |text: &str| {
        let folded = fold(text);
        let mut out = Vec::new();
        terms(&folded, mode, |t| out.push(t.to_string()));
        out
    })
}

/// zwgk's tokenizer with no pipeline (no trimming, stop words or stemming).
struct Zwgk;

impl elasticlunr::Language for Zwgk {
    fn name(&self) -> String {
        "Zwgk".into()
    }
    fn code(&self) -> String {
        "zwgk".into()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        tokenizer(Mode::Plain)(text)
    }
    fn make_pipeline(&self) -> elasticlunr::Pipeline {
        elasticlunr::Pipeline { queue: Vec::new() }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let site = std::env::args()
        .nth(1)
        .ok_or("usage: elasticlunr_compare SITE")?;
    let today = zwgk::build::today();
    let (loaded, _) = zwgk::build::Session::new(std::path::Path::new(&site), false)
        .check(today)
        .map_err(|e| e.to_string())?;
    let site = zwgk::publish::publish(loaded, today, false, None);
    let before = peak_rss_kb();
    let start = Instant::now();
    let mut builder = elasticlunr::IndexBuilder::with_language(Box::new(Zwgk)).save_docs(false);
    for (name, _, mode) in FIELDS {
        builder = builder.add_field_with_tokenizer(name, tokenizer(mode));
    }
    let mut index = builder.build();
    for (i, d) in site.docs.iter().enumerate() {
        let body = zwgk::markdown::plain_text(d.body.as_str());
        let fields = [
            d.title.as_str(),
            d.doc_no.as_deref().unwrap_or(""),
            &d.index_no,
            site.publisher_name(&d.publisher),
            &d.topics.join(" "),
            &site.summaries[i],
            &body,
        ];
        index.add_doc(&i.to_string(), fields);
    }
    let built = start.elapsed();
    let json = index.to_json();
    println!("docs {}", site.docs.len());
    println!(
        "build_seconds {:.2} (+ {:.2} to serialise)",
        built.as_secs_f64(),
        start.elapsed().as_secs_f64() - built.as_secs_f64()
    );
    println!(
        "peak_rss_growth_mb {:.0}",
        (peak_rss_kb() - before) as f64 / 1024.0
    );
    println!(
        "json_bytes {} ({:.1} KB per document)",
        json.len(),
        json.len() as f64 / site.docs.len().max(1) as f64 / 1000.0
    );
    Ok(())
}
