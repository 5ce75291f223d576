#!/usr/bin/env bash
# `npm run test:vscode`: the extension tests (tests/vscode/) in a real VS Code, offline.
# Installs the tools when missing (setup.sh, idempotent), packages the extension (`npm run package`),
# bundles the suite, and runs it with run.mjs against the INSTALLED .vsix in code-server + headless
# Chromium. Prints one line per test and `N passed, N failed`; exits non-zero on any failure.
# Extra arguments go to run.mjs (e.g. --keep-temp, --timeout 600, --screenshot /tmp/x.png).
#
# `npm run test:web` (suite.sh --web): the same test files, bundled for the browser, with the .vsix's
# browser build in code-server's web worker extension host (run.mjs --web); no UI test.
#
# `npm run test:vscode:electron` (suite.sh --electron): the same suite in a desktop VS Code that
# @vscode/test-electron downloads (needs internet; on a Linux machine without display use xvfb-run -a),
# against the built extension folder (development path), via tests/vscode/electron.mjs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
started=$SECONDS

MODE=node
case "${1:-}" in --web | --electron) MODE=${1#--}; shift ;; esac
OUT="$ROOT/.vscode-test/out"
BUNDLE="$OUT/index.js"
LOG="$OUT/suite.log"
WEB=()
if [ "$MODE" = web ]; then BUNDLE="$OUT/web/index.js"; LOG="$OUT/web-suite.log"; WEB=(--web); fi
mkdir -p "$(dirname "$BUNDLE")"
node scripts/vscode-test/bundle.mjs tests/vscode/index.ts "$BUNDLE" "${WEB[@]}"

if [ "$MODE" = electron ]; then
  npm run --silent build
  exec node tests/vscode/electron.mjs --extension "$ROOT" --tests "$BUNDLE" --workspace "$ROOT/tests/vscode/workspace" "$@"
fi

bash scripts/vscode-test/setup.sh

# `npm run package` builds (minified) and writes storylint.vsix, with the Node and the browser build. Test what users install.
VSIX="$ROOT/storylint.vsix"
rm -f "$VSIX"
npm run --silent package >"$OUT/package.log" 2>&1 || { cat "$OUT/package.log"; echo "suite.sh: npm run package failed" >&2; exit 1; }
[ -f "$VSIX" ] || { cat "$OUT/package.log"; echo "suite.sh: npm run package wrote no $VSIX" >&2; exit 1; }
echo "[vscode-test] packaged $(basename "$VSIX") ($(du -k "$VSIX" | cut -f1) KB) after $((SECONDS - started)) s"

# The extension suite, then (Node host only, unless STORYLINT_VSCODE_UI=0) the Playwright UI test; each
# prints its own `N passed, N failed`, and the last line adds them up.
suite_status=0
node scripts/vscode-test/run.mjs --vsix "$VSIX" --tests "$BUNDLE" --workspace "$ROOT/tests/vscode/workspace" "${WEB[@]}" "$@" \
  | tee "$LOG" || suite_status=${PIPESTATUS[0]}
ui_status=0
if [ "$MODE" = node ] && [ "${STORYLINT_VSCODE_UI:-1}" != 0 ]; then
  echo "[vscode-test] UI test (Playwright drives the workbench)"
  node tests/vscode/ui/ui-test.mjs --vsix "$VSIX" | tee "$OUT/ui.log" || ui_status=${PIPESTATUS[0]}
else
  : >"$OUT/ui.log"
fi
count() { grep -hoE '^[0-9]+ passed, [0-9]+ failed$' "$LOG" "$OUT/ui.log" | awk -v k="$1" '{ n += (k == "passed" ? $1 : $3) } END { print n + 0 }'; }
passed=$(count passed)
failed=$(count failed)
if [ "$suite_status" != 0 ] || [ "$ui_status" != 0 ]; then [ "$failed" -gt 0 ] || failed=1; fi
echo "[vscode-test] total $((SECONDS - started)) s (suite exit $suite_status, UI exit $ui_status)"
echo "$passed passed, $failed failed"
[ "$suite_status" = 0 ] && [ "$ui_status" = 0 ]
