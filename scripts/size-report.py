#!/usr/bin/env python3
"""Where a WASM module's bytes go, by crate (issue 14: "a size report per crate").

    python3 scripts/size-report.py MODULE.wasm [MODULE2.wasm]

MODULE is cargo's output before wasm-bindgen and wasm-opt (it still has its "name" section), e.g.
target/wasm32-unknown-unknown/wasm-release/cxzy_wasm.wasm (the scorer module) or cxzy_web.wasm
(the app). `twiggy top` lists every function and data segment with its size; a function counts
for the crate of its path's first segment, or, for `<T as Trait>::f`, of T (the type whose code
it is; a generic's instance is counted where it was defined, not where it was used). Sizes are
before wasm-opt -Oz, which shrinks code by some 30-40 %: compare them with each other. With two
modules, prints both side by side and the difference.
"""
import csv
import io
import re
import subprocess
import sys
from collections import Counter

SKIP = ('"function names"', "custom section", "wasm magic bytes", "type[", "import ", "export ",
        "table[", "elem[", "memory[", "global[")


def crate_of(name: str) -> str:
    if name.startswith("data segment") or name.startswith("data["):
        return "(data: strings, tables)"
    s = name
    # `<T as Trait>::f` → T; `<T>::f` → T.
    m = re.match(r"^<+(?:&(?:mut )?)?(?:dyn )?([^<>:\s]+)", s)
    if m:
        head = m.group(1)
    else:
        head = s.split("::", 1)[0]
    head = re.sub(r"\[[0-9a-f]+\]$", "", head)  # std's `dlmalloc[hash]`
    if "::" not in s and not s.startswith("<"):
        # A bare symbol: a wasm-bindgen export or shim, or a C function.
        if re.search(r"_[0-9a-f]{16}$", s):
            return "(exports: wasm-bindgen glue)"
        return "(other: bindgen shims, libc)"
    return head


def sizes(path: str) -> Counter:
    out = subprocess.run(["twiggy", "top", "-n", "1000000", "--format", "csv", path],
                         check=True, capture_output=True, text=True).stdout
    by_crate: Counter = Counter()
    for row in csv.DictReader(io.StringIO(out)):
        name = row.get("Name", "")
        if name.startswith(SKIP) or name.startswith("Σ") or name.startswith("..."):
            continue
        # wasm-bindgen's descriptors run at build time and are removed from the module it writes.
        if "WasmDescribe" in name or "__wbindgen_describe" in name or "::describe::" in name:
            continue
        by_crate[crate_of(name)] += int(row["ShallowSize"])
    return by_crate


def main() -> None:
    paths = sys.argv[1:]
    if not paths or len(paths) > 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    tables = [sizes(p) for p in paths]
    crates = sorted(set().union(*tables), key=lambda c: -max(t[c] for t in tables))
    head = "".join(f"{p.rsplit('/', 1)[-1][:24]:>26}" for p in paths)
    print(f"{'crate (code before wasm-opt, bytes)':<40}{head}" + (f"{'change':>12}" if len(paths) == 2 else ""))
    for c in crates:
        cells = "".join(f"{t[c]:>26,}" for t in tables)
        diff = f"{tables[1][c] - tables[0][c]:>+12,}" if len(paths) == 2 else ""
        if max(t[c] for t in tables) >= 512:
            print(f"{c:<40}{cells}{diff}")
    small = [c for c in crates if max(t[c] for t in tables) < 512]
    if small:
        cells = "".join(f"{sum(t[c] for c in small):>26,}" for t in tables)
        print(f"{f'({len(small)} more, each < 512 B)':<40}{cells}")
    cells = "".join(f"{sum(t.values()):>26,}" for t in tables)
    diff = f"{sum(tables[1].values()) - sum(tables[0].values()):>+12,}" if len(paths) == 2 else ""
    print(f"{'total':<40}{cells}{diff}")


if __name__ == "__main__":
    main()
