#!/usr/bin/env python3
"""Prints the import cycles between the modules of Rust crates, and the largest files.

    python3 scripts/module-cycles.py [--strict] [CRATE_SRC_DIR ...]   (default: every crate)

A module imports another when its file names it through `crate::`, `super::` or `self::` (in a
`use` or in a path). Edges between a module and its own ancestor or descendant are left out (a
child using its parent's items, a parent re-exporting its child's, is layering, not a cycle);
every other edge is lifted to the two sibling modules under the nearest common ancestor, so
`pages::start` using `app::Store` while `app` uses `pages::start` is the cycle `app <-> pages`.
Exit 0, or with --strict exit 1 when there is a cycle (scripts/test.sh keeps the layering so).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def modules(src: pathlib.Path):
    """{module path tuple: file} for every .rs file of a crate's src directory."""
    out = {}
    for f in src.rglob("*.rs"):
        rel = f.relative_to(src).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] in ("lib", "main") and len(parts) == 1:
            parts = []
        elif parts[-1] == "mod":
            parts = parts[:-1]
        out[tuple(parts)] = f
    return out


PATH = re.compile(r"\b((?:crate|super|self)(?:::(?:super|[A-Za-z_][A-Za-z0-9_]*))+)")
USE_GROUP = re.compile(r"\buse\s+((?:crate|super|self)(?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^;]*?)\};", re.S)


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


def resolve(here, path, known):
    """The module a path names, from module `here` (the longest known prefix)."""
    segs = path.split("::")
    if segs[0] == "crate":
        base, rest = [], segs[1:]
    else:
        base = list(here)
        rest = segs
        while rest and rest[0] in ("super", "self"):
            if rest[0] == "super":
                base = base[:-1]
            rest = rest[1:]
    full = base + rest
    for n in range(len(full), -1, -1):
        if tuple(full[:n]) in known:
            return tuple(full[:n])
    return ()


def edges(mods):
    out = set()
    for here, f in mods.items():
        text = strip_comments(f.read_text(encoding="utf-8"))
        paths = [m.group(1) for m in PATH.finditer(text)]
        for m in USE_GROUP.finditer(text):
            prefix = m.group(1)
            for item in re.split(r",", m.group(2)):
                item = item.strip().split(" as ")[0].split("::{")[0].strip()
                if item and item != "self":
                    paths.append(prefix + "::" + item)
        for p in paths:
            there = resolve(here, p, mods)
            a, b = here, there
            n = 0
            while n < min(len(a), len(b)) and a[n] == b[n]:
                n += 1
            if n == len(a) or n == len(b):
                continue  # ancestor or descendant
            out.add((a[: n + 1], b[: n + 1]))
    return out


def cycles(graph_edges):
    nodes = sorted({x for e in graph_edges for x in e})
    adj = {n: sorted({b for a, b in graph_edges if a == n}) for n in nodes}
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def strong(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in adj[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in nodes:
        if v not in index:
            strong(v)
    return out


def main():
    args = sys.argv[1:]
    strict = "--strict" in args
    dirs = [pathlib.Path(a) for a in args if a != "--strict"]
    if not dirs:
        dirs = sorted(p.parent for p in ROOT.glob("**/Cargo.toml")
                      if (p.parent / "src").is_dir() and "target" not in p.parts and "node_modules" not in p.parts)
        dirs = [d / "src" for d in dirs]
    total = 0
    for src in dirs:
        mods = modules(src)
        found = cycles(edges(mods))
        total += len(found)
        name = src.parent.relative_to(ROOT) if src.is_absolute() else src.parent
        if found:
            for c in found:
                print(f"{name}: cycle " + " <-> ".join("::".join(m) or "crate" for m in c))
        else:
            print(f"{name}: no import cycle ({len(mods)} modules)")
    print(f"import cycles: {total}")
    if strict and total:
        sys.exit(1)


if __name__ == "__main__":
    main()
