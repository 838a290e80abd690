#!/usr/bin/env python3
"""Fills every Text's "zh-Hant" from its "zh-Hans" with OpenCC (s2tw: Taiwan-standard characters,
no vocabulary substitution), then applies the reviewed corrections in hant_fixes.json.

Authoring-time only: `pip install opencc-python-reimplemented`, then
    python3 scripts/frameworks/fill_hant.py core/frameworks/*.json
Re-running is idempotent. Read the result: the converter is good, not infallible.
"""
import json
import pathlib
import sys

from opencc import OpenCC

HERE = pathlib.Path(__file__).resolve().parent
FIXES = json.loads((HERE / "hant_fixes.json").read_text(encoding="utf-8")) if (HERE / "hant_fixes.json").exists() else {}
CONVERT = OpenCC("s2tw").convert


def hant(text: str) -> str:
    out = CONVERT(text)
    for wrong, right in FIXES.items():
        out = out.replace(wrong, right)
    return out


def walk(node):
    if isinstance(node, dict):
        if "zh-Hans" in node and isinstance(node["zh-Hans"], str):
            ordered = {"zh-Hans": node["zh-Hans"], "zh-Hant": hant(node["zh-Hans"])}
            for key, value in node.items():
                if key not in ordered:
                    ordered[key] = value
            node.clear()
            node.update(ordered)
            return
        for value in node.values():
            walk(value)
    elif isinstance(node, list):
        for value in node:
            walk(value)


for name in sys.argv[1:]:
    path = pathlib.Path(name)
    doc = json.loads(path.read_text(encoding="utf-8"))
    walk(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"filled zh-Hant in {path}")
