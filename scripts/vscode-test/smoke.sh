#!/usr/bin/env bash
# Proves the real-editor test infrastructure works: installs it (if needed), bundles the smoke
# suite (tests/vscode/smoke/suite.js + tests/vscode/runner.ts) and runs it in code-server + Chromium
# against the self-contained smoke extension. Extra arguments go to run.mjs (e.g. --screenshot x.png).
# STORYLINT_SMOKE_FAIL=1 adds a test that fails on purpose (the run must then exit non-zero).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

bash scripts/vscode-test/setup.sh

OUT="$ROOT/.vscode-test/smoke-build"
mkdir -p "$OUT"
"$ROOT/node_modules/.bin/esbuild" tests/vscode/smoke/suite.js \
  --bundle --platform=node --format=cjs --target=node20 --external:vscode \
  --outfile="$OUT/suite.js" --log-level=warning

exec node scripts/vscode-test/run.mjs \
  --extension "$ROOT/tests/vscode/smoke/extension" \
  --tests "$OUT/suite.js" \
  --workspace "$ROOT/tests/vscode/smoke/workspace" \
  "$@"
