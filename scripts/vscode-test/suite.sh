#!/usr/bin/env bash
# `npm run test:vscode`: the extension tests (tests/vscode/) in a real VS Code, offline.
# Installs the tools when missing (setup.sh, idempotent), packages the extension (`npm run package`),
# bundles the suite, and runs it with run.mjs against the INSTALLED .vsix in code-server + headless
# Chromium. Prints one line per test and `N passed, N failed`; exits non-zero on any failure.
# Extra arguments go to run.mjs (e.g. --keep-temp, --timeout 600, --screenshot /tmp/x.png).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
started=$SECONDS

bash scripts/vscode-test/setup.sh

OUT="$ROOT/.vscode-test/out"
mkdir -p "$OUT"
# One bundle, so the runner and the test files share one module registry; expected texts become strings.
node_modules/.bin/esbuild tests/vscode/index.ts --bundle --platform=node --format=cjs --target=node20 \
  --external:vscode --loader:.md=text --outfile="$OUT/index.js" --log-level=warning

# `npm run package` builds (minified) and writes storylint.vsix. Test what users install.
VSIX="$ROOT/storylint.vsix"
rm -f "$VSIX"
npm run --silent package >"$OUT/package.log" 2>&1 || { cat "$OUT/package.log"; echo "suite.sh: npm run package failed" >&2; exit 1; }
[ -f "$VSIX" ] || { cat "$OUT/package.log"; echo "suite.sh: npm run package wrote no $VSIX" >&2; exit 1; }
echo "[vscode-test] packaged $(basename "$VSIX") ($(du -k "$VSIX" | cut -f1) KB) after $((SECONDS - started)) s"

status=0
node scripts/vscode-test/run.mjs --vsix "$VSIX" --tests "$OUT/index.js" --workspace "$ROOT/tests/vscode/workspace" "$@" || status=$?
echo "[vscode-test] total $((SECONDS - started)) s"
exit $status
