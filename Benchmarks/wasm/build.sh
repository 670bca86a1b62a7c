#!/usr/bin/env bash
# Builds the benchmark module: the library and this folder's Swift files with
# Embedded Swift for wasm32 (the flags of Examples/canister/build.sh), its
# runtime.c, linked by wasm-ld. Used by Scripts/wasm-bench.sh and the tests.
#
#   OUTPUT=bench.wasm OPT=-O bash Benchmarks/wasm/build.sh      (OPT: -O, the default, or -Osize)
#
# Exits 3 when the toolchain has no embedded wasm32 library.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
output="${OUTPUT:-$root/.build/wasm-bench/bench.wasm}"
opt="${OPT:--O}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$output")"

flags=(-target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -enable-experimental-feature Extern
       -wmo -parse-as-library "$opt" -Xfrontend -disable-stack-protector)
echo 'public func probe() -> Int { 1 }' > "$work/probe.swift"
if ! swiftc "${flags[@]}" -c "$work/probe.swift" -o "$work/probe.o" >/dev/null 2>&1; then
    echo "build.sh: this toolchain has no embedded wasm32 standard library" >&2
    exit 3
fi
swiftc "${flags[@]}" -module-name StableStructures \
    -emit-module -emit-module-path "$work/StableStructures.swiftmodule" \
    -c $(find "$root/Sources/StableStructures" -name '*.swift' | sort) -o "$work/StableStructures.o"
swiftc "${flags[@]}" -module-name WasmBench -I "$work" -c "$here"/*.swift -o "$work/WasmBench.o"
clang --target=wasm32-unknown-unknown -O2 -mbulk-memory -ffreestanding -nostdlib \
    -c "$root/Examples/canister/runtime.c" -o "$work/runtime.o"
wasm-ld --no-entry --gc-sections ${STRIP:---strip-all} \
    "$work/WasmBench.o" "$work/StableStructures.o" "$work/runtime.o" -o "$output"
echo "build.sh: wrote $output ($(wc -c < "$output") bytes)"
