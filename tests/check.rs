//! `zwgk check` and the gate in `zwgk build`, through the real binary.
//!
//! tests/fixtures/one-of-each is a site with one document per problem, named
//! after the rule it breaks, and content/clean/ documents that must raise nothing.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod fixture;

const FIXTURE_TODAY: &str = "2025-11-30";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/one-of-each")
}

fn zwgk(site: &Path, today: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zwgk"))
        .arg("-C")
        .arg(site)
        .args(args)
        .env("ZWGK_TODAY", today)
        .output()
        .expect("run zwgk")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// A temporary site (tests/fixture) holding the named documents of the fixture.
fn site_with(files: &[&str]) -> fixture::Site {
    let site = fixture::Site::new();
    for rel in files {
        site.write(rel, std::fs::read(fixture_dir().join(rel)).unwrap());
    }
    site
}

#[test]
fn json_lists_exactly_the_problems_of_the_fixture() {
    let out = zwgk(
        &fixture_dir(),
        FIXTURE_TODAY,
        &["check", "--format", "json"],
    );
    assert_eq!(out.status.code(), Some(1), "errors exit 1");
    let report = json(&out);
    let found: BTreeSet<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("content/schema/unknown-key.md", "schema/unknown-key"),
        ("content/schema/missing-key.md", "schema/missing-key"),
        ("content/schema/date.md", "schema/date"),
        ("content/index/malformed.md", "index/malformed"),
        ("content/index/duplicate-b.md", "index/duplicate"),
        ("content/index/publisher-code.md", "index/publisher-code"),
        ("content/index/year.md", "index/year"),
        (
            "content/disclosure/withheld-reason.md",
            "disclosure/withheld-reason",
        ),
        (
            "content/disclosure/withheld-basis.md",
            "disclosure/withheld-basis",
        ),
        (
            "content/disclosure/review-missing.md",
            "disclosure/review-missing",
        ),
        (
            "content/disclosure/review-incomplete.md",
            "disclosure/review-incomplete",
        ),
        (
            "content/disclosure/review-after-publication.md",
            "disclosure/review-after-publication",
        ),
        (
            "content/disclosure/review-not-approved.md",
            "disclosure/review-not-approved",
        ),
        (
            "content/disclosure/review-redaction.md",
            "disclosure/review-redaction",
        ),
        ("content/pii/id-card.md", "pii/id-card"),
        ("content/pii/bank-card.md", "pii/bank-card"),
        ("content/pii/mobile.md", "pii/mobile"),
        ("content/pii/waived.md", "pii/waived"),
        ("content/timeliness/late.md", "timeliness/late"),
        ("site.toml", "timeliness/calendar-unknown"),
        ("content/interpretation/target.md", "interpretation/target"),
        (
            "content/interpretation/missing.md",
            "interpretation/missing",
        ),
        (
            "content/interpretation/no-target.md",
            "interpretation/no-target",
        ),
        (
            "content/links/missing-document.md",
            "links/missing-document",
        ),
        (
            "content/links/withheld-document.md",
            "links/withheld-document",
        ),
        ("content/links/missing-file.md", "links/missing-file"),
        (
            "content/links/file-not-attached.md",
            "links/file-not-attached",
        ),
        (
            "content/files/attachment-missing.md",
            "files/attachment-missing",
        ),
        ("content/domain/unknown.md", "domain/unknown"),
        ("content/czyjs/unknown-item.md", "domain/unknown-item"),
        (
            "content/dates/future-publication.md",
            "dates/future-publication",
        ),
        ("content/clean/draft.md", "disclosure/held-back"),
        (
            "content/dates/future-publication.md",
            "disclosure/held-back",
        ),
        (
            "content/dates/created-after-published.md",
            "dates/created-after-published",
        ),
    ]
    .iter()
    .map(|(f, r)| (f.to_string(), r.to_string()))
    .collect();
    let missing: Vec<_> = expected.difference(&found).collect();
    let extra: Vec<_> = found.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:?}\nunexpected: {extra:?}"
    );
    assert_eq!(
        report["findings"].as_array().unwrap().len(),
        expected.len(),
        "one finding per problem"
    );
    assert_eq!(report["summary"]["documents"], 41);
    assert_eq!(report["summary"]["warnings"], 7);
    assert_eq!(
        report["summary"]["infos"], 3,
        "pii/waived and two held back"
    );
    for f in report["findings"].as_array().unwrap() {
        for key in ["message_zh", "message_en", "fix_zh", "fix_en"] {
            assert!(!f[key].as_str().unwrap().is_empty(), "{key} of {f}");
        }
        if f["file"] != "site.toml" {
            assert!(f["line"].as_u64().is_some(), "a line for {f}");
        }
    }
}

#[test]
fn the_example_portal_has_no_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = zwgk(root, "2026-11-22", &["check", "--format", "json"]);
    let report = json(&out);
    let errors: Vec<_> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(out.status.success());
    assert!(report["summary"]["documents"].as_u64().unwrap() > 50);
}

#[test]
fn warnings_pass_unless_strict_and_check_writes_nothing() {
    let site = site_with(&["content/pii/mobile.md"]);
    let out = site.zwgk(&["check"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("警告 warning[pii/mobile]: content/pii/mobile.md:13:"),
        "{text}"
    );
    assert!(text.contains("138****5678"), "{text}");
    assert!(
        text.contains("check passed: 1 documents, 0 error(s), 1 warning(s)"),
        "{text}"
    );

    let strict = site.zwgk(&["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stdout).contains("check failed"));

    let entries: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries.len(), 2, "only site.toml and content/: {entries:?}");
}

#[test]
fn a_waiver_is_a_note_and_passes_strict() {
    let site = site_with(&["content/pii/waived.md"]);
    let out = site.zwgk(&["check", "--strict"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("提示 info[pii/waived]"));
}

#[test]
fn build_with_an_error_writes_nothing_and_fails() {
    let site = site_with(&[
        "content/pii/id-card.md",
        "content/clean/policy.md",
        "content/clean/policy-interpretation.md",
    ]);
    let public = site.out();
    std::fs::create_dir_all(&public).unwrap();
    std::fs::write(public.join("index.html"), "the portal as last deployed").unwrap();
    // The marker an earlier build leaves: without it, public/ would not be replaced at all.
    std::fs::write(public.join(".zwgk-output"), "zwgk").unwrap();

    let out = site.zwgk(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = fixture::stderr(&out);
    assert!(
        stderr.contains("错误 error[pii/id-card]: content/pii/id-card.md:13"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing written"), "{stderr}");
    assert_eq!(
        fixture::files(&public),
        [PathBuf::from(".zwgk-output"), PathBuf::from("index.html")]
    );
    assert_eq!(
        std::fs::read_to_string(public.join("index.html")).unwrap(),
        "the portal as last deployed"
    );
    let root: BTreeSet<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(root.len(), 3, "no staging folder left behind: {root:?}");

    // The same site with the number masked builds: the gate, not the site, stopped it.
    let doc = site.root().join("content/pii/id-card.md");
    let masked = std::fs::read_to_string(&doc)
        .unwrap()
        .replace("11010519491231002X", "110105********002X");
    std::fs::write(&doc, masked).unwrap();
    let out = site.zwgk(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(
        std::fs::read_to_string(public.join("index.html")).unwrap(),
        "the portal as last deployed"
    );
}

/// The hook as the README gives it, to copy into `.git/hooks/pre-commit`.
fn readme_pre_commit_hook() -> String {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme
        .find("#!/bin/sh\n# zwgk pre-commit hook")
        .expect("the README has the hook");
    let end = start + readme[start..].find("```").unwrap();
    readme[start..end].to_string()
}

fn git(dir: &Path, args: &[&str]) -> Output {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_zwgk")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=测试",
            "-c",
            "user.email=test@example.gov.cn",
            "-c",
            "core.hooksPath=.git/hooks",
        ])
        .args(args)
        .env("PATH", path)
        .env("ZWGK_TODAY", FIXTURE_TODAY)
        .output()
        .expect("run git")
}

#[test]
fn the_readme_pre_commit_hook_checks_what_is_committed() {
    use std::os::unix::fs::PermissionsExt;
    let site = site_with(&["content/pii/id-card.md"]);
    let dir = site.root();
    assert!(git(dir, &["init", "-q"]).status.success());
    let hook = dir.join(".git/hooks/pre-commit");
    std::fs::write(&hook, readme_pre_commit_hook()).unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();

    git(dir, &["add", "-A"]);
    let refused = git(dir, &["commit", "-q", "-m", "发布"]);
    assert!(
        !refused.status.success(),
        "the hook lets an ID-card number through"
    );
    // git passes a hook's output on to stderr.
    assert!(String::from_utf8_lossy(&refused.stderr).contains("pii/id-card"));

    // Fixed in the folder but not staged: what would be committed is still wrong.
    let doc = dir.join("content/pii/id-card.md");
    let masked = std::fs::read_to_string(&doc)
        .unwrap()
        .replace("11010519491231002X", "110105********002X");
    std::fs::write(&doc, masked).unwrap();
    assert!(!git(dir, &["commit", "-q", "-m", "发布"]).status.success());

    git(dir, &["add", "-A"]);
    let ok = git(dir, &["commit", "-q", "-m", "发布"]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );
}
