#!/usr/bin/env bash
# The main job: installs what is missing, builds the shell, and runs the tour
# script (Examples/scripts/tour.sql) in it.
#
# The shell is built in debug mode: an optimised build of the StableQL module
# currently takes very long and a lot of memory (every key/value type
# combination of the language is specialised), see the README.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build --product stable-repl 2>&1 | grep -Ev "^(\[|Building|Build |Compiling|Write|Planning)" || true
exec .build/debug/stable-repl Examples/scripts/tour.sql "$@"
