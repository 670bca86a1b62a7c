#!/usr/bin/env bash
# Builds everything (warnings are errors for our own targets) and runs the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
swift build --build-tests 2>&1 | tee "$log"
if grep -E "^/.*/(Sources|Tests)/.*: warning:" "$log" | grep -v "/.build/" >/dev/null; then
    echo "test.sh: the build has warnings (see above); the project builds without warnings" >&2
    exit 1
fi
bash Scripts/check-embedded.sh
swift test --skip-build 2>&1
