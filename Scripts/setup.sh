#!/usr/bin/env bash
# Installs the system packages the project needs when they are missing:
# libedit-dev (line editing for stable-repl) and pkg-config (to find it).
set -euo pipefail
missing=()
dpkg -s libedit-dev >/dev/null 2>&1 || missing+=(libedit-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install ${missing[*]} (libedit and pkg-config) with your package manager" >&2
    exit 1
fi
echo "setup: installing ${missing[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
