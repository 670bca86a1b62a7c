#!/usr/bin/env bash
# The main job: installs what is missing, builds the shell, and runs the tour
# script (Examples/scripts/tour.sql) in it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build -c release --product stable-repl 2>&1 | grep -Ev "^(\[|Building|Build complete|Compiling|Write|Planning)" || true
exec .build/release/stable-repl Examples/scripts/tour.sql "$@"
