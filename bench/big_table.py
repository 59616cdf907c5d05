#!/usr/bin/env python3
"""A document whose body is one big pasted table (issue 22): 20,000 rows x 10
columns of Chinese text, about 5.4 MB, written into a site's content/ folder.

    bench/big_table.py SITE [--rows 20000]
    /usr/bin/time -v zwgk -C SITE build

The front matter fits the fixture site of tests/fixture (publisher qzf, code 005283492).
"""
import argparse
import os
import random

HEAD = """---
title: 大表格
index_no: 005283492/2024-00099
publisher: qzf
doc_type: 通知
created: 2024-03-02
published: 2024-03-04
category: 执行公开
disclosure: 主动公开
review:
  reviewer: 王明
  date: 2024-03-03
  conclusion: 同意公开
---

"""
CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--rows", type=int, default=20000)
    args = ap.parse_args()
    rnd = random.Random(1)
    rows = ["| " + " | ".join(f"列{j}" for j in range(10)) + " |", "|" + "---|" * 10]
    for _ in range(args.rows):
        cells = ("".join(rnd.choice(CHARS) for _ in range(8)) for _ in range(10))
        rows.append("| " + " | ".join(cells) + " |")
    path = os.path.join(args.site, "content", "general", "big.md")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEAD + "\n".join(rows) + "\n")
    print(f"wrote {path}: {os.path.getsize(path):,} bytes")


if __name__ == "__main__":
    main()
