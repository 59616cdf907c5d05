//! `zwgk serve`: a local preview that rebuilds on save and reloads the browser.
//!
//! The loop: build once, serve from memory, then for each batch of file changes
//! rebuild incrementally ([`incremental`]) and swap the served files; pages reload
//! themselves ([`reload`]). A failed rebuild keeps the last good build on the screen
//! with the problems over it, less everything the current source no longer
//! publishes ([`hidden`]). Nothing is written to disk, so `build` output is never
//! touched and Ctrl-C leaves nothing behind.

pub mod hidden;
pub mod incremental;
pub mod reload;
pub mod server;
pub mod watch;

use crate::build;
use crate::diagnostics::Diagnostic;
use incremental::{Incremental, Rebuilt};
use notify_debouncer_full::DebounceEventResult;
use server::{Live, Server};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    /// Also show drafts, unreviewed and scheduled documents, marked as not published.
    pub drafts: bool,
    /// Open the portal in the default browser.
    pub open: bool,
}

enum Msg {
    Files(DebounceEventResult),
    Quit,
}

/// Runs until Ctrl-C. Errors are problems that stop the preview from starting.
pub fn run(opts: &ServeOptions) -> Result<(), String> {
    let root = std::fs::canonicalize(&opts.root).map_err(|e| {
        format!(
            "找不到站点文件夹 {} / cannot open the site folder: {e}",
            opts.root.display()
        )
    })?;
    if !root.join(crate::layout::CONFIG_FILE).is_file() {
        return Err(format!(
            "{} 中没有 site.toml：请在站点文件夹中运行，或用 -C 指定站点文件夹 / no site.toml in {}: run in the site's folder or pass -C DIR",
            root.display(),
            root.display()
        ));
    }
    let (listener, moved) = server::bind(opts.bind, opts.port)?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    if let Some(m) = moved {
        eprintln!("{m}");
    }

    // Each save needs about the memory the one before freed: kept, not handed back.
    crate::util::memory::keep_freed_memory();
    let live = Arc::new(Live::default());
    let mut site = Incremental::new(&root, opts.drafts);
    eprintln!("正在生成预览 / building the preview …");
    rebuild(&mut site, &live, None);

    let (tx, rx) = mpsc::channel();
    let quit = tx.clone();
    ctrlc::set_handler(move || {
        let _ = quit.send(Msg::Quit);
    })
    .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    let mut watcher = watch::Watcher::start(&root, move |events| {
        let _ = tx.send(Msg::Files(events));
    })
    .map_err(|e| format!("无法监视站点文件 / cannot watch the site's files: {e}"))?;
    site.trust_events();
    // What changed between the first build and the watcher's start.
    catch_up(&mut site, &live, &root);
    let server = Server::start(listener, live.clone())?;

    let host = if addr.ip().is_unspecified() {
        "localhost".to_string()
    } else {
        addr.ip().to_string()
    };
    let host = if addr.is_ipv6() && !addr.ip().is_unspecified() {
        format!("[{host}]")
    } else {
        host
    };
    let url = format!("http://{host}:{}/", addr.port());
    println!("预览地址 / serving at {url}");
    eprintln!("保存文件后页面会自动更新；按 Ctrl-C 停止 / pages update when you save; press Ctrl-C to stop");
    if opts.open {
        if let Err(e) = open::that_detached(&url) {
            eprintln!("无法打开浏览器，请手动打开 {url} / cannot open a browser ({e}): open {url} yourself");
        }
    }

    while let Ok(msg) = rx.recv() {
        let Msg::Files(first) = msg else { break };
        // Take every batch already queued, so one save causes one rebuild.
        let mut changes = watcher.changes(first);
        let mut quit = false;
        while let Ok(more) = rx.try_recv() {
            match more {
                Msg::Files(r) => {
                    let c = watcher.changes(r);
                    changes.everything |= c.everything;
                    changes.paths.extend(c.paths);
                }
                Msg::Quit => quit = true,
            }
        }
        if quit {
            break;
        }
        if changes.is_empty() {
            continue;
        }
        if changes.everything {
            site.forget_everything();
        } else {
            site.invalidate(&changes.paths);
        }
        rebuild(&mut site, &live, Some(&describe(&root, &changes.paths)));
        catch_up(&mut site, &live, &root);
    }
    server.stop();
    drop(watcher);
    eprintln!("预览已停止 / preview stopped");
    Ok(())
}

/// After a rebuild is served: rebuilds again while files changed that the watcher
/// did not report (a rebuild looks only at the files it reported).
fn catch_up(site: &mut Incremental, live: &Arc<Live>, root: &Path) {
    // Bounded: a file rewritten without pause must not keep the loop from events.
    for _ in 0..3 {
        let stale = site.stale();
        if stale.is_empty() {
            return;
        }
        site.invalidate(&stale);
        rebuild(site, live, Some(&describe(root, &stale)));
    }
}

/// Lowers the calling thread's scheduling priority (and that of the threads it
/// starts); nothing where the platform has no per-thread priority.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority with the calling thread's id changes only that thread's
    // nice value; failing (no permission) leaves it as it was, which is harmless.
    unsafe {
        let tid = libc::gettid() as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 10);
    }
}

/// Drops `value` on a thread of its own: freeing a previous build's pages or site
/// takes a few milliseconds that a save's page should not wait for. Where no thread
/// can be started, it is dropped here.
fn free_elsewhere<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("zwgk-free".into())
        .spawn(move || drop(value));
}

/// Rebuilds and publishes the result; on failure keeps the last good build and shows why.
fn rebuild(site: &mut Incremental, live: &Arc<Live>, what: Option<&str>) {
    let started = std::time::Instant::now();
    match site.rebuild(build::today()) {
        Ok(mut r) => {
            report(&r, what, started.elapsed());
            let later = r.later.take();
            let served = live.publish(r.files);
            if let Some(later) = later {
                let live = live.clone();
                std::thread::spawn(move || {
                    // Behind the next save's rebuild: at a lower priority, and in a
                    // pool of its own, so that none of its work is queued before the
                    // rebuild's in the shared one.
                    lower_priority();
                    let make = || later.make();
                    let made = match rayon::ThreadPoolBuilder::new().num_threads(1).build() {
                        Ok(pool) => pool.install(make),
                        Err(_) => make(),
                    };
                    if let Some(data) = made {
                        live.amend(&served, incremental::served(data).collect());
                    }
                });
            }
        }
        Err(e) => {
            // The overlay and the terminal show what stops the rebuild: its errors.
            let problems: Vec<Diagnostic> = e.errors().cloned().collect();
            eprint!("{}", crate::diagnostics::report(&problems));
            eprintln!(
                "{} 处错误：仍显示上次成功生成的版本，改正后保存即可 / {} error(s): still serving the last good build; save a fix to rebuild",
                problems.len(),
                problems.len()
            );
            let hidden = match live.good() {
                Some(good) => site.hidden(&good),
                None => hidden::Hidden::default(),
            };
            report_hidden(&hidden);
            live.fail(problems, hidden);
        }
    }
}

/// Says on the terminal what the preview hides until the errors are fixed.
fn report_hidden(hidden: &hidden::Hidden) {
    if hidden.everything {
        eprintln!("site.toml 无法读取：在改正前，所有页面都不显示 / site.toml cannot be read: every page is hidden until it is fixed");
    } else if !hidden.documents.is_empty() {
        eprintln!(
            "以下 {} 个文件的页面，以及目录、搜索和开放数据，在改正错误前不显示 / hidden until the errors are fixed: the pages of these {} documents, and the listings, search and open data:",
            hidden.documents.len(),
            hidden.documents.len()
        );
        for (file, why) in &hidden.documents {
            eprintln!("  {file}: {} / {}", why.zh(), why.en());
        }
    } else if hidden.listings {
        eprintln!("列出文件的页面、搜索和开放数据在改正错误前不显示 / the listings, search and open data are hidden until the errors are fixed");
    }
}

fn report(r: &Rebuilt, what: Option<&str>, took: std::time::Duration) {
    let ms = took.as_millis();
    let time = chrono::Local::now().format("%H:%M:%S");
    match what {
        None => {
            eprint!("{}", crate::diagnostics::report(r.warnings.iter()));
            let s = &r.stats;
            eprintln!(
                "已生成：找到 {} 个文档，发布 {}，不发布 {}；{} 个页面，用时 {ms} 毫秒 / built: {} documents found, {} published, {} withheld; {} pages in {ms} ms",
                s.found, s.published, s.withheld(), r.pages, s.found, s.published, s.withheld(), r.pages
            );
        }
        Some(what) => eprintln!(
            "[{time}] {what}：重新生成 {} 个页面，用时 {ms} 毫秒 / rebuilt {} of {} pages in {ms} ms",
            r.rendered, r.rendered, r.pages
        ),
    }
    if std::env::var_os("ZWGK_SERVE_TIMINGS").is_some() {
        let laps: Vec<String> = r
            .timings
            .iter()
            .map(|(s, d)| format!("{s} {} ms", d.as_millis()))
            .collect();
        eprintln!("  {}", laps.join(", "));
    }
}

/// A short description of what changed, for the log.
fn describe(root: &Path, paths: &[PathBuf]) -> String {
    let rel = |p: &PathBuf| crate::diagnostics::display_path(p.strip_prefix(root).unwrap_or(p));
    match paths {
        [] => "文件有变化 / files changed".into(),
        [one] => rel(one),
        [first, rest @ ..] => format!(
            "{} 等 {} 个文件 / and {} more",
            rel(first),
            rest.len() + 1,
            rest.len()
        ),
    }
}
