#!/usr/bin/env bash
# `npm run test:vscode`: the extension tests (tests/vscode/) in a real VS Code, offline.
# Installs the tools when missing (setup.sh, idempotent), packages the extension (`npm run package`),
# bundles the suite, and runs it with run.mjs against the INSTALLED .vsix in code-server + headless
# Chromium. Prints one line per test and `N passed, N failed`; exits non-zero on any failure.
# Extra arguments go to run.mjs (e.g. --keep-temp, --timeout 600, --screenshot /tmp/x.png).
#
# `npm run test:vscode:electron` (suite.sh --electron): the same suite in a desktop VS Code that
# @vscode/test-electron downloads (needs internet; on a Linux machine without display use xvfb-run -a),
# against the built extension folder (development path), via tests/vscode/electron.mjs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
started=$SECONDS

OUT="$ROOT/.vscode-test/out"
mkdir -p "$OUT"
# One bundle, so the runner and the test files share one module registry; expected texts become strings.
node_modules/.bin/esbuild tests/vscode/index.ts --bundle --platform=node --format=cjs --target=node20 \
  --external:vscode --loader:.md=text --outfile="$OUT/index.js" --log-level=warning

if [ "${1:-}" = --electron ]; then
  shift
  npm run --silent build
  exec node tests/vscode/electron.mjs --extension "$ROOT" --tests "$OUT/index.js" --workspace "$ROOT/tests/vscode/workspace" "$@"
fi

bash scripts/vscode-test/setup.sh

# `npm run package` builds (minified) and writes storylint.vsix. Test what users install.
VSIX="$ROOT/storylint.vsix"
rm -f "$VSIX"
npm run --silent package >"$OUT/package.log" 2>&1 || { cat "$OUT/package.log"; echo "suite.sh: npm run package failed" >&2; exit 1; }
[ -f "$VSIX" ] || { cat "$OUT/package.log"; echo "suite.sh: npm run package wrote no $VSIX" >&2; exit 1; }
echo "[vscode-test] packaged $(basename "$VSIX") ($(du -k "$VSIX" | cut -f1) KB) after $((SECONDS - started)) s"

# The extension suite, then (unless STORYLINT_VSCODE_UI=0) the Playwright UI test; each prints its own
# `N passed, N failed`, and the last line adds them up.
suite_status=0
node scripts/vscode-test/run.mjs --vsix "$VSIX" --tests "$OUT/index.js" --workspace "$ROOT/tests/vscode/workspace" "$@" \
  | tee "$OUT/suite.log" || suite_status=${PIPESTATUS[0]}
ui_status=0
if [ "${STORYLINT_VSCODE_UI:-1}" != 0 ]; then
  echo "[vscode-test] UI test (Playwright drives the workbench)"
  node tests/vscode/ui/ui-test.mjs --vsix "$VSIX" | tee "$OUT/ui.log" || ui_status=${PIPESTATUS[0]}
else
  : >"$OUT/ui.log"
fi
count() { grep -hoE '^[0-9]+ passed, [0-9]+ failed$' "$OUT/suite.log" "$OUT/ui.log" | awk -v k="$1" '{ n += (k == "passed" ? $1 : $3) } END { print n + 0 }'; }
passed=$(count passed)
failed=$(count failed)
if [ "$suite_status" != 0 ] || [ "$ui_status" != 0 ]; then [ "$failed" -gt 0 ] || failed=1; fi
echo "[vscode-test] total $((SECONDS - started)) s (suite exit $suite_status, UI exit $ui_status)"
echo "$passed passed, $failed failed"
[ "$suite_status" = 0 ] && [ "$ui_status" = 0 ]
