#!/usr/bin/env bash
# Measures `zwgk serve`: the time from saving a document to its new HTML being
# served, on a generated site (10,000 documents by default). Prints the median.
#
#   bench/serve-latency.sh [--n 10000] [--edits 21] [--site DIR] [--zwgk PATH] [--template] [--twice MS]
#
# It generates the site with ../shared/bench/gen_corpus.py (unless --site names an
# existing one), starts `zwgk serve` on a free loopback port, then edits one
# document's body N times. Each time it writes the file, then does what the open
# page's reload script does: waits on serve's long poll (/__zwgk/wait) for a new
# version and loads the page, until the page has the new text (polling the page
# in a tight loop instead would take CPU from the rebuild on a 2-core machine).
# With --template it edits the
# document template instead (a site override templates/document.html, removed at
# the end), which re-renders every document page. With --twice MS, each edit is
# two saves MS milliseconds apart (the second while the first one's data files
# may still be made), and the time measured is the second save's. Results go to stdout; the
# server's own log (with per-stage timings) to $SITE.serve.log.
set -euo pipefail
cd "$(dirname "$0")/.."

N=10000
EDITS=21
SITE=""
ZWGK=""
WHAT=document
TWICE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --n) N="$2"; shift 2 ;;
    --edits) EDITS="$2"; shift 2 ;;
    --site) SITE="$2"; shift 2 ;;
    --zwgk) ZWGK="$2"; shift 2 ;;
    --template) WHAT=template; shift ;;
    --twice) TWICE="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

if [ -z "$ZWGK" ]; then
  cargo build --profile dist --quiet --bin zwgk
  ZWGK="${CARGO_TARGET_DIR:-target}/dist/zwgk"
fi
if [ -z "$SITE" ]; then
  SITE="${TMPDIR:-/tmp}/zwgk-serve-bench-$N"
fi
if [ ! -f "$SITE/site.toml" ]; then
  python3 ../shared/bench/gen_corpus.py --n "$N" --flavor zwgk --out "$SITE" >/dev/null
fi

exec python3 - "$ZWGK" "$SITE" "$EDITS" "$WHAT" "$TWICE" <<'PY'
import http.client, json, os, re, signal, statistics, subprocess, sys, time, urllib.parse

zwgk, site, edits, what, twice = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
log_path = site.rstrip("/") + ".serve.log"

# A published document from the middle of the site: its page and the catalogue
# rows that show it change, the home page does not.
docs = sorted(
    os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content")) for f in fs if f.endswith(".md")
)
doc = next(p for p in docs[len(docs) // 2:] if "主动公开" in open(p, encoding="utf-8").read())
original = open(doc, encoding="utf-8").read()
index_no = re.search(r"^index_no: *\"?([^\"\n]+)", original, re.M).group(1).strip()
page = "/docs/%s/" % index_no.replace("/", "-")
template = os.path.join(site, "templates", "document.html")
if what == "template":
    assert not os.path.exists(template), "the site already overrides document.html"
    theme_source = open("themes/default/templates/document.html", encoding="utf-8").read()
    assert "{% block content %}" in theme_source
    made_templates_dir = not os.path.isdir(os.path.dirname(template))
    os.makedirs(os.path.dirname(template), exist_ok=True)


def save(i, marker):
    """Writes edit number i, which shows `marker` on the measured page."""
    if what == "template":
        path, text = template, theme_source.replace("{% block content %}", "{% block content %}<!-- " + marker + " -->", 1)
    else:
        path, text = doc, original.rstrip("\n") + "\n\n" + marker + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

env = dict(os.environ, ZWGK_SERVE_TIMINGS="1")
log = open(log_path, "w")
server = subprocess.Popen([zwgk, "-C", site, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=log, text=True, env=env)
try:
    started = time.perf_counter()
    line = server.stdout.readline()
    url = re.search(r"http://([^/]+)/", line)
    if not url:
        sys.exit("zwgk serve did not start; see " + log_path)
    host = url.group(1)
    print("site: %s (%d documents); first build and start: %.1f s" % (site, len(docs), time.perf_counter() - started))

    def get(path):
        c = http.client.HTTPConnection(host, timeout=30)
        c.request("GET", path)
        body = c.getresponse().read().decode("utf-8", "replace")
        c.close()
        return body

    def fetch():
        return get(page)

    def version_of(html):
        # The reload script serve adds to every page: var v="<version>";
        return json.loads(re.search(r"var v=(\"[^\"]*\")", html).group(1))

    def wait_for_version_after(seen):
        # What the page's reload script does: a long poll that answers once the
        # served version is not the one the page was served with.
        return json.loads(get("/__zwgk/wait?v=" + urllib.parse.quote(seen)))["v"]

    def cpu_seconds():
        # utime + stime of the server, in clock ticks (fields 14 and 15 of /proc/PID/stat)
        fields = open("/proc/%d/stat" % server.pid).read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def wait_until_idle():
        # Staff save seconds apart: each edit starts when the server has finished the
        # last one, data files made after the pages included (no CPU used for 300 ms).
        before = cpu_seconds()
        while True:
            time.sleep(0.3)
            now = cpu_seconds()
            if now == before:
                return
            before = now

    assert fetch(), "the page is served"
    wait_until_idle()
    cpu_before = cpu_seconds()
    times = []
    def served(marker, seen, t0):
        while True:
            seen = wait_for_version_after(seen)
            if marker in fetch():
                return seen
            if time.perf_counter() - t0 > 30:
                sys.exit("edit not served within 30 s; see %s" % log_path)

    for i in range(edits):
        marker = "测量标记%d-%d" % (os.getpid(), i)
        seen = version_of(fetch())
        if twice:
            # A first save, served; the measured one follows `twice` ms after it.
            first = time.perf_counter()
            save(i, marker + "甲")
            seen = served(marker + "甲", seen, first)
            time.sleep(max(0.0, twice / 1000 - (time.perf_counter() - first)))
        t0 = time.perf_counter()
        save(i, marker)
        # As an open page sees it: wait for a new version, then load the page once.
        while True:
            seen = wait_for_version_after(seen)
            if marker in fetch():
                break
            if time.perf_counter() - t0 > 30:
                sys.exit("edit %d not served within 30 s; see %s" % (i, log_path))
        times.append((time.perf_counter() - t0) * 1000)
        wait_until_idle()
    cpu = (cpu_seconds() - cpu_before) / (edits * (2 if twice else 1))
    times.sort()
    edited = template if what == "template" else doc
    what_was = "edited %s %d times" % (os.path.relpath(edited, site), edits)
    if twice:
        what_was += ", each time saved twice %d ms apart (the second save measured)" % twice
    print("%s; write -> new HTML served (ms):" % what_was)
    print("  median %.0f   min %.0f   p90 %.0f   max %.0f" % (
        statistics.median(times), times[0], times[int(len(times) * 0.9) - 1 if len(times) >= 10 else -1], times[-1]))
    print("server CPU time per save (all cores): %.0f ms; load average now: %s" % (cpu * 1000, open("/proc/loadavg").read().split()[0]))
finally:
    with open(doc, "w", encoding="utf-8") as f:
        f.write(original)
    if what == "template" and os.path.exists(template):
        os.remove(template)
        if made_templates_dir:
            os.rmdir(os.path.dirname(template))
    server.send_signal(signal.SIGINT)
    server.wait(timeout=30)
    log.close()
    stages = [l.strip() for l in open(log_path, encoding="utf-8") if l.startswith("  load")][1:]
    if stages:
        # "load 12 ms, validate+publish 34 ms, ..." per rebuild: the median of each stage.
        per_stage = {}
        for line in stages:
            for part in line.split(", "):
                name, ms, _ = part.rsplit(" ", 2)
                per_stage.setdefault(name, []).append(int(ms))
        print("server stage timings, median of the edits: " + ", ".join(
            "%s %d ms" % (name, statistics.median(v)) for name, v in per_stage.items()))
PY
