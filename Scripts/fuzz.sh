#!/usr/bin/env bash
# Builds and runs the libFuzzer targets in Fuzz/ (no Package.swift involved).
#
#   Scripts/fuzz.sh TARGET [SECONDS] [libFuzzer args...]
#   Scripts/fuzz.sh all [SECONDS]        # every target, SECONDS each (default 60)
#   Scripts/fuzz.sh list                 # the available targets
#
# The library is compiled once with -sanitize=fuzzer,address into
# .build/fuzz/lib; each target is Fuzz/TARGET.swift plus the shared harness
# (Sources/StableTestSupport/FuzzHarness.swift), linked into .build/fuzz/bin.
# The corpus lives in .build/fuzz/corpus/TARGET, seeded from Fuzz/Seeds/TARGET,
# the regression corpus Fuzz/Corpus/TARGET and (when /work/shared/golden or ../shared/golden exists) from golden images.
# Crashes, timeouts and OOMs are written to .build/fuzz/artifacts/TARGET/;
# replay one with `.build/fuzz/bin/TARGET FILE`, then add it to
# Fuzz/Corpus/TARGET/ so `swift test` replays it.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/.build/fuzz"
SWIFTC="${SWIFTC:-swiftc}"
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g)

# Targets run by `all`.
ALL_TARGETS=(image_btreemap image_memory_manager image_structures ops_btreemap ops_structures cbor_value stableql candid_decoder)

usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

# Compiles the StableStructures module (and StableQL when a target needs it)
# unless the object is newer than every source.
build_library() {
    local module="$1"
    local dir="$OUT/lib"
    mkdir -p "$dir"
    local object="$dir/$module.o"
    if [[ -f "$object" ]] && [[ -z "$(find "Sources/$module" -name '*.swift' -newer "$object" | head -1)" ]] \
        && [[ "$module" == StableStructures || ! "$dir/StableStructures.o" -nt "$object" ]]; then
        return
    fi
    echo "fuzz.sh: compiling $module (fuzzer + address sanitizer)..." >&2
    local extra=()
    [[ "$module" == StableStructures ]] && extra+=(-enable-experimental-feature Extern)
    [[ "$module" != StableStructures ]] && extra+=(-I "$dir")
    # shellcheck disable=SC2046
    "$SWIFTC" "${FLAGS[@]}" -enable-testing -wmo -module-name "$module" "${extra[@]}" \
        -emit-module -emit-module-path "$dir/$module.swiftmodule" \
        -c $(find "Sources/$module" -name '*.swift' | sort) -o "$object"
}

build_target() {
    local target="$1"
    [[ -f "Fuzz/$target.swift" ]] || { echo "fuzz.sh: no target Fuzz/$target.swift" >&2; exit 2; }
    build_library StableStructures
    local objects=("$OUT/lib/StableStructures.o")
    # A target names extra modules (`// fuzz-modules: StableQL`) and its own
    # harness sources (`// fuzz-sources: PATH ...`); the default harness is
    # FuzzHarness.swift.
    local modules sources
    modules="$(sed -n 's|^// fuzz-modules: ||p' "Fuzz/$target.swift")"
    sources="$(sed -n 's|^// fuzz-sources: ||p' "Fuzz/$target.swift")"
    for module in $modules; do
        build_library "$module"
        objects+=("$OUT/lib/$module.o")
    done
    if [[ -z "$sources" ]]; then
        sources="Sources/StableTestSupport/FuzzHarness.swift Sources/StableTestSupport/SplitMix64.swift"
    fi
    mkdir -p "$OUT/bin"
    echo "fuzz.sh: linking $target..." >&2
    # shellcheck disable=SC2086
    "$SWIFTC" "${FLAGS[@]}" -module-name "FuzzTarget" -I "$OUT/lib" \
        "Fuzz/$target.swift" $sources "${objects[@]}" -o "$OUT/bin/$target"
}

# Golden images that make good starting points, per target.
golden_seeds() {
    case "$1" in
        image_btreemap) echo btree_u32_u64 btree_v1_u64_u64 btree_v1_migrated btree_u64_u64_5k btreeset_string btree_blob_blob btree_tuple_key ;;
        image_memory_manager) echo mm_mixed mm_reclaim ;;
        image_structures) echo cell_u64 cell_string vec_tuple_u64_u64 vec_bounded_blob20 minheap_u32 log_blob ;;
        *) ;;
    esac
}

seed_corpus() {
    local target="$1" corpus="$OUT/corpus/$1"
    mkdir -p "$corpus"
    if [[ -d "Fuzz/Seeds/$target" ]]; then cp -n "Fuzz/Seeds/$target"/* "$corpus"/ 2>/dev/null || true; fi
    if [[ -d "Fuzz/Corpus/$target" ]]; then cp -n "Fuzz/Corpus/$target"/* "$corpus"/ 2>/dev/null || true; fi
    local golden=""
    for candidate in "$ROOT/../shared/golden" /work/shared/golden; do
        [[ -d "$candidate" ]] && { golden="$candidate"; break; }
    done
    [[ -n "$golden" ]] || return 0
    for name in $(golden_seeds "$target"); do
        local source="$golden/$name.bin" dest="$corpus/golden-$name"
        [[ -f "$source" && ! -f "$dest" ]] || continue
        # At most 512 KiB, trailing zero bytes dropped (the harness pads with zeros).
        head -c 524288 "$source" > "$dest.tmp"
        if command -v python3 > /dev/null; then
            python3 -c 'import sys; p=sys.argv[1]; b=open(p,"rb").read().rstrip(b"\0"); open(p,"wb").write(b)' "$dest.tmp"
        fi
        mv "$dest.tmp" "$dest"
    done
}

run_target() {
    local target="$1" seconds="$2"
    shift 2
    build_target "$target"
    seed_corpus "$target"
    mkdir -p "$OUT/artifacts/$target"
    echo "fuzz.sh: running $target for $seconds s" >&2
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" \
        "$OUT/bin/$target" "$OUT/corpus/$target" \
        -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
        -artifact_prefix="$OUT/artifacts/$target/" -print_final_stats=1 "$@"
}

[[ $# -ge 1 ]] || usage
TARGET="$1"
SECONDS_EACH="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))

case "$TARGET" in
    -h|--help) usage ;;
    list) printf '%s\n' "${ALL_TARGETS[@]}" ;;
    all)
        failed=()
        for target in "${ALL_TARGETS[@]}"; do
            run_target "$target" "$SECONDS_EACH" "$@" || failed+=("$target")
        done
        if [[ ${#failed[@]} -gt 0 ]]; then
            echo "fuzz.sh: failures in: ${failed[*]} (see .build/fuzz/artifacts/)" >&2
            exit 1
        fi
        echo "fuzz.sh: all targets ran clean" >&2
        ;;
    *) run_target "$TARGET" "$SECONDS_EACH" "$@" ;;
esac
