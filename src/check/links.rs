//! `zwgk check --links`: every external link (`http:`, `https:`) in the documents
//! published on the day of the check is requested, a few at a time
//! (`[inspection] link_parallel`, 8), each with a time limit (`link_timeout`, 10 s).
//! A link is dead when it answers 400 or more (after following up to 5 redirects),
//! or does not answer at all. Each address is requested once however often it is
//! linked. Without `--links`, nothing here runs and no network is touched.

use crate::diagnostics::Diagnostic;
use crate::load::LoadedSite;
use crate::rules::links::{dead_external, external_links, ExternalLink};
use crate::rules::RuleContext;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// What one request found: `None` when the link works.
type Verdict = Option<(String, String)>;

/// The `links/external-dead` findings of `site` on `today`.
pub fn check_external(site: &LoadedSite, today: NaiveDate) -> Vec<Diagnostic> {
    let cx = RuleContext::new(site, today);
    let links = external_links(&cx);
    let mut by_url: BTreeMap<&str, Vec<&ExternalLink>> = BTreeMap::new();
    for l in &links {
        by_url.entry(l.url.as_str()).or_default().push(l);
    }
    let urls: Vec<&str> = by_url.keys().copied().collect();
    let inspection = &site.config.inspection;
    let timeout = Duration::from_secs(u64::from(*inspection.link_timeout.get_ref()));
    let parallel = (*inspection.link_parallel.get_ref() as usize).clamp(1, 32);
    let verdicts = request_all(&urls, timeout, parallel);
    let mut out = Vec::new();
    for (url, verdict) in urls.iter().zip(verdicts) {
        if let Some((zh, en)) = verdict {
            for l in &by_url[url] {
                out.push(dead_external(l, &zh, &en));
            }
        }
    }
    out
}

/// Requests each of `urls`, `parallel` at a time; the verdicts in the same order.
pub fn request_all(urls: &[&str], timeout: Duration, parallel: usize) -> Vec<Verdict> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(5)
        .user_agent(concat!("zwgk/", env!("CARGO_PKG_VERSION"), " (link check)"))
        .build()
        .into();
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Verdict>> = Mutex::new(vec![None; urls.len()]);
    std::thread::scope(|s| {
        for _ in 0..parallel.min(urls.len()) {
            s.spawn(|| loop {
                let i = {
                    let mut n = next.lock().expect("not poisoned");
                    let i = *n;
                    *n += 1;
                    i
                };
                let Some(url) = urls.get(i) else { break };
                let verdict = request(&agent, url, timeout);
                results.lock().expect("not poisoned")[i] = verdict;
            });
        }
    });
    results.into_inner().expect("not poisoned")
}

/// HEAD first (cheap); servers that refuse HEAD are asked again with GET.
fn request(agent: &ureq::Agent, url: &str, timeout: Duration) -> Verdict {
    let status = match agent.head(url).call() {
        Ok(r) if matches!(r.status().as_u16(), 403 | 405 | 501) => agent.get(url).call(),
        other => other,
    };
    match status {
        Ok(r) if r.status().as_u16() < 400 => None,
        Ok(r) => {
            let code = r.status().as_u16();
            Some((
                format!("服务器返回 {code}"),
                format!("the server answers {code}"),
            ))
        }
        Err(ureq::Error::Timeout(_)) => Some((
            format!("{} 秒内没有响应", timeout.as_secs()),
            format!("no answer within {} s", timeout.as_secs()),
        )),
        Err(ureq::Error::TooManyRedirects) => {
            Some(("重定向次数过多".into(), "too many redirects".into()))
        }
        Err(e) => Some((format!("无法连接（{e}）"), format!("cannot connect ({e})"))),
    }
}
