#!/usr/bin/env bash
# The test command: installs what is missing, builds everything (our own
# targets must build without warnings), checks the library compiles for a
# canister (Embedded Swift, wasm32), builds the library's documentation
# (without warnings), and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift build --build-tests 2>&1 | tee "$log"
if grep -E "/(Sources|Tests)/[^ ]*: warning:" "$log" | grep -v "/\.build" >/dev/null; then
    echo "test.sh: the build has warnings (see above); this project builds without warnings" >&2
    exit 1
fi
bash Scripts/check-embedded.sh
# The library's DocC catalog (Sources/StableStructures/StableStructures.docc)
# must build without warnings: broken symbol links, unknown articles.
swift package generate-documentation --target StableStructures 2>&1 | tee "$log"
if grep -E "warning:|error:" "$log" >/dev/null; then
    echo "test.sh: the documentation has warnings (see above); it builds without warnings" >&2
    exit 1
fi
swift test --skip-build 2>&1
