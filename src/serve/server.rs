//! The preview's HTTP server (hyper through axum): serves the last good build from memory.
//!
//! Requests are answered from a map of output paths swapped whole after each
//! successful rebuild, so a page is either the old or the new one, never a mix,
//! and nothing is ever written to disk. After a failed rebuild the map is the last
//! good build less what the current source no longer publishes ([`super::hidden`]);
//! a hidden path is answered with an explanation page.

use super::hidden::Hidden;
use super::incremental::{Files, Served};
use super::reload;
use crate::diagnostics::Diagnostic;
use crate::model::urls;
use percent_encoding::percent_decode_str;

use axum::http;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long a reload request waits before answering "no change" (the page then asks again).
const WAIT_TIMEOUT: Duration = Duration::from_secs(25);

/// What the server shows: the last good build, and the problems of the last rebuild if it failed.
pub struct Live {
    state: Mutex<State>,
    changed: Condvar,
    /// The version, for reload requests waiting without a thread ([`Live::wait_async`]).
    versions: tokio::sync::watch::Sender<u64>,
    /// Differs between runs, so an open page reloads when `serve` is restarted.
    instance: String,
}

struct State {
    /// The last good build.
    good: Option<Arc<Files>>,
    /// What is served: `good`, less what is hidden after a failed rebuild.
    files: Option<Arc<Files>>,
    problems: Arc<Vec<Diagnostic>>,
    hidden: Arc<Hidden>,
    version: u64,
    stopping: bool,
}

/// One consistent view of [`Live`], taken per request.
pub struct View {
    pub files: Option<Arc<Files>>,
    /// The last good build, of which `files` may hide part.
    pub good: Option<Arc<Files>>,
    pub problems: Arc<Vec<Diagnostic>>,
    pub hidden: Arc<Hidden>,
    pub version: String,
}

impl Default for Live {
    fn default() -> Live {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        Live {
            state: Mutex::new(State {
                good: None,
                files: None,
                problems: Arc::default(),
                hidden: Arc::default(),
                version: 0,
                stopping: false,
            }),
            changed: Condvar::new(),
            versions: tokio::sync::watch::channel(0).0,
            instance: format!("{:x}", nanos ^ u128::from(std::process::id())),
        }
    }
}

impl Live {
    /// Serves a new build and clears the problems. Returns the files as served, for [`Live::amend`].
    pub fn publish(&self, files: Files) -> Arc<Files> {
        let files = Arc::new(files);
        let mut replaced = None;
        self.update(|s| {
            replaced = Some((
                s.good.replace(files.clone()),
                s.files.replace(files.clone()),
                std::mem::take(&mut s.problems),
                std::mem::take(&mut s.hidden),
            ));
        });
        // The previous build's thousands of files are freed once the new ones are
        // served, not while the page that waits for them does.
        super::free_elsewhere(replaced);
        files
    }

    /// The last good build's files (to work out what a failed rebuild hides).
    pub fn good(&self) -> Option<Arc<Files>> {
        self.state.lock().expect("state lock").good.clone()
    }

    /// Adds `more` to the served files if they are still `served` (no newer build
    /// replaced them). Open pages are not reloaded: what they show did not change.
    pub fn amend(&self, served: &Arc<Files>, more: Vec<(String, Served)>) -> bool {
        let mut s = self.state.lock().expect("state lock");
        match &s.good {
            Some(current) if Arc::ptr_eq(current, served) => {
                let mut files = (**current).clone();
                files.extend(more);
                let files = Arc::new(files);
                // Served whole unless a failed rebuild hides part of it since; then
                // data files are hidden anyway (they list every document).
                if s.files.as_ref().is_some_and(|f| Arc::ptr_eq(f, served)) {
                    s.files = Some(files.clone());
                }
                s.good = Some(files);
                true
            }
            _ => false,
        }
    }

    /// Keeps serving the last good build, less what `hidden` takes away, with the
    /// problems (and what is hidden) shown over it.
    pub fn fail(&self, problems: Vec<Diagnostic>, hidden: Hidden) {
        self.update(|s| {
            s.files = match &s.good {
                Some(good) if !hidden.is_empty() => Some(Arc::new(hidden.apply(good))),
                good => good.clone(),
            };
            s.problems = Arc::new(problems);
            s.hidden = Arc::new(hidden);
        });
    }

    /// Answers every waiting reload request.
    pub fn stop(&self) {
        self.update(|s| s.stopping = true);
    }

    fn update(&self, change: impl FnOnce(&mut State)) {
        let mut s = self.state.lock().expect("state lock");
        change(&mut s);
        s.version += 1;
        self.changed.notify_all();
        self.versions.send_replace(s.version);
    }

    pub fn view(&self) -> View {
        let s = self.state.lock().expect("state lock");
        View {
            files: s.files.clone(),
            good: s.good.clone(),
            problems: s.problems.clone(),
            hidden: s.hidden.clone(),
            version: self.version_of(&s),
        }
    }

    fn version_of(&self, s: &State) -> String {
        format!("{}-{}", self.instance, s.version)
    }

    /// [`Live::wait`] without holding a thread: hundreds of open pages waiting for
    /// a reload cost no thread each, so other requests are answered at once.
    pub async fn wait_async(&self, seen: &str, timeout: Duration) -> String {
        let mut versions = self.versions.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            {
                let s = self.state.lock().expect("state lock");
                if s.stopping || self.version_of(&s) != seen {
                    return self.version_of(&s);
                }
            }
            match tokio::time::timeout_at(deadline, versions.changed()).await {
                Ok(Ok(())) => continue,
                _ => return self.view().version,
            }
        }
    }

    /// Blocks until the version differs from `seen`, or the server stops, or time runs out.
    pub fn wait(&self, seen: &str, timeout: Duration) -> String {
        let s = self.state.lock().expect("state lock");
        let (s, _) = self
            .changed
            .wait_timeout_while(s, timeout, |s| !s.stopping && self.version_of(s) == seen)
            .expect("state lock");
        self.version_of(&s)
    }
}

/// Binds `ip:port`; when the port is taken, the next free one of the following nine.
/// Returns the listener and, if it had to move, a message saying so.
pub fn bind(ip: IpAddr, port: u16) -> Result<(TcpListener, Option<String>), String> {
    const TRIES: u16 = 10;
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(TRIES - 1)
    };
    for p in port..=last {
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => {
                let moved = (p != port).then(|| {
                    format!("端口 {port} 已被占用，改用端口 {p} / port {port} is in use, serving on port {p} instead")
                });
                return Ok((l, moved));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => continue,
            Err(e) => {
                return Err(format!(
                    "无法在 {ip}:{p} 上启动预览 / cannot listen on {ip}:{p}: {e}"
                ))
            }
        }
    }
    Err(format!(
        "端口 {port} 到 {last} 都已被占用。请用 --port 指定其他端口，或关闭正在运行的 zwgk serve。\n\
         ports {port} to {last} are all in use: choose another with --port, or stop the other `zwgk serve`"
    ))
}

pub struct Server {
    live: Arc<Live>,
    shutdown: tokio::sync::oneshot::Sender<()>,
    thread: JoinHandle<()>,
}

impl Server {
    /// Starts answering requests on `listener` (hyper, through axum, on a small tokio runtime).
    pub fn start(listener: TcpListener, live: Arc<Live>) -> Result<Server, String> {
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("zwgk-serve")
            .enable_all()
            .build()
            .map_err(|e| e.to_string())?;
        let listener = {
            let _entered = runtime.enter();
            tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?
        };
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(live.clone());
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let serving = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(e) = runtime.block_on(async { serving.await }) {
                eprintln!("预览服务器出错 / the preview server failed: {e}");
            }
            runtime.shutdown_timeout(Duration::from_secs(1));
        });
        Ok(Server {
            live,
            shutdown,
            thread,
        })
    }

    pub fn stop(self) {
        self.live.stop();
        let _ = self.shutdown.send(());
        let _ = self.thread.join();
    }
}

/// Answers one request. Waiting for a rebuild and reading files block, so they run
/// on tokio's blocking threads.
async fn handle(
    axum::extract::State(live): axum::extract::State<Arc<Live>>,
    method: http::Method,
    uri: http::Uri,
) -> http::Response<axum::body::Body> {
    let url = uri
        .path_and_query()
        .map_or_else(|| "/".to_string(), |p| p.as_str().to_string());
    if method == http::Method::GET {
        if let Some(query) = url.strip_prefix(reload::WAIT) {
            let seen = query_value(query, "v").unwrap_or_default();
            let version = live.wait_async(&seen, WAIT_TIMEOUT).await;
            return version_reply(&version).into_response();
        }
    }
    let reply = tokio::task::spawn_blocking(move || answer(&live, &method, &url)).await;
    reply
        .unwrap_or_else(|_| Reply::text(500, "预览服务器内部错误 / internal error"))
        .into_response()
}

fn answer(live: &Live, method: &http::Method, url: &str) -> Reply {
    if method != http::Method::GET && method != http::Method::HEAD {
        Reply::text(405, "只支持 GET / only GET is supported")
    } else if let Some(query) = url.strip_prefix(reload::WAIT) {
        let seen = query_value(query, "v").unwrap_or_default();
        version_reply(&live.wait(&seen, WAIT_TIMEOUT))
    } else {
        route(&live.view(), url)
    }
}

fn version_reply(version: &str) -> Reply {
    Reply::owned(
        200,
        "application/json",
        serde_json::json!({ "v": version }).to_string().into_bytes(),
    )
}

fn query_value(query: &str, name: &str) -> Option<String> {
    let query = query.strip_prefix('?')?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then(|| percent_decode_str(v).decode_utf8_lossy().into_owned())
    })
}

/// A response, before it is written.
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub location: Option<String>,
    pub body: Body,
}

pub enum Body {
    Owned(Vec<u8>),
    Served(Served),
}

impl Reply {
    fn owned(status: u16, content_type: &str, bytes: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type: content_type.into(),
            location: None,
            body: Body::Owned(bytes),
        }
    }

    fn text(status: u16, text: &str) -> Reply {
        Reply::owned(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    /// The body's bytes (reads a file from disk).
    pub fn bytes(&self) -> std::io::Result<Vec<u8>> {
        match &self.body {
            Body::Owned(b) => Ok(b.clone()),
            Body::Served(s) => s.read().map(|b| b.into_owned()),
        }
    }

    fn into_response(self) -> http::Response<axum::body::Body> {
        let body = match self.body {
            Body::Owned(b) => axum::body::Body::from(b),
            Body::Served(Served::Bytes(b)) => axum::body::Body::from(b.to_vec()),
            Body::Served(Served::Embedded(b)) => axum::body::Body::from(b),
            Body::Served(Served::File(f)) => match f.read() {
                Ok(b) => axum::body::Body::from(b),
                Err(_) => {
                    return Reply::text(404, "文件已不存在 / file no longer exists").into_response()
                }
            },
        };
        let mut response = http::Response::builder()
            .status(self.status)
            .header(http::header::CONTENT_TYPE, &self.content_type)
            .header(http::header::CACHE_CONTROL, "no-store");
        if let Some(l) = &self.location {
            response = response.header(http::header::LOCATION, l);
        }
        response.body(body).unwrap_or_else(|_| {
            // Only a Location that is not a valid header value gets here.
            let mut bad = http::Response::new(axum::body::Body::from("网址无效 / invalid URL"));
            *bad.status_mut() = http::StatusCode::BAD_REQUEST;
            bad
        })
    }
}

/// What to answer for `url` from `view`: the file, `index.html` for a folder, a
/// redirect for a folder named without its trailing `/`, or the 404 page.
/// HTML gets the reload script and, after a failed rebuild, the error overlay.
pub fn route(view: &View, url: &str) -> Reply {
    let raw_path = url.split(['?', '#']).next().unwrap_or("/");
    let Ok(path) = percent_decode_str(raw_path).decode_utf8() else {
        return Reply::text(400, "网址无效 / invalid URL");
    };
    let Some(files) = &view.files else {
        let page = reload::inject(
            &reload::no_build_page(),
            &view.version,
            &view.problems,
            &view.hidden,
            false,
        );
        return Reply::owned(503, "text/html; charset=utf-8", page);
    };
    let key = path.trim_start_matches('/');
    let key = if key.is_empty() || key.ends_with('/') {
        urls::page(key)
    } else {
        key.to_string()
    };
    if let Some(served) = files.get(&key) {
        return reply(view, 200, &key, served);
    }
    if files.contains_key(&urls::page(&format!("{key}/"))) {
        return Reply {
            status: 301,
            content_type: "text/plain; charset=utf-8".into(),
            location: Some(format!("{raw_path}/")),
            body: Body::Owned(Vec::new()),
        };
    }
    let hidden_here = view.good.as_ref().is_some_and(|good| {
        good.contains_key(&key) || good.contains_key(&urls::page(&format!("{key}/")))
    });
    if hidden_here && !view.hidden.is_empty() {
        return hidden_page(view, 503);
    }
    match files.get(urls::NOT_FOUND) {
        Some(served) => reply(view, 404, urls::NOT_FOUND, served),
        None if !view.hidden.is_empty() => hidden_page(view, 404),
        None => Reply::text(404, "找不到该页面 / not found"),
    }
}

/// What a path of the last good build that is hidden now answers: why, and the problems.
fn hidden_page(view: &View, status: u16) -> Reply {
    Reply::owned(
        status,
        "text/html; charset=utf-8",
        reload::inject(
            &reload::hidden_page(),
            &view.version,
            &view.problems,
            &view.hidden,
            true,
        ),
    )
}

fn reply(view: &View, status: u16, key: &str, served: &Served) -> Reply {
    let content_type = content_type(key);
    if !content_type.starts_with("text/html") {
        return Reply {
            status,
            content_type,
            location: None,
            body: Body::Served(served.clone()),
        };
    }
    match served.read() {
        Ok(html) => Reply::owned(
            status,
            &content_type,
            reload::inject(&html, &view.version, &view.problems, &view.hidden, true),
        ),
        Err(_) => Reply::text(404, "文件已不存在 / file no longer exists"),
    }
}

/// The Content-Type for an output path; text types are UTF-8, as zwgk writes them.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let essence = mime.essence_str();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(
            essence,
            "application/json" | "application/javascript" | "application/xml" | "image/svg+xml"
        );
    if textual {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(files: &[(&str, &str)], problems: Vec<Diagnostic>) -> View {
        let files: Files = files
            .iter()
            .map(|(k, v)| (k.to_string(), Served::Bytes(v.as_bytes().into())))
            .collect();
        View {
            good: Some(Arc::new(files.clone())),
            files: Some(Arc::new(files)),
            problems: Arc::new(problems),
            hidden: Arc::default(),
            version: "t-1".into(),
        }
    }

    fn body(r: &Reply) -> String {
        String::from_utf8(r.bytes().unwrap()).unwrap()
    }

    #[test]
    fn content_types() {
        for (path, ty) in [
            ("index.html", "text/html; charset=utf-8"),
            ("assets/style.css", "text/css; charset=utf-8"),
            ("catalogue.json", "application/json; charset=utf-8"),
            ("catalogue.csv", "text/csv; charset=utf-8"),
            ("feed.xml", "text/xml; charset=utf-8"),
            ("assets/font.woff2", "font/woff2"),
            ("docs/x/a.pdf", "application/pdf"),
            (
                "docs/x/附件.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            ("no-extension", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), ty, "{path}");
        }
    }

    #[test]
    fn folders_serve_index_html_with_the_script() {
        let v = view(
            &[
                ("index.html", "<body>home</body>"),
                ("docs/a/index.html", "<body>a</body>"),
            ],
            vec![],
        );
        let r = route(&v, "/docs/a/?x=1");
        assert_eq!(r.status, 200);
        assert!(body(&r).starts_with("<body>a<script"));
        assert!(body(&route(&v, "/")).contains("home"));
        let r = route(&v, "/docs/a");
        assert_eq!((r.status, r.location.as_deref()), (301, Some("/docs/a/")));
    }

    #[test]
    fn unknown_paths_get_the_404_page() {
        let v = view(&[("404.html", "<body>没有</body>")], vec![]);
        let r = route(&v, "/nothing/here.html");
        assert_eq!(r.status, 404);
        assert!(body(&r).contains("没有"));
        assert_eq!(route(&view(&[], vec![]), "/x").status, 404);
    }

    #[test]
    fn paths_are_percent_decoded() {
        let v = view(&[("docs/a/附件.csv", "a,b")], vec![]);
        let r = route(&v, "/docs/a/%E9%99%84%E4%BB%B6.csv");
        assert_eq!((r.status, body(&r).as_str()), (200, "a,b"));
    }

    #[test]
    fn only_html_carries_script_and_overlay() {
        let problem = Diagnostic::error("schema/unknown-key", "content/a.md")
            .at(Some(2))
            .msg("坏", "bad");
        let v = view(
            &[("index.html", "<body></body>"), ("a.json", "{}")],
            vec![problem],
        );
        assert!(body(&route(&v, "/")).contains(reload::OVERLAY_ID));
        assert_eq!(body(&route(&v, "/a.json")), "{}");
    }

    #[test]
    fn hidden_paths_answer_with_an_explanation_and_the_overlay() {
        use crate::serve::hidden::{Because, Hidden};
        let live = Live::default();
        let good: Files = [
            ("index.html", "<body>首页 X9</body>"),
            ("docs/a/index.html", "<body>文件 X9</body>"),
            ("docs/a/files/x.pdf", "X9"),
            ("docs/b/index.html", "<body>另一个</body>"),
            ("assets/style.css", "body{}"),
            ("404.html", "<body>没有 X9</body>"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), Served::Bytes(v.as_bytes().into())))
        .collect();
        let served = live.publish(good);
        let hidden = Hidden::hiding(
            &[
                ("docs/a/index.html", "content/a.md"),
                ("docs/a/files/x.pdf", "content/a.md"),
                ("docs/b/index.html", "content/b.md"),
            ],
            &["assets/style.css"],
            &[("content/a.md", Because::Withheld)],
        );
        let problem = Diagnostic::error("schema/unknown-key", "content/c.md").msg("坏", "bad");
        live.fail(vec![problem], hidden);
        let v = live.view();
        for path in [
            "/",
            "/docs/a/",
            "/docs/a/files/x.pdf",
            "/404.html",
            "/nothing/",
        ] {
            let r = route(&v, path);
            assert!(!body(&r).contains("X9"), "{path} is served");
            assert!(
                body(&r).contains("content/a.md"),
                "{path}: the overlay names the file"
            );
        }
        assert_eq!(route(&v, "/docs/a/").status, 503);
        assert_eq!(route(&v, "/nothing/").status, 404);
        assert_eq!(route(&v, "/docs/b/").status, 200);
        assert_eq!(body(&route(&v, "/assets/style.css")), "body{}");

        // A deferred data file of the hidden build is not served meanwhile.
        let more = vec![(
            "feed.xml".to_string(),
            Served::Bytes(b"X9".as_slice().into()),
        )];
        assert!(live.amend(&served, more));
        assert!(!live.view().files.unwrap().contains_key("feed.xml"));

        // The next good build serves everything again.
        live.publish(Files::default());
        assert!(live.view().hidden.is_empty());
    }

    #[test]
    fn before_any_good_build_the_problems_are_shown() {
        let problem = Diagnostic::error("config/syntax", "site.toml").msg("坏", "bad");
        let v = View {
            files: None,
            good: None,
            problems: Arc::new(vec![problem]),
            hidden: Arc::default(),
            version: "t-1".into(),
        };
        let r = route(&v, "/");
        assert_eq!(r.status, 503);
        assert!(body(&r).contains("site.toml"));
    }

    #[test]
    fn wait_returns_when_the_version_changes() {
        let live = Arc::new(Live::default());
        let seen = live.view().version;
        assert_eq!(
            live.wait(&seen, Duration::from_millis(1)),
            seen,
            "times out unchanged"
        );
        let waiter = {
            let (live, seen) = (live.clone(), seen.clone());
            std::thread::spawn(move || live.wait(&seen, Duration::from_secs(30)))
        };
        live.publish(Files::default());
        assert_ne!(waiter.join().unwrap(), seen);
    }

    /// 600 open pages waiting for a reload hold no thread: a page request is
    /// still answered at once (it waited 25 s when each wait took a blocking thread).
    #[test]
    fn many_reload_waits_do_not_stall_page_requests() {
        use std::io::{Read, Write};
        let (listener, _) = bind("127.0.0.1".parse().unwrap(), 0).unwrap();
        let addr = listener.local_addr().unwrap();
        let live = Arc::new(Live::default());
        let page = vec![(
            "index.html".to_string(),
            Served::Bytes(b"<p>hi</p>".as_slice().into()),
        )];
        live.publish(page.into_iter().collect());
        let seen = live.view().version;
        let server = Server::start(listener, live.clone()).unwrap();
        let waits: Vec<_> = (0..600)
            .filter_map(|_| {
                let mut c = std::net::TcpStream::connect(addr).ok()?;
                write!(
                    c,
                    "GET {}?v={seen} HTTP/1.1\r\nHost: x\r\n\r\n",
                    reload::WAIT
                )
                .ok()?;
                Some(c)
            })
            .collect();
        assert!(waits.len() > 500, "{} connections", waits.len());
        std::thread::sleep(Duration::from_millis(300));
        let started = std::time::Instant::now();
        let mut c = std::net::TcpStream::connect(addr).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(c, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
        let mut answer = String::new();
        let _ = c.read_to_string(&mut answer);
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        drop(waits);
        server.stop();
    }

    #[test]
    fn amend_adds_only_to_the_build_it_was_made_for() {
        let live = Live::default();
        let first = live.publish(Files::default());
        let version = live.view().version;
        let file = || vec![("a.json".to_string(), Served::Bytes(b"{}".as_slice().into()))];
        assert!(live.amend(&first, file()));
        assert!(live.view().files.unwrap().contains_key("a.json"));
        assert_eq!(live.view().version, version, "open pages are not reloaded");

        let second = live.publish(Files::default());
        assert!(
            !live.amend(&first, file()),
            "a newer build is never amended"
        );
        assert!(!live.view().files.unwrap().contains_key("a.json"));
        assert!(live.amend(&second, file()));
    }

    #[test]
    fn a_taken_port_moves_to_the_next() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        match bind("127.0.0.1".parse().unwrap(), port) {
            Ok((l, moved)) => {
                assert_ne!(l.local_addr().unwrap().port(), port);
                assert!(moved.unwrap().contains(&port.to_string()));
            }
            Err(e) => assert!(e.contains("--port"), "{e}"),
        }
    }

    #[test]
    fn query_values_are_decoded() {
        assert_eq!(query_value("?v=a%2Db&x=1", "v").as_deref(), Some("a-b"));
        assert_eq!(query_value("", "v"), None);
    }
}
