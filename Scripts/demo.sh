#!/usr/bin/env bash
# The main job: installs what is missing, builds the shell, and runs the tour
# script (Examples/scripts/tour.sql) in it.
#
# The shell is built in release mode: the optimised build takes a few
# minutes on a 2-core machine (3 to 5.5 minutes measured with other builds running).
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/setup.sh
swift build -c release --product stable-repl 2>&1 | grep -Ev "^(\[|Building|Build |Compiling|Write|Planning)" || true
exec "$(swift build -c release --show-bin-path)/stable-repl" Examples/scripts/tour.sql "$@"
