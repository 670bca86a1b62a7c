#!/usr/bin/env bash
# The library's cost in a canister: IC-weighted wasm instructions per
# operation for every workload of WORKLOADS.md (but the file one) on the
# canister's stable memory, plus the crate's canbench shape.
#
#   bash Scripts/wasm-bench.sh [WORKLOAD ...]      (none: all; `--list` names them)
#
# Builds Benchmarks/wasm with the library (Embedded Swift, wasm32, the flags
# of Examples/canister/build.sh), adds the IC's instruction counter
# (Benchmarks/wasm/ic_count.py), and runs each workload under wasmtime. One
# line per workload:
#   workload=NAME n=N ic_instructions_per_op=X system_calls_per_op=Y dirtied_pages_per_op=Z
#
# Environment: OPT=-Osize (default -O, as the canister) for the Swift optimisation level,
# WASM_BENCH_ARGS="--verbose" or "--n ID=N" passed to the runner,
# WASM_BENCH_MODULE=PATH to count a prebuilt, uninstrumented module instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/Benchmarks/wasm"

if [ "${1:-}" = "--list" ]; then exec python3 "$bench/ic_count.py" list; fi

# What the counter needs: wabt (wasm2wat, wat2wasm) and wasmtime's Python bindings.
if ! command -v wasm2wat >/dev/null || ! command -v wat2wasm >/dev/null; then
    echo "wasm-bench: installing wabt" >&2
    (apt-get install -y wabt >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y wabt >/dev/null; })
fi
if ! python3 -c 'import wasmtime' 2>/dev/null; then
    echo "wasm-bench: installing wasmtime (PyPI)" >&2
    pip install --quiet wasmtime 2>/dev/null || pip install --quiet --break-system-packages wasmtime
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -n "${WASM_BENCH_MODULE:-}" ]; then
    cp "$WASM_BENCH_MODULE" "$work/bench.wasm"
else
    OUTPUT="$work/bench.wasm" bash "$bench/build.sh" >&2
fi
python3 "$bench/ic_count.py" instrument "$work/bench.wasm" "$work/bench.counted.wasm"
# shellcheck disable=SC2086
python3 "$bench/ic_count.py" run "$work/bench.counted.wasm" ${WASM_BENCH_ARGS:-} "$@"
