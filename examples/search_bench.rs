//! Measures the search index (used by bench/search.sh).
//!
//! `search_bench index SITE`: builds the search files of SITE in memory and
//! prints the time, peak memory and sizes.
//! `search_bench query OUT QUERY...`: for each query, against the site built
//! into OUT, prints the result count and the bytes a browser fetches for it
//! (meta, shards, large terms and the rows of the first page of results).

mod support;

use search_reference::Searcher;
use std::time::Instant;
use support::peak_rss_kb;
use zwgk::datafiles::search;

/// The tests' reference searcher, which answers queries as the browser does.
#[path = "../tests/support/search_reference.rs"]
#[allow(dead_code)]
mod search_reference;

/// Rows the search page shows at first (as `assets/search.js`).
const PAGE: usize = 10;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("index") if args.len() == 2 => index(&args[1]),
        Some("query") if args.len() >= 3 => query(&args[1], &args[2..]),
        _ => Err("usage: search_bench index SITE | search_bench query OUT QUERY...".into()),
    }
}

fn index(site: &str) -> Result<(), Box<dyn std::error::Error>> {
    let today = zwgk::build::today();
    let (loaded, _) = zwgk::build::Session::new(std::path::Path::new(site), false)
        .check(today)
        .map_err(|e| e.to_string())?;
    let site = zwgk::publish::publish(loaded, today, false, None);
    let rss_before = peak_rss_kb();
    let start = Instant::now();
    let cpu_start = cpu_seconds();
    let files = search::files(&site, None).unwrap_or_else(|e| panic!("{e}"));
    let elapsed = start.elapsed();
    let cpu = cpu_seconds() - cpu_start;
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    let count = |prefix: &str| files.iter().filter(|f| f.path.starts_with(prefix)).count();
    let docs = site.docs.len();
    println!("docs {docs}");
    println!("index_seconds {:.3} (cpu {cpu:.3})", elapsed.as_secs_f64());
    println!("peak_rss_kb_before {rss_before}");
    println!("peak_rss_kb_after {}", peak_rss_kb());
    println!(
        "files {} (term files {}, store blocks {})",
        files.len(),
        count("search/t/"),
        count("search/d/")
    );
    println!("total_bytes {total}");
    println!("bytes_per_doc {:.0}", total as f64 / docs.max(1) as f64);
    let store: usize = files
        .iter()
        .filter(|f| f.path.starts_with("search/d/"))
        .map(|f| f.bytes.len())
        .sum();
    println!("store_bytes {store}");
    Ok(())
}

fn query(out: &str, queries: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let searcher = Searcher::open(std::path::Path::new(out))?;
    for q in queries {
        searcher.forget();
        let hits = searcher.search(q)?;
        for h in hits.iter().take(PAGE) {
            searcher.row(h.id)?;
        }
        println!(
            "query {q:?} results {} fetched_bytes {}",
            hits.len(),
            searcher.bytes_fetched()
        );
    }
    Ok(())
}

/// User + system CPU time of this process (from /proc, in clock ticks of 10 ms).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}
