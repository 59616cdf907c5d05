#!/usr/bin/env python3
"""Rebuild benchmark (issue 20): zwgk against Hugo in one run, per size:

- cold: a build into a new output folder;
- nothing changed: a rebuild over the existing output;
- one edit: a rebuild after one document's body changed.

    bench/rebuild.py --zwgk target/release/zwgk --hugo .../hugo \\
        --sites /tmp/zwgk-bench/sites --out-root /tmp/zwgk-bench/rebuild 10000

The sites are gen_corpus.py's (`zwgk-<n>` and `hugo-<n>` in --sites; the zwgk site's
`base_url = "/"` is given a web address, which zwgk requires); the edited document is
restored at the end. The tools take turns at going first in the cold builds. Nothing is deleted while timing: on this machine's
ext4 (no journal) creating files within ~30 s of a large deletion is slowed by it, so
--out-root must not exist (delete it yourself, then wait 35 s). Wall time, CPU time
(user+sys), peak RSS of the build, and how many output files got a new modification
time (what rsync would transfer), medians of --runs.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

from bench import warm, web_address


def run(cmd):
    # The build's own usage (os.wait4), not the maximum over every child so far.
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = p.stderr.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{stderr[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall": wall, "cpu": cpu, "rss_mb": usage.ru_maxrss / 1024, "stderr": stderr}


def stamps(root):
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            st = os.lstat(p)
            out[os.path.relpath(p, root)] = (st.st_ino, st.st_mtime_ns)
    return out


def changed(before, after):
    return sum(1 for k, v in after.items() if before.get(k) != v)


def build(tool, exe, site, out):
    warm(site)  # its sources in the page cache, for either tool (see bench.warm)
    if tool == "zwgk":
        m = run([exe, "-C", site, "build", "-o", out, "--timings"])
        # The last line of --timings: how many pages were rendered, not kept.
        m["rendered"] = json.loads(m.pop("stderr").strip().splitlines()[-1]).get("rendered")
        return m
    m = run([exe, "--quiet", "--source", site, "--destination", out])
    m.pop("stderr")
    return m


def edited_doc(zwgk_site):
    """The first published document (the same file name in both flavours)."""
    root = os.path.join(zwgk_site, "content")
    for d, _, files in sorted(os.walk(root)):
        for f in sorted(files):
            if f.endswith(".md") and not f.startswith("_"):
                text = open(os.path.join(d, f), encoding="utf-8").read()
                if "主动公开" in text and "draft: true" not in text:
                    return os.path.relpath(os.path.join(d, f), zwgk_site)
    raise SystemExit(f"no published document in {zwgk_site}")


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="+", type=int)
    ap.add_argument("--zwgk", required=True)
    ap.add_argument("--hugo", required=True)
    ap.add_argument("--sites", required=True)
    ap.add_argument("--out-root", required=True)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    os.makedirs(args.out_root)
    exes = {"zwgk": args.zwgk, "hugo": args.hugo}
    rows = []
    for n in args.sizes:
        sites = {t: os.path.join(args.sites, f"{t}-{n}") for t in exes}
        web_address(sites["zwgk"])
        rel = edited_doc(sites["zwgk"])
        docs = {t: os.path.join(s, rel) for t, s in sites.items()}
        originals = {t: open(p, encoding="utf-8").read() for t, p in docs.items()}
        res = {t: {"cold": [], "first": [], "same": [], "edit": []} for t in exes}
        try:
            for r in range(args.runs):
                # Turns at going first: a build right after the other tool's is slower.
                tools = list(exes.items())
                for t, exe in tools[::-1] if r % 2 else tools:
                    out = os.path.join(args.out_root, f"{t}-{n}-cold-{r}")
                    res[t]["cold"].append(build(t, exe, sites[t], out))
                    print(f"[{n}] {t} cold {res[t]['cold'][-1]}", file=sys.stderr)
            for t, exe in exes.items():
                out = os.path.join(args.out_root, f"{t}-{n}-re")
                build(t, exe, sites[t], out)  # the output rebuilt below
                for r in range(args.runs + 1):
                    before = stamps(out)
                    m = build(t, exe, sites[t], out)
                    m["changed"] = changed(before, stamps(out))
                    m["files"] = len(before)
                    # The first rebuild over a cold build has no kept tree yet.
                    res[t]["first" if r == 0 else "same"].append(m)
                    print(f"[{n}] {t} rebuild {m}", file=sys.stderr)
                for r in range(args.runs):
                    with open(docs[t], "w", encoding="utf-8") as f:
                        f.write(originals[t] + f"\n\n修改{r}：补充一句说明。\n")
                    before = stamps(out)
                    m = build(t, exe, sites[t], out)
                    m["changed"] = changed(before, stamps(out))
                    m["files"] = len(before)
                    res[t]["edit"].append(m)
                    print(f"[{n}] {t} edit {m}", file=sys.stderr)
        finally:
            for t, p in docs.items():
                with open(p, "w", encoding="utf-8") as f:
                    f.write(originals[t])
        for case in ["cold", "first", "same", "edit"]:
            z, h = res["zwgk"][case], res["hugo"][case]
            row = {
                "n": n,
                "case": case,
                "zwgk": median(z, "wall"),
                "zwgk_cpu": median(z, "cpu"),
                "zwgk_rss": max(r["rss_mb"] for r in z),
                "hugo_rss": max(r["rss_mb"] for r in h),
                "hugo": median(h, "wall"),
                "hugo_cpu": median(h, "cpu"),
                "zwgk_walls": [round(r["wall"], 2) for r in z],
                "hugo_walls": [round(r["wall"], 2) for r in h],
            }
            row["zwgk_rendered"] = median(z, "rendered")
            if case != "cold":
                row["zwgk_changed"] = median(z, "changed")
                row["hugo_changed"] = median(h, "changed")
                row["files"] = z[0]["files"]
            rows.append(row)
    names = {
        "cold": "cold, new output folder",
        "first": "first rebuild after a cold build (no kept tree yet)",
        "same": "rebuild, nothing changed",
        "edit": "rebuild after a one-document edit",
    }
    print("| documents | case | zwgk wall (runs) | zwgk CPU | Hugo wall (runs) | Hugo CPU | ratio | files rewritten zwgk / Hugo | pages rendered by zwgk | peak RSS zwgk / Hugo |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        files = (f"{r['zwgk_changed']:.0f} / {r['hugo_changed']:.0f} of {r['files']}"
                 if "files" in r else "all")
        print(f"| {r['n']} | {names[r['case']]} | {r['zwgk']:.2f} s ({', '.join(map(str, r['zwgk_walls']))}) "
              f"| {r['zwgk_cpu']:.2f} s | {r['hugo']:.2f} s ({', '.join(map(str, r['hugo_walls']))}) "
              f"| {r['hugo_cpu']:.2f} s | {r['zwgk'] / r['hugo']:.2f} | {files} | {r['zwgk_rendered']:.0f} "
              f"| {r['zwgk_rss']:.0f} / {r['hugo_rss']:.0f} MiB |")


if __name__ == "__main__":
    main()
