#!/usr/bin/env bash
# Compiles the StableStructures library with Embedded Swift for wasm32, as a
# canister build would (with `-O`, as Examples/canister/build.sh and the wasm
# benchmark: it is cheaper than `-Osize` on every workload). Skips with a message if the toolchain lacks the
# embedded wasm32 standard library.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
probe="$out/probe.swift"
echo 'public func probe() -> Int { 1 }' > "$probe"
if ! swiftc -target wasm32-unknown-none-wasm -enable-experimental-feature Embedded -wmo -parse-as-library \
        -c "$probe" -o "$out/probe.o" >/dev/null 2>&1; then
    echo "check-embedded: skipped: this toolchain has no embedded wasm32 standard library"
    exit 0
fi
swiftc -target wasm32-unknown-none-wasm \
    -enable-experimental-feature Embedded -enable-experimental-feature Extern \
    -wmo -parse-as-library -O -module-name StableStructures \
    -emit-module -emit-module-path "$out/StableStructures.swiftmodule" \
    -c $(find Sources/StableStructures -name '*.swift' | sort) -o "$out/StableStructures.o"
echo "check-embedded: StableStructures compiles for wasm32-unknown-none-wasm with Embedded Swift"
swiftc -target wasm32-unknown-none-wasm \
    -enable-experimental-feature Embedded \
    -wmo -parse-as-library -O -module-name Candid \
    -c $(find Sources/Candid -name '*.swift' | sort) -o "$out/Candid.o"
echo "check-embedded: Candid compiles for wasm32-unknown-none-wasm with Embedded Swift"
