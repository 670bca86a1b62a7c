#!/usr/bin/env bash
# Installs stable-repl: bash Scripts/install.sh [PREFIX]
#
# Builds a release stable-repl (a few minutes on 2 cores) and copies it to PREFIX/bin
# (PREFIX defaults to ~/.local), with shell completions:
#   PREFIX/share/bash-completion/completions/stable-repl
#   PREFIX/share/zsh/site-functions/_stable-repl
#   PREFIX/share/fish/vendor_completions.d/stable-repl.fish
# STABLE_REPL_BIN=PATH installs that already built binary instead of building.
# Uninstall by removing those four files.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-$HOME/.local}"
if [[ -n "${STABLE_REPL_BIN:-}" ]]; then
    binary="$STABLE_REPL_BIN"
else
    swift build -c release --product stable-repl 2>&1 | grep -Ev "^(\[|Building|Build |Compiling|Write|Planning)" || true
    binary="$(swift build -c release --show-bin-path)/stable-repl"
fi
[[ -x "$binary" ]] || { echo "install.sh: no executable stable-repl at $binary" >&2; exit 1; }
mkdir -p "$prefix/bin" "$prefix/share/bash-completion/completions" \
    "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 0755 "$binary" "$prefix/bin/stable-repl"
"$prefix/bin/stable-repl" --generate-completion-script bash > "$prefix/share/bash-completion/completions/stable-repl"
"$prefix/bin/stable-repl" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_stable-repl"
"$prefix/bin/stable-repl" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/stable-repl.fish"
echo "installed $prefix/bin/stable-repl ($("$prefix/bin/stable-repl" --version))"
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "add $prefix/bin to your PATH to run it as stable-repl" ;;
esac
