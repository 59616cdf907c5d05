//! `zwgk build --timings`: the per-stage line that bench/run.sh reads.

use std::path::Path;
use std::process::{Command, Output};

fn zwgk(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_zwgk"))
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "zwgk {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

#[test]
fn timings_are_one_json_line_on_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    zwgk(&site, &["init", site.to_str().unwrap()]);

    let out = zwgk(&site, &["build", "--timings"]);
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let stages: Vec<&str> = lines[0]["timings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stage"].as_str().unwrap())
        .collect();
    assert_eq!(stages.first(), Some(&"load"), "{stages:?}");
    assert!(stages.contains(&"render+write"), "{stages:?}");
    assert!(lines[0]["timings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["seconds"].as_f64().unwrap() >= 0.0));
    let html = walk_html(&site.join("public"));
    assert!(html > 0);
    assert!(
        lines[0]["pages"].as_u64().unwrap() >= html,
        "every HTML page is counted"
    );
    assert_eq!(
        lines[0]["bodies_in_files"].as_u64(),
        Some(0),
        "a small site's bodies stay in memory"
    );
    assert!(out.stdout.is_empty(), "stdout stays clean");

    assert!(
        json_lines(&zwgk(&site, &["build"])).is_empty(),
        "no timings unless asked"
    );
}

fn walk_html(dir: &Path) -> u64 {
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            n += walk_html(&p);
        } else if p.extension().is_some_and(|x| x == "html") {
            n += 1;
        }
    }
    n
}
