#!/usr/bin/env bash
# Builds the example canister: StableStructures and Canister.swift compiled
# with Embedded Swift for wasm32, the runtime shim (runtime.c) with clang, and
# everything linked by wasm-ld into one module whose only imports are `ic0.*`.
#
#   bash Examples/canister/build.sh [OUTPUT.wasm]     (default: .build/canister/canister.wasm)
#
# Exits 3 with a message when the toolchain has no embedded wasm32 library.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
output="${1:-$root/.build/canister/canister.wasm}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$output")"

target=wasm32-unknown-none-wasm
swift_flags=(-target "$target" -enable-experimental-feature Embedded -enable-experimental-feature Extern
             -wmo -parse-as-library -O -Xfrontend -disable-stack-protector)

echo 'public func probe() -> Int { 1 }' > "$work/probe.swift"
if ! swiftc "${swift_flags[@]}" -c "$work/probe.swift" -o "$work/probe.o" >/dev/null 2>&1; then
    echo "build.sh: this toolchain has no embedded wasm32 standard library" >&2
    exit 3
fi

swiftc "${swift_flags[@]}" -module-name StableStructures \
    -emit-module -emit-module-path "$work/StableStructures.swiftmodule" \
    -c $(find "$root/Sources/StableStructures" -name '*.swift' | sort) -o "$work/StableStructures.o"
swiftc "${swift_flags[@]}" -module-name Canister -I "$work" \
    -c "$here/Canister.swift" -o "$work/Canister.o"
clang --target=wasm32-unknown-unknown -O2 -mbulk-memory -ffreestanding -nostdlib \
    -c "$here/runtime.c" -o "$work/runtime.o"

# The entry points carry their export names (`@_expose(wasm, ...)`), so wasm-ld exports them.
wasm-ld --no-entry --gc-sections ${STRIP:---strip-all} \
    "$work/Canister.o" "$work/StableStructures.o" "$work/runtime.o" -o "$output"
echo "build.sh: wrote $output ($(wc -c < "$output") bytes)"
