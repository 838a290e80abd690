#!/usr/bin/env bash
# Fuzzes cxzy-core (spec §9: no public entry point panics, on any input).
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]        default 60
#
# Environment:
#   FUZZ_TARGETS="framework result"   the targets to run (default: all six, in order)
#   FUZZ_TIMEOUT=10                   seconds one input may take before it counts as a hang
#
# Needs the nightly toolchain; installs cargo-fuzz when it is missing. One libFuzzer process at a
# time (one core). The corpus (fuzz/corpus/) and crashes (fuzz/artifacts/) stay out of git; a
# crash worth keeping is minimised with `cargo +nightly fuzz tmin TARGET ARTIFACT` and committed
# under fuzz/regressions/TARGET-NAME, which this script replays before fuzzing each target.
set -uo pipefail

SECONDS_PER_TARGET="${1:-60}"
case "$SECONDS_PER_TARGET" in
'' | *[!0-9]*)
    echo "usage: $0 [SECONDS_PER_TARGET]" >&2
    exit 2
    ;;
esac
TARGETS="${FUZZ_TARGETS:-reader framework assessment score_structured result round_open}"
TIMEOUT="${FUZZ_TIMEOUT:-10}"
MAX_LEN=65536

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ="$ROOT/fuzz"
cd "$FUZZ" || exit 1

if ! rustup toolchain list | grep -q '^nightly'; then
    echo "fuzz.sh: the nightly toolchain is needed (rustup toolchain install nightly)" >&2
    exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz"
    cargo install cargo-fuzz --locked || cargo install cargo-fuzz || exit 1
fi

# ---------------------------------------------------------------------------------------------
# Seed corpora from the repository's own JSON. Minified (jq), so that the built-in frameworks fit
# in -max_len; one still too long is also added without its zh-Hant/en texts and guidance.
# Array documents (branch inputs) and {"result", "previous"} wrappers are split into documents.

seed_one() { # seed_one DIR FILE
    local dir="$1" file="$2" name
    name="$(basename "$(dirname "$file")")-$(basename "$file" .json)"
    if ! command -v jq >/dev/null 2>&1; then
        cp -n "$file" "$dir/seed-$name"
        return
    fi
    local min
    min="$(jq -c . "$file" 2>/dev/null)" || {
        cp -n "$file" "$dir/seed-$name"
        return
    }
    printf '%s' "$min" >"$dir/seed-$name"
    if [ "${#min}" -gt "$MAX_LEN" ]; then
        jq -c 'del(.. | objects | .["zh-Hant"], .en, .guidance, .descriptor, .description)' \
            "$file" >"$dir/seed-$name-short"
    fi
    local i=0
    while IFS= read -r part; do
        printf '%s' "$part" >"$dir/seed-$name-$i"
        i=$((i + 1))
    done < <(jq -c 'if type == "array" then .[]
                    elif type == "object" and (has("result") or has("previous"))
                    then (.result // empty), (.previous // empty)
                    else empty end' "$file" 2>/dev/null)
}

seed() { # seed TARGET
    local dir="$FUZZ/corpus/$1" f
    mkdir -p "$dir"
    # Structured inputs: libFuzzer starts from nothing.
    case "$1" in score_structured | round_open) return ;; esac
    # The vectors of both versions, and the validation bases (version 2's holds every construct).
    for f in "$ROOT"/core/frameworks/json/*.json "$ROOT"/tests/vectors/*/*.json \
        "$ROOT"/tests/validation/bases/*.json; do
        [ -f "$f" ] && seed_one "$dir" "$f"
    done
}

# ---------------------------------------------------------------------------------------------

echo "== building fuzz targets (nightly, release + debug assertions + overflow checks, ASan)"
cargo +nightly fuzz build || exit 1

SUMMARY=()
FAILED=0
for target in $TARGETS; do
    seed "$target"
    mkdir -p "$FUZZ/artifacts/$target"
    log="$FUZZ/artifacts/$target.log"

    # Committed regressions first: they must not crash once the engine is fixed.
    regress="none"
    shopt -s nullglob
    cases=("$FUZZ"/regressions/"$target"-*)
    shopt -u nullglob
    if [ "${#cases[@]}" -gt 0 ]; then
        bad=0
        for c in "${cases[@]}"; do
            if ! cargo +nightly fuzz run "$target" "$c" -- -runs=1 >"$log.regress" 2>&1; then
                bad=$((bad + 1))
                echo "   regression still fails: $c"
            fi
        done
        regress="${#cases[@]} replayed, $bad still failing"
        [ "$bad" -gt 0 ] && FAILED=1
    fi

    # The engine this run fuzzes (cargo fuzz run rebuilds when core/ changed since the last build).
    rev="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
    if [ -n "$(git -C "$ROOT" status --porcelain -- core 2>/dev/null)" ]; then
        rev="$rev+dirty"
    fi
    echo "== fuzzing $target for ${SECONDS_PER_TARGET}s at $rev (log: ${log#"$ROOT"/})"
    start=$(date +%s)
    cargo +nightly fuzz run "$target" -- \
        -max_total_time="$SECONDS_PER_TARGET" -max_len="$MAX_LEN" -timeout="$TIMEOUT" \
        -print_final_stats=1 >"$log" 2>&1
    rc=$?
    took=$(($(date +%s) - start))

    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
    [ -z "$runs" ] && runs="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')"
    cov="$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1)"
    if [ "$rc" -eq 0 ]; then
        result="no crash"
    else
        FAILED=1
        artifact="$(grep -oE 'Test unit written to [^ ]+' "$log" | tail -1 | sed 's/Test unit written to //')"
        kind="$(grep -oE 'deadly signal|panicked at [^:]+:[0-9]+|ERROR: libFuzzer: [a-z-]+|out-of-memory|timeout' "$log" | head -1)"
        result="CRASH (${kind:-exit $rc}) ${artifact:+-> ${artifact#"$ROOT"/}}"
        grep -m1 -A2 'panicked at' "$log" | sed 's/^/   /'
    fi
    line="$(printf '%-17s %-13s %5ss  runs %-10s %-45s regressions: %s  %s' \
        "$target" "$rev" "$took" "${runs:-?}" "${cov:-cov: ?}" "$regress" "$result")"
    echo "$line"
    SUMMARY+=("$line")
done

echo
echo "== summary (${SECONDS_PER_TARGET}s per target)"
printf '%s\n' "${SUMMARY[@]}"
exit "$FAILED"
