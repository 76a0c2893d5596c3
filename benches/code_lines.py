#!/usr/bin/env python3
"""Counts the lines of Rust code under a folder: every line, and code lines (not blank, not a
comment, not inside a `#[cfg(test)]` module or a `tests.rs` file), per file and in total.

    python3 benches/code_lines.py crates/exotel-whatsapp-core/src

Issue 16's "fewer lines in the core" is measured with it (README, "Performance").
"""
import os
import sys


def count(path):
    """(code lines, all lines) of one file."""
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
    if os.path.basename(path) == "tests.rs":
        return 0, len(lines)
    code, depth, skip_above, test_next = 0, 0, None, False
    for line in lines:
        s = line.strip()
        opened = line.count("{") - line.count("}")
        if skip_above is not None:
            depth += opened
            if depth <= skip_above:
                skip_above = None
            continue
        if s.startswith("#[cfg(test)]"):
            test_next = True
            continue
        if test_next:
            test_next = False
            if s.startswith("mod ") and s.endswith("{"):
                skip_above, depth = depth, depth + opened
                continue
            if s.startswith("mod ") and s.endswith(";"):
                continue
        depth += opened
        if s and not s.startswith("//"):
            code += 1
    return code, len(lines)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "crates/exotel-whatsapp-core/src"
    rows = []
    for folder, _, files in os.walk(root):
        rows += [(*count(os.path.join(folder, f)), os.path.join(folder, f)) for f in files if f.endswith(".rs")]
    for code, every, path in sorted(rows):
        print(f"{code:6} {every:6}  {path}")
    print(f"{sum(r[0] for r in rows):6} {sum(r[1] for r in rows):6}  total: code lines, all lines")


main()
